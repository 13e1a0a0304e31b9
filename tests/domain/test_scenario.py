"""Scenarios: each change applied to a copy of the map, described, and refused when stale."""

import pytest

from outsidein_desktop.domain import (
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
    Segment,
    ServiceMap,
    Shift,
    Step,
    Team,
    Uniform,
)
from outsidein_desktop.domain.scenario import (
    AddStep,
    MergeTeams,
    RemoveStep,
    Scenario,
    SetArrivals,
    SetDuration,
    SetHandoff,
    SetHours,
    SetRouting,
    SetStaff,
)
from outsidein_desktop.domain.validate import errors, validate
from outsidein_desktop.errors import InvalidParameter, ScenarioError

EARLY = Shift(days=(0, 1, 2, 3, 4), start=8, end=14, staff=2)
LATE = Shift(days=(0, 1, 2, 3, 4), start=14, end=20, staff=3)


@pytest.fixture
def clinic_map() -> ServiceMap:
    """Referral -> Triage -> Needs tests? -(0.4)-> Tests -> Post -> Clinic -> Treated
                                           -(0.6)-> Clinic
    Admin (early and late shifts) does Triage; Clinicians do Tests and Clinic."""
    m = ServiceMap(title="Clinic")
    m.add_team(Team(name="Admin", shifts=(EARLY, LATE)))
    m.add_team(Team(name="Clinicians", shifts=(Shift(staff=4),)))
    m.add_segment(Segment(name="Routine", share=3))
    m.add_segment(Segment(name="Worried", share=1, chase=ChaseRule(
        after=Duration(2, "weeks"), team="Admin", work=Fixed(value=5))))
    m.add(Entry(name="Referral", arrivals=Arrivals(per_day=20, by_weekday=(2, 1, 1, 1, 1, 0, 0))))
    m.add(Step(name="Triage", team="Admin", duration=Fixed(value=10)))
    m.add(Decision(name="Needs tests?"))
    m.add(Step(name="Tests", team="Clinicians", duration=Exponential(mean_value=30)))
    m.add(Delay(name="Post", duration=Fixed(value=2, unit="days")))
    m.add(Step(name="Clinic", team="Clinicians", duration=Exponential(mean_value=20)))
    m.add(Exit(name="Treated"))
    m.connect("Referral", "Triage")
    m.connect("Triage", "Needs tests?", Handoff(info_travels=0.5))
    m.connect("Needs tests?", "Tests", Handoff(probability=0.4))
    m.connect("Needs tests?", "Clinic", Handoff(probability=0.6))
    m.connect("Tests", "Post", Handoff(delay=Fixed(value=1, unit="days")))
    m.connect("Post", "Clinic")
    m.connect("Clinic", "Treated")
    return m


def apply(service_map, *changes):
    return Scenario(name="Redesign", changes=changes).apply(service_map)


def test_the_fixture_is_valid(clinic_map):
    assert errors(validate(clinic_map)) == []


def test_set_staff_keeps_a_rosters_hours(clinic_map):
    new = apply(clinic_map, SetStaff(team="Admin", staff=4))
    assert new.team("Admin").shifts == (
        Shift(days=(0, 1, 2, 3, 4), start=8, end=14, staff=4),
        Shift(days=(0, 1, 2, 3, 4), start=14, end=20, staff=4))
    assert SetStaff(team="Admin", staff=4).describe(clinic_map) == "Admin: staff 3 → 4"


def test_set_staff_describes_the_most_on_duty_after_the_change(clinic_map):
    # With overlapping shifts, setting each shift to 2 puts 4 on duty at once.
    clinic_map.update_team("Admin", shifts=(Shift(start=9, end=17, staff=3),
                                            Shift(start=12, end=14, staff=1)))
    change = SetStaff(team="Admin", staff=2)
    assert apply(clinic_map, change).team("Admin").staff == 4
    assert change.describe(clinic_map) == "Admin: staff 4 → 4"


