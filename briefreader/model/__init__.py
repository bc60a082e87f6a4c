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
from briefreader.model.event import EventFrame, Trigger, When
from briefreader.model.timeline import TimelineEntry, timeline

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
