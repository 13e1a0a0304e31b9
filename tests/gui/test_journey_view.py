"""Following a person from the results view: the control, the journey window (timeline and
story), its exports, and what happens when nobody fits or the raw run is gone."""

import dataclasses

import pytest
from journey_maps import MORE_CLINICIANS, referral_map
from PySide6.QtGui import QGuiApplication

from outsidein_desktop.analysis.journey_finder import PICKS
from outsidein_desktop.analysis.run import simulate
from outsidein_desktop.gui.journey import FollowPersonBar, JourneyWindow
from outsidein_desktop.gui.journey.follow_bar import NEEDS_RUN
from outsidein_desktop.storage import save_scenario

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def run():
    service_map = referral_map()
    settings = dataclasses.replace(service_map.run, days=15, replications=2)
    return simulate(service_map, settings)


@pytest.fixture
def bar(qtbot, run):
    bar = FollowPersonBar()
    qtbot.addWidget(bar)
    bar.set_run(run)
    return bar


def choose(combo, data):
    combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i) == data))


def test_the_control_offers_every_kind_of_person_and_group(bar, run):
    assert [bar.pick.itemData(i) for i in range(bar.pick.count())] == list(PICKS)
    groups = [bar.among.itemText(i) for i in range(bar.among.count())]
    assert groups[0] == "everyone"
    assert "segment: Urgent" in groups and "outcome: Treated" in groups
    assert "through step: Assess" in groups
    assert bar.button.isEnabled()


def test_following_opens_the_timeline_and_the_story(qtbot, bar, run):
    choose(bar.pick, "gave-up")
    window = bar.follow()
    assert isinstance(window, JourneyWindow)
    qtbot.waitExposed(window)
    journey = window.followed.journey
    assert journey.gave_up_at  # the person asked for
    assert window.canvas.figure is window.figure
    assert window.figure.axes[0].get_title(loc="left").replace("\n", " ") \
        == window.story.title
    shown = window.text.toPlainText()
    assert window.story.title in shown and "In all:" in shown
    window.first_person.setChecked(True)
    assert "I gave up waiting for" in window.text.toPlainText()
    window.copy_story()
    assert QGuiApplication.clipboard().text() == window.story.text()


def test_the_journey_window_saves_its_timeline_and_story(qtbot, bar, dialogs, tmp_path):
    window = bar.follow()
    qtbot.addWidget(window)
    dialogs.answers["save"] = (str(tmp_path / "timeline"), "SVG drawing (*.svg)")
    assert window.export_timeline()
    assert (tmp_path / "timeline.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert window.export_timeline(str(tmp_path / "timeline.png"))
    assert (tmp_path / "timeline.png").read_bytes().startswith(PNG_MAGIC)
    dialogs.answers["save"] = (str(tmp_path / "story"), "Markdown (*.md)")
    assert window.save_story()
    assert (tmp_path / "story.md").read_text(encoding="utf-8") == window.story.markdown()
    assert not window.save_story(str(tmp_path / "missing" / "story.txt"))
    assert "could not be written" in dialogs.texts("warning")[-1]


def test_random_picks_another_person_each_time(bar):
    choose(bar.pick, "random")
    people = {(w.followed.pick.replication, w.followed.journey.customer)
              for w in (bar.follow() for _ in range(4))}
    assert len(people) > 1


def test_nobody_fits_is_told_not_raised(bar, dialogs):
    choose(bar.pick, "chased")
    choose(bar.among, next(bar.among.itemData(i) for i in range(bar.among.count())
                           if bar.among.itemText(i) == "segment: Urgent"))
    assert bar.follow() is None
    assert "Nobody who chased finished their journey in segment 'Urgent'" in \
        dialogs.texts("information")[-1]


def test_without_the_raw_run_the_control_says_why(qtbot):
    bar = FollowPersonBar()
    qtbot.addWidget(bar)
    assert not bar.button.isEnabled() and bar.toolTip() == NEEDS_RUN
    assert bar.follow() is None


def test_the_results_view_gets_the_run(make_window, map_file, clinic_map):
    window = make_window()
    window.open_map(map_file)
    service_map = clinic_map()
    settings = dataclasses.replace(service_map.run, days=10, warmup_days=2, replications=1)
    window.show_run(simulate(service_map, settings))
    follow = window.results_view.follow
    assert follow.run is window.last_run and follow.button.isEnabled()
    journey = follow.follow()
    assert journey is not None and journey.followed.pick.why.startswith("the median journey")
    window.show_results(window.results)  # the same results: the run stays
    assert follow.button.isEnabled()


def test_compare_with_a_redesign_opens_the_same_person_side_by_side(qtbot, bar, tmp_path,
                                                                     dialogs):
    scenario = tmp_path / "more_clinicians.json"
    save_scenario(MORE_CLINICIANS, scenario)
    window = bar.follow()
    qtbot.addWidget(window)
    assert window.compare_button.isEnabled()
    dialogs.answers["open"] = (str(scenario), "")
    task = window.compare_with()
    assert task is not None
    qtbot.waitUntil(lambda: window.compared is not None, timeout=60_000)
    pair = window.compared
    followed = pair.followed
    assert followed.redesign == MORE_CLINICIANS.name and followed.match.same_arrival
    assert followed.redesign_journey.arrival == followed.journey.arrival
    assert len(pair.figure.axes) >= 2 and not pair.compare_button.isVisible()
    shown = pair.text.toPlainText()
    assert followed.comparison.split(".")[0] in shown
    assert pair.story_text().startswith(followed.comparison)
    assert pair.save_story(str(tmp_path / "pair.md"))
    assert (tmp_path / "pair.md").read_text(encoding="utf-8").startswith("#### ")


def test_a_bad_redesign_file_is_told(qtbot, bar, tmp_path, dialogs):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    window = bar.follow()
    qtbot.addWidget(window)
    assert window.compare_with(str(bad)) is None
    assert "bad.json" in dialogs.texts("warning")[-1]
