#!/usr/bin/env python3
"""Validate the briefreader gold set (dev/, heldout/ and heldout2/).

Checks: YAML parses; front matter; every `sentence` is a 30+ character
substring occurring exactly once in the brief body (and contains no newline);
every `trigger` occurs as a word inside its `sentence`; at most one event per
body sentence; when.text occurs in the full sentence; when.date is ISO and
equals the date computed from the conventions in README.md; names and places
occur in the brief. Prints per-brief and per-type counts and the body
sentences that carry no event.

Usage: python3 validate.py [-v]
"""

import calendar
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent
TYPES = {"visit", "invitation", "agreement", "tension", "statement", "security", "economy"}
STATUSES = {"happened", "planned", "reported"}
KEYS = {"sentence", "type", "trigger", "actors", "targets", "place", "when", "status"}
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def split_brief(text):
    m = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    if not m:
        return None, None, None
    front = yaml.safe_load(m.group(1))
    rest = m.group(2).strip("\n")
    lines = rest.split("\n")
    title_line = lines[0]
    body = "\n".join(lines[1:]).strip("\n")
    return front, title_line, body


ABBREV = re.compile(r"(\b[A-Z]\.|\bJr\.|\bSr\.|\bMr\.|\bMrs\.|\bMs\.|\bDr\.|\bSt\.)$")


def sentences(body):
    out = []
    for para in [p for p in body.split("\n") if p.strip()]:
        start = 0
        for m in re.finditer(r'[.!?]["”]?(?=\s+["“A-Z])', para):
            chunk = para[start : m.end()]
            if ABBREV.search(chunk):
                continue
            out.append(chunk.strip())
            start = m.end()
        if para[start:].strip():
            out.append(para[start:].strip())
    return out


def add_months(d, n):
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return f"{y:04d}-{m + 1:02d}"


def resolve(text, D, future):
    """Date for a `when.text` under the README conventions (None = vague)."""
    t = text.lower().strip()
    t = re.sub(r"^(on|in|from|since|starting|late on|early on|by)\s+", "", t)
    if t in ("yesterday",):
        return (D - dt.timedelta(days=1)).isoformat()
    if t in ("today",):
        return D.isoformat()
    if t in ("tomorrow",):
        return (D + dt.timedelta(days=1)).isoformat()
    if t in WEEKDAYS:
        w = WEEKDAYS[t]
        if future:
            delta = (w - D.weekday()) % 7 or 7
            return (D + dt.timedelta(days=delta)).isoformat()
        delta = (D.weekday() - w) % 7
        return (D - dt.timedelta(days=delta)).isoformat()
    if t in ("last year",):
        return f"{D.year - 1}"
    if t in ("next year",):
        return f"{D.year + 1}"
    if t in ("this year", "earlier this year", "later this year"):
        return f"{D.year}"
    if t in ("last month",):
        return add_months(D, -1)
    if t in ("next month",):
        return add_months(D, 1)
    if t in ("this month", "later this month", "earlier this month"):
        return add_months(D, 0)
    m = re.fullmatch(r"(next|last|this) (spring|summer|autumn|fall|winter)", t)
    if m:
        sm = SEASONS[m.group(2)]
        # seasons as (year, first month); find the one containing D
        cands = [(y, s) for y in range(D.year - 2, D.year + 3) for s in (3, 6, 9, 12)]

        def start(c):
            return dt.date(c[0], c[1], 1)

        cur = max(c for c in cands if start(c) <= D)
        if m.group(1) == "next":
            c = min(c for c in cands if c[1] == sm and start(c) > D)
        elif m.group(1) == "last":
            c = max(c for c in cands if c[1] == sm and start(c) <= D and c != cur)
        else:  # this <season>: the one of the current season-year
            c = min((c for c in cands if c[1] == sm and start(c) >= dt.date(cur[0], cur[1], 1)), default=None)
            if cur[1] == sm:
                c = cur
        return f"{c[0]:04d}-{c[1]:02d}"
    m = re.fullmatch(r"(\d{4})", t)
    if m:
        return m.group(1)
    m = re.fullmatch(r"(\d{1,2}) ([a-z]+)(?: (\d{4}))?", t) or None
    if m and m.group(2) in MONTHS:
        day, mon, year = int(m.group(1)), MONTHS[m.group(2)], m.group(3)
        return explicit_day(D, mon, day, year, future)
    m = re.fullmatch(r"([a-z]+) (\d{1,2}),? (\d{4})", t)
    if m and m.group(1) in MONTHS:
        return explicit_day(D, MONTHS[m.group(1)], int(m.group(2)), m.group(3), future)
    m = re.fullmatch(r"([a-z]+)(?: (\d{4}))?", t)
    if m and m.group(1) in MONTHS:
        mon = MONTHS[m.group(1)]
        if m.group(2):
            return f"{m.group(2)}-{mon:02d}"
        y = D.year
        if not future and mon > D.month:
            y -= 1
        if future and mon < D.month:
            y += 1
        return f"{y:04d}-{mon:02d}"
    return None


def explicit_day(D, mon, day, year, future):
    if year:
        return dt.date(int(year), mon, day).isoformat()
    d = dt.date(D.year, mon, day)
    if not future and (d - D).days > 183:
        d = dt.date(D.year - 1, mon, day)
    return d.isoformat()


