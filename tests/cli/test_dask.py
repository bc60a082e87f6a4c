"""``annotate --dask``: the same files as a local run, from workers that load spaCy once.

The cluster tests need the ``dask`` extra (``pip install 'briefreader[dask]'``,
which the ``test`` extra, and so CI, installs); without it they are skipped
and only the message that asks for it is tested.
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefreader.cli import main
from tests.helpers.paths import BRIEFS, DATA

try:
    import distributed  # noqa: F401

    HAVE_DASK = True
except ImportError:
    HAVE_DASK = False
needs_dask = pytest.mark.skipif(not HAVE_DASK, reason="Dask is not installed (pip install 'briefreader[dask]')")


def corpus(tmp_path: Path) -> Path:
    """Five of the project's own briefs in two folders, one of them annotated already, and a bad file."""
    src = tmp_path / "in"
    (src / "world").mkdir(parents=True)
    for name in ("korea-china-envoy.txt", "chile-argentina-glacier-talks.md"):
        shutil.copy(BRIEFS / name, src / "world")
    shutil.copy(BRIEFS / "harbour-city-marathon.txt", src)
    shutil.copy(BRIEFS / "lumen-chip-results.txt", src)
    shutil.copy(DATA / "glacier-talks.yaml", src)
    (src / "empty.txt").write_text("", encoding="utf-8")
    return src


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def failure_lines(err: str, out: Path) -> list[str]:
    return sorted(x.replace(str(out), "OUT") for x in err.splitlines() if x.startswith("briefreader: /"))


def test_without_dask_the_option_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    out = tmp_path / "out"
    assert main(["annotate", str(BRIEFS / "lumen-chip-results.txt"), "--out", str(out), "--dask", "local"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "briefreader: --dask needs Dask, which is not installed: pip install 'briefreader[dask]'"
    assert list(out.iterdir()) == []


@needs_dask
def test_dask_local_writes_the_same_bytes_and_failures_as_a_local_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = corpus(tmp_path)
    here, there = tmp_path / "local", tmp_path / "dask"
    assert main(["annotate", str(src), "--out", str(here), "--jobs", "2"]) == 1
    local_err = capsys.readouterr().err
    assert main(["annotate", str(src), "--out", str(there), "--dask", "local", "--jobs", "2"]) == 1
    dask_err = capsys.readouterr().err
    assert "parsing on 2 Dask workers" in dask_err
    mine, theirs = files(here), files(there)
    assert sorted(theirs) == [
        "glacier-talks.yaml",
        "harbour-city-marathon.yaml",
        "lumen-chip-results.yaml",
        "world/chile-argentina-glacier-talks.yaml",
        "world/korea-china-envoy.yaml",
    ]
    assert theirs == mine
    assert failure_lines(dask_err, there) == failure_lines(local_err, here) != []
    assert "annotated 5 briefs" in dask_err and "1 failed" in dask_err and "Traceback" not in dask_err


# On one cluster the test can look into: how often each worker loads spaCy.


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    if not HAVE_DASK:
        pytest.skip("Dask is not installed (pip install 'briefreader[dask]')")
    import cloudpickle
    from distributed import Client, LocalCluster

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the probes below run on the workers
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
        ) as c,
        Client(c) as client,
    ):
        client.run(install_probes)
        yield c, client


def install_probes() -> None:
    """On a worker: count calls of ``spacy.load`` and of the per-brief parse, and fail on a marked brief."""
    import spacy

    import briefreader.nlp.annotate as annotate

    counts = {"load": 0, "parse": 0}
    real_load, real_parse = spacy.load, annotate.annotate_document

    def load(*args: Any, **kwargs: Any) -> Any:
        counts["load"] += 1
        return real_load(*args, **kwargs)

    def parse(doc: Any, *args: Any, **kwargs: Any) -> Any:
        counts["parse"] += 1
        if "BREAK THE PARSER" in doc.text:
            raise ValueError("the parser broke on this brief")
        return real_parse(doc, *args, **kwargs)

    spacy.load = load
    annotate.annotate_document = parse
    sys.modules["__probe_counts__"] = counts  # type: ignore[assignment]


def probe_counts() -> dict[str, int]:
    return sys.modules["__probe_counts__"]  # type: ignore[return-value]


@needs_dask
def test_each_worker_loads_spacy_once_and_a_failing_brief_is_listed(
    cluster: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c, client = cluster
    src = corpus(tmp_path)
    (src / "broken.txt").write_text("A brief\n\nBREAK THE PARSER here, please.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["annotate", str(src), "--out", str(out), "--dask", c.scheduler_address]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml: not annotated: ValueError: the parser broke on this brief" in err
    assert "empty.txt: is empty" in err and "annotated 5 briefs" in err and "2 failed" in err
    assert not (out / "broken.yaml").exists()
    counts = client.run(probe_counts)
    assert len(counts) == 2
    assert [n["load"] for n in counts.values()] == [1, 1]  # once per worker, not once per brief
    assert sum(n["parse"] for n in counts.values()) == 5  # four sources and the broken one; the YAML kept


@needs_dask
def test_a_pipeline_no_worker_has_is_one_line(cluster: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    c, _client = cluster
    out = tmp_path / "out"
    args = ["annotate", str(BRIEFS / "lumen-chip-results.txt"), "--out", str(out), "--dask", c.scheduler_address]
    assert main([*args, "--model", "no_such_model_xx"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("briefreader: Dask worker tcp://") and "no_such_model_xx (not installed)" in err
    assert len(err.splitlines()) == 1 and list(out.iterdir()) == []


@needs_dask
def test_an_unreachable_scheduler_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import briefreader.annotate.cluster as cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    out = tmp_path / "out"
    args = ["annotate", str(BRIEFS / "lumen-chip-results.txt"), "--out", str(out), "--dask", "tcp://127.0.0.1:9"]
    assert main(args) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("briefreader: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(err.splitlines()) == 1


if HAVE_DASK:
    from distributed import WorkerPlugin

    class BrokenLoader(WorkerPlugin):
        """Fails on the worker as a missing briefreader would."""

        def __init__(self, model: str | None) -> None:
            self.model = model

        def setup(self, worker: Any) -> None:
            raise ModuleNotFoundError("No module named 'briefreader.annotate.cluster_worker'")


@needs_dask
def test_workers_without_briefreader_are_one_line(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import briefreader.annotate.cluster_worker as cluster_worker

    c, _client = cluster
    monkeypatch.setattr(cluster_worker, "PipelineLoader", BrokenLoader)
    out = tmp_path / "out"
    args = ["annotate", str(BRIEFS / "lumen-chip-results.txt"), "--out", str(out), "--dask", c.scheduler_address]
    assert main([*args, "--model", "another_name_so_the_plugin_is_new"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("briefreader: the Dask workers could not run briefreader (")
    assert "No module named 'briefreader.annotate.cluster_worker'" in err and err.endswith(
        "install this version of briefreader on every worker"
    )
    assert len(err.splitlines()) == 1 and list(out.iterdir()) == []
