"""The citizen's rating window (đánh giá mức độ hài lòng): on the second screen, or a
tablet-sized window where there is none.

Three pages: idle (a greeting, nothing about anyone), the question (the officer's name and the
procedure, three big buttons and an optional short comment) and the thank-you. One tap
records; the save runs on the database worker. The thank-you clears itself after a few
seconds, as does an unanswered question; the next hand-over replaces whatever is shown.
No login, no personal data: the counter tells the window what to ask about.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import AppError
from counter_app.services.ratings import MAX_COMMENT, Level, RatingPrompt, Recorded

if TYPE_CHECKING:
    from counter_app.services.context import Core
    from ui.tasks import Runner

log = logging.getLogger(__name__)

THANKS_MS = 6000  # the thank-you stays this long, then the window is idle again
QUESTION_MS = 120_000  # a question nobody answers is cleared (the citizen has left)
TABLET_SIZE = (1024, 700)

# Colours with white text at a contrast elderly eyes can read (all above 4.5:1).
COLOURS = {
    Level.VERY_SATISFIED: "#1b6e35",
    Level.SATISFIED: "#1f5a9e",
    Level.NOT_SATISFIED: "#a3221b",
}


def face_icon(level: Level, size: int = 96) -> QIcon:
    """A drawn face (no emoji font needed): a broad smile, a smile, a frown."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("#222222"), size / 20)
    p.setPen(pen)
    p.setBrush(QColor("#ffd43b"))
    margin = size / 16
    p.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    p.setBrush(QColor("#222222"))
    eye = size / 14
    for x in (0.36, 0.64):
        p.drawEllipse(QPointF(size * x, size * 0.4), eye / 2, eye / 2)
    p.setBrush(Qt.BrushStyle.NoBrush)
    mouth = QPainterPath()
    left, right, y = size * 0.3, size * 0.7, size * 0.64
    bend = {Level.VERY_SATISFIED: 0.2, Level.SATISFIED: 0.09, Level.NOT_SATISFIED: -0.1}[level]
    mouth.moveTo(left, y)
    mouth.quadTo(size / 2, y + size * bend, right, y)
    if level is Level.VERY_SATISFIED:  # an open smile
        mouth.closeSubpath()
        p.setBrush(QColor("#ffffff"))
    p.drawPath(mouth)
    p.end()
    return QIcon(pixmap)


