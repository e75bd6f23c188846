"""Dossier codes: Circular 01/2018 by default, a province's variant by configuration."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.dossier_code import CodePattern, check_unit_id
from counter_app.errors import ValidationError

CIRCULAR_01_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")


def test_default_pattern_is_circular_01() -> None:
    code = CodePattern().format("000.00.01.H22", date(2026, 11, 23), 7)
    assert code == "000.00.01.H22-261123-0007"
    assert CIRCULAR_01_RE.match(code)


def test_a_province_variant_with_long_date_and_sequence() -> None:
    pattern = CodePattern("{unit}-{date:%Y%m%d}-{seq:07d}")
    code = pattern.format("G09.20", date(2026, 6, 9), 92637)
    assert code == "G09.20-20260609-0092637"
    assert pattern.matches(code)
    assert pattern.sequence_of(code) == 92637
    assert not pattern.matches("G09.20-260609-0092637")


@pytest.mark.parametrize(
    "bad",
    [
        "{unit}-{seq:04d}",
        "{date:%y%m%d}-{seq:04d}",
        "{unit}-{date:%y}",
        "{unit}-{date:%y%m%d}-{seq:04d}-{x}",
        "{unit}-{date:%H}-{seq:04d}",
    ],
)
def test_patterns_that_cannot_be_unique_per_day_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError) as err:
        CodePattern(bad)
    assert err.value.code == "E_CODE_PATTERN"


def test_sequence_exhaustion_is_a_clear_error() -> None:
    with pytest.raises(ValidationError) as err:
        CodePattern().format("000.00.01.H22", date(2026, 1, 2), 10_000)
    assert err.value.code == "E_CODE_EXHAUSTED"


@pytest.mark.parametrize("unit", ["000.00.01.H22", "000.00.04.G18", "G09.20"])
def test_qcvn_unit_ids_are_accepted(unit: str) -> None:
    assert check_unit_id(unit.lower()) == unit


@pytest.mark.parametrize("unit", ["", "000 00 01", "H22-01", "ABCDEFG.1"])
def test_malformed_unit_ids_are_refused(unit: str) -> None:
    with pytest.raises(ValidationError):
        check_unit_id(unit)


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(1, 9999))
def test_formatted_codes_parse_back(day: date, seq: int) -> None:
    pattern = CodePattern()
    code = pattern.format("000.00.01.H22", day, seq)
    assert CIRCULAR_01_RE.match(code)
    assert pattern.sequence_of(code) == seq
