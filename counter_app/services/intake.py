"""Tiếp nhận hồ sơ: register a dossier in one transaction.

Validates the input, allocates the dossier code (gap-free per unit and day), computes the
appointment from the working calendar, and writes the dossier, its first status, an audit
event and an outbox row for the provincial system together, or nothing at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.dossier_code import CodePattern
from counter_app.domain.identity import Gender, birth_warnings, check_id
from counter_app.domain.procedures import CopyType, DurationUnit
from counter_app.domain.status import Status
from counter_app.errors import NotFound, ValidationError
from counter_app.services import office as office_service
from counter_app.services import result_notice, search_index
from counter_app.services.context import Actor, Core, UnitOfWork, require
from counter_app.services.sequences import next_value
from counter_app.storage import models as m
from counter_app.text import clean, fold, mask_id

MAX_COMPONENTS = 200
MAX_NAME = 200
MAX_TEXT = 500
MAX_NOTES = 4000
PHONE_RE = re.compile(r"^\+?[0-9 .\-()]{8,20}$")
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$")
CHANNELS = {"direct": 1, "online": 2, "postal": 3, "post": 3}
RETURN_METHODS = {"counter": 0, "post": 1, "postal": 1}


@dataclass
class PersonInput:
    full_name: str
    id_number: str = ""
    birth_date: date | None = None
    gender: Gender | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    old_id: str = ""


@dataclass
class ComponentInput:
    name: str
    copy_type: CopyType = CopyType.ORIGINAL
    count: int = 1
    required: bool = True
    must_digitize: bool = False
    code: str = ""
    from_catalog: bool = True


@dataclass
class RegisterRequest:
    procedure_code: str
    holder: PersonInput
    components: list[ComponentInput] | None = None  # None: the catalogue's required ones
    submitter: PersonInput | None = None
    submitter_relation: str = ""
    channel: int = 1
    return_method: int = 0
    return_address: str = ""
    sets_count: int = 1
    notes: str = ""
    received_at: datetime | None = None  # default: now
    applicant_type: str = "citizen"
    notify: result_notice.NotifyRequest | None = None  # "nhắn tin khi có kết quả" opt-in


@dataclass(frozen=True)
class Registered:
    id: int
    code: str
    appointment_at: datetime
    warnings: tuple[str, ...] = field(default=())


def preview_appointment(
    core: Core, procedure_code: str, received_at: datetime | None = None
) -> datetime:
    """The appointment the counter would print now (shown live while typing)."""
    with core.uow(write=False) as uow:
        procedure = _procedure(uow, procedure_code)
        return _appointment(core, procedure, received_at or core.now())


def register(core: Core, actor: Actor, request: RegisterRequest) -> Registered:
    require(actor, "intake")
    warnings = _validate(core, request)
    with core.uow() as uow:
        procedure = _procedure(uow, request.procedure_code)
        office = office_service.require_office(uow)
        received_at = request.received_at or core.now()
        clock_start = core.calendar().start_of_clock(received_at, _cutoff(procedure))
        appointment = _appointment(core, procedure, received_at)
        day = received_at.astimezone(VN_TZ).date()
        pattern = CodePattern(
            office.code_pattern or core.settings.office.code_pattern or CodePattern().template
        )
        seq = next_value(uow.session, m.CodeSequence, {"unit_id": office.unit_id, "day": day})
        code = pattern.format(office.unit_id, day, seq)
        book_number = next_value(uow.session, m.BookSequence, {"volume": office.book_volume})
        components = _components(procedure, request.components)
        holder, submitter = request.holder, request.submitter
        protector = core.protector
        holder_lookup = protector.lookup(holder.id_number)
        now = core.now()
        dossier = m.Dossier(
            code=code,
            unit_id=office.unit_id,
            received_day=day,
            seq=seq,
            procedure_id=procedure.id,
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            field=procedure.field,
            holder_name=holder.full_name,
            holder_id_sealed=protector.seal(holder.id_number),
            holder_id_lookup=holder_lookup,
            holder_id_masked=mask_id(holder.id_number),
            holder_birth_date=holder.birth_date,
            holder_gender=holder.gender.value if holder.gender else "",
            holder_address=holder.address,
            holder_phone=holder.phone,
            holder_email=holder.email,
            applicant_type=request.applicant_type,
            submitter_name=submitter.full_name if submitter else "",
            submitter_id_sealed=protector.seal(submitter.id_number) if submitter else "",
            submitter_id_masked=mask_id(submitter.id_number) if submitter else "",
            submitter_phone=submitter.phone if submitter else "",
            submitter_relation=request.submitter_relation,
            channel=request.channel,
            return_method=request.return_method,
            return_address=request.return_address,
            sets_count=request.sets_count,
            duration=procedure.duration,
            duration_unit=procedure.duration_unit,
            received_at=received_at,
            clock_start_at=clock_start,
            appointment_at=appointment,
            status=int(Status.RECEIVED),
            status_at=received_at,
            fee_total=sum(int(f.get("amount_vnd", 0)) for f in procedure.fees),
            notes=request.notes,
            counter=actor.counter or core.settings.counter.counter,
            officer_id=actor.user_id,
            assignee_id=actor.user_id,
            book_volume=office.book_volume,
            book_number=book_number,
            search_text=search_text_for(code, procedure.code, procedure.name, holder, submitter),
            created_at=now,
            updated_at=now,
        )
        dossier.components = [
            m.DossierComponent(
                position=i + 1,
                name=c.name,
                code=c.code,
                copy_type=c.copy_type.value,
                count=c.count,
                required=c.required,
                must_digitize=c.must_digitize,
                from_catalog=c.from_catalog,
            )
            for i, c in enumerate(components)
        ]
        dossier.fees = [
            m.DossierFee(
                name=str(f.get("name", "")),
                code=str(f.get("code", "")),
                amount_vnd=int(f.get("amount_vnd", 0)),
            )
            for f in procedure.fees
        ]
        dossier.history = [
            m.StatusChange(
                from_status=None,
                to_status=int(Status.RECEIVED),
                at=received_at,
                user_id=actor.user_id,
                user_name=actor.full_name,
                reason="Tiếp nhận hồ sơ",
            )
        ]
        result_notice.record_opt_in(uow, dossier, request.notify, now)
        uow.session.add(dossier)
        if holder.id_number:
            _remember_applicant(uow, holder, holder_lookup, now)
        uow.session.flush()
        uow.audit(
            actor,
            "create",
            "dossier",
            code,
            subject_lookup=holder_lookup,
            detail=f"Tiếp nhận hồ sơ {procedure.code}"
            + ("; đồng ý nhận tin nhắn khi có kết quả" if request.notify else ""),
        )
        uow.enqueue("dossier", dossier.id)
        uow.commit()
        return Registered(dossier.id, code, appointment, tuple(warnings))


def search_text_for(
    code: str,
    procedure_code: str,
    procedure_name: str,
    holder: PersonInput,
    submitter: PersonInput | None,
) -> str:
    people = [holder] + ([submitter] if submitter else [])
    return search_index.index_text(
        code=code,
        procedure_code=procedure_code,
        procedure_name=procedure_name,
        names=[p.full_name for p in people],
        phones=[p.phone for p in people],
    )


def find_applicant(core: Core, actor: Actor, id_number: str) -> PersonInput | None:
    """A returning applicant's last known details, by exact ID number (audited: a view)."""
    require(actor, "intake")
    with core.uow() as uow:
        lookup = core.protector.lookup(re.sub(r"\D", "", id_number))
        row = uow.session.scalars(
            select(m.Applicant).where(m.Applicant.id_lookup == lookup)
        ).one_or_none()
        if row is None:
            return None
        uow.audit(
            actor,
            "view",
            "applicant",
            str(row.id),
            subject_lookup=lookup,
            detail="Tra cứu người nộp theo số định danh",
        )
        uow.commit()
        return PersonInput(
            full_name=row.full_name,
            id_number=core.protector.unseal(row.id_sealed),
            birth_date=row.birth_date,
            gender=Gender(row.gender) if row.gender else None,
            address=row.address,
            phone=row.phone,
            email=row.email,
            old_id=core.protector.unseal(row.old_id_sealed),
        )


