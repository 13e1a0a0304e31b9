"""The paper's appendix: the model described as the STRESS-DES reporting guideline asks
(Monks et al., 2019, "Strengthening the reporting of empirical simulation studies"):
purpose, model logic, data and assumptions, experimentation, validation, and the software
and versions that produced the figures.

Everything here is read from the comparison and its maps; nothing is simulated again.
"""

from __future__ import annotations

import math
import platform
import sys
from importlib import metadata

from ...analysis.compare import HEADLINE_MEASURES, Comparison
from ...analysis.results import CUSTOMER_MEASURES
from ...domain.parts import Decision, Delay, Entry, Exit, Step
from ...domain.service_map import ServiceMap
from ..comparison_text import figure, measure_label
from .model import Block, Bullets, Heading, TableBlock, Text

#: The libraries whose versions the appendix states.
LIBRARIES = ("simpy", "numpy", "scipy", "networkx", "matplotlib", "reportlab", "python-docx")

#: The queueing-theory checks the project's test suite runs (tests/validation).
VALIDATION_CHECKS = (
    "M/M/1 and M/M/c queues: the mean wait agrees with Erlang C, and utilisation with "
    "theory, within the 95% confidence interval.",
    "M/D/1 queue: the mean wait agrees with the Pollaczek–Khinchine formula.",
    "Jackson networks: the visits per step agree with the traffic equations, and the mean "
    "wait per step and the mean time in the system with product-form theory.",
    "Erlang A (customers who give up): the share who give up agrees with theory.",
    "Little's law (customers in the system = arrival rate × time in the system) holds in "
    "every replication; customers are conserved (arrived = finished + gave up + still in).",
    "Reproducibility: the same seed gives the same results on one or several worker "
    "processes; a scenario with no changes gives exactly the baseline's figures; a "
    "scenario sees the same arrivals as its baseline, and each person carries their own "
    "random draws (how long each piece of work takes them, which way they go, their "
    "patience), so under a redesign the same person meets the same luck wherever the "
    "redesign leaves their journey alone (common random numbers).",
)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def software_versions(comparison: Comparison) -> list[tuple[str, str]]:
    """(name, version) of OutsideIn, Python, the libraries and the platform."""
    rows = [("OutsideIn", comparison.baseline.results.software_version),
            ("Python", platform.python_version())]
    rows += [(name, _version(name)) for name in LIBRARIES]
    rows.append(("Platform", f"{platform.system()} {platform.release()} "
                             f"({platform.machine()})"))
    return rows


def _purpose(comparison: Comparison, question: str, people: str) -> list[Block]:
    names = ", ".join(o.name for o in comparison.redesigns) or "none"
    return [
        Heading("A1. Purpose", 2),
        Text(f"Question: {question}" if question else
             "Question: not stated by the team."),
        Text(f"The model simulates the journey '{comparison.title}' from the side of the "
             f"{people} going through it, to compare the journey as it is today (the "
             f"baseline) with these redesigns: {names}. It measures what the whole journey "
             "feels like (end-to-end time, waiting, time between teams, handoffs, story "
             "repeats, chasing, giving up) rather than each team's own figures."),
        Text("Headline measures: " + "; ".join(measure_label(m, people)
                                               for m in HEADLINE_MEASURES) + "."),
    ]


def _team_rows(service_map: ServiceMap) -> tuple[tuple[str, ...], ...]:
    rows = []
    for team in service_map.teams():
        hours = "; ".join(s.describe() for s in team.shifts) or "no hours set"
        rows.append((team.name, str(team.staff), str(team.staff_hours_per_week), hours))
    return tuple(rows)


def _step_rows(service_map: ServiceMap) -> tuple[tuple[str, ...], ...]:
    rows = []
    for node in service_map:
        if isinstance(node, Step):
            rows.append((node.name, "step", node.team, node.duration.describe()
                         + ("" if node.customer_present else "; without the customer")))
        elif isinstance(node, Delay):
            rows.append((node.name, "delay", "", node.duration.describe()))
        elif isinstance(node, Entry):
            rows.append((node.name, "entry", "",
                         f"{figure(node.arrivals.mean_per_day)} arrivals a day on average"
                         + (f" ({node.arrivals.scheduled_per_week:,} a week at set times)"
                            if node.arrivals.schedule else "")))
        elif isinstance(node, Exit):
            rows.append((node.name, "outcome", "", node.outcome_label))
    return tuple(rows)


