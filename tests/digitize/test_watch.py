"""The copier's "scan to folder": finished files become pages; nothing is lost or taken twice."""

from __future__ import annotations

from pathlib import Path

from counter_app.digitize.files import Limits, load_file
from counter_app.digitize.profiles import profile
from counter_app.digitize.watch import DONE_DIR, FAILED_DIR, FolderWatcher
from counter_app.errors import AppError
from counter_app.services import attachments
from counter_app.services.context import Actor, Core
from tests.digitize import documents


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_file_is_ready_only_once_it_stops_growing(tmp_path: Path) -> None:
    clock = Clock()
    watcher = FolderWatcher(tmp_path, settle=2.0, clock=clock)
    path = tmp_path / "scan0001.pdf"
    data = documents.pdf_of([documents.text_page(200, lines=3)])
    path.write_bytes(data[:1000])  # the copier is still writing
    (tmp_path / "scan0002.pdf.part").write_bytes(b"%PDF")
    (tmp_path / ".hidden.pdf").write_bytes(b"%PDF")
    assert watcher.ready() == []
    clock.now += 3
    path.write_bytes(data)  # grew: wait again
    assert watcher.ready() == []
    clock.now += 1
    assert watcher.ready() == []
    clock.now += 2
    assert watcher.ready() == [path]


def test_imported_and_refused_files_are_moved_aside_with_the_reason(tmp_path: Path) -> None:
    clock = Clock()
    watcher = FolderWatcher(tmp_path, settle=0.5, clock=clock)
    good = tmp_path / "scan0001.pdf"
    good.write_bytes(documents.pdf_of([documents.text_page(200, lines=3)] * 2))
    bad = tmp_path / "scan0002.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"\x8f" * 300)
    watcher.ready()
    clock.now += 1
    pages = []
    for path in watcher.ready():
        try:
            pages += load_file(path, profile("text"), Limits())
            watcher.mark_done(path)
        except AppError as err:
            watcher.mark_failed(path, err)
    assert len(pages) == 2
    assert (tmp_path / DONE_DIR / "scan0001.pdf").is_file()
    reason = (tmp_path / FAILED_DIR / "scan0002.pdf.txt").read_text("utf-8")
    assert "E_PDF_BROKEN" in reason
    clock.now += 5
    assert watcher.ready() == []  # nothing is taken twice
    again = tmp_path / "scan0001.pdf"
    again.write_bytes(b"%PDF-1.4 second copy with the same name")
    watcher.ready()
    clock.now += 1
    assert watcher.mark_done(watcher.ready()[0]).name == "scan0001 (2).pdf"


def test_watched_folder_to_attachment(
    ready_core: Core, officer: Actor, dossier_code: str, tmp_path: Path
) -> None:
    folder = tmp_path / "copier"
    folder.mkdir()
    ready_core.settings.digitize.watch_folder = str(folder)
    documents.multipage_tiff([documents.text_page(300, lines=4)] * 3, folder / "0001.tif")
    clock = Clock()
    watcher = FolderWatcher(Path(ready_core.settings.digitize.watch_folder), 1.0, clock)
    watcher.ready()
    clock.now += 2
    (path,) = watcher.ready()
    view = attachments.attach_files(ready_core, officer, dossier_code, "2", [path])
    watcher.mark_done(path)
    assert view.pages == 3 and not path.exists()
