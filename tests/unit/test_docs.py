"""The README and docs/*.md hold together: links resolve, cited tests exist, CI's test command is the README's.

Each page is read with markdown-it-py (as a viewer would: CommonMark plus
tables). A relative link must name a file of the checkout, and its
``#anchor``, if any, a heading of that page (GitHub's slugs). A test cited
as ``tests/FILE.py`` or ``tests/FILE.py::test_name`` in a code span must
exist. Fences must close and no merge conflict marker may be left.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.helpers.paths import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CITED_TEST = re.compile(r"^(tests/[\w/]+\.py)(?:::(\w+))?$")


def _parse(page: Path) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(page.read_text(encoding="utf-8"))


def _inline_text(token: Token) -> str:
    """A heading's text as GitHub slugs it: code spans by their content, markup left out."""
    return "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline", "html_inline"))


def slug(text: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


@cache
def anchors(page: Path) -> frozenset[str]:
    """Every heading anchor of a page (a repeated heading gets -1, -2, ... as on GitHub)."""
    tokens = _parse(page)
    seen: dict[str, int] = {}
    out = set()
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            base = slug(_inline_text(tokens[i + 1]))
            n = seen.get(base, 0)
            seen[base] = n + 1
            out.add(base if n == 0 else f"{base}-{n}")
    return frozenset(out)


def _links(tokens: list[Token]) -> list[str]:
    out = []
    for t in tokens:
        for c in t.children or []:
            if c.type == "link_open":
                out.append(str(c.attrs.get("href", "")))
            elif c.type == "image":
                out.append(str(c.attrs.get("src", "")))
    return out


def _code_spans(tokens: list[Token]) -> list[str]:
    return [c.content for t in tokens for c in t.children or [] if c.type == "code_inline"]


def test_there_are_pages() -> None:
    """The docs folder is where the README says it is."""
    assert (ROOT / "docs").is_dir() and len(PAGES) > 1


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(page: Path) -> None:
    """A link to a file of the checkout names one that exists, and its anchor a heading there."""
    broken = []
    for href in _links(_parse(page)):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("mailto:"):
            continue  # the web is not checked here
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        if not target.exists():
            broken.append(f"{href}: no such file")
        elif parts.fragment:
            if target.suffix != ".md":
                broken.append(f"{href}: an anchor into a file that is not Markdown")
            elif unquote(parts.fragment) not in anchors(target):
                broken.append(f"{href}: no heading #{parts.fragment} in {target.relative_to(ROOT)}")
    assert not broken, broken


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_cited_tests_exist(page: Path) -> None:
    """`tests/FILE.py::test_name` in a page is a test that exists (a renamed test leaves no stale citation)."""
    missing = []
    for span in _code_spans(_parse(page)):
        m = CITED_TEST.match(span)
        if not m:
            continue
        path, name = ROOT / m.group(1), m.group(2)
        defined = path.is_file() and (
            name is None or re.search(rf"^(async )?def {name}\(", path.read_text("utf-8"), re.M) is not None
        )
        if not defined:
            missing.append(span)
    assert not missing, missing


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_fences_close_and_no_conflict_is_left(page: Path) -> None:
    """An unclosed fence swallows the rest of the page; a merge left half done shows its markers."""
    lines = page.read_text(encoding="utf-8").split("\n")
    for t in _parse(page):
        if t.type == "fence" and t.map:
            closing = lines[t.map[1] - 1].strip() if t.map[1] - 1 < len(lines) else ""
            assert closing.startswith(t.markup) and t.map[1] - t.map[0] > 1, f"fence at line {t.map[0] + 1}"
    markers = [i + 1 for i, line in enumerate(lines) if re.match(r"^(<{7}|>{7}|={7})( |$)", line)]
    assert not markers, f"conflict markers at lines {markers}"


def test_the_readme_test_command_is_the_one_ci_runs() -> None:
    """Quick start's test command is, word for word, the line .ci/run runs."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").split("\n")
    command = next(line.strip() for line in ci if line.startswith("pip install -e"))
    fences = [t.content for t in _parse(ROOT / "README.md") if t.type == "fence" and t.info.strip() == "sh"]
    assert any(command in block.split("\n") for block in fences), command
