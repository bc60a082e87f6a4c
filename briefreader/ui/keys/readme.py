"""Print the README's keys tables from the bindings: ``python -m briefreader.ui.keys.readme``."""

from __future__ import annotations

from briefreader.ui.key_list import markdown_table
from briefreader.ui.library.library_screen import LibraryScreen
from briefreader.ui.reader.reader_screen import ReaderScreen


def tables() -> dict[str, str]:
    """Each README table by the name of its markers (``<!-- keys -->`` ... ``<!-- /keys -->``), default keys."""
    return {
        "keys": markdown_table(ReaderScreen.key_rows()),
        "library-keys": markdown_table(LibraryScreen.key_rows()),
    }


def main() -> None:
    """Print the tables between their markers (paste each over the README's)."""
    for name, table in tables().items():
        print(f"<!-- {name} -->\n{table}\n<!-- /{name} -->\n")


if __name__ == "__main__":
    main()
