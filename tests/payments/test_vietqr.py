"""The VietQR payload: field by field, by CRC, against payloads published with NAPAS's
specification and public implementations, and as properties over many inputs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain import vietqr
from counter_app.domain.vietqr import Transfer
from counter_app.errors import ValidationError

# The dynamic-account example of NAPAS's VietQR specification v1.5.2, as quoted by the
# compliance tests of binhnguyenduc/vietqr-ts (tests/compliance/napas-dynamic-account.test.ts).
NAPAS_EXAMPLE = (
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
    "530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E"
)
# README of duyquoc1508/napas-qr (npm "napas-qr").
NAPAS_QR_README = (
    "00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA"
    "53037045405100005802VN62340107NPS68690819TRANSFER TO SOMEONE6304AC13"
)
# pub.dev vietqr_generator documentation: a static code (01 = "11") carrying an amount.
VIETQR_GENERATOR_DOC = (
    "00020101021138540010A00000072701240006970407011003865776720208QRIBFTTA"
    "5303704540710000005802VN62160812henry an cut6304A322"
)


def test_crc_is_ccitt_false() -> None:
    # The catalogue check value of CRC-16/CCITT-FALSE.
    assert vietqr.crc16(b"123456789") == 0x29B1


@pytest.mark.parametrize(
    ("transfer", "expected"),
    [
        (
            Transfer("970403", "0011012345678", 180000, "thanh toan don hang", "NPS6869"),
            NAPAS_EXAMPLE,
        ),
        (Transfer("970416", "224528479", 10000, "TRANSFER TO SOMEONE", "NPS6869"), NAPAS_QR_README),
    ],
)
def test_builds_the_published_payloads_character_for_character(
    transfer: Transfer, expected: str
) -> None:
    assert vietqr.build(transfer) == expected


@pytest.mark.parametrize(
    ("payload", "bank_bin", "account", "amount", "purpose", "dynamic"),
    [
        (NAPAS_EXAMPLE, "970403", "0011012345678", 180000, "thanh toan don hang", True),
        (NAPAS_QR_README, "970416", "224528479", 10000, "TRANSFER TO SOMEONE", True),
        (VIETQR_GENERATOR_DOC, "970407", "0386577672", 1000000, "henry an cut", False),
    ],
)
def test_reads_the_published_payloads(
    payload: str, bank_bin: str, account: str, amount: int, purpose: str, dynamic: bool
) -> None:
    d = vietqr.parse(payload)
    assert (d.transfer.bank_bin, d.transfer.account, d.transfer.amount) == (
        bank_bin,
        account,
        amount,
    )
    assert d.transfer.purpose == purpose and d.dynamic is dynamic
    assert (d.service, d.currency, d.country) == ("QRIBFTTA", "704", "VN")


def test_a_fee_payload_field_by_field() -> None:
    payload = vietqr.build(Transfer("970405", "3700201001234", 50000, "000.00.01.H22-261123-0001"))

    # Walk the TLVs by hand, independent of the parser.
    def take(s: str) -> list[tuple[str, str]]:
        out, i = [], 0
        while i < len(s):
            tag, size = s[i : i + 2], int(s[i + 2 : i + 4])
            out.append((tag, s[i + 4 : i + 4 + size]))
            i += 4 + size
        return out

    top = take(payload)
    assert [t for t, _ in top] == ["00", "01", "38", "53", "54", "58", "62", "63"]
    f = dict(top)
    assert f["00"] == "01" and f["01"] == "12"
    assert take(f["38"]) == [
        ("00", "A000000727"),
        ("01", "0006970405" + "0113" + "3700201001234"),
        ("02", "QRIBFTTA"),
    ]
    assert f["53"] == "704" and f["54"] == "50000" and f["58"] == "VN"
    assert take(f["62"]) == [("08", "000.00.01.H22-261123-0001")]
    assert payload[-8:-4] == "6304"
    assert f["63"] == f"{vietqr.crc16(payload[:-4].encode()):04X}"
    assert f["63"] == f["63"].upper()


def test_purpose_is_folded_to_ascii_without_diacritics() -> None:
    decomposed = "Le\u0302\u0323 phi\u0301 Đất đai"  # NFD input, as some keyboards send it
    payload = vietqr.build(Transfer("970436", "0123456789", 2000, decomposed))
    assert vietqr.parse(payload).transfer.purpose == "Le phi Dat dai"
    assert payload.isascii()


@pytest.mark.parametrize(
    ("transfer", "code"),
    [
        (Transfer("97043", "0123456789", 1000, "x"), "E_VIETQR_BIN"),
        (Transfer("97043a", "0123456789", 1000, "x"), "E_VIETQR_BIN"),
        (Transfer("970436", "", 1000, "x"), "E_VIETQR_ACCOUNT"),
        (Transfer("970436", "1" * 20, 1000, "x"), "E_VIETQR_ACCOUNT"),
        (Transfer("970436", "0123-456", 1000, "x"), "E_VIETQR_ACCOUNT"),
        (Transfer("970436", "0123456789", 0, "x"), "E_VIETQR_AMOUNT"),
        (Transfer("970436", "0123456789", -5, "x"), "E_VIETQR_AMOUNT"),
        (Transfer("970436", "0123456789", 500_000_000, "x"), "E_VIETQR_AMOUNT"),
        (Transfer("970436", "0123456789", 1000, "   "), "E_VIETQR_PURPOSE"),
        (Transfer("970436", "0123456789", 1000, "Phí ₫ 20"), "E_VIETQR_PURPOSE_CHARS"),
        (Transfer("970436", "0123456789", 1000, "a" * 26), "E_VIETQR_PURPOSE_TOO_LONG"),
    ],
)
def test_bad_input_is_refused_with_a_vietnamese_message(transfer: Transfer, code: str) -> None:
    with pytest.raises(ValidationError) as err:
        vietqr.build(transfer)
    assert err.value.code == code
    assert any(ch in err.value.message for ch in "ảáạốầđ")  # Vietnamese, not English


def test_limits_are_accepted_up_to_the_edge() -> None:
    payload = vietqr.build(Transfer("970436", "A" * 19, vietqr.MAX_AMOUNT, "b" * 25))
    t = vietqr.parse(payload).transfer
    assert (t.account, t.amount, t.purpose) == ("A" * 19, 499_999_999, "b" * 25)


@pytest.mark.parametrize(
    ("code", "purpose"),
    [
        ("000.00.01.H22-261123-0001", "000.00.01.H22-261123-0001"),  # 25: the code alone
        ("G09.20-20260609-0092637", "G09.20-20260609-0092637"),  # 23: "LP " would be 26
        ("H22-261123-0001", "LE PHI H22-261123-0001"),
        ("000.00.01.H22-20261123-0000001", "0000001H22202611230000001"),  # too long: compacted
    ],
)
def test_the_dossier_code_always_fits_the_purpose(code: str, purpose: str) -> None:
    assert vietqr.purpose_for(code) == purpose


def test_a_wrong_crc_and_a_broken_structure_are_told_apart() -> None:
    with pytest.raises(ValidationError) as err:
        vietqr.parse(NAPAS_EXAMPLE[:-4] + "2E2F")
    assert err.value.code == "E_VIETQR_CRC"
    with pytest.raises(ValidationError) as err:
        vietqr.parse(NAPAS_EXAMPLE[:-4] + "2e2e")
    assert err.value.code == "E_VIETQR_CRC"  # the spec's CRC is upper-case hex
    body = "000201010212385700" + "6304"  # field 38 says 57 characters, none follow
    with pytest.raises(ValidationError) as err:
        vietqr.parse(body + f"{vietqr.crc16(body.encode()):04X}")
    assert err.value.code == "E_VIETQR_FORMAT"


ALPHABET = "abcdeghiklmnopqrstuvxyĐđăâêôơưáàảãạếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ0123456789 .-"


@settings(max_examples=200, deadline=None)
@given(
    bank_bin=st.from_regex(r"\A[0-9]{6}\Z"),
    account=st.from_regex(r"\A[0-9A-Za-z]{1,19}\Z"),
    amount=st.integers(1, vietqr.MAX_AMOUNT),
    purpose=st.text(ALPHABET, min_size=1, max_size=25).filter(lambda s: s.strip()),
)
def test_build_then_parse_gives_back_the_transfer(
    bank_bin: str, account: str, amount: int, purpose: str
) -> None:
    payload = vietqr.build(Transfer(bank_bin, account, amount, purpose))
    decoded = vietqr.parse(payload)
    assert decoded.transfer == Transfer(bank_bin, account, amount, vietqr.ascii_text(purpose))
    assert decoded.dynamic and decoded.crc == payload[-4:]


@settings(max_examples=300, deadline=None)
@given(
    amount=st.integers(1, 10_000_000),
    position=st.integers(0, 10_000),
    replacement=st.characters(min_codepoint=0x20, max_codepoint=0x7E),
)
def test_any_single_character_corruption_is_caught(
    amount: int, position: int, replacement: str
) -> None:
    payload = vietqr.build(Transfer("970436", "0123456789", amount, "000.00.01.H22-261123-0001"))
    i = position % len(payload)
    if payload[i] == replacement:
        replacement = "0" if replacement != "0" else "1"
    corrupted = payload[:i] + replacement + payload[i + 1 :]
    with pytest.raises(ValidationError) as err:
        vietqr.parse(corrupted)
    if i < len(payload) - 8:  # the body: exactly the CRC's job
        assert err.value.code == "E_VIETQR_CRC"
    else:  # the "6304" header or the CRC digits themselves
        assert err.value.code in {"E_VIETQR_CRC", "E_VIETQR_FORMAT"}