def _remember_applicant(uow: UnitOfWork, person: PersonInput, lookup: str, now: datetime) -> None:
    protector = uow.core.protector
    row = uow.session.scalars(
        select(m.Applicant).where(m.Applicant.id_lookup == lookup)
    ).one_or_none()
    if row is None:
        row = m.Applicant(
            id_lookup=lookup,
            id_sealed=protector.seal(person.id_number),
            id_masked=mask_id(person.id_number),
            full_name=person.full_name,
            updated_at=now,
        )
        uow.session.add(row)
    row.full_name = person.full_name
    row.birth_date = person.birth_date or row.birth_date
    row.gender = person.gender.value if person.gender else row.gender
    row.address = person.address or row.address
    row.phone = person.phone or row.phone
    row.email = person.email or row.email
    if person.old_id:
        row.old_id_sealed = protector.seal(person.old_id)
    row.updated_at = now


def _procedure(uow: UnitOfWork, code: str) -> m.Procedure:
    procedure = uow.session.scalars(
        select(m.Procedure)
        .where(m.Procedure.code == clean(code))
        .options(selectinload(m.Procedure.components))
    ).one_or_none()
    if procedure is None or not procedure.active:
        raise NotFound(
            "E_PROCEDURE_UNKNOWN",
            f"Không có thủ tục mã {code!r} trong danh mục của cơ quan.",
            hint="Kiểm tra mã thủ tục hoặc nhập danh mục (catalog import).",
        )
    return procedure


