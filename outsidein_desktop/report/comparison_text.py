"""Plain words for a comparison: the verdict sentences and the side-by-side table.

A verdict sentence is written only where the 95% confidence interval of the paired
difference excludes zero (the analysis layer's BETTER or WORSE); otherwise the table says
"no clear difference". Times are shown in the unit a person would use, shares in
percentage points. Nothing is computed here that :mod:`..analysis.compare` gives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..analysis.compare import HEADLINE_MEASURES, Comparison, Difference, Verdict
from ..analysis.estimates import Estimate
from ..analysis.results import CUSTOMER_MEASURES
from ..domain.units import counted, format_share
from .timescale import unit_for

#: What each measure is called in a sentence ("{people}" is the word for the people going
#: through) and how it is shown: time, share (of 1, shown in %), count or rate.
MEASURE_WORDS: dict[str, tuple[str, str]] = {
    "end_to_end_median": ("the median end-to-end time", "time"),
    "end_to_end_p90": ("the 90th percentile end-to-end time", "time"),
    "end_to_end_mean": ("the mean end-to-end time", "time"),
    "waiting_mean": ("the mean time waiting", "time"),
    "waiting_share": ("the share of the journey spent waiting", "share"),
    "touch_mean": ("the mean time with staff", "time"),
    "flow_efficiency": ("flow efficiency (touch time / end-to-end time)", "share"),
    "unowned_mean": ("the mean time between teams", "time"),
    "unowned_share": ("the share of the journey between teams", "share"),
    "handoffs_per_customer": ("the handoffs between teams per {person}", "count"),
    "story_repeats_per_customer": ("the times each {person} tells their story again",
                                   "count"),
    "chases_per_100": ("the chases per 100 {people}", "count"),
    "gave_up_share": ("the share who give up", "share"),
    "arrivals_per_day": ("the {people} arriving per day", "count"),
    "completed_per_day": ("the journeys completed per day", "count"),
    "in_system_at_end": ("the {people} still in the journey at the end", "count"),
}

#: The table's label and unit for each measure (times get their unit per row).
TABLE_LABELS: dict[str, tuple[str, str]] = {
    "end_to_end_median": ("Median end-to-end time", ""),
    "end_to_end_p90": ("90th percentile end-to-end time", ""),
    "end_to_end_mean": ("Mean end-to-end time", ""),
    "waiting_mean": ("Mean time waiting", ""),
    "waiting_share": ("Share of the journey spent waiting", "%"),
    "touch_mean": ("Mean time with staff", ""),
    "flow_efficiency": ("Flow efficiency", "%"),
    "unowned_mean": ("Mean time between teams (unowned)", ""),
    "unowned_share": ("Share of the journey between teams", "%"),
    "handoffs_per_customer": ("Handoffs between teams", "per {person}"),
    "story_repeats_per_customer": ("Times the story is told again", "per {person}"),
    "chases_per_100": ("Chases (failure demand)", "per 100 {people}"),
    "gave_up_share": ("Share who give up", "%"),
    "arrivals_per_day": ("Arrivals", "per day"),
    "completed_per_day": ("Journeys completed", "per day"),
    "in_system_at_end": ("Still in the journey at the end", "{people}"),
}


def figure(value: float) -> str:
    """A number for a sentence or a cell: 12, 3.4, 0.37, 0.0041 (two significant digits
    below 1, so that a small but real difference does not read as 0)."""
    if not math.isfinite(value):
        return "n/a"
    size = abs(value)
    if size >= 10:
        text = f"{value:,.0f}"
    elif size >= 1:
        text = f"{value:.1f}".removesuffix(".0")
    elif size == 0:
        text = "0"
    else:
        text = f"{value:.2g}"
        if "e" in text:  # very small: plain decimals read better than 4.1e-05
            text = f"{value:.{1 - math.floor(math.log10(size))}f}"
    return text.replace("-", "−")


def _with(people: str, text: str) -> str:
    person = people[:-1] if people.endswith("s") else people
    return text.format(people=people, person=person)


def measure_label(measure: str, people: str = "customers") -> str:
    """The table's name of a measure: "Median end-to-end time"."""
    label = TABLE_LABELS.get(measure, (CUSTOMER_MEASURES.get(measure, measure), ""))[0]
    return _with(people, label)


def kind_of(measure: str) -> str:
    """time, share or count."""
    return MEASURE_WORDS.get(measure, ("", "count"))[1]


