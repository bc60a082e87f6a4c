"""Carry annotations from one version of a brief's text to another, by their quotes.

Two things change a brief's text under its annotations: reopening ``NAME.txt``
after its ``NAME.yaml`` was saved from an older copy, and a hand edit of
``text:`` in the YAML. Both are the same problem: every mention, evidence
span and note anchor carries the words it points at, so it can be found
again in the new text. The old offset, carried through a diff of the two
texts, says which occurrence was meant; only whole-word occurrences count,
so ``Berg`` is never found inside ``Bergen``.

What cannot be found is never lost in silence: mentions and evidence are
dropped and listed, notes are kept and marked orphaned. This module is the
one place that logic lives; the YAML store uses it for its repairs too.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from briefreader.model.anchoring import context, locate
from briefreader.model.document import Anchor, Document, Entity, Evidence, KeyPoint, Mention, Note, Sentence
from briefreader.model.event import EventFrame

OffsetMap = Callable[[int], int]
"""Where an offset of the old text most likely is in the new text."""


@dataclass
class ReanchorReport:
    """What happened to the annotations when they moved onto a new text."""

    moved: int = 0
    """Spans found again at another offset."""
    orphans: list[str] = field(default_factory=list)
    """One human-readable line per thing whose quote could not be found."""
    approximate: list[str] = field(default_factory=list)
    """One line per note found again by similarity, not by its exact words (``model.anchoring``)."""

    @property
    def changed(self) -> bool:
        """True when anything moved or was lost: worth telling the user."""
        return bool(self.moved or self.orphans)


# Finding a quote ---------------------------------------------------------------


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def is_whole_word(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` does not begin or end inside a word."""
    if start >= end:
        return False
    if start > 0 and _is_word(text[start]) and _is_word(text[start - 1]):
        return False
    return not (end < len(text) and _is_word(text[end - 1]) and _is_word(text[end]))


def find_quote(text: str, quote: str, near: int, accept: Callable[[int], bool] | None = None) -> int | None:
    """Start of the occurrence of ``quote`` nearest ``near``, if any.

    An exact match at ``near`` itself is where the span was, even mid-word
    (a span may have been cut there on purpose); anywhere else only whole
    words count. ``accept`` can turn an occurrence down (one already taken
    by another span).
    """
    if not quote:
        return None
    n = len(quote)
    near = max(0, min(near, len(text)))
    if text.startswith(quote, near) and (accept is None or accept(near)):
        return near

    def good(i: int) -> bool:
        return is_whole_word(text, i, i + n) and (accept is None or accept(i))

    after = text.find(quote, near)
    while after != -1 and not good(after):
        after = text.find(quote, after + 1)
    # rfind(sub, 0, end) only sees occurrences that end by ``end``: those starting before ``near``.
    before = text.rfind(quote, 0, near + n - 1)
    while before != -1 and not good(before):
        before = text.rfind(quote, 0, before + n - 1)
    if after != -1 and (before == -1 or after - near <= near - before):
        return after
    return None if before == -1 else before


