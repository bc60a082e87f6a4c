"""Issue 21, item 24: ctrl+c during ``annotate --dask local`` is one clean line, not a flood of worker tracebacks.

ctrl+c in a terminal is SIGINT to the whole foreground process group: the
test starts ``annotate`` in a group of its own and signals the group, as
the terminal would, once the workers are parsing.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.cli.test_dask import needs_dask
from tests.helpers.paths import BRIEFS

ROOT = Path(__file__).resolve().parents[2]


@needs_dask
def test_ctrl_c_during_a_dask_run_prints_no_worker_tracebacks(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(10):
        for brief in BRIEFS.iterdir():
            shutil.copy(brief, src / f"{i:02d}-{brief.name}")
    cmd = [sys.executable, "-m", "briefreader", "annotate", str(src), "--out", str(tmp_path / "out")]
    proc = subprocess.Popen(
        [*cmd, "--dask", "local", "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if "Dask workers" in line:
            time.sleep(0.5)  # the parse is under way (not a wait for a condition: the scenario)
            os.killpg(proc.pid, signal.SIGINT)
            break
    err = "".join(seen) + proc.stderr.read()
    assert proc.wait(timeout=120) == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().splitlines()[-1].startswith("briefreader: interrupted;")
