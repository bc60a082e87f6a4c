"""Hardening of the reader and its session: what a person could lose, and what the terminal could be made to do."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from briefreader.io import recovery
from briefreader.io.store import load_document, save_document
from briefreader.model import edits
from briefreader.ui.dialogs.ask import Ask
from briefreader.ui.dialogs.choose import Choose
from briefreader.ui.dialogs.confirm import Confirm
from briefreader.ui.reader.panes.entities_pane import EntitiesPane
from briefreader.ui.reader.panes.keypoints_pane import KeyPointsPane
from briefreader.ui.reader.panes.notes_pane import NotesPane
from briefreader.ui.reader.reader_screen import ReaderScreen
from briefreader.ui.reader.titlebar import TitleBar
from tests.helpers.app import (
    annotated_copy,
    app_for,
    reader,
    record_notifications,
    saved,
    showing,
    shown,
    started,
    status,
    wait_for,
)
from tests.helpers.hostile import CONTROL, hostile_doc
from tests.helpers.paths import ROOT

TEXT = """Ministers meet in Tallinn

Anna Berg met Omar Haddad in Tallinn on Monday. Berg said the talks were useful.
"""


# Text is data ---------------------------------------------------------------------------------


async def test_markup_and_controls_show_literally_in_every_pane(tmp_path: Path) -> None:
    path = hostile_doc(tmp_path)
    app = app_for(path)
    async with started(app, size=(160, 45)) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: screen.side_ready, "the side panes")
        art = shown(screen.article)
        assert "[bold]x[/bold] [@click=app.quit]quit[/] [/] [[nested]]" in art
        assert "\x1b" not in art and "␛[2Jclear" in art
        for pane in (EntitiesPane, KeyPointsPane, NotesPane):
            joined = shown(screen.query_one(pane), 8)
            assert "[" in joined and "\x1b" not in joined, pane
        assert "[bold]Evil[/] Corp ␛[31m" in shown(screen.query_one(EntitiesPane), 6)
        assert "[@click=app.quit]quit[/]" in shown(screen.query_one(KeyPointsPane), 4)
        assert "#[red]tag[/]" in shown(screen.query_one(NotesPane), 4)
        assert "Title [bold]x[/bold]" in shown(screen.query_one(TitleBar))
        await pilot.click("#article", offset=(10, 1))  # text that looks like an action does nothing
        await pilot.pause()
        assert app.is_running
    assert CONTROL in load_document(path).text  # the YAML keeps the original characters


async def test_escape_sequences_in_file_names_never_reach_the_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    first = folder / "a\x1b]2;PWNED\x07b.txt"
    first.write_text(TEXT, encoding="utf-8")
    (folder / "c\x1b[31mRED\x1b[0m.txt").write_text(TEXT, encoding="utf-8")
    app = app_for(first)
    async with started(app, size=(120, 30)) as pilot:
        screen = reader(app)
        title = shown(screen.query_one(TitleBar))
        assert "\x1b" not in title and "\x07" not in title and "a␛]2;PWNED␇b.txt" in title
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, Choose)
        listed = [str(o.prompt) for o in app.screen.query_one("#choose-list").options]  # type: ignore[attr-defined]
        assert any("c␛[31mRED␛[0m.txt" in item for item in listed)
        assert not any("\x1b" in item for item in listed)
        notes = record_notifications(app)
        app.screen.query_one("#choose-filter").value = str(folder / "gone\x1b[2J.txt")  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert notes and not any("\x1b" in n for n in notes)


# Files ----------------------------------------------------------------------------------------


async def test_app_notifies_on_a_bad_file_and_keeps_the_brief(tmp_path: Path) -> None:
    bad = tmp_path / "bin.txt"
    bad.write_bytes(b"\x00\x01binary")
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        notes = record_notifications(app)
        title = reader(app).session.doc.meta.title
        app.open_path(bad)
        await pilot.pause()
        assert reader(app).session.doc.meta.title == title
        assert any("binary" in n for n in notes)


async def test_reopening_a_source_shows_its_saved_notes(tmp_path: Path) -> None:
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    app = app_for(src, model="no_such_pipeline_xyz")  # no parse needed for notes
    async with started(app, size=(120, 30)) as pilot:
        screen = reader(app)
        await pilot.press("a", *"saved once", "ctrl+s", "ctrl+s")
        await wait_for(pilot, lambda: saved(screen), "save")
    app = app_for(src, model="no_such_pipeline_xyz")
    async with started(app, size=(120, 30)) as pilot:
        screen = reader(app)
        assert [n.text for n in screen.session.doc.notes] == ["saved once"]
        await wait_for(pilot, lambda: "talks.yaml" in status(screen) or "Not parsed" in status(screen), "status")
        assert "saved once" in shown(screen.query_one(NotesPane), 3)
        await pilot.press("a", *"and again", "ctrl+s", "ctrl+s")
        await wait_for(pilot, lambda: saved(screen), "second save")
    assert [n.text for n in load_document(tmp_path / "talks.yaml").notes] == ["saved once", "and again"]


async def test_a_save_over_a_file_changed_on_disk_asks_and_merges(tmp_path: Path) -> None:
    path = annotated_copy(tmp_path)
    app = app_for(path)
    async with started(app, size=(120, 30)) as pilot:
        screen = reader(app)
        await pilot.press("a", *"mine", "ctrl+s")
        other = load_document(path)  # another reader saves a note of theirs meanwhile
        edits.add_note(other, "theirs", edits.make_anchor(other, "brief"))
        save_document(other, path)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, Confirm)
        await pilot.click("#merge")
        await wait_for(pilot, lambda: saved(screen), "save after merge")
    texts = [n.text for n in load_document(path).notes]
    assert "mine" in texts and "theirs" in texts


async def test_a_read_only_file_is_not_overwritten_unasked(tmp_path: Path) -> None:
    path = annotated_copy(tmp_path)
    path.chmod(0o444)
    app = app_for(path)
    async with started(app, size=(120, 30)) as pilot:
        await pilot.press("a", *"x", "ctrl+s", "ctrl+s")
        assert isinstance(app.screen, Confirm)
        await pilot.click("#cancel")
        assert reader(app).session.dirty
    assert "x" not in [n.text for n in load_document(path).notes]


async def test_failed_save_keeps_work_and_offers_another_place(tmp_path: Path) -> None:
    src = annotated_copy(tmp_path)
    folder = tmp_path / "is-a-folder.yaml"
    folder.mkdir()
    app = app_for(src, save_to=folder)
    async with started(app, size=(140, 45)) as pilot:
        notes = record_notifications(app)
        screen = reader(app)
        await pilot.press("a", *"precious", "ctrl+s", "ctrl+s")
        if isinstance(app.screen, Confirm):  # the folder is not a file this reader opened
            await pilot.click("#overwrite")
        await wait_for(pilot, lambda: isinstance(app.screen, Ask), "save-elsewhere dialog")
        assert any(n.startswith("Not saved") for n in notes)
        assert screen.session.doc.notes[-1].text == "precious" and screen.session.dirty
        other = tmp_path / "elsewhere.yaml"
        app.screen.query_one("#ask-input").value = str(other)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for(pilot, lambda: saved(screen), "save elsewhere")
    assert load_document(other).notes[-1].text == "precious"


# Recovery -------------------------------------------------------------------------------------


@pytest.fixture
def quick_recovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Recovery files in the test's folder, written 50 ms after a change."""
    monkeypatch.setenv("BRIEFREADER_RECOVERY_DIR", str(tmp_path / "rec"))
    monkeypatch.setattr("briefreader.ui.reader.recovery_offer.RECOVERY_DELAY", 0.05)
    return tmp_path / "rec"


