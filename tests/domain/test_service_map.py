"""The ServiceMap API: parts, handoffs, teams and segments, and the events it sends."""

import pickle

import pytest

from outsidein_desktop.domain import (
    EVERYONE,
    Arrivals,
    ChaseRule,
    Decision,
    Delay,
    Duration,
    Entry,
    Exit,
    Exponential,
    Fixed,
    Handoff,
    RunSettings,
    Segment,
    ServiceMap,
    Shift,
    Step,
    Team,
)
from outsidein_desktop.errors import InvalidParameter, ModelError


class Recorder:
    """A listener that keeps every event it hears."""

    def __init__(self):
        self.events = []

    def __call__(self, event, *details):
        self.events.append((event, *details))

    def names(self):
        return [event[0] for event in self.events]


# -- parts -------------------------------------------------------------------------------


def test_add_and_get_parts(tiny_map):
    assert len(tiny_map) == 3
    assert [n.name for n in tiny_map.nodes()] == ["Referral", "Triage", "Seen"]
    assert [n.name for n in tiny_map] == ["Referral", "Triage", "Seen"]
    assert tiny_map.has("Triage") and not tiny_map.has("Booking")
    triage = tiny_map.node("Triage")
    assert isinstance(triage, Step) and triage.team == "Nurses"
    assert triage.label == "step 'Triage'"
    assert [e.name for e in tiny_map.entries()] == ["Referral"]
    assert [s.name for s in tiny_map.steps()] == ["Triage"]
    assert [e.name for e in tiny_map.exits()] == ["Seen"]
    assert tiny_map.decisions() == [] and tiny_map.delays() == []
    assert tiny_map.nodes(Exit) == [tiny_map.node("Seen")]


def test_add_returns_the_part_and_sorts_by_type(tiny_map):
    delay = tiny_map.add(Delay(name="Post", duration=Fixed(value=2, unit="days")))
    decision = tiny_map.add(Decision(name="Urgent?"))
    assert tiny_map.delays() == [delay]
    assert tiny_map.decisions() == [decision]


def test_a_duplicate_part_name_is_refused(tiny_map):
    with pytest.raises(ModelError, match="already a part called 'Triage'"):
        tiny_map.add(Decision(name="Triage"))
    assert len(tiny_map) == 3


def test_getting_a_missing_part_names_it(tiny_map):
    with pytest.raises(ModelError, match="no part called 'Booking'"):
        tiny_map.node("Booking")


def test_update_replaces_the_part(tiny_map):
    old = tiny_map.node("Triage")
    new = tiny_map.update("Triage", staff_needed=2, position=(10, 20))
    assert tiny_map.node("Triage") is new
    assert new.staff_needed == 2 and new.position == (10.0, 20.0)
    assert old.staff_needed == 1  # parts are frozen; the old one is untouched


def test_update_checks_the_new_values(tiny_map):
    with pytest.raises(InvalidParameter, match="staff needed for step 'Triage'"):
        tiny_map.update("Triage", staff_needed=0)
    assert tiny_map.node("Triage").staff_needed == 1


def test_rename_carries_the_handoffs(tiny_map):
    tiny_map.update_handoff("Referral", "Triage", info_travels=0.5)
    tiny_map.update("Triage", name="Assessment")
    assert not tiny_map.has("Triage")
    assert tiny_map.node("Assessment").name == "Assessment"
    assert tiny_map.has_handoff("Referral", "Assessment")
    assert tiny_map.has_handoff("Assessment", "Seen")
    assert tiny_map.handoff("Referral", "Assessment").info_travels == 0.5
    assert len(tiny_map.handoffs()) == 2
    assert [n.name for n in tiny_map.nodes()] == ["Referral", "Assessment", "Seen"]  # order kept


