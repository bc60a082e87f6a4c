"""briefreader: a terminal reader for news and diplomatic briefings."""

__version__ = "0.1.0"
