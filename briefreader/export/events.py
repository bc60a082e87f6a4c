"""The one place exports read key points' event frames and the brief's timeline.

Event frames (``KeyPoint.event``: ``type``, ``trigger``, ``actors``,
``targets``, ``place``, ``when`` with ``text`` and ``date``, ``status``) and
``briefreader.model.timeline.timeline(document)`` are being added to the model
separately. Until they land a key point has no ``event`` and the module is
missing, so these functions return nothing and the report leaves those
parts out. Fields are read by name and kind, not by type, so a frame
whose field is missing or shaped otherwise loses that one fact, not the
report; when the frames are on ``main`` this is the one file to tighten.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from briefreader.model.document import Document, KeyPoint


@dataclass(frozen=True)
class EventFacts:
    """What a key point's event frame says, as words a reader can use."""

    what: str | None = None
    """The event type, with the words that say it (``visit (travelled)``)."""
    who: list[str] = field(default_factory=list)
    """The actors' names."""
    whom: list[str] = field(default_factory=list)
    """The targets' names (who was met, invited, criticised)."""
    where: str | None = None
    when: str | None = None
    """As the brief says it, with the date it stands for (``in June (2026-06)``)."""
    status: str | None = None
    """happened, planned or reported."""

    def __bool__(self) -> bool:
        return any((self.what, self.who, self.whom, self.where, self.when, self.status))


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of the timeline."""

    date: str
    """The ISO date, or the brief's own words when there is none."""
    title: str
    status: str | None = None


def event_facts(doc: Document, kp: KeyPoint) -> EventFacts | None:
    """The facts of a key point's event frame, or None when it has none (today: always)."""
    frame = getattr(kp, "event", None)
    if frame is None:
        return None
    what = _text(doc, getattr(frame, "type", None))
    trigger = _text(doc, getattr(frame, "trigger", None))
    if what and trigger and trigger.lower() != what.lower():
        what = f"{what} ({trigger})"
    facts = EventFacts(
        what=what or trigger,
        who=_names(doc, getattr(frame, "actors", None)),
        whom=_names(doc, getattr(frame, "targets", None)),
        where=_text(doc, getattr(frame, "place", None)),
        when=_when(doc, getattr(frame, "when", None)),
        status=_text(doc, getattr(frame, "status", None)),
    )
    return facts or None


def timeline(doc: Document) -> list[TimelineEntry]:
    """The brief's timeline from ``briefreader.model.timeline.timeline``, or [] while that is missing."""
    try:
        module = importlib.import_module("briefreader.model.timeline")
    except ImportError:
        return []
    build = getattr(module, "timeline", None)
    if not callable(build):
        return []
    entries = []
    for item in build(doc):
        kp, frame = _point_and_frame(doc, item)
        when = getattr(frame, "when", None)
        date = _text(doc, getattr(when, "date", None)) or _when(doc, when)
        if not date:
            continue
        title = kp.title if kp is not None else _text(doc, getattr(frame, "type", None)) or ""
        entries.append(TimelineEntry(date, title, _text(doc, getattr(frame, "status", None))))
    return entries


def _point_and_frame(doc: Document, item: Any) -> tuple[KeyPoint | None, Any]:
    """A timeline item may be a key point, a frame, a (key point, frame) pair or an object holding both."""
    parts = list(item) if isinstance(item, tuple | list) else [item, getattr(item, "key_point", None)]
    kp = next((p for p in parts if isinstance(p, KeyPoint)), None)
    frame = next((p for p in parts if p is not None and not isinstance(p, KeyPoint) and hasattr(p, "when")), None)
    frame = frame if frame is not None else getattr(item, "event", None) or getattr(kp, "event", None)
    if kp is None and frame is not None:
        kp = next((k for k in doc.key_points if getattr(k, "event", None) is frame), None)
    return kp, frame


def _when(doc: Document, when: Any) -> str | None:
    if when is None or isinstance(when, str):
        return when or None
    words, date = _text(doc, getattr(when, "text", None)), _text(doc, getattr(when, "date", None))
    if words and date and words != date:
        return f"{words} ({date})"
    return words or date


def _names(doc: Document, values: Any) -> list[str]:
    if values is None:
        return []
    items: Iterable[Any] = [values] if isinstance(values, str) or not isinstance(values, Iterable) else values
    return [name for v in items if (name := _text(doc, v))]


def _text(doc: Document, value: Any) -> str | None:
    """Words for a value: an entity id is its entity's name, a span its text, a date its ISO form."""
    if value is None:
        return None
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str):
        ent = doc.entity(value)
        return ent.name if ent is not None else value or None
    for attr in ("name", "text", "quote"):
        words = getattr(value, attr, None)
        if isinstance(words, str) and words:
            return words
    start, end = getattr(value, "start", None), getattr(value, "end", None)
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(doc.text):
        return doc.text[start:end]
    iso = getattr(value, "isoformat", None)
    return str(iso()) if callable(iso) else str(value)
