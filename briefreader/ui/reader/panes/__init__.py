"""The side column's panes: Entities, Key points, Timeline, Notes (mounted after the first frame)."""
