"""Read loaded YAML data (schema version 2, or 1 migrated) into a Document, checking every field.

Reading happens in two steps. First every field is type-checked and taken
as written, offsets included, with any key this reader does not know kept
on the object it was found on; then ``io.placing`` puts the annotations on
the text, repairing what a hand edit moved. A schema-1 file's event frames
(on its key points) are then moved into the one ``events`` list
(``model.frames.gather``), so it is saved as schema 2 with nothing
lost. Loading imports no spaCy.
"""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Any

from briefreader import __version__
from briefreader.io.errors import BriefError
from briefreader.io.placing import place_annotations
from briefreader.io.store_events import (
    EVENT_KEYS,
    SENTENCE_KEYS,
    TRIGGER_KEYS,
    WHEN_KEYS,
    read_event,
    read_event_ids,
    read_events,
    read_more_events,
    read_title,
)
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
)
from briefreader.model.extra import Extra
from briefreader.model.frames import gather
from briefreader.model.titles import settle_titles

SCHEMA_VERSION = 2
"""The version this reader writes."""
READS = (1, 2)
"""The versions it reads (1 is migrated on reading)."""

# The keys this reader knows, per place; any other key is kept and written back where it was.
TOP_KEYS = (
    "briefreader",
    "brief",
    "text",
    "blocks",
    "sentences",
    "entities",
    "key_points",
    "rejected_key_points",
    "events",
    "notes",
    "corrections",
    "parser",
)
BRIEF_KEYS = ("title", "date", "source", "slug", "tags")
BLOCK_KEYS = ("kind", "start", "end")
ENTITY_KEYS = ("id", "name", "label", "edited", "mentions")
MENTION_KEYS = ("start", "end", "text", "origin", "label")
KEY_POINT_KEYS = ("id", "title", "category", "score", "pinned", "evidence", "events", "event")
KEY_POINT_KEYS_V1 = ("id", "title", "category", "score", "pinned", "evidence", "event", "more_events")
TOP_KEYS_V1 = tuple(k for k in TOP_KEYS if k != "events")
EVIDENCE_KEYS = ("start", "end", "quote")
NOTE_KEYS = ("id", "text", "tags", "created", "updated", "anchor")
ANCHOR_KEYS = ("kind", "ref", "start", "end", "quote", "prefix", "suffix", "orphaned")
PARSER_KEYS = ("model", "model_version", "briefreader")