@dataclass(frozen=True)
class Scale:
    """How one measure's numbers are shown: multiply minutes (or shares) by ``factor`` and
    name the result ``unit`` ("days", "%", "points", "per patient")."""

    factor: float
    unit: str

    def __call__(self, value: float) -> float:
        return value * self.factor

    def text(self, value: float) -> str:
        """``value`` (minutes or a share) scaled and written as :func:`figure` does; a
        percentage close to 0 or 100 keeps the decimals that tell it apart (99.97%, not 100%)."""
        scaled = self(value)
        near_an_end = 0 < abs(scaled) < 10 or 90 < abs(scaled) < 100
        if self.unit == "%" and math.isfinite(scaled) and near_an_end:
            return format_share(scaled / 100).removesuffix("%").replace("-", "−")
        return figure(scaled)


def value_scale(measure: str, typical: float, people: str = "customers") -> Scale:
    """The scale for a measure's values, from a typical value (minutes for times)."""
    kind = kind_of(measure)
    if kind == "time":
        unit = unit_for(abs(typical))
        return Scale(1 / unit.minutes, unit.name)
    if kind == "share":
        return Scale(100.0, "%")
    unit = TABLE_LABELS.get(measure, ("", ""))[1]
    return Scale(1.0, _with(people, unit))


def difference_scale(measure: str, difference: Estimate, people: str = "customers") -> Scale:
    """The scale for a difference: a time unit fitted to its size; shares in points."""
    if kind_of(measure) == "time":
        ends = [abs(x) for x in (difference.mean, difference.low, difference.high)
                if math.isfinite(x)]
        unit = unit_for(max(ends) if ends else math.nan)
        return Scale(1 / unit.minutes, unit.name)
    if kind_of(measure) == "share":
        return Scale(100.0, "points")
    return value_scale(measure, difference.mean, people)


def _amount(value: float, unit: str) -> str:
    text = figure(value)
    if text == "1" and unit in ("minutes", "hours", "days", "weeks", "points"):
        unit = unit[:-1]
    return f"{text} {unit}" if unit and not unit.startswith("per ") else text


# --- verdict sentences --------------------------------------------------------------------


def verdict_sentence(option: str, difference: Difference, people: str = "customers"
                     ) -> str | None:
    """"Third booker cuts the median end-to-end time by 9 days (95% CI 6 to 12)", or None
    where the verdict is UNCLEAR (the confidence interval includes zero)."""
    if difference.verdict is Verdict.UNCLEAR:
        return None
    d = difference.difference
    scale = difference_scale(difference.measure, d, people)
    verb = "cuts" if d.mean < 0 else "raises"
    low, high = sorted((abs(scale(d.low)), abs(scale(d.high))))
    what = _with(people, MEASURE_WORDS.get(difference.measure, (difference.measure, ""))[0])
    unit = scale.unit if not scale.unit.startswith("per ") else ""
    return (f"{option} {verb} {what} by {_amount(abs(scale(d.mean)), unit)} "
            f"(95% CI {figure(low)} to {figure(high)}).")


def verdict_sentences(comparison: Comparison, measures: tuple[str, ...] = HEADLINE_MEASURES,
                      people: str = "customers") -> list[str]:
    """The verdict sentences of every redesign over ``measures``, redesign by redesign and
    the largest differences (relative to the baseline) first.

    A difference smaller than MATERIAL of the baseline's value is left out even when its
    confidence interval excludes zero: common random numbers make tiny differences certain,
    and "cuts the share spent waiting by 0.002 points" is true but no use to a board. The
    side-by-side table still shows it."""
    sentences = []
    for option in comparison.redesigns:
        said = []
        for measure in measures:
            difference = comparison.differences[option.name].get(measure)
            if difference is None or immaterial(difference):
                continue
            sentence = verdict_sentence(option.name, difference, people)
            if sentence:
                size = abs(difference.relative)
                said.append((size if math.isfinite(size) else math.inf, sentence))
        sentences += [sentence for _, sentence in sorted(said, key=lambda x: -x[0])]
    return sentences


#: Differences below this share of the baseline's value get no sentence of their own.
MATERIAL = 0.01


def immaterial(difference: Difference) -> bool:
    """Smaller than MATERIAL of the baseline: no sentence of its own (the table shows it)."""
    size = abs(difference.relative)
    return math.isfinite(size) and size < MATERIAL


def no_clear_difference(comparison: Comparison,
                        measures: tuple[str, ...] = HEADLINE_MEASURES) -> list[str]:
    """The redesigns with no clear difference on any of ``measures``, as sentences."""
    said = []
    for option in comparison.redesigns:
        diffs = comparison.differences[option.name]
        if all(diffs[m].verdict is Verdict.UNCLEAR for m in measures if m in diffs):
            said.append(f"{option.name} makes no clear difference to any headline measure "
                        "(every 95% confidence interval includes zero).")
    return said


