"""The brief's timeline: its dated event frames in date order, by phase.

Kept apart from ``event.py`` because it reads the whole Document: every
frame of ``Document.events``, grouped by the key points that name them.

- One entry per dated happening. A key point's own events that share its
  merged frame's date are one entry (the point's frame, under the point's
  title); its events at other dates, and frames of no key point, are
  entries of their own, under their own headline. The same happening is
  never listed twice.
- A negated frame (declined, refused, called off) is on the timeline, marked
  (``negated``; its title reads ``✗ ... — did not happen (refused)``),
  never as an event that took place.
- The brief's news with no date of its own (the top key point's frame)
  stands at the brief's date, marked as such (``at_brief_date``).
- Phases are read against the brief's date. A brief with no date has
  phases only where the text dates a happening to the day; otherwise
  its events have no phase (``None``): a year alone says nothing about
  what is news.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from briefreader.model.document import Document, KeyPoint
from briefreader.model.event import EventFrame, EventStatus, Phase
from briefreader.model.frames import gathered
from briefreader.model.polarity import headline, unmarked
from briefreader.model.titles import frame_title, title_text


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event of the brief, for the timeline."""

    date: str
    phase: Phase | None
    """Before the brief's date (background), at it (the news), after it (planned); None when
    there is no date to place it against (see ``phase_of``)."""
    title: str
    """The headline, marked when the frame is negated (``polarity.headline``)."""
    category: str
    status: EventStatus
    key_point: str | None
    """Id of the key point the event belongs to, if any."""
    start: int
    end: int
    """The sentence to jump to (the one the event is in)."""
    event: EventFrame
    """The frame itself (participants, place, the date as written)."""
    negated: bool = False
    """The text says it did not or will not take place: shown marked, never as having happened."""
    at_brief_date: bool = False
    """The brief's news with no date in the text: shown at the brief's own date."""

    @property
    def notes(self) -> list[str]:
        """What a view says beside the date: ``undated: the brief's date``.

        Not the negation: ``title`` already says it (``✗ ... — did not
        happen (called off)``, the same words in every view), and a row
        that said it twice gave the repeat the room the title needed.
        """
        return [AT_BRIEF_DATE] if self.at_brief_date else []


PHASE_NAMES: dict[Phase, str] = {"background": "background", "news": "the news", "planned": "planned"}
"""How a phase reads in a sentence (a report line, the timeline's headings)."""
NO_PHASE = "no brief date"
"""How the phase of an event reads when the brief has no date to place it against."""
AT_BRIEF_DATE = "undated: the brief's date"
"""Said of the brief's news that the text gives no date: it stands at the brief's date."""


def phase_name(phase: Phase | None) -> str:
    """``PHASE_NAMES``, and ``NO_PHASE`` for None."""
    return NO_PHASE if phase is None else PHASE_NAMES[phase]


_YEAR_PREFIX = re.compile(r"^\d{4}: ")
_DATE_SUFFIX = re.compile(r" \((?:\d{1,2} )?(?:[A-Z][a-z]+ )?\d{4}\)$")


def undated(title: str) -> str:
    """A headline without the date it carries ('2017: ...', '... (October 2025)').

    Titles carry their date for the Key points list; a timeline shows the
    date in a column of its own and would say it twice. A negated title's
    mark stays.
    """
    before, body, after = unmarked(title)
    return before + _DATE_SUFFIX.sub("", _YEAR_PREFIX.sub("", body)) + after


NEWS_DAYS = 31
"""Events this many days before the brief's date, or fewer, are its news, not background."""


def phase_of(date: str, status: EventStatus, brief_date: str | None) -> Phase | None:
    """Where a date falls against the brief's own date: background, the news, or planned.

    Compared at the precision the event's date has: a day within a month
    before the brief is the news, and so is the brief's own month or year;
    anything after it is planned. Without a brief date only a plan has a
    phase: a year alone does not make an event the news.
    """
    if not brief_date:
        return "planned" if status == "planned" else None
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


def text_reference(frames: list[EventFrame]) -> str | None:
    """For a brief with no date: the latest date the text gives a happening, when it gives the day.

    Plans and negated frames do not count. When the latest happening is
    dated to a year or a month only, there is no reference (None).
    """
    dates = [f.when.date for f in frames if f.when and f.when.date and f.status != "planned" and not f.negated]
    latest = max(dates, default=None)
    return latest if latest is not None and len(latest) >= 10 else None


