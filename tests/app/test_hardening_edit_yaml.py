"""Issue 21, item 10, in the reader: ``E`` on a brief opened from the library as ``x.yaml`` edits ``x.md``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.test_copy_edit import INSERTED, editor, suspensions
from tests.helpers.app import app_for, reader, record_notifications, started, wait_for
from tests.unit.test_hardening_edit_source import yaml_beside_its_source


async def test_E_on_a_yaml_edits_the_source_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    yaml = yaml_beside_its_source(tmp_path)
    log = editor(tmp_path, monkeypatch)
    app = app_for(yaml)
    used = suspensions(app)
    async with started(app, size=(120, 40)) as pilot:
        seen = record_notifications(app)
        screen = reader(app)
        await pilot.press("E")
        assert used == ["suspended", "resumed"], seen
        assert log.read_text(encoding="utf-8").splitlines()[-1] == str(tmp_path / "glacier.md")
        assert INSERTED.strip() in screen.session.doc.text
        await wait_for(pilot, lambda: screen.session.doc.parsed and not screen.parsing, "the new text's parse")
        assert screen.session.dirty and screen.session.save_path == yaml
