"""A ``corrections.yaml`` for a test, and corrections chosen from what a parse found, then checked."""

from __future__ import annotations

from pathlib import Path

from briefreader.cli import main
from briefreader.io.corrections_file import corrections_path, dumps_corrections
from briefreader.io.store import load_document
from briefreader.model.corrections import Corrections
from briefreader.model.document import Document
from tests.helpers.paths import BRIEFS


def config_file(text: str) -> Path:
    path = corrections_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lumen_baseline(tmp_path: Path) -> Document:
    out = tmp_path / "baseline"
    assert main(["annotate", str(BRIEFS / "lumen-chip-results.txt"), "--out", str(out), "--no-corrections"]) == 0
    return load_document(out / "lumen-chip-results.yaml")


def corrections_for(baseline: Document) -> tuple[str, str, str, str]:
    """A relabel, a reject and an alias for entities this parse found, whatever they are."""
    shown = [e for e in baseline.visible_entities() if e.label != "DATE"]
    assert len(shown) >= 3, [e.name for e in shown]
    relabel, reject, alias = shown[0], shown[1], shown[2]
    new_label = "LAW" if relabel.label != "LAW" else "FAC"
    wanted = Corrections(
        relabel={relabel.name: new_label},
        reject=[reject.name],
        alias={alias.name: "Renamed Holdings"},
        add=[("memory chips", "PRODUCT")],
    )
    config_file(dumps_corrections(wanted))
    return relabel.name, new_label, reject.name, alias.name


def check_applied(doc: Document, relabel: str, new_label: str, reject: str, alias: str) -> None:
    named = {e.name: e for e in doc.entities}
    assert named[relabel].label == new_label
    assert all(not m.visible for e in doc.entities for m in e.mentions if m.text == reject)
    assert alias in [m.text for m in named["Renamed Holdings"].visible_mentions]
    chips = named["memory chips"]
    assert chips.label == "PRODUCT" and [m.origin for m in chips.mentions] == ["user"]
    assert doc.corrections is not None and doc.corrections.add == [("memory chips", "PRODUCT")]
    assert doc.corrections.relabel == {relabel: new_label} and doc.corrections.reject == [reject]
