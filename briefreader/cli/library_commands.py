"""``briefreader search`` and ``briefreader entities``: the library index from the command line.

Each PATH is a library folder (indexed in the user cache, incrementally)
or a brief file (indexed in memory). Like grep, ``search`` exits 1 when
nothing matched; both exit 2 on an error (a path that is not there).
Neither imports Textual or spaCy.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefreader.model.display import one_line, visible

if TYPE_CHECKING:  # imported when a command runs: the reader's start-up does not pay for sqlite3
    from briefreader.library import LibraryIndex, Progress, SearchHit
    from briefreader.model.corrections import Corrections

COMMANDS = ("search", "entities")
NO_PARSE_HELP = "do not parse briefs that have no parse yet (they are searched as text, with no entities)"


def register(sub: Any) -> None:
    """Add the library subcommands to the CLI's subparsers."""
    se = sub.add_parser("search", help="search the text, key points and notes of every brief")
    se.add_argument("query", help='words (all must match), "a phrase", prefix*')
    se.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="library folders or briefs (default: .)")
    se.add_argument("--json", action="store_true", help="one JSON object a line: path, title, start, end, sentence")
    se.add_argument("--limit", type=_count, default=50, metavar="N", help="at most N results (default 50)")
    se.add_argument("--no-parse", action="store_true", help=NO_PARSE_HELP)
    en = sub.add_parser("entities", help="list the entities of every brief, joined across briefs")
    en.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="library folders or briefs (default: .)")
    en.add_argument(
        "--json", action="store_true", help="one JSON object a line: name, label, aliases, briefs, mentions"
    )
    en.add_argument("--label", action="append", metavar="LABEL", help="only this label (repeatable)")
    en.add_argument("--filter", default="", metavar="WORDS", help="only entities whose name or alias has these words")
    en.add_argument("--limit", type=_count, default=None, metavar="N", help="at most N entities")
    en.add_argument("--no-parse", action="store_true", help=NO_PARSE_HELP)


def _say(message: str) -> None:
    print(f"briefreader: {one_line(message, 500)}", file=sys.stderr)


def _progress(label: str) -> Any:
    if not sys.stderr.isatty():
        return None

    def show(p: Progress) -> None:
        end = "\n" if p.done == p.total else ""
        print(f"\r{label}: indexing {p.done}/{p.total}", end=end, file=sys.stderr, flush=True)

    return show


MAX_LIMIT = 2**31
"""A ``--limit`` above this means "all" (SQLite cannot hold 99999999999999999999)."""


def _count(text: str) -> int:
    """``--limit``: a whole number, 0 or more; a huge one is as good as no limit."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"{text} is below 0")
    return min(n, MAX_LIMIT)


def open_indexes(paths: list[Path]) -> list[tuple[LibraryIndex, Path]]:
    """An up-to-date index for each PATH (folders), and one in memory per folder of the files named.

    Returns (index, the folder as the user spelled it) pairs; raises
    FileNotFoundError naming a path that is not there.
    """
    from briefreader.library import LibraryIndex

    out: list[tuple[LibraryIndex, Path]] = []
    files: dict[Path, list[str]] = defaultdict(list)
    for p in paths or [Path(".")]:
        if p.is_dir():
            out.append((LibraryIndex.open(p), p))
        elif p.is_file():
            files[p.parent].append(p.name)
        elif p.exists():  # /dev/null, a FIFO, a socket: there, but nothing to search
            raise NotADirectoryError(str(p))
        else:
            raise FileNotFoundError(str(p))
    out += [(LibraryIndex.in_memory(folder, only=names), folder) for folder, names in files.items()]
    for index, shown in out:
        index.refresh(progress=_progress(str(shown)))
        for notice in index.notices:
            _say(f"note: {notice}")
        index.notices.clear()
    return out


def run(args: argparse.Namespace) -> int:
    """Run ``search`` or ``entities``; the exit status."""
    import sqlite3

    indexes: list[tuple[LibraryIndex, Path]] = []
    try:
        indexes = open_indexes(list(args.paths))
        if not args.no_parse:
            from briefreader.cli.parse_missing import parse_missing

            parse_missing(indexes, args.model, args.taxonomy, lambda: corrections_for_cli(False))
        if args.command == "search":
            return _search(indexes, args.query, args.limit, args.json)
        return _entities(indexes, args.label, args.filter, args.limit, args.json)
    except FileNotFoundError as exc:
        _say(f"{exc}: no such file or folder")
        return 2
    except NotADirectoryError as exc:
        _say(f"{exc}: not a folder or a brief file")
        return 2
    except BrokenPipeError:
        # The reader of the output has gone (``entities | head``): stop quietly, as grep does.
        _quiet_stdout()
        return 141
    except sqlite3.Error as exc:
        # Not "no match" (1): a script must be able to tell that the search did not run.
        _say(f"the library index cannot be used: {exc}")
        return 2
    finally:
        for index, _shown in indexes:
            for notice in index.notices:  # the ones that came up after the refresh (a fallback mid-search)
                _say(f"note: {notice}")
            index.close()


def _quiet_stdout() -> None:
    """Send what is left of stdout nowhere: flushing it at exit would raise BrokenPipeError again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _search(indexes: list[tuple[LibraryIndex, Path]], query: str, limit: int, as_json: bool) -> int:
    import json  # here, not at the top: the reader's start-up imports this module for its command names

    hits: list[tuple[SearchHit, str]] = []
    for index, shown in indexes:
        hits += [(h, _where(shown, h.rel)) for h in index.search(query, limit)]
    hits.sort(key=lambda x: -x[0].score)  # scores of two libraries are both bm25, near enough to interleave
    hits = hits[:limit]
    if as_json:
        for h, path in hits:
            print(json.dumps(h.to_json(path), ensure_ascii=False))
    else:
        _print_hits(hits)
    return 0 if hits else 1


