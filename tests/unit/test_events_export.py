"""Event frames in the exports: the report's Events and Timeline, JSONL, the DocBin, the copied text."""

from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from briefreader.export.clip import event_text, key_point_text
from briefreader.export.docbin import pack, spacy_doc
from briefreader.export.jsonl import brief_line
from briefreader.export.markdown import report
from briefreader.model.polarity import MARK
from briefreader.model.timeline import AT_BRIEF_DATE, timeline
from tests.helpers.event_briefs import brief
from tests.helpers.markdown_tree import parse, plain, sections


def test_the_report_lists_every_event_with_negated_ones_marked() -> None:
    doc = brief()
    md = report(doc)
    parts = sections(parse(md))
    assert list(parts) == ["", "Key points", "Timeline", "Events", "Entities"]
    (events,) = parts["Events"]
    lines = [plain(i) for i in events.children]
    assert len(lines) == 2
    refusal, meeting = lines
    assert refusal.startswith(f"{MARK} Javier Milei refuses to attend summit in Rio — will not happen (refused)")
    # Said once, by the title: the facts after it do not repeat it (user trial item 12).
    assert refusal.count("will not happen") == 1 and "(visit (attend), planned; who" in refusal
    assert "who: Javier Milei" in refusal and "said by: officials" in refusal and "key point k1" in refusal
    assert meeting.startswith("Lula meets Boric (meeting (met), happened; who: Lula; with: Boric; key point k2)")
    # The key point's title and facts are marked too: it never reads as a visit that will take place.
    (points,) = parts["Key points"]
    first = plain(points.children[0])
    assert first.startswith(f"{MARK} Javier Milei refuses to attend summit in Rio — will not happen (refused)")
    assert f"What: visit (attend), planned, {MARK} will not happen (refused)" in first
    (dated,) = parts["Timeline"]
    assert [plain(i) for i in dated.children] == [
        f"2026-03: {MARK} Javier Milei refuses to attend summit in Rio — will not happen (refused) (planned)",
        # The meeting that took place is the news, undated in the text: at the brief's date.
        "2026-03-02: Lula meets Boric (the news; undated: the brief's date)",
    ]


def test_the_report_places_the_undated_news_at_the_briefs_date() -> None:
    doc = brief()
    assert doc.key_points[0].event is not None
    doc.key_points.reverse()  # "Lula meets Boric", undated, is the top point now
    (dated,) = sections(parse(report(doc)))["Timeline"]
    lines = [plain(i) for i in dated.children]
    assert f"2026-03-02: Lula meets Boric (the news; {AT_BRIEF_DATE})" in lines


def test_jsonl_carries_the_events() -> None:
    record = json.loads(brief_line(brief()))
    first, second = record["events"]
    assert first == {
        "id": "v1",
        "start": 42,
        "end": 48,
        "text": "attend",
        "type": "visit",
        "sentence": [18, 83],
        "title": "Javier Milei refuses to attend summit in Rio",
        "actors": ["e1"],
        "targets": [],
        "place": "e2",
        "roles": [
            {"role": "ACTOR", "entity": "e1", "start": 18, "end": 30, "text": "Javier Milei", "label": "PERSON"},
            {"role": "PLACE", "entity": "e2", "start": 63, "end": 66, "text": "Rio", "label": "GPE"},
            {"role": "SOURCE", "entity": "e5", "start": 68, "end": 77, "text": "officials", "label": "NORP"},
        ],
        "when": {"text": "next week", "date": "2026-03"},
        "status": "planned",
        "negated": True,
        "cue": "refused",
        "source": "e5",
        "edited": False,
    }
    assert record["text"][first["start"] : first["end"]] == "attend"
    assert (second["id"], second["negated"], second["cue"], second["when"]) == ("v2", False, None, None)


def test_the_docbin_keeps_the_events(tmp_path: Path) -> None:
    sdoc, _changes = spacy_doc(brief())
    out = tmp_path / "b.spacy"
    out.write_bytes(pack([sdoc]))
    (loaded,) = DocBin().from_disk(out).get_docs(spacy.blank("en").vocab)
    assert [(s.text, s.label_) for s in loaded.spans["events"]] == [("attend", "visit"), ("met", "meeting")]
    events = loaded.user_data["briefreader"]["events"]
    assert [(e["id"], e["negated"], e["cue"]) for e in events] == [("v1", True, "refused"), ("v2", False, None)]


def test_copied_text_marks_a_negated_event() -> None:
    doc = brief()
    (row,) = [t for t in timeline(doc) if t.negated]
    copied = event_text(doc, row)
    assert copied.startswith(
        f"2026-03: {MARK} Javier Milei refuses to attend summit in Rio — will not happen (refused)"
    )
    assert key_point_text(doc, doc.key_points[0]).startswith(f"{MARK} Javier Milei refuses")
    doc.key_points.reverse()
    news = next(t for t in timeline(doc) if t.at_brief_date)
    assert event_text(doc, news).startswith(f"2026-03-02 ({AT_BRIEF_DATE}): Lula meets Boric")
