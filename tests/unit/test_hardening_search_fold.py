"""Issue 21, item 18: search folds text the same way with FTS5 and without it.

``Straße``, ``Hauptstraße`` and ``ﬁnal`` found nothing with FTS5 and 1–2
hits with the fallback; ``tromso`` and ``lodz`` missed Tromsø and Łódź
although the README says accents are ignored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.library import LibraryIndex, schema
from briefreader.library.text import fold
from tests.helpers.library_data import write

BRIEFS = {
    "streets.txt": "Street names\n\nThe march went down the Hauptstraße to the Straße des 17. Juni.\n",
    "final.txt": "Cup ﬁnal\n\nThe ﬁnal was played in Tromsø on Sunday.\n",
    "poland.txt": "Trade fair\n\nThe fair opened in Łódź and moved to Gdańsk. Ærø sent a ferry.\n",
}

QUERIES = {
    "Straße": {"streets.txt"},
    "strasse": {"streets.txt"},
    "Hauptstraße": {"streets.txt"},
    "hauptstrasse": {"streets.txt"},
    "ﬁnal": {"final.txt"},
    "final": {"final.txt"},
    "tromso": {"final.txt"},
    "TROMSØ": {"final.txt"},
    "lodz": {"poland.txt"},
    "Łódź": {"poland.txt"},
    "gdansk": {"poland.txt"},
    "aero": {"poland.txt"},
}


@pytest.mark.parametrize("fts", [True, False], ids=["fts5", "fallback"])
def test_both_search_paths_fold_alike(tmp_path: Path, fts: bool) -> None:
    if fts and not schema.has_fts5():
        pytest.skip("this SQLite has no FTS5")
    root = tmp_path / "lib"
    for name, text in BRIEFS.items():
        write(root / name, text)
    with LibraryIndex.open(root, fts=fts) as index:
        index.refresh()
        assert index.fts is fts
        for query, expected in QUERIES.items():
            hits = index.search(query, 10)
            assert {h.rel for h in hits} == expected, query
            assert all(h.highlights for h in hits), query


def test_fold() -> None:
    assert fold("Straße Tromsø Łódź ﬁnal Lucía ÆRØ") == "strasse tromso lodz final lucia aero"