def test_set_staff_on_a_team_with_no_hours_says_so(clinic_map):
    clinic_map.add_team(Team(name="Volunteers"))
    with pytest.raises(ScenarioError, match="'Volunteers' has no working hours to staff"):
        apply(clinic_map, SetStaff(team="Volunteers", staff=2))


def test_set_staff_refuses_nonsense():
    with pytest.raises(InvalidParameter, match="the staff must be at least 1"):
        SetStaff(team="Admin", staff=0)


def test_set_hours(clinic_map):
    seven_days = (Shift(days=tuple(range(7)), start=8, end=20, staff=2),)
    change = SetHours(team="Clinicians", shifts=seven_days)
    assert apply(clinic_map, change).team("Clinicians").shifts == seven_days
    assert change.describe(clinic_map) == (
        "Clinicians: hours Mon-Fri 09:00-17:00, 4 staff → Mon-Sun 08:00-20:00, 2 staff")


def test_set_duration_of_a_step_and_a_delay(clinic_map):
    step = SetDuration(part="Triage", duration=Uniform(low=5, high=15))
    delay = SetDuration(part="Post", duration=Fixed(value=1, unit="hours"))
    new = apply(clinic_map, step, delay)
    assert new.node("Triage").duration == Uniform(low=5, high=15)
    assert new.node("Post").duration.mean == 60
    assert step.describe(clinic_map) == "Triage: time fixed, 10 min → uniform, mean 10 min"
    assert delay.describe(clinic_map) == "Post: time fixed, 2 days → fixed, 60 min"


def test_set_duration_of_a_decision_is_refused(clinic_map):
    with pytest.raises(ScenarioError, match="only steps and delays take time"):
        apply(clinic_map, SetDuration(part="Needs tests?", duration=Fixed(value=1)))


def test_set_routing(clinic_map):
    change = SetRouting(part="Needs tests?", probabilities={"Tests": 0.1, "Clinic": 0.9})
    new = apply(clinic_map, change)
    assert new.handoff("Needs tests?", "Tests").probability == 0.1
    assert new.handoff("Needs tests?", "Clinic").probability == 0.9
    assert errors(validate(new)) == []
    assert change.describe(clinic_map) == (
        "Needs tests?: to 'Tests' 40% → 10%, to 'Clinic' 60% → 90%")


def test_set_routing_to_an_impossible_probability_is_refused():
    with pytest.raises(InvalidParameter, match="probability of going to 'Tests' must be at most 1"):
        SetRouting(part="Needs tests?", probabilities={"Tests": 1.5})


def test_set_handoff_to_an_impossible_chance_is_refused():
    with pytest.raises(InvalidParameter, match="chance that information travels"):
        SetHandoff(source="Triage", target="Needs tests?", info_travels=-0.1)


def test_set_handoff_delay(clinic_map):
    change = SetHandoff(source="Tests", target="Post", delay=Fixed(value=1, unit="hours"))
    new = apply(clinic_map, change)
    assert new.handoff("Tests", "Post").delay == Fixed(value=1, unit="hours")
    assert new.handoff("Tests", "Post").info_travels == 1.0  # not named, so kept
    assert change.describe(clinic_map) == "Tests → Post: delay fixed, 24 hours → fixed, 60 min"


def test_set_handoff_no_delay(clinic_map):
    change = SetHandoff(source="Tests", target="Post", no_delay=True)
    assert apply(clinic_map, change).handoff("Tests", "Post").delay is None
    assert change.describe(clinic_map) == "Tests → Post: delay fixed, 24 hours → no delay"


def test_set_handoff_information(clinic_map):
    change = SetHandoff(source="Triage", target="Needs tests?", info_travels=0.95)
    new = apply(clinic_map, change)
    assert new.handoff("Triage", "Needs tests?").info_travels == 0.95
    assert new.handoff("Triage", "Needs tests?").delay is None
    assert change.describe(clinic_map) == (
        "Triage → Needs tests?: information travels 50% → 95%")


