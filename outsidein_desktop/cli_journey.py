"""`outsidein journey`: follow one simulated person and write their timeline and story.

    outsidein journey MAP [--scenario S] --pick median|p90|longest|gave-up|chased|random
                      [--seed K] [--compare S2] --out DIR

One replication is enough to follow one person, so only that one is run (twice with
--compare: the map and the redesign, with the same random numbers).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

#: The kinds of person (analysis.journey_finder.PICKS; kept here so that building the
#: parser imports no numerical code, and checked equal by a test).
PICKS = ("median", "p90", "longest", "gave-up", "chased", "random")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="the journey map file (.json)")
    parser.add_argument("--scenario", metavar="S", help="follow the person through the map "
                        "as this redesign (a scenario file) changes it")
    parser.add_argument("--pick", choices=PICKS, default="median",
                        help="who to follow (default: the median journey); gave-up is "
                        "someone who ran out of patience or reached an exit that means "
                        "giving up, chased someone who chased")
    parser.add_argument("--segment", default="", help="only people in this segment")
    parser.add_argument("--outcome", default="", help="only people who reached this exit")
    parser.add_argument("--step", default="", help="only people who went through this step")
    parser.add_argument("--seed", type=int, metavar="K",
                        help="random seed of the run (default: the map's); also picks the "
                        "person for --pick random")
    parser.add_argument("--replication", type=int, default=1, metavar="N",
                        help="which replication to follow the person in (default 1)")
    parser.add_argument("--days", type=float, help="run length in days (default: the map's)")
    parser.add_argument("--warmup", type=float, metavar="DAYS",
                        help="warm-up in days; people arriving in it are not picked "
                        "(default: the map's)")
    parser.add_argument("--compare", metavar="S2", help="also follow the same person under "
                        "this redesign (a scenario file) and draw the two side by side")
    parser.add_argument("--person", default="customer", metavar="WORD",
                        help="what to call them in the story and titles (e.g. patient)")
    parser.add_argument("--first-person", action="store_true",
                        help="tell the story in the first person (\"I waited...\")")
    parser.add_argument("--out", metavar="DIR", required=True,
                        help="folder to write journey.png, .svg, .txt and .md to (and "
                        "compare.* with --compare)")


def handle(args: argparse.Namespace) -> int:
    from outsidein_desktop.analysis.journey_finder import Filters
    from outsidein_desktop.analysis.journey_run import follow_person
    from outsidein_desktop.analysis.journey_story import SAME_PERSON_NOTE
    from outsidein_desktop.cli import EXIT_OK, CommandError, _read
    from outsidein_desktop.report.journey_files import write_followed
    from outsidein_desktop.storage import load_map, load_scenario

    base = _read(load_map, args.map)
    scenario = _read(load_scenario, args.scenario) if args.scenario else None
    compare = _read(load_scenario, args.compare) if args.compare else None
    if args.replication < 1:
        raise CommandError("--replication counts from 1.")
    overrides = {k: v for k, v in (("days", args.days), ("warmup_days", args.warmup),
                                   ("seed", args.seed)) if v is not None}
    settings = dataclasses.replace(base.run, **overrides)
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(f"cannot create the folder {out}: {error.strerror}.") from error
    print(f"simulating replication {args.replication} of {settings.days:g} days"
          f"{' (twice: as things are and the redesign)' if compare else ''}...",
          file=sys.stderr)
    followed = follow_person(
        base, settings, pick=args.pick, scenario=scenario, compare=compare,
        replication=args.replication - 1, seed=settings.seed, person=args.person,
        first_person=args.first_person,
        filters=Filters(segment=args.segment, outcome=args.outcome, step=args.step))
    print(followed.story.text())
    if followed.comparison:
        print(f"{followed.comparison}\n{SAME_PERSON_NOTE}")
    written = write_followed(followed, out, person=args.person)
    print(f"\nWrote {', '.join(p.name for p in written)} to {out}")
    return EXIT_OK
