"""Text helpers shared by the index, search and filters: folding, words, sentences.

Search must find 'Lucía' when the analyst types 'lucia', as SQLite's FTS5
``unicode61 remove_diacritics 2`` tokenizer does; the same folding here
lets the fallback search, the filters and the highlight spans agree with
what FTS5 matched.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator

_WORD = re.compile(r"[^\W_]+")
"""A token as FTS5's unicode61 sees one: letters and digits; everything else separates."""
_ABBREVIATIONS_TEXT = """
    mr mrs ms mx dr prof st jr sr gen col lt sgt capt cpt maj rep sen gov rev hon no mt ft
    inc co corp ltd vs etc jan feb mar apr jun jul aug sep sept oct nov dec approx est fig
"""
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())
"""Words a full stop follows without ending the sentence ('Mr. Stone', 'Oct. 3')."""
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Þ])|(?<=[.!?…\"'”’)\]])\n")


_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ŧ": "t"})
"""Letters that read as a base letter with a mark but have no decomposition ('Tromsø', 'Łódź')."""
_PAIRS = str.maketrans({"æ": "ae", "œ": "oe", "þ": "th"})


def fold(text: str) -> str:
    """Case, accents and ligatures folded ('Lucía' -> 'lucia', 'Straße' -> 'strasse', 'ﬁnal' -> 'final').

    NFKD splits accents off and ligatures apart, casefold lowers and
    expands (ß -> ss), and a few letters with no decomposition (ø, ł, đ,
    æ...) are mapped by hand. The index stores this copy for FTS5 and the
    fallback alike, so both find the same briefs.
    """
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return folded.translate(_LETTERS).translate(_PAIRS)


def words(text: str) -> list[str]:
    """The folded tokens of a text, in order."""
    return _WORD.findall(fold(text))


def token_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded token) for each token, with offsets into ``text`` itself."""
    for m in _WORD.finditer(text):
        yield m.start(), m.end(), fold(m.group())


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` without a parser (briefs not yet parsed).

    A sentence ends at '.', '!' or '?' (and closing quotes) before a space
    and a capital or digit, or at a line end after such punctuation (wire
    copy); not after an abbreviation or an initial ('U.S.', 'J. Smith').
    Good enough to show a search hit in context; a parse replaces it.
    """
    seg = text[start:end]
    cuts = [0]
    for m in _BOUNDARY.finditer(seg):
        before = seg[cuts[-1] : m.start()]
        last = re.search(r"([^\W\d_]+)\W*$", before)
        if m.group().startswith(".") and last and (len(last.group(1)) == 1 or last.group(1).lower() in _ABBREVIATIONS):
            continue
        cuts.append(m.end())
    cuts.append(len(seg))
    out: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(cuts):
        piece = seg[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if b - trail > a + lead:
            out.append((start + a + lead, start + b - trail))
    return out


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, with LIKE's wildcards escaped (ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