def _cutoff(procedure: m.Procedure) -> time | None:
    return time.fromisoformat(procedure.cutoff) if procedure.cutoff else None


def _appointment(core: Core, procedure: m.Procedure, received_at: datetime) -> datetime:
    return core.calendar().appointment(
        received_at, procedure.duration, DurationUnit(procedure.duration_unit), _cutoff(procedure)
    )


def _components(procedure: m.Procedure, given: list[ComponentInput] | None) -> list[ComponentInput]:
    if given is not None:
        return given
    return [
        ComponentInput(c.name, CopyType(c.copy_type), c.count, c.required, c.must_digitize, c.code)
        for c in procedure.components
        if c.required
    ]


def _validate(core: Core, r: RegisterRequest) -> list[str]:
    """Normalize in place and check every field; raise on the first blocking problem."""
    warnings: list[str] = []
    r.procedure_code = clean(r.procedure_code)
    _person(r.holder, "người nộp (chủ hồ sơ)", warnings, require_name=True)
    if r.submitter is not None:
        if not clean(r.submitter.full_name):
            r.submitter = None
        else:
            _person(r.submitter, "người đi nộp", warnings, require_name=True)
    r.submitter_relation = _text(r.submitter_relation, 100, "quan hệ với chủ hồ sơ")
    if r.channel not in (1, 2, 3):
        raise ValidationError(
            "E_CHANNEL", "Kênh nộp hồ sơ không hợp lệ (1 trực tiếp, 2 trực tuyến, 3 bưu chính)."
        )
    if r.return_method not in (0, 1):
        raise ValidationError(
            "E_RETURN_METHOD",
            "Hình thức trả kết quả không hợp lệ (0 tại Bộ phận Một cửa, 1 qua bưu chính).",
        )
    r.return_address = _text(r.return_address, MAX_TEXT, "địa chỉ nhận kết quả")
    if r.return_method == 1 and not (r.return_address or r.holder.address):
        raise ValidationError("E_RETURN_ADDRESS", "Trả kết quả qua bưu chính cần địa chỉ nhận.")
    if not 1 <= r.sets_count <= 99:
        raise ValidationError("E_SETS", "Số bộ hồ sơ phải từ 1 đến 99.")
    r.notes = clean(r.notes, multiline=True)
    if len(r.notes) > MAX_NOTES:
        raise ValidationError("E_TOO_LONG", f"Ghi chú dài quá {MAX_NOTES} ký tự.")
    if r.components is not None:
        if len(r.components) > MAX_COMPONENTS:
            raise ValidationError(
                "E_COMPONENTS", f"Quá nhiều thành phần hồ sơ (tối đa {MAX_COMPONENTS})."
            )
        for c in r.components:
            c.name = _text(c.name, 1000, "tên thành phần hồ sơ")
            if not c.name:
                raise ValidationError("E_COMPONENT_NAME", "Thành phần hồ sơ thiếu tên.")
            if not 1 <= c.count <= 99:
                raise ValidationError(
                    "E_COMPONENT_COUNT", f"Số lượng của “{c.name}” phải từ 1 đến 99."
                )
    if r.notify is not None:
        phones = [r.holder.phone, r.submitter.phone if r.submitter else ""]
        result_notice.validate_opt_in(core.settings, r.notify, phones, warnings)
    if r.received_at is not None:
        if r.received_at.tzinfo is None:
            r.received_at = r.received_at.replace(tzinfo=VN_TZ)
        if r.received_at > core.now() + timedelta(minutes=5):
            raise ValidationError("E_RECEIVED_FUTURE", "Thời điểm tiếp nhận không thể ở tương lai.")
    return warnings


