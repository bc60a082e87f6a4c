"""The core stays free of Textual, and saved briefs open without spaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefreader.io.store import save_document
from briefreader.model.document import BriefMeta, Document


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_model_io_nlp_do_not_import_textual() -> None:
    mods = _modules_after("import briefreader.model, briefreader.io, briefreader.nlp.annotate, briefreader.cli.show")
    assert "textual" not in mods


def test_loading_a_saved_brief_does_not_import_spacy(tmp_path: Path) -> None:
    doc = Document(BriefMeta("T"), "T\n\nSome text.")
    path = tmp_path / "b.yaml"
    save_document(doc, path)
    mods = _modules_after(f"from briefreader.io import load_document\nload_document({str(path)!r})")
    assert "spacy" not in mods
    assert "textual" not in mods


def test_show_of_a_saved_brief_imports_neither_spacy_nor_textual(tmp_path: Path) -> None:
    doc = Document(BriefMeta("T"), "T\n\nSome text.")
    path = tmp_path / "b.yaml"
    save_document(doc, path)
    code = f"from briefreader.cli import main\nmain(['show', {str(path)!r}])"
    mods = _modules_after(code)
    assert "spacy" not in mods and "textual" not in mods


def test_reader_on_a_saved_brief_never_imports_spacy() -> None:
    data = Path(__file__).resolve().parent / "data" / "glacier-talks.yaml"
    code = f"""
import asyncio, sys
from pathlib import Path
from briefreader.ui.app import make_app
from tests.ui_helpers import started

async def run():
    app = make_app([Path({str(data)!r})], recovery=False)
    async with started(app, size=(120, 40)) as pilot:
        await pilot.press("j", "tab", "j")
        assert app.reader is not None and app.reader.session.doc.parsed and not app.reader.parsing

asyncio.run(run())
"""
    mods = _modules_after(code)
    assert "textual" in mods
    assert "spacy" not in mods
