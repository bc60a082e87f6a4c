"""The YAML store: exact round trips, safe loading, errors by field, repairs, atomic saves."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml

from briefreader.io.errors import BriefError
from briefreader.io.store import dumps, load_document, loads, save_document
from briefreader.model import edits
from briefreader.model.document import (
    Block,
    BriefMeta,
    Document,
    Entity,
    Evidence,
    KeyPoint,
    Mention,
    ParserInfo,
    Sentence,
)

TEXT = "Envoy visit to Oslo\n\nAnna Berg met Omar Haddad in Oslo.\nBerg said: “good” [bold]x[/]\tend  \n\nLast."


def sample() -> Document:
    t = TEXT
    doc = Document(
        BriefMeta("Envoy visit to Oslo", "2025-01-02", "x.txt", "envoy-visit", ("a", "b")),
        t,
        blocks=[
            Block("title", 0, 19),
            Block("paragraph", 21, t.index("\n\nLast")),
            Block("paragraph", t.index("Last"), len(t)),
        ],
        sentences=[Sentence(21, 55, 1)],
        entities=[
            Entity(
                "e1",
                "Anna Berg",
                "PERSON",
                [Mention(21, 30, "Anna Berg", "model", "PERSON"), Mention(56, 60, "Berg", "user")],
                edited=True,
            ),
            Entity("e2", "Oslo", "GPE", [Mention(15, 19, "Oslo", "rejected", "GPE")]),
        ],
        key_points=[
            KeyPoint(
                "k1", "Visit: Anna Berg meets Omar Haddad", "visit", 0.91234567, [Evidence(21, 55, t[21:55])], True
            )
        ],
        parser=ParserInfo("en_core_web_sm", "3.8.0", "0.1.0"),
    )
    edits.add_note(doc, "Line one\nline two: with colon", edits.make_anchor(doc, "sentence", start=21, end=55), ["x"])
    edits.add_note(doc, "about Anna", edits.make_anchor(doc, "entity", ref="e1"))
    return doc


def test_round_trip_is_byte_exact_and_keeps_everything(tmp_path: Path) -> None:
    doc = sample()
    path = tmp_path / "b.yaml"
    save_document(doc, path)
    first = path.read_bytes()
    again = load_document(path)
    save_document(again, path)
    assert path.read_bytes() == first
    assert again.text == TEXT
    assert again.entities[0].edited and again.entities[1].rejected
    assert again.key_points[0].pinned and again.key_points[0].score == pytest.approx(0.9123)
    assert [n.text for n in again.notes] == ["Line one\nline two: with colon", "about Anna"]
    assert again.meta == doc.meta


def test_file_is_readable_block_style_and_ordered() -> None:
    out = dumps(sample())
    keys = [line.split(":")[0] for line in out.splitlines() if line and not line.startswith((" ", "-"))]
    assert keys == [
        "briefreader",
        "brief",
        "text",
        "blocks",
        "sentences",
        "entities",
        "key_points",
        "events",
        "notes",
        "parser",
    ]
    assert "- {start: 21, end: 30, text: Anna Berg, origin: model, label: PERSON}" in out
    assert "  text: |-\n    Line one\n    line two: with colon\n" in out


def test_round_trip_of_awkward_text() -> None:
    for text in ["x", "a\n", "trailing space \nnext", "\ttab", "key: value\n- item", "ünï “q” 中文 😀", "a\r\nb"]:
        doc = Document(BriefMeta("t"), text)
        assert loads(dumps(doc)).text == text
        assert dumps(loads(dumps(doc))) == dumps(doc)


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text("briefreader: 1\ntext: ok\nentities: [\n  {id: e1\n", encoding="utf-8")
    with pytest.raises(BriefError) as info:
        load_document(p)
    msg = str(info.value)
    assert "bad.yaml" in msg and "line " in msg


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.update(briefreader=7), "schema version 7"),
        (lambda d: d["blocks"][1].update(start=50, end=40), "blocks[1] offsets 50-40 are not a span"),
        (lambda d: d["sentences"][0].__setitem__(1, -1), "sentences[0]"),
        (lambda d: d["blocks"][0].update(kind="chapter"), "blocks[0].kind"),
        (lambda d: d["key_points"][0].update(score="high"), "key_points[0].score"),
        (lambda d: d["entities"][0].pop("name"), "entities[0].name is missing"),
        (lambda d: d.pop("text"), "text"),
    ],
)
def test_structural_errors_name_the_field(mutate, field: str) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(dumps(sample()))
    mutate(data)
    with pytest.raises(BriefError) as info:
        loads(yaml.safe_dump(data), source="b.yaml")
    assert field in str(info.value)


def test_mention_whose_text_is_nowhere_is_dropped_and_named() -> None:
    data = yaml.safe_load(dumps(sample()))
    data["entities"][0]["mentions"][0]["text"] = "Nobody Here"
    doc = loads(yaml.safe_dump(data))
    assert [m.text for m in doc.entities[0].mentions] == ["Berg"]
    assert any("entities[0].mentions[0]" in w and "dropped" in w for w in doc.warnings)


def test_hand_edited_text_is_repaired_by_quote() -> None:
    data = yaml.safe_load(dumps(sample()))
    data["text"] = data["text"].replace("Envoy visit to Oslo", "Envoy visit to Oslo, Norway (updated)")
    doc = loads(yaml.safe_dump(data))
    shift = len(", Norway (updated)")
    assert doc.entities[0].mentions[0].start == 21 + shift
    assert doc.notes[0].anchor.start == 21 + shift and not doc.notes[0].anchor.orphaned
    assert any("repaired" in w for w in doc.warnings)


def test_note_whose_quote_is_gone_is_kept_as_orphaned() -> None:
    data = yaml.safe_load(dumps(sample()))
    data["notes"][0]["anchor"]["quote"] = "a sentence that is no longer there"
    doc = loads(yaml.safe_dump(data))
    assert doc.notes[0].text.startswith("Line one") and doc.notes[0].anchor.orphaned
    assert any("orphaned" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("!!python/object/apply:os.system ['echo pwned']\n", "not allowed"),
        ("briefreader: !!python/name:os.system\n", "not allowed"),
        ("a: &x [1, 2]\nb: *x\n", "anchors and aliases"),
        ("briefreader: 1\ntext: !custom x\n", "not allowed"),
        ("[" * 40 + "]" * 40, "nested deeper"),
        ("[" * 5000 + "]" * 5000, "nested deeper"),
        ("a: 1\n---\nb: 2\n", "more than one"),
    ],
    ids=["python-object", "python-name", "alias", "custom-tag", "deep-40", "deep-5000", "two-documents"],
)
def test_unsafe_yaml_is_refused(content: str, reason: str) -> None:
    with pytest.raises(BriefError, match=reason):
        loads(content)


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        bomb += f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [" + ",".join(f"*{prev}" for _ in range(9)) + "]\n"
    t0 = time.perf_counter()
    with pytest.raises(BriefError, match="aliases"):
        loads(bomb)
    assert time.perf_counter() - t0 < 1.0


def test_not_a_brief_yaml() -> None:
    with pytest.raises(BriefError, match="schema version"):
        loads("just: a mapping\n")
    with pytest.raises(BriefError, match="mapping at the top"):
        loads("- a list\n")


def test_save_to_a_folder_or_read_only_place_fails_cleanly(tmp_path: Path) -> None:
    doc = sample()
    with pytest.raises(BriefError, match="folder"):
        save_document(doc, tmp_path)
    with pytest.raises(BriefError, match="cannot save"):
        save_document(doc, tmp_path / "missing-dir" / "x.yaml")


def test_failed_save_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "b.yaml"
    save_document(sample(), path)
    before = path.read_bytes()

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    changed = sample()
    changed.notes[0].text = "changed"
    with pytest.raises(BriefError, match="No space left"):
        save_document(changed, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml"]


def test_unknown_keys_come_back_after_a_reparse_or_are_named() -> None:
    from briefreader.io.unknown_keys import before_parse, carry_unknown_keys

    doc = sample()
    doc.entities[0].extra = {"wikidata": ("label", "Q1")}
    doc.entities[1].extra = {"note": ("id", "gone soon")}
    doc.key_points[0].extra = {"by": ("pinned", "ann")}
    before = before_parse(doc)
    fresh = Entity("e1", "Anna Berg", "PERSON", [Mention(21, 30, "Anna Berg")])
    doc.entities = [fresh]  # what a re-parse leaves: e1 found again, e2 not
    doc.key_points = [KeyPoint("k1", "t", "visit", 1.0, [Evidence(21, 55, TEXT[21:55])])]
    lost = carry_unknown_keys(before, doc)
    assert fresh.extra == {"wikidata": ("label", "Q1")} and doc.key_points[0].extra == {"by": ("pinned", "ann")}
    assert lost == ["entities[e2].note"]