def _routing_rows(service_map: ServiceMap) -> tuple[tuple[str, ...], ...]:
    rows = []
    for node in service_map:
        ways = service_map.ways_out(node.name)
        if isinstance(node, Decision) or len(ways) > 1:
            for target, handoff in ways:
                said = f"{100 * handoff.probability:.0f}%"
                if handoff.by_segment:
                    said += " (" + ", ".join(f"{s}: {100 * p:.0f}%"
                                             for s, p in handoff.by_segment.items()) + ")"
                rows.append((node.name, target, said))
    return tuple(rows)


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def _logic(service_map: ServiceMap, people: str) -> list[Block]:
    counts = {kind: sum(1 for n in service_map if n.kind == kind)
              for kind in ("entry", "step", "decision", "delay", "exit")}
    blocks: list[Block] = [
        Heading("A2. Model logic", 2),
        Text(f"A discrete-event simulation (SimPy): each of the {people} going through is a "
             "process that walks the map from an entry to an outcome. Teams are resources with "
             "the staff "
             "on duty hour by hour; a step waits for a free member of its team (by "
             "priority, then first come first served). Decisions send people on with the "
             "probabilities below; delays and handoff delays pass time with no team working. "
             "Where information does not travel with a handoff, the person tells their "
             "story again. People who wait longer than their patience give up; people who "
             "hear nothing for a while chase, which is work for a team (failure demand)."),
        Text(f"The baseline map has {_count(counts['entry'], 'entry', 'entries')}, "
             f"{_count(counts['step'], 'step')}, {_count(counts['decision'], 'decision')}, "
             f"{_count(counts['delay'], 'delay')} and {_count(counts['exit'], 'outcome')}, "
             f"joined by {_count(len(service_map.handoffs()), 'handoff')}, and "
             f"{_count(len(service_map.teams()), 'team')}."),
        TableBlock(("Team", "Most staff on duty", "Staff-hours a week", "Hours"),
                   _team_rows(service_map), (2.2, 1.1, 1.1, 4.0), small=True,
                   caption="Teams and their hours (baseline)."),
    ]
    segments = service_map.effective_segments()
    if segments:
        rows = tuple((s.name, figure(s.share), str(s.priority),
                      s.patience.describe() if s.patience else "never give up",
                      f"after {s.chase.after}, to {s.chase.team}" if s.chase else "do not chase")
                     for s in segments)
        blocks.append(TableBlock(("Segment", "Share", "Priority", "Patience", "Chasing"),
                                 rows, (1.8, 0.8, 0.8, 2.6, 2.4), small=True,
                                 caption=f"Kinds of {people} (segments)."))
    blocks.append(TableBlock(("Part", "Kind", "Team", "Time taken or arrivals"),
                             _step_rows(service_map), (2.6, 0.9, 1.8, 3.1), small=True,
                             caption="Entries, steps, delays and outcomes (baseline)."))
    routing = _routing_rows(service_map)
    if routing:
        blocks.append(TableBlock(("From", "To", "Chance"), routing, (3.0, 3.6, 1.8),
                                 small=True, caption="Routing at each branch (baseline)."))
    return blocks


def _data(comparison: Comparison, map_path: str | None) -> list[Block]:
    base = comparison.baseline.service_map
    blocks: list[Block] = [Heading("A3. Data and assumptions", 2)]
    if map_path:
        blocks.append(Text(f"Map file: {map_path}."))
    blocks.append(Text(f"Notes on the map: {base.notes}" if base.notes.strip()
                       else "The map carries no notes on where its figures come from."))
    if base.sources:
        blocks += [Text("Sources named in the map:"), Bullets(tuple(base.sources))]
    else:
        blocks.append(Text("The map names no sources: its figures are the team's estimates."))
    blocks += [
        Text("Assumptions built into the model:"),
        Bullets((
            "Arrivals follow a Poisson process at the rates given, shaped by weekday and "
            "hour where the map says so.",
            "Each person takes each branch independently with the probabilities on the map.",
            "Durations are drawn independently from the distributions on the map; a team "
            "member works on one person at a time; work started runs to its end.",
            "Staff are on duty only in their hours; the model has no sickness, leave or "
            "overtime beyond what the hours say.",
            "Every scenario is the baseline with the listed changes and nothing else.",
        )),
    ]
    return blocks


