"""Widgets any screen may use: the key bar, keyed tables, pane lists, filter and search fields.

Nothing here knows the reader or the library (an import-linter contract).
"""
