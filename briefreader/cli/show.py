"""``briefreader show``: print an annotated brief with Rich, no Textual.

Everything from the document goes in as plain text with style spans, so a
brief holding ``[bold]`` or escape sequences prints them as characters.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from briefreader.model.display import one_line, visible
from briefreader.model.document import Document
from briefreader.model.labels import label_rank, style_for
from briefreader.model.timeline import phase_name, timeline, undated
from briefreader.model.titles import title_of


def article_text(doc: Document) -> Text:
    """The brief's text with headings styled and every mention highlighted."""
    text = Text(visible(doc.text))
    for b in doc.blocks:
        if b.kind == "title":
            text.stylize("bold underline", b.start, b.end)
        elif b.kind == "heading":
            text.stylize("bold", b.start, b.end)
        elif b.kind == "dateline":
            text.stylize("italic dim", b.start, b.end)
    for m, e in doc.mentions():
        text.stylize(style_for(e.label), m.start, m.end)
    return text


def render(doc: Document) -> Group:
    """Text, entity table, key points and notes, in that order."""
    parts: list[object] = [article_text(doc), Text()]
    ents = Table(title="Entities", show_lines=False, expand=False)
    ents.add_column("Name")
    ents.add_column("Label")
    ents.add_column("Mentions", justify="right")
    ents.add_column("Also written")
    for e in sorted(doc.visible_entities(), key=lambda e: (label_rank(e.label), -len(e.visible_mentions))):
        ents.add_row(
            Text(one_line(e.name), style=style_for(e.label)),
            Text(e.label),
            Text(str(len(e.visible_mentions))),
            Text(one_line(", ".join(e.aliases), 60)),
        )
    parts.append(ents)
    kps = Table(title="Key points")
    kps.add_column("#", justify="right")
    kps.add_column("Key point")
    kps.add_column("Category")
    kps.add_column("Score", justify="right")
    for k in doc.key_points:
        body = Text(one_line(title_of(doc, k)), style="bold")  # a negated event never reads as done
        for ev in k.evidence:
            body.append("\n  “")
            body.append(one_line(ev.quote, 160))
            body.append("”", style="dim")
        kps.add_row(Text(k.id), body, Text(k.category), Text(f"{k.score:.2f}" + (" (pinned)" if k.pinned else "")))
    parts.append(kps)
    parts.extend(t for t in [timeline_table(doc)] if t is not None)
    if doc.notes:
        notes = Table(title="Notes")
        notes.add_column("Note")
        notes.add_column("About")
        notes.add_column("Tags")
        for n in doc.notes:
            about = n.anchor.kind + (": " + one_line(n.anchor.quote, 60) if n.anchor.quote else "")
            if n.anchor.orphaned:
                about += " (orphaned)"
            notes.add_row(Text(visible(n.text)), Text(about), Text(" ".join("#" + t for t in n.tags)))
        parts.append(notes)
    return Group(*parts)  # type: ignore[arg-type]


def show(doc: Document, console: Console | None = None) -> None:
    """Print the brief to the console."""
    console = console or Console()
    # The title is the text's first block: the header only adds what the text does not say.
    about = [one_line(x, 80) for x in (doc.meta.date, doc.meta.source) if x]
    if about:
        console.print(Text(" · ".join(about), style="dim"))
    console.print(render(doc))


PHASE_STYLES = {"background": "dim", "news": "bold", "planned": "italic", None: ""}


EVENT_RATIO = 2
"""The Event column's share of the width against the third column's (category · phase · notes) one:
both wrap, and the column that says what happened gets the room (at 80 columns, a third column that
did not wrap left it 6 wide)."""


def timeline_table(doc: Document) -> Table | None:
    """A table of the brief's dated events, or None when none of its key points is dated.

    Rows come from ``model.timeline.timeline`` (the function the reader's
    timeline view uses too), so the command line and the reader agree. Text
    from the brief goes in as plain ``Text``, never as markup.
    """
    entries = timeline(doc)
    if not entries:
        return None
    table = Table(title="Timeline", expand=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Event", ratio=EVENT_RATIO)
    table.add_column("", ratio=1)
    for t in entries:
        style = PHASE_STYLES[t.phase]
        table.add_row(
            Text(t.date, style=style),
            Text(one_line(undated(t.title)), style=style),
            Text(" · ".join([t.category, phase_name(t.phase), *t.notes]), style="dim"),
        )
    return table