def _experimentation(comparison: Comparison) -> list[Block]:
    s = comparison.settings
    window = s.days - s.warmup_days
    rows = (("Run length", f"{s.days:g} days from {s.start_date:%d %B %Y} (a simulated "
                           "calendar)"),
            ("Warm-up", f"{s.warmup_days:g} days: people who arrive in it are left out of "
                        f"the figures, which cover the following {window:g} days"),
            ("Replications", f"{s.replications} for each option"),
            ("Random numbers", f"seed {s.seed}; streams per replication and purpose "
                               "(numpy SeedSequence)"),
            ("Common random numbers", "yes: replication r of every option meets the same "
                                      "arrivals and the same durations where a step is "
                                      "unchanged, so differences are the redesign, not "
                                      "chance"),
            ("Confidence intervals", "95%, Student t over the replications; differences "
                                     "paired replication by replication"),
            ("Verdicts", "better or worse only where the 95% confidence interval of the "
                         "difference excludes zero"))
    return [Heading("A4. Experimentation", 2),
            TableBlock(("Setting", "Value"), rows, (2.0, 6.4), small=True),
            Text("Measures: " + "; ".join(f"{measure_label(k)}: {v}"
                                          for k, v in CUSTOMER_MEASURES.items()
                                          if k in HEADLINE_MEASURES) + ".", "small")]


def _validation(comparison: Comparison) -> list[Block]:
    rows = []
    for option in comparison.options:
        little = option.results.littles_law
        in_system = little["in_system"].mean
        predicted = little["arrivals_per_minute"].mean * little["time_in_system"].mean
        gap = abs(in_system - predicted) / in_system if in_system else math.nan
        rows.append((option.name, figure(in_system), figure(predicted),
                     f"{100 * gap:.1f}%" if math.isfinite(gap) else "n/a"))
    warnings = [f"{o.name}: {w}" for o in comparison.options for w in o.results.warnings]
    gaps = [float(r[3].rstrip("%")) for r in rows if r[3].endswith("%")]
    blocks: list[Block] = [
        Heading("A5. Validation", 2),
        Text("OutsideIn's test suite checks the engine against queueing theory on cases "
             "where the answer is known; each check passes within the 95% confidence "
             "interval of the simulation:"),
        Bullets(VALIDATION_CHECKS),
        Text("Little's law in this run (time-average people in the journey against arrival "
             "rate × mean time in the journey), per option:"),
        TableBlock(("Option", "People in the journey", "Arrival rate × time", "Gap"),
                   tuple(rows), (3.2, 1.8, 1.8, 1.2), small=True),
        Text("The two agree closely in a run that has settled into a steady state. "
             + (f"Here they differ by up to {max(gaps):.0f}%: the run has not settled (a "
                "queue still growing, or journeys long against the run), so the figures "
                "describe this run length rather than the long run; the warnings below say "
                "where." if gaps and max(gaps) > 5 else "Here they agree within 5%.")),
        Text("The map itself has not been checked against the service's own data by "
             "OutsideIn: the team should compare the baseline's figures (end-to-end times, "
             "queues, outcomes) with what the service records before relying on them."),
    ]
    if warnings:
        blocks += [Text("Warnings from the runs:"), Bullets(tuple(warnings))]
    return blocks


def _software(comparison: Comparison) -> list[Block]:
    return [Heading("A6. Software and versions", 2),
            TableBlock(("Software", "Version"), tuple(software_versions(comparison)),
                       (3.0, 5.4), small=True),
            Text(f"Produced with {sys.implementation.name} on {platform.platform()}. The "
                 "map and scenario files, with these settings and the seed, reproduce every "
                 "figure in this paper.", "small")]


def stress_des_appendix(comparison: Comparison, *, question: str = "",
                        map_path: str | None = None, people: str = "customers"
                        ) -> list[Block]:
    """The appendix's blocks: the model described as STRESS-DES asks."""
    base = comparison.baseline.service_map
    return [Heading("Appendix: the model (STRESS-DES)", 1),
            Text("This appendix follows the STRESS-DES guideline for reporting "
                 "discrete-event simulation studies (Monks et al., 2019).", "small"),
            *_purpose(comparison, question, people), *_logic(base, people),
            *_data(comparison, map_path), *_experimentation(comparison),
            *_validation(comparison), *_software(comparison)]


__all__ = ["stress_des_appendix", "software_versions", "VALIDATION_CHECKS"]
