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
from briefreader.model.event import Phase, When
from briefreader.model.timeline import PHASE_NAMES, undated
from briefreader.model.timeline import timeline as dated_events


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


@dataclass(frozen=True)
class TimelineLine:
    """One dated line of the report's timeline."""

    date: str
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    title: str
    """The key point's title without the date it may carry (the date leads the line)."""
    phase: Phase
    status: str

    @property
    def context(self) -> str:
        """The phase (``background``, ``the news``, ``planned``), and the status when it adds to it."""
        name = PHASE_NAMES[self.phase]
        return name if self.status in ("happened", self.phase) else f"{name}, {self.status}"


def event_facts(doc: Document, kp: KeyPoint) -> EventFacts | None:
    """The facts of a key point's event frame, or None when it has none."""
    frame = kp.event
    if frame is None:
        return None
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
    )


def timeline(doc: Document) -> list[TimelineLine]:
    """The brief's dated events, oldest first, as the report lists them."""
    return [TimelineLine(t.date, undated(t.title), t.phase, t.status) for t in dated_events(doc)]


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
