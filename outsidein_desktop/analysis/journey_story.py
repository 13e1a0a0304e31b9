"""One person's journey told in plain sentences, for a board paper's "patient story" box.

"Day 0, Monday 2 March 09:14: came in through GP referral. Waited 12 days for Booking — 3
days of it at weekends. Told their story for the third time at the clinic…", with the totals
at the end. Third person by default, first person on request; real dates from the run's
start date. The numbers come from :class:`~.journey.Journey`, so they match the log.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from .journey import (
    BETWEEN_TEAMS,
    CHASE,
    DELAY,
    GAVE_UP,
    HANDOFF,
    LEFT,
    RUN_ENDED,
    STOPPED,
    STORY,
    WAIT,
    Journey,
    Span,
)
from .journey_calendar import day_number, moment, say_minutes, weekend_and_night

_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth"]
#: Calendar asides are only worth saying for waits at least this long (minutes).
_ASIDE_FROM = 12 * 60.0


def ordinal(n: int) -> str:
    """1 → "first", 12 → "12th"."""
    if 1 <= n <= len(_ORDINALS):
        return _ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def headline(journey: Journey, person: str = "customer") -> str:
    """The finding in one line: "Patient 1,204 waited 63 days, 41 of them between teams"."""
    who = f"{person.capitalize()} {journey.customer + 1:,}"
    t = journey.totals
    total = say_minutes(t.end_to_end)
    if journey.gave_up_exit:
        after = f"after {total}" if t.end_to_end > 0 else "straight away"
        return f"{who} gave up {after} ('{journey.gave_up_exit}')"
    if journey.gave_up_at:
        return f"{who} gave up after {total}, waiting for {journey.gave_up_at}"
    if not journey.finished:
        return f"{who} was still waiting after {total} when the run ended"
    between = t.between_teams
    if between >= 0.05 * t.end_to_end and t.end_to_end >= 10 * 1440 and between >= 1440:
        return f"{who} waited {total}, {round(between / 1440):,} of them between teams"
    if between >= 0.05 * t.end_to_end:
        return f"{who} waited {total}, {say_minutes(between)} of it between teams"
    return f"{who} waited {total} from first contact to '{journey.outcome}'"


@dataclass(frozen=True)
class Story:
    """The story: a title, how the person was chosen, dated lines and the totals."""

    title: str
    about: str  # who they are and how they were chosen
    lines: tuple[tuple[str, str], ...]  # (date stamp, sentences)
    totals: str

    def text(self) -> str:
        body = "\n".join(f"{stamp}: {words}" for stamp, words in self.lines)
        return f"{self.title}\n\n{self.about}\n\n{body}\n\n{self.totals}\n"

    def markdown(self) -> str:
        body = "\n".join(f"- **{stamp}:** {words}" for stamp, words in self.lines)
        return f"### {self.title}\n\n*{self.about}*\n\n{body}\n\n{self.totals}\n"


class _Voice:
    """Third person ("Waited 3 days… their story") or first ("I waited 3 days… my story")."""

    def __init__(self, first_person: bool) -> None:
        self.first = first_person
        self.their = "my" if first_person else "their"
        self.them = "me" if first_person else "them"

    def say(self, phrase: str) -> str:
        return f"I {phrase}." if self.first else f"{phrase[0].upper()}{phrase[1:]}."


def tell(journey: Journey, start_date: dt.date, *, person: str = "customer",
         first_person: bool = False, why: str = "", context: str = "") -> Story:
    """The story of ``journey``, dated from ``start_date`` (the run's first day).

    ``why`` says how the person was chosen ("the median journey among 1,204"), ``context``
    the map and scenario; both go in the line under the title."""
    voice = _Voice(first_person)
    events = _events(journey, start_date, voice)
    lines: list[tuple[str, str]] = []
    for (when, _), words in sorted(events, key=lambda e: e[0]):
        stamp = _stamp(journey, start_date, when)
        if lines and lines[-1][0] == stamp:
            lines[-1] = (stamp, f"{lines[-1][1]} {words}")
        else:
            lines.append((stamp, words))
    about = (f"{person.capitalize()} {journey.customer + 1:,} of replication "
             f"{journey.replication + 1} (segment '{journey.segment}', arrived "
             f"{moment(start_date, journey.arrival):%A %d %B %Y})"
             + (f": {why}" if why else "") + "." + (f" {context}" if context else ""))
    return Story(title=headline(journey, person), about=about, lines=tuple(lines),
                 totals=_totals(journey, start_date, voice))


def _stamp(journey: Journey, start_date: dt.date, minutes: float) -> str:
    at = moment(start_date, minutes)
    day = day_number(start_date, journey.arrival, minutes)
    return f"Day {day}, {at:%A} {at.day} {at:%B}, {at:%H:%M}"


def _events(journey: Journey, start_date: dt.date,
            voice: _Voice) -> list[tuple[tuple[float, int], str]]:
    """(sort key, sentence) for every span and mark."""
    weekday = start_date.weekday()
    said: list[tuple[tuple[float, int], str]] = [
        ((journey.arrival, 0), voice.say(f"came in through '{journey.entry}'"))]
    spans = journey.spans
    for i, span in enumerate(spans):
        after = spans[i + 1].place if i + 1 < len(spans) else (journey.outcome or "")
        phrase = _span_phrase(span, after, voice)
        if span.kind != "work" and span.minutes >= _ASIDE_FROM:
            phrase += _aside(*weekend_and_night(span.start, span.end, weekday))
        said.append(((span.start, 2), voice.say(phrase)))
    for mark in journey.marks:
        if mark.kind == STORY:
            phrase = (f"told {voice.their} story for the {ordinal(mark.count + 1)} time"
                      f"{f' at {mark.place}' if mark.place else ''}, because the information "
                      "did not travel with " + voice.them)
            said.append(((mark.time, 1), voice.say(phrase)))
        elif mark.kind == CHASE:
            said.append(((mark.time, 3), voice.say(
                f"chased {mark.team} for news while waiting ({ordinal(mark.count)} chase)")))
        elif mark.kind in (GAVE_UP, LEFT, STOPPED, RUN_ENDED):
            said.append(((mark.time, 4), voice.say(_ending(journey, mark.kind))))
    return said


def _span_phrase(span: Span, after: str, voice: _Voice) -> str:
    took = say_minutes(span.minutes)
    between = " (between teams)" if span.lane == BETWEEN_TEAMS else ""
    if span.kind == WAIT:
        where = f"{span.team}, between teams" if between else span.team
        return f"waited {took} for {span.place} ({where})"
    if span.kind == HANDOFF:
        onward = f" on to {after}" if after else " on"
        return f"was passed{onward}, which took {took}{between}"
    if span.kind == DELAY:
        return f"waited {took} ('{span.place}'{', between teams' if between else ''})"
    if span.customer_present:
        return f"was seen by {span.team} for {span.place} ({took})"
    return f"{span.team} worked on {span.place} without {voice.them} ({took})"


def _aside(weekend: float, night: float) -> str:
    parts = [f"{say_minutes(weekend)} of it at weekends" if weekend >= 60 else "",
             f"{say_minutes(night)} at night on weekdays" if night >= 60 else ""]
    parts = [p for p in parts if p]
    return f" \N{EM DASH} {' and '.join(parts)}" if parts else ""


def _ending(journey: Journey, kind: str) -> str:
    if kind == GAVE_UP:
        return f"gave up waiting for {journey.gave_up_at}"
    if kind == LEFT and journey.gave_up_exit:
        return f"gave up after {journey.gave_up_at} ('{journey.gave_up_exit}')"
    if kind == LEFT:
        return f"reached the outcome '{journey.outcome}'"
    if kind == STOPPED:
        return "was stopped by the simulation (a loop that never ended)"
    return "was still waiting when the run ended"


def _totals(journey: Journey, start_date: dt.date, voice: _Voice) -> str:
    t = journey.totals
    end = ({"reached": f"'{journey.outcome}'"} if journey.outcome else {})
    ending = (f"to {end['reached']}" if end else
              "to giving up" if journey.gave_up_at else "to the end of the run")
    weekend = sum(weekend_and_night(s.start, s.end, start_date.weekday())[0]
                  for s in journey.spans if s.kind != "work")
    share = t.touch / t.end_to_end if t.end_to_end > 0 else math.nan
    parts = [
        f"In all: {say_minutes(t.end_to_end)} from first contact {ending}",
        f"{say_minutes(t.touch)} of it with someone working with {voice.them} "
        f"({_percent(share)} of the time)",
        f"{say_minutes(t.between_teams)} between teams",
        f"{say_minutes(weekend)} of the waiting at weekends" if weekend >= 1 else
        "none of the waiting at weekends",
    ]
    counts = [
        f"passed from one team to another {times(t.handoffs)}" if t.handoffs else
        "never passed between teams",
        f"told {voice.their} story {times(t.story_repeats + 1)}",
        f"chased {times(t.chases)}" if t.chases else "never chased",
    ]
    return "; ".join(parts) + ". " + voice.say(", ".join(counts))


def _percent(share: float) -> str:
    if not math.isfinite(share):
        return "none"
    if share < 0.01:
        return "under 1%" if share > 0 else "none"
    return f"{share:.0%}"


def compare_line(baseline: Journey, redesign: Journey, redesign_name: str,
                 person: str = "customer") -> str:
    """What the redesign did for this person, in one sentence."""
    who = f"{person.capitalize()} {baseline.customer + 1:,}"

    def told(journey: Journey) -> str:
        took = say_minutes(journey.totals.end_to_end)
        if journey.outcome:
            return f"{took} to '{journey.outcome}'"
        if journey.gave_up_at:
            return f"gave up after {took}"
        return f"still waiting after {took} when the run ended"

    verdict = ""
    if baseline.outcome and redesign.outcome:
        change = redesign.totals.end_to_end - baseline.totals.end_to_end
        verdict = (" (about the same)" if abs(change) < 1 else
                   f" ({say_minutes(-change)} sooner)" if change < 0 else
                   f" ({say_minutes(change)} longer)")
    return (f"{who}: {told(baseline)} as things are; {told(redesign)} under "
            f"'{redesign_name}'{verdict}. Between teams: "
            f"{say_minutes(baseline.totals.between_teams)} → "
            f"{say_minutes(redesign.totals.between_teams)}.")


#: What "the same person" under a redesign does and does not mean: said beside every
#: comparison of one person.
SAME_PERSON_NOTE = ("The same person: the same arrival and the same luck (common random "
                    "numbers: each person carries their own draws of how long each piece of "
                    "work takes and which way they go), so the difference is the redesign's.")
