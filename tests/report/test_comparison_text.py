"""Verdict sentences and the side-by-side table: a sentence only where the 95% CI of the
paired difference excludes zero, in human units, with the CI's ends."""

from __future__ import annotations

import math

import pytest

from outsidein_desktop.analysis.compare import HEADLINE_MEASURES, Difference, Verdict
from outsidein_desktop.analysis.estimates import Estimate
from outsidein_desktop.report.comparison_text import (
    chart_title_compared_end_to_end,
    chart_title_compared_time_budget,
    chart_title_differences,
    figure,
    format_comparison,
    side_by_side_rows,
    table_header,
    value_scale,
    verdict_sentence,
    verdict_sentences,
)

from .comparison_case import small_comparison

DAY = 1440.0
NOTHING = Estimate(math.nan, math.nan, math.nan, 0)


def difference(measure: str, mean: float, low: float, high: float,
               verdict: Verdict) -> Difference:
    return Difference(measure, NOTHING, NOTHING, Estimate(mean, low, high, 5), verdict)


def test_a_shorter_time_is_said_in_days_with_the_ci_as_sizes():
    d = difference("end_to_end_median", -9 * DAY, -12 * DAY, -6 * DAY, Verdict.BETTER)
    assert verdict_sentence("Third booker", d) == (
        "Third booker cuts the median end-to-end time by 9 days (95% CI 6 to 12).")


def test_a_larger_share_is_said_in_percentage_points():
    d = difference("gave_up_share", 0.03, 0.01, 0.05, Verdict.WORSE)
    assert verdict_sentence("Fewer call handlers", d) == (
        "Fewer call handlers raises the share who give up by 3 points (95% CI 1 to 5).")


def test_counts_carry_no_unit_and_small_numbers_keep_two_digits():
    d = difference("handoffs_per_customer", 0.16, 0.13, 0.2, Verdict.WORSE)
    sentence = verdict_sentence("Hub", d, people="patients")
    assert sentence == ("Hub raises the handoffs between teams per patient by 0.16 "
                        "(95% CI 0.13 to 0.2).")


def test_the_unit_fits_the_size_of_the_difference_and_one_is_singular():
    d = difference("unowned_mean", -30, -45, -15, Verdict.BETTER)
    assert "by 30 minutes (95% CI 15 to 45)" in verdict_sentence("X", d)
    d = difference("end_to_end_p90", -DAY, -DAY * 1.3, -DAY * 0.7, Verdict.BETTER)
    assert "by 24 hours (95% CI 17 to 31)" in verdict_sentence("X", d)
    d = difference("gave_up_share", -0.01, -0.015, -0.005, Verdict.BETTER)
    assert "cuts the share who give up by 1 point (95% CI 0.5 to 1.5)" in verdict_sentence(
        "X", d)


def test_no_sentence_where_the_ci_includes_zero():
    d = difference("end_to_end_median", -2 * DAY, -5 * DAY, 1 * DAY, Verdict.UNCLEAR)
    assert verdict_sentence("X", d) is None


@pytest.mark.parametrize(("value", "text"), [(1234.4, "1,234"), (-3.0, "−3"), (2.46, "2.5"),
                                             (0.0041, "0.0041"), (0.000012, "0.000012"),
                                             (0, "0"), (math.nan, "n/a")])
def test_figures_never_hide_a_small_number(value, text):
    assert figure(value) == text


def test_a_real_comparison_says_only_its_clear_differences():
    comparison = small_comparison()
    sentences = verdict_sentences(comparison)
    clear = [(o.name, m) for o in comparison.redesigns for m in HEADLINE_MEASURES
             if comparison.differences[o.name][m].verdict is not Verdict.UNCLEAR]
    assert len(sentences) == len(clear) > 0
    assert any(s.startswith("Third booker cuts the median end-to-end time") for s in sentences)
    assert any(s.startswith("Slower clinic raises the median end-to-end time")
               for s in sentences)
    assert all("(95% CI " in s for s in sentences)


def test_the_table_has_a_row_per_measure_and_the_analysis_verdicts():
    comparison = small_comparison()
    rows = side_by_side_rows(comparison)
    assert [r.measure for r in rows] == list(HEADLINE_MEASURES)
    for row in rows:
        assert len(row.values) == len(comparison.options)
        assert len(row.differences) == len(comparison.redesigns)
        for option, verdict in zip(comparison.redesigns, row.verdicts, strict=True):
            assert verdict is comparison.differences[option.name][row.measure].verdict
    median = rows[0]
    scale = value_scale("end_to_end_median", max(
        o.results.customer["end_to_end_median"].mean for o in comparison.options))
    assert median.unit == scale.unit
    base = comparison.baseline.results.customer["end_to_end_median"]
    assert median.values[0].startswith(figure(scale(base.mean)) + " (")
    assert rows[HEADLINE_MEASURES.index("waiting_share")].unit == "%"


def test_the_terminal_table_names_every_option_and_says_the_verdicts():
    comparison = small_comparison()
    text = format_comparison(comparison)
    for name in table_header(comparison)[2:]:
        assert name in text
    assert "better" in text and "worse" in text
    assert "Third booker cuts the median end-to-end time" in text


