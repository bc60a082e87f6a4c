"""``python -m briefreader``."""

from briefreader.cli import main

# Guarded: the parse process is started with 'spawn', which imports __main__ again.
if __name__ == "__main__":
    raise SystemExit(main())
