"""`report satisfaction` on the command line: figures, per officer / procedure, the workbook."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from counter_app import __version__
from counter_app.cli_support import run
from counter_app.config import Settings
from counter_app.services import ratings
from counter_app.services.context import Core
from counter_app.services.ratings import Level
from main import command_groups
from tests.ratings.conftest import Staff, returned

DAY = "2026-11-23"


def cli(settings: Settings, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = run(
        ["--data-dir", str(settings.data_dir), *args], command_groups(), __version__, stdout=out
    )
    return code, out.getvalue()


@pytest.fixture
def rated(ready_core: Core, staff: Staff) -> str:
    """Two ratings of Hùng, one of Lan (with a comment holding a phone number)."""
    for received, handed, level, comment in (
        (staff.lan, staff.hung, Level.VERY_SATISFIED, ""),
        (staff.hung, staff.hung, Level.SATISFIED, "Nhanh gọn"),
        (staff.lan, staff.lan, Level.NOT_SATISFIED, "Chờ lâu, gọi 0912345678"),
    ):
        code = returned(ready_core, received, handed)
        prompt = ratings.prompt_after_hand_over(ready_core, handed, code)
        ratings.record(ready_core, prompt, level, comment)
    return code


def test_json_figures_for_a_day_per_officer(settings: Settings, rated: str) -> None:
    status, out = cli(settings, "report", "satisfaction", "--from", DAY, "--json")
    assert status == 0, out
    data = json.loads(out)
    assert data["period"] == {"first": DAY, "last": DAY}
    assert data["counts"] == {"very_satisfied": 1, "satisfied": 1, "not_satisfied": 1}
    assert data["total"] == 3 and data["rate"] == pytest.approx(2 / 3)
    by_officer = {g["label"]: g["total"] for g in data["by_officer"]}
    assert by_officer == {"Lê Văn Hùng": 2, "Nguyễn Thị Lan": 1}
    assert data["by_procedure"][0]["key"] == "1.001193"


def test_human_report_per_officer_and_per_procedure(settings: Settings, rated: str) -> None:
    status, out = cli(
        settings, "report", "satisfaction", "--from", DAY, "--to", DAY, "--by", "officer"
    )
    assert status == 0, out
    assert "3 lượt" in out and "Tỷ lệ hài lòng" in out and "66,7%" in out
    hung = next(line for line in out.splitlines() if line.startswith("Lê Văn Hùng"))
    assert hung.split()[-2:] == ["2", "100,0%"]
    status, out = cli(settings, "report", "satisfaction", "--from", DAY, "--by", "procedure")
    assert status == 0 and "1.001193 – Thủ tục đăng ký khai sinh" in out


def test_the_workbook_has_every_view_and_no_personal_data_beyond_the_comment(
    settings: Settings, rated: str, tmp_path: Path
) -> None:
    target = tmp_path / "hai-long.xlsx"
    status, out = cli(settings, "report", "satisfaction", "--from", DAY, "--xlsx", str(target))
    assert status == 0, out
    assert f"Đã ghi {target}" in out
    book = load_workbook(target)
    assert book.sheetnames == ["Tổng hợp", "Theo cán bộ", "Theo thủ tục", "Ý kiến"]
    summary = [c.value for c in book["Tổng hợp"][3]]
    assert summary[:5] == ["Tổng cộng", 1, 1, 1, 3]
    cells = [str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value]
    comments = [row[6].value for row in book["Ý kiến"].iter_rows(min_row=3)]
    assert "Chờ lâu, gọi 0912****78" in comments and "Nhanh gọn" in comments
    assert not any("0912345678" in c for c in cells)
    assert not any("Nguyễn Văn An" in c or "001090" in c for c in cells)  # the holder: never


def test_bad_arguments_say_what_is_wrong_and_write_nothing(
    settings: Settings, rated: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _ = cli(settings, "report", "satisfaction", "--from", "23/13/2026")
    assert status == 1 and "[E_DATE]" in capsys.readouterr().err
    target = tmp_path / "hai-long.pdf"
    status, _ = cli(settings, "report", "satisfaction", "--xlsx", str(target))
    assert status == 1 and "[E_EXPORT_FORMAT]" in capsys.readouterr().err
    assert not target.exists() and list(tmp_path.glob("*.tmp")) == []


def test_it_joins_the_supervisors_report_group(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        cli(settings, "report", "--help")
    listed = capsys.readouterr().out
    assert "daily" in listed and "export" in listed and "satisfaction" in listed
