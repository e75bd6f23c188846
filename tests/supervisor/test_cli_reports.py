"""`queue` and `report` on the command line, as scheduled tasks run them: real processes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest

from tests.support.cli import clean_env, run_main

ROOT = Path(__file__).resolve().parents[2]


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_main(tmp_path / "data", *args, env=clean_env(tmp_path))


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """One demo office for the module: (its folder, a dossier code, its receipt day)."""
    home = tmp_path_factory.mktemp("cli-office")
    made = run(home, "init", "--demo", "--json")
    assert made.returncode == 0, made.stderr
    code = json.loads(made.stdout)["dossiers_created"][0]
    shown = json.loads(run(home, "dossier", "show", code, "--json").stdout)
    return home, code, shown["received_at"][:10]


def test_queue_counts_and_lists_a_day(office: tuple[Path, str, str]) -> None:
    home, code, day = office
    out = run(home, "queue", "--date", day, "--json")
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout)
    assert figures["period"] == {"first": day, "last": day}
    assert figures["counts"]["received"] >= 1
    assert set(figures["counts"]) == {
        "received", "due", "due_soon", "overdue", "waiting", "ready", "returned", "refused",
        "withdrawn",
    }  # fmt: skip
    listed = json.loads(run(home, "queue", "--date", day, "--list", "received", "--json").stdout)
    assert code in [r["code"] for r in listed["rows"]]
    assert all("*" in r["holder_id_masked"] for r in listed["rows"])
    human = run(home, "queue", "--date", day, "--by", "procedure")
    assert human.returncode == 0 and "Tiếp nhận" in human.stdout and "Theo thủ tục" in human.stdout


def test_queue_rejects_a_bad_date(office: tuple[Path, str, str]) -> None:
    out = run(office[0], "queue", "--date", "31/02/2026")
    assert out.returncode == 1
    assert "E_DATE" in out.stderr


def test_report_daily_writes_a_pdf_and_nothing_on_error(
    office: tuple[Path, str, str], tmp_path: Path
) -> None:
    home, _, day = office
    pdf = tmp_path / "bao-cao.pdf"
    out = run(home, "report", "daily", "--date", day, "--out", str(pdf), "--json")
    assert out.returncode == 0, out.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert json.loads(out.stdout)["day"] == day
    wrong = run(home, "report", "daily", "--date", day, "--out", str(tmp_path / "x.txt"))
    assert wrong.returncode == 1 and "E_EXPORT_FORMAT" in wrong.stderr
    assert not (tmp_path / "x.txt").exists()
    audit = json.loads(run(home, "audit", "verify", "--json").stdout)
    assert audit["ok"] is True


def test_report_export_masks_unless_asked(office: tuple[Path, str, str], tmp_path: Path) -> None:
    home, code, day = office
    masked, clear = tmp_path / "a.csv", tmp_path / "b.csv"
    assert run(home, "report", "export", "--from", day, "--out", str(masked)).returncode == 0
    assert (
        run(home, "report", "export", "--from", day, "--out", str(clear), "--unmasked").returncode
        == 0
    )

    def id_column(path: Path) -> dict[str, str]:
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
        return {r[1]: r[5] for r in rows[1:]}

    assert "******" in id_column(masked)[code]
    assert id_column(clear)[code].isdigit() and len(id_column(clear)[code]) == 12
