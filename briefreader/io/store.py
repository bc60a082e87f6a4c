"""The annotated brief as YAML (schema version 1): save, load, validate, repair.

A saved brief is meant to be read, diffed and edited by hand, so the file
keeps a fixed key order and block-style text, and loading it checks every
offset against the text. Where a hand edit moved the text, spans are found
again by their quote; what cannot be found is reported by field, never
dropped in silence. Loading imports no spaCy.
"""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any

from briefreader import __version__
from briefreader.io.atomic import atomic_write
from briefreader.io.corrections import corrections_from_data, corrections_to_data
from briefreader.io.decode import MAX_YAML_BYTES, read_text
from briefreader.io.errors import BriefError
from briefreader.io.safeyaml import FlowDict, FlowList, YamlRefused, safe_dump, safe_load
from briefreader.io.store_events import event_to_dict, more_events_field, read_event, read_more_events
from briefreader.model.document import (
    ANCHOR_KINDS,
    BLOCK_KINDS,
    ORIGINS,
    Anchor,
    Block,
    BriefMeta,
    Document,
    Entity,
    Evidence,
    KeyPoint,
    Mention,
    Note,
    ParserInfo,
    Sentence,
)
from briefreader.model.reanchor import find_quote

SCHEMA_VERSION = 1


# Saving ----------------------------------------------------------------------


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The Document as plain data, in the order a person reads the file."""
    meta = doc.meta
    brief = _drop_none({"title": meta.title, "date": meta.date, "source": meta.source, "slug": meta.slug})
    if meta.tags:
        brief["tags"] = FlowList(meta.tags)
    out: dict[str, Any] = {"briefreader": SCHEMA_VERSION, "brief": brief, "text": doc.text}
    out["blocks"] = [FlowDict(kind=b.kind, start=b.start, end=b.end) for b in doc.blocks]
    out["sentences"] = [FlowList([s.start, s.end]) for s in doc.sentences]
    out["entities"] = [_entity_to_dict(e) for e in doc.entities]
    out["key_points"] = [
        {
            "id": k.id,
            "title": k.title,
            "category": k.category,
            "score": round(float(k.score), 4),
            "pinned": k.pinned,
            "evidence": [FlowDict(start=e.start, end=e.end, quote=e.quote) for e in k.evidence],
            **({"event": event_to_dict(k.event)} if k.event else {}),
            **more_events_field(k.more_events),
        }
        for k in doc.key_points
    ]
    out["notes"] = [_note_to_dict(n) for n in doc.notes]
    if doc.corrections:
        out["corrections"] = corrections_to_data(doc.corrections)  # which corrections.yaml entries the parse used
    if doc.parser is not None:
        out["parser"] = FlowDict(
            model=doc.parser.model, model_version=doc.parser.model_version, briefreader=doc.parser.briefreader
        )
    return out


def _entity_to_dict(e: Entity) -> dict[str, Any]:
    d: dict[str, Any] = {"id": e.id, "name": e.name, "label": e.label}
    if e.edited:
        d["edited"] = True
    d["mentions"] = [
        FlowDict(_drop_none({"start": m.start, "end": m.end, "text": m.text, "origin": m.origin, "label": m.label}))
        for m in e.mentions
    ]
    return d


def _note_to_dict(n: Note) -> dict[str, Any]:
    a = n.anchor
    anchor = _drop_none({"kind": a.kind, "ref": a.ref, "start": a.start, "end": a.end, "quote": a.quote})
    if a.orphaned:
        anchor["orphaned"] = True
    return {
        "id": n.id,
        "text": n.text,
        "tags": FlowList(n.tags),
        "created": n.created,
        "updated": n.updated,
        "anchor": anchor,
    }


def dumps(doc: Document) -> str:
    """The YAML text of a Document."""
    return safe_dump(document_to_dict(doc))


def save_document(doc: Document, path: Path | str) -> None:
    """Write the annotated brief atomically; the old file survives any failure."""
    atomic_write(Path(path), dumps(doc))


# Loading ---------------------------------------------------------------------


class _Reader:
    """Reads plain data into a Document, collecting every problem with its field."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[str] = []
        self.repairs: list[str] = []

    def need(self, d: Any, key: str, kind: type | tuple[type, ...], where: str, default: Any = ...) -> Any:
        if not isinstance(d, dict) or key not in d or d[key] is None:
            if default is not ...:
                return default
            raise _FieldError(f"{where}.{key}", "is missing")
        value = d[key]
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise _FieldError(f"{where}.{key}", f"should be {_article(names)}, not {value!r}"[:200])
        return value

    def span(self, d: Any, where: str, quote_key: str | None) -> tuple[int, int]:
        """Offsets checked against the text, repaired by quote when they drifted."""
        start = self.need(d, "start", int, where)
        end = self.need(d, "end", int, where)
        quote = self.need(d, quote_key, str, where) if quote_key else None
        inside = 0 <= start <= end <= len(self.text)
        if inside and (quote is None or self.text[start:end] == quote):
            return start, end
        if quote:
            found = find_quote(self.text, quote, start)
            if found is not None:
                self.repairs.append(f"{where}: moved from {start}-{end} to {found}-{found + len(quote)}")
                return found, found + len(quote)
        if not inside:
            raise _FieldError(where, f"offsets {start}-{end} are outside the text (0-{len(self.text)})")
        raise _FieldError(
            f"{where}.{quote_key}",
            f"{quote!r} does not match the text at {start}-{end} ({self.text[start:end]!r}) and is not found elsewhere"[
                :300
            ],
        )


