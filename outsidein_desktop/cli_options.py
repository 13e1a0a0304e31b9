"""The options of the commands that simulate a map many times over with common random
numbers (`outsidein compare`, `report` and `sweep`): --days, --warmup, --replications,
--seed, --jobs and --cluster, how they change the map's run settings and where the runs go;
and the --out folder."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from outsidein_desktop.domain.parts import RunSettings


def add_run_options(parser: argparse.ArgumentParser, *, per: str, seed_note: str) -> None:
    """The options; ``per`` says what the replications are counted for ("of each option")
    and ``seed_note`` what the seed means for them."""
    parser.add_argument("--days", type=float, help="run length in days (default: the map's)")
    parser.add_argument("--warmup", type=float, metavar="DAYS",
                        help="warm-up in days, left out of the figures (default: the map's)")
    parser.add_argument("--replications", type=int, metavar="N",
                        help=f"replications {per} (default: the map's)")
    parser.add_argument("--seed", type=int, metavar="K", help="random seed (default: the "
                        f"map's); {seed_note}")
    parser.add_argument("--jobs", type=int, default=1, metavar="J",
                        help="local worker processes (default 1)")
    parser.add_argument("--cluster", metavar="ADDRESS",
                        help="run on the Dask scheduler at ADDRESS (tcp://host:8786) instead "
                        "of local processes; needs pip install 'outsidein-desktop[cluster]'")


def check_jobs(args: argparse.Namespace) -> None:
    """Raises CommandError if --jobs is less than one."""
    from outsidein_desktop.cli import CommandError

    if args.jobs < 1:
        raise CommandError("--jobs must be at least 1.")


def run_settings(args: argparse.Namespace, run: RunSettings) -> RunSettings:
    """The map's ``run`` settings with the options given on the command line."""
    overrides = {k: v for k, v in (("days", args.days), ("warmup_days", args.warmup),
                                   ("replications", args.replications), ("seed", args.seed))
                 if v is not None}
    return dataclasses.replace(run, **overrides)


def where_it_runs(args: argparse.Namespace) -> str:
    """ "the Dask cluster at tcp://…" or "2 local processes", for the progress line."""
    if args.cluster:
        return f"the Dask cluster at {args.cluster}"
    return f"{args.jobs} local process{'es' if args.jobs > 1 else ''}"


def out_folder(path: str | None) -> Path | None:
    """The --out folder, made if it is not there (None if not given); raises CommandError
    saying why it cannot be made."""
    from outsidein_desktop.cli import CommandError

    if path is None:
        return None
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as problem:
        message = f"cannot create the folder {folder}: {problem.strerror}."
        raise CommandError(message) from problem
    return folder
