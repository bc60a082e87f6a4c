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
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Literal

from briefreader.io.dates import MONTHS

Tense = Literal["past", "present", "future"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
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
_NUMBERS: dict[str, int] = {w: i for i, w in enumerate(_UNITS_1)} | _TENS | {"a": 1, "an": 1, "a couple of": 2}
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
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7}
_DECADE_WORDS |= {"eighties": 8, "nineties": 9}

_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD = "|".join(WEEKDAYS)
_SEASON = "|".join(SEASONS)
_NUM = "|".join(sorted((w for w in _NUMBERS if " " not in w), key=len, reverse=True))
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
_RELATIVE_UNIT = re.compile(
    r"^(last|next|this|current|coming|past|previous|following|the coming|the past|the previous|the following)"
    r"\s+(year|month)\b",
    re.I,
)
_THIS_YEAR = re.compile(
    r"^(?:(?:full|current|calendar|fiscal|current fiscal|whole|entire)\s+)?year(?:[-\s]end|'s end)?$|^year[-\s]end$",
    re.I,
)
_AGO = re.compile(
    rf"^({_NUM}|\d+|a couple of|a few|several)\s+(?:or so\s+)?(year|month|week|day|decade)s?\s+(?:or so\s+)?ago\b",
    re.I,
)
_SHIFT = re.compile(
    rf"^({_NUM}|\d+|a couple of)\s+(year|month|week|day|decade)s?\s+(earlier|later|before|after|on)\b", re.I
)
_WEEK = re.compile(r"^(last|next|this|current|this coming|coming|past|previous|following)\s+week\b", re.I)
_WEEKDAY = re.compile(rf"^(?:(last|next|this|coming|this coming|previous|preceding|following)\s+)?({_WD})\b", re.I)
_SEASON_RX = re.compile(rf"^(?:(last|next|this|the coming)\s+)?({_SEASON})\b(?:\s+(?:of\s+)?(\d{{4}}))?", re.I)
_YEAR_SEASON = re.compile(rf"^(\d{{4}})\s+({_SEASON})\b", re.I)
_DAY_WORD = re.compile(
    r"^(yesterday|today|tonight|tomorrow|last night|this morning|this afternoon|this evening)\b", re.I
)
_QUARTER = re.compile(
    r"^(?:(\d{4})(?:'s)?\s+|(last|this|next) year's\s+|(?:fiscal|its|this year's|the fiscal)\s+)*"
    r"(first|second|third|fourth|1st|2nd|3rd|4th)[-\s]quarter\b(?:\s+(?:of\s+)?(?:fiscal\s+)?(\d{4}))?",
    re.I,
)
_QUARTER_NOW = re.compile(r"^(current|latest|last|past|previous|next|coming)\s+quarter\b", re.I)
_DECADE_NUM = re.compile(r"^(1[5-9]|20)(\d)0'?s\b", re.I)
_DECADE_WORD = re.compile(rf"^({'|'.join(_DECADE_WORDS)})\b", re.I)
_DECADE = re.compile(r"\b\d{4}s\b|\bdecade|\bcentury|\brecent\b|\brecently\b|\bsoon\b", re.I)
_ANAPHORIC = re.compile(
    r"^(?:(next|following|previous|preceding|same|that|that same|this same|subsequent|prior)\s+"
    r"(day|morning|afternoon|evening|night|week|month|year)"
    r"|(day|week|month|year)\s+(after|before|later|earlier)"
    r"|(later|earlier)\s+(?:in\s+)?that\s+(day|week|month|year)"
    r"|(?:that|same)\s+(day|week|month|year)"
    r"|(then)"
    r"|(day))$",
    re.I,
)
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
_HOLIDAY = re.compile(
    rf"^(?:(last|next|this|this coming|coming)\s+)?({_HOLIDAY_NAMES})(?:\s+(?:of\s+)?(\d{{4}}|last year|next year))?$",
    re.I,
)

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
    rf"|(?:(?:almost|nearly|about|around|more than|some)\s+)?(?:\d+|a|an|{_NUM})\s+"
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
    d = _as_date(anchor)
    s = _words(text)
    found, got = _anaphoric(s, d, previous)
    if found:
        return got
    s = _LEAD.sub("", s).strip(" ,.;")
    if not s:
        return None
    m = _ISO.search(s)
    if m:
        return _safe_iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _HOLIDAY.match(s)
    if m:
        return _holiday(d, m.group(1), m.group(2), m.group(3), tense)
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
    m = _QUARTER.match(s)
    if m:
        return _quarter(d, m.group(1) or m.group(4), m.group(2), _QUARTERS[m.group(3).lower()], tense)
    m = _QUARTER_NOW.match(s)
    if m:
        return _quarter_now(d, m.group(1).lower())
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
    m = _WEEK.match(s)
    if m:
        return _week(d, m.group(1).lower())
    m = _RELATIVE_UNIT.match(s)
    if m:
        return _relative_unit(d, m.group(1).lower(), m.group(2).lower())
    if _THIS_YEAR.match(s):
        return None if d is None else f"{d.year:04d}"
    if re.fullmatch(r"(?:current\s+)?month", s, re.I):  # 'the end of the month'
        return None if d is None else d.isoformat()[:7]
    m = _AGO.match(s)
    if m:
        return _ago(d, m.group(1).lower(), m.group(2).lower())
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


