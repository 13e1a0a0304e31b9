"""Sweeps: vary one or two parameters of a map over a range (triage staff 1 to 6, the
chase threshold 5 to 30 days), simulate every point with the same settings and seed, and
read each customer's-view measure with its 95% CI along the range, and where it bends.

Every point runs with the same seed, so the points share their random numbers (as a
comparison's options do): the curve is smoother than independent runs would draw it, and
its shape is the parameter's doing. Points fan out over point × replication, on local
processes or a Dask cluster (see :func:`~.variants.simulate_variants`).

The API (used by the command line and the GUI's sweep dialog):

- :func:`parse_vary` / :func:`make_parameter` → :class:`Parameter`;
- :func:`sweep` → :class:`SweepResult` (``estimates``, ``lines``, ``knee``, ``find_knee``,
  ``per_replication``, ``unsettled_points``); each :class:`SweepPoint` knows whether its run
  settled (``unsettled``, ``unsettled_warnings``: see :mod:`.sweep_settled`);
- :func:`sweep_to_dict`, :func:`write_sweep_json`, :func:`write_sweep_csv`.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import itertools
import math
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .. import __version__
from ..domain.parts import RunSettings
from ..domain.service_map import ServiceMap
from ..errors import MapFileError
from ..sim.runner import ProgressCallback
from ..storage import write_json_atomically
from .estimates import Estimate
from .knee import Knee, find_knee, is_flat
from .results import CUSTOMER_MEASURES, Results
from .sweep_parameters import (
    FIELDS,
    Parameter,
    SweepSpecError,
    make_parameter,
    parse_vary,
    sweepable_names,
)
from .sweep_settled import unsettled_warnings
from .variants import Variant, simulate_variants

SWEEP_FORMAT = 1

#: The measure a sweep is read by when none is named.
DEFAULT_MEASURE = "end_to_end_median"


@dataclass
class SweepPoint:
    """One point of the sweep: a value of each parameter, and the results there.

    ``unsettled_warnings`` are those of the results' warnings that say the run had not
    settled by its end (a queue still growing, a team offered more than it can do, many
    still in the journey): see :func:`.sweep_settled.unsettled_warnings`. Left out, they
    are read from the results alone (without the overload rule, which needs the map)."""

    values: tuple[float, ...]  # one per parameter, in the parameters' order
    results: Results
    unsettled_warnings: list[str] | None = None  # filled in when left out

    def __post_init__(self) -> None:
        if self.unsettled_warnings is None:
            self.unsettled_warnings = unsettled_warnings(self.results)

    @property
    def unsettled(self) -> bool:
        """True if the run had not settled by its end: its figures depend on the run's
        length (and its medians count only the journeys that finished)."""
        return bool(self.unsettled_warnings)

    @property
    def still_in_journey(self) -> float:
        """The mean number of people still in the journey at the end of the run."""
        return self.results.customer["in_system_at_end"].mean


@dataclass
class SweepResult:
    """Every point of a sweep. With two parameters the points are the grid, the first
    parameter's values inside each of the second's."""

    title: str
    settings: RunSettings
    parameters: tuple[Parameter, ...]
    points: list[SweepPoint]
    scenario: str = ""  # the redesign the swept map came from, if any (for footnotes)

    @property
    def first(self) -> Parameter:
        return self.parameters[0]

    @property
    def second(self) -> Parameter | None:
        return self.parameters[1] if len(self.parameters) > 1 else None

    def estimates(self, measure: str) -> list[Estimate]:
        """``measure`` (a key of CUSTOMER_MEASURES) at each point, in the points' order."""
        check_measure(measure)
        return [p.results.customer[measure] for p in self.points]

    def per_replication(self, measure: str) -> np.ndarray:
        """``measure`` in each replication at each point: points × replications."""
        check_measure(measure)
        return np.stack([p.results.per_replication[measure] for p in self.points])

    def line_points(self, at: float | None = None) -> list[SweepPoint]:
        """The points along the first parameter where the second (if any) is ``at``."""
        if self.second is not None and at not in self.second.values:
            raise ValueError(f"Say which value of the {self.second.label} to read the "
                             f"sweep at: one of {', '.join(map(format, self.second.values))}.")
        return [p for p in self.points if len(p.values) < 2 or p.values[1] == at]

    def series(self, measure: str, at: float | None = None) -> tuple[np.ndarray,
                                                                   list[Estimate]]:
        """The first parameter's values and ``measure`` at each, where the second
        parameter (if any) is ``at``."""
        check_measure(measure)
        chosen = self.line_points(at)
        return (np.array([p.values[0] for p in chosen]),
                [p.results.customer[measure] for p in chosen])

    def settled(self, at: float | None = None) -> np.ndarray:
        """Along the line where the second parameter is ``at``: True at each point whose
        run settled."""
        return np.array([not p.unsettled for p in self.line_points(at)], dtype=bool)

    @property
    def unsettled_points(self) -> list[SweepPoint]:
        """The points whose run had not settled by its end, in the points' order."""
        return [p for p in self.points if p.unsettled]

    def read_from(self, at: float | None = None) -> np.ndarray:
        """Which points of the line at ``at`` a finding is read from: the settled ones, or
        every point when fewer than two settled (then the finding must say so)."""
        settled = self.settled(at)
        return settled if settled.sum() >= 2 else np.ones_like(settled)

    def lines(self, measure: str) -> dict[float | None, tuple[np.ndarray, list[Estimate]]]:
        """One series per value of the second parameter (one keyed None if there is none)."""
        if self.second is None:
            return {None: self.series(measure)}
        return {at: self.series(measure, at) for at in self.second.values}

    def find_knee(self, measure: str, at: float | None = None) -> Knee | None:
        """Where ``measure`` bends most along the first parameter (see :mod:`.knee`); a bend
        no larger than the typical 95% CI half-width is not counted. Read from the points
        whose run settled only: an unsettled point's figures depend on the run's length,
        so a knee there (or one made by it) would be the run's, not the parameter's."""
        x, estimates = self.series(measure, at)
        settled = self.settled(at)
        x = x[settled]
        estimates = [e for e, keep in zip(estimates, settled, strict=True) if keep]
        found = find_knee(x, [e.mean for e in estimates], noise=_noise(estimates))
        if found is None:
            return None
        # The index among every point of the line, not only the settled ones.
        return dataclasses.replace(found, index=int(np.flatnonzero(settled)[found.index]))

    def is_flat(self, measure: str, at: float | None = None) -> bool:
        """True if ``measure`` moves by no more than the typical 95% CI half-width along
        the first parameter: the parameter makes no clear difference to it. Read from the
        settled points (see :meth:`read_from`)."""
        _, estimates = self.series(measure, at)
        chosen = [e for e, keep in zip(estimates, self.read_from(at), strict=True) if keep]
        return is_flat([e.mean for e in chosen], noise=_noise(chosen))

    def knee(self, measure: str, at: float | None = None) -> float | None:
        """The value of the first parameter where more of it stops paying (or starts to
        cost) for ``measure``: None when the curve is flat or straight."""
        found = self.find_knee(measure, at)
        return found.value if found else None


