"""Recording a rating (who is rated, once per hand-over, clean input) and the figures."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from counter_app.errors import AppError, PermissionDenied
from counter_app.services import ratings
from counter_app.services.context import Core
from counter_app.services.queue_terms import Period
from counter_app.services.ratings import Level, RatingPrompt
from counter_app.storage import models as m
from tests.conftest import Clock
from tests.ratings.conftest import Staff, returned
from tests.support.factories import register, vn

DAY = vn(2026, 11, 23).date()


def rows(core: Core) -> list[m.SatisfactionRating]:
    with core.db.session(write=False) as s:
        return list(s.scalars(select(m.SatisfactionRating).order_by(m.SatisfactionRating.id)))


def test_the_officer_who_handed_over_is_rated_with_the_dossiers_procedure(
    ready_core: Core, staff: Staff
) -> None:
    code = returned(ready_core, staff.lan, staff.hung)
    prompt = ratings.prompt_after_hand_over(ready_core, staff.hung, code)
    assert prompt.officer_name == "Lê Văn Hùng"
    assert prompt.procedure_name == "Thủ tục đăng ký khai sinh"
    assert prompt.counter == "2"
    typed = unicodedata.normalize("NFD", "  Cán bộ   hướng dẫn tận tình ")
    done = ratings.record(ready_core, prompt, "very_satisfied", typed)
    assert done.level is Level.VERY_SATISFIED and done.dossier_code == code
    [row] = rows(ready_core)
    assert row.officer_id == staff.hung.user_id
    assert row.procedure_code == "1.001193"
    assert row.comment == unicodedata.normalize("NFC", "Cán bộ hướng dẫn tận tình")
    assert row.counter == "2"


def test_the_officer_is_read_from_the_dossier_never_from_what_the_window_sends(
    ready_core: Core, staff: Staff
) -> None:
    code = returned(ready_core, staff.lan, staff.hung)
    forged = RatingPrompt(code, staff.lan.user_id, "Nguyễn Thị Lan", "9.999", "Khác", "2")
    ratings.record(ready_core, forged, Level.NOT_SATISFIED)
    [row] = rows(ready_core)
    assert (row.officer_id, row.officer_name) == (staff.hung.user_id, "Lê Văn Hùng")
    assert row.procedure_code == "1.001193"


def test_one_rating_per_hand_over_the_first_tap_stands(ready_core: Core, staff: Staff) -> None:
    code = returned(ready_core, staff.lan, staff.lan)
    prompt = ratings.prompt_after_hand_over(ready_core, staff.lan, code)
    ratings.record(ready_core, prompt, Level.SATISFIED)
    with pytest.raises(AppError) as err:
        ratings.record(ready_core, prompt, Level.NOT_SATISFIED, "đổi ý")
    assert err.value.code == "E_RATING_EXISTS"
    assert [(r.level, r.comment) for r in rows(ready_core)] == [("satisfied", "")]


def test_a_dossier_not_yet_handed_over_cannot_be_rated(ready_core: Core, staff: Staff) -> None:
    code = register(ready_core, staff.lan, id_number="001090054321").code
    with pytest.raises(AppError) as err:
        ratings.prompt_after_hand_over(ready_core, staff.lan, code)
    assert err.value.code == "E_RATING_NOT_RETURNED"
    prompt = RatingPrompt(code, staff.lan.user_id, "", "", "", "1")
    with pytest.raises(AppError) as err:
        ratings.record(ready_core, prompt, Level.SATISFIED)
    assert err.value.code == "E_RATING_NOT_RETURNED"
    assert rows(ready_core) == []


def test_bad_input_is_refused_with_a_code_and_nothing_is_written(
    ready_core: Core, staff: Staff
) -> None:
    code = returned(ready_core, staff.lan, staff.lan)
    prompt = ratings.prompt_after_hand_over(ready_core, staff.lan, code)
    with pytest.raises(AppError) as err:
        ratings.record(ready_core, prompt, "rat_tot")
    assert err.value.code == "E_RATING_LEVEL" and "very_satisfied" in err.value.message
    with pytest.raises(AppError) as err:
        ratings.record(ready_core, prompt, Level.SATISFIED, "x" * (ratings.MAX_COMMENT + 1))
    assert err.value.code == "E_TOO_LONG"
    assert rows(ready_core) == []
    ratings.record(ready_core, prompt, Level.SATISFIED, "x" * ratings.MAX_COMMENT)
    assert len(rows(ready_core)) == 1


def test_a_walk_in_rating_rates_the_signed_in_officer_and_cannot_be_stuffed(
    ready_core: Core, staff: Staff, clock: Clock
) -> None:
    prompt = ratings.walk_in_prompt(ready_core, staff.lan)
    assert prompt.walk_in and prompt.officer_name == "Nguyễn Thị Lan" and prompt.counter == "1"
    ratings.record(ready_core, prompt, Level.VERY_SATISFIED)
    with pytest.raises(AppError) as err:
        ratings.record(ready_core, prompt, Level.VERY_SATISFIED)
    assert err.value.code == "E_RATING_TOO_SOON"
    other_counter = ratings.walk_in_prompt(ready_core, staff.hung)
    ratings.record(ready_core, other_counter, Level.SATISFIED)  # counter 2 is not held up
    clock.set(clock.current + ratings.WALK_IN_GAP + timedelta(seconds=1))
    ratings.record(ready_core, prompt, Level.SATISFIED)
    saved = rows(ready_core)
    assert [(r.dossier_id, r.officer_id, r.counter) for r in saved] == [
        (None, staff.lan.user_id, "1"),
        (None, staff.hung.user_id, "2"),
        (None, staff.lan.user_id, "1"),
    ]
    nobody = RatingPrompt("", None, "", "", "", "3")
    with pytest.raises(AppError) as err:
        ratings.record(ready_core, nobody, Level.SATISFIED)
    assert err.value.code == "E_USER_UNKNOWN"


def test_figures_per_level_officer_and_procedure_with_the_rate(
    ready_core: Core, staff: Staff, clock: Clock
) -> None:
    def rate(received: object, handed: object, level: Level, procedure: str = "1.001193") -> None:
        code = returned(ready_core, received, handed, procedure)  # type: ignore[arg-type]
        prompt = ratings.prompt_after_hand_over(ready_core, handed, code)  # type: ignore[arg-type]
        ratings.record(ready_core, prompt, level)

    rate(staff.lan, staff.hung, Level.VERY_SATISFIED)
    rate(staff.hung, staff.hung, Level.SATISFIED, "2.000815")
    rate(staff.lan, staff.lan, Level.NOT_SATISFIED)
    ratings.record(ready_core, ratings.walk_in_prompt(ready_core, staff.lan), Level.VERY_SATISFIED)
    clock.set(vn(2026, 11, 25, 10))  # another day, outside the period asked for
    rate(staff.lan, staff.lan, Level.NOT_SATISFIED)

    day = ratings.figures(ready_core, staff.supervisor, Period.day(DAY))
    t = day.totals
    assert [t.counts[level] for level in Level] == [2, 1, 1]
    assert (t.total, t.satisfied, t.rate, t.rate_text) == (4, 3, 0.75, "75,0%")
    assert day.walk_in == 1
    officers = {g.label: (g.figures.total, g.figures.rate) for g in day.by_officer}
    assert officers == {"Lê Văn Hùng": (2, 1.0), "Nguyễn Thị Lan": (2, 0.5)}
    procedures = {g.key: g.figures.counts for g in day.by_procedure}
    assert procedures["1.001193"] == {
        Level.VERY_SATISFIED: 1,
        Level.SATISFIED: 0,
        Level.NOT_SATISFIED: 1,
    }
    assert procedures["2.000815"][Level.SATISFIED] == 1
    assert procedures[""][Level.VERY_SATISFIED] == 1  # the walk-in
    labels = [g.label for g in day.by_procedure]
    assert ratings.WALK_IN_LABEL in labels and "1.001193 – Thủ tục đăng ký khai sinh" in labels

    both = ratings.figures(ready_core, staff.supervisor, Period(DAY, DAY + timedelta(days=2)))
    assert both.totals.total == 5 and both.totals.counts[Level.NOT_SATISFIED] == 2
    empty = ratings.figures(ready_core, staff.supervisor, Period.day(DAY + timedelta(days=1)))
    assert empty.totals.total == 0 and empty.totals.rate is None and empty.totals.rate_text == "—"
    with pytest.raises(PermissionDenied):
        ratings.figures(ready_core, staff.lan, Period.day(DAY))


def test_comments_are_stored_as_typed_but_listed_masked_and_kept_out_of_the_audit_log(
    ready_core: Core, staff: Staff
) -> None:
    code = returned(ready_core, staff.lan, staff.lan)
    prompt = ratings.prompt_after_hand_over(ready_core, staff.lan, code)
    ratings.record(ready_core, prompt, Level.NOT_SATISFIED, "Chờ lâu, gọi 0912 345 678")
    [row] = rows(ready_core)
    assert row.comment == "Chờ lâu, gọi 0912 345 678"
    [listed] = ratings.ratings(ready_core, staff.supervisor, Period.day(DAY))
    assert listed.comment == "Chờ lâu, gọi 0912****78"
    assert listed.dossier_code == code and listed.officer_name == "Nguyễn Thị Lan"
    with ready_core.db.session(write=False) as s:
        event = s.scalars(select(m.AuditEvent).where(m.AuditEvent.action == "rating")).one()
        assert event.object_id == code and "Không hài lòng" in event.detail
        assert "0912" not in event.detail and "Chờ lâu" not in event.detail
        assert s.scalar(select(func.count()).select_from(m.SatisfactionRating)) == 1
