"""How editing a scenario on the canvas works, and how undo works across scenarios.

The canvas shows one map: the baseline or a scenario applied to it (``document.show``).
Every edit goes through the existing commands (gui/commands.py), which change the map on
the canvas; after each push, undo and redo the document works out the shown scenario's
changes from what now differs from the baseline (``changes_between``), so the baseline's
journey is never touched and the scenario's list of changes is always what the canvas
shows. What a scenario does not record (where parts are drawn, the map's title, notes and
run settings) is one for the whole file: an edit of it goes to the baseline too.

Undo: one QUndoStack per document, and each command remembers which map it was made on
(``DocumentCommand.made_on``). Undoing or redoing an edit first shows that map again, so
Ctrl+Z always takes back the last edit whichever map is shown, and the user sees it
happen. We chose this over the alternatives because:

* one stack per scenario would make Ctrl+Z depend on which map is shown, and creating,
  renaming or deleting a scenario (which belong to no single map) would fit on none;
* recording "show scenario X" as a command would make looking at a scenario an edit: the
  file would turn "modified" and Ctrl+Z would only flip the view back.

The history is linear, so when a command is undone or redone every scenario has the
changes and the name it had when the command was made, and the map it names exists.
Showing another map is a view, not an edit, and is not on the stack.

An edit that cannot be kept as a change to the baseline (none should be: every part,
handoff, team and segment edit can) is taken back at once and :attr:`EditStack.refused`
says why, so the scenario and the canvas never disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

if TYPE_CHECKING:
    from ..document import MapDocument


class EditStack(QUndoStack):
    """The document's undo stack; it takes back an edit the shown scenario cannot keep."""

    refused = Signal(str)  # why an edit was taken back, in the user's words

    def __init__(self, document: MapDocument) -> None:
        super().__init__(document)
        self._document = document
        self._macros = 0

    def push(self, command: QUndoCommand) -> None:
        super().push(command)
        if self._macros == 0:
            self._refuse_unrecorded()

    def beginMacro(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._macros += 1
        super().beginMacro(text)

    def endMacro(self) -> None:  # noqa: N802 - Qt's name
        super().endMacro()
        self._macros -= 1
        if self._macros == 0:
            self._refuse_unrecorded()

    def _refuse_unrecorded(self) -> None:
        why = self._document.unrecorded
        if not why:
            return
        self.undo()
        # An obsolete command is dropped by redo() instead of being done again, so the
        # refused edit leaves nothing to redo.
        self.command(self.index()).setObsolete(True)
        self.redo()
        self.refused.emit(why)
