"""The map canvas: draw and edit a journey (see view.MapCanvas, the main window's door).

The scene mirrors the document's map and every edit is an undo command (commands.py);
items never change the model. Modules: items (parts), arrows (handoffs), geometry (arrow
routing), scene, view, palette, connector (dragging a new handoff), editing (the edits as
commands), clipboard, swimlanes, export, shapes and style (the look).
"""

from .palette import PART_MIME_TYPE, PartPalette
from .scene import MapScene
from .view import MapCanvas

__all__ = ["MapCanvas", "MapScene", "PartPalette", "PART_MIME_TYPE"]
