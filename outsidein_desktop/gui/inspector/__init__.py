"""The inspector: editors for the selected part or handoff, or the map itself."""

from .distribution_picker import DistributionPicker
from .inspector import Inspector

__all__ = ["DistributionPicker", "Inspector"]
