"""Validation: one test per check, each asserting severity, element and the key words."""

import pytest

from outsidein_desktop.domain import (
    Arrivals,
    ChaseRule,
    Decision,
    Delay,
    Duration,
    Entry,
    Exit,
    Fixed,
    Handoff,
    Segment,
    ServiceMap,
    Shift,
    Step,
    Team,
    always,
)
from outsidein_desktop.domain.validate import (
    ERROR,
    WARNING,
    Element,
    Problem,
    errors,
    offered_load,
    validate,
    visit_rates,
)


def assert_problem(service_map, severity, element, *words):
    """The one problem about ``element`` whose message holds every word."""
    problems = validate(service_map)
    found = [p for p in problems if p.element == element and all(w in p.message for w in words)]
    assert len(found) == 1, f"wanted one problem about {element} saying {words}: {problems}"
    assert found[0].severity == severity
    return found[0]


# -- a good map --------------------------------------------------------------------------


def test_a_valid_map_gives_no_problems(tiny_map, rework_map):
    assert validate(tiny_map) == []
    assert validate(rework_map) == []


def test_probabilities_within_the_tolerance_are_fine(rework_map):
    rework_map.update_handoff("Fixed?", "Done", probability=0.7 + 0.1)  # 0.7999999999999999
    assert validate(rework_map) == []


# -- the shape of the map ----------------------------------------------------------------


def test_empty_map():
    problems = validate(ServiceMap())
    assert len(problems) == 1
    assert problems[0].severity == ERROR
    assert problems[0].element == Element("map")
    assert "The map is empty" in problems[0].message
    assert "entry" in problems[0].message and "exit" in problems[0].message


def test_no_entry(tiny_map):
    tiny_map.remove("Referral")
    assert_problem(tiny_map, ERROR, Element("map"), "no entry", "no customers ever come in")


def test_no_exit(tiny_map):
    tiny_map.remove("Seen")
    assert_problem(tiny_map, ERROR, Element("map"), "no exit", "journey can end")


def test_a_handoff_back_into_an_entry(tiny_map):
    tiny_map.update_handoff("Triage", "Seen", probability=0.5)
    tiny_map.connect("Triage", "Referral", Handoff(probability=0.5))
    assert_problem(tiny_map, ERROR, Element("entry", "Referral"),
                   "handed back into this entry from 'Triage'")


def test_a_handoff_out_of_an_exit(tiny_map):
    tiny_map.add(Exit(name="Discharged"))
    tiny_map.connect("Seen", "Discharged")
    assert_problem(tiny_map, ERROR, Element("exit", "Seen"), "An exit is where a journey ends")


def test_a_part_with_no_way_out(tiny_map):
    tiny_map.disconnect("Triage", "Seen")
    assert_problem(tiny_map, ERROR, Element("step", "Triage"), "no way out", "stuck")


def test_an_unreachable_part(tiny_map):
    tiny_map.add(Step(name="Filing", team="Nurses", duration=Fixed(value=5)))
    tiny_map.connect("Filing", "Seen")
    assert_problem(tiny_map, ERROR, Element("step", "Filing"), "Nobody can get here", "entry")


def test_a_loop_with_no_way_out(tiny_map):
    tiny_map.add(Delay(name="Waiting list", duration=Fixed(value=1, unit="days")))
    tiny_map.add(Step(name="Review", team="Nurses", duration=Fixed(value=5)))
    tiny_map.disconnect("Triage", "Seen")
    tiny_map.connect("Triage", "Waiting list")
    tiny_map.connect("Waiting list", "Review")
    tiny_map.connect("Review", "Waiting list")
    problem = assert_problem(tiny_map, ERROR, Element("delay", "Waiting list"),
                             "'Waiting list' and 'Review' form a loop with no way out")
    assert "never reach an exit" in problem.message
    # The loop's members are not also reported one by one as dead ends.
    assert not [p for p in validate(tiny_map)
                if "has no way out" in p.message or "never leave" in p.message]


def test_a_part_that_cannot_reach_an_exit(tiny_map):
    tiny_map.add(Decision(name="Which way?"))
    tiny_map.add(Step(name="Limbo", team="Nurses", duration=Fixed(value=5)))
    tiny_map.disconnect("Triage", "Seen")
    tiny_map.connect("Triage", "Which way?")
    tiny_map.connect("Which way?", "Limbo")
    assert_problem(tiny_map, ERROR, Element("decision", "Which way?"),
                   "No route leads from here to an exit", "never finish")
    assert_problem(tiny_map, ERROR, Element("step", "Limbo"), "no way out")


