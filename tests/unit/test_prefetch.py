"""A saved YAML read ahead by a helper process: the same brief, the same errors, and never lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.io import readahead
from briefreader.io.errors import BriefError
from briefreader.io.sources import read_brief
from briefreader.io.store import save_document
from briefreader.session import prefetch
from briefreader.session.files import load_annotated
from tests.helpers.paths import BRIEFS


@pytest.fixture
def two_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper is only started with a second core; tests run it on any runner."""
    monkeypatch.setattr(prefetch, "_usable_cpus", lambda: 2)


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "envoy.yaml"
    save_document(read_brief(BRIEFS / "korea-china-envoy.txt"), path)
    return path


def test_the_helper_reads_the_brief_and_its_stamp(saved: Path, two_cpus: None, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = load_annotated(saved)

    def not_here(path: Path) -> None:
        raise AssertionError("read in this process, not by the helper")

    monkeypatch.setattr(prefetch, "load_annotated", not_here)
    ahead = prefetch.start(saved)
    assert ahead is not None
    got = ahead.result()
    assert got.doc == expected.doc and got.stamp == expected.stamp


def test_a_bad_file_is_the_same_one_line_error(tmp_path: Path, two_cpus: None) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("briefreader: 1\ntext: [unclosed\n", "utf-8")
    with pytest.raises(BriefError) as direct:
        load_annotated(bad)
    ahead = prefetch.start(bad)
    assert ahead is not None
    with pytest.raises(BriefError) as helped:
        ahead.result()
    assert str(helped.value) == str(direct.value)


def test_a_helper_that_dies_means_the_file_is_read_here(
    saved: Path, two_cpus: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readahead, "HELPER", "import sys; sys.exit(3)")
    ahead = prefetch.start(saved)
    assert ahead is not None
    assert ahead.result().doc == load_annotated(saved).doc


def test_one_cpu_starts_no_helper(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefetch, "_usable_cpus", lambda: 1)
    assert prefetch.start(saved) is None
