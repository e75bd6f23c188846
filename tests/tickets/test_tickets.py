"""Queue numbers at one office: taking, calling, recalling, skipping, finishing, linking."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest
from sqlalchemy import func, select

from counter_app.errors import AppError
from counter_app.services import audit, tickets
from counter_app.services.context import Core
from counter_app.storage import models as m
from tests.conftest import Clock
from tests.support import factories
from tests.support.factories import vn


def _codes(core: Core) -> dict[str, str]:
    return {g.name: g.code for g in tickets.groups(core)}


def _count(core: Core, model: type[m.Base]) -> int:
    with core.uow(write=False) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def test_groups_are_seeded_from_the_catalogue_fields(ready_core: Core) -> None:
    groups = tickets.groups(ready_core)
    assert [(g.code, g.name, g.fields) for g in groups] == [
        ("A", "Chứng thực", ("Chứng thực",)),
        ("B", "Hộ tịch", ("Hộ tịch",)),
        ("C", "Đất đai", ("Đất đai",)),
    ]
    assert tickets.seed_groups(ready_core) == 0  # a second seeding adds nothing


def test_an_office_without_catalogue_gets_one_group_for_everything(core: Core) -> None:
    taken = tickets.take(core, "a")
    assert (taken.ticket.group_code, taken.ticket.group_name) == ("A", "Tiếp nhận hồ sơ")
    assert tickets.groups(core)[0].fields == ()


def test_one_sequence_per_day_shared_by_all_groups(ready_core: Core, clock: Clock) -> None:
    first = tickets.take(ready_core, "A")
    second = tickets.take(ready_core, "B")
    third = tickets.take(ready_core, "A")
    assert [t.ticket.number for t in (first, second, third)] == [1, 2, 3]
    assert [t.ticket.label for t in (first, second, third)] == ["0001", "0002", "0003"]
    assert first.ticket.state == "waiting" and first.ticket.counter == ""
    assert first.ticket.taken_at == vn(2026, 11, 23, 9).astimezone(UTC)
    assert first.ticket.taken_at.tzinfo is UTC
    # People ahead count the same group only.
    assert [first.ahead, second.ahead, third.ahead] == [0, 0, 1]


def test_numbering_restarts_on_the_next_local_day(ready_core: Core, clock: Clock) -> None:
    clock.set(vn(2026, 11, 23, 23, 59))
    late = tickets.take(ready_core, "A")
    tickets.take(ready_core, "A")
    clock.set(vn(2026, 11, 24, 0, 1))  # 17:01 UTC of the 23rd: already the 24th in Việt Nam
    next_day = tickets.take(ready_core, "B")
    assert (late.ticket.day, late.ticket.number) == (date(2026, 11, 23), 1)
    assert (next_day.ticket.day, next_day.ticket.number) == (date(2026, 11, 24), 1)
    assert next_day.ahead == 0  # yesterday's waiting tickets do not count


def test_call_next_takes_the_oldest_of_the_counters_groups(ready_core: Core) -> None:
    clerk = factories.clerk(ready_core)
    a1 = tickets.take(ready_core, "A").ticket
    b2 = tickets.take(ready_core, "B").ticket
    a3 = tickets.take(ready_core, "A").ticket

    called = tickets.call_next(ready_core, clerk, "2", ["b"])
    assert called is not None
    assert (called.id, called.state, called.counter, called.call_count) == (b2.id, "called", "2", 1)
    assert called.officer_id == clerk.user_id
    assert tickets.current(ready_core, "2") == called

    other = tickets.call_next(ready_core, clerk, "3", ["A", "B"])
    assert other is not None and other.id == a1.id
    assert tickets.waiting_counts(ready_core) == {"A": 1, "B": 0, "C": 0}
    assert tickets.waiting_counts(ready_core, ["A"]) == {"A": 1}
    assert tickets.call_next(ready_core, clerk, "2", ["B"]) is None  # B is empty now
    last = tickets.call_next(ready_core, clerk, "4")
    assert last is not None and last.id == a3.id


def test_call_next_ends_the_counters_current_ticket(ready_core: Core, clock: Clock) -> None:
    clerk = factories.clerk(ready_core)
    first = tickets.take(ready_core, "A").ticket
    second = tickets.take(ready_core, "C").ticket
    tickets.call_next(ready_core, clerk, "1")
    clock.set(vn(2026, 11, 23, 9, 7))
    called = tickets.call_next(ready_core, clerk, "1")
    assert called is not None and called.id == second.id
    ended = tickets.get(ready_core, first.id)
    assert (ended.state, ended.ended_at) == ("done", vn(2026, 11, 23, 9, 7).astimezone(UTC))
    clock.set(vn(2026, 11, 23, 9, 9))
    assert tickets.call_next(ready_core, clerk, "1") is None  # nobody left
    assert tickets.get(ready_core, second.id).state == "done"  # still ends the last one
    assert tickets.current(ready_core, "1") is None


def test_yesterdays_waiting_tickets_are_not_called(ready_core: Core, clock: Clock) -> None:
    clerk = factories.clerk(ready_core)
    tickets.take(ready_core, "A")
    clock.set(vn(2026, 11, 24, 7, 30))
    assert tickets.call_next(ready_core, clerk, "1") is None
    assert tickets.waiting_counts(ready_core)["A"] == 0


def test_call_again_and_the_hall_display_feed(ready_core: Core, clock: Clock) -> None:
    clerk = factories.clerk(ready_core)
    start = tickets.last_call_id(ready_core)
    tickets.take(ready_core, "A")
    t = tickets.take(ready_core, "B").ticket
    first = tickets.call_next(ready_core, clerk, "3", ["B"])
    assert first is not None
    clock.set(vn(2026, 11, 23, 9, 1))
    again = tickets.call_again(ready_core, clerk, t.id)
    assert (again.state, again.call_count, again.called_at) == ("called", 2, first.called_at)

    events = tickets.calls_since(ready_core, start)
    assert [(e.ticket_id, e.label, e.counter, e.repeat) for e in events] == [
        (t.id, "0002", "3", False),
        (t.id, "0002", "3", True),
    ]
    assert events[0].group_name == "Hộ tịch"
    assert events[1].at == vn(2026, 11, 23, 9, 1).astimezone(UTC)
    assert tickets.calls_since(ready_core, events[0].id) == events[1:]
    assert tickets.calls_since(ready_core, events[1].id) == []
    assert tickets.last_call_id(ready_core) == events[1].id


def test_skip_is_a_no_show_and_a_late_citizen_can_be_called_back(
    ready_core: Core, clock: Clock
) -> None:
    clerk = factories.clerk(ready_core)
    t = tickets.take(ready_core, "A").ticket
    nxt = tickets.take(ready_core, "A").ticket
    tickets.call_next(ready_core, clerk, "2")
    clock.set(vn(2026, 11, 23, 9, 3))
    skipped = tickets.skip(ready_core, clerk, t.id)
    assert (skipped.state, skipped.ended_at) == ("skipped", vn(2026, 11, 23, 9, 3).astimezone(UTC))
    assert tickets.current(ready_core, "2") is None
    tickets.call_next(ready_core, clerk, "2")  # serving the next one
    back = tickets.call_again(ready_core, clerk, t.id)  # the citizen turns up
    assert (back.state, back.ended_at, back.counter) == ("called", None, "2")
    assert tickets.get(ready_core, nxt.id).state == "done"  # the counter serves one at a time
    assert tickets.current(ready_core, "2") == back


def test_finish_links_the_dossier_and_serving_ends_at_its_receipt(
    ready_core: Core, clock: Clock
) -> None:
    clerk = factories.clerk(ready_core)
    t = tickets.take(ready_core, "B").ticket
    tickets.call_next(ready_core, clerk, "2")
    clock.set(vn(2026, 11, 23, 9, 12))
    dossier = factories.register(ready_core, clerk)
    clock.set(vn(2026, 11, 23, 9, 15))  # the clerk clicks "finish" a little later
    done = tickets.finish(ready_core, clerk, t.id, dossier.code)
    assert (done.state, done.dossier_code) == ("done", dossier.code)
    assert done.ended_at == vn(2026, 11, 23, 9, 12).astimezone(UTC)

    other = tickets.take(ready_core, "B").ticket
    tickets.call_next(ready_core, clerk, "2")
    with pytest.raises(AppError) as err:
        tickets.finish(ready_core, clerk, other.id, dossier.code)
    assert err.value.code == "E_TICKET_DOSSIER_LINKED"
    assert "0001" in err.value.message
    with pytest.raises(AppError) as err:
        tickets.finish(ready_core, clerk, t.id, "")
    assert err.value.code == "E_TICKET_STATE"


def test_a_ticket_ended_by_call_next_can_still_be_linked(ready_core: Core, clock: Clock) -> None:
    clerk = factories.clerk(ready_core)
    t = tickets.take(ready_core, "A").ticket
    tickets.take(ready_core, "A")
    tickets.call_next(ready_core, clerk, "1")
    clock.set(vn(2026, 11, 23, 9, 20))
    dossier = factories.register(ready_core, clerk)
    clock.set(vn(2026, 11, 23, 9, 25))
    tickets.call_next(ready_core, clerk, "1")  # ends t without a dossier at 9:25
    linked = tickets.finish(ready_core, clerk, t.id, dossier.code)
    assert linked.dossier_code == dossier.code
    assert linked.ended_at == vn(2026, 11, 23, 9, 20).astimezone(UTC)


def test_a_dossier_received_before_the_call_is_not_this_tickets(
    ready_core: Core, clock: Clock
) -> None:
    clerk = factories.clerk(ready_core)
    earlier = factories.register(ready_core, clerk, received_at=vn(2026, 11, 23, 8, 30))
    t = tickets.take(ready_core, "A").ticket
    tickets.call_next(ready_core, clerk, "1")
    with pytest.raises(AppError) as err:
        tickets.finish(ready_core, clerk, t.id, earlier.code)
    assert err.value.code == "E_TICKET_DOSSIER_TIME"
    with pytest.raises(AppError) as err:
        tickets.finish(ready_core, clerk, t.id, "000.00.01.H22-261123-9999")
    assert err.value.code == "E_TICKET_DOSSIER_NOT_FOUND"
    still = tickets.get(ready_core, t.id)  # nothing half-written
    assert (still.state, still.dossier_code, still.ended_at) == ("called", "", None)


@pytest.mark.parametrize(
    ("action", "code"),
    [
        (lambda c, a, t: tickets.skip(c, a, t), "E_TICKET_STATE"),
        (lambda c, a, t: tickets.call_again(c, a, t), "E_TICKET_STATE"),
        (lambda c, a, t: tickets.finish(c, a, t), "E_TICKET_STATE"),
        (lambda c, a, t: tickets.skip(c, a, t + 100), "E_TICKET_NOT_FOUND"),
    ],
)
def test_actions_on_a_waiting_or_missing_ticket_are_refused(
    ready_core: Core, action: object, code: str
) -> None:
    clerk = factories.clerk(ready_core)
    t = tickets.take(ready_core, "A").ticket
    with pytest.raises(AppError) as err:
        action(ready_core, clerk, t.id)  # type: ignore[operator]
    assert err.value.code == code
    assert "[" + code + "]" in str(err.value)
    assert tickets.get(ready_core, t.id).state == "waiting"
    assert _count(ready_core, m.TicketCall) == 0


def test_bad_groups_and_counters_are_refused_with_nothing_written(ready_core: Core) -> None:
    clerk = factories.clerk(ready_core)
    for bad in ("Z", "", "A-1", "Đ"):
        with pytest.raises(AppError) as err:
            tickets.take(ready_core, bad)
        assert err.value.code == "E_TICKET_GROUP"
    assert _count(ready_core, m.Ticket) == 0
    assert _count(ready_core, m.TicketSequence) == 0
    tickets.take(ready_core, "A")
    with pytest.raises(AppError) as err:
        tickets.call_next(ready_core, clerk, "  ")
    assert err.value.code == "E_TICKET_COUNTER"
    with pytest.raises(AppError) as err:
        tickets.call_next(ready_core, clerk, "1", ["A", "Q"])
    assert err.value.code == "E_TICKET_GROUP" and "Q" in err.value.message
    assert tickets.waiting_counts(ready_core)["A"] == 1  # the call did not happen


def test_admins_edit_groups_and_a_stopped_group_takes_no_tickets(ready_core: Core) -> None:
    from counter_app.services.context import SYSTEM

    clerk = factories.clerk(ready_core)
    with pytest.raises(AppError) as err:
        tickets.set_group(ready_core, clerk, "D", name="Thuế")
    assert err.value.code == "E_FORBIDDEN"
    with pytest.raises(AppError) as err:
        tickets.set_group(ready_core, SYSTEM, "D")
    assert err.value.code == "E_TICKET_GROUP_NAME"
    made = tickets.set_group(
        ready_core, SYSTEM, "d", name="Thue\u0302\u0301", fields=["Thuế", " Phí ", ""]
    )
    assert (made.code, made.name, made.fields) == ("D", "Thuế", ("Phí", "Thuế"))  # NFC
    tickets.set_group(ready_core, SYSTEM, "A", active=False)
    assert [g.code for g in tickets.groups(ready_core)] == ["B", "C", "D"]
    with pytest.raises(AppError) as err:
        tickets.take(ready_core, "A")
    assert err.value.code == "E_TICKET_GROUP"
    assert tickets.take(ready_core, "D").ticket.group_name == "Thuế"


def test_calls_are_audited_and_the_chain_stays_intact(ready_core: Core) -> None:
    clerk = factories.clerk(ready_core)
    t = tickets.take(ready_core, "A").ticket
    tickets.call_next(ready_core, clerk, "4")
    tickets.call_again(ready_core, clerk, t.id)
    tickets.skip(ready_core, clerk, t.id)
    with ready_core.uow(write=False) as uow:
        rows = uow.session.execute(
            select(m.AuditEvent.action, m.AuditEvent.username, m.AuditEvent.detail)
            .where(m.AuditEvent.object_type == "ticket")
            .order_by(m.AuditEvent.id)
        ).all()
    assert [r.action for r in rows] == ["ticket_call", "ticket_recall", "ticket_skip"]
    assert {r.username for r in rows} == {"canbo"}
    assert "0001" in rows[0].detail and "quầy 4" in rows[0].detail
    assert audit.verify(ready_core).ok


def test_times_are_aware_utc(ready_core: Core, clock: Clock) -> None:
    clerk = factories.clerk(ready_core)
    tickets.take(ready_core, "A")
    clock.set(clock.current + timedelta(minutes=3))
    called = tickets.call_next(ready_core, clerk, "1")
    assert called is not None and called.called_at is not None
    assert called.called_at.tzinfo is UTC
    assert called.called_at - called.taken_at == timedelta(minutes=3)


def test_linking_late_never_stretches_a_finished_service(ready_core: Core, clock: Clock) -> None:
    clerk = factories.clerk(ready_core)
    t = tickets.take(ready_core, "A").ticket
    tickets.call_next(ready_core, clerk, "1")
    clock.set(vn(2026, 11, 23, 9, 10))
    tickets.call_next(ready_core, clerk, "1")  # ends t at 9:10, nobody else waits
    clock.set(vn(2026, 11, 23, 9, 30))
    dossier = factories.register(ready_core, clerk)  # typed in after the citizen left
    linked = tickets.finish(ready_core, clerk, t.id, dossier.code)
    assert linked.dossier_code == dossier.code
    assert linked.ended_at == vn(2026, 11, 23, 9, 10).astimezone(UTC)


def test_two_screens_linking_one_dossier_at_once_get_a_clear_answer(
    ready_core: Core, clock: Clock
) -> None:
    """Two counters finish their numbers with the same dossier code at the same instant: one
    wins, the other is told with a code (on PostgreSQL the database's unique key decides)."""
    import threading

    clerk = factories.clerk(ready_core)
    first = tickets.take(ready_core, "A").ticket
    second = tickets.take(ready_core, "A").ticket
    tickets.call_next(ready_core, clerk, "1")
    tickets.call_next(ready_core, factories.clerk(ready_core, username="canbo2"), "2")
    clock.set(vn(2026, 11, 23, 9, 30))
    code = factories.register(ready_core, clerk).code
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def link(ticket_id: int) -> None:
        barrier.wait()
        try:
            tickets.finish(ready_core, clerk, ticket_id, code)
            outcomes.append("ok")
        except AppError as exc:
            outcomes.append(exc.code)

    threads = [threading.Thread(target=link, args=(t.id,)) for t in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["E_TICKET_DOSSIER_LINKED", "ok"]
