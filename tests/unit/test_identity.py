"""Identity numbers typed by the clerk and the chip card's QR read by the 2D scanner."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.identity import (
    PROVINCE_CODES,
    Gender,
    birth_warnings,
    check_id,
    looks_like_card_qr,
    parse_card_qr,
)
from counter_app.errors import ValidationError
from counter_app.text import clean

TODAY = date(2026, 11, 23)
ADDRESS = "Số 12 Lê Lợi, Phường Bến Thành, Quận 1, TP Hồ Chí Minh"
# 079 = Hồ Chí Minh; digit 4 = 3 → female, born in the 2000s; digits 5–6 = 03 → born 2003.
SAMPLE = f"079303001245|272727272|Nguyễn Thị Ánh|15052003|Nữ|{ADDRESS}|20042021"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# -- the province table -----------------------------------------------------------------------


def test_province_table_has_the_63_codes_of_the_domain_notes() -> None:
    # Copied from DOMAIN.md, "Identity numbers".
    listed = re.findall(
        r"\d{3}",
        "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 "
        "033 034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 "
        "066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096",
    )
    assert sorted(PROVINCE_CODES) == listed
    assert len(PROVINCE_CODES) == 63
    assert PROVINCE_CODES["001"] == "Hà Nội"
    assert PROVINCE_CODES["079"] == "Hồ Chí Minh"
    assert PROVINCE_CODES["046"] == "Thừa Thiên Huế"
    assert all(name == unicodedata.normalize("NFC", name) for name in PROVINCE_CODES.values())


# -- typed numbers ----------------------------------------------------------------------------


def test_valid_cccd_is_decoded() -> None:
    result = check_id("079203001245", today=TODAY)
    assert result.valid
    assert result.kind == "cccd"
    assert result.province_code == "079"
    assert result.province_name == "Hồ Chí Minh"
    assert result.gender is Gender.MALE
    assert result.century == 2000
    assert result.birth_year == 2003
    assert result.problems == ()


def test_twentieth_century_woman() -> None:
    result = check_id("001190012345", today=TODAY)
    assert (result.valid, result.province_name, result.gender, result.birth_year) == (
        True,
        "Hà Nội",
        Gender.FEMALE,
        1990,
    )
    assert result.gender is not None and result.gender.label == "Nữ"


@pytest.mark.parametrize(
    ("digit", "century", "gender"),
    [
        (0, 1900, Gender.MALE),
        (1, 1900, Gender.FEMALE),
        (2, 2000, Gender.MALE),
        (3, 2000, Gender.FEMALE),
        (4, 2100, Gender.MALE),
        (5, 2100, Gender.FEMALE),
        (6, 2200, Gender.MALE),
        (7, 2200, Gender.FEMALE),
        (8, 2300, Gender.MALE),
        (9, 2300, Gender.FEMALE),
    ],
)
def test_every_century_and_gender_digit(digit: int, century: int, gender: Gender) -> None:
    result = check_id(f"036{digit}05000111", today=TODAY)
    assert result.century == century
    assert result.gender is gender
    assert result.birth_year == century + 5
    # Someone born after today cannot be at the counter: digit 4 ≥ 4 is a typo for now.
    assert result.valid is (century + 5 <= TODAY.year)
    if not result.valid:
        assert str(century + 5) in result.problems[0]


def test_birth_year_later_this_century_is_a_typo() -> None:
    result = check_id("036299000111", today=TODAY)
    assert not result.valid
    assert result.birth_year == 2099
    assert check_id("036226000111", today=TODAY).valid  # born this year: a baby's number


def test_unknown_province_is_invalid_but_still_decoded() -> None:
    result = check_id("003090012345", today=TODAY)
    assert not result.valid
    assert result.province_code == "003"
    assert result.province_name is None
    assert result.birth_year == 1990
    assert "003" in result.problems[0]


@pytest.mark.parametrize(
    "typed",
    ["07920300124", "0792030012456", "1234", "079 203 001 24"],
)
def test_wrong_lengths_are_invalid_and_say_how_many_digits(typed: str) -> None:
    result = check_id(typed, today=TODAY)
    assert not result.valid
    assert result.kind == "unknown"
    assert "12 chữ số" in result.problems[0]
    assert str(len(result.number)) in result.problems[0]


@pytest.mark.parametrize("typed", ["", "   ", "07920300124A", "０７９２０３００１２４５"])
def test_empty_or_non_digit_input_is_invalid(typed: str) -> None:
    result = check_id(typed, today=TODAY)
    assert not result.valid
    assert result.kind == "unknown"
    assert len(result.problems) == 1


def test_old_nine_digit_cmnd_is_valid_by_format_only() -> None:
    result = check_id("123 456 789", today=TODAY)
    assert (result.kind, result.valid, result.number) == ("cmnd", True, "123456789")
    assert result.province_code is None and result.birth_year is None


@pytest.mark.parametrize(
    "typed", ["079 203 001 245", "079-203-001-245", "079.203.001.245", " 079203001245\t"]
)
def test_separators_typed_or_pasted_are_ignored(typed: str) -> None:
    result = check_id(typed, today=TODAY)
    assert result.valid
    assert result.number == "079203001245"


def test_check_result_serializes_to_json() -> None:
    data = json.loads(json.dumps(check_id("079203001245", today=TODAY).to_dict()))
    assert data["gender"] == "male"
    assert data["province_name"] == "Hồ Chí Minh"
    assert data["problems"] == []


def test_birth_warnings_for_manual_entry() -> None:
    assert birth_warnings("079203001245", date(2003, 5, 15), Gender.MALE) == ()
    warnings = birth_warnings("079 203 001 245", date(2004, 5, 15), Gender.FEMALE)
    assert len(warnings) == 2
    assert "2004" in warnings[0] and "2003" in warnings[0]
    assert "Nữ" in warnings[1] and "Nam" in warnings[1]
    # Nothing to compare against an old CMND or a half-typed number.
    assert birth_warnings("123456789", date(1980, 1, 1), Gender.MALE) == ()
    assert birth_warnings("0792", date(1980, 1, 1), Gender.MALE) == ()
    assert birth_warnings("079203001245", None, None) == ()


# -- the chip card's QR -----------------------------------------------------------------------


def test_clean_sample_fills_the_applicant() -> None:
    card = parse_card_qr(SAMPLE, today=TODAY)
    assert card.id_number == "079303001245"
    assert card.old_id == "272727272"
    assert card.full_name == "Nguyễn Thị Ánh"
    assert card.birth_date == date(2003, 5, 15)
    assert card.gender is Gender.FEMALE
    assert card.address == ADDRESS
    assert card.issued_on == date(2021, 4, 20)
    assert card.warnings == ()
    data = json.loads(json.dumps(card.to_dict()))
    assert data["birth_date"] == "2003-05-15"
    assert data["issued_on"] == "2021-04-20"


@pytest.mark.parametrize(
    "text",
    [
        SAMPLE + "\r",
        SAMPLE + "\n",
        SAMPLE + "\r\n",
        SAMPLE + "\t",
        "  " + SAMPLE + " \r\n",
        "\ufeff" + SAMPLE,
    ],
)
def test_scanner_noise_around_the_payload_is_ignored(text: str) -> None:
    assert parse_card_qr(text, today=TODAY) == parse_card_qr(SAMPLE, today=TODAY)
    assert looks_like_card_qr(text)


def test_decomposed_text_is_normalized_to_nfc() -> None:
    card = parse_card_qr(nfd(SAMPLE), today=TODAY)
    assert card.full_name == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", card.full_name)
    assert unicodedata.is_normalized("NFC", card.address)
    assert card.gender is Gender.FEMALE


@pytest.mark.parametrize(
    ("written", "gender"),
    [
        ("Nam", Gender.MALE),
        ("nam", Gender.MALE),
        ("NAM", Gender.MALE),
        ("Nữ", Gender.FEMALE),
        ("nữ", Gender.FEMALE),
        ("NỮ", Gender.FEMALE),
        (nfd("Nữ"), Gender.FEMALE),
        ("Nu", Gender.FEMALE),
    ],
)
def test_gender_written_any_way_the_scanner_sends_it(written: str, gender: Gender) -> None:
    fields = SAMPLE.split("|")
    fields[4] = written
    card = parse_card_qr("|".join(fields), today=TODAY)
    assert card.gender is gender


def test_empty_old_id_is_accepted() -> None:
    fields = SAMPLE.split("|")
    fields[1] = ""
    card = parse_card_qr("|".join(fields), today=TODAY)
    assert card.old_id == ""
    assert card.warnings == ()


@pytest.mark.parametrize("text", ["|".join(SAMPLE.split("|")[:6]), SAMPLE.rsplit("|", 1)[0] + "|"])
def test_missing_issue_date_is_accepted(text: str) -> None:
    card = parse_card_qr(text, today=TODAY)
    assert card.issued_on is None
    assert card.full_name == "Nguyễn Thị Ánh"


def test_birth_year_mismatch_is_a_warning_not_an_error() -> None:
    fields = SAMPLE.split("|")
    fields[3] = "15052004"
    card = parse_card_qr("|".join(fields), today=TODAY)
    assert card.birth_date == date(2004, 5, 15)
    assert len(card.warnings) == 1
    assert "2004" in card.warnings[0] and "2003" in card.warnings[0]


def test_gender_mismatch_is_a_warning_not_an_error() -> None:
    fields = SAMPLE.split("|")
    fields[4] = "Nam"
    card = parse_card_qr("|".join(fields), today=TODAY)
    assert card.gender is Gender.MALE
    assert card.warnings == birth_warnings(card.id_number, card.birth_date, Gender.MALE)
    assert len(card.warnings) == 1 and "Giới tính" in card.warnings[0]


def test_unknown_province_is_a_warning_on_a_scanned_card() -> None:
    card = parse_card_qr(SAMPLE.replace("079303", "003303", 1), today=TODAY)
    assert card.id_number == "003303001245"
    assert len(card.warnings) == 1 and "003" in card.warnings[0]


def test_odd_old_number_and_extra_fields_are_warnings() -> None:
    fields = SAMPLE.split("|")
    fields[1] = "27272"
    card = parse_card_qr("|".join([*fields, "X", "Y"]), today=TODAY)
    assert len(card.warnings) == 2
    assert card.issued_on == date(2021, 4, 20)


def _with(index: int, value: str) -> str:
    fields = SAMPLE.split("|")
    fields[index] = value
    return "|".join(fields)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("079303001245|272727272|Nguyễn Thị Ánh|15052003|Nữ", "E_QR_FORMAT"),  # 5 fields
        ("", "E_QR_FORMAT"),
        ("000.00.12.H29-260101-0001", "E_QR_FORMAT"),  # a dossier barcode
        (SAMPLE + "|" + "x" * 1000, "E_QR_FORMAT"),  # oversized
        (SAMPLE.replace("Thị", "Th\x00ị"), "E_QR_FORMAT"),  # control character
        (SAMPLE.replace("|Nữ|", "|Nữ\r\n|"), "E_QR_FORMAT"),  # two bursts run together
        (SAMPLE.replace("Ánh", "\u202ehnÁ"), "E_QR_FORMAT"),  # bidi override
        (_with(2, "  "), "E_QR_FORMAT"),  # no name
        (_with(0, "07930300124"), "E_QR_ID"),  # 11 digits
        (_with(0, "07930300124X"), "E_QR_ID"),
        (_with(0, ""), "E_QR_ID"),
        (_with(3, "31022003"), "E_QR_DATE"),  # 31 February
        (_with(3, "15132003"), "E_QR_DATE"),  # month 13
        (_with(3, "2003-05-15"), "E_QR_DATE"),
        (_with(3, ""), "E_QR_DATE"),
        (_with(3, "01011850"), "E_QR_DATE"),
        (_with(3, "24112026"), "E_QR_DATE"),  # born tomorrow
        (_with(6, "30022021"), "E_QR_DATE"),  # impossible issue date
        (_with(6, "01012001"), "E_QR_DATE"),  # issued before birth
        (_with(6, "01012027"), "E_QR_DATE"),  # issued in the future
        (_with(4, "Khác"), "E_QR_GENDER"),
        (_with(4, ""), "E_QR_GENDER"),
    ],
)
def test_payloads_that_cannot_be_a_card_are_refused_with_a_stable_code(
    text: str, code: str
) -> None:
    with pytest.raises(ValidationError) as err:
        parse_card_qr(text, today=TODAY)
    assert err.value.code == code
    assert "mã QR" in err.value.message
    assert err.value.hint


def test_born_today_is_accepted() -> None:
    fields = SAMPLE.replace("079303", "079326", 1).split("|")
    fields[3] = "23112026"
    card = parse_card_qr("|".join(fields[:6]), today=TODAY)
    assert card.birth_date == TODAY
    assert card.warnings == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SAMPLE, True),
        (SAMPLE + "\r\n", True),
        ("|".join(SAMPLE.split("|")[:6]), True),
        ("|".join(SAMPLE.split("|")[:5]), False),
        ("079303001245", False),  # a typed number, not a card
        ("000.00.12.H29-260101-0001", False),
        ("07930300124|a|b|c|d|e", False),
        ("ABC303001245|a|b|c|d|e", False),
    ],
)
def test_scanner_burst_routing(text: str, expected: bool) -> None:
    assert looks_like_card_qr(text) is expected


# -- round trip -------------------------------------------------------------------------------

_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
_WORD = st.text(alphabet=_LETTERS + _LETTERS.upper(), min_size=1, max_size=8)
_NAMES = st.lists(_WORD, min_size=1, max_size=5).map(" ".join)
_ADDRESSES = st.text(alphabet=_LETTERS + _LETTERS.upper() + "0123456789 ,./-", max_size=120)


@st.composite
def _cards(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    gender = draw(st.sampled_from(list(Gender)))
    digit = (birth.year - 1900) // 100 * 2 + (gender is Gender.FEMALE)
    number = (
        draw(st.sampled_from(sorted(PROVINCE_CODES)))
        + f"{digit}{birth.year % 100:02d}"
        + draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
    )
    old_id = draw(st.sampled_from(["", "123456789", "001090000123"]))
    name = draw(_NAMES)
    address = draw(_ADDRESSES)
    issued = draw(st.none() | st.dates(min_value=birth, max_value=TODAY))
    gender_text = draw(st.sampled_from(["Nam", "nam"] if gender is Gender.MALE else ["Nữ", "nữ"]))
    fields = [number, old_id, name, birth.strftime("%d%m%Y"), gender_text, address]
    if issued is not None:
        fields.append(f"{issued.day:02d}{issued.month:02d}{issued.year:04d}")
    text = "|".join(fields)
    if draw(st.booleans()):
        text = nfd(text)
    text += draw(st.sampled_from(["", "\r", "\n", "\r\n", "\t"]))
    expected: dict[str, object] = {
        "id_number": number,
        "old_id": old_id,
        "full_name": name,
        "birth_date": birth,
        "gender": gender,
        "address": clean(address),
        "issued_on": issued,
        "warnings": (),
    }
    return text, expected


@settings(max_examples=300, deadline=None)
@given(_cards())
def test_generated_card_qr_round_trips(card: tuple[str, dict[str, object]]) -> None:
    text, expected = card
    assert looks_like_card_qr(text)
    parsed = parse_card_qr(text, today=TODAY)
    assert {key: getattr(parsed, key) for key in expected} == expected
