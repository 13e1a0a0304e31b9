"""The `outsidein` command: open the desktop app, or work with map files from a terminal.

    outsidein                          open the app
    outsidein MAP.json                 open the app on a map
    outsidein validate MAP [--scenario S]

Each subcommand is a small handler in COMMANDS; add `run`, `compare` and `report` there.
Mistakes in the user's files are shown as one plain sentence (exit 2); anything unexpected
goes to a log file with its traceback, and the user is told where (exit 3).
"""

from __future__ import annotations

import argparse
import datetime
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from outsidein_desktop import __version__, cli_compare, cli_journey, cli_sweep
from outsidein_desktop.errors import OutsideInError

if TYPE_CHECKING:
    from outsidein_desktop.analysis.results import Results

PROG = "outsidein"

T = TypeVar("T")

EXIT_OK = 0
EXIT_PROBLEMS = 1  # the command worked and found errors in the map
EXIT_USER_ERROR = 2  # a file could not be read or understood
EXIT_CRASH = 3  # a bug in OutsideIn: details in the log file


class CommandError(Exception):
    """A plain message for the user, raised by the command line itself."""


@dataclass(frozen=True)
class Command:
    """One subcommand: its one-line help, its arguments and its handler."""

    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    handle: Callable[[argparse.Namespace], int]


# --- open -------------------------------------------------------------------------------


def _open_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", nargs="?", metavar="MAP", help="a journey map file (.json)")


def _open(args: argparse.Namespace) -> int:
    # Imported here so that the other commands run without Qt.
    try:
        from outsidein_desktop.gui.app import run_app
    except ImportError as error:
        raise CommandError(
            f"the desktop app cannot start because Qt could not be loaded ({error}). "
            "On Linux, install the system packages listed in README.md "
            "under 'Linux system packages'."
        ) from error
    return run_app(args.map)


# --- validate ---------------------------------------------------------------------------


def _validate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="the journey map file (.json) to check")
    parser.add_argument(
        "--scenario",
        metavar="S",
        help="a scenario file (.json): check the map as this redesign changes it",
    )


def _validate(args: argparse.Namespace) -> int:
    from outsidein_desktop.domain.validate import validate
    from outsidein_desktop.storage import apply_scenario_file, load_map

    service_map = _read(load_map, args.map)
    if args.scenario:
        service_map = apply_scenario_file(service_map, args.scenario)

    problems = validate(service_map)
    for problem in problems:
        where = f"{problem.element}: " if problem.element else ""
        print(f"{problem.severity}: {where}{problem.message}")

    errors = sum(1 for problem in problems if problem.severity == "error")
    warnings = len(problems) - errors
    subject = args.map if not args.scenario else f"{args.map} with {args.scenario}"
    print(f"{subject}: {_count(errors, 'error')}, {_count(warnings, 'warning')}")
    return EXIT_PROBLEMS if errors else EXIT_OK


# --- run --------------------------------------------------------------------------------


def _run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="the journey map file (.json) to simulate")
    parser.add_argument("--scenario", metavar="S", help="simulate the map as this redesign "
                        "(a scenario file) changes it")
    parser.add_argument("--days", type=float, help="run length in days (default: the map's)")
    parser.add_argument("--warmup", type=float, metavar="DAYS",
                        help="warm-up in days, left out of the figures (default: the map's)")
    parser.add_argument("--replications", type=int, metavar="N",
                        help="independent replications (default: the map's)")
    parser.add_argument("--seed", type=int, metavar="K", help="random seed (default: the map's)")
    parser.add_argument("--jobs", type=int, default=1, metavar="J",
                        help="worker processes to run replications in (default 1)")
    parser.add_argument("--out", metavar="DIR", help="write results.json, customers.csv and "
                        "events.csv (a process-mining event log) to this folder")
    parser.add_argument("--charts", action="store_true",
                        help="also write the board charts (PNG at 300 dpi, SVG and PDF), the "
                        "results tables (CSV) and results.xlsx to the --out folder")


def _run(args: argparse.Namespace) -> int:
    import dataclasses

    from outsidein_desktop.analysis.exports import (
        write_customers,
        write_event_log,
        write_results_json,
    )
    from outsidein_desktop.analysis.run import simulate
    from outsidein_desktop.analysis.summary_text import format_summary
    from outsidein_desktop.domain.validate import WARNING, validate
    from outsidein_desktop.storage import apply_scenario_file, load_map, load_scenario

    if args.charts and not args.out:
        raise CommandError("--charts needs --out DIR: the folder to write the charts to.")
    base = _read(load_map, args.map)
    scenario = None
    service_map = base
    if args.scenario:
        service_map = apply_scenario_file(base, args.scenario)
        scenario = load_scenario(args.scenario)
    overrides = {k: v for k, v in (("days", args.days), ("warmup_days", args.warmup),
                                   ("replications", args.replications), ("seed", args.seed))
                 if v is not None}
    settings = dataclasses.replace(base.run, **overrides)
    if args.jobs < 1:
        raise CommandError("--jobs must be at least 1.")
    for problem in validate(service_map):
        if problem.severity == WARNING:
            print(f"warning: {problem.element}: {problem.message}", file=sys.stderr)
    out = Path(args.out) if args.out else None
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"cannot create the folder {out}: {error.strerror}.") from error
    run = simulate(base, settings, scenario=scenario, jobs=args.jobs,
                   progress=_progress_printer())
    print(file=sys.stderr)
    print(format_summary(run.results))
    if out is not None:
        write_results_json(out / "results.json", run.results)
        write_customers(out / "customers.csv", run.outputs, run.compiled, settings.start_date)
        write_event_log(out / "events.csv", run.outputs, run.compiled, settings.start_date)
        print(f"\nWrote results.json, customers.csv and events.csv to {out}")
        if args.charts:
            _write_report(run.results, out)
    return EXIT_OK


