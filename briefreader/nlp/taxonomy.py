"""The event taxonomy key points are sorted into, read from a YAML data file."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from briefreader.io.decode import read_text
from briefreader.io.errors import BriefError
from briefreader.io.safeyaml import YamlRefused, safe_load


@dataclass(frozen=True)
class Variant:
    """A more specific label used when one of its lemmas is present."""

    lemmas: frozenset[str]
    label: str


@dataclass(frozen=True)
class Pattern:
    """How a trigger word of a category gives an event frame its roles.

    Each role lists dependency relations of the trigger, looked at in
    order (``roles.RELATIONS`` documents them; any other name is a
    preposition: ``with`` is the object of "with"). An entity found by a
    relation that is listed under ``place`` too is the place when it is a
    place (GPE, LOC, FAC) and a target otherwise.
    """

    triggers: frozenset[str]
    pos: str | None = None
    """VERB or NOUN; None for both."""
    actors: tuple[str, ...] = ("subj", "agent")
    targets: tuple[str, ...] = ("obj", "subjpass")
    place: tuple[str, ...] = ("in", "at")
    verb: str | None = None
    """The verb a headline uses for a nominal trigger ('talks' -> 'meet')."""
    requires: tuple[str, ...] = ()
    """Relations one of which must find a name for the trigger to count ('call' needs 'on': "call on X")."""
    unless: tuple[str, ...] = ()
    """Relations that must find nothing ("called on X to act" is a demand, not a visit: ``infinitive``)."""
    objects: frozenset[str] = frozenset()
    """Lemmas one of which the trigger's object must have ("cut ties", "restored relations"); empty: any."""


@dataclass(frozen=True)
class Category:
    """One kind of event, with the cues that recognise it."""

    id: str
    label: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    variants: tuple[Variant, ...] = ()
    needs_labels: frozenset[str] = frozenset()
    requires_any: frozenset[str] = frozenset()
    needs_past_year: bool = False
    past_label: str | None = None
    min_score: int = 2
    weight: float = 1.0
    participants: tuple[str, ...] = ("PERSON", "ORG", "GPE")
    """Entity labels a title names, most wanted first."""
    max_participants: int = 2
    patterns: tuple[Pattern, ...] = ()
    """Trigger words that make a sentence an event of this category, with their roles."""
    planned: bool = False
    """Events of this kind point ahead (an invitation): planned unless their date is past."""


@dataclass(frozen=True)
class Taxonomy:
    """The categories, in the file's order (earlier wins a tie)."""

    categories: tuple[Category, ...] = field(default_factory=tuple)

    def get(self, cid: str) -> Category | None:
        """The category with this id."""
        return next((c for c in self.categories if c.id == cid), None)


def _words(d: dict[str, Any], key: str, where: str) -> frozenset[str]:
    value = d.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BriefError(None, f"{where}.{key} should be a list of words")
    return frozenset(v.lower() for v in value)


def _names(d: dict[str, Any], key: str, where: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """An ordered list of relation names (order matters: the first that finds an entity wins)."""
    if key not in d:
        return default
    _words(d, key, where)
    return tuple(dict.fromkeys(v.lower() for v in d[key] or []))


def _patterns(d: dict[str, Any], where: str) -> tuple[Pattern, ...]:
    out = []
    for j, p in enumerate(d.get("patterns") or []):
        pw = f"{where}.patterns[{j}]"
        if not isinstance(p, dict) or not p.get("triggers"):
            raise BriefError(None, f"{pw} needs a list of triggers")
        pos = p.get("pos")
        if pos is not None and str(pos).upper() not in ("VERB", "NOUN"):
            raise BriefError(None, f"{pw}.pos should be VERB or NOUN")
        out.append(
            Pattern(
                triggers=_words(p, "triggers", pw),  # lemmas
                pos=str(pos).upper() if pos else None,
                actors=_names(p, "actors", pw, Pattern.actors),
                targets=_names(p, "targets", pw, Pattern.targets),
                place=_names(p, "place", pw, Pattern.place),
                verb=str(p["verb"]) if p.get("verb") else None,
                requires=_names(p, "requires", pw, ()),
                unless=_names(p, "unless", pw, ()),
                objects=_words(p, "objects", pw),
            )
        )
    return tuple(out)


def parse_taxonomy(data: Any, source: str) -> Taxonomy:
    """Build a Taxonomy from loaded YAML, with errors that name the field."""
    if not isinstance(data, dict) or not isinstance(data.get("categories"), list):
        raise BriefError(source, "a taxonomy needs a 'categories:' list")
    cats = []
    for i, d in enumerate(data["categories"]):
        where = f"categories[{i}]"
        if not isinstance(d, dict) or not isinstance(d.get("id"), str) or not isinstance(d.get("label"), str):
            raise BriefError(source, f"{where} needs an id and a label")
        variants = tuple(
            Variant(_words(v, "lemmas", f"{where}.variants"), str(v.get("label", d["label"])))
            for v in d.get("variants") or []
            if isinstance(v, dict)
        )
        try:
            cats.append(
                Category(
                    id=d["id"],
                    label=d["label"],
                    verbs=_words(d, "verbs", where),
                    nouns=_words(d, "nouns", where),
                    variants=variants,
                    needs_labels=frozenset(x.upper() for x in _words(d, "needs_labels", where)),
                    requires_any=_words(d, "requires_any", where),
                    needs_past_year=bool(d.get("needs_past_year", False)),
                    past_label=str(d["past_label"]) if d.get("past_label") else None,
                    min_score=int(d.get("min_score", 2)),
                    weight=float(d.get("weight", 1.0)),
                    participants=tuple(x.upper() for x in d.get("participants") or ("PERSON", "ORG", "GPE")),
                    max_participants=int(d.get("max_participants", 2)),
                    patterns=_patterns(d, where),
                    planned=bool(d.get("planned", False)),
                )
            )
        except BriefError as exc:
            raise BriefError(source, exc.reason) from None
    return Taxonomy(tuple(cats))


def load_taxonomy(path: Path | str | None = None) -> Taxonomy:
    """The user's taxonomy file, or the one shipped in the package."""
    if path is None:
        text = resources.files("briefreader.nlp").joinpath("taxonomy.yaml").read_text(encoding="utf-8")
        source = "taxonomy.yaml"
    else:
        text, source = read_text(path).text, str(path)
    try:
        return parse_taxonomy(safe_load(text), source)
    except YamlRefused as exc:
        raise BriefError(source, str(exc)) from None
