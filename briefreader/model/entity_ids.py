"""Entity ids that stay put: what points at an entity, renaming ids at once, and what points at none.

Frames (roles, title templates), key points (their merged frame and title
template) and notes (entity anchors) name entities by id. A re-parse finds
the entities afresh and numbers them its own way; ``model.parse_merge.
carry_entities`` matches them to the ones before by their mentions' places
and words and says which fresh id became which. ``remap`` applies that to
what the parse found, ``referenced`` gives the ids nothing new may take,
and ``dangling`` names whatever still points at an entity that is gone, so
it is reported as orphaned, never silently pointed at something else.
"""

from __future__ import annotations

from collections.abc import Iterable

from briefreader.model import template
from briefreader.model.document import Document, KeyPoint
from briefreader.model.event import EventFrame


def _frame_ids(ev: EventFrame) -> list[str]:
    ids = [*ev.actors, *ev.targets, *(i for i in (ev.place, ev.source) if i)]
    return ids + template.ids_in(ev.title_template or "")


def _frames(points: Iterable[KeyPoint]) -> list[EventFrame]:
    return [ev for k in points for ev in ([k.event] if k.event is not None else []) + k.more_events]


def referenced(doc: Document) -> set[str]:
    """Every entity id a frame, key point or note of the Document names."""
    ids = {i for ev in [*doc.events, *_frames(doc.key_points)] for i in _frame_ids(ev)}
    ids |= {i for k in doc.key_points for i in template.ids_in(k.title_template or "")}
    return ids | {n.anchor.ref for n in doc.notes if n.anchor.kind == "entity" and n.anchor.ref}


def remap(events: Iterable[EventFrame], points: Iterable[KeyPoint], ids: dict[str, str]) -> None:
    """Rename entity ids by ``ids``, all at once, in frames and key points (in place)."""
    if all(a == b for a, b in ids.items()):
        return
    points = list(points)
    for ev in [*events, *_frames(points)]:
        ev.actors = list(dict.fromkeys(ids.get(i, i) for i in ev.actors))
        ev.targets = [t for t in dict.fromkeys(ids.get(i, i) for i in ev.targets) if t not in ev.actors]
        ev.place = ids.get(ev.place, ev.place) if ev.place else ev.place
        ev.source = ids.get(ev.source, ev.source) if ev.source else ev.source
        if ev.title_template is not None:
            ev.title_template = template.remap(ev.title_template, ids)
    for k in points:
        if k.title_template is not None:
            k.title_template = template.remap(k.title_template, ids)


def dangling(doc: Document) -> list[str]:
    """One line per frame, key point or note that names an entity the Document no longer has."""
    have = {e.id for e in doc.entities}
    out: list[str] = []
    for ev in doc.events:
        gone = [i for i in dict.fromkeys(_frame_ids(ev)) if i not in have]
        if gone:
            out.append(f"event {ev.id} ({ev.type}, {ev.trigger.text!r}) names {', '.join(gone)}, no longer an entity")
    for k in doc.key_points:
        frames = _frames([k])
        gone = [i for ev in frames for i in _frame_ids(ev) if i not in have]
        gone += [i for i in template.ids_in(k.title_template or "") if i not in have]
        if gone:
            out.append(f"key point {k.id} names {', '.join(dict.fromkeys(gone))}, no longer an entity")
    for n in doc.notes:
        a = n.anchor
        if a.kind == "entity" and a.ref and a.ref not in have:
            out.append(f"note {n.id} is about {a.ref}, no longer an entity")
    return out


def repoint_notes(doc: Document) -> None:
    """A note about an entity that is gone follows the entity now mentioned where the note is anchored."""
    have = {e.id for e in doc.entities}
    for n in doc.notes:
        a = n.anchor
        if a.kind != "entity" or not a.ref or a.ref in have or a.start is None or a.end is None:
            continue
        start, end = a.start, a.end
        there = next((e for e in doc.entities for m in e.visible_mentions if m.start < end and start < m.end), None)
        if there is not None:
            a.ref = there.id
