"""What the supervisor does from the desk: the apology (Mẫu 04), a reassignment, a paper
hand-over (Mẫu 05 row), printing, exports and reports. Each asks with a small dialog, runs
on the worker, then says what happened and refreshes the desk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from counter_app.errors import AppError, PermissionDenied
from counter_app.services import exports, supervision
from counter_app.services.context import Actor, require
from ui.supervisor import forms
from ui.supervisor.dialogs import (
    ApologyDialog,
    ExportDialog,
    HandoverDialog,
    ReassignDialog,
    ask_save,
)
from ui.supervisor.models import local

if TYPE_CHECKING:
    from counter_app.services.dossier_history import DossierDetail
    from ui.supervisor.desk import SupervisorDesk


class DeskActs:
    """Mixed into `SupervisorDesk`: the acts need its core, actor, runner and widgets."""

    def _shown(self: SupervisorDesk) -> DossierDetail | None:
        return self.detail.detail

    def ask_apology(self: SupervisorDesk) -> None:
        shown = self._shown()
        if shown is None:
            return
        dialog = ApologyDialog(
            shown.view.code, local(shown.view.deadline.due_at), self.core.local_now().date(), self
        )
        code = shown.view.code

        def accepted() -> None:
            reason, day = dialog.values()
            self._act(
                lambda: supervision.issue_apology(self.core, self.actor, code, reason, day),
                self.tr("Đã ghi nhận phiếu xin lỗi, hẹn lại ngày %1.").replace(
                    "%1", f"{day:%d/%m/%Y}"
                ),
            )

        self._ask(dialog, accepted)

    def ask_reassign(self: SupervisorDesk) -> None:
        shown = self._shown()
        if shown is None:
            return
        code, current = shown.view.code, shown.assignee_name

        def got(officers: list[tuple[int, str]]) -> None:
            dialog = ReassignDialog(code, current, officers, self)

            def accepted() -> None:
                user_id, reason = dialog.values()
                self._act(
                    lambda: supervision.reassign(self.core, self.actor, code, user_id, reason),
                    self.tr("Đã chuyển hồ sơ cho cán bộ khác."),
                )

            self._ask(dialog, accepted)

        self.runner.run(lambda: supervision.officers(self.core, self.actor), got, self._failed)

    def ask_handover(self: SupervisorDesk) -> None:
        shown = self._shown()
        if shown is None:
            return
        code = shown.view.code
        dialog = HandoverDialog(code, self.core.now(), self)

        def accepted() -> None:
            source, target, at, note = dialog.values()
            self._act(
                lambda: supervision.add_handover(
                    self.core, self.actor, code, source, target, at=at, note=note
                ),
                self.tr("Đã ghi bàn giao hồ sơ."),
            )

        self._ask(dialog, accepted)

    def ask_print(self: SupervisorDesk, form: str) -> None:
        shown = self._shown()
        if shown is None:
            return
        code = shown.view.code
        path = ask_save(self, self.tr("In ra tệp PDF"), f"mau-{form}-{code}.pdf", "PDF (*.pdf)")
        if path is not None:
            self._act(
                lambda: forms.print_form(self.core, self.actor, code, form, path),
                self.tr("Đã ghi %1.").replace("%1", str(path)),
            )

    def ask_export(self: SupervisorDesk) -> None:
        may_unmask = _allowed(self.actor, "export_unmasked")
        dialog = ExportDialog(self.list_title.text(), may_unmask, self)
        period, category, group_by, group_key = (
            self.period(),
            self.category,
            self.grouping(),
            self.group_key,
        )

        def accepted() -> None:
            scope, path, unmasked = dialog.values()
            if not path.name:
                self._notify(self.tr("Chưa chọn tệp để xuất."), error=True)
                return

            def work() -> exports.ExportReport:
                return exports.export(
                    self.core,
                    self.actor,
                    period,
                    path,
                    category=category if scope == ExportDialog.LIST else None,
                    group_by=group_by if group_key is not None else None,
                    group_key=group_key,
                    unmasked=unmasked,
                )

            self._act(work, self.tr("Đã xuất ra %1.").replace("%1", str(path)), refresh=False)

        self._ask(dialog, accepted)

    def ask_daily_pdf(self: SupervisorDesk) -> None:
        day = self.period().last
        path = ask_save(self, self.tr("Báo cáo ngày"), f"bao-cao-{day:%Y-%m-%d}.pdf", "PDF (*.pdf)")
        if path is not None:
            self._act(
                lambda: forms.daily_pdf(self.core, self.actor, day, path),
                self.tr("Đã ghi báo cáo ngày ra %1.").replace("%1", str(path)),
                refresh=False,
            )

    def ask_tracking_book(self: SupervisorDesk) -> None:
        period = self.period()
        suggested = f"so-theo-doi-{period.first:%Y%m%d}-{period.last:%Y%m%d}.pdf"
        path = ask_save(self, self.tr("Sổ theo dõi hồ sơ"), suggested, "PDF (*.pdf)")
        if path is not None:
            self._act(
                lambda: forms.tracking_book(self.core, self.actor, period, path),
                self.tr("Đã ghi sổ theo dõi ra %1.").replace("%1", str(path)),
                refresh=False,
            )

    def _ask(self: SupervisorDesk, dialog: Any, accepted: Any) -> None:
        self.dialog = dialog
        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        dialog.open()

    def _act(self: SupervisorDesk, work: Any, done: str, *, refresh: bool = True) -> None:
        def finished(_: object) -> None:
            self._notify(done)
            if refresh:
                self.refresh()

        self.runner.run(work, finished, self._failed)

    # -- messages -----------------------------------------------------------------------

    def _notify(self: SupervisorDesk, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b42318;" if error else "")

    def _failed(self: SupervisorDesk, exc: BaseException) -> None:
        if isinstance(exc, AppError):
            text = exc.message + (f"\n{exc.hint}" if exc.hint else "")
        else:
            text = self.tr("Đã xảy ra lỗi; thao tác chưa được thực hiện.")
        self._notify(text.splitlines()[0], error=True)
        self.failed.emit(text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Không thực hiện được"), text)
        box.setParent(self, box.windowFlags())
        box.open()


def _allowed(actor: Actor, permission: str) -> bool:
    try:
        require(actor, permission)
    except PermissionDenied:
        return False
    return True
