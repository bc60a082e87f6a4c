"""The analyst's report as CommonMark (with one GFM table, for the entities).

Title, date and source; the key points as a numbered list, each with its
event facts and its evidence as block quotes; the timeline; every event
frame (one the text says did not happen marked ✗; one the analyst edited,
or confirmed by pinning its key point, said so); the entities;
the notes, each with what it is anchored to quoted. It reads as plain text
and renders as the same structure in any Markdown viewer, because every
piece of the brief goes through ``mdtext`` (see there why and how).
"""

from __future__ import annotations

from briefreader.export import mdtext as md
from briefreader.export.event_facts import EventFacts, event_facts, event_lines, key_point_review, timeline

# The first line of every report lives in io: the library and annotate tell reports from briefs by it too.
from briefreader.io.pairing import REPORT_MARKER as REPORT_MARKER
from briefreader.model.document import Document, KeyPoint, Note
from briefreader.model.labels import label_rank
from briefreader.model.titles import title_of


def report(doc: Document) -> str:
    """The whole report, ending in one newline."""
    lines = [REPORT_MARKER, "", md.heading(1, doc.meta.title or "Untitled brief"), ""]
    about = " · ".join(md.inline(x) for x in (doc.meta.date, doc.meta.source) if x)
    if about:
        lines += [about, ""]
    for section in (_key_points(doc), _timeline(doc), _events(doc), _entities(doc), _notes(doc)):
        lines += section
    while lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def _key_points(doc: Document) -> list[str]:
    if not doc.key_points:
        return []
    lines = [md.heading(2, "Key points"), ""]
    for i, kp in enumerate(doc.key_points, 1):
        marker = f"{i}. "
        head = md.strong(title_of(doc, kp)) or md.inline(kp.category)
        tags = [md.inline(kp.category)] + (["pinned"] if kp.pinned else [])
        lines.append(f"{marker}{head} ({', '.join(tags)})")
        body = _event_lines(doc, kp)
        for ev in kp.evidence:
            body += ["", *md.quote(ev.quote)]
        lines += [*md.indent(body, len(marker)), ""]
    return lines


# Event frames: the one place the report reads them (see export.event_facts). -----


def _event_lines(doc: Document, kp: KeyPoint) -> list[str]:
    """Who, what, where, when of the key point's event, as a nested list ([] without a frame)."""
    facts = event_facts(doc, kp)
    if facts is None:
        said = key_point_review(doc, kp)  # its event mentions, without a merged frame
        return ["", f"- **Frame:** {said}"] if said else []
    what = facts.what_status
    rows = [
        ("Who", ", ".join(facts.who)),
        ("What", what),
        ("With", ", ".join(facts.whom)),
        ("Where", facts.where or ""),
        ("When", facts.when or ""),
        ("Said by", facts.source or ""),
        ("Frame", key_point_review(doc, kp) or ""),
    ]
    return ["", *(f"- **{label}:** {md.inline(value)}" for label, value in rows if value)]


def _timeline(doc: Document) -> list[str]:
    entries = timeline(doc)
    if not entries:
        return []
    lines = [md.heading(2, "Timeline"), ""]
    for e in entries:
        lines.append(f"- {md.strong(e.date)}: {md.inline(e.title)} ({md.inline(e.context)})")
    return [*lines, ""]


def _events(doc: Document) -> list[str]:
    """Every event frame, in text order; one the text says did not happen is marked (✗)."""
    lines = event_lines(doc)
    if not lines:
        return []
    out = [md.heading(2, "Events"), ""]
    for e in lines:
        f = e.facts
        parts = [md.inline(f.what_and_status)]  # the title says a negation (headline)
        parts += [f"{label}: {md.inline(value)}" for label, value in _roles(f) if value]
        if e.key_point:
            parts.append(f"key point {md.inline(e.key_point)}")
        if e.review:
            parts.append(e.review)
        out.append(f"- {md.strong(e.title)} ({'; '.join(parts)})")
    return [*out, ""]


def _roles(f: EventFacts) -> list[tuple[str, str]]:
    return [
        ("who", ", ".join(f.who)),
        ("with", ", ".join(f.whom)),
        ("where", f.where or ""),
        ("when", f.when or ""),
        ("said by", f.source or ""),
    ]


# -----------------------------------------------------------------------------


def _entities(doc: Document) -> list[str]:
    shown = sorted(doc.visible_entities(), key=lambda e: (label_rank(e.label), -len(e.visible_mentions), e.name))
    if not shown:
        return []
    lines = [
        md.heading(2, "Entities"),
        "",
        "| Entity | Label | Mentions | Also written as |",
        "| --- | --- | ---: | --- |",
    ]
    for e in shown:
        label = md.inline(e.label) + (" (corrected)" if e.edited else "")
        also = md.inline(", ".join(e.aliases))
        lines.append(f"| {md.inline(e.name)} | {label} | {len(e.visible_mentions)} | {also} |")
    return [*lines, ""]


def _notes(doc: Document) -> list[str]:
    if not doc.notes:
        return []
    lines = [md.heading(2, "Notes"), ""]
    for i, note in enumerate(doc.notes, 1):
        marker = f"{i}. "
        text = md.paragraphs(note.text) or ["(empty note)"]
        body = [*text[1:], "", *_anchor_lines(doc, note)]
        if note.tags:
            body += ["", "Tags: " + " ".join(md.inline("#" + t) for t in note.tags)]
        lines += [marker + text[0], *md.indent(body, len(marker)), ""]
    return lines


def _anchor_lines(doc: Document, note: Note) -> list[str]:
    """What the note is about, in words, with the text it is anchored to quoted."""
    a = note.anchor
    quoted = md.quote(a.quote) if a.quote else []
    if a.orphaned:
        return ["About text no longer in the brief:", "", *quoted]
    if a.kind == "entity":
        ent = doc.entity(a.ref or "")
        name = ent.name if ent is not None else a.quote or "an entity"
        label = f" ({md.inline(ent.label)})" if ent is not None else ""
        return [f"About {md.strong(name)}{label}"]
    if a.kind == "key_point":
        kp = doc.key_point(a.ref or "")
        title = md.strong(title_of(doc, kp)) if kp is not None else "a key point"
        return [f"About the key point {title}:", "", *quoted]
    if a.kind in ("sentence", "span") and quoted:
        return [f"About the {'sentence' if a.kind == 'sentence' else 'words'}:", "", *quoted]
    return ["About the whole brief"]
