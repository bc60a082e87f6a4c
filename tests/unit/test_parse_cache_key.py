"""The parse cache's key: never the same for parses that could differ, and found without YAML.

The corrections enter the key as the bytes of ``corrections.yaml`` (they
decide what ``load_corrections`` applies), so the reader can key a brief
before its screen is built, with no YAML library imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from briefreader.io.config_folder import corrections_path
from briefreader.io.sources import read_brief
from briefreader.model.document import Document
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


def test_a_parse_made_is_kept_under_its_key(sample: Callable[[str], Document]) -> None:
    """In the calling thread too, where the parse annotates the very Document it was given."""
    from briefreader.io.sources import read_brief
    from briefreader.session import ParseService
    from tests.helpers.paths import BRIEFS

    parsed = sample("lumen-chip-results.txt")
    doc = read_brief(BRIEFS / "lumen-chip-results.txt")
    key = parse_cache.cache_key(doc.text, None, None, parse_cache.layout(doc))
    assert key is not None and not parse_cache.entry_path(key).exists()
    service = ParseService(in_process=False)
    service.parse(doc)
    assert parse_cache.entry_path(key).exists()
    hit = service.cached(read_brief(BRIEFS / "lumen-chip-results.txt"))
    assert hit is not None and [k.id for k in hit.key_points] == [k.id for k in parsed.key_points]


def test_a_parse_is_handed_over_before_it_is_kept(sample: Callable[[str], Document]) -> None:
    """The reader shows it first (writing the YAML took ~20 ms); what it does to it meanwhile is not kept."""
    from briefreader.io.sources import read_brief
    from briefreader.session import ParseService
    from tests.helpers.paths import BRIEFS

    sample("lumen-chip-results.txt")  # the model loaded
    doc = read_brief(BRIEFS / "lumen-chip-results.txt")
    key = parse_cache.cache_key(doc.text, None, None, parse_cache.layout(doc))
    assert key is not None
    kept_when_ready: list[bool] = []

    def ready(parsed: Document) -> None:
        kept_when_ready.append(parse_cache.entry_path(key).exists())
        parsed.key_points.clear()  # the reader merging it

    service = ParseService(in_process=False)
    service.parse(doc, ready=ready)
    assert kept_when_ready == [False]
    hit = service.cached(read_brief(BRIEFS / "lumen-chip-results.txt"))
    assert hit is not None and hit.key_points


def test_one_text_with_two_dates_is_two_parses(tmp_path: Path) -> None:
    # A Markdown brief keeps its date outside its text; relative dates are read against it.
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text("---\ndate: 2025-06-10\n---\n# T\n\nKenya met Uganda on Monday.\n", encoding="utf-8")
    b.write_text("---\ndate: 2024-01-03\n---\n# T\n\nKenya met Uganda on Monday.\n", encoding="utf-8")
    da, db = read_brief(a), read_brief(b)
    assert da.text == db.text
    key_a = parse_cache.cache_key(da.text, None, None, parse_cache.layout(da))
    key_b = parse_cache.cache_key(db.text, None, None, parse_cache.layout(db))
    assert key_a is not None and key_a != key_b