def check_pair(md_path, verbose):
    where = md_path.relative_to(ROOT)
    text = md_path.read_text(encoding="utf-8")
    front, title_line, body = split_brief(text)
    if front is None:
        err(where, "no YAML front matter")
        return None
    for k in ("title", "date", "source"):
        if k not in front:
            err(where, f"front matter lacks {k}")
    D = front.get("date")
    if isinstance(D, str):
        D = dt.date.fromisoformat(D)
    if not isinstance(D, dt.date):
        err(where, "date is not YYYY-MM-DD")
        return None
    if not (2024 <= D.year <= 2026):
        err(where, "date outside 2024-2026")
    if front.get("source") != "briefreader gold set":
        err(where, "source must be 'briefreader gold set'")
    if title_line != f"# {front.get('title')}":
        err(where, "'# Title' line does not match front-matter title")
    sents = sentences(body)
    if not 5 <= len(sents) <= 9:
        err(where, f"{len(sents)} body sentences (want 5-9)")

    ev_path = md_path.with_name(md_path.name[:-3] + ".events.yaml")
    if not ev_path.exists():
        err(where, "no .events.yaml")
        return None
    data = yaml.safe_load(ev_path.read_text(encoding="utf-8"))
    ew = ev_path.relative_to(ROOT)
    if data.get("brief") != md_path.name:
        err(ew, "brief: field does not name its .md file")
    events = data.get("events") or []
    used = {}
    types = Counter()
    for i, e in enumerate(events):
        w = f"{ew}#{i + 1}"
        if set(e) != KEYS:
            err(w, f"keys {sorted(set(e) ^ KEYS)} missing/extra")
            continue
        s = e["sentence"]
        if not isinstance(s, str) or len(s) < 30:
            err(w, "sentence shorter than 30 characters")
            continue
        if "\n" in s:
            err(w, "sentence contains a newline")
        n = body.count(s)
        if n != 1:
            err(w, f"sentence occurs {n} times in the body: {s!r}")
            continue
        full = [x for x in sents if s in x]
        if len(full) != 1:
            err(w, f"sentence substring not inside exactly one body sentence ({len(full)})")
            continue
        full = full[0]
        if full in used:
            err(w, f"second event for one sentence (first: #{used[full]})")
        used[full] = i + 1
        if e["type"] not in TYPES:
            err(w, f"bad type {e['type']}")
        types[e["type"]] += 1
        if e["status"] not in STATUSES:
            err(w, f"bad status {e['status']}")
        trig = str(e["trigger"])
        if not re.search(r"\b" + re.escape(trig) + r"\b", s):
            err(w, f"trigger {trig!r} not a word of the sentence")
        for role in ("actors", "targets"):
            if not isinstance(e[role], list):
                err(w, f"{role} must be a list")
                continue
            for name in e[role]:
                parts = [p for p in re.split(r"\s+", str(name)) if len(p) > 2]
                if str(name) not in text and not any(p in text for p in parts):
                    err(w, f"{role} name {name!r} not found in brief")
        if e["place"] is not None and str(e["place"]) not in full:
            err(w, f"place {e['place']!r} not in its sentence")
        wh = e["when"]
        if wh is not None:
            if not isinstance(wh, dict) or set(wh) != {"text", "date"}:
                err(w, "when must be null or {text, date}")
                continue
            if str(wh["text"]) not in full:
                err(w, f"when.text {wh['text']!r} not in its sentence")
            date = wh["date"]
            if date is not None and (not isinstance(date, str) or not ISO.match(date)):
                err(w, f"when.date {date!r} not an ISO string")
                continue
            exp = resolve(str(wh["text"]), D, e["status"] == "planned")
            if exp != date:
                err(w, f"when.date {date!r} but conventions give {exp!r} for {wh['text']!r}")
            if date and len(date) == 10:
                wd = calendar.day_name[dt.date.fromisoformat(date).weekday()].lower()
                if wd in str(wh["text"]).lower() and not str(wh["text"]).lower().endswith(wd):
                    err(w, "weekday mismatch")
                for name in WEEKDAYS:
                    if name in str(wh["text"]).lower() and name != wd:
                        err(w, f"{date} is a {wd}, text says {name}")
    unlisted = [x for x in sents if x not in used]
    if verbose:
        print(f"\n== {where} ({D}, {D.strftime('%A')}): {len(sents)} sentences, {len(events)} events")
        for x in unlisted:
            print("   no event:", x)
    return len(sents), len(events), types, len(unlisted)


def main():
    verbose = "-v" in sys.argv
    total = Counter()
    per_split = {}
    for split in ("dev", "heldout", "heldout2"):
        briefs = sorted((ROOT / split).glob("*.md"))
        n_s = n_e = n_none = 0
        for md in briefs:
            r = check_pair(md, verbose)
            if r:
                n_s += r[0]
                n_e += r[1]
                n_none += r[3]
                total.update({f"{split}:{k}": v for k, v in r[2].items()})
        per_split[split] = (len(briefs), n_s, n_e, n_none)
    print()
    for split, (b, s, e, none) in per_split.items():
        print(f"{split}: {b} briefs, {s} sentences, {e} events, {none} sentences without event")
        print("   " + ", ".join(f"{t} {total[f'{split}:{t}']}" for t in sorted(TYPES)))
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for x in errors:
            print("  ", x)
        sys.exit(1)
    print("\nall checks passed")


if __name__ == "__main__":
    main()
