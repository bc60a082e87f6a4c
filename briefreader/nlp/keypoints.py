"""Find a brief's key points: central sentences, sorted into event categories.

Method (measured by ``tests/perf/keypoints_eval.py``):
1. Rank body sentences by centrality, TextRank over the overlap of content
   lemmas, with entity salience and position as lesser signals.
2. Give each sentence a category from the taxonomy (lemmas, main verb,
   entity labels, past years).
3. Pick points greedily by score, skipping near-duplicates, favouring
   sections and categories not yet covered; a sentence of the same
   category and section as a chosen point joins it as more evidence.
4. Title each point from its category and its main participants.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from briefreader.model.document import Document, Entity, Evidence, KeyPoint
from briefreader.nlp.parse import Analysis, ParsedSentence, Token
from briefreader.nlp.taxonomy import Category, Taxonomy

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
WINDOW = 400
"""Sentences ranked together; longer briefs are ranked window by window."""
MIN_CONTENT = 4
"""A sentence needs this many content words to be a key point (no fragments)."""
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


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


def extract(doc: Document, analysis: Analysis, taxonomy: Taxonomy, limit: int | None = None) -> list[KeyPoint]:
    """The brief's key points, highest score first, ids k1.. in that order."""
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
    return _select(doc, cands, k, year)


def _select(doc: Document, cands: list[_Cand], k: int, year: int | None) -> list[KeyPoint]:
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
    for g in sorted(chosen, key=lambda g: -g[0].score):
        title = title_for(g, year)
        if any(p.title == title for p in points):
            title = f"{title.split(':')[0]}: {_gist(g[0])}"
        points.append(
            KeyPoint(
                id=f"k{len(points) + 1}",
                title=title,
                category=g[0].category.id if g[0].category else "other",
                score=round(g[0].score, 4),
                evidence=[Evidence(c.sent.start, c.sent.end, doc.text[c.sent.start : c.sent.end]) for c in g],
            )
        )
    return points


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


def _role(sent: ParsedSentence, start: int, end: int) -> int:
    """0 for the subject side of the sentence, 1 otherwise."""
    for i, t in enumerate(sent.tokens):
        if start <= t.start < end:
            j, seen = i, 0
            while seen < 30:
                tok = sent.tokens[j]
                if tok.dep in _SUBJECT_DEPS:
                    return 0
                if tok.head == j:
                    break
                j, seen = tok.head, seen + 1
            return 1
    return 1


def _short(ent: Entity) -> str:
    """An entity's name, or its acronym when it has one (titles stay short)."""
    acr = [a for a in ent.aliases if a.isupper() and 2 <= len(a) <= 6]
    return acr[0] if acr and len(ent.name) > 20 else ent.name


def _participants(group: list[_Cand], labels: tuple[str, ...]) -> list[tuple[Entity, int]]:
    """Entities of the evidence: by label preference, subjects first, then the most mentioned."""
    seen: dict[str, tuple[int, int, int, int, Entity]] = {}
    for c in group:
        for ent, s, e in c.entities:
            if ent.label not in labels:
                continue
            role = _role(c.sent, s, e)
            key = (labels.index(ent.label), role, -len(ent.visible_mentions), s)
            if ent.id not in seen or key < seen[ent.id][:4]:
                seen[ent.id] = (*key, ent)
    ranked = sorted(seen.values(), key=lambda v: v[:4])
    return [(v[4], v[1]) for v in ranked]


def _gist(c: _Cand, words: int = 9) -> str:
    """The sentence's opening words, as written (a title for uncategorised points)."""
    toks = [t for t in c.sent.tokens]
    if len(toks) <= words + 2:
        return c.text.rstrip(".!?")
    cut = toks[words - 1].end - c.sent.start
    return c.text[:cut].rstrip(",;:–—- ") + "…"


def _label(cat: Category, group: list[_Cand], past: bool) -> str:
    if past and cat.past_label:
        return cat.past_label
    lemmas = {t.lemma.lower() for c in group for t in c.sent.tokens}
    for v in cat.variants:
        if v.lemmas & lemmas:
            return v.label
    return cat.label


