"""Issue 21, items 2, 5 and 6: what ``export`` and ``annotate`` read, count and write.

2: a JSONL or DocBin export never replaces a file briefreader did not write.
5: a source and its annotated YAML are one brief.
6: reports written into a library are never read as briefs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefreader.cli import main
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
