"""Ruled tables that wrap their cells, repeat their header on every page and split a row
that is taller than a page (a very long component name) instead of overflowing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from printing.fonts import BOLD
from printing.layout import EPS, Cell, Flow, LineOp, Run, Style, cell


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # relative to the other columns
    align: str = "left"


def table(
    flow: Flow,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Sequence[Run]]],
    style: Style,
    head_style: Style,
    *,
    pad: float = 2.0,
    weight: float = 0.5,
) -> None:
    total = sum(c.width for c in columns)
    widths = [flow.width * c.width / total for c in columns]
    xs = [flow.x0 + sum(widths[:i]) for i in range(len(widths))]
    right = flow.x0 + flow.width
    head = [
        cell([(c.title, BOLD)], head_style, w - 2 * pad, "center")
        for c, w in zip(columns, widths, strict=True)
    ]
    head_h = max(c.height for c in head) + 2 * pad

    def rule(y: float) -> None:
        flow.ops.append(LineOp(flow.x0, y, right, y, weight))

    def sides(top: float, height: float) -> None:
        for x in [*xs, right]:
            flow.ops.append(LineOp(x, top, x, top + height, weight))

    def draw_head() -> None:
        rule(flow.y)
        for c, x, w in zip(head, xs, widths, strict=True):
            flow.place_cell(c, x + pad, w - 2 * pad, flow.y + pad)
        sides(flow.y, head_h)
        flow.y += head_h
        rule(flow.y)

    def draw(cells: list[Cell], lines: int) -> None:
        height = lines * style.leading + 2 * pad
        for c, x, w in zip(cells, xs, widths, strict=True):
            flow.place_cell(
                Cell(c.lines[:lines], c.style, c.align), x + pad, w - 2 * pad, flow.y + pad
            )
        sides(flow.y, height)
        flow.y += height
        rule(flow.y)

    first = rows[0] if rows else None
    first_h = style.leading + 2 * pad if first is not None else 0.0
    flow.ensure(head_h + first_h)
    draw_head()
    flow.on_new_page.append(draw_head)
    try:
        for row in rows:
            cells = [
                cell(runs, style, w - 2 * pad, c.align)
                for runs, c, w in zip(row, columns, widths, strict=True)
            ]
            while True:
                n = max(len(c.lines) for c in cells)
                need = n * style.leading + 2 * pad
                if need <= flow.room + EPS:
                    draw(cells, n)
                    break
                fits = int((flow.room - 2 * pad + EPS) // style.leading)
                page = flow.bottom - flow.top - head_h
                if need <= page or fits < 1:
                    flow.new_page()  # the whole row on the next page, under a new header
                    continue
                draw(cells, fits)  # taller than a page: split it by lines
                cells = [Cell(c.lines[fits:], c.style, c.align) for c in cells]
                flow.new_page()
    finally:
        flow.on_new_page.remove(draw_head)
