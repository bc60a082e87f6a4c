"""Issue 21, item 8: ``entities`` and ``search`` on a folder nobody opened, and the parse cache they share.

The cache holds a bare brief's parse, keyed by its text, the pipeline's
name and version, the taxonomy and the corrections; the CLI fills it, the
library screen and the reader take from it (``session.parse_cache``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import briefreader.nlp.pipeline as pipeline
import briefreader.session.parse_service as parse_service
from briefreader.cli import main
from briefreader.model.document import Document
from briefreader.session import ParseService
from briefreader.session.opening import open_session
from briefreader.session.parse_cache import cache_dir
from tests.helpers.app import app_for, reader, started, status, wait_for
from tests.helpers.paths import BRIEFS

NAMES = ("korea-china-envoy.txt", "lumen-chip-results.txt")


def plain_folder(root: Path) -> Path:
    root.mkdir()
    for name in NAMES:
        shutil.copy(BRIEFS / name, root)
    return root


def entity_names(out: str) -> set[str]:
    return {json.loads(line)["name"] for line in out.splitlines()}


def test_entities_on_a_folder_nobody_opened_parses_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # --no-parse: today's behaviour, a note and nothing else.
    assert main(["entities", str(plain_folder(tmp_path / "a")), "--json", "--no-parse"]) == 1
    out = capsys.readouterr()
    assert out.out == "" and "not annotated" in out.err
    assert main(["entities", str(tmp_path / "a"), "--json"]) == 0
    found = entity_names(capsys.readouterr().out)
    assert {"Lumen Semiconductor", "China"} <= found
    assert not list((tmp_path / "a").glob("*.yaml"))  # no YAML written that nobody asked for
    assert len(list(cache_dir().rglob("*.yaml"))) == len(NAMES)
    # Another folder with the same texts: the cache answers; spaCy is never loaded.
    monkeypatch.setattr(pipeline, "load_model", _no_model)
    assert main(["entities", str(plain_folder(tmp_path / "b")), "--json"]) == 0
    assert entity_names(capsys.readouterr().out) == found
    assert main(["search", "semiconductor", str(tmp_path / "b"), "--json"]) == 0
    paths = [json.loads(line)["path"] for line in capsys.readouterr().out.splitlines()]
    assert any(p.endswith("lumen-chip-results.txt") for p in paths)


def _no_model(requested: str | None = None) -> pipeline.LoadedModel:
    raise AssertionError("the parse cache should have answered")


def test_the_parse_service_answers_from_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = plain_folder(tmp_path / "a")
    assert main(["entities", str(folder), "--json"]) == 0
    capsys.readouterr()
    monkeypatch.setattr(parse_service, "parse_copy", _no_parse)
    # The reader's and the library screen's parses go through the parse service: it answers from the cache.
    session = open_session(folder / "lumen-chip-results.txt")
    assert not session.doc.parsed
    assert session.merge_parse(ParseService(in_process=False).parse(session.parse_copy()))
    assert session.doc.parsed and session.doc.key_points and not session.dirty


async def test_the_reader_takes_a_cached_parse_without_spacy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = plain_folder(tmp_path / "a")
    assert main(["entities", str(folder), "--json"]) == 0
    monkeypatch.setattr(parse_service, "parse_copy", _no_parse)
    app = app_for(folder / "lumen-chip-results.txt")
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: screen.session.doc.parsed, "the cached parse", timeout=10)
        assert screen.session.doc.key_points and not screen.session.dirty


async def test_a_cached_brief_starts_no_parse_process_and_shows_no_parsing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 21 scale: key points <= first paint + 100 ms. The cache is asked before anything is started."""
    folder = plain_folder(tmp_path / "a")
    assert main(["entities", str(folder), "--json"]) == 0
    app = app_for(folder / "korea-china-envoy.txt", parse_in_process=True)
    started_processes: list[bool] = []
    monkeypatch.setattr(app.parser, "prepare", lambda: started_processes.append(True))
    states: list[bool] = []
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        screen.watch(screen, "parsing", states.append, init=False)
        await wait_for(pilot, lambda: screen.session.doc.parsed, "the cached parse", timeout=10)
        assert screen.session.doc.key_points and not screen.session.dirty
        assert started_processes == [] and states == [] and not screen.parsing
        assert "Parsing with spaCy" not in status(screen)


def _no_parse(*args: object) -> Document:
    raise AssertionError("the parse cache should have answered")
