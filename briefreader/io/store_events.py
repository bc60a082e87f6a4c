"""Event frames in the YAML: the top-level ``events:`` list, a key point's ``events`` and ``event``.

Kept apart from ``store.py`` so the frame's schema lives in one place.

Schema 2: every frame the parse found is an item of the top-level
``events:`` list (after ``key_points``), in text order, each with its id and
sentence; a key point lists the ids of the event mentions it groups
(``events: [v1, v4]``) and carries the frame merged from them (``event``,
no id). ``negated`` and ``edited`` are written only when true, and ``title``,
``cue`` and ``source`` only when set, so an ordinary frame stays short;
absent means false / none.

Titles are views (``model.titles``): a generated title is written as
``title: {template: '{e1} meets {e7}', text: Anna Berg meets Omar Haddad}``,
the template being what is read back and ``text`` its rendering when saved
(for people reading the file, and grep). A plain string is a title the
analyst wrote, or one from a file saved before templates, and is shown as
written; so is a ``text`` someone changed by hand (it no longer renders
from the template: ``settle_titles``).
 An entity id or event id the file no longer holds (a hand
edit) is kept as written, so saving again gives the same bytes, and is
simply not named in titles or the timeline.

Schema 1 had no ``events:`` list: a key point's ``event`` and its
``more_events`` (further dated frames, each with its own title) were the
only frames: reading one moves them into ``Document.events``
(``model.frames.gather``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from briefreader.io.safeyaml import FlowDict, FlowList
from briefreader.model.event import STATUSES, EventFrame, Trigger, When

if TYPE_CHECKING:
    from briefreader.model.extra import Extra

EVENT_KEYS = (
    "id",
    "sentence",
    "title",
    "type",
    "trigger",
    "actors",
    "targets",
    "place",
    "when",
    "status",
    "negated",
    "cue",
    "source",
    "edited",
)
TITLE_KEYS = ("template", "text")
TRIGGER_KEYS = ("start", "end", "text")
WHEN_KEYS = ("text", "date")
SENTENCE_KEYS = ("start", "end")

Placer = Callable[[dict[str, Any], "Extra"], dict[str, Any]]
"""``store.placed``: known keys with the unknown ones put back where they were."""


def title_to_data(text: str, template: str | None, rendered: str) -> Any:
    """A title as the file holds it: the analyst's text, or a generated title's template and rendering."""
    if template is None:
        return text
    return FlowDict(template=template, text=rendered)


def event_to_dict(ev: EventFrame, placed: Placer, rendered: str = "") -> dict[str, Any]:
    """The frame as plain data, in the order the schema documents (``rendered``: its title as shown now)."""
    parts = ev.parts_extra
    out: dict[str, Any] = {}
    if ev.id:
        out["id"] = ev.id
    if ev.sentence is not None:
        out["sentence"] = placed(FlowDict(start=ev.sentence[0], end=ev.sentence[1]), parts.get("sentence", {}))
    if ev.title is not None or ev.title_template is not None:
        out["title"] = title_to_data(ev.title or "", ev.title_template, rendered)
    out["type"] = ev.type
    trigger = FlowDict(start=ev.trigger.start, end=ev.trigger.end, text=ev.trigger.text)
    out["trigger"] = placed(trigger, parts.get("trigger", {}))
    out["actors"] = FlowList(ev.actors)
    out["targets"] = FlowList(ev.targets)
    out["place"] = ev.place
    out["when"] = (
        None if ev.when is None else placed(FlowDict(text=ev.when.text, date=ev.when.date), parts.get("when", {}))
    )
    out["status"] = ev.status
    if ev.negated:
        out["negated"] = True
    if ev.cue is not None:
        out["cue"] = ev.cue
    if ev.source is not None:
        out["source"] = ev.source
    if ev.edited:
        out["edited"] = True
    return placed(out, ev.extra)


class _Reader(Protocol):
    """What ``store_read._Reader`` offers: typed fields and checked spans, problems named by field."""

    def need(self, d: Any, key: str, kind: type | tuple[type, ...], where: str, default: Any = ...) -> Any: ...
    def span(self, d: Any, where: str, quote_key: str | None) -> tuple[int, int]: ...


Unknown = Callable[[dict[Any, Any], tuple[str, ...], str], "Extra"]
"""``store_read.unknown_keys``: the keys of a mapping this reader does not know, where they were."""
Error = Callable[[str, str], Exception]
"""Builds the store's own field error, so a bad frame is reported like any other field of the file."""


def read_event(r: _Reader, d: Any, where: str, error: Error, unknown: Unknown) -> EventFrame | None:
    """The merged frame under a key point (``where`` is e.g. ``key_points[2]``), or None when absent."""
    ev = r.need(d, "event", dict, where, default=None)
    if ev is None:
        return None
    return read_frame(r, ev, f"{where}.event", error, unknown)


