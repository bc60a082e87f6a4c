"""Date expressions normalised against the brief's own date (the table in dates_rel's docstring)."""

from __future__ import annotations

import pytest

from briefreader.nlp.dates_rel import FIND, names_a_time, normalise

D = "2025-08-25"  # a Monday

TABLE = [
    # explicit full dates
    ("25 August", "past", "2025-08-25"),
    ("on 3 September", "future", "2025-09-03"),
    ("August 25, 2026", "past", "2026-08-25"),
    ("the 4th of July", "past", "2025-07-04"),
    ("20 December", "past", "2025-12-20"),  # within six months of D: D's year
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
    ("in the 1990s", "past", None),
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
    assert normalise("20 December", "2026-01-10", "past") == "2025-12-20"  # over six months after D: the year before
    assert normalise("in January", "2025-12-20", "future") == "2026-01"
    assert normalise("next month", "2025-12-20", "future") == "2026-01"
    assert normalise("last month", "2026-01-10", "past") == "2025-12"
    assert normalise("next spring", "2026-03-14", "future") == "2027-03"  # spring has begun: the next one
    assert normalise("on Sunday", "2026-01-01", "past") == "2025-12-28"


def test_finding_expressions_the_model_missed() -> None:
    found = [m.group(0) for m in FIND.finditer("Talks resume next spring, after a pause since 12 March 2024.")]
    assert found == ["next spring", "12 March 2024"]
    assert names_a_time("in recent years") and not names_a_time("with great care")
