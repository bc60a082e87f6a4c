"""Dates counted from another or from D: 'the next day', 'a year earlier', 'two years ago', weeks, quarters.

Split from ``dates_rel`` (the normaliser). An expression such as 'the
following week' or 'later that year' counts from ``previous``, the last
date the text gave before it; weeks come out as ISO weeks (YYYY-Www) and
quarters as YYYY-Qn, as news annotation writes them (``dates_rel.calendar``
turns both into months for a timeline).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from briefreader.nlp.dates_words import NUMBERS, Tense, as_date, count

QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
NUM = "|".join(sorted((w for w in NUMBERS if " " not in w), key=len, reverse=True))
_SHIFT = re.compile(
    rf"^({NUM}|\d+|a couple of)\s+(year|month|week|day|decade)s?\s+(earlier|later|before|after|on)\b", re.I
)
WEEK = re.compile(r"^(last|next|this|current|this coming|coming|past|previous|following)\s+week\b", re.I)
QUARTER = re.compile(
    r"^(?:(\d{4})(?:'s)?\s+|(last|this|next) year's\s+|(?:fiscal|its|this year's|the fiscal)\s+)*"
    r"(first|second|third|fourth|1st|2nd|3rd|4th)[-\s]quarter\b(?:\s+(?:of\s+)?(?:fiscal\s+)?(\d{4}))?",
    re.I,
)
QUARTER_NOW = re.compile(r"^(current|latest|last|past|previous|next|coming)\s+quarter\b", re.I)
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


def anaphoric(s: str, d: date | None, previous: str | None) -> tuple[bool, str | None]:
    """An expression counted from the previous date ('the next day', 'a year earlier'): (is one, its date)."""
    core = re.sub(r"^(?:(?:on|in|at|by|of|from|until|since|during)\s+)+", "", s, flags=re.I)
    has_the = core.lower().startswith("the ")
    core = re.sub(r"^(?:the\s+)", "", core, flags=re.I)
    # 'the year-ago results', 'year-earlier sales': a year before D.
    if re.match(r"year[-\s](?:ago|earlier)\b", core, re.I):
        return True, None if d is None else f"{d.year - 1:04d}"
    bare = re.sub(r"^(?:almost|nearly|about|around|some|more than|less than|just over)\s+", "", core)
    m = _SHIFT.match(bare)
    if m:
        n = count(m.group(1))
        if n is None:
            return True, None
        sign = -1 if m.group(3).lower() in ("earlier", "before") else 1
        unit = m.group(2).lower()
        if unit == "year" or unit == "decade":
            base = previous or (d.isoformat() if d else None)
            if base is None:
                return True, None
            years = sign * n * (10 if unit == "decade" else 1)
            if previous and bare == core and unit == "year" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", base):
                # 'a year earlier' than 1989-11-01 is 1988-11-01, when exact ('about a year earlier' is a year).
                shifted = f"{int(base[:4]) + years:04d}{base[4:]}"
                return True, shifted if as_date(shifted) is not None else shifted[:7]
            return True, f"{int(base[:4]) + years:04d}"
        if previous is None:
            return True, None
        if unit == "week":  # 'two weeks later': a day, like 'two weeks ago'
            unit, n = "day", 7 * n
        return True, _shift(previous, unit, sign * n)
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


def _shift(value: str, unit: str, n: int) -> str | None:
    """A date value moved by n units, at the unit's precision (None when the value is too coarse for it)."""
    if unit in ("day", "week"):
        if len(value) != 10:
            return None
        d = as_date(value)
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


def week(d: date | None, which: str) -> str | None:
    """'last week' / 'this week' / 'next week' as an ISO week (YYYY-Www)."""
    if d is None:
        return None
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this coming": 1, "following": 1}.get(
        which, 0
    )
    y, w, _wd = (d + timedelta(days=7 * step)).isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter(d: date | None, year: str | None, which: str | None, q: int, tense: Tense) -> str | None:
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


def quarter_now(d: date | None, which: str) -> str | None:
    """'the current quarter' is D's; 'the latest/last/past/previous quarter' the one before; 'next' the one after."""
    if d is None:
        return None
    n = d.year * 4 + (d.month - 1) // 3 + {"current": 0, "next": 1, "coming": 1}.get(which, -1)
    return f"{n // 4:04d}-Q{n % 4 + 1}"


RELATIVE_UNIT = re.compile(
    r"^(last|next|this|current|coming|past|previous|following|the coming|the past|the previous|the following)"
    r"\s+(year|month)\b",
    re.I,
)
AGO = re.compile(
    rf"^({NUM}|\d+|a couple of|a few|several)\s+(?:or so\s+)?(year|month|week|day|decade)s?\s+(?:or so\s+)?ago\b",
    re.I,
)


def relative_unit(d: date | None, which: str, unit: str) -> str | None:
    if d is None:
        return None
    which = which.removeprefix("the ")
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(which, 0)
    if unit == "year":
        return f"{d.year + step:04d}"
    month = d.month - 1 + step
    return f"{d.year + month // 12:04d}-{month % 12 + 1:02d}"


def ago(d: date | None, how_many: str, unit: str) -> str | None:
    """A count back from D at the unit's precision; weeks give a day. 'A few', 'several': no date."""
    if d is None:
        return None
    n = count(how_many)
    if n is None:
        return None
    if unit in ("year", "decade"):
        return f"{d.year - n * (10 if unit == 'decade' else 1):04d}"
    if unit == "month":
        month = d.month - 1 - n
        return f"{d.year + month // 12:04d}-{month % 12 + 1:02d}"
    return (d - timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
