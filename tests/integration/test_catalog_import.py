"""Catalogue import: any mix of good and bad rows → every bad row reported, nothing imported."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.domain.catalog_format import parse_catalog_csv
from counter_app.services import catalog
from counter_app.services.catalog import CatalogRejected
from counter_app.services.context import SYSTEM, Core

HEADER = [
    "code",
    "name",
    "field",
    "level",
    "duration",
    "duration_unit",
    "cutoff",
    "fee_vnd",
    "fee_name",
    "components",
    "source",
]

# One way to break a row, and the problem code it must produce.
BREAKS = {
    "no_code": ("code", "", "E_CATALOG_CODE_MISSING"),
    "bad_code": ("code", "1-001193", "E_CATALOG_CODE_FORMAT"),
    "no_name": ("name", "", "E_CATALOG_NAME_MISSING"),
    "bad_duration": ("duration", "-2", "E_CATALOG_DURATION"),
    "bad_unit": ("duration_unit", "weeks", "E_CATALOG_UNIT"),
    "bad_cutoff": ("cutoff", "25:99", "E_CATALOG_CUTOFF"),
    "bad_fee": ("fee_vnd", "-5000", "E_CATALOG_FEE"),
    "bad_copy_type": ("components", "Tờ khai (photocopy)", "E_CATALOG_COPY_TYPE"),
}


def good_row(n: int) -> dict[str, str]:
    return {
        "code": f"1.{n:06d}",
        "name": f"Thủ tục thử số {n}",
        "field": "Hộ tịch",
        "level": "Cấp xã",
        "duration": str(n % 5),
        "duration_unit": "days",
        "cutoff": "15:00" if n % 2 else "",
        "fee_vnd": str(1000 * (n % 3)),
        "fee_name": "Lệ phí",
        "components": "Tờ khai (original x1); Giấy tờ (copy, optional)",
        "source": "tests",
    }


def to_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.none(), st.sampled_from(sorted(BREAKS))), min_size=1, max_size=12))
def test_every_bad_row_is_reported_by_number_and_code(plan: list[str | None]) -> None:
    rows = []
    for n, breakage in enumerate(plan, start=1):
        row = good_row(n)
        if breakage:
            column, value, _ = BREAKS[breakage]
            row[column] = value
        rows.append(row)
    parsed = parse_catalog_csv(to_csv(rows))
    expected = {(n, BREAKS[b][2]) for n, b in enumerate(plan, start=1) if b}
    assert {(p.row, p.error_code) for p in parsed.problems} == expected
    assert sorted(p.code for p in parsed.procedures) == sorted(
        f"1.{n:06d}" for n, b in enumerate(plan, start=1) if b is None
    )


def test_a_file_with_one_bad_row_imports_nothing(ready_core: Core) -> None:
    before = catalog.catalog_size(ready_core)
    rows = [good_row(101), good_row(102), {**good_row(103), "duration_unit": "weeks"}]
    with pytest.raises(CatalogRejected) as err:
        catalog.import_parsed(ready_core, SYSTEM, parse_catalog_csv(to_csv(rows)), source="x.csv")
    assert err.value.code == "E_CATALOG_REJECTED"
    assert "dòng 3" in err.value.message
    assert catalog.catalog_size(ready_core) == before
    assert catalog.get_procedure(ready_core, "1.000101") is None


def test_a_clean_file_adds_and_updates(ready_core: Core) -> None:
    before = catalog.catalog_size(ready_core)
    first = catalog.import_parsed(
        ready_core,
        SYSTEM,
        parse_catalog_csv(to_csv([good_row(201), good_row(202)])),
        source="a.csv",
    )
    changed = {**good_row(202), "name": "Thủ tục đã đổi tên"}
    second = catalog.import_parsed(
        ready_core, SYSTEM, parse_catalog_csv(to_csv([changed])), source="b.csv"
    )
    assert (first.added, first.updated, second.added, second.updated) == (2, 0, 0, 1)
    assert catalog.catalog_size(ready_core) == before + 2
    spec = catalog.get_procedure(ready_core, "1.000202")
    assert spec is not None and spec.name == "Thủ tục đã đổi tên"
    assert [c.required for c in spec.components] == [True, False]


def test_the_shipped_sample_catalogue_imports_and_is_searchable_without_accents(core: Core) -> None:
    report = catalog.import_file(core, SYSTEM, catalog.SAMPLE_CATALOG)
    assert report.added >= 25
    names = [p.name for p in catalog.list_procedures(core, "chung thuc")]
    assert names and all("Chứng thực" in n or "chứng thực" in n for n in names)
    assert [p.code for p in catalog.list_procedures(core, "1.001193")] == ["1.001193"]
