"""The one shared model of a brief: plain dataclasses, character offsets.

Every pane, the YAML store and the command line read this model; nothing
here knows about spaCy or Textual, so it can be built, edited and tested
without either.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from briefreader.model.extra import Extra

if TYPE_CHECKING:  # annotations only: a brief read from its source needs neither module
    from briefreader.model.corrections import Corrections
    from briefreader.model.event import EventFrame

BlockKind = Literal["title", "dateline", "heading", "paragraph"]
Origin = Literal["model", "user", "rejected"]
AnchorKind = Literal["brief", "sentence", "entity", "key_point", "span"]

BLOCK_KINDS: tuple[str, ...] = ("title", "dateline", "heading", "paragraph")
ORIGINS: tuple[str, ...] = ("model", "user", "rejected")
ANCHOR_KINDS: tuple[str, ...] = ("brief", "sentence", "entity", "key_point", "span")


@dataclass(frozen=True)
class BriefMeta:
    """What the brief says about itself, apart from its text."""

    title: str = ""
    date: str | None = None
    """ISO date (``YYYY-MM-DD``) when the source gives one."""
    source: str | None = None
    """Where the brief came from (a file name or a publication)."""
    slug: str | None = None
    tags: tuple[str, ...] = ()
    extra: Extra = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Block:
    """A title, dateline, heading or paragraph; sentences never cross one."""

    kind: BlockKind
    start: int
    end: int
    extra: Extra = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Sentence:
    """A sentence span; ``block`` is the index of the block holding it."""

    start: int
    end: int
    block: int


@dataclass
class Mention:
    """One occurrence of an entity in the text."""

    start: int
    end: int
    text: str
    origin: Origin = "model"
    label: str | None = None
    """The label the model gave this one mention (the entity keeps the vote)."""
    extra: Extra = field(default_factory=dict, hash=False)

    @property
    def visible(self) -> bool:
        """Rejected mentions stay in the file so a re-parse does not revive them."""
        return self.origin != "rejected"


@dataclass
class Entity:
    """A thing the brief talks about: a cluster of mentions under one name."""

    id: str
    name: str
    label: str
    mentions: list[Mention] = field(default_factory=list)
    edited: bool = False
    """Set by any user correction; a re-parse keeps edited entities as they are."""
    extra: Extra = field(default_factory=dict, hash=False)

    @property
    def visible_mentions(self) -> list[Mention]:
        """Mentions the reader shows (not rejected), in text order."""
        return sorted((m for m in self.mentions if m.visible), key=lambda m: m.start)

    @property
    def rejected(self) -> bool:
        """True when every mention was rejected: the entity is hidden."""
        return bool(self.mentions) and not any(m.visible for m in self.mentions)

    @property
    def aliases(self) -> list[str]:
        """Other spellings seen for this entity, most frequent first."""
        counts: dict[str, int] = {}
        for m in self.visible_mentions:
            if m.text != self.name:
                counts[m.text] = counts.get(m.text, 0) + 1
        return sorted(counts, key=lambda t: (-counts[t], t))


@dataclass(frozen=True)
class Evidence:
    """A span of the text that supports a key point, with its quote."""

    start: int
    end: int
    quote: str
    extra: Extra = field(default_factory=dict, hash=False)


@dataclass
class KeyPoint:
    """One of the brief's key points and the sentences it comes from."""

    id: str
    title: str
    category: str
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    pinned: bool = False
    event: EventFrame | None = None
    """What the point says happened (who, what, to whom, where, when), when the parse found it."""
    more_events: list[EventFrame] = field(default_factory=list)
    """Dated frames of the point's other evidence sentences (a 1978 war beside a 2019 row), each
    with its own headline in ``EventFrame.title``: the timeline lists them too. Schema 1 only:
    a version-1 file's are moved into ``Document.events`` when it is read."""
    events: list[str] = field(default_factory=list)
    """Ids of the event mentions (``Document.events``) the point groups: one happening."""
    extra: Extra = field(default_factory=dict, hash=False)
    title_template: str | None = None
    """The generated title with entity names as placeholders (``{e1} meets {e7}``): views render it with
    the names as they are now (``model.titles.title_of``), and ``title`` is only its rendering when made.
    None once the analyst wrote the title (``title`` is then theirs, shown as written)."""

    @property
    def start(self) -> int:
        """Where the first evidence starts (for document order)."""
        return min((e.start for e in self.evidence), default=0)


@dataclass
class Anchor:
    """What a note is about; the quote lets it survive a hand edit of the text."""

    kind: AnchorKind = "brief"
    ref: str | None = None
    """An entity or key point id, for those kinds."""
    start: int | None = None
    end: int | None = None
    quote: str | None = None
    orphaned: bool = False
    """True when the quoted text could not be found again after an edit."""
    extra: Extra = field(default_factory=dict, hash=False)
    prefix: str | None = None
    """Up to 32 characters of text before the quote, so an edited quote is found again by its context."""
    suffix: str | None = None
    """Up to 32 characters of text after the quote (see ``model.anchoring``)."""


