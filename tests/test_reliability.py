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

from briefreader.cli import main
from briefreader.cli.show import show
from briefreader.io.errors import BriefError
from briefreader.io.sources import read_brief
from briefreader.io.store import dumps, load_document, save_document
from briefreader.model import edits
from briefreader.model.display import visible
from briefreader.model.document import Block, BriefMeta, Document
from briefreader.nlp.parse import PIECE_CHARS, analyse, pieces
from tests.ui_helpers import BRIEFS

HOSTILE = "[bold]x[/bold] [@click=app.quit]quit[/] [/] [[nested]] [red on white]y"
CONTROL = "A\x1b[2Jclear \x1b]0;title\x07 \x1b]52;c;Zm9v\x07 \x9b31m c1 \x00 nul \u202eevil\u202c end"


def hostile_doc(tmp_path: Path) -> Path:
    """An annotated brief whose every field carries markup and control characters."""
    text = f"Title {HOSTILE}\n\nPara one {HOSTILE} and {CONTROL}.\n\nSecond paragraph here."
    doc = Document(
        BriefMeta(f"Title {HOSTILE}", "2025-01-01"),
        text,
        blocks=[
            Block("title", 0, text.index("\n")),
            Block("paragraph", text.index("Para"), text.index("\n\nSecond")),
            Block("paragraph", text.index("Second"), len(text)),
        ],
    )
    s = text.index("[bold]x", text.index("Para"))
    edits.add_mention(doc, s, s + len("[bold]x[/bold]"), "ORG")
    edits.rename_entity(doc, "e1", "[bold]Evil[/] Corp \x1b[31m")
    edits.add_note(
        doc, f"note {HOSTILE} {CONTROL}", edits.make_anchor(doc, "span", start=s, end=s + 5), ["[red]tag[/]"]
    )
    from briefreader.model.document import Evidence, KeyPoint, ParserInfo

    doc.key_points = [KeyPoint("k1", f"Point {HOSTILE}", "other", 0.5, [Evidence(s, s + 5, text[s : s + 5])])]
    doc.parser = ParserInfo("test", "0", "0")
    path = tmp_path / "hostile.yaml"
    save_document(doc, path)
    return path


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


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda p: p.write_bytes(b""), "is empty"),
        (lambda p: p.write_bytes(b"\n \n"), "white space"),
        (lambda p: p.write_bytes(b"GIF89a\x00\x00\x01"), "binary"),
        (lambda p: p.mkdir(), "folder"),
    ],
)
def test_cli_bad_inputs_one_line_exit_1(tmp_path: Path, make, needle: str, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "bad.txt"
    make(p)
    assert main(["show", str(p)]) == 1
    err = capsys.readouterr().err
    assert needle in err and len(err.strip().splitlines()) == 1


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


def test_cp1252_file_is_read_with_a_warning_visible_in_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "old.yaml"
    doc = Document(BriefMeta("Caf\u00e9"), "Caf\u00e9 news\n\nCaf\u00e9 opened.")
    p.write_bytes(dumps(doc).encode("cp1252"))
    assert main(["show", str(p)]) == 0
    assert "Windows-1252" in capsys.readouterr().err


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


# Batch ----------------------------------------------------------------------------------------------


def test_annotate_interrupted_leaves_only_complete_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import briefreader.annotate as batch

    real = batch.save
    calls = {"n": 0}

    def save_then_interrupt(doc: Document, target: Path, failed: list[tuple[Path, str]]) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(doc, target, failed)

    monkeypatch.setattr(batch, "save", save_then_interrupt)
    out = tmp_path / "out"
    code = main(["annotate", str(BRIEFS), "--out", str(out)])
    assert code == 130 and "interrupted" in capsys.readouterr().err
    files = list(out.iterdir())
    assert len(files) == 1 and not any(f.name.startswith(".") for f in files)
    load_document(files[0])


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
