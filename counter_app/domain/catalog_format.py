"""Catalogue files (danh mục thủ tục): read JSON or CSV into `ProcedureSpec`s, write JSON back.

Everything here is pure except `parse_catalog_file`, which only reads the file's bytes. One bad
procedure does not hide the others: each mistake becomes a `RowProblem` with a stable code, good
procedures are still returned, and the import service refuses the whole file if there is any
problem, so one run shows the user every mistake. A file that cannot be read as a catalogue at
all (bad JSON, wrong shape, missing CSV columns, not UTF-8) raises `ValidationError` instead.

JSON, format ``counter-app/catalog@1`` (what `catalog_to_json` writes)::

    {"format": "counter-app/catalog@1", "note": "…", "procedures": [
      {"code": "1.001193", "name": "Thủ tục đăng ký khai sinh", "field": "Hộ tịch",
       "field_code": "", "level": "Cấp xã", "duration": 1, "duration_unit": "days",
       "cutoff": "15:00",
       "fees": [{"name": "Lệ phí đăng ký khai sinh", "amount_vnd": 0, "code": "",
                 "note": "Miễn phí"}],
       "components": [{"name": "Tờ khai đăng ký khai sinh", "copy_type": "original",
                       "count": 1, "required": true, "must_digitize": false, "code": ""}],
       "source": "owner/repo:path", "note": ""}]}

`code`, `name` and `duration` are mandatory; other keys default as in `ProcedureSpec`, unknown
keys are ignored (a later minor version may add some), and `format`, when present, must be the
one above. `duration` is a whole number ≥ 0 (0 = trả trong ngày), `duration_unit` is `days` or
`hours`, `cutoff` is "HH:MM" or null, `copy_type` is original | certified_copy | copy |
electronic (the Vietnamese words below are accepted too). `row` in a problem is the 1-based
index of the procedure in `procedures`.

CSV: UTF-8 with or without BOM, comma separated, a header row, then one row per procedure.
Columns ``code,name,field,level,duration,duration_unit,cutoff,fee_vnd,fee_name,components,
source`` (optional extra columns: ``field_code``, ``fee_note``, ``note``). `row` in a problem
counts data rows from 1, so data row 1 is spreadsheet row 2.

- ``duration``: whole number ≥ 0; ``duration_unit``: days | hours, or ngày | giờ (làm việc);
  empty = days. ``level`` empty = "Cấp xã". ``cutoff``: HH:MM or empty.
- ``fee_vnd``: empty = no fee; else whole VND, thousands may be grouped with "." "," or a space
  (``20.000``). ``fee_name`` defaults to "Lệ phí".
- ``components``: items separated by ``;`` (a name cannot contain ``;``)::

      Name (spec); Name (spec); Name

  An item is a name, optionally followed by ONE parenthesised spec at its very end. The spec is
  comma-separated tokens in any order; case and accents do not matter:

  ``original`` | ``certified_copy`` | ``copy`` | ``electronic`` — or ``bản chính`` |
  ``bản sao chứng thực`` | ``bản sao`` | ``bản điện tử``: the copy type (default original),
  optionally followed by the count: ``original x2``, ``bản sao × 2``;
  ``x2`` / ``×2`` alone: the count (default 1);
  ``optional`` / ``không bắt buộc``: not required (default required);
  ``digitize`` / ``số hóa``: must be digitized (default not);
  ``code=ABC``: the component's own code.

  The trailing parenthesis is always read as the spec, so a name that itself ends with a
  parenthesis needs a spec after it: ``Văn bản ủy quyền (được chứng thực) (original)``.
  Parentheses in a name must balance (a ``;`` typed inside a spec would otherwise cut the item
  in two silently).
  Example: ``Tờ khai (original x1); Giấy chứng sinh (bản chính × 1, digitize);
  Văn bản ủy quyền (certified_copy, optional)``.

Row error codes: E_CATALOG_CODE_MISSING, E_CATALOG_CODE_FORMAT, E_CATALOG_CODE_DUPLICATE,
E_CATALOG_NAME_MISSING, E_CATALOG_DURATION, E_CATALOG_UNIT, E_CATALOG_CUTOFF, E_CATALOG_FEE,
E_CATALOG_COPY_TYPE, E_CATALOG_COUNT, E_CATALOG_COMPONENT_NAME, E_CATALOG_COMPONENT_SYNTAX,
E_CATALOG_TOO_LONG, E_CATALOG_FIELD_TYPE, E_CATALOG_ROW_SHAPE. Whole-file codes (raised):
E_CATALOG_TYPE, E_CATALOG_READ, E_CATALOG_TOO_LARGE, E_CATALOG_ENCODING, E_CATALOG_FORMAT,
E_CATALOG_EMPTY.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any

from counter_app.domain.procedures import (
    ComponentSpec,
    CopyType,
    DurationUnit,
    FeeSpec,
    ProcedureSpec,
)
from counter_app.errors import ValidationError
from counter_app.text import clean, fold

CATALOG_FORMAT = "counter-app/catalog@1"
CSV_COLUMNS = (
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
)
CSV_OPTIONAL_COLUMNS = ("field_code", "fee_note", "note")

# National codes look like 1.001193; a province appends segments (2.001218.000.00.00.H38).
# Each segment must be non-empty, so "1.001193." or "1.001193..X" are typing mistakes.
CODE_PATTERN = re.compile(r"^\d\.\d{6}(?:\.[0-9A-Z]+)*$")

# Limits follow the database columns (PostgreSQL enforces VARCHAR lengths, SQLite does not),
# so a file that parses here also stores on either engine.
MAX_CODE = 60
MAX_NAME = 500
MAX_FIELD = 200
MAX_LEVEL = 60
MAX_FEE_NAME = 300
MAX_SOURCE = 2000
MAX_NOTE = 4000
MAX_COMPONENTS = 100
MAX_FEES = 20
MAX_DURATION = 999
MAX_COUNT = 99
MAX_FEE_VND = 1_000_000_000
MAX_FILE_BYTES = 50 * 1024 * 1024
DEFAULT_LEVEL = "Cấp xã"
DEFAULT_FEE_NAME = "Lệ phí"

_UNITS = {
    "days": DurationUnit.DAYS,
    "ngay": DurationUnit.DAYS,
    "ngay lam viec": DurationUnit.DAYS,
    "hours": DurationUnit.HOURS,
    "gio": DurationUnit.HOURS,
    "gio lam viec": DurationUnit.HOURS,
}
_COPY_TYPES = {
    "original": CopyType.ORIGINAL,
    "ban chinh": CopyType.ORIGINAL,
    "certified_copy": CopyType.CERTIFIED_COPY,
    "certified copy": CopyType.CERTIFIED_COPY,
    "ban sao chung thuc": CopyType.CERTIFIED_COPY,
    "ban sao co chung thuc": CopyType.CERTIFIED_COPY,
    "copy": CopyType.COPY,
    "ban sao": CopyType.COPY,
    "ban chup": CopyType.COPY,
    "electronic": CopyType.ELECTRONIC,
    "ban dien tu": CopyType.ELECTRONIC,
}
_OPTIONAL_WORDS = {"optional", "khong bat buoc"}
_REQUIRED_WORDS = {"required", "bat buoc"}
_DIGITIZE_WORDS = {"digitize", "so hoa"}
_CUTOFF = re.compile(r"^(\d{1,2}):(\d{2})$")
_INTEGER = re.compile(r"^-?\d+$")
# 20.000 / 20,000 / 20 000, one separator kind throughout, so "1.000,5" is refused.
_GROUPED = re.compile(r"^-?\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$")
_SPEC_AT_END = re.compile(r"\(([^()]*)\)\s*$")
_COUNT_AT_END = re.compile(r"(?:^|\s)[x×]\s*(\S+)$", re.IGNORECASE)
# The usual cause of a strange copy type in CSV: a name that ends with its own parenthesis.
_PAREN_HINT = (
    " Nếu phần trong ngoặc cuối là một phần của tên giấy tờ, ghi thêm ngoặc "
    "loại bản sau nó, ví dụ: Tờ khai (mẫu CT01) (original)."
)
_CODE_TOKEN = re.compile(r"^(?:code|mã|ma)\s*=\s*(.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class RowProblem:
    """One mistake in one procedure of a catalogue file."""

    row: int  # 1-based CSV data row, or 1-based index in the JSON `procedures` list
    code: str  # the procedure's code when it could be read, else ""
    error_code: str
    message: str  # Vietnamese, shown to the user


@dataclass(frozen=True)
class ParsedCatalog:
    procedures: tuple[ProcedureSpec, ...]
    problems: tuple[RowProblem, ...]


class _Row:
    """The problems of one procedure: all are collected, so the user fixes them in one pass."""

    def __init__(self, row: int) -> None:
        self.row = row
        self.code = ""
        self.problems: list[RowProblem] = []

    def fail(self, error_code: str, message: str) -> None:
        self.problems.append(RowProblem(self.row, self.code, error_code, message))


class _Collector:
    """Keeps good procedures, gathers problems and catches codes used twice in one file."""

    def __init__(self) -> None:
        self.procedures: list[ProcedureSpec] = []
        self.problems: list[RowProblem] = []
        self.first_row: dict[str, int] = {}

    def add(self, row: _Row, spec: ProcedureSpec | None) -> None:
        if row.code and CODE_PATTERN.match(row.code):
            first = self.first_row.setdefault(row.code, row.row)
            if first != row.row:
                row.fail(
                    "E_CATALOG_CODE_DUPLICATE",
                    f"Mã thủ tục {row.code} đã có ở dòng {first}; mỗi mã chỉ được một dòng.",
                )
        self.problems.extend(row.problems)
        if spec is not None and not row.problems:
            self.procedures.append(spec)

    def result(self, rows_seen: int) -> ParsedCatalog:
        if rows_seen == 0:
            raise ValidationError(
                "E_CATALOG_EMPTY",
                "Tệp danh mục không có thủ tục nào.",
                hint="Kiểm tra lại tệp: cần ít nhất một thủ tục.",
            )
        return ParsedCatalog(tuple(self.procedures), tuple(self.problems))


# -- field readers shared by JSON and CSV ------------------------------------------------------


def _text(row: _Row, value: object, label: str, limit: int, *, multiline: bool = False) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        row.fail("E_CATALOG_FIELD_TYPE", f"{label} phải là chuỗi ký tự.")
        return ""
    text = clean(value, multiline=multiline)
    if len(text) > limit:
        row.fail("E_CATALOG_TOO_LONG", f"{label} dài {len(text)} ký tự; tối đa {limit}.")
    return text


def _whole_number(value: object) -> int | None:
    """An int from a JSON number or a CSV cell; None when it is not a whole number."""
    if isinstance(value, bool):  # JSON true is an int to Python, never a count
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _INTEGER.match(value.strip()):
        return int(value.strip())
    return None


def _code_and_name(row: _Row, code_value: object, name_value: object) -> tuple[str, str]:
    code = _text(row, code_value, "Mã thủ tục", MAX_CODE)
    row.code = code
    if not code:
        row.fail("E_CATALOG_CODE_MISSING", "Thiếu mã thủ tục.")
    elif not CODE_PATTERN.match(code):
        row.fail(
            "E_CATALOG_CODE_FORMAT",
            f"Mã thủ tục '{code}' không đúng dạng: cần như 1.001193 hoặc "
            f"2.001218.000.00.00.H38 (chữ in hoa).",
        )
    name = _text(row, name_value, "Tên thủ tục", MAX_NAME)
    if not name:
        row.fail("E_CATALOG_NAME_MISSING", "Thiếu tên thủ tục.")
    return code, name


def _duration(row: _Row, value: object) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        # No silent default: a guessed time would print a wrong appointment date.
        row.fail("E_CATALOG_DURATION", "Thiếu thời hạn giải quyết (ghi 0 nếu trả trong ngày).")
        return 0
    number = _whole_number(value)
    if number is None or not 0 <= number <= MAX_DURATION:
        row.fail(
            "E_CATALOG_DURATION",
            f"Thời hạn giải quyết '{value}' không hợp lệ: cần số nguyên từ 0 đến "
            f"{MAX_DURATION} (0 = trả trong ngày).",
        )
        return 0
    return number


def _unit(row: _Row, value: object) -> DurationUnit:
    if value is None or (isinstance(value, str) and not value.strip()):
        return DurationUnit.DAYS
    unit = _UNITS.get(fold(value)) if isinstance(value, str) else None
    if unit is None:
        row.fail(
            "E_CATALOG_UNIT",
            f"Đơn vị thời hạn '{value}' không hợp lệ: dùng days (ngày làm việc) "
            f"hoặc hours (giờ làm việc).",
        )
        return DurationUnit.DAYS
    return unit


def _cutoff(row: _Row, value: object) -> time | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    match = _CUTOFF.match(value.strip()) if isinstance(value, str) else None
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        row.fail(
            "E_CATALOG_CUTOFF",
            f"Giờ tiếp nhận muộn nhất '{value}' không hợp lệ: cần dạng HH:MM, ví dụ 15:00.",
        )
        return None
    return time(int(match[1]), int(match[2]))


def _amount(value: object) -> int | None:
    if isinstance(value, str):
        text = value.strip()
        if _GROUPED.match(text):
            text = re.sub(r"[.,\s]", "", text)
        return _whole_number(text)
    return _whole_number(value)


def _fee(
    row: _Row, position: int, name: object, amount: object, code: object, note: object
) -> FeeSpec | None:
    label = f"Khoản phí số {position}"
    before = len(row.problems)
    fee_name = _text(row, name, f"Tên {label.lower()}", MAX_FEE_NAME) or DEFAULT_FEE_NAME
    number = _amount(amount)
    if number is None:
        row.fail(
            "E_CATALOG_FEE",
            f"{label} ('{fee_name}'): số tiền '{amount}' không hợp lệ; "
            f"ghi số nguyên đồng, ví dụ 8000 hoặc 8.000 (0 nếu miễn phí).",
        )
    elif number < 0:
        row.fail("E_CATALOG_FEE", f"{label} ('{fee_name}'): số tiền không được âm ({number}).")
    elif number > MAX_FEE_VND:
        row.fail("E_CATALOG_FEE", f"{label} ('{fee_name}'): số tiền {number} quá lớn.")
    fee_code = _text(row, code, f"Mã {label.lower()}", MAX_CODE)
    fee_note = _text(row, note, f"Ghi chú {label.lower()}", MAX_NOTE, multiline=True)
    if len(row.problems) > before or number is None:
        return None
    return FeeSpec(fee_name, number, fee_code, fee_note)


def _copy_type(row: _Row, label: str, value: object, hint: str = "") -> CopyType:
    if value is None or (isinstance(value, str) and not value.strip()):
        return CopyType.ORIGINAL
    copy_type = _COPY_TYPES.get(fold(value)) if isinstance(value, str) else None
    if copy_type is None:
        row.fail(
            "E_CATALOG_COPY_TYPE",
            f"{label}: loại bản '{value}' không hợp lệ; dùng original (bản chính), "
            f"certified_copy (bản sao chứng thực), copy (bản sao) hoặc "
            f"electronic (bản điện tử).{hint}",
        )
        return CopyType.ORIGINAL
    return copy_type


def _count(row: _Row, label: str, value: object) -> int:
    if value is None:
        return 1
    number = _whole_number(value)
    if number is None or not 1 <= number <= MAX_COUNT:
        row.fail(
            "E_CATALOG_COUNT",
            f"{label}: số lượng '{value}' không hợp lệ; cần số nguyên từ 1 đến {MAX_COUNT}.",
        )
        return 1
    return number


def _flag(row: _Row, label: str, what: str, value: object, default: bool) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        row.fail("E_CATALOG_FIELD_TYPE", f"{label}: '{what}' phải là true hoặc false.")
        return default
    return value


def _component(
    row: _Row, position: int, fields: Mapping[str, object], *, copy_hint: str = ""
) -> ComponentSpec | None:
    before = len(row.problems)
    name = _text(row, fields.get("name"), f"Tên thành phần hồ sơ số {position}", MAX_NAME)
    label = f"Thành phần hồ sơ số {position}" + (f" ('{name[:60]}')" if name else "")
    if not name:
        row.fail("E_CATALOG_COMPONENT_NAME", f"{label}: thiếu tên giấy tờ.")
    copy_type = _copy_type(row, label, fields.get("copy_type"), copy_hint)
    count = _count(row, label, fields.get("count"))
    required = _flag(row, label, "required", fields.get("required"), True)
    must_digitize = _flag(row, label, "must_digitize", fields.get("must_digitize"), False)
    code = _text(row, fields.get("code"), f"Mã của {label.lower()}", MAX_CODE)
    if len(row.problems) > before:
        return None
    return ComponentSpec(name, copy_type, count, required, must_digitize, code)


def _too_many(row: _Row, items: Sequence[object], limit: int, what: str) -> bool:
    if len(items) > limit:
        row.fail("E_CATALOG_TOO_LONG", f"Có {len(items)} {what}; tối đa {limit}.")
        return True
    return False


# -- JSON ---------------------------------------------------------------------------------------


def _decode(data: bytes | str) -> str:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(
                "E_CATALOG_ENCODING",
                "Tệp danh mục không phải mã UTF-8.",
                hint="Trong Excel chọn Lưu dưới dạng 'CSV UTF-8'; trình soạn thảo: lưu UTF-8.",
                position=exc.start,
            ) from exc
    return data.removeprefix("\ufeff")


def _list_of(row: _Row, value: object, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        row.fail("E_CATALOG_FIELD_TYPE", f"'{what}' phải là một danh sách […].")
        return []
    return value


def _procedure_from_json(row: _Row, item: Mapping[str, Any]) -> ProcedureSpec | None:
    code, name = _code_and_name(row, item.get("code"), item.get("name"))
    duration = _duration(row, item.get("duration"))
    unit = _unit(row, item.get("duration_unit"))
    cutoff = _cutoff(row, item.get("cutoff"))
    fees: list[FeeSpec | None] = []
    raw_fees = _list_of(row, item.get("fees"), "fees")
    if not _too_many(row, raw_fees, MAX_FEES, "khoản phí"):
        for position, fee in enumerate(raw_fees, 1):
            if not isinstance(fee, dict):
                row.fail(
                    "E_CATALOG_FIELD_TYPE", f"Khoản phí số {position} phải là đối tượng {{…}}."
                )
                continue
            fees.append(
                _fee(
                    row,
                    position,
                    fee.get("name"),
                    fee.get("amount_vnd"),
                    fee.get("code"),
                    fee.get("note"),
                )
            )
    components: list[ComponentSpec | None] = []
    raw_components = _list_of(row, item.get("components"), "components")
    if not _too_many(row, raw_components, MAX_COMPONENTS, "thành phần hồ sơ"):
        for position, comp in enumerate(raw_components, 1):
            if not isinstance(comp, dict):
                row.fail(
                    "E_CATALOG_FIELD_TYPE",
                    f"Thành phần hồ sơ số {position} phải là đối tượng {{…}}.",
                )
                continue
            components.append(_component(row, position, comp))
    level = item.get("level", DEFAULT_LEVEL)
    spec = ProcedureSpec(
        code=code,
        name=name,
        field=_text(row, item.get("field"), "Lĩnh vực", MAX_FIELD),
        level=_text(row, level, "Cấp thực hiện", MAX_LEVEL),
        duration=duration,
        duration_unit=unit,
        cutoff=cutoff,
        fees=tuple(f for f in fees if f is not None),
        components=tuple(c for c in components if c is not None),
        field_code=_text(row, item.get("field_code"), "Mã lĩnh vực", MAX_CODE),
        source=_text(row, item.get("source"), "Nguồn", MAX_SOURCE),
        note=_text(row, item.get("note"), "Ghi chú", MAX_NOTE, multiline=True),
    )
    return None if row.problems else spec


def parse_catalog_json(data: bytes | str) -> ParsedCatalog:
    """A `counter-app/catalog@1` document (see the module docstring) → procedures + problems."""
    try:
        doc = json.loads(_decode(data))
    except json.JSONDecodeError as exc:
        raise ValidationError(
            "E_CATALOG_FORMAT",
            f"Tệp JSON bị lỗi cú pháp ở dòng {exc.lineno}, cột {exc.colno}.",
            hint="Mở tệp bằng trình soạn thảo và sửa chỗ đó (thường là thiếu dấu phẩy/ngoặc).",
            detail=exc.msg,
        ) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("procedures"), list):
        raise ValidationError(
            "E_CATALOG_FORMAT",
            'Tệp JSON không phải danh mục thủ tục: cần đối tượng có khóa "procedures" '
            "là danh sách.",
            hint=f'Xem mẫu: {{"format": "{CATALOG_FORMAT}", "procedures": [ … ]}}.',
        )
    declared = doc.get("format")
    if declared is not None and declared != CATALOG_FORMAT:
        raise ValidationError(
            "E_CATALOG_FORMAT",
            f"Định dạng danh mục '{declared}' không được hỗ trợ; phần mềm đọc {CATALOG_FORMAT}.",
            hint="Cập nhật phần mềm hoặc xuất lại danh mục theo định dạng này.",
        )
    collector = _Collector()
    for index, item in enumerate(doc["procedures"], 1):
        row = _Row(index)
        spec = None
        if isinstance(item, dict):
            spec = _procedure_from_json(row, item)
        else:
            row.fail("E_CATALOG_ROW_SHAPE", "Mỗi thủ tục phải là một đối tượng JSON {…}.")
        collector.add(row, spec)
    return collector.result(len(doc["procedures"]))


def procedure_to_dict(spec: ProcedureSpec) -> dict[str, Any]:
    return {
        "code": spec.code,
        "name": spec.name,
        "field": spec.field,
        "field_code": spec.field_code,
        "level": spec.level,
        "duration": spec.duration,
        "duration_unit": spec.duration_unit.value,
        "cutoff": spec.cutoff.strftime("%H:%M") if spec.cutoff else None,
        "fees": [
            {"name": f.name, "amount_vnd": f.amount_vnd, "code": f.code, "note": f.note}
            for f in spec.fees
        ],
        "components": [
            {
                "name": c.name,
                "copy_type": c.copy_type.value,
                "count": c.count,
                "required": c.required,
                "must_digitize": c.must_digitize,
                "code": c.code,
            }
            for c in spec.components
        ],
        "source": spec.source,
        "note": spec.note,
    }


def catalog_to_json(procs: Iterable[ProcedureSpec], *, note: str = "") -> str:
    """The inverse of `parse_catalog_json`: UTF-8 text (not ASCII-escaped), one key per line."""
    doc: dict[str, Any] = {"format": CATALOG_FORMAT}
    if note:
        doc["note"] = note
    doc["procedures"] = [procedure_to_dict(p) for p in procs]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# -- CSV ----------------------------------------------------------------------------------------


def _spec_tokens(row: _Row, label: str, spec: str) -> dict[str, object] | None:
    """The tokens of one component's "(…)" spec → the fields `_component` reads."""
    fields: dict[str, object] = {}
    for raw in spec.split(","):
        token = clean(raw)
        if not token:
            continue
        key = fold(token)
        code = _CODE_TOKEN.match(token)
        if key in _OPTIONAL_WORDS or key in _REQUIRED_WORDS:
            fields["required"] = key in _REQUIRED_WORDS
        elif key in _DIGITIZE_WORDS:
            fields["must_digitize"] = True
        elif code is not None:
            fields["code"] = code[1]
        else:
            count = _COUNT_AT_END.search(token)
            if count is not None:
                if "count" in fields:
                    row.fail("E_CATALOG_COMPONENT_SYNTAX", f"{label}: số lượng ghi hai lần.")
                    return None
                fields["count"] = count[1]
                token = token[: count.start()].strip()
            if token:
                if "copy_type" in fields:
                    row.fail(
                        "E_CATALOG_COMPONENT_SYNTAX",
                        f"{label}: ghi hai loại bản ('{fields['copy_type']}', '{token}').",
                    )
                    return None
                # Anything else is read as the copy type, so a typo is reported, not dropped.
                fields["copy_type"] = token
    return fields