async def test_recovery_file_is_written_offered_and_restored(tmp_path: Path, quick_recovery: Path) -> None:
    src = annotated_copy(tmp_path)
    app = app_for(src, recovery=True)
    async with started(app, size=(140, 45)) as pilot:
        await pilot.press("a", *"unsaved idea", "ctrl+s")
        await wait_for(pilot, lambda: bool(recovery.find_recoveries(src)), "recovery file")
    # The app was torn down without a clean quit (as if the terminal closed).
    app2 = app_for(src, recovery=True)
    async with started(app2, size=(140, 45)) as pilot:
        await wait_for(pilot, lambda: showing(app2, Confirm), "the offer to restore")
        await pilot.click("#restore")
        screen = reader(app2)
        assert screen.session.doc.notes[-1].text == "unsaved idea"
        assert "● modified" in shown(screen.query_one(TitleBar))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not recovery.find_recoveries(src), "recovery cleared by save")
    assert load_document(src).notes[-1].text == "unsaved idea"


async def test_not_now_then_new_work_keeps_both_recoveries(tmp_path: Path, quick_recovery: Path) -> None:
    src = annotated_copy(tmp_path)
    app = app_for(src, recovery=True)
    async with started(app, size=(140, 45)) as pilot:
        await pilot.press("a", *"first run", "ctrl+s")
        await wait_for(pilot, lambda: len(recovery.find_recoveries(src)) == 1, "first recovery")
    app = app_for(src, recovery=True)
    async with started(app, size=(140, 45)) as pilot:
        await wait_for(pilot, lambda: showing(app, Confirm), "the offer")
        await pilot.click("#later")
        await pilot.press("a", *"second run", "ctrl+s")
        await wait_for(pilot, lambda: len(recovery.find_recoveries(src)) == 2, "second recovery beside the first")
    kept = sorted(p.doc.notes[-1].text for p in recovery.find_recoveries(src))
    assert kept == ["first run", "second run"]


