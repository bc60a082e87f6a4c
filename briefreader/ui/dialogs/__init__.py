"""Modal dialogs: confirm, choose from a list, type a value, and the reader's larger ones.

Every title, question and item is plain text (``Content``/``Text``), never
markup: they show entity names and notes. Each dialog fits and scrolls at
80x24, and carries its own key bar, so the reading screen's keys are not
shown under it.
"""
