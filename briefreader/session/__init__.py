"""One brief's life under the reader, with no UI: Document, files, undo, saving, recovery, parsing.

The UI layer builds on this package; nothing here imports Textual (a test checks).
"""

from briefreader.session.brief import BriefSession, Opening
from briefreader.session.opening import open_session, start_fresh
from briefreader.session.parse_service import ParseError, ParseService

__all__ = ["BriefSession", "Opening", "ParseError", "ParseService", "open_session", "start_fresh"]