# --- the side-by-side table ---------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    """One measure across the options: each option's value with its 95% CI, and each
    redesign's difference to the baseline with its CI and verdict, as text in ``unit``."""

    measure: str
    label: str
    unit: str
    values: list[str]  # one per option, baseline first
    differences: list[str]  # one per redesign
    verdicts: list[Verdict]  # one per redesign
    # One per redesign: a clear difference under MATERIAL of the baseline, too small to
    # matter (said as such, and not picked out).
    negligible: list[bool] = field(default_factory=list)


def with_ci(e: Estimate, scale: Scale, signed: bool = False) -> str:
    """"61 (57 to 65)"; "+3.2 (1.1 to 5.3)" when ``signed``; the mean alone without a CI."""
    shown = scale.text if not signed else (lambda v: figure(scale(v)))
    mean = shown(e.mean)
    if signed and math.isfinite(e.mean) and e.mean > 0:
        mean = "+" + mean
    if not (math.isfinite(e.low) and math.isfinite(e.high)):
        return mean
    if e.low == e.high == e.mean:  # every replication the same: no interval to show
        return mean
    return f"{mean} ({shown(e.low)} to {shown(e.high)})"


def side_by_side_rows(comparison: Comparison, measures: tuple[str, ...] = HEADLINE_MEASURES,
                      people: str = "customers") -> list[ComparisonRow]:
    """The side-by-side table: one row per measure, in ``measures`` order. Differences
    are in the same unit as the values (a time row in days shows its differences in days;
    a share row in %, its differences in percentage points)."""
    rows = []
    for measure in measures:
        estimates = [o.results.customer[measure] for o in comparison.options]
        typical = max((abs(e.mean) for e in estimates if math.isfinite(e.mean)),
                      default=math.nan)
        scale = value_scale(measure, typical, people)
        diffs = [comparison.differences[o.name][measure] for o in comparison.redesigns]
        rows.append(ComparisonRow(
            measure=measure, label=measure_label(measure, people), unit=scale.unit,
            values=[with_ci(e, scale) for e in estimates],
            differences=[with_ci(d.difference, scale, signed=True) for d in diffs],
            verdicts=[d.verdict for d in diffs],
            negligible=[d.verdict is not Verdict.UNCLEAR and immaterial(d) for d in diffs]))
    return rows


def verdict_word(verdict: Verdict, negligible: bool = False) -> str:
    """"better", "worse" or "no clear difference"; "better (<1%)" when the difference is
    clear but under 1% of the baseline: too small to matter."""
    if negligible and verdict is not Verdict.UNCLEAR:
        return f"{verdict.value} (<{MATERIAL:.0%})"
    return verdict.value


def table_header(comparison: Comparison) -> list[str]:
    """Column names of the side-by-side table: measure, unit, each option, each
    redesign's difference to the baseline."""
    return (["Measure", "Unit"] + [o.name for o in comparison.options]
            + [f"{o.name} − {comparison.baseline.name}" for o in comparison.redesigns])


def table_cells(comparison: Comparison, rows: list[ComparisonRow]) -> list[list[str]]:
    """The rows as cells under :func:`table_header`; a difference carries its verdict."""
    cells = []
    for row in rows:
        diffs = [f"{text}: {verdict_word(v, small)}" for text, v, small in
                 zip(row.differences, row.verdicts, row.negligible, strict=True)]
        cells.append([row.label, row.unit, *row.values, *diffs])
    return cells


def format_comparison(comparison: Comparison, people: str = "customers") -> str:
    """The side-by-side table and the verdicts as plain text, for a terminal."""
    header = table_header(comparison)
    cells = table_cells(comparison, side_by_side_rows(comparison, people=people))
    widths = [max(len(r[i]) for r in [header, *cells]) for i in range(len(header))]
    lines = [f"{comparison.title}: {len(comparison.options)} options, "
             f"{counted(comparison.settings.replications, 'replication')} each, "
             "common random numbers",
             "Each figure: mean (95% confidence interval) over the replications; differences "
             "are paired replication by replication.", ""]
    for row in [header, *cells]:
        lines.append("  ".join(text.ljust(w) for text, w in zip(row, widths, strict=True))
                     .rstrip())
    lines.append("")
    sentences = verdict_sentences(comparison, people=people)
    sentences += no_clear_difference(comparison)
    lines += sentences or ["No redesign makes a clear difference to any headline measure."]
    return "\n".join(lines)


