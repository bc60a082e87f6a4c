"""Issue 21, item 20: alias loops and self-aliases in ``corrections.yaml``.

A merge, its undo and the reverse merge left ``A → B`` and ``B → A`` in the
file, and ``show`` then swapped two people; ``alias: {Valdivia:
"Valdivia."}`` split a new entity off. Loops and self-aliases are found
modulo the names' normalisation when writing and when loading, said in
one line, and none of a loop is applied.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.io.corrections_file import corrections_path, load_corrections
from briefreader.io.errors import BriefError
from briefreader.io.sources import read_brief
from briefreader.model.corrections import alias_key, alias_loops
from briefreader.nlp.corrections_pass import apply_corrections
from briefreader.nlp.entities import compact
from briefreader.session import changes, open_session
from briefreader.session.correction_entries import Entry, entries_for, save_for_all
from tests.helpers.app import annotated_copy
from tests.helpers.library_data import HARBOUR, annotate_by_hand, write


def merge_for_all(session: object, keep: str, gone: str) -> None:
    doc = session.doc  # type: ignore[attr-defined]
    ids = {e.name: e.id for e in doc.entities}
    change = changes.Merge(ids[keep], ids[gone])
    entries = entries_for(change, doc)
    session.apply(change)  # type: ignore[attr-defined]
    save_for_all(entries)


def test_merge_undo_and_reverse_merge_leave_no_loop(tmp_path: Path) -> None:
    session = open_session(annotated_copy(tmp_path))
    merge_for_all(session, "Tomás Valdivia", "Lucía Ferrero")
    assert load_corrections().corrections.alias["Lucía Ferrero"] == "Tomás Valdivia"
    session.undo()
    merge_for_all(session, "Lucía Ferrero", "Tomás Valdivia")
    loaded = load_corrections()
    alias = loaded.corrections.alias
    assert loaded.problems == [] and alias_loops(alias) == []
    assert alias["Tomás Valdivia"] == "Lucía Ferrero" and "Lucía Ferrero" not in alias  # the newest merge holds


HARBOUR_ENTITIES = {
    "Mira Solvik": ("PERSON", ["Mira Solvik", "Solvik"]),
    "Teo Vance": ("PERSON", ["Teo Vance", "Vance"]),
    "Arland": ("GPE", ["Arland"]),
}


def by_name(tmp_path: Path, alias: dict[str, str]) -> dict[str, list[str]]:
    doc = annotate_by_hand(read_brief(write(tmp_path / "harbour.txt", HARBOUR)), HARBOUR_ENTITIES)
    loaded = load_corrections()
    assert loaded.corrections.alias == alias
    ents, _used = apply_corrections(doc.text, doc.blocks, doc.entities, loaded.corrections)
    return {e.name: sorted(m.text for m in e.visible_mentions) for e in ents}


def test_a_loop_written_by_hand_is_one_line_and_swaps_nobody(tmp_path: Path) -> None:
    path = corrections_path()
    path.parent.mkdir(parents=True)
    loop = 'alias:\n  Teo Vance: Mira Solvik\n  "mira solvik.": Teo Vance\n  Arland: Republic of Arland\n'
    path.write_text(loop, encoding="utf-8")
    problems = load_corrections().problems
    assert len(problems) == 1
    assert "line 2" in problems[0] and "is a loop" in problems[0] and "\n" not in problems[0]
    names = by_name(tmp_path, {"Arland": "Republic of Arland"})  # what is not in the loop still applies
    assert names["Mira Solvik"] == ["Mira Solvik", "Solvik"] and names["Teo Vance"] == ["Teo Vance", "Vance"]


def test_a_self_alias_modulo_normalisation_is_refused(tmp_path: Path) -> None:
    path = corrections_path()
    path.parent.mkdir(parents=True)
    path.write_text('alias: {Solvik: "Solvik."}\n', encoding="utf-8")
    problems = load_corrections().problems
    assert len(problems) == 1 and "alias of itself" in problems[0]
    names = by_name(tmp_path, {})
    assert "Solvik." not in names and names["Mira Solvik"] == ["Mira Solvik", "Solvik"]
    with pytest.raises(BriefError, match="another entity"):
        save_for_all([Entry("alias", "Valdivia", "valdivia.")])


@pytest.mark.parametrize("name", ["Valdivia.", "U.S.", "Time Warner", "Ferrero’s", "Jean-Luc", "  Tomás  Valdivia "])
def test_the_key_is_clusterings(name: str) -> None:
    assert alias_key(name) == compact(name)


def test_longer_loops() -> None:
    assert alias_loops({"A": "B", "B": "C", "C": "a."}) == [["A", "B", "C"]]
    assert alias_loops({"A": "B", "C": "B"}) == []
