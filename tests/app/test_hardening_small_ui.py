"""Issue 21, item 24, in the library screen: titles are not cut at 33 characters at 120 columns."""

from __future__ import annotations

from briefreader.ui.library.brief_table import columns


def test_the_title_gets_the_room_at_120_columns() -> None:
    widths = {c.key: c.width for c in columns(120, "date", True)}
    assert widths["title"] >= 42 and widths["title"] > 2 * widths["file"]
    wide = {c.key: c.width for c in columns(160, "date", True)}
    assert wide["title"] >= 70
