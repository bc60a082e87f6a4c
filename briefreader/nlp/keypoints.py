"""Find a brief's key points: central sentences, sorted into event categories.

Method (measured by ``tests/perf/keypoints_eval.py``):
1. Rank body sentences by centrality, TextRank over the overlap of content
   lemmas, with entity salience and position as lesser signals.
2. Give each sentence a category from the taxonomy (lemmas, main verb,
   entity labels, past years).
3. Pick points greedily by score, skipping near-duplicates, favouring
   sections and categories not yet covered; a sentence of the same
   category and section as a chosen point joins it as more evidence.
4. Give each point the event frame of its first sentence (``events``) and
   a headline written from it (``titles``); the frame's type is the point's
   category. The dated frames of its other sentences go with it, titled,
   so the timeline has them too.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from briefreader.model.document import Document, Entity, Evidence, KeyPoint
from briefreader.model.event import EventFrame
from briefreader.nlp.compress import compressed
from briefreader.nlp.events import Found, find_events
from briefreader.nlp.parse import Analysis, ParsedSentence, Token
from briefreader.nlp.taxonomy import Category, Taxonomy
from briefreader.nlp.titles import headline

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
WINDOW = 400
"""Sentences ranked together; longer briefs are ranked window by window."""
MIN_CONTENT = 4
"""A sentence needs this many content words to be a key point (no fragments)."""
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass
class _Cand:
    """A body sentence being considered as a key point."""

    index: int
    sent: ParsedSentence
    text: str
    lemmas: frozenset[str]
    section: int
    score: float = 0.0
    category: Category | None = None
    cue_strength: int = 0
    entities: list[tuple[Entity, int, int]] = field(default_factory=list)
    """(entity, start, end) of each visible mention inside the sentence."""


def _content(tokens: list[Token]) -> frozenset[str]:
    return frozenset(
        t.lemma.lower() for t in tokens if t.pos in CONTENT_POS and not t.is_stop and any(c.isalnum() for c in t.text)
    )


def textrank(sets: list[frozenset[str]], damping: float = 0.85, iterations: int = 40) -> list[float]:
    """PageRank over sentences linked by shared lemmas (Mihalcea and Tarau, 2004).

    The graph is kept sparse (pairs found through an index of lemmas) and a
    long brief is ranked in windows of ``WINDOW`` sentences, so a 1 MB brief
    costs seconds, not the hours an all-pairs graph would.
    """
    n = len(sets)
    if n > WINDOW:
        out: list[float] = []
        for lo in range(0, n, WINDOW):
            part = textrank(sets[lo : lo + WINDOW], damping, iterations)
            top = max(part) or 1.0
            out.extend(x / top for x in part)
        return out
    index: dict[str, list[int]] = {}
    for i, s in enumerate(sets):
        for lemma in s:
            index.setdefault(lemma, []).append(i)
    shared: list[dict[int, int]] = [{} for _ in range(n)]
    for members in index.values():
        for a_i, i in enumerate(members):
            row = shared[i]
            for j in members[a_i + 1 :]:
                row[j] = row.get(j, 0) + 1
    logs = [math.log(len(s) + 1) for s in sets]
    neighbours: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for i, row in enumerate(shared):
        for j, count in row.items():
            w = count / (logs[i] + logs[j])
            neighbours[i].append((j, w))
            neighbours[j].append((i, w))
    out_sum = [sum(w for _j, w in nb) for nb in neighbours]
    scores = [1.0] * n
    for _ in range(iterations):
        scores = [(1 - damping) + damping * sum(w / out_sum[j] * scores[j] for j, w in neighbours[i]) for i in range(n)]
    return scores


def _sections(doc: Document) -> list[int]:
    """For each block, the index of the section (heading) it falls under."""
    out, section = [], 0
    for b in doc.blocks:
        if b.kind == "heading":
            section += 1
        out.append(section)
    return out


def brief_year(doc: Document, analysis: Analysis) -> int | None:
    """The brief's own year: its date, else the latest year its text names."""
    if doc.meta.date:
        return int(doc.meta.date[:4])
    years = [int(y) for y in _YEAR.findall(doc.text)]
    return max(years) if years else None


def _years(c: _Cand) -> list[tuple[int, int]]:
    """(year, offset) of the years named in a sentence's DATE mentions."""
    out = []
    for ent, s, _e in c.entities:
        if ent.label == "DATE":
            out += [(int(m.group(0)), s + m.start()) for m in _YEAR.finditer(_text_of(c, s, _e))]
    return out


