"""Score the event frames briefreader saves against gold written on real news.

Usage: python tests/perf/corpus_events_eval.py GOLD_DIR [--corpus ../shared/corpus] [-v]

GOLD_DIR holds ``*.events.yaml`` files in the record format of
``../shared/EVENTS.md`` (one YAML list of records per story), written by
people who saw only that guideline. A record names its sentence either by
its text (gold kept outside the repository) or by ``{start, end, sha1}``
offsets into the story's plain text (the packed form committed under
``tests/perf/events_gold/corpus/``: no corpus text in the repository; see
``corpus_gold.py``). The stories are read from the corpus
(``corpus_text.py``), annotated by the real pipeline, and the frames of
``Document.events`` (what the saved YAML holds) are paired with the gold
records of the same sentence, type and trigger first.

Figures (records marked ``optional`` count when found, never when missed):
- recall: gold events paired with a found frame; precision: found frames
  paired with a gold record;
- type: paired frames whose type is one the record allows;
- actor and target F1 over the paired frames (names match the entity's
  name or any of its mentions, a surname its full name, a nationality
  its country), and the same counting missed and spurious frames too;
- place, date (either side dated), status, negation and source accuracy
  over the paired frames; and how many negated gold events a found frame
  shows as having taken place.

Not part of the test run: it prints figures, it does not pass or fail.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_text import read_story, story_document, story_path

from briefreader.model.document import Document, Entity
from briefreader.model.event import EventFrame
from briefreader.nlp.annotate import annotate_document
from briefreader.nlp.pipeline import load_model
from briefreader.nlp.taxonomy import load_taxonomy

REPO = Path(__file__).resolve().parents[2]


def norm(s: str) -> str:
    """Whitespace, quotes, articles and case folded, for matching names."""
    s = s.replace("’", "'").replace("“", '"').replace("”", '"')
    s = re.sub(r"^(?:the|a|an)\s+", "", re.sub(r"\s+", " ", s).strip(), flags=re.I)
    return re.sub(r"'s$", "", s).casefold()


def as_list(x: Any) -> list[Any]:
    """A scalar or a list, as a list (gold allows either for type, status, date)."""
    return list(x) if isinstance(x, list) else [x]


def names_of(item: Any) -> list[str]:
    """A role item of the gold: a name, or a list of a name and its aliases."""
    return [str(n) for n in as_list(item) if n]


def _same_name(gold: str, ent: Entity) -> bool:
    g = norm(gold)
    forms = {norm(ent.name)} | {norm(m.text) for m in ent.visible_mentions}
    if g in forms:
        return True
    for f in forms:
        if not f:
            continue
        if f.endswith(" " + g) or g.endswith(" " + f) or g.startswith(f + " ") or f.startswith(g + " "):
            return True
        # A nationality stands for its country ('Syrian' for Syria, 'Iraqi' for Iraq).
        one_word = " " not in f and " " not in g and min(len(f), len(g)) >= 4 and f[:4] == g[:4]
        if one_word and ent.label in ("NORP", "GPE") and abs(len(f) - len(g)) <= 4:
            return True
    return False


def role_counts(doc: Document, gold: list[Any], found: list[str]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of one role, names matched one to one."""
    ents = [e for e in (doc.entity(i) for i in found) if e is not None]
    left = list(ents)
    tp = 0
    for item in gold:
        hit = next((e for e in left if any(_same_name(n, e) for n in names_of(item))), None)
        if hit is not None:
            left.remove(hit)
            tp += 1
    return tp, len(left), len(gold) - tp


def locate(doc: Document, story_body: str, shift: int, rec: dict[str, Any]) -> tuple[int, int] | None:
    """The gold record's sentence as offsets into the Document's text."""
    s = rec.get("sentence")
    if isinstance(s, dict):
        start, end = int(s["start"]), int(s["end"])
        if hashlib.sha1(story_body[start:end].encode()).hexdigest()[:12] != s.get("sha1"):
            return None
        return start + shift, end + shift
    at = story_body.find(str(s))
    if at < 0:
        return None
    return at + shift, at + shift + len(str(s))


