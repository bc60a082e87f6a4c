"""Turn the model's raw entity spans into entities a reader can use.

Two steps, both on plain offsets (the model's spans come from ``parse``):
``clean`` trims what is not part of a name and drops noise; ``cluster``
groups the mentions of one thing (same name across labels, a surname with
the full name, an acronym with its expansion) and picks a name and label.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from briefreader.model.document import Document, Entity, Mention
from briefreader.nlp.gender import HONORIFIC_GENDER, Gender, gender_hints
from briefreader.nlp.parse import ParsedSentence, RawMention

DROPPED_LABELS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY"})
"""Numbers without a unit are not things a reader follows through a brief."""
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
_THE_LABELS = frozenset({"GPE", "LOC", "ORG", "FAC", "NORP"})
_LIST_LABELS = frozenset({"GPE", "LOC", "NORP", "ORG"})
"""Labels whose spans the model sometimes runs over a comma-separated list."""
_SURNAME_LABELS = frozenset({"PERSON", "ORG", "NORP"})
"""Labels the model gives a bare surname when it wavers ('Wang' as ORG)."""
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady)\.?\s+")
"""'Mr Stone' is the bare surname 'Stone' for joining with 'Frank Stone'."""
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Name suffixes left out when a surname is matched ('Carlos Santos Jr.')."""
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.? $")
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "&", "de", "du", "la", "on", "in", "to"})
_KEEP_FINAL_DOT = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|Bros)\.$")
_LEAD = "\"'“”‘’«»([{<-–—,.;:!?*_/\\ \t"
_TRAIL = "\"'“”‘’«»)]}>-–—,;:!?*_/\\ \t"


@dataclass
class Cleaned:
    """A mention after trimming, still with the model's label."""

    start: int
    end: int
    text: str
    label: str
    block: int


def clean(doc: Document, raw: list[RawMention]) -> list[Cleaned]:
    """Trim each raw span to the name it holds; drop what holds none.

    Mentions in titles, datelines and headings are kept only when the body
    mentions the same name: the model often tags heading fragments
    ('Progress Towards Economic Cooperation' as ORG) that name nothing.
    """
    out: list[Cleaned] = []
    for r in raw:
        if r.label in DROPPED_LABELS:
            continue
        span = _trim(doc.text, r.start, r.end, r.label)
        if span is None:
            continue
        s, e = span
        if r.label in _LIST_LABELS and ", " in doc.text[s:e]:
            out += _split_list(doc, s, e, r)
            continue
        if r.label in _SURNAME_LABELS | {"GPE"}:
            # 'Mr' left outside the span still says who is meant ('Mrs Grant' is not Michael Grant).
            m = _HONORIFIC_BEFORE.search(doc.text, max(0, s - 8), s)
            if m and m.end() == s and doc.block_at(m.start()) == doc.block_at(s):
                s = m.start()
        out.append(Cleaned(s, e, doc.text[s:e], r.label, r.block))
    body = {key(c.text) for c in out if doc.blocks[c.block].kind == "paragraph"}
    kept = [c for c in out if doc.blocks[c.block].kind == "paragraph" or key(c.text) in body]
    # Overlaps can appear after trimming; keep the earlier, longer span.
    kept.sort(key=lambda c: (c.start, -(c.end - c.start)))
    result: list[Cleaned] = []
    for c in kept:
        if result and c.start < result[-1].end:
            continue
        result.append(c)
    return result


def _split_list(doc: Document, start: int, end: int, r: RawMention) -> list[Cleaned]:
    """'Mali, Burkina Faso' tagged as one place is two places ('Washington, D.C.' stays one)."""
    parts, pos = [], start
    for piece in doc.text[start:end].split(", "):
        parts.append((pos, pos + len(piece)))
        pos += len(piece) + 2
    if any(not doc.text[a:b][:1].isupper() or "." in doc.text[a:b] for a, b in parts):
        return [Cleaned(start, end, doc.text[start:end], r.label, r.block)]
    out = []
    for a, b in parts:
        span = _trim(doc.text, a, b, r.label)
        if span:
            out.append(Cleaned(span[0], span[1], doc.text[span[0] : span[1]], r.label, r.block))
    return out


