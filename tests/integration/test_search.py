"""Search-as-you-type: accent-insensitive (đ→d too), by name, ID, phone, code, procedure."""

from __future__ import annotations

import unicodedata

import pytest

from counter_app.services import dossiers
from counter_app.services.context import SYSTEM, Core
from tests.support.factories import register, vn


@pytest.fixture
def three(ready_core: Core) -> dict[str, str]:
    return {
        "duc": register(
            ready_core,
            name="Lê Hoàng Đức",
            id_number="036088004321",
            phone="0903111222",
            received_at=vn(2026, 11, 23, 8),
        ).code,
        "ngoc": register(
            ready_core,
            name="Trần Thị Bích Ngọc",
            id_number="079195001234",
            procedure="2.000815",
            phone="0987654321",
            received_at=vn(2026, 11, 23, 8, 30),
        ).code,
        "an": register(
            ready_core,
            name="Nguyễn Văn An",
            id_number="001090012345",
            received_at=vn(2026, 11, 23, 8, 45),
        ).code,
    }


def codes(core: Core, query: str) -> list[str]:
    return [r.code for r in dossiers.search(core, SYSTEM, query)]


def test_names_typed_without_accents_are_found(ready_core: Core, three: dict[str, str]) -> None:
    assert codes(ready_core, "hoang duc") == [three["duc"]]
    assert codes(ready_core, "DUC") == [three["duc"]]  # đ folds to d
    assert codes(ready_core, "bich ng") == [three["ngoc"]]  # prefix while typing
    assert codes(ready_core, unicodedata.normalize("NFD", "Ngọc")) == [three["ngoc"]]


def test_procedure_phone_and_code_are_found(ready_core: Core, three: dict[str, str]) -> None:
    assert codes(ready_core, "chung thuc") == [three["ngoc"]]
    assert codes(ready_core, "0987654321") == [three["ngoc"]]
    assert codes(ready_core, three["an"]) == [three["an"]]
    assert codes(ready_core, "000.00.01.H22-261123") == [three["an"], three["ngoc"], three["duc"]]


def test_id_number_is_found_by_exact_match_only(ready_core: Core, three: dict[str, str]) -> None:
    assert codes(ready_core, "036088004321") == [three["duc"]]
    assert codes(ready_core, "036088") == []  # IDs are not in the text index


def test_lists_mask_personal_data(ready_core: Core, three: dict[str, str]) -> None:
    row = dossiers.search(ready_core, SYSTEM, "ngoc")[0]
    assert row.holder_id_masked == "0791******34"
    assert row.phone_masked.endswith("321") and "0987" not in row.phone_masked


def test_paging_goes_further_back(ready_core: Core, three: dict[str, str]) -> None:
    first = dossiers.search(ready_core, SYSTEM, "", limit=2)
    rest = dossiers.search(ready_core, SYSTEM, "", limit=2, before_id=first[-1].id)
    assert [r.code for r in first + rest] == [three["an"], three["ngoc"], three["duc"]]


def test_search_strings_that_look_like_fts_syntax_are_harmless(
    ready_core: Core, three: dict[str, str]
) -> None:
    for query in ['"', "a OR b", "NEAR(x y)", "* ", "'; DROP TABLE dossiers; --", "ngoc)"]:
        dossiers.search(ready_core, SYSTEM, query)
    assert len(codes(ready_core, "")) == 3
