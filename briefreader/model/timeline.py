"""The brief's timeline: its dated event frames in date order, by phase.

Kept apart from ``event.py`` because it reads the whole Document, while
the frame itself is a part of a key point (``document.py`` imports it).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from briefreader.model.document import Document
from briefreader.model.event import EventFrame, EventStatus, Phase


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event of the brief, for the timeline."""

    date: str
    phase: Phase
    """Before the brief's date (background), at it (the news), after it (planned)."""
    title: str
    category: str
    status: EventStatus
    key_point: str
    """Id of the key point the event comes from."""
    start: int
    end: int
    """The evidence sentence to jump to (the one the event is in)."""
    event: EventFrame
    """The frame itself (participants, place, the date as written)."""


PHASE_NAMES: dict[Phase, str] = {"background": "background", "news": "the news", "planned": "planned"}
"""How a phase reads in a sentence (a report line, the timeline's headings)."""

_YEAR_PREFIX = re.compile(r"^\d{4}: ")
_DATE_SUFFIX = re.compile(r" \((?:\d{1,2} )?(?:[A-Z][a-z]+ )?\d{4}\)$")


def undated(title: str) -> str:
    """A headline without the date it carries ('2017: ...', '... (October 2025)').

    Titles carry their date for the Key points list; a timeline shows the
    date in a column of its own and would say it twice.
    """
    return _DATE_SUFFIX.sub("", _YEAR_PREFIX.sub("", title))


NEWS_DAYS = 31
"""Events this many days before the brief's date, or fewer, are its news, not background."""


def phase_of(date: str, status: EventStatus, brief_date: str | None) -> Phase:
    """Where a date falls against the brief's own date: background, the news, or planned.

    Compared at the precision the event's date has: a day within a month
    before the brief is the news, and so is the brief's own month or year;
    anything after it is planned. Without a brief date the status decides.
    """
    if not brief_date:
        return "planned" if status == "planned" else "news"
    n = min(len(date), len(brief_date))
    if date[:n] > brief_date[:n]:
        return "planned"
    if date[:n] == brief_date[:n]:
        return "planned" if status == "planned" else "news"
    if len(date) >= 10 and len(brief_date) >= 10:
        try:
            gap = (_day(brief_date) - _day(date)).days
        except ValueError:
            return "background"
        return "news" if gap <= NEWS_DAYS else "background"
    return "background"


def _day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso[:10])


def timeline(document: Document) -> list[TimelineEntry]:
    """The brief's dated events, oldest first (background, the news, what is planned).

    One entry per dated frame of a key point: its own event, titled as the
    point, and the dated frames of its other evidence sentences, each with
    its own headline. Dates of different precision sort by their common
    prefix, the coarser first ('2017' before '2017-03'), then by place in
    the text.
    """
    entries: list[TimelineEntry] = []
    for k in document.key_points:
        if not k.evidence:
            continue
        first = min(k.evidence, key=lambda e: e.start)
        # Each frame jumps to the sentence its trigger is in (a point's evidence is not always in text order).
        own = [(k.event, k.title)] if k.event is not None else []
        frames = [
            (ev, title, next((e for e in k.evidence if e.start <= ev.trigger.start < e.end), first))
            for ev, title in [*own, *((ev, ev.title or k.title) for ev in k.more_events)]
        ]
        for ev, title, span in frames:
            if ev.when is None or not ev.when.date:
                continue
            entries.append(
                TimelineEntry(
                    date=ev.when.date,
                    phase=phase_of(ev.when.date, ev.status, document.meta.date),
                    title=title,
                    category=ev.type if ev is not k.event else k.category,
                    status=ev.status,
                    key_point=k.id,
                    start=span.start,
                    end=span.end,
                    event=ev,
                )
            )
    return sorted(entries, key=lambda t: (t.date, t.start))
