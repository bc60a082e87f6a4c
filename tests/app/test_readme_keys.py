"""The README's keys tables are the ones the bindings give (keys are written once)."""

from __future__ import annotations

from tests.helpers.paths import ROOT

README = ROOT / "README.md"


def test_readme_keys_tables_are_the_ones_the_bindings_give() -> None:
    """The reader's table and the library's, each between its markers."""
    from briefreader.ui.keys.readme import tables

    readme = README.read_text(encoding="utf-8")
    for name, table in tables().items():
        start, end = readme.index(f"<!-- {name} -->"), readme.index(f"<!-- /{name} -->")
        assert readme[start + len(f"<!-- {name} -->") : end].strip() == table, name