def _text_of(c: _Cand, start: int, end: int) -> str:
    return c.text[start - c.sent.start : end - c.sent.start]


def categorise(c: _Cand, taxonomy: Taxonomy, past: bool) -> tuple[Category | None, int]:
    """The best-matching category for a sentence and how strongly it matched."""
    tokens = c.sent.tokens
    lemmas = {t.lemma.lower() for t in tokens}
    roots = {t.lemma.lower() for i, t in enumerate(tokens) if t.head == i or t.dep == "ROOT"}
    verbs = {t.lemma.lower() for t in tokens if t.pos in ("VERB", "AUX")}
    nouns = {t.lemma.lower() for t in tokens if t.pos in ("NOUN", "PROPN")}
    labels = {e.label for e, _s, _e in c.entities}
    best: tuple[Category | None, int] = (None, 0)
    for cat in taxonomy.categories:
        if cat.requires_any and not (cat.requires_any & lemmas):
            continue
        if cat.needs_labels and not (cat.needs_labels & labels):
            continue
        if cat.needs_past_year and not past:
            continue
        score = 2 * len(cat.verbs & roots) + len((cat.verbs & verbs) - roots)
        score += min(2, len(cat.nouns & nouns))
        if past and (cat.needs_past_year or cat.past_label):
            score += 1
        if score >= cat.min_score and score > best[1]:
            best = (cat, score)
    return best


def read_events(doc: Document, analysis: Analysis, taxonomy: Taxonomy) -> dict[int, list[Found]]:
    """Every event of every sentence, set as ``doc.events`` (ids v1.., text order, each titled).

    Returned by sentence index, main event first, for ``extract``.
    """
    found = find_events(doc, analysis, taxonomy)
    doc.events = []
    for si in sorted(found):
        sent = analysis.sentences[si]
        for f in sorted(found[si], key=lambda f: f.frame.trigger.start):
            f.frame.id = f"v{len(doc.events) + 1}"
            f.frame.title = event_title(doc, sent, f)
            doc.events.append(f.frame)
    return found


def event_title(doc: Document, sent: ParsedSentence, found: Found) -> str:
    """A headline from the frame, else its sentence's main clause, compressed."""
    return headline(doc, found) or compressed(doc, sent, found.view)


