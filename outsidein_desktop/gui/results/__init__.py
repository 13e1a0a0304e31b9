"""A run's results in the GUI: headline cards, the teams' view, charts, tables, hot-spots
on the map, saving, reopening and exports."""

from .files import ResultsFiles
from .view import ResultsView

__all__ = ["ResultsFiles", "ResultsView"]
