"""Date expressions normalised against the brief's own date (the table in dates_rel's docstring)."""

from __future__ import annotations

import pytest

from briefreader.nlp.dates_rel import FIND, calendar, names_a_time, normalise, previous_dates

D = "2025-08-25"  # a Monday

TABLE = [
    # explicit full dates
    ("25 August", "past", "2025-08-25"),
    ("on 3 September", "future", "2025-09-03"),
    ("August 25, 2026", "past", "2026-08-25"),
    ("the 4th of July", "past", "2025-07-04"),
    ("20 December", "past", "2024-12-20"),  # past, after D: last year's (issue 18, "after the Oct. 23 slaying")
    ("10 January", "future", "2026-01-10"),  # planned, more than six months before D: the year after
    ("2024-11-05", "past", "2024-11-05"),
    ("3-5 June", "past", "2025-06-03"),
    # months
    ("in October", "future", "2025-10"),
    ("in October", "past", "2024-10"),
    ("in March", "past", "2025-03"),
    ("in March", "future", "2026-03"),
    ("early June", "past", "2025-06"),
    ("last October", "past", "2024-10"),
    ("next March", "future", "2026-03"),
    ("October 2023", "past", "2023-10"),
    # years
    ("in 2017", "past", "2017"),
    ("last year", "past", "2024"),
    ("next year", "future", "2026"),
    ("this year", "past", "2025"),
    ("earlier this year", "past", "2025"),
    ("two years ago", "past", "2023"),
    ("mid-2019", "past", "2019"),
    # months relative to D
    ("last month", "past", "2025-07"),
    ("next month", "future", "2025-09"),
    # weekdays and days
    ("on Monday", "past", "2025-08-25"),  # D is a Monday
    ("on Friday", "past", "2025-08-22"),
    ("Thursday", "past", "2025-08-21"),
    ("on Friday", "future", "2025-08-29"),
    ("on Monday", "future", "2025-09-01"),
    ("last Monday", "past", "2025-08-18"),
    ("next Tuesday", "future", "2025-08-26"),
    ("yesterday", "past", "2025-08-24"),
    ("today", "past", "2025-08-25"),
    ("tomorrow", "future", "2025-08-26"),
    # seasons (northern hemisphere: spring 03, summer 06, autumn 09, winter 12)
    ("next spring", "future", "2026-03"),
    ("this autumn", "future", "2025-09"),
    ("in the autumn", "future", "2025-09"),
    ("last winter", "past", "2024-12"),
    ("last summer", "past", "2024-06"),  # D is in summer: last summer is the one before
    ("spring 2027", "future", "2027-03"),
    # vaguer: no date
    ("recently", "past", None),
    ("in recent years", "past", None),
    ("later this decade", "future", None),
    ("soon", "future", None),
    ("in the 1990s", "past", "199"),  # a decade, as news annotation writes it; calendar() gives no date
]


@pytest.mark.parametrize(("text", "tense", "expected"), TABLE)
def test_expression_against_the_brief_date(text: str, tense: str, expected: str | None) -> None:
    assert normalise(text, D, tense) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("in 2017", "2017"), ("next spring", None), ("on Monday", None), ("25 August", None), ("October 2023", "2023-10")],
)
def test_without_a_brief_date_only_explicit_dates_count(text: str, expected: str | None) -> None:
    assert normalise(text, None, "past") == expected


def test_year_boundaries_for_months_and_weekdays() -> None:
    assert normalise("in December", "2026-01-10", "past") == "2025-12"
    assert normalise("20 December", "2026-01-10", "past") == "2025-12-20"  # after D in the past: the year before
    assert normalise("in January", "2025-12-20", "future") == "2026-01"
    assert normalise("next month", "2025-12-20", "future") == "2026-01"
    assert normalise("last month", "2026-01-10", "past") == "2025-12"
    assert normalise("next spring", "2026-03-14", "future") == "2027-03"  # spring has begun: the next one
    assert normalise("on Sunday", "2026-01-01", "past") == "2025-12-28"


def test_finding_expressions_the_model_missed() -> None:
    found = [m.group(0) for m in FIND.finditer("Talks resume next spring, after a pause since 12 March 2024.")]
    assert found == ["next spring", "12 March 2024"]
    assert names_a_time("in recent years") and not names_a_time("with great care")


# Issue 18: the rules added from TimeBank's news stories (tests/perf/dates_eval.py), on invented text.

