"""The map picture for a paper: drawn headless, the journey reading down the page, and the
parts a scenario changes picked out (compared with the baseline by value)."""

from __future__ import annotations

import pytest

from outsidein_desktop.domain import Exponential, Handoff, ServiceMap, Step
from outsidein_desktop.report.export import save_figure
from outsidein_desktop.report.map_picture import (
    changed_parts,
    changes_in_words,
    map_figure,
    page_positions,
)

from .comparison_case import SLOWER_CLINIC, THIRD_BOOKER, two_teams


def labels(fig) -> dict[str, str]:
    """Label text (one line) -> font weight."""
    ax = fig.axes[0]
    return {t.get_text().replace("\n", " "): t.get_fontweight() for t in ax.texts}


def test_a_scenario_that_adds_staff_marks_the_team_and_its_steps():
    base = two_teams()
    changes = changed_parts(base, THIRD_BOOKER.apply(base))
    assert changes.teams == {"Booking"}
    assert changes.changed == {"Book"}
    assert not changes.new and not changes.removed and not changes.handoffs
    assert changes_in_words(changes) == ["Teams whose staff or hours change: Booking."]


def test_a_changed_duration_marks_only_that_step():
    base = two_teams()
    changes = changed_parts(base, SLOWER_CLINIC.apply(base))
    assert changes.changed == {"See"} and not changes.teams


def test_new_removed_and_rerouted_parts_are_found_and_moving_a_part_is_no_change():
    base = two_teams()
    changed = base.copy()
    changed.update("Done", position=(900.0, 50.0))
    changed.add(Step(name="Check", team="Clinic", duration=Exponential(mean_value=5),
                     position=(500, 0)))
    changed.disconnect("See", "Done")
    changed.connect("See", "Check")
    changed.connect("Check", "Done", Handoff(info_travels=0.5))
    changes = changed_parts(base, changed)
    assert changes.new == {"Check"}
    assert changes.changed == set()
    assert changes.handoffs == {("See", "Check"), ("Check", "Done")}
    smaller = base.copy()
    smaller.remove("See")
    assert changed_parts(base, smaller).removed == ["See"]


def test_the_picture_rings_and_bolds_the_changed_parts():
    base = two_teams()
    fig = map_figure(THIRD_BOOKER.apply(base), base, title="Third booker")
    text = labels(fig)
    assert text["Book (changed)"] == "bold"
    assert text["See"] == "normal"
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "Changed by the scenario" in legend
    assert fig.axes[0].get_title(loc="left") == "Third booker"


def test_the_baseline_picture_marks_nothing():
    fig = map_figure(two_teams())
    assert all(weight == "normal" for weight in labels(fig).values())
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "Changed by the scenario" not in legend
    assert set(legend) >= {"Entry", "Outcome"}


def test_the_journey_reads_down_the_page():
    positions = page_positions(two_teams())
    heights = [positions[name][1] for name in ("Referral", "Book", "See", "Done")]
    assert heights == sorted(heights, reverse=True)


def test_a_map_without_positions_is_laid_out():
    base = two_teams()
    unplaced = base.copy()
    for node in list(unplaced):
        unplaced.update(node.name, position=(0.0, 0.0))
    positions = page_positions(unplaced)
    assert len(set(positions.values())) == len(positions)


def test_an_empty_map_draws_a_message(tmp_path):
    fig = map_figure(ServiceMap(title="Nothing yet"))
    assert "The map is empty." in labels(fig)
    assert save_figure(fig, tmp_path / "empty.png").stat().st_size > 0


@pytest.mark.parametrize("kind", ["png", "pdf"])
def test_the_picture_saves(tmp_path, kind):
    base = two_teams()
    fig = map_figure(SLOWER_CLINIC.apply(base), base)
    assert save_figure(fig, tmp_path / f"map.{kind}").stat().st_size > 1000


def test_the_key_names_each_team_and_an_exit_that_means_giving_up():
    from outsidein_desktop.domain import Exit

    service_map = two_teams()
    without = [t.get_text() for t in map_figure(service_map).axes[0].get_legend().get_texts()]
    assert "Gave up" not in without
    assert {f"Step: {t.name}" for t in service_map.teams()} <= set(without)

    service_map.add(Exit(name="Hung up", gave_up=True))
    service_map.connect(next(iter(service_map.steps())).name, "Hung up",
                        Handoff(probability=0.0))
    with_exit = [t.get_text() for t in map_figure(service_map).axes[0].get_legend().get_texts()]
    assert "Gave up" in with_exit
