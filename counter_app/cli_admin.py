"""Administration commands: backup, restore, and the breach report of the audit log.

python main.py backup FILE.zip
python main.py restore FILE.zip [--check]
python main.py audit accesses --from 2026-11-01 --to 2026-11-30 [--id NUMBER] [--out F.csv]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TypeAlias

from counter_app.cli_support import Context, add_json_flag
from counter_app.domain.calendar import VN_TZ
from counter_app.domain.identity import check_id
from counter_app.errors import AppError, ValidationError
from counter_app.protection import Protector, load_protector
from counter_app.services import audit, backup, restore
from counter_app.services.context import SYSTEM, key_fallback_file
from counter_app.text import clean, mask_id

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_commands(sub: Sub) -> None:
    p = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu và tệp đính kèm vào một tệp .zip")
    p.add_argument("file", help="tệp .zip sẽ tạo (không ghi đè tệp đã có)")
    add_json_flag(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore", help="phục hồi từ bản sao lưu (kiểm tra trước; dữ liệu hiện tại được giữ lại)"
    )
    p.add_argument("file")
    p.add_argument("--check", action="store_true", help="chỉ kiểm tra bản sao lưu, không phục hồi")
    add_json_flag(p)
    p.set_defaults(func=cmd_restore)

    p = _subcommands(sub, "audit", "nhật ký kiểm toán").add_parser(
        "accesses", help="ai đã truy cập dữ liệu cá nhân của công dân nào, trong khoảng ngày"
    )
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", help="tính cả ngày này")
    p.add_argument("--id", dest="id_number", default="", help="chỉ một công dân (số định danh)")
    p.add_argument("--out", default="", metavar="FILE.csv", help="ghi ra tệp CSV (Excel đọc được)")
    add_json_flag(p)
    p.set_defaults(func=cmd_audit_accesses)


def _subcommands(sub: Sub, name: str, help_text: str) -> Sub:
    """The sub-commands of an existing group (the core's `audit`), or a new group."""
    parser = sub.choices.get(name)
    if parser is None:
        return sub.add_parser(name, help=help_text).add_subparsers(dest="sub", required=True)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: Sub = action
            return found
    raise RuntimeError(f"command {name} has no sub-commands")


# -- backup / restore -------------------------------------------------------------------------


def cmd_backup(ctx: Context) -> int:
    report = backup.backup(ctx.core, SYSTEM, Path(ctx.args.file))
    data = {"file": str(report.path), "size": report.size, **backup.describe(report.manifest)}
    ctx.emit(
        data,
        lambda: ctx.print(
            f"Đã sao lưu vào {report.path} ({report.size / 1e6:.1f} MB; "
            f"{report.attachments} tệp đính kèm; cấu trúc {report.manifest.schema_revision})."
        ),
    )
    return 0


def cmd_restore(ctx: Context) -> int:
    path = Path(ctx.args.file)
    if ctx.args.check:
        key = _office_key(ctx)
        manifest = backup.verify(path, protector=key)
        sealed = "đúng chữ ký của cơ quan" if key else "chưa kiểm chữ ký: máy này chưa có khoá"
        ctx.emit(
            {"ok": True, "seal_checked": key is not None, **backup.describe(manifest)},
            lambda: ctx.print(
                f"Bản sao lưu nguyên vẹn ({sealed}): lập lúc {manifest.created_at}, "
                f"{backup.describe(manifest)['attachments']} tệp đính kèm."
            ),
        )
        return 0
    # No core is opened first: opening would migrate the database about to be replaced.
    report = restore.restore(ctx.settings, path, actor=SYSTEM)
    ctx.emit(
        {
            "ok": True,
            "previous_data": str(report.previous_data),
            **backup.describe(report.manifest),
        },
        lambda: ctx.print(
            f"Đã phục hồi bản sao lưu lập lúc {report.manifest.created_at}.\n"
            f"Dữ liệu trước khi phục hồi được giữ tại {report.previous_data}."
        ),
    )
    return 0


def _office_key(ctx: Context) -> Protector | None:
    """The office's data key if this machine has it (checking needs no more than that)."""
    try:
        return load_protector(key_fallback_file(ctx.settings.data_dir), create=False)[0]
    except AppError:
        return None


# -- audit accesses ---------------------------------------------------------------------------

CSV_HEADER = [
    "Thời điểm",
    "Tài khoản",
    "Hành động",
    "Loại đối tượng",
    "Mã đối tượng",
    "Công dân (số định danh đã che)",
    "Máy trạm",
    "Chi tiết",
]


def cmd_audit_accesses(ctx: Context) -> int:
    a = ctx.args
    start, end = _day(a.start, "--from"), _day(a.end, "--to")
    if end < start:
        raise ValidationError("E_DATE_RANGE", "Ngày kết thúc (--to) ở trước ngày bắt đầu (--from).")
    rows = audit.accesses(
        ctx.core,
        SYSTEM,
        start=datetime.combine(start, time(), VN_TZ),
        end=datetime.combine(end + timedelta(days=1), time(), VN_TZ),
        id_number=_id_number(a.id_number),
    )
    table = [
        [
            r.at.astimezone(VN_TZ).strftime("%Y-%m-%d %H:%M:%S"),
            r.username,
            r.action,
            r.object_type,
            r.object_id,
            r.subject_masked,
            r.workstation,
            r.detail,
        ]
        for r in rows
    ]
    if a.out:
        _write_csv(Path(a.out), table)
    ctx.emit(
        [dict(zip(CSV_HEADER, row, strict=True)) for row in table],
        lambda: _print_table(ctx, table, a.out),
    )
    return 0


def _print_table(ctx: Context, table: list[list[str]], out: str) -> None:
    if out:
        ctx.print(f"Đã ghi {len(table)} dòng vào {out}.")
        return
    for row in table:
        ctx.print("  ".join(row[:6]))
    ctx.print(f"({len(table)} lượt truy cập)")


def _id_number(text: str) -> str | None:
    number = re.sub(r"[\s.\-]", "", clean(text))
    if number and not check_id(number).valid:
        raise ValidationError(
            "E_ID_INVALID", f"Số định danh không hợp lệ: {mask_id(number)} (12 hoặc 9 chữ số)."
        )
    return number or None


def _day(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValidationError(
            "E_DATE", f"Ngày {flag} không hợp lệ: {text!r} (YYYY-MM-DD)."
        ) from exc


def _write_csv(path: Path, table: list[list[str]]) -> None:
    """UTF-8 with BOM (Excel shows Vietnamese), written whole or not at all."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    writer.writerows([[_cell(v) for v in row] for row in table])
    target = path.expanduser().absolute()
    if not target.parent.is_dir():
        raise AppError("E_FILE_WRITE", f"Không có thư mục {target.parent} để ghi tệp.")
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".csv", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            fh.write(buffer.getvalue())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cell(value: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