def _where(shown: Path, rel: str) -> str:
    """A brief's path as printed: a name's bytes that are not UTF-8 as ``\\xNN`` (printable, and still telling)."""
    from briefreader.library.scan import index_name, shown_name

    return shown_name(index_name(str(shown / rel)))


def _wheres(shown: Path) -> Callable[[str], str]:
    """``_where`` for one folder, each brief worked out once: ``entities`` prints 150,000 paths of 20,000 briefs.

    ``shown`` is a ``Path``, so its text is normal already (no ``./``, no
    ``//``); the stored ``rel`` is too. Joining the two as text is what
    ``shown / rel`` gives, without a ``Path`` made for every line.
    """
    from briefreader.library.scan import index_name, shown_name

    base = str(shown)
    prefix = "" if base == "." else index_name(base if base.endswith("/") else base + "/")
    done: dict[str, str] = {}

    def where(rel: str) -> str:
        out = done.get(rel)
        if out is None:
            out = done[rel] = shown_name(prefix + rel)
        return out

    return where


def _print_hits(hits: list[tuple[SearchHit, str]]) -> None:
    """Hits grouped by brief (briefs in the order of their best hit), matches highlighted in a terminal."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    order: dict[str, list[SearchHit]] = {}
    for h, path in hits:
        order.setdefault(path, []).append(h)
    for path, group in order.items():
        head = Text(one_line(path), style="magenta")
        head.append("  ")
        head.append(one_line(group[0].title, 200), style="bold")
        console.print(head)
        for h in group:
            # visible() keeps one character for one, so the highlight spans still fit.
            line = Text(visible(h.text).replace("\n", " "))
            for a, b in h.highlights:
                line.stylize("bold reverse", a, b)
            prefix = {"key_point": "key point: ", "note": "note: "}.get(h.kind, "")
            console.print(Text(f"  {h.start:>6}  {prefix}", style="dim") + line)


def _entities(
    indexes: list[tuple[LibraryIndex, Path]], labels: list[str] | None, words: str, limit: int | None, as_json: bool
) -> int:
    import json

    merged: dict[str, dict[str, Any]] = {}
    for index, shown in indexes:
        paths = index.entity_paths()
        where = _wheres(shown)
        for e in index.entities(words, labels):
            m = merged.setdefault(e.key, {"name": e.name, "label": e.label, "aliases": [], "briefs": [], "mentions": 0})
            m["aliases"] = list(dict.fromkeys([*m["aliases"], *e.aliases]))
            m["briefs"] += [where(rel) for rel in paths.get(e.key, [])]
            m["mentions"] += e.mentions
    unparsed = sum(index.count_unparsed() for index, _shown in indexes)
    if unparsed:
        _say(
            f"note: {unparsed} brief{'s are' if unparsed != 1 else ' is'} not annotated: no entities from them yet"
            " (run without --no-parse, or briefreader annotate)"
        )
    rows = sorted(merged.values(), key=lambda m: (-len(m["briefs"]), -m["mentions"], m["name"]))
    if limit is not None:
        rows = rows[:limit]
    for m in rows:
        if as_json:
            print(json.dumps(m, ensure_ascii=False))
        else:
            also = f"  (also {', '.join(one_line(a, 60) for a in m['aliases'][:4])})" if m["aliases"] else ""
            print(f"{len(m['briefs']):>5} {m['mentions']:>6}  {m['label']:<8} {one_line(m['name'], 80)}{also}")
    return 0 if rows else 1


def corrections_for_cli(skip: bool) -> Corrections | None:
    """The corrections ``annotate`` and ``show`` apply (None with ``--no-corrections``); problems on stderr."""
    if skip:
        return None
    from briefreader.io.corrections_file import load_corrections

    loaded = load_corrections()
    for problem in loaded.problems:
        _say(f"warning: {problem}")
    return loaded.corrections
