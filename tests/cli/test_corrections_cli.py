"""``annotate`` applies ``corrections.yaml`` (``--no-corrections`` skips it), and a broken file is a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.cli import main
from briefreader.io.store import dumps, load_document
from tests.helpers.corrections import check_applied, config_file, corrections_for, lumen_baseline
from tests.helpers.paths import BRIEFS


def test_annotate_applies_corrections_and_no_corrections_skips_them(tmp_path: Path) -> None:
    baseline = lumen_baseline(tmp_path)
    assert baseline.corrections is None and "memory chips" not in [e.name for e in baseline.entities]
    wanted = corrections_for(baseline)
    out = tmp_path / "out"
    assert main(["annotate", str(BRIEFS / "lumen-chip-results.txt"), "--out", str(out)]) == 0
    saved = out / "lumen-chip-results.yaml"
    check_applied(load_document(saved), *wanted)
    assert "\ncorrections:\n" in saved.read_text(encoding="utf-8")
    assert main(["annotate", str(BRIEFS / "lumen-chip-results.txt"), "--out", str(out), "--no-corrections"]) == 0
    assert saved.read_text(encoding="utf-8") == dumps(baseline)


def test_annotate_with_a_corrupt_corrections_file_warns_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_file("relabel: {Nvidia: ORG\n")
    out = tmp_path / "out"
    assert main(["annotate", str(BRIEFS / "lumen-chip-results.txt"), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"warning: {path}: line 2" in err and "Traceback" not in err
    assert load_document(out / "lumen-chip-results.yaml").corrections is None
    assert path.read_text(encoding="utf-8") == "relabel: {Nvidia: ORG\n"