class _FieldError(Exception):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field} {reason}")


def _article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def document_from_dict(data: Any, *, source: str = "") -> Document:
    """Rebuild a Document from loaded YAML data, or raise BriefError naming the fields."""
    if not isinstance(data, dict):
        raise BriefError(source, "is not an annotated brief (expected a mapping at the top)")
    version = data.get("briefreader")
    if version != SCHEMA_VERSION:
        if version is None:
            raise BriefError(source, "is not an annotated brief (no 'briefreader:' schema version)")
        raise BriefError(
            source, f"briefreader: schema version {version!r} is not known (this reader reads {SCHEMA_VERSION})"
        )
    text = data.get("text")
    if not isinstance(text, str):
        raise BriefError(source, "text: is missing or not a string")
    r = _Reader(text)
    doc = Document(meta=BriefMeta(), text=text)
    for field, fn in (
        ("brief", _read_meta),
        ("blocks", _read_blocks),
        ("sentences", _read_sentences),
        ("entities", _read_entities),
        ("key_points", _read_key_points),
        ("notes", _read_notes),
        ("parser", _read_parser),
    ):
        try:
            fn(r, data.get(field), doc)
        except _FieldError as exc:
            r.problems.append(str(exc))
    try:
        doc.corrections = corrections_from_data(data.get("corrections"))
    except ValueError as exc:
        r.problems.append(str(exc))
    if r.problems:
        more = f" (and {len(r.problems) - 1} more)" if len(r.problems) > 1 else ""
        err = BriefError(source, r.problems[0] + more)
        err.problems = r.problems  # type: ignore[attr-defined]
        raise err
    doc.warnings.extend(f"repaired {x}" for x in r.repairs)
    return doc