NEW_RULES = [
    # weeks: the ISO week; a count of weeks is a day
    ("last week", "past", "2025-W34"),
    ("this week", "past", "2025-W35"),
    ("early next week", "future", "2025-W36"),
    ("late last week", "past", "2025-W34"),
    ("two weeks ago", "past", "2025-08-11"),
    ("a week or so ago", "past", "2025-08-18"),
    # holidays, fixed and computed
    ("Christmas", "past", "2024-12-25"),
    ("Christmas", "future", "2025-12-25"),
    ("on New Year's Day", "past", "2025-01-01"),
    ("Independence Day", "past", "2025-07-04"),
    ("Independence Day", "future", "2026-07-04"),
    ("the Fourth of July", "past", "2025-07-04"),
    ("Thanksgiving Day", "future", "2025-11-27"),  # 4th Thursday of November
    ("Thanksgiving", "past", "2024-11-28"),
    ("Easter", "past", "2025-04-20"),  # computus
    ("Easter Sunday 2024", "past", "2024-03-31"),
    ("Good Friday", "future", "2026-04-03"),
    ("Labor Day", "future", "2025-09-01"),  # 1st Monday of September
    ("Memorial Day", "past", "2025-05-26"),  # last Monday of May
    ("last Christmas", "past", "2024-12-25"),
    ("Christmas 2019", "past", "2019-12-25"),
    # a year earlier / later, counted from D when the text gave no date before
    ("a year earlier", "past", "2024"),
    ("two years later", "past", "2027"),
    # hedged counts back from D
    ("almost four years ago", "past", "2021"),
    ("nearly two decades ago", "past", "2005"),
    ("more than a year ago", "past", "2024"),
    ("some five months ago", "past", "2025-03"),
    ("a few years ago", "past", None),
    # spelled years and days
    ("nineteen ninety-seven", "past", "1997"),
    ("in nineteen eighty", "past", "1980"),
    ("January nineteen ninety-seven", "past", "1997-01"),
    ("by the year two thousand", "past", "2000"),
    ("two thousand and eight", "past", "2008"),
    ("March eighth", "past", "2025-03-08"),
    ("the twenty-first of June", "past", "2025-06-21"),
    # this coming
    ("this coming Sunday", "past", "2025-08-31"),
    ("this coming Monday", "past", "2025-09-01"),  # D is a Monday: the next one
    ("this coming October", "past", "2025-10"),
    ("this coming Sunday, August 31", "past", "2025-08-31"),
    # decades, quarters, the current year
    ("the nineties", "past", "199"),
    ("the mid-1980s", "past", "198"),
    ("the third quarter", "past", "2025-Q3"),
    ("fourth-quarter", "past", "2024-Q4"),
    ("the fourth quarter", "future", "2025-Q4"),
    ("the first quarter of 2023", "past", "2023-Q1"),
    ("next year's second quarter", "future", "2026-Q2"),
    ("the latest quarter", "past", "2025-Q2"),
    ("the current quarter", "future", "2025-Q3"),
    ("the past year", "past", "2024"),
    ("the current year", "past", "2025"),
    ("by year-end", "future", "2025"),
    ("the end of the month", "future", "2025-08"),
    ("the year-ago period", "past", "2024"),
    # a month or day with the year said after it
    ("July last year", "past", "2024-07"),
    ("3 June next year", "future", "2026-06-03"),
]


@pytest.mark.parametrize(("text", "tense", "expected"), NEW_RULES)
def test_new_rules(text: str, tense: str, expected: str | None) -> None:
    assert normalise(text, D, tense) == expected  # type: ignore[arg-type]


def test_a_past_month_day_stays_in_the_past() -> None:
    # Issue 18: "after the Oct. 23 slaying" in a past clause was read as the coming October.
    assert normalise("Oct. 23", "2025-08-25", "past") == "2024-10-23"
    assert normalise("Oct. 23", "2025-08-25", "future") == "2025-10-23"
    assert normalise("Aug. 20", "2025-08-25", "past") == "2025-08-20"


def test_present_tense_takes_the_nearest_occurrence() -> None:
    # "The dividend is payable Jan. 2": a schedule near the brief, on either side of it.
    assert normalise("Jan. 2", "2025-11-20", "present") == "2026-01-02"
    assert normalise("Feb. 1", "2025-09-30", "present") == "2026-02-01"
    assert normalise("May 3", "2025-09-30", "present") == "2025-05-03"
    assert normalise("in January", "2025-11-20", "present") == "2026-01"
    assert normalise("Thursday", "2025-08-25", "present") == "2025-08-21"  # a bare weekday: this week's, behind


