"""Search across briefs: what matches, where it opens, what is highlighted, in what order.

Every test runs twice: with FTS5 and with the LIKE fallback, which must
find the same hits (ranking may differ where scores tie).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.io.sources import open_any
from briefreader.library import LibraryIndex
from briefreader.library.schema import has_fts5
from briefreader.library.search import parse_query
from briefreader.library.text import split_sentences
from tests.helpers.library_data import make_library, write

MODES = [pytest.param(True, id="fts5"), pytest.param(False, id="fallback")]


@pytest.fixture(params=MODES)
def index(request: pytest.FixtureRequest, tmp_path: Path) -> LibraryIndex:
    if request.param and not has_fts5():
        pytest.fail("this SQLite has no FTS5: the fts5 tests cannot run (the fallback ones do)")
    root = make_library(tmp_path / "lib")
    ix = LibraryIndex.open(root, fts=request.param)
    ix.refresh()
    assert ix.fts is request.param
    request.addfinalizer(ix.close)
    return ix


def marked(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_a_hit_names_the_brief_and_the_sentence_with_its_offsets(index: LibraryIndex) -> None:
    hits = index.search("frank")
    assert len(hits) == 1
    hit = hits[0]
    assert hit.rel == "talks/harbour.yaml" and hit.path == index.root / "talks" / "harbour.yaml"
    assert hit.title == "Harbour talks between Arland and Belmark resume in Corvale"
    assert hit.kind == "text" and hit.sentence == "Arland's foreign minister, Mira Solvik, said the talks were frank."
    assert open_any(hit.path).text[hit.start : hit.end] == hit.sentence
    assert marked(hit.text, hit.highlights) == ["frank"]


def test_unparsed_briefs_are_searched_by_sentence_too(index: LibraryIndex) -> None:
    (hit,) = index.search("institute spring")
    assert hit.rel == "glacier.md"
    assert hit.sentence == "The institute will return to the glacier in the spring."
    assert open_any(hit.path).text[hit.start : hit.end] == hit.sentence
    (dr,) = index.search("ostrow")
    assert dr.sentence == "Dr. Hale Ostrow leads the team."  # 'Dr.' does not end a sentence


def test_all_words_must_match_case_and_accents_ignored(index: LibraryIndex) -> None:
    assert [h.sentence for h in index.search("SOLVIK frank")] == [
        "Arland's foreign minister, Mira Solvik, said the talks were frank."
    ]
    assert index.search("solvik glacier") == []
    assert [h.rel for h in index.search("nórdvik survey")][:1] == ["glacier.md"]


def test_phrases_prefixes_and_words_with_punctuation(index: LibraryIndex) -> None:
    assert {h.sentence for h in index.search('"the harbour"')} >= {
        "Traders said the closure of the harbour had cut supplies by half."
    }
    assert index.search('"harbour the"') == []
    prefixed = index.search("glac*")
    assert prefixed and all(any(t.startswith("glac") for t in marked(h.text.lower(), h.highlights)) for h in prefixed)
    assert index.search("glac") == []  # without * a word is a whole word
    assert next(h.sentence for h in index.search("Arland's")).startswith("Arland's foreign minister")


def test_key_points_and_notes_are_searched_and_open_at_their_sentence(index: LibraryIndex) -> None:
    kinds = {h.kind: h for h in index.search("invitation")}
    kp = kinds["key_point"]
    assert kp.text.startswith("Invitation: Teo Vance to Arland")
    assert kp.sentence == "Solvik invited her Belmark counterpart, Teo Vance, to visit Arland in May."
    (note,) = index.search("quota")
    assert note.kind == "note" and "fishing quota" in note.text
    assert note.sentence.startswith("Arland's foreign minister")
    assert open_any(note.path).text[note.start : note.end] == note.sentence
    assert [h.kind for h in index.search("follow up")] == ["note"]  # note tags are searched


def test_better_matches_rank_first(index: LibraryIndex, tmp_path: Path) -> None:
    root = index.root
    write(
        root / "many.txt",
        "Ice report\n\nIce, ice and more ice.\n\nThe report also mentions ice once among many other words here.\n",
    )
    index.refresh()
    hits = index.search("ice")
    assert hits[0].sentence == "Ice, ice and more ice."
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len(index.search("ice", limit=1)) == 1


@pytest.mark.parametrize("query", ['"', "NEAR(a b)", "-", "*", "AND OR NOT", "a:b", "'; DROP TABLE briefs; --", "^x"])
def test_any_query_is_safe(index: LibraryIndex, query: str) -> None:
    index.search(query)  # no exception, whatever FTS5 syntax the text resembles
    assert len(index.briefs()) == 3


def test_nothing_to_search_for_finds_nothing(index: LibraryIndex) -> None:
    assert index.search("") == [] and index.search("  ...  ") == []


def test_query_language() -> None:
    terms = parse_query('Solvik "the harbour" glac* two-plus-two')
    assert [(t.tokens, t.prefix) for t in terms] == [
        (("solvik",), False),
        (("the", "harbour"), False),
        (("glac",), True),
        (("two", "plus", "two"), False),
    ]


def test_sentences_without_a_parse() -> None:
    text = 'Mr. Stone met U.S. officials. They agreed! "Next?" he asked.\nA new line starts here. 3 ships left.'
    got = [text[a:b] for a, b in split_sentences(text, 0, len(text))]
    assert got == [
        "Mr. Stone met U.S. officials.",
        "They agreed!",
        '"Next?" he asked.',
        "A new line starts here.",
        "3 ships left.",
    ]
