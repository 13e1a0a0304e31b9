"""Compare redesigns fairly: the baseline and each scenario run with the same settings and
the same random numbers, and each difference measured replication by replication.

Because every replication draws from streams named by its number and purpose (see
sim/streams.py), replication r of a scenario meets the same arrivals, the same patience
and the same durations (where the redesign leaves a step alone) as replication r of the
baseline. The differences of paired replications then vary far less than two independent
runs would, so a smaller redesign effect shows through; a scenario that changes nothing
gives a difference of exactly zero.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from enum import Enum

import numpy as np

from ..domain.parts import RunSettings
from ..domain.scenario import Scenario
from ..domain.service_map import ServiceMap
from ..sim.runner import ProgressCallback
from .estimates import Estimate, estimate
from .results import CUSTOMER_MEASURES, Results
from .variants import Variant, simulate_variants

BASELINE = "Baseline"

#: Measures where more is better; for every other customer's-view measure less is better.
HIGHER_IS_BETTER = frozenset({"flow_efficiency", "completed_per_day"})

#: Measures that describe the demand rather than the service: a redesign is not judged on
#: them (they differ only when a scenario changes the arrivals).
NOT_JUDGED = frozenset({"arrivals_per_day", "in_system_at_end"})

#: The measures a comparison leads with, in the order a board reads them.
HEADLINE_MEASURES = ("end_to_end_median", "end_to_end_p90", "waiting_share", "unowned_mean",
                     "handoffs_per_customer", "story_repeats_per_customer", "chases_per_100",
                     "gave_up_share")


class Verdict(Enum):
    BETTER = "better"
    WORSE = "worse"
    UNCLEAR = "no clear difference"  # the 95% CI of the difference includes zero


@dataclass(frozen=True)
class Difference:
    """A scenario's measure minus the baseline's, paired by replication."""

    measure: str
    baseline: Estimate
    scenario: Estimate
    difference: Estimate
    verdict: Verdict

    @property
    def relative(self) -> float:
        """The difference as a share of the baseline's mean (NaN if that is zero)."""
        base = self.baseline.mean
        return self.difference.mean / base if base and math.isfinite(base) else math.nan


@dataclass
class Option:
    """One of the options compared: the baseline or a redesign."""

    name: str
    scenario: Scenario | None
    changes: list[str]  # the scenario's changes in plain words, as made on the baseline
    service_map: ServiceMap  # the map as simulated
    results: Results


@dataclass
class Comparison:
    title: str
    settings: RunSettings
    options: list[Option]  # the baseline first, then each scenario in the order asked
    # scenario name -> measure -> difference to the baseline
    differences: dict[str, dict[str, Difference]] = field(default_factory=dict)

    @property
    def baseline(self) -> Option:
        return self.options[0]

    @property
    def redesigns(self) -> list[Option]:
        return self.options[1:]


def paired_difference(baseline: np.ndarray, scenario: np.ndarray) -> Estimate:
    """Mean difference (scenario − baseline) with its 95% CI, pairing replication r with
    replication r. Replications where either value is missing are left out of both."""
    base = np.asarray(baseline, dtype=float)
    other = np.asarray(scenario, dtype=float)
    if base.shape != other.shape:
        raise ValueError("Paired replications must be equal in number "
                         f"({len(base)} and {len(other)}).")
    return estimate(other - base)  # NaN - x is NaN: estimate drops the pair


def verdict_of(measure: str, difference: Estimate) -> Verdict:
    if measure in NOT_JUDGED or not (math.isfinite(difference.low)
                                     and math.isfinite(difference.high)):
        return Verdict.UNCLEAR
    if difference.low <= 0 <= difference.high:
        return Verdict.UNCLEAR
    lower = difference.high < 0
    return Verdict.BETTER if lower != (measure in HIGHER_IS_BETTER) else Verdict.WORSE


def differences(baseline: Results, scenario: Results) -> dict[str, Difference]:
    """Every customer's-view measure of ``scenario`` against ``baseline``, paired."""
    out = {}
    for measure in CUSTOMER_MEASURES:
        diff = paired_difference(baseline.per_replication[measure],
                                 scenario.per_replication[measure])
        out[measure] = Difference(measure, baseline.customer[measure],
                                  scenario.customer[measure], diff, verdict_of(measure, diff))
    return out


def option_names(scenarios: list[Scenario]) -> list[str]:
    """The options' names: the baseline's, then the scenarios', which must differ."""
    names = [BASELINE]
    for scenario in scenarios:
        if scenario.name in names:
            raise ValueError(f"Two options are called '{scenario.name}': give each scenario "
                             "its own name to compare them.")
        names.append(scenario.name)
    return names


def compare(service_map: ServiceMap, scenarios: list[Scenario],
            settings: RunSettings | None = None, *, jobs: int = 1,
            progress: ProgressCallback | None = None, cancel: threading.Event | None = None,
            cluster: str | None = None) -> Comparison:
    """Run the baseline and each scenario with the same settings and common random
    numbers, and measure each scenario's differences to the baseline.

    Raises ScenarioError if a scenario no longer fits the map, before anything runs."""
    settings = settings or service_map.run
    names = option_names(scenarios)
    variants = [Variant(BASELINE, service_map)]
    variants += [Variant(s.name, s.apply(service_map), scenario=s) for s in scenarios]
    results = simulate_variants(variants, settings, jobs=jobs, progress=progress,
                                cancel=cancel, cluster=cluster, title=service_map.title)
    options = [Option(name, variant.scenario,
                      variant.scenario.describe(service_map) if variant.scenario else [],
                      variant.service_map, result)
               for name, variant, result in zip(names, variants, results, strict=True)]
    comparison = Comparison(service_map.title, settings, options)
    for option in options[1:]:
        comparison.differences[option.name] = differences(options[0].results, option.results)
    return comparison
