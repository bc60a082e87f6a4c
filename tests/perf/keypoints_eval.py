"""Score key points against reference summaries: precision@3.

Usage: python tests/perf/keypoints_eval.py CORPUS_DIR [--split dev|test|all] [--method keypoints|lead3|textrank]

CORPUS_DIR holds ``article/TOPIC/NNN.txt`` and ``summary/TOPIC/NNN.txt`` (the
layout of ../shared/corpus/bbc). precision@3 is, for the three highest-scoring
key points, the share whose first evidence sentence is one of the article's
reference summary sentences. ``--split dev`` uses odd-numbered articles (the
ones the method was tuned on), ``test`` the even-numbered ones it never saw.
Not part of the test run: it prints a figure, it does not pass or fail.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from briefreader.io import read_brief
from briefreader.nlp.annotate import annotate_document
from briefreader.nlp.keypoints import textrank
from briefreader.nlp.pipeline import load_model


def norm(s: str) -> str:
    """Whitespace and quotes folded, so a sentence matches its summary copy."""
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("“", '"').replace("”", '"')).strip()


def hit(sentence: str, summary: list[str]) -> bool:
    """The sentence is a summary sentence (or one holds the other whole)."""
    s = norm(sentence)
    return any(s == r or (len(s) > 20 and (s in r or r in s)) for r in summary)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--method", choices=("keypoints", "lead3", "textrank"), default="keypoints")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    model = load_model()
    articles = sorted((args.corpus / "article").glob("*/*.txt"))
    if args.split != "all":
        want = 1 if args.split == "dev" else 0
        articles = [a for a in articles if int(a.stem) % 2 == want]
    if not articles:
        print(f"no articles under {args.corpus}/article", file=sys.stderr)
        return 2
    hits = total = 0
    t0 = time.perf_counter()
    for path in articles:
        summary_path = args.corpus / "summary" / path.parent.name / path.name
        summary = [
            norm(x) for x in summary_path.read_text(encoding="utf-8", errors="replace").splitlines() if x.strip()
        ]
        doc = read_brief(path)
        analysis = annotate_document(doc, model)
        if args.method == "keypoints":
            firsts = [k.evidence[0].quote for k in sorted(doc.key_points, key=lambda k: -k.score)[:3] if k.evidence]
        else:
            body = [s for s in analysis.sentences if doc.blocks[s.block].kind == "paragraph"]
            if args.method == "lead3":
                picked = body[:3]
            else:
                sets = [
                    frozenset(
                        t.lemma.lower() for t in s.tokens if t.pos in ("NOUN", "PROPN", "VERB", "ADJ") and not t.is_stop
                    )
                    for s in body
                ]
                ranks = textrank(sets)
                picked = [body[i] for i in sorted(range(len(body)), key=lambda i: -ranks[i])[:3]]
            firsts = [doc.text[s.start : s.end] for s in picked]
        got = sum(hit(f, summary) for f in firsts)
        if args.verbose:
            print(f"{path.parent.name}/{path.name}: {got}/{len(firsts)}")
        hits += got
        total += len(firsts)
    elapsed = time.perf_counter() - t0
    print(
        f"method={args.method} split={args.split} articles={len(articles)} "
        f"precision@3={hits / total:.3f} ({hits}/{total}) in {elapsed:.1f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
