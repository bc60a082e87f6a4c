"""The one place exports read key points' event frames and the brief's timeline.

A frame (``model.event.EventFrame``) names its participants by entity id,
so the words come from the Document's entities at export time: a rename or
a merge the analyst made shows in the report. The timeline is
``model.timeline.timeline``, the one the reader's timeline view and
``briefreader show`` list, so the three never disagree on order or phase.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from briefreader.model.document import Document, KeyPoint
from briefreader.model.event import EventFrame, Phase, When
from briefreader.model.frames import gathered
from briefreader.model.polarity import MARK, headline, not_happened
from briefreader.model.timeline import phase_name, undated
from briefreader.model.timeline import timeline as dated_events
from briefreader.model.titles import frame_title


@dataclass(frozen=True)
class EventFacts:
    """What a key point's event frame says, as words a reader can use."""

    what: str
    """The event type, with the word that says it when that differs (``visit (travelled)``)."""
    who: list[str] = field(default_factory=list)
    """The actors' names."""
    whom: list[str] = field(default_factory=list)
    """The targets' names (who was met, invited, criticised)."""
    where: str | None = None
    when: str | None = None
    """As the brief says it, with the date it stands for (``June (2026-06)``)."""
    status: str = "happened"
    """happened, planned or reported."""
    negated: str | None = None
    """``✗ did not happen (refused)`` when the text says it did not or will not take place."""
    source: str | None = None
    """Who relays a reported event, by name."""

    @property
    def what_status(self) -> str:
        """``visit (attend), planned, ✗ will not happen (refused)``: never a negated event as a plain one."""
        return ", ".join(x for x in (self.what, self.status, self.negated) if x)

    @property
    def what_and_status(self) -> str:
        """``visit (attend), planned``: for a line whose title already says a negation (``✗ ... — will not
        happen``), so it is said once."""
        return ", ".join(x for x in (self.what, self.status) if x)


@dataclass(frozen=True)
class EventLine:
    """One event frame of the brief (``Document.events``), for the report's list of them."""

    id: str
    title: str
    """Its headline (marked when negated), else its key point's, else who, the word, whom."""
    facts: EventFacts
    key_point: str | None
    review: str | None = None
    """What the analyst did with the frame: ``EDITED``, ``CONFIRMED``, or None (as the parser read it)."""


EDITED = "edited by the analyst"
"""Said of a frame the analyst changed (``EventFrame.edited``)."""
CONFIRMED = "confirmed by the analyst"
"""Said of a frame the analyst kept as it was read: one of a key point they pinned or retitled."""


def review(frames: Sequence[EventFrame], kp: KeyPoint | None) -> str | None:
    """``EDITED`` when the analyst changed one of the frames, ``CONFIRMED`` when they pinned its key point."""
    if any(ev.edited for ev in frames):
        return EDITED
    return CONFIRMED if kp is not None and kp.pinned else None


def key_point_review(doc: Document, kp: KeyPoint) -> str | None:
    """``review`` of a key point's frames (its merged frame and the event mentions it groups)."""
    frames = [f for f in [kp.event, *(doc.event(i) for i in kp.events)] if f is not None]
    return review(frames, kp) if frames else None


@dataclass(frozen=True)
class TimelineLine:
    """One dated line of the report's timeline."""

    date: str
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    title: str
    """The event's headline without the date it may carry (the date leads the line); a negated
    event's is marked (``✗ ... — did not happen``)."""
    phase: Phase | None
    status: str
    notes: tuple[str, ...] = ()
    """``undated: the brief's date``: what the line must also say (the title says a negation)."""

    @property
    def context(self) -> str:
        """The phase (``background``, ``the news``, ``planned``), the status when it adds to it, the notes."""
        name = phase_name(self.phase)
        words = [name if self.status in ("happened", self.phase) else f"{name}, {self.status}", *self.notes]
        return "; ".join(words)


def event_facts(doc: Document, kp: KeyPoint) -> EventFacts | None:
    """The facts of a key point's event frame, or None when it has none."""
    return None if kp.event is None else frame_facts(doc, kp.event)


def frame_facts(doc: Document, frame: EventFrame) -> EventFacts:
    """The facts of one frame, names from the entities as they are now."""
    what, trigger = frame.type, frame.trigger.text.strip()
    if trigger and trigger.lower() != what.lower():
        what = f"{what} ({trigger})"
    return EventFacts(
        what=what,
        who=_names(doc, frame.actors),
        whom=_names(doc, frame.targets),
        where=next(iter(_names(doc, [frame.place])), None),
        when=_when(frame.when),
        status=frame.status,
        negated=f"{MARK} {not_happened(frame)}" if frame.negated else None,
        source=next(iter(_names(doc, [frame.source])), None),
    )


def event_lines(doc: Document) -> list[EventLine]:
    """Every event frame of the brief in text order, each with its key point if one groups it."""
    events, members = gathered(doc)
    owner: dict[str, KeyPoint] = {}
    for k, ids in zip(doc.key_points, members, strict=True):
        for i in ids:
            owner.setdefault(i, k)
    out = []
    for ev in events:
        kp = owner.get(ev.id)
        title = frame_title(doc, ev, kp if kp is not None and kp.events[:1] == [ev.id] else None)
        line = EventLine(ev.id, headline(title, ev), frame_facts(doc, ev), kp.id if kp else None, review([ev], kp))
        out.append(line)
    return out


def timeline(doc: Document) -> list[TimelineLine]:
    """The brief's dated events, oldest first, as the report lists them."""
    return [TimelineLine(t.date, undated(t.title), t.phase, t.status, tuple(t.notes)) for t in dated_events(doc)]


def _when(when: When | None) -> str | None:
    if when is None:
        return None
    words = when.text.strip()
    if words and when.date and words != when.date:
        return f"{words} ({when.date})"
    return words or when.date


def _names(doc: Document, ids: Sequence[str | None]) -> list[str]:
    """Entity ids as the entities' names; an id with no entity (a frame older than an edit) is left out."""
    return [ent.name for i in ids if i and (ent := doc.entity(i)) is not None]
