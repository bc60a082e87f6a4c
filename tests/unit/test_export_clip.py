"""The text ``y`` will copy: what it says, the citation under it, no control characters."""

from __future__ import annotations

from briefreader.export.clip import citation, event_text, key_point_text, note_text, sentence_text
from briefreader.model import edits
from briefreader.model.document import Block, BriefMeta, Document, Entity, Evidence, KeyPoint, Mention, Sentence
from briefreader.model.event import EventFrame, Trigger, When
from briefreader.model.timeline import TimelineEntry

TEXT = "Talks in Oslo\n\nAnna Berg met Omar Haddad in Oslo. Berg said the talks\nwent well."


def make_doc(meta: BriefMeta | None = None) -> Document:
    second = TEXT.index("Berg said")
    doc = Document(
        meta or BriefMeta("Talks in Oslo", "2026-03-05", "wire.txt"),
        TEXT,
        blocks=[Block("title", 0, 13), Block("paragraph", 15, len(TEXT))],
        sentences=[Sentence(0, 13, 0), Sentence(15, second - 1, 1), Sentence(second, len(TEXT), 1)],
    )
    doc.entities = [Entity("e1", "Anna Berg", "PERSON", [Mention(15, 24, "Anna Berg")])]
    doc.key_points = [
        KeyPoint(
            "k1",
            "Meeting: Anna Berg meets Omar Haddad",
            "visit",
            1.0,
            [Evidence(15, second - 1, TEXT[15 : second - 1]), Evidence(second, len(TEXT), TEXT[second:])],
        )
    ]
    return doc


def test_citation_names_title_date_and_source_and_leaves_out_what_is_missing() -> None:
    assert citation(make_doc()) == "— “Talks in Oslo”, 2026-03-05, wire.txt"
    assert citation(make_doc(BriefMeta("Talks in Oslo"))) == "— “Talks in Oslo”"
    assert citation(make_doc(BriefMeta("", None, "wire.txt"))) == "— untitled brief, wire.txt"


def test_sentence_key_point_and_note_each_end_in_the_citation() -> None:
    doc = make_doc()
    cite = citation(doc)
    assert sentence_text(doc, 1) == f"“Anna Berg met Omar Haddad in Oslo.”\n{cite}\n"
    assert key_point_text(doc, doc.key_points[0]) == (
        "Meeting: Anna Berg meets Omar Haddad\n"
        "“Anna Berg met Omar Haddad in Oslo.”\n"
        "“Berg said the talks\nwent well.”\n"
        f"{cite}\n"
    )
    s = doc.sentences[1]
    on_sentence = edits.add_note(
        doc, "Who else was there?", edits.make_anchor(doc, "sentence", start=s.start, end=s.end), ["oslo"]
    )
    assert (
        note_text(doc, on_sentence) == f"Who else was there?\nOn “Anna Berg met Omar Haddad in Oslo.”\n#oslo\n{cite}\n"
    )
    on_entity = edits.add_note(doc, "Her second visit.", edits.make_anchor(doc, "entity", ref="e1"))
    assert note_text(doc, on_entity) == f"Her second visit.\nOn Anna Berg\n{cite}\n"
    on_point = edits.add_note(doc, "Confirm.", edits.make_anchor(doc, "key_point", ref="k1"))
    assert note_text(doc, on_point) == (
        "Confirm.\n"
        "On the key point Meeting: Anna Berg meets Omar Haddad\n"
        f"“Anna Berg met Omar Haddad in Oslo.”\n{cite}\n"
    )
    on_brief = edits.add_note(doc, "Good brief.", edits.make_anchor(doc, "brief"))
    assert note_text(doc, on_brief) == f"Good brief.\n{cite}\n"
    on_point.anchor.orphaned = True
    assert "(no longer in the brief)" in note_text(doc, on_point)


def test_copied_text_carries_no_control_characters() -> None:
    doc = make_doc(BriefMeta("Talks\x1b]52;c;ZXZpbA==\x07", "2026-03-05", "wire\x1b[2J.txt"))
    note = edits.add_note(doc, "Check \x1b[31mthis\u202e", edits.make_anchor(doc, "brief"))
    for text in (sentence_text(doc, 1), key_point_text(doc, doc.key_points[0]), note_text(doc, note)):
        assert not any(ord(c) < 0x20 and c != "\n" for c in text) and "\u202e" not in text
    assert "Talks␛]52;c;ZXZpbA==␇" in citation(doc)


def test_an_event_is_its_date_headline_and_own_sentence() -> None:
    doc = make_doc()
    second = TEXT.index("Berg said")
    frame = EventFrame("statement", Trigger(second + 5, second + 9, "said"), when=When("in 2024", "2024"))
    entry = TimelineEntry(
        "2024", "background", "2024: Berg praises the talks", "statement", "happened", "k1", second, len(TEXT), frame
    )
    assert (
        event_text(doc, entry) == f"2024: Berg praises the talks\n“Berg said the talks\nwent well.”\n{citation(doc)}\n"
    )
