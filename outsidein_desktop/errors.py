"""Errors that speak to the user.

Every mistake a user can make (a bad file, a parameter out of range, a scenario that no
longer fits its map) is raised as an :class:`OutsideInError` whose ``str()`` is a whole
sentence a non-programmer can act on. The command line and the GUI show that sentence;
tracebacks go to the log only.
"""

from __future__ import annotations


class OutsideInError(Exception):
    """A mistake the user can fix. ``str(error)`` is the full plain-English message."""


class InvalidParameter(OutsideInError, ValueError):
    """A value outside its allowed range, e.g. a negative mean duration."""


class ModelError(OutsideInError):
    """An edit the map cannot take, e.g. two parts with the same name."""


class MapFileError(OutsideInError):
    """A map or scenario file that cannot be read. Names the file and the element."""

    def __init__(self, path: str, problem: str, element: str = "") -> None:
        self.path = str(path)
        self.element = element
        self.problem = problem
        where = f"{self.path}: {element}: " if element else f"{self.path}: "
        super().__init__(where + problem)


class ScenarioError(OutsideInError):
    """A scenario change that does not fit its map (a step renamed or removed)."""
