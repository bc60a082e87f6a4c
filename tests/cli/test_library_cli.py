"""The library from the command line: ``search``, ``entities``, and a folder given to open as a library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefreader.cli import main
from briefreader.io.sources import open_any
from briefreader.ui.app import BriefReaderApp
from tests.helpers.library_app import annotated_library
from tests.helpers.library_data import entity_library, make_library


def lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_search_json_one_object_a_line_with_the_sentence_offsets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_library(tmp_path / "lib")
    assert main(["search", "harbour", str(root), "--json"]) == 0
    hits = lines(capsys.readouterr().out)
    assert hits and {"path", "title", "start", "end", "sentence"} <= set(hits[0])
    for h in hits:
        text = open_any(Path(str(h["path"]))).text
        assert text[int(h["start"]) : int(h["end"])] == h["sentence"]  # type: ignore[call-overload]
    paths = {Path(str(h["path"])).relative_to(root).as_posix() for h in hits}
    assert paths == {"talks/harbour.yaml", "markets/fish-market.txt"}
    titles = {h["title"] for h in hits}
    assert "Harbour talks between Arland and Belmark resume in Corvale" in titles


def test_search_exits_1_when_nothing_matched_and_2_on_a_bad_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_library(tmp_path / "lib")
    assert main(["search", "zeppelin", str(root), "--json"]) == 1
    assert capsys.readouterr().out == ""
    assert main(["search", "harbour", str(tmp_path / "missing")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_search_text_output_names_the_brief_and_shows_the_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_library(tmp_path / "lib")
    assert main(["search", "fishing quota", str(root)]) == 0
    out = capsys.readouterr().out
    assert f"{root / 'talks' / 'harbour.yaml'}  Harbour talks between Arland and Belmark" in out
    assert "note: Check whether the fishing quota is on the agenda" in out


def test_search_named_files_and_the_current_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_library(tmp_path / "lib")
    assert main(["search", "harbour", str(root / "markets" / "fish-market.txt"), "--json"]) == 0
    assert {h["path"] for h in lines(capsys.readouterr().out)} == {str(root / "markets" / "fish-market.txt")}
    monkeypatch.chdir(root)
    assert main(["search", "glacier", "--json"]) == 0
    assert {h["path"] for h in lines(capsys.readouterr().out)} == {"glacier.md"}  # paths as the user would type them


def test_entities_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = entity_library(tmp_path / "lib")
    assert main(["entities", str(root), "--json"]) == 0
    ents = {str(e["name"]): e for e in lines(capsys.readouterr().out)}
    marcos = ents["Ferdinand Marcos Jr."]
    assert set(marcos) == {"name", "label", "aliases", "briefs", "mentions"}
    assert marcos["label"] == "PERSON" and marcos["aliases"] == ["Marcos"] and marcos["mentions"] == 4
    assert marcos["briefs"] == [str(root / "a.yaml"), str(root / "b.yaml")]
    assert next(iter(ents)) == "Teo Vance"  # most briefs first
    assert main(["entities", str(root), "--json", "--label", "GPE"]) == 0
    assert {e["label"] for e in lines(capsys.readouterr().out)} == {"GPE"}
    assert main(["entities", str(root), "--filter", "nobody at all"]) == 1


def test_entities_text_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = entity_library(tmp_path / "lib")
    assert main(["entities", str(root), "--limit", "1"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.split() == ["3", "5", "PERSON", "Teo", "Vance", "(also", "Vance)"]


def test_library_commands_import_neither_textual_nor_spacy(tmp_path: Path) -> None:
    # spaCy only parses briefs that have no parse (issue 21, item 8): with --no-parse it is never loaded.
    root = make_library(tmp_path / "lib")
    code = f"""
import sys
from briefreader.cli import main
assert main(["search", "harbour", {str(root)!r}, "--json", "--no-parse"]) == 0
assert main(["entities", {str(root)!r}, "--no-parse"]) == 0
print("loaded", "textual" in sys.modules, "spacy" in sys.modules, file=sys.stderr)
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "loaded False False" in r.stderr


def test_the_command_line_opens_a_folder_as_a_library_and_a_file_in_the_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = annotated_library(tmp_path / "lib")
    seen: list[tuple[Path | None, list[Path]]] = []

    def run(self: BriefReaderApp, *args: object, **kwargs: object) -> None:
        seen.append((self.options.library, self.files))

    monkeypatch.setattr(BriefReaderApp, "run", run)
    assert main([str(root)]) == 0
    assert main([str(root / "glacier.yaml")]) == 0
    assert seen == [(root, []), (None, [root / "glacier.yaml"])]


@pytest.mark.parametrize("shown", [".", "lib", "lib/sub", "/abs/lib", "/", "../up", "caf\udce9"])
def test_entities_paths_are_joined_as_path_joins_them(shown: str) -> None:
    """``entities`` joins each brief's path once, as text: the same as ``Path(shown) / rel`` printed."""
    from briefreader.cli.library_commands import _where, _wheres

    where = _wheres(Path(shown))
    for rel in ("a.yaml", "x/b.txt", "x/caf\U0010ffe9.txt"):
        assert where(rel) == _where(Path(shown), rel)
