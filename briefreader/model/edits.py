"""Every change an analyst can make to a Document.

The UI never mutates the model itself: it asks one of these functions, so
each edit is tested without a screen and bumps ``Document.revision``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from briefreader.model.anchoring import context
from briefreader.model.document import (
    Anchor,
    AnchorKind,
    Document,
    Entity,
    Evidence,
    KeyPoint,
    Mention,
    Note,
)
from briefreader.model.event import STATUSES, EventFrame, EventStatus, Trigger, When, valid_event_date
from briefreader.model.template import ids_in, retarget
from briefreader.model.titles import edited_template, frame_template, render, title_text


class EditError(ValueError):
    """An edit that cannot apply (unknown id, span outside the text...)."""


def now_iso() -> str:
    """UTC time to the second, the form notes carry."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def next_id(prefix: str, taken: list[str]) -> str:
    """The first ``prefixN`` above every id already used with that prefix."""
    numbers = [int(m.group(1)) for t in taken if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", t))]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _touch(doc: Document) -> None:
    doc.revision += 1


def _check_span(doc: Document, start: int, end: int) -> None:
    if not (0 <= start < end <= len(doc.text)):
        raise EditError(f"span {start}-{end} is outside the text (0-{len(doc.text)})")


# Notes -----------------------------------------------------------------------


def make_anchor(
    doc: Document, kind: AnchorKind, ref: str | None = None, start: int | None = None, end: int | None = None
) -> Anchor:
    """An anchor of ``kind`` with its offsets, quote and context (``anchoring.CONTEXT`` each side) filled in."""
    anchor = _bare_anchor(doc, kind, ref, start, end)
    if anchor.start is not None and anchor.end is not None:
        anchor.prefix, anchor.suffix = context(doc.text, anchor.start, anchor.end)
    return anchor


def _bare_anchor(doc: Document, kind: AnchorKind, ref: str | None, start: int | None, end: int | None) -> Anchor:
    if kind == "entity":
        ent = doc.entity(ref or "")
        if ent is None:
            raise EditError(f"no entity {ref!r}")
        first = ent.visible_mentions[0] if ent.visible_mentions else None
        return Anchor("entity", ent.id, first.start if first else None, first.end if first else None, ent.name)
    if kind == "key_point":
        kp = doc.key_point(ref or "")
        if kp is None:
            raise EditError(f"no key point {ref!r}")
        if not kp.evidence:
            return Anchor("key_point", kp.id, None, None, title_text(doc, kp))
        ev = kp.evidence[0]
        return Anchor("key_point", kp.id, ev.start, ev.end, ev.quote)
    if kind in ("sentence", "span"):
        if start is None or end is None:
            raise EditError(f"a {kind} anchor needs a start and an end")
        _check_span(doc, start, end)
        return Anchor(kind, None, start, end, doc.text[start:end])
    return Anchor("brief")


def add_note(doc: Document, text: str, anchor: Anchor, tags: list[str] | None = None) -> Note:
    """Add a note; empty text is refused so no blank note is ever saved."""
    if not text.strip():
        raise EditError("a note needs some text")
    stamp = now_iso()
    note = Note(next_id("n", [n.id for n in doc.notes]), text, anchor, clean_tags(tags or []), stamp, stamp)
    doc.notes.append(note)
    _touch(doc)
    return note


def edit_note(doc: Document, note_id: str, text: str, tags: list[str] | None = None) -> Note:
    """Change a note's text (and tags when given)."""
    note = doc.note(note_id)
    if note is None:
        raise EditError(f"no note {note_id!r}")
    if not text.strip():
        raise EditError("a note needs some text")
    note.text = text
    if tags is not None:
        note.tags = clean_tags(tags)
    note.updated = now_iso()
    _touch(doc)
    return note


def reattach_note(doc: Document, note_id: str, start: int, end: int) -> Note:
    """Anchor a note (an orphaned one, typically) to the sentence or words at ``start``-``end``.

    It becomes a sentence note when the span is one of the brief's
    sentences, else a note on those words; its quote and context are taken
    from the text as it is now, and it is no longer orphaned.
    """
    note = doc.note(note_id)
    if note is None:
        raise EditError(f"no note {note_id!r}")
    _check_span(doc, start, end)
    kind: AnchorKind = "sentence" if any(s.start == start and s.end == end for s in doc.sentences) else "span"
    anchor = make_anchor(doc, kind, start=start, end=end)
    anchor.extra = note.anchor.extra
    note.anchor = anchor
    _touch(doc)
    return note


def delete_note(doc: Document, note_id: str) -> Note:
    """Remove a note and return it (so the UI can offer an undo)."""
    note = doc.note(note_id)
    if note is None:
        raise EditError(f"no note {note_id!r}")
    doc.notes.remove(note)
    _touch(doc)
    return note


def clean_tags(tags: list[str]) -> list[str]:
    """Tags without blanks, '#' prefixes or duplicates, in the order given."""
    out: list[str] = []
    for t in tags:
        t = t.strip().lstrip("#").strip()
        if t and t not in out:
            out.append(t)
    return out


def parse_tags(field: str) -> list[str]:
    """Tags typed as 'a, b c' or '#a #b'."""
    return clean_tags(re.split(r"[,\s]+", field))


# Entities --------------------------------------------------------------------


def _entity(doc: Document, entity_id: str) -> Entity:
    ent = doc.entity(entity_id)
    if ent is None:
        raise EditError(f"no entity {entity_id!r}")
    return ent


def relabel_entity(doc: Document, entity_id: str, label: str) -> Entity:
    """Give an entity another label (PERSON, ORG, ...)."""
    label = label.strip().upper()
    if not re.fullmatch(r"[A-Z_]{2,20}", label):
        raise EditError(f"{label!r} is not a label (letters and _ only)")
    ent = _entity(doc, entity_id)
    ent.label = label
    ent.edited = True
    _touch(doc)
    return ent


def rename_entity(doc: Document, entity_id: str, name: str) -> Entity:
    """Change the name the reader shows for an entity."""
    if not name.strip():
        raise EditError("an entity needs a name")
    ent = _entity(doc, entity_id)
    ent.name = name.strip()
    ent.edited = True
    _touch(doc)
    return ent


def reject_entity(doc: Document, entity_id: str) -> Entity:
    """Hide an entity; its mentions stay as ``rejected`` so a re-parse keeps it hidden."""
    ent = _entity(doc, entity_id)
    for m in ent.mentions:
        m.origin = "rejected"
    ent.edited = True
    _touch(doc)
    return ent


def restore_entity(doc: Document, entity_id: str) -> Entity:
    """Undo a rejection: rejected mentions come back as user-confirmed ones."""
    ent = _entity(doc, entity_id)
    for m in ent.mentions:
        if m.origin == "rejected":
            m.origin = "user"
    ent.edited = True
    _touch(doc)
    return ent


def merge_entities(doc: Document, keep_id: str, merge_id: str) -> Entity:
    """Move every mention of ``merge_id`` into ``keep_id`` and drop the former.

    Notes anchored to the merged entity follow it to the kept one.
    """
    if keep_id == merge_id:
        raise EditError("cannot merge an entity into itself")
    keep, gone = _entity(doc, keep_id), _entity(doc, merge_id)
    keep.mentions = sorted(keep.mentions + gone.mentions, key=lambda m: (m.start, m.end))
    keep.edited = True
    doc.entities.remove(gone)
    for k in doc.key_points:
        for ev in ([k.event] if k.event is not None else []) + k.more_events:
            ev.replace_entity(merge_id, keep_id)
        if k.title_template is not None:
            k.title_template = retarget(k.title_template, merge_id, keep_id)
    for ev in doc.events:
        ev.replace_entity(merge_id, keep_id)
    for n in doc.notes:
        if n.anchor.kind == "entity" and n.anchor.ref == merge_id:
            n.anchor.ref = keep_id
            n.anchor.quote = keep.name
    _touch(doc)
    return keep


def split_mentions(doc: Document, entity_id: str, texts: list[str], name: str | None = None) -> Entity:
    """Move the mentions spelled as one of ``texts`` into a new entity."""
    ent = _entity(doc, entity_id)
    moving = [m for m in ent.mentions if m.text in texts]
    if not moving or len(moving) == len(ent.mentions):
        raise EditError("a split must leave mentions on both sides")
    ent.mentions = [m for m in ent.mentions if m not in moving]
    ent.edited = True
    new = Entity(next_id("e", [e.id for e in doc.entities]), name or moving[0].text, ent.label, moving, edited=True)
    doc.entities.append(new)
    _touch(doc)
    return new


def add_mention(doc: Document, start: int, end: int, label: str, entity_id: str | None = None) -> Entity:
    """Mark a span by hand, into an existing entity or a new one.

    As an ``add`` correction does in every brief, the new span replaces the
    visible mentions it overlaps ('Vietnam's parliament' over the model's
    'Vietnam'): they are kept as rejected, so a re-parse does not bring
    them back, and the session's undo shows them again. The frames that
    named a replaced entity through that mention (its only one in their
    sentence) name the new entity instead (``followers``): the actor of
    "Vietnam's parliament approved" is the parliament now. One rule for
    ``+`` in the Article and ``n`` in the frame editor, and for this brief
    and all briefs.

    Words that are already a mention, exactly (``same_span``), make no
    second entity: with the entity's label they are that entity, with
    another label they relabel it.
    """
    _check_span(doc, start, end)
    problem = mark_problem(doc, start, end)
    if problem:
        raise EditError(problem)
    label = label.upper()
    same = same_span(doc, start, end)
    if same is not None and entity_id is None:
        ent = same[0]
        return ent if ent.label == label else relabel_entity(doc, ent.id, label)
    frames, points = followers(doc, start, end)
    replaced = overlapped(doc, start, end)
    for e, m in replaced:
        m.origin = "rejected"
        e.edited = True
    text = doc.text[start:end]
    mention = Mention(start, end, text, "user", label)
    if entity_id is not None:
        ent = _entity(doc, entity_id)
        ent.mentions = sorted([*ent.mentions, mention], key=lambda m: m.start)
    else:
        ent = Entity(next_id("e", [e.id for e in doc.entities]), text, label, [mention])
        doc.entities.append(ent)
    ent.edited = True
    for old in dict.fromkeys(e.id for e, _m in replaced):
        if old == ent.id:
            continue
        for ev in (f for f in doc.events if f.id in frames):
            ev.replace_entity(old, ent.id)
        for kp in (k for k in doc.key_points if k.id in points):
            if kp.event is not None:
                kp.event.replace_entity(old, ent.id)
            if kp.title_template is not None:
                kp.title_template = retarget(kp.title_template, old, ent.id)
    _touch(doc)
    return ent


def same_span(doc: Document, start: int, end: int) -> tuple[Entity, Mention] | None:
    """The visible mention at exactly ``start``-``end``, with its entity (None: the words are no mention yet)."""
    return next(((e, m) for e, m in overlapped(doc, start, end) if (m.start, m.end) == (start, end)), None)


def followers(doc: Document, start: int, end: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Ids of the frames and key points whose roles follow a mark at ``start``-``end`` to its new entity.

    A frame of the mark's sentence that names an entity whose mention the
    mark replaces, when that mention was the entity's only visible one in
    the sentence (else the frame may mean another mention of it, and is
    left alone); a key point follows when its evidence holds the sentence.
    """
    i = doc.sentence_at(start)
    if i is None:
        return (), ()
    sent = doc.sentences[i]
    moving = {
        e.id
        for e, m in overlapped(doc, start, end)
        if (m.start, m.end) != (start, end)
        and not any(sent.start <= o.start < sent.end and not start <= o.start < end for o in e.visible_mentions)
    }
    if not moving:
        return (), ()

    def names(ev: EventFrame | None) -> bool:
        return ev is not None and bool(moving & {*ev.actors, *ev.targets, ev.place or "", ev.source or ""})

    frames = tuple(f.id for f in doc.events_in(sent.start, sent.end) if names(f))
    held = [k for k in doc.key_points if any(v.start <= sent.start and sent.end <= v.end for v in k.evidence)]
    points = tuple(k.id for k in held if names(k.event) or bool(moving & set(ids_in(k.title_template or ""))))
    return frames, points


def mark_problem(doc: Document, start: int, end: int) -> str | None:
    """Why the span at ``start``-``end`` cannot be marked as a new mention (None: it can).

    Overlapping a mention is not a problem (``add_mention`` replaces it);
    the dialogs call this before asking anything else, so a mark that
    cannot be made is refused before the "This brief / All briefs" question.
    """
    text = doc.text[start:end]
    if not text.strip() or text != text.strip():
        return "a mention must start and end on a character that is not a space"
    return None


def overlapped(doc: Document, start: int, end: int) -> list[tuple[Entity, Mention]]:
    """The visible mentions a span overlaps, with their entities: what ``add_mention`` replaces."""
    return [(e, m) for e in doc.entities for m in e.mentions if m.visible and m.start < end and start < m.end]


def reject_mention(doc: Document, entity_id: str, start: int) -> Mention:
    """Hide one mention of an entity (a wrong match), keeping it as rejected."""
    ent = _entity(doc, entity_id)
    for m in ent.mentions:
        if m.start == start:
            m.origin = "rejected"
            ent.edited = True
            _touch(doc)
            return m
    raise EditError(f"{ent.name} has no mention at {start}")


# Key points ------------------------------------------------------------------


def _key_point(doc: Document, kp_id: str) -> KeyPoint:
    kp = doc.key_point(kp_id)
    if kp is None:
        raise EditError(f"no key point {kp_id!r}")
    return kp


def toggle_pin(doc: Document, kp_id: str) -> KeyPoint:
    """Pin a key point (pinned ones come first and survive a re-parse), or unpin it."""
    kp = _key_point(doc, kp_id)
    kp.pinned = not kp.pinned
    _touch(doc)
    return kp


def retitle_key_point(doc: Document, kp_id: str, title: str) -> KeyPoint:
    """Give a key point a title of the analyst's own."""
    if not title.strip():
        raise EditError("a key point needs a title")
    kp = _key_point(doc, kp_id)
    kp.title = title.strip()
    kp.title_template = None  # the analyst's words now: shown as written, whatever the entities are called
    kp.pinned = True
    _touch(doc)
    return kp


def move_key_point(doc: Document, kp_id: str, delta: int) -> KeyPoint:
    """Move a key point up (negative) or down in the saved order."""
    kp = _key_point(doc, kp_id)
    i = doc.key_points.index(kp)
    j = max(0, min(len(doc.key_points) - 1, i + delta))
    doc.key_points.insert(j, doc.key_points.pop(i))
    _touch(doc)
    return kp


def add_key_point(doc: Document, start: int, end: int) -> KeyPoint:
    """Make the sentence at ``start``-``end`` a key point of the analyst's (pinned, so a re-parse keeps it).

    The sentence's event frames (``Document.events_in``) become the point's,
    the first giving its title and category; a sentence with none gets an
    empty frame on the whole sentence (type ``other``, marked ``edited``)
    for the analyst to fill. A sentence deleted as a key point before is no
    longer rejected.
    """
    _check_span(doc, start, end)
    if any((e.start, e.end) == (start, end) for k in doc.key_points for e in k.evidence):
        raise EditError("that sentence is already a key point's evidence")
    frames = doc.events_in(start, end)
    if not frames:
        frames = [_empty_frame(doc, start, end)]
    first = frames[0]
    tmpl = first.title_template or frame_template(doc, first) or edited_template(doc, first)
    kp = KeyPoint(
        id=next_id("k", [k.id for k in doc.key_points]),
        title=render(doc, tmpl, first.title or ""),
        title_template=tmpl,
        category=first.type,
        score=1.0,
        evidence=[Evidence(start, end, doc.text[start:end])],
        pinned=True,
        events=[f.id for f in frames],
    )
    doc.key_points.append(kp)
    doc.rejected_key_points = [e for e in doc.rejected_key_points if (e.start, e.end) != (start, end)]
    _touch(doc)
    return kp


def _empty_frame(doc: Document, start: int, end: int) -> EventFrame:
    """A frame on a whole sentence, for the analyst to fill (kept by a re-parse: it is their own)."""
    frame = EventFrame(
        type="other",
        trigger=Trigger(start, end, doc.text[start:end]),
        id=next_id("v", [e.id for e in doc.events]),
        sentence=(start, end),
        edited=True,
    )
    frame.title_template = edited_template(doc, frame)
    frame.title = render(doc, frame.title_template, "")
    doc.events = sorted([*doc.events, frame], key=lambda f: (f.trigger.start, f.trigger.end))
    return frame


def delete_key_point(doc: Document, kp_id: str) -> KeyPoint:
    """Remove a key point; its evidence is kept as rejected, so a re-parse does not bring it back.

    Notes on the point stay, anchored to its first sentence. Its event
    frames stay in ``Document.events``: they are what the text says, not
    the point.
    """
    kp = _key_point(doc, kp_id)
    doc.key_points.remove(kp)
    kept = {(e.start, e.end) for e in doc.rejected_key_points}
    doc.rejected_key_points = [
        *doc.rejected_key_points,
        *(Evidence(e.start, e.end, e.quote) for e in kp.evidence if (e.start, e.end) not in kept),
    ]
    for n in doc.notes:
        if n.anchor.kind == "key_point" and n.anchor.ref == kp_id:
            n.anchor.kind, n.anchor.ref = "span", None
            if n.anchor.start is not None and n.anchor.end is not None:
                spans = {(s.start, s.end) for s in doc.sentences}
                n.anchor.kind = "sentence" if (n.anchor.start, n.anchor.end) in spans else "span"
            else:
                n.anchor.kind = "brief"
    _touch(doc)
    return kp


def without_rejected(doc: Document, points: list[KeyPoint]) -> list[KeyPoint]:
    """The points of a parse that lie on no sentence the analyst deleted as a key point."""
    gone = {(e.start, e.end) for e in doc.rejected_key_points}
    return [k for k in points if not any((e.start, e.end) in gone for e in k.evidence)]


def join_key_points(doc: Document, keep_id: str, gone_id: str) -> KeyPoint:
    """Merge ``gone_id`` into ``keep_id``: evidence and event frames joined (in text order), one point left.

    The kept point keeps its title and is pinned (it is the analyst's now);
    notes on the other point follow it.
    """
    if keep_id == gone_id:
        raise EditError("cannot merge a key point with itself")
    keep, gone = _key_point(doc, keep_id), _key_point(doc, gone_id)
    spans = {(e.start, e.end) for e in keep.evidence}
    keep.evidence = sorted(
        [*keep.evidence, *(e for e in gone.evidence if (e.start, e.end) not in spans)], key=lambda e: e.start
    )
    keep.events = list(dict.fromkeys([*keep.events, *gone.events]))
    keep.score = max(keep.score, gone.score)
    keep.pinned = True
    doc.key_points.remove(gone)
    for n in doc.notes:
        if n.anchor.kind == "key_point" and n.anchor.ref == gone_id:
            n.anchor.ref = keep_id
    _touch(doc)
    return keep


# Event frames ----------------------------------------------------------------


@dataclass(frozen=True)
class FrameFields:
    """What the analyst says a frame is: the frame editor's answer."""

    type: str
    actors: tuple[str, ...] = ()
    """Entity ids."""
    targets: tuple[str, ...] = ()
    """Entity ids."""
    place: str | None = None
    """An entity id, or None."""
    when: When | None = None
    """The date (``YYYY[-MM[-DD]]``) with the words it came from."""
    status: EventStatus = "happened"
    negated: bool = False

    @classmethod
    def of(cls, ev: EventFrame) -> FrameFields:
        """A frame's fields as they are."""
        return cls(ev.type, tuple(ev.actors), tuple(ev.targets), ev.place, ev.when, ev.status, ev.negated)


def point_frame(doc: Document, kp_id: str) -> EventFrame:
    """The frame a key point's editor edits: its first event, or a new empty one on its first sentence."""
    kp = _key_point(doc, kp_id)
    frame = next((f for i in kp.events if (f := doc.event(i)) is not None), None)
    if frame is not None:
        return frame
    if not kp.evidence:
        raise EditError("a key point without evidence has no sentence to frame")
    ev = min(kp.evidence, key=lambda e: e.start)
    frame = _empty_frame(doc, ev.start, ev.end)
    kp.events = [frame.id, *kp.events]
    _touch(doc)
    return frame


def edit_frame(doc: Document, event_id: str, fields: FrameFields) -> EventFrame:
    """Set a frame's type, roles, place, date, status and polarity as the analyst says; it is ``edited``.

    Checked first: every entity id exists, a date is ISO ``YYYY[-MM[-DD]]``,
    the status is one of ``STATUSES``. The frame's title becomes a view of
    its fields (``titles.edited_template``), and so does the title of each
    key point it is the first frame of (unless the analyst wrote that
    title); those points take its type as their category.
    """
    frame = doc.event(event_id)
    if frame is None:
        raise EditError(f"no event {event_id!r}")
    if not fields.type.strip():
        raise EditError("a frame needs a type")
    for role, ids in (("actor", fields.actors), ("target", fields.targets), ("place", (fields.place or "",))):
        for i in ids:
            if i and doc.entity(i) is None:
                raise EditError(f"no entity {i!r} for the {role}")
    if fields.when is not None and fields.when.date is not None and not valid_event_date(fields.when.date):
        raise EditError(f"{fields.when.date!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    if fields.status not in STATUSES:
        raise EditError(f"{fields.status!r} is not a status ({', '.join(STATUSES)})")
    actors = list(dict.fromkeys(fields.actors))
    frame.type = fields.type.strip()
    frame.actors = actors
    frame.targets = [t for t in dict.fromkeys(fields.targets) if t not in actors]
    frame.place = fields.place or None
    frame.when = fields.when
    frame.status = fields.status
    if fields.negated != frame.negated:
        frame.cue = "analyst" if fields.negated else None
    frame.negated = fields.negated
    frame.edited = True
    frame.title_template = edited_template(doc, frame)
    frame.title = render(doc, frame.title_template, "")
    for kp in doc.key_points:
        if kp.events[:1] != [event_id]:
            continue
        kp.category = frame.type
        if kp.event is not None:  # the point's merged frame says what the analyst says now
            kp.event = replace(
                frame, id="", title=None, title_template=None, actors=list(frame.actors), targets=list(frame.targets)
            )
        if kp.title_template is not None:
            kp.title_template = frame.title_template
            kp.title = frame.title
    _touch(doc)
    return frame