def test_a_weekday_with_the_date_names_the_year() -> None:
    # 25 April 2026 is a Saturday: the weekday settles the year, whatever the tense says.
    assert normalise("Saturday, April 25", "2026-04-24", "past") == "2026-04-25"
    assert normalise("Friday, April 25", "2026-04-24", "past") == "2025-04-25"


def test_expressions_anchored_on_the_last_date_given() -> None:
    prev = "2019-05-03"
    assert normalise("the next day", D, "past", previous=prev) == "2019-05-04"
    assert normalise("the next morning", D, "past", previous=prev) == "2019-05-04"
    assert normalise("the following day", D, "past", previous=prev) == "2019-05-04"
    assert normalise("the day before", D, "past", previous=prev) == "2019-05-02"
    assert normalise("that day", D, "past", previous=prev) == "2019-05-03"
    assert normalise("later that day", D, "past", previous=prev) == "2019-05-03"
    assert normalise("the following week", D, "past", previous=prev) == "2019-W19"
    assert normalise("the following month", D, "past", previous=prev) == "2019-06"
    assert normalise("later that year", D, "past", previous=prev) == "2019"
    assert normalise("the following year", D, "past", previous="2019") == "2020"
    assert normalise("that year", D, "past", previous="2019-05") == "2019"
    assert normalise("three days later", D, "past", previous=prev) == "2019-05-06"
    assert normalise("two weeks later", D, "past", previous=prev) == "2019-05-17"
    # Counted from a day the text gave, an exact count keeps the day (TimeBank: 'a year earlier' than
    # 1989-11-01 is 1988-11-01); a hedged one is a year.
    assert normalise("a year earlier", D, "past", previous=prev) == "2018-05-03"
    assert normalise("about a year earlier", D, "past", previous=prev) == "2018"
    assert normalise("a year earlier", D, "past", previous="2019-05") == "2018"
    assert normalise("the previous Friday", D, "past", previous=prev) == "2019-04-26"  # 3 May 2019 is a Friday
    assert normalise("then", D, "past", previous=prev) == prev
    # Nothing to count from: no date, and 'next week' is still counted from D.
    assert normalise("the next day", D, "past") is None
    assert normalise("later that year", D, "past") is None
    assert normalise("next week", D, "future", previous=prev) == "2025-W36"
    # A day counted from a coarser date has no day.
    assert normalise("the next day", D, "past", previous="2019-05") is None


def test_previous_dates_chain_through_a_story() -> None:
    texts = ["on 3 May 2019", "the next day", "two days later", "a year earlier", "the following week"]
    assert previous_dates(texts, D) == [None, "2019-05-03", "2019-05-04", "2019-05-06", "2019-05-06"]
    # Without the brief's date relative words give nothing, but anchored ones count from explicit dates.
    assert previous_dates(["yesterday", "in 2017", "later that year"], None) == [None, None, "2017"]


def test_without_a_brief_date_nothing_relative_is_dated() -> None:
    for text in ("last week", "Christmas", "two weeks ago", "almost four years ago", "the third quarter"):
        assert normalise(text, None, "past") is None
    assert normalise("nineteen ninety-seven", None, "past") == "1997"
    assert normalise("Christmas 2019", None, "past") == "2019-12-25"


def test_calendar_turns_weeks_and_quarters_into_months() -> None:
    assert calendar("2025-W34") == "2025-08"  # its Thursday is 21 August
    assert calendar("2025-W01") == "2025-01"  # Mon 30 Dec 2024 .. Sun 5 Jan 2025: Thursday 2 January
    assert calendar("2026-W01") == "2026-01"  # Mon 29 Dec 2025 .. Thursday 1 January 2026
    assert calendar("2025-Q3") == "2025-07"
    assert calendar("199") is None
    assert calendar("2025-08-25") == "2025-08-25" and calendar(None) is None


def test_finding_the_new_expressions() -> None:
    text = "The talks broke up; the next day, almost four years ago, and again at Christmas."
    found = [m.group(0) for m in FIND.finditer(text)]
    assert found == ["the next day", "almost four years ago", "Christmas"]
