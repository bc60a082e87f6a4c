"""``briefreader export PATH... --to md|jsonl|spacy [--out DIR]``: briefs out of the reader.

Inputs are taken as ``annotate`` takes them (files, folders with their
subfolders); a brief not yet annotated is parsed first. The failure rules
are ``annotate``'s too: every good brief is exported, every bad one listed
with its reason, exit status 1 if any failed, and every file is written
atomically, so an interrupted export leaves complete files or none.

``md`` writes one report per brief (``DIR/<stem>.md``, keeping the
subfolder layout); ``jsonl`` and ``spacy`` write one file for all briefs
(``DIR/briefs.jsonl`` / ``DIR/briefs.spacy``, or ``--out FILE.jsonl`` /
``FILE.spacy``). An export never replaces a file briefreader did not
write (``export.ownership``): for a report, that one is left alone and
the report goes to ``<stem>.report.md``; a bundle is not written at all,
and the export fails with the message a report gives.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from briefreader.export.ownership import NOT_OURS, is_export, is_report, ours_or_free
from briefreader.io.errors import BriefError
from briefreader.model.display import one_line
from briefreader.model.document import Document

FORMATS = {"md": "Markdown reports", "jsonl": "JSONL spans (Prodigy, doccano)", "spacy": "a spaCy DocBin"}
BUNDLE_SUFFIX = {"jsonl": ".jsonl", "spacy": ".spacy"}
MAX_CHANGES_SHOWN = 3
"""Span adjustments listed per brief for ``spacy`` (the rest are counted)."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The ``export`` command's own arguments (``cli`` adds the common ones)."""
    p.add_argument("paths", nargs="+", type=Path, help="briefs or folders of briefs (annotated YAML or sources)")
    p.add_argument(
        "--to",
        required=True,
        choices=tuple(FORMATS),
        help="md (a report per brief), jsonl (spans for Prodigy, doccano) or spacy (a DocBin for spacy train)",
    )
    p.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="folder to write to (default: the current one; reports go to INPUT-reports when that is inside an "
        "input folder); for jsonl and spacy also FILE.jsonl / FILE.spacy",
    )
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="parse unannotated briefs with N processes")


def run_export(
    paths: list[Path],
    fmt: str,
    out: Path | None = None,
    *,
    model: str | None = None,
    taxonomy: Path | None = None,
    jobs: int = 1,
) -> int:
    """Export every input; print failures and one summary line; 1 if anything failed."""
    from briefreader.annotate import expand
    from briefreader.io.pairing import open_pair, pair_inputs

    files, failed = expand(paths)
    opened: list[tuple[Path, Path, Document]] = []
    reports = [f for f, _sub in files if is_report(f)]
    # An earlier export sitting among the briefs is not a brief; a source and its YAML are one (io.pairing).
    for p in pair_inputs([(f, sub) for f, sub in files if f not in reports]):
        try:
            opened += [(f, p.sub, doc) for f, doc in open_pair(p)]
        except BriefError as exc:
            failed.append((p.path, exc.reason))
    try:
        _parse_unannotated([d for _f, _s, d in opened if not d.parsed], model, taxonomy, jobs)
        if fmt == "md":
            written, where = _write_reports(opened, out or reports_folder(paths), failed)
        else:
            written, where = _write_bundle(opened, fmt, out, failed)
    except KeyboardInterrupt:
        print("briefreader: interrupted; every file written so far is complete", file=sys.stderr)
        return 130
    for path, reason in failed:
        print(f"briefreader: {one_line(str(path))}: {one_line(reason)}", file=sys.stderr)
    summary = f"exported {written} brief{'s' if written != 1 else ''} as {FORMATS[fmt]} to {where}"
    if reports:
        summary += f"; skipped {len(reports)} report{'s' if len(reports) != 1 else ''} it wrote before"
    if failed:
        summary += f"; {len(failed)} failed"
    print(summary, file=sys.stderr)
    return 1 if failed else 0


def reports_folder(paths: list[Path], cwd: Path | None = None) -> Path:
    """Where reports go without ``--out``: the current folder, unless it lies inside an input folder.

    Then (``export . --to md`` in a library) they go beside the outermost
    such input, to ``<its name>-reports``, so a library never fills with
    its own reports.
    """
    here = (cwd or Path.cwd()).resolve()
    around = []
    for p in paths:
        folder = (p if p.is_dir() else p.parent).resolve()
        if here == folder or folder in here.parents:
            around.append(folder)
    if not around:
        return cwd or Path()
    outer = min(around, key=lambda f: len(f.parts))
    return outer.parent / f"{outer.name or 'briefs'}-reports"


