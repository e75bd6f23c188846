"""Tra cứu: search-as-you-type without accents, masked IDs, highlighting, sorting, lazy pages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from counter_app.services.context import Core
from tests.support import factories
from tests.ui.keys import enter, type_text
from ui import dossier_model
from ui.dossier_model import DUE_SOON_BG, OVERDUE_BG, DossierTableModel
from ui.search import SearchView
from ui.session import Session

PEOPLE = [
    ("Nguyễn Văn An", "001090012345", "0912345678"),
    ("Trần Thị Bích Ngọc", "079195001234", "0987654321"),
    ("Lê Hoàng Đức", "036088004321", "0901222333"),
]


@pytest.fixture
def search(qtbot: QtBot, session: Session) -> SearchView:
    view = SearchView(session)
    qtbot.addWidget(view)
    view.resize(1300, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def fill(core: Core, actor: object) -> list[str]:
    return [
        factories.register(core, actor, name=n, id_number=i, phone=p).code  # type: ignore[arg-type]
        for n, i, p in PEOPLE
    ]


def cells(model: DossierTableModel, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_names_typed_without_accents_are_found_as_you_type(
    qtbot: QtBot, search: SearchView, session: Session
) -> None:
    fill(session.core, session.actor)
    search.focus_query()
    type_text(search.query, "hoang duc")
    qtbot.waitUntil(lambda: cells(search.model, DossierTableModel.NAME) == ["Lê Hoàng Đức"])
    assert search.count.text() == "1 hồ sơ"


def test_phone_code_and_id_find_the_dossier_and_ids_stay_masked(
    qtbot: QtBot, search: SearchView, session: Session
) -> None:
    codes = fill(session.core, session.actor)
    for query, name in (
        ("0987654321", "Trần Thị Bích Ngọc"),
        (codes[0], "Nguyễn Văn An"),
        ("036088004321", "Lê Hoàng Đức"),
    ):
        search.query.setText(query)
        search.search_now()
        assert cells(search.model, DossierTableModel.NAME) == [name]
    everything = " ".join(
        str(search.model.index(r, c).data())
        for r in range(search.model.rowCount())
        for c in range(search.model.columnCount())
    )
    assert "036088004321" not in everything and "0360******21" in everything
    assert "0901222333" not in everything


def test_enter_opens_the_dossier(qtbot: QtBot, search: SearchView, session: Session) -> None:
    codes = fill(session.core, session.actor)
    search.query.setFocus()
    type_text(search.query, "bich ngoc")
    with qtbot.waitSignal(search.open_dossier) as opened:
        enter(search.query)
    assert opened.args == [codes[1]]


def test_overdue_and_due_soon_stand_out_in_colour_and_in_words(
    qtbot: QtBot, search: SearchView, session: Session
) -> None:
    core = session.core
    late = factories.register(
        core, session.actor, name="Phạm Thị Hương", received_at=factories.vn(2026, 11, 2, 9)
    ).code
    soon = factories.register(core, session.actor, name="Đỗ Văn Bình", procedure="2.000815").code
    search.search_now()
    model = search.model
    rows = {model.code_at(r): r for r in range(model.rowCount())}
    late_row, soon_row = rows[late], rows[soon]
    background = Qt.ItemDataRole.BackgroundRole
    assert model.index(late_row, 0).data(background).color() == OVERDUE_BG
    assert model.index(late_row, DossierTableModel.TIMELINESS).data() == "Quá hạn"
    assert model.index(soon_row, 0).data(background).color() == DUE_SOON_BG
    assert model.index(soon_row, DossierTableModel.TIMELINESS).data() == "Sắp đến hạn"


def test_sorting_by_a_column_orders_the_rows(
    qtbot: QtBot, search: SearchView, session: Session
) -> None:
    fill(session.core, session.actor)
    search.search_now()
    search.table.sortByColumn(DossierTableModel.NAME, Qt.SortOrder.AscendingOrder)
    names = cells(search.model, DossierTableModel.NAME)
    assert names == sorted(names, key=str.casefold)
    search.table.sortByColumn(DossierTableModel.NAME, Qt.SortOrder.DescendingOrder)
    assert cells(search.model, DossierTableModel.NAME) == sorted(names, key=str.casefold)[::-1]


def test_the_list_loads_page_by_page_as_it_scrolls(
    qtbot: QtBot, search: SearchView, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dossier_model, "PAGE", 10)
    search.resize(1300, 240)  # fewer rows fit than a page holds: more come only by scrolling
    qtbot.wait(10)
    for i in range(25):
        factories.register(session.core, session.actor, name=f"Người thứ {i}", id_number="")
    search.search_now()
    model = search.model
    assert model.rowCount() == 10 and model.canFetchMore()
    assert search.count.text() == "10+ hồ sơ"
    search.table.scrollToBottom()  # the view asks for more when it reaches the end
    qtbot.waitUntil(lambda: model.rowCount() == 20)
    search.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 25)
    assert not model.canFetchMore()
    names = cells(model, DossierTableModel.NAME)
    assert len(set(names)) == 25  # no page twice, none missing
    assert names[0] == "Người thứ 24"  # newest first
