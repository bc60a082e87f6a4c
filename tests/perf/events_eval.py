"""Score event frames against a gold set: type, roles, place, date, status.

Usage: python tests/perf/events_eval.py [GOLD_DIR] [--verbose]

GOLD_DIR (default ``tests/perf/events_gold/dev``) holds briefs ``NN-slug.md``
and, beside each, ``NN-slug.events.yaml``: for every body sentence that
reports an event, one frame (``sentence``: a substring of it, ``type``,
``trigger``, ``actors``, ``targets``, ``place``, ``when: {text, date}``,
``status``), participants named in their fullest form in the brief.

The real pipeline runs on each brief and frames are found for every
sentence (so recall does not depend on which sentences become key
points). A gold frame and a found one are paired when they are in the
same sentence. Figures:

- type precision: found frames whose sentence has a gold frame of that
  type, over all found frames; type recall: gold frames found with their
  type, over all gold frames;
- actor and target F1: entities, micro-averaged over every frame (a gold
  frame never found counts its entities as missed, a found frame with no
  gold one counts its entities as wrong); names match through the entity
  clusters ('Mr Tanaka' is 'Fumio Tanaka');
- place, date and status accuracy over paired frames (date: pairs where
  either side has a date);
- how many of the top key points carry a frame.

Not part of the test run: it prints figures, it does not pass or fail.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from briefreader.io import read_brief
from briefreader.model.document import Document, Entity
from briefreader.nlp.annotate import annotate_document
from briefreader.nlp.events import find_frames
from briefreader.nlp.pipeline import load_model
from briefreader.nlp.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent


def norm(s: str) -> str:
    """Whitespace, quotes and case folded, for matching names and sentences."""
    s = s.replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", s).strip().casefold()


def entity_for(doc: Document, name: str | None) -> str | None:
    """The id of the entity a gold name stands for: by name, by a mention, then by words."""
    if not name:
        return None
    n = norm(name)
    ents = [e for e in doc.entities if e.visible_mentions]
    for test in (
        lambda e: norm(e.name) == n,
        lambda e: any(norm(m.text) == n for m in e.visible_mentions),
        lambda e: norm(e.name).endswith(" " + n) or n.endswith(" " + norm(e.name)) or n.startswith(norm(e.name) + " "),
    ):
        hits: list[Entity] = [e for e in ents if test(e)]
        if hits:
            return max(hits, key=lambda e: len(e.visible_mentions)).id
    return "?" + n  # named in the gold set, found nowhere in the brief's entities


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, nargs="?", default=ROOT / "events_gold" / "dev")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()
    files = sorted(args.gold.glob("*.events.yaml"))
    if not files:
        print(f"no *.events.yaml under {args.gold}", file=sys.stderr)
        return 2
    model, tax = load_model(), load_taxonomy()
    c: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for gf in files:
        gold: dict[str, Any] = yaml.safe_load(gf.read_text(encoding="utf-8"))
        brief = gf.parent / str(gold.get("brief") or gf.name.replace(".events.yaml", ".md"))
        doc = read_brief(brief)
        analysis = annotate_document(doc, model, tax)
        frames = find_frames(doc, analysis, tax)
        texts = {i: norm(doc.text[s.start : s.end]) for i, s in enumerate(analysis.sentences)}
        paired: dict[int, dict[str, Any]] = {}
        for g in gold.get("events") or []:
            where = [i for i, t in texts.items() if norm(str(g["sentence"])) in t]
            if not where:
                print(f"{gf.name}: gold sentence not found: {g['sentence']!r}", file=sys.stderr)
                c["gold_unplaced"] += 1
                continue
            si = where[0]
            c["gold"] += 1
            if si in paired:
                c["gold_same_sentence"] += 1
                _missed(c, doc, g)
                continue
            paired[si] = g
        names = {e.id: e.name for e in doc.entities}
        for si, g in paired.items():
            found = frames.get(si)
            if found is None:
                _missed(c, doc, g)
                if args.verbose:
                    print(f"MISS {gf.name}: [{g['type']}] {g['sentence']}")
                continue
            fr = found.frame
            confusion[(g["type"], fr.type)] += 1
            c["paired"] += 1
            c["type_ok"] += fr.type == g["type"]
            for role in ("actors", "targets"):
                want = {entity_for(doc, n) for n in g.get(role) or []}
                got = set(getattr(fr, role))
                c[f"{role}_tp"] += len(want & got)
                c[f"{role}_fp"] += len(got - want)
                c[f"{role}_fn"] += len(want - got)
            c["place_ok"] += entity_for(doc, g.get("place")) == fr.place
            gw = (g.get("when") or {}).get("date")
            pw = fr.when.date if fr.when else None
            if gw or pw:
                c["date_n"] += 1
                c["date_ok"] += str(gw) == str(pw)
            c["status_ok"] += fr.status == g.get("status")
            if args.verbose:
                bad = []
                if fr.type != g["type"]:
                    bad.append(f"type {fr.type} (gold {g['type']})")
                for role in ("actors", "targets"):
                    want = sorted(str(entity_for(doc, n)) for n in g.get(role) or [])
                    if sorted(getattr(fr, role)) != want:
                        bad.append(f"{role} {[names.get(x) for x in getattr(fr, role)]} (gold {g.get(role)})")
                if entity_for(doc, g.get("place")) != fr.place:
                    bad.append(f"place {names.get(fr.place)} (gold {g.get('place')})")
                if (gw or pw) and str(gw) != str(pw):
                    bad.append(f"date {fr.when} (gold {g.get('when')})")
                if fr.status != g.get("status"):
                    bad.append(f"status {fr.status} (gold {g.get('status')})")
                if bad:
                    print(f"DIFF {gf.name}: {g['sentence'][:70]}\n     " + "; ".join(bad))
        for si, found in frames.items():
            c["found"] += 1
            if si not in paired:
                c["spurious"] += 1
                for role in ("actors", "targets"):
                    c[f"{role}_fp"] += len(getattr(found.frame, role))
                if args.verbose:
                    sent = analysis.sentences[si]
                    print(f"EXTRA {gf.name}: [{found.frame.type}] {doc.text[sent.start : sent.end][:90]}")
        top = sorted(doc.key_points, key=lambda k: -k.score)[:3]
        c["kp_top"] += len(top)
        c["kp_framed"] += sum(k.event is not None for k in top)
    prec = c["type_ok"] / c["found"] if c["found"] else 0.0
    rec = c["type_ok"] / c["gold"] if c["gold"] else 0.0
    print(
        f"briefs={len(files)} gold frames={c['gold']} found={c['found']} paired={c['paired']} spurious={c['spurious']}"
    )
    print(f"type precision={prec:.3f} ({c['type_ok']}/{c['found']})  recall={rec:.3f} ({c['type_ok']}/{c['gold']})")
    for role in ("actors", "targets"):
        p, r, f = f1(c[f"{role}_tp"], c[f"{role}_fp"], c[f"{role}_fn"])
        counts = f"tp {c[f'{role}_tp']} fp {c[f'{role}_fp']} fn {c[f'{role}_fn']}"
        print(f"{role[:-1]} F1={f:.3f} (P {p:.3f} R {r:.3f}; {counts})")
    n = c["paired"] or 1
    print(f"place accuracy={c['place_ok'] / n:.3f} ({c['place_ok']}/{c['paired']})")
    print(f"date accuracy={c['date_ok'] / (c['date_n'] or 1):.3f} ({c['date_ok']}/{c['date_n']})")
    print(f"status accuracy={c['status_ok'] / n:.3f} ({c['status_ok']}/{c['paired']})")
    print(f"top-3 key points with a frame: {c['kp_framed']}/{c['kp_top']}")
    if args.verbose:
        print("type confusion (gold -> found):", dict(confusion))
    return 0


def _missed(c: Counter[str], doc: Document, g: dict[str, Any]) -> None:
    for role in ("actors", "targets"):
        c[f"{role}_fn"] += len(g.get(role) or [])


if __name__ == "__main__":
    raise SystemExit(main())
