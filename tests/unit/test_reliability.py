"""Hardening: text is data, hostile files, interrupted saves, failures that lose nothing."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rich.console import Console

from briefreader.cli.show import show
from briefreader.io.errors import BriefError
from briefreader.io.sources import read_brief
from briefreader.io.store import load_document, save_document
from briefreader.model.display import visible
from briefreader.model.document import Block, BriefMeta, Document
from briefreader.nlp.parse import PIECE_CHARS, analyse, pieces
from tests.helpers.hostile import CONTROL, hostile_doc

# Text is data -------------------------------------------------------------------------------


def test_visible_replaces_controls_one_for_one() -> None:
    out = visible(CONTROL)
    assert len(out) == len(CONTROL)
    assert not any(ord(c) < 0x20 and c != "\n" for c in out)
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out and "\x00" not in out
    assert "␛[2Jclear" in out


def test_show_prints_markup_literally_and_no_escape_sequences(tmp_path: Path) -> None:
    path = hostile_doc(tmp_path)
    console = Console(record=True, width=200, force_terminal=True, color_system="truecolor")
    show(load_document(path), console)
    plain = console.export_text()
    assert "[bold]x[/bold] [@click=app.quit]quit[/]" in plain
    assert "[bold]Evil[/] Corp" in plain and "Point [bold]x[/bold]" in plain
    styled = console.export_text(styles=True)
    # Only Rich's own SGR codes reach the terminal: none of the file's CSI/OSC sequences.
    assert "\x1b[2J" not in styled and "\x1b]0;" not in styled and "\x1b]52" not in styled


# Files ---------------------------------------------------------------------------------------


def test_huge_token_is_cut_into_pieces() -> None:
    token = "x" * 1_000_000
    parts = list(pieces(token))
    assert "".join(p for _o, p in parts) == token
    assert max(len(p) for _o, p in parts) <= PIECE_CHARS
    offsets = [o for o, _p in parts]
    assert offsets == sorted(offsets) and offsets[0] == 0


def test_block_longer_than_spacy_max_length_is_parsed_in_pieces() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 5_000
    body = " ".join(f"Sentence number {i} is here." for i in range(1000))
    text = "Title\n\n" + body
    doc = Document(BriefMeta("Title"), text, [Block("title", 0, 5), Block("paragraph", 7, len(text))])
    analysis = analyse(nlp, doc)
    assert len(text) > nlp.max_length
    quotes = [text[s.start : s.end] for s in analysis.sentences]
    assert quotes[-1] == "Sentence number 999 is here."
    assert sum(q.startswith("Sentence number") for q in quotes) == 1000


# Saving and crashes ---------------------------------------------------------------------------


def test_killing_a_saving_process_never_leaves_a_broken_file(tmp_path: Path) -> None:
    target = tmp_path / "brief.yaml"
    script = textwrap.dedent(
        f"""
        import sys
        from briefreader.io.store import save_document
        from briefreader.model.document import BriefMeta, Document
        from briefreader.model import edits
        doc = Document(BriefMeta("t"), "Title\\n\\n" + "word " * 200_000)
        i = 0
        while True:
            edits.add_note(doc, f"note {{i}}", edits.make_anchor(doc, "brief"))
            save_document(doc, {str(target)!r})
            if i == 0:
                print("ready", flush=True)
            i += 1
        """
    )
    rng = random.Random(7)
    for _round in range(12):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"  # wait for the first complete save
        with contextlib.suppress(subprocess.TimeoutExpired):  # the random moment to kill at
            proc.wait(timeout=rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        doc = load_document(target)  # always complete and valid
        assert doc.notes and doc.notes[-1].text == f"note {len(doc.notes) - 1}"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "brief.yaml"]
    # A killed process cannot clean its temp file; it is hidden and never the target.
    assert all(n.startswith(".brief.yaml.") for n in leftovers)


# Limits and sources ---------------------------------------------------------------------------


def test_yaml_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefreader.io.store as store

    monkeypatch.setattr(store, "MAX_YAML_BYTES", 100)
    p = tmp_path / "big.yaml"
    save_document(Document(BriefMeta("t"), "x" * 500), p)
    with pytest.raises(BriefError, match="too large"):
        load_document(p)


def test_brief_read_from_source_never_changes_the_source(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_bytes(b"Title\r\n\r\nBody \xe9.\r\n")
    before = src.read_bytes()
    read_brief(src)
    assert src.read_bytes() == before
    assert os.access(src, os.R_OK)
