"""The text the reader's ``y`` key copies: a sentence, a key point with its evidence, an event, a note.

Plain text for an email or a chat, not Markdown, each ending in a citation
line (title, date, source) so a quote never travels without where it came
from. Control characters become visible placeholders: the clipboard is
written through the terminal (OSC 52) and pasted into others, where an
escape sequence from a scraped page would act instead of showing.
"""

from __future__ import annotations

from briefreader.model.display import one_line, visible
from briefreader.model.document import Document, KeyPoint, Note
from briefreader.model.timeline import TimelineEntry, undated
from briefreader.model.titles import title_of


def citation(doc: Document) -> str:
    """``— “Title”, 2026-03-14, source``; parts the brief does not have are left out."""
    parts = [f"“{one_line(doc.meta.title)}”" if doc.meta.title.strip() else "untitled brief"]
    parts += [one_line(x) for x in (doc.meta.date, doc.meta.source) if x and x.strip()]
    return "— " + ", ".join(parts)


def _quoted(text: str) -> str:
    return f"“{visible(text).strip()}”"


def sentence_text(doc: Document, index: int) -> str:
    """Sentence ``index`` of the brief, quoted, then the citation."""
    s = doc.sentences[index]
    return passage_text(doc, s.start, s.end)


def passage_text(doc: Document, start: int, end: int) -> str:
    """Any stretch of the brief (a paragraph, before the parse has found sentences), quoted, then the citation."""
    return f"{_quoted(doc.text[start:end])}\n{citation(doc)}\n"


def key_point_text(doc: Document, kp: KeyPoint) -> str:
    """The key point's title, each evidence sentence quoted on its own line, then the citation."""
    lines = [one_line(title_of(doc, kp))] + [_quoted(ev.quote) for ev in kp.evidence]
    return "\n".join([*lines, citation(doc)]) + "\n"


def event_text(doc: Document, entry: TimelineEntry) -> str:
    """A timeline event: its date and headline, its own sentence quoted, then the citation."""
    when = " ".join([entry.date, *(f"({note})" for note in entry.notes)])
    lines = [f"{when}: {one_line(undated(entry.title))}", _quoted(doc.text[entry.start : entry.end])]
    return "\n".join([*lines, citation(doc)]) + "\n"


def note_text(doc: Document, note: Note) -> str:
    """The note, what it is about (quoted), then the citation."""
    lines = [visible(note.text).strip()]
    a = note.anchor
    if a.orphaned:
        lines.append(f"On {_quoted(a.quote or '')} (no longer in the brief)")
    elif a.kind == "entity":
        ent = doc.entity(a.ref or "")
        lines.append(f"On {one_line(ent.name if ent is not None else a.quote or 'an entity')}")
    elif a.kind == "key_point":
        kp = doc.key_point(a.ref or "")
        lines.append(f"On the key point {one_line(title_of(doc, kp)) if kp is not None else ''}".rstrip())
        if a.quote:
            lines.append(_quoted(a.quote))
    elif a.quote:
        lines.append(f"On {_quoted(a.quote)}")
    if note.tags:
        lines.append(" ".join("#" + one_line(t) for t in note.tags))
    return "\n".join([*lines, citation(doc)]) + "\n"
