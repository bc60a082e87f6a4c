"""Words of dates: spelled numbers ('nineteen ninety-seven', 'March eighth') and holidays.

Split from ``dates_rel`` (the normaliser), which reads an expression's
words through ``words`` first, so every later rule sees digits. Holidays
have fixed dates or dates a rule computes from the year (Thanksgiving is
the fourth Thursday of November in the US, Easter follows the Gregorian
computus), so one table gives the date of each in any year.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Literal

from briefreader.io.dates import MONTHS

_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")

Tense = Literal["past", "present", "future"]

_UNITS_1 = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
NUMBERS: dict[str, int] = {w: i for i, w in enumerate(_UNITS_1)} | _TENS | {"a": 1, "an": 1, "a couple of": 2}
_ORDINALS: dict[str, int] = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ]
    )
} | {"thirtieth": 30}
_SPELLED_YEAR = re.compile(
    rf"\b(nineteen|eighteen|twenty)[\s-]+(?:(hundred)|(oh[\s-]+(?:{'|'.join(_UNITS_1[1:10])}))"
    rf"|({'|'.join(_TENS)})(?:[\s-]+({'|'.join(_UNITS_1[1:10])}))?|({'|'.join(_UNITS_1[10:])}))\b",
    re.I,
)
_TWO_THOUSAND = re.compile(
    rf"\btwo thousand(?:\s+(?:and\s+)?({'|'.join(_UNITS_1[1:])}|{'|'.join(_TENS)}))?\b(?!\s+(?:dollars|people))",
    re.I,
)
_SPELLED_DAY = re.compile(
    rf"\b({_M})\.?\s+(?:the\s+)?(?:(twenty|thirty)[\s-]+)?({'|'.join(_ORDINALS)})\b"
    rf"|\b(?:the\s+)?(?:(twenty|thirty)[\s-]+)?({'|'.join(_ORDINALS)})\s+of\s+({_M})\b",
    re.I,
)


def _easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n = -1: the last one)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = date(year + month // 12, month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda y: date(y, month, day)


def _election_day(y: int) -> date:
    """US Election Day: the Tuesday after the first Monday of November."""
    return _nth_weekday(y, 11, 0, 1) + timedelta(days=1)


HOLIDAYS: list[tuple[re.Pattern[str], Callable[[int], date]]] = [
    (re.compile(p, re.I), f)
    for p, f in (
        (r"christmas eve", _fixed(12, 24)),
        (r"christmas(?: day)?|xmas", _fixed(12, 25)),
        (r"boxing day", _fixed(12, 26)),
        (r"new year'?s eve", _fixed(12, 31)),
        (r"new year'?s(?: day)?", _fixed(1, 1)),
        (r"independence day|(?:the )?fourth of july|july (?:4th|fourth)", _fixed(7, 4)),
        (r"valentine'?s day", _fixed(2, 14)),
        (r"st\.? patrick'?s day|saint patrick'?s day", _fixed(3, 17)),
        (r"(?:international )?women'?s day", _fixed(3, 8)),
        (r"may day", _fixed(5, 1)),
        (r"bastille day", _fixed(7, 14)),
        (r"halloween", _fixed(10, 31)),
        (r"veterans'? day|armistice day|remembrance day", _fixed(11, 11)),
        (r"thanksgiving(?: day)?", lambda y: _nth_weekday(y, 11, 3, 4)),
        (r"labou?r day", lambda y: _nth_weekday(y, 9, 0, 1)),
        (r"memorial day", lambda y: _nth_weekday(y, 5, 0, -1)),
        (r"(?:martin luther king(?: jr\.?)?|mlk) day", lambda y: _nth_weekday(y, 1, 0, 3)),
        (r"presidents'? day|washington'?s birthday", lambda y: _nth_weekday(y, 2, 0, 3)),
        (r"columbus day", lambda y: _nth_weekday(y, 10, 0, 2)),
        (r"election day", _election_day),
        (r"good friday", lambda y: _easter(y) - timedelta(days=2)),
        (r"easter monday", lambda y: _easter(y) + timedelta(days=1)),
        (r"easter(?: sunday| day)?", _easter),
        (r"palm sunday", lambda y: _easter(y) - timedelta(days=7)),
        (r"ash wednesday", lambda y: _easter(y) - timedelta(days=46)),
        (r"pentecost|whitsun(?:day)?", lambda y: _easter(y) + timedelta(days=49)),
    )
]
"""Holidays whose date a year decides, fixed or computed (the US ones by their federal rule)."""
_HOLIDAY_NAMES = "|".join(p.pattern for p, _f in HOLIDAYS)
HOLIDAY = re.compile(
    rf"^(?:(last|next|this|this coming|coming)\s+)?({_HOLIDAY_NAMES})(?:\s+(?:of\s+)?(\d{{4}}|last year|next year))?$",
    re.I,
)


def words(text: str) -> str:
    """One-spaced text, straight apostrophes, spelled years and days as digits ('March eighth' -> 'March 8th')."""
    s = " ".join(text.replace("’", "'").split())
    s = _SPELLED_YEAR.sub(_spelled_year, s)
    s = _TWO_THOUSAND.sub(lambda m: str(2000 + (NUMBERS[m.group(1).lower()] if m.group(1) else 0)), s)
    s = _SPELLED_DAY.sub(_spelled_day, s)
    return s.strip(" ,.;")


def _spelled_year(m: re.Match[str]) -> str:
    century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[m.group(1).lower()]
    if m.group(2):
        rest = 0
    elif m.group(3):
        rest = NUMBERS[m.group(3).split()[-1].split("-")[-1].lower()]
    elif m.group(4):
        rest = _TENS[m.group(4).lower()] + (NUMBERS[m.group(5).lower()] if m.group(5) else 0)
    else:
        rest = NUMBERS[m.group(6).lower()]
    return str(century * 100 + rest)


def _spelled_day(m: re.Match[str]) -> str:
    if m.group(1):
        month, tens, unit = m.group(1), m.group(2), m.group(3)
    else:
        month, tens, unit = m.group(6), m.group(4), m.group(5)
    day = _ORDINALS[unit.lower()] + (_TENS[tens.lower()] if tens else 0)
    return f"{month} {day}"


def count(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return NUMBERS.get(w)


def as_date(anchor: str | date | None) -> date | None:
    if anchor is None or isinstance(anchor, date):
        return anchor
    m = _ISO.match(anchor)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def holiday(d: date | None, which: str | None, name: str, year: str | None, tense: Tense) -> str | None:
    """A holiday's date: in the year given, else the latest on or before D (past) or next on or after it."""
    rule = next(f for p, f in HOLIDAYS if p.fullmatch(name))
    if year and year[0].isdigit():
        return rule(int(year)).isoformat()
    if d is None:
        return None
    if year:  # 'Christmas last year'
        return rule(d.year + (1 if year.lower().startswith("next") else -1)).isoformat()
    this = rule(d.year)
    which = (which or "").lower()
    if which == "last" or (not which and tense == "past"):
        return (this if this <= d and not (which == "last" and this == d) else rule(d.year - 1)).isoformat()
    if which in ("next", "coming", "this coming") or (not which and tense == "future"):
        return (this if this >= d and not (which == "next" and this == d) else rule(d.year + 1)).isoformat()
    if which == "this":
        return this.isoformat()
    options = [rule(d.year - 1), this, rule(d.year + 1)]
    return min(options, key=lambda x: abs((x - d).days)).isoformat()
