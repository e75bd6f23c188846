"""Files and the command line: `form CODE --form NN --out FILE`, whole files or none, clear
messages with stable codes, the thermal variant as PNG and as an ESC/POS byte stream."""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from counter_app import __version__
from counter_app import cli as core_cli
from counter_app.cli_support import run
from counter_app.errors import AppError
from counter_app.services import forms
from counter_app.services.context import Actor, Core
from printing import cli as printing_cli
from printing import raster, render
from printing.files import AtomicFile, write_atomic
from tests.printing import pdfcheck
from tests.printing.conftest import QR
from tests.support.cli import run_main

ROOT = Path(__file__).resolve().parents[2]


def cli(core: Core, *args: str) -> tuple[int, str]:
    """The `form` command in this process, on the test's database (SQLite or PostgreSQL)."""
    config = core.settings.data_dir.parent / "cli.toml"
    config.write_text(f'[database]\nurl = "{core.settings.database_url}"\n', "utf-8")
    out = io.StringIO()
    code = run(
        ["--config", str(config), "--data-dir", str(core.settings.data_dir), *args],
        [core_cli.add_commands, printing_cli.add_commands],
        __version__,
        stdout=out,
    )
    return code, out.getvalue()


def test_form_command_writes_and_records(
    pcore: Core, code: str, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = out_dir / "giay-tiep-nhan.pdf"
    rc, out = cli(pcore, "form", code, "--form", "01", "--out", str(target), "--json")
    assert rc == 0
    result = json.loads(out)
    assert result["template"] == "tt01-2018/mau-01" and result["reprint"] is False
    found = {
        hit
        for page in pdfcheck.rasterize(target.read_bytes(), 150)
        for hit in pdfcheck.decode(page)
    }
    assert ("Code128", code) in found
    rc, out = cli(pcore, "form", code, "--out", str(target), "--json")
    assert rc == 0 and json.loads(out)["reprint"] is True
    assert "BẢN IN LẠI" in " ".join(pdfcheck.page_texts(target.read_bytes()))
    assert [p.name for p in out_dir.iterdir()] == ["giay-tiep-nhan.pdf"]  # no temp left


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--form", "03", "--out", "{dir}/a.pdf"], "E_FORM_STATUS"),
        (["--form", "01", "--out", "{dir}/missing/a.pdf"], "E_OUT_PATH"),
        (["--form", "01", "--out", "{dir}/blocker/a.pdf"], "E_OUT_PATH"),
        (["--form", "01", "--out", "{dir}"], "E_OUT_PATH"),
        (["--form", "01", "--out", "{dir}/a.docx"], "E_OUT_FORMAT"),
        (["--form", "02", "--out", "{dir}/a.png"], "E_FORM_STATUS"),
    ],
)
def test_bad_requests_exit_1_with_a_code_and_leave_nothing(
    pcore: Core,
    clerk: Actor,
    code: str,
    out_dir: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    error: str,
) -> None:
    (out_dir / "blocker").write_text("a file where a folder should be")
    before = sorted(p.name for p in out_dir.iterdir())
    rc, _ = cli(pcore, "form", code, *[a.replace("{dir}", str(out_dir)) for a in args])
    assert rc == 1
    assert f"[{error}]" in capsys.readouterr().err
    assert sorted(p.name for p in out_dir.iterdir()) == before
    assert forms.history(pcore, clerk, code) == []