def _person(p: PersonInput, who: str, warnings: list[str], *, require_name: bool) -> None:
    p.full_name = _text(p.full_name, MAX_NAME, f"họ tên {who}")
    if require_name and not p.full_name:
        raise ValidationError("E_NAME_REQUIRED", f"Chưa nhập họ tên {who}.")
    p.address = _text(p.address, MAX_TEXT, f"địa chỉ {who}")
    p.email = _text(p.email, 200, f"email {who}")
    if p.email and not EMAIL_RE.match(p.email):
        raise ValidationError("E_EMAIL", f"Email của {who} không đúng định dạng: {p.email}.")
    p.phone = _text(p.phone, 40, f"số điện thoại {who}")
    if p.phone and not PHONE_RE.match(p.phone):
        raise ValidationError("E_PHONE", f"Số điện thoại của {who} không hợp lệ: {p.phone}.")
    p.id_number = re.sub(r"[\s.\-]", "", clean(p.id_number))
    p.old_id = re.sub(r"[\s.\-]", "", clean(p.old_id))
    if p.id_number:
        result = check_id(p.id_number)
        if not result.valid:
            raise ValidationError(
                "E_ID_INVALID",
                f"Số định danh của {who} không hợp lệ: " + "; ".join(result.problems),
                hint="Số định danh cá nhân gồm 12 chữ số (CMND cũ: 9 chữ số).",
            )
        warnings.extend(result.problems)
        if len(p.id_number) == 12:
            warnings.extend(birth_warnings(p.id_number, p.birth_date, p.gender))
    if p.birth_date and p.birth_date > date.today():
        raise ValidationError("E_BIRTH_DATE", f"Ngày sinh của {who} ở tương lai.")


def _text(value: str, limit: int, what: str) -> str:
    value = clean(value)
    if len(value) > limit:
        raise ValidationError("E_TOO_LONG", f"Trường {what} dài quá {limit} ký tự.")
    return value


def request_from_dict(data: dict[str, Any]) -> RegisterRequest:
    """The `dossier register --json` input shape (see README, resources/examples)."""
    from counter_app.domain.identity import parse_card_qr

    if not isinstance(data, dict):
        raise ValidationError("E_JSON_SHAPE", "Dữ liệu hồ sơ phải là một đối tượng JSON.")
    procedure = data.get("procedure") or data.get("procedure_code")
    if not procedure:
        raise ValidationError("E_PROCEDURE_REQUIRED", 'Thiếu mã thủ tục ("procedure").')
    applicant: Any = data.get("applicant")
    if data.get("qr"):  # a chip-card scan fills the applicant; typed fields win
        card = parse_card_qr(str(data["qr"]))
        applicant = {**card.to_dict(), **(applicant or {})}
    if not isinstance(applicant, dict):
        raise ValidationError("E_APPLICANT_REQUIRED", 'Thiếu thông tin người nộp ("applicant").')
    components = data.get("components")
    if components is not None and not isinstance(components, list):
        raise ValidationError("E_JSON_SHAPE", '"components" phải là một danh sách.')
    submitter = data.get("submitter")
    return RegisterRequest(
        procedure_code=str(procedure),
        holder=_person_from(applicant),
        submitter=_person_from(submitter) if isinstance(submitter, dict) else None,
        submitter_relation=str(data.get("relation", "")),
        components=[_component_from(c) for c in components] if components is not None else None,
        channel=_choice(data.get("channel", 1), CHANNELS, "E_CHANNEL", "kênh nộp"),
        return_method=_choice(
            data.get("return_method", 0), RETURN_METHODS, "E_RETURN_METHOD", "hình thức trả kết quả"
        ),
        return_address=str(data.get("return_address", "")),
        sets_count=_int(data.get("sets", 1), "sets"),
        notes=str(data.get("notes", "")),
        received_at=_moment(data.get("received_at")),
        applicant_type=str(data.get("applicant_type", "citizen")),
        notify=_notify_from(data.get("notify")),
    )


