"""Issue 21, item 11: ``+`` on a phrase that contains an entity replaces the overlapped mention, undoably.

What an ``add`` correction does ('Vietnam's parliament' wins over the
model's 'Vietnam'), for this brief as for all briefs; it used to ask
"This brief / All briefs" and then refuse.
"""

from __future__ import annotations

from pathlib import Path

from briefreader.model.corrections import Corrections
from briefreader.model.document import Block, BriefMeta, Document, Entity, Mention
from briefreader.nlp.corrections_pass import apply_corrections
from briefreader.session import changes as ch
from briefreader.session.brief import BriefSession
from briefreader.session.correction_entries import entries_for

TEXT = "Hanoi votes\n\nVietnam's parliament approved the budget. Vietnam will spend more."


def session(tmp_path: Path) -> BriefSession:
    at = [i for i in range(len(TEXT)) if TEXT.startswith("Vietnam", i)]
    vietnam = Entity("e1", "Vietnam", "GPE", [Mention(a, a + 7, "Vietnam") for a in at])
    doc = Document(BriefMeta("Hanoi votes"), TEXT, [Block("title", 0, 11), Block("paragraph", 13, len(TEXT))])
    doc.entities = [vietnam]
    return BriefSession(doc, tmp_path / "hanoi.txt", tmp_path / "hanoi.yaml")


def test_a_phrase_over_an_entity_replaces_its_mention_and_undo_brings_it_back(tmp_path: Path) -> None:
    s = session(tmp_path)
    start = TEXT.index("Vietnam's parliament")
    change = ch.MarkEntity(start, start + len("Vietnam's parliament"), "ORG")
    said = s.apply(change)
    assert "Vietnam's parliament" in said and "in place of “Vietnam” (Vietnam)" in said
    names = {e.name: [m.text for m in e.visible_mentions] for e in s.doc.visible_entities()}
    assert names == {"Vietnam": ["Vietnam"], "Vietnam's parliament": ["Vietnam's parliament"]}
    assert s.undo() is not None
    names = {e.name: [m.text for m in e.visible_mentions] for e in s.doc.visible_entities()}
    assert names == {"Vietnam": ["Vietnam", "Vietnam"]}


def test_for_all_briefs_it_is_the_add_correction_that_does_the_same(tmp_path: Path) -> None:
    s = session(tmp_path)
    start = TEXT.index("Vietnam's parliament")
    (entry,) = entries_for(ch.MarkEntity(start, start + len("Vietnam's parliament"), "ORG"), s.doc)
    assert (entry.kind, entry.text, entry.value) == ("add", "Vietnam's parliament", "ORG")
    ents, used = apply_corrections(s.doc.text, s.doc.blocks, s.doc.entities, Corrections(add=[(entry.text, "ORG")]))
    assert used.add and {e.name for e in ents} == {"Vietnam", "Vietnam's parliament"}
