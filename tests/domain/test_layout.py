"""Automatic layout: left to right by longest path from the entries, and swimlanes by team."""

import itertools

from outsidein_desktop.domain import (
    Arrivals,
    Decision,
    Delay,
    Entry,
    Exit,
    Exponential,
    Fixed,
    Handoff,
    ServiceMap,
    Step,
    Team,
)
from outsidein_desktop.domain.layout import (
    CUSTOMER,
    ROW_GAP,
    back_edges,
    layers,
    left_to_right,
    swimlanes,
)


def _two_team_map() -> ServiceMap:
    """Two entries, two teams, a decision with a rework loop, a delay and two exits."""
    m = ServiceMap(title="Two teams")
    m.add_team(Team(name="Booking", colour="#4477AA"))
    m.add_team(Team(name="Clinic", colour="#EE6677"))
    m.add(Entry(name="Phone", arrivals=Arrivals(per_day=20)))
    m.add(Entry(name="Web form", arrivals=Arrivals(per_day=10)))
    m.add(Step(name="Register", team="Booking", duration=Exponential(mean_value=10)))
    m.add(Step(name="Book", team="Booking", duration=Exponential(mean_value=5)))
    m.add(Delay(name="Letter", duration=Fixed(value=2, unit="days")))
    m.add(Step(name="Assess", team="Clinic", duration=Exponential(mean_value=30)))
    m.add(Decision(name="Complete?"))
    m.add(Step(name="Treat", team="Clinic", duration=Exponential(mean_value=40)))
    m.add(Exit(name="Treated"))
    m.add(Exit(name="Referred on"))
    for source, target in [("Phone", "Register"), ("Web form", "Register"),
                           ("Register", "Book"), ("Book", "Letter"), ("Letter", "Assess"),
                           ("Assess", "Complete?"), ("Treat", "Treated")]:
        m.connect(source, target)
    m.connect("Complete?", "Treat", Handoff(probability=0.7))
    m.connect("Complete?", "Register", Handoff(probability=0.2))  # rework loop
    m.connect("Complete?", "Referred on", Handoff(probability=0.1))
    return m


def _assert_forward(service_map, positions):
    loops = back_edges(service_map)
    for source, target, _ in service_map.handoffs():
        if (source, target) not in loops:
            assert positions[target][0] > positions[source][0], (source, target)


def _assert_no_overlap(positions):
    for (a, pa), (b, pb) in itertools.combinations(positions.items(), 2):
        assert pa != pb, (a, b)
        if pa[0] == pb[0]:
            assert abs(pa[1] - pb[1]) >= ROW_GAP - 1e-6, (a, b)


def test_a_chain_runs_left_to_right_on_one_row(tiny_map):
    positions = left_to_right(tiny_map)

    xs = [positions[n][0] for n in ("Referral", "Triage", "Seen")]
    assert xs == sorted(xs) and len(set(xs)) == 3
    assert len({positions[n][1] for n in positions}) == 1


def test_a_rework_loop_is_a_back_edge_and_everything_else_goes_right(rework_map):
    positions = left_to_right(rework_map)

    assert back_edges(rework_map) == {("Fixed?", "Fix")}
    _assert_forward(rework_map, positions)
    assert positions["Fix"][0] < positions["Fixed?"][0]  # the loop goes back
    assert positions["Fixed?"][1] == positions["Fix"][1]  # the main path is straight


def test_several_entries_loops_and_branches():
    m = _two_team_map()
    positions = left_to_right(m)

    assert set(positions) == {n.name for n in m.nodes()}
    assert back_edges(m) == {("Complete?", "Register")}
    assert layers(m)["Phone"] == layers(m)["Web form"] == 0
    _assert_forward(m, positions)
    _assert_no_overlap(positions)
    main_path = ["Register", "Book", "Letter", "Assess", "Complete?", "Treat", "Treated"]
    assert len({positions[n][1] for n in main_path}) == 1


def test_a_self_loop_and_a_loop_without_an_entry_do_not_break_the_layout():
    m = ServiceMap()
    m.add(Entry(name="In", arrivals=Arrivals(per_day=1)))
    m.add(Step(name="Work", team="T", duration=Fixed(value=1)))
    m.add(Exit(name="Out"))
    m.add(Decision(name="A"))
    m.add(Decision(name="B"))
    m.connect("In", "Work")
    m.connect("Work", "Work", Handoff(probability=0.5))
    m.connect("Work", "Out", Handoff(probability=0.5))
    m.connect("A", "B")
    m.connect("B", "A")  # an island: a loop no entry reaches

    positions = left_to_right(m)

    assert ("Work", "Work") in back_edges(m)
    assert len(positions) == 5
    _assert_no_overlap(positions)
    assert positions["Work"][0] > positions["In"][0]


def test_an_empty_map_has_no_positions():
    assert left_to_right(ServiceMap()) == {}
    assert swimlanes(ServiceMap()) == ({}, [])


def test_swimlanes_put_each_team_in_its_own_lane():
    m = _two_team_map()
    positions, lanes = swimlanes(m)

    assert [name for name, _, _ in lanes] == [CUSTOMER, "Booking", "Clinic"]
    bounds = {name: (top, top + height) for name, top, height in lanes}
    assert all(height > 0 for _, _, height in lanes)
    for upper, lower in itertools.pairwise(lanes):
        assert upper[1] + upper[2] == lower[1]  # lanes touch, never overlap
    for step in m.steps():
        top, bottom = bounds[step.team]
        assert top < positions[step.name][1] < bottom, step.name
    for part in [*m.entries(), *m.exits(), *m.delays()]:
        top, bottom = bounds[CUSTOMER]
        assert top < positions[part.name][1] < bottom
    # The decision after Clinic's step sits in Clinic's lane.
    assert bounds["Clinic"][0] < positions["Complete?"][1] < bounds["Clinic"][1]
    # x still follows the journey.
    _assert_forward(m, positions)
    _assert_no_overlap(positions)


def test_swimlanes_stack_parts_of_one_lane_in_one_layer():
    m = _two_team_map()
    _, lanes = swimlanes(m)
    positions, _ = swimlanes(m)

    # Both entries are in the Customer lane at layer 0: they get a row each.
    assert positions["Phone"][0] == positions["Web form"][0]
    assert abs(positions["Phone"][1] - positions["Web form"][1]) == ROW_GAP
    customer = lanes[0]
    assert customer[2] >= 2 * ROW_GAP
