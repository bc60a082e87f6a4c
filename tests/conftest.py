"""Shared fixtures: the real spaCy pipeline (loaded once) and the sample briefs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefreader.io.sources import read_brief
from briefreader.model.document import Document
from briefreader.nlp.annotate import annotate_document
from briefreader.nlp.pipeline import LoadedModel, load_model
from tests.helpers.paths import BRIEFS


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config, cache and recovery folders of the test's own: no test reads or writes the real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BRIEFREADER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("BRIEFREADER_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("BRIEFREADER_RECOVERY_DIR", str(home / "recovery"))
    return home


@pytest.fixture(scope="session")
def model() -> LoadedModel:
    """The installed English pipeline, loaded once for the whole run."""
    return load_model()


@pytest.fixture(scope="session")
def parsed_cache(model: LoadedModel) -> dict[str, Document]:
    return {}


@pytest.fixture
def parse(model: LoadedModel, tmp_path: Path) -> Callable[[str, str], Document]:
    """Parse a brief given as text (written to a file with the given name)."""

    def run(text: str, name: str = "brief.txt") -> Document:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        doc = read_brief(path)
        annotate_document(doc, model)
        return doc

    return run


@pytest.fixture
def brief_copy(tmp_path: Path) -> Callable[[str], Path]:
    """A writable copy of one of the bundled sample briefs, in the test's own folder."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        target.write_bytes((BRIEFS / name).read_bytes())
        return target

    return copy


@pytest.fixture
def sample(model: LoadedModel) -> Callable[[str], Document]:
    """Parse one of the bundled sample briefs."""

    def run(name: str) -> Document:
        doc = read_brief(BRIEFS / name)
        annotate_document(doc, model)
        return doc

    return run
