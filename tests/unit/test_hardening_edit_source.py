"""Issue 21, item 10: a brief opened from its YAML edits the source beside it, and re-anchors."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefreader.session.opening import open_session, reload_source, source_file
from tests.helpers.paths import BRIEFS, DATA

TITLE = "# Chile and Argentina reopen talks on shared glaciers"
INSERTED = "\n\nA paragraph the analyst added in the editor."


def yaml_beside_its_source(tmp_path: Path) -> Path:
    shutil.copy(BRIEFS / "chile-argentina-glacier-talks.md", tmp_path / "glacier.md")
    shutil.copy(DATA / "glacier-talks.yaml", tmp_path / "glacier.yaml")
    return tmp_path / "glacier.yaml"


def test_a_brief_opened_from_its_yaml_reads_its_source_again_after_an_edit(tmp_path: Path) -> None:
    yaml = yaml_beside_its_source(tmp_path)
    session = open_session(yaml)
    notes = [(n.text, n.anchor.quote) for n in session.doc.notes]
    assert source_file(session) == tmp_path / "glacier.md"
    source = tmp_path / "glacier.md"
    source.write_text(source.read_text(encoding="utf-8").replace(TITLE, TITLE + INSERTED), encoding="utf-8")
    result = reload_source(session)
    assert result.needs_parse and "glacier.md" in result.message
    doc = session.doc
    assert INSERTED.strip() in doc.text
    assert [(n.text, n.anchor.quote) for n in doc.notes] == notes  # every note carried over
    assert all(doc.text[n.anchor.start : n.anchor.end] == n.anchor.quote for n in doc.notes if not n.anchor.orphaned)
    assert session.dirty and session.save_path == yaml  # ctrl+s updates the YAML


def test_a_yaml_alone_or_beside_another_briefs_source_has_no_source(tmp_path: Path) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(DATA / "glacier-talks.yaml", alone / "glacier.yaml")
    assert source_file(open_session(alone / "glacier.yaml")) is None
    two = tmp_path / "two"
    two.mkdir()
    shutil.copy(DATA / "glacier-talks.yaml", two / "glacier.yaml")
    (two / "glacier.txt").write_text("Someone else's brief\n\nAbout something else.\n", encoding="utf-8")
    (two / "glacier.markdown").write_text("# Another\n\nText.\n", encoding="utf-8")
    session = open_session(two / "glacier.yaml")
    assert session.doc.meta.source not in ("glacier.txt", "glacier.markdown")
    assert source_file(session) is None