async def test_a_file_name_that_is_not_utf8_gets_its_recovery(tmp_path: Path, quick_recovery: Path) -> None:
    src = tmp_path / os.fsdecode(b"caf\xe9.txt")
    src.write_text(TEXT, encoding="utf-8")
    app = app_for(src, recovery=True, model="no_such_pipeline_xyz")
    async with started(app, size=(120, 30)) as pilot:
        assert "caf\ufffd.txt" in shown(reader(app).query_one(TitleBar))
        await pilot.press("a", *"note", "ctrl+s")
        await wait_for(pilot, lambda: bool(recovery.find_recoveries(src)), "recovery file")
        assert app.is_running
    assert recovery.find_recoveries(src)[0].doc.notes[0].text == "note"


async def test_clean_quit_removes_recovery(tmp_path: Path, quick_recovery: Path) -> None:
    src = annotated_copy(tmp_path)
    app = app_for(src, recovery=True)
    async with started(app, size=(140, 45)) as pilot:
        await pilot.press("a", *"to be thrown away", "ctrl+s")
        await wait_for(pilot, lambda: bool(recovery.find_recoveries(src)), "recovery file")
        await pilot.press("q")
        await pilot.click("#quit")
    assert not recovery.find_recoveries(src)


async def test_crash_writes_recovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFREADER_RECOVERY_DIR", str(tmp_path / "rec"))
    monkeypatch.setattr("briefreader.ui.reader.recovery_offer.RECOVERY_DELAY", 3600)
    src = annotated_copy(tmp_path)
    app = app_for(src, recovery=True)

    def boom(self: object) -> None:
        raise RuntimeError("bug in an action")

    with pytest.raises(RuntimeError):
        async with started(app, size=(140, 45)) as pilot:
            await pilot.press("a", *"work before crash", "ctrl+s")
            monkeypatch.setattr(ReaderScreen, "action_clear", boom)
            await pilot.press("escape")
            await pilot.pause()
    assert recovery.find_recoveries(src)[0].doc.notes[-1].text == "work before crash"