def _unbalanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return True
    return depth != 0


def _components_from_cell(row: _Row, cell: str) -> list[ComponentSpec | None]:
    items = cell.split(";")
    if items and not items[-1].strip():
        items.pop()  # "A; B;" is a common habit, not a missing name
    if _too_many(row, items, MAX_COMPONENTS, "thành phần hồ sơ"):
        return []
    out: list[ComponentSpec | None] = []
    for position, item in enumerate(items, 1):
        text = clean(item)
        match = _SPEC_AT_END.search(text)
        name = text[: match.start()].strip() if match else text
        label = f"Thành phần hồ sơ số {position}" + (f" ('{name[:60]}')" if name else "")
        if _unbalanced(name):
            # Usually a ";" typed inside a spec, which cut one item in two: say so, not guess.
            row.fail(
                "E_CATALOG_COMPONENT_SYNTAX",
                f"{label}: dấu ngoặc không khớp. Các ý trong ngoặc cách nhau bằng dấu phẩy, "
                f"không dùng dấu chấm phẩy, ví dụ: (bản chính × 1, số hóa).",
            )
            out.append(None)
            continue
        fields = _spec_tokens(row, label, match[1]) if match else {}
        if fields is None:
            out.append(None)
            continue
        fields["name"] = name
        out.append(_component(row, position, fields, copy_hint=_PAREN_HINT))
    return out


