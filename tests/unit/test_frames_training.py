"""Corrected frames out as training data (issue 20, item 6): Prodigy relations in JSONL, spans in the DocBin."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from briefreader.export.docbin import pack, spacy_doc
from briefreader.export.event_facts import CONFIRMED, EDITED
from briefreader.export.jsonl import brief_line, event_record
from briefreader.export.markdown import report
from briefreader.export.roles import frame_roles
from briefreader.io.store import dumps, loads
from briefreader.model.document import Document
from briefreader.model.frames import carry_events
from tests.helpers.event_briefs import brief


def corrected() -> Document:
    """The small brief with the analyst's work: the meeting's frame edited (Boric met Lula), the refusal pinned."""
    doc = brief()
    meeting = doc.events[1]
    meeting.actors, meeting.targets, meeting.edited = ["e4"], ["e3"], True
    doc.key_points[0].pinned = True
    return doc


def test_jsonl_links_each_trigger_to_its_participants_as_prodigy_relations() -> None:
    doc = corrected()
    record = json.loads(brief_line(doc))
    tokens = record["tokens"]
    assert all(record["text"][t["start"] : t["end"]] == t["text"] for t in tokens)
    links = {
        (r["event"], r["label"], record["text"][r["child_span"]["start"] : r["child_span"]["end"]])
        for r in record["relations"]
    }
    assert links == {
        ("v1", "ACTOR", "Javier Milei"),
        ("v1", "PLACE", "Rio"),
        ("v1", "SOURCE", "officials"),
        ("v2", "ACTOR", "Boric"),
        ("v2", "TARGET", "Lula"),
    }
    for r in record["relations"]:
        head, child = r["head_span"], r["child_span"]
        assert r["head"] == head["token_end"] and r["child"] == child["token_end"]
        assert tokens[head["token_start"]]["start"] == head["start"] and tokens[head["token_end"]]["end"] == head["end"]
        assert head["label"] == next(e["type"] for e in record["events"] if e["id"] == r["event"])
    edited = {e["id"]: e["edited"] for e in record["events"]}
    assert edited == {"v1": False, "v2": True}
    meeting = record["events"][1]
    assert [(x["role"], x["entity"], x["text"]) for x in meeting["roles"]] == [
        ("ACTOR", "e4", "Boric"),
        ("TARGET", "e3", "Lula"),
    ]


def test_the_docbin_keeps_triggers_roles_and_records_and_they_load_back(tmp_path: Path) -> None:
    doc = corrected()
    sdoc, _changes = spacy_doc(doc)
    out = tmp_path / "b.spacy"
    out.write_bytes(pack([sdoc]))
    (loaded,) = DocBin().from_disk(out).get_docs(spacy.blank("en").vocab)
    triggers = {s.id_: (s.text, s.label_) for s in loaded.spans["events"]}
    assert triggers == {ev.id: (ev.trigger.text, ev.type) for ev in doc.events}
    roles = sorted((s.id_, s.label_, s.kb_id_, s.text) for s in loaded.spans["event_roles"])
    expected = sorted(
        (ev.id, r.role, r.entity, doc.text[r.start : r.end])
        for ev in doc.events
        for r in frame_roles(doc, ev)
        if r.start is not None and r.end is not None
    )
    assert roles == expected and ("v2", "ACTOR", "e4", "Boric") in roles
    # msgpack gives lists back as tuples: compared as JSON.
    records = json.loads(json.dumps(loaded.user_data["briefreader"]["events"]))
    assert records == [event_record(doc, ev) for ev in doc.events]
    assert [e["edited"] for e in loaded.user_data["briefreader"]["events"]] == [False, True]


def test_the_report_says_which_frames_the_analyst_confirmed_or_edited() -> None:
    text = report(corrected())
    events = text.split("## Events")[1].split("##")[0]
    lines = [line for line in events.splitlines() if line.startswith("- ")]
    assert EDITED in lines[1] and "Lula" in lines[1]
    assert CONFIRMED in lines[0]
    points = text.split("## Key points")[1].split("## Timeline")[0]
    first, second = points.split("\n2. ")
    assert f"**Frame:** {CONFIRMED}" in first and EDITED not in first
    assert f"**Frame:** {EDITED}" in second


def test_an_edited_frame_is_saved_and_survives_a_reparse() -> None:
    doc = corrected()
    again = loads(dumps(doc))
    assert again.events[1].edited and not again.events[0].edited
    assert "edited: true" in dumps(doc)
    fresh = [replace(e, id=f"v{n + 5}", edited=False) for n, e in enumerate(brief().events)]
    events = carry_events(doc.events, fresh, [])
    meeting = next(e for e in events if e.trigger.text == "met")
    assert meeting.edited and meeting.actors == ["e4"] and meeting.id == "v6"
