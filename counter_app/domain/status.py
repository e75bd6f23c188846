"""Dossier status with the national portal's codes (TrangThaiHoSo 1–10) and allowed moves."""

from __future__ import annotations

import enum

from counter_app.errors import InvalidTransition


class Status(enum.IntEnum):
    NEW_ONLINE = 1  # Mới đăng ký (online, not yet received)
    RECEIVED = 2  # Được tiếp nhận
    NOT_RECEIVED = 3  # Không được tiếp nhận (refused at the counter)
    PROCESSING = 4  # Đang xử lý
    SUPPLEMENT_REQUESTED = 5  # Yêu cầu bổ sung giấy tờ
    FINANCIAL_OBLIGATION = 6  # Yêu cầu thực hiện nghĩa vụ tài chính
    WITHDRAWN = 7  # Công dân yêu cầu rút hồ sơ
    STOPPED = 8  # Dừng xử lý
    DONE = 9  # Đã xử lý xong (ready to return)
    RETURNED = 10  # Đã trả kết quả

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_final(self) -> bool:
        return not TRANSITIONS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.NEW_ONLINE: "Mới đăng ký",
    Status.RECEIVED: "Được tiếp nhận",
    Status.NOT_RECEIVED: "Không được tiếp nhận",
    Status.PROCESSING: "Đang xử lý",
    Status.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung giấy tờ",
    Status.FINANCIAL_OBLIGATION: "Yêu cầu thực hiện nghĩa vụ tài chính",
    Status.WITHDRAWN: "Công dân yêu cầu rút hồ sơ",
    Status.STOPPED: "Dừng xử lý",
    Status.DONE: "Đã xử lý xong",
    Status.RETURNED: "Đã trả kết quả",
}

S = Status
TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.NEW_ONLINE: frozenset({S.RECEIVED, S.NOT_RECEIVED}),
    S.RECEIVED: frozenset(
        {S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION, S.WITHDRAWN, S.STOPPED}
    ),
    S.PROCESSING: frozenset(
        {S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION, S.WITHDRAWN, S.STOPPED, S.DONE}
    ),
    S.SUPPLEMENT_REQUESTED: frozenset({S.PROCESSING, S.STOPPED}),
    S.FINANCIAL_OBLIGATION: frozenset({S.PROCESSING, S.DONE}),
    S.DONE: frozenset({S.RETURNED}),
    S.NOT_RECEIVED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.STOPPED: frozenset(),
    S.RETURNED: frozenset(),
}

# Statuses whose first entry ends processing, in the order DOMAIN.md gives for "on time".
END_OF_PROCESSING = (S.DONE, S.RETURNED, S.STOPPED, S.NOT_RECEIVED, S.WITHDRAWN)
OPEN_STATUSES = frozenset(
    {S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION}
)


def can_transition(current: Status, target: Status) -> bool:
    return target in TRANSITIONS[current]


def check_transition(current: Status, target: Status) -> None:
    if not can_transition(current, target):
        allowed = (
            ", ".join(f"{s.value} ({s.label})" for s in sorted(TRANSITIONS[current])) or "không có"
        )
        raise InvalidTransition(
            "E_STATUS_TRANSITION",
            f"Không thể chuyển hồ sơ từ trạng thái {current.value} ({current.label}) "
            f"sang {target.value} ({target.label}).",
            hint=f"Trạng thái tiếp theo hợp lệ: {allowed}.",
            current=int(current),
            target=int(target),
        )