def test_rename_of_a_part_with_a_loop_on_itself(tiny_map):
    tiny_map.update_handoff("Triage", "Seen", probability=0.9)
    tiny_map.connect("Triage", "Triage", Handoff(probability=0.1))
    tiny_map.update("Triage", name="Assessment")
    assert tiny_map.handoff("Assessment", "Assessment").probability == 0.1


def test_rename_to_a_name_in_use_is_refused(tiny_map):
    with pytest.raises(ModelError, match="already a part called 'Seen'"):
        tiny_map.update("Triage", name="Seen")
    assert tiny_map.has("Triage") and isinstance(tiny_map.node("Seen"), Exit)


def test_remove_drops_the_handoffs(tiny_map):
    removed = tiny_map.remove("Triage")
    assert removed.name == "Triage"
    assert not tiny_map.has("Triage")
    assert tiny_map.handoffs() == []
    assert len(tiny_map) == 2


def test_remove_a_part_with_a_loop_on_itself(tiny_map):
    tiny_map.update_handoff("Triage", "Seen", probability=0.9)
    tiny_map.connect("Triage", "Triage", Handoff(probability=0.1))
    tiny_map.remove("Triage")
    assert tiny_map.handoffs() == []


def test_remove_a_missing_part_names_it(tiny_map):
    with pytest.raises(ModelError, match="'Booking'"):
        tiny_map.remove("Booking")


# -- handoffs ----------------------------------------------------------------------------


def test_connect_update_and_disconnect(tiny_map):
    tiny_map.add(Exit(name="Referred on"))
    handoff = tiny_map.connect("Triage", "Referred on", Handoff(probability=0.25))
    assert tiny_map.handoff("Triage", "Referred on") is handoff
    assert tiny_map.connect("Referral", "Seen").probability == 1.0  # a plain certain handoff
    changed = tiny_map.update_handoff("Triage", "Seen", probability=0.75,
                                      delay=Exponential(mean_value=1, unit="days"))
    assert tiny_map.handoff("Triage", "Seen") == changed
    assert changed.info_travels == 1.0  # untouched fields are kept
    assert [t for t, _ in tiny_map.ways_out("Triage")] == ["Seen", "Referred on"]
    assert sorted(s for s, _ in tiny_map.ways_in("Seen")) == ["Referral", "Triage"]
    assert tiny_map.disconnect("Triage", "Referred on") is handoff
    assert not tiny_map.has_handoff("Triage", "Referred on")


def test_a_second_handoff_between_the_same_parts_is_refused(tiny_map):
    with pytest.raises(ModelError, match="'Triage' is already handed on to 'Seen'"):
        tiny_map.connect("Triage", "Seen")


def test_connect_to_a_missing_part_is_refused(tiny_map):
    with pytest.raises(ModelError, match="no part called 'Nowhere'"):
        tiny_map.connect("Triage", "Nowhere")
    with pytest.raises(ModelError, match="no handoff from 'Seen' to 'Triage'"):
        tiny_map.handoff("Seen", "Triage")
    with pytest.raises(ModelError, match="no handoff from 'Seen' to 'Triage'"):
        tiny_map.disconnect("Seen", "Triage")
    with pytest.raises(ModelError):
        tiny_map.update_handoff("Seen", "Triage", probability=0.5)


def test_update_handoff_checks_the_probability(tiny_map):
    with pytest.raises(InvalidParameter, match="probability of a handoff must be at most 1"):
        tiny_map.update_handoff("Triage", "Seen", probability=1.4)


def test_probability_for_a_segment():
    handoff = Handoff(probability=0.3, by_segment={"Urgent": 0.9})
    assert handoff.probability_for("Urgent") == 0.9
    assert handoff.probability_for("Routine") == 0.3


# -- teams -------------------------------------------------------------------------------