def _noise(estimates: list[Estimate]) -> float:
    """The typical half-width of the estimates' 95% CIs: how far a mean moves by chance."""
    halves = [e.half_width for e in estimates if math.isfinite(e.half_width)]
    return float(np.median(halves)) if halves else 0.0


def check_measure(measure: str) -> str:
    """``measure`` if it is a customer's-view measure, else SweepSpecError saying which
    there are."""
    if measure not in CUSTOMER_MEASURES:
        close = difflib.get_close_matches(measure, list(CUSTOMER_MEASURES), n=1)
        hint = f" — did you mean '{close[0]}'?" if close else "."
        raise SweepSpecError(f"'{measure}' is not a measure of the customer's view{hint} "
                             f"The measures are: {', '.join(CUSTOMER_MEASURES)}.")
    return measure


def point_name(parameters: Sequence[Parameter], values: Sequence[float]) -> str:
    """A point in words, as results name their scenario: "staff of team 'Triage' 4 staff"."""
    return "; ".join(p.point_text(v) for p, v in zip(parameters, values, strict=True))


def point_map(service_map: ServiceMap, parameters: Sequence[Parameter],
              values: Sequence[float]) -> ServiceMap:
    """A copy of ``service_map`` with each parameter set to its value."""
    changed = service_map.copy()
    for parameter, value in zip(parameters, values, strict=True):
        parameter.apply(changed, value)
    return changed


def _checked(parameters: Parameter | Sequence[Parameter]) -> tuple[Parameter, ...]:
    chosen = (parameters,) if isinstance(parameters, Parameter) else tuple(parameters)
    if not 1 <= len(chosen) <= 2:
        raise SweepSpecError(f"A sweep varies one or two parameters (got {len(chosen)}).")
    if len(chosen) == 2 and chosen[0].target == chosen[1].target:
        raise SweepSpecError(f"Both parameters vary the {chosen[0].label}; a two-way sweep "
                             "varies two different things.")
    return chosen


def sweep(service_map: ServiceMap, parameters: Parameter | Sequence[Parameter],
          settings: RunSettings | None = None, *, jobs: int = 1,
          progress: ProgressCallback | None = None, cancel: threading.Event | None = None,
          cluster: str | None = None) -> SweepResult:
    """Simulate ``service_map`` at every point of ``parameters`` (one, or two for the grid)
    with ``settings`` (default: the map's), fanning out over point × replication on
    ``jobs`` local processes or the Dask scheduler at ``cluster``.

    Raises SweepSpecError for parameters that do not fit, ClusterError if the cluster
    cannot be used, Cancelled if ``cancel`` is set; ``progress`` hears of each
    replication as in :func:`~outsidein_desktop.sim.runner.run_variants`."""
    chosen = _checked(parameters)
    settings = settings or service_map.run
    grid = [tuple(reversed(v)) for v in itertools.product(
        *(p.values for p in reversed(chosen)))]
    variants = [Variant(point_name(chosen, v), point_map(service_map, chosen, v))
                for v in grid]
    results = simulate_variants(variants, settings, jobs=jobs, progress=progress,
                                cancel=cancel, cluster=cluster, title=service_map.title)
    return SweepResult(service_map.title, settings, chosen,
                       [SweepPoint(v, r, unsettled_warnings(r, variant.service_map))
                        for v, r, variant in zip(grid, results, variants, strict=True)])


