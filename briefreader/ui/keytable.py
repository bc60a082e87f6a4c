"""Print the README's keys table from the bindings: ``python -m briefreader.ui.keytable``."""

from __future__ import annotations

from briefreader.ui.keys import markdown_table
from briefreader.ui.reader import ReaderScreen


def main() -> None:
    """Print the table (paste it between the README's ``<!-- keys -->`` markers)."""
    print(markdown_table(ReaderScreen.key_rows()))


if __name__ == "__main__":
    main()
