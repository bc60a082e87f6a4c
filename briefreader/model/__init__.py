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
from briefreader.model.event import EventFrame, TimelineEntry, Trigger, When, timeline

__all__ = [
    "Anchor",
    "Block",
    "BriefMeta",
    "Document",
    "Entity",
    "EventFrame",
    "Evidence",
    "KeyPoint",
    "Mention",
    "Note",
    "ParserInfo",
    "Sentence",
    "TimelineEntry",
    "Trigger",
    "When",
    "timeline",
]
