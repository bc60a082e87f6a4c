"""The library index: what it lists, how it follows the files, and that a bad index never hurts."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from briefreader.io.recovery import new_recovery_path, write_recovery
from briefreader.io.sources import read_brief
from briefreader.library import LibraryIndex, Progress
from briefreader.library.schema import index_path
from briefreader.model.document import Evidence, KeyPoint
from tests.helpers.library_data import (
    GLACIER,
    HARBOUR,
    MARKET,
    annotate_by_hand,
    annotated,
    harbour_entities,
    make_library,
    write,
)


def opened(root: Path, **kwargs: object) -> LibraryIndex:
    index = LibraryIndex.open(root, **kwargs)  # type: ignore[arg-type]
    index.refresh()
    return index


def by_rel(index: LibraryIndex) -> dict[str, object]:
    return {b.rel: b for b in index.briefs()}


def test_lists_every_brief_with_its_status_and_counts(tmp_path: Path) -> None:
    root = make_library(tmp_path / "lib")
    changed = write(root / "changed.txt", HARBOUR)
    annotated(changed, harbour_entities())
    changed.write_text(HARBOUR.replace("frank", "difficult"), encoding="utf-8")
    write(root / "out" / "only-yaml.txt", MARKET)
    annotated(root / "out" / "only-yaml.txt", {"Corvale": ("GPE", ["Corvale"])})
    (root / "out" / "only-yaml.txt").unlink()
    write(root / "settings.yaml", "theme: dark\n")  # someone else's YAML: not a brief
    write(root / "broken.yaml", "briefreader: 1\ntext: [unclosed\n")
    write(root / ".hidden" / "secret.txt", MARKET)
    with opened(root) as index:
        briefs = {b.rel: b for b in index.briefs()}
    assert sorted(briefs) == [
        "broken.yaml",
        "changed.yaml",
        "glacier.md",
        "markets/fish-market.txt",
        "out/only-yaml.yaml",
        "talks/harbour.yaml",
    ]
    harbour = briefs["talks/harbour.yaml"]
    assert harbour.status == "annotated" and harbour.parsed
    assert harbour.source == root / "talks" / "harbour.txt" and harbour.path == root / "talks" / "harbour.yaml"
    assert (harbour.entities, harbour.key_points, harbour.notes) == (6, 1, 1)
    assert harbour.title == "Harbour talks between Arland and Belmark resume in Corvale"
    assert briefs["changed.yaml"].status == "changed" and briefs["changed.yaml"].status_text == "source changed"
    assert briefs["glacier.md"].status == "new" and not briefs["glacier.md"].parsed
    assert briefs["glacier.md"].date == "2026-02-10" and briefs["glacier.md"].tags == ("climate", "survey")
    assert briefs["markets/fish-market.txt"].date == "2026-03-14"
    assert briefs["out/only-yaml.yaml"].status == "annotated" and briefs["out/only-yaml.yaml"].source is None
    assert briefs["broken.yaml"].status == "error" and "line" in (briefs["broken.yaml"].error or "")


def test_two_briefs_with_the_same_file_name_in_different_subfolders(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "monday" / "001.txt", HARBOUR)
    write(root / "tuesday" / "001.txt", MARKET)
    with opened(root) as index:
        assert [b.rel for b in index.briefs(sort="file")] == ["monday/001.txt", "tuesday/001.txt"]
        assert {h.rel for h in index.search("harbour")} == {"monday/001.txt", "tuesday/001.txt"}
        assert index.brief(root / "tuesday" / "001.txt").title.startswith("Fish market")  # type: ignore[union-attr]


def test_refresh_follows_edits_renames_and_deletions_reading_only_what_changed(tmp_path: Path) -> None:
    root = make_library(tmp_path / "lib")
    index = LibraryIndex.open(root)
    first = index.refresh()
    assert (first.added, first.unchanged, first.total) == (3, 0, 3)
    again = index.refresh()
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    # A new mtime with the same bytes: hashed, found equal, not re-indexed.
    glacier = root / "glacier.md"
    st = glacier.stat()
    os.utime(glacier, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert not index.refresh().changed
    # An edit is re-indexed: the new words are found, the old ones are gone.
    glacier.write_text(GLACIER.replace("Polar Institute", "Arctic Bureau"), encoding="utf-8")
    edited = index.refresh()
    assert (edited.updated, edited.added, edited.removed) == (1, 0, 0)
    assert [h.rel for h in index.search("arctic bureau")] == ["glacier.md"]
    assert index.search("polar institute") == []
    # A rename is a deletion and an addition; a deletion removes the brief and its text.
    glacier.rename(root / "ice.md")
    moved = index.refresh()
    assert (moved.added, moved.removed) == (1, 1)
    assert [h.rel for h in index.search("arctic")] == ["ice.md"]
    (root / "markets" / "fish-market.txt").unlink()
    assert index.refresh().removed == 1
    assert index.search("traders") == []
    assert sorted(b.rel for b in index.briefs()) == ["ice.md", "talks/harbour.yaml"]
    index.close()


def test_an_index_left_stale_is_brought_up_to_date_not_trusted(tmp_path: Path) -> None:
    root = make_library(tmp_path / "lib")
    opened(root).close()
    (root / "talks" / "harbour.yaml").unlink()  # the annotation is gone while the index was closed
    write(root / "late.txt", MARKET.replace("Fish prices", "Grain prices"))
    with opened(root) as index:
        briefs = by_rel(index)
        assert "talks/harbour.txt" in briefs and briefs["talks/harbour.txt"].status == "new"  # type: ignore[attr-defined]
        assert [h.rel for h in index.search("grain")] == ["late.txt"]
        assert index.search("fishing quota") == []  # the note went with the YAML


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: os.truncate(p, p.stat().st_size // 2),
        lambda p: os.truncate(p, 0),
        lambda p: p.write_bytes(b"this is not a database at all" * 200),
        lambda p: p.write_bytes(p.read_bytes()[:100] + b"\xff" * (p.stat().st_size - 100)),
        lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2] + b"\x07" * (p.stat().st_size // 2 + 1)),
    ],
    ids=["truncated", "emptied", "overwritten", "pages-garbled", "tail-garbled"],
)
def test_a_damaged_index_is_rebuilt_with_a_notice(tmp_path: Path, damage: object) -> None:
    root = make_library(tmp_path / "lib")
    with opened(root) as index:
        expected = [(b.rel, b.status, b.entities) for b in index.briefs()]
        db = index_path(root.resolve())
    assert db.is_file()
    damage(db)  # type: ignore[operator]
    with LibraryIndex.open(root) as index:
        index.refresh()
        assert [(b.rel, b.status, b.entities) for b in index.briefs()] == expected
        assert [h.rel for h in index.search("fishing quota")] == ["talks/harbour.yaml"]
        assert any("rebuilt from the files" in n for n in index.notices), index.notices


def test_the_index_lives_in_the_cache_folder(tmp_path: Path, private_dirs: Path) -> None:
    root = make_library(tmp_path / "lib")
    with opened(root) as index:
        assert index.briefs()
    assert [p.name for p in (private_dirs / "cache" / "library").glob("*.sqlite3")] == [index_path(root.resolve()).name]
    assert index_path(root.resolve()).name.startswith("lib-")


def test_sort_and_filter(tmp_path: Path) -> None:
    root = make_library(tmp_path / "lib")
    with opened(root) as index:
        # Newest first by default; a brief with no date comes last.
        assert [b.rel for b in index.briefs()] == ["markets/fish-market.txt", "glacier.md", "talks/harbour.yaml"]
        assert [b.title[:7] for b in index.briefs(sort="title")] == ["Fish ma", "Glacier", "Harbour"]
        assert next(b.rel for b in index.briefs(sort="entities")) == "talks/harbour.yaml"
        assert next(b.rel for b in index.briefs(sort="date", descending=False)) == "talks/harbour.yaml"
        with pytest.raises(ValueError):
            index.briefs(sort="colour")
        # Title words, entity names, tags, note text; case and accents ignored; all words must match.
        assert [b.rel for b in index.briefs(filter="SOLVIK")] == ["talks/harbour.yaml"]
        assert [b.rel for b in index.briefs(filter="survey climate")] == ["glacier.md"]
        assert [b.rel for b in index.briefs(filter="quota")] == ["talks/harbour.yaml"]
        assert [b.rel for b in index.briefs(filter="glacièr")] == ["glacier.md"]
        assert index.briefs(filter="glacier harbour") == []
        assert [b.rel for b in index.briefs(filter="100%")] == []


def test_recovery_status_comes_from_an_injectable_check(tmp_path: Path) -> None:
    root = make_library(tmp_path / "lib")
    with opened(root, recovery_check=lambda p: p.name == "glacier.md") as index:
        assert {b.rel: b.status for b in index.briefs()}["glacier.md"] == "recovery"
    # The default looks for the reader's recovery file of either of the brief's files.
    with opened(root) as index:
        assert all(b.status != "recovery" for b in index.briefs())
        harbour = root / "talks" / "harbour.txt"
        write_recovery(read_brief(harbour), new_recovery_path(harbour))
        statuses = {b.rel: b.status_text for b in index.briefs()}
        assert statuses["talks/harbour.yaml"] == "unsaved recovery"


def test_a_parse_fed_back_fills_in_a_new_brief_until_its_file_changes(tmp_path: Path) -> None:
    root = make_library(tmp_path / "lib")
    market = root / "markets" / "fish-market.txt"
    with opened(root) as index:
        doc = annotate_by_hand(read_brief(market), {"Corvale": ("GPE", ["Corvale"])})
        assert index.record_parse(market, doc)
        info = index.brief(market)
        assert info is not None and info.parsed and info.entities == 1 and info.status == "new"
        assert index.briefs(filter="corvale")
        assert any(e.name == "Corvale" and e.briefs == 2 for e in index.entities())
        # A parse of other text (the file was edited meanwhile) is refused.
        stale = annotate_by_hand(read_brief(market), {})
        stale.text += " More."
        assert not index.record_parse(market, stale)
        # Annotated briefs are read from their YAML, never from a parse.
        assert not index.record_parse(root / "talks" / "harbour.yaml", read_brief(root / "talks" / "harbour.txt"))
        market.write_text(MARKET + "\nA new paragraph.\n", encoding="utf-8")
        index.refresh()
        info = index.brief(market)
        assert info is not None and not info.parsed and info.entities == 0


def test_refresh_in_a_thread_while_the_table_is_read(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    for i in range(60):
        write(root / f"b{i:03}.txt", MARKET.replace("Fish", f"Item{i}"))
    index = LibraryIndex.open(root)
    seen: list[Progress] = []
    worker = threading.Thread(target=lambda: index.refresh(progress=seen.append))
    worker.start()
    counts = []
    while worker.is_alive():
        counts.append(len(index.briefs()))
    worker.join()
    assert counts == sorted(counts)  # the table only ever grows while it fills in
    assert len(index.briefs()) == 60
    assert [p.done for p in seen] == list(range(1, 61)) and {p.total for p in seen} == {60}
    index.close()


def test_refresh_can_be_cancelled_and_resumed(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    for i in range(10):
        write(root / f"b{i}.txt", MARKET)
    stop = threading.Event()
    with LibraryIndex.open(root) as index:

        def progress(p: Progress) -> None:
            if p.done == 4:
                stop.set()

        assert index.refresh(progress, stop).added == 4
        assert len(index.briefs()) == 4
        assert index.refresh().added == 6


def test_event_frames_are_indexed_when_key_points_have_them(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    source = write(root / "harbour.txt", HARBOUR)
    doc = annotate_by_hand(read_brief(source), harbour_entities())
    s = doc.text.index("Solvik invited")
    kp = KeyPoint("k1", "Invitation: Teo Vance to Arland", "invitation", 1.0, [Evidence(s, s + 6, "Solvik")])
    kp.event = {"type": "state_visit", "when": {"text": "in May", "date": "2026-05"}}  # type: ignore[attr-defined]
    doc.key_points.append(kp)
    doc.key_points.append(KeyPoint("k2", "No frame here", "statement", 0.5, [Evidence(s, s + 6, "Solvik")]))
    from briefreader.library.extract import from_document

    extract = from_document(doc, "harbour.yaml")
    assert extract.events == [("state_visit", "2026-05")]
    assert any(c.kind == "key_point" and "state visit" in c.text for c in extract.chunks)


def test_two_readers_on_one_library(tmp_path: Path) -> None:
    """Two terminals on one folder: two indexes on one database, both refreshing, neither failing."""
    root = make_library(tmp_path / "lib")
    first, second = LibraryIndex.open(root), LibraryIndex.open(root)
    errors: list[BaseException] = []

    def refresh(ix: LibraryIndex) -> None:
        try:
            ix.refresh()
        except BaseException as exc:  # the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=refresh, args=(ix,)) for ix in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    write(root / "late.txt", MARKET)
    second.refresh()
    assert len(first.briefs()) == len(second.briefs()) == 4
    assert first.notices == second.notices == []
    first.close()
    second.close()


def test_the_library_layer_imports_neither_textual_nor_spacy(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = make_library(tmp_path / "lib")
    code = (
        "import sys\nfrom briefreader.library import LibraryIndex\n"
        f"ix = LibraryIndex.open({str(root)!r}); ix.refresh(); ix.search('harbour'); ix.entities()\n"
        "print('textual' in sys.modules, 'spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
