"""briefreader's tests by kind: unit/ (logic, no UI), app/ (Pilot, snapshots), cli/ (commands, batch runs).

``helpers/`` holds what they share.
"""
