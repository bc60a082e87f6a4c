"""How many notes survive realistic edits of a brief's text (issue 20, item 5).

Usage: python tests/perf/notes_survival.py [--verbose]

Every body sentence of the bundled briefs (``briefs/``, parsed with the
installed spaCy pipeline for their sentences) gets a note anchored to it
(``edits.make_anchor``: quote and 32 characters of context each side).
Then, one edit at a time, the text is changed and the note carried onto
the new text (``reanchor.transfer_annotations``, what opening a changed
source and ``E`` do):

- ``word changed``: the sentence's longest word becomes another word;
- ``sentence split``: the sentence cut in two at a comma or an ' and ';
- ``paragraph moved``: the sentence's paragraph moved to the end (to the
  front when it is the last);
- ``sentence deleted``: the next sentence (the one before, for the last)
  deleted: this note must stay, and a note on the deleted one must be
  orphaned, not put somewhere else.

A note survives when it is not orphaned and its new span overlaps where
its sentence now is. Printed beside each figure: what the exact quote
alone (the anchoring before issue 20) would have kept.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from briefreader.io.sources import read_brief
from briefreader.model import edits
from briefreader.model.document import Document
from briefreader.model.reanchor import find_quote, offset_map, transfer_annotations
from briefreader.nlp.annotate import annotate_document
from briefreader.nlp.pipeline import load_model

BRIEFS = Path(__file__).resolve().parents[2] / "briefs"


@dataclass
class Edit:
    """A changed text and where the noted sentence now is (None: it is gone)."""

    text: str
    where: tuple[int, int] | None
    gone: tuple[int, int] | None = None
    """The deleted sentence's span in the old text (``sentence deleted`` only)."""


def _word_changed(doc: Document, s: tuple[int, int]) -> Edit | None:
    sent = doc.text[s[0] : s[1]]
    words = sorted(re.finditer(r"[A-Za-z]{4,}", sent), key=lambda m: -len(m.group(0)))
    if not words:
        return None
    m = words[0]
    new = sent[: m.start()] + "revised" + sent[m.end() :]
    return Edit(doc.text[: s[0]] + new + doc.text[s[1] :], (s[0], s[0] + len(new)))


def _sentence_split(doc: Document, s: tuple[int, int]) -> Edit | None:
    sent = doc.text[s[0] : s[1]]
    cut = next(
        (m for m in re.finditer(r", | and ", sent) if len(sent) * 0.25 < m.start() < len(sent) * 0.8),
        None,
    )
    if cut is None:
        return None
    rest = sent[cut.end() :]
    new = sent[: cut.start()] + ". " + rest[:1].upper() + rest[1:]
    return Edit(doc.text[: s[0]] + new + doc.text[s[1] :], (s[0], s[0] + len(new)))


def _paragraph_moved(doc: Document, s: tuple[int, int]) -> Edit | None:
    paras = [b for b in doc.blocks if b.kind == "paragraph"]
    mine = next((b for b in paras if b.start <= s[0] < b.end), None)
    if mine is None or len(paras) < 2:
        return None
    chunk = doc.text[mine.start : mine.end]
    without = doc.text[: mine.start] + doc.text[mine.end :].lstrip("\n")
    if mine is not paras[-1]:
        text = without.rstrip("\n") + "\n\n" + chunk + "\n"
        at = len(without.rstrip("\n")) + 2
    else:
        first = paras[0].start
        text = doc.text[:first] + chunk + "\n\n" + doc.text[first : mine.start].rstrip("\n") + "\n"
        at = first
    return Edit(text, (at + s[0] - mine.start, at + s[1] - mine.start))


def _sentence_deleted(doc: Document, s: tuple[int, int]) -> Edit | None:
    body = _body(doc)
    i = body.index(s)
    if len(body) < 2:
        return None
    other = body[i + 1] if i + 1 < len(body) else body[i - 1]
    end = other[1]
    while end < len(doc.text) and doc.text[end] == " ":
        end += 1
    text = doc.text[: other[0]] + doc.text[end:]
    shift = end - other[0] if other[0] < s[0] else 0
    return Edit(text, (s[0] - shift, s[1] - shift), gone=other)


EDITS: dict[str, Callable[[Document, tuple[int, int]], Edit | None]] = {
    "word changed": _word_changed,
    "sentence split": _sentence_split,
    "paragraph moved": _paragraph_moved,
    "sentence deleted": _sentence_deleted,
}


def _body(doc: Document) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.sentences if doc.blocks[s.block].kind == "paragraph"]


def _bare(doc: Document) -> Document:
    return Document(doc.meta, doc.text, list(doc.blocks), list(doc.sentences))


def _carried(doc: Document, spans: list[tuple[int, int]], text: str) -> list[tuple[bool, int, int]]:
    """(orphaned, start, end) of a note on each span after the edit."""
    old = _bare(doc)
    for s in spans:
        edits.add_note(old, "note", edits.make_anchor(old, "sentence", start=s[0], end=s[1]))
    new = Document(doc.meta, text)
    transfer_annotations(old, new)
    return [(n.anchor.orphaned, n.anchor.start or 0, n.anchor.end or 0) for n in new.notes]


def _exact_only(doc: Document, s: tuple[int, int], text: str) -> tuple[int, int] | None:
    at = find_quote(text, doc.text[s[0] : s[1]], offset_map(doc.text, text)(s[0]))
    return None if at is None else (at, at + s[1] - s[0])


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int]) -> bool:
    return a is not None and a[0] < b[1] and b[0] < a[1]


def main(verbose: bool = False) -> None:
    model = load_model()
    totals: dict[str, list[int]] = {name: [0, 0, 0] for name in EDITS}
    orphaned_right = [0, 0]
    for path in sorted(BRIEFS.iterdir()):
        doc = read_brief(path)
        annotate_document(doc, model)
        for s in _body(doc):
            for name, make in EDITS.items():
                edit = make(doc, s)
                if edit is None or edit.where is None:
                    continue
                spans = [s] + ([edit.gone] if edit.gone else [])
                carried = _carried(doc, spans, edit.text)
                orphaned, a, b = carried[0]
                kept = not orphaned and _overlaps((a, b), edit.where)
                exact = _overlaps(_exact_only(doc, s, edit.text), edit.where)
                row = totals[name]
                row[0] += 1
                row[1] += kept
                row[2] += exact
                if edit.gone is not None:
                    orphaned_right[0] += 1
                    orphaned_right[1] += carried[1][0]
                if verbose and not kept:
                    print(f"  lost ({name}) {path.name}: {doc.text[s[0] : s[1]][:80]!r}")
    print(f"{'edit':<18} {'notes':>5} {'survive':>8} {'exact quote only':>17}")
    for name, (n, kept, exact) in totals.items():
        print(f"{name:<18} {n:>5} {kept:>4} {kept / n:>4.0%} {exact:>9} {exact / n:>6.0%}")
    n, right = orphaned_right
    print(f"notes on a deleted sentence orphaned (not moved elsewhere): {right}/{n}")


if __name__ == "__main__":
    main("--verbose" in sys.argv)
