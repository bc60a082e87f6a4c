"""The app: Pilot tests, SVG snapshots, and the reader started in a process of its own."""
