"""The entity index: mentions of one entity in different briefs joined by the clustering rules."""

from __future__ import annotations

from pathlib import Path

from briefreader.io.sources import open_any
from briefreader.library import EntitySummary, LibraryIndex
from briefreader.model.corrections import Corrections
from tests.helpers.library_data import annotated, entity_library


def named(index: LibraryIndex) -> dict[str, EntitySummary]:
    return {e.name: e for e in index.entities()}


def test_one_name_in_many_briefs_is_one_entity(tmp_path: Path) -> None:
    with LibraryIndex.open(entity_library(tmp_path / "lib"), corrections=Corrections) as index:
        index.refresh()
        ents = named(index)
        assert ents["Corvale"].briefs == 2 and ents["Corvale"].mentions == 3 and ents["Corvale"].label == "GPE"
        assert ents["Teo Vance"].briefs == 3 and "Vance" in ents["Teo Vance"].aliases
        assert index.entities()[0].name == "Teo Vance"  # most briefs first


def test_aliases_and_acronyms_join_across_briefs(tmp_path: Path) -> None:
    with LibraryIndex.open(entity_library(tmp_path / "lib"), corrections=Corrections) as index:
        index.refresh()
        ents = named(index)
        # 'Marcos' alone in b joins the one entity that was also called 'Marcos' in a.
        assert "Marcos" not in ents and ents["Ferdinand Marcos Jr."].briefs == 2
        # 'PHA' joins the one multi-word organisation with those initials.
        assert "PHA" not in ents and ents["Pacific Harbour Authority"].briefs == 2
        assert "PHA" in ents["Pacific Harbour Authority"].aliases


def test_joins_that_could_be_wrong_are_not_made(tmp_path: Path) -> None:
    with LibraryIndex.open(entity_library(tmp_path / "lib"), corrections=Corrections) as index:
        index.refresh()
        ents = named(index)
        # Washington the place never joins George Washington the person.
        assert ents["Washington"].label == "GPE" and ents["George Washington"].briefs == 1
        # 'Solvik' could be Ada or Mira: it joins neither.
        assert ents["Solvik"].briefs == 1 and ents["Ada Solvik"].briefs == 1 and ents["Mira Solvik"].briefs == 1
        # Values are not entities one follows across briefs.
        assert "Monday" not in ents
        assert ents["Lena Vance"].briefs == 1


def test_alias_corrections_join_too(tmp_path: Path) -> None:
    corrections = Corrections(alias={"Solvik": "Mira Solvik"})
    with LibraryIndex.open(entity_library(tmp_path / "lib"), corrections=lambda: corrections) as index:
        index.refresh()
        assert "Solvik" not in named(index) and named(index)["Mira Solvik"].mentions == 2
        corrections.alias.clear()  # the file changed: the groups follow
        assert "Solvik" in named(index)


def test_briefs_mentioning_an_entity_open_at_its_first_mention(tmp_path: Path) -> None:
    with LibraryIndex.open(entity_library(tmp_path / "lib"), corrections=Corrections) as index:
        index.refresh()
        marcos = named(index)["Ferdinand Marcos Jr."]
        found = {m.brief.rel: m for m in index.briefs_mentioning(marcos.key)}
        assert sorted(found) == ["a.yaml", "b.yaml"]
        for m in found.values():
            text = open_any(m.brief.path).text
            assert text[m.start : m.end] in ("Ferdinand Marcos Jr.", "Marcos")
            assert text.find(text[m.start : m.end]) == m.start
        assert found["b.yaml"].name == "Marcos" and found["a.yaml"].mentions == 2
        assert index.entity_paths()[marcos.key] == ["a.yaml", "b.yaml"]
        assert index.briefs_mentioning("no such key") == []


def test_filter_by_name_alias_and_label(tmp_path: Path) -> None:
    with LibraryIndex.open(entity_library(tmp_path / "lib"), corrections=Corrections) as index:
        index.refresh()
        assert [e.name for e in index.entities("vance")] == ["Teo Vance", "Lena Vance"]
        assert [e.name for e in index.entities("pha")] == ["Pacific Harbour Authority"]
        assert {e.label for e in index.entities(labels=["gpe"])} == {"GPE"}
        assert len(index.entities(limit=2)) == 2


def test_the_index_follows_an_edited_annotation(tmp_path: Path) -> None:
    root = entity_library(tmp_path / "lib")
    with LibraryIndex.open(root, corrections=Corrections) as index:
        index.refresh()
        assert named(index)["Corvale"].briefs == 2
        annotated(root / "b.txt", {"Marcos": ("PERSON", ["Marcos"])})
        index.refresh()
        assert named(index)["Corvale"].briefs == 1
