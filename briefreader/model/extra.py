"""Keys of a saved file this reader does not know, kept on the object they were found on."""

from __future__ import annotations

from typing import Any

Extra = dict[str, tuple[str | None, Any]]
"""Keys of a saved file this reader does not know (a person's ``reviewer:``, a newer
version's field): key -> (the key it followed in the file, or None when first; its value).
Kept on the object they were found on, so a save writes them back where they were; never
part of an object's hash, so frozen objects stay hashable whatever the file held."""
