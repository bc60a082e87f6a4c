"""Text that is not to be trusted: markup and control characters, and an annotated brief full of them."""

from __future__ import annotations

from pathlib import Path

from briefreader.io.store import save_document
from briefreader.model import edits
from briefreader.model.document import Block, BriefMeta, Document

HOSTILE = "[bold]x[/bold] [@click=app.quit]quit[/] [/] [[nested]] [red on white]y"


CONTROL = "A\x1b[2Jclear \x1b]0;title\x07 \x1b]52;c;Zm9v\x07 \x9b31m c1 \x00 nul \u202eevil\u202c end"


def hostile_doc(tmp_path: Path) -> Path:
    """An annotated brief whose every field carries markup and control characters."""
    text = f"Title {HOSTILE}\n\nPara one {HOSTILE} and {CONTROL}.\n\nSecond paragraph here."
    doc = Document(
        BriefMeta(f"Title {HOSTILE}", "2025-01-01"),
        text,
        blocks=[
            Block("title", 0, text.index("\n")),
            Block("paragraph", text.index("Para"), text.index("\n\nSecond")),
            Block("paragraph", text.index("Second"), len(text)),
        ],
    )
    s = text.index("[bold]x", text.index("Para"))
    edits.add_mention(doc, s, s + len("[bold]x[/bold]"), "ORG")
    edits.rename_entity(doc, "e1", "[bold]Evil[/] Corp \x1b[31m")
    edits.add_note(
        doc, f"note {HOSTILE} {CONTROL}", edits.make_anchor(doc, "span", start=s, end=s + 5), ["[red]tag[/]"]
    )
    from briefreader.model.document import Evidence, KeyPoint, ParserInfo

    doc.key_points = [KeyPoint("k1", f"Point {HOSTILE}", "other", 0.5, [Evidence(s, s + 5, text[s : s + 5])])]
    doc.parser = ParserInfo("test", "0", "0")
    path = tmp_path / "hostile.yaml"
    save_document(doc, path)
    return path
