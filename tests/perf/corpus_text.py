"""Real news stories from ``../shared/corpus`` as briefs: their text, their date, a Document.

The corpus is never copied into the repository; these helpers read it
where it lies, so the scripts that score the reader on real text take a
corpus path. A TimeBank story (``.tml``) is its ``<TEXT>`` with the tags
stripped, dated by its ``<DCT>``; a BBC article is its file, the first
line its headline, undated.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from briefreader.model.document import Block, BriefMeta, Document


@dataclass(frozen=True)
class Story:
    """One corpus story: its name (the gold's ``brief``), date, headline and body."""

    name: str
    date: str | None
    headline: str | None
    body: str
    """The plain text gold offsets count in (what ``/work/gold/plaintext.py`` printed)."""


def read_story(path: Path) -> Story:
    """The story at ``path`` (a ``.tml`` TimeBank file or a BBC ``article/TOPIC/NNN.txt``)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".tml":
        dct = re.search(r'<DCT>.*?value="([^"]+)"', raw, re.S)
        text = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        body = html.unescape(re.sub(r"<[^>]+>", "", text.group(1) if text else "")).strip()
        return Story(path.name, dct.group(1)[:10] if dct else None, None, body)
    body = raw.strip()
    return Story(f"bbc-{path.parent.name}-{path.name}", None, body.splitlines()[0].strip(), body)


def story_path(corpus: Path, name: str) -> Path:
    """Where a gold file's ``brief`` lies in the corpus ('bbc-business-001.txt', 'APW….tml')."""
    m = re.fullmatch(r"bbc-(\w+)-(\d+\.txt)", name)
    if m:
        return corpus / "bbc" / "article" / m.group(1) / m.group(2)
    return corpus / "timebank" / name


def story_document(story: Story) -> tuple[Document, int]:
    """The story as a Document the reader would build, and where ``story.body`` starts in its text.

    The body's paragraphs (blank-line separated; a BBC headline is the
    title) become blocks, so sentences never cross one; offsets into the
    body shift by the returned amount.
    """
    title = story.headline or story.name
    body = story.body
    skip = 0
    if story.headline is not None:
        skip = len(body.splitlines()[0])
        while skip < len(body) and body[skip] in "\r\n":
            skip += 1
    text = title + "\n\n" + body[skip:]
    shift = len(title) + 2 - skip
    blocks = [Block("title", 0, len(title))]
    for m in re.finditer(r"[^\n](?:.|\n(?!\s*\n))*", text[len(title) + 2 :]):
        start = len(title) + 2 + m.start()
        blocks.append(Block("paragraph", start, start + len(m.group(0).rstrip())))
    return Document(BriefMeta(title=title, date=story.date, source=story.name), text, blocks), shift
