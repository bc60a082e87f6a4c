"""Issue 21, item 9: the library's entity index keeps labels apart."""

from __future__ import annotations

import json
from pathlib import Path

from briefreader.library import EntitySummary, LibraryIndex
from briefreader.model.corrections import Corrections
from tests.helpers.library_data import annotated, write


def named(index: LibraryIndex) -> dict[str, EntitySummary]:
    return {e.name: e for e in index.entities()}


def labels(out: str) -> list[str]:
    return [json.loads(line)["label"] for line in out.splitlines()]


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
