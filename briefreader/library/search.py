"""Search across briefs: a small query language, FTS5 with bm25, and a fallback without FTS5.

The query: words that must all match, in any order; ``"quoted words"`` as
a phrase; ``word*`` as a prefix. A word with inner punctuation
('two-plus-two', 'U.S.') is a phrase of its parts, as the tokenizer sees
it. Case and accents never matter.

Without FTS5 (some SQLite builds), candidates come from ``LIKE`` over a
folded copy of each chunk, every term is checked again on whole tokens
(so results are the same as with FTS5), and ranking is a BM25 computed
here over the candidates, with document frequencies from ``LIKE`` counts:
slower and more approximate, documented as such.
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefreader.library.results import SearchHit
from briefreader.library.scan import fs_name
from briefreader.library.text import like_pattern, token_spans, words


@dataclass(frozen=True)
class Term:
    """One thing the query asks for: a word, or a phrase of words; the last may be a prefix."""

    tokens: tuple[str, ...]
    prefix: bool = False


def parse_query(query: str) -> list[Term]:
    """The terms of a query (empty when it holds no letters or digits)."""
    terms: list[Term] = []
    for m in re.finditer(r'"([^"]*)"(\*?)|(\S+)', query):
        raw = m.group(1) if m.group(1) is not None else m.group(3)
        prefix = bool(m.group(2)) or (m.group(3) is not None and m.group(3).endswith("*"))
        tokens = tuple(words(raw))
        if tokens and Term(tokens, prefix) not in terms:
            terms.append(Term(tokens, prefix))
    return terms


def fts_query(terms: list[Term]) -> str:
    """The FTS5 MATCH expression: each term a quoted phrase (tokens are letters and digits only)."""
    return " ".join('"' + " ".join(t.tokens) + '"' + (" *" if t.prefix else "") for t in terms)


def highlight(text: str, terms: list[Term]) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` where a term matches, on whole tokens, merged and in order."""
    toks = list(token_spans(text))
    spans: list[tuple[int, int]] = []
    for t in terms:
        n = len(t.tokens)
        for i in range(len(toks) - n + 1):
            window = toks[i : i + n]
            if all(window[j][2] == t.tokens[j] for j in range(n - 1)) and (
                window[-1][2] == t.tokens[-1] or (t.prefix and window[-1][2].startswith(t.tokens[-1]))
            ):
                spans.append((window[0][0], window[-1][1]))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged)


_SELECT = (
    "SELECT c.kind, c.text, c.span_start, c.span_end, c.quote, b.path, b.title, {score}"
    " FROM {source} JOIN briefs b ON b.id = c.brief"
)


def run(conn: sqlite3.Connection, root: Path, query: str, limit: int, *, fts: bool) -> list[SearchHit]:
    """The best ``limit`` hits for ``query`` (see the module docstring for the language)."""
    terms = parse_query(query)
    if not terms or limit <= 0:
        return []
    if fts:
        sql = (
            _SELECT.format(score="bm25(chunks_fts)", source="chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid")
            + " WHERE chunks_fts MATCH ? ORDER BY bm25(chunks_fts), b.path, c.id LIMIT ?"
        )
        rows = [(r, -float(r[7])) for r in conn.execute(sql, (fts_query(terms), limit))]
    else:
        rows = _fallback(conn, terms, limit)
    return [_hit(root, r, score, terms) for r, score in rows]


def _hit(root: Path, r: Any, score: float, terms: list[Term]) -> SearchHit:
    kind, text, start, end, quote = r[0], r[1], r[2], r[3], r[4]
    placed = start is not None and end is not None
    return SearchHit(
        path=root / fs_name(r[5]),
        rel=r[5],
        title=r[6],
        kind=kind,
        text=text,
        highlights=highlight(text, terms),
        start=start if placed else 0,
        end=end if placed else 0,
        sentence=text if kind == "text" else (quote or "") if placed else "",
        score=score,
    )


def _fallback(conn: sqlite3.Connection, terms: list[Term], limit: int) -> list[tuple[Any, float]]:
    """LIKE candidates, checked on whole tokens, ranked by BM25 computed here."""
    likes = [like_pattern(tok) for t in terms for tok in t.tokens]
    where = " AND ".join("c.fold LIKE ? ESCAPE '\\'" for _ in likes)
    sql = _SELECT.format(score="c.id", source="chunks c") + f" WHERE {where}"
    total, avg_len = conn.execute("SELECT count(*), avg(length(fold)) FROM chunks").fetchone()
    if not total:
        return []
    df = {
        t: conn.execute(
            "SELECT count(*) FROM chunks WHERE " + " AND ".join("fold LIKE ? ESCAPE '\\'" for _ in t.tokens),
            [like_pattern(tok) for tok in t.tokens],
        ).fetchone()[0]
        for t in terms
    }
    k1, b = 1.2, 0.75
    scored: list[tuple[Any, float, str, int]] = []
    for r in conn.execute(sql, likes):
        text = r[1]
        length = max(1, len(text))
        score = 0.0
        for t in terms:
            tf = _count(text, t)
            if tf == 0:
                break
            idf = math.log(1 + (total - df[t] + 0.5) / (df[t] + 0.5))
            score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / (avg_len or 1)))
        else:
            scored.append((r, score, r[5], int(r[7])))
    scored.sort(key=lambda x: (-x[1], x[2], x[3]))
    return [(r, score) for r, score, _p, _i in scored[:limit]]


def _count(text: str, term: Term) -> int:
    return len(highlight(text, [term]))
