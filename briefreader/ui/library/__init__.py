"""The library's screens: the table of briefs, search results, the entity index, and the reader opened from them."""