def test_a_loop_of_decisions_that_takes_no_time(rework_map):
    rework_map.add(Decision(name="Checked?"))
    rework_map.disconnect("Fixed?", "Fix")
    rework_map.connect("Fixed?", "Checked?", Handoff(probability=0.2))
    rework_map.connect("Checked?", "Fixed?")
    problem = assert_problem(rework_map, ERROR, Element("decision", "Fixed?"),
                             "'Fixed?' and 'Checked?' form a loop of decisions that takes no time")
    assert "Put a step or a delay in the loop" in problem.message
    # A loop through a delay takes time, so it is allowed.
    rework_map.update_handoff("Checked?", "Fixed?", delay=Fixed(value=1, unit="days"))
    assert validate(rework_map) == []


def test_a_loop_customers_can_never_leave_because_its_way_out_has_probability_0(rework_map):
    rework_map.update_handoff("Fixed?", "Done", probability=0)
    rework_map.update_handoff("Fixed?", "Fix", probability=1)
    problem = assert_problem(rework_map, ERROR, Element("step", "Fix"),
                             "'Fix' and 'Fixed?'", "never leave")
    assert "probability of 0" in problem.message


def test_a_segment_that_can_never_leave_a_loop(rework_map):
    rework_map.add_segment(Segment(name="Stuck", share=1))
    rework_map.add_segment(Segment(name="Fine", share=1))
    rework_map.update_handoff("Fixed?", "Done", by_segment={"Stuck": 0})
    rework_map.update_handoff("Fixed?", "Fix", by_segment={"Stuck": 1})
    assert_problem(rework_map, ERROR, Element("step", "Fix"), "'Fix' and 'Fixed?'",
                   "never leave", "segment 'Stuck'")


# -- routing -----------------------------------------------------------------------------


def test_probabilities_adding_up_to_0_7(rework_map):
    rework_map.update_handoff("Fixed?", "Done", probability=0.5)
    problem = assert_problem(rework_map, ERROR, Element("decision", "Fixed?"),
                             "The ways out add up to 0.7 (70.0%), not 1 (100%)")
    assert "'Done' 50%" in problem.message and "'Fix' 20%" in problem.message


def test_probabilities_adding_up_to_more_than_1(rework_map):
    rework_map.update_handoff("Fixed?", "Done", probability=0.9)
    assert_problem(rework_map, ERROR, Element("decision", "Fixed?"), "add up to 1.1 (110.0%)")


def test_probabilities_for_one_segment(rework_map):
    rework_map.add_segment(Segment(name="Urgent"))
    rework_map.add_segment(Segment(name="Routine"))
    rework_map.update_handoff("Fixed?", "Done", by_segment={"Urgent": 0.6})
    problem = assert_problem(rework_map, ERROR, Element("decision", "Fixed?"),
                             "for segment 'Urgent'", "add up to 0.8 (80.0%)")
    assert "'Done' 60%" in problem.message
    assert not [p for p in validate(rework_map) if "Routine" in p.message]


def test_probabilities_for_a_segment_that_does_not_exist(rework_map):
    rework_map.add_segment(Segment(name="Urgent"))
    rework_map.update_handoff("Fixed?", "Done", by_segment={"Urgnet": 0.5})
    assert_problem(rework_map, ERROR, Element("handoff", ("Fixed?", "Done")),
                   "segment 'Urgnet'", "no such segment")


# -- teams -------------------------------------------------------------------------------


def test_a_step_whose_team_is_missing(tiny_map):
    tiny_map.update("Triage", team="Doctors")
    problem = assert_problem(tiny_map, ERROR, Element("step", "Triage"),
                             "team 'Doctors'", "no team with that name")
    assert str(problem).startswith("error: step 'Triage': It is done by team 'Doctors'")


def test_a_team_with_no_hours_but_steps(tiny_map):
    tiny_map.update_team("Nurses", shifts=())
    assert_problem(tiny_map, ERROR, Element("team", "Nurses"),
                   "no working hours", "step 'Triage' needs it")


def test_a_step_needing_more_staff_than_the_team_ever_has(tiny_map):
    tiny_map.update("Triage", staff_needed=3)
    assert_problem(tiny_map, ERROR, Element("step", "Triage"),
                   "needs 3 staff at once", "team 'Nurses' never has more than 2 on duty")