def _words(text: str) -> str:
    """One-spaced text, straight apostrophes, spelled years and days as digits ('March eighth' -> 'March 8th')."""
    s = " ".join(text.replace("’", "'").split())
    s = _SPELLED_YEAR.sub(_spelled_year, s)
    s = _TWO_THOUSAND.sub(lambda m: str(2000 + (_NUMBERS[m.group(1).lower()] if m.group(1) else 0)), s)
    s = _SPELLED_DAY.sub(_spelled_day, s)
    return s.strip(" ,.;")


def _spelled_year(m: re.Match[str]) -> str:
    century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[m.group(1).lower()]
    if m.group(2):
        rest = 0
    elif m.group(3):
        rest = _NUMBERS[m.group(3).split()[-1].split("-")[-1].lower()]
    elif m.group(4):
        rest = _TENS[m.group(4).lower()] + (_NUMBERS[m.group(5).lower()] if m.group(5) else 0)
    else:
        rest = _NUMBERS[m.group(6).lower()]
    return str(century * 100 + rest)


def _spelled_day(m: re.Match[str]) -> str:
    if m.group(1):
        month, tens, unit = m.group(1), m.group(2), m.group(3)
    else:
        month, tens, unit = m.group(6), m.group(4), m.group(5)
    day = _ORDINALS[unit.lower()] + (_TENS[tens.lower()] if tens else 0)
    return f"{month} {day}"


def _year_word(rest: str, d: date | None) -> int | None:
    """The year a 'last year' / 'this year' / 'next year' after a month or day names ('June 3 last year')."""
    m = _YEAR_WORD.match(rest)
    if not m or d is None:
        return None
    return d.year + {"last": -1, "this": 0, "next": 1}[m.group(1).lower()]


def _anaphoric(s: str, d: date | None, previous: str | None) -> tuple[bool, str | None]:
    """An expression counted from the previous date ('the next day', 'a year earlier'): (is one, its date)."""
    core = re.sub(r"^(?:(?:on|in|at|by|of|from|until|since|during)\s+)+", "", s, flags=re.I)
    has_the = core.lower().startswith("the ")
    core = re.sub(r"^(?:the\s+)", "", core, flags=re.I)
    # 'the year-ago results', 'year-earlier sales': a year before D.
    if re.match(r"year[-\s](?:ago|earlier)\b", core, re.I):
        return True, None if d is None else f"{d.year - 1:04d}"
    m = _SHIFT.match(re.sub(r"^(?:almost|nearly|about|around|some|more than|less than|just over)\s+", "", core))
    if m:
        count = _count(m.group(1))
        if count is None:
            return True, None
        sign = -1 if m.group(3).lower() in ("earlier", "before") else 1
        unit = m.group(2).lower()
        if unit == "year" or unit == "decade":
            base = previous or (d.isoformat() if d else None)
            if base is None:
                return True, None
            return True, f"{int(base[:4]) + sign * count * (10 if unit == 'decade' else 1):04d}"
        if previous is None:
            return True, None
        if unit == "week":  # 'two weeks later': a day, like 'two weeks ago'
            unit, count = "day", 7 * count
        return True, _shift(previous, unit, sign * count)
    m = _ANAPHORIC.match(core)
    if not m or ((m.group(1) or "").lower() == "next" and not has_the):
        # 'next week' is counted from the brief's date, 'the next week' from the text's.
        return False, None
    if previous is None:
        return True, None
    g = [x.lower() if x else None for x in m.groups()]
    if g[0]:
        which, unit = g[0], g[1]
        step = {"next": 1, "following": 1, "subsequent": 1, "previous": -1, "preceding": -1, "prior": -1}.get(which, 0)
    elif g[2]:
        unit, step = g[2], 1 if g[3] in ("after", "later") else -1
    elif g[4]:
        unit, step = g[5], 0
    elif g[6]:
        unit, step = g[6], 0
    else:
        unit, step = "day", 0
    if unit in ("morning", "afternoon", "evening", "night"):
        unit = "day"
    if g[7] and step == 0:  # 'then': the previous date itself
        return True, previous
    return True, _shift(previous, str(unit), step)