def test_chart_titles_state_the_findings():
    comparison = small_comparison()
    assert chart_title_compared_end_to_end(comparison).startswith("Third booker: half of ")
    assert chart_title_differences(comparison).startswith("Third booker is clearly better on")
    assert chart_title_compared_time_budget(comparison).startswith("Third booker shortens")


def test_tiny_differences_get_no_sentence_and_the_largest_come_first():
    from types import SimpleNamespace

    from outsidein_desktop.analysis.compare import Difference, Verdict
    from outsidein_desktop.analysis.estimates import Estimate
    from outsidein_desktop.report.comparison_text import verdict_sentences

    def diff(measure, base, change):
        return Difference(measure, Estimate(base, base, base, 5), Estimate(base, base, base, 5),
                          Estimate(change, change * 1.1, change * 0.9, 5), Verdict.BETTER)

    differences = {"waiting_share": diff("waiting_share", 0.9995, -0.00002),
                   "end_to_end_median": diff("end_to_end_median", 20000.0, -2000.0),
                   "chases_per_100": diff("chases_per_100", 240.0, -96.0)}
    comparison = SimpleNamespace(redesigns=[SimpleNamespace(name="Hub")],
                                 differences={"Hub": differences})
    said = verdict_sentences(comparison, tuple(differences))
    assert len(said) == 2
    assert "chases" in said[0] and "median" in said[1]


def test_the_board_papers_summary_leaves_tiny_differences_out_too():
    from types import SimpleNamespace

    from outsidein_desktop.analysis.compare import HEADLINE_MEASURES, Difference, Verdict
    from outsidein_desktop.analysis.estimates import Estimate
    from outsidein_desktop.report.paper.build import summary_sentences

    def diff(measure, base, change, verdict=Verdict.BETTER):
        return Difference(measure, Estimate(base, base, base, 5), Estimate(base, base, base, 5),
                          Estimate(change, change * 1.1, change * 0.9, 5), verdict)

    differences = {m: diff(m, 10.0, 0.0, Verdict.UNCLEAR) for m in HEADLINE_MEASURES}
    differences["waiting_share"] = diff("waiting_share", 0.9997, -0.00004)
    differences["end_to_end_median"] = diff("end_to_end_median", 20000.0, -2000.0)
    comparison = SimpleNamespace(redesigns=[SimpleNamespace(name="Letters")],
                                 differences={"Letters": differences})

    said = summary_sentences(comparison)

    assert len(said) == 1 and "median" in said[0]


def test_a_clear_but_tiny_difference_is_said_to_be_under_1_percent_and_not_counted():
    from types import SimpleNamespace

    from outsidein_desktop.analysis.compare import HEADLINE_MEASURES, Difference, Verdict
    from outsidein_desktop.analysis.estimates import Estimate
    from outsidein_desktop.report.comparison_text import (
        ComparisonRow,
        chart_title_differences,
        table_cells,
        verdict_word,
    )

    def diff(measure, base, change, verdict):
        return Difference(measure, Estimate(base, base, base, 5), Estimate(base, base, base, 5),
                          Estimate(change, change * 1.1, change * 0.9, 5), verdict)

    tiny = {m: diff(m, 10.0, -0.01, Verdict.BETTER) for m in HEADLINE_MEASURES}
    real = {m: diff(m, 10.0, 0.0, Verdict.UNCLEAR) for m in HEADLINE_MEASURES}
    real["end_to_end_median"] = diff("end_to_end_median", 10.0, -2.0, Verdict.BETTER)
    comparison = SimpleNamespace(redesigns=[SimpleNamespace(name="Tiny"),
                                            SimpleNamespace(name="Real")],
                                 differences={"Tiny": tiny, "Real": real})

    assert chart_title_differences(comparison).startswith("Real is clearly better on 1 of")
    assert verdict_word(Verdict.BETTER, negligible=True) == "better (<1%)"
    row = ComparisonRow("waiting_share", "Share waiting", "%", ["99.97", "99.96"],
                        ["−0.004 (−0.005 to −0.003)"], [Verdict.BETTER], [True])
    assert table_cells(SimpleNamespace(), [row])[0][-1].endswith(": better (<1%)")


def test_the_summary_chart_title_uses_the_tables_figures():
    from outsidein_desktop.report.comparison_text import chart_title_summary, side_by_side_rows

    from .comparison_case import small_comparison

    comparison = small_comparison()
    title = chart_title_summary(comparison)
    median_row = next(r for r in side_by_side_rows(comparison)
                      if r.measure == "end_to_end_median")
    diffs = comparison.differences
    better = [o.name for o in comparison.redesigns
              if diffs[o.name]["end_to_end_median"].verdict.value == "better"]
    assert better, "the case should have a redesign that cuts the median"
    # The figures in the title are the table's own (the mean of the replications' medians,
    # in the table's unit).
    before = median_row.values[0].split(" ")[0]
    after = median_row.values[1 + comparison.options[1:].index(
        next(o for o in comparison.options if o.name == better[0]))].split(" ")[0]
    assert title == (f"{better[0]} cuts the median end-to-end time to {after} "
                     f"{median_row.unit}, from {before} {median_row.unit} now")
