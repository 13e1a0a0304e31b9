"""The welcome page: New, Open, the example journeys and the recent maps, one click away."""

import json

import pytest

from outsidein_desktop.domain import ServiceMap
from outsidein_desktop.gui.examples import find_examples, first_line
from outsidein_desktop.storage import save_map


@pytest.fixture
def examples(tmp_path, clinic_map):
    folder = tmp_path / "models"
    folder.mkdir()
    beta = clinic_map()
    beta.title = "Beta: a repairs journey"
    beta.notes = "Tenants report repairs by phone. The rest is detail."
    save_map(beta, folder / "beta.json")
    alpha = clinic_map()
    alpha.title = "Alpha: a clinic journey"
    alpha.notes = "Patients referred by their GP: from referral to treatment, step by step."
    save_map(alpha, folder / "alpha.json")
    return folder


def test_the_examples_are_listed_by_title_with_a_line_of_their_notes(make_window, examples):
    window = make_window(examples_dir=examples)
    buttons = window.welcome.example_buttons

    assert [b.text() for b in buttons] == ["Alpha: a clinic journey", "Beta: a repairs journey"]
    assert [b.description() for b in buttons] == [
        "Patients referred by their GP.", "Tenants report repairs by phone."]


def test_clicking_an_example_opens_it(make_window, examples):
    window = make_window(examples_dir=examples)

    window.welcome.example_buttons[1].click()

    assert window.has_map
    assert window.centre.currentWidget() is window.canvas
    assert window.document.service_map.title == "Beta: a repairs journey"
    assert window.windowTitle() == "beta.json (example)[*] \N{EM DASH} OutsideIn"


def test_new_and_open_buttons(make_window, dialogs, map_file):
    window = make_window()
    window.welcome.new_button.click()
    assert window.has_map and len(window.document.service_map) == 0

    other = make_window()
    dialogs.answers["open"] = (str(map_file), "")
    other.welcome.open_button.click()
    assert other.document.path == map_file


def test_recent_maps_are_one_click_away(make_window, map_file):
    first = make_window()
    first.open_map(map_file)

    window = make_window()
    buttons = window.welcome.recent_buttons
    assert len(buttons) == 1 and buttons[0].text().startswith("clinic.json")

    buttons[0].click()
    assert window.document.path == map_file.resolve()


def test_without_examples_the_page_says_so(make_window, tmp_path):
    window = make_window(examples_dir=tmp_path / "nowhere")

    assert window.welcome.example_buttons == []
    assert window.welcome.recent_heading.isHidden()


def test_the_repository_examples_are_found():
    titles = [e.title for e in find_examples()]

    assert titles, "the models/ folder has example maps"
    assert all(e.summary for e in find_examples())


def test_an_unreadable_example_is_listed_by_its_file_name(tmp_path):
    (tmp_path / "half_drawn.json").write_text("{not json")
    (tmp_path / "list.json").write_text(json.dumps([1, 2]))
    save_map(ServiceMap(title="Fine"), tmp_path / "fine.json")

    assert [e.title for e in find_examples(tmp_path)] == ["Fine", "half drawn", "list"]


def test_first_line_cuts_long_notes_at_a_word():
    assert first_line("Short. More.") == "Short."
    long = "word " * 60
    cut = first_line(long, limit=30)
    assert cut.endswith("\N{HORIZONTAL ELLIPSIS}") and len(cut) <= 31
