"""Event frames of a brief parsed for a test, looked up by the opening words of their sentence."""

from __future__ import annotations

from pathlib import Path

from briefreader.io.sources import read_brief
from briefreader.model.document import Document
from briefreader.model.event import EventFrame
from briefreader.nlp.annotate import annotate_document
from briefreader.nlp.events import find_frames
from briefreader.nlp.parse import Analysis
from briefreader.nlp.pipeline import LoadedModel
from briefreader.nlp.taxonomy import load_taxonomy


class Frames:
    """The frames of a parsed brief, looked up by the start of their sentence."""

    def __init__(self, doc: Document, analysis: Analysis) -> None:
        self.doc = doc
        self.by_sentence = find_frames(doc, analysis, load_taxonomy())
        self.analysis = analysis

    def of(self, opening: str) -> EventFrame | None:
        for i, s in enumerate(self.analysis.sentences):
            if self.doc.text[s.start : s.end].startswith(opening):
                found = self.by_sentence.get(i)
                return found.frame if found else None
        raise AssertionError(f"no sentence starts with {opening!r}")

    def saved(self, opening: str) -> list[EventFrame]:
        """The saved events (``Document.events``) of the sentence that starts with ``opening``."""
        at = self.doc.text.index(opening)
        return [e for e in self.doc.events if e.sentence is not None and e.sentence[0] == at]

    def names(self, ids: list[str]) -> list[str]:
        return sorted(e.name for i in ids if (e := self.doc.entity(i)) is not None)

    def name(self, eid: str | None) -> str | None:
        e = self.doc.entity(eid) if eid else None
        return e.name if e else None


def parse_brief(model: LoadedModel, folder: Path, text: str) -> Frames:
    path = folder / "brief.md"
    path.write_text(text, encoding="utf-8")
    doc = read_brief(path)
    return Frames(doc, annotate_document(doc, model))