_KNOWN: dict[tuple[str, ...], frozenset[str]] = {
    keys: frozenset(keys)
    for keys in (
        TOP_KEYS,
        TOP_KEYS_V1,
        BRIEF_KEYS,
        BLOCK_KEYS,
        ENTITY_KEYS,
        MENTION_KEYS,
        KEY_POINT_KEYS,
        KEY_POINT_KEYS_V1,
        EVENT_KEYS,
        TRIGGER_KEYS,
        WHEN_KEYS,
        SENTENCE_KEYS,
        EVIDENCE_KEYS,
        NOTE_KEYS,
        ANCHOR_KEYS,
        PARSER_KEYS,
    )
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class FieldError(Exception):
    """One field that is wrong, named as a person finds it in the file."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field} {reason}")


def short(value: Any, width: int = 60) -> str:
    """A value for an error message: its repr, shortened in the middle of the value, not the message."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 5] + "…" + text[-4:]


def _article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def unknown_keys(d: dict[Any, Any], known: tuple[str, ...], where: str) -> Extra:
    """The keys of ``d`` not in ``known``, each with the key it followed in the file."""
    extra: Extra = {}
    if d.keys() <= (_KNOWN.get(known) or frozenset(known)):
        return extra  # the usual case, checked at C speed
    before: str | None = None
    for key, value in d.items():
        if not isinstance(key, str):
            raise FieldError(where, f"has a key that is not a word: {short(key)}")
        if key not in known:
            extra[key] = (before, value)
        before = key
    return extra


class _Reader:
    """Type checks that collect the field name of whatever is wrong."""

    def __init__(self, text: str, version: int = SCHEMA_VERSION) -> None:
        self.text = text
        self.version = version
        """The file's schema version (some fields are read per version)."""
        self.warnings: list[str] = []

    def need(self, d: Any, key: str, kind: type | tuple[type, ...], where: str, default: Any = ...) -> Any:
        if not isinstance(d, dict) or key not in d or d[key] is None:
            if default is not ...:
                return default
            raise FieldError(f"{where}.{key}", "is missing")
        value = d[key]
        if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise FieldError(f"{where}.{key}", f"should be {_article(names)}, not {short(value)}")
        # A date written plain comes back as a str subclass; the model holds plain strings.
        return str(value) if isinstance(value, str) else value

    def mapping(self, d: Any, where: str) -> dict[Any, Any]:
        if not isinstance(d, dict):
            raise FieldError(where, f"should be a mapping, not {short(d)}")
        return d

    def span(self, d: Any, where: str, quote_key: str | None) -> tuple[int, int]:
        """Offsets as written, and the quote checked to be text (``store_events`` reads triggers so)."""
        if quote_key:
            self.need(d, quote_key, str, where)
        return self.offsets(d, where)

    def offsets(self, d: Any, where: str) -> tuple[int, int]:
        """Offsets as written (placed on the text later), checked for shape only."""
        start = self.need(d, "start", int, where)
        end = self.need(d, "end", int, where)
        if not 0 <= start <= end:
            raise FieldError(where, f"offsets {start}-{end} are not a span (0 <= start <= end)")
        return start, end


def _items(value: Any, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise FieldError(field, "should be a list")
    return value


def read_document(data: Any, source: str = "") -> Document:
    """Rebuild a Document from loaded YAML data, or raise BriefError naming the fields."""
    if not isinstance(data, dict):
        raise BriefError(source, "is not an annotated brief (expected a mapping at the top)")
    version = data.get("briefreader")
    if type(version) is not int or version not in READS:
        if version is None:
            raise BriefError(source, "is not an annotated brief (no 'briefreader:' schema version)")
        known = " and ".join(str(v) for v in READS)
        raise BriefError(
            source, f"briefreader: schema version {short(version)} is not known (this reader reads {known})"
        )
    text = data.get("text")
    if not isinstance(text, str):
        raise BriefError(source, "text: is missing or not a string")
    text = str(text)
    r = _Reader(text, version)
    raw = Document(meta=BriefMeta(), text=text)
    problems: list[str] = []
    sentences: list[tuple[int, int]] = []
    try:
        raw.extra = unknown_keys(data, TOP_KEYS if version >= 2 else TOP_KEYS_V1, "the top level")
    except FieldError as exc:
        problems.append(str(exc))
    for field, fn in (
        ("brief", _read_meta),
        ("blocks", _read_blocks),
        ("entities", _read_entities),
        ("key_points", _read_key_points),
        ("rejected_key_points", _read_rejected_key_points),
        ("events", _read_events),
        ("notes", _read_notes),
        ("parser", _read_parser),
    ):
        try:
            fn(r, data.get(field), raw)
        except FieldError as exc:
            problems.append(str(exc))
    try:
        sentences = _read_sentences(data.get("sentences"))
    except FieldError as exc:
        problems.append(str(exc))
    try:
        if data.get("corrections") is not None:
            from briefreader.io.corrections_file import corrections_from_data  # not needed to open most files

            raw.corrections = corrections_from_data(data.get("corrections"))
    except ValueError as exc:
        problems.append(str(exc))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        err = BriefError(source, problems[0] + more)
        err.problems = problems  # type: ignore[attr-defined]
        raise err
    settle_titles(raw)
    doc = place_annotations(raw, sentences, r.warnings, source)
    if version == 1:
        gather(doc)
    return doc


def _read_meta(r: _Reader, value: Any, doc: Document) -> None:
    d = r.mapping(value, "brief")
    extra = unknown_keys(d, BRIEF_KEYS, "brief")
    tags = r.need(d, "tags", list, "brief", default=[])
    day = r.need(d, "date", str, "brief", default=None)
    if day is not None and not valid_iso_date(day):
        # Not a date the reader can use; the person's value stays in the file, where it was.
        r.warnings.append(f"brief.date {short(day)} is not a date (YYYY-MM-DD): kept in the file, not used")
        keys = list(d)
        extra["date"] = (keys[keys.index("date") - 1] if keys.index("date") else None, d["date"])
        extra = dict(sorted(extra.items(), key=lambda kv: keys.index(kv[0])))
        day = None
    doc.meta = BriefMeta(
        title=r.need(d, "title", str, "brief", default=""),
        date=day,
        source=r.need(d, "source", str, "brief", default=None),
        slug=r.need(d, "slug", str, "brief", default=None),
        tags=tuple(str(t) for t in tags),
        extra=extra,
    )


def valid_iso_date(value: str) -> bool:
    """True for a real calendar date written ``YYYY-MM-DD`` (not 2026-02-30)."""
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        Date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _read_blocks(r: _Reader, value: Any, doc: Document) -> None:
    for i, d in enumerate(_items(value, "blocks")):
        where = f"blocks[{i}]"
        kind = r.need(d, "kind", str, where)
        if kind not in BLOCK_KINDS:
            raise FieldError(f"{where}.kind", f"{short(kind)} is not one of {', '.join(BLOCK_KINDS)}")
        doc.blocks.append(Block(kind, *r.offsets(d, where), unknown_keys(d, BLOCK_KEYS, where)))


def _read_sentences(value: Any) -> list[tuple[int, int]]:
    out = []
    for i, pair in enumerate(_items(value, "sentences")):
        if not (isinstance(pair, list) and len(pair) == 2 and all(type(x) is int for x in pair)):
            raise FieldError(f"sentences[{i}]", "should be [start, end]")
        start, end = pair
        if not 0 <= start <= end:
            raise FieldError(f"sentences[{i}]", f"offsets {start}-{end} are not a span (0 <= start <= end)")
        out.append((start, end))
    return out


def _read_entities(r: _Reader, value: Any, doc: Document) -> None:
    for i, d in enumerate(_items(value, "entities")):
        where = f"entities[{i}]"
        ent = Entity(
            id=r.need(d, "id", str, where),
            name=r.need(d, "name", str, where),
            label=r.need(d, "label", str, where),
            edited=r.need(d, "edited", bool, where, default=False),
            extra=unknown_keys(d, ENTITY_KEYS, where),
        )
        for j, m in enumerate(_items(d.get("mentions"), f"{where}.mentions")):
            mw = f"{where}.mentions[{j}]"
            origin = r.need(m, "origin", str, mw, default="model")
            if origin not in ORIGINS:
                raise FieldError(f"{mw}.origin", f"{short(origin)} is not one of {', '.join(ORIGINS)}")
            start, end = r.offsets(m, mw)
            mention_text = r.need(m, "text", str, mw)
            label = r.need(m, "label", str, mw, default=None)
            ent.mentions.append(Mention(start, end, mention_text, origin, label, unknown_keys(m, MENTION_KEYS, mw)))
        doc.entities.append(ent)
    _unique([e.id for e in doc.entities], "entities")


def _read_key_points(r: _Reader, value: Any, doc: Document) -> None:
    for i, d in enumerate(_items(value, "key_points")):
        where = f"key_points[{i}]"
        title, template = read_title(r, d, where, FieldError)
        if title is None and template is None:
            raise FieldError(f"{where}.title", "is missing")
        kp = KeyPoint(
            id=r.need(d, "id", str, where),
            title=title or "",
            title_template=template,
            category=r.need(d, "category", str, where),
            score=float(r.need(d, "score", (int, float), where)),
            pinned=r.need(d, "pinned", bool, where, default=False),
            extra=unknown_keys(d, KEY_POINT_KEYS if r.version >= 2 else KEY_POINT_KEYS_V1, where),
        )
        for j, e in enumerate(_items(d.get("evidence"), f"{where}.evidence")):
            ew = f"{where}.evidence[{j}]"
            start, end = r.offsets(e, ew)
            kp.evidence.append(Evidence(start, end, r.need(e, "quote", str, ew), unknown_keys(e, EVIDENCE_KEYS, ew)))
        kp.event = read_event(r, d, where, FieldError, unknown_keys)
        if r.version >= 2:
            kp.events = read_event_ids(r, d, where, FieldError)
        else:
            kp.more_events = read_more_events(r, d, where, FieldError, unknown_keys)
        doc.key_points.append(kp)
    _unique([k.id for k in doc.key_points], "key_points")


def _read_rejected_key_points(r: _Reader, value: Any, doc: Document) -> None:
    """The sentences of key points the analyst deleted (so a re-parse does not bring them back)."""
    for j, e in enumerate(_items(value, "rejected_key_points")):
        where = f"rejected_key_points[{j}]"
        start, end = r.offsets(e, where)
        doc.rejected_key_points.append(
            Evidence(start, end, r.need(e, "quote", str, where), unknown_keys(e, EVIDENCE_KEYS, where))
        )


def _read_events(r: _Reader, value: Any, doc: Document) -> None:
    if r.version >= 2:
        doc.events = read_events(r, value, FieldError, unknown_keys)


def _read_notes(r: _Reader, value: Any, doc: Document) -> None:
    for i, d in enumerate(_items(value, "notes")):
        where = f"notes[{i}]"
        aw = f"{where}.anchor"
        a = r.need(d, "anchor", dict, where, default={})
        kind = r.need(a, "kind", str, aw, default="brief")
        if kind not in ANCHOR_KINDS:
            raise FieldError(f"{aw}.kind", f"{short(kind)} is not one of {', '.join(ANCHOR_KINDS)}")
        anchor = Anchor(kind, r.need(a, "ref", str, aw, default=None), extra=unknown_keys(a, ANCHOR_KEYS, aw))
        anchor.quote = r.need(a, "quote", str, aw, default=None)
        anchor.prefix = r.need(a, "prefix", str, aw, default=None)
        anchor.suffix = r.need(a, "suffix", str, aw, default=None)
        anchor.orphaned = r.need(a, "orphaned", bool, aw, default=False)
        if "start" in a or "end" in a:
            anchor.start, anchor.end = r.offsets(a, aw)
        tags = r.need(d, "tags", list, where, default=[])
        doc.notes.append(
            Note(
                id=r.need(d, "id", str, where),
                text=r.need(d, "text", str, where),
                anchor=anchor,
                tags=[str(t) for t in tags],
                created=r.need(d, "created", str, where, default=""),
                updated=r.need(d, "updated", str, where, default=""),
                extra=unknown_keys(d, NOTE_KEYS, where),
            )
        )
    _unique([n.id for n in doc.notes], "notes")


def _read_parser(r: _Reader, value: Any, doc: Document) -> None:
    if value is None:
        return
    d = r.mapping(value, "parser")
    doc.parser = ParserInfo(
        model=r.need(d, "model", str, "parser"),
        model_version=str(r.need(d, "model_version", (str, int, float), "parser")),
        briefreader=str(r.need(d, "briefreader", (str, int, float), "parser", default=__version__)),
        extra=unknown_keys(d, PARSER_KEYS, "parser"),
    )


def _unique(ids: list[str], field: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise FieldError(field, f"id {short(i)} is used twice")
        seen.add(i)
