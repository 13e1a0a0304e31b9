"""Scenarios in the app: the panel listing the baseline and its redesigns, the commands
that add, rename, duplicate and delete them, and how edits on the canvas become a
scenario's changes (see editing.py). Import the modules themselves: the document imports
editing.py, so this package imports nothing that needs the document."""
