"""Dates a brief writes relative to itself ('on Monday', 'next spring'), made absolute.

The anchor is the brief's own date D (its front matter or dateline). The
conventions, one per kind of expression (README, "Key points"); they were
checked against the gold values of TimeBank's news stories
(``tests/perf/dates_eval.py``), so where a choice was open the value is the
one news annotators write:

- a full date ('25 August', 'August 25, 2026', 'March eighth') ->
  YYYY-MM-DD; without a year, D's year, moved a year back when the clause
  is past and the day comes after D (a past event cannot lie ahead: "after
  the Oct. 23 slaying" written in August is last October's), or on when it
  is planned and the day lies more than six months before D; 'June 3 last
  year' takes the year it names;
- a month ('in October') -> YYYY-MM: D's year, the year before when the
  sentence is past and the month comes after D's, the year after when it
  is planned and the month comes before D's;
- a year ('in 2017', 'nineteen ninety-seven', 'the year two thousand') ->
  YYYY; 'last/this/next year', 'the past year', 'the current year',
  'year-end' (the year, not a day: it is as precise as the text is);
- 'last/this/next month' -> YYYY-MM;
- a weekday -> the most recent one before D (D itself if D is that day)
  when past, the next one after D when planned ('this coming Sunday' is
  always ahead); 'yesterday', 'today', 'tomorrow', 'last night';
- a week ('last week', 'this week', 'next week') -> the ISO week
  YYYY-Www, which is how news annotation writes a week; ``calendar`` turns
  it into the week's month for a timeline, which cannot place a week.
  A count of weeks ('two weeks ago') is a day, D minus the weeks;
- a quarter ('the third quarter', 'fourth-quarter') -> YYYY-Qn, the
  latest such quarter that has begun when past, the next when planned;
- a decade ('the 1990s', 'the nineties') -> YYY, the decade's digits;
  ``calendar`` gives no date for it (a timeline has no decade row);
- holidays with a fixed or computable date (Christmas, New Year's Day,
  Independence Day, Thanksgiving: the 4th Thursday of November, Easter by
  the Gregorian computus, Labor Day, Memorial Day, ...) -> YYYY-MM-DD,
  the latest one on or before D when past, the next on or after D when
  planned;
- counts back from D ('two years ago', 'almost four years ago', 'nearly
  two decades ago', 'more than a year ago', 'five months ago'): hedges
  are dropped, the count is taken as said, at the unit's precision;
- a season -> the month it starts in the northern hemisphere (spring 03,
  summer 06, autumn/fall 09, winter 12): 'next spring' is the first spring
  after D, 'last winter' the latest winter before D;
- expressions anchored on a date the text has just given ('the next
  morning', 'the following week', 'later that year', 'that day', 'a year
  earlier', 'three days later', 'the previous Friday') -> counted from
  ``previous``, the last date the text gave before them (``previous_dates``
  finds it); without one they give no date, except 'a year earlier',
  which then counts from D;
- anything vaguer ('recently', 'in recent years', 'later this decade') ->
  no date, though the text is kept when it names a time.

Tense ``present`` (a clause in the present: 'the dividend is payable Jan.
2') takes the nearest occurrence of a month, day or weekday on either side
of D.

Without D, relative expressions give no date; explicit years still do, and
so do expressions anchored on an explicit earlier date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from briefreader.io.dates import MONTHS
from briefreader.nlp.dates_anchored import (
    AGO,
    NUM,
    QUARTER,
    QUARTER_NOW,
    QUARTERS,
    RELATIVE_UNIT,
    WEEK,
    ago,
    anaphoric,
    quarter,
    quarter_now,
    relative_unit,
    week,
)
from briefreader.nlp.dates_words import HOLIDAY, Tense, as_date, holiday, safe_date, words

__all__ = ["FIND", "SEASONS", "WEEKDAYS", "Tense", "calendar", "names_a_time", "normalise", "previous_dates"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7}
_DECADE_WORDS |= {"eighties": 8, "nineties": 9}

_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD = "|".join(WEEKDAYS)
_SEASON = "|".join(SEASONS)
_LEAD = re.compile(
    r"^(?:(?:on|in|at|by|during|from|since|until|till|before|after|around|about|of|as of|"
    r"as early as|as late as|no later than|the middle of|the start of|the beginning of|the end of|"
    r"the first half of|the second half of|the first week of|the|early|earlier|late|later|mid|"
    r"almost|nearly|roughly|some|approximately|more than|less than|just over|just under|over|under|"
    r"at least|barely|only|just)"
    r"(?:[\s-]+|$))+",
    re.I,
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?({_M})\.?\b(?:,?\s+(\d{{4}}))?",
    re.I,
)
_MONTH_DAY = re.compile(rf"\b({_M})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\d)(?:,?\s+(\d{{4}}))?", re.I)
_MONTH_YEAR = re.compile(rf"\b({_M})\.?,?\s+(?:of\s+)?(\d{{4}})\b", re.I)
_YEAR_WORD = re.compile(r"^(?:,?\s*(?:of\s+)?(last|this|next)\s+year\b)", re.I)
_MONTH = re.compile(rf"^(?:(last|next|this|this coming|coming)\s+)?({_M})\b", re.I)
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b(?!s|\d)")
_THIS_YEAR = re.compile(
    r"^(?:(?:full|current|calendar|fiscal|current fiscal|whole|entire)\s+)?year(?:[-\s]end|'s end)?$|^year[-\s]end$",
    re.I,
)
_WEEKDAY = re.compile(rf"^(?:(last|next|this|coming|this coming|previous|preceding|following)\s+)?({_WD})\b", re.I)
_SEASON_RX = re.compile(rf"^(?:(last|next|this|the coming)\s+)?({_SEASON})\b(?:\s+(?:of\s+)?(\d{{4}}))?", re.I)
_YEAR_SEASON = re.compile(rf"^(\d{{4}})\s+({_SEASON})\b", re.I)
_DAY_WORD = re.compile(
    r"^(yesterday|today|tonight|tomorrow|last night|this morning|this afternoon|this evening)\b", re.I
)
_DECADE_NUM = re.compile(r"^(1[5-9]|20)(\d)0'?s\b", re.I)
_DECADE_WORD = re.compile(rf"^({'|'.join(_DECADE_WORDS)})\b", re.I)
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
    r"|(?:the\s+)?(?:next|following|previous|same)\s+(?:day|morning|evening|night|week|month|year)"
    r"|(?:later|earlier)\s+that\s+(?:day|week|month|year)"
    r"|that\s+(?:day|year)"
    rf"|(?:(?:almost|nearly|about|around|more than|some)\s+)?(?:\d+|a|an|{NUM})\s+"
    r"(?:years?|months?|weeks?|days?|decades?)\s+(?:ago|earlier|later)"
    r"|(?:christmas|thanksgiving|easter|new year's day|independence day|labor day|memorial day)(?:\s+day)?)\b",
    re.I,
)
"""Date expressions the model may have missed, found in a sentence's text."""


