"""Issue 21, item 23: two ``annotate`` runs write the same bytes, whatever the string hash seed.

Python salts ``hash(str)`` per process (``PYTHONHASHSEED``), so a set of
names iterated, or a tie broken by whichever came first out of one, can
order key points, entities or frames differently from run to run. Every
tie is broken by a stable key instead; this runs the bundled briefs twice
with different seeds and compares every file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.paths import BRIEFS


def annotate_with_seed(seed: str, out: Path) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    code = "import sys; from briefreader.cli import main; sys.exit(main(sys.argv[1:]))"
    run = subprocess.run(
        [sys.executable, "-c", code, "annotate", str(BRIEFS), "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_two_annotate_runs_with_different_hash_seeds_write_identical_files(tmp_path: Path) -> None:
    first = annotate_with_seed("1", tmp_path / "one")
    second = annotate_with_seed("2024", tmp_path / "two")
    assert len(first) == len(list(BRIEFS.iterdir()))
    assert first.keys() == second.keys()
    differ = [name for name in first if first[name] != second[name]]
    assert differ == []
