"""Small libraries of the project's own briefs, annotated by hand (no spaCy), for the library tests."""

from __future__ import annotations

from pathlib import Path

from briefreader.io.sources import read_brief
from briefreader.io.store import save_document
from briefreader.library.text import split_sentences
from briefreader.model.document import (
    Anchor,
    Document,
    Entity,
    Evidence,
    KeyPoint,
    Mention,
    Note,
    ParserInfo,
    Sentence,
)

HARBOUR = """\
Harbour talks between Arland and Belmark resume in Corvale

Ministers from Arland and Belmark met in Corvale on Monday to resume talks on the disputed harbour.
Arland's foreign minister, Mira Solvik, said the talks were frank.
Solvik invited her Belmark counterpart, Teo Vance, to visit Arland in May.

Vance said Belmark wanted the harbour reopened to fishing boats before the summer.
"""

GLACIER = """\
---
title: Glacier survey finds rapid retreat in the Nordvik range
date: 2026-02-10
tags: [climate, survey]
---

# Glacier survey finds rapid retreat in the Nordvik range

The Nordvik glacier lost a tenth of its mass in five years, the survey said.
Scientists from the Polar Institute measured the glacier from the air.

## Next steps

The institute will return to the glacier in the spring. Dr. Hale Ostrow leads the team.
"""

MARKET = """\
14 March, 2026
fish-market-prices-climb-in-corvale

Fish prices in Corvale rose for a third week as boats stayed in the harbour.
Traders said the closure of the harbour had cut supplies by half.
"""


def annotate_by_hand(doc: Document, entities: dict[str, tuple[str, list[str]]]) -> Document:
    """Give a Document sentences and entities as a parse would (name -> label, spellings).

    Entities listed first keep their words: 'Solvik' after 'Mira Solvik' finds only the bare ones.
    """
    spans: list[tuple[int, int]] = []
    for b in doc.blocks:
        spans += [(b.start, b.end)] if b.kind != "paragraph" else split_sentences(doc.text, b.start, b.end)
    doc.sentences = [Sentence(a, e, doc.block_at(a) or 0) for a, e in spans]
    taken: list[tuple[int, int]] = []
    for i, (name, (label, spellings)) in enumerate(entities.items(), 1):
        mentions = []
        for spelling in spellings:
            at = doc.text.find(spelling)
            while at != -1:
                end = at + len(spelling)
                before = doc.text[at - 1] if at else " "
                after = doc.text[end] if end < len(doc.text) else " "
                free = not any(a < end and at < b for a, b in taken)  # earlier entities keep their words
                if free and not before.isalnum() and not after.isalnum():
                    mentions.append(Mention(at, end, spelling, "model", label))
                    taken.append((at, end))
                at = doc.text.find(spelling, at + 1)
        doc.entities.append(Entity(f"e{i}", name, label, sorted(mentions, key=lambda m: m.start)))
    doc.parser = ParserInfo("hand", "1", "test")
    return doc


def write(path: Path, text: str) -> Path:
    """Write a file, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def annotated(source: Path, entities: dict[str, tuple[str, list[str]]], target: Path | None = None) -> Document:
    """Read a source, annotate it by hand, save it as YAML (beside it unless ``target``)."""
    doc = annotate_by_hand(read_brief(source), entities)
    save_document(doc, target or source.with_suffix(".yaml"))
    return doc


def harbour_entities() -> dict[str, tuple[str, list[str]]]:
    """The hand annotation of HARBOUR."""
    return {
        "Arland": ("GPE", ["Arland"]),
        "Belmark": ("GPE", ["Belmark"]),
        "Corvale": ("GPE", ["Corvale"]),
        "Mira Solvik": ("PERSON", ["Mira Solvik", "Solvik"]),
        "Teo Vance": ("PERSON", ["Teo Vance", "Vance"]),
        "Monday": ("DATE", ["Monday"]),
    }


def make_library(root: Path) -> Path:
    """A library: an annotated brief with a note and a key point, a new Markdown brief, a seed brief in a subfolder."""
    harbour = write(root / "talks" / "harbour.txt", HARBOUR)
    doc = annotate_by_hand(read_brief(harbour), harbour_entities())
    s = doc.text.index("Solvik invited")
    e = doc.text.index("in May.") + len("in May.")
    doc.key_points.append(
        KeyPoint("k1", "Invitation: Teo Vance to Arland", "invitation", 1.0, [Evidence(s, e, doc.text[s:e])])
    )
    n = doc.text.index("Arland's foreign")
    ne = doc.text.index("frank.") + len("frank.")
    doc.notes.append(
        Note(
            "n1",
            "Check whether the fishing quota is on the agenda",
            Anchor("sentence", None, n, ne, doc.text[n:ne]),
            ["follow-up"],
        )
    )
    save_document(doc, harbour.with_suffix(".yaml"))
    write(root / "glacier.md", GLACIER)
    write(root / "markets" / "fish-market.txt", MARKET)
    return root


ENTITY_TEXTS = {
    "a": "Talks in Corvale\n\nFerdinand Marcos Jr. met Teo Vance in Corvale. Marcos said the talks went well. "
    "The Pacific Harbour Authority (PHA) approved the plan on Monday.\n",
    "b": "Marcos returns\n\nMarcos flew home from Corvale on Monday. The PHA will meet again.\n",
    "c": "Vance at home\n\nTeo Vance spoke in Washington. Vance said George Washington was his hero.\n",
    "d": "Two Vances\n\nLena Vance and Teo Vance met Ada Solvik and Mira Solvik. Solvik spoke first.\n",
}


def entity_library(root: Path) -> Path:
    """Four briefs whose entities join across briefs, or must not (namesakes, a city and a person)."""
    specs = {
        "a": {
            "Ferdinand Marcos Jr.": ("PERSON", ["Ferdinand Marcos Jr.", "Marcos"]),
            "Teo Vance": ("PERSON", ["Teo Vance"]),
            "Corvale": ("GPE", ["Corvale"]),
            "Pacific Harbour Authority": ("ORG", ["Pacific Harbour Authority"]),
            "Monday": ("DATE", ["Monday"]),
        },
        "b": {
            "Marcos": ("PERSON", ["Marcos"]),
            "Corvale": ("GPE", ["Corvale"]),
            "PHA": ("ORG", ["PHA"]),
            "Monday": ("DATE", ["Monday"]),
        },
        "c": {
            "Teo Vance": ("PERSON", ["Teo Vance", "Vance"]),
            "George Washington": ("PERSON", ["George Washington"]),
            "Washington": ("GPE", ["Washington"]),
        },
        "d": {
            "Lena Vance": ("PERSON", ["Lena Vance"]),
            "Teo Vance": ("PERSON", ["Teo Vance"]),
            "Ada Solvik": ("PERSON", ["Ada Solvik"]),
            "Mira Solvik": ("PERSON", ["Mira Solvik"]),
            "Solvik": ("PERSON", ["Solvik"]),
        },
    }
    for name, text in ENTITY_TEXTS.items():
        annotated(write(root / f"{name}.txt", text), specs[name])
    return root
