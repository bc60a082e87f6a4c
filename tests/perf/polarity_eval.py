"""Score event polarity on TimeBank: no event the gold marks NEG may be shown as having happened.

Usage: python tests/perf/polarity_eval.py [CORPUS_DIR] [--verbose]

CORPUS_DIR (default ``../shared/corpus`` beside the repository) holds
``timebank/*.tml``. TimeBank marks every event word (``<EVENT eid>``) and
gives each instance a polarity (``<MAKEINSTANCE eventID polarity>``):
``NEG`` for an event the text says did not or will not take place ("did not
sign", "refused to attend"). Every story is annotated by the real pipeline
(what the saved YAML holds: ``Document.events``), and each saved frame
whose trigger is a TimeBank event word is compared with that word's
polarity. Figures, per story group (WSJ and the others) and in all:

- NEG events that carry a frame, and how many of those frames are marked
  negated (the rest are shown as having happened: the issue's "never");
- POS events that carry a frame, and how many are wrongly marked negated.

An event word with no frame is no case: nothing is shown for it.
Not part of the test run: it prints figures, it does not pass or fail.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_text import read_story, story_document

from briefreader.nlp.annotate import annotate_document
from briefreader.nlp.pipeline import load_model
from briefreader.nlp.taxonomy import load_taxonomy

REPO = Path(__file__).resolve().parents[2]
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")


def event_spans(raw: str) -> list[tuple[int, int, str]]:
    """``(start, end, polarity)`` of every event word, as offsets into the story's plain text.

    The plain text is what ``corpus_text.read_story`` makes of the file:
    the ``<TEXT>`` with tags stripped, entities unescaped, stripped at both
    ends; offsets are counted the same way here.
    """
    m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if m is None:
        return []
    text = m.group(1)
    polarity = {
        a.group(1): a.group(2) for a in re.finditer(r'<MAKEINSTANCE[^>]*?eventID="(\w+)"[^>]*?polarity="(\w+)"', raw)
    }
    plain = 0
    at = 0
    opened: tuple[str, int] | None = None
    spans: list[tuple[int, int, str]] = []
    for t in _TAG.finditer(text):
        plain += len(html.unescape(text[at : t.start()]))
        at = t.end()
        closing, name, attrs = t.group(1), t.group(2), t.group(3)
        if name == "EVENT" and not closing:
            eid = re.search(r'eid="(\w+)"', attrs)
            opened = (eid.group(1) if eid else "", plain)
        elif name == "EVENT" and closing and opened is not None:
            spans.append((opened[1], plain, polarity.get(opened[0], "POS")))
            opened = None
    lead = len(html.unescape(re.sub(r"<[^>]+>", "", text))) - len(html.unescape(re.sub(r"<[^>]+>", "", text)).lstrip())
    return [(s - lead, e - lead, p) for s, e, p in spans]


def main() -> int:
    """Print the polarity figures for every TimeBank story."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, nargs="?", default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()
    files = sorted((args.corpus / "timebank").glob("*.tml"))
    if not files:
        print(f"no TimeBank stories under {args.corpus / 'timebank'}", file=sys.stderr)
        return 2
    model, tax = load_model(), load_taxonomy()
    c: Counter[str] = Counter()
    for path in files:
        group = "WSJ" if path.name.lower().startswith("wsj") else "non-WSJ"
        story = read_story(path)
        doc, shift = story_document(story)
        annotate_document(doc, model, tax)
        spans = event_spans(path.read_text(encoding="utf-8", errors="replace"))
        for f in doc.events:
            start = f.trigger.start - shift
            hit = next((p for s, e, p in spans if s <= start < e), None)
            if hit is None:
                continue
            for g in (group, "all"):
                c[f"{g} {hit}"] += 1
                c[f"{g} {hit} negated"] += f.negated
            if args.verbose and (hit == "NEG") != f.negated:
                sent = doc.text[slice(*(f.sentence or (0, 0)))]
                shown = "negated" if f.negated else "shown as happened"
                print(f"{hit} {shown}  {path.name}: {f.trigger.text!r} {sent[:110]!r}")
    for g in ("WSJ", "non-WSJ", "all"):
        neg, neg_ok = c[f"{g} NEG"], c[f"{g} NEG negated"]
        pos, pos_bad = c[f"{g} POS"], c[f"{g} POS negated"]
        print(
            f"{g:8} NEG events with a frame {neg:3}: negated {neg_ok} ({neg_ok / neg if neg else 0:.2f}), "
            f"shown as happened {neg - neg_ok}   POS events with a frame {pos:4}: wrongly negated {pos_bad}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
