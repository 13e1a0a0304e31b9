"""A small referral line that the report, journey and export tests share (a plain module:
the tests import it)."""

from __future__ import annotations

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
    RunSettings,
    Segment,
    ServiceMap,
    Shift,
    Step,
    Team,
    always,
)


def small_map(run: RunSettings, per_day: float = 30, *, self_referrals: float = 0.0,
              letters_with_customer: bool = True) -> ServiceMap:
    """Three teams, a delay, a rework loop, lost information, chasing and giving up: every
    figure the charts draw is non-zero. ``self_referrals`` a day come in through a second
    entry (so arrival order is counted per entry)."""
    service_map = ServiceMap(title="Small referral line", run=run)
    service_map.add_team(Team(name="Admin", shifts=always(1)))
    service_map.add_team(Team(name="Clinic", shifts=(Shift(start=9, end=17, staff=3),)))
    service_map.add_team(Team(name="Letters", shifts=(Shift(start=9, end=17, staff=1),)))
    service_map.add_segment(Segment(
        name="Routine", share=3, priority=2, patience=Exponential(mean_value=4, unit="days"),
        chase=ChaseRule(after=Duration(1, "days"), team="Admin", work=Fixed(value=10),
                        every=Duration(1, "days"))))
    service_map.add_segment(Segment(name="Urgent", share=1, priority=1))
    service_map.add(Entry(name="Referral", arrivals=Arrivals(per_day=per_day)))
    if self_referrals:
        service_map.add(Entry(name="Self referral", arrivals=Arrivals(per_day=self_referrals)))
    service_map.add(Step(name="Register", team="Admin", duration=Exponential(mean_value=20)))
    service_map.add(Delay(name="Test results", duration=Exponential(mean_value=1,
                                                                     unit="days")))
    service_map.add(Step(name="Assess", team="Clinic", duration=Exponential(mean_value=30),
                         repeat_story_time=Fixed(value=10)))
    service_map.add(Decision(name="Sorted?"))
    service_map.add(Step(name="Write letter", team="Letters",
                         duration=Exponential(mean_value=12),
                         customer_present=letters_with_customer))
    service_map.add(Exit(name="Treated"))
    service_map.add(Exit(name="Referred elsewhere"))
    service_map.connect("Referral", "Register")
    if self_referrals:
        service_map.connect("Self referral", "Register")
    service_map.connect("Register", "Test results",
                        Handoff(delay=Exponential(mean_value=2, unit="hours")))
    service_map.connect("Test results", "Assess", Handoff(info_travels=0.3))
    service_map.connect("Assess", "Sorted?")
    service_map.connect("Sorted?", "Write letter", Handoff(probability=0.7))
    service_map.connect("Sorted?", "Referred elsewhere", Handoff(probability=0.15))
    service_map.connect("Sorted?", "Register", Handoff(probability=0.15))
    service_map.connect("Write letter", "Treated")
    return service_map