def test_a_failure_while_writing_leaves_no_file_and_no_record(
    pcore: Core, clerk: Actor, code: str, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(self: AtomicFile, data: bytes) -> None:
        raise AppError("E_OUT_WRITE", "Ghi tệp thất bại: đĩa đầy.")

    monkeypatch.setattr(AtomicFile, "write", full_disk)
    with pytest.raises(AppError):
        render.produce(pcore, clerk, code, "01", out_dir / "a.pdf")
    assert list(out_dir.iterdir()) == []
    assert forms.history(pcore, clerk, code) == []  # the print was rolled back


def test_write_atomic_replaces_a_file_whole(out_dir: Path) -> None:
    target = out_dir / "a.pdf"
    target.write_bytes(b"old")
    write_atomic(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert [p.name for p in out_dir.iterdir()] == ["a.pdf"]


def test_thermal_png_is_576_dots_1_bit_and_scans(
    pcore: Core, clerk: Actor, code: str, out_dir: Path
) -> None:
    r = render.produce(pcore, clerk, code, "01", out_dir / "phieu.png")
    assert (r.template_id, r.media, r.pages) == ("tt01-2018/mau-01-80mm", "png", 2)
    img = Image.open(out_dir / "phieu.png")
    assert img.mode == "1" and img.width == 576
    assert img.info["dpi"] == pytest.approx((203, 203), abs=0.5)
    url = QR.replace("{code}", code)
    assert pdfcheck.decode(img.convert("L")) == sorted(
        [("Code128", code), ("Code128", code), ("QRCode", url), ("QRCode", url)]
    )


def parse_escpos(stream: bytes) -> tuple[list[np.ndarray], int]:
    """Read back what a printer would: ESC @, then GS v 0 bands, feeds and cuts."""
    assert stream.startswith(b"\x1b@")
    i, images, band_rows, cuts = 2, [], [], 0
    while i < len(stream):
        if stream[i : i + 4] == b"\x1dv0\x00":
            xb = stream[i + 4] | stream[i + 5] << 8
            rows = stream[i + 6] | stream[i + 7] << 8
            data = np.frombuffer(stream[i + 8 : i + 8 + xb * rows], dtype=np.uint8)
            band_rows.append(np.unpackbits(data.reshape(rows, xb), axis=1))
            i += 8 + xb * rows
        elif stream[i : i + 2] == b"\x1bd":
            i += 3
        elif stream[i : i + 4] == b"\x1dVB\x00":
            images.append(np.vstack(band_rows))
            band_rows, cuts, i = [], cuts + 1, i + 4
        else:
            raise AssertionError(f"unexpected byte {stream[i]:#x} at {i}")
    return images, cuts


def test_escpos_stream_is_raster_bands_with_a_cut_per_copy(
    pcore: Core, clerk: Actor, code: str
) -> None:
    r = render.preview(pcore, clerk, code, "01", media="escpos")
    images, cuts = parse_escpos(r.data)
    assert cuts == 2 and len(images) == 2
    for dots in images:
        assert dots.shape[1] == 576  # 72 bytes a row
        img = Image.fromarray(((1 - dots) * 255).astype(np.uint8), "L")
        assert ("Code128", code) in pdfcheck.decode(img)
    # The bands put back together are exactly the picture that was rendered.
    first = raster.to_image(r.laid_out[0], 203)
    assert np.array_equal(images[0], ~np.asarray(first, dtype=bool) * 1)


def test_gs_v0_header_and_bit_order() -> None:
    img = Image.new("1", (16, 3), 1)
    img.putpixel((0, 0), 0)  # top-left dot black → the first byte's high bit
    img.putpixel((15, 2), 0)
    data = raster.gs_v0(img, band=2)
    assert data[:8] == b"\x1dv0\x00\x02\x00\x02\x00"
    assert data[8:12] == bytes([0x80, 0, 0, 0])
    assert data[12:16] == b"\x1dv0\x00"[:4] and data[16:18] == b"\x02\x00"
    assert data[18:20] == b"\x01\x00" and data[20:22] == bytes([0, 0x01])


def test_only_the_receipt_has_a_thermal_variant(pcore: Core, clerk: Actor, code: str) -> None:
    with pytest.raises(AppError) as err:
        render.preview(pcore, clerk, code, "05", media="escpos")
    assert err.value.code == "E_FORM_MEDIA"


def test_main_py_form_command_end_to_end(tmp_path: Path) -> None:
    """The command as IT runs it: a real process, the demo office."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env |= {"COUNTER_APP_SECRET_DATA_KEY": "q" * 43 + "=", "XDG_CONFIG_HOME": str(tmp_path)}

    def main(*args: str) -> subprocess.CompletedProcess[str]:
        return run_main(tmp_path / "d", *args, env=env)

    demo = json.loads(main("init", "--demo", "--json").stdout)
    code = demo["dossiers_created"][0]
    out = main("form", code, "--form", "01", "--out", str(tmp_path / "r.pdf"))
    assert out.returncode == 0, out.stderr
    assert "Đã ghi" in out.stdout
    assert pdfcheck.page_texts((tmp_path / "r.pdf").read_bytes())[0].count(code) >= 2
    out = main(
        "form",
        "tracking-book",
        "--from",
        "2020-01-01",
        "--to",
        "2020-12-31",
        "--out",
        str(tmp_path / "b.xlsx"),
    )
    assert out.returncode == 0, out.stderr
    out = main("form", "tracking-book", "--from", "2021-01-01", "--out", str(tmp_path / "c.pdf"))
    assert out.returncode == 1 and "[E_DATE]" in out.stderr
    assert not (tmp_path / "c.pdf").exists()
