"""Follow one simulated person from the results view: a timeline and their story."""

from .follow_bar import FollowPersonBar
from .window import JourneyWindow

__all__ = ["FollowPersonBar", "JourneyWindow"]
