"""Keys as a whole: every scope with bindings, a user's ``keys.yaml``, the README's tables.

``registry`` lists the scopes, ``keymap`` reads and checks ``keys.yaml``,
``readme`` prints the README's tables. Above the screens: it imports them;
none of them imports it.
"""
