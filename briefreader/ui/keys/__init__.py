"""Keys, read from the bindings where they are declared: for the key bar, the help, the palette and the README."""