def test_stacked_shifts_count_for_staff_needed(tiny_map):
    tiny_map.update_team("Nurses", shifts=(Shift(staff=2), Shift(start=12, end=14, staff=1)))
    tiny_map.update("Triage", staff_needed=3)
    assert errors(validate(tiny_map)) == []


def test_a_team_no_step_uses(tiny_map):
    tiny_map.add_team(Team(name="Admin", shifts=(Shift(),)))
    assert_problem(tiny_map, WARNING, Element("team", "Admin"), "No step uses this team")


def test_a_team_that_only_takes_chases_is_used(tiny_map):
    tiny_map.add_team(Team(name="Admin", shifts=(Shift(),)))
    chase = ChaseRule(after=Duration(2, "weeks"), team="Admin", work=Fixed(value=5))
    tiny_map.add_segment(Segment(name="Worried", chase=chase))
    assert validate(tiny_map) == []


# -- segments ----------------------------------------------------------------------------


def _chasing(service_map, team):
    chase = ChaseRule(after=Duration(2, "weeks"), team=team, work=Fixed(value=5))
    service_map.add_segment(Segment(name="Worried", chase=chase))
    return service_map


def test_a_chase_team_that_is_missing(tiny_map):
    _chasing(tiny_map, "Admin")
    assert_problem(tiny_map, ERROR, Element("segment", "Worried"),
                   "chases go to team 'Admin'", "no team with that name")


def test_a_chase_team_with_no_hours(tiny_map):
    tiny_map.add_team(Team(name="Admin"))
    _chasing(tiny_map, "Admin")
    assert_problem(tiny_map, ERROR, Element("segment", "Worried"),
                   "chases go to team 'Admin'", "no working hours")


def test_a_segment_mix_naming_an_unknown_segment(tiny_map):
    tiny_map.add_segment(Segment(name="Urgent"))
    tiny_map.update("Referral", segment_mix={"Urgent": 1, "Frail": 1})
    assert_problem(tiny_map, ERROR, Element("entry", "Referral"),
                   "segment 'Frail'", "no such segment")


def test_all_segment_shares_zero(tiny_map):
    tiny_map.add_segment(Segment(name="Urgent", share=0))
    tiny_map.add_segment(Segment(name="Routine", share=0))
    assert_problem(tiny_map, ERROR, Element("map"), "Every segment has a share of 0",
                   "nobody arrives")


def test_an_entry_mix_all_zero(tiny_map):
    tiny_map.add_segment(Segment(name="Urgent"))
    tiny_map.update("Referral", segment_mix={"Urgent": 0})
    assert_problem(tiny_map, ERROR, Element("entry", "Referral"),
                   "Every segment in its mix has a share of 0")


def test_an_entry_nobody_comes_to(tiny_map):
    tiny_map.update("Referral", arrivals=Arrivals(per_day=0))
    assert_problem(tiny_map, WARNING, Element("entry", "Referral"), "Nobody comes in here")
    assert errors(validate(tiny_map)) == []


# -- load --------------------------------------------------------------------------------


@pytest.mark.parametrize(("load", "per_day"), [(1.0, 76.8), (1.2, 92.16)])
def test_offered_load_at_or_above_capacity_is_a_warning(rework_map, load, per_day):
    # Fix is visited 1/0.8 times per call, 30 minutes a visit, by 2 staff round the clock.
    rework_map.update("Calls", arrivals=Arrivals(per_day=per_day))
    problem = assert_problem(rework_map, WARNING, Element("team", "Repairs"),
                             "More work arrives than it can do")
    staff_hours = 2 * 168
    assert f"about {load * staff_hours:.0f} staff-hours a week" in problem.message
    assert f"for {staff_hours} staffed hours" in problem.message
    assert f"({load:.0%} of its capacity)" in problem.message
    assert errors(validate(rework_map)) == []


def test_offered_load_at_80_percent_is_fine(rework_map):
    rework_map.update("Calls", arrivals=Arrivals(per_day=0.8 * 76.8))
    assert validate(rework_map) == []


def test_load_is_not_checked_while_there_are_errors(rework_map):
    rework_map.update("Calls", arrivals=Arrivals(per_day=1000))
    rework_map.add(Exit(name="Lost"))  # unreachable: an error
    assert [p.severity for p in validate(rework_map)] == [ERROR]


