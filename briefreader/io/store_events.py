"""The ``event`` and ``more_events`` fields of a saved key point: their YAML form, and reading them back.

Kept apart from ``store.py`` so the frame's schema lives in one place. The
fields are optional (files saved before event frames still open) and go
after ``evidence``; a frame's ``title`` is written only for the further
frames, which have a headline of their own; an entity id the file no
longer holds (a hand edit) is kept as written, so saving again gives the
same bytes, and is simply not named in titles or the timeline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from briefreader.io.safeyaml import FlowDict, FlowList
from briefreader.model.event import STATUSES, EventFrame, Trigger, When


def event_to_dict(ev: EventFrame) -> dict[str, Any]:
    """The frame as plain data, in the order the schema documents."""
    when = None if ev.when is None else FlowDict(text=ev.when.text, date=ev.when.date)
    return {
        **({"title": ev.title} if ev.title is not None else {}),
        "type": ev.type,
        "trigger": FlowDict(start=ev.trigger.start, end=ev.trigger.end, text=ev.trigger.text),
        "actors": FlowList(ev.actors),
        "targets": FlowList(ev.targets),
        "place": ev.place,
        "when": when,
        "status": ev.status,
    }


def more_events_field(events: list[EventFrame]) -> dict[str, Any]:
    """The ``more_events`` field of a key point: its other dated frames, left out when there are none."""
    return {"more_events": [event_to_dict(ev) for ev in events]} if events else {}


class _Reader(Protocol):
    """What ``store._Reader`` offers: typed fields and checked spans, problems named by field."""

    def need(self, d: Any, key: str, kind: type | tuple[type, ...], where: str, default: Any = ...) -> Any: ...
    def span(self, d: Any, where: str, quote_key: str | None) -> tuple[int, int]: ...


def read_event(r: _Reader, d: Any, where: str, error: Callable[[str, str], Exception]) -> EventFrame | None:
    """The frame under a key point (``where`` is e.g. ``key_points[2]``), or None when absent.

    ``error(field, reason)`` builds the store's own field error, so a bad
    frame is reported like any other field of the file.
    """
    ev = r.need(d, "event", dict, where, default=None)
    if ev is None:
        return None
    return _frame(r, ev, f"{where}.event", error)


def read_more_events(r: _Reader, d: Any, where: str, error: Callable[[str, str], Exception]) -> list[EventFrame]:
    """The ``more_events`` under a key point (absent in files saved before it: none)."""
    items = r.need(d, "more_events", list, where, default=[])
    out = []
    for j, ev in enumerate(items):
        if not isinstance(ev, dict):
            raise error(f"{where}.more_events[{j}]", "should be an event frame (a mapping)")
        out.append(_frame(r, ev, f"{where}.more_events[{j}]", error))
    return out


def _frame(r: _Reader, ev: dict[str, Any], w: str, error: Callable[[str, str], Exception]) -> EventFrame:
    trig = r.need(ev, "trigger", dict, w)
    start, end = r.span(trig, f"{w}.trigger", "text")
    status = r.need(ev, "status", str, w, default="happened")
    if status not in STATUSES:
        raise error(f"{w}.status", f"{status!r} is not one of {', '.join(STATUSES)}")
    when_d = r.need(ev, "when", dict, w, default=None)
    when = None
    if when_d is not None:
        date = r.need(when_d, "date", (str, int), f"{w}.when", default=None)
        when = When(r.need(when_d, "text", str, f"{w}.when"), None if date is None else str(date))
    return EventFrame(
        title=r.need(ev, "title", str, w, default=None),
        type=r.need(ev, "type", str, w),
        trigger=Trigger(start, end, str(trig["text"])),
        actors=_ids(r, ev, "actors", w, error),
        targets=_ids(r, ev, "targets", w, error),
        place=r.need(ev, "place", str, w, default=None),
        when=when,
        status=status,
    )


def _ids(r: _Reader, ev: dict[str, Any], key: str, where: str, error: Callable[[str, str], Exception]) -> list[str]:
    value = r.need(ev, key, list, where, default=[])
    if not all(isinstance(x, str) for x in value):
        raise error(f"{where}.{key}", "should be a list of entity ids")
    return list(value)