def normalise(text: str, anchor: str | date | None, tense: Tense = "past", previous: str | None = None) -> str | None:
    """The ISO value (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, YYYY-Qn or YYY) an expression names, or None.

    ``anchor`` is the brief's date (ISO string or date); ``tense`` says
    whether the event lies before the brief (``past``: happened or
    reported), after it (``future``: planned), or is told in the present
    (``present``: the nearest occurrence). ``previous`` is the last date
    the text gave before the expression (any precision), what 'the next
    day' or 'that year' count from; without it they give no date.
    """
    d = as_date(anchor)
    s = words(text)
    found, got = anaphoric(s, d, previous)
    if found:
        return got
    s = _LEAD.sub("", s).strip(" ,.;")
    if not s:
        return None
    m = _ISO.search(s)
    if m:
        return _safe_iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = HOLIDAY.match(s)
    if m:
        return holiday(d, m.group(1), m.group(2), m.group(3), tense)
    for rx, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        m = rx.search(s)
        if m:
            month, day = MONTHS[m.group(month_group).lower()], int(m.group(day_group))
            if m.group(3):
                return _safe_iso(int(m.group(3)), month, day)
            y = _year_word(s[m.end() :], d)
            if y is not None:
                return _safe_iso(y, month, day)
            if d is None:
                return None
            lean = re.match(r"(?:this\s+)?(coming|next|last)\b", s, re.I)
            if lean:
                tense = "past" if lean.group(1).lower() == "last" else "future"
            wd = re.search(rf"\b({_WD})\b", s, re.I)
            return _day_in_year(d, month, day, tense, WEEKDAYS.index(wd.group(1).lower()) if wd else None)
    m = _MONTH_YEAR.search(s)
    if m:
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}"
    m = _YEAR_SEASON.match(s)
    if m:
        return f"{int(m.group(1)):04d}-{SEASONS[m.group(2).lower()]:02d}"
    m = _SEASON_RX.match(s)
    if m:
        return _season(d, m.group(1), m.group(2), m.group(3), tense)
    m = QUARTER.match(s)
    if m:
        return quarter(d, m.group(1) or m.group(4), m.group(2), QUARTERS[m.group(3).lower()], tense)
    m = QUARTER_NOW.match(s)
    if m:
        return quarter_now(d, m.group(1).lower())
    m = _MONTH.match(s)
    if m and not (m.group(2).lower() == "may" and not m.group(1) and len(s) > 3 and not _YEAR_WORD.match(s[3:])):
        y = _year_word(s[m.end() :], d)
        if y is not None and not m.group(1):
            return f"{y:04d}-{MONTHS[m.group(2).lower()]:02d}"
        return _month(d, MONTHS[m.group(2).lower()], m.group(1), tense)
    m = _WEEKDAY.match(s)
    if m:
        return _weekday(d, WEEKDAYS.index(m.group(2).lower()), m.group(1), tense, previous)
    m = _DAY_WORD.match(s)
    if m:
        if d is None:
            return None
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(m.group(1).lower(), 0)
        return (d + timedelta(days=shift)).isoformat()
    m = WEEK.match(s)
    if m:
        return week(d, m.group(1).lower())
    m = RELATIVE_UNIT.match(s)
    if m:
        return relative_unit(d, m.group(1).lower(), m.group(2).lower())
    if _THIS_YEAR.match(s):
        return None if d is None else f"{d.year:04d}"
    if re.fullmatch(r"(?:current\s+)?month", s, re.I):  # 'the end of the month'
        return None if d is None else d.isoformat()[:7]
    m = AGO.match(s)
    if m:
        return ago(d, m.group(1).lower(), m.group(2).lower())
    m = _DECADE_NUM.match(s)
    if m:
        return m.group(1) + m.group(2)
    m = _DECADE_WORD.match(s)
    if m:
        return f"19{_DECADE_WORDS[m.group(1).lower()]}"
    if _DECADE.search(s):
        return None
    m = _YEAR.search(s)
    if m:
        return m.group(1)
    return None


