"""The desktop app (top layer): Qt widgets, the canvas, undo commands, background workers."""
