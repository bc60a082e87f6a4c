"""The annotated brief as YAML (schema version 2; version 1 is read and migrated): save and load.

A saved brief is meant to be read, diffed and edited by hand, so the file
keeps a fixed key order and block-style text, and keys the reader does not
know are written back where they were. Reading, checking and repairing
live in ``store_read``; loading imports no spaCy.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from briefreader.io.atomic import atomic_write
from briefreader.io.decode import MAX_YAML_BYTES, read_text
from briefreader.io.errors import BriefError
from briefreader.io.safeyaml import FlowDict, FlowList, YamlRefused, safe_dump, safe_load
from briefreader.io.store_events import event_to_dict, title_to_data
from briefreader.io.store_read import SCHEMA_VERSION, read_document
from briefreader.model.document import Document, Entity, Note
from briefreader.model.extra import Extra
from briefreader.model.frames import gather, needs_gathering
from briefreader.model.titles import title_text

__all__ = [
    "SCHEMA_VERSION",
    "document_from_dict",
    "document_to_dict",
    "dumps",
    "load_document",
    "loads",
    "save_document",
]


# Saving ----------------------------------------------------------------------


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def placed(known: dict[str, Any], extra: Extra) -> dict[str, Any]:
    """``known`` with the unknown keys put back after the key each followed in the file.

    A known key always wins over an unknown one of the same name (a newer
    field written by this reader replaces what an older file held).
    """
    if not extra:
        return known
    items = list(known.items())
    keys = [k for k, _v in items]
    for key, (after, value) in extra.items():
        if key in keys:
            continue
        at = 0 if after is None else keys.index(after) + 1 if after in keys else len(keys)
        items.insert(at, (key, value))
        keys.insert(at, key)
    return type(known)(items)


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The Document as plain data, in the order a person reads the file.

    Frames held on key points only (a parse made before ``Document.events``)
    are written as schema 2 has them: in ``events:``, the points naming them.
    """
    if needs_gathering(doc):
        doc = replace(doc, key_points=[replace(k) for k in doc.key_points])
        gather(doc)
    meta = doc.meta
    brief = _drop_none({"title": meta.title, "date": meta.date, "source": meta.source, "slug": meta.slug})
    if meta.tags:
        brief["tags"] = FlowList(meta.tags)
    out: dict[str, Any] = {"briefreader": SCHEMA_VERSION, "brief": placed(brief, meta.extra), "text": doc.text}
    out["blocks"] = [placed(FlowDict(kind=b.kind, start=b.start, end=b.end), b.extra) for b in doc.blocks]
    out["sentences"] = [FlowList([s.start, s.end]) for s in doc.sentences]
    out["entities"] = [_entity_to_dict(e) for e in doc.entities]
    out["key_points"] = [
        placed(
            {
                "id": k.id,
                "title": title_to_data(k.title, k.title_template, title_text(doc, k)),
                "category": k.category,
                "score": round(float(k.score), 4),
                "pinned": k.pinned,
                "evidence": [placed(FlowDict(start=e.start, end=e.end, quote=e.quote), e.extra) for e in k.evidence],
                **({"events": FlowList(k.events)} if k.events else {}),
                **({"event": event_to_dict(k.event, placed, title_text(doc, k.event))} if k.event else {}),
            },
            k.extra,
        )
        for k in doc.key_points
    ]
    if doc.rejected_key_points:  # key points the analyst deleted: a re-parse does not bring them back
        out["rejected_key_points"] = [
            placed(FlowDict(start=e.start, end=e.end, quote=e.quote), e.extra) for e in doc.rejected_key_points
        ]
    out["events"] = [event_to_dict(ev, placed, title_text(doc, ev)) for ev in doc.events]
    out["notes"] = [_note_to_dict(n) for n in doc.notes]
    if doc.corrections:
        from briefreader.io.corrections_file import corrections_to_data  # only parsed briefs carry corrections

        out["corrections"] = corrections_to_data(doc.corrections)  # which corrections.yaml entries the parse used
    if doc.parser is not None:
        p = doc.parser
        out["parser"] = placed(
            FlowDict(model=p.model, model_version=p.model_version, briefreader=p.briefreader), p.extra
        )
    return placed(out, doc.extra)


def _entity_to_dict(e: Entity) -> dict[str, Any]:
    d: dict[str, Any] = {"id": e.id, "name": e.name, "label": e.label}
    if e.edited:
        d["edited"] = True
    d["mentions"] = [
        placed(
            FlowDict(
                _drop_none({"start": m.start, "end": m.end, "text": m.text, "origin": m.origin, "label": m.label})
            ),
            m.extra,
        )
        for m in e.mentions
    ]
    return placed(d, e.extra)


def _note_to_dict(n: Note) -> dict[str, Any]:
    a = n.anchor
    anchor = _drop_none(
        {
            "kind": a.kind,
            "ref": a.ref,
            "start": a.start,
            "end": a.end,
            "quote": a.quote,
            "prefix": a.prefix,
            "suffix": a.suffix,
        }
    )
    if a.orphaned:
        anchor["orphaned"] = True
    known = {
        "id": n.id,
        "text": n.text,
        "tags": FlowList(n.tags),
        "created": n.created,
        "updated": n.updated,
        "anchor": placed(anchor, a.extra),
    }
    return placed(known, n.extra)


def dumps(doc: Document) -> str:
    """The YAML text of a Document."""
    return safe_dump(document_to_dict(doc))


def save_document(doc: Document, path: Path | str) -> None:
    """Write the annotated brief atomically; the old file survives any failure."""
    atomic_write(Path(path), dumps(doc))


# Loading ---------------------------------------------------------------------


def document_from_dict(data: Any, *, source: str = "") -> Document:
    """Rebuild a Document from loaded YAML data, or raise BriefError naming the fields."""
    return read_document(data, source)


def loads(text: str, *, source: str = "") -> Document:
    """Parse YAML text into a Document (errors name the source and the line or field)."""
    try:
        data = safe_load(text)
    except YamlRefused as exc:
        raise BriefError(source, str(exc)) from None
    return document_from_dict(data, source=source)


def load_document(path: Path | str) -> Document:
    """Read an annotated brief saved by this reader."""
    p = Path(path)
    decoded = read_text(p, limit=MAX_YAML_BYTES)
    doc = loads(decoded.text, source=str(p))
    doc.warnings[:0] = decoded.warnings
    return doc
