"""After intake: processing, supplements (clock pauses), refusal, withdrawal, hand-over."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counter_app.domain.status import Status
from counter_app.domain.timeliness import Timeliness
from counter_app.errors import InvalidTransition, ValidationError
from counter_app.services import dossiers, lifecycle
from counter_app.services.context import SYSTEM, Core
from counter_app.storage import models as m
from tests.conftest import Clock
from tests.support.factories import register, vn


def test_full_path_to_hand_over_records_everything(ready_core: Core, clock: Clock) -> None:
    code = register(ready_core, received_at=vn(2026, 11, 23, 9)).code
    clock.set(vn(2026, 11, 23, 10))
    lifecycle.start_processing(ready_core, SYSTEM, code)
    clock.set(vn(2026, 11, 23, 14))
    lifecycle.finish(ready_core, SYSTEM, code)
    clock.set(vn(2026, 11, 25, 8))
    moved = lifecycle.hand_over(
        ready_core, SYSTEM, code, receiver_name="Nguyễn Văn An", receiver_id="001090012345"
    )
    assert moved.status is Status.RETURNED
    view = dossiers.show(ready_core, SYSTEM, code)
    assert [int(h.to_status) for h in view.history] == [2, 4, 9, 10]
    assert view.ended_at == vn(2026, 11, 23, 14)  # end of processing is status 9's moment
    assert view.receiver_name == "Nguyễn Văn An"
    assert view.timeliness is Timeliness.EARLY
    with ready_core.uow(write=False) as uow:
        kinds = uow.session.scalars(select(m.OutboxRow.kind).order_by(m.OutboxRow.id)).all()
    assert kinds == ["dossier", "progress", "progress", "progress"]


def test_supplement_pauses_the_clock_and_one_request_is_not_overdue(
    ready_core: Core, clock: Clock
) -> None:
    code = register(ready_core, procedure="1.004227", received_at=vn(2026, 11, 23, 9)).code
    # 3 working days from Mon 23/11 9:00, skipping 24/11: due Fri 27/11 9:00.
    assert dossiers.show(ready_core, SYSTEM, code).appointment_at == vn(2026, 11, 27, 9)
    clock.set(vn(2026, 11, 25, 9))
    lifecycle.request_supplement(
        ready_core,
        SYSTEM,
        code,
        "Thiếu bản sao giấy khai sinh",
        [{"name": "Giấy khai sinh", "copy_type": "copy"}],
    )
    clock.set(vn(2026, 11, 26, 9))  # the applicant was away one full working day
    lifecycle.receive_supplement(ready_core, SYSTEM, code)
    clock.set(vn(2026, 11, 30, 8))
    lifecycle.finish(ready_core, SYSTEM, code, at=vn(2026, 11, 27, 16))
    view = dossiers.show(ready_core, SYSTEM, code)
    assert view.deadline.due_at == vn(2026, 11, 30, 9)
    assert view.timeliness is Timeliness.EARLY  # Fri 27/11 < Mon 30/11, thanks to the pause
    assert view.supplements[0].received_at == vn(2026, 11, 26, 9)


def test_a_second_supplement_request_makes_it_overdue(ready_core: Core, clock: Clock) -> None:
    code = register(ready_core, procedure="1.004227", received_at=vn(2026, 11, 23, 9)).code
    for hour in (10, 14):
        clock.set(vn(2026, 11, 23, hour))
        lifecycle.request_supplement(ready_core, SYSTEM, code, "Thiếu giấy tờ")
        clock.set(vn(2026, 11, 23, hour + 1))
        lifecycle.receive_supplement(ready_core, SYSTEM, code)
    assert dossiers.show(ready_core, SYSTEM, code).timeliness is Timeliness.OVERDUE


def test_withdraw_and_stop_need_a_reason_and_end_the_case(ready_core: Core) -> None:
    code = register(ready_core).code
    with pytest.raises(ValidationError) as err:
        lifecycle.withdraw(ready_core, SYSTEM, code, "  ")
    assert err.value.code == "E_REASON_REQUIRED"
    lifecycle.withdraw(ready_core, SYSTEM, code, "Công dân xin rút để bổ sung sau")
    with pytest.raises(InvalidTransition):
        lifecycle.start_processing(ready_core, SYSTEM, code)
    view = dossiers.show(ready_core, SYSTEM, code)
    assert view.status is Status.WITHDRAWN and view.ended_at is not None


def test_hand_over_before_the_result_is_ready_is_refused(ready_core: Core) -> None:
    code = register(ready_core).code
    with pytest.raises(InvalidTransition) as err:
        lifecycle.hand_over(ready_core, SYSTEM, code)
    assert "Đã trả kết quả" in err.value.message
    assert dossiers.show(ready_core, SYSTEM, code).status is Status.RECEIVED


def test_unknown_code_is_a_clear_error(ready_core: Core) -> None:
    from counter_app.errors import NotFound

    with pytest.raises(NotFound) as err:
        lifecycle.finish(ready_core, SYSTEM, "000.00.01.H22-261123-9999")
    assert err.value.code == "E_DOSSIER_UNKNOWN"
