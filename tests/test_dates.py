import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.dates import PartialDate, PartialDateError


@pytest.mark.parametrize("text, precision, en, ru", [
    ("2024-05-24", "day", "24 May 2024", "24 мая 2024"),
    ("2024-05", "month", "May 2024", "май 2024"),
    ("2019", "year", "2019", "2019"),
    ("--05-24", "month_day", "24 May", "24 мая"),
])
def test_each_precision_parses_and_reads_naturally(text, precision, en, ru):
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert date.isoformat() == text
    assert date.display("en") == en
    assert date.display("ru") == ru


@pytest.mark.parametrize("text", ["2024-13", "2023-02-29", "24.05.2024", "", "2024-5-1", "--02-30"])
def test_impossible_or_malformed_dates_are_refused(text):
    with pytest.raises(PartialDateError):
        PartialDate.parse(text)


def test_february_29_is_allowed_when_the_year_is_unknown():
    assert PartialDate.parse("--02-29").display("en") == "29 February"


def test_a_day_without_a_month_is_refused_with_an_explanation():
    with pytest.raises(PartialDateError, match="needs a month"):
        PartialDate(2020, None, 5)


@given(st.dates(min_value=datetime.date(1850, 1, 1), max_value=datetime.date(2100, 12, 31)),
       st.sampled_from(["day", "month", "year", "month_day"]))
def test_iso_round_trip(day, precision):
    parts = {
        "day": (day.year, day.month, day.day),
        "month": (day.year, day.month, None),
        "year": (day.year, None, None),
        "month_day": (None, day.month, day.day),
    }[precision]
    date = PartialDate(*parts)
    assert PartialDate.parse(date.isoformat()) == date
    assert date.precision == precision
