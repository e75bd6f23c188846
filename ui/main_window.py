"""The counter's main window: intake, search, one dossier; menus, shortcuts, status bar.

Shortcuts (also in every tooltip and in Help → Phím tắt): F2 new dossier, Ctrl+Enter register,
Ctrl+P print, F3 search, F4 the open dossier, Esc back to intake, Ctrl+L lock.
A scan anywhere is routed here: a chip-card QR fills the applicant (or the receiver in the
hand-over dialog), a receipt's code opens that dossier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from counter_app.domain.dossier_code import CodePattern
from counter_app.domain.identity import looks_like_card_qr
from ui import i18n
from ui.intake.view import IntakeView
from ui.queue.counter_panel import attach as attach_queue_panel
from ui.rating import install_menu as install_rating_menu
from ui.receipt import RECEIPT_FORM, open_form
from ui.returns import ReturnView
from ui.search import SearchView

if TYPE_CHECKING:
    from counter_app.services.intake import Registered
    from counter_app.services.office import OfficeView
    from ui.session import Session
    from ui.supervisor import SupervisorDesk


class MainWindow(QMainWindow):
    """Asks the application (`CounterApp`) to lock, switch user or change language."""

    lock_requested = Signal()
    switch_user_requested = Signal()
    language_requested = Signal(str)
    change_password_requested = Signal()
    manage_users_requested = Signal()
    closed = Signal()

    INTAKE, SEARCH, DOSSIER = range(3)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        self.locked = False
        self.last_code = ""
        self.code_pattern = CodePattern(
            session.core.settings.office.code_pattern or CodePattern().template
        )
        self.office_name = ""

        self.intake = IntakeView(session)
        self.search = SearchView(session)
        self.dossier = ReturnView(session)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.intake, self.tr("Tiếp nhận hồ sơ"))
        self.tabs.addTab(self.search, self.tr("Tra cứu hồ sơ"))
        self.tabs.addTab(self.dossier, self.tr("Trả kết quả / Xử lý"))
        self.tabs.setTabToolTip(self.INTAKE, self.tr("Tiếp nhận hồ sơ mới (F2)"))
        self.tabs.setTabToolTip(self.SEARCH, self.tr("Tìm hồ sơ theo tên, số định danh, mã (F3)"))
        self.tabs.setTabToolTip(
            self.DOSSIER, self.tr("Hồ sơ đang mở; quét mã vạch giấy tiếp nhận để mở (F4)")
        )
        # The supervisor's desk (lãnh đạo bộ phận): only for roles the queue services allow.
        self.desk: SupervisorDesk | None = None
        if session.user.role.value in ("supervisor", "admin"):
            from ui.supervisor import SupervisorDesk

            self.desk = SupervisorDesk(session.core, session.actor, session.runner)
            self.DESK = self.tabs.addTab(self.desk, self.tr("Bàn lãnh đạo"))
            self.tabs.setTabToolTip(self.DESK, self.tr("Hồ sơ trong ngày, đến hạn, quá hạn (F6)"))
        # Tabs are for the mouse; the keyboard has F2/F3/F4 (a focused tab bar eats typing).
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCentralWidget(self.tabs)
        self._update_title()

        self._menus()
        self.rating_menu = install_rating_menu(self, session)  # the citizen's rating window
        self._shortcuts()
        self._status_bar()
        self.intake.registered.connect(self._registered)
        self.queue_panel = attach_queue_panel(self)  # số thứ tự: F7–F10
        self.intake.is_code = lambda text: self.code_pattern.matches(text.upper())
        self.intake.code_entered.connect(self.open_dossier)
        self.search.open_dossier.connect(self.open_dossier)
        self.dossier.changed.connect(lambda _code: self.search.model.reload())
        self.tabs.currentChanged.connect(self._tab_changed)
        self.dossier.shown.connect(lambda _code: self._update_title())
        self._restore_geometry()
        self._load_office()
        self.intake.applicant.id_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building -------------------------------------------------------------------------

    def _menus(self) -> None:
        system = self.menuBar().addMenu(self.tr("&Hệ thống"))
        self.password_action = system.addAction(self.tr("Đổi &mật khẩu…"))
        self.password_action.triggered.connect(self.change_password_requested)
        self.users_action = system.addAction(self.tr("Quản lý &người dùng…"))
        self.users_action.triggered.connect(self.manage_users_requested)
        self.users_action.setVisible(self.session.is_admin)
        system.addSeparator()
        self.lock_action = system.addAction(self.tr("&Khoá máy"))
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock_requested)
        switch = system.addAction(self.tr("Đổi người &dùng…"))
        switch.triggered.connect(self.switch_user_requested)
        language = system.addMenu(self.tr("N&gôn ngữ / Language"))
        group = QActionGroup(self)
        for code, label in i18n.LANGUAGES.items():
            action = QAction(label, self, checkable=True)
            action.setChecked(code == i18n.current())
            action.setData(code)
            action.triggered.connect(lambda _c=False, code=code: self.language_requested.emit(code))
            group.addAction(action)
            language.addAction(action)
        system.addSeparator()
        quit_action = system.addAction(self.tr("&Thoát"))
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        help_menu = self.menuBar().addMenu(self.tr("Trợ &giúp"))
        keys = help_menu.addAction(self.tr("&Phím tắt"))
        keys.setShortcut(QKeySequence(Qt.Key.Key_F1))
        keys.triggered.connect(self.show_shortcuts)

    def _shortcuts(self) -> None:
        def bind(keys: str | QKeySequence, slot: Any) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

        bind(QKeySequence(Qt.Key.Key_F2), self.new_dossier)
        bind(QKeySequence(Qt.Key.Key_F3), self.show_search)
        bind(QKeySequence(Qt.Key.Key_F4), lambda: self.tabs.setCurrentIndex(self.DOSSIER))
        bind(QKeySequence(Qt.Key.Key_F6), self.show_desk)
        bind(QKeySequence(Qt.Key.Key_Escape), self.back)
        bind("Ctrl+Return", self.register)
        bind("Ctrl+Enter", self.register)
        bind("Ctrl+P", self.print_current)

    def _status_bar(self) -> None:
        user = self.session.user
        counter = user.counter or self.session.core.settings.counter.counter
        self.user_label = QLabel(
            self.tr("{0} — {1} — Quầy {2}").format(user.full_name, user.role.label, counter)
        )
        self.user_label.setObjectName("userLabel")
        self.office_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(self.office_label, 1)
        # The slot the sync status widget goes into (ui/sync_bridge.py); empty until then.
        self.sync_slot = QWidget()
        self.sync_slot.setObjectName("syncSlot")
        QHBoxLayout(self.sync_slot).setContentsMargins(0, 0, 0, 0)
        bar.addPermanentWidget(self.sync_slot)

    def _load_office(self) -> None:
        from counter_app.services import office

        core = self.session.core
        self.session.run(lambda: office.get_office(core), self._office_loaded, lambda _e: None)

    def _office_loaded(self, view: OfficeView | None) -> None:
        if view is None:
            return
        self.office_name = view.name
        self.office_label.setText(view.name)
        self._update_title()
        if view.code_pattern:
            self.code_pattern = CodePattern(view.code_pattern)

    # -- navigation -----------------------------------------------------------------------

    def show_intake(self) -> None:
        self.tabs.setCurrentIndex(self.INTAKE)

    def show_search(self) -> None:
        self.tabs.setCurrentIndex(self.SEARCH)
        self.search.focus_query()
        if not self.search.model.lines and not self.search.model.loading:
            self.search.search_now()

    def show_desk(self) -> None:
        if self.desk is not None:
            self.tabs.setCurrentIndex(self.DESK)

    def back(self) -> None:
        if self.tabs.currentIndex() != self.INTAKE:
            self.show_intake()
        else:
            self.intake.banner.clear()

    def new_dossier(self) -> None:
        if self.tabs.currentIndex() != self.INTAKE:
            self.show_intake()
        self.intake.new_dossier()

    def register(self) -> None:
        if self.tabs.currentIndex() == self.INTAKE:
            self.intake.register()

    def print_current(self) -> None:
        if self.tabs.currentIndex() == self.DOSSIER:
            self.dossier.print_current()
        elif self.last_code:
            open_form(self, self.session, self.last_code, RECEIPT_FORM)

    def open_dossier(self, code: str) -> None:
        self.tabs.setCurrentIndex(self.DOSSIER)
        self.dossier.open(code)

    def _update_title(self) -> None:
        """The screen (and the open dossier's code) in the title: what the taskbar shows."""
        index = self.tabs.currentIndex()
        if index == self.DOSSIER and self.dossier.view is not None:
            screen = self.tr("Hồ sơ {0}").format(self.dossier.view.code)
        else:
            screen = self.tabs.tabText(index).replace("&", "")
        self.setWindowTitle(f"{screen} — {self.office_name}" if self.office_name else screen)

    def _tab_changed(self, index: int) -> None:
        self._update_title()
        if index == self.INTAKE:
            self.intake.applicant.id_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif index == self.SEARCH:
            self.search.focus_query()

    def _registered(self, result: Registered) -> None:
        self.last_code = result.code
        if self.search.model.lines:
            self.search.model.reload()
        open_form(self, self.session, result.code, RECEIPT_FORM)

    # -- scanner --------------------------------------------------------------------------

    def accepts_scan(self, text: str) -> bool:
        """Is this burst a scan we act on now? (Else the keys go to the focused field.)"""
        if self.locked or not self.isVisible():
            return False
        text = text.strip()
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.property("closes_on_scan"):
            modal = None
        if looks_like_card_qr(text):
            return modal is None or hasattr(modal, "fill_card")
        return modal is None and self.code_pattern.matches(text.upper())

    def on_scan(self, text: str) -> None:
        text = text.strip()
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.property("closes_on_scan"):
            modal.close()
            modal = None
        if looks_like_card_qr(text):
            if modal is not None and hasattr(modal, "fill_card"):
                modal.fill_card(text)
                return
            self.show_intake()
            self.intake.fill_card(text)
            return
        self.open_dossier(text.upper())

    # -- help, state ----------------------------------------------------------------------

    def show_shortcuts(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Phím tắt"))
        box.setText(
            self.tr(
                "F2 — Hồ sơ mới\n"
                "Ctrl+Enter — Tiếp nhận (lưu hồ sơ)\n"
                "Ctrl+P — In giấy tiếp nhận / phiếu trả kết quả\n"
                "F3 — Tra cứu hồ sơ\n"
                "F4 — Hồ sơ đang mở (trả kết quả)\n"
                "F6 — Bàn lãnh đạo (lãnh đạo bộ phận)\n"
                "Ctrl+D — Số hoá thành phần hồ sơ (trên màn hình hồ sơ)\n"
                "Esc — Quay lại màn hình tiếp nhận\n"
                "Ctrl+T — Trả kết quả (trên màn hình hồ sơ)\n"
                "Ctrl+L — Khoá máy\n"
                "F7 / F8 / F9 / F10 — Gọi số tiếp / Gọi lại / Bỏ qua / Xong (số thứ tự)\n"
                "Quét mã QR thẻ căn cước — điền người nộp\n"
                "Quét mã vạch giấy tiếp nhận — mở hồ sơ"
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()

    def set_locked(self, locked: bool) -> None:
        """While locked, nothing personal stays on screen."""
        self.locked = locked
        self.tabs.setVisible(not locked)
        self.menuBar().setEnabled(not locked)

    def _restore_geometry(self) -> None:
        screen = QApplication.primaryScreen()
        available = screen.availableGeometry() if screen else None
        width = min(1366, available.width()) if available else 1366
        height = min(768, available.height()) if available else 740
        self.resize(width, height)
        geometry = QSettings().value("window/geometry")
        self.restored = geometry is not None and self.restoreGeometry(geometry)

    def show_first(self) -> None:
        """Maximized the first time (counter screens are small); as the user left it after."""
        if self.restored:
            self.show()
        else:
            self.showMaximized()

    def save_state(self) -> None:
        QSettings().setValue("window/geometry", self.saveGeometry())
        self.intake.save_draft_now()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
        self.closed.emit()
