"""Results to and from JSON: results.json, and reopening a finished run without rerunning.

``results_from_dict(results_to_dict(r))`` gives back results equal to ``r`` in every figure
(times in minutes; NaN is written as null). The run's settings and the software version
travel with the figures.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np

from ..domain.parts import RunSettings
from ..errors import MapFileError
from ..storage import write_json_atomically
from .estimates import Estimate
from .results import Results, StepResult, TeamResult
from .time_budget import TimeBudget

RESULTS_FORMAT = 1


def _number(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def _numbers(values: np.ndarray) -> list[float | None]:
    return [_number(float(v)) for v in values]


def _array(values: list[float | None]) -> np.ndarray:
    return np.array([math.nan if v is None else v for v in values], dtype=float)


def _estimate(data: dict[str, Any]) -> Estimate:
    def value(key: str) -> float:
        return math.nan if data.get(key) is None else float(data[key])
    return Estimate(value("mean"), value("low"), value("high"), int(data.get("n", 0)))


def results_to_dict(r: Results) -> dict[str, Any]:
    """Everything, for results.json (documented in docs/results-json.md)."""
    return {
        "results_format": RESULTS_FORMAT,
        "software": {"name": "OutsideIn", "version": r.software_version},
        "map": r.title,
        "scenario": r.scenario,
        "settings": {"days": r.settings.days, "warmup_days": r.settings.warmup_days,
                     "replications": r.settings.replications, "seed": r.settings.seed,
                     "start_date": r.settings.start_date.isoformat()},
        "units": {"time": "minutes", "shares": "fractions from 0 to 1"},
        "customer": {k: v.to_dict() for k, v in r.customer.items()},
        "end_to_end_pooled": {k: _number(v) for k, v in r.end_to_end_pooled.items()},
        "outcomes": {k: v.to_dict() for k, v in r.outcomes.items()},
        "gave_up_at": {k: v.to_dict() for k, v in r.gave_up_at.items()},
        "teams": [{"name": t.name, "utilisation": t.utilisation.to_dict(),
                   "mean_wait": t.mean_wait.to_dict(), "queue_at_end": t.queue_at_end.to_dict(),
                   "chases_per_day": t.chases_per_day.to_dict()} for t in r.teams],
        "steps": [{"name": s.name, "team": s.team,
                   "visits_per_day": s.visits_per_day.to_dict(),
                   "mean_wait": s.mean_wait.to_dict(), "p90_wait": s.p90_wait.to_dict(),
                   "gave_up_per_day": s.gave_up_per_day.to_dict()} for s in r.steps],
        "queue_length": {
            "times_days": _numbers(r.queue_times_days),
            "teams": {name: {"mean": _numbers(m), "low": _numbers(lo), "high": _numbers(hi)}
                      for name, (m, lo, hi) in r.queue_length.items()}},
        "littles_law": {k: v.to_dict() for k, v in r.littles_law.items()},
        "time_budget": {"places": list(r.time_budget.places),
                        **{piece: _numbers(v) for piece, v in r.time_budget.minutes.items()}},
        "end_to_end_quantiles": _numbers(r.end_to_end_quantiles),
        "capability": {k: _numbers(v) for k, v in r.capability.items()},
        "per_replication": {k: _numbers(v) for k, v in r.per_replication.items()},
        "warnings": list(r.warnings),
    }


def results_from_dict(data: dict[str, Any]) -> Results:
    """Results from :func:`results_to_dict`'s output; KeyError/TypeError if malformed."""
    settings = data["settings"]
    budget = data["time_budget"]
    return Results(
        title=data["map"], scenario=data["scenario"],
        settings=RunSettings(days=settings["days"], warmup_days=settings["warmup_days"],
                             replications=settings["replications"], seed=settings["seed"],
                             start_date=dt.date.fromisoformat(settings["start_date"])),
        customer={k: _estimate(v) for k, v in data["customer"].items()},
        end_to_end_pooled={k: math.nan if v is None else v
                           for k, v in data["end_to_end_pooled"].items()},
        steps=[StepResult(name=s["name"], team=s["team"],
                          visits_per_day=_estimate(s["visits_per_day"]),
                          mean_wait=_estimate(s["mean_wait"]), p90_wait=_estimate(s["p90_wait"]),
                          gave_up_per_day=_estimate(s["gave_up_per_day"]))
               for s in data["steps"]],
        teams=[TeamResult(name=t["name"], utilisation=_estimate(t["utilisation"]),
                          mean_wait=_estimate(t["mean_wait"]),
                          queue_at_end=_estimate(t["queue_at_end"]),
                          chases_per_day=_estimate(t["chases_per_day"]))
               for t in data["teams"]],
        outcomes={k: _estimate(v) for k, v in data["outcomes"].items()},
        gave_up_at={k: _estimate(v) for k, v in data["gave_up_at"].items()},
        queue_times_days=_array(data["queue_length"]["times_days"]),
        queue_length={name: (_array(v["mean"]), _array(v["low"]), _array(v["high"]))
                      for name, v in data["queue_length"]["teams"].items()},
        littles_law={k: _estimate(v) for k, v in data["littles_law"].items()},
        time_budget=TimeBudget(places=list(budget["places"]),
                               minutes={k: _array(v) for k, v in budget.items()
                                        if k != "places"}),
        end_to_end_quantiles=_array(data["end_to_end_quantiles"]),
        capability={k: _array(v) for k, v in data["capability"].items()},
        # Results saved before per-replication values were kept have none.
        per_replication={k: _array(v) for k, v in data.get("per_replication", {}).items()},
        warnings=list(data["warnings"]),
        software_version=data["software"]["version"])


def save_results(results: Results, path: str | os.PathLike[str]) -> None:
    """Write results.json atomically."""
    write_json_atomically(results_to_dict(results), path)


def load_results(path: str | os.PathLike[str]) -> Results:
    """Reopen saved results; a file that is not OutsideIn results gives a MapFileError."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MapFileError(str(path), f"These results cannot be read ({error}).") from None
    if not isinstance(data, dict) or "results_format" not in data:
        raise MapFileError(str(path), "This is not a results file saved by OutsideIn.")
    if data["results_format"] != RESULTS_FORMAT:
        raise MapFileError(str(path), f"These results are in format {data['results_format']}, "
                           f"which this version of OutsideIn does not read.")
    try:
        return results_from_dict(data)
    except (KeyError, TypeError, ValueError) as error:
        raise MapFileError(str(path), f"These results are incomplete or damaged ({error}).") \
            from None