def saved_frames(doc: Document) -> list[EventFrame]:
    """The frames a saved YAML holds: ``Document.events``; before schema 2, the key points' frames."""
    if doc.events:
        return list(doc.events)
    out = [ev for k in doc.key_points for ev in ([k.event] if k.event else []) + k.more_events]
    for ev in out:
        i = doc.sentence_at(ev.trigger.start)
        ev.sentence = (doc.sentences[i].start, doc.sentences[i].end) if i is not None else None
    return out


def _pair_score(g: dict[str, Any], f: EventFrame) -> tuple[int, int]:
    types = [str(t) for t in as_list(g.get("type"))]
    trig = norm(str(g.get("trigger") or ""))
    return (f.type in types) * 2 + (norm(f.trigger.text) == trig) * 3, 0


def evaluate(gold_dir: Path, corpus: Path, verbose: bool, c: Counter[str]) -> None:
    """Add one gold set's counts to ``c``."""
    model, tax = load_model(), load_taxonomy()
    for gf in sorted(gold_dir.glob("*.events.yaml")):
        records: list[dict[str, Any]] = yaml.safe_load(gf.read_text(encoding="utf-8")) or []
        name = str(records[0]["brief"]) if records else ""
        if not records:
            continue
        story = read_story(story_path(corpus, name))
        doc, shift = story_document(story)
        annotate_document(doc, model, tax)
        found = saved_frames(doc)
        c["briefs"] += 1
        placed: list[tuple[tuple[int, int], dict[str, Any]]] = []
        for g in records:
            span = locate(doc, story.body, shift, g)
            if span is None:
                c["gold_unplaced"] += 1
                print(f"{gf.name}: a gold sentence is not in the story", file=sys.stderr)
                continue
            placed.append((span, g))
        pairs: list[tuple[dict[str, Any], EventFrame]] = []
        free = list(found)
        # Pair in order of how well they fit: type and trigger, then anything in the sentence.
        options = sorted(
            (
                (_pair_score(g, f), gi, fi)
                for gi, (span, g) in enumerate(placed)
                for fi, f in enumerate(found)
                if span[0] <= f.trigger.start < span[1]
            ),
            key=lambda o: (-o[0][0], o[1], o[2]),
        )
        used_g: set[int] = set()
        used_f: set[int] = set()
        for _s, gi, fi in options:
            if gi in used_g or fi in used_f:
                continue
            used_g.add(gi)
            used_f.add(fi)
            pairs.append((placed[gi][1], found[fi]))
        free = [f for fi, f in enumerate(found) if fi not in used_f]
        for gi, (span, g) in enumerate(placed):
            opt = bool(g.get("optional"))
            c["gold_optional" if opt else "gold"] += 1
            if gi not in used_g and not opt:
                c["missed"] += 1
                for role in ("actors", "targets"):
                    c[f"strict_{role}_fn"] += len(g.get(role) or [])
                if verbose:
                    print(
                        f"MISS  {gf.name}: [{g.get('type')}] trigger={g.get('trigger')!r} {g.get('note') or ''}"[:160]
                        + f"\n      | {doc.text[span[0] : span[1]][:200]!r}"
                    )
        c["found"] += len(found)
        c["spurious"] += len(free)
        for f in free:
            for role in ("actors", "targets"):
                c[f"strict_{role}_fp"] += len(getattr(f, role))
            if verbose:
                print(
                    f"EXTRA {gf.name}: [{f.type}] {f.trigger.text!r} {doc.text[slice(*(f.sentence or (0, 0)))][:90]!r}"
                )
        for g, f in pairs:
            c["paired"] += 1
            c["paired_required"] += not g.get("optional")
            bad = []
            if f.type in [str(t) for t in as_list(g.get("type"))]:
                c["type_ok"] += 1
                c["type_ok_required"] += not g.get("optional")
            else:
                bad.append(f"type {f.type} (gold {g.get('type')})")
            for role in ("actors", "targets"):
                tp, fp, fn = role_counts(doc, list(g.get(role) or []), getattr(f, role))
                for k, v in (("tp", tp), ("fp", fp), ("fn", fn)):
                    c[f"{role}_{k}"] += v
                    c[f"strict_{role}_{k}"] += v
                if fp or fn:
                    got = [doc.entity(i).name if doc.entity(i) else i for i in getattr(f, role)]  # type: ignore[union-attr]
                    bad.append(f"{role} {got} (gold {g.get(role)})")
            gp, fpl = g.get("place"), f.place
            if gp or fpl:
                c["place_n"] += 1
                ent = doc.entity(fpl) if fpl else None
                ok = (not gp and not fpl) or (bool(gp) and ent is not None and _same_name(str(gp), ent))
                c["place_ok"] += ok
                if not ok:
                    bad.append(f"place {ent.name if ent else None} (gold {gp})")
            gd = [None if d is None else str(d) for d in as_list(g.get("date"))]
            fd = f.when.date if f.when else None
            if any(gd) or fd:
                c["date_n"] += 1
                c["date_ok"] += fd in gd
                if fd not in gd:
                    bad.append(f"date {fd} {f.when.text if f.when else ''!r} (gold {g.get('date')})")
            st = [str(s) for s in as_list(g.get("status"))]
            c["status_ok"] += f.status in st
            if f.status not in st:
                bad.append(f"status {f.status} (gold {g.get('status')})")
            neg = bool(g.get("negated"))
            c["neg_ok"] += f.negated == neg
            c["gold_negated"] += neg
            c["neg_found"] += neg and f.negated
            if neg and not f.negated:
                c["negated_shown_happened"] += 1
            if f.negated != neg:
                bad.append(f"negated {f.negated} (gold {neg})")
            if g.get("source"):
                c["source_n"] += 1
                srcs = [x for item in as_list(g["source"]) for x in names_of(item)]
                ent = doc.entity(f.source) if f.source else None
                c["source_ok"] += ent is not None and any(_same_name(n, ent) for n in srcs)
            if verbose and bad:
                print(f"DIFF  {gf.name}: {f.trigger.text!r}: " + "; ".join(bad))


