"""A small brief and a session on it with hand-marked entities (no spaCy), for the session tests."""

from __future__ import annotations

from pathlib import Path

from briefreader.model import edits
from briefreader.model.document import Document
from briefreader.session import BriefSession, open_session
from briefreader.session import changes as ch

BRIEF = """Ministers meet in Tallinn

Foreign Minister Anna Berg met Omar Haddad in Tallinn on Monday. Berg said the talks were useful.

Haddad invited Berg to Amman in May. The Baltic Council will host the next round.
"""


def make_session(tmp_path: Path, text: str = BRIEF, name: str = "talks.txt") -> BriefSession:
    """A session on a small brief with two hand-marked entities (no spaCy)."""
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    session = open_session(src)
    doc = session.doc
    for words, label in (("Anna Berg", "PERSON"), ("Omar Haddad", "PERSON"), ("Tallinn", "GPE")):
        at = doc.text.index(words)
        edits.add_mention(doc, at, at + len(words), label)
    berg = doc.text.index("Berg said")
    edits.add_mention(doc, berg, berg + 4, "ORG")
    session.replace(doc, clean=True)
    return session


def sentence_anchor(doc: Document, words: str) -> ch.Anchor:
    at = doc.text.index(words)
    return edits.make_anchor(doc, "span", start=at, end=at + len(words))
