"""The pipeline's identity in the parse cache's key: read from its ``.dist-info`` folder, as importlib.metadata says.

Reading the folder's name spares the reader importing ``importlib.metadata``
between its first frame and a cached brief's key points; the answer must be
the one importlib.metadata gives, or the reader and the CLI would key the
same parse differently.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from pathlib import Path

import pytest

from briefreader.session import parse_cache


def test_the_installed_pipeline_has_the_version_importlib_metadata_gives() -> None:
    identity = parse_cache.pipeline_identity(None)
    assert identity is not None
    name, version = identity
    assert version == importlib.metadata.version(name)


def test_a_package_with_no_single_dist_info_is_left_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "fake_pipeline").mkdir()
    (tmp_path / "fake_pipeline" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    spec = importlib.util.find_spec("fake_pipeline")
    assert spec is not None
    assert parse_cache._dist_info_version("fake_pipeline", spec) is None  # none at all
    (tmp_path / "fake_pipeline-1.2.0.dist-info").mkdir()
    assert parse_cache._dist_info_version("fake_pipeline", spec) == "1.2.0"
    (tmp_path / "fake_pipeline-1.1.0.dist-info").mkdir()
    assert parse_cache._dist_info_version("fake_pipeline", spec) is None  # a stale one beside it
