"""Issue 21, item 14: one file name that is not UTF-8 hides nothing.

``printf 'caf\\xe9.txt'`` beside a good brief made ``search`` and
``entities`` end in ``UnicodeEncodeError … surrogates not allowed`` and the
library screen show "0 briefs". Names are stored so that SQLite can hold
them and they map back to the same bytes; they are shown escaped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefreader.cli import main
from briefreader.library import LibraryIndex
from briefreader.library.scan import fs_name, index_name, shown_name
from briefreader.ui.library.library_screen import LibraryScreen
from tests.helpers.library_app import library_app, ready
from tests.helpers.library_data import MARKET, annotated, write

BAD_NAME = os.fsdecode(b"caf\xe9.txt")
BAD_TEXT = "Caf\u00e9 owners meet\n\nCafe owners in Corvale met the mayor on Friday.\n"


def library_with_a_bad_name(root: Path) -> Path:
    """A good annotated brief, and beside it a brief whose name is the bytes ``caf\\xe9.txt``."""
    write(root / "markets" / "fish-market.txt", MARKET)
    annotated(root / "markets" / "fish-market.txt", {"Corvale": ("GPE", ["Corvale"])})
    with open(os.fsencode(root) + b"/caf\xe9.txt", "wb") as fh:
        fh.write(BAD_TEXT.encode("utf-8"))
    assert (root / BAD_NAME).is_file()
    return root


def test_names_map_back_to_their_bytes() -> None:
    for name in (BAD_NAME, "sub/" + BAD_NAME, "plain.txt", "Łódź.txt"):
        stored = index_name(name)
        stored.encode("utf-8")  # SQLite can hold it
        assert fs_name(stored) == name
    assert shown_name(index_name(BAD_NAME)) == "caf\\xe9.txt"


def test_the_index_lists_both_briefs_and_opens_the_bad_one(tmp_path: Path) -> None:
    root = library_with_a_bad_name(tmp_path / "lib")
    index = LibraryIndex.open(root)
    index.refresh()
    briefs = {b.rel: b for b in index.briefs()}
    assert len(briefs) == 2
    bad = briefs[index_name(BAD_NAME)]
    assert bad.status == "new" and bad.path == root / BAD_NAME and bad.path.read_text(encoding="utf-8") == BAD_TEXT
    assert [h.path for h in index.search("mayor")] == [root / BAD_NAME]
    index.refresh()  # a second look (the path compared with what is stored) is as quiet
    assert len(index.briefs()) == 2
    index.close()


def test_search_and_entities_work_beside_a_bad_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = library_with_a_bad_name(tmp_path / "lib")
    assert main(["search", "corvale", str(root), "--json"]) == 0
    paths = {json.loads(line)["path"] for line in capsys.readouterr().out.splitlines()}
    assert paths == {str(root / "markets" / "fish-market.yaml"), f"{root}/caf\\xe9.txt"}
    assert main(["entities", str(root), "--json"]) == 0
    assert "Corvale" in capsys.readouterr().out


def test_the_cli_prints_the_name_escaped_in_a_real_process(tmp_path: Path) -> None:
    root = library_with_a_bad_name(tmp_path / "lib")
    run = subprocess.run(
        [sys.executable, "-m", "briefreader", "search", "mayor", str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert run.returncode == 0, run.stderr
    assert "caf\\xe9.txt" in run.stdout and "Traceback" not in run.stderr


async def test_the_library_screen_shows_both_briefs(tmp_path: Path) -> None:
    root = library_with_a_bad_name(tmp_path / "lib")
    app = library_app(root)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(pilot, app)
        assert isinstance(screen, LibraryScreen) and len(screen.rows) == 2
