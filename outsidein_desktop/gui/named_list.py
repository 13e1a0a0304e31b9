"""A list of named things (teams, segments) that keeps its selection across reloads."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from .inspector.widgets import quiet


def current_name(widget: QListWidget) -> str | None:
    item = widget.currentItem()
    return item.data(Qt.ItemDataRole.UserRole) if item else None


def select_name(widget: QListWidget, name: str) -> None:
    for row in range(widget.count()):
        if widget.item(row).data(Qt.ItemDataRole.UserRole) == name:
            widget.setCurrentRow(row)
            return


def refill(widget: QListWidget, entries: Sequence[tuple[str, QIcon | None]]) -> None:
    """Show ``entries`` (name, icon); keep the selected name if it is still there, else
    select the first."""
    current = current_name(widget)
    with quiet(widget):
        widget.clear()
        for name, icon in entries:
            item = QListWidgetItem(icon, name) if icon is not None else QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            widget.addItem(item)
    names = [name for name, _ in entries]
    if current in names:
        select_name(widget, current)
    elif names:
        widget.setCurrentRow(0)
