"""Corrections made once, applied everywhere: the file, the post-pass, the parse process.

``annotate`` applying them is in ``cli/test_corrections_cli.py``, the reader in ``app/test_correction_scope.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.io.corrections_file import (
    HEADER,
    change_corrections,
    corrections_path,
    load_corrections,
)
from briefreader.io.errors import BriefError
from briefreader.io.sources import read_brief
from briefreader.io.store import dumps, loads
from briefreader.model.corrections import Corrections
from briefreader.model.document import Document, Entity
from briefreader.nlp.child import parse_copy
from briefreader.nlp.corrections_pass import apply_corrections
from tests.helpers.corrections import config_file
from tests.helpers.library_data import HARBOUR, annotate_by_hand, write
from tests.helpers.paths import BRIEFS

GOOD = """\
briefreader-corrections: 1
relabel: {Nvidia: ORG}               # text as written -> label
reject: [two-plus-two]               # text never shown as an entity
alias: {Marcos: Ferdinand Marcos Jr.}  # text -> the entity name it belongs to
add: [{text: Second Thomas Shoal, label: LOC}]  # text the model misses
"""


# The file ------------------------------------------------------------------------------------


def test_the_documented_example_reads_cleanly() -> None:
    config_file(GOOD)
    loaded = load_corrections()
    assert loaded.problems == [] and loaded.exists
    c = loaded.corrections
    assert c.relabel == {"Nvidia": "ORG"} and c.reject == ["two-plus-two"]
    assert c.alias == {"Marcos": "Ferdinand Marcos Jr."} and c.add == [("Second Thomas Shoal", "LOC")]


def test_the_file_lives_in_the_user_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFREADER_CONFIG_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert corrections_path() == tmp_path / "xdg" / "briefreader" / "corrections.yaml"


def test_a_missing_or_empty_file_is_no_corrections() -> None:
    assert not load_corrections().corrections and load_corrections().problems == []
    config_file("")
    assert not load_corrections().corrections and load_corrections().problems == []


def test_bad_entries_are_reported_by_line_and_the_rest_applies() -> None:
    path = config_file(
        "briefreader-corrections: 1\n"
        "relabel:\n"
        "  Nvidia: ORG\n"
        "  Acme: not a label\n"
        "reject: [two-plus-two, yes]\n"
        "alias: {Marcos: Marcos}\n"
        "add:\n"
        "- {text: Second Thomas Shoal, label: LOC}\n"
        "- {text: Reed Bank}\n"
        "colour: blue\n"
    )
    before = path.read_bytes()
    loaded = load_corrections()
    assert loaded.corrections == Corrections(
        relabel={"Nvidia": "ORG"}, reject=["two-plus-two"], add=[("Second Thomas Shoal", "LOC")]
    )
    lines = {p.split(": line ")[1].split(":")[0]: p for p in loaded.problems}
    assert sorted(lines, key=int) == ["4", "5", "6", "9", "10"]
    assert "'not a label' is not a label" in lines["4"] and "yes/no" in lines["5"]
    assert "alias of itself" in lines["6"] and "needs a text and a label" in lines["9"]
    assert "'colour' is not one of" in lines["10"]
    assert all(p.startswith(str(path)) and p.endswith("; ignored") for p in loaded.problems)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "text, line",
    [
        ("relabel: {Nvidia: ORG\nreject: [x]\n", "line 2"),
        ("- just\n- a list\n", "line 1"),
        ("briefreader-corrections: 7\nreject: [x]\n", "line 1"),
        ("reject: &a [x]\nadd: *a\n", "line 1"),
    ],
    ids=["not-yaml", "not-a-mapping", "unknown-version", "anchors"],
)
def test_a_corrupt_file_is_reported_and_ignored_never_overwritten(text: str, line: str) -> None:
    path = config_file(text)
    loaded = load_corrections()
    assert not loaded.corrections
    assert len(loaded.problems) == 1 and line in loaded.problems[0] and "no corrections applied" in loaded.problems[0]
    with pytest.raises(BriefError, match="fix it first"):
        change_corrections("reject", "Acme")
    assert path.read_text(encoding="utf-8") == text


def test_changing_the_file_from_the_reader() -> None:
    written = change_corrections("relabel", "Nvidia", "org")
    path = corrections_path()
    assert written.path == path and written.backup is None
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER) and "Nvidia: ORG" in text
    change_corrections("alias", "Marcos", "Ferdinand Marcos Jr.")
    change_corrections("add", "Second Thomas Shoal", "LOC")
    # Rejecting text takes back what contradicts it; relabelling it again shows it again.
    change_corrections("reject", "nvidia")
    assert load_corrections().corrections.relabel == {}
    change_corrections("relabel", "Nvidia", "ORG")
    c = load_corrections().corrections
    assert c.reject == [] and c.relabel == {"Nvidia": "ORG"} and c.add == [("Second Thomas Shoal", "LOC")]
    change_corrections("alias", "Marcos", remove=True)
    assert load_corrections().corrections.alias == {}
    assert load_corrections().problems == []
    with pytest.raises(BriefError):
        change_corrections("relabel", "Acme", "not a label")
    with pytest.raises(BriefError):
        change_corrections("colour", "Acme", "blue")


def test_rewriting_keeps_the_opening_comments_and_a_copy_when_others_would_be_lost() -> None:
    path = config_file("# my corrections\n# for the Pacific desk\nreject:\n- Acme  # not a company here\n")
    written = change_corrections("relabel", "Nvidia", "ORG")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my corrections\n# for the Pacific desk\n")
    assert written.backup is not None and "# not a company here" in written.backup.read_text(encoding="utf-8")
    assert load_corrections().corrections == Corrections(relabel={"Nvidia": "ORG"}, reject=["Acme"])


# The post-pass (no spaCy: entities as a parse would give them) --------------------------------


def harbour(tmp_path: Path) -> Document:
    doc = read_brief(write(tmp_path / "harbour.txt", HARBOUR))
    return annotate_by_hand(
        doc,
        {
            "Mira Solvik": ("PERSON", ["Mira Solvik", "Solvik"]),
            "Teo Vance": ("PERSON", ["Teo Vance"]),
            "Vance": ("ORG", ["Vance"]),
            "Arland": ("GPE", ["Arland"]),
            "Belmark": ("PERSON", ["Belmark"]),
            "Monday": ("DATE", ["Monday"]),
        },
    )


def by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def test_relabel_applies_to_the_entity_that_has_the_text(tmp_path: Path) -> None:
    doc = harbour(tmp_path)
    ents, used = apply_corrections(doc.text, doc.blocks, doc.entities, Corrections(relabel={"BELMARK": "GPE"}))
    assert by_name(ents)["Belmark"].label == "GPE"
    assert used == Corrections(relabel={"BELMARK": "GPE"})
    # Through a spelling: 'Solvik' is a mention of Mira Solvik.
    ents, _ = apply_corrections(doc.text, doc.blocks, doc.entities, Corrections(relabel={"solvik": "NORP"}))
    assert by_name(ents)["Mira Solvik"].label == "NORP"
    assert doc.entity("e5").label == "PERSON"  # type: ignore[union-attr]  # the input is left as it was


def test_reject_hides_an_entity_or_one_spelling(tmp_path: Path) -> None:
    doc = harbour(tmp_path)
    ents, used = apply_corrections(doc.text, doc.blocks, doc.entities, Corrections(reject=["monday", "Solvik"]))
    named = by_name(ents)
    assert named["Monday"].rejected
    solvik = named["Mira Solvik"]
    assert [m.text for m in solvik.visible_mentions] == ["Mira Solvik"]
    assert [m.origin for m in solvik.mentions if m.text == "Solvik"] == ["rejected"]
    assert used.reject == ["monday", "Solvik"]


def test_alias_moves_mentions_to_the_entity_they_belong_to(tmp_path: Path) -> None:
    doc = harbour(tmp_path)
    ents, used = apply_corrections(doc.text, doc.blocks, doc.entities, Corrections(alias={"Vance": "Teo Vance"}))
    named = by_name(ents)
    assert "Vance" not in named
    assert [m.text for m in named["Teo Vance"].mentions] == ["Teo Vance", "Vance"]
    assert used.alias == {"Vance": "Teo Vance"}
    # To an entity this brief does not name in full: the entity takes that name.
    ents, _ = apply_corrections(doc.text, doc.blocks, doc.entities, Corrections(alias={"Arland": "Republic of Arland"}))
    assert [m.text for m in by_name(ents)["Republic of Arland"].mentions] == ["Arland"] * 4


def test_add_marks_text_the_model_missed_and_wins_over_overlapping_spans(tmp_path: Path) -> None:
    doc = harbour(tmp_path)
    c = Corrections(add=[("disputed harbour", "LOC"), ("Arland's foreign minister", "TITLE"), ("Nowhere", "GPE")])
    ents, used = apply_corrections(doc.text, doc.blocks, doc.entities, c)
    named = by_name(ents)
    harbour_ent = named["disputed harbour"]
    assert harbour_ent.label == "LOC" and [m.origin for m in harbour_ent.mentions] == ["user"]
    # The model's 'Arland' inside the added span gave way; the other Arlands stay.
    minister = named["Arland's foreign minister"]
    arland_starts = [m.start for m in named["Arland"].mentions]
    assert minister.mentions[0].start not in arland_starts and len(arland_starts) == 3
    assert used.add == [("disputed harbour", "LOC"), ("Arland's foreign minister", "TITLE")]
    # 'add' matches case as written: adding 'Harbour' as a place does not catch 'harbour'.
    ents, _ = apply_corrections(doc.text, doc.blocks, doc.entities, Corrections(add=[("Harbour", "LOC")]))
    assert [m.start for m in by_name(ents)["Harbour"].mentions] == [0]
    assert [e.id for e in ents] == [f"e{i}" for i in range(1, len(ents) + 1)]


def test_a_brief_records_the_corrections_it_used_and_reopens_byte_for_byte(tmp_path: Path) -> None:
    doc = harbour(tmp_path)
    doc.entities, doc.corrections = apply_corrections(
        doc.text, doc.blocks, doc.entities, Corrections(relabel={"Belmark": "GPE"}, reject=["Monday", "Nvidia"])
    )
    text = dumps(doc)
    assert "corrections:\n  relabel: {Belmark: GPE}\n  reject: [Monday]\n" in text
    again = loads(text)
    assert again.corrections == Corrections(relabel={"Belmark": "GPE"}, reject=["Monday"])
    assert dumps(again) == text
    with pytest.raises(BriefError, match="corrections: relabel"):
        loads(text.replace("{Belmark: GPE}", "{Belmark: not a label}"))


# Every parse after a correction applies it ---------------------------------------------------------


def test_the_parse_process_reads_the_file_at_every_parse(tmp_path: Path) -> None:
    source = BRIEFS / "lumen-chip-results.txt"
    first = parse_copy(read_brief(source), None, None)
    assert "memory chips" not in [e.name for e in first.entities]
    config_file("add: [{text: memory chips, label: PRODUCT}]\n")
    second = parse_copy(read_brief(source), None, None)
    assert "memory chips" in [e.name for e in second.entities]
    config_file("add: [{text: memory chips}]\n")
    third = parse_copy(read_brief(source), None, None)
    assert "memory chips" not in [e.name for e in third.entities]
    assert any("line 1" in w for w in third.warnings)
