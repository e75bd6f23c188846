"""The desktop application: start-up, first run, sign-in, idle lock, switching user or language.

Start-up is arranged for speed: the login window needs only Qt, so it is on screen almost as
fast as a bare window while the database opens (SQLAlchemy, migrations, the data key) on the
worker thread; the sign-in queues behind it on the same worker. `COUNTER_APP_READY_FILE`, when
set, receives a line "<stage> <unix time>" at each interactive moment (login, intake) so the
start-up benchmark and the end-to-end test can measure it from outside (ui/ready.py).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from ui import i18n
from ui.login import LoginDialog
from ui.ready import mark_ready, when_idle
from ui.tasks import Runner, TaskRunner
from ui.widgets import describe, show_error

if TYPE_CHECKING:
    from counter_app.config import Settings
    from counter_app.services.context import Core
    from counter_app.services.office import OfficeView
    from counter_app.services.users import UserView
    from ui.idle import IdleWatcher
    from ui.main_window import MainWindow
    from ui.scanner import ScanRouter
    from ui.session import Session
    from ui.sync_bridge import SyncBridge

log = logging.getLogger("ui")
ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "counter-app.svg"


class CounterApp:
    """Owns the core, the worker, the scanner router, the idle watcher and the window."""

    def __init__(self, app: QApplication, settings: Settings, runner: Runner | None = None):
        self.app = app
        self.settings = settings
        self.runner: Runner = runner or TaskRunner()
        self.core: Core | None = None
        self.sync_bridge: SyncBridge | None = None
        self.office: OfficeView | None = None
        self.session: Session | None = None
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None
        self.exit_code = 0
        self.quitting = False
        self._open_error: BaseException | None = None
        self._rebuilding = False
        self._setup_shown = False
        self.lock_dialog: LoginDialog | None = None
        self._router: ScanRouter | None = None
        self._idle: IdleWatcher | None = None
        self._shut_down = False

    @property
    def router(self) -> ScanRouter:
        self.watch_input()
        assert self._router is not None
        return self._router

    @property
    def idle(self) -> IdleWatcher:
        self.watch_input()
        assert self._idle is not None
        return self._idle

    def watch_input(self) -> None:
        """Install the app-wide scanner and idle filters (once).

        Deferred until the first window is drawn: the filters need the `Qt` and `QEvent`
        namespaces, and the first events through a Python filter make shiboken build the
        Python types of every event class it meets (about 40 ms of start-up together).
        """
        if self._router is not None:
            return
        from ui.idle import IdleWatcher
        from ui.scanner import ScanRouter

        self._router = ScanRouter(self.app)
        self._router.accepts = self._accepts_scan
        self._router.scanned.connect(self._scanned)
        self._idle = IdleWatcher(self.settings.counter.idle_lock_minutes, self.app)
        self._idle.idle.connect(self.lock)
        self.app.installEventFilter(self._router)
        self.app.installEventFilter(self._idle)

    # -- start ----------------------------------------------------------------------------

    def start(self) -> None:
        if self._sqlite_missing():
            self.open_database()  # first run: the setup dialog waits for the database
        else:
            self.show_login()
            # Once the login window is drawn: importing the core in the background while the
            # window is being shown would slow the window down (one interpreter lock).
            QTimer.singleShot(0, self.open_database)
            QTimer.singleShot(0, self.watch_input)

    def open_database(self) -> None:
        settings = self.settings
        self.runner.run(lambda: self._open(settings), self._opened, self._open_failed)

    def _sqlite_missing(self) -> bool:
        url = self.settings.database_url
        return url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists()

    def _open(self, settings: Settings) -> tuple[Core, OfficeView | None, int]:
        """On the worker: open (and migrate) the database; warm up the main window's code."""
        from counter_app.services import office, users
        from counter_app.services.context import open_core

        try:
            core = open_core(settings)
        except BaseException as exc:
            self._open_error = exc
            raise
        self.core = core  # later tasks on this worker see it (FIFO, one thread)
        found = office.get_office(core), users.count_users(core)
        users.prepare_sign_in(core)
        # Import costs paid here, while the user types, not between "Đăng nhập" and intake.
        import ui.main_window
        import ui.supervisor  # noqa: F401  (the desk tab of supervisors and administrators)

        return core, *found

    def _core(self) -> Core:
        if self.core is None:
            from counter_app.errors import ConfigError

            raise self._open_error or ConfigError(
                "E_NOT_READY", QCoreApplication.translate("App", "Cơ sở dữ liệu chưa sẵn sàng.")
            )
        return self.core

    def _opened(self, found: tuple[Core, OfficeView | None, int]) -> None:
        _core, office, user_count = found
        mark_ready("database")
        self.office = office
        if office is None or user_count == 0:
            if self.login is not None:
                self.login.hide()
                self.login.deleteLater()
                self.login = None
            self.show_first_run(need_office=office is None, need_admin=user_count == 0)
        elif self.login is not None:
            self.login.set_office(office.name)

    def _open_failed(self, exc: BaseException) -> None:
        show_error(
            self.login, exc, QCoreApplication.translate("App", "Không mở được cơ sở dữ liệu")
        )
        self.quit(1)

    # -- first run, sign-in ---------------------------------------------------------------

    def show_first_run(self, *, need_office: bool, need_admin: bool) -> None:
        from PySide6.QtCore import Qt

        from ui.first_run import FirstRunDialog

        self._setup_shown = True
        dialog = FirstRunDialog(
            self.runner,
            self._core,
            need_office=need_office,
            need_admin=need_admin,
            preset=self.settings.office,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            if result != QDialog.DialogCode.Accepted:
                self.quit(0)
            elif dialog.user is not None:
                self.signed_in(dialog.user)
            else:
                self.show_login()

        dialog.finished.connect(finished)
        dialog.show()
        self.watch_input()
        when_idle("first_run")

    def authenticate(self, username: str, password: str) -> Any:
        mark_ready("login_submitted")

        def work() -> UserView:
            from counter_app.services import users

            return users.authenticate(self._core(), username, password)

        return work

    def show_login(self) -> None:
        from PySide6.QtCore import QSettings

        dialog = LoginDialog(
            self.runner,
            self.authenticate,
            office_name=self.office.name if self.office else "",
            username=str(QSettings().value("last_user", "") or ""),
        )
        self.login = dialog

        def finished(result: int) -> None:
            self.login = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted and dialog.user is not None:
                self.signed_in(dialog.user)
            else:
                self.quit(0)

        dialog.finished.connect(finished)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        when_idle("login")

    def signed_in(self, user: UserView) -> None:
        from PySide6.QtCore import QSettings

        from ui.session import Session

        QSettings().setValue("last_user", user.username)
        session = Session(core=self._core(), user=user, runner=self.runner)
        if user.must_change_password and not self._forced_password_change(session):
            self.show_login()
            return
        self.open_window(session)

    def _forced_password_change(self, session: Session) -> bool:
        from ui.login import ChangePasswordDialog

        return ChangePasswordDialog(session, forced=True).exec() == QDialog.DialogCode.Accepted

    def open_window(self, session: Session) -> None:
        from ui.main_window import MainWindow

        old = self.window
        self.session = session
        window = MainWindow(session)
        if ICON.is_file():
            window.setWindowIcon(QIcon(str(ICON)))
        window.lock_requested.connect(self.lock)
        window.switch_user_requested.connect(self.switch_user)
        window.language_requested.connect(self.set_language)
        window.change_password_requested.connect(self.change_password)
        window.manage_users_requested.connect(self.manage_users)
        window.closed.connect(self.window_closed)
        self.window = window
        self._attach_sync(window, session)
        window.show_first()
        window.raise_()
        window.activateWindow()
        if old is not None:
            self._rebuilding = True
            old.close()
            old.deleteLater()
            self._rebuilding = False
        self.watch_input()
        self.idle.touch()
        when_idle("intake")

    # -- sync with the provincial system -------------------------------------------------

    def _attach_sync(self, window: MainWindow, session: Session) -> None:
        """Start the sync thread once per process (when configured) and show it in the window."""
        if not session.core.settings.sync.enabled:
            return
        from counter_app.errors import AppError
        from ui.sync_bridge import RejectedListDialog, SyncBridge, SyncStatusWidget

        if self.sync_bridge is None:
            try:
                self.sync_bridge = SyncBridge.for_core(session.core)
            except AppError as exc:
                window.statusBar().showMessage(describe(exc))
                return
            self.sync_bridge.start()
        bridge = self.sync_bridge
        widget = SyncStatusWidget(window.sync_slot)
        layout = window.sync_slot.layout()
        assert layout is not None
        layout.addWidget(widget)
        widget.connect_bridge(bridge)
        if bridge.latest is not None:
            widget.show_snapshot(bridge.latest)

        def show_rejected() -> None:
            dialog = RejectedListDialog(session.core, session.actor, session.runner, window)
            dialog.sentAgain.connect(lambda _ids: bridge.wake())
            dialog.exec()

        widget.rejectedClicked.connect(show_rejected)
        window.intake.registered.connect(lambda _result: bridge.wake())
        if window.desk is not None:
            desk = window.desk
            pulled = [bridge.latest.last_pull_at if bridge.latest else None]

            def upstream_changed(snapshot: Any) -> None:
                # A pull may have finished dossiers upstream: the supervisor's figures move.
                if snapshot.last_pull_at != pulled[0]:
                    pulled[0] = snapshot.last_pull_at
                    desk.refresh()

            bridge.snapshotChanged.connect(upstream_changed)
            # The bridge outlives windows (language switch rebuilds them): let go of this one.
            window.destroyed.connect(lambda: bridge.snapshotChanged.disconnect(upstream_changed))

    # -- lock, switch user, language ------------------------------------------------------

    def lock(self) -> None:
        from PySide6.QtCore import Qt

        if self.window is None or self.session is None or self.window.locked:
            return
        self.window.save_state()
        self.window.set_locked(True)
        self.idle.paused = True
        dialog = LoginDialog(
            self.runner,
            self.authenticate,
            office_name=self.window.office_name,
            locked_user=self.session.user.username,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.lock_dialog = dialog

        def finished(result: int) -> None:
            self.lock_dialog = None
            self.idle.paused = False
            self.idle.touch()
            if result != QDialog.DialogCode.Accepted or dialog.user is None:
                self.quit(0)
            elif self.session and dialog.user.username == self.session.user.username:
                assert self.window is not None
                self.window.set_locked(False)
            else:
                self.signed_in(dialog.user)

        dialog.finished.connect(finished)
        dialog.show()

    def switch_user(self) -> None:
        self.lock()
        if self.lock_dialog is not None:
            self.lock_dialog.switch_user()

    def set_language(self, language: str) -> None:
        i18n.save_language(language)
        i18n.install(language)
        if self.window is not None and self.session is not None:
            self.window.save_state()
            self.open_window(self.session)  # rebuilt in the new language; the draft comes back

    def change_password(self) -> None:
        from ui.login import ChangePasswordDialog

        if self.session is None:
            return
        if ChangePasswordDialog(self.session, parent=self.window).exec():
            assert self.window is not None
            self.window.statusBar().showMessage(
                QCoreApplication.translate("App", "Đã đổi mật khẩu."), 5000
            )

    def manage_users(self) -> None:
        from ui.users_dialog import UsersDialog

        if self.session is not None:
            UsersDialog(self.session, self.window).exec()

    # -- scanner --------------------------------------------------------------------------

    def _accepts_scan(self, text: str) -> bool:
        return self.window is not None and self.window.accepts_scan(text)

    def _scanned(self, text: str) -> None:
        if self.window is not None:
            self.window.on_scan(text)

    # -- end ------------------------------------------------------------------------------

    def window_closed(self) -> None:
        if not self._rebuilding:
            self.quit(0)

    def quit(self, code: int) -> None:
        if self._shut_down:  # a dialog closed after shutdown must not end someone's event loop
            return
        self.exit_code = code
        self.quitting = True
        self.app.exit(code)

    def shutdown(self) -> None:
        self._shut_down = True
        if self._router is not None:
            self.app.removeEventFilter(self._router)
            self.app.removeEventFilter(self._idle)
        if self.window is not None:
            self._rebuilding = True  # closing, not quitting twice
            self.window.close()
        if self.sync_bridge is not None:
            self.sync_bridge.stop()
        self.runner.shutdown()
        if self.core is not None:
            self.core.close()


def run_app(config: str | None, data_dir: str | None) -> int:
    """`python main.py` with no command: the counter app. Returns the exit code."""
    # High DPI: Qt 6 scales by the exact factor (PassThrough) by default: nothing to set.
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName("MotCua")
    QCoreApplication.setApplicationName("counter-app")
    app.setApplicationDisplayName("Một cửa")
    app.setQuitOnLastWindowClosed(False)  # between login and window nothing is visible
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))

    from counter_app.config import load_settings
    from counter_app.errors import AppError

    try:
        settings = load_settings(config, data_dir)
    except AppError as exc:
        i18n.install(i18n.saved_language())
        show_error(None, exc, QCoreApplication.translate("App", "Cấu hình không hợp lệ"))
        return 1
    i18n.install(i18n.saved_language(settings.counter.language))
    from ui.crash_notice import install_crash_handling

    counter = CounterApp(app, settings)
    counter.start()
    # Log file and crash reports from the first turn of the event loop, once the first window
    # is up (logging.handlers and the crash module cost 11 ms of start-up, bench_startup.py);
    # until then an error is a dialog (above) or, at worst, Python's message on stderr.
    QTimer.singleShot(0, lambda: install_crash_handling(app, settings))
    try:
        code = app.exec()
    finally:
        counter.shutdown()
    return counter.exit_code or code