def _procedure_from_csv(row: _Row, cells: Mapping[str, str]) -> ProcedureSpec | None:
    code, name = _code_and_name(row, cells["code"], cells["name"])
    duration = _duration(row, cells["duration"])
    unit = _unit(row, cells["duration_unit"])
    cutoff = _cutoff(row, cells["cutoff"])
    fees: list[FeeSpec | None] = []
    if cells["fee_vnd"].strip():
        fees.append(
            _fee(row, 1, cells["fee_name"], cells["fee_vnd"], "", cells.get("fee_note", ""))
        )
    elif cells["fee_name"].strip():
        row.fail("E_CATALOG_FEE", "Có tên khoản phí nhưng thiếu số tiền (ghi 0 nếu miễn phí).")
    components = _components_from_cell(row, cells["components"])
    spec = ProcedureSpec(
        code=code,
        name=name,
        field=_text(row, cells["field"], "Lĩnh vực", MAX_FIELD),
        level=_text(row, cells["level"], "Cấp thực hiện", MAX_LEVEL) or DEFAULT_LEVEL,
        duration=duration,
        duration_unit=unit,
        cutoff=cutoff,
        fees=tuple(f for f in fees if f is not None),
        components=tuple(c for c in components if c is not None),
        field_code=_text(row, cells.get("field_code", ""), "Mã lĩnh vực", MAX_CODE),
        source=_text(row, cells["source"], "Nguồn", MAX_SOURCE),
        note=_text(row, cells.get("note", ""), "Ghi chú", MAX_NOTE, multiline=True),
    )
    return None if row.problems else spec


