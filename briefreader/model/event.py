"""What a key point says happened: an event frame, and the brief's timeline of them.

A frame names its participants by entity id, so an analyst's corrections
to the entities (a rename, a merge) show in every title and timeline entry
that names them. Dates are ISO strings at the precision the brief gives:
``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from briefreader.model.document import Document

EventStatus = Literal["happened", "planned", "reported"]
STATUSES: tuple[str, ...] = ("happened", "planned", "reported")
Phase = Literal["background", "news", "planned"]
PHASES: tuple[Phase, ...] = ("background", "news", "planned")
PHASE_NAMES: dict[Phase, str] = {"background": "background", "news": "the news", "planned": "planned"}
"""How a phase reads in a sentence (a report line, the timeline's headings)."""


@dataclass(frozen=True)
class Trigger:
    """The word that names the event ('invited', 'visit', 'talks')."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class When:
    """When the event took or takes place, as written and as an ISO date."""

    text: str
    date: str | None = None
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None when the text is vague or the brief undated."""


@dataclass
class EventFrame:
    """Who did what to whom, where and when, in one sentence of the brief."""

    type: str
    """A taxonomy category id (visit, invitation, agreement, tension, statement, ...)."""
    trigger: Trigger
    actors: list[str] = field(default_factory=list)
    """Entity ids of who acts: the inviter, the visitor, the speaker, the critic."""
    targets: list[str] = field(default_factory=list)
    """Entity ids of whom it is done to or with: the guest, the host, the criticised."""
    place: str | None = None
    """Entity id of where it happens."""
    when: When | None = None
    status: EventStatus = "happened"

    def replace_entity(self, old: str, new: str) -> None:
        """Point at ``new`` wherever the frame pointed at ``old`` (after a merge)."""
        self.actors = list(dict.fromkeys(new if a == old else a for a in self.actors))
        targets = dict.fromkeys(new if t == old else t for t in self.targets)
        self.targets = [t for t in targets if t not in self.actors]
        if self.place == old:
            self.place = new


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
    """The evidence sentence to jump to."""
    event: EventFrame
    """The frame itself (participants, place, the date as written)."""


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


_YEAR_PREFIX = re.compile(r"^\d{4}: ")
_DATE_SUFFIX = re.compile(r" \((?:\d{1,2} )?(?:[A-Z][a-z]+ )?\d{4}\)$")


def undated(title: str) -> str:
    """A headline without the date it carries ('2017: ...', '... (October 2025)').

    Titles carry their date for the Key points list; a timeline shows the
    date in a column of its own and would say it twice.
    """
    return _DATE_SUFFIX.sub("", _YEAR_PREFIX.sub("", title))


def _day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso[:10])


def timeline(document: Document) -> list[TimelineEntry]:
    """The brief's dated events, oldest first (background, the news, what is planned).

    One entry per key point whose event frame carries a date; dates of
    different precision sort by their common prefix, the coarser first
    ('2017' before '2017-03'), then by place in the text.
    """
    entries: list[TimelineEntry] = []
    for k in document.key_points:
        ev = k.event
        if ev is None or ev.when is None or not ev.when.date or not k.evidence:
            continue
        first = min(k.evidence, key=lambda e: e.start)
        entries.append(
            TimelineEntry(
                date=ev.when.date,
                phase=phase_of(ev.when.date, ev.status, document.meta.date),
                title=k.title,
                category=k.category,
                status=ev.status,
                key_point=k.id,
                start=first.start,
                end=first.end,
                event=ev,
            )
        )
    return sorted(entries, key=lambda t: (t.date, t.start))
