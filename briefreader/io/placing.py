"""Put annotations read as written onto the text of a saved brief.

If the blocks still tile the text (the file as the reader saved it, or a
hand edit that kept every length), offsets that match stay and drifted
ones are found again by their quote. If ``text:`` was edited by hand, its
blocks and sentences are found again from the text (``io.relayout``) and
every span by its quote (``model.reanchor``). What cannot be found is
named in the document's warnings; notes are never dropped.
"""

from __future__ import annotations

import bisect

from briefreader.io.errors import BriefError
from briefreader.io.relayout import layout_fits, relayout
from briefreader.model.document import Block, Document, Sentence
from briefreader.model.event import Trigger


def place_annotations(raw: Document, sentences: list[tuple[int, int]], warnings: list[str], source: str) -> Document:
    """Put the annotations read as written onto the text, repairing what a hand edit moved."""
    text = raw.text
    doc = Document(meta=raw.meta, text=text, parser=raw.parser, corrections=raw.corrections, extra=raw.extra)
    if layout_fits(text, raw.blocks):
        doc.blocks = raw.blocks
        starts = [b.start for b in doc.blocks]
        for i, (start, end) in enumerate(sentences):
            if end > len(text):
                raise BriefError(source, f"sentences[{i}] offsets {start}-{end} are outside the text (0-{len(text)})")
            doc.sentences.append(Sentence(start, end, max(0, bisect.bisect_right(starts, start) - 1)))
        if all_in_place(raw):
            # The usual case, a file as the reader saved it: nothing to find again.
            doc.entities, doc.key_points, doc.notes = raw.entities, raw.key_points, raw.notes
            doc.events = raw.events
            doc.rejected_key_points = raw.rejected_key_points
            doc.warnings.extend(warnings)
            return doc
        from briefreader.model.reanchor import carry_over  # only for spans that moved (a hand edit)

        report = carry_over(raw, doc, lambda x: x)
    else:
        from briefreader.model.reanchor import carry_over

        blocks, new_sentences, where = relayout(text, raw.blocks, sentences)
        # The old blocks' extra keys stay with the block they pair with, when the count is unchanged.
        if len(blocks) == len(raw.blocks):
            blocks = [Block(b.kind, b.start, b.end, old.extra) for b, old in zip(blocks, raw.blocks, strict=True)]
        doc.blocks, doc.sentences = blocks, new_sentences
        warnings.append(
            "text: changed by hand since it was saved: blocks and sentences found again from the text"
            " (sentences cut at . ! ? until the next parse)"
        )
        report = carry_over(raw, doc, where)
    if report.moved:
        warnings.append(f"repaired {report.moved} span{'s' if report.moved != 1 else ''} by their quote")
    warnings.extend(report.orphans)
    doc.warnings.extend(warnings)
    return doc


def all_in_place(raw: Document) -> bool:
    """True when every span's words are at its offsets (then nothing needs repairing)."""
    text = raw.text
    for e in raw.entities:
        if not e.mentions:
            continue
        for m in e.mentions:
            if not m.text or text[m.start : m.end] != m.text:
                return False
    for k in raw.key_points:
        for ev in k.evidence:
            if not ev.quote or text[ev.start : ev.end] != ev.quote:
                return False
        for frame in ([k.event] if k.event else []) + k.more_events:
            if not _trigger_in_place(text, frame.trigger):
                return False
    for ev in raw.rejected_key_points:
        if text[ev.start : ev.end] != ev.quote:
            return False
    for frame in raw.events:
        if not _trigger_in_place(text, frame.trigger):
            return False
        if frame.sentence is not None and frame.sentence[1] > len(text):
            return False
    for n in raw.notes:
        a = n.anchor
        if a.start is None or a.end is None or a.orphaned or a.kind == "brief":
            continue
        if a.end > len(text) or (a.quote and a.kind != "entity" and text[a.start : a.end] != a.quote):
            return False
    return True


def _trigger_in_place(text: str, trigger: Trigger) -> bool:
    return bool(trigger.text) and text[trigger.start : trigger.end] == trigger.text
