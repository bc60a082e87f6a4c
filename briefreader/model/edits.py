"""Every change an analyst can make to a Document.

The UI never mutates the model itself: it asks one of these functions, so
each edit is tested without a screen and bumps ``Document.revision``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from briefreader.model.anchoring import context
from briefreader.model.document import (
    Anchor,
    AnchorKind,
    Document,
    Entity,
    KeyPoint,
    Mention,
    Note,
)
from briefreader.model.template import retarget
from briefreader.model.titles import title_text


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
    """Mark a span by hand, into an existing entity or a new one."""
    _check_span(doc, start, end)
    text = doc.text[start:end]
    if not text.strip() or text != text.strip():
        raise EditError("a mention must start and end on a character that is not a space")
    for e in doc.entities:
        for m in e.mentions:
            if m.visible and m.start < end and start < m.end:
                raise EditError(f"overlaps the mention {m.text!r} of {e.name}")
    mention = Mention(start, end, text, "user", label.upper())
    if entity_id is not None:
        ent = _entity(doc, entity_id)
        ent.mentions = sorted([*ent.mentions, mention], key=lambda m: m.start)
    else:
        ent = Entity(next_id("e", [e.id for e in doc.entities]), text, label.upper(), [mention])
        doc.entities.append(ent)
    ent.edited = True
    _touch(doc)
    return ent


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
