"""The sync loop: claim due outbox rows, send them, record the answers; pull upstream changes.

It owns its own database sessions and talks to the rest of the program only through the
database and `subscribe()` callbacks (called on the loop's thread; `ui/` turns them into Qt
signals). The same loop runs on a thread in the app or headless (`python main.py sync run`).

Crash safety: a row is marked done only after the province accepted it, in its own
transaction. A crash in between leaves the row claimed; it is sent again (at once if the
claiming process is gone from this PC, else after the lease), and the province recognises
the re-send (MaHoSo for cases, the outbox key for progress events).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from counter_app.services.context import Core
from sync import outbox
from sync.adapter import Adapter
from sync.adapter_config import RetryConfig
from sync.jobs import Job
from sync.outcome import Accepted, Outcome, Rejected, RetryLater
from sync.policy import backoff
from sync.prepare import build_jobs
from sync.pull import PullReport, apply_changes
from sync.status import (
    LAST_ERROR,
    LAST_ERROR_AT,
    LAST_PULL,
    LAST_SUCCESS,
    PULL_CURSOR,
    SyncSnapshot,
    snapshot,
)
from sync.transport import TransportFailure

if TYPE_CHECKING:
    from sync.notify import Notifier

log = logging.getLogger("sync")
Listener = Callable[[SyncSnapshot], None]
FIRST_PULL_WINDOW = timedelta(days=7)
FLUSH_SECONDS = 0.25


@dataclass
class CycleReport:
    sent: int = 0
    retried: int = 0
    rejected: int = 0
    released: int = 0
    paused_for: float = 0.0
    pull: PullReport | None = None
    errors: list[str] = field(default_factory=list)


class SyncLoop:
    def __init__(
        self,
        core: Core,
        adapter: Adapter,
        retry: RetryConfig,
        *,
        interval: float = 15.0,
        pull_interval: float = 300.0,
        pull_enabled: bool = True,
        pull_overlap: float = 600.0,
        in_flight: int = 1,
        worker: str | None = None,
        rng: random.Random | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        notifier: Notifier | None = None,
    ) -> None:
        self.core = core
        self.adapter = adapter
        self.notifier = notifier  # the citizen's SMS/Zalo gateway; None: messages wait
        self.retry = retry
        self.interval = interval
        self.pull_interval = pull_interval
        self.pull_enabled = pull_enabled
        self.pull_overlap = pull_overlap
        self.in_flight = max(1, in_flight)
        self._pool: ThreadPoolExecutor | None = None
        self.worker = worker or outbox.new_worker_id()
        self._rng = rng or random.Random()
        self._monotonic = monotonic
        self._last_pull: float | None = None
        self._cycle_started: datetime | None = None
        self._succeeded = False  # since the last write: for "last success" in sync_meta
        self._last_error = ""
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self.stop_event = threading.Event()
        self._wake = threading.Event()

    # -- control (thread-safe) --------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def stop(self) -> None:
        self.stop_event.set()
        self._wake.set()

    def wake(self) -> None:
        """Send now instead of at the next interval (e.g. right after a registration)."""
        self._wake.set()

    def run(self) -> None:
        """Until `stop()`: cycle, then sleep until the interval passes or someone wakes us."""
        log.info("sync loop %s started", self.worker)
        while not self.stop_event.is_set():
            try:
                report = self.cycle()
                delay = (
                    min(report.paused_for, self.interval) if report.paused_for else self.interval
                )
            except Exception:  # the database went away, a bug: log, wait, try again
                log.exception("sync cycle failed")
                delay = self.interval
            self._wake.wait(max(delay, 0.05))
            self._wake.clear()
        self.close()
        log.info("sync loop %s stopped", self.worker)

    def close(self) -> None:
        """Let in-flight requests finish (each bounded by the timeout) and free the threads."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    # -- one pass -----------------------------------------------------------------------------

    def cycle(self, *, pull: bool | None = None) -> CycleReport:
        """Send every row due now (successors become due as their predecessors are accepted),
        then pull upstream changes if due (`pull` forces it on or off)."""
        report = CycleReport()
        self._cycle_started = self.core.now()  # one attempt per row per cycle
        self._release_abandoned()
        batch = self._claim_if_open(report)
        while batch:
            in_flight = self._submit(batch)
            # Claim and load the next batch while this one is on the wire: its rows are other
            # dossiers' (the current rows still block their own dossiers' successors).
            upcoming = self._claim_if_open(report)
            self._collect(in_flight, report)
            if report.paused_for or self.stop_event.is_set():
                self._write([], [row for _, row in upcoming], report)
                break
            self._notify(0.0)
            batch = upcoming or self._claim_if_open(report)
        self._send_messages(report)
        due = self._last_pull is None or self._monotonic() - self._last_pull >= self.pull_interval
        if self.pull_enabled and (pull if pull is not None else due) and not report.paused_for:
            report.pull = self.pull()
        self._notify(report.paused_for)
        return report

    def _release_abandoned(self) -> None:
        with self.core.uow() as uow:
            released = outbox.release_abandoned(uow.session)
            uow.commit()
        if released:
            log.warning("took back %d rows claimed by a process that is gone", released)

    def _claim(self, *, local: bool = False) -> tuple[list[Job], list[outbox.Claimed]]:
        core = self.core
        with core.uow() as uow:
            now = core.now()
            claimed = outbox.claim(
                uow.session,
                core.db.dialect,
                self.worker,
                self.retry.batch_size,
                now,
                timedelta(seconds=self.retry.lease_seconds),
                due_by=self._cycle_started,
                local=local,
            )
            jobs = build_jobs(uow, claimed) if claimed else []
            uow.commit()
        return jobs, claimed

    def _claim_if_open(self, report: CycleReport) -> list[tuple[Job, outbox.Claimed]]:
        if self.stop_event.is_set():
            return []
        wait = self.adapter.wait_time()
        if wait > 0:
            report.paused_for = wait
            return []
        jobs, claimed = self._claim()
        return list(zip(jobs, claimed, strict=True))

    def _submit(
        self, batch: list[tuple[Job, outbox.Claimed]]
    ) -> dict[Future[Outcome], outbox.Claimed]:
        """Up to `in_flight` requests at once: a batch never holds two rows of one dossier."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.in_flight, thread_name_prefix="sync-send")
        return {self._pool.submit(self._send, job): row for job, row in batch}

    def _collect(self, futures: dict[Future[Outcome], outbox.Claimed], report: CycleReport) -> None:
        """Record answers as they come, in groups (at least every FLUSH_SECONDS): a crash
        loses at most those answers, and their rows are simply sent again."""
        results: list[outbox.Result] = []
        leftover: list[outbox.Claimed] = []
        last_write = self._monotonic()

        def halt() -> None:  # the rows not started yet go back untouched
            for future, row in futures.items():
                if future.cancel() and row not in leftover:
                    leftover.append(row)

        try:
            for future in as_completed(futures):
                if future.cancelled():
                    continue
                row, outcome = futures[future], future.result()
                if self.stop_event.is_set():
                    halt()
                if isinstance(outcome, RetryLater) and outcome.server_wide:
                    halt()
                    self._last_error = outcome.reason
                    report.paused_for = max(self.adapter.wait_time(), outcome.delay or 0.05)
                    if not outcome.request_hash:
                        # Never left this PC (circuit open, throttled, login refused).
                        leftover.append(row)
                        continue
                results.append(self._result(row, outcome, report))
                if self._monotonic() - last_write >= FLUSH_SECONDS:
                    self._write(results, [], report)
                    results, last_write = [], self._monotonic()
        finally:
            halt()
            self._write(results, leftover, report)

    def _send_messages(self, report: CycleReport) -> None:
        """The citizen's messages, one by one, whatever the province's state: a province
        that is down or paused does not delay "your result is ready", and a gateway that is
        down or throttling (its own `wait_time`) does not pause the province's rows."""
        notifier = self.notifier
        if notifier is None or self.stop_event.is_set() or notifier.wait_time() > 0:
            return
        jobs, claimed = self._claim(local=True)
        results: list[outbox.Result] = []
        leftover: list[outbox.Claimed] = []
        for job, row in zip(jobs, claimed, strict=True):
            if self.stop_event.is_set() or notifier.wait_time() > 0:
                leftover.append(row)  # untouched: tried again once the gateway is ready
                continue
            results.append(self._result(row, self._send(job), report, provincial=False))
        self._write(results, leftover, report)

    def _send(self, job: Job) -> Outcome:
        if job.problem:
            return Rejected(job.problem)
        try:
            if job.kind == "notify":
                if self.notifier is None:
                    return RetryLater("Máy này chưa cấu hình cổng nhắn tin.", delay=600.0)
                return self.notifier.send(job)
            if job.kind == "dossier":
                return self.adapter.push_dossier(job)
            if job.kind == "progress":
                return self.adapter.push_progress(job)
            if job.kind == "attachment":
                return self.adapter.upload_attachment(job)
            return Accepted()  # kinds not mapped to the province's API: nothing to send
        except Exception as exc:  # a bug must not lose the row: retry, and leave a trace
            log.exception("sending outbox row %s failed", job.row_id)
            return RetryLater(f"Lỗi nội bộ khi gửi ({type(exc).__name__}); sẽ thử lại.")

    def _result(
        self,
        row: outbox.Claimed,
        outcome: Outcome,
        report: CycleReport,
        *,
        provincial: bool = True,
    ) -> outbox.Result:
        """`provincial` False (the citizen's messages): counted, but the "last success" and
        "last error" users read as the province's state are left alone."""
        hashes = (outcome.request_hash, outcome.response_hash)
        if isinstance(outcome, Accepted):
            report.sent += 1
            self._succeeded = self._succeeded or provincial
            return outbox.Result(row, outbox.DONE, "", None, *hashes)
        if provincial:
            self._last_error = outcome.reason
        if isinstance(outcome, Rejected):
            report.rejected += 1
            log.warning("outbox row %s rejected: %s", row.id, outcome.reason)
            return outbox.Result(row, outbox.DEAD, outcome.reason, None, *hashes)
        delay = outcome.delay
        if delay is None:
            r = self.retry
            delay = backoff(row.attempts + 1, r.base_seconds, r.max_seconds, self._rng)
        report.retried += 1
        log.info("outbox row %s: retry in %.1f s: %s", row.id, delay, outcome.reason)
        next_at = self.core.now() + timedelta(seconds=delay)
        return outbox.Result(row, outbox.PENDING, outcome.reason, next_at, *hashes)

    def _write(
        self, results: list[outbox.Result], leftover: list[outbox.Claimed], report: CycleReport
    ) -> None:
        if not results and not leftover and not self._last_error:
            return
        core = self.core
        with core.uow() as uow:
            now = core.now()
            kept = outbox.record(uow.session, self.worker, now, results)
            if kept < len(results):
                log.warning("%d rows were taken over by another loop", len(results) - kept)
            outbox.release(uow.session, leftover, self.worker)
            meta = {}
            if self._succeeded:
                meta[LAST_SUCCESS] = now.isoformat()
            if self._last_error:
                meta.update({LAST_ERROR: self._last_error, LAST_ERROR_AT: now.isoformat()})
            outbox.put_meta(uow.session, core.db.dialect, now, meta)
            uow.commit()
        self._succeeded, self._last_error = False, ""
        report.released += len(leftover)

    def _remember_error(self, reason: str) -> None:
        now = self.core.now()
        with self.core.uow() as uow:
            outbox.put_meta(
                uow.session,
                self.core.db.dialect,
                now,
                {LAST_ERROR: reason, LAST_ERROR_AT: now.isoformat()},
            )
            uow.commit()

    # -- pull -------------------------------------------------------------------------------

    def pull(self) -> PullReport | None:
        """Ask the province what changed since the cursor (minus an overlap) and apply it."""
        self._last_pull = self._monotonic()
        core = self.core
        with core.uow(write=False) as uow:
            cursor_text = outbox.get_meta(uow.session, [PULL_CURSOR]).get(PULL_CURSOR)
        until = core.now()
        cursor = datetime.fromisoformat(cursor_text) if cursor_text else until - FIRST_PULL_WINDOW
        since = cursor - timedelta(seconds=self.pull_overlap)
        try:
            changes = self.adapter.pull_changes(since, until)
        except TransportFailure as exc:
            self._remember_error(exc.reason)
            log.info("pull failed: %s", exc.reason)
            return None
        report = apply_changes(core, changes)
        with core.uow() as uow:
            outbox.put_meta(
                uow.session,
                core.db.dialect,
                core.now(),
                {PULL_CURSOR: until.isoformat(), LAST_PULL: core.now().isoformat()},
            )
            uow.commit()
        if report.applied:
            log.info("pulled %d upstream changes", report.applied)
        return report

    # -- notifications ----------------------------------------------------------------------

    def publish(self) -> None:
        """Tell the listeners how things stand now (e.g. once at start, before the first cycle)."""
        self._notify(self.adapter.wait_time())

    def _notify(self, paused_for: float) -> None:
        with self._lock:
            listeners = list(self._listeners)
        if not listeners:
            return
        try:
            current = replace(snapshot(self.core), paused_for=paused_for)
        except Exception:
            log.exception("sync snapshot failed")
            return
        for listener in listeners:
            try:
                listener(current)
            except Exception:
                log.exception("sync listener failed")