class _Taken:
    """Spans already given out, which must not overlap one another.

    Spans sit in buckets by where they start; a span can only overlap ones
    starting in its own buckets or up to the longest span before it, so a
    check looks at one or two buckets (a sorted list costs O(n) per insert).
    """

    _SIZE = 256

    def __init__(self) -> None:
        self.buckets: dict[int, list[tuple[int, int]]] = {}
        self.longest = 0

    def free(self, start: int, end: int) -> bool:
        for b in range((start - self.longest) // self._SIZE, (max(start, end - 1)) // self._SIZE + 1):
            for s, e in self.buckets.get(b, ()):
                if (s < end and start < e) or s == start:
                    return False
        return True

    def add(self, start: int, end: int) -> None:
        self.buckets.setdefault(start // self._SIZE, []).append((start, end))
        self.longest = max(self.longest, end - start)


# Mapping offsets from the old text to the new one ------------------------------


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix (binary search on slice equality: C speed on 1 MB)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _line_starts(lines: list[str], base: int) -> list[int]:
    starts = [base]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def offset_map(old: str, new: str) -> OffsetMap:
    """Map offsets of ``old`` onto ``new``: exact where the text is unchanged.

    The common prefix and suffix are matched first (a hand edit is usually
    one place), then the middle line by line; an offset inside a changed
    stretch goes to the same distance into its replacement, clamped.
    """
    if old == new:
        return lambda x: x
    p = _common_prefix(old, new)
    s = _common_suffix(old, new, min(len(old), len(new)) - p)
    # Segments: (old_start, old_end, new_start, new_end, equal)
    segments: list[tuple[int, int, int, int, bool]] = [(0, p, 0, p, True)]
    old_mid, new_mid = old[p : len(old) - s], new[p : len(new) - s]
    a_lines, b_lines = old_mid.splitlines(keepends=True), new_mid.splitlines(keepends=True)
    if len(a_lines) > 1 and len(b_lines) > 1:
        a_at, b_at = _line_starts(a_lines, p), _line_starts(b_lines, p)
        matcher = difflib.SequenceMatcher(None, a_lines, b_lines)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            segments.append((a_at[i1], a_at[i2], b_at[j1], b_at[j2], tag == "equal"))
    else:
        segments.append((p, len(old) - s, p, len(new) - s, False))
    segments.append((len(old) - s, len(old), len(new) - s, len(new), True))
    starts = [seg[0] for seg in segments]

    def where(x: int) -> int:
        if x >= len(old):
            return max(0, len(new) + x - len(old))
        a0, _a1, b0, b1, equal = segments[max(0, bisect.bisect_right(starts, x) - 1)]
        if equal:
            return b0 + (x - a0)
        return b0 + min(max(0, x - a0), b1 - b0)

    return where


# Carrying annotations over ------------------------------------------------------


def _short(text: str, width: int = 40) -> str:
    one_line = " ".join(text.split())
    return repr(one_line if len(one_line) <= width else one_line[: width - 1] + "…")


def transfer_annotations(old: Document, new: Document) -> ReanchorReport:
    """Carry old's entities (mentions), key points (evidence, event trigger), event frames (trigger,
    sentence) and notes (anchors) onto new, whose text and blocks are authoritative, finding each
    span by its quote nearest its old offset. Notes whose quote is gone are kept with
    anchor.orphaned = True (never dropped); new.sentences are left as they are."""
    return carry_over(old, new, offset_map(old.text, new.text))


def carry_over(old: Document, new: Document, near: OffsetMap) -> ReanchorReport:
    """``transfer_annotations`` with the offset map given.

    The YAML store calls this directly: after a hand edit of ``text:`` the
    old text is gone, so its map comes from the old block layout instead
    of a diff. ``old``'s offsets may lie outside its text; ``old`` itself is
    not changed.
    """
    report = ReanchorReport()
    mover = _Mover(new.text, near, report)
    new.entities = mover.entities(old.entities)
    new.key_points = mover.key_points(old.key_points)
    new.events = mover.events(old.events, new.key_points, new.sentences)
    new.notes = mover.notes(old.notes, new.entities)
    # A deleted key point's sentence stays rejected where it is found again; gone from the text, it is moot.
    new.rejected_key_points = [
        Evidence(*span, ev.quote, ev.extra)
        for ev in old.rejected_key_points
        if (span := mover.find(ev.start, ev.quote)) is not None
    ]
    return report


class _Mover:
    """Finds spans in the new text and keeps the report."""

    def __init__(self, text: str, near: OffsetMap, report: ReanchorReport) -> None:
        self.text = text
        self.near = near
        self.report = report

    def find(self, start: int, quote: str, taken: _Taken | None = None) -> tuple[int, int] | None:
        n = len(quote)
        accept = (lambda i: taken.free(i, i + n)) if taken is not None else None
        at = find_quote(self.text, quote, self.near(start), accept)
        if at is None:
            return None
        if at != start:
            self.report.moved += 1
        return at, at + len(quote)

    def entities(self, old: list[Entity]) -> list[Entity]:
        out: list[Entity] = []
        # Shown mentions never overlap each other; rejected ones may lie under shown ones.
        shown, rejected = _Taken(), _Taken()
        for i, ent in enumerate(old):
            mentions: list[Mention] = []
            for j, m in enumerate(ent.mentions):
                taken = shown if m.visible else rejected
                span = self.find(m.start, m.text, taken)
                if span is None:
                    self.report.orphans.append(
                        f"mention {_short(m.text)} of {ent.name} (entities[{i}].mentions[{j}]) is no longer in the "
                        "text: dropped"
                    )
                    continue
                taken.add(*span)
                mentions.append(replace(m, start=span[0], end=span[1]))
            if ent.mentions and not mentions:
                self.report.orphans.append(f"entity {ent.name} ({ent.id}) has no mention left: dropped")
                continue
            out.append(replace(ent, mentions=mentions))
        return out

    def key_points(self, old: list[KeyPoint]) -> list[KeyPoint]:
        out: list[KeyPoint] = []
        for i, kp in enumerate(old):
            evidence: list[Evidence] = []
            for j, ev in enumerate(kp.evidence):
                span = self.find(ev.start, ev.quote)
                if span is None:
                    self.report.orphans.append(
                        f"evidence {_short(ev.quote)} of key point {_short(kp.title)} (key_points[{i}].evidence[{j}]) "
                        "is no longer in the text: dropped"
                    )
                    continue
                evidence.append(Evidence(span[0], span[1], ev.quote))
            if kp.evidence and not evidence:
                # The title, pin and order are the analyst's: keep the point, say it lost its evidence.
                self.report.orphans.append(f"key point {_short(kp.title)} ({kp.id}) has no evidence left")
            event = kp.event
            if event is not None:
                event = self.frame(event)
                if event is None:
                    assert kp.event is not None
                    self.report.orphans.append(
                        f"event of key point {_short(kp.title)} (key_points[{i}].event): its word "
                        f"{_short(kp.event.trigger.text)} is no longer in the text: dropped until the next parse"
                    )
            more = [f for ev in kp.more_events if (f := self.frame(ev)) is not None]
            out.append(replace(kp, evidence=evidence, event=event, more_events=more, events=list(kp.events)))
        return out

    def events(self, old: list[EventFrame], points: list[KeyPoint], sentences: list[Sentence]) -> list[EventFrame]:
        """Each frame moved with its trigger, its sentence the one the trigger is now in.

        A frame whose word is gone is dropped and named, and the key points
        stop listing it (the next parse reads the sentence again).
        """
        out: list[EventFrame] = []
        gone: set[str] = set()
        starts = [s.start for s in sentences]
        for i, ev in enumerate(old):
            moved = self.frame(ev)
            if moved is None:
                self.report.orphans.append(
                    f"event {ev.id or i} ({ev.type}, events[{i}]): its word {_short(ev.trigger.text)} is no longer "
                    "in the text: dropped until the next parse"
                )
                gone.add(ev.id)
                continue
            if ev.sentence is not None:
                at = bisect.bisect_right(starts, moved.trigger.start) - 1
                if at >= 0 and sentences[at].start <= moved.trigger.start < sentences[at].end:
                    moved.sentence = (sentences[at].start, sentences[at].end)
                else:
                    start = max(0, min(self.near(ev.sentence[0]), len(self.text)))
                    moved.sentence = (start, max(start, min(self.near(ev.sentence[1]), len(self.text))))
            out.append(moved)
        for kp in points:
            kp.events = [i for i in kp.events if i not in gone]
        return out

    def frame(self, ev: EventFrame) -> EventFrame | None:
        """The frame with its trigger found again by its word, or None when the word is gone."""
        span = self.find(ev.trigger.start, ev.trigger.text)
        if span is None:
            return None
        return replace(ev, trigger=replace(ev.trigger, start=span[0], end=span[1]))

    def notes(self, old: list[Note], entities: list[Entity]) -> list[Note]:
        out: list[Note] = []
        by_id = {e.id: e for e in entities}
        for i, note in enumerate(old):
            anchor = replace(note.anchor)
            out.append(replace(note, anchor=anchor, tags=list(note.tags)))
            if anchor.start is None or anchor.end is None or anchor.kind == "brief":
                continue
            span = None if anchor.orphaned else self._anchor_span(anchor, by_id)
            if span is None:
                length = max(0, anchor.end - anchor.start)
                start = max(0, min(self.near(anchor.start), len(self.text)))
                anchor.start, anchor.end = start, min(start + length, len(self.text))
                if not anchor.orphaned:
                    anchor.orphaned = True
                    what = _short(anchor.quote) if anchor.quote else f"{note.anchor.start}-{note.anchor.end}"
                    self.report.orphans.append(
                        f"note {note.id} {_short(note.text)} (notes[{i}]): {what} is no longer in the text; kept as "
                        "an orphaned note"
                    )
                continue
            anchor.start, anchor.end = span
            if anchor.quote is not None and anchor.kind != "entity":
                now = self.text[span[0] : span[1]]
                if now != anchor.quote:
                    self.report.approximate.append(
                        f"note {note.id} {_short(note.text)} (notes[{i}]): {_short(anchor.quote)} found again as "
                        f"{_short(now)}"
                    )
                anchor.quote = now
            if anchor.prefix is not None or anchor.suffix is not None or anchor.quote:
                anchor.prefix, anchor.suffix = context(self.text, *span)
        return out

    def _anchor_span(self, anchor: Anchor, entities: dict[str, Entity]) -> tuple[int, int] | None:
        assert anchor.start is not None and anchor.end is not None
        if anchor.kind == "entity":
            # The quote is the entity's name; the span is one of its mentions.
            ent = entities.get(anchor.ref or "")
            shown = ent.visible_mentions if ent else []
            if shown:
                target = self.near(anchor.start)
                m = min(shown, key=lambda m: abs(m.start - target))
                if m.start != anchor.start:
                    self.report.moved += 1
                return m.start, m.end
        if anchor.quote:
            # The quote with its context, exactly or by similarity (``anchoring``).
            found = locate(self.text, anchor.quote, self.near(anchor.start), anchor.prefix, anchor.suffix)
            if found is None:
                return None
            if found.start != anchor.start:
                self.report.moved += 1
            return found.start, found.end
        start, end = self.near(anchor.start), self.near(anchor.end)
        if not 0 <= start <= end <= len(self.text):
            return None
        if start != anchor.start:
            self.report.moved += 1
        return start, end
