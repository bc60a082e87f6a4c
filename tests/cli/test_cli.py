"""The command line as a user runs it: exit codes, messages, files written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from briefreader import __version__
from briefreader.cli import main
from briefreader.cli.show import timeline_table
from briefreader.io.sources import read_brief
from briefreader.io.store import load_document, save_document
from briefreader.model import edits
from briefreader.model.document import Document
from briefreader.nlp.annotate import annotate_document
from briefreader.nlp.pipeline import LoadedModel
from tests.helpers.event_briefs import brief
from tests.helpers.paths import BRIEFS, DATA


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefreader", *args], capture_output=True, text=True, timeout=120)


def test_version() -> None:
    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"briefreader {__version__}"


def test_annotate_folder_with_good_and_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(BRIEFS / "harbour-city-marathon.txt", src)
    shutil.copy(BRIEFS / "chile-argentina-glacier-talks.md", src)
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (src / "broken.yaml").write_text("briefreader: 1\ntext: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["annotate", str(src), str(tmp_path / "missing.txt"), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["chile-argentina-glacier-talks.yaml", "harbour-city-marathon.yaml"]
    for bad, reason in (
        ("empty.txt", "is empty"),
        ("binary.txt", "binary"),
        ("broken.yaml", "line"),
        ("missing.txt", "no such"),
    ):
        line = next(x for x in err.splitlines() if bad in x)
        assert reason in line
    assert "annotated 2 briefs" in err and "4 failed" in err
    assert "Traceback" not in err
    doc = load_document(out / "chile-argentina-glacier-talks.yaml")
    assert doc.parsed and doc.key_points and doc.entities


def test_annotate_keeps_annotations_of_yaml_unless_reparse(tmp_path: Path) -> None:
    out1, out2, out3 = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert main(["annotate", str(BRIEFS / "lumen-chip-results.txt"), "--out", str(out1)]) == 0
    saved = out1 / "lumen-chip-results.yaml"
    text = saved.read_text(encoding="utf-8").replace("title: Economy: Lumen Semiconductor", "title: My own title")
    saved.write_text(text, encoding="utf-8")
    assert main(["annotate", str(saved), "--out", str(out2)]) == 0
    assert (out2 / "lumen-chip-results.yaml").read_text(encoding="utf-8") == text
    assert main(["annotate", str(saved), "--out", str(out3), "--reparse"]) == 0
    assert "My own title" not in (out3 / "lumen-chip-results.yaml").read_text(encoding="utf-8")


def test_show_prints_text_entities_and_key_points() -> None:
    r = run("show", str(BRIEFS / "chile-argentina-glacier-talks.md"))
    assert r.returncode == 0, r.stderr
    assert "Chile and Argentina reopen talks" in r.stdout
    assert "Entities" in r.stdout and "Lucía Ferrero" in r.stdout and "Key points" in r.stdout


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    for args, needle in (
        (["show", str(tmp_path / "nope.txt")], "no such file"),
        (["show", str(tmp_path)], "folder"),
        ([str(tmp_path / "nope.txt")], "no such file"),
        (["show", str(BRIEFS / "lumen-chip-results.txt"), "--model", "no_such_model_xx"], "pip install"),
    ):
        r = run(*args)
        assert r.returncode == 1, (args, r.stderr)
        assert needle in r.stderr and "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


def test_missing_model_message_names_what_was_tried(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import briefreader.nlp.pipeline as pipeline

    monkeypatch.setattr(pipeline, "_cache", {})
    monkeypatch.setattr(pipeline, "DEFAULT_MODELS", ("absent_model_a", "absent_model_b"))
    monkeypatch.delenv("BRIEFREADER_MODEL", raising=False)
    assert main(["show", str(BRIEFS / "lumen-chip-results.txt")]) == 1
    err = capsys.readouterr().err
    assert "absent_model_a (not installed)" in err and "absent_model_b (not installed)" in err


def test_annotate_keeps_subfolder_layout(tmp_path: Path) -> None:
    src = tmp_path / "corpus"
    (src / "sport").mkdir(parents=True)
    (src / "business").mkdir()
    (src / ".hidden").mkdir()
    shutil.copy(BRIEFS / "harbour-city-marathon.txt", src / "sport" / "001.txt")
    shutil.copy(BRIEFS / "lumen-chip-results.txt", src / "business" / "001.txt")
    shutil.copy(BRIEFS / "lumen-chip-results.txt", src / ".hidden" / "002.txt")
    out = tmp_path / "out"
    assert main(["annotate", str(src), "--out", str(out)]) == 0
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.yaml"))
    assert written == ["business/001.yaml", "sport/001.yaml"]
    assert load_document(out / "sport" / "001.yaml").meta.title.startswith("Kiptoo")


def test_reparse_through_the_cli_keeps_corrections_and_notes(tmp_path: Path, model: LoadedModel) -> None:
    doc = read_brief(BRIEFS / "chile-argentina-glacier-talks.md")
    annotate_document(doc, model)
    santiago = next(e for e in doc.entities if e.name == "Santiago")
    edits.relabel_entity(doc, santiago.id, "GPE")
    andes = next(e for e in doc.entities if e.name == "Andes")
    edits.reject_entity(doc, andes.id)
    aguirre = next(e for e in doc.entities if e.name == "Martín Aguirre")
    edits.add_note(doc, "who is he", edits.make_anchor(doc, "entity", ref=aguirre.id))
    pinned = doc.key_points[-1]
    edits.retitle_key_point(doc, pinned.id, "My own title")
    saved = tmp_path / "in.yaml"
    save_document(doc, saved)
    out = tmp_path / "out"
    assert main(["annotate", str(saved), "--out", str(out), "--reparse"]) == 0
    again: Document = load_document(out / "in.yaml")
    by_id = {e.id: e for e in again.entities}
    assert by_id[santiago.id].label == "GPE"
    assert by_id[andes.id].rejected
    assert by_id[aguirre.id].name == "Martín Aguirre"  # the note's entity kept its id
    assert again.notes[0].anchor.ref == aguirre.id
    assert any(k.title == "My own title" and k.pinned for k in again.key_points)
    assert len({k.id for k in again.key_points}) == len(again.key_points)


def test_show_prints_the_title_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(DATA / "glacier-talks.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.count("Chile and Argentina reopen talks on shared glaciers") == 1


def test_show_gives_the_timeline_event_column_the_room_and_says_a_negation_once() -> None:
    """User trial item 12: at 80 columns (piped) the Event column was 6 wide beside a wide third one."""
    console = Console(width=80, record=True, color_system=None)
    table = timeline_table(brief())
    assert table is not None
    console.print(table)
    out = console.export_text()
    refusal = next(line for line in out.splitlines() if "2026-03 " in line)
    event_cell = refusal.split("│")[2]
    assert len(event_cell) >= 36, out  # the widest column (it was 6)
    assert " ".join(out.split()).count("will not happen") == 1, out
