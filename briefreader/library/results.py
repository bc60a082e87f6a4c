"""What the library index answers with: plain, frozen records the screens can hold.

Paths are absolute (``path``) and relative to the library folder (``rel``),
so a table can show the short form and open the long one. Offsets are
character offsets into the brief's text as the reader shows it (the
``text:`` of its YAML, or the normalised text of its source).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefreader.library.scan import fs_name

STATUSES: dict[str, str] = {
    "new": "new",
    "annotated": "annotated",
    "changed": "source changed",
    "recovery": "unsaved recovery",
    "error": "unreadable",
}
"""Status codes and the words a table shows for them."""


@dataclass(frozen=True, slots=True)
class BriefInfo:
    """One row of the library table.

    With ``__slots__``: the library screen holds one per brief (20,000 in
    a large library), and a slotted instance is a third of one with a ``__dict__``.
    """

    root: Path
    """The library folder."""
    rel: str
    """The file the reader opens, relative to the library: the annotated YAML when there is one, else the source."""
    title: str
    date: str | None
    status: str
    """A key of STATUSES: new, annotated, changed, recovery (unsaved work waiting) or error."""
    entities: int
    key_points: int
    notes: int
    parsed: bool
    """True when entities and key points are known (annotated, or a parse was fed back)."""
    source_rel: str | None = None
    yaml_rel: str | None = None
    tags: tuple[str, ...] = ()
    error: str | None = None
    """Why the brief cannot be read, for status ``error``."""
    mtime_ns: int = 0

    @property
    def path(self) -> Path:
        """The file the reader opens (absolute)."""
        return self.root / fs_name(self.rel)

    @property
    def source(self) -> Path | None:
        """The brief's source file (.txt, .md), when there is one."""
        return self.root / fs_name(self.source_rel) if self.source_rel else None

    @property
    def yaml(self) -> Path | None:
        """The brief's annotated YAML, when there is one."""
        return self.root / fs_name(self.yaml_rel) if self.yaml_rel else None

    @property
    def status_text(self) -> str:
        """The status as a table shows it."""
        return STATUSES.get(self.status, self.status)


@dataclass(frozen=True)
class SearchHit:
    """A sentence, key point or note that matched, with where to open the brief."""

    path: Path
    rel: str
    title: str
    kind: str
    """``text`` (a sentence of the brief), ``key_point`` or ``note``."""
    text: str
    """What matched: the sentence, the key point's title, the note's text."""
    highlights: tuple[tuple[int, int], ...]
    """Spans of ``text`` that match the query (for highlighting)."""
    start: int
    end: int
    """The sentence to open at (offsets into the brief's text; 0, 0 for a note on the whole brief)."""
    sentence: str
    """The text at start-end (equal to ``text`` for a sentence hit)."""
    score: float
    """Higher is better (bm25 with FTS5, a BM25 computed in Python without it)."""

    def to_json(self, shown_path: str | None = None) -> dict[str, object]:
        """The object ``briefreader search --json`` prints (``shown_path``: the path as the user gave it)."""
        return {
            "path": shown_path or str(self.path),
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "kind": self.kind,
            "match": self.text,
        }


@dataclass(frozen=True)
class EntitySummary:
    """One entity across the library: the mentions of every brief joined."""

    key: str
    """Stable handle for ``briefs_mentioning`` (the joined name's clustering key)."""
    name: str
    label: str
    aliases: tuple[str, ...]
    briefs: int
    mentions: int


@dataclass(frozen=True)
class EntityMention:
    """A brief that mentions an entity, and where it first does."""

    brief: BriefInfo
    name: str
    """The entity's name in that brief."""
    mentions: int
    start: int
    end: int


@dataclass
class RefreshReport:
    """What a refresh found and did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    total: int = 0
    seconds: float = 0.0
    notices: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the index now says something it did not before."""
        return bool(self.added or self.updated or self.removed)


@dataclass(frozen=True)
class Progress:
    """Sent while a refresh runs: how far, and which brief was just indexed."""

    done: int
    total: int
    rel: str | None = None
