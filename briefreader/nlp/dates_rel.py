"""Dates a brief writes relative to itself ('on Monday', 'next spring'), made absolute.

The anchor is the brief's own date D (its front matter or dateline). The
conventions, one per kind of expression (README, "Key points"):

- a full date ('25 August', 'August 25, 2026') -> YYYY-MM-DD; without a
  year, D's year, moved a year back (past tense) or on (future) when that
  lands more than six months the wrong side of D;
- a month ('in October') -> YYYY-MM: D's year, the year before when the
  sentence is past and the month comes after D's, the year after when it
  is planned and the month comes before D's;
- a year ('in 2017') -> YYYY; 'last/this/next year', 'N years ago';
- 'last/this/next month' -> YYYY-MM;
- a weekday -> the most recent one before D (D itself if D is that day)
  when past, the next one after D when planned; 'yesterday', 'today',
  'tomorrow', 'last night';
- a season -> the month it starts in the northern hemisphere (spring 03,
  summer 06, autumn/fall 09, winter 12): 'next spring' is the first spring
  after D, 'last winter' the latest winter before D;
- anything vaguer ('recently', 'in recent years', 'later this decade') ->
  no date, though the text is kept when it names a time.

Without D, relative expressions give no date; explicit years still do.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from briefreader.io.dates import MONTHS

Tense = Literal["past", "future"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD = "|".join(WEEKDAYS)
_SEASON = "|".join(SEASONS)
_LEAD = re.compile(
    r"^(?:(?:on|in|at|by|during|from|since|until|till|before|after|around|about|of|as of|"
    r"as early as|as late as|no later than|the|this coming|early|earlier|late|later|mid|the middle of|"
    r"the start of|the beginning of|the end of|the first half of|the second half of|the first week of)"
    r"[\s-]+)+",
    re.I,
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?({_M})\.?\b(?:,?\s+(\d{{4}}))?",
    re.I,
)
_MONTH_DAY = re.compile(rf"\b({_M})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\d)(?:,?\s+(\d{{4}}))?", re.I)
_MONTH_YEAR = re.compile(rf"\b({_M})\.?,?\s+(\d{{4}})\b", re.I)
_MONTH = re.compile(rf"^(?:(last|next|this)\s+)?({_M})\b", re.I)
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b(?!s|\d)")
_RELATIVE_UNIT = re.compile(r"^(last|next|this|the coming|the past|the previous|the following)\s+(year|month)\b", re.I)
_AGO = re.compile(r"^(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(year|month|day)s?\s+ago\b", re.I)
_WEEKDAY = re.compile(rf"^(?:(last|next|this|this coming)\s+)?({_WD})\b", re.I)
_SEASON_RX = re.compile(rf"^(?:(last|next|this|the coming)\s+)?({_SEASON})\b(?:\s+(?:of\s+)?(\d{{4}}))?", re.I)
_YEAR_SEASON = re.compile(rf"^(\d{{4}})\s+({_SEASON})\b", re.I)
_DAY_WORD = re.compile(
    r"^(yesterday|today|tonight|tomorrow|last night|this morning|this afternoon|this evening)\b", re.I
)
_DECADE = re.compile(r"\b\d{4}s\b|\bdecade|\bcentury|\brecent\b|\brecently\b|\bsoon\b", re.I)

FIND = re.compile(
    rf"\b(?:(?:last|next|this|this coming|the coming)\s+(?:{_WD}|{_SEASON}|{_M}|year|month|week)"
    rf"|(?:on\s+)?(?:{_WD})(?:,?\s+\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_M}))?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_M})(?:,?\s+\d{{4}})?"
    rf"|(?:{_M})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|(?:early|mid|late)[\s-](?:{_M}|\d{{4}})"
    rf"|(?:{_M})(?:\s+\d{{4}})?"
    rf"|(?:{_SEASON})(?:\s+(?:of\s+)?\d{{4}})?"
    r"|(?:1[5-9]\d\d|20\d\d)(?!s)"
    r"|yesterday|today|tomorrow|last night"
    r"|(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:years?|months?|days?)\s+ago)\b",
    re.I,
)
"""Date expressions the model may have missed, found in a sentence's text."""


