"""Dossier codes (mã hồ sơ): `<unit id>-<YYMMDD>-<NNNN>` by default (Circular 01/2018, Art. 19).

The pattern is configuration because provinces differ (a 2026 system issues
`G09.20-20260609-0092637`). A pattern is a `str.format` template with three fields:
`{unit}`, `{date:<strftime>}` and `{seq:0Nd}`; the date is the receipt date in Asia/Ho_Chi_Minh.
The sequence restarts every day per unit, so both `{unit}` and `{date…}` must appear.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date

from counter_app.errors import ValidationError

DEFAULT_PATTERN = "{unit}-{date:%y%m%d}-{seq:04d}"
# QCVN 102:2016 unit identifiers are written lowest level first: 000.00.01.H22, G09.20 …
UNIT_ID_RE = re.compile(r"^[0-9A-Z]{1,6}(\.[0-9A-Z]{1,6}){0,5}$")

_STRFTIME_RE = {"%y": r"\d{2}", "%Y": r"\d{4}", "%m": r"\d{2}", "%d": r"\d{2}"}


@dataclass(frozen=True)
class CodePattern:
    template: str = DEFAULT_PATTERN

    def __post_init__(self) -> None:
        fields = {name for _, name, _, _ in string.Formatter().parse(self.template) if name}
        if fields != {"unit", "date", "seq"}:
            raise ValidationError(
                "E_CODE_PATTERN",
                f"Mẫu mã hồ sơ không hợp lệ: {self.template!r}. Mẫu phải có đủ và chỉ có "
                "{unit}, {date:…} và {seq:0Nd}.",
                hint="Ví dụ: {unit}-{date:%y%m%d}-{seq:04d}",
            )
        self._regex()  # validates the format specs

    @property
    def seq_width(self) -> int:
        for _, name, spec, _ in string.Formatter().parse(self.template):
            if name == "seq":
                match = re.fullmatch(r"0?(\d+)d", spec or "")
                if not match:
                    raise ValidationError(
                        "E_CODE_PATTERN",
                        f"Phần số thứ tự phải có dạng {{seq:0Nd}}, không phải {spec!r}.",
                    )
                return int(str(match.group(1)))
        raise AssertionError("unreachable: checked in __post_init__")

    @property
    def max_seq(self) -> int:
        return int(10**self.seq_width) - 1

    def format(self, unit: str, day: date, seq: int) -> str:
        if not 1 <= seq <= self.max_seq:
            raise ValidationError(
                "E_CODE_EXHAUSTED",
                f"Đã hết số thứ tự trong ngày cho đơn vị {unit} (tối đa {self.max_seq}).",
                hint="Liên hệ quản trị để đổi mẫu mã hồ sơ với nhiều chữ số hơn.",
            )
        return self.template.format(unit=unit, date=day, seq=seq)

    def _regex(self) -> re.Pattern[str]:
        parts: list[str] = []
        for literal, name, spec, _ in string.Formatter().parse(self.template):
            parts.append(re.escape(literal))
            if name == "unit":
                parts.append(r"(?P<unit>[0-9A-Z]{1,6}(?:\.[0-9A-Z]{1,6}){0,5})")
            elif name == "date":
                pieces = re.split(r"(%[yYmd])", spec or "")
                regex = ""
                for piece in pieces:
                    if piece in _STRFTIME_RE:
                        regex += _STRFTIME_RE[piece]
                    elif piece.startswith("%"):
                        raise ValidationError(
                            "E_CODE_PATTERN",
                            f"Định dạng ngày {piece!r} không được hỗ trợ trong mẫu mã hồ sơ.",
                        )
                    else:
                        regex += re.escape(piece)
                parts.append(f"(?P<date>{regex})")
            elif name == "seq":
                parts.append(rf"(?P<seq>\d{{{self.seq_width}}})")
        return re.compile("^" + "".join(parts) + "$")

    def matches(self, code: str) -> bool:
        return self._regex().match(code) is not None

    def sequence_of(self, code: str) -> int | None:
        match = self._regex().match(code)
        return int(match.group("seq")) if match else None


def check_unit_id(unit: str) -> str:
    unit = unit.strip().upper()
    if not UNIT_ID_RE.match(unit):
        raise ValidationError(
            "E_UNIT_ID",
            f"Mã đơn vị {unit!r} không đúng định dạng QCVN 102:2016 (ví dụ 000.00.01.H22).",
        )
    return unit