def _items(r: _Reader, value: Any, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _FieldError(field, "should be a list")
    return value


def _read_meta(r: _Reader, d: Any, doc: Document) -> None:
    if not isinstance(d, dict):
        raise _FieldError("brief", "is missing or not a mapping")
    tags = r.need(d, "tags", list, "brief", default=[])
    doc.meta = BriefMeta(
        title=r.need(d, "title", str, "brief", default=""),
        date=r.need(d, "date", str, "brief", default=None),
        source=r.need(d, "source", str, "brief", default=None),
        slug=r.need(d, "slug", str, "brief", default=None),
        tags=tuple(str(t) for t in tags),
    )


def _read_blocks(r: _Reader, value: Any, doc: Document) -> None:
    for i, d in enumerate(_items(r, value, "blocks")):
        where = f"blocks[{i}]"
        kind = r.need(d, "kind", str, where)
        if kind not in BLOCK_KINDS:
            raise _FieldError(f"{where}.kind", f"{kind!r} is not one of {', '.join(BLOCK_KINDS)}")
        doc.blocks.append(Block(kind, *r.span(d, where, None)))


def _read_sentences(r: _Reader, value: Any, doc: Document) -> None:
    block_starts = [b.start for b in doc.blocks]
    for i, pair in enumerate(_items(r, value, "sentences")):
        where = f"sentences[{i}]"
        if not (isinstance(pair, list) and len(pair) == 2 and all(type(x) is int for x in pair)):
            raise _FieldError(where, "should be [start, end]")
        start, end = pair
        if not 0 <= start <= end <= len(r.text):
            raise _FieldError(where, f"offsets {start}-{end} are outside the text (0-{len(r.text)})")
        block = max(0, bisect.bisect_right(block_starts, start) - 1)
        doc.sentences.append(Sentence(start, end, block))


def _read_entities(r: _Reader, value: Any, doc: Document) -> None:
    for i, d in enumerate(_items(r, value, "entities")):
        where = f"entities[{i}]"
        ent = Entity(
            id=r.need(d, "id", str, where),
            name=r.need(d, "name", str, where),
            label=r.need(d, "label", str, where),
            edited=r.need(d, "edited", bool, where, default=False),
        )
        for j, m in enumerate(_items(r, d.get("mentions"), f"{where}.mentions")):
            mw = f"{where}.mentions[{j}]"
            origin = r.need(m, "origin", str, mw, default="model")
            if origin not in ORIGINS:
                raise _FieldError(f"{mw}.origin", f"{origin!r} is not one of {', '.join(ORIGINS)}")
            span = r.span(m, mw, "text")
            ent.mentions.append(Mention(span[0], span[1], m["text"], origin, r.need(m, "label", str, mw, default=None)))
        doc.entities.append(ent)
    _unique([e.id for e in doc.entities], "entities")


def _read_key_points(r: _Reader, value: Any, doc: Document) -> None:
    for i, d in enumerate(_items(r, value, "key_points")):
        where = f"key_points[{i}]"
        kp = KeyPoint(
            id=r.need(d, "id", str, where),
            title=r.need(d, "title", str, where),
            category=r.need(d, "category", str, where),
            score=float(r.need(d, "score", (int, float), where)),
            pinned=r.need(d, "pinned", bool, where, default=False),
        )
        for j, e in enumerate(_items(r, d.get("evidence"), f"{where}.evidence")):
            span = r.span(e, f"{where}.evidence[{j}]", "quote")
            kp.evidence.append(Evidence(span[0], span[1], e["quote"]))
        kp.event = read_event(r, d, where, _FieldError)
        kp.more_events = read_more_events(r, d, where, _FieldError)
        doc.key_points.append(kp)
    _unique([k.id for k in doc.key_points], "key_points")


def _read_notes(r: _Reader, value: Any, doc: Document) -> None:
    for i, d in enumerate(_items(r, value, "notes")):
        where = f"notes[{i}]"
        a = r.need(d, "anchor", dict, where, default={})
        kind = r.need(a, "kind", str, f"{where}.anchor", default="brief")
        if kind not in ANCHOR_KINDS:
            raise _FieldError(f"{where}.anchor.kind", f"{kind!r} is not one of {', '.join(ANCHOR_KINDS)}")
        anchor = Anchor(kind, r.need(a, "ref", str, f"{where}.anchor", default=None))
        anchor.quote = r.need(a, "quote", str, f"{where}.anchor", default=None)
        anchor.orphaned = r.need(a, "orphaned", bool, f"{where}.anchor", default=False)
        if "start" in a and "end" in a and not anchor.orphaned:
            try:
                span = r.span(a, f"{where}.anchor", "quote" if anchor.quote and kind != "entity" else None)
            except _FieldError as exc:
                # A note is hours of work: keep it, flagged, rather than refuse the file.
                anchor.orphaned = True
                r.repairs.append(f"{where}: anchor lost ({exc}); kept as an orphaned note")
                span = (r.need(a, "start", int, where), r.need(a, "end", int, where))
            anchor.start, anchor.end = span
        elif "start" in a and "end" in a:
            anchor.start, anchor.end = r.need(a, "start", int, where), r.need(a, "end", int, where)
        tags = r.need(d, "tags", list, where, default=[])
        doc.notes.append(
            Note(
                id=r.need(d, "id", str, where),
                text=r.need(d, "text", str, where),
                anchor=anchor,
                tags=[str(t) for t in tags],
                created=r.need(d, "created", str, where, default=""),
                updated=r.need(d, "updated", str, where, default=""),
            )
        )
    _unique([n.id for n in doc.notes], "notes")


def _read_parser(r: _Reader, d: Any, doc: Document) -> None:
    if d is None:
        return
    doc.parser = ParserInfo(
        model=r.need(d, "model", str, "parser"),
        model_version=str(r.need(d, "model_version", (str, int, float), "parser")),
        briefreader=str(r.need(d, "briefreader", (str, int, float), "parser", default=__version__)),
    )


def _unique(ids: list[str], field: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise _FieldError(field, f"id {i!r} is used twice")
        seen.add(i)


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
