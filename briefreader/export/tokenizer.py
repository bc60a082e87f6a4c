"""The brief's text in spaCy's tokens, with no model loaded: a blank pipeline of the brief's language.

Both training formats need tokens: the DocBin is made of them, and
Prodigy's relations point at token indices. A blank pipeline has the
tokenizer a trained pipeline of that language uses.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from briefreader.model.document import Document

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_LANG = "en"
_blanks: dict[str, Language] = {}


def language_of(doc: Document) -> str:
    """The language code of the pipeline that parsed the brief (``en_core_web_sm`` -> ``en``)."""
    if doc.parser is None:
        return DEFAULT_LANG
    code = doc.parser.model.split("_", 1)[0]
    return code if code.isalpha() and 2 <= len(code) <= 3 else DEFAULT_LANG


def blank(lang: str) -> Language:
    """A blank pipeline (tokenizer only), one per language per process."""
    if lang not in _blanks:
        import spacy

        try:
            _blanks[lang] = spacy.blank(lang)
        except (ImportError, ValueError, KeyError):  # spaCy has no such language: English tokenisation
            _blanks[lang] = _blanks.get(DEFAULT_LANG) or spacy.blank(DEFAULT_LANG)
    return _blanks[lang]


def tokens_of(doc: Document) -> Tokens:
    """The brief's token boundaries."""
    sdoc = blank(language_of(doc)).make_doc(doc.text)
    return Tokens([(t.idx, t.idx + len(t.text)) for t in sdoc])


class Tokens:
    """Token boundaries of the text (from spaCy's tokenizer), to give spans token indices."""

    def __init__(self, bounds: list[tuple[int, int]]) -> None:
        self.bounds = bounds
        self._starts = [a for a, _b in bounds]

    def span(self, start: int, end: int, label: str | None) -> dict[str, Any] | None:
        """A Prodigy span over the tokens it touches, or None when it covers none."""
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        if first < len(self.bounds) and self.bounds[first][1] <= start:
            first += 1
        last = bisect.bisect_left(self._starts, end) - 1
        if first >= len(self.bounds) or last < first:
            return None
        return {"start": start, "end": end, "token_start": first, "token_end": last, "label": label}

    def records(self, text: str) -> list[dict[str, Any]]:
        """Prodigy's ``tokens``: ``{"text", "start", "end", "id", "ws"}``."""
        out = []
        for i, (a, b) in enumerate(self.bounds):
            following = self.bounds[i + 1][0] if i + 1 < len(self.bounds) else len(text)
            out.append({"text": text[a:b], "start": a, "end": b, "id": i, "ws": following > b})
        return out
