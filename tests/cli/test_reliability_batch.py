"""Hardening, round two: ``annotate`` run again, ``--jobs``, ``--taxonomy`` (issue 10, items 8, 11, 14, 15)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import briefreader.annotate.workers as batch_workers
import briefreader.nlp.annotate as nlp_annotate
from briefreader.annotate import usable_cpus
from briefreader.cli import main
from briefreader.io.errors import BriefError
from briefreader.io.safeyaml import safe_dump, safe_load
from briefreader.io.store import load_document, save_document
from briefreader.model import edits
from briefreader.model.document import Document
from briefreader.nlp.taxonomy import parse_taxonomy
from tests.helpers.paths import BRIEFS

BRIEF = (
    "Ministers agree on harbour treaty\n\n"
    "Foreign Minister Ilse Varga met Tomas Reyes in Lindau on Tuesday. "
    "The two governments agreed to reopen talks on the harbour treaty.\n\n"
    "Reyes said the commission would publish its figures in June.\n"
)


def add_note(path: Path, text: str) -> None:
    doc = load_document(path)
    edits.add_note(
        doc, text, edits.make_anchor(doc, "sentence", start=doc.sentences[1].start, end=doc.sentences[1].end)
    )
    save_document(doc, path)


# Item 11: annotate run again --------------------------------------------------------------------


def test_annotate_into_its_own_folder_twice_updates_not_duplicates(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "x.txt").write_text(BRIEF, "utf-8")
    assert main(["annotate", str(d), "--out", str(d)]) == 0
    add_note(d / "x.yaml", "my note")
    assert main(["annotate", str(d), "--out", str(d)]) == 0
    assert sorted(p.name for p in d.iterdir()) == ["x.txt", "x.yaml"]
    assert [n.text for n in load_document(d / "x.yaml").notes] == ["my note"]


def test_annotate_again_after_the_source_changed_carries_the_notes(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "x.txt").write_text(BRIEF, "utf-8")
    assert main(["annotate", str(d), "--out", str(d)]) == 0
    add_note(d / "x.yaml", "my note")
    noted = load_document(d / "x.yaml").notes[0].anchor.quote
    (d / "x.txt").write_text(BRIEF.replace("Ministers agree", "Breaking: ministers agree"), "utf-8")
    assert main(["annotate", str(d), "--out", str(d)]) == 0
    doc = load_document(d / "x.yaml")
    assert doc.text.startswith("Breaking:") and sorted(p.name for p in d.iterdir()) == ["x.txt", "x.yaml"]
    note = doc.notes[0]
    assert note.text == "my note" and not note.anchor.orphaned and note.anchor.quote == noted
    assert doc.text[note.anchor.start : note.anchor.end] == noted  # type: ignore[misc]


def test_output_folder_inside_the_input_is_not_read_as_input(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "x.txt").write_text(BRIEF, "utf-8")
    for _ in range(2):
        assert main(["annotate", str(d), "--out", str(d / "out")]) == 0
    assert sorted(str(p.relative_to(d)) for p in d.rglob("*")) == ["out", "out/x.yaml", "x.txt"]


def test_an_unrelated_yaml_of_the_same_name_is_never_overwritten(tmp_path: Path) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "x.txt").write_text(BRIEF, "utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Another brief entirely\n\nNothing in common here.\n", "utf-8")
    assert main(["annotate", str(other), "--out", str(tmp_path / "o")]) == 0
    (tmp_path / "o" / "other.yaml").rename(d / "x.yaml")
    before = (d / "x.yaml").read_bytes()
    assert main(["annotate", str(d / "x.txt"), "--out", str(d)]) == 0
    assert (d / "x.yaml").read_bytes() == before and (d / "x-2.yaml").exists()


# Item 8: annotate keeps unknown keys ------------------------------------------------------------------


def test_annotate_keeps_unknown_keys_with_and_without_reparse(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(BRIEF, "utf-8")
    assert main(["annotate", str(tmp_path / "x.txt"), "--out", str(tmp_path / "a")]) == 0
    saved = tmp_path / "a" / "x.yaml"
    data = safe_load(saved.read_text("utf-8"))
    data["reviewer"] = "Ann"
    data["brief"]["url"] = "https://example.org"
    data["entities"][0]["wikidata"] = "Q1"
    saved.write_text(safe_dump(data), "utf-8")
    for extra in ([], ["--reparse"]):
        out = tmp_path / f"b{len(extra)}"
        assert main(["annotate", str(saved), "--out", str(out), *extra]) == 0
        again = safe_load((out / "x.yaml").read_text("utf-8"))
        assert again["reviewer"] == "Ann" and again["brief"]["url"] == "https://example.org"
        assert again["entities"][0]["wikidata"] == "Q1"


# Item 14: --jobs is capped -------------------------------------------------------------------------


def test_jobs_are_capped_at_briefs_and_cpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[int] = []
    real_workers = batch_workers.workers

    def spy(jobs: int, *rest: Any) -> Any:
        seen.append(jobs)
        return real_workers(jobs, *rest)

    monkeypatch.setattr(batch_workers, "workers", spy)
    monkeypatch.setattr(nlp_annotate, "annotate_many", _one_process(seen))
    for i in range(3):
        (tmp_path / f"b{i}.txt").write_text(BRIEF, "utf-8")
    assert (
        main(
            [
                "annotate",
                *(str(tmp_path / f"b{i}.txt") for i in range(3)),
                "--out",
                str(tmp_path / "o"),
                "--jobs",
                "1000",
            ]
        )
        == 0
    )
    assert seen == [min(3, usable_cpus())]
    assert f"--jobs 1000: using {seen[0]}" in capsys.readouterr().err


def _one_process(seen: list[int]) -> Any:
    """annotate_many, noting that one process was used (``--jobs 1`` parses in one stream)."""
    real = nlp_annotate.annotate_many

    def one(docs: list[Document], model: Any, taxonomy: Any = None, jobs: int = 1, *rest: Any) -> Iterator[Document]:
        seen.append(jobs)
        return real(docs, model, taxonomy, jobs, *rest)

    return one


def test_jobs_below_one_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["annotate", "x.txt", "--out", "o", "--jobs", "0"])
    assert "must be 1 or more" in capsys.readouterr().err


# Item 15: a malformed taxonomy names its field -----------------------------------------------------


def shipped() -> dict[str, Any]:
    data = safe_load(resources.files("briefreader.nlp").joinpath("taxonomy.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    ("key", "value", "field"),
    [
        ("min_score", "abc", "categories[1].min_score should be a whole number"),
        ("weight", "heavy", "categories[1].weight should be a number"),
        ("weight", True, "categories[1].weight should be a number"),
        ("participants", 5, "categories[1].participants should be a list of words"),
        ("variants", 5, "categories[1].variants should be a list"),
        ("variants", [5], "categories[1].variants[0] should be a mapping"),
        ("max_participants", "two", "categories[1].max_participants should be a whole number"),
        ("needs_past_year", "yes", "categories[1].needs_past_year should be true or false"),
    ],
)
def test_malformed_taxonomy_field_is_named(key: str, value: object, field: str) -> None:
    data = copy.deepcopy(shipped())
    data["categories"][1][key] = value
    with pytest.raises(BriefError, match=field.replace("[", r"\[").replace("]", r"\]")):
        parse_taxonomy(data, "t.yaml")


def test_cli_reports_a_malformed_taxonomy_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = shipped()
    data["categories"][0]["weight"] = "heavy"
    (tmp_path / "t.yaml").write_text(safe_dump(data), "utf-8")
    (tmp_path / "x.txt").write_text(BRIEF, "utf-8")
    assert main(["show", str(tmp_path / "x.txt"), "--taxonomy", str(tmp_path / "t.yaml")]) == 1
    err = capsys.readouterr().err
    assert "categories[0].weight should be a number, not 'heavy'" in err and len(err.strip().splitlines()) == 1


def test_an_unreadable_yaml_at_the_target_is_left_as_it_is_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x.txt").write_text(BRIEF, "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "x.yaml").write_text("briefreader: 1\ntext: [half a file\n", "utf-8")
    assert main(["annotate", str(tmp_path / "x.txt"), "--out", str(out)]) == 0
    assert (out / "x.yaml").read_text("utf-8") == "briefreader: 1\ntext: [half a file\n"
    assert load_document(out / "x-2.yaml").text.startswith("Ministers agree")
    assert "x.yaml is there but cannot be read" in capsys.readouterr().err


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
