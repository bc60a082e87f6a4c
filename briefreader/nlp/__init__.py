"""spaCy and everything after it: pipeline loading, entities, key points, event frames.

The only package that touches spaCy types; its modules load spaCy where they
use it, so importing this package imports none of them.
"""
