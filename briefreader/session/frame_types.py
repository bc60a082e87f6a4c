"""The event types a frame can have: the taxonomy's categories, read without spaCy."""

from __future__ import annotations

from pathlib import Path


def frame_types(taxonomy: Path | None = None, current: str | None = None) -> list[tuple[str, str]]:
    """(id, label) of each category of the taxonomy (None: the bundled one), then ``other``, then ``current``.

    ``current`` is a type the frame already has that the taxonomy does not
    list (a file from another taxonomy): it stays choosable.
    """
    from briefreader.nlp.taxonomy import load_taxonomy  # the YAML file only: no spaCy

    out = [(c.id, c.label) for c in load_taxonomy(taxonomy).categories]
    known = {i for i, _ in out}
    for extra, label in (("other", "none of these"), (current, "as it is")):
        if extra and extra not in known:
            out.append((extra, label))
            known.add(extra)
    return out
