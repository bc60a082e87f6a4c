"""The command line: every command, batch runs (processes, Dask), and what they print and write."""