# --- chart titles: each states the chart's finding ----------------------------------------


def _time(minutes: float) -> str:
    unit = unit_for(minutes)
    return _amount(minutes / unit.minutes, unit.name)


def _times(after: float, before: float) -> tuple[str, str]:
    """Two times in one unit, with a decimal more where they would otherwise read alike."""
    unit = unit_for(max(after, before))
    a, b = after / unit.minutes, before / unit.minutes
    if figure(a) != figure(b):
        return _amount(a, unit.name), _amount(b, unit.name)
    return f"{a:.1f} {unit.name}", f"{b:.1f} {unit.name}"


def chart_title_compared_end_to_end(comparison: Comparison, people: str = "customers") -> str:
    """The redesign that most clearly cuts the median end-to-end time, against the
    baseline; or that none does."""
    base = comparison.baseline.results.end_to_end_pooled["p50"]
    if not math.isfinite(base):
        return "No journey finished in the baseline run"
    better = [o for o in comparison.redesigns
              if comparison.differences[o.name]["end_to_end_median"].verdict is Verdict.BETTER]
    if not better:
        return (f"No redesign clearly changes the median end-to-end time "
                f"(half of {people} wait more than {_time(base)} now)")
    best = min(better, key=lambda o: comparison.differences[o.name][
        "end_to_end_median"].difference.mean)
    after, before = _times(best.results.end_to_end_pooled["p50"], base)
    return f"{best.name}: half of {people} finish within {after}, against {before} now"


def chart_title_summary(comparison: Comparison) -> str:
    """The summary chart's finding, in the figures of the table beside it (the mean over
    replications of each replication's median end-to-end time, in the table's unit), not
    the pooled median."""
    medians = {o.name: comparison.differences[o.name]["end_to_end_median"]
               for o in comparison.redesigns}
    if not medians:
        return "The median end-to-end time"
    base = next(iter(medians.values())).baseline.mean
    if not math.isfinite(base):
        return "No journey finished in the baseline run"
    typical = max(abs(e.mean) for e in [o.results.customer["end_to_end_median"]
                                        for o in comparison.options] if math.isfinite(e.mean))
    scale = value_scale("end_to_end_median", typical)  # as side_by_side_rows chooses it
    better = [name for name, d in medians.items()
              if d.verdict is Verdict.BETTER and not immaterial(d)]
    if not better:
        return (f"No redesign clearly cuts the median end-to-end time ({scale.text(base)} "
                f"{scale.unit} now)")
    best = min(better, key=lambda name: medians[name].difference.mean)
    return (f"{best} cuts the median end-to-end time to "
            f"{scale.text(medians[best].scenario.mean)} {scale.unit}, from {scale.text(base)} "
            f"{scale.unit} now")


def chart_title_differences(comparison: Comparison,
                            measures: tuple[str, ...] = HEADLINE_MEASURES) -> str:
    """How many headline measures the best redesign improves (and worsens)."""
    counts = []
    for option in comparison.redesigns:
        # A clear difference too small to matter does not count as better or worse.
        verdicts = [d.verdict if not immaterial(d) else Verdict.UNCLEAR
                    for d in (comparison.differences[option.name][m] for m in measures)]
        counts.append((verdicts.count(Verdict.BETTER), -verdicts.count(Verdict.WORSE),
                       option.name))
    if not counts or max(c[0] for c in counts) == 0:
        return "No redesign is clearly better on any headline measure"
    better, worse, name = max(counts)
    tail = f" and worse on {-worse}" if worse else ", worse on none"
    return f"{name} is clearly better on {better} of {len(measures)} headline measures{tail}"


def chart_title_compared_time_budget(comparison: Comparison) -> str:
    """The redesign that most shortens the mean journey, where the paired difference in
    mean end-to-end time is clear; or that none does."""
    totals = {o.name: o.results.time_budget.total() for o in comparison.options}
    base = totals[comparison.baseline.name]
    if not (math.isfinite(base) and base > 0):
        return "No journey finished in the baseline run"
    shorter = [o.name for o in comparison.redesigns
               if comparison.differences[o.name]["end_to_end_mean"].verdict is Verdict.BETTER]
    if not shorter:
        return f"No redesign clearly shortens the mean journey ({_time(base)} now)"
    best = min(shorter, key=lambda name: totals[name])
    after, before = _times(totals[best], base)
    return f"{best} shortens the mean journey to {after}, from {before}"
