"""Benchmark of the library index on 20,000 briefs (issue 21's scale); prints figures and ratios measured in one run.

Usage: python tests/perf/library_bench.py CORPUS_DIR [--briefs 20000] [--keep DIR]

CORPUS_DIR is ../shared/corpus/bbc (article/TOPIC/NNN.txt). The library is
built in a temporary folder (never in the repository): half the briefs are
sources (the articles with a dateline added, copied under varied names and
dates), half annotated YAMLs (``annotate`` run once on the articles, then
copied with varied names and dates), spread over subfolders. Cache and
config folders are temporary too.

What it prints:
- cold index build: briefs per second (mixed library; sources only; YAMLs
  only), and the ratio to ``annotate`` on the same files. ``annotate`` is
  timed on the articles themselves (one process, model load included) and
  extrapolated per brief: parsing 2,000 briefs would take long and say
  nothing more.
- warm refresh (nothing changed; ten files touched, two edited).
- search: median of 20 queries, in-process (``LibraryIndex.search`` on an
  open, warm index) and as a whole ``briefreader search --json --no-parse``
  process (Python start-up, imports, the refresh that checks every file,
  the query), and that less the CLI's own start-up (``briefreader
  --version``, median of 10): target <= 100 ms. ``--no-parse``: the
  library's 10,000 sources were never parsed, and without it the first
  search would parse them all (hours at 100 ms a brief); once they are
  parsed, a warm search does what ``--no-parse`` does plus one query
  (``LibraryIndex.unparsed``), timed on its own.
- ``briefreader entities --json --no-parse`` as a whole process, warm: target <= 1 s.
- the library screen's first paint with a warm index: a process that runs
  the app headless on the library (``briefreader DIR`` as the CLI builds
  it) until the table's first frame with rows is drawn, against the
  one-brief reader's first paint (bench.py's headless child, on one of the
  library's YAMLs), both whole processes (Python start-up and imports
  included), median of 5 each, interleaved; and the index layer's share
  (open the warm index and list every brief).
- memory of the library screen (target <= 120 MB): peak RSS of that process after its first
  paint, the refresh, a filter, 20 searches and the entity index, and
  after parsing 10 new briefs in the background (the parse process is
  reported on its own: it is the reader's, with spaCy loaded).
- peak memory (max RSS) of processes doing the cold build, and the warm
  work (table, search, entity index).
Timings on a shared machine are noisy: the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent.parent
QUERIES = [
    "profit",
    "election",
    "music",
    "film award",
    "mobile phone",
    "court",
    "growth",
    "chelsea",
    "oil price*",
    '"interest rates"',
    "broadband",
    "game",
    "minister",
    "china",
    "record sales",
    "champion",
    "virus",
    "labour party",
    "stock market",
    "web*",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]


def _env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env["BRIEFREADER_CACHE_DIR"] = str(work / "cache")
    env["BRIEFREADER_CONFIG_DIR"] = str(work / "config")
    env["BRIEFREADER_RECOVERY_DIR"] = str(work / "recovery")
    return env


def build_library(corpus: Path, work: Path, n: int) -> tuple[Path, float, int]:
    """Make the library; returns it, annotate's seconds per brief, and the number of articles annotated."""
    articles = sorted((corpus / "article").glob("*/*.txt"))
    annotated = work / "annotated"
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "briefreader", "annotate", str(corpus / "article"), "--out", str(annotated)],
        check=True,
        capture_output=True,
        env=_env(work),
        cwd=ROOT,
    )
    per_brief = (time.perf_counter() - t0) / len(articles)
    from briefreader.io.store import dumps, load_document
    from briefreader.model.document import BriefMeta

    yamls = sorted(annotated.rglob("*.yaml"))
    rng = random.Random(7)
    lib = work / "library"
    for i in range(n):
        day, month, year = 1 + i % 28, MONTHS[(i // 28) % len(MONTHS)], 2024 + (i // 280) % 3
        folder = f"{year}/{month.lower()}"
        if i % 2 == 0:
            src = articles[i % len(articles)]
            title, _, body = src.read_text(encoding="utf-8", errors="replace").partition("\n")
            target = lib / "sources" / folder / f"{src.parent.name}-{i:04}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"{title}\n\n{day} {month}, {year}\n{body}", encoding="utf-8")
        else:
            doc = load_document(yamls[i % len(yamls)])
            m = doc.meta
            doc.meta = BriefMeta(m.title, f"{year}-{MONTHS.index(month) + 1:02}-{day:02}", m.source, m.slug, m.tags)
            target = lib / "annotated" / folder / f"brief-{rng.randrange(10**6):06}-{i:04}.yaml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(dumps(doc), encoding="utf-8")
    return lib, per_brief, len(articles)


CHILD_BUILD = """
import sys, time, resource
from briefreader.library import LibraryIndex
t0 = time.perf_counter()
index = LibraryIndex.open(sys.argv[1])
report = index.refresh()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(time.perf_counter() - t0, report.added + report.updated, rss)
"""

CHILD_WARM = """
import sys, time, resource, statistics
from briefreader.library import LibraryIndex
queries = sys.argv[2:]
index = LibraryIndex.open(sys.argv[1])
t0 = time.perf_counter(); r = index.refresh(); refresh = time.perf_counter() - t0
t0 = time.perf_counter(); rows = index.briefs(); table = time.perf_counter() - t0
t0 = time.perf_counter(); f = index.briefs(filter="china"); filt = time.perf_counter() - t0
times = []
for q in queries:
    t0 = time.perf_counter(); hits = index.search(q, 50); times.append(time.perf_counter() - t0)
t0 = time.perf_counter(); ents = index.entities(); groups = time.perf_counter() - t0
t0 = time.perf_counter(); ents = index.entities(); ents_warm = time.perf_counter() - t0
t0 = time.perf_counter(); index.briefs_mentioning(ents[0].key); mentioning = time.perf_counter() - t0
print(refresh, table, len(rows), filt, statistics.median(times), max(times), groups, ents_warm, len(ents), mentioning,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, index.fts)
"""

CHILD_UNPARSED = """
import sys, time
from briefreader.library import LibraryIndex
index = LibraryIndex.open(sys.argv[1])
index.refresh()
t0 = time.perf_counter(); rels = index.unparsed(); print(time.perf_counter() - t0, len(rels))
"""

CHILD_TABLE = """
import sys
from briefreader.library import LibraryIndex
rows = LibraryIndex.open(sys.argv[1]).briefs()
print("painted", len(rows), flush=True)
"""


def _child_library_paint(folder: str, work: bool) -> None:
    """Child mode: the library screen headless; print 'painted' at its first frame with rows (and exit).

    With ``work``, go on: wait for the refresh, filter, search 20 times, list
    the entity index, let 10 new briefs be parsed in the background, and
    print the peak RSS of this process (the screen) and of the parse process.
    """
    import asyncio
    import resource

    from briefreader.ui.app import make_app
    from briefreader.ui.library.library_screen import LibraryScreen

    app = make_app([], library=Path(folder), recovery=False)

    def screen() -> LibraryScreen | None:
        return next((s for s in app.screen_stack if isinstance(s, LibraryScreen)), None)

    def painted() -> None:
        s = screen()
        if s is None or not s.table.row_count:
            app.call_after_refresh(painted)
            return
        print(f"painted {s.table.row_count}", flush=True)
        if not work:
            os._exit(0)
        app.run_worker(rest(s))

    async def rest(s: LibraryScreen) -> None:
        while s.work.refreshing:
            await asyncio.sleep(0.05)
        s.filter = "china"
        s.reload()
        s.filter = ""
        s.reload()
        for q in QUERIES:
            s.index.search(q, 50)
        s.index.entities()
        after_table = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t0 = time.perf_counter()
        while not s.work.parsing and time.perf_counter() - t0 < 30:
            await asyncio.sleep(0.1)
        parsed = 0
        while s.work.parsing and parsed < 10:
            await asyncio.sleep(0.2)
            parsed = sum(1 for b in s.rows if b.parsed and b.status == "new")
        after_parse = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child = 0.0
        for pid in app.parser.pids:
            with open(f"/proc/{pid}/status", encoding="ascii") as f:
                child = max(child, *(float(x.split()[1]) / 1024 for x in f if x.startswith("VmHWM")))
        print(f"memory {after_table:.0f} {after_parse:.0f} {parsed} {child:.0f}", flush=True)
        os._exit(0)

    app.call_after_refresh(lambda: app.call_after_refresh(painted))
    app.run(headless=True, size=(160, 50))


def _run(code: str, args: list[str], env: dict[str, str]) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"a measuring process failed:\n{out.stderr}")
    return out.stdout.split()


def _wall(args: list[str], env: dict[str, str], until: str | None = None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    for line in proc.stdout:
        if until and line.startswith(until):
            break
    elapsed = time.perf_counter() - t0
    proc.kill()
    proc.wait()
    return elapsed


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] in ("--child-library-paint", "--child-library-work"):
        sys.path.insert(0, str(ROOT))
        _child_library_paint(sys.argv[2], sys.argv[1] == "--child-library-work")
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--briefs", type=int, default=20000)
    ap.add_argument("--keep", type=Path, help="build the library here and keep it (default: a temporary folder)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    work = args.keep or Path(tempfile.mkdtemp(prefix="briefreader-library-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = _env(work)
    try:
        print(f"building a library of {args.briefs} briefs in {work} ...", flush=True)
        lib, annotate_per_brief, sample = build_library(args.corpus, work, args.briefs)
        results: dict[str, object] = {}
        for name, folder in (("sources", lib / "sources"), ("yamls", lib / "annotated"), ("mixed", lib)):
            seconds, added, rss = (float(x) for x in _run(CHILD_BUILD, [str(folder)], env))
            results[f"cold build ({name}){', target <= 40 s' if name == 'mixed' else ''}"] = (
                f"{added:.0f} briefs in {seconds:.2f} s = {added / seconds:.0f} briefs/s; "
                f"{annotate_per_brief * added / seconds:.1f}x faster than annotate; peak RSS {rss:.0f} MB"
            )
        results["annotate (measured)"] = (
            f"{annotate_per_brief * 1000:.0f} ms a brief ({sample} articles, one process, model load included);"
            f" extrapolated to {args.briefs} briefs: {annotate_per_brief * args.briefs:.0f} s"
        )
        warm = _run(CHILD_WARM, [str(lib), *QUERIES], env)
        refresh, table, rows, filt, median, worst, groups, ents_warm, n_ents, mentioning, rss = map(float, warm[:11])
        results["warm refresh (nothing changed)"] = f"{refresh * 1000:.0f} ms for {rows:.0f} briefs"
        results["table: briefs() sorted by date"] = f"{table * 1000:.1f} ms; filtered: {filt * 1000:.1f} ms"
        results["search in-process (20 queries)"] = (
            f"median {median * 1000:.1f} ms, worst {worst * 1000:.1f} ms (FTS5: {warm[11]})"
        )
        results["entity index"] = (
            f"{n_ents:.0f} entities; first listing (joins computed) {groups * 1000:.0f} ms, then"
            f" {ents_warm * 1000:.0f} ms; briefs mentioning the top one {mentioning * 1000:.1f} ms"
        )
        results["warm work peak RSS"] = f"{rss:.0f} MB"
        touched = sorted(lib.rglob("*.txt"))[:10]
        for p in touched:
            os.utime(p)
        for p in touched[:2]:
            p.write_text(p.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        edited = _run(CHILD_BUILD, [str(lib)], env)
        results["refresh after 10 touched, 2 edited"] = f"{float(edited[0]) * 1000:.0f} ms ({edited[1]} re-read)"
        start_up = statistics.median(_wall([sys.executable, "-m", "briefreader", "--version"], env) for _ in range(10))
        cli = [sys.executable, "-m", "briefreader", "search", "--json", "--no-parse"]
        whole = statistics.median(_wall([*cli, q, str(lib)], env) for q in QUERIES)
        results["search as a whole CLI process (20 queries, target <= 100 ms beyond start-up)"] = (
            f"median {whole * 1000:.0f} ms; CLI start-up (--version) {start_up * 1000:.0f} ms;"
            f" beyond start-up {(whole - start_up) * 1000:.0f} ms"
        )
        unparsed = _run(CHILD_UNPARSED, [str(lib)], env)
        results["LibraryIndex.unparsed() (what a warm search adds without --no-parse)"] = (
            f"{float(unparsed[0]) * 1000:.1f} ms ({unparsed[1]} briefs never parsed)"
        )
        ents_cmd = [sys.executable, "-m", "briefreader", "entities", "--json", "--no-parse", str(lib)]
        ents = statistics.median(_wall(ents_cmd, env) for _ in range(5))
        results["entities --json as a whole CLI process, warm (target <= 1 s)"] = f"median of 5: {ents * 1000:.0f} ms"
        one = next(lib.rglob("*.yaml"))
        reader_cmd = [sys.executable, str(HERE.parent / "bench.py"), "--child-first-paint", str(one)]
        screen_cmd = [sys.executable, str(HERE), "--child-library-paint", str(lib)]
        layer_cmd = [sys.executable, "-c", CHILD_TABLE, str(lib)]
        readers, screens, layers = [], [], []
        for _ in range(5):  # interleaved, so load drifts hit all three alike
            readers.append(_wall(reader_cmd, env, "painted"))
            screens.append(_wall(screen_cmd, env, "painted"))
            layers.append(_wall(layer_cmd, env, "painted"))
        reader, screen, layer = (statistics.median(x) for x in (readers, screens, layers))
        results["first paint: library screen vs one-brief reader (warm index)"] = (
            f"library screen with {rows:.0f} rows {screen * 1000:.0f} ms; one-brief reader {reader * 1000:.0f} ms;"
            f" ratio {screen / reader:.2f} (target <= 1.5); the index layer alone (open + list)"
            f" {layer * 1000:.0f} ms = {layer / reader:.2f}"
        )
        out = subprocess.run(
            [sys.executable, str(HERE), "--child-library-work", str(lib)],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=600,
        ).stdout.split()  # fmt: skip
        if "memory" in out:
            at = out.index("memory")
            table_mb, parse_mb, parsed, child_mb = out[at + 1 : at + 5]
            results["memory of the library screen (peak RSS, target <= 120 MB)"] = (
                f"{table_mb} MB after paint, refresh, filter, 20 searches and the entity index;"
                f" {parse_mb} MB after {parsed} new briefs parsed in the background"
                f" (the parse process, spaCy loaded: {child_mb} MB)"
            )
        print(f"\nlibrary benchmark, {args.briefs} briefs")
        for k, v in results.items():
            print(f"  {k}: {v}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
