"""Notes that survive small edits (issue 20, item 5): quote with context, found again by similarity."""

from __future__ import annotations

from pathlib import Path

from briefreader.io.store import dumps, loads
from briefreader.model import anchoring, edits
from briefreader.model.document import Block, BriefMeta, Document, Sentence
from briefreader.model.reanchor import transfer_annotations
from briefreader.session import BriefSession
from briefreader.session import changes as ch

TEXT = (
    "Glacier talks\n\n"
    "Lucía Ferrero met Tomás Valdivia in Santiago on Thursday. "
    "It was the first ministerial visit between the neighbours in three years. "
    "The two ministers agreed to set up a joint commission, and it will meet in Mendoza in April."
)


def _doc(text: str = TEXT) -> Document:
    body = text.index("Lucía")
    starts = [body, text.index("It was"), text.index("The two")]
    ends = [starts[1] - 1, starts[2] - 1, len(text)]
    return Document(
        BriefMeta("Glacier talks"),
        text,
        blocks=[Block("title", 0, 13), Block("paragraph", body, len(text))],
        sentences=[Sentence(0, 13, 0)] + [Sentence(a, b, 1) for a, b in zip(starts, ends, strict=True)],
    )


def _noted(doc: Document, index: int) -> Document:
    s = doc.sentences[index]
    edits.add_note(doc, f"on sentence {index}", edits.make_anchor(doc, "sentence", start=s.start, end=s.end))
    return doc


def _carry(doc: Document, text: str) -> Document:
    new = Document(doc.meta, text, blocks=[Block("title", 0, 13), Block("paragraph", 15, len(text))])
    transfer_annotations(doc, new)
    return new


def test_an_anchor_keeps_its_context_and_the_yaml_keeps_it_too() -> None:
    doc = _noted(_doc(), 2)
    a = doc.notes[0].anchor
    assert a.prefix == TEXT[a.start - 32 : a.start] and a.suffix == TEXT[a.end : a.end + 32]  # type: ignore[operator]
    again = loads(dumps(doc))
    assert again.notes[0].anchor == a


def test_a_one_word_edit_keeps_the_note_on_its_sentence() -> None:
    new = _carry(_noted(_doc(), 2), TEXT.replace("three years", "four years"))
    a = new.notes[0].anchor
    assert not a.orphaned and a.quote == "It was the first ministerial visit between the neighbours in four years."
    assert new.text[a.start : a.end] == a.quote  # type: ignore[misc]


def test_a_split_sentence_keeps_its_note_over_both_halves() -> None:
    text = TEXT.replace("joint commission, and it will", "joint commission. It will")
    a = _carry(_noted(_doc(), 3), text).notes[0].anchor
    assert not a.orphaned and a.quote is not None
    assert a.quote.startswith("The two ministers") and a.quote.endswith("in April.")


def test_a_deleted_sentence_orphans_its_note_and_no_other() -> None:
    doc = _noted(_noted(_doc(), 1), 2)
    gone = doc.text[doc.sentences[2].start : doc.sentences[2].end + 1]
    new = _carry(doc, TEXT.replace(gone, ""))
    first, second = new.notes
    assert not first.anchor.orphaned and first.anchor.quote and first.anchor.quote.startswith("Lucía")
    assert second.anchor.orphaned, "nothing close enough: orphaned, not put on a neighbour"


def test_exact_quote_prefers_the_occurrence_whose_context_matches() -> None:
    text = "In Oslo, talks. In Lima, talks. In Rome, talks."
    at = anchoring.exact(text, "talks", 0, prefix="In Lima, ", suffix=". In Rome")
    assert at == text.index("talks", text.index("Lima"))
    assert anchoring.locate(text, "meetings", 0) is None
    assert anchoring.similarity("abc", "abc") == 1.0 and 0 < anchoring.similarity("four years", "three years") < 1


def test_an_orphaned_note_is_reattached_to_a_sentence_and_undone(tmp_path: Path) -> None:
    doc = _noted(_doc(), 2)
    gone = doc.text[doc.sentences[2].start : doc.sentences[2].end + 1]
    new = _carry(doc, TEXT.replace(gone, ""))
    start = new.text.index("The two")
    new.sentences = [Sentence(0, 13, 0), Sentence(15, start - 1, 1), Sentence(start, len(new.text), 1)]
    session = BriefSession(new, tmp_path / "b.txt", tmp_path / "b.yaml")
    note = new.notes[0]
    assert note.anchor.orphaned
    said = session.apply(ch.Reattach(note.id, start, len(new.text)))
    assert said.startswith("Note attached to")
    a = session.doc.notes[0].anchor
    assert not a.orphaned and a.kind == "sentence" and a.quote == new.text[start:] and a.prefix
    session.undo()
    assert session.doc.notes[0].anchor.orphaned
