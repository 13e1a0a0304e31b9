"""Small maps for the sweep tests: one queue, and a two-team line with chasing and giving
up, both quick to simulate."""

from __future__ import annotations

from outsidein_desktop.domain import (
    Arrivals,
    ChaseRule,
    Duration,
    Entry,
    Exit,
    Exponential,
    Fixed,
    Handoff,
    Lognormal,
    RunSettings,
    Segment,
    ServiceMap,
    Shift,
    Step,
    Team,
    always,
)

QUICK = RunSettings(days=20, warmup_days=2, replications=5, seed=11)


def one_queue(per_day: float = 50, run: RunSettings = QUICK) -> ServiceMap:
    """Triage: one team round the clock, 20-minute assessments (0.69 erlangs at 50 a day)."""
    m = ServiceMap(title="One queue", run=run)
    m.add_team(Team(name="Triage", shifts=always(1)))
    m.add(Entry(name="Calls", arrivals=Arrivals(per_day=per_day)))
    m.add(Step(name="Assess", team="Triage", duration=Exponential(mean_value=20)))
    m.add(Exit(name="Done"))
    m.connect("Calls", "Assess")
    m.connect("Assess", "Done")
    return m


def referral_line(run: RunSettings = QUICK) -> ServiceMap:
    """Booking (office hours, two shifts) then a clinic; routine patients chase and give up;
    the clinic's notes travel with them half the time."""
    m = ServiceMap(title="Referral line", run=run)
    m.add_team(Team(name="Booking", shifts=(Shift(start=8, end=18, staff=2),
                                           Shift(start=8, end=11, staff=1))))
    m.add_team(Team(name="Clinic", shifts=always(3)))
    m.add_segment(Segment(
        name="Routine", share=3, priority=2, patience=Exponential(mean_value=3, unit="days"),
        chase=ChaseRule(after=Duration(2, "days"), team="Booking", work=Fixed(value=5))))
    m.add_segment(Segment(name="Urgent", share=1))
    m.add(Entry(name="Referral", arrivals=Arrivals(per_day=60)))
    m.add(Step(name="Book", team="Booking", duration=Lognormal(mean_value=12, sd=6)))
    m.add(Step(name="See", team="Clinic", duration=Exponential(mean_value=30)))
    m.add(Exit(name="Treated"))
    m.connect("Referral", "Book")
    m.connect("Book", "See", Handoff(info_travels=0.5,
                                     delay=Exponential(mean_value=1, unit="days")))
    m.connect("See", "Treated")
    return m
