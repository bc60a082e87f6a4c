"""The entity index: one entity's mentions in every brief joined under one name.

Briefs are joined by the rules that cluster mentions inside one brief
(``briefreader.nlp.entities``), made safe for a library where a bare word
can stand for many people: the same name key ('U.S.' = 'US', 'TimeWarner'
= 'Time Warner'); a name that another brief saw as an alias of exactly one
entity (with a compatible label: 'Washington' the city never joins
'George Washington'); an acronym with the one expansion whose initials it
is; a bare surname or first word with the one full name it can stand for.
A word that fits two entities joins neither. ``alias`` entries of
``corrections.yaml`` join too ('Marcos' -> 'Ferdinand Marcos Jr.').

Groups are recomputed lazily (when briefs changed since, or the
corrections did), not at every brief indexed.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from briefreader.library.results import EntitySummary
from briefreader.library.text import fold, like_pattern
from briefreader.model.corrections import Corrections
from briefreader.nlp.entities import as_acronym, bare_name, compact, name_initials, name_words

VALUE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"})
"""Values, not things: 'Thursday' in two briefs is not one entity. Kept per brief, not joined."""
_WAVERING = frozenset({"PERSON", "ORG", "NORP"})
"""Labels the model swaps for one name ('Wang' as ORG): compatible with each other when joining."""
MAX_ALIASES = 12


class _Sets:
    """Union-find over group keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, k: str) -> str:
        self.parent.setdefault(k, k)
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def _compatible(a: str, b: str) -> bool:
    """Labels two names may join under: the same, or a person's the model wavered on ('Wang' as ORG).

    Never two different things because their words meet: 'Philippine' (NORP)
    is no alias of 'Philippine Senate' (ORG).
    """
    return a == b or (a in _WAVERING and b in _WAVERING and "PERSON" in (a, b))


def ensure_groups(conn: sqlite3.Connection, corrections: Corrections) -> None:
    """Recompute the groups when briefs or the corrections changed since the last time."""
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('groups_dirty', 'groups_corrections')"))
    fingerprint = corrections.fingerprint()
    if meta.get("groups_dirty") == "0" and meta.get("groups_corrections") == fingerprint:
        return
    regroup(conn, corrections)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('groups_corrections', ?)", (fingerprint,))


def regroup(conn: sqlite3.Connection, corrections: Corrections) -> None:
    """Join every brief's entities into library-wide groups and store them (corrections applied first)."""
    rows = corrected_rows(conn.execute("SELECT id, brief, name, label, aliases, mentions FROM entities"), corrections)
    alias_to = {compact(k): compact(v) for k, v in corrections.alias.items()}
    sets = _Sets()
    key_of: dict[int, str] = {}
    names: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    alias_owners: dict[str, set[str]] = defaultdict(set)
    for eid, _brief, name, label, aliases, mentions in rows:
        k = compact(name)
        k = alias_to.get(k, k)
        key_of[eid] = k
        sets.find(k)
        names[k][name] += 1
        labels[k][label] += mentions
        for a in aliases:
            ak = compact(a)
            if ak != k:
                alias_owners[alias_to.get(ak, ak)].add(k)
    top_label = {k: c.most_common(1)[0][0] for k, c in labels.items()}
    # The name an alias correction points at is the entity's name, however few briefs spell it so.
    targets = {compact(v): v for v in corrections.alias.values()}
    top_name = {k: targets.get(k) or c.most_common(1)[0][0] for k, c in names.items()}
    multi = [k for k in top_name if len(name_words(top_name[k])) > 1]
    # An alias seen with exactly one entity: a name equal to it joins that entity.
    for k in list(top_name):
        owners = {o for o in alias_owners.get(k, ()) if o != k}
        if len(owners) == 1:
            owner = owners.pop()
            if _compatible(top_label[k], top_label[owner]):
                sets.union(k, owner)
    # An acronym joins the one multi-word name with its initials.
    by_initials: dict[str, list[str]] = defaultdict(list)
    for k in multi:
        by_initials[name_initials(top_name[k])].append(k)
    for k, name in top_name.items():
        acr = as_acronym(name)
        expansions = by_initials.get(acr or "", [])
        if acr and len(expansions) == 1 and _compatible(top_label[k], top_label[expansions[0]]):
            sets.union(k, expansions[0])
    # A bare word joins the one full name it is the first or last word of.
    by_word: dict[str, list[str]] = defaultdict(list)
    for k in multi:
        ws = name_words(top_name[k])
        if top_label[k] == "PERSON":
            for w in {ws[0].casefold(), ws[-1].casefold()}:
                by_word[w].append(k)
        elif top_label[k] == "ORG":
            by_word[ws[0].casefold()].append(k)
    for k, name in top_name.items():
        bare = name_words(bare_name(name))
        if len(bare) != 1 or top_label[k] not in _WAVERING:
            continue
        fits = [o for o in by_word.get(bare[0].casefold(), []) if o != k and _compatible(top_label[k], top_label[o])]
        owners = {sets.find(o) for o in fits}
        if len(owners) == 1:
            sets.union(k, owners.pop())
    _store(conn, rows, key_of, sets, {compact(v): v for v in corrections.alias.values()})


