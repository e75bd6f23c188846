"""The supervisor's desk: today's (or any period's) counts as tiles, counts per group, the
dossiers behind a count, one dossier's whole history, the acts and the reports.

All database work runs on the runner's worker (`ui.tasks`), results come back to the Qt
thread: the desk never freezes, and refreshes itself on a timer and when `refresh()` is
called (the lead calls it when sync brings upstream changes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.calendar import VN_TZ
from counter_app.errors import AppError, NotFound
from counter_app.services import dossier_history, queue, reports
from counter_app.services.context import Actor, Core, require
from counter_app.services.dossier_history import DossierDetail
from counter_app.services.queue import Category, GroupBy, Period, QueueCounts, QueueList
from counter_app.services.reports import DayPoint
from ui.supervisor.acts import DeskActs
from ui.supervisor.chart import WeekChart
from ui.supervisor.detail import DetailPanel
from ui.supervisor.models import GroupTableModel, QueueTableModel
from ui.supervisor.satisfaction import SatisfactionPanel
from ui.supervisor.service_times import ServiceTimesPanel
from ui.supervisor.tiles import CountTile
from ui.tasks import Runner

LIST_LIMIT = 2000
WEEK_MAX_AGE = timedelta(minutes=10)  # the chart is the costliest part: not every refresh


@dataclass(frozen=True)
class Snapshot:
    """What the desk shows, frozen when a refresh starts (the worker must not read widgets)."""

    period: Period
    group_by: GroupBy | None
    category: Category
    group_key: str | None
    code: str | None
    with_week: bool


@dataclass(frozen=True)
class DeskData:
    snapshot: Snapshot
    counts: QueueCounts
    listing: QueueList
    week: list[DayPoint] | None
    detail: DossierDetail | None


class SupervisorDesk(DeskActs, QWidget):
    """Bàn làm việc của lãnh đạo bộ phận. Opens for the supervisor and admin roles."""

    refreshed = Signal()  # the screen shows fresh figures
    failed = Signal(str)

    def __init__(
        self,
        core: Core,
        actor: Actor,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        refresh_seconds: int = 60,
    ) -> None:
        super().__init__(parent)
        require(actor, "supervise")
        self.core, self.actor, self.runner = core, actor, runner
        self.category = Category.OVERDUE
        self.group_key: str | None = None
        self.code: str | None = None
        self._busy = False
        self._again = False
        self._week_loaded: tuple[date, datetime] | None = None
        self._one_day = True
        self.dialog: Any = None  # the act being asked for, if any (tests fill it in)
        self.setObjectName("supervisorDesk")
        self.setWindowTitle(self.tr("Bàn làm việc của lãnh đạo"))
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_seconds * 1000)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.refresh()

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        today = self.core.local_now().date()
        self.first = self._date_edit("periodFirst", today)
        self.last = self._date_edit("periodLast", today)
        today_button = QPushButton(self.tr("Hôm nay"))
        today_button.clicked.connect(self.show_today)
        self.group_by = QComboBox()
        self.group_by.setObjectName("groupBy")
        self.group_by.addItem(self.tr("Tổng cộng"), "")
        for g in GroupBy:
            self.group_by.addItem(self.tr("Theo %1").replace("%1", g.label.lower()), g.value)
        self.group_by.currentIndexChanged.connect(self._regroup)
        refresh = QPushButton(self.tr("Làm mới"))
        refresh.setObjectName("refreshButton")
        refresh.clicked.connect(self.refresh)
        export = QPushButton(self.tr("Xuất Excel/CSV…"))
        export.setObjectName("exportButton")
        export.clicked.connect(self.ask_export)
        daily = QPushButton(self.tr("Báo cáo ngày (PDF)…"))
        daily.setObjectName("dailyButton")
        daily.clicked.connect(self.ask_daily_pdf)
        book = QPushButton(self.tr("Sổ theo dõi (Mẫu 06)…"))
        book.setObjectName("bookButton")
        book.clicked.connect(self.ask_tracking_book)
        self.freshness = QLabel()
        self.freshness.setObjectName("deskFreshness")
        self.status = QLabel()  # the outcome of the last act, or what went wrong
        self.status.setObjectName("deskStatus")
        self.status.setWordWrap(True)
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("Từ ngày")), self.first, QLabel(self.tr("đến")), self.last):
            bar.addWidget(widget)
        for widget in (today_button, self.group_by, refresh, self.freshness):
            bar.addWidget(widget)
        bar.addWidget(self.status, 1)
        for widget in (export, daily, book):
            bar.addWidget(widget)

        self.tiles: dict[Category, CountTile] = {}
        tiles = QHBoxLayout()
        for category in Category:
            tile = CountTile(category)
            tile.clicked.connect(self.drill)
            self.tiles[category] = tile
            tiles.addWidget(tile)

        self.groups = GroupTableModel(self)
        self.group_view = self._table("groupTable", self.groups)
        self.group_view.horizontalHeader().setStretchLastSection(False)
        self.group_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.group_view.clicked.connect(self._group_clicked)
        self.group_view.hide()
        self.list_title = QLabel()
        self.list_title.setObjectName("listTitle")
        self.list_title.setStyleSheet("font-weight: 600;")
        self.rows = QueueTableModel(self)
        self.list_view = self._table("dossierList", self.rows)
        self.list_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.list_view.activated.connect(self._row_activated)
        self.list_view.clicked.connect(self._row_activated)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.group_view, 2)
        left_layout.addWidget(self.list_title)
        left_layout.addWidget(self.list_view, 3)

        self.detail = DetailPanel()
        self.detail.apologize.connect(self.ask_apology)
        self.detail.reassign.connect(self.ask_reassign)
        self.detail.handover.connect(self.ask_handover)
        self.detail.print_form.connect(self.ask_print)
        self.chart = WeekChart()
        self.chart.setObjectName("weekChart")
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.detail)
        right.addWidget(self.chart)
        self.service_times = ServiceTimesPanel(self.core, self.actor, self.runner)
        right.addWidget(self.service_times)  # waiting/serving times of queue numbers
        self.satisfaction = SatisfactionPanel(self)  # citizens' ratings (follows `refreshed`)
        right.addWidget(self.satisfaction)
        right.setSizes([380, 160, 180, 180])  # dossier, week, queue times, ratings
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([640, 460])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(tiles)
        layout.addWidget(split, 1)

    def _date_edit(self, name: str, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.dateChanged.connect(self._period_changed)
        return edit

    @staticmethod
    def _table(name: str, model: Any) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setWordWrap(False)
        return view

    # -- what is shown ------------------------------------------------------------------

    def period(self) -> Period:
        def day(edit: QDateEdit) -> date:
            d = edit.date()
            return date(d.year(), d.month(), d.day())

        return Period(day(self.first), day(self.last))

    def set_period(self, first: date, last: date | None = None) -> None:
        for edit, day in ((self.first, first), (self.last, last or first)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self._one_day = last is None or last == first
        self.refresh()

    def grouping(self) -> GroupBy | None:
        value = self.group_by.currentData()
        return GroupBy(value) if value else None

    @Slot()
    def show_today(self) -> None:
        self.set_period(self.core.local_now().date())

    def _period_changed(self) -> None:
        # A one-day view stays one day when its day is changed; a range never runs backwards.
        first, last = self.first.date(), self.last.date()
        if self.sender() is self.first and (first > last or self._one_day):
            self.last.blockSignals(True)
            self.last.setDate(first)
            self.last.blockSignals(False)
        self._one_day = self.first.date() == self.last.date()
        self.group_key = None
        self.refresh()

    def _regroup(self) -> None:
        self.group_key = None
        self.refresh()

    @Slot(object)
    def drill(self, category: Category, group_key: str | None = None) -> None:
        """From a count to its dossiers (optionally one group's)."""
        self.category, self.group_key = category, group_key
        self.refresh()

    def _group_clicked(self, index: Any) -> None:
        group, category = self.groups.cell(index)
        self.drill(category or self.category, group.key)

    def _row_activated(self, index: Any) -> None:
        row = self.rows.data(index, Qt.ItemDataRole.UserRole)
        if row is not None and row.code != self.code:
            self.open_dossier(row.code)

    # -- loading (worker) and showing (Qt thread) ---------------------------------------

    def _tick(self) -> None:
        if self.isVisible():  # a desk behind another tab does not load the database
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Reload everything shown, off the Qt thread; calls made while busy fold into one."""
        if self._busy:
            self._again = True
            return
        try:
            snapshot = self._snapshot()
        except AppError as err:
            self._notify(err.message, error=True)
            return
        self._busy = True
        self.runner.run(lambda: self._load(snapshot), self._loaded, self._load_failed)

    def _snapshot(self) -> Snapshot:
        period = self.period()
        now = self.core.now()
        week_fresh = (
            self._week_loaded is not None
            and self._week_loaded[0] == period.last
            and now - self._week_loaded[1] < WEEK_MAX_AGE
        )
        return Snapshot(
            period,
            self.grouping(),
            self.category,
            self.group_key,
            self.code,
            not week_fresh,
        )

    def _load(self, s: Snapshot) -> DeskData:
        """Runs on the worker: services only, no widgets."""
        core, actor = self.core, self.actor
        counts = queue.counts(core, actor, s.period, group_by=s.group_by)
        listing = queue.dossiers(
            core,
            actor,
            s.period,
            s.category,
            group_by=s.group_by if s.group_key is not None else None,
            group_key_value=s.group_key,
            limit=LIST_LIMIT,
        )
        week = reports.week(core, actor, s.period.last) if s.with_week else None
        detail = None
        if s.code:
            try:
                detail = dossier_history.detail(core, actor, s.code, audit=False)
            except NotFound:
                detail = None
        return DeskData(s, counts, listing, week, detail)

    def _loaded(self, data: DeskData) -> None:
        self._busy = False
        s = data.snapshot
        for category, tile in self.tiles.items():
            tile.set_value(data.counts.totals[category])
            tile.set_selected(category is s.category)
        if s.group_by is None:
            self.group_view.hide()
        else:
            self.groups.set_groups(s.group_by.label, data.counts.groups)
            self.group_view.show()
        self.rows.set_rows(data.listing.rows)
        self.list_view.resizeColumnsToContents()
        for column in (QueueTableModel.HOLDER, QueueTableModel.PROCEDURE):
            self.list_view.setColumnWidth(column, min(self.list_view.columnWidth(column), 240))
        title = f"{s.category.label} – {s.period.label}: {data.listing.total} hồ sơ"
        if s.group_key is not None and s.group_by is not None:
            label = next((g.label for g in data.counts.groups if g.key == s.group_key), "")
            title += f" ({s.group_by.label}: {label})"
        if data.listing.total > len(data.listing.rows):
            title += self.tr(" – hiện %1 hồ sơ đầu").replace("%1", str(len(data.listing.rows)))
        self.list_title.setText(title)
        if data.week is not None:
            self.chart.set_points(data.week)
            self._week_loaded = (s.period.last, self.core.now())
        if s.code and s.code == self.code:
            self.detail.show_detail(data.detail)
        as_of = data.counts.as_of.astimezone(VN_TZ)
        self.freshness.setText(
            self.tr("Số liệu tính đến %1").replace("%1", f"{as_of:%H:%M %d/%m/%Y}")
        )
        self.service_times.refresh(s.period)
        if self._again:
            self._again = False
            self.refresh()
        self.refreshed.emit()

    def _load_failed(self, exc: BaseException) -> None:
        self._busy = False
        self._failed(exc)
        if self._again:
            self._again = False
            self.refresh()

    def open_dossier(self, code: str) -> None:
        """Show one dossier with its whole history (an audited view of personal data)."""
        self.code = code
        self.runner.run(
            lambda: dossier_history.detail(self.core, self.actor, code),
            self.detail.show_detail,
            self._failed,
        )

    def shown_codes(self) -> list[str]:
        return [r.code for r in self.rows.rows]
