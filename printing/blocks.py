"""Lay a template's blocks out into a flow: the one interpreter every form goes through.

Wording comes from the template (with **bold**, *italic* and {field}s), data from the context;
markup is parsed before fields are filled in, so what a person typed is never read as markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from counter_app.errors import ConfigError
from printing import codes, fonts, tables
from printing.context import Context
from printing.fonts import BOLD, ITALIC, REGULAR
from printing.layout import Cell, Flow, Line, LineOp, Run, Style, cell
from printing.templates import Template

MM = 72 / 25.4
DOTS = "…………"  # an empty field prints as dots, as on the paper forms


@dataclass(frozen=True)
class Profile:
    """One paper format: the frame a copy is laid out in, type sizes, code sizes."""

    name: str
    width: float
    height: float
    margins: tuple[float, float, float, float]  # left, top, right, bottom
    styles: Mapping[str, Style]
    module: float  # narrowest Code128 bar
    bar_height: float
    qr_module: float
    sign_space: float  # room to sign above a printed name
    endless: bool = False  # a thermal roll: one page as long as the content


def _styles(body: float, title: float, header: float, table: float) -> dict[str, Style]:
    def s(size: float, font: str = REGULAR) -> Style:
        return Style(size, round(size * 1.4, 2), font)

    return {
        "body": s(body),
        "small": s(body - 1.5),
        "title": s(title, BOLD),
        "header": s(header),
        "table": s(table),
        "table_head": s(table, BOLD),
    }


THERMAL_DPI = 203
THERMAL_DOTS = 576  # printable width of an 80 mm roll at 203 dpi
DOT = 72 / THERMAL_DPI

PROFILES: dict[str, Profile] = {
    "a5": Profile(
        "a5",
        148.5 * MM,
        210 * MM,
        (12 * MM, 11 * MM, 10 * MM, 9 * MM),
        _styles(8.5, 10.5, 8, 8),
        0.35 * MM,
        10 * MM,
        0.5 * MM,
        15 * MM,
    ),
    "a4": Profile(
        "a4",
        210 * MM,
        297 * MM,
        (25 * MM, 18 * MM, 15 * MM, 15 * MM),
        _styles(11.5, 13, 10.5, 10.5),
        0.4 * MM,
        12 * MM,
        0.6 * MM,
        20 * MM,
    ),
    "a4-landscape": Profile(
        "a4-landscape",
        297 * MM,
        210 * MM,
        (12 * MM, 14 * MM, 12 * MM, 12 * MM),
        _styles(10, 13, 9.5, 7.5),
        0.4 * MM,
        10 * MM,
        0.6 * MM,
        20 * MM,
    ),
    "thermal": Profile(
        "thermal",
        THERMAL_DOTS * DOT,
        0.0,
        (3 * MM, 8 * MM, 3 * MM, 6 * MM),
        _styles(9, 10.5, 8.5, 8.5),
        3 * DOT,
        14 * MM,
        4 * DOT,
        14 * MM,
        endless=True,
    ),
}

_MARK = re.compile(r"(\*\*|\*)")


class _Fields(dict[str, str]):
    def __init__(self, values: Mapping[str, str], template: Template) -> None:
        super().__init__(values)
        self.template = template

    def __missing__(self, key: str) -> str:
        raise ConfigError(
            "E_TEMPLATE", f"Mẫu {self.template.template_id} dùng trường không có: {{{key}}}."
        )

    def __getitem__(self, key: str) -> str:
        value = super().__getitem__(key)
        return value if value else DOTS


def runs(text: str, fields: Mapping[str, str], base: str = REGULAR) -> list[Run]:
    """`Mã hồ sơ: **{code}**` → [("Mã hồ sơ: ", regular), ("000.00…", bold)]."""
    out: list[Run] = []
    bold = italic = False
    for part in _MARK.split(text):
        if part == "**":
            bold = not bold
        elif part == "*":
            italic = not italic
        elif part:
            font = BOLD if bold else ITALIC if italic else base
            out.append((part.format_map(fields), font))
    return out


def lay_out(template: Template, profile: Profile, ctx: Context, copy_label: str = "") -> Flow:
    """One copy of the form as a flow of pages."""
    fonts.register()
    flow = Flow(profile.width, profile.height or 1e9, profile.margins, endless=profile.endless)
    values = {**ctx.values, "copy_label": copy_label}
    fields = _Fields(values, template)
    for block in template.blocks:
        when = str(block.get("when", ""))
        if when:
            present = bool(values.get(when.lstrip("!")) or ctx.tables.get(when.lstrip("!")))
            if present == when.startswith("!"):
                continue
        HANDLERS[str(block["kind"])](flow, block, template, profile, ctx, fields)
    return flow


Handler = Callable[[Flow, dict[str, Any], Template, Profile, Context, _Fields], None]


def _header(
    flow: Flow, b: dict[str, Any], t: Template, p: Profile, ctx: Context, fields: _Fields
) -> None:
    spec = {**t.header, **b}
    style = p.styles["header"]
    split = float(spec.get("split", 0.44))
    left_w, right_w = flow.width * split, flow.width * (1 - split)
    left = [
        cell(runs(line, fields), style, left_w, "center")
        for line in spec.get("left", [])
        if _raw(line, fields).strip("*")
    ]
    right = [cell(runs(line, fields), style, right_w, "center") for line in spec.get("right", [])]
    gap = 3.0
    height = flow.columns([(0.0, left_w, left), (left_w, right_w, right)])
    for x, w, cells in ((0.0, left_w, left), (left_w, right_w, right)):
        bottom = flow.y - height + sum(c.height for c in cells) + 1.5
        flow.ops.append(LineOp(flow.x0 + x + w * 0.3, bottom, flow.x0 + x + w * 0.7, bottom, 0.6))
    flow.y += gap
    if spec.get("date", True):  # under the national motto, as on every administrative paper
        date = cell(runs("*{place_date}*", fields), p.styles["body"], right_w, "center")
        flow.columns([(left_w, right_w, [date])])
    flow.space(p.styles["body"].leading * 0.4)


def _title(
    flow: Flow, b: dict[str, Any], t: Template, p: Profile, ctx: Context, fields: _Fields
) -> None:
    style = p.styles["title"]
    flow.space(style.leading * 0.3)
    flow.text(runs(str(b["text"]), fields, BOLD), style, align="center", keep=style.leading * 4)


def _text(
    flow: Flow, b: dict[str, Any], t: Template, p: Profile, ctx: Context, fields: _Fields
) -> None:
    style = p.styles[str(b.get("style", "body"))]
    flow.text(
        runs(str(b["text"]), fields, style.font),
        style,
        align=str(b.get("align", "left")),
        indent=float(b.get("indent", 0)) * MM,
        keep=float(b.get("keep", 0)) * MM,
    )


def _table(
    flow: Flow, b: dict[str, Any], t: Template, p: Profile, ctx: Context, fields: _Fields
) -> None:
    columns = [
        tables.Column(str(c["title"]), float(c["width"]), str(c.get("align", "left")))
        for c in b["columns"]
    ]
    data = list(ctx.tables.get(str(b["source"]), []))
    blank = [str(x) for x in b.get("blank", [])]
    for _ in range(int(b.get("blank_rows", 0))):
        data.append([str(len(data) + 1) if x == "#" else x for x in blank])
    rows = [[[(value, REGULAR)] for value in row] for row in data]
    tables.table(flow, columns, rows, p.styles["table"], p.styles["table_head"])
    flow.space(p.styles["body"].leading * 0.3)


def _signatures(
    flow: Flow, b: dict[str, Any], t: Template, p: Profile, ctx: Context, fields: _Fields
) -> None:
    """Titles, "(Ký và ghi rõ họ tên)", room to sign, the name; one column sits on the right."""
    cols = list(b["columns"])
    body = p.styles["body"]
    slots = max(len(cols), 2)
    width = flow.width / slots
    first = slots - len(cols) if b.get("align") == "right" else 0
    space = float(b["space"]) * MM if "space" in b else p.sign_space
    heads: list[list[Cell]] = []
    for col in cols:
        heads.append(
            [
                cell(runs(f"**{col['title']}**", fields), body, width, "center"),
                cell(runs(f"*{col.get('note', '')}*", fields), p.styles["small"], width, "center"),
            ]
        )
    # The room to sign evens out the titles' heights, so the names line up.
    tallest = max(sum(c.height for c in h) for h in heads)
    stacks: list[tuple[float, float, list[Cell]]] = []
    for i, (col, head) in enumerate(zip(cols, heads, strict=True)):
        room = space + tallest - sum(c.height for c in head)
        cells = [*head, Cell([Line()], Style(body.size, room, body.font))]
        if _raw(str(col.get("name", "")), fields):
            cells.append(cell(runs(f"**{col['name']}**", fields), body, width, "center"))
        stacks.append(((first + i) * width, width, cells))
    flow.space(body.leading * 0.5)
    flow.columns(stacks)


def _raw(text: str, fields: _Fields) -> str:
    """`text` filled with the plain values (no dots): is there anything to print?"""
    return text.format_map(dict(fields)).strip()


def _barcode(
    flow: Flow, b: dict[str, Any], t: Template, p: Profile, ctx: Context, fields: _Fields
) -> None:
    value = str(b.get("value", "{code}")).format_map(fields)
    flow.space(1.5)
    codes.barcode(
        flow,
        value,
        module=p.module,
        height=p.bar_height,
        text=p.styles["small"],
        rotate_ok=p.endless,
    )
    flow.space(1.5)


def _codes(
    flow: Flow, b: dict[str, Any], t: Template, p: Profile, ctx: Context, fields: _Fields
) -> None:
    """The barcode with the QR beside it when the QR is configured and both fit."""
    value = str(b.get("value", "{code}")).format_map(fields)
    if ctx.qr and codes.codes_row(
        flow,
        value,
        ctx.qr,
        module=p.module,
        height=p.bar_height,
        text=p.styles["small"],
        qr_module=p.qr_module,
    ):
        return
    _barcode(flow, b, t, p, ctx, fields)
    _qr(flow, b, t, p, ctx, fields)


def _qr(
    flow: Flow, b: dict[str, Any], t: Template, p: Profile, ctx: Context, fields: _Fields
) -> None:
    _qr_with_caption(flow, ctx.qr, b, p, fields)


def _vietqr(
    flow: Flow, b: dict[str, Any], t: Template, p: Profile, ctx: Context, fields: _Fields
) -> None:
    """VietQR for the fee still owed, its caption beside it (nothing when none is owed)."""
    _qr_with_caption(flow, ctx.pay_qr, b, p, fields)


def _qr_with_caption(
    flow: Flow, payload: str, b: dict[str, Any], p: Profile, fields: _Fields
) -> None:
    if payload:
        lines = [str(x).format_map(fields) for x in b.get("caption", [])]
        codes.qr(flow, payload, module=p.qr_module, caption=p.styles["small"], lines=lines)


def _space(
    flow: Flow, b: dict[str, Any], t: Template, p: Profile, ctx: Context, fields: _Fields
) -> None:
    flow.space(float(b.get("mm", 3)) * MM)


HANDLERS: dict[str, Handler] = {
    "header": _header,
    "title": _title,
    "text": _text,
    "table": _table,
    "signatures": _signatures,
    "barcode": _barcode,
    "qr": _qr,
    "codes": _codes,
    "space": _space,
    "vietqr": _vietqr,
}