def _parse_unannotated(docs: list[Document], model: str | None, taxonomy: Path | None, jobs: int) -> None:
    if not docs:
        return
    from briefreader.nlp.annotate import annotate_many
    from briefreader.nlp.pipeline import ModelError, load_model
    from briefreader.nlp.taxonomy import load_taxonomy

    try:
        loaded = load_model(model)
    except ModelError as exc:
        raise BriefError(None, str(exc)) from None
    from briefreader.cli.library_commands import corrections_for_cli

    tax = load_taxonomy(taxonomy) if taxonomy else None
    for _doc in annotate_many(docs, loaded, tax, jobs=max(1, jobs), corrections=corrections_for_cli(False)):
        pass  # annotate_many fills each Document in place


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BriefError(folder, f"cannot create the output folder: {exc.strerror or exc}") from None
    if not folder.is_dir():
        raise BriefError(folder, "is not a folder")


def _write_reports(
    opened: list[tuple[Path, Path, Document]], out: Path, failed: list[tuple[Path, str]]
) -> tuple[int, Path]:
    from briefreader.export.markdown import report
    from briefreader.io.atomic import atomic_write

    _make_folder(out)
    used: set[Path] = set()
    written = 0
    for source, sub, doc in opened:
        try:
            (out / sub).mkdir(parents=True, exist_ok=True)
            target = report_target(out / sub, source.stem, used)
            atomic_write(target, report(doc))
        except BriefError as exc:
            failed.append((exc.path or source, exc.reason))
        except OSError as exc:
            failed.append((out / sub, f"cannot create its folder: {exc.strerror or exc}"))
        except Exception as exc:  # a bug must cost one brief, not the batch, and be named
            failed.append((source, f"could not be exported ({type(exc).__name__}: {exc})"))
        else:
            written += 1
    return written, out


def report_target(folder: Path, stem: str, used: set[Path]) -> Path:
    """``folder/<stem>.md`` (-2, -3... for a repeated stem), unless that is a file briefreader did not write.

    Such a file (the brief itself, a person's notes) is left alone: the
    report goes to ``<stem>.report.md`` instead, and if that too is someone
    else's, the brief fails rather than overwrite it.
    """
    n = 1
    while True:
        name = stem if n == 1 else f"{stem}-{n}"
        target, other = folder / f"{name}.md", folder / f"{name}.report.md"
        for candidate in (target, other):
            if candidate not in used and ours_or_free(candidate):
                used.add(candidate)
                return candidate
        if target not in used and other not in used:
            raise BriefError(target, f"{NOT_OURS}, nor was {other.name}: not replaced")
        n += 1  # another brief of the same stem took one of them


def bundle_target(fmt: str, out: Path | None) -> Path:
    """Where the one ``jsonl`` / ``spacy`` file goes: ``--out FILE.<suffix>``, else ``DIR/briefs.<suffix>``."""
    suffix = BUNDLE_SUFFIX[fmt]
    if out is not None and out.suffix.lower() == suffix and not out.is_dir():
        return out
    return (out or Path()) / f"briefs{suffix}"


def _write_bundle(
    opened: list[tuple[Path, Path, Document]], fmt: str, out: Path | None, failed: list[tuple[Path, str]]
) -> tuple[int, Path]:
    from briefreader.io.atomic import atomic_write

    target = bundle_target(fmt, out)
    _make_folder(target.parent)
    if target.is_file() and not is_export(target):
        # As a report never replaces a file it did not write (report_target), nor does a bundle.
        failed.append((target, f"{NOT_OURS}: not replaced"))
        return 0, target
    data: str | bytes
    if fmt == "jsonl":
        from briefreader.export.jsonl import brief_line

        lines = _each(opened, brief_line, failed)
        count, data = len(lines), "".join(line for _source, line in lines)
    else:
        from briefreader.export.docbin import pack, spacy_doc

        made = _each(opened, spacy_doc, failed)
        for source, (_sdoc, changes) in made:
            _warn_changes(source, changes)
        count, data = len(made), pack(sdoc for _source, (sdoc, _changes) in made)
    if not count:
        return 0, target
    try:
        atomic_write(target, data)
    except BriefError as exc:
        failed.append((target, exc.reason))
        return 0, target
    return count, target


_T = TypeVar("_T")


def _each(
    opened: list[tuple[Path, Path, Document]], render: Callable[[Document], _T], failed: list[tuple[Path, str]]
) -> list[tuple[Path, _T]]:
    """``render`` each brief; one that raises is listed as failed (a bug costs one brief, not the file)."""
    out = []
    for source, _sub, doc in opened:
        try:
            out.append((source, render(doc)))
        except Exception as exc:
            failed.append((source, f"could not be exported ({type(exc).__name__}: {exc})"))
    return out


def _warn_changes(source: Path, changes: list[str]) -> None:
    for change in changes[:MAX_CHANGES_SHOWN]:
        print(f"briefreader: {one_line(str(source))}: warning: {one_line(change)}", file=sys.stderr)
    if len(changes) > MAX_CHANGES_SHOWN:
        more = len(changes) - MAX_CHANGES_SHOWN
        print(f"briefreader: {one_line(str(source))}: warning: and {more} more span changes", file=sys.stderr)
