"""Hardening, round two: the saved YAML under hand edits (issue 10, items 7, 8 and 17).

A hand edit of ``text:`` never refuses the whole file and never leaves
shifted spans; keys the reader does not know survive a save byte for byte;
the schema version, error messages and the text's block style hold up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.io.errors import BriefError
from briefreader.io.relayout import layout_fits, split_sentences
from briefreader.io.sources import read_brief
from briefreader.io.store import dumps, load_document, loads, save_document
from briefreader.model import edits
from briefreader.model.document import Document, Evidence, KeyPoint, ParserInfo, Sentence

SOURCE = (
    "12 May 2026\nministers-meet-over-river-treaty\n\n"
    "Foreign Minister Ilse Varga of Danubia met her counterpart Tomas Reyes in Lindau on Tuesday. "
    "The two governments agreed to reopen talks on the river treaty.\n\n"
    "Talks on water\n\n"
    "Reyes said the commission would publish its figures in June. "
    "Varga called the meeting constructive and invited Reyes to Danubia.\n\n"
    "The treaty dates from 1961 and was last revised in 1994."
)


def annotated(tmp_path: Path) -> Document:
    """A brief annotated by hand (no spaCy): mentions, a key point, notes on a sentence and an entity."""
    src = tmp_path / "river.txt"
    src.write_text(SOURCE, encoding="utf-8")
    doc = read_brief(src)
    for i, b in enumerate(doc.blocks):
        doc.sentences += [Sentence(s, e, i) for s, e in split_sentences(doc.text, b.start, b.end, b.kind)]
    t = doc.text
    for name, label in (("Ilse Varga", "PERSON"), ("Tomas Reyes", "PERSON"), ("Lindau", "GPE")):
        s = t.index(name)
        edits.add_mention(doc, s, s + len(name), label)
    reyes = next(e for e in doc.entities if e.name == "Tomas Reyes")
    for at in (t.index("Reyes said"), t.index("Reyes to")):
        edits.add_mention(doc, at, at + 5, "PERSON", reyes.id)
    first = next(s for s in doc.sentences if t[s.start :].startswith("Foreign Minister"))
    doc.key_points = [KeyPoint("k1", "Meeting: Ilse Varga meets Tomas Reyes", "visit", 1.1, [])]
    doc.key_points[0].evidence.append(Evidence(first.start, first.end, t[first.start : first.end]))
    invite = next(s for s in doc.sentences if "invited" in t[s.start : s.end])
    edits.add_note(
        doc, "Ask about the invitation", edits.make_anchor(doc, "sentence", start=invite.start, end=invite.end)
    )
    edits.add_note(doc, "Who advises Reyes?", edits.make_anchor(doc, "entity", ref=reyes.id))
    doc.parser = ParserInfo("test", "0", "0.1.0")
    return doc


def assert_consistent(doc: Document) -> None:
    """Every span points at its own words and the blocks tile the text: nothing shifted."""
    assert layout_fits(doc.text, doc.blocks)
    for b in doc.blocks:
        chunk = doc.text[b.start : b.end]
        assert chunk == chunk.strip() and "\n\n" not in chunk
        assert b.start == 0 or doc.text[b.start - 1] == "\n", "a block starts mid-word"
    for s in doc.sentences:
        block = doc.blocks[s.block]
        assert block.start <= s.start < s.end <= block.end and not doc.text[s.start].isspace()
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text
    for k in doc.key_points:
        for ev in k.evidence:
            assert doc.text[ev.start : ev.end] == ev.quote
    for n in doc.notes:
        a = n.anchor
        if a.kind in ("sentence", "span", "key_point") and not a.orphaned:
            assert doc.text[a.start : a.end] == a.quote  # type: ignore[misc]


def edit_text(path: Path, old: str, new: str) -> None:
    """Change the brief's words inside ``text:`` as a person does in an editor."""
    raw = path.read_text(encoding="utf-8")
    head, text_and_rest = raw.split("\ntext: ", 1)
    body, rest = text_and_rest.split("\nblocks:", 1)
    assert old in body
    path.write_text(f"{head}\ntext: {body.replace(old, new, 1)}\nblocks:{rest}", encoding="utf-8")


# Item 7: a hand edit of text: -----------------------------------------------------------------


def test_shortening_a_word_loads_with_everything_found_again(tmp_path: Path) -> None:
    path = tmp_path / "river.yaml"
    save_document(annotated(tmp_path), path)
    edit_text(path, "revised in 1994", "changed 1994")  # the last block now ends past the text
    doc = load_document(path)
    assert_consistent(doc)
    assert [n.anchor.orphaned for n in doc.notes] == [False, False]
    assert sum(len(e.mentions) for e in doc.entities) == 5
    assert any("changed by hand" in w for w in doc.warnings)


def test_inserted_words_never_leave_shifted_blocks_or_spans(tmp_path: Path) -> None:
    path = tmp_path / "river.yaml"
    save_document(annotated(tmp_path), path)
    edit_text(path, "met her counterpart", "met, after weeks of delay, her counterpart")
    doc = load_document(path)
    assert_consistent(doc)
    assert [b.kind for b in doc.blocks] == ["title", "dateline", "paragraph", "heading", "paragraph", "paragraph"]
    assert doc.notes[0].anchor.quote and "invited" in doc.notes[0].anchor.quote
    # Saved again, the file is consistent: it reopens with nothing to repair.
    save_document(doc, path)
    again = load_document(path)
    assert again.warnings == [] and dumps(again) == dumps(doc)