def f1(tp: int, fp: int, fn: int) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def report(c: Counter[str], label: str) -> None:
    """Print one set's figures."""

    def ratio(a: str, b: str) -> str:
        return f"{c[a] / c[b]:.2f} ({c[a]}/{c[b]})" if c[b] else "n/a"

    rec = (c["gold"] - c["missed"]) / c["gold"] if c["gold"] else 0.0
    prec = (c["found"] - c["spurious"]) / c["found"] if c["found"] else 0.0
    print(
        f"== {label}: {c['briefs']} stories, {c['gold']} gold events (+{c['gold_optional']} optional), "
        f"{c['found']} found"
    )
    print(
        f"recall {rec:.2f} ({c['gold'] - c['missed']}/{c['gold']})  precision {prec:.2f} "
        f"({c['found'] - c['spurious']}/{c['found']})"
    )
    typed = c["type_ok_required"] / c["gold"] if c["gold"] else 0.0
    print(f"type {ratio('type_ok', 'paired')}; gold events found with their type {typed:.2f}")
    for role in ("actors", "targets"):
        p = f1(c[f"{role}_tp"], c[f"{role}_fp"], c[f"{role}_fn"])
        s = f1(c[f"strict_{role}_tp"], c[f"strict_{role}_fp"], c[f"strict_{role}_fn"])
        print(f"{role[:-1]} F1 {p:.2f} on paired events (counting misses and extras: {s:.2f})")
    print(
        f"place {ratio('place_ok', 'place_n')}  date {ratio('date_ok', 'date_n')}  "
        f"status {ratio('status_ok', 'paired')}  source {ratio('source_ok', 'source_n')}"
    )
    print(
        f"negation {ratio('neg_ok', 'paired')}; negated gold found negated {ratio('neg_found', 'gold_negated')}; "
        f"negated shown as happened: {c['negated_shown_happened']}"
    )


def main() -> int:
    """Score each gold folder given, then all together."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, nargs="+")
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus} (pass --corpus)", file=sys.stderr)
        return 2
    total: Counter[str] = Counter()
    for gd in args.gold:
        c: Counter[str] = Counter()
        evaluate(gd, args.corpus, args.verbose, c)
        report(c, str(gd))
        total.update(c)
    if len(args.gold) > 1:
        report(total, "all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