def test_remove_a_decision_multiplies_the_probabilities_through(clinic_map):
    new = apply(clinic_map, RemoveStep(part="Needs tests?"))
    assert not new.has("Needs tests?")
    assert new.handoff("Triage", "Tests").probability == pytest.approx(0.4)
    assert new.handoff("Triage", "Clinic").probability == pytest.approx(0.6)
    # The handoff into the removed part lends its own qualities to the new ones.
    assert new.handoff("Triage", "Clinic").info_travels == 0.5
    assert errors(validate(new)) == []


def test_remove_a_step_joins_an_existing_handoff(clinic_map):
    new = apply(clinic_map, RemoveStep(part="Tests"), RemoveStep(part="Post"))
    assert new.handoff("Needs tests?", "Clinic").probability == pytest.approx(1.0)
    assert [t for t, _ in new.ways_out("Needs tests?")] == ["Clinic"]
    assert validate(new) == []


def test_remove_a_step_with_a_loop_on_itself(clinic_map):
    # Tests are repeated 1 time in 4; removing the step must not lose those customers.
    clinic_map.update_handoff("Tests", "Post", probability=0.75)
    clinic_map.connect("Tests", "Tests", Handoff(probability=0.25))
    new = apply(clinic_map, RemoveStep(part="Tests"))
    assert new.handoff("Needs tests?", "Post").probability == pytest.approx(0.4)
    assert errors(validate(new)) == []


def test_remove_a_decision_routed_by_segment(clinic_map):
    clinic_map.update_handoff("Needs tests?", "Tests", by_segment={"Worried": 0.9})
    clinic_map.update_handoff("Needs tests?", "Clinic", by_segment={"Worried": 0.1})
    new = apply(clinic_map, RemoveStep(part="Needs tests?"))
    to_tests = new.handoff("Triage", "Tests")
    assert to_tests.probability_for("Routine") == pytest.approx(0.4)
    assert to_tests.probability_for("Worried") == pytest.approx(0.9)
    assert new.handoff("Triage", "Clinic").probability_for("Worried") == pytest.approx(0.1)
    assert errors(validate(new)) == []


def test_remove_a_part_with_no_way_out_is_refused(clinic_map):
    with pytest.raises(ScenarioError, match="'Treated' has no way out"):
        apply(clinic_map, RemoveStep(part="Treated"))


def test_add_step(clinic_map):
    check = Step(name="Check results", team="Clinicians", duration=Fixed(value=5))
    change = AddStep(step=check, after="Tests", before="Post")
    new = apply(clinic_map, change)
    assert new.node("Check results") == check
    assert not new.has_handoff("Tests", "Post")
    # The old handoff (with its delay) now leads into the new step.
    assert new.handoff("Tests", "Check results").delay == Fixed(value=1, unit="days")
    assert new.handoff("Check results", "Post") == Handoff()
    assert errors(validate(new)) == []
    assert change.describe(clinic_map) == (
        "Check results added between Tests and Post (Clinicians, fixed, 5 min)")


def test_merge_teams_pools_shifts_and_moves_steps_and_chases(clinic_map):
    change = MergeTeams(team="Admin", into="Clinicians")
    new = apply(clinic_map, change)
    assert not new.has_team("Admin")
    assert new.team("Clinicians").shifts == (Shift(staff=4), EARLY, LATE)
    assert {s.name for s in new.steps_of("Clinicians")} == {"Triage", "Tests", "Clinic"}
    assert new.segment("Worried").chase.team == "Clinicians"
    assert errors(validate(new)) == []
    assert change.describe(clinic_map) == "Admin merged into Clinicians"


def test_merge_a_team_into_itself_is_refused(clinic_map):
    with pytest.raises(ScenarioError, match="'Admin' cannot be merged into itself"):
        apply(clinic_map, MergeTeams(team="Admin", into="Admin"))


def test_set_arrivals_keeps_the_weekly_pattern(clinic_map):
    change = SetArrivals(entry="Referral", per_day=30)
    new = apply(clinic_map, change)
    assert new.node("Referral").arrivals == Arrivals(per_day=30,
                                                     by_weekday=(2, 1, 1, 1, 1, 0, 0))
    assert change.describe(clinic_map) == "Referral: arrivals 20 → 30 a day"