# --- files ------------------------------------------------------------------------------


def _number(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def _parameter_dict(p: Parameter) -> dict[str, Any]:
    return {"kind": p.kind, "name": p.name, "field": p.field, "label": p.label,
            "unit": p.unit, "values": list(p.values), "text": p.text}


def _knees(result: SweepResult, measure: str) -> float | None | dict[str, float | None]:
    if result.second is None:
        return result.knee(measure)
    return {format(at, "g"): result.knee(measure, at) for at in result.second.values}


def sweep_to_dict(result: SweepResult) -> dict[str, Any]:
    """The whole sweep for sweep.json: settings, parameters, and at each point every
    customer's-view measure (mean, 95% CI, and each replication's value), whether its run
    settled, with the knee of each measure (per value of the second parameter, if there
    is one; read from the settled points). Times are minutes; NaN is written as null."""
    s = result.settings
    return {
        "sweep_format": SWEEP_FORMAT,
        "software": {"name": "OutsideIn", "version": __version__},
        "map": result.title,
        "scenario": result.scenario,
        "settings": {"days": s.days, "warmup_days": s.warmup_days,
                     "replications": s.replications, "seed": s.seed,
                     "start_date": s.start_date.isoformat()},
        "units": {"time": "minutes", "shares": "fractions from 0 to 1"},
        "parameters": [_parameter_dict(p) for p in result.parameters],
        "points": [{
            "values": list(point.values),
            "name": point.results.scenario,
            "customer": {k: v.to_dict() for k, v in point.results.customer.items()},
            "per_replication": {k: [_number(x) for x in v]
                                for k, v in point.results.per_replication.items()},
            "warnings": list(point.results.warnings),
            "unsettled": point.unsettled,
            "unsettled_warnings": list(point.unsettled_warnings),
        } for point in result.points],
        "knees": {m: _knees(result, m) for m in CUSTOMER_MEASURES},
    }


def write_sweep_json(result: SweepResult, path: str | os.PathLike[str]) -> Path:
    """sweep.json (see :func:`sweep_to_dict`), written so that a failure leaves no half
    file."""
    write_json_atomically(sweep_to_dict(result), path)
    return Path(path)


def sweep_rows(result: SweepResult,
               measures: Sequence[str] | None = None) -> tuple[list[str], list[list[Any]]]:
    """The CSV's header and rows: one row per point and measure, with each parameter's
    value, the measure, its mean and 95% CI, its unit, the replications, and whether the
    point's run had not settled ("yes": its figures depend on the run's length)."""
    measures = [check_measure(m) for m in (measures or CUSTOMER_MEASURES)]
    header = [f"{p.label} ({p.unit})" for p in result.parameters]
    header += ["measure", "mean", "low", "high", "unit", "replications", "unsettled"]
    rows = []
    for measure in measures:
        unit = _measure_unit(measure)
        for point, estimate in zip(result.points, result.estimates(measure), strict=True):
            rows.append([*(format(v, "g") for v in point.values), measure,
                         *(_csv_number(x) for x in (estimate.mean, estimate.low,
                                                    estimate.high)), unit, estimate.n,
                         "yes" if point.unsettled else "no"])
    return header, rows


def write_sweep_csv(result: SweepResult, path: str | os.PathLike[str],
                    measures: Sequence[str] | None = None) -> Path:
    """sweep.csv (UTF-8 with a byte-order mark, for Excel): see :func:`sweep_rows`.
    Written beside ``path`` and renamed over it when complete, so a failure leaves no
    half file; raises MapFileError naming the file if it cannot be written."""
    header, rows = sweep_rows(result, measures)
    path = Path(path)
    temporary = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        with open(temporary, "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise MapFileError(str(path), f"The file could not be saved "
                           f"({error.strerror or error}). Nothing was changed.") from None
    return path


def _measure_unit(measure: str) -> str:
    description = CUSTOMER_MEASURES[measure]
    if description.endswith("(minutes)"):
        return "minutes"
    if "share" in measure or measure == "flow_efficiency":
        return "fraction"
    return description


def _csv_number(x: float) -> str:
    return f"{x:.6g}" if math.isfinite(x) else ""


__all__ = ["DEFAULT_MEASURE", "FIELDS", "Knee", "Parameter", "SweepPoint", "SweepResult",
           "SweepSpecError", "check_measure", "make_parameter", "parse_vary", "point_map",
           "point_name", "sweep", "sweep_rows", "sweep_to_dict", "sweepable_names",
           "write_sweep_csv", "write_sweep_json"]