def test_teams(tiny_map):
    admin = tiny_map.add_team(Team(name="Admin", colour="#EE6677"))
    assert tiny_map.team("Admin") is admin
    assert [t.name for t in tiny_map.teams()] == ["Nurses", "Admin"]
    assert tiny_map.has_team("Nurses") and not tiny_map.has_team("Doctors")
    assert [s.name for s in tiny_map.steps_of("Nurses")] == ["Triage"]
    with pytest.raises(ModelError, match="already a team called 'Admin'"):
        tiny_map.add_team(Team(name="Admin"))
    with pytest.raises(ModelError, match="no team called 'Doctors'"):
        tiny_map.team("Doctors")
    tiny_map.update_team("Admin", shifts=(Shift(staff=3),))
    assert tiny_map.team("Admin").staff == 3
    assert tiny_map.remove_team("Admin").name == "Admin"
    assert not tiny_map.has_team("Admin")


def test_renaming_a_team_carries_to_its_steps_and_chase_rules(tiny_map):
    chase = ChaseRule(after=Duration(2, "weeks"), team="Nurses", work=Fixed(value=5))
    tiny_map.add_segment(Segment(name="Worried", chase=chase))
    tiny_map.add_team(Team(name="Admin"))
    tiny_map.update_team("Nurses", name="Clinical team")
    assert [t.name for t in tiny_map.teams()] == ["Clinical team", "Admin"]  # order kept
    assert tiny_map.node("Triage").team == "Clinical team"
    assert tiny_map.segment("Worried").chase.team == "Clinical team"
    assert tiny_map.chase_teams() == ["Clinical team"]
    assert tiny_map.steps_of("Nurses") == []


def test_renaming_a_team_to_a_name_in_use_is_refused(tiny_map):
    tiny_map.add_team(Team(name="Admin"))
    with pytest.raises(ModelError, match="already a team called 'Admin'"):
        tiny_map.update_team("Nurses", name="Admin")
    assert tiny_map.node("Triage").team == "Nurses"


def test_removing_a_team_leaves_its_steps_pointing_at_it(tiny_map):
    tiny_map.remove_team("Nurses")
    assert tiny_map.node("Triage").team == "Nurses"  # validation reports it
    with pytest.raises(ModelError):
        tiny_map.remove_team("Nurses")


def test_team_checks_its_colour_and_name():
    with pytest.raises(InvalidParameter, match="'blue' is not a colour; write it like '#4477AA'"):
        Team(name="Admin", colour="blue")
    with pytest.raises(InvalidParameter, match="needs a name"):
        Team(name="  ")
    with pytest.raises(InvalidParameter, match="starts or ends with a space"):
        Team(name="Admin ")


# -- segments ----------------------------------------------------------------------------


def _with_segments(service_map):
    service_map.add_segment(Segment(name="Urgent", share=1, priority=1))
    service_map.add_segment(Segment(name="Routine", share=3, priority=2))
    return service_map


def test_segments(tiny_map):
    _with_segments(tiny_map)
    assert [s.name for s in tiny_map.segments()] == ["Urgent", "Routine"]
    assert tiny_map.effective_segments() == tiny_map.segments()
    assert tiny_map.segment("Routine").priority == 2
    with pytest.raises(ModelError, match="already a segment called 'Urgent'"):
        tiny_map.add_segment(Segment(name="Urgent"))
    with pytest.raises(ModelError, match="no segment called 'Frail'"):
        tiny_map.segment("Frail")
    tiny_map.update_segment("Urgent", share=2)
    assert tiny_map.segment("Urgent").share == 2
    tiny_map.remove_segment("Urgent")
    assert not tiny_map.has_segment("Urgent")


def test_a_map_without_segments_simulates_everyone(tiny_map):
    assert tiny_map.segments() == []
    assert tiny_map.effective_segments() == [EVERYONE]
    assert tiny_map.segment_shares("Referral") == {"Everyone": 1.0}


def test_segment_shares_from_the_segments(tiny_map):
    _with_segments(tiny_map)
    assert tiny_map.segment_shares("Referral") == {"Urgent": 0.25, "Routine": 0.75}


