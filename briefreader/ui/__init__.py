"""The Textual reader: app, screens, panes and messages."""
