"""The core stays free of Textual, and saved briefs open without spaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefreader.io.store import save_document
from briefreader.model.document import BriefMeta, Document
from tests.helpers.fresh_process import modules_after


def test_model_io_nlp_do_not_import_textual() -> None:
    mods = modules_after("import briefreader.model, briefreader.io, briefreader.nlp.annotate, briefreader.cli.show")
    assert "textual" not in mods


def test_loading_a_saved_brief_does_not_import_spacy(tmp_path: Path) -> None:
    doc = Document(BriefMeta("T"), "T\n\nSome text.")
    path = tmp_path / "b.yaml"
    save_document(doc, path)
    mods = modules_after(f"from briefreader.io import load_document\nload_document({str(path)!r})")
    assert "spacy" not in mods
    assert "textual" not in mods


def test_show_of_a_saved_brief_imports_neither_spacy_nor_textual(tmp_path: Path) -> None:
    doc = Document(BriefMeta("T"), "T\n\nSome text.")
    path = tmp_path / "b.yaml"
    save_document(doc, path)
    code = f"from briefreader.cli import main\nmain(['show', {str(path)!r}])"
    mods = modules_after(code)
    assert "spacy" not in mods and "textual" not in mods


def test_the_session_imports_no_textual() -> None:
    code = "import sys, briefreader.session, briefreader.session.changes; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
