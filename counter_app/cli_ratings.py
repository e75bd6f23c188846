"""`report satisfaction`: citizens' ratings for a day or a range, per officer or procedure.

It joins the supervisor's `report` group of `cli_reports` (so it comes after that module in
`main.command_groups()`), or creates the group in a build without it. Runs as the local
system account.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TypeAlias

from counter_app.cli_support import Context, add_json_flag
from counter_app.services import ratings, ratings_export
from counter_app.services.context import SYSTEM
from counter_app.services.queue_terms import Period, parse_day
from counter_app.services.ratings import GroupFigures, Level, SatisfactionFigures

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _report_group(sub: Sub) -> Sub:
    """The `report` sub-commands, shared with cli_reports."""
    parser = sub.choices.get("report")
    if parser is None:
        return sub.add_parser("report", help="báo cáo của lãnh đạo").add_subparsers(
            dest="sub", required=True
        )
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError("the report command has no sub-commands")  # a wiring bug


def add_commands(sub: Sub) -> None:
    p = _report_group(sub).add_parser(
        "satisfaction", help="kết quả đánh giá sự hài lòng của người dân"
    )
    p.add_argument("--from", dest="first", help="ngày đầu YYYY-MM-DD (mặc định: hôm nay)")
    p.add_argument("--to", metavar="DATE", help="ngày cuối (mặc định: bằng ngày đầu)")
    p.add_argument(
        "--by", choices=["officer", "procedure"], help="chia theo cán bộ hoặc theo thủ tục"
    )
    p.add_argument("--xlsx", metavar="FILE.xlsx", help="ghi cả báo cáo ra tệp Excel")
    add_json_flag(p)
    p.set_defaults(func=cmd_satisfaction)


def _period(ctx: Context) -> Period:
    a = ctx.args
    first = parse_day(a.first) if a.first else ctx.core.local_now().date()
    return Period(first, parse_day(a.to) if a.to else first)


def cmd_satisfaction(ctx: Context) -> int:
    a = ctx.args
    period = _period(ctx)
    out = Path(a.xlsx) if a.xlsx else None
    if out is not None:
        result = ratings_export.export_xlsx(ctx.core, SYSTEM, period, out)
    else:
        result = ratings.figures(ctx.core, SYSTEM, period)
    data = result.to_dict()
    if out is not None:
        data["out"] = str(out)
    if a.by == "officer":
        groups, what = result.by_officer, "Cán bộ"
    elif a.by == "procedure":
        groups, what = result.by_procedure, "Thủ tục"
    else:
        groups, what = [], ""
    ctx.emit(data, lambda: _show(ctx, result, what, groups, out))
    return 0


def _cells(figures: ratings.LevelCounts) -> str:
    counts = "".join(f"{figures.counts[level]:>16}" for level in Level)
    return f"{counts}{figures.total:>10}{figures.rate_text:>10}"


def _show(
    ctx: Context,
    result: SatisfactionFigures,
    what: str,
    groups: list[GroupFigures],
    out: Path | None,
) -> None:
    totals = result.totals
    ctx.print(f"Đánh giá sự hài lòng {result.period.label}: {totals.total} lượt")
    for level in Level:
        ctx.print(f"  {level.label:<16}{totals.counts[level]:>8}")
    ctx.print(f"  {'Tỷ lệ hài lòng':<16}{totals.rate_text:>8}")
    if result.walk_in:
        ctx.print(f"  (trong đó {result.walk_in} lượt không gắn hồ sơ)")
    if what:
        header = "".join(f"{level.label:>16}" for level in Level)
        ctx.print(f"{what:<36}{header}{'Tổng':>10}{'Tỷ lệ':>10}")
        for g in groups:
            ctx.print(f"{g.label[:36]:<36}{_cells(g.figures)}")
    if out is not None:
        ctx.print(f"Đã ghi {out}.")