_READER = """
import sys
from briefreader.cli import main
sys.exit(main([sys.argv[1], "--model", "no_such_pipeline_xyz"]))
"""


def _read_until(fd: int, needle: bytes, timeout: float) -> bytes:
    """Bytes from a pty until ``needle`` shows up (or the time is up, or the other end closes)."""
    seen = b""
    end = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < end:
        ready, _w, _x = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_terminal_signals_write_recovery_and_restore_the_terminal(
    tmp_path: Path, sig: signal.Signals, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    monkeypatch.setenv("BRIEFREADER_RECOVERY_DIR", str(tmp_path / "rec"))
    env = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(ROOT)}
    pid, fd = pty.fork()
    if pid == 0:  # the reader, in a terminal of its own
        os.execve(sys.executable, [sys.executable, "-c", _READER, str(src)], env)
    try:
        _read_until(fd, b"Tallinn", 60)
        os.write(fd, b"a")
        _read_until(fd, b"New note", 20)
        os.write(fd, b"unsaved\x13")  # ctrl+s keeps the note; recovery is 3 s away
        _read_until(fd, b"Note added", 10)
        os.kill(pid, sig)
        after = _read_until(fd, b"\x1b[?1049l", 15)
        _pid, code = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    assert b"\x1b[?1049l" in after  # left the alternate screen
    assert b"\x1b[?1000l" in after or b"\x1b[?1003l" in after  # mouse tracking off
    assert os.WIFEXITED(code) and os.WEXITSTATUS(code) == 128 + sig
    assert recovery.find_recoveries(src)[0].doc.notes[0].text == "unsaved"


# Failures stay local --------------------------------------------------------------------------


async def test_parse_worker_failure_leaves_the_app_usable(
    monkeypatch: pytest.MonkeyPatch, brief_copy: Callable[[str], Path]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("spaCy blew up")

    monkeypatch.setattr("briefreader.nlp.annotate.annotate_document", broken)
    app = app_for(brief_copy("lumen-chip-results.txt"))
    async with started(app, size=(140, 45)) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: "Not parsed" in status(screen), "failure shown")
        assert "spaCy blew up" in status(screen)
        await pilot.press("j", "a", *"ok", "ctrl+s")
        assert screen.session.doc.notes[-1].text == "ok"


async def test_a_pane_that_fails_to_draw_does_not_take_the_reader_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(140, 45)) as pilot:
        notes = record_notifications(app)

        def broken(*args: object, **kwargs: object) -> None:
            raise ValueError("bad option")

        monkeypatch.setattr(KeyPointsPane, "rebuild", broken)
        await pilot.press("j", "a", *"still here", "ctrl+s")
        screen = reader(app)
        assert screen.session.doc.notes[-1].text == "still here"
        assert any("Key points pane could not be drawn" in n for n in notes)
        assert app.is_running


def _alive(pid: int) -> bool:
    """True while a process exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_parse_process_does_not_outlive_a_killed_reader(brief_copy: Callable[[str], Path]) -> None:
    brief = brief_copy("lumen-chip-results.txt")
    code = textwrap.dedent(
        """
        import asyncio, sys
        from pathlib import Path
        from briefreader.ui.app import make_app

        async def run():
            app = make_app([Path(sys.argv[1])], recovery=False)
            async with app.run_test() as pilot:
                while not app.parser.pids:
                    await pilot.pause(0.05)
                print(app.parser.pids[0], flush=True)
                await asyncio.Event().wait()

        asyncio.run(run())
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(brief)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    child = int(proc.stdout.readline())
    assert _alive(child)
    proc.send_signal(signal.SIGKILL)  # as when the terminal is closed under it
    proc.wait()
    deadline = time.monotonic() + 15
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)  # polling /proc: a process's end sends this test no event
    assert not _alive(child)
