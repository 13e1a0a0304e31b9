"""The domain: the service map and its parts, as plain data. No Qt, no simpy."""

from .calendar import (
    WEEKDAYS,
    Arrivals,
    ScheduledArrivals,
    Shift,
    always,
    format_days,
    parse_days,
)
from .distributions import (
    DISTRIBUTIONS,
    Distribution,
    Empirical,
    Exponential,
    Fixed,
    Gamma,
    Lognormal,
    Normal,
    Triangular,
    Uniform,
    Weibull,
    make_distribution,
)
from .parts import (
    NODE_TYPES,
    ChaseRule,
    Decision,
    Delay,
    Entry,
    Exit,
    Handoff,
    Node,
    RunSettings,
    Segment,
    Step,
    Team,
)
from .service_map import EVERYONE, ServiceMap
from .units import Duration, format_minutes

__all__ = [
    "WEEKDAYS", "Arrivals", "ScheduledArrivals", "Shift", "always", "format_days", "parse_days",
    "DISTRIBUTIONS", "Distribution", "Empirical", "Exponential", "Fixed", "Gamma",
    "Lognormal", "Normal", "Triangular", "Uniform", "Weibull", "make_distribution",
    "NODE_TYPES", "ChaseRule", "Decision", "Delay", "Entry", "Exit", "Handoff", "Node",
    "RunSettings", "Segment", "Step", "Team", "EVERYONE", "ServiceMap", "Duration",
    "format_minutes",
]
