"""Briefs out: the analyst's report (Markdown), training data (JSONL, spaCy DocBin), clipboard text.

One module per format, each a pure function of a Document (no Textual, no
files): ``markdown``, ``jsonl``, ``docbin``, ``clip``; ``spans`` holds the
corrected entity spans the two training formats share, ``event_facts`` the one
place that reads key points' event frames. ``briefreader export`` itself,
which writes the files, is ``cli.export_command``.
"""
