"""Titles are views: every key point and event title is rendered when it is shown.

A generated title is kept as a template whose entity names are
placeholders (``{e1} meets {e7} in {e3}``, see ``template``), and
``title_of`` fills them with the names the entities have *now*, then marks
a negated frame (``polarity.headline``). Every view calls it: the panes,
the timeline, ``briefreader show``, the Markdown report, copies, the
library index. So a rename, a merge or a frame edit shows everywhere at
once. Only a title the analyst wrote is kept and shown as text.

The templates are made here too, from the parse's headline and the
entities it names (``attach_templates``, run after every parse): the
headline writer (``nlp.titles``) keeps writing plain text, and the names in
it are matched back to the frame's participants first, then to the
entities mentioned in its sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from briefreader.model import headline_words as words
from briefreader.model import template
from briefreader.model.document import Document, Entity, KeyPoint
from briefreader.model.event import EventFrame
from briefreader.model.polarity import headline


def short_name(ent: Entity) -> str:
    """An entity's name, or its acronym when the name is long (titles stay short)."""
    acr = [a for a in ent.aliases if a.isupper() and 2 <= len(a) <= 6]
    return acr[0] if acr and len(ent.name) > template.SHORT_AFTER else ent.name


def render(doc: Document, tmpl: str, fallback: str) -> str:
    """A template with today's names; ``fallback`` (the text kept with it) when an entity it names is gone."""
    by_id = {e.id: e for e in doc.entities}

    def name(ent_id: str, full: bool) -> str | None:
        ent = by_id.get(ent_id)
        if ent is None:
            return None
        return ent.name if full else short_name(ent)

    out = template.fill(tmpl, name)
    return fallback if out is None else out


def title_text(doc: Document, item: KeyPoint | EventFrame) -> str:
    """The title as the analyst wrote it or as rendered now, without the negation mark.

    A frame with neither a title nor a template reads as who, the word,
    whom (``plain_title``).
    """
    if isinstance(item, KeyPoint):
        return render(doc, item.title_template, item.title) if item.title_template else item.title
    if item.title_template:
        return render(doc, item.title_template, item.title or "")
    return item.title if item.title is not None else plain_title(doc, item)


def title_of(doc: Document, item: KeyPoint | EventFrame) -> str:
    """The title every view shows: rendered now (``title_text``), marked when its frame did not happen.

    A key point's frame is its merged ``event`` when the parse made one,
    else its first event that exists (a point the analyst made with ``P``
    has only ``events``), so a negated frame marks every point.
    """
    return headline(title_text(doc, item), point_event(doc, item) if isinstance(item, KeyPoint) else item)


def point_event(doc: Document, kp: KeyPoint) -> EventFrame | None:
    """The frame that says whether a key point happened: its ``event``, else its first event in ``doc``."""
    if kp.event is not None:
        return kp.event
    return next((f for i in kp.events if (f := doc.event(i)) is not None), None)


def frame_title(doc: Document, ev: EventFrame, kp: KeyPoint | None = None) -> str:
    """An event's own title, else the title of the key point given (the point it is the first of), unmarked."""
    if ev.title_template or ev.title is not None or kp is None:
        return title_text(doc, ev)
    return title_text(doc, kp)


def is_own(kp: KeyPoint) -> bool:
    """True when the key point's title is text the analyst wrote (or a file from before templates)."""
    return kp.title_template is None


def plain_title(doc: Document, ev: EventFrame) -> str:
    """A headline for a frame that has none: who, the word, whom ('Lula met Boric')."""
    who = " and ".join(e.name for i in ev.actors if (e := doc.entity(i)) is not None)
    whom = " and ".join(e.name for i in ev.targets if (e := doc.entity(i)) is not None)
    return " ".join(p for p in (who, ev.trigger.text.strip(), whom) if p) or ev.type


# Making templates ------------------------------------------------------------------------


def _roles(ev: EventFrame | None) -> list[str]:
    if ev is None:
        return []
    return [*ev.actors, *ev.targets, *(i for i in (ev.place, ev.source) if i)]


NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"})
"""Labels of entities a template keeps as words: a title says a date or an amount as the text does
('June 2026', 'four years'), and an edit of the text, not a rename, changes it."""


def _candidates(doc: Document, first: Iterable[str], spans: Iterable[tuple[int, int]]) -> list[tuple[str, str, str]]:
    """(id, name, short name) of the entities a title may name: ``first``, then those mentioned in ``spans``."""
    by_id = {e.id: e for e in doc.entities if e.label not in NOT_NAMES}
    order = [i for i in first if i in by_id]
    for start, end in spans:
        order += [e.id for e in by_id.values() if any(start <= m.start and m.end <= end for m in e.visible_mentions)]
    return [(i, by_id[i].name, short_name(by_id[i])) for i in dict.fromkeys(order)]


def template_for(doc: Document, text: str, roles: Sequence[str], spans: Iterable[tuple[int, int]]) -> str:
    """``text`` as a template: the names of ``roles``, then of entities mentioned in ``spans``, as placeholders."""
    return template.make(text, _candidates(doc, roles, spans))


def frame_template(doc: Document, ev: EventFrame) -> str | None:
    """The template of a frame's generated title, or None when it has no title."""
    if ev.title is None:
        return None
    span = ev.sentence
    if span is None and (i := doc.sentence_at(ev.trigger.start)) is not None:
        span = (doc.sentences[i].start, doc.sentences[i].end)
    return template_for(doc, ev.title, _roles(ev), [span] if span else [])


