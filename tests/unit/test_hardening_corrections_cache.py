"""Issue 21, item 21: a large ``corrections.yaml`` is parsed once per version of its bytes, not at every parse.

The sidecar (``io/corrections_cache.py``) keeps what parsing and checking
gave, problems included; it is matched by a hash of the bytes, so an edit
that keeps the size and the modification time is still seen. The time is
printed by ``tests/perf/corrections_bench.py``; here the parse is counted.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefreader.io import corrections_cache
from briefreader.io import corrections_file as corrections

BIG = "briefreader-corrections: 1\nreject:\n" + "".join(f"- Noise {i:05}\n" for i in range(6000))
BAD_LINE = "relabel: {Nvidia: not a label}\n"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The paths whose YAML was parsed, in order."""
    seen: list[Path] = []
    real = corrections.parse_corrections

    def counted(text: str, path: Path) -> corrections.LoadedCorrections:
        seen.append(path)
        return real(text, path)

    monkeypatch.setattr(corrections, "parse_corrections", counted)
    return seen


def test_a_large_file_is_parsed_once_and_loads_the_same_with_its_problems(tmp_path: Path, parses: list[Path]) -> None:
    path = tmp_path / "corrections.yaml"
    path.write_text(BIG + BAD_LINE, encoding="utf-8")
    assert path.stat().st_size >= corrections_cache.MIN_BYTES
    first = corrections.load_corrections(path)
    again = corrections.load_corrections(path)
    assert parses == [path]
    assert again.corrections == first.corrections and len(again.corrections.reject) == 6000
    assert again.problems == first.problems and "line 6003" in again.problems[0] and str(path) in again.problems[0]
    assert again.exists


def test_an_edit_that_keeps_size_and_time_is_seen(tmp_path: Path, parses: list[Path]) -> None:
    path = tmp_path / "corrections.yaml"
    path.write_text(BIG, encoding="utf-8")
    corrections.load_corrections(path)
    stat = path.stat()
    path.write_text(BIG.replace("Noise 00007", "Quiet 00007"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    loaded = corrections.load_corrections(path)
    assert "Quiet 00007" in loaded.corrections.reject and "Noise 00007" not in loaded.corrections.reject
    assert len(parses) == 2


def test_the_same_bytes_elsewhere_name_their_own_path(tmp_path: Path) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    for p in (one, two):
        p.write_text(BIG + BAD_LINE, encoding="utf-8")
    corrections.load_corrections(one)
    problems = corrections.load_corrections(two).problems
    assert problems and problems[0].startswith(f"{two}:")


@pytest.mark.parametrize("kept", ["not json", '{"digest": "%s", "relabel": [], "reject": 3}', "[]"])
def test_a_damaged_sidecar_is_parsed_past_and_replaced(tmp_path: Path, parses: list[Path], kept: str) -> None:
    path = tmp_path / "corrections.yaml"
    path.write_text(BIG, encoding="utf-8")
    expected = corrections.load_corrections(path).corrections
    sidecar = corrections_cache.sidecar_path(path)
    key = corrections_cache.digest(path.read_bytes())
    sidecar.write_text(kept.replace("%s", key), encoding="utf-8")
    assert corrections.load_corrections(path).corrections == expected and len(parses) == 2
    assert corrections.load_corrections(path).corrections == expected and len(parses) == 2  # written again


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[Path]
) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("BRIEFREADER_CACHE_DIR", str(blocked))
    path = tmp_path / "corrections.yaml"
    path.write_text(BIG, encoding="utf-8")
    assert len(corrections.load_corrections(path).corrections.reject) == 6000
    assert len(corrections.load_corrections(path).corrections.reject) == 6000
    assert len(parses) == 2


def test_a_small_file_keeps_no_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "corrections.yaml"
    path.write_text("reject: [Acme]\n", encoding="utf-8")
    assert corrections.load_corrections(path).corrections.reject == ["Acme"]
    assert not corrections_cache.sidecar_path(path).exists()
