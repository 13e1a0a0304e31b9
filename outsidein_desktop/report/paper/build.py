"""A board paper from a comparison: a one-page summary, the charts, a page per option with
its map, and the STRESS-DES appendix. See :func:`build_paper`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os

from ...analysis.compare import HEADLINE_MEASURES, Comparison, Verdict
from ...domain.units import counted
from ..comparison_charts import comparison_figure, summary_figure
from ..comparison_text import (
    immaterial,
    no_clear_difference,
    side_by_side_rows,
    verdict_sentence,
    verdict_word,
)
from ..map_picture import changed_parts, changes_in_words, map_figure
from .appendix import stress_des_appendix
from .model import (
    Block,
    Box,
    Bullets,
    Chart,
    Heading,
    PageBreak,
    Paper,
    TableBlock,
    Text,
    chart_from_figure,
)

#: The summary page shows at most this many verdict sentences (the table has them all).
SUMMARY_SENTENCES = 3
PLACEHOLDER = "Recommendation: to be written by the team."

_CAPTIONS = {
    "end_to_end": "How long journeys take under each option: the share of {people} "
                  "finished within each time, with the median and 90th percentile marked.",
    "differences": "Each redesign's difference to the baseline on the headline measures, "
                   "with its 95% confidence interval (paired by replication).",
    "where_time_goes": "Where the time goes in each option: the mean journey cut into "
                       "getting there, queueing, time with staff and work without the "
                       "person.",
}


def headline_table(comparison: Comparison, people: str = "customers") -> TableBlock:
    """The side-by-side table of the headline measures: each option's value and each
    redesign's difference with their 95% CIs; a difference says better or worse only
    where its CI excludes zero."""
    rows = side_by_side_rows(comparison, HEADLINE_MEASURES, people)
    header = (("Measure",) + tuple(o.name for o in comparison.options)
              + tuple(f"{o.name}: difference" for o in comparison.redesigns))
    cells, emphasis = [], set()
    first_difference = 1 + len(comparison.options)
    for r, row in enumerate(rows):
        differences = []
        for c, (text, verdict, small) in enumerate(
                zip(row.differences, row.verdicts, row.negligible, strict=True)):
            differences.append(f"{text} {verdict_word(verdict, small)}")
            if verdict is not Verdict.UNCLEAR and not small:
                emphasis.add((r, first_difference + c))
        label = f"{row.label} ({row.unit})" if row.unit else row.label
        cells.append((label, *row.values, *differences))
    n = len(comparison.options)
    widths = (2.4,) + (1.25,) * n + (1.6,) * (n - 1)
    return TableBlock(tuple(header), tuple(cells), widths, emphasis=frozenset(emphasis),
                      caption="Mean (95% confidence interval) over the replications. "
                              "Differences are the redesign minus the baseline, paired "
                              "replication by replication; 'better' or 'worse' only where "
                              "the 95% confidence interval excludes zero; '(<1%)' where the "
                              "difference is under 1% of the baseline, too small to "
                              "matter.", small=True)


def summary_sentences(comparison: Comparison, people: str = "customers") -> list[str]:
    """The verdict sentences in the order a board reads the measures (every redesign's
    median end-to-end time first), then the redesigns that make no clear difference.
    Differences too small to matter get no sentence (see ``immaterial``)."""
    ordered = []
    for m, measure in enumerate(HEADLINE_MEASURES):
        for r, option in enumerate(comparison.redesigns):
            difference = comparison.differences[option.name][measure]
            if immaterial(difference):
                continue
            sentence = verdict_sentence(option.name, difference, people)
            if sentence:
                ordered.append((m, r, sentence))
    return [s for _, _, s in sorted(ordered)] + no_clear_difference(comparison)


def _options_text(comparison: Comparison) -> Bullets:
    """One line per option; each redesign's page describes it in full."""
    items = [f"{comparison.baseline.name}: the journey as it is today."]
    for option in comparison.redesigns:
        count = len(option.changes)
        said = "; ".join(option.changes) if count else "no changes"
        if len(said) > 150:
            said = f"{counted(count, 'change')}, listed on its page"
        items.append(f"{option.name}: {said}.")
    return Bullets(tuple(items), small=True)