@dataclass
class Note:
    """An analyst's note, anchored to what it is about."""

    id: str
    text: str
    anchor: Anchor = field(default_factory=Anchor)
    tags: list[str] = field(default_factory=list)
    created: str = ""
    updated: str = ""
    extra: Extra = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class ParserInfo:
    """Which pipeline produced the annotations, for reproducibility."""

    model: str
    model_version: str
    briefreader: str
    extra: Extra = field(default_factory=dict, hash=False)


@dataclass
class Document:
    """A brief with everything the reader knows and the analyst added."""

    meta: BriefMeta
    text: str
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    key_points: list[KeyPoint] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    events: list[EventFrame] = field(default_factory=list)
    """Every event frame found in the brief, in text order, ids ``v1``..; key points group them."""
    rejected_key_points: list[Evidence] = field(default_factory=list)
    """Evidence of key points the analyst deleted: a re-parse brings back no point on these sentences
    (as rejected mentions keep an entity hidden)."""
    parser: ParserInfo | None = None
    warnings: list[str] = field(default_factory=list)
    """Things the user should know about how the file was read (not saved)."""
    revision: int = 0
    """Bumped by every edit, so views and the recovery writer can tell it changed."""
    corrections: Corrections | None = None
    """The corrections from ``corrections.yaml`` that the last parse applied (saved with the brief)."""
    extra: Extra = field(default_factory=dict, hash=False)
    """Top-level keys of the saved file this reader does not know."""

    @property
    def parsed(self) -> bool:
        """True once entities and key points come from a parse or a saved file."""
        return self.parser is not None

    def quote(self, start: int, end: int) -> str:
        """The text between two offsets."""
        return self.text[start:end]

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with this id, if any."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def key_point(self, kp_id: str) -> KeyPoint | None:
        """The key point with this id, if any."""
        return next((k for k in self.key_points if k.id == kp_id), None)

    def event(self, event_id: str) -> EventFrame | None:
        """The event frame with this id, if any."""
        return next((e for e in self.events if e.id == event_id), None)

    def events_in(self, start: int, end: int) -> list[EventFrame]:
        """The event frames whose trigger lies in a span (a sentence), in text order."""
        return [e for e in self.events if start <= e.trigger.start < end]

    def note(self, note_id: str) -> Note | None:
        """The note with this id, if any."""
        return next((n for n in self.notes if n.id == note_id), None)

    def visible_entities(self) -> list[Entity]:
        """Entities the reader shows, in order of first mention."""
        shown = [e for e in self.entities if e.visible_mentions]
        return sorted(shown, key=lambda e: e.visible_mentions[0].start)

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence holding ``offset``, or None between sentences."""
        starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return i
        return None

    def block_at(self, offset: int) -> int | None:
        """Index of the block holding ``offset`` (blocks are in text order)."""
        i = bisect.bisect_right([b.start for b in self.blocks], offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return i
        return None

    def mentions(self) -> list[tuple[Mention, Entity]]:
        """Every visible mention with its entity, in text order."""
        pairs = [(m, e) for e in self.entities for m in e.visible_mentions]
        return sorted(pairs, key=lambda p: (p[0].start, -p[0].end))

    def key_points_for_span(self, start: int, end: int) -> list[KeyPoint]:
        """Key points whose evidence overlaps a span."""
        return [k for k in self.key_points if any(ev.start < end and start < ev.end for ev in k.evidence)]

    def notes_for_span(self, start: int, end: int) -> list[Note]:
        """Notes anchored inside or over a span of text."""
        out = []
        for n in self.notes:
            a = n.anchor
            if a.start is not None and a.end is not None and a.start < end and start < a.end:
                out.append(n)
        return out

    def notes_for_entity(self, entity: Entity) -> list[Note]:
        """Notes anchored to an entity or to text where it is mentioned."""
        spans = [(m.start, m.end) for m in entity.visible_mentions]
        out = []
        for n in self.notes:
            a = n.anchor
            if (a.kind == "entity" and a.ref == entity.id) or (
                a.start is not None and a.end is not None and any(s < a.end and a.start < e for s, e in spans)
            ):
                out.append(n)
        return out

    def key_points_for_entity(self, entity: Entity) -> list[KeyPoint]:
        """Key points whose evidence mentions an entity."""
        out = []
        for k in self.key_points:
            if any(ev.start <= m.start and m.end <= ev.end for ev in k.evidence for m in entity.visible_mentions):
                out.append(k)
        return out