def timeline(document: Document) -> list[TimelineEntry]:
    """The brief's dated events, oldest first (background, the news, what is planned).

    Dates of different precision sort by their common prefix, the coarser
    first ('2017' before '2017-03'), then by place in the text.
    """
    events, members = gathered(document)
    by_id = {ev.id: ev for ev in events}
    merged = [k.event for k in document.key_points if k.event is not None]
    reference = document.meta.date or text_reference([*events, *merged])
    entries: list[TimelineEntry] = []
    covered: set[str] = set()

    def add(ev: EventFrame, title: str, category: str, kp: KeyPoint | None, span: tuple[int, int], **kw: bool) -> None:
        date = reference if kw.get("at_brief_date") else ev.when.date if ev.when else None
        if not date or any(_same_happening(e, date, ev) for e in entries):
            return
        entries.append(
            TimelineEntry(
                date,
                phase_of(date, ev.status, reference),
                headline(title, ev),
                category,
                ev.status,
                kp.id if kp else None,
                *span,
                ev,
                ev.negated,
                **kw,
            )
        )

    news = _news_point(document, by_id, members)
    for k, ids in zip(document.key_points, members, strict=True):
        frames = [by_id[i] for i in ids if i in by_id]
        main = k.event if k.event is not None else frames[0] if frames else None
        if main is None:
            continue
        date = main.when.date if main.when else None
        own = [f for f in frames if f is main or not f.when or not f.when.date or f.when.date == date]
        covered.update(f.id for f in own)
        span = _span(document, main, k, own)
        if date:
            add(main, title_text(document, k), k.category, k, span)
        elif k is news and document.meta.date:
            # The brief's news, undated in the text: at the brief's date, marked as such.
            add(main, title_text(document, k), k.category, k, span, at_brief_date=True)
    owner: dict[str, KeyPoint] = {}
    for k, ids in zip(document.key_points, members, strict=True):
        for i in ids:
            owner.setdefault(i, k)
    for ev in events:
        if ev.id in covered or not (ev.when and ev.when.date):
            continue
        kp = owner.get(ev.id)
        add(ev, frame_title(document, ev, kp), ev.type, kp, _span(document, ev, kp, [ev]))
    return sorted(entries, key=lambda t: (t.date, t.start))


def _news_point(document: Document, by_id: dict[str, EventFrame], members: list[list[str]]) -> KeyPoint | None:
    """The key point that is the brief's news: the first in the text to tell of something that took place.

    Only an undated one needs it (a dated one stands at its date). A plan,
    something that did not happen and a mere statement are not the news;
    the lead of a wire story is, wherever the ranking put its point.
    """
    best: tuple[int, KeyPoint] | None = None
    for k, ids in zip(document.key_points, members, strict=True):
        frames = [by_id[i] for i in ids if i in by_id]
        main = k.event if k.event is not None else frames[0] if frames else None
        if main is None or main.status == "planned" or main.negated or main.type == "statement":
            continue
        if best is None or main.trigger.start < best[0]:
            best = (main.trigger.start, k)
    if best is None:
        return None
    k = best[1]
    main = k.event or next((by_id[i] for i in k.events if i in by_id), None)
    return k if main is not None and not (main.when and main.when.date) else None


def _same_happening(entry: TimelineEntry, date: str, ev: EventFrame) -> bool:
    """True when ``ev`` at ``date`` is what ``entry`` already lists: another mention of one happening.

    The same frame, or one of the same type and polarity on the same date
    whose actors overlap and whose targets do not differ (Park meets Wang,
    Park visits Wang; not Park meets Li).
    """
    other = entry.event
    if other is ev:
        return True
    if entry.date != date or other.negated != ev.negated or other.type != ev.type:
        return False
    if not set(other.actors) & set(ev.actors):
        return False
    return not (other.targets and ev.targets and not set(other.targets) & set(ev.targets))


def _span(doc: Document, ev: EventFrame, kp: KeyPoint | None, frames: list[EventFrame]) -> tuple[int, int]:
    """The sentence to jump to: the key point's evidence holding the trigger, else the frame's sentence."""
    for f in [ev, *frames]:
        if kp is not None:
            for e in kp.evidence:
                if e.start <= f.trigger.start < e.end:
                    return e.start, e.end
        if f.sentence is not None:
            return f.sentence
        if (i := doc.sentence_at(f.trigger.start)) is not None:
            return doc.sentences[i].start, doc.sentences[i].end
    if kp is not None and kp.evidence:
        first = min(kp.evidence, key=lambda e: e.start)
        return first.start, first.end
    return ev.trigger.start, ev.trigger.end


def why_empty(document: Document) -> str:
    """Why a parsed brief has no dated event, in words for the empty timeline.

    "No event says when" is wrong for a brief that says "on Friday" but has
    no date of its own: the day is there, and a weekday or "last month"
    only becomes a date against the brief's. That reason is the one the
    analyst can act on (give the brief a date), so it is named first.
    """
    if document.meta.date is None:
        said = next(
            (w for ev in document.events if ev.when is not None and (w := " ".join(ev.when.text.split()))), None
        )
        if said is not None:
            return f"the brief has no date, so “{said}” cannot be placed on a calendar"
        return "the brief has no date, and no event gives a year"
    return "no event says when"