def parse_catalog_csv(data: bytes | str) -> ParsedCatalog:
    """A CSV catalogue (see the module docstring) → procedures + problems."""
    try:
        records = list(csv.reader(io.StringIO(_decode(data), newline="")))
    except csv.Error as exc:
        raise ValidationError(
            "E_CATALOG_FORMAT",
            "Tệp CSV bị lỗi, không đọc được.",
            hint="Lưu lại tệp từ Excel dưới dạng 'CSV UTF-8'.",
            detail=str(exc),
        ) from exc
    header = [fold(clean(h)) for h in records[0]] if records else []
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise ValidationError(
            "E_CATALOG_FORMAT",
            f"Tệp CSV thiếu cột: {', '.join(missing)}.",
            hint="Dòng đầu phải là: "
            + ",".join(CSV_COLUMNS)
            + " (phân cách bằng dấu phẩy, không phải chấm phẩy).",
        )
    collector = _Collector()
    wanted = CSV_COLUMNS + CSV_OPTIONAL_COLUMNS
    data_rows = records[1:]
    for index, values in enumerate(data_rows, 1):
        row = _Row(index)
        if not any(v.strip() for v in values):
            continue  # a blank spreadsheet row; still counted so numbers match the sheet
        spec = None
        if len(values) > len(header):
            row.code = clean(values[header.index("code")]) if "code" in header else ""
            row.fail(
                "E_CATALOG_ROW_SHAPE",
                f"Dòng có {len(values)} ô nhưng tiêu đề chỉ có {len(header)} cột; "
                f"ô có dấu phẩy phải được đặt trong ngoặc kép.",
            )
        else:
            # Trailing empty cells may be left out by hand-written files.
            padded = list(values) + [""] * (len(header) - len(values))
            cells = {h: v for h, v in zip(header, padded, strict=True) if h in wanted}
            spec = _procedure_from_csv(row, cells)
        collector.add(row, spec)
    rows_seen = sum(1 for values in data_rows if any(v.strip() for v in values))
    return collector.result(rows_seen)


# -- files --------------------------------------------------------------------------------------


def parse_catalog_file(path: Path) -> ParsedCatalog:
    """Read a `.json` or `.csv` catalogue; any other extension is refused (E_CATALOG_TYPE)."""
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv"):
        raise ValidationError(
            "E_CATALOG_TYPE",
            f"Không nhận tệp '{path.name}': danh mục phải là tệp .json hoặc .csv.",
            hint="Với Excel: Lưu dưới dạng 'CSV UTF-8 (phân cách bằng dấu phẩy)'.",
        )
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValidationError(
                "E_CATALOG_TOO_LARGE",
                f"Tệp '{path.name}' quá lớn ({size // (1024 * 1024)} MB); "
                f"tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB.",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            "E_CATALOG_READ",
            f"Không đọc được tệp '{path.name}'.",
            hint="Kiểm tra đường dẫn và quyền đọc tệp.",
            detail=str(exc),
        ) from exc
    return parse_catalog_json(data) if suffix == ".json" else parse_catalog_csv(data)