def normalise(text: str, anchor: str | date | None, tense: Tense = "past") -> str | None:
    """The ISO date (YYYY, YYYY-MM or YYYY-MM-DD) an expression names, or None.

    ``anchor`` is the brief's date (ISO string or date); ``tense`` says
    whether the event lies before the brief (``past``: happened or reported)
    or after it (``future``: planned).
    """
    d = _as_date(anchor)
    s = _LEAD.sub("", " ".join(text.replace("’", "'").split())).strip(" ,.;")
    if not s:
        return None
    m = _ISO.search(s)
    if m:
        return _safe_iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for rx, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        m = rx.search(s)
        if m:
            month, day = MONTHS[m.group(month_group).lower()], int(m.group(day_group))
            if m.group(3):
                return _safe_iso(int(m.group(3)), month, day)
            if d is None:
                return None
            return _day_in_year(d, month, day, tense)
    m = _MONTH_YEAR.search(s)
    if m:
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}"
    m = _YEAR_SEASON.match(s)
    if m:
        return f"{int(m.group(1)):04d}-{SEASONS[m.group(2).lower()]:02d}"
    m = _SEASON_RX.match(s)
    if m:
        return _season(d, m.group(1), m.group(2), m.group(3), tense)
    m = _MONTH.match(s)
    if m and not (m.group(2).lower() == "may" and not m.group(1) and len(s) > 3):
        return _month(d, MONTHS[m.group(2).lower()], m.group(1), tense)
    m = _WEEKDAY.match(s)
    if m:
        return _weekday(d, WEEKDAYS.index(m.group(2).lower()), m.group(1), tense)
    m = _DAY_WORD.match(s)
    if m:
        if d is None:
            return None
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(m.group(1).lower(), 0)
        return (d + timedelta(days=shift)).isoformat()
    m = _RELATIVE_UNIT.match(s)
    if m:
        return _relative_unit(d, m.group(1).lower(), m.group(2).lower())
    m = _AGO.match(s)
    if m:
        return _ago(d, m.group(1).lower(), m.group(2).lower())
    if _DECADE.search(s):
        return None
    m = _YEAR.search(s)
    if m:
        return m.group(1)
    return None


def names_a_time(text: str) -> bool:
    """True when an expression is about time at all, dated or not ('in recent years')."""
    return bool(FIND.search(text) or _DECADE.search(text) or re.search(r"\b(ago|week|weeks|years?)\b", text, re.I))


def _as_date(anchor: str | date | None) -> date | None:
    if anchor is None or isinstance(anchor, date):
        return anchor
    m = _ISO.match(anchor)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _safe_iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _day_in_year(d: date, month: int, day: int, tense: Tense) -> str | None:
    try:
        guess = date(d.year, month, day)
    except ValueError:
        return None
    if tense == "past" and (guess - d).days > 183:
        guess = _safe_date(d.year - 1, month, day) or guess
    elif tense == "future" and (d - guess).days > 183:
        guess = _safe_date(d.year + 1, month, day) or guess
    return guess.isoformat()


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(d: date | None, month: int, which: str | None, tense: Tense) -> str | None:
    if d is None:
        return None
    year = d.year
    which = (which or "").lower()
    if which == "last":
        year = d.year if month < d.month else d.year - 1
    elif which == "next":
        year = d.year if month > d.month else d.year + 1
    elif which == "this":
        year = d.year
    elif tense == "past" and month > d.month:
        year -= 1
    elif tense == "future" and month < d.month:
        year += 1
    return f"{year:04d}-{month:02d}"


def _weekday(d: date | None, wd: int, which: str | None, tense: Tense) -> str | None:
    if d is None:
        return None
    which = (which or "").lower()
    if which == "last" or (not which and tense == "past"):
        back = (d.weekday() - wd) % 7
        if which == "last" and back == 0:
            back = 7
        return (d - timedelta(days=back)).isoformat()
    ahead = (wd - d.weekday()) % 7 or 7
    if which == "this" and d.weekday() == wd:
        ahead = 0
    return (d + timedelta(days=ahead)).isoformat()


def _season(d: date | None, which: str | None, name: str, year: str | None, tense: Tense) -> str | None:
    month = SEASONS[name.lower()]
    if year:
        return f"{int(year):04d}-{month:02d}"
    if d is None:
        return None
    which = (which or "").lower()
    this_start = date(d.year, month, 1)
    if which in ("next", "the coming") or (not which and tense == "future"):
        # The first season start after D.
        y = d.year if this_start > d else d.year + 1
    elif which == "last" or (not which and tense == "past"):
        # The latest season that started before D (winter started in last December).
        y = d.year if this_start <= d else d.year - 1
        if which == "last" and this_start <= d and _in_season(d, month):
            y -= 1
    else:
        y = d.year
    return f"{y:04d}-{month:02d}"


def _in_season(d: date, month: int) -> bool:
    """True when D lies inside the season starting in ``month`` of D's year (3 months long)."""
    start = date(d.year, month, 1)
    end_month = month + 3
    end = date(d.year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
    return start <= d < end


def _relative_unit(d: date | None, which: str, unit: str) -> str | None:
    if d is None:
        return None
    step = {"last": -1, "the past": -1, "the previous": -1, "next": 1, "the coming": 1, "the following": 1}.get(
        which, 0
    )
    if unit == "year":
        return f"{d.year + step:04d}"
    month = d.month - 1 + step
    return f"{d.year + month // 12:04d}-{month % 12 + 1:02d}"


def _ago(d: date | None, count: str, unit: str) -> str | None:
    if d is None:
        return None
    n = int(count) if count.isdigit() else _NUMBERS.get(count, 1)
    if unit == "year":
        return f"{d.year - n:04d}"
    if unit == "month":
        month = d.month - 1 - n
        return f"{d.year + month // 12:04d}-{month % 12 + 1:02d}"
    return (d - timedelta(days=n)).isoformat()