class RatingWindow(QWidget):
    """`recorded(Recorded)` after a rating is saved; `cleared()` when back to idle."""

    recorded = Signal(object)
    cleared = Signal()

    IDLE, QUESTION, THANKS = range(3)

    def __init__(self, core: Core, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("ratingWindow")
        self.core, self.runner = core, runner
        self.prompt: RatingPrompt | None = None
        self.saving = False
        self.home: QWidget | None = None  # the counter's window, given back its focus
        # The clerk keeps typing on the counter's window when this one appears.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle(self.tr("Đánh giá mức độ hài lòng"))
        self.setStyleSheet("QWidget#ratingWindow { background: #f7f7f2; }")
        self.clear_timer = QTimer(self)
        self.clear_timer.setSingleShot(True)
        self.clear_timer.timeout.connect(self.clear)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._idle_page())
        self.pages.addWidget(self._question_page())
        self.pages.addWidget(self._thanks_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.pages)
        self.clear()

    # -- pages ----------------------------------------------------------------------------

    @staticmethod
    def _label(text: str, name: str, points: int, *, bold: bool = False) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        weight = "bold" if bold else "normal"
        label.setStyleSheet(f"font-size:{points}pt; font-weight:{weight}; color:#1a1a1a;")
        return label

    def _idle_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(
            self._label(self.tr("Bộ phận Một cửa kính chào ông/bà"), "ratingIdle", 30, bold=True)
        )
        layout.addStretch(1)
        return page

    def _question_page(self) -> QWidget:
        page = QWidget()
        self.question = self._label(
            self.tr("Ông/bà đánh giá thế nào về việc phục vụ hôm nay?"),
            "ratingQuestion",
            26,
            bold=True,
        )
        self.officer_label = self._label("", "ratingOfficer", 20)
        self.procedure_label = self._label("", "ratingProcedure", 16)
        self.comment = QLineEdit()
        self.comment.setObjectName("ratingComment")
        self.comment.setMaxLength(MAX_COMMENT)
        self.comment.setPlaceholderText(
            self.tr("Ý kiến thêm (không bắt buộc) – viết trước khi chọn")
        )
        self.comment.setAccessibleName(self.tr("Ý kiến thêm, không bắt buộc"))
        self.comment.setStyleSheet("font-size:16pt; padding:8px;")
        self.comment.setMinimumHeight(52)
        labels = {
            Level.VERY_SATISFIED: self.tr("Rất hài lòng"),
            Level.SATISFIED: self.tr("Hài lòng"),
            Level.NOT_SATISFIED: self.tr("Không hài lòng"),
        }
        self.buttons: dict[Level, QPushButton] = {}
        self.button_texts: dict[Level, QLabel] = {}
        row = QHBoxLayout()
        row.setSpacing(24)
        for number, level in enumerate(Level, start=1):
            button = QPushButton()
            button.setObjectName(f"rate_{level.value}")
            button.setAccessibleName(labels[level])
            button.setToolTip(self.tr("Chạm hoặc nhấn phím %1").replace("%1", str(number)))
            button.setMinimumHeight(200)
            # Equal widths whatever the label: no level looks bigger than another.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
            button.setStyleSheet(
                f"QPushButton {{ background:{COLOURS[level]}; border-radius:16px; }}"
                " QPushButton:focus { border:6px solid #ffbf00; }"
                " QPushButton:disabled { background:#9e9e9e; }"
            )
            # The face above the words, the words wrapped: a QPushButton's own text does not
            # wrap, and "Không hài lòng" at this size needs two lines on a narrow screen.
            face = QLabel()
            face.setPixmap(face_icon(level).pixmap(96, 96))
            words = QLabel(f"{labels[level]}\n({number})")
            words.setObjectName(f"rateText_{level.value}")
            words.setWordWrap(True)
            words.setStyleSheet("color:white; font-size:22pt; font-weight:bold;")
            inside = QVBoxLayout(button)
            for part in (face, words):
                part.setAlignment(Qt.AlignmentFlag.AlignCenter)
                part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
                inside.addWidget(part)
            self.button_texts[level] = words
            button.clicked.connect(lambda _c=False, level=level: self.rate(level))
            shortcut = QShortcut(QKeySequence(str(number)), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda level=level: self._key_rate(level))
            self.buttons[level] = button
            row.addWidget(button, 1)
        self.notice = self._label("", "ratingNotice", 16)
        self.notice.setStyleSheet("font-size:16pt; color:#a3221b;")
        layout = QVBoxLayout(page)
        layout.setSpacing(16)
        for widget in (self.question, self.officer_label, self.procedure_label):
            layout.addWidget(widget)
        layout.addWidget(self.comment)  # above the buttons: typed first, then one tap
        layout.addLayout(row, 1)
        layout.addWidget(self.notice)
        return page

    def _thanks_page(self) -> QWidget:
        page = QWidget()
        self.thanks = self._label(self.tr("Cảm ơn ông/bà!"), "ratingThanks", 40, bold=True)
        self.thanks_detail = self._label(
            self.tr("Ý kiến của ông/bà giúp chúng tôi phục vụ tốt hơn."), "ratingThanksDetail", 20
        )
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.thanks)
        layout.addWidget(self.thanks_detail)
        layout.addStretch(1)
        return page

    # -- what is shown ----------------------------------------------------------------------

    def page(self) -> int:
        return self.pages.currentIndex()

    def ask(self, prompt: RatingPrompt, home: QWidget | None = None) -> None:
        """Ask about `prompt` now, replacing whatever was shown (a new hand-over)."""
        self.prompt = prompt
        self.saving = False
        self.home = home
        name = prompt.officer_name or self.tr("cán bộ Bộ phận Một cửa")
        self.officer_label.setText(self.tr("Cán bộ phục vụ: %1").replace("%1", name))
        self.procedure_label.setText(prompt.procedure_name)
        self.procedure_label.setVisible(bool(prompt.procedure_name))
        self.comment.clear()
        self.notice.clear()
        self._enable(True)
        self.pages.setCurrentIndex(self.QUESTION)
        self.clear_timer.start(QUESTION_MS)
        self.present()

    def clear(self) -> None:
        """Back to the greeting: nothing about the last citizen or officer stays on screen."""
        self.clear_timer.stop()
        self.prompt = None
        self.saving = False
        self.officer_label.clear()
        self.procedure_label.clear()
        self.comment.clear()
        self.notice.clear()
        self.pages.setCurrentIndex(self.IDLE)
        self.cleared.emit()

    def _enable(self, enabled: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(enabled)
        self.comment.setEnabled(enabled)

    # -- the tap ---------------------------------------------------------------------------

    def _key_rate(self, level: Level) -> None:
        if not self.comment.hasFocus():  # a digit typed in the comment is text, not a rating
            self.rate(level)

    def rate(self, level: Level) -> None:
        """One tap records `level` (with the comment typed so far); a second tap is ignored."""
        prompt = self.prompt
        if prompt is None or self.saving or self.page() != self.QUESTION:
            return
        from counter_app.services import ratings

        self.saving = True
        self._enable(False)
        core, comment = self.core, self.comment.text()
        self.runner.run(
            lambda: ratings.record(core, prompt, level, comment),
            lambda done: self._saved(prompt, done),
            lambda exc: self._failed(prompt, exc),
        )

    def _saved(self, prompt: RatingPrompt, done: Recorded) -> None:
        if prompt is not self.prompt:  # a new hand-over came while this one was saving
            return
        self.recorded.emit(done)
        self._thank()

    def _failed(self, prompt: RatingPrompt, exc: BaseException) -> None:
        if prompt is not self.prompt:
            return
        code = exc.code if isinstance(exc, AppError) else ""
        if code == "E_RATING_EXISTS":  # already rated: the first answer stands, thank anyway
            self._thank()
            return
        if code == "E_RATING_TOO_SOON":
            self.notice.setText(self.tr("Xin ông/bà chờ giây lát rồi chọn lại."))
        else:
            log.error("rating not saved", exc_info=exc)
            self.notice.setText(self.tr("Chưa ghi được đánh giá. Xin ông/bà chọn lại."))
        self.saving = False
        self._enable(True)

    def _thank(self) -> None:
        self.saving = False
        self.pages.setCurrentIndex(self.THANKS)
        self.clear_timer.start(THANKS_MS)
        home = self.home
        if home is not None and home.isVisible():
            home.activateWindow()  # the clerk's keyboard goes back to the counter window

    # -- where it stands ---------------------------------------------------------------------

    def present(self) -> None:
        """Full screen on a second screen if there is one, else a tablet-sized window."""
        if self.isVisible():
            self.raise_()
            return
        screens = QGuiApplication.screens()
        anchor = self.parentWidget()
        own = anchor.screen() if anchor is not None else QGuiApplication.primaryScreen()
        others = [s for s in screens if s is not own]
        if others:
            target = others[0]
            self.setScreen(target)
            self.setGeometry(target.geometry())
            self.showFullScreen()
        else:
            self.resize(*TABLET_SIZE)
            self.show()
        if self.home is not None and self.home.isVisible():
            self.home.activateWindow()  # some platforms activate a new window regardless

    def closeEvent(self, event: QCloseEvent) -> None:
        self.clear()
        super().closeEvent(event)
