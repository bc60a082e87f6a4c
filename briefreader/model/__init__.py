"""The parsed-document model shared by every layer (stdlib only)."""

from briefreader.model.document import (
    Anchor,
    Block,
    BriefMeta,
    Document,
    Entity,
    Evidence,
    KeyPoint,
    Mention,
    Note,
    ParserInfo,
    Sentence,
)

__all__ = [
    "Anchor",
    "Block",
    "BriefMeta",
    "Document",
    "Entity",
    "Evidence",
    "KeyPoint",
    "Mention",
    "Note",
    "ParserInfo",
    "Sentence",
]