def _count(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return _NUMBERS.get(w)


def _shift(value: str, unit: str, n: int) -> str | None:
    """A date value moved by n units, at the unit's precision (None when the value is too coarse for it)."""
    if unit in ("day", "week"):
        if len(value) != 10:
            return None
        d = _as_date(value)
        if d is None:
            return None
        moved = d + timedelta(days=n * (7 if unit == "week" else 1))
        if unit == "week" and n in (-1, 0, 1):
            y, w, _wd = moved.isocalendar()
            return f"{y:04d}-W{w:02d}"
        return moved.isoformat()
    if unit == "month":
        if not re.match(r"\d{4}-\d{2}", value) or "W" in value or "Q" in value:
            return None
        month = int(value[:4]) * 12 + int(value[5:7]) - 1 + n
        return f"{month // 12:04d}-{month % 12 + 1:02d}"
    if unit in ("year", "decade"):
        if not re.match(r"\d{4}", value):
            return None
        return f"{int(value[:4]) + n * (10 if unit == 'decade' else 1):04d}"
    return None


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


def _day_in_year(d: date, month: int, day: int, tense: Tense, weekday: int | None = None) -> str | None:
    """The year of a month and day: by tense, unless a weekday given with it names the year."""
    if weekday is not None:
        fits = [x for x in (_safe_date(d.year + k, month, day) for k in (0, -1, 1)) if x and x.weekday() == weekday]
        if fits:
            return fits[0].isoformat()
    try:
        guess = date(d.year, month, day)
    except ValueError:
        return _safe_iso(d.year - (tense == "past"), month, day)
    if tense == "past" and guess > d:
        # A past event cannot lie ahead of the brief: "after the Oct. 23 slaying" in August is last year's.
        guess = _safe_date(d.year - 1, month, day) or guess
    elif tense == "future" and (d - guess).days > 183:
        guess = _safe_date(d.year + 1, month, day) or guess
    elif tense == "present":
        options = [x for x in (_safe_date(y, month, day) for y in (d.year - 1, d.year + 1)) if x] + [guess]
        guess = min(options, key=lambda x: abs((x - d).days))
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
        base = _as_date(previous) if previous and len(previous) == 10 else d
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


def _week(d: date | None, which: str) -> str | None:
    """'last week' / 'this week' / 'next week' as an ISO week (YYYY-Www)."""
    if d is None:
        return None
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this coming": 1, "following": 1}.get(
        which, 0
    )
    y, w, _wd = (d + timedelta(days=7 * step)).isocalendar()
    return f"{y:04d}-W{w:02d}"


def _holiday(d: date | None, which: str | None, name: str, year: str | None, tense: Tense) -> str | None:
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


def _quarter(d: date | None, year: str | None, which: str | None, q: int, tense: Tense) -> str | None:
    """'the third quarter': of the year given, else the latest that has begun (past) or the next (planned)."""
    if year:
        return f"{int(year):04d}-Q{q}"
    if d is None:
        return None
    if which:
        return f"{d.year + {'last': -1, 'this': 0, 'next': 1}[which.lower()]:04d}-Q{q}"
    now = (d.month - 1) // 3 + 1
    y = d.year
    if tense == "past" and q > now:
        y -= 1
    elif tense == "future" and q < now:
        y += 1
    return f"{y:04d}-Q{q}"


def _quarter_now(d: date | None, which: str) -> str | None:
    """'the current quarter' is D's; 'the latest/last/past/previous quarter' the one before; 'next' the one after."""
    if d is None:
        return None
    n = d.year * 4 + (d.month - 1) // 3 + {"current": 0, "next": 1, "coming": 1}.get(which, -1)
    return f"{n // 4:04d}-Q{n % 4 + 1}"


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
    which = which.removeprefix("the ")
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(which, 0)
    if unit == "year":
        return f"{d.year + step:04d}"
    month = d.month - 1 + step
    return f"{d.year + month // 12:04d}-{month % 12 + 1:02d}"


def _ago(d: date | None, count: str, unit: str) -> str | None:
    """A count back from D at the unit's precision; weeks give a day. 'A few', 'several': no date."""
    if d is None:
        return None
    n = _count(count)
    if n is None:
        return None
    if unit in ("year", "decade"):
        return f"{d.year - n * (10 if unit == 'decade' else 1):04d}"
    if unit == "month":
        month = d.month - 1 - n
        return f"{d.year + month // 12:04d}-{month % 12 + 1:02d}"
    return (d - timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
