"""Issue 21, item 22: a brief whose parse fails, under ``--jobs 1`` and ``--jobs 2``.

With ``--jobs 1`` a brief whose parse raises stopped the run after 10 of
12 briefs; with ``--jobs 2`` the run ended in a traceback, or in
``BrokenProcessPool`` when a worker died, and the bad brief was never
named. As the Dask path does: it is listed, the run goes on, exit 1.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

import briefreader.annotate as batch
from briefreader.annotate.failures import each_or_why
from briefreader.cli import main
from briefreader.nlp import annotate

BRIEFS = Path(__file__).resolve().parents[2] / "briefs"
MARK = "Zanzibar-Quux"
"""A word put into the bad brief: the parse fails when it meets it."""


def twelve_briefs(root: Path) -> Path:
    """Twelve small briefs; the seventh holds the mark."""
    src = root / "in"
    src.mkdir()
    text = (BRIEFS / "lumen-chip-results.txt").read_text(encoding="utf-8")
    for i in range(12):
        body = text if i != 6 else text.replace("\n\n", f"\n\n{MARK} said so.\n\n", 1)
        (src / f"brief-{i:02d}.txt").write_text(body, encoding="utf-8")
    return src


@pytest.fixture
def failing_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """The step after spaCy raises on the marked brief (forked workers inherit it)."""
    real = annotate.finish

    def finish(doc: object, *args: object, **kwargs: object) -> object:
        if MARK in doc.text:  # type: ignore[attr-defined]
            raise RuntimeError("the taxonomy met something it cannot place")
        return real(doc, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(annotate, "finish", finish)


@pytest.fixture
def two_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "usable_cpus", lambda: 2)


def check(src: Path, out: Path, err: str, why: str) -> None:
    written = sorted(p.name for p in out.glob("*.yaml"))
    assert len(written) == 11 and "brief-06.yaml" not in written
    assert f"brief-06.yaml: not annotated: {why}" in err
    assert "annotated 11 briefs" in err and "1 failed" in err and "Traceback" not in err


def test_jobs_1_names_the_brief_and_writes_the_other_eleven(
    tmp_path: Path, failing_parse: None, capsys: pytest.CaptureFixture[str]
) -> None:
    src = twelve_briefs(tmp_path)
    out = tmp_path / "out"
    assert main(["annotate", str(src), "--out", str(out), "--jobs", "1"]) == 1
    check(src, out, capsys.readouterr().err, "RuntimeError: the taxonomy met something it cannot place")


def test_jobs_2_names_the_brief_and_writes_the_other_eleven(
    tmp_path: Path, failing_parse: None, two_cpus: None, capsys: pytest.CaptureFixture[str]
) -> None:
    src = twelve_briefs(tmp_path)
    out = tmp_path / "out"
    assert main(["annotate", str(src), "--out", str(out), "--jobs", "2"]) == 1
    check(src, out, capsys.readouterr().err, "RuntimeError: the taxonomy met something it cannot place")


DEADLY = """\
import os
if os.environ.get("BRIEFREADER_TEST_DEADLY"):
    from briefreader.nlp import annotate

    _real = annotate.finish

    def _finish(doc, *args, **kwargs):
        if os.environ["BRIEFREADER_TEST_DEADLY"] in doc.text:
            os._exit(9)  # as a worker killed by the kernel (out of memory) or a crash in C
        return _real(doc, *args, **kwargs)

    annotate.finish = _finish
"""


def test_jobs_2_when_a_worker_dies_names_the_brief_and_goes_on(
    tmp_path: Path, two_cpus: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Every worker (forked first, spawned after a death) dies on the marked brief.
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(textwrap.dedent(DEADLY), encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(hook), str(BRIEFS.parent)]))
    monkeypatch.setenv("BRIEFREADER_TEST_DEADLY", MARK)
    real = annotate.finish

    def finish(doc: object, *args: object, **kwargs: object) -> object:
        if MARK in doc.text:  # type: ignore[attr-defined]
            os._exit(9)
        return real(doc, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(annotate, "finish", finish)  # the forked workers
    src = twelve_briefs(tmp_path)
    out = tmp_path / "out"
    assert main(["annotate", str(src), "--out", str(out), "--jobs", "2"]) == 1
    check(src, out, capsys.readouterr().err, "the worker process parsing it died")


def test_the_brief_at_fault_is_found_when_a_stream_of_several_fails() -> None:
    """The stream fails on item 3 while item 2 is not yet out (a batch): 2 is parsed again alone and is fine."""

    def parse_many(items: list[int]) -> list[int]:
        if 3 in items:
            raise ValueError("bad three")
        return [i * 10 for i in items]

    assert list(each_or_why([0, 1, 2, 3, 4, 5], parse_many)) == [
        (0, 0),
        (1, 10),
        (2, 20),
        (3, "not annotated: ValueError: bad three"),
        (4, 40),
        (5, 50),
    ]
