"""Read brief sources (seed layout, Markdown, plain text) into a Document.

Each reader only finds the blocks; ``build_document`` lays them out as one
normalised text (blocks separated by a blank line) so every offset the
model holds points into a text that is the same for every source format.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

from briefreader.io.decode import Decoded, printable, read_text
from briefreader.io.errors import BriefError
from briefreader.io.headings import is_heading
from briefreader.model.document import Block, BlockKind, BriefMeta, Document

BRIEF_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")
YAML_SUFFIXES = (".yaml", ".yml")

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def _chunks(text: str) -> list[str]:
    """Paragraph-like chunks: runs of lines separated by blank lines, trimmed."""
    out = []
    for raw in re.split(r"\n[ \t]*\n", text):
        chunk = "\n".join(line.rstrip() for line in raw.strip("\n").split("\n")).strip()
        if chunk:
            out.append(chunk)
    return out


def title_from_slug(slug: str, body: str) -> str:
    """Spell a slug's words as the body spells them, most often, mid-sentence.

    ``south-korea-and-china-...`` becomes 'South Korea and China ...'
    because the body writes 'South Korea' and 'China' but 'and'.
    """
    spellings: dict[str, Counter[str]] = {}
    for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b([A-Za-z][A-Za-z']*)", body, flags=re.M):
        spellings.setdefault(m.group(1).lower(), Counter())[m.group(1)] += 1
    words = []
    for w in slug.split("-"):
        seen = spellings.get(w)
        words.append(seen.most_common(1)[0][0] if seen else w)
    title = " ".join(words)
    return title[:1].upper() + title[1:]


def build_document(meta: BriefMeta, parts: list[tuple[BlockKind, str]], warnings: list[str]) -> Document:
    """Lay blocks out as one text, blank line between, and record their spans."""
    pieces: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for kind, chunk in parts:
        if pieces:
            pieces.append("\n\n")
            pos += 2
        blocks.append(Block(kind, pos, pos + len(chunk)))
        pieces.append(chunk)
        pos += len(chunk)
    return Document(meta=meta, text="".join(pieces), blocks=blocks, warnings=list(warnings))


def read_seed_or_plain(decoded: Decoded, source: str) -> Document:
    """The seed layout (dateline, slug, body) when it fits, else plain text."""
    from briefreader.io.dates import parse_dateline

    lines = decoded.text.lstrip("\n").split("\n")
    date = parse_dateline(lines[0]) if lines else None
    if date and len(lines) > 1 and _SLUG.fullmatch(lines[1].strip()):
        slug = lines[1].strip()
        body = "\n".join(lines[2:])
        chunks = _chunks(body)
        title = title_from_slug(slug, body)
        parts: list[tuple[BlockKind, str]] = [("title", title), ("dateline", lines[0].strip())]
        parts += [("heading" if is_heading(c) else "paragraph", c) for c in chunks]
        return build_document(BriefMeta(title, date, source, slug), parts, decoded.warnings)
    return read_plain(decoded, source)


def read_plain(decoded: Decoded, source: str) -> Document:
    """First non-empty line is the title; blank lines separate paragraphs.

    A wire story often has no title line: it opens with its dateline and
    lead ('HANOI, March 3 (AP) -- Cambodia refused ...'). That line is the
    body, the title comes from the file's name, and the dateline's date,
    when it has a year, is the brief's; so is the date of a wire dateline
    that opens the first paragraph under a title.
    """
    from briefreader.io.dates import parse_dateline, wire_dateline

    text = decoded.text.strip("\n")
    first, _, rest = text.partition("\n")
    wire = wire_dateline(first)
    if wire is not None:
        chunks = _chunks(text)
        parts: list[tuple[BlockKind, str]] = [("title", _title_of_name(source, text))]
        date = wire[1]
    else:
        parts = [("title", first.strip())]
        date = None
        chunks = _chunks(rest)
        if chunks:
            date = parse_dateline(chunks[0])
            if date:
                parts.append(("dateline", chunks.pop(0)))
            elif (lead := wire_dateline(chunks[0])) is not None:
                date = lead[1]
    parts += [("heading" if is_heading(c) else "paragraph", c) for c in chunks]
    return build_document(BriefMeta(parts[0][1], date, source), parts, decoded.warnings)


def _title_of_name(source: str, body: str) -> str:
    """A title from a file name: 'hanoi-water-summit.txt' is 'Hanoi water summit', spelled as the body does."""
    stem = source.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return title_from_slug(slug, body) if slug else "Untitled brief"


def read_markdown(decoded: Decoded, source: str) -> Document:
    """``# title``, ``##`` headings, optional front matter (title, date, source, tags)."""
    text = decoded.text
    front: dict[str, object] = {}
    warnings = list(decoded.warnings)
    m = re.match(r"---\n(.*?)\n---[ \t]*(?:\n|$)", text, flags=re.S)
    if m:
        # The project's own loader: no tags, no aliases (a nine-level alias bomb), bounded depth.
        # Imported here: yaml is not needed to read a brief without front matter.
        from briefreader.io.safeyaml import YamlRefused, safe_load

        try:
            loaded = safe_load(m.group(1))
        except YamlRefused as exc:
            warnings.append(f"front matter ignored: {printable(str(exc))}")
            loaded = None
        if isinstance(loaded, dict):
            front = {str(k): v for k, v in loaded.items()}
        elif loaded is not None:
            warnings.append("front matter ignored: it is not a mapping of keys to values")
        text = text[m.end() :]
    parts: list[tuple[BlockKind, str]] = []
    title = str(front.get("title") or "").strip()
    for chunk in _chunks(text):
        lines = chunk.split("\n")
        # A heading line may sit right above its paragraph without a blank line.
        while lines and (h := re.match(r"(#{1,6})\s+(.*?)\s*#*\s*$", lines[0])):
            level, words = len(h.group(1)), h.group(2)
            if level == 1 and not any(k == "title" for k, _ in parts):
                title = title or words
                parts.insert(0, ("title", words))
            else:
                parts.append(("heading", words))
            lines.pop(0)
        rest = "\n".join(lines).strip()
        if rest:
            parts.append(("paragraph", rest))
    if not any(k == "title" for k, _ in parts):
        if title:
            parts.insert(0, ("title", title))
        elif parts:
            parts[0] = ("title", parts[0][1].split("\n")[0])
    if not parts:
        raise BriefError(source, "has no text after its front matter")
    date_str = _front_date(front.get("date"), warnings)
    raw_tags = front.get("tags") or ()
    tags = tuple(str(t) for t in raw_tags) if isinstance(raw_tags, list) else (str(raw_tags),)
    src = str(front["source"]) if front.get("source") else source
    return build_document(BriefMeta(title, date_str, src, None, tags), parts, warnings)