def calendar(value: str | None) -> str | None:
    """A normalised value as a timeline can place it: YYYY, YYYY-MM or YYYY-MM-DD, or None.

    A week becomes the month its Thursday falls in (ISO's rule for which
    year a week belongs to, applied to months); a quarter the month it
    starts in (as a season does); a decade gives nothing, being no point a
    timeline can sort beside days.
    """
    if value is None:
        return None
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        try:
            thursday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 4)
        except ValueError:
            return None
        return thursday.isoformat()[:7]
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        return f"{m.group(1)}-{3 * int(m.group(2)) - 2:02d}"
    if re.fullmatch(r"\d{3}", value):
        return None
    return value


def previous_dates(
    texts: Sequence[str], anchor: str | date | None, tense: Tense | Sequence[Tense] = "past"
) -> list[str | None]:
    """For each date expression in text order, the last date the ones before it gave.

    ``tense``: one for all the expressions, or one each.

    What anchored expressions count from: "On 3 May 2019 ... The next day
    ... Two days later" gives the second 2019-05-03 and the third
    2019-05-04. An expression that gives no date leaves the last one
    standing.
    """
    out: list[str | None] = []
    last: str | None = None
    tenses: Sequence[Tense] = [tense] * len(texts) if isinstance(tense, str) else tense
    for t, tn in zip(texts, tenses, strict=True):
        out.append(last)
        got = normalise(t, anchor, tn, previous=last)
        if got is not None and not re.fullmatch(r"\d{3}", got) and not _LOOKS_BACK.search(t):
            last = got
    return out


