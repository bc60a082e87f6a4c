"""Issue 21 scale: the command line asks the parse cache before the reader is built (``ParseService.begin``).

A hit is read by a helper process and merged with the side panes, with no
lookup after the first frame; a miss starts the parse process first thing
after that frame, without asking the cache again. Either answer is used
only for the brief it was found for.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import briefreader.session.parse_service as parse_service
from briefreader.cli import _begin_parse
from briefreader.io.config_folder import corrections_path
from briefreader.io.sources import read_brief
from briefreader.model.document import Document
from briefreader.session import ParseService, parse_cache, prefetch
from briefreader.ui.app import make_app
from tests.helpers.app import reader, started, wait_for
from tests.helpers.paths import BRIEFS

NAME = "korea-china-envoy.txt"


@pytest.fixture(autouse=True)
def helper_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper runs only with a second CPU: these tests run as on a machine with one."""
    monkeypatch.setattr(prefetch, "_usable_cpus", lambda: 2)


def source(tmp_path: Path) -> Path:
    shutil.copy(BRIEFS / NAME, tmp_path / NAME)
    return tmp_path / NAME


def cache_parse_of(path: Path, parsed: Document) -> None:
    doc = read_brief(path)
    parse_cache.store(parse_cache.cache_key(doc.text, None, None, parse_cache.layout(doc)), parsed)


def test_a_hit_is_read_ahead_for_that_brief_only(tmp_path: Path, sample: Callable[[str], Document]) -> None:
    path = source(tmp_path)
    parsed = sample(NAME)
    cache_parse_of(path, parsed)
    parser = _begin_parse(path, read_brief(path), None, None)
    assert parser is not None
    ahead = parser.ahead(read_brief(path))
    assert ahead is not None and ahead.reading is not None
    hit = ahead.cached(read_brief(path))
    assert hit is not None and hit.parsed and [k.id for k in hit.key_points] == [k.id for k in parsed.key_points]
    assert parser.ahead(read_brief(path)) is None  # handed over once

    other = _begin_parse(path, read_brief(path), None, None)
    assert other is not None
    changed = read_brief(path)
    changed.text += "\nAnother line."
    assert other.ahead(changed) is None  # read for another text: not given, the helper ended


def test_a_miss_is_known_before_the_reader_and_nothing_starts(tmp_path: Path) -> None:
    path = source(tmp_path)
    parser = _begin_parse(path, read_brief(path), None, None)
    assert parser is not None and parser.pids == []  # no spaCy before the first frame
    ahead = parser.ahead(read_brief(path))
    assert ahead is not None and ahead.reading is None


def test_nothing_is_begun_beside_saved_annotations(tmp_path: Path) -> None:
    path = source(tmp_path)
    path.with_suffix(".yaml").write_text("briefreader: 1\n", encoding="utf-8")
    assert _begin_parse(path, read_brief(path), None, None) is None


async def test_the_reader_merges_a_hit_read_ahead_without_asking_the_cache(
    tmp_path: Path, sample: Callable[[str], Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = source(tmp_path)
    cache_parse_of(path, sample(NAME))
    asked: list[Document] = []
    parser = _begin_parse(path, read_brief(path), None, None)
    assert parser is not None
    monkeypatch.setattr(parser, "cached", lambda doc: asked.append(doc))
    monkeypatch.setattr(parser, "prepare", lambda: pytest.fail("a hit starts no parse process"))
    app = make_app([path], recovery=False, first=read_brief(path), parser=parser)
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: screen.session.doc.parsed, "the parse read ahead", timeout=10)
        assert screen.session.doc.key_points and not screen.session.dirty and not screen.parsing
        assert asked == []  # merged with the side panes: no lookup after the first frame


async def test_the_reader_parses_a_known_miss_without_asking_the_cache(
    tmp_path: Path, sample: Callable[[str], Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = source(tmp_path)
    parser = _begin_parse(path, read_brief(path), None, None)
    assert parser is not None
    asked: list[Document] = []
    monkeypatch.setattr(parser, "cached", lambda doc: asked.append(doc))
    monkeypatch.setattr(parser, "prepare", lambda: None)
    parsed = sample(NAME)

    def parse(doc: Document, look_in_cache: bool = True, ready: Callable[[Document], None] | None = None) -> Document:
        if ready is not None:
            ready(parsed)
        return parsed

    monkeypatch.setattr(parser, "parse", parse)
    app = make_app([path], recovery=False, first=read_brief(path), parser=parser)
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: screen.session.doc.parsed, "the parse", timeout=10)
        assert screen.session.doc.key_points and asked == []


def test_a_parse_is_not_kept_under_corrections_that_changed_meanwhile(
    tmp_path: Path, sample: Callable[[str], Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which corrections.yaml the parse read is unknown: kept under neither key."""
    path = source(tmp_path)
    doc = read_brief(path)
    before = parse_cache.cache_key(doc.text, None, None, parse_cache.layout(doc))
    parsed = sample(NAME)

    def edited_meanwhile(*args: object) -> Document:
        corrections_path().parent.mkdir(parents=True, exist_ok=True)
        corrections_path().write_text("reject: [Seoul]\n", encoding="utf-8")
        return parsed

    monkeypatch.setattr(parse_service, "parse_copy", edited_meanwhile)
    assert ParseService(in_process=False).parse(doc) is parsed
    after = parse_cache.cache_key(doc.text, None, None, parse_cache.layout(doc))
    assert before is not None and after is not None and before != after
    assert not parse_cache.entry_path(before).exists() and not parse_cache.entry_path(after).exists()


async def test_the_side_panes_are_filled_as_they_mount(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """They first appear filled: waiting for their layout to fill them cost a frame between text and key points."""
    from briefreader.ui.reader.reader_screen import ReaderScreen

    mount = ReaderScreen.mount_side_panes
    filled_when_mounted: list[bool] = []

    async def recorded(screen: ReaderScreen) -> None:
        await mount(screen)
        filled_when_mounted.append(screen.side_ready)

    monkeypatch.setattr(ReaderScreen, "mount_side_panes", recorded)
    path = source(tmp_path)
    app = make_app([path], recovery=False, parse_in_process=False)
    async with started(app, size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: bool(filled_when_mounted), "the side panes")
        assert filled_when_mounted == [True]


def test_a_hit_is_read_at_the_lowest_priority(
    tmp_path: Path, sample: Callable[[str], Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper must not take CPU from the first frame: it is wanted only after it."""
    path = source(tmp_path)
    cache_parse_of(path, sample(NAME))
    doc = read_brief(path)
    started_with: list[dict[str, object]] = []
    monkeypatch.setattr(prefetch, "start", lambda path, **kwargs: started_with.append(kwargs))
    ParseService().begin(doc)
    assert started_with == [{"background": True}]


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_the_background_helper_lowers_its_priority(tmp_path: Path) -> None:
    code = (
        "import os, sys; from briefreader.io.readahead import BACKGROUND, serve; "
        f"serve({str(tmp_path / 'missing.yaml')!r}, BACKGROUND); sys.stderr.write(str(os.nice(0)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert int(out.stderr) >= min(19, os.nice(0) + 19)


def test_prepare_starts_the_parse_process_at_once() -> None:
    """Not at the first parse: the reader submits that from a worker thread, ~40 ms later."""
    service = ParseService()
    try:
        service.prepare()
        assert service.pids
    finally:
        service.stop()
