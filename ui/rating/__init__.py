"""The citizen's satisfaction rating: the window, and how the counter opens it.

`after_hand_over` is called by the dossier screen once a result is handed over; the menu
`install_menu` adds to the main window opens the window idle, or for a walk-in rating of the
officer signed in. One rating window per counter window.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from ui.rating.window import RatingWindow
from ui.widgets import show_error

if TYPE_CHECKING:
    from ui.session import Session

__all__ = [
    "RatingMenu",
    "RatingWindow",
    "after_hand_over",
    "ask_walk_in",
    "install_menu",
    "window_for",
]

AUTO_KEY = "rating/after_hand_over"
log = logging.getLogger(__name__)


def window_for(anchor: QWidget, session: Session) -> RatingWindow:
    """The rating window of `anchor`'s top-level window, created on first use."""
    top = anchor.window()
    found = top.findChild(RatingWindow, "ratingWindow")
    if isinstance(found, RatingWindow):
        return found
    return RatingWindow(session.core, session.runner, top)


def opens_after_hand_over() -> bool:
    return str(QSettings().value(AUTO_KEY, "true")).lower() in ("true", "1")


def after_hand_over(anchor: QWidget, session: Session, code: str) -> None:
    """Ask the citizen who just received dossier `code`'s result (unless switched off)."""
    if not opens_after_hand_over():
        return
    from counter_app.services import ratings

    window = window_for(anchor, session)
    session.run(
        session.call(ratings.prompt_after_hand_over, code),
        lambda prompt: window.ask(prompt, anchor.window()),
        # The hand-over stands; only the question is skipped (and the reason logged).
        lambda exc: log.warning("no rating asked for %s: %s", code, exc),
    )


class RatingMenu(QObject):
    """Menu "Đánh giá" of the main window: the window idle, a walk-in rating, and whether it
    opens by itself after a hand-over (a per-machine setting)."""

    def __init__(self, main: QMainWindow, session: Session) -> None:
        super().__init__(main)
        self.setObjectName("ratingMenuOwner")
        bar = main.menuBar()
        menu = QMenu(self.tr("Đánh &giá"), main)
        menus = bar.actions()
        if menus:  # before "Trợ giúp", the last menu
            bar.insertMenu(menus[-1], menu)
        else:
            bar.addMenu(menu)
        menu.setObjectName("ratingMenu")
        self.show_action = menu.addAction(self.tr("Mở &cửa sổ đánh giá"))
        self.show_action.triggered.connect(lambda: window_for(main, session).present())
        self.walk_in_action = menu.addAction(self.tr("Mời người dân đánh giá (&không gắn hồ sơ)"))
        self.walk_in_action.triggered.connect(lambda: ask_walk_in(main, session))
        self.auto_action = menu.addAction(self.tr("&Tự mở sau khi trả kết quả"))
        self.auto_action.setCheckable(True)
        self.auto_action.setChecked(opens_after_hand_over())
        self.auto_action.toggled.connect(
            lambda on: QSettings().setValue(AUTO_KEY, "true" if on else "false")
        )


def install_menu(main: QMainWindow, session: Session) -> RatingMenu:
    return RatingMenu(main, session)


def ask_walk_in(anchor: QWidget, session: Session) -> None:
    """A rating of the officer signed in here, for a visit that left no dossier."""
    from counter_app.services import ratings

    window = window_for(anchor, session)
    session.run(
        session.call(ratings.walk_in_prompt),
        lambda prompt: window.ask(prompt, anchor.window()),
        lambda exc: show_error(anchor, exc),
    )