def _front_date(value: object, warnings: list[str]) -> str | None:
    """The front matter's date as ISO, or None with a warning when it is no real date."""
    if value is None or value == "":
        return None
    from briefreader.io.dates import parse_dateline

    day = parse_dateline(str(value))
    if day is None:
        warnings.append(f"front matter date {printable(repr(value))} is not a date; the brief has no date")
    return day


def name_text(path: Path) -> str:
    """A file's name as text that can be saved: bytes that are not UTF-8 become �."""
    return os.fsencode(path.name).decode("utf-8", errors="replace")


def read_brief(path: Path | str) -> Document:
    """Read a brief source file (not YAML) into an unparsed Document."""
    p = Path(path)
    decoded = read_text(p)
    if p.suffix.lower() in (".md", ".markdown"):
        return read_markdown(decoded, name_text(p))
    return read_seed_or_plain(decoded, name_text(p))


def open_any(path: Path | str) -> Document:
    """Open a brief source or an annotated YAML, by its suffix."""
    p = Path(path)
    if p.suffix.lower() in YAML_SUFFIXES:
        from briefreader.io.store import load_document

        return load_document(p)
    return read_brief(p)


def find_briefs(folder: Path, recursive: bool = False) -> list[Path]:
    """The brief and YAML files in a folder (and its subfolders), sorted, hidden ones left out."""
    found = folder.rglob("*") if recursive else folder.iterdir()
    return sorted(
        p
        for p in found
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and p.suffix.lower() in (*BRIEF_SUFFIXES, *YAML_SUFFIXES)
        and p.suffix != ""
    )
