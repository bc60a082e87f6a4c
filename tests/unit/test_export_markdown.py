"""The Markdown report: its structure as markdown-it-py parses it, with friendly and hostile briefs."""

from __future__ import annotations

from collections.abc import Callable

from briefreader.export.markdown import REPORT_MARKER, report
from briefreader.model import edits
from briefreader.model.display import visible
from briefreader.model.document import Block, BriefMeta, Document, Entity, Evidence, KeyPoint, Mention
from briefreader.model.event import EventFrame, Trigger, When
from briefreader.model.timeline import timeline
from tests.helpers.markdown_tree import parse, plain, sections, walk


def squash(text: str) -> str:
    return " ".join(text.split())


def test_report_of_a_parsed_brief_has_every_part_in_place(sample: Callable[[str], Document]) -> None:
    doc = sample("chile-argentina-glacier-talks.md")
    s = doc.sentences[3]
    ferrero = next(e for e in doc.entities if e.name == "Lucía Ferrero")
    edits.add_note(
        doc, "Check the budget.", edits.make_anchor(doc, "sentence", start=s.start, end=s.end), ["follow-up"]
    )
    edits.add_note(doc, "Who advises her?", edits.make_anchor(doc, "entity", ref=ferrero.id))
    edits.add_note(doc, "Likely to slip.", edits.make_anchor(doc, "key_point", ref=doc.key_points[0].id))
    md = report(doc)
    assert md.splitlines()[0] == REPORT_MARKER
    tree = parse(md)
    h1 = [n for n in tree.children if n.type == "heading" and n.tag == "h1"]
    assert [plain(h) for h in h1] == [doc.meta.title]
    parts = sections(tree)
    assert list(parts) == ["", "Key points", "Timeline", "Events", "Entities", "Notes"]
    assert plain(parts[""][-1]) == f"{doc.meta.date} · {doc.meta.source}"

    (kp_list,) = parts["Key points"]
    assert kp_list.type == "ordered_list" and len(kp_list.children) == len(doc.key_points)
    for item, kp in zip(kp_list.children, doc.key_points, strict=True):
        strong = next(n for n in walk(item) if n.type == "strong")
        assert plain(strong) == kp.title
        quotes = [squash(plain(b)) for b in item.children if b.type == "blockquote"]
        assert quotes == [squash(ev.quote) for ev in kp.evidence]

    (dated,) = parts["Timeline"]
    assert [plain(i).split(":")[0] for i in dated.children] == [t.date for t in timeline(doc)]

    (table,) = parts["Entities"]
    rows = [r for r in walk(table) if r.type == "tr"][1:]
    assert len(rows) == len(doc.visible_entities())
    cells = {plain(r.children[0]): [plain(c) for c in r.children] for r in rows}
    for e in doc.visible_entities():
        assert cells[e.name] == [e.name, e.label, str(len(e.visible_mentions)), ", ".join(e.aliases)]

    (notes,) = parts["Notes"]
    items = notes.children
    assert [squash(plain(i.children[0])) for i in items] == ["Check the budget.", "Who advises her?", "Likely to slip."]
    assert squash(plain(items[0].children[-2])) == squash(doc.text[s.start : s.end])  # quote, then the tags
    assert plain(items[0].children[-1]) == "Tags: #follow-up"
    assert "Lucía Ferrero" in plain(items[1]) and "PERSON" in plain(items[1])
    assert squash(plain(items[2].children[-1])) == squash(doc.key_points[0].evidence[0].quote)


HOSTILE = [
    "# Not a heading",
    "- not a list",
    "+ nor this",
    "1. nor this",
    "2) nor this",
    "> not a quote",
    "---",
    "===",
    "***",
    "___",
    "| a | b |",
    "| --- | --- |",
    "```python",
    "~~~",
    "    four spaces, not code",
    "<script>alert(1)</script>",
    "<!-- comment -->",
    "[link](http://example.com) ![img](x.png) <http://example.com>",
    "*em* **strong** _em_ __strong__ ~~struck~~ `code`",
    "AT&T &amp; &#65; back\\slash at the end\\",
    "[ref]: http://example.com",
    "trailing spaces   ",
]


