"""The citizen's rating window: opens after a hand-over, one tap records, thanks, clears."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter_app.services import lifecycle, ratings
from counter_app.services.ratings import Level
from counter_app.storage import models as m
from tests.support import factories
from tests.ui.helpers import on_modal
from tests.ui.keys import type_text
from ui import rating
from ui.dossier_actions import HandOverDialog
from ui.main_window import MainWindow
from ui.rating import RatingWindow
from ui.rating import window as rating_window
from ui.returns import ReturnView
from ui.session import Session

pytestmark = pytest.mark.ui


@pytest.fixture(autouse=True)
def quick_thanks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rating_window, "THANKS_MS", 30)


@pytest.fixture
def screen(qtbot: QtBot, session: Session) -> ReturnView:
    view = ReturnView(session)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def ready(session: Session, name: str = "Nguyễn Văn An", id_number: str = "001090012345") -> str:
    code = factories.register(session.core, session.actor, name=name, id_number=id_number).code
    lifecycle.finish(session.core, session.actor, code)
    return code


def hand_over(screen: ReturnView, code: str) -> RatingWindow:
    screen.open(code)
    seen = on_modal(lambda d: d.submit(), kind=HandOverDialog)  # type: ignore[attr-defined]
    screen.hand_over()
    assert seen
    found = screen.findChild(RatingWindow, "ratingWindow")
    assert isinstance(found, RatingWindow), "no rating window after the hand-over"
    return found


def saved(session: Session) -> list[tuple[str | None, int | None, str, str]]:
    with session.core.db.session(write=False) as s:
        rows = s.execute(
            select(m.Dossier.code, m.SatisfactionRating)
            .outerjoin(m.Dossier, m.Dossier.id == m.SatisfactionRating.dossier_id)
            .order_by(m.SatisfactionRating.id)
        ).all()
        return [(code, r.officer_id, r.level, r.comment) for code, r in rows]


def texts(widget: QWidget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def test_after_a_hand_over_one_tap_rates_the_officer_then_thanks_and_clears(
    qtbot: QtBot, screen: ReturnView, session: Session
) -> None:
    code = ready(session)
    window = hand_over(screen, code)
    assert window.isVisible() and window.page() == RatingWindow.QUESTION
    shown = texts(window)
    assert "Nguyễn Thị Lan" in shown  # the officer who handed over
    assert "Thủ tục" in window.procedure_label.text()
    assert "Nguyễn Văn An" not in shown and "0010" not in shown  # nothing about the citizen
    window.comment.setFocus()
    type_text(window.comment, "Cán bộ rất nhiệt tình")
    qtbot.mouseClick(window.buttons[Level.SATISFIED], Qt.MouseButton.LeftButton)
    assert saved(session) == [(code, session.user.id, "satisfied", "Cán bộ rất nhiệt tình")]
    assert window.page() == RatingWindow.THANKS
    assert "Cảm ơn ông/bà!" in texts(window)
    window.rate(Level.NOT_SATISFIED)  # a second tap on the thank-you changes nothing
    assert len(saved(session)) == 1
    qtbot.waitUntil(lambda: window.page() == RatingWindow.IDLE)
    assert window.officer_label.text() == "" and window.comment.text() == ""
    assert "Nguyễn Thị Lan" not in texts(window)


def test_the_next_hand_over_replaces_the_thanks_and_the_keyboard_rates_too(
    qtbot: QtBot, screen: ReturnView, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rating_window, "THANKS_MS", 60_000)  # still thanking when the next comes
    first = ready(session)
    second = ready(session, name="Trần Thị Bích Ngọc", id_number="079195001234")
    window = hand_over(screen, first)
    qtbot.mouseClick(window.buttons[Level.VERY_SATISFIED], Qt.MouseButton.LeftButton)
    assert window.page() == RatingWindow.THANKS
    assert hand_over(screen, second) is window  # one window per counter
    assert window.page() == RatingWindow.QUESTION and window.comment.isEnabled()
    button = window.buttons[Level.NOT_SATISFIED]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert [(c, level) for c, _, level, _ in saved(session)] == [
        (first, "very_satisfied"),
        (second, "not_satisfied"),
    ]


def test_a_dossier_rated_already_keeps_its_first_answer_and_the_citizen_is_thanked(
    qtbot: QtBot, screen: ReturnView, session: Session
) -> None:
    code = ready(session)
    window = hand_over(screen, code)
    prompt = ratings.prompt_after_hand_over(session.core, session.actor, code)
    ratings.record(session.core, prompt, Level.VERY_SATISFIED)  # e.g. from another screen
    qtbot.mouseClick(window.buttons[Level.NOT_SATISFIED], Qt.MouseButton.LeftButton)
    assert window.page() == RatingWindow.THANKS
    assert [level for _, _, level, _ in saved(session)] == ["very_satisfied"]


def test_switched_off_it_does_not_open(qtbot: QtBot, screen: ReturnView, session: Session) -> None:
    from PySide6.QtCore import QSettings

    QSettings().setValue(rating.AUTO_KEY, "false")
    code = ready(session)
    screen.open(code)
    on_modal(lambda d: d.submit(), kind=HandOverDialog)  # type: ignore[attr-defined]
    screen.hand_over()
    assert screen.findChild(RatingWindow, "ratingWindow") is None


def test_a_walk_in_rating_from_the_main_windows_menu(qtbot: QtBot, session: Session) -> None:
    main = MainWindow(session)
    qtbot.addWidget(main)
    main.show()
    menu = main.rating_menu
    menu.show_action.trigger()  # idle: a greeting, no one's name
    window = main.findChild(RatingWindow, "ratingWindow")
    assert isinstance(window, RatingWindow) and window.page() == RatingWindow.IDLE
    assert "Nguyễn Thị Lan" not in texts(window)
    menu.walk_in_action.trigger()
    assert window.page() == RatingWindow.QUESTION
    assert "Nguyễn Thị Lan" in window.officer_label.text()
    assert not window.procedure_label.isVisible()
    qtbot.mouseClick(window.buttons[Level.VERY_SATISFIED], Qt.MouseButton.LeftButton)
    assert saved(session) == [(None, session.user.id, "very_satisfied", "")]
    menu.walk_in_action.trigger()  # the next one, straight away: the counter is held up
    qtbot.mouseClick(window.buttons[Level.VERY_SATISFIED], Qt.MouseButton.LeftButton)
    assert window.page() == RatingWindow.QUESTION and "chờ giây lát" in window.notice.text()
    assert len(saved(session)) == 1


def test_the_window_speaks_english_when_the_counter_does(qtbot: QtBot, session: Session) -> None:
    from ui import i18n

    i18n.install("en")
    window = RatingWindow(session.core, session.runner)
    qtbot.addWidget(window)
    window.ask(ratings.walk_in_prompt(session.core, session.actor))
    assert window.button_texts[Level.VERY_SATISFIED].text().startswith("Very satisfied")
    assert window.buttons[Level.NOT_SATISFIED].accessibleName() == "Not satisfied"
    assert window.officer_label.text() == "Served by: Nguyễn Thị Lan"
    assert window.thanks.text() == "Thank you!"