def _notify_from(value: Any) -> result_notice.NotifyRequest | None:
    """`"notify": true` (the applicant's phone) or `{"phone": …, "channel": "sms"|"zalo"}`."""
    if value in (None, False):
        return None
    if value is True:
        return result_notice.NotifyRequest()
    if isinstance(value, dict):
        return result_notice.NotifyRequest(
            phone=str(value.get("phone", "")), channel=str(value.get("channel", ""))
        )
    raise ValidationError(
        "E_JSON_SHAPE", '"notify" phải là true/false hoặc {"phone": …, "channel": "sms"|"zalo"}.'
    )


def _person_from(d: dict[str, Any]) -> PersonInput:
    birth = d.get("birth_date")
    return PersonInput(
        full_name=str(d.get("full_name", "")),
        id_number=str(d.get("id_number", "")),
        birth_date=_date(birth) if birth else None,
        gender=_gender(d.get("gender")),
        address=str(d.get("address", "")),
        phone=str(d.get("phone", "")),
        email=str(d.get("email", "")),
        old_id=str(d.get("old_id", "")),
    )


def _component_from(d: Any) -> ComponentInput:
    if isinstance(d, str):
        return ComponentInput(name=d, from_catalog=False)
    if not isinstance(d, dict):
        raise ValidationError("E_JSON_SHAPE", "Mỗi thành phần hồ sơ phải là chuỗi hoặc đối tượng.")
    try:
        copy_type = CopyType(str(d.get("copy_type", "original")))
    except ValueError as exc:
        raise ValidationError(
            "E_COPY_TYPE",
            f"Loại bản không hợp lệ: {d.get('copy_type')!r} "
            "(original, certified_copy, copy, electronic).",
        ) from exc
    return ComponentInput(
        name=str(d.get("name", "")),
        copy_type=copy_type,
        count=_int(d.get("count", 1), "count"),
        required=bool(d.get("required", True)),
        must_digitize=bool(d.get("must_digitize", False)),
        code=str(d.get("code", "")),
        from_catalog=bool(d.get("from_catalog", False)),
    )


def _choice(value: Any, names: dict[str, int], code: str, what: str) -> int:
    if isinstance(value, bool):
        raise ValidationError(code, f"Giá trị {what} không hợp lệ: {value!r}.")
    if isinstance(value, int):
        return value
    text = str(value).strip().lower()
    if text.isdigit():
        return int(text)
    if text in names:
        return names[text]
    raise ValidationError(
        code, f"Giá trị {what} không hợp lệ: {value!r}.", hint="Dùng một trong: " + ", ".join(names)
    )


def _int(value: Any, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError("E_JSON_SHAPE", f"Trường {what} phải là số nguyên.") from exc


def _gender(value: Any) -> Gender | None:
    if value in (None, ""):
        return None
    text = fold(str(value))
    if text in ("male", "nam", "m"):
        return Gender.MALE
    if text in ("female", "nu", "f"):
        return Gender.FEMALE
    raise ValidationError("E_GENDER", f"Giới tính không hợp lệ: {value!r} (Nam/Nữ).")


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d%m%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(
        "E_DATE", f"Ngày không hợp lệ: {value!r} (dùng YYYY-MM-DD hoặc dd/mm/yyyy)."
    )


def _moment(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(
            "E_DATETIME", f'Thời điểm không hợp lệ: {value!r} (dùng "YYYY-MM-DD HH:MM").'
        ) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=VN_TZ)
