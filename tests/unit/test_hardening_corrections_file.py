"""Issue 21, items 3 and 4: ``corrections.yaml`` and ``settings.yaml`` under concurrent writers and by hand.

3. Ten processes each adding five rejects at once keep all fifty (the
   read-modify-write holds a lock and reads the file again under it).
4. A hand-made file keeps its comments and its encoding when the reader
   rewrites it, and the previous version is kept as ``.bak``.
"""

from __future__ import annotations

import codecs
import multiprocessing
import os
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest

from briefreader.io.corrections_file import change_corrections, corrections_path, load_corrections
from briefreader.io.settings import SCOPE_KEY, load_settings, save_setting, settings_path
from briefreader.session.correction_entries import Entry, save_for_all

WRITERS = 10
EACH = 5


def add_rejects(config: str, writer: int, start: Barrier) -> None:
    """One writer process: wait for all the others, then add its rejects one by one."""
    os.environ["BRIEFREADER_CONFIG_DIR"] = config
    start.wait()
    for i in range(EACH):
        change_corrections("reject", f"Noise {writer}-{i}")


def set_settings(config: str, writer: int, start: Barrier) -> None:
    os.environ["BRIEFREADER_CONFIG_DIR"] = config
    start.wait()
    for i in range(EACH):
        save_setting(f"key-{writer}-{i}", "x")


def run_at_once(target: object) -> None:
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter each, as ten separate commands would be
    start = ctx.Barrier(WRITERS)
    config = os.environ["BRIEFREADER_CONFIG_DIR"]
    procs = [ctx.Process(target=target, args=(config, w, start)) for w in range(WRITERS)]  # type: ignore[arg-type]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0


def test_ten_processes_adding_five_rejects_each_keep_all_fifty() -> None:
    run_at_once(add_rejects)
    loaded = load_corrections()
    assert loaded.problems == []
    assert sorted(loaded.corrections.reject) == sorted(f"Noise {w}-{i}" for w in range(WRITERS) for i in range(EACH))


def test_ten_processes_setting_keys_keep_all_fifty() -> None:
    save_setting(SCOPE_KEY, "brief")
    run_at_once(set_settings)
    text = settings_path().read_text(encoding="utf-8")
    assert all(f"key-{w}-{i}: x" in text for w in range(WRITERS) for i in range(EACH))
    assert load_settings().corrections_scope == "brief"


def test_the_readers_all_briefs_writes_under_the_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A merge's aliases are one locked write, read again under the lock."""
    from briefreader.io import rewrite

    held: list[Path] = []
    real = rewrite.locked

    def spy(path: Path) -> object:
        held.append(path)
        return real(path)

    monkeypatch.setattr(rewrite, "locked", spy)
    save_for_all([Entry("alias", "Valdivia", "Tomás Valdivia"), Entry("alias", "T. Valdivia", "Tomás Valdivia")])
    assert held == [corrections_path()]
    assert load_corrections().corrections.alias == {"Valdivia": "Tomás Valdivia", "T. Valdivia": "Tomás Valdivia"}


# 4 ------------------------------------------------------------------------------------------

HAND_MADE = """\
# Corrections for the Baltic desk, kept by Jonas
# für das Café-Team
relabel:
  Minsk: GPE   # the city, not the ministry
# what we never want to see
reject:
- Acme  # a client, not an entity
"""


def test_a_utf16_file_keeps_both_comments_and_its_encoding_with_a_bak() -> None:
    path = corrections_path()
    path.parent.mkdir(parents=True)
    original = codecs.BOM_UTF16_LE + HAND_MADE.replace("\n", "\r\n").encode("utf-16-le")
    path.write_bytes(original)
    written = change_corrections("reject", "Nvidia")
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF16_LE)
    text = data.decode("utf-16")
    assert "# the city, not the ministry" in text and "# a client, not an entity" in text
    assert "# what we never want to see" in text and "\r\n" in text
    assert written.backup is not None and written.backup.read_bytes() == original
    assert load_corrections().corrections.reject == ["Acme", "Nvidia"]


def test_a_cp1252_file_comes_back_in_cp1252_with_its_accents() -> None:
    path = corrections_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(HAND_MADE.encode("cp1252"))
    change_corrections("relabel", "Brest", "GPE")
    text = path.read_bytes().decode("cp1252")  # still cp1252: would fail or garble if written as UTF-8
    assert "# für das Café-Team" in text and "�" not in text
    assert text.startswith(HAND_MADE.split("reject:")[0].split("# what")[0])
    assert "  Brest: GPE\n# what we never want to see\n" in text  # the new line sits with its kind


def test_a_hand_made_corrections_file_changes_only_where_it_changed() -> None:
    path = corrections_path()
    path.parent.mkdir(parents=True)
    path.write_text(HAND_MADE, encoding="utf-8")
    change_corrections("reject", "Nvidia")
    assert path.read_text(encoding="utf-8") == HAND_MADE + "- Nvidia\n"
    assert path.with_name(path.name + ".bak").read_text(encoding="utf-8") == HAND_MADE


SETTINGS = """\
# my settings
corrections-scope: ask   # I like being asked
# a key a newer reader knows
future-thing: 3
"""


def test_saving_a_setting_keeps_the_comments() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(SETTINGS, encoding="utf-8")
    save_setting(SCOPE_KEY, "all")
    assert path.read_text(encoding="utf-8") == SETTINGS.replace("scope: ask  ", "scope: all  ")
    assert path.with_name(path.name + ".bak").read_text(encoding="utf-8") == SETTINGS
    assert load_settings().corrections_scope == "all"
