"""``annotate --dask local`` (2 workers) against ``annotate --jobs 2``, on one corpus; prints ratios.

Usage: python tests/perf/dask_bench.py CORPUS_DIR [--repeat N] [--workers N]

CORPUS_DIR is a folder of briefs (for the README figure:
../shared/corpus/bbc/article, 80 BBC articles in four subfolders). Each
round runs, one after the other so drift hits both alike:

- ``jobs``:  ``briefreader annotate CORPUS --out A --jobs N`` (spaCy's n_process);
- ``dask``:  ``briefreader annotate CORPUS --out B --dask local --jobs N``
  (starts a LocalCluster of N worker processes, each loads spaCy, then stops it);
- ``warm``:  ``briefreader annotate CORPUS --out C --dask ADDRESS`` against a
  cluster of N workers this script started once and keeps (what a
  long-lived cluster costs per run: no start-up, pipelines already loaded).

Every command is a fresh process (imports and model load included), so the
times are what a user waits. Absolute times drift on a shared machine;
the ratios are the figures. It also checks the three outputs are
byte-identical. Not part of the test run: it reports, it does not fail.
"""

from __future__ import annotations

import argparse
import filecmp
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def annotate(corpus: Path, out: Path, *extra: str) -> float:
    """Wall seconds of one ``briefreader annotate`` run in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "briefreader", "annotate", str(corpus), "--out", str(out), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - t0
    if r.returncode != 0:
        print(f"  ({' '.join(extra)}) exit {r.returncode}: {r.stderr.strip().splitlines()[-1:]}")
    return elapsed


def same_tree(a: Path, b: Path) -> bool:
    """True when both folders hold the same files with the same bytes."""
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files_a == files_b and all(filecmp.cmp(a / f, b / f, shallow=False) for f in files_a)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2, help="--jobs N and the number of Dask workers")
    args = ap.parse_args()
    from distributed import LocalCluster

    briefs = sum(1 for p in args.corpus.rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".yaml"))
    n = str(args.workers)
    print(f"{briefs} briefs in {args.corpus}; {args.workers} processes each way; {os.cpu_count()} cores")
    times: dict[str, list[float]] = {"jobs": [], "dask": [], "warm": []}
    with (
        tempfile.TemporaryDirectory() as tmp,
        LocalCluster(
            n_workers=args.workers, threads_per_worker=1, dashboard_address=":0", silence_logs=logging.ERROR
        ) as cluster,
    ):
        out = Path(tmp)
        annotate(args.corpus, out / "prime", "--dask", cluster.scheduler_address)  # loads the warm pipelines
        for i in range(args.repeat):
            times["jobs"].append(annotate(args.corpus, out / f"jobs{i}", "--jobs", n))
            times["dask"].append(annotate(args.corpus, out / f"dask{i}", "--dask", "local", "--jobs", n))
            times["warm"].append(annotate(args.corpus, out / f"warm{i}", "--dask", cluster.scheduler_address))
            print(f"  round {i + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items()))
        identical = same_tree(out / "jobs0", out / "dask0") and same_tree(out / "jobs0", out / "warm0")
    med = {k: statistics.median(v) for k, v in times.items()}
    print(
        f"median seconds: --jobs {n} {med['jobs']:.1f}, --dask local {med['dask']:.1f}, warm cluster {med['warm']:.1f}"
    )
    print(f"speed-up of --dask local over --jobs {n}: {med['jobs'] / med['dask']:.2f}x (above 1 is faster)")
    print(f"speed-up of a warm cluster over --jobs {n}: {med['jobs'] / med['warm']:.2f}x")
    print(f"outputs byte-identical: {'yes' if identical else 'NO'}")


if __name__ == "__main__":
    main()