def test_offered_load_figures(rework_map):
    work, staff = offered_load(rework_map)["Repairs"]
    assert work == pytest.approx(0.05 / 0.8 * 30)
    assert staff == pytest.approx(2)


def test_offered_load_uses_mean_staff_over_the_week(tiny_map):
    work, staff = offered_load(tiny_map)["Nurses"]
    assert work == pytest.approx(10 / 1440 * 20)
    assert staff == pytest.approx(2 * 8 * 5 / 168)


# -- traffic equations -------------------------------------------------------------------


def test_visit_rates_with_a_rework_loop(rework_map):
    rates = visit_rates(rework_map)
    arrivals = 72 / 1440  # per minute
    assert rates["Calls"] == pytest.approx(arrivals)
    assert rates["Fix"] == pytest.approx(arrivals / 0.8)
    assert rates["Fixed?"] == pytest.approx(arrivals / 0.8)
    assert rates["Done"] == pytest.approx(arrivals)


def test_visit_rates_per_segment(rework_map):
    rework_map.add_segment(Segment(name="Urgent", share=1))
    rework_map.add_segment(Segment(name="Routine", share=3))
    rework_map.update_handoff("Fixed?", "Done", by_segment={"Urgent": 0.5})
    rework_map.update_handoff("Fixed?", "Fix", by_segment={"Urgent": 0.5})
    rates = visit_rates(rework_map)
    arrivals = 72 / 1440
    assert rates["Fix"] == pytest.approx(0.25 * arrivals / 0.5 + 0.75 * arrivals / 0.8)
    assert rates["Done"] == pytest.approx(arrivals)


def test_visit_rates_with_branching_and_feedback():
    # In -> A; A -> B 0.3 or Out 0.7; B -> A 0.5 or Out 0.5.
    # By hand: a = g + 0.5 b, b = 0.3 a, so a = g / 0.85 and b = 0.3 g / 0.85.
    service_map = ServiceMap()
    service_map.add_team(Team(name="T", shifts=always(5)))
    service_map.add(Entry(name="In", arrivals=Arrivals(per_day=144)))
    for name in ("A", "B"):
        service_map.add(Step(name=name, team="T", duration=Fixed(value=1)))
    service_map.add(Exit(name="Out"))
    service_map.connect("In", "A")
    service_map.connect("A", "B", Handoff(probability=0.3))
    service_map.connect("A", "Out", Handoff(probability=0.7))
    service_map.connect("B", "A", Handoff(probability=0.5))
    service_map.connect("B", "Out", Handoff(probability=0.5))
    assert validate(service_map) == []
    g = 0.1
    rates = visit_rates(service_map)
    assert rates["A"] == pytest.approx(g / 0.85)
    assert rates["B"] == pytest.approx(0.3 * g / 0.85)
    assert rates["Out"] == pytest.approx(g)


def test_visit_rates_with_two_entries_and_an_entry_mix(tiny_map):
    tiny_map.add_segment(Segment(name="Urgent", share=1))
    tiny_map.add_segment(Segment(name="Routine", share=1))
    tiny_map.add(Entry(name="Walk-in", arrivals=Arrivals(per_day=20),
                       segment_mix={"Urgent": 1, "Routine": 0}))
    tiny_map.connect("Walk-in", "Triage")
    rates = visit_rates(tiny_map)
    assert rates["Triage"] == pytest.approx(30 / 1440)
    assert rates["Walk-in"] == pytest.approx(20 / 1440)


# -- problems as text --------------------------------------------------------------------


def test_errors_come_first_and_read_as_sentences(tiny_map):
    tiny_map.add_team(Team(name="Admin", shifts=(Shift(),)))  # a warning
    tiny_map.update("Triage", team="Doctors")  # an error
    problems = validate(tiny_map)
    assert [p.severity for p in problems] == [ERROR, WARNING, WARNING]  # Nurses is unused
    assert errors(problems) == problems[:1]


def test_elements_read_well():
    assert str(Element("map")) == "the map"
    assert str(Element("step", "Triage")) == "step 'Triage'"
    assert str(Element("handoff", ("Triage", "Clinic"))) == "handoff 'Triage' → 'Clinic'"
    problem = Problem(WARNING, Element("team", "Admin"), "No step uses this team.")
    assert str(problem) == "warning: team 'Admin': No step uses this team."
