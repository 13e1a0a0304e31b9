"""A comparison to files: comparison.json (every figure, documented in
docs/comparison-json.md) and comparison.csv (the side-by-side table, one row per measure).

The JSON keeps the engine's units (minutes, shares as fractions), like results.json; the
CSV is for people opening it in a spreadsheet, so each time row is in the unit a person
would read it in (days, hours...), named in its Unit column, and shares are percentages.
"""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path
from typing import Any

from ..domain.units import MINUTES_PER
from ..errors import MapFileError
from ..storage import write_json_atomically
from .compare import HEADLINE_MEASURES, HIGHER_IS_BETTER, NOT_JUDGED, Comparison
from .estimates import Estimate
from .results import CUSTOMER_MEASURES
from .results_file import results_to_dict

COMPARISON_FORMAT = 1

#: Measures in minutes, and shares (fractions of 1), among the customer's-view measures.
TIME_MEASURES = frozenset(k for k, words in CUSTOMER_MEASURES.items() if "(minutes)" in words)
SHARE_MEASURES = frozenset({"waiting_share", "flow_efficiency", "unowned_share",
                            "gave_up_share"})


def _number(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def _option(option: Any) -> dict[str, Any]:
    scenario = option.scenario
    return {"name": option.name, "baseline": scenario is None,
            "description": scenario.description if scenario else "",
            "changes": list(option.changes),
            "customer": {k: v.to_dict() for k, v in option.results.customer.items()},
            "end_to_end_pooled": {k: _number(v)
                                  for k, v in option.results.end_to_end_pooled.items()},
            "results": results_to_dict(option.results)}


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """Everything, for comparison.json (documented in docs/comparison-json.md)."""
    s = comparison.settings
    version = comparison.baseline.results.software_version
    return {
        "comparison_format": COMPARISON_FORMAT,
        "software": {"name": "OutsideIn", "version": version},
        "map": comparison.title,
        "settings": {"days": s.days, "warmup_days": s.warmup_days,
                     "replications": s.replications, "seed": s.seed,
                     "start_date": s.start_date.isoformat()},
        "common_random_numbers": True,
        "confidence_level": 0.95,
        "units": {"time": "minutes", "shares": "fractions from 0 to 1"},
        "measures": dict(CUSTOMER_MEASURES),
        "headline_measures": list(HEADLINE_MEASURES),
        "higher_is_better": sorted(HIGHER_IS_BETTER),
        "not_judged": sorted(NOT_JUDGED),
        "baseline": comparison.baseline.name,
        "options": [_option(o) for o in comparison.options],
        "differences": {
            name: {measure: {"difference": d.difference.to_dict(),
                             "relative": _number(d.relative),
                             "verdict": d.verdict.value}
                   for measure, d in diffs.items()}
            for name, diffs in comparison.differences.items()},
    }


def save_comparison_json(comparison: Comparison, path: str | os.PathLike[str]) -> Path:
    """Write comparison.json atomically; returns the path."""
    write_json_atomically(comparison_to_dict(comparison), path)
    return Path(path)


# --- the side-by-side table as CSV ---------------------------------------------------------


def _time_unit(minutes: float) -> str:
    # The thresholds of domain.units.format_minutes, so the CSV agrees with the sentences.
    if not math.isfinite(minutes) or minutes < 90:
        return "minutes"
    if minutes < 48 * 60:
        return "hours"
    if minutes < 10 * MINUTES_PER["weeks"]:
        return "days"
    return "weeks"


def row_unit(measure: str, comparison: Comparison) -> tuple[str, float]:
    """The unit of a measure's row in the CSV and the factor from the engine's units."""
    if measure in TIME_MEASURES:
        typical = max((abs(o.results.customer[measure].mean) for o in comparison.options
                       if math.isfinite(o.results.customer[measure].mean)), default=math.nan)
        unit = _time_unit(typical)
        return unit, 1 / MINUTES_PER[unit]
    if measure in SHARE_MEASURES:
        return "%", 100.0
    return "", 1.0


def csv_header(comparison: Comparison) -> list[str]:
    """The CSV's columns: measure, description, unit; per option its mean and 95% CI; per
    redesign its paired difference to the baseline, CI and verdict."""
    columns = ["measure", "description", "unit"]
    for option in comparison.options:
        columns += [f"{option.name}: mean", f"{option.name}: 95% CI low",
                    f"{option.name}: 95% CI high"]
    base = comparison.baseline.name
    for option in comparison.redesigns:
        what = f"{option.name} − {base}"
        columns += [f"{what}: difference", f"{what}: 95% CI low", f"{what}: 95% CI high",
                    f"{what}: verdict"]
    return columns


def _cells(e: Estimate, factor: float) -> list[str]:
    return ["" if not math.isfinite(x) else f"{x * factor:.6g}" for x in (e.mean, e.low, e.high)]


def csv_rows(comparison: Comparison) -> list[list[str]]:
    """One row per customer's-view measure, the headline measures first."""
    measures = list(HEADLINE_MEASURES) + [m for m in CUSTOMER_MEASURES
                                          if m not in HEADLINE_MEASURES]
    rows = []
    for measure in measures:
        unit, factor = row_unit(measure, comparison)
        row = [measure, CUSTOMER_MEASURES[measure].replace(" (minutes)", ""), unit]
        for option in comparison.options:
            row += _cells(option.results.customer[measure], factor)
        for option in comparison.redesigns:
            d = comparison.differences[option.name][measure]
            row += [*_cells(d.difference, factor), d.verdict.value]
        rows.append(row)
    return rows


def save_comparison_csv(comparison: Comparison, path: str | os.PathLike[str]) -> Path:
    """The side-by-side table as CSV (UTF-8 with a byte-order mark, so Excel reads the
    "−" right), written beside ``path`` and renamed over it when complete."""
    path = Path(path)
    temporary = path.parent / f".{path.name}.tmp"
    try:
        with open(temporary, "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(csv_header(comparison))
            writer.writerows(csv_rows(comparison))
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise MapFileError(str(path), f"The file could not be saved "
                           f"({error.strerror or error}). Nothing was changed.") from None
    return path
