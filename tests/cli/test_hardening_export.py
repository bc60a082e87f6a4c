"""Issue 21, items 2, 5 and 6: what ``export`` and ``annotate`` read, count and write.

2: a JSONL or DocBin export never replaces a file briefreader did not write.
5: a source and its annotated YAML are one brief.
6: reports written into a library are never read as briefs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefreader.cli import main
from briefreader.io.pairing import group
from briefreader.io.store import load_document, save_document
from briefreader.library import LibraryIndex
from briefreader.model.edits import reject_entity
from tests.helpers.library_data import GLACIER, HARBOUR, annotated, harbour_entities, write
from tests.helpers.paths import BRIEFS

ONE = "lumen-chip-results.txt"


def one_brief(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(BRIEFS / ONE, src)
    return src


@pytest.mark.parametrize("fmt", ["jsonl", "spacy"])
def test_a_bundle_never_replaces_a_file_briefreader_did_not_write(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = one_brief(tmp_path)
    out = tmp_path / "d"
    out.mkdir()
    mine = out / f"briefs.{fmt}"
    mine.write_text("precious\n", encoding="utf-8")
    assert main(["export", str(src), "--to", fmt, "--out", str(out)]) == 1
    assert mine.read_text(encoding="utf-8") == "precious\n"
    err = capsys.readouterr().err
    assert "exists and was not written by briefreader: not replaced" in err
    # The same words as a report that meets someone's file.
    assert "exported 0 briefs" in err
    # Its own earlier export it does replace.
    mine.unlink()
    assert main(["export", str(src), "--to", fmt, "--out", str(out)]) == 0
    first = mine.read_bytes()
    assert main(["export", str(src), "--to", fmt, "--out", str(out)]) == 0
    assert mine.read_bytes() == first


def analysed_pair(tmp_path: Path) -> tuple[Path, str]:
    """``x.txt`` and the ``x.yaml`` annotate wrote beside it, where the analyst rejected an entity."""
    src = one_brief(tmp_path)
    assert main(["annotate", str(src), "--out", str(src)]) == 0
    yaml = src / "lumen-chip-results.yaml"
    doc = load_document(yaml)
    gone = doc.visible_entities()[0]
    reject_entity(doc, gone.id)
    save_document(doc, yaml)
    return src, gone.name


def test_export_counts_a_source_and_its_yaml_as_one_brief_the_analysts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, gone = analysed_pair(tmp_path)
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["export", str(src), "--to", "jsonl", "--out", str(out)]) == 0
    lines = (out / "briefs.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1  # not the text twice, with and without the analyst's rejects
    record = json.loads(lines[0])
    assert gone not in {record["text"][s["start"] : s["end"]] for s in record["spans"]}
    assert "exported 1 brief " in capsys.readouterr().err
    assert main(["export", str(src), "--to", "md", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.glob("*.md")) == ["lumen-chip-results.md"]  # no x.report.md beside x.md
    # The source changed since: the analyst's YAML still wins, carried onto the new text.
    with (src / ONE).open("a", encoding="utf-8") as fh:
        fh.write("\nA new closing paragraph about Lumen and its chips.\n")
    assert main(["export", str(src), "--to", "jsonl", "--out", str(out)]) == 0
    lines = (out / "briefs.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and "new closing paragraph" in json.loads(lines[0])["text"]
    assert gone not in {json.loads(lines[0])["text"][s["start"] : s["end"]] for s in json.loads(lines[0])["spans"]}


def test_annotate_counts_a_source_and_its_yaml_as_one_brief(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, gone = analysed_pair(tmp_path)
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["annotate", str(src), "--out", str(out)]) == 0
    assert "annotated 1 brief " in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["lumen-chip-results.yaml"]  # no x-2.yaml
    doc = load_document(out / "lumen-chip-results.yaml")
    assert gone not in {e.name for e in doc.visible_entities()}  # the analyst's reject came along
    # In place, too: the YAML is updated, not copied.
    assert main(["annotate", str(src), "--out", str(src)]) == 0
    assert sorted(p.name for p in src.iterdir()) == ["lumen-chip-results.txt", "lumen-chip-results.yaml"]


def test_one_pairing_rule_for_every_command() -> None:
    files = ["a/x.txt", "a/x.yaml", "b/y.md", "b/y.txt", "b/y.txt.yaml", "c/z.brief.yaml", "c/z.txt", "d/w.yaml"]
    groups = {(g.source, g.yaml) for g in group(files, {f for f in files if f.endswith(".yaml")})}
    assert groups == {
        ("a/x.txt", "a/x.yaml"),
        ("b/y.md", None),
        ("b/y.txt", "b/y.txt.yaml"),
        ("c/z.txt", "c/z.brief.yaml"),
        (None, "d/w.yaml"),
    }


def annotated_library(root: Path) -> Path:
    """Two briefs, each a source with its annotated YAML beside it (one of them Markdown)."""
    annotated(write(root / "harbour.txt", HARBOUR), harbour_entities())
    annotated(write(root / "glacier.md", GLACIER), {"Nordvik": ("LOC", ["Nordvik"])})
    return root


def test_reports_exported_into_a_library_are_never_read_as_briefs(tmp_path: Path) -> None:
    lib = annotated_library(tmp_path / "lib")
    assert main(["export", str(lib), "--to", "md", "--out", str(lib)]) == 0
    assert {"harbour.md", "glacier.report.md"} <= {p.name for p in lib.iterdir()}
    with LibraryIndex.open(lib) as index:
        index.refresh()
        briefs = {b.rel: b.status for b in index.briefs()}
    assert briefs == {"harbour.yaml": "annotated", "glacier.yaml": "annotated"}  # not 6 rows
    assert main(["annotate", str(lib), "--out", str(lib)]) == 0
    assert sorted(p.name for p in lib.iterdir()) == [
        "glacier.md",
        "glacier.report.md",
        "glacier.yaml",
        "harbour.md",
        "harbour.txt",
        "harbour.yaml",
    ]  # no harbour-2.yaml, no glacier.report.yaml
    # Exporting again replaces the reports, and does not take them for briefs either.
    assert main(["export", str(lib), "--to", "md", "--out", str(lib)]) == 0
    assert len(list(lib.iterdir())) == 6


def test_reports_go_outside_the_library_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib = annotated_library(tmp_path / "lib")
    before = sorted(p.name for p in lib.iterdir())
    monkeypatch.chdir(lib)
    assert main(["export", ".", "--to", "md"]) == 0
    assert sorted(p.name for p in lib.iterdir()) == before
    assert sorted(p.name for p in (tmp_path / "lib-reports").iterdir()) == ["glacier.md", "harbour.md"]
