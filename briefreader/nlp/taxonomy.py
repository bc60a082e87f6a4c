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
    not_objects: frozenset[str] = frozenset()
    """Objects that make the word no event of this kind ("met demand", "met the deadline": no meeting)."""


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
        raise BriefError(None, f"{where}.{key} should be a list of words, not {_short(value)}")
    return frozenset(v.lower() for v in value)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:55] + "…" + text[-4:]


def _number(d: dict[str, Any], key: str, where: str, default: float, kind: type[int] | type[float]) -> Any:
    """A number field: ``int`` accepts whole numbers only, ``float`` any number; never a bool or a word."""
    value = d.get(key, default)
    ok = isinstance(value, (int, float)) if kind is float else isinstance(value, int)
    if isinstance(value, bool) or not ok:
        what = "a whole number" if kind is int else "a number"
        raise BriefError(None, f"{where}.{key} should be {what}, not {_short(value)}")
    return kind(value)


def _text(d: dict[str, Any], key: str, where: str) -> str | None:
    value = d.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BriefError(None, f"{where}.{key} should be a word or phrase, not {_short(value)}")
    return value


def _flag(d: dict[str, Any], key: str, where: str) -> bool:
    value = d.get(key, False)
    if not isinstance(value, bool):
        raise BriefError(None, f"{where}.{key} should be true or false, not {_short(value)}")
    return value


def _variants(d: dict[str, Any], where: str) -> tuple[Variant, ...]:
    value = d.get("variants") or []
    if not isinstance(value, list):
        raise BriefError(
            None, f"{where}.variants should be a list of {{lemmas: [...], label: ...}}, not {_short(value)}"
        )
    out = []
    for j, v in enumerate(value):
        vw = f"{where}.variants[{j}]"
        if not isinstance(v, dict):
            raise BriefError(None, f"{vw} should be a mapping {{lemmas: [...], label: ...}}, not {_short(v)}")
        out.append(Variant(_words(v, "lemmas", vw), _text(v, "label", vw) or d["label"]))
    return tuple(out)


def _category(d: Any, where: str) -> Category:
    if not isinstance(d, dict) or not isinstance(d.get("id"), str) or not isinstance(d.get("label"), str):
        raise BriefError(None, f"{where} needs an id and a label")
    participants = _words(d, "participants", where) if d.get("participants") is not None else None
    return Category(
        id=d["id"],
        label=d["label"],
        verbs=_words(d, "verbs", where),
        nouns=_words(d, "nouns", where),
        variants=_variants(d, where),
        needs_labels=frozenset(x.upper() for x in _words(d, "needs_labels", where)),
        requires_any=_words(d, "requires_any", where),
        needs_past_year=_flag(d, "needs_past_year", where),
        past_label=_text(d, "past_label", where),
        min_score=_number(d, "min_score", where, 2, int),
        weight=_number(d, "weight", where, 1.0, float),
        # Order matters here (most wanted first): read the list again rather than the set.
        participants=tuple(x.upper() for x in d["participants"]) if participants else ("PERSON", "ORG", "GPE"),
        max_participants=_number(d, "max_participants", where, 2, int),
        patterns=_patterns(d, where),
        planned=_flag(d, "planned", where),
    )


def _names(d: dict[str, Any], key: str, where: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """An ordered list of relation names (order matters: the first that finds an entity wins)."""
    if key not in d:
        return default
    _words(d, key, where)
    return tuple(dict.fromkeys(v.lower() for v in d[key] or []))


def _patterns(d: dict[str, Any], where: str) -> tuple[Pattern, ...]:
    value = d.get("patterns") or []
    if not isinstance(value, list):
        raise BriefError(None, f"{where}.patterns should be a list of {{triggers: [...], ...}}, not {_short(value)}")
    out = []
    for j, p in enumerate(value):
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
                not_objects=_words(p, "not_objects", pw),
            )
        )
    return tuple(out)


def parse_taxonomy(data: Any, source: str) -> Taxonomy:
    """Build a Taxonomy from loaded YAML, with errors that name the field."""
    if not isinstance(data, dict) or not isinstance(data.get("categories"), list):
        raise BriefError(source, "a taxonomy needs a 'categories:' list")
    cats = []
    for i, d in enumerate(data["categories"]):
        try:
            cats.append(_category(d, f"categories[{i}]"))
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
