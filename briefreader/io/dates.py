"""Read the datelines briefs open with ('25 August, 2025', 'Aug 25 2025', '2025-08-25')."""

from __future__ import annotations

import re
from datetime import date

MONTHS: dict[str, int] = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
"""Month names and their abbreviations to month numbers (datelines and dates in the text)."""
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_dateline(line: str) -> str | None:
    """The ISO date a whole line spells, or None when the line is not just a date.

    A weekday in front ('Monday, 25 August 2025') is allowed.
    """
    s = line.strip()
    s = re.sub(r"^[A-Za-z]+day,?\s+", "", s)
    for rx, order in ((_ISO, "ymd"), (_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        m = rx.fullmatch(s)
        if not m:
            continue
        parts = dict(zip(order, m.groups(), strict=True))
        month = int(parts["m"]) if parts["m"].isdigit() else MONTHS.get(parts["m"].lower())
        if month is None:
            continue
        try:
            return date(int(parts["y"]), month, int(parts["d"])).isoformat()
        except ValueError:
            return None
    return None


_WIRE = re.compile(
    r"^\s*[A-Z][A-Z.'-]*(?: [A-Z][A-Z.'-]*){0,3}"  # the city, in capitals: 'HANOI', 'NEW DELHI'
    # ', Iraq', ', Northern Ireland' (never a month: that is the date)
    r"(?:,\s*(?!(?:" + "|".join(n.title() for n in MONTHS) + r")\b)[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2})?"
    r"(?:,?\s*(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>\d{4}))?)?"  # ', March 3[, 2026]'
    r"\s*(?P<agency>\((?:[A-Z][A-Za-z-]*\s?){1,3}\))?\s*(?:--|—|–|_|-)(?:\s+|$)"  # the parser may end a sentence there
)


def wire_dateline(line: str) -> tuple[int, str | None] | None:
    """Where a wire dateline opening ``line`` ends, and the ISO date it spells (None without a year).

    'HANOI, March 3 (AP) -- Cambodia refused ...' is a story's lead, not a
    title: the dateline names where and when it was filed. Only the
    capitalised city of wire copy counts (four letters or more when it has
    neither a date nor an agency), so a sentence or title that opens with
    a name and a dash does not. A month and day
    with no year give no date: the year is not guessed.
    """
    m = _WIRE.match(line)
    if m is None:
        return None
    city = line[: m.end()].split(",")[0].strip(" _-—–")
    # Without a date or an agency, only a capitalised city of four letters or more ('WASHINGTON _'),
    # so a title such as 'US - Japan talks resume' stays a title.
    if not (m.group("month") or m.group("agency")) and len(city.replace(" ", "")) < 4:
        return None
    when = None
    month = MONTHS.get((m.group("month") or "").lower())
    if m.group("month") and month is None:
        return None
    if month and m.group("year"):
        try:
            when = date(int(m.group("year")), month, int(m.group("day"))).isoformat()
        except ValueError:
            when = None
    return m.end(), when