def corrected_rows(rows: Iterable[tuple[Any, ...]], corrections: Corrections) -> list[tuple[Any, ...]]:
    """Entity rows as a parse with ``corrections`` would have left them (``nlp.corrections_pass``).

    A ``relabel`` reaches an entity whose name or a spelling matches; a
    ``reject`` takes out the spellings it names, and the entity with its
    name; ``alias`` joins in ``regroup``; ``add`` needs the text, and
    takes effect at the brief's next parse. Values are left out.
    """
    relabel = {compact(k): v for k, v in corrections.relabel.items()}
    reject = {compact(t) for t in corrections.reject}
    out = []
    for eid, brief, name, label, aliases_json, mentions in rows:
        k = compact(name)
        if k in reject:
            continue
        aliases = tuple(a for a in json.loads(aliases_json) if compact(a) not in reject)
        new = next((relabel[s] for s in (k, *map(compact, aliases)) if s in relabel), None)
        label = new or label
        if label not in VALUE_LABELS:
            out.append((eid, brief, name, label, aliases, mentions))
    return out


def _store(
    conn: sqlite3.Connection,
    rows: list[tuple[Any, ...]],
    key_of: dict[int, str],
    sets: _Sets,
    preferred: dict[str, str],
) -> None:
    """Write the groups: named by the name most briefs use, or the one an alias correction gives."""
    members: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for r in rows:
        members[sets.find(key_of[r[0]])].append(r)
    groups = []
    entity_group: list[tuple[int, int]] = []
    for gid, (_root, items) in enumerate(sorted(members.items()), 1):
        briefs_by_name: Counter[str] = Counter()
        mentions_by_name: Counter[str] = Counter()
        label_weight: Counter[str] = Counter()
        spellings: Counter[str] = Counter()
        for _eid, _brief, name, label, aliases, mentions in items:
            briefs_by_name[name] += 1
            mentions_by_name[name] += mentions
            label_weight[label] += mentions
            spellings.update(aliases)
        name = next((preferred[key_of[r[0]]] for r in items if key_of[r[0]] in preferred), None) or max(
            briefs_by_name, key=lambda n: (briefs_by_name[n], mentions_by_name[n], len(n), n)
        )
        spellings.update(briefs_by_name)
        aliases = [a for a, _n in spellings.most_common() if compact(a) != compact(name)]
        unique_aliases = list(dict.fromkeys(aliases))[:MAX_ALIASES]
        label = max(label_weight, key=lambda lab: (label_weight[lab], lab))
        n_briefs = len({r[1] for r in items})
        n_mentions = sum(r[5] for r in items)
        groups.append(
            (gid, compact(name) or name, name, label, json.dumps(unique_aliases), n_briefs, n_mentions,
             fold("\n".join([name, *unique_aliases]))),
        )  # fmt: skip
        entity_group += [(gid, r[0]) for r in items]
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM groups")
        conn.execute("UPDATE entities SET grp = NULL")
        conn.executemany("INSERT INTO groups VALUES (?, ?, ?, ?, ?, ?, ?, ?)", groups)
        conn.executemany("UPDATE entities SET grp = ? WHERE id = ?", entity_group)
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'groups_dirty'")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def summaries(
    conn: sqlite3.Connection, filter: str, labels: Iterable[str] | None, limit: int | None
) -> list[EntitySummary]:
    """The groups, most briefs first, filtered by folded words of their names and aliases."""
    words = fold(filter).split()
    clauses = ["fold LIKE ? ESCAPE '\\'" for _ in words]
    params: list[Any] = [like_pattern(w) for w in words]
    wanted = [lab.upper() for lab in labels or ()]
    if wanted:
        clauses.append(f"label IN ({', '.join('?' for _ in wanted)})")
        params += wanted
    sql = "SELECT key, name, label, aliases, briefs, mentions FROM groups"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY briefs DESC, mentions DESC, name"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [EntitySummary(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], r[5]) for r in conn.execute(sql, params)]


def mentions(conn: sqlite3.Connection, key: str, columns: str) -> list[Any]:
    """Rows of (brief columns..., name in that brief, mentions, first start, first end), newest first."""
    cols = ", ".join(f"b.{c.strip()}" for c in columns.split(","))
    sql = (
        f"SELECT {cols}, e.name, sum(e.mentions), min(e.span_start), e.span_end"
        " FROM entities e JOIN briefs b ON b.id = e.brief JOIN groups g ON g.id = e.grp"
        " WHERE g.key = ? GROUP BY b.id ORDER BY b.date IS NULL, b.date DESC, b.path"
    )
    return list(conn.execute(sql, (key,)))


def brief_paths(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Group key -> paths of the briefs mentioning it (sorted).

    Three plain reads joined here: a DISTINCT over the join, sorted by
    SQLite, took a quarter of a second for 230,000 entity rows of 20,000
    briefs, most of ``entities --json``'s time.
    """
    paths = dict(conn.execute("SELECT id, path FROM briefs"))
    keys = dict(conn.execute("SELECT id, key FROM groups"))
    briefs: dict[int, set[int]] = defaultdict(set)
    for grp, brief in conn.execute("SELECT grp, brief FROM entities WHERE grp IS NOT NULL"):
        briefs[grp].add(brief)
    return {keys[g]: sorted(paths[b] for b in ids) for g, ids in briefs.items() if g in keys}