def _trim(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """The part of ``text[start:end]`` that is the name itself."""
    seg = text[start:end]
    if "\n" in seg:
        # A span across a line break joins two lines' fragments: keep the longer one.
        parts = []
        pos = 0
        for line in seg.split("\n"):
            parts.append((start + pos, start + pos + len(line)))
            pos += len(line) + 1
        start, end = max(parts, key=lambda p: sum(ch.isalnum() for ch in text[p[0] : p[1]]))
    changed = True
    while changed and start < end:
        changed = False
        seg = text[start:end]
        # Possessive: "South Korea's" -> "South Korea", "Reuters'" -> "Reuters".
        m = re.search(r"(?:['’]s|(?<=s)['’])$", seg)
        if m and m.start() > 0:
            end = start + m.start()
            changed = True
            continue
        if seg.endswith(".") and not _KEEP_FINAL_DOT.search(seg):
            end -= 1
            changed = True
            continue
        stripped = seg.lstrip(_LEAD)
        if len(stripped) != len(seg):
            start += len(seg) - len(stripped)
            changed = True
            continue
        stripped = seg.rstrip(_TRAIL)
        if len(stripped) != len(seg):
            end -= len(seg) - len(stripped)
            changed = True
            continue
        # "Niger and" of "Niger and Burkina Faso": the model ran into the coordination.
        m = re.search(r"\s+(?:and|or|&)$", seg)
        if m and m.start() > 0:
            end = start + m.start()
            changed = True
            continue
        if label in _THE_LABELS:
            m = re.match(r"(?:the|The)\s+", seg)
            if m and m.end() < len(seg):
                start += m.end()
                changed = True
    seg = text[start:end]
    if not seg or not any(ch.isalnum() for ch in seg):
        return None
    if label in NAME_LABELS and not (seg[0].isupper() or seg[0].isdigit()):
        return None
    return start, end


def key(name: str) -> str:
    """A comparison key for names: case, quotes, dashes and spacing folded."""
    k = name.casefold().replace("’", "'").replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", k).strip()


def compact(name: str) -> str:
    """The key under which spellings of one name group: 'TimeWarner' = 'Time Warner', 'U.S.' = 'US'."""
    return re.sub(r"[\s.\-']", "", key(name))


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-–]+", name) if w]


def _initials(name: str) -> str:
    return "".join(w[0] for w in _words(name) if w.lower() not in _ACRONYM_SKIP and w[0].isalpha()).upper()


def _acronym(name: str) -> str | None:
    bare = name.replace(".", "")
    if 2 <= len(bare) <= 7 and bare.isalpha() and bare.isupper() and " " not in name:
        return bare
    return None


class _Group:
    """A growing cluster of mentions."""

    def __init__(self) -> None:
        self.items: list[Cleaned] = []

    @property
    def longest(self) -> Cleaned:
        counts = Counter(c.text for c in self.items)
        return max(self.items, key=lambda c: (len(_words(c.text)), len(c.text), counts[c.text], -c.start))

    def labels(self) -> Counter[str]:
        return Counter(c.label for c in self.items)


def cluster(mentions: list[Cleaned], genders: dict[int, Gender] | None = None) -> list[Entity]:
    """Group cleaned mentions into entities, ordered by first mention.

    ``genders`` (mention start -> gender, from ``gender.gender_hints``) lets
    'Mrs Grant' tell Sandra Grant from Michael Grant.
    """
    groups: dict[str, _Group] = {}
    for c in mentions:
        # Names group across labels (the model wavers); values (dates, sums) only within one.
        # 'TimeWarner' and 'Time Warner', 'U.S.' and 'US' are spelled apart but one name.
        k = compact(c.text) if c.label in NAME_LABELS else f"{c.label}:{key(c.text)}"
        groups.setdefault(k, _Group()).items.append(c)
    groups = _join_acronyms(groups)
    groups = _join_surnames(groups, genders or {})
    entities: list[Entity] = []
    for g in sorted(groups.values(), key=lambda g: min(c.start for c in g.items)):
        name = g.longest.text
        entities.append(
            Entity(
                id=f"e{len(entities) + 1}",
                name=name,
                label=_label(g),
                mentions=[
                    Mention(c.start, c.end, c.text, "model", c.label) for c in sorted(g.items, key=lambda c: c.start)
                ],
            )
        )
    return entities


def _label(g: _Group) -> str:
    """Majority label, with two corrections.

    A cluster that holds a multi-word PERSON name and bare single words of
    that name is a person, whatever the model called the bare words. Ties go
    to the label of the most complete mention.
    """
    full = [c for c in g.items if len(_words(c.text)) > 1]
    if any(c.label == "PERSON" for c in full):
        tokens = {w.casefold() for c in full if c.label == "PERSON" for w in _words(c.text)}
        if all(len(_words(c.text)) > 1 or c.text.casefold() in tokens for c in g.items):
            return "PERSON"
    counts = g.labels()
    top = max(counts.values())
    tied = {lab for lab, n in counts.items() if n == top}
    if len(tied) == 1:
        return tied.pop()
    return max((c for c in g.items if c.label in tied), key=lambda c: (len(_words(c.text)), len(c.text))).label


def _merge(groups: dict[str, _Group], into: str, gone: str) -> None:
    groups[into].items.extend(groups.pop(gone).items)


def _join_acronyms(groups: dict[str, _Group]) -> dict[str, _Group]:
    """'APEC' joins 'Asia-Pacific Economic Cooperation' when the initials agree."""
    by_initials: dict[str, list[str]] = {}
    for k, g in groups.items():
        name = g.longest.text
        if len(_words(name)) > 1 and g.longest.label in NAME_LABELS:
            by_initials.setdefault(_initials(name), []).append(k)
    for k in list(groups):
        if k not in groups:
            continue
        acr = _acronym(groups[k].longest.text)
        if acr is None:
            continue
        targets = [t for t in by_initials.get(acr, []) if t in groups and t != k]
        if len(targets) == 1:
            _merge(groups, targets[0], k)
    return groups