def test_segment_shares_from_the_entry_mix(tiny_map):
    _with_segments(tiny_map)
    tiny_map.update("Referral", segment_mix={"Urgent": 3, "Routine": 1})
    assert tiny_map.segment_shares("Referral") == {"Urgent": 0.75, "Routine": 0.25}


def test_segment_shares_all_zero_is_empty(tiny_map):
    tiny_map.add_segment(Segment(name="Nobody", share=0))
    assert tiny_map.segment_shares("Referral") == {}


def test_renaming_a_segment_carries_to_entry_mix_and_handoffs(tiny_map):
    _with_segments(tiny_map)
    tiny_map.add(Exit(name="Emergency"))
    tiny_map.update("Referral", segment_mix={"Urgent": 1, "Routine": 2})
    tiny_map.update_handoff("Triage", "Seen", probability=0.9, by_segment={"Urgent": 0.5})
    tiny_map.connect("Triage", "Emergency", Handoff(probability=0.1, by_segment={"Urgent": 0.5}))
    tiny_map.update_segment("Urgent", name="Two-week wait")
    assert [s.name for s in tiny_map.segments()] == ["Two-week wait", "Routine"]
    assert tiny_map.node("Referral").segment_mix == {"Two-week wait": 1, "Routine": 2}
    assert tiny_map.handoff("Triage", "Seen").by_segment == {"Two-week wait": 0.5}
    assert tiny_map.handoff("Triage", "Emergency").by_segment == {"Two-week wait": 0.5}


def test_renaming_a_segment_to_a_name_in_use_is_refused(tiny_map):
    _with_segments(tiny_map)
    with pytest.raises(ModelError, match="already a segment called 'Routine'"):
        tiny_map.update_segment("Urgent", name="Routine")


def test_segment_checks_its_values():
    with pytest.raises(InvalidParameter, match="share of segment 'Urgent'"):
        Segment(name="Urgent", share=-1)
    with pytest.raises(InvalidParameter, match="priority of segment 'Urgent'"):
        Segment(name="Urgent", priority=0)
    with pytest.raises(InvalidParameter, match="before a customer chases"):
        ChaseRule(after=Duration(0, "days"), team="Admin", work=Fixed(value=5))


# -- the whole map -----------------------------------------------------------------------


def test_copy_is_independent(tiny_map):
    clone = tiny_map.copy()
    assert clone == tiny_map
    clone.update("Triage", staff_needed=2)
    clone.add(Exit(name="Elsewhere"))
    clone.update_handoff("Referral", "Triage", info_travels=0.2)
    clone.add_team(Team(name="Admin"))
    clone.update_team("Nurses", shifts=())
    clone.add_segment(Segment(name="Urgent"))
    assert clone != tiny_map
    assert tiny_map.node("Triage").staff_needed == 1
    assert not tiny_map.has("Elsewhere")
    assert tiny_map.handoff("Referral", "Triage").info_travels == 1.0
    assert [t.name for t in tiny_map.teams()] == ["Nurses"]
    assert tiny_map.team("Nurses").staff == 2
    assert tiny_map.segments() == []


def test_copy_has_no_listeners(tiny_map):
    recorder = Recorder()
    tiny_map.subscribe(recorder)
    tiny_map.copy().add(Exit(name="Elsewhere"))
    assert recorder.events == []


def test_equality(tiny_map):
    same = ServiceMap(title="Tiny")
    same.add_team(Team(name="Nurses", shifts=(Shift(staff=2),)))
    same.add(Exit(name="Seen"))  # order of adding does not matter
    same.add(Step(name="Triage", team="Nurses",
                  duration=Exponential(mean_value=20, unit="minutes")))
    same.add(Entry(name="Referral", arrivals=Arrivals(per_day=10)))
    same.connect("Triage", "Seen")
    same.connect("Referral", "Triage")
    assert same == tiny_map
    assert same != "a map"
    for change in (lambda m: setattr(m, "title", "Other"),
                   lambda m: setattr(m, "run", RunSettings(days=30)),
                   lambda m: m.update("Seen", outcome="Treated"),
                   lambda m: m.update_handoff("Triage", "Seen", notes="by letter"),
                   lambda m: m.update_team("Nurses", colour="#000000"),
                   lambda m: m.add_segment(Segment(name="Urgent"))):
        other = tiny_map.copy()
        change(other)
        assert other != tiny_map


