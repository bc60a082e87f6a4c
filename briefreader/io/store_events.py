"""The ``event`` field of a saved key point: its YAML form, and reading it back.

Kept apart from ``store.py`` so the frame's schema lives in one place. The
field is optional (files saved before event frames still open) and goes
after ``evidence``; an entity id the file no longer holds (a hand edit) is
kept as written, so saving again gives the same bytes, and is simply not
named in titles or the timeline.
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
        "type": ev.type,
        "trigger": FlowDict(start=ev.trigger.start, end=ev.trigger.end, text=ev.trigger.text),
        "actors": FlowList(ev.actors),
        "targets": FlowList(ev.targets),
        "place": ev.place,
        "when": when,
        "status": ev.status,
    }


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
    w = f"{where}.event"
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