def key_point_template(doc: Document, kp: KeyPoint) -> str:
    """The template of a key point's generated title (its frames' participants first, then its evidence's)."""
    roles = _roles(kp.event) + [i for v in kp.events if (ev := doc.event(v)) is not None for i in _roles(ev)]
    return template_for(doc, kp.title, roles, [(e.start, e.end) for e in kp.evidence])


def attach_templates(doc: Document, events: Iterable[EventFrame], points: Iterable[KeyPoint]) -> None:
    """Make the parse's titles views: a template for each titled frame and each key point given (in place)."""
    for ev in events:
        if ev.title is not None and ev.title_template is None:
            ev.title_template = frame_template(doc, ev)
    for kp in points:
        if kp.title_template is None:
            kp.title_template = key_point_template(doc, kp)


def settle_titles(doc: Document) -> None:
    """After reading a file: each template with its saved text, and a text changed by hand wins (in place).

    A file gives a generated title as its template and the text it
    rendered to when saved. When that text no longer renders from the
    template and the file's entities, a person edited it: it becomes the
    analyst's own title. With no text saved, the rendering is the fallback.
    """
    by_id = {e.id: e for e in doc.entities}

    def name(ent_id: str, full: bool) -> str | None:
        ent = by_id.get(ent_id)
        return None if ent is None else ent.name if full else short_name(ent)

    items: list[KeyPoint | EventFrame] = [*doc.key_points, *doc.events]
    for item in items + [k.event for k in doc.key_points if k.event is not None]:
        if item.title_template is None:
            continue
        now = template.fill(item.title_template, name)
        if not item.title:
            item.title = now or ""
        elif now is not None and now != item.title:
            item.title_template = None


def edited_template(doc: Document, ev: EventFrame) -> str:
    """The template of a frame the analyst made or edited, in the grammar of the parser's headlines.

    The parse's headline spoke of the frame as the parse read it, so an
    edited frame is titled from its fields, each name a placeholder (a
    rename shows at once): the type's verb, "to" and the verb for a plan
    with its date after (``{e1} to meet {e5} (28 February 2025)``), the
    year first for the past; the event noun of the sentence when the
    trigger only carries it (``{e3} and {e4} talks`` for "Talks between
    Turkey and Georgia were called off": "called" is no phone call). A
    type with no verb of its own, or a frame with nobody it is done to
    or where, reads as its type, who, the word, whom (``fields_template``).
    """
    verbs = words.TYPE_VERBS.get(ev.type)
    who = " and ".join("{" + i + "}" for i in ev.actors)
    whom = " and ".join("{" + i + "}" for i in ev.targets)
    where = " in {" + ev.place + "}" if ev.place else ""
    span = _sentence_of(doc, ev)
    after = doc.text[ev.trigger.end : ev.trigger.end + 12].split()[:1]
    noun = None
    if verbs is not None and words.carries_only(ev.trigger.text.strip(), after[0] if after else ""):
        noun = words.event_noun(ev.type, doc.text[span[0] : span[1]] if span else "")
    if noun is not None and (who or whom):
        body = " ".join(p for p in (" and ".join(x for x in (who, whom) if x), template.escape(noun)) if p) + where
        return _dated(doc, ev, body, ev.status == "planned")
    if verbs is None or not who or not (whom or ev.place):
        return fields_template(ev)
    verb, alone = verbs
    if whom:
        rest = f" {whom}{where}"
    else:
        verb, rest = alone, " {" + str(ev.place) + "}" if alone == "visit" else where
    planned = ev.status == "planned"
    said = "to " + verb if planned else (verb if len(ev.actors) > 1 else words.third_person(verb))
    return _dated(doc, ev, f"{who} {template.escape(said)}{rest}", planned)


def _sentence_of(doc: Document, ev: EventFrame) -> tuple[int, int] | None:
    if ev.sentence is not None:
        return ev.sentence
    i = doc.sentence_at(ev.trigger.start)
    return None if i is None else (doc.sentences[i].start, doc.sentences[i].end)


def _dated(doc: Document, ev: EventFrame, body: str, planned: bool) -> str:
    """The date as headlines say it: after a plan ('(28 February 2025)'), a past year first ('2019: ...')."""
    date = ev.when.date if ev.when is not None else None
    if not date:
        return body
    if planned:
        return f"{body} ({words.human_date(date)})"
    year = int(doc.meta.date[:4]) if doc.meta.date else None
    return f"{date[:4]}: {body}" if year is not None and int(date[:4]) < year else body


def fields_template(ev: EventFrame) -> str:
    """A frame's type, who, the word, whom, where: ``Statement: {e1} delivered {e5} in {e9}``.

    For a type with no headline verb, or a frame that names nobody it is
    done to or where. A trigger longer than a few words (a frame made on
    a whole sentence) is left out: ``Statement: {e1} → {e5}``.
    """
    word = " ".join(ev.trigger.text.split())
    who = " and ".join("{" + i + "}" for i in ev.actors)
    whom = " and ".join("{" + i + "}" for i in ev.targets)
    if len(word.split()) > WORD_MAX or (ev.trigger.start, ev.trigger.end) == ev.sentence:
        word = "→" if who and whom else ""
    body = " ".join(p for p in (who, template.escape(word), whom) if p)
    if ev.place:
        body += " in {" + ev.place + "}"
    head = template.escape(ev.type.replace("_", " ").capitalize() or "Event")
    return f"{head}: {body}" if body else head


WORD_MAX = 3
"""A trigger of more words than this is a whole sentence (a frame the analyst made), not a word to quote."""
