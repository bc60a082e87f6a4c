"""What the index keeps of one brief, read from its files (or from a parse fed back).

Everything here is plain data built from a Document, so the index never
holds anything the YAML files (or the source) do not say. Key points may
carry an event frame (``KeyPoint.event`` with ``type`` and ``when.date``);
it is read through a tolerant accessor, so briefs saved before frames
existed, and frames of another shape, index without one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefreader.io.decode import MAX_BRIEF_BYTES, MAX_YAML_BYTES, decode, read_bytes
from briefreader.io.errors import BriefError
from briefreader.io.pairing import Group
from briefreader.io.sources import read_markdown, read_seed_or_plain
from briefreader.io.store import loads
from briefreader.library.scan import fs_name
from briefreader.library.text import fold, split_sentences
from briefreader.model.document import Document, KeyPoint
from briefreader.model.titles import title_text


@dataclass(frozen=True)
class Chunk:
    """A searchable piece of a brief: a sentence, a key point or a note."""

    kind: str
    """``text``, ``key_point`` or ``note``."""
    text: str
    """What is searched (the sentence itself, a key point's title, a note's text)."""
    start: int | None
    end: int | None
    """Where the reader goes: the sentence, the key point's first evidence, the note's anchor."""
    quote: str | None = None
    """The text at start-end when it is not ``text`` itself."""


@dataclass(frozen=True)
class EntityRow:
    """One entity of one brief."""

    name: str
    label: str
    aliases: tuple[str, ...]
    mentions: int
    start: int
    end: int
    """The first visible mention (where 'open at first mention' goes)."""


@dataclass
class Extract:
    """Everything the index stores about one brief."""

    title: str
    date: str | None = None
    tags: tuple[str, ...] = ()
    status: str = "new"
    """``new``, ``annotated``, ``changed`` (source edited since annotated) or ``error``."""
    error: str | None = None
    parsed: bool = False
    text_hash: str = ""
    chars: int = 0
    chunks: list[Chunk] = field(default_factory=list)
    entities: list[EntityRow] = field(default_factory=list)
    key_points: int = 0
    notes: int = 0
    events: list[tuple[str, str | None]] = field(default_factory=list)
    """(event type, ISO date) of key points with an event frame."""
    filter_text: str = ""


def text_hash(text: str) -> str:
    """A short content hash of a brief's text (the same for a source and the YAML made from it)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def file_hash(data: bytes) -> str:
    """A short content hash of a file's bytes (when size and mtime disagree with the index)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def event_of(kp: KeyPoint) -> tuple[str, str | None] | None:
    """(type, date) of a key point's event frame, whatever shape it has, or None."""
    event: Any = getattr(kp, "event", None)
    if event is None:
        return None

    def get(obj: Any, name: str) -> Any:
        return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)

    kind = get(event, "type")
    if not isinstance(kind, str) or not kind:
        return None
    date = get(get(event, "when"), "date") if get(event, "when") is not None else None
    return kind, str(date) if date else None


def from_document(doc: Document, rel: str) -> Extract:
    """The index's view of a Document (its status is set by the caller)."""
    meta = doc.meta
    ex = Extract(title=meta.title or Path(rel).stem, date=meta.date, tags=tuple(meta.tags))
    ex.parsed = doc.parsed
    ex.text_hash = text_hash(doc.text)
    ex.chars = len(doc.text)
    spans = [(s.start, s.end) for s in doc.sentences]
    if not spans:
        for b in doc.blocks:
            spans += [(b.start, b.end)] if b.kind != "paragraph" else split_sentences(doc.text, b.start, b.end)
    ex.chunks = [Chunk("text", doc.text[a:b], a, b) for a, b in spans if b > a]
    for e in doc.visible_entities():
        shown = e.visible_mentions
        ex.entities.append(EntityRow(e.name, e.label, tuple(e.aliases), len(shown), shown[0].start, shown[0].end))
    for kp in doc.key_points:
        ev = kp.evidence[0] if kp.evidence else None
        frame = event_of(kp)
        words = [title_text(doc, kp), kp.category.replace("_", " ")]
        if frame:
            ex.events.append(frame)
            words += [frame[0].replace("_", " "), frame[1] or ""]
        ex.chunks.append(
            Chunk(
                "key_point",
                # Each word once: a point's category is often its event's type ('invitation · invitation').
                " · ".join(dict.fromkeys(w for w in words if w)),
                ev.start if ev else None,
                ev.end if ev else None,
                ev.quote if ev else None,
            )
        )
    ex.key_points = len(doc.key_points)
    for n in doc.notes:
        a = n.anchor
        body = n.text + ("".join(f" #{t}" for t in n.tags))
        at = a.start is not None and a.end is not None and not a.orphaned
        ex.chunks.append(Chunk("note", body, a.start if at else None, a.end if at else None, a.quote if at else None))
    ex.notes = len(doc.notes)
    parts = [ex.title, rel, *ex.tags]
    parts += [x for e in ex.entities for x in (e.name, *e.aliases)]
    parts += [n.text + " " + " ".join(n.tags) for n in doc.notes]
    ex.filter_text = fold("\n".join(parts))
    return ex


def _read_source(path: Path, data: bytes) -> Document:
    decoded = decode(data, path)
    if path.suffix.lower() in (".md", ".markdown"):
        return read_markdown(decoded, path.name)
    return read_seed_or_plain(decoded, path.name)


def read_group(root: Path, grp: Group, data: dict[str, bytes | BriefError]) -> Extract:
    """The index record of a brief from its files' bytes (``data``: rel path -> bytes).

    Never raises for a bad file: the brief is listed with status ``error``
    and the reason, so the library shows what cannot be opened and why.
    """
    source_doc: Document | None = None
    source_error: str | None = None
    if grp.source:
        try:
            source_doc = _read_source(root / fs_name(grp.source), _bytes(data[grp.source]))
        except BriefError as exc:
            source_error = exc.reason
    if grp.yaml:
        try:
            ydata = _bytes(data[grp.yaml])
            ydoc = loads(decode(ydata, root / fs_name(grp.yaml)).text, source=grp.yaml)
        except BriefError as exc:
            ex = from_document(source_doc, grp.source or grp.yaml) if source_doc else Extract(Path(grp.yaml).stem)
            ex.status, ex.error = "error", exc.reason
            ex.filter_text = ex.filter_text or fold(f"{ex.title}\n{grp.yaml}")
            return ex
        ex = from_document(ydoc, grp.yaml)
        changed = source_doc is not None and text_hash(source_doc.text) != ex.text_hash
        ex.status = "changed" if changed else "annotated"
        return ex
    assert grp.source is not None
    if source_doc is None:
        ex = Extract(Path(grp.source).stem, status="error", error=source_error)
        ex.filter_text = fold(f"{ex.title}\n{grp.source}")
        return ex
    ex = from_document(source_doc, grp.source)
    ex.status = "new"
    return ex


def _bytes(data: bytes | BriefError) -> bytes:
    if isinstance(data, BriefError):
        raise data
    return data


def load_file(root: Path, rel: str) -> bytes | BriefError:
    """A file's bytes, or the error that says why they cannot be read (within the size limits)."""
    limit = MAX_YAML_BYTES if rel.lower().endswith((".yaml", ".yml")) else MAX_BRIEF_BYTES
    try:
        return read_bytes(root / fs_name(rel), limit)
    except BriefError as exc:
        return exc