def test_listeners_hear_every_change(tiny_map):
    recorder = Recorder()
    tiny_map.subscribe(recorder)
    tiny_map.add(Exit(name="Referred on"))
    tiny_map.connect("Triage", "Referred on", Handoff(probability=0))
    tiny_map.update_handoff("Triage", "Referred on", probability=0)
    tiny_map.update("Triage", name="Assessment")
    tiny_map.disconnect("Assessment", "Referred on")
    tiny_map.remove("Referred on")
    assert recorder.events == [
        ("node_added", "Referred on"),
        ("handoff_added", "Triage", "Referred on"),
        ("handoff_changed", "Triage", "Referred on"),
        ("node_renamed", "Triage", "Assessment"),
        ("node_changed", "Assessment"),
        ("handoff_removed", "Assessment", "Referred on"),
        ("node_removed", "Referred on"),
    ]


def test_removing_a_part_announces_its_handoffs_first(tiny_map):
    recorder = Recorder()
    tiny_map.subscribe(recorder)
    tiny_map.remove("Triage")
    assert recorder.events == [("handoff_removed", "Referral", "Triage"),
                               ("handoff_removed", "Triage", "Seen"),
                               ("node_removed", "Triage")]


def test_listeners_hear_team_and_segment_changes(tiny_map):
    recorder = Recorder()
    tiny_map.add_segment(Segment(name="Urgent"))
    tiny_map.subscribe(recorder)
    tiny_map.add_team(Team(name="Admin"))
    tiny_map.update_team("Admin", name="Office")
    tiny_map.remove_team("Office")
    tiny_map.update_segment("Urgent", name="Two-week wait")
    tiny_map.remove_segment("Two-week wait")
    assert recorder.names() == ["team_added", "team_renamed", "team_changed", "team_removed",
                                "segment_renamed", "segment_changed", "segment_removed"]
    assert ("team_renamed", "Admin", "Office") in recorder.events
    assert ("segment_renamed", "Urgent", "Two-week wait") in recorder.events


def test_a_team_rename_announces_the_steps_it_changes(tiny_map):
    recorder = Recorder()
    tiny_map.subscribe(recorder)
    tiny_map.update_team("Nurses", name="Clinical team")
    assert recorder.events == [("node_changed", "Triage"),
                               ("team_renamed", "Nurses", "Clinical team"),
                               ("team_changed", "Clinical team")]


def test_unsubscribe(tiny_map):
    recorder = Recorder()
    tiny_map.subscribe(recorder)
    tiny_map.unsubscribe(recorder)
    tiny_map.add(Exit(name="Elsewhere"))
    assert recorder.events == []


def test_a_map_pickles_without_its_listeners(tiny_map):
    tiny_map.add_segment(Segment(name="Impatient", patience=Exponential(mean_value=3)))
    tiny_map.subscribe(lambda event, *details: None)  # a lambda cannot be pickled
    tiny_map.node("Triage").duration.mean  # noqa: B018 - fills the cached scipy object
    clone = pickle.loads(pickle.dumps(tiny_map))
    assert clone == tiny_map
    assert clone._listeners == []
    assert len(tiny_map._listeners) == 1  # the original keeps its listener
    clone.add(Exit(name="Elsewhere"))
    assert not tiny_map.has("Elsewhere")


def test_repr_counts_the_parts(tiny_map):
    assert repr(tiny_map) == "ServiceMap('Tiny': 3 parts, 2 handoffs, 1 teams)"
