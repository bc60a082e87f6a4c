"""Training data out: JSONL spans and a spaCy DocBin carry the analyst's corrections, span for span."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from briefreader.cli import main
from briefreader.export.docbin import spacy_doc
from briefreader.export.jsonl import brief_line
from briefreader.export.spans import Span, corrected_spans, resolve_overlaps
from briefreader.io.store import load_document, save_document
from briefreader.model import edits
from briefreader.model.document import Block, BriefMeta, Document, Entity, Mention

BRIEF = """Harbour talks end with a deal

Mayor Ines Okafor met the port authority chief, Daniel Brandt, in Kelso on Monday.
Okafor said the Kelso Port Authority would cut fees for small fishing boats.
Brandt praised the Fishermen's Union for its patience."""


def corrected(parse: Callable[[str, str], Document]) -> Document:
    """A parsed brief with one of each correction an analyst makes."""
    doc = parse(BRIEF, "harbour.txt")
    okafor = next(e for e in doc.entities if "Okafor" in e.name)
    edits.relabel_entity(doc, okafor.id, "NORP")  # a wrong label, on purpose: it must be what is exported
    brandt = next(e for e in doc.entities if "Brandt" in e.name)
    edits.reject_entity(doc, brandt.id)
    at = doc.text.index("small fishing boats")
    edits.add_mention(doc, at, at + len("small fishing boats"), "PRODUCT")
    return doc


def expected_spans(doc: Document) -> list[tuple[int, int, str]]:
    return sorted((m.start, m.end, e.label) for e in doc.entities for m in e.mentions if m.origin != "rejected")


def test_jsonl_line_has_text_corrected_spans_and_meta(parse: Callable[[str, str], Document]) -> None:
    doc = corrected(parse)
    line = brief_line(doc)
    assert line.endswith("\n") and line.count("\n") == 1
    record = json.loads(line)
    assert list(record) == ["text", "spans", "tokens", "relations", "meta", "events"]
    assert record["text"] == doc.text
    assert record["meta"] == {"title": "Harbour talks end with a deal", "date": None, "source": "harbour.txt"}
    spans = [(s["start"], s["end"], s["label"]) for s in record["spans"]]
    assert spans == expected_spans(doc)
    okafor = next(e for e in doc.entities if "Okafor" in e.name)
    assert {(m.start, m.end, "NORP") for m in okafor.mentions} <= set(spans)
    labelled = {doc.text[a:b]: label for a, b, label in spans}
    assert labelled["small fishing boats"] == "PRODUCT"
    assert not any("Brandt" in t for t in labelled)


def test_overlaps_resolved_longest_first_then_earliest_in_any_order() -> None:
    spans = [
        Span(0, 10, "A"),
        Span(5, 20, "B"),  # longest: wins over A and C
        Span(18, 25, "C"),
        Span(30, 35, "D"),  # D and E are as long: the earlier one stays
        Span(33, 38, "E"),
        Span(40, 44, "F"),
        Span(40, 44, "G"),  # same place, two labels: one of them, always the same
    ]
    expected = [Span(5, 20, "B"), Span(30, 35, "D"), Span(40, 44, "F")]
    rng = random.Random(7)
    for _ in range(20):
        rng.shuffle(spans)
        assert resolve_overlaps(spans) == expected


def test_overlapping_mentions_of_a_hand_edited_file_are_resolved_in_both_formats() -> None:
    text = "Title\n\nThe Bank of Kelso lent Kelso money."
    bank = text.index("Bank of Kelso")
    doc = Document(BriefMeta("Title"), text, blocks=[Block("title", 0, 5), Block("paragraph", 7, len(text))])
    doc.entities = [
        Entity(
            "e1",
            "Kelso",
            "GPE",
            [Mention(bank + 8, bank + 13, "Kelso"), Mention(text.rindex("Kelso"), len(text) - 7, "Kelso")],
        ),
        Entity("e2", "Bank of Kelso", "ORG", [Mention(bank, bank + 13, "Bank of Kelso")]),
    ]
    want = [(bank, bank + 13, "ORG"), (text.rindex("Kelso"), text.rindex("Kelso") + 5, "GPE")]
    assert [(s.start, s.end, s.label) for s in corrected_spans(doc)] == want
    assert [(s["start"], s["end"], s["label"]) for s in json.loads(brief_line(doc))["spans"]] == want
    sdoc, changes = spacy_doc(doc)
    assert [(e.start_char, e.end_char, e.label_) for e in sdoc.ents] == want and changes == []


def test_span_off_token_boundaries_is_widened_and_reported() -> None:
    text = "Title\n\nAnna Bergström met Kelsoans today."
    doc = Document(BriefMeta("Title"), text, blocks=[Block("title", 0, 5), Block("paragraph", 7, len(text))])
    kelso = text.index("Kelsoans")
    doc.entities = [
        Entity("e1", "Anna Berg", "PERSON", [Mention(7, 16, "Anna Berg", "user")]),  # cuts 'Bergström'
        Entity("e2", "Kelso", "NORP", [Mention(kelso, kelso + 5, "Kelso", "user")]),
    ]
    sdoc, changes = spacy_doc(doc)
    assert [(e.text, e.label_) for e in sdoc.ents] == [("Anna Bergström", "PERSON"), ("Kelsoans", "NORP")]
    assert len(changes) == 2 and all("widened" in c for c in changes)


def test_docbin_loads_back_in_spacy_with_every_span(
    parse: Callable[[str, str], Document], sample: Callable[[str], Document], tmp_path: Path
) -> None:
    docs = [corrected(parse), sample("korea-china-envoy.txt"), sample("chile-argentina-glacier-talks.md")]
    for i, doc in enumerate(docs):
        save_document(doc, tmp_path / f"b{i}.yaml")
    out = tmp_path / "train.spacy"
    assert main(["export", *(str(tmp_path / f"b{i}.yaml") for i in range(3)), "--to", "spacy", "--out", str(out)]) == 0
    loaded = list(DocBin().from_disk(out).get_docs(spacy.blank("en").vocab))
    assert len(loaded) == 3
    for sdoc, path in zip(loaded, [tmp_path / f"b{i}.yaml" for i in range(3)], strict=True):
        doc = load_document(path)
        assert sdoc.text == doc.text
        assert [(e.start_char, e.end_char, e.label_) for e in sdoc.ents] == [
            (s.start, s.end, s.label) for s in corrected_spans(doc)
        ]
        assert sdoc.user_data["briefreader"]["title"] == doc.meta.title
    assert [(e.start_char, e.end_char, e.label_) for e in loaded[0].ents] == expected_spans(docs[0])
