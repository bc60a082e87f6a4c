"""``annotate --jobs 2``: worker processes that parse and write their own briefs, the same files as one process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import briefreader.annotate as batch
from briefreader.cli import main
from tests.helpers.paths import BRIEFS


@pytest.fixture
def two_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers even on a one-CPU runner, so the worker path is what runs."""
    monkeypatch.setattr(batch, "usable_cpus", lambda: 2)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_workers_write_the_same_bytes_as_one_process(tmp_path: Path, two_cpus: None) -> None:
    src = tmp_path / "in"
    shutil.copytree(BRIEFS, src / "sample")
    (src / "more").mkdir()
    shutil.copy(BRIEFS / "korea-china-envoy.txt", src / "more" / "envoy-copy.txt")
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["annotate", str(src), "--out", str(one), "--jobs", "1"]) == 0
    assert main(["annotate", str(src), "--out", str(two), "--jobs", "2"]) == 0
    written = _tree(one)
    assert len(written) == 5 and all(name.endswith(".yaml") for name in written)
    assert _tree(two) == written


def test_two_workers_list_every_failure_and_write_the_rest(
    tmp_path: Path, two_cpus: None, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(BRIEFS / "harbour-city-marathon.txt", src / "a.txt")
    shutil.copy(BRIEFS / "harbour-city-marathon.txt", src / "sub" / "c.txt")
    (src / "b.txt").write_bytes(b"")  # empty: not a brief
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_text("a file where c's folder should be", "utf-8")  # c's save fails in its worker
    assert main(["annotate", str(src), "--out", str(out), "--jobs", "2"]) == 1
    err = capsys.readouterr().err
    assert (out / "a.yaml").is_file()
    assert "b.txt: is empty" in err and "c.yaml: cannot create its folder" in err
    assert "annotated 1 brief into" in err and "2 failed" in err


def test_two_workers_carry_the_analysts_work_on_a_reparse(tmp_path: Path, two_cpus: None) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("x", "y"):
        shutil.copy(BRIEFS / "korea-china-envoy.txt", src / f"{name}.txt")
    out = tmp_path / "out"
    assert main(["annotate", str(src), "--out", str(out), "--jobs", "2"]) == 0
    first = (out / "x.yaml").read_text("utf-8")
    (out / "x.yaml").write_text(first + "reviewer: Ann\n", "utf-8")  # a key this reader does not know
    again = ["annotate", str(out / "x.yaml"), str(out / "y.yaml"), "--out", str(out), "--reparse", "--jobs", "2"]
    assert main(again) == 0
    assert (out / "x.yaml").read_text("utf-8").endswith("reviewer: Ann\n")


def test_ctrl_c_with_two_workers_leaves_only_complete_files(
    tmp_path: Path, two_cpus: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import briefreader.annotate.workers as batch_workers

    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        shutil.copy(BRIEFS / "harbour-city-marathon.txt", src / f"b{i}.txt")
    real_wait = batch_workers.wait
    calls = {"n": 0}

    def wait_then_interrupt(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 2:  # ctrl+c once the first hand-out is back
            raise KeyboardInterrupt
        return real_wait(*args, **kwargs)

    monkeypatch.setattr(batch_workers, "wait", wait_then_interrupt)
    out = tmp_path / "out"
    assert main(["annotate", str(src), "--out", str(out), "--jobs", "2"]) == 130
    assert "interrupted" in capsys.readouterr().err
    files = sorted(out.iterdir())
    assert files and not any(f.name.startswith(".") for f in files)  # no half-written temporary file
    for f in files:
        assert f.read_text("utf-8").startswith("briefreader: 2")
