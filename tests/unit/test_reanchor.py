"""Annotations carried onto a changed text by their quotes (model.reanchor)."""

from __future__ import annotations

import copy

from briefreader.model import edits
from briefreader.model.document import (
    Block,
    BriefMeta,
    Document,
    Entity,
    Evidence,
    KeyPoint,
    Mention,
    Sentence,
)
from briefreader.model.reanchor import find_quote, offset_map, transfer_annotations

OLD = (
    "Talks in Bergen\n\n"
    "Anna Berg met Omar Haddad in Bergen on Monday. Berg said the talks went well.\n\n"
    "Haddad will return in May."
)


def _at(text: str, quote: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(quote, i + 1)
    return i, i + len(quote)


def annotated(text: str = OLD) -> Document:
    """A small annotated brief built by hand: two entities, a key point, three notes."""
    doc = Document(BriefMeta("Talks in Bergen"), text, blocks=_blocks(text))
    berg = Entity("e1", "Anna Berg", "PERSON", [Mention(*_at(text, "Anna Berg"), "Anna Berg")])
    berg.mentions.append(Mention(*_at(text, "Berg said")[:1], _at(text, "Berg said")[0] + 4, "Berg"))
    haddad = Entity(
        "e2",
        "Omar Haddad",
        "PERSON",
        [Mention(*_at(text, "Omar Haddad"), "Omar Haddad"), Mention(*_at(text, "Haddad will")[:1], 0, "Haddad")],
    )
    haddad.mentions[1].end = haddad.mentions[1].start + len("Haddad")
    doc.entities = [berg, haddad]
    first = _at(text, "Anna Berg met Omar Haddad in Bergen on Monday.")
    doc.key_points = [
        KeyPoint("k1", "Meeting: Anna Berg meets Omar Haddad", "visit", 1.0, [Evidence(*first, text[slice(*first)])])
    ]
    edits.add_note(doc, "on the meeting", edits.make_anchor(doc, "sentence", start=first[0], end=first[1]))
    edits.add_note(doc, "about Haddad", edits.make_anchor(doc, "entity", ref="e2"))
    edits.add_note(doc, "the whole brief", edits.make_anchor(doc, "brief"))
    return doc


def _blocks(text: str) -> list[Block]:
    out, pos = [], 0
    for i, chunk in enumerate(text.split("\n\n")):
        out.append(Block("title" if i == 0 else "paragraph", pos, pos + len(chunk)))
        pos += len(chunk) + 2
    return out


def fresh(text: str) -> Document:
    """What reading the changed source gives: text and blocks, no annotations."""
    return Document(BriefMeta("Talks in Bergen"), text, blocks=_blocks(text), sentences=[Sentence(0, 5, 0)])


def spans_match(doc: Document) -> None:
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text
    for k in doc.key_points:
        for ev in k.evidence:
            assert doc.text[ev.start : ev.end] == ev.quote


def test_same_text_changes_nothing() -> None:
    old = annotated()
    new = fresh(OLD)
    report = transfer_annotations(old, new)
    assert not report.changed and report.moved == 0 and report.orphans == []
    assert [m.start for e in new.entities for m in e.mentions] == [m.start for e in old.entities for m in e.mentions]
    assert [n.anchor for n in new.notes] == [n.anchor for n in old.notes]


def test_inserted_words_move_every_span_and_leave_old_alone() -> None:
    old = annotated()
    before = copy.deepcopy(old)
    text = OLD.replace("Talks in Bergen", "Talks in Bergen, Norway (updated)")
    new = fresh(text)
    report = transfer_annotations(old, new)
    shift = len(", Norway (updated)")
    assert report.changed and report.moved >= 7 and report.orphans == []
    spans_match(new)
    assert new.entities[0].mentions[0].start == old.entities[0].mentions[0].start + shift
    sentence_note, entity_note, brief_note = new.notes
    assert new.text[sentence_note.anchor.start : sentence_note.anchor.end] == sentence_note.anchor.quote
    assert (entity_note.anchor.start, entity_note.anchor.end) == (
        new.entities[1].mentions[0].start,
        new.entities[1].mentions[0].end,
    )
    assert brief_note.anchor.start is None and not any(n.anchor.orphaned for n in new.notes)
    assert new.sentences == [Sentence(0, 5, 0)], "sentences are the caller's"
    assert old == before, "the old document is not changed"


def test_the_occurrence_nearest_the_old_offset_is_chosen() -> None:
    text = "Berg\n\nBerg met Berg. Berg left."
    old = Document(BriefMeta(), text, entities=[Entity("e1", "Berg", "PERSON", [Mention(15, 19, "Berg")])])
    new = fresh("Berg\n\nOn Monday Berg met Berg. Berg left.")
    transfer_annotations(old, new)
    assert new.entities[0].mentions[0].start == 15 + len("On Monday ")


def test_only_whole_words_match() -> None:
    old = annotated()
    new = fresh(OLD.replace("Berg said", "Jones said"))
    report = transfer_annotations(old, new)
    names = [m.text for m in new.entities[0].mentions]
    assert names == ["Anna Berg"], "'Berg' must not be found inside 'Bergen', nor inside another mention"
    assert any("'Berg'" in line and "dropped" in line for line in report.orphans)


def test_find_quote_prefers_nearest_whole_word() -> None:
    text = "Bergen Berg x Berg"
    assert find_quote(text, "Berg", 1) == 7
    assert find_quote(text, "Berg", 0) == 0, "an exact match where the span was counts, even mid-word"
    assert find_quote(text, "Berg", 17) == 14
    assert find_quote(text, "Berg", 17, accept=lambda i: i != 14) == 7
    assert find_quote(text, "Bergen", 10) == 0
    assert find_quote(text, "erg", 1) == 1
    assert find_quote(text, "erg", 5) is None
    assert find_quote(text, "", 0) is None


def test_entity_with_no_mention_left_is_dropped_and_listed() -> None:
    old = annotated()
    new = fresh(OLD.replace("Omar Haddad", "the minister").replace("Haddad will", "He will"))
    report = transfer_annotations(old, new)
    assert [e.id for e in new.entities] == ["e1"]
    assert any("Omar Haddad (e2) has no mention left" in line for line in report.orphans)
    entity_note = new.notes[1]
    assert entity_note.text == "about Haddad" and entity_note.anchor.orphaned
    assert any("note n2" in line and "orphaned" in line for line in report.orphans)


GONE = OLD.replace("Anna Berg met Omar Haddad in Bergen on Monday.", "Rain fell all week over the western fjords.")
"""The noted sentence replaced by another: nothing close enough is left (issue 20: a one-word edit keeps it)."""


def test_gone_evidence_is_dropped_and_its_key_point_listed() -> None:
    old = annotated()
    new = fresh(GONE)
    report = transfer_annotations(old, new)
    assert new.key_points[0].id == "k1" and new.key_points[0].evidence == []
    assert any("key_points[0].evidence[0]" in line for line in report.orphans)
    assert any("has no evidence left" in line for line in report.orphans)
    note = new.notes[0]
    assert note.anchor.orphaned and note.text == "on the meeting", "notes are never dropped"
    assert 0 <= note.anchor.start <= note.anchor.end <= len(new.text)  # type: ignore[operator]


def test_orphaned_note_stays_orphaned_and_is_not_listed_twice() -> None:
    old = annotated()
    new = fresh(GONE)
    transfer_annotations(old, new)
    again = fresh(new.text)
    report = transfer_annotations(new, again)
    assert again.notes[0].anchor.orphaned and report.orphans == []


def test_two_mentions_never_land_on_one_span() -> None:
    text = "T\n\nBerg met Berg."
    old = Document(
        BriefMeta(), text, entities=[Entity("e1", "Berg", "PERSON", [Mention(3, 7, "Berg"), Mention(12, 16, "Berg")])]
    )
    new = fresh("T\n\nBerg met him.")
    report = transfer_annotations(old, new)
    assert [(m.start, m.end) for m in new.entities[0].mentions] == [(3, 7)]
    assert len(report.orphans) == 1


def test_offset_map_handles_edits_in_several_places() -> None:
    old = "one\ntwo\nthree\nfour\nfive\n"
    new = "zero\none\ntwo\nTHREE!\nfour\nfive\nsix\n"
    where = offset_map(old, new)
    for word in ("one", "two", "four", "five"):
        assert where(old.index(word)) == new.index(word)
    assert new.index("THREE") <= where(old.index("three")) <= new.index("four")
    assert where(len(old)) == len(new)


def test_a_rejected_mention_under_a_shown_one_is_kept() -> None:
    text = "T\n\nSouth Korea spoke."
    old = Document(
        BriefMeta(),
        text,
        entities=[
            Entity("e1", "South Korea", "GPE", [Mention(3, 14, "South Korea", "user")]),
            Entity("e2", "Korea", "GPE", [Mention(9, 14, "Korea", "rejected")]),
        ],
    )
    new = fresh("T\n\nToday South Korea spoke.")
    report = transfer_annotations(old, new)
    assert [(e.id, e.mentions[0].start) for e in new.entities] == [("e1", 9), ("e2", 15)]
    assert report.orphans == [] and report.moved == 2


def test_a_name_left_only_inside_a_longer_word_is_not_found() -> None:
    text = "T\n\nBerg met Omar in Bergen."
    old = Document(BriefMeta(), text, entities=[Entity("e1", "Berg", "PERSON", [Mention(3, 7, "Berg")])])
    new = fresh("T\n\nOmar met Lars in Bergen.")
    report = transfer_annotations(old, new)
    assert new.entities == [] and len(report.orphans) == 2


def test_a_one_word_edit_keeps_the_note_on_its_sentence_by_similarity() -> None:
    old = annotated()
    new = fresh(OLD.replace("on Monday.", "on Tuesday."))
    report = transfer_annotations(old, new)
    note = new.notes[0]
    assert not note.anchor.orphaned
    assert note.anchor.quote == "Anna Berg met Omar Haddad in Bergen on Tuesday."
    assert new.text[note.anchor.start : note.anchor.end] == note.anchor.quote  # type: ignore[misc]
    assert note.anchor.suffix == new.text[note.anchor.end : note.anchor.end + 32]  # type: ignore[operator]
    assert any("note n1" in line for line in report.approximate) and not any("note" in x for x in report.orphans)
