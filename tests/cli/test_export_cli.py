"""``briefreader export`` as a user runs it: what is written, what is listed, what is never touched."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import briefreader.export.jsonl as jsonl_module
from briefreader.cli import main
from briefreader.export.markdown import REPORT_MARKER
from briefreader.model.document import Document
from tests.helpers.paths import BRIEFS, DATA


def corpus(tmp_path: Path) -> Path:
    """Two good briefs in a subfolder layout, and three bad files."""
    src = tmp_path / "in"
    (src / "sport").mkdir(parents=True)
    shutil.copy(BRIEFS / "harbour-city-marathon.txt", src / "sport")
    shutil.copy(BRIEFS / "lumen-chip-results.txt", src)
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x00\x01binary")
    (src / "broken.yaml").write_text("briefreader: 1\ntext: [unclosed\n", encoding="utf-8")
    return src


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("fmt", ["md", "jsonl", "spacy"])
def test_every_failure_listed_good_briefs_written_exit_1(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = corpus(tmp_path)
    out = tmp_path / "out"
    assert main(["export", str(src), str(tmp_path / "missing.txt"), "--to", fmt, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    for bad, reason in (
        ("empty.txt", "is empty"),
        ("binary.txt", "binary"),
        ("broken.yaml", "line"),
        ("missing", "no such"),
    ):
        assert reason in next(x for x in err.splitlines() if bad in x)
    assert "exported 2 briefs" in err and "4 failed" in err and "Traceback" not in err
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    expected = {
        "md": ["lumen-chip-results.md", "sport/harbour-city-marathon.md"],
        "jsonl": ["briefs.jsonl"],
        "spacy": ["briefs.spacy"],
    }[fmt]
    assert written == expected
    if fmt == "jsonl":
        records = [json.loads(x) for x in (out / "briefs.jsonl").read_text(encoding="utf-8").splitlines()]
        assert [r["meta"]["source"] for r in records] == ["lumen-chip-results.txt", "harbour-city-marathon.txt"]
        assert all(r["spans"] for r in records)  # parsed first: they were not annotated
    if fmt == "md":
        report = (out / "sport" / "harbour-city-marathon.md").read_text(encoding="utf-8")
        assert report.startswith(REPORT_MARKER) and "## Key points" in report


def test_report_never_replaces_a_file_someone_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "briefs"
    src.mkdir()
    shutil.copy(BRIEFS / "chile-argentina-glacier-talks.md", src)
    original = (src / "chile-argentina-glacier-talks.md").read_bytes()
    assert main(["export", str(src), "--to", "md", "--out", str(src)]) == 0
    assert (src / "chile-argentina-glacier-talks.md").read_bytes() == original
    report = src / "chile-argentina-glacier-talks.report.md"
    assert report.read_text(encoding="utf-8").startswith(REPORT_MARKER)
    # Again: the earlier report is replaced, and is not taken for a brief.
    report.write_text(REPORT_MARKER + "\nold\n", encoding="utf-8")
    assert main(["export", str(src), "--to", "md", "--out", str(src)]) == 0
    assert "old" not in report.read_text(encoding="utf-8")
    assert "exported 1 brief " in capsys.readouterr().err
    # A person's file on the other name too: that brief fails, nothing is replaced.
    report.write_text("my own notes\n", encoding="utf-8")
    assert main(["export", str(src), "--to", "md", "--out", str(src)]) == 1
    assert report.read_text(encoding="utf-8") == "my own notes\n"
    assert "not replaced" in capsys.readouterr().err


def test_out_may_name_the_file_and_an_earlier_export_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "sets" / "train.jsonl"
    target.parent.mkdir()
    assert main(["export", str(BRIEFS), "--to", "jsonl", "--out", str(target)]) == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) > 1
    assert main(["export", str(BRIEFS / "lumen-chip-results.txt"), "--to", "jsonl", "--out", str(target)]) == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["meta"]["source"] == "lumen-chip-results.txt"


def test_a_brief_that_cannot_be_rendered_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = jsonl_module.brief_line

    def fragile(doc: Document) -> str:
        if "Lumen" in doc.text:
            raise ValueError("simulated")
        return real(doc)

    monkeypatch.setattr(jsonl_module, "brief_line", fragile)
    src = corpus(tmp_path)
    for bad in ("empty.txt", "binary.txt", "broken.yaml"):
        (src / bad).unlink()
    out = tmp_path / "out"
    assert main(["export", str(src), "--to", "jsonl", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "lumen-chip-results.txt: could not be exported (ValueError: simulated)" in err
    assert len((out / "briefs.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_interrupted_export_leaves_no_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(doc: Document) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(jsonl_module, "brief_line", interrupted)
    out = tmp_path / "out"
    assert main(["export", str(BRIEFS / "lumen-chip-results.txt"), "--to", "jsonl", "--out", str(out)]) == 130
    assert list(out.iterdir()) == [] and "interrupted" in capsys.readouterr().err


def test_unwritable_output_is_a_listed_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    (out / "briefs.jsonl").mkdir(parents=True)  # where the file should go is a folder
    assert main(["export", str(BRIEFS / "lumen-chip-results.txt"), "--to", "jsonl", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "briefs.jsonl: cannot save: that path is a folder" in err and "Traceback" not in err
    assert leftovers(out) == []


def test_export_imports_no_textual_and_md_of_a_saved_brief_no_spacy(tmp_path: Path) -> None:
    saved = DATA / "glacier-talks.yaml"
    code = (
        "import sys\nfrom briefreader.cli import main\n"
        f"main(['export', {str(saved)!r}, '--to', 'md', '--out', {str(tmp_path)!r}])\n"
        "import briefreader.export.clip, briefreader.export.jsonl, briefreader.export.docbin\n"
        "print(' '.join(sys.modules))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    mods = set(r.stdout.split())
    assert "textual" not in mods and "spacy" not in mods
    assert (tmp_path / "glacier-talks.md").is_file()


def test_briefs_of_one_stem_get_a_report_each_beside_them(tmp_path: Path) -> None:
    src = tmp_path / "briefs"
    src.mkdir()
    shutil.copy(BRIEFS / "chile-argentina-glacier-talks.md", src / "talks.md")
    shutil.copy(BRIEFS / "lumen-chip-results.txt", src / "talks.txt")
    original = (src / "talks.md").read_bytes()
    assert main(["export", str(src), "--to", "md", "--out", str(src)]) == 0
    assert (src / "talks.md").read_bytes() == original
    reports = {p.name: p.read_text(encoding="utf-8") for p in src.iterdir() if p.name not in ("talks.md", "talks.txt")}
    assert sorted(reports) == ["talks-2.md", "talks.report.md"]
    assert "Chile" in reports["talks.report.md"] and "Lumen" in reports["talks-2.md"]