def test_a_new_paragraph_keeps_the_other_blocks_kinds(tmp_path: Path) -> None:
    path = tmp_path / "river.yaml"
    save_document(annotated(tmp_path), path)
    edit_text(path, "Talks on water", "A new paragraph written by hand. It has two sentences.\n\n  Talks on water")
    doc = load_document(path)
    assert_consistent(doc)
    assert [b.kind for b in doc.blocks].count("heading") == 1
    added = next(b for b in doc.blocks if doc.text[b.start :].startswith("A new paragraph"))
    assert len([s for s in doc.sentences if added.start <= s.start < added.end]) == 2


def test_removed_words_drop_their_mentions_and_orphan_notes_never_lose_them(tmp_path: Path) -> None:
    path = tmp_path / "river.yaml"
    save_document(annotated(tmp_path), path)
    edit_text(path, " and invited Reyes to Danubia", "")
    doc = load_document(path)
    assert_consistent(doc)
    reyes = next(e for e in doc.entities if e.name == "Tomas Reyes")
    assert len(reyes.mentions) == 2
    assert any("'Reyes'" in w and "dropped" in w for w in doc.warnings)
    note = doc.notes[0]
    assert note.text == "Ask about the invitation" and note.anchor.orphaned
    assert any("note n1" in w and "orphaned" in w for w in doc.warnings)
    save_document(doc, path)
    assert load_document(path).notes[0].anchor.orphaned


# Item 8: keys the reader does not know -----------------------------------------------------------


def with_unknown_keys(saved: str) -> str:
    """The saved YAML with keys a person (or a newer reader) added in several places."""
    out = saved.replace("brief:\n", "brief:\n  url: https://example.org/river\n", 1)
    out = out.replace("\ntext: ", "\nreviewer: Ann Lee\nreviewed: 2026-05-13\ntext: ", 1)
    out = out.replace("- id: e1\n", "- id: e1\n  wikidata: Q42\n  links: {wiki: x, n: [1, 2]}\n", 1)
    out = out.replace("origin: user, label: PERSON}", "origin: user, label: PERSON, confidence: 0.5}", 1)
    out = out.replace("- id: n1\n", "- id: n1\n  author: ann\n  history:\n  - {at: 1, by: ann}\n  - plain\n", 1)
    out = out.replace("  anchor:\n    kind: sentence\n", "  anchor:\n    kind: sentence\n    colour: red\n", 1)
    out = out.replace("  pinned: false\n", "  pinned: false\n  reviewed_by: [ann, bo]\n", 1)
    return out + "checksum: abc\n"


def test_unknown_keys_round_trip_byte_for_byte(tmp_path: Path) -> None:
    text = with_unknown_keys(dumps(annotated(tmp_path)))
    assert text.count("\n") > dumps(annotated(tmp_path)).count("\n") + 10
    doc = loads(text)
    assert dumps(doc) == text
    assert doc.meta.extra["url"][1] == "https://example.org/river"
    assert doc.entities[0].extra["wikidata"] == ("id", "Q42")
    assert doc.notes[0].extra["author"] == ("id", "ann")


def test_unknown_keys_survive_an_edit_and_a_save(tmp_path: Path) -> None:
    path = tmp_path / "river.yaml"
    path.write_text(with_unknown_keys(dumps(annotated(tmp_path))), encoding="utf-8")
    doc = load_document(path)
    edits.add_note(doc, "a third note", edits.make_anchor(doc, "brief"))
    edits.relabel_entity(doc, "e1", "ORG")
    save_document(doc, path)
    saved = path.read_text(encoding="utf-8")
    for line in ("  url: https://example.org/river", "reviewer: Ann Lee", "reviewed: 2026-05-13", "  wikidata: Q42"):
        assert line in saved
    assert "confidence: 0.5}" in saved and "  author: ann" in saved and "    colour: red" in saved
    assert saved.endswith("checksum: abc\n")
    assert saved.index("reviewer:") < saved.index("\ntext:")


def test_an_impossible_date_in_the_yaml_is_a_warning_and_kept(tmp_path: Path) -> None:
    text = dumps(annotated(tmp_path)).replace("date: '2026-05-12'", "date: 2026-02-30")
    doc = loads(text)
    assert doc.meta.date is None and any("2026-02-30" in w for w in doc.warnings)
    assert dumps(doc) == text


# Item 17: schema version, messages, block style -------------------------------------------------


def test_schema_version_true_is_not_version_1(tmp_path: Path) -> None:
    text = dumps(annotated(tmp_path)).replace("briefreader: 2\n", "briefreader: true\n", 1)
    with pytest.raises(BriefError, match="schema version True is not known"):
        loads(text)


def test_field_errors_are_not_cut_short(tmp_path: Path) -> None:
    text = dumps(annotated(tmp_path)).replace("score: 1.1\n", f"score: {'x' * 500}\n", 1)
    with pytest.raises(BriefError) as info:
        loads(text)
    message = str(info.value)
    assert "key_points[0].score should be an int or float, not 'xxx" in message
    assert message.endswith("'") and len(message) < 200


@pytest.mark.parametrize("edited", ["Talks on\twater", "Talks on 😀 water", "Talks on water  "])
def test_text_with_a_tab_emoji_or_trailing_space_stays_a_diffable_block(tmp_path: Path, edited: str) -> None:
    doc = annotated(tmp_path)
    doc.text = doc.text.replace("Talks on water", edited)
    saved = dumps(doc)
    text_part = saved.split("\ntext: ", 1)[1].split("\nblocks:", 1)[0]
    assert text_part.startswith("|"), "the text is written as a block, one line per line"
    assert text_part.count("\n") == doc.text.count("\n") + 1
    assert loads(saved).text == doc.text
