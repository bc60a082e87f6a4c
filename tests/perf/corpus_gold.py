"""Pack event gold written on corpus text into the repository's form: offsets, no text.

Usage: python tests/perf/corpus_gold.py SRC_DIR DST_DIR [--corpus ../shared/corpus]

Gold writers record each event's sentence as its exact text (the record
format of ``../shared/EVENTS.md``). The corpus must never be copied into
the repository, so the packed records name the sentence by
``{start, end, sha1}``: offsets into the story's plain text
(``corpus_text.read_story``) and the first 12 hex digits of the SHA-1 of
those characters, which ``corpus_events_eval.py`` checks before it trusts
the offsets. Everything else (type, trigger, roles, dates) is kept as written; the
writers' notes, which quote the story, are not.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_text import read_story, story_path

REPO = Path(__file__).resolve().parents[2]


def pack(records: list[dict[str, Any]], body: str) -> list[dict[str, Any]]:
    """The records with each sentence replaced by its offsets and hash."""
    out = []
    for r in records:
        text = str(r["sentence"])
        at = body.find(text)
        if at < 0:
            raise ValueError(f"{r.get('brief')}: a sentence is not in the story")
        digest = hashlib.sha1(text.encode()).hexdigest()[:12]
        # Notes quote the story: left behind with the text.
        kept = {k: v for k, v in r.items() if k != "note"}
        out.append({**kept, "sentence": {"start": at, "end": at + len(text), "sha1": digest}})
    return out


def main() -> int:
    """Pack every ``*.events.yaml`` of SRC_DIR into DST_DIR."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = ap.parse_args()
    args.dst.mkdir(parents=True, exist_ok=True)
    for f in sorted(args.src.glob("*.events.yaml")):
        records = yaml.safe_load(f.read_text(encoding="utf-8")) or []
        if records:
            records = pack(records, read_story(story_path(args.corpus, str(records[0]["brief"]))).body)
        (args.dst / f.name).write_text(
            yaml.safe_dump(records, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