def hostile_doc() -> Document:
    """A brief whose every piece of text is Markdown syntax."""
    title = "# Title *x* | y `z` <b>bold</b> #"
    body = "\n".join(HOSTILE)
    text = f"{title}\n\n{body}"
    start = len(title) + 2
    doc = Document(
        BriefMeta(title, "2026-01-02", "*wire* | <i>feed</i>"),
        text,
        blocks=[Block("title", 0, len(title)), Block("paragraph", start, len(text))],
    )
    ent = text.index("AT&T")
    pipe = text.index("| a | b |")
    doc.entities = [
        Entity("e1", "AT&T", "ORG", [Mention(ent, ent + 4, "AT&T")]),
        Entity("e2", "| a | b |", "PERSON", [Mention(pipe, pipe + 9, "| a | b |")]),
    ]
    doc.key_points = [
        KeyPoint("k1", "*Title* with `code` | and <script>", "statement", 1.0, [Evidence(start, len(text), body)]),
        KeyPoint("k2", "", "tension", 0.5, [Evidence(ent, ent + 4, "AT&T")]),
    ]
    edits.add_note(doc, body, edits.make_anchor(doc, "span", start=start, end=len(text)), ["x|y", "*z*"])
    return doc


def test_hostile_text_is_text_in_the_report() -> None:
    doc = hostile_doc()
    tree = parse(report(doc))
    kinds = [n.type for n in walk(tree)]
    for forbidden in ("code_inline", "code_block", "fence", "html_inline", "link", "image", "em", "s", "hr"):
        assert forbidden not in kinds, forbidden
    assert [n for n in walk(tree) if n.type == "html_block"] == [tree.children[0]]  # the marker, nothing else
    headings = [(n.tag, plain(n)) for n in walk(tree) if n.type == "heading"]
    assert headings == [("h1", doc.meta.title), ("h2", "Key points"), ("h2", "Entities"), ("h2", "Notes")]
    assert plain(tree.children[2]) == "2026-01-02 · *wire* | <i>feed</i>"
    # One list of key points, one table, one list of notes; nothing else at the top.
    assert [n.type for n in tree.children] == [
        "html_block",
        "heading",
        "paragraph",
        "heading",
        "ordered_list",
        "heading",
        "table",
        "heading",
        "ordered_list",
    ]
    kp_items = tree.children[4].children
    assert [plain(next(n for n in walk(i) if n.type == "strong")) for i in kp_items[:1]] == [doc.key_points[0].title]
    (quote,) = [b for b in kp_items[0].children if b.type == "blockquote"]
    expected = [visible(line).strip() for line in HOSTILE]
    assert plain(quote).split("\n") == expected
    rows = [[plain(c) for c in r.children] for r in walk(tree.children[6]) if r.type == "tr"]
    assert rows[1:] == [["| a | b |", "PERSON", "1", ""], ["AT&T", "ORG", "1", ""]]
    note = tree.children[8].children[0]
    assert plain(note.children[0]).split("\n") == expected
    assert plain(note.children[-1]) == "Tags: #x|y #*z*"
    strongs = [plain(n) for n in walk(tree) if n.type == "strong"]
    assert strongs == [doc.key_points[0].title]  # the empty title got none; nothing else turned bold


def test_control_characters_never_reach_the_report() -> None:
    title = "Title\x1b]0;owned\x07"
    text = f"{title}\n\nBody \x1b[2J with \u202eoverride and NUL\x00."
    body = len(title) + 2
    doc = Document(BriefMeta(title), text, blocks=[Block("title", 0, len(title)), Block("paragraph", body, len(text))])
    doc.key_points = [KeyPoint("k1", "Point", "statement", 1.0, [Evidence(body, len(text), text[body:])])]
    tree = parse(report(doc))
    assert plain(tree.children[1]) == "Title␛]0;owned␇"
    (quote,) = [n for n in walk(tree) if n.type == "blockquote"]
    assert plain(quote) == "Body ␛[2J with �override and NUL␀."


