"""Catalogue files: the shipped sample, JSON round trip, CSV problems per row, NFC."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from datetime import time
from pathlib import Path

import pytest

from counter_app.domain.catalog_format import (
    CSV_COLUMNS,
    ParsedCatalog,
    catalog_to_json,
    parse_catalog_csv,
    parse_catalog_file,
    parse_catalog_json,
)
from counter_app.domain.procedures import (
    ComponentSpec,
    CopyType,
    DurationUnit,
    FeeSpec,
    ProcedureSpec,
)
from counter_app.errors import ValidationError
from counter_app.text import fold

REPO = Path(__file__).parents[2]
SAMPLE = REPO / "resources" / "catalog" / "sample-procedures.json"
EXAMPLE_CSV = REPO / "resources" / "examples" / "catalog-example.csv"
REFERENCE = REPO.parent / "shared" / "data" / "procedures-reference.csv"


@pytest.fixture(scope="module")
def sample() -> ParsedCatalog:
    return parse_catalog_file(SAMPLE)


@pytest.fixture(scope="module")
def reference() -> dict[str, dict[str, str]]:
    if not REFERENCE.exists():
        pytest.skip(f"reference data not present at {REFERENCE} (shared folder not mounted)")
    with REFERENCE.open(encoding="utf-8-sig", newline="") as handle:
        return {row["code"]: row for row in csv.DictReader(handle) if row["code"]}


# -- the shipped sample ---------------------------------------------------------------------


def test_sample_parses_without_problems(sample: ParsedCatalog) -> None:
    assert sample.problems == ()
    assert len(sample.procedures) >= 30
    codes = [p.code for p in sample.procedures]
    assert len(set(codes)) == len(codes)


def test_sample_codes_and_names_are_the_real_ones(
    sample: ParsedCatalog, reference: dict[str, dict[str, str]]
) -> None:
    for spec in sample.procedures:
        row = reference.get(spec.code)
        assert row is not None, f"{spec.code} is not in the reference data (invented code?)"
        # Only rows the reference trusts, never the secondary/unconfirmed ones.
        assert row["confirmed"].split()[0] in ("yes", "partial"), spec.code
        assert spec.name == unicodedata.normalize("NFC", row["name"].strip()), spec.code
        assert spec.source.startswith(row["source"].split(" (")[0]), spec.code


def test_sample_covers_the_main_fields_cutoff_and_fees(
    sample: ParsedCatalog, reference: dict[str, dict[str, str]]
) -> None:
    fields = {fold(p.field) for p in sample.procedures}
    assert "ho tich" in fields
    assert "chung thuc" in fields
    assert any("cu tru" in f or "bao tro xa hoi" in f for f in fields)
    assert any(p.cutoff == time(15, 0) for p in sample.procedures)
    reference_has_fees = any(
        any(ch.isdigit() and ch != "0" for ch in row["fee_vnd"].split("(")[0])
        for row in reference.values()
    )
    if reference_has_fees:
        assert any(p.fee_total > 0 for p in sample.procedures)


def test_sample_follows_its_own_rules(sample: ParsedCatalog) -> None:
    by_code = {p.code: p for p in sample.procedures}
    birth = by_code["1.001193"]
    assert (birth.duration, birth.duration_unit, birth.cutoff) == (
        1,
        DurationUnit.DAYS,
        time(15, 0),
    )
    certify = by_code["2.000815"]
    assert certify.duration == 0 and certify.cutoff == time(15, 0)
    for spec in sample.procedures:
        for comp in spec.components:
            if "xuất trình" in comp.name and comp.name.startswith("Giấy tờ tùy thân"):
                assert not comp.required and not comp.must_digitize, (spec.code, comp.name)
            if "điện tử tương tác" in comp.name:
                assert comp.copy_type is CopyType.ELECTRONIC and not comp.required
    assert by_code["2.001159"].duration_unit is DurationUnit.HOURS


# -- JSON -------------------------------------------------------------------------------------


def test_json_round_trip_of_the_sample(sample: ParsedCatalog) -> None:
    again = parse_catalog_json(catalog_to_json(sample.procedures))
    assert again.problems == ()
    assert again.procedures == sample.procedures


def test_json_round_trip_of_every_field() -> None:
    spec = ProcedureSpec(
        code="2.001218.000.00.00.H38",
        name="Thủ tục thử",
        field="Hộ tịch",
        level="Cấp tỉnh",
        duration=4,
        duration_unit=DurationUnit.HOURS,
        cutoff=None,
        fees=(FeeSpec("Lệ phí", 8000, "LP01", "ghi chú\ndòng hai"), FeeSpec("Phí", 0)),
        components=(
            ComponentSpec("Tờ khai", CopyType.ELECTRONIC, 2, False, True, "TP01"),
            ComponentSpec("Giấy tờ", CopyType.CERTIFIED_COPY),
        ),
        field_code="G09-TP",
        source="owner/repo:path.json",
        note="một\nhai",
    )
    text = catalog_to_json([spec], note="mẫu")
    assert json.loads(text)["format"] == "counter-app/catalog@1"
    assert "Thủ tục thử" in text  # Vietnamese stays readable, not \u-escaped
    assert parse_catalog_json(text.encode("utf-8")) == ParsedCatalog((spec,), ())


def test_json_problems_are_reported_by_procedure_index() -> None:
    doc = {
        "procedures": [
            {"code": "1.001193", "name": "Tốt", "duration": 1},
            {"code": "1.00119", "name": "Mã sai", "duration": 1},
            "không phải đối tượng",
            {
                "code": "1.000656",
                "name": "Khai tử",
                "duration": 1.5,
                "components": [{"name": "A", "copy_type": "scan", "count": 0, "required": "yes"}],
            },
        ]
    }
    parsed = parse_catalog_json(json.dumps(doc))
    assert [p.code for p in parsed.procedures] == ["1.001193"]
    found = {(p.row, p.error_code) for p in parsed.problems}
    assert found == {
        (2, "E_CATALOG_CODE_FORMAT"),
        (3, "E_CATALOG_ROW_SHAPE"),
        (4, "E_CATALOG_DURATION"),
        (4, "E_CATALOG_COPY_TYPE"),
        (4, "E_CATALOG_COUNT"),
        (4, "E_CATALOG_FIELD_TYPE"),
    }
    assert all(p.code == "1.000656" for p in parsed.problems if p.row == 4)


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[]",
        '{"procedures": {}}',
        '{"format": "other@9", "procedures": []}',
        "42",
    ],
)
def test_json_of_the_wrong_shape_is_refused_whole(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_catalog_json(text)
    assert info.value.code == "E_CATALOG_FORMAT"


def test_json_without_procedures_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        parse_catalog_json('{"format": "counter-app/catalog@1", "procedures": []}')
    assert info.value.code == "E_CATALOG_EMPTY"


# -- CSV --------------------------------------------------------------------------------------

GOOD = {
    "code": "1.001193",
    "name": "Thủ tục đăng ký khai sinh",
    "field": "Hộ tịch",
    "level": "Cấp xã",
    "duration": "1",
    "duration_unit": "days",
    "cutoff": "15:00",
    "fee_vnd": "0",
    "fee_name": "Lệ phí",
    "components": "Tờ khai (original x1)",
    "source": "owner/repo:x.json",
}


def _csv(*rows: dict[str, str], bom: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**GOOD, **row})
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def test_example_csv_parses_cleanly() -> None:
    parsed = parse_catalog_file(EXAMPLE_CSV)
    assert parsed.problems == ()
    assert len(parsed.procedures) == 3
    residence = next(p for p in parsed.procedures if p.code == "1.004222")
    assert residence.fee_total == 20000
    assert [c.copy_type for c in residence.components] == [
        CopyType.ORIGINAL,
        CopyType.ORIGINAL,
        CopyType.CERTIFIED_COPY,
    ]
    assert residence.components[0].name == "Tờ khai thay đổi thông tin cư trú (mẫu CT01)"
    assert not residence.components[2].required and residence.components[2].must_digitize


def test_csv_good_row_with_bom_and_defaults() -> None:
    parsed = parse_catalog_csv(
        _csv(
            {
                "level": "",
                "duration_unit": "",
                "cutoff": "",
                "fee_vnd": "",
                "fee_name": "",
                "components": "",
            },
            bom=True,
        )
    )
    assert parsed.problems == ()
    (spec,) = parsed.procedures
    assert (spec.level, spec.duration_unit, spec.cutoff, spec.fees, spec.components) == (
        "Cấp xã",
        DurationUnit.DAYS,
        None,
        (),
        (),
    )


BAD_ROWS: list[tuple[dict[str, str], str]] = [
    ({"code": ""}, "E_CATALOG_CODE_MISSING"),
    ({"name": "  "}, "E_CATALOG_NAME_MISSING"),
    ({"code": "1.00119"}, "E_CATALOG_CODE_FORMAT"),
    ({"code": "1.001193.h38"}, "E_CATALOG_CODE_FORMAT"),
    ({"code": "1.001193."}, "E_CATALOG_CODE_FORMAT"),
    ({"duration": "-1"}, "E_CATALOG_DURATION"),
    ({"duration": "1.5"}, "E_CATALOG_DURATION"),
    ({"duration": ""}, "E_CATALOG_DURATION"),
    ({"duration_unit": "weeks"}, "E_CATALOG_UNIT"),
    ({"cutoff": "25:00"}, "E_CATALOG_CUTOFF"),
    ({"cutoff": "3pm"}, "E_CATALOG_CUTOFF"),
    ({"fee_vnd": "-5000"}, "E_CATALOG_FEE"),
    ({"fee_vnd": "năm nghìn"}, "E_CATALOG_FEE"),
    ({"components": "Tờ khai (photo x1)"}, "E_CATALOG_COPY_TYPE"),
    ({"components": "Tờ khai (original x0)"}, "E_CATALOG_COUNT"),
    ({"components": "Tờ khai; ; Giấy chứng sinh"}, "E_CATALOG_COMPONENT_NAME"),
    ({"components": "(original x1)"}, "E_CATALOG_COMPONENT_NAME"),
    ({"components": "Giấy chứng sinh (original x1; digitize)"}, "E_CATALOG_COMPONENT_SYNTAX"),
    ({"components": "Tờ khai (original, copy)"}, "E_CATALOG_COMPONENT_SYNTAX"),
    ({"name": "x" * 501}, "E_CATALOG_TOO_LONG"),
]


@pytest.mark.parametrize(("cells", "error_code"), BAD_ROWS)
def test_csv_bad_row_is_reported_and_good_rows_survive(
    cells: dict[str, str], error_code: str
) -> None:
    # Data rows: 1 good, 2 bad, 3 good — the bad one must not hide the others.
    bad = {"code": "2.000528", **cells}
    parsed = parse_catalog_csv(_csv(GOOD, bad, {"code": "1.000656", "name": "Khai tử"}))
    assert [p.code for p in parsed.procedures] == ["1.001193", "1.000656"]
    assert {p.error_code for p in parsed.problems} == {error_code}
    assert all(p.row == 2 and p.code == bad["code"] for p in parsed.problems)
    assert all(p.message for p in parsed.problems)


def test_csv_several_problems_each_with_row_and_code() -> None:
    parsed = parse_catalog_csv(
        _csv(
            GOOD,
            {"code": "1.000656", "duration": "-2", "cutoff": "15h"},
            {"code": "1.001193", "name": "Trùng mã"},
            {"code": "2.000815", "name": "Chứng thực", "duration": "0"},
        )
    )
    assert [p.code for p in parsed.procedures] == ["1.001193", "2.000815"]
    assert [(p.row, p.code, p.error_code) for p in parsed.problems] == [
        (2, "1.000656", "E_CATALOG_DURATION"),
        (2, "1.000656", "E_CATALOG_CUTOFF"),
        (3, "1.001193", "E_CATALOG_CODE_DUPLICATE"),
    ]
    assert "dòng 1" in parsed.problems[2].message


def test_csv_row_with_too_many_cells_is_a_problem() -> None:
    row = "1.001193,Khai sinh,Hộ tịch,Cấp xã,1,days,,0,Lệ phí,A,src,extra"
    text = ",".join(CSV_COLUMNS) + "\n" + row + "\n"
    parsed = parse_catalog_csv(text)
    assert parsed.procedures == ()
    assert [(p.row, p.code, p.error_code) for p in parsed.problems] == [
        (1, "1.001193", "E_CATALOG_ROW_SHAPE")
    ]


@pytest.mark.parametrize(
    "code", ["1.001193", "2.000528", "3.000323", "2.001218.000.00.00.H38", "1.000497.000.00.00.H29"]
)
def test_real_code_shapes_pass(code: str) -> None:
    assert parse_catalog_csv(_csv({"code": code})).problems == ()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Tờ khai", ComponentSpec("Tờ khai")),
        ("Tờ khai (bản sao × 3)", ComponentSpec("Tờ khai", CopyType.COPY, 3)),
        ("Tờ khai (x2, optional)", ComponentSpec("Tờ khai", count=2, required=False)),
        (
            "Bản sao (Bản sao chứng thực x1, không bắt buộc, số hóa, code=TP1)",
            ComponentSpec("Bản sao", CopyType.CERTIFIED_COPY, 1, False, True, "TP1"),
        ),
        (
            "Văn bản (được chứng thực) (BẢN ĐIỆN TỬ)",
            ComponentSpec("Văn bản (được chứng thực)", CopyType.ELECTRONIC),
        ),
        ("Văn bản (mẫu 01) ()", ComponentSpec("Văn bản (mẫu 01)")),
        ("Tờ khai (ban chinh, digitize);", ComponentSpec("Tờ khai", must_digitize=True)),
    ],
)
def test_component_mini_syntax(cell: str, expected: ComponentSpec) -> None:
    parsed = parse_catalog_csv(_csv({"components": cell}))
    assert parsed.problems == ()
    assert parsed.procedures[0].components == (expected,)


def test_csv_fee_with_thousands_separator() -> None:
    parsed = parse_catalog_csv(_csv({"fee_vnd": "20.000", "fee_name": ""}))
    assert parsed.procedures[0].fees == (FeeSpec("Lệ phí", 20000),)


def test_csv_missing_columns_and_bad_encoding_are_refused_whole() -> None:
    with pytest.raises(ValidationError) as info:
        parse_catalog_csv("code;name;field\n1.001193;Khai sinh;Hộ tịch\n")
    assert info.value.code == "E_CATALOG_FORMAT"
    with pytest.raises(ValidationError) as info:
        parse_catalog_csv(_csv().decode("utf-8").encode("utf-16"))
    assert info.value.code == "E_CATALOG_ENCODING"
    with pytest.raises(ValidationError) as info:
        parse_catalog_csv(_csv())
    assert info.value.code == "E_CATALOG_EMPTY"


# -- NFC and files ----------------------------------------------------------------------------


def test_nfd_input_comes_out_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Thủ tục đăng ký khai sinh")
    comp = unicodedata.normalize("NFD", "Giấy chứng sinh (bản chính × 1, số hóa)")
    assert nfd != "Thủ tục đăng ký khai sinh"
    from_csv = parse_catalog_csv(_csv({"name": nfd, "components": comp}))
    doc = {
        "procedures": [
            {
                "code": "1.001193",
                "name": nfd,
                "duration": 1,
                "components": [
                    {
                        "name": unicodedata.normalize("NFD", "Giấy chứng sinh"),
                        "copy_type": unicodedata.normalize("NFD", "bản sao"),
                    }
                ],
            }
        ]
    }
    from_json = parse_catalog_json(json.dumps(doc, ensure_ascii=False))
    for parsed in (from_csv, from_json):
        assert parsed.problems == ()
        (spec,) = parsed.procedures
        assert spec.name == "Thủ tục đăng ký khai sinh"
        assert spec.components[0].name == "Giấy chứng sinh"
        assert unicodedata.is_normalized("NFC", spec.name)
    assert from_csv.procedures[0].components[0].must_digitize
    assert from_json.procedures[0].components[0].copy_type is CopyType.COPY


def test_file_type_is_chosen_by_extension(tmp_path: Path) -> None:
    (tmp_path / "a.CSV").write_bytes(_csv(GOOD))
    assert len(parse_catalog_file(tmp_path / "a.CSV").procedures) == 1
    (tmp_path / "a.xlsx").write_bytes(b"PK")
    with pytest.raises(ValidationError) as info:
        parse_catalog_file(tmp_path / "a.xlsx")
    assert info.value.code == "E_CATALOG_TYPE"
    with pytest.raises(ValidationError) as info:
        parse_catalog_file(tmp_path / "missing.json")
    assert info.value.code == "E_CATALOG_READ"