def _bare(name: str) -> tuple[str, str | None]:
    """('Grant', 'mrs') for 'Mrs Grant'; the honorific is None when there is none."""
    m = _HONORIFIC.match(name)
    return (name[m.end() :], m.group(0).strip(" .").lower()) if m else (name, None)


def _name_ends(name: str) -> tuple[str, str]:
    """First and last word of a full name, suffixes ('Jr.', 'III') left out."""
    words = [w for w in _words(_bare(name)[0]) if w.casefold().rstrip(".") not in _SUFFIXES] or _words(name)
    return words[0].casefold(), words[-1].casefold()


def _join_surnames(groups: dict[str, _Group], genders: dict[int, Gender]) -> dict[str, _Group]:
    """A bare first or last word of a full name joins the one it stands for.

    People: 'Xi' or 'Trump' joins 'Xi Jinping' or 'Donald Trump', whatever
    the model called the bare word ('Santos' joins 'Carlos Santos Jr.':
    suffixes do not count); tagged as a place, only the mentions after the
    full name was seen ('Valdivia' after 'Tomás Valdivia'). 'Mrs Grant'
    joins only a person whose gender, as the brief gives it (``genders``),
    fits the honorific; when two people share the surname and the brief
    does not say which fits, it stays apart (a wrong join would credit one
    person with the other's words). Organisations: the first word joins
    ('Lumen' -> 'Lumen Semiconductor'). When two full names share the word,
    each bare mention joins the one mentioned most recently before it
    (else the first one after).
    """
    persons = [k for k, g in groups.items() if len(_words(_bare(g.longest.text)[0])) > 1 and "PERSON" in g.labels()]
    orgs = [k for k, g in groups.items() if len(_words(g.longest.text)) > 1 and _label(g) == "ORG"]

    def gender_of(k: str) -> Gender | None:
        votes = Counter(genders[c.start] for c in groups[k].items if c.start in genders)
        votes.update(HONORIFIC_GENDER[h] for c in groups[k].items if (h := _bare(c.text)[1]) in HONORIFIC_GENDER)
        top = votes.most_common(2)
        return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None

    for k in list(groups):
        g = groups.get(k)
        if g is None:
            continue
        bare, honorific = _bare(g.longest.text)
        if len(_words(bare)) != 1:
            continue
        word = bare.casefold()
        owners = [p for p in persons if p in groups and p != k and word in _name_ends(groups[p].longest.text)]
        wanted = HONORIFIC_GENDER.get(honorific or "")
        if owners and wanted:
            known = [p for p in owners if gender_of(p) == wanted]
            owners = known or [p for p in owners if gender_of(p) is None]
            if len(owners) > 1:
                continue
        if owners and all(c.label in _SURNAME_LABELS | {"GPE"} for c in g.items):
            first = min(x.start for p in owners for x in groups[p].items)
            # A surname tagged as a place joins only once the person was named.
            movable = [c for c in g.items if c.label != "GPE" or c.start > first]
        elif (
            not owners and all(c.label in NAME_LABELS for c in g.items) and not all(c.label == "NORP" for c in g.items)
        ):
            # A nationality ('Russian') never stands for an organisation named after it.
            owners = [
                o for o in orgs if o in groups and o != k and _words(groups[o].longest.text)[0].casefold() == word
            ]
            # Tagged as something else, the bare word joins only after the full name was seen.
            if owners and any(c.label != "ORG" for c in g.items):
                first = min(x.start for o in owners for x in groups[o].items)
                if any(c.start < first for c in g.items):
                    continue
            movable = list(g.items)
        else:
            continue
        if not owners:
            continue
        for c in movable:
            before = [(max((x.start for x in groups[p].items if x.start < c.start), default=-1), p) for p in owners]
            best = max(before)
            target = best[1] if best[0] >= 0 else min(owners, key=lambda p: min(x.start for x in groups[p].items))
            groups[target].items.append(c)
            g.items.remove(c)
        if not g.items:
            del groups[k]
    return groups


def entities_for(doc: Document, raw: list[RawMention], sentences: list[ParsedSentence] | None = None) -> list[Entity]:
    """Clean and cluster the model's spans for one Document (``sentences`` give gender hints)."""
    cleaned = clean(doc, raw)
    return cluster(cleaned, gender_hints(list(cleaned), sentences) if sentences else None)


# The same rules, for what joins entities beyond one brief (corrections, the library index).
name_words = _words
"""The words of a name, split at spaces and hyphens."""
name_initials = _initials
"""The initials of a multi-word name, small words skipped ('Asia-Pacific Economic Cooperation' -> 'APEC')."""
as_acronym = _acronym
"""The name as an acronym ('U.S.' -> 'US'), or None when it is not one."""


def bare_name(name: str) -> str:
    """A name without its honorific ('Mr Stone' -> 'Stone')."""
    return _HONORIFIC.sub("", name)