def title_for(group: list[_Cand], year: int | None) -> str:
    """A title a reader can scan: category label, then who or what."""
    cat = group[0].category
    years = sorted({y for c in group for y, _o in _years(c)})
    past = bool(year and years and all(y < year for y in years))
    if cat is None:
        return _gist(group[0])
    label = _label(cat, group, past)
    people = [e for e, _r in _participants(group, ("PERSON",))]
    actors = _participants(group, cat.participants)
    if cat.id == "visit" and len(people) >= 2:
        return f"{label}: {people[0].name} meets {people[1].name}"
    if cat.id == "invitation":
        return f"{label}: {_invitation(group[0], _participants(group, ('PERSON', 'ORG', 'GPE', 'NORP')))}"
    if past and years:
        return f"{label}: {', '.join(_year_phrases(group, cat))}"
    names = [e.name for e, _r in actors[: cat.max_participants]]
    if names:
        return f"{label}: {' and '.join(names)}"
    return f"{label}: {_gist(group[0])}"


def _invitation(c: _Cand, actors: list[tuple[Entity, int]]) -> str:
    """'Xi Jinping to the APEC summit in October' from an invitation sentence."""
    guest = _guest(c)
    guest = guest or next((e.name for e, role in actors if role == 1), None) or (actors[0][0].name if actors else "")
    event = next((_short(e) for e, _s, _e in c.entities if e.label in ("ORG", "EVENT") and e.name != guest), None)
    noun = next(
        (t.text for t in c.sent.tokens if t.lemma.lower() in ("summit", "forum", "conference", "ceremony", "meeting")),
        None,
    )
    when = next((_text_of(c, s, e) for ent, s, e in c.entities if ent.label == "DATE"), None)
    if event and noun and noun.lower() in event.lower():
        noun = None
    parts = [guest] if guest else []
    if event or noun:
        parts.append("to the " + " ".join(x for x in (event, noun) if x))
    if when:
        parts.append(("in " if not when[0].isdigit() or len(when) == 4 else "on ") + when)
    return " ".join(parts) if parts else _gist(c)


def _path(sent: ParsedSentence, start: int, end: int) -> list[str]:
    """Dependency labels from a mention's first token up to the root."""
    i = next((k for k, t in enumerate(sent.tokens) if start <= t.start < end), None)
    deps: list[str] = []
    while i is not None and len(deps) < 30:
        tok = sent.tokens[i]
        deps.append(tok.dep)
        if tok.head == i:
            break
        i = tok.head
    return deps


def _guest(c: _Cand) -> str | None:
    """The person invited: outside the subject, nearest the verb, not a possessor.

    In 'X invited Y's president, Z, to ...' the guest is Z, not Y.
    """
    best: tuple[int, int, str] | None = None
    for ent, s, e in c.entities:
        if ent.label != "PERSON":
            continue
        path = _path(c.sent, s, e)
        if any(d in _SUBJECT_DEPS for d in path):
            continue
        key = (int("poss" in path), len(path), ent.name)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def _year_phrases(group: list[_Cand], cat: Category) -> list[str]:
    """'2017 dispute', '2023 comments': each year with the nearest cue noun."""
    out = []
    cues = cat.nouns | {"comment", "remark", "dispute", "tension", "crisis", "war", "deal"}
    for c in group:
        for y, off in _years(c):
            nouns = [t for t in c.sent.tokens if t.pos == "NOUN" and t.lemma.lower() in cues]
            # The category's own word ('tensions') says nothing the label does not.
            nouns = [t for t in nouns if t.lemma.lower() not in cat.label.lower()] or nouns
            if nouns:
                near = min(nouns, key=lambda t: abs(t.start - off))
                out.append(f"{y} {near.text.lower()}")
            else:
                out.append(str(y))
    return list(dict.fromkeys(out))
