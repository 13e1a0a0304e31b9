"""OutsideIn: see a service from the outside in.

Draw a service as a journey map, simulate the people going through it, and measure what
the whole journey feels like for them (end-to-end time, handoffs, story repeats, unowned
time) next to each team's own figures. Try redesigns as scenarios before spending money.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("outsidein-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"
