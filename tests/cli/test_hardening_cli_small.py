"""Issue 21, item 24, the CLI ones: ``entities | head``, ``--limit`` overflow, ``search x /dev/null``, a folder
that cannot be read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefreader.cli import main
from briefreader.library import LibraryIndex
from tests.helpers.library_data import annotated, make_library, write

ROOT = Path(__file__).resolve().parents[2]


def many_entities(root: Path) -> Path:
    """A library whose ``entities`` prints far more than a pipe buffer holds."""
    for i in range(40):
        names = {f"Person{i}x{j} Name": ("PERSON", [f"Person{i}x{j} Name"]) for j in range(60)}
        text = f"Brief {i}\n\n" + " ".join(f"Person{i}x{j} Name spoke." for j in range(60)) + "\n"
        annotated(write(root / f"b{i:02d}.txt", text), names)
    return root


def test_entities_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    root = many_entities(tmp_path / "lib")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = f"{sys.executable} -m briefreader entities {root} | head -n 3"
    run = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, env=env)
    assert len(run.stdout.splitlines()) == 3
    assert "Traceback" not in run.stderr and "BrokenPipeError" not in run.stderr, run.stderr
    assert run.returncode == 141  # as grep, killed by SIGPIPE, would report it


def test_a_huge_limit_is_no_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_library(tmp_path / "lib")
    assert main(["search", "harbour", str(root), "--limit", "99999999999999999999"]) == 0
    assert main(["entities", str(root), "--limit", "99999999999999999999"]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_negative_limit_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["search", "harbour", str(tmp_path), "--limit", "-3"])
    assert stop.value.code == 2 and "--limit: -3 is below 0" in capsys.readouterr().err


def test_search_in_dev_null_says_what_it_is(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "x", os.devnull]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"briefreader: {os.devnull}: not a folder or a brief file"


def test_a_folder_that_cannot_be_read_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_library(tmp_path / "lib")
    locked = root / "markets"
    real = os.open

    def open_folder(path: object, flags: int, *args: object, **kwargs: object) -> int:
        # chmod 000, as the kernel enforces it for anyone but root (tests run as root in CI):
        # the walk opens each folder to list it, and that is where such a folder fails.
        if isinstance(path, str | bytes | os.PathLike) and Path(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_folder)
    assert main(["search", "harbour", str(root)]) == 0
    err = capsys.readouterr().err
    assert "cannot read the folder markets (Permission denied): its briefs are left out" in err
    with LibraryIndex.open(root) as index:
        index.refresh()
        index.refresh()
        assert sum("markets" in n for n in index.notices) == 1  # said once, not at every refresh
