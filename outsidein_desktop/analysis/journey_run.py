"""Follow one simulated person from a map file's point of view: run one replication (that is
all a single person needs), pick the person, follow their journey and tell it; and, for a
redesign, run the same replication under it and follow the same person there (common random
numbers: same arrival, see :mod:`.journey_finder`). What the command line and other
headless callers use.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..domain.parts import RunSettings
from ..domain.scenario import Scenario
from ..domain.service_map import ServiceMap
from ..errors import OutsideInError
from ..sim.compiled import CompiledMap, compile_map
from ..sim.journey_log import ReplicationOutput
from ..sim.runner import run_one
from .journey import Journey, follow
from .journey_finder import Filters, Pick, SamePerson, find_customer, same_person
from .journey_story import Story, compare_line, ordinal, tell
from .run import Run


@dataclass(frozen=True)
class Followed:
    """One person followed: their journey and story (and under a redesign, if asked)."""

    title: str  # the map's
    scenario: str  # the scenario the person was followed in ("" for the map as drawn)
    settings: RunSettings
    pick: Pick
    journey: Journey
    story: Story
    redesign: str = ""  # the redesign's name, if compared
    redesign_journey: Journey | None = None
    redesign_story: Story | None = None
    match: SamePerson | None = None
    comparison: str = ""  # one sentence: what the redesign did for them


def run_replication(service_map: ServiceMap, settings: RunSettings,
                    replication: int) -> tuple[ReplicationOutput, CompiledMap]:
    """Run replication ``replication`` (0-based) of ``service_map`` alone."""
    if replication < 0:
        raise OutsideInError(f"Replication {replication + 1} does not exist: replications are "
                             "numbered from 1.")
    compiled = compile_map(service_map)
    return run_one(compiled, settings, replication), compiled


def follow_person(base: ServiceMap, settings: RunSettings | None = None, *,
                  pick: str = "median", scenario: Scenario | None = None,
                  compare: Scenario | None = None, replication: int = 0,
                  filters: Filters | None = None, seed: int = 0, person: str = "customer",
                  first_person: bool = False) -> Followed:
    """Pick a person of kind ``pick`` in replication ``replication`` of ``base`` (as
    ``scenario`` changes it), follow and tell their journey; with ``compare``, follow the
    same person under that redesign of ``base`` too. ``seed`` is for ``pick="random"``."""
    settings = settings or base.run
    settings = dataclasses.replace(settings, replications=max(settings.replications,
                                                              replication + 1))
    shown = scenario.apply(base) if scenario else base
    output, compiled = run_replication(shown, settings, replication)
    chosen = find_customer(output, compiled, pick, filters=filters, seed=seed)
    journey = follow(output, compiled, chosen.customer)
    context = context_line(base.title, scenario.name if scenario else "")
    story = tell(journey, settings.start_date, person=person, first_person=first_person,
                 why=chosen.why, context=context)
    followed = Followed(title=base.title, scenario=scenario.name if scenario else "",
                        settings=settings, pick=chosen, journey=journey, story=story)
    if compare is None:
        return followed
    return with_redesign(followed, output, compiled, compare.apply(base), compare.name,
                         person=person, first_person=first_person)


def with_redesign(followed: Followed, output: ReplicationOutput, compiled: CompiledMap,
                  redesign: ServiceMap, name: str, *, person: str = "customer",
                  first_person: bool = False) -> Followed:
    """``followed`` with the same person followed under ``redesign`` (called ``name``):
    the same replication (``output``, of ``compiled``) is run again on the redesigned map
    and the person matched by entry and arrival order."""
    settings = followed.settings
    other_output, other_compiled = run_replication(redesign, settings, output.replication)
    match = same_person(output, compiled, followed.journey.customer, other_output,
                        other_compiled)
    other = follow(other_output, other_compiled, match.customer)
    nth = f"the {ordinal(match.order)} to come in through '{match.entry}'"
    why = (f"the same person ({nth}, at the same moment)" if match.same_arrival else
           f"{nth}; the redesign changes that entry's arrivals, so they came at another time")
    other_story = tell(other, settings.start_date, person=person, first_person=first_person,
                       why=why, context=context_line(followed.title, name))
    return dataclasses.replace(
        followed, redesign=name, redesign_journey=other, redesign_story=other_story,
        match=match, comparison=compare_line(followed.journey, other, name, person))


def context_line(title: str, scenario: str) -> str:
    """ "Map: NHS elective care; scenario: Referral hub." for the story's opening line."""
    where = f"Map: {title or 'untitled'}"
    return f"{where}; scenario: {scenario}." if scenario else f"{where}, as drawn."


def follow_in_run(run: Run, pick: str = "median", *, filters: Filters | None = None,
                  seed: int = 0, person: str = "customer",
                  first_person: bool = False) -> Followed:
    """Pick a person of kind ``pick`` among every replication of a finished ``run`` (the
    results view's), follow and tell their journey."""
    chosen = find_customer(run.outputs, run.compiled, pick, filters=filters, seed=seed)
    journey = follow(run.outputs[chosen.index], run.compiled, chosen.customer)
    scenario = run.results.scenario
    story = tell(journey, run.settings.start_date, person=person, first_person=first_person,
                 why=chosen.why, context=context_line(run.results.title, scenario))
    return Followed(title=run.results.title, scenario=scenario, settings=run.settings,
                    pick=chosen, journey=journey, story=story)


def compare_in_run(followed: Followed, run: Run, redesign: ServiceMap, name: str, *,
                   person: str = "customer", first_person: bool = False) -> Followed:
    """The person ``followed`` (picked from ``run``) followed under ``redesign`` too."""
    return with_redesign(followed, run.outputs[followed.pick.index], run.compiled, redesign,
                         name, person=person, first_person=first_person)