def test_set_arrivals_on_a_step_is_refused(clinic_map):
    with pytest.raises(ScenarioError, match="'Triage' is a step, not an entry"):
        apply(clinic_map, SetArrivals(entry="Triage", per_day=30))
    with pytest.raises(InvalidParameter, match="arrivals per day"):
        SetArrivals(entry="Referral", per_day=-3)


def test_the_base_map_is_unchanged(clinic_map):
    before = clinic_map.copy()
    scenario = Scenario(name="Everything", changes=(
        SetStaff(team="Admin", staff=5),
        SetHours(team="Clinicians", shifts=(Shift(staff=1),)),
        SetDuration(part="Triage", duration=Fixed(value=1)),
        SetRouting(part="Needs tests?", probabilities={"Tests": 0.5, "Clinic": 0.5}),
        SetHandoff(source="Tests", target="Post", no_delay=True),
        AddStep(step=Step(name="Call back", team="Admin", duration=Fixed(value=3)),
                after="Clinic", before="Treated"),
        RemoveStep(part="Post"),
        MergeTeams(team="Admin", into="Clinicians"),
        SetArrivals(entry="Referral", per_day=5),
    ))
    new = scenario.apply(clinic_map)
    assert clinic_map == before
    assert new != clinic_map
    assert errors(validate(new)) == []


def test_scenario_describe_lists_each_change_before_and_after(clinic_map):
    scenario = Scenario(name="Faster", changes=(
        SetStaff(team="Admin", staff=4),
        SetStaff(team="Admin", staff=6),  # sees the map as the first change left it
        SetHandoff(source="Tests", target="Post", no_delay=True),
        RemoveStep(part="Post"),
    ))
    assert scenario.describe(clinic_map) == [
        "Admin: staff 3 → 4",
        "Admin: staff 4 → 6",
        "Tests → Post: delay fixed, 24 hours → no delay",
        "Post removed",
    ]


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        (SetStaff(team="Reception", staff=2), "Reception"),
        (SetHours(team="Reception", shifts=(Shift(),)), "Reception"),
        (SetDuration(part="Booking", duration=Fixed(value=1)), "Booking"),
        (SetRouting(part="Booking", probabilities={"Clinic": 1}), "Booking"),
        (SetRouting(part="Needs tests?", probabilities={"Booking": 1}), "Booking"),
        (SetHandoff(source="Booking", target="Clinic", no_delay=True), "Booking"),
        (RemoveStep(part="Booking"), "Booking"),
        (AddStep(step=Step(name="X", team="Admin", duration=Fixed(value=1)),
                 after="Booking", before="Clinic"), "Booking"),
        (MergeTeams(team="Reception", into="Admin"), "Reception"),
        (MergeTeams(team="Admin", into="Reception"), "Reception"),
        (SetArrivals(entry="Booking", per_day=1), "Booking"),
    ],
)
def test_a_change_naming_something_missing_says_which(clinic_map, change, missing):
    scenario = Scenario(name="Old plan", changes=(SetStaff(team="Admin", staff=3), change))
    with pytest.raises(ScenarioError) as error:
        scenario.apply(clinic_map)
    message = str(error.value)
    assert message.startswith("Scenario 'Old plan', change 2 (")
    assert f"'{missing}'" in message
    assert "The map may have changed since the scenario was written." in message


def test_describe_stops_at_a_change_that_does_not_fit(clinic_map):
    scenario = Scenario(name="Old plan", changes=(
        SetStaff(team="Reception", staff=2), SetStaff(team="Admin", staff=1)))
    assert scenario.describe(clinic_map) == ["Reception: staff ? → 2"]


def test_an_empty_scenario_gives_an_equal_copy(clinic_map):
    new = Scenario(name="Nothing").apply(clinic_map)
    assert new == clinic_map and new is not clinic_map