def read_more_events(r: _Reader, d: Any, where: str, error: Error, unknown: Unknown) -> list[EventFrame]:
    """The ``more_events`` under a schema-1 key point (absent in files saved before it: none)."""
    items = r.need(d, "more_events", list, where, default=[])
    out = []
    for j, ev in enumerate(items):
        if not isinstance(ev, dict):
            raise error(f"{where}.more_events[{j}]", "should be an event frame (a mapping)")
        out.append(read_frame(r, ev, f"{where}.more_events[{j}]", error, unknown))
    return out


def read_event_ids(r: _Reader, d: Any, where: str, error: Error) -> list[str]:
    """A schema-2 key point's ``events``: ids of ``events:`` items, kept as written even when none has it."""
    value = r.need(d, "events", list, where, default=[])
    if not all(isinstance(x, str) for x in value):
        raise error(f"{where}.events", "should be a list of event ids (v1, v2, ...)")
    return [str(x) for x in value]


def read_events(r: _Reader, value: Any, error: Error, unknown: Unknown) -> list[EventFrame]:
    """The top-level ``events:`` list of schema 2 (every item a frame with an id)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise error("events", "should be a list")
    out: list[EventFrame] = []
    seen: set[str] = set()
    for i, d in enumerate(value):
        where = f"events[{i}]"
        if not isinstance(d, dict):
            raise error(where, "should be an event frame (a mapping)")
        ev = read_frame(r, d, where, error, unknown)
        if not ev.id:
            raise error(f"{where}.id", "is missing")
        if ev.id in seen:
            raise error("events", f"id {ev.id!r} is used twice")
        seen.add(ev.id)
        out.append(ev)
    return out


def read_frame(r: _Reader, ev: dict[str, Any], w: str, error: Error, unknown: Unknown) -> EventFrame:
    """One frame, every field checked; its unknown keys (and those of its parts) kept."""
    parts: dict[str, Extra] = {}
    trig = r.need(ev, "trigger", dict, w)
    start, end = r.span(trig, f"{w}.trigger", "text")
    if extra := unknown(trig, TRIGGER_KEYS, f"{w}.trigger"):
        parts["trigger"] = extra
    status = r.need(ev, "status", str, w, default="happened")
    if status not in STATUSES:
        raise error(f"{w}.status", f"{status!r} is not one of {', '.join(STATUSES)}")
    when_d = r.need(ev, "when", dict, w, default=None)
    when = None
    if when_d is not None:
        date = r.need(when_d, "date", (str, int), f"{w}.when", default=None)
        when = When(r.need(when_d, "text", str, f"{w}.when"), None if date is None else str(date))
        if extra := unknown(when_d, WHEN_KEYS, f"{w}.when"):
            parts["when"] = extra
    sentence = None
    sent_d = r.need(ev, "sentence", dict, w, default=None)
    if sent_d is not None:
        sentence = r.span(sent_d, f"{w}.sentence", None)
        if extra := unknown(sent_d, SENTENCE_KEYS, f"{w}.sentence"):
            parts["sentence"] = extra
    title, template = read_title(r, ev, w, error)
    return EventFrame(
        id=r.need(ev, "id", str, w, default=""),
        sentence=sentence,
        title=title,
        title_template=template,
        edited=r.need(ev, "edited", bool, w, default=False),
        type=r.need(ev, "type", str, w),
        trigger=Trigger(start, end, str(trig["text"])),
        actors=_ids(r, ev, "actors", w, error),
        targets=_ids(r, ev, "targets", w, error),
        place=r.need(ev, "place", str, w, default=None),
        when=when,
        status=status,
        negated=r.need(ev, "negated", bool, w, default=False),
        cue=r.need(ev, "cue", str, w, default=None),
        source=r.need(ev, "source", str, w, default=None),
        extra=unknown(ev, EVENT_KEYS, w),
        parts_extra=parts,
    )


def read_title(r: _Reader, d: dict[str, Any], where: str, error: Error) -> tuple[str | None, str | None]:
    """``title``: (text, None) for a plain string, (text as saved, template) for a generated one; absent: None."""
    value = r.need(d, "title", (str, dict), where, default=None)
    if not isinstance(value, dict):
        return value, None
    w = f"{where}.title"
    for key in value:
        if key not in TITLE_KEYS:
            raise error(f"{w}.{key}", f"is not known (a title holds {' and '.join(TITLE_KEYS)})")
    return r.need(value, "text", str, w, default=None), r.need(value, "template", str, w)


def _ids(r: _Reader, ev: dict[str, Any], key: str, where: str, error: Error) -> list[str]:
    value = r.need(ev, key, list, where, default=[])
    if not all(isinstance(x, str) for x in value):
        raise error(f"{where}.{key}", "should be a list of entity ids")
    return list(value)