_LOOKS_BACK = re.compile(r"\b(?:earlier|before|ago)$", re.I)
"""A comparison ('a year earlier', 'year-ago'), which moves no story forward: not a date to count from."""


def names_a_time(text: str) -> bool:
    """True when an expression is about time at all, dated or not ('in recent years')."""
    return bool(FIND.search(text) or _DECADE.search(text) or re.search(r"\b(ago|week|weeks|years?)\b", text, re.I))


def _year_word(rest: str, d: date | None) -> int | None:
    """The year a 'last year' / 'this year' / 'next year' after a month or day names ('June 3 last year')."""
    m = _YEAR_WORD.match(rest)
    if not m or d is None:
        return None
    return d.year + {"last": -1, "this": 0, "next": 1}[m.group(1).lower()]


def _safe_iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _day_in_year(d: date, month: int, day: int, tense: Tense, weekday: int | None = None) -> str | None:
    """The year of a month and day: by tense, unless a weekday given with it names the year."""
    if weekday is not None:
        fits = [x for x in (safe_date(d.year + k, month, day) for k in (0, -1, 1)) if x and x.weekday() == weekday]
        if fits:
            return fits[0].isoformat()
    try:
        guess = date(d.year, month, day)
    except ValueError:
        return _safe_iso(d.year - (tense == "past"), month, day)
    if tense == "past" and guess > d:
        # A past event cannot lie ahead of the brief: "after the Oct. 23 slaying" in August is last year's.
        guess = safe_date(d.year - 1, month, day) or guess
    elif tense == "future" and (d - guess).days > 183:
        guess = safe_date(d.year + 1, month, day) or guess
    elif tense == "present":
        options = [x for x in (safe_date(y, month, day) for y in (d.year - 1, d.year + 1)) if x] + [guess]
        guess = min(options, key=lambda x: abs((x - d).days))
    return guess.isoformat()


def _month(d: date | None, month: int, which: str | None, tense: Tense) -> str | None:
    if d is None:
        return None
    year = d.year
    which = (which or "").lower()
    if which == "last":
        year = d.year if month < d.month else d.year - 1
    elif which in ("next", "coming", "this coming"):
        year = d.year if month > d.month else d.year + 1
    elif which == "this":
        year = d.year
    elif tense == "past" and month > d.month:
        year -= 1
    elif tense == "future" and month < d.month:
        year += 1
    elif tense == "present" and abs(month - d.month) > 6:
        year += 1 if month < d.month else -1
    return f"{year:04d}-{month:02d}"


def _weekday(d: date | None, wd: int, which: str | None, tense: Tense, previous: str | None) -> str | None:
    which = (which or "").lower()
    if which in ("previous", "preceding", "following"):
        # 'the previous Friday': counted from the date the text just gave, else from D.
        base = as_date(previous) if previous and len(previous) == 10 else d
        if base is None:
            return None
        if which == "following":
            return (base + timedelta(days=(wd - base.weekday()) % 7 or 7)).isoformat()
        return (base - timedelta(days=(base.weekday() - wd) % 7 or 7)).isoformat()
    if d is None:
        return None
    back = (d.weekday() - wd) % 7
    ahead = (wd - d.weekday()) % 7
    if which == "last" or (not which and tense in ("past", "present")):
        # A bare weekday in the present tense is the news's own week, mostly behind it ('Crane holds
        # shares bought to Thursday').
        if which == "last" and back == 0:
            back = 7
        return (d - timedelta(days=back)).isoformat()
    ahead = ahead or 7
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
