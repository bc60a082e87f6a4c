"""The parse cache's key: never the same for parses that could differ, and found without YAML.

The corrections enter the key as the bytes of ``corrections.yaml`` (they
decide what ``load_corrections`` applies), so the reader can key a brief
before its screen is built, with no YAML library imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from briefreader.io.config_folder import corrections_path
from briefreader.session import parse_cache

TEXT = "Seoul sent an envoy to Beijing.\n"


def key() -> str:
    found = parse_cache.cache_key(TEXT, None, None)
    assert found is not None
    return found


def test_the_key_follows_every_byte_of_corrections_yaml() -> None:
    path = corrections_path()
    no_file = key()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("reject: [Seoul]\n", encoding="utf-8")
    rejecting = key()
    assert rejecting != no_file
    path.write_text("reject: [Seoul]\n# a comment\n", encoding="utf-8")
    assert key() not in (no_file, rejecting)  # a comment costs a parse, never a wrong one
    path.write_text("reject: [Seoul]\n", encoding="utf-8")
    assert key() == rejecting  # the same bytes: the same corrections, the same key
    path.unlink()
    assert key() == no_file


def test_the_key_follows_the_text_and_the_taxonomy(tmp_path: Path) -> None:
    bundled = key()
    assert parse_cache.cache_key(TEXT + "More.\n", None, None) != bundled
    taxonomy = tmp_path / "taxonomy.yaml"
    taxonomy.write_bytes(parse_cache._taxonomy_bytes(None))
    assert parse_cache.cache_key(TEXT, None, taxonomy) == bundled  # the same file, wherever it lies
    taxonomy.write_bytes(taxonomy.read_bytes() + b"\n# changed\n")
    assert parse_cache.cache_key(TEXT, None, taxonomy) != bundled


def test_keying_imports_no_yaml_library() -> None:
    corrections_path().parent.mkdir(parents=True, exist_ok=True)
    corrections_path().write_text("reject: [Seoul]\n", encoding="utf-8")
    code = (
        "import sys; from briefreader.session import parse_cache; "
        f"assert parse_cache.cache_key({TEXT!r}, None, None); print(sorted(m for m in sys.modules if 'yaml' in m))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True)
    assert out.stdout.strip() == "[]"
