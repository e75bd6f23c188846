"""The status machine follows the national portal's codes and allowed transitions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.status import TRANSITIONS, Status, can_transition, check_transition
from counter_app.errors import InvalidTransition

ALLOWED = {  # DOMAIN.md: 1→2|3; 2→4|5|6|7|8; 4→5|6|7|8|9; 5→4|8; 6→4|9; 9→10
    1: {2, 3},
    2: {4, 5, 6, 7, 8},
    4: {5, 6, 7, 8, 9},
    5: {4, 8},
    6: {4, 9},
    9: {10},
}


def test_codes_match_the_national_portal() -> None:
    assert [s.value for s in Status] == list(range(1, 11))
    assert Status(10).label == "Đã trả kết quả"
    assert Status(5).label == "Yêu cầu bổ sung giấy tờ"


@pytest.mark.parametrize("current", list(Status))
@pytest.mark.parametrize("target", list(Status))
def test_only_published_transitions_are_allowed(current: Status, target: Status) -> None:
    assert can_transition(current, target) == (target.value in ALLOWED.get(current.value, set()))


def test_final_statuses_have_no_way_out() -> None:
    assert {s for s in Status if s.is_final} == {Status(3), Status(7), Status(8), Status(10)}


def test_a_refused_move_explains_what_is_allowed() -> None:
    with pytest.raises(InvalidTransition) as err:
        check_transition(Status.RECEIVED, Status.RETURNED)
    assert err.value.code == "E_STATUS_TRANSITION"
    assert "Đã trả kết quả" in err.value.message
    assert "Đang xử lý" in err.value.hint


@given(st.lists(st.sampled_from(list(Status)), max_size=30))
def test_any_walk_through_allowed_moves_ends_returned_only_via_done(path: list[Status]) -> None:
    """Whatever sequence is tried, the machine only accepts allowed steps, and a dossier can
    reach "returned" only straight from "done"."""
    current = Status.RECEIVED
    for target in path:
        if target in TRANSITIONS[current]:
            if target is Status.RETURNED:
                assert current is Status.DONE
            current = target
        else:
            with pytest.raises(InvalidTransition):
                check_transition(current, target)
