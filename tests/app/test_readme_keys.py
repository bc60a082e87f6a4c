"""The keys tables in the README and docs/ are the ones the bindings give (keys are written once).

The reader's table is in README.md, the library's in docs/library.md;
``python -m briefreader.ui.keys.readme`` prints both between their markers.
"""

from __future__ import annotations

from tests.helpers.paths import ROOT

HOMES = {"keys": ROOT / "README.md", "library-keys": ROOT / "docs" / "library.md"}
"""Where each table lives, by the name of its markers (``<!-- keys -->`` ... ``<!-- /keys -->``)."""


def test_readme_keys_tables_are_the_ones_the_bindings_give() -> None:
    """Each table, between its markers in its home, is what the bindings give today."""
    from briefreader.ui.keys.readme import tables

    assert set(tables()) == set(HOMES), "a table without a home (or a home without a table)"
    for name, table in tables().items():
        text = HOMES[name].read_text(encoding="utf-8")
        start, end = text.index(f"<!-- {name} -->"), text.index(f"<!-- /{name} -->")
        assert text[start + len(f"<!-- {name} -->") : end].strip() == table, f"{name} in {HOMES[name].name}"


def test_each_table_is_in_one_place_only() -> None:
    """A table copied into a second page would not be checked there: markers appear in their home alone."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for name, home in HOMES.items():
        holders = [p for p in pages if f"<!-- {name} -->" in p.read_text(encoding="utf-8")]
        assert holders == [home], f"{name}: {[p.name for p in holders]}"
