"""The digitize screen (pytest-qt, offscreen): files, drag and drop, page tools, save, scan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from counter_app.digitize import scanners
from counter_app.services import attachments
from counter_app.services.context import Actor, Core
from tests.digitize import documents
from ui.digitize import DigitizeDialog
from ui.tasks import SyncRunner

pytestmark = pytest.mark.ui


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    return [
        documents.save(documents.text_page(300, lines=6), tmp_path / "trang1.png", "PNG"),
        documents.multipage_tiff(
            [documents.text_page(300, lines=4), documents.text_page(300, skew=2, lines=8)],
            tmp_path / "trang2-3.tif",
        ),
    ]


@pytest.fixture
def dialog(qtbot, ready_core: Core, officer: Actor, dossier_code: str) -> DigitizeDialog:  # type: ignore[no-untyped-def]
    ready_core.settings.digitize.scanner_device = ""
    d = DigitizeDialog(ready_core, officer, dossier_code, SyncRunner(), scanner=NoScanner())
    qtbot.addWidget(d)
    d.ask = lambda title, text: True
    return d


class NoScanner:
    name = "none"

    def available(self) -> bool:
        return False

    def devices(self) -> list[scanners.ScannerDevice]:
        return []

    def scan(self, *args: object, **kw: object) -> list[scanners.RawScan]:
        raise AssertionError("no scanner in this test")


def captions(d: DigitizeDialog) -> list[str]:
    return [d.pages_view.item(i).text() for i in range(d.pages_view.count())]


def test_components_show_what_must_still_be_digitized(dialog: DigitizeDialog) -> None:
    assert dialog.components.count() == 2
    assert "Cần số hoá" in dialog.components.item(1).text()
    assert "2. Giấy chứng sinh" in dialog.missing_label.text()
    assert dialog.components.currentRow() == 1  # the first missing one is ready to work on
    assert not dialog.save_button.isEnabled()  # nothing to save yet
    assert not dialog.sources.scan_button.isEnabled()  # no scanner found


def test_import_rotate_delete_reorder_and_save(dialog: DigitizeDialog, files: list[Path]) -> None:
    dialog.sources.import_files([str(f) for f in files])
    assert dialog.pages_view.count() == 3 and len(dialog.deck) == 3
    assert captions(dialog)[0].startswith("Trang 1")
    first = dialog.deck[0]
    dialog.pages_view.clearSelection()
    dialog.pages_view.item(0).setSelected(True)
    dialog.rotate(1)
    assert dialog.deck[0].image.size == first.image.size[::-1]
    dialog.rotate(-1)
    assert dialog.deck[0].image.size == first.image.size
    ids = [p.id for p in dialog.deck]
    dialog.pages_view.model().moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)
    assert [p.id for p in dialog.deck] == [ids[1], ids[2], ids[0]]
    dialog.pages_view.clearSelection()
    dialog.pages_view.item(1).setSelected(True)
    dialog.delete_pages()
    assert [p.id for p in dialog.deck] == [ids[1], ids[0]]
    assert dialog.save_button.isEnabled()
    dialog.save()
    assert len(dialog.deck) == 0 and dialog.pages_view.count() == 0
    assert "Đã lưu Giấy chứng sinh: 2 trang" in dialog.banner.text()
    assert "Đã số hoá đủ" in dialog.missing_label.text()
    assert "✓ Đã số hoá – 2 trang" in dialog.components.item(1).text()


def test_insert_and_replace_at_the_selected_page(dialog: DigitizeDialog, files: list[Path]) -> None:
    dialog.sources.import_files([str(files[1])])
    before = [p.id for p in dialog.deck]
    assert dialog.pages_view.selected_rows() == [0, 1]  # new pages come in selected
    dialog.pages_view.clearSelection()
    dialog.pages_view.item(1).setSelected(True)
    dialog.placement.setCurrentIndex(dialog.placement.findData("before"))
    dialog.sources.import_files([str(files[0])])
    inserted = dialog.deck[1].id
    assert [p.id for p in dialog.deck] == [before[0], inserted, before[1]]
    dialog.pages_view.clearSelection()
    dialog.pages_view.item(0).setSelected(True)
    dialog.placement.setCurrentIndex(dialog.placement.findData("replace"))
    dialog.sources.import_files([str(files[0])])
    assert len(dialog.deck) == 3 and dialog.deck[0].id not in before
    assert [p.id for p in dialog.deck][1:] == [inserted, before[1]]


def test_files_dropped_from_the_desktop_are_imported_where_dropped(
    dialog: DigitizeDialog, files: list[Path]
) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.pages_view.dropEvent(event)
    assert len(dialog.deck) == 3
    assert dialog.deck[0].source == "trang1.png"


def test_blank_pages_are_flagged_and_the_clerk_decides(
    dialog: DigitizeDialog, tmp_path: Path, files: list[Path]
) -> None:
    from PIL import Image

    blank = documents.save(Image.new("L", (1654, 2339), 245), tmp_path / "trang.png", "PNG", 200)
    dialog.sources.import_files([str(files[0]), str(blank)])
    assert "trang trắng" in captions(dialog)[1]
    assert "Trang 2 có vẻ là trang trắng" in dialog.banner.text()
    questions: list[str] = []
    dialog.ask = lambda title, text: questions.append(text) is not None and False
    dialog.save()
    assert questions and "Trang 2" in questions[0]
    assert len(dialog.deck) == 2  # nothing saved, nothing dropped
    dialog.pages_view.item(1).setSelected(True)
    dialog.toggle_blank()
    assert "trang trắng" not in captions(dialog)[1]


def test_a_bad_file_shows_a_clear_message_and_keeps_the_pages(
    dialog: DigitizeDialog, files: list[Path], tmp_path: Path
) -> None:
    dialog.sources.import_files([str(files[0])])
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"\x8f" * 200)
    dialog.sources.import_files([str(bad)])
    assert dialog.banner.kind == "error" and "hong.pdf" in dialog.banner.text()
    assert len(dialog.deck) == 1 and not dialog.busy


def test_watched_folder_pages_arrive(
    qtbot,
    ready_core: Core,
    officer: Actor,
    dossier_code: str,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    folder = tmp_path / "may-photo"
    folder.mkdir()
    ready_core.settings.digitize.watch_folder = str(folder)
    d = DigitizeDialog(ready_core, officer, dossier_code, SyncRunner(), scanner=NoScanner())
    qtbot.addWidget(d)
    assert d.sources.watch_box.isEnabled() and d.sources.watcher is not None
    d.sources.watcher.settle = 0
    (folder / "scan.pdf").write_bytes(documents.pdf_of([documents.text_page(200, lines=3)] * 2))
    d.sources.poll_watch_folder()  # first sight
    d.sources.poll_watch_folder()  # unchanged: taken
    assert len(d.deck) == 2 and (folder / "da-nhap" / "scan.pdf").is_file()


@pytest.mark.sane
def test_scan_from_the_sane_test_device(
    qtbot,
    ready_core: Core,
    officer: Actor,
    dossier_code: str,  # type: ignore[no-untyped-def]
) -> None:
    if shutil.which("scanimage") is None:
        pytest.skip("sane-utils is not installed (bash .ci/dev setup installs it)")
    ready_core.settings.digitize.scanner_device = "test"
    backend = scanners.SaneScanner(extra=["--test-picture=Grid"])
    d = DigitizeDialog(ready_core, officer, dossier_code, SyncRunner(), scanner=backend)
    qtbot.addWidget(d)
    d.ask = lambda title, text: True
    assert d.sources.device_box.currentData() == "test" and d.sources.scan_button.isEnabled()
    d.sources.profile_box.setCurrentIndex(d.sources.profile_box.findData("grey"))
    d.sources.feeder.setChecked(True)
    d.sources.scan()
    assert len(d.deck) == 10 and "Trang 10" in captions(d)[-1]
    d.save()
    (view,) = attachments.list_attachments(ready_core, officer, dossier_code)
    assert view.pages == 10 and view.profile == "grey"


@pytest.mark.softhsm
def test_sign_from_the_screen_shows_signer_and_time(
    dialog: DigitizeDialog, files: list[Path], softhsm: dict[str, str]
) -> None:
    settings = dialog.core.settings.digitize
    settings.pkcs11_lib = softhsm["COUNTER_TEST_PKCS11_LIB"]
    settings.pkcs11_token = softhsm["COUNTER_TEST_PKCS11_TOKEN"]
    dialog.sources.import_files([str(files[0])])
    dialog.save()
    assert dialog.sign_button.isEnabled()
    dialog.ask_secret = lambda: softhsm["COUNTER_TEST_PKCS11_PIN"]
    dialog.sign()
    assert "Đã ký số: Nguyễn Thị Lan" in dialog.banner.text()
    assert "ký bởi Nguyễn Thị Lan lúc" in dialog.components.item(1).text()
    assert not dialog.sign_button.isEnabled()
