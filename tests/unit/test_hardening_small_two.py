"""Issue 21, item 24, the ones left: search rows that repeat a word ('· invitation · invitation ·')."""

from __future__ import annotations

from pathlib import Path

from briefreader.io.sources import read_brief
from briefreader.library.extract import from_document
from briefreader.model.document import Evidence, KeyPoint
from tests.helpers.library_data import HARBOUR, annotate_by_hand, harbour_entities, write


def test_a_key_points_search_row_says_each_word_once(tmp_path: Path) -> None:
    doc = annotate_by_hand(read_brief(write(tmp_path / "harbour.txt", HARBOUR)), harbour_entities())
    s = doc.text.index("Solvik invited")
    kp = KeyPoint("k1", "Solvik invites Vance", "invitation", 1.0, [Evidence(s, s + 6, "Solvik")])
    kp.event = {"type": "invitation", "when": {"text": "in May", "date": "2026-05"}}  # type: ignore[attr-defined]
    doc.key_points.append(kp)
    (row,) = [c.text for c in from_document(doc, "harbour.yaml").chunks if c.kind == "key_point"]
    assert row == "Solvik invites Vance · invitation · 2026-05"