# Event frames ----------------------------------------------------------------


def framed_doc() -> Document:
    text = "Talks in Oslo\n\nAnna Berg met Omar Haddad in Oslo on 3 March. They will meet again."
    doc = Document(
        BriefMeta("Talks in Oslo", "2026-03-05"),
        text,
        blocks=[Block("title", 0, 13), Block("paragraph", 15, len(text))],
    )
    doc.entities = [
        Entity("e1", "Anna Berg", "PERSON", [Mention(15, 24, "Anna Berg")]),
        Entity("e2", "Omar Haddad", "PERSON", [Mention(29, 40, "Omar Haddad")]),
        Entity("e3", "Oslo", "GPE", [Mention(9, 13, "Oslo"), Mention(44, 48, "Oslo")]),
    ]
    first = text.index("They")
    doc.key_points = [
        KeyPoint(
            "k1", "Meeting: Anna Berg meets Omar Haddad", "visit", 1.0, [Evidence(15, first - 1, text[15 : first - 1])]
        ),
        KeyPoint("k2", "Second round", "visit", 0.5, [Evidence(first, len(text), text[first:])]),
    ]
    return doc


def test_without_event_frames_the_report_leaves_them_out() -> None:
    tree = parse(report(framed_doc()))
    assert "Timeline" not in sections(tree)
    items = sections(tree)["Key points"][0].children
    assert all(n.type != "bullet_list" for i in items for n in i.children)


def test_event_frames_and_timeline_read_the_real_frames() -> None:
    doc = framed_doc()
    met = doc.text.index("met")
    doc.key_points[0].event = EventFrame(
        "visit", Trigger(met, met + 3, "met"), ["e1"], ["e2"], "e3", When("on 3 March", "2026-03-03")
    )
    again = doc.text.index("meet again")
    doc.key_points[1].event = EventFrame("visit", Trigger(again, again + 4, "meet"), ["e9"], status="planned")

    parts = sections(parse(report(doc)))
    assert list(parts) == ["", "Key points", "Timeline", "Events", "Entities"]
    first, second = parts["Key points"][0].children
    (facts,) = [n for n in first.children if n.type == "bullet_list"]
    assert [plain(i) for i in facts.children] == [
        "Who: Anna Berg",
        "What: visit (met), happened",
        "With: Omar Haddad",
        "Where: Oslo",
        "When: on 3 March (2026-03-03)",
    ]
    # An actor id with no entity (left by an edit) is not shown as an id.
    (facts2,) = [n for n in second.children if n.type == "bullet_list"]
    assert [plain(i) for i in facts2.children] == ["What: visit (meet), planned"]
    (dated,) = parts["Timeline"]
    assert [plain(i) for i in dated.children] == ["2026-03-03: Meeting: Anna Berg meets Omar Haddad (the news)"]


def test_timeline_of_a_parsed_brief_says_each_date_once_with_its_phase(sample: Callable[[str], Document]) -> None:
    doc = sample("chile-argentina-glacier-talks.md")
    parts = sections(parse(report(doc)))
    (dated,) = parts["Timeline"]
    lines = [plain(i) for i in dated.children]
    assert [line.split(": ")[0] for line in lines] == ["1978", "2019", "2026-03-12", "2026-06"]
    phases = ["background)", "background)", "the news)", "planned)"]
    assert [line.rsplit(" (", 1)[1] for line in lines] == phases
    assert "2019: 2019" not in lines[1] and "(June 2026)" not in lines[3]  # the date leads the line, once
    visit = next(k for k in doc.key_points if k.event is not None and k.event.type == "visit")
    item = parts["Key points"][0].children[doc.key_points.index(visit)]
    (facts,) = [n for n in item.children if n.type == "bullet_list"]
    shown = dict(plain(i).split(": ", 1) for i in facts.children)
    assert shown["Who"] == "Lucía Ferrero" and shown["With"] == "Tomás Valdivia" and shown["Where"] == "Santiago"
    assert shown["When"].endswith("(2026-03-12)") and shown["What"].endswith(", happened")
