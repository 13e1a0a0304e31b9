"""Comparing redesigns, sweeping a parameter, the board paper and where runs go, in the
GUI: dialogs, the Compare and Sweep panels, and the window's commands for them."""

from .commands import CompareCommands
from .view import CompareView

__all__ = ["CompareCommands", "CompareView"]
