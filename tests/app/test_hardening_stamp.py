"""Issue 21, item 1: a file replaced while it is being parsed is not overwritten unasked.

The stamp a session keeps of the YAML it read must describe the bytes the
Document came from. Taken with ``stat`` after the parse, it described the
other writer's file beside the hash of ours, and the save went through.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefreader.io import store
from briefreader.model import edits
from briefreader.session import changes as ch
from briefreader.session import files, open_session
from briefreader.session.files import SaveRisk
from briefreader.ui.dialogs.confirm import Confirm
from tests.helpers.app import annotated_copy, app_for, reader, showing, started, wait_for

THEIR_KEY = "other_writer_key: kept by the other writer\n"

REPLACE = """
import os, sys
path = sys.argv[1]
with open(path, encoding="utf-8") as fh:
    text = fh.read()
tmp = path + ".other"
with open(tmp, "w", encoding="utf-8") as fh:
    fh.write(text + sys.argv[2])
os.replace(tmp, path)
"""


def replace_during_parse(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[bool]:
    """Make the next parse of a YAML wait while another process replaces ``path`` (``os.replace``)."""
    real = store.loads
    done: list[bool] = []

    def parse_while_replaced(text: str, *args: object, **kwargs: object) -> object:
        if not done:
            # The other writer, a separate process, runs to its end while this parse is under way.
            subprocess.run([sys.executable, "-c", REPLACE, str(path), THEIR_KEY], check=True)
            done.append(True)
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "loads", parse_while_replaced)
    return done


def test_a_yaml_replaced_during_its_parse_is_seen_as_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = annotated_copy(tmp_path)
    done = replace_during_parse(monkeypatch, path)
    session = open_session(path)
    assert done and THEIR_KEY in path.read_text(encoding="utf-8")
    doc = session.doc
    session.apply(ch.AddNote("mine", edits.make_anchor(doc, "brief"), ()))
    assert session.save_risk() is SaveRisk.CHANGED


async def test_ctrl_s_asks_before_replacing_the_other_writers_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = annotated_copy(tmp_path)
    done = replace_during_parse(monkeypatch, path)
    app = app_for(path)
    async with started(app, size=(140, 45)) as pilot:
        assert done
        screen = reader(app)
        await pilot.press("a", *"my note", "ctrl+s")  # the note editor's ctrl+s keeps the note
        assert any(n.text == "my note" for n in screen.session.doc.notes)
        await pilot.press("ctrl+s")  # the reader's: save the brief
        await wait_for(pilot, lambda: showing(app, Confirm), "the question before replacing")
        assert isinstance(app.screen, Confirm) and "changed on disk" in str(app.screen.question)
        await pilot.press("escape")
        assert screen.session.dirty
    assert THEIR_KEY in path.read_text(encoding="utf-8")  # the other writer's key is still there


def test_a_save_stamps_the_file_it_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stamp after a save is the written file's, even if the name is replaced right after the rename."""
    path = annotated_copy(tmp_path)
    session = open_session(path)
    real = files.atomic_write

    def write_then_replaced(target: Path, data: str | bytes) -> object:
        written = real(target, data)
        subprocess.run([sys.executable, "-c", REPLACE, str(path), THEIR_KEY], check=True)
        return written

    monkeypatch.setattr(files, "atomic_write", write_then_replaced)
    snapshot, position = session.snapshot()
    session.mark_saved(path, session.write(snapshot, path), position)
    assert THEIR_KEY in path.read_text(encoding="utf-8")
    assert session.save_risk() is SaveRisk.CHANGED