def _summary(comparison: Comparison, question: str, recommendation: str,
             people: str, charts: dict[str, Chart]) -> list[Block]:
    s = comparison.settings
    sentences = summary_sentences(comparison, people)
    caution = _caution(comparison)
    # The caution takes a sentence's room: the summary chart must still fit on page 1.
    shown = sentences[:SUMMARY_SENTENCES - (1 if caution else 0)]
    if len(sentences) > len(shown):
        shown.append(f"{len(sentences) - len(shown)} more clear differences are in the table "
                     "above and on the charts page.")
    blocks: list[Block] = [
        # In the PDF the paper's title heads this page, which has no room for more.
        Heading("Summary", 1, in_pdf=False),
        Text(f"The question: {question}" if question else
             "The question: not stated by the team.", "lead"),
        Heading("The options", 2), _options_text(comparison),
        Heading("What the simulation shows", 2),
        headline_table(comparison, people),
        Bullets(tuple(shown), small=True) if shown else
        Text("No redesign makes a clear difference to any headline measure."),
        Box("Recommendation", recommendation.strip() or PLACEHOLDER,
            placeholder=not recommendation.strip()),
        Text(f"{counted(s.replications, 'replication')} of {s.days:g} days for each option "
             "(the first "
             f"{s.warmup_days:g} days a warm-up), seed {s.seed}, common random numbers. The "
             "model is described in the appendix. The chart: each redesign's paired "
             "difference to the baseline with its 95% confidence interval; every headline "
             f"measure is charted on the next page.{caution}", "small"),
        # Last, so that it can shrink into the space the page has left.
        charts["summary"],
    ]
    return blocks


def _caution(comparison: Comparison) -> str:
    """For page 1, not only the appendix: a board must not read unsettled figures as the
    long run. Empty when no run carries a warning."""
    unsettled = [o.name for o in comparison.options if o.results.warnings]
    if not unsettled:
        return ""
    which = ("every option" if len(unsettled) == len(comparison.options)
             else ", ".join(unsettled))
    return (f" Read with care: the runs of {which} carry warnings (appendix, A5), so their "
            "figures describe a run of this length, not the long run.")


def _option_pages(comparison: Comparison) -> list[Block]:
    blocks: list[Block] = []
    base = comparison.baseline.service_map
    for i, option in enumerate(comparison.options):
        blocks += [PageBreak(), Heading(f"Option: {option.name}", 1)]
        if i == 0:
            blocks.append(Text("The journey as it is today: the map every redesign changes."))
            figure = map_figure(option.service_map)
        else:
            if option.scenario and option.scenario.description:
                blocks.append(Text(option.scenario.description))
            blocks += [Heading("What changes", 2),
                       Bullets(tuple(option.changes) or ("No changes.",))]
            changes = changed_parts(base, option.service_map)
            notes = changes_in_words(changes)
            if notes:
                blocks.append(Text(" ".join(notes), "small"))
            figure = map_figure(option.service_map, base)
        caption = ("The map as simulated; the journey reads from the top. "
                   + ("Parts this option changes are ringed and their labels in bold; "
                      "changed handoffs are heavy dashed arrows." if i else ""))
        blocks.append(chart_from_figure(figure, caption.strip(), max_height=7.3))
    return blocks


def build_paper(comparison: Comparison, *, question: str, recommendation: str,
                map_path: str | os.PathLike[str] | None = None,
                people: str = "customers") -> Paper:
    """The board paper's content: a one-page summary (the question, the options, the
    headline differences with 95% CIs, the verdicts, one chart, the recommendation, or a
    line saying the team is to write it), the comparison charts, a page per option with
    its map and changes, and the STRESS-DES appendix. ``people`` is the word for the people
    going through ("patients")."""
    figures = {name: comparison_figure(comparison, name, people)
               for name in ("end_to_end", "differences", "where_time_goes")}
    charts = {name: chart_from_figure(fig, _CAPTIONS[name].format(people=people))
              for name, fig in figures.items()}
    charts["summary"] = dataclasses.replace(
        chart_from_figure(summary_figure(comparison, people)),
        shrink_to_fit=True)
    blocks = _summary(comparison, question, recommendation, people, charts)
    # The forest plot and every verdict on one page; the distributions on the next.
    blocks += [PageBreak(), Heading("The comparison in charts", 1),
               dataclasses.replace(charts["differences"], max_height=6.0),
               Bullets(tuple(summary_sentences(comparison, people)), small=True)
               if comparison.redesigns else Text("There is no redesign to compare."),
               PageBreak(), charts["end_to_end"], charts["where_time_goes"]]
    blocks += _option_pages(comparison)
    blocks += [PageBreak(), *stress_des_appendix(
        comparison, question=question, map_path=str(map_path) if map_path else None,
        people=people)]
    names = ", ".join(o.name for o in comparison.redesigns)
    return Paper(title=f"{comparison.title}: the options compared",
                 subtitle=(f"Baseline against {names}" if names else "Baseline only")
                 + f". Prepared {dt.date.today():%d %B %Y} with OutsideIn.",
                 question=question, recommendation=recommendation, blocks=blocks)
