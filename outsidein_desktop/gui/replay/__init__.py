"""Replay a run on the map (Run ▸ Replay…): the session, its tool bar, clock and overlay."""

from .session import ReplaySession

__all__ = ["ReplaySession"]