def _write_report(results: Results, out: Path) -> None:
    """The board charts, the results tables (CSV) and results.xlsx, into ``out``."""
    from outsidein_desktop.report.export import (
        export_charts,
        write_results_csv,
        write_results_excel,
    )

    charts = export_charts(results, out)
    tables = write_results_csv(results, out)
    write_results_excel(results, out / "results.xlsx")
    print(f"Wrote {len(charts)} chart files (PNG, SVG and PDF), {len(tables)} results tables "
          f"(CSV) and results.xlsx to {out}")


def _progress_printer(stream: TextIO | None = None) -> Callable[[object], None]:
    """Progress on standard error: one line rewritten in place in a terminal; in a log
    file (not a terminal) a line for each replication done and each tenth of the way."""
    stream = stream if stream is not None else sys.stderr
    interactive = stream.isatty()
    said: list[object] = [None]

    def show(progress: object) -> None:
        text = (f"simulating: {progress.replications_done} of {progress.replications} "
                f"replications done, {progress.fraction:.0%}")
        if interactive:
            if text != said[0]:
                print(f"\r{text}", end="", file=stream, flush=True)
            said[0] = text
            return
        step = (progress.replications_done, int(progress.fraction * 10))
        if step != said[0]:
            print(text, file=stream, flush=True)
        said[0] = step
    return show


# --- the command table ------------------------------------------------------------------

COMMANDS: dict[str, Command] = {
    "open": Command("open the desktop app, on a map file if one is given", _open_arguments, _open),
    "validate": Command(
        "check a map (and a scenario) for mistakes", _validate_arguments, _validate
    ),
    "run": Command("simulate a map and summarise the journey from the outside in",
                   _run_arguments, _run),
    "journey": Command("follow one simulated person: their timeline and story",
                       cli_journey.add_arguments, cli_journey.handle),
    "sweep": Command("vary one or two parameters over a range; chart a measure with its "
                     "confidence band and knee", cli_sweep.add_arguments, cli_sweep.handle),
    "compare": Command("run the baseline and redesigns with common random numbers; show the "
                       "differences with confidence intervals", cli_compare.add_compare_arguments,
                       cli_compare.handle_compare),
    "report": Command("write a board paper (PDF or Word) comparing the baseline and "
                      "redesigns", cli_compare.add_report_arguments, cli_compare.handle_report),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]); return the exit code."""
    words = _with_default_command(argv)
    args = _parser().parse_args(words)
    try:
        return COMMANDS[args.command].handle(args)
    except (OutsideInError, CommandError) as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: stopped.", file=sys.stderr)
        return 130
    except Exception:
        log_file = _log_crash(words)
        where = f"details are in {log_file}" if log_file else "no log file could be written"
        print(f"{PROG}: something went wrong inside OutsideIn; {where}.", file=sys.stderr)
        return EXIT_CRASH


# --- helpers ----------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        usage=f"{PROG} [MAP.json] | {PROG} COMMAND ...",
        description="OutsideIn: simulate a service journey from the customer's side. "
        "With no command, opens the desktop app (on MAP.json if given).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, command in COMMANDS.items():
        sub = subparsers.add_parser(
            name, prog=f"{PROG} {name}", help=command.help, description=command.help
        )
        command.add_arguments(sub)
    return parser


def _with_default_command(argv: Sequence[str] | None) -> list[str]:
    """`outsidein` and `outsidein MAP.json` mean `outsidein open [MAP.json]`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        return ["open"]
    if args[0] not in COMMANDS and not args[0].startswith("-"):
        return ["open", *args]
    return args


def _read(load: Callable[[str], T], path: str) -> T:
    """Call a storage loader, turning a failure to read the file into a plain message."""
    try:
        return load(path)
    except OSError as error:
        reason = error.strerror or str(error)
        raise CommandError(f"cannot read {error.filename or path}: {reason}.") from error


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _log_crash(words: list[str]) -> Path | None:
    """Append the current exception's traceback to the log file; return its path or None."""
    try:
        from platformdirs import user_log_dir

        log_file = Path(user_log_dir("OutsideIn", appauthor=False, ensure_exists=True))
        log_file = log_file / "outsidein.log"
        stamp = datetime.datetime.now().isoformat(timespec="seconds")
        with log_file.open("a", encoding="utf-8") as log:
            log.write(f"--- {stamp} {PROG} {__version__} {words!r}\n")
            log.write(traceback.format_exc())
        return log_file
    except Exception:  # never let logging hide the first failure with a second one
        return None
