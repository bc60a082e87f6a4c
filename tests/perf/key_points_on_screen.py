"""How soon the reader shows a brief's key points, as a person sees it (issue 21's two reader figures).

Usage: python tests/perf/key_points_on_screen.py [--seed briefs/korea-china-envoy.txt] [--runs 5]

Launches go through ``first_paint.terminal()`` (a private tmux server,
160x50, bytecode cached, the screen polled through one control client),
each timed from launch until the brief's first words are on screen (the
first paint) and, in the same launch, until words of its top key point's
title are (the Key points pane filled from a parse):

- *cached*: the parse cache (``session/parse_cache.py``) holds the brief,
  as after the library or ``search`` parsed it; primed by one uncounted
  launch. Target: key points <= first paint + 100 ms, judged on the
  median of each launch's own difference.
- *fresh*: an empty cache folder for every launch, so the reader starts
  its parse process, loads spaCy and parses. Against a process that does
  only ``import spacy; nlp = spacy.load(MODEL); nlp(text)`` on the same
  file (``bench.MODEL``). Target: <= 1.2 x it, on the medians.

The three launches of a round are interleaved (spaCy alone, fresh,
cached) so load from other work falls on all alike; config and cache
folders are private temporary ones, so the user's ``corrections.yaml``
and cache play no part. The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from bench import MODEL, _time_process  # noqa: E402
from first_paint import first_words, reader_argv, terminal  # noqa: E402


def key_point_words(brief: Path, n: int = 3) -> str:
    """The first words of the title the Key points pane shows first (by score), found by parsing here."""
    from briefreader.io.sources import read_brief
    from briefreader.model.titles import title_text
    from briefreader.nlp.annotate import annotate_document
    from briefreader.nlp.pipeline import load_model

    doc = read_brief(brief)
    annotate_document(doc, load_model(MODEL))
    top = max(doc.key_points, key=lambda k: (k.pinned, k.score))
    words = title_text(doc, top).split()
    while n < len(words) and " ".join(words[:n]) in doc.text:  # words of the title, not of the text
        n += 1
    return " ".join(words[:n])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=Path, default=ROOT / "briefs" / "korea-china-envoy.txt")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    brief = args.seed.resolve()
    paint_words, kp_words = first_words(brief), key_point_words(brief)
    print(f"{brief.name}: first paint when {paint_words!r} is on screen, key points when {kp_words!r} is")
    spacy_alone = [
        sys.executable,
        "-c",
        f"import spacy; nlp = spacy.load({MODEL!r}); nlp(open({str(brief)!r}, encoding='utf-8').read())",
    ]
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    spacy_s: list[float] = []
    fresh: list[tuple[float, float]] = []
    cached: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp, terminal() as term:
        term.env["BRIEFREADER_CONFIG_DIR"] = str(Path(tmp) / "config")
        warm_cache = str(Path(tmp) / "cache")

        def launch(cache: str) -> tuple[float, float]:
            term.env["BRIEFREADER_CACHE_DIR"] = cache
            paint, kp = term.times_until(reader_argv(brief), [paint_words, kp_words])
            return paint, kp

        launch(warm_cache)  # uncounted: bytecode written, the parse cache filled
        _time_process(spacy_alone)  # uncounted: the model's files in the page cache
        for i in range(args.runs):
            spacy_s.append(_time_process(spacy_alone)[0])
            fresh.append(launch(str(Path(tmp) / f"fresh-{i}")))
            cached.append(launch(warm_cache))
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))

    def ms(xs: list[float]) -> str:
        return f"{statistics.median(xs) * 1000:.0f} ms ({' '.join(f'{x * 1000:.0f}' for x in xs)})"

    print(f"\ncached brief ({args.runs} launches, medians, each launch in brackets)")
    print(f"  first paint           {ms([p for p, _ in cached])}")
    print(f"  key points on screen  {ms([k for _, k in cached])}")
    gap = [k - p for p, k in cached]
    verdict = "met" if statistics.median(gap) <= 0.1 else "not met"
    print(f"  key points - paint    {ms(gap)}   target <= 100 ms: {verdict}")
    print(f"\nfresh brief ({args.runs} launches)")
    print(f"  first paint           {ms([p for p, _ in fresh])}")
    print(f"  key points on screen  {ms([k for _, k in fresh])}")
    print(f"  spaCy load + parse    {ms(spacy_s)}  (whole process)")
    ratio = statistics.median([k for _, k in fresh]) / statistics.median(spacy_s)
    print(f"  ratio                 {ratio:.2f}   target <= 1.2: {'met' if ratio <= 1.2 else 'not met'}")


if __name__ == "__main__":
    main()
