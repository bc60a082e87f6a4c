"""The Document's one list of event frames, and the key points that name them.

``Document.events`` holds every frame found in the brief (ids ``v1``.., text
order) and a key point lists the ids of the ones it groups. Two things
here keep that true:

- frames held on key points only (a schema-1 file, a parse made before
  ``Document.events``) are gathered into the list (``gather``), the
  point's ``event`` being its first mention and its ``more_events`` the
  others, so nothing they said is lost;
- a re-parse renumbers the frames: the key points that survive it (pinned,
  the analyst's) are pointed at the fresh frames of the same words, a
  frame the fresh parse no longer finds is kept, under a new id, and a
  frame the analyst edited is kept as they left it (``carry_events``).
"""

from __future__ import annotations

from dataclasses import replace

from briefreader.model.document import Document, KeyPoint
from briefreader.model.event import EventFrame


def needs_gathering(doc: Document) -> bool:
    """True when some key point holds frames ``Document.events`` does not (schema 1, an older parse)."""
    if any(k.more_events for k in doc.key_points):
        return True
    return not doc.events and any(k.event is not None and not k.events for k in doc.key_points)


def gathered(doc: Document) -> tuple[list[EventFrame], list[list[str]]]:
    """The brief's frames and each key point's ids, as ``gather`` would make them (the Document unchanged).

    Without frames to gather, ``Document.events`` and the points' own lists.
    """
    if not needs_gathering(doc):
        return doc.events, [k.events for k in doc.key_points]
    found = [replace(ev) for ev in doc.events]
    members: list[list[str]] = []
    held: list[list[EventFrame]] = []
    for k in doc.key_points:
        mine = [f for i in k.events if (f := next((x for x in found if x.id == i), None)) is not None]
        frames = (
            [replace(k.event, title=None, title_template=None, id="")] if k.event is not None and not k.events else []
        ) + [*k.more_events]
        for ev in frames:
            same = next((f for f in found if _same(f, ev)), None)
            if same is None:
                same = replace(ev, id="", actors=list(ev.actors), targets=list(ev.targets))
                found.append(same)
            elif same.title is None and ev.title is not None:
                same.title, same.title_template = ev.title, ev.title_template
            if not any(m is same for m in mine):
                mine.append(same)
        held.append(mine)
    found.sort(key=lambda f: (f.trigger.start, f.trigger.end))
    taken = [f.id for f in found if f.id]
    for ev in found:
        if not ev.id:
            ev.id = _next_id(taken)
            taken.append(ev.id)
        if ev.sentence is None and (i := doc.sentence_at(ev.trigger.start)) is not None:
            ev.sentence = (doc.sentences[i].start, doc.sentences[i].end)
    for k, mine in zip(doc.key_points, held, strict=True):
        members.append([*k.events, *(ev.id for ev in mine if ev.id not in k.events)])
    return found, members


def gather(doc: Document) -> None:
    """Move the frames held on key points into ``Document.events``; each point lists its own (in place)."""
    if not needs_gathering(doc):
        return
    events, members = gathered(doc)
    doc.events = events
    for k, ids in zip(doc.key_points, members, strict=True):
        k.events = ids
        k.more_events = []


def _same(a: EventFrame, b: EventFrame) -> bool:
    """One frame seen twice (one sentence of two points): the same but for the id and title."""
    return replace(a, title=None, title_template=None, id="") == replace(b, title=None, title_template=None, id="")


def _next_id(taken: list[str]) -> str:
    numbers = [int(t[1:]) for t in taken if t[:1] == "v" and t[1:].isdigit()]
    return f"v{max(numbers, default=0) + 1}"


def carry_events(old: list[EventFrame], fresh: list[EventFrame], kept: list[KeyPoint]) -> list[EventFrame]:
    """The frames after a re-parse: ``fresh``, and those of ``old`` that the ``kept`` points name or the analyst edited.

    ``kept`` are the key points that survived the re-parse as they were
    (pinned ones): each id they list is pointed at the fresh frame read from
    the same word (same trigger span and type), or, when the parse no
    longer finds one there, the old frame is kept under an id no fresh frame
    has. A frame the analyst edited (``EventFrame.edited``) survives as
    they left it: it takes the place (and id) of the fresh frame of the
    same word, or is kept under a new id. Ids no frame had stay as they
    were. Returns the list in text order.
    """
    by_id = {ev.id: ev for ev in old}
    out = list(fresh)
    taken = [ev.id for ev in fresh]
    moved: dict[str, str] = {}
    for ev in old:
        if not ev.edited:
            continue
        at = next((n for n, f in enumerate(out) if (f.trigger.start, f.trigger.end) == _key(ev)[:2]), None)
        if at is None:
            mine = replace(ev, id=_next_id(taken))
            taken.append(mine.id)
            out.append(mine)
        else:
            mine = replace(ev, id=out[at].id)
            out[at] = mine
        moved[ev.id] = mine.id
    for k in kept:
        for i in k.events:
            if i in moved or i not in by_id:
                continue
            ev = by_id[i]
            same = next((f for f in out if (f.trigger.start, f.trigger.end, f.type) == _key(ev)), None)
            if same is None:
                same = replace(ev, id=_next_id(taken))
                taken.append(same.id)
                out.append(same)
            moved[i] = same.id
    for k in kept:
        k.events = list(dict.fromkeys(moved.get(i, i) for i in k.events))
    return sorted(out, key=lambda f: (f.trigger.start, f.trigger.end))


def _key(ev: EventFrame) -> tuple[int, int, str]:
    return ev.trigger.start, ev.trigger.end, ev.type