def extract(
    doc: Document,
    analysis: Analysis,
    taxonomy: Taxonomy,
    limit: int | None = None,
    events: dict[int, list[Found]] | None = None,
) -> list[KeyPoint]:
    """The brief's key points, highest score first, ids k1.. in that order.

    ``events`` are the brief's events by sentence (``read_events``), read
    here when not given; each point groups the events of its sentences and
    those elsewhere that tell of the same happening.
    """
    if events is None:
        events = read_events(doc, analysis, taxonomy)
    sections = _sections(doc)
    mentions = doc.mentions()
    counts = Counter(e.id for _m, e in mentions)
    total = sum(counts.values()) or 1
    mention_starts = [m.start for m, _e in mentions]
    cands: list[_Cand] = []
    for i, s in enumerate(analysis.sentences):
        if doc.blocks[s.block].kind != "paragraph":
            continue
        lemmas = _content(s.tokens)
        if len(lemmas) < MIN_CONTENT:
            continue
        c = _Cand(i, s, doc.text[s.start : s.end], lemmas, sections[s.block])
        lo, hi = bisect.bisect_left(mention_starts, s.start), bisect.bisect_left(mention_starts, s.end)
        c.entities = [(e, m.start, m.end) for m, e in mentions[lo:hi] if m.end <= s.end]
        cands.append(c)
    if not cands:
        return []
    ranks = textrank([c.lemmas for c in cands])
    top = max(ranks) or 1.0
    year = brief_year(doc, analysis)
    for c, r in zip(cands, ranks, strict=True):
        # Salience only breaks near-ties: on the BBC set, weighting it (or the
        # position) more lowered precision@3 (0.904 -> 0.883 at 0.1 each).
        salience = min(1.0, sum(counts[e.id] / total for e, _s, _e in c.entities if e.label != "DATE") * 2)
        c.score = 0.98 * (r / top) + 0.02 * salience
        years = [y for y, _o in _years(c)]
        past = bool(year and years and all(y < year for y in years))
        c.category, c.cue_strength = categorise(c, taxonomy, past)
        if c.category is not None:
            c.score *= c.category.weight * (1.0 + 0.04 * min(c.cue_strength, 4))
    k = limit or max(3, min(7, 3 + len(cands) // 5))
    return _select(doc, cands, k, events)


def _select(doc: Document, cands: list[_Cand], k: int, events: dict[int, list[Found]]) -> list[KeyPoint]:
    frames = {si: found[0] for si, found in events.items()}
    chosen: list[list[_Cand]] = []
    pool = sorted(cands, key=lambda c: -c.score)
    # A brief with headings is about each of its sections: its best sentence
    # (an event before commentary) gets a point even when the rest of the
    # brief outscores it. Plain articles have one section and are unaffected.
    sections = sorted({c.section for c in cands})
    if len(sections) > 1:
        for sec in sections:
            mine = [c for c in pool if c.section == sec]
            best = max(mine, key=lambda c: c.score * (1.5 if c.category else 1.0))
            if not any(_similar(best, x) for g in chosen for x in g):
                chosen.append([best])
                pool.remove(best)
        k = max(k, min(7, len(chosen)))
    while pool and len(chosen) < k:
        sections_done = {g[0].section for g in chosen}
        categories_done = {g[0].category.id for g in chosen if g[0].category}
        best = max(pool, key=lambda c: _effective(c, sections_done, categories_done))
        pool.remove(best)
        if any(_similar(best, x) for g in chosen for x in g):
            continue
        chosen.append([best])
    # Sentences that share a chosen point's category and section join it as
    # evidence. Only after the choice: merging while choosing let one point
    # swallow sentences that deserved points of their own (0.912 -> 0.883).
    for c in pool:
        for g in chosen:
            if (
                c.category is not None
                and g[0].category is c.category
                and g[0].section == c.section
                and len(g) < 3
                and c.score > 0.33 * g[0].score
                and not any(_similar(c, x) for x in g)
            ):
                g.append(c)
                break
    points: list[KeyPoint] = []
    # Ties broken by place in the text, so two runs give the same order whatever the hash seed.
    for g in sorted(chosen, key=lambda g: (-g[0].score, g[0].index)):
        found = frames.get(g[0].index)
        title = title_for(doc, g[0], found)
        if any(p.title == title for p in points):
            title = compressed(doc, g[0].sent)
        category = found.frame.type if found else (g[0].category.id if g[0].category else "other")
        points.append(
            KeyPoint(
                id=f"k{len(points) + 1}",
                title=title,
                category=category,
                score=round(g[0].score, 4),
                evidence=[Evidence(c.sent.start, c.sent.end, doc.text[c.sent.start : c.sent.end]) for c in g],
                event=replace(found.frame, id="", title=None) if found else None,
                events=_group(doc, [c.index for c in g], found.frame if found else None, events),
            )
        )
    return points


def _group(doc: Document, sentences: list[int], main: EventFrame | None, events: dict[int, list[Found]]) -> list[str]:
    """Ids of the event mentions a point groups: those of its sentences, and the same happening told elsewhere.

    Another sentence's event is the same happening when it is of the same
    type, not of the opposite polarity, shares a participant with the
    point's main event and has no date that contradicts it.
    """
    ids = [f.frame.id for si in sentences for f in events.get(si, [])]
    if main is None:
        return ids
    parties = set(main.actors) | set(main.targets)
    day = main.when.date if main.when else None
    for si in sorted(events):
        if si in sentences:
            continue
        for f in events[si]:
            fr = f.frame
            other = fr.when.date if fr.when else None
            if (
                fr.type == main.type
                and fr.negated == main.negated
                and parties & (set(fr.actors) | set(fr.targets))
                and (not day or not other or day.startswith(other) or other.startswith(day))
            ):
                ids.append(fr.id)
    return ids


def _effective(c: _Cand, sections_done: set[int], categories_done: set[str]) -> float:
    """Score while choosing: a new section is worth more, a repeated category less."""
    bonus = 1.0
    if c.section not in sections_done:
        bonus *= 1.15
    if c.category is not None and c.category.id in categories_done:
        bonus *= 0.85
    return c.score * bonus


def _similar(a: _Cand, b: _Cand) -> bool:
    inter = len(a.lemmas & b.lemmas)
    return inter / (len(a.lemmas | b.lemmas) or 1) > 0.5


# Titles ----------------------------------------------------------------------


def title_for(doc: Document, c: _Cand, found: Found | None) -> str:
    """A headline from the sentence's event frame, else its main clause, compressed."""
    if found is not None:
        title = headline(doc, found)
        if title:
            return title
        return compressed(doc, c.sent, found.view)
    return compressed(doc, c.sent)
