"""Start-up: the first frame needs little, and what was put off for it comes back after it.

Timings live in ``tests/perf/bench.py``; these tests hold the structure
that makes them: what the first frame imports, and that the garbage
collector, switched off for the start-up, runs again once the text is up.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers.fresh_process import modules_after
from tests.helpers.paths import BRIEFS, DATA, ROOT

NOT_FOR_THE_FIRST_FRAME = (
    "yaml",  # a source brief with no annotations beside it has no YAML to read
    "briefreader.io.store",
    "multiprocessing",  # the parse process starts after the first frame
    "textual.widgets._text_area",  # the note editor's
    "briefreader.ui.dialogs.help",
    "briefreader.session.changes",  # loaded with the first edit
    "briefreader.ui.dialogs.confirm",  # the first question asked
    "briefreader.ui.dialogs.choose",
    "briefreader.ui.dialogs.ask",
    "briefreader.ui.commands",  # the palette, when it opens
    "briefreader.ui.dialogs.note_editor",  # the first note (or the warm-up a second after opening)
    "briefreader.model.timeline",  # the Timeline, when T shows it
)


def _run(code: str, tmp_path: Path) -> str:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={
            "BRIEFREADER_RECOVERY_DIR": str(tmp_path / "recovery"),
            "BRIEFREADER_CACHE_DIR": str(tmp_path / "cache"),
            "PATH": "/usr/bin:/bin",
        },
    ).stdout


def _first_frame(tmp_path: Path, make_app_args: str) -> tuple[int, set[str]]:
    """In a fresh process, ``make_app(<make_app_args>)`` headless: its Article's lines and the modules
    imported when its first frame is drawn."""
    code = f"""
import os, sys
sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
from briefreader.ui.app import make_app

app = make_app({make_app_args})

def first_frame():
    lines = len(app.reader.article.lines) if app.reader else 0
    print(lines, *sorted(sys.modules), file=sys.__stdout__, flush=True)  # Textual captures sys.stdout
    os._exit(0)

app.call_after_refresh(first_frame)
app.run(headless=True, size=(120, 40))
"""
    lines, *modules = _run(code, tmp_path).split()
    return int(lines), set(modules)


def test_the_first_frame_of_a_source_brief_imports_only_what_it_draws(tmp_path: Path) -> None:
    brief = tmp_path / "envoy.txt"
    brief.write_text((BRIEFS / "korea-china-envoy.txt").read_text("utf-8"), "utf-8")
    lines, loaded = _first_frame(tmp_path, f"[Path({str(brief)!r})], recovery=False")
    assert lines > 10  # the text is laid out in that frame
    assert [m for m in NOT_FOR_THE_FIRST_FRAME if m in loaded] == []


def test_garbage_collection_runs_again_after_the_first_frame(tmp_path: Path) -> None:
    brief = tmp_path / "envoy.txt"
    brief.write_text((BRIEFS / "korea-china-envoy.txt").read_text("utf-8"), "utf-8")
    code = f"""
import gc, os, sys
sys.path.insert(0, {str(ROOT)!r})
import textual.app

real_run = textual.app.App.run

def run(self, *args, **kwargs):
    def later():
        print("collecting" if gc.isenabled() else "not collecting", file=sys.__stdout__, flush=True)
        os._exit(0)
    self.call_after_refresh(lambda: self.call_after_refresh(later))
    return real_run(self, headless=True, size=(120, 40))

textual.app.App.run = run
from briefreader.cli import main
main([{str(brief)!r}, "--model", "no_such_pipeline_xyz"])
"""
    assert _run(code, tmp_path).strip() == "collecting"


def test_a_saved_yaml_is_read_by_a_helper_while_the_reader_starts(tmp_path: Path) -> None:
    """Through the command line, the YAML stack is never imported here before the first frame."""
    from briefreader.io.sources import read_brief
    from briefreader.io.store import save_document

    saved = tmp_path / "envoy.yaml"
    save_document(read_brief(BRIEFS / "korea-china-envoy.txt"), saved)
    code = f"""
import os, sys
sys.path.insert(0, {str(ROOT)!r})
import textual.app
import briefreader.session.prefetch as prefetch

prefetch._usable_cpus = lambda: 2  # as on any machine with a second core
real_run = textual.app.App.run

def run(self, *args, **kwargs):
    def first_frame():
        lines = len(self.reader.article.lines) if self.reader else 0
        print(lines, self.reader.session.stamp is not None, *sorted(sys.modules), file=sys.__stdout__, flush=True)
        os._exit(0)
    self.call_after_refresh(first_frame)
    return real_run(self, headless=True, size=(120, 40))

textual.app.App.run = run
from briefreader.cli import main
main([{str(saved)!r}])
"""
    lines, stamped, *modules = _run(code, tmp_path).split()
    assert int(lines) > 10 and stamped == "True"  # the brief is up, and a save will check the file first
    assert [m for m in ("yaml", "briefreader.io.store") if m in modules] == []


def test_a_folder_whose_index_is_up_to_date_paints_without_the_indexer(tmp_path: Path) -> None:
    """The library's first frame reads the index; updating it (and the YAML store) waits for the frame."""
    import shutil

    folder = tmp_path / "briefs"
    shutil.copytree(BRIEFS, folder)
    refresh = f"""
import sys; sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
from briefreader.library import LibraryIndex
LibraryIndex.open(Path({str(folder)!r})).refresh()
"""
    _run(refresh, tmp_path)
    _lines, loaded = _first_frame(tmp_path, f"[], library=Path({str(folder)!r}), recovery=False")
    assert "briefreader.ui.library.library_screen" in loaded
    later = (
        "yaml",
        "briefreader.library.update",
        "briefreader.ui.library.entity_index",
        "briefreader.ui.library.search_results",
    )
    assert [m for m in later if m in loaded] == []


def test_reader_on_a_saved_brief_never_imports_spacy() -> None:
    data = DATA / "glacier-talks.yaml"
    code = f"""
import asyncio, sys
from pathlib import Path
from briefreader.ui.app import make_app
from tests.helpers.app import started

async def run():
    app = make_app([Path({str(data)!r})], recovery=False)
    async with started(app, size=(120, 40)) as pilot:
        await pilot.press("j", "tab", "j")
        assert app.reader is not None and app.reader.session.doc.parsed and not app.reader.parsing

asyncio.run(run())
"""
    mods = modules_after(code)
    assert "textual" in mods
    assert "spacy" not in mods
