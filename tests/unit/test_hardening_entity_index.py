"""Issue 21, items 7 and 9: the library's entity index follows corrections, and keeps labels apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefreader.cli import main
from briefreader.io.corrections_file import dumps_corrections
from briefreader.library import EntitySummary, LibraryIndex
from briefreader.model.corrections import Corrections
from tests.helpers.corrections import config_file
from tests.helpers.library_data import annotated, entity_library, write


def named(index: LibraryIndex) -> dict[str, EntitySummary]:
    return {e.name: e for e in index.entities()}


def labels(out: str) -> list[str]:
    return [json.loads(line)["label"] for line in out.splitlines()]


def test_corrections_apply_to_the_index_as_to_a_parse(tmp_path: Path) -> None:
    corrections = Corrections(relabel={"Corvale": "LOC"}, reject=["Lena Vance"])
    with LibraryIndex.open(entity_library(tmp_path / "lib"), corrections=lambda: corrections) as index:
        index.refresh()
        ents = named(index)
        assert ents["Corvale"].label == "LOC" and ents["Corvale"].briefs == 2
        assert "Lena Vance" not in ents
        # A change to the corrections refreshes what it touches, nothing else.
        corrections.relabel["Corvale"] = "FAC"
        corrections.reject.clear()
        ents = named(index)
        assert ents["Corvale"].label == "FAC" and ents["Lena Vance"].briefs == 1
        assert ents["Teo Vance"].briefs == 3


def test_entities_on_the_command_line_follow_corrections_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    annotated(
        write(lib / "talks.txt", "Talks in Minsk\n\nEnvoys met in Minsk on Monday.\n"), {"Minsk": ("ORG", ["Minsk"])}
    )
    assert main(["entities", str(lib), "--filter", "minsk", "--json"]) == 0
    assert labels(capsys.readouterr().out) == ["ORG"]
    config_file(dumps_corrections(Corrections(relabel={"Minsk": "GPE"})))  # what All briefs writes
    assert main(["entities", str(lib), "--filter", "minsk", "--json"]) == 0
    assert labels(capsys.readouterr().out) == ["GPE"]


def test_merges_across_briefs_keep_labels_apart(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    annotated(
        write(lib / "a.txt", "Manila votes\n\nThe Philippine Senate voted on Monday.\n"),
        {"Philippine Senate": ("ORG", ["Philippine Senate"])},
    )
    annotated(
        write(lib / "b.txt", "Manila fishermen\n\nPhilippine fishermen protested.\n"),
        {"Philippine": ("NORP", ["Philippine"])},
    )
    annotated(
        write(lib / "c.txt", "Talks\n\nWang Yi met envoys. Wang Yi spoke.\n"), {"Wang Yi": ("PERSON", ["Wang Yi"])}
    )
    annotated(write(lib / "d.txt", "More talks\n\nWang spoke again.\n"), {"Wang": ("ORG", ["Wang"])})
    with LibraryIndex.open(lib, corrections=Corrections) as index:
        index.refresh()
        ents = named(index)
    assert ents["Philippine Senate"].label == "ORG" and "Philippine" not in ents["Philippine Senate"].aliases
    assert ents["Philippine"].label == "NORP" and ents["Philippine"].briefs == 1
    # The model's wavering on a person's name still joins ('Wang' as ORG is Wang Yi).
    assert "Wang" not in ents and ents["Wang Yi"].briefs == 2
