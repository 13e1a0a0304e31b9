"""`outsidein compare` and `outsidein report`: the baseline against redesigns, with common
random numbers, as a table and charts, or as a board paper.

    outsidein compare MAP --scenario A [--scenario B ...] [run options] [--out DIR]
    outsidein report MAP --scenario A [...] [--question TEXT] [--recommendation TEXT]
                     [run options] --out paper.pdf|paper.docx

A scenario is a scenario file, or the name of a scenario kept in the map file.
Run options: --days, --warmup, --replications, --seed, --jobs, --cluster, --people.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from outsidein_desktop import cli_options
from outsidein_desktop.domain.units import counted

if TYPE_CHECKING:
    from outsidein_desktop.analysis.compare import Comparison
    from outsidein_desktop.domain.scenario import Scenario
    from outsidein_desktop.domain.service_map import ServiceMap

CHART_FORMATS = ("png", "svg", "pdf")


def _common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="the journey map file (.json): the baseline")
    parser.add_argument("--scenario", metavar="S", action="append", required=True,
                        help="a redesign to compare with the baseline: a scenario file, or "
                        "the name of a scenario kept in the map file; give it once per "
                        "redesign")
    cli_options.add_run_options(parser, per="of each option",
                                seed_note="every option meets the same random numbers")
    parser.add_argument("--people", default="customers", metavar="WORD",
                        help="the word for the people going through, plural (default "
                        "'customers'; e.g. 'patients', 'tenants')")


def add_compare_arguments(parser: argparse.ArgumentParser) -> None:
    _common_arguments(parser)
    parser.add_argument("--out", metavar="DIR", help="write comparison.json, comparison.csv "
                        "and the charts (PNG at 300 dpi, SVG and PDF) to this folder")


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    _common_arguments(parser)
    parser.add_argument("--question", default="", metavar="TEXT",
                        help="the question the paper answers, for its first page")
    parser.add_argument("--recommendation", default="", metavar="TEXT",
                        help="the team's recommendation, for its first page (left for the "
                        "team to write if not given)")
    parser.add_argument("--out", metavar="FILE", required=True,
                        help="the paper to write: a .pdf or a .docx (Word) file")


def scenarios_for(map_path: str, given: list[str],
                  service_map: ServiceMap) -> list[Scenario]:
    """Each --scenario as a Scenario: a file if one is there, else a scenario kept in the
    map file by that name. Raises CommandError naming what was not found."""
    from outsidein_desktop.cli import CommandError, _read
    from outsidein_desktop.storage import load_map_and_scenarios, load_scenario

    kept: list[Scenario] | None = None
    scenarios = []
    for text in given:
        if Path(text).is_file():
            scenarios.append(_read(load_scenario, text))
            continue
        if kept is None:
            kept = _read(load_map_and_scenarios, map_path)[1]
        found = [s for s in kept if s.name == text]
        if not found:
            names = ", ".join(f"'{s.name}'" for s in kept) or "none"
            raise CommandError(f"--scenario {text}: there is no such scenario file, and "
                               f"{map_path} keeps no scenario of that name (it keeps: "
                               f"{names}).")
        scenarios.append(found[0])
    return scenarios


def _run(args: argparse.Namespace) -> tuple[Comparison, ServiceMap]:
    from outsidein_desktop.analysis.compare import BASELINE, compare
    from outsidein_desktop.cli import CommandError, _progress_printer, _read
    from outsidein_desktop.domain.validate import WARNING, validate
    from outsidein_desktop.storage import load_map

    cli_options.check_jobs(args)
    if not args.people.strip():
        raise CommandError("--people needs a word, such as 'patients'.")
    base = _read(load_map, args.map)
    scenarios = scenarios_for(args.map, args.scenario, base)
    names = [s.name for s in scenarios]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice or BASELINE in names:
        name = (twice or [BASELINE])[0]
        raise CommandError(f"two options would be called '{name}' (the map as drawn is "
                           "'Baseline'): give each scenario its own name to compare them.")
    settings = cli_options.run_settings(args, base.run)
    for problem in validate(base):
        if problem.severity == WARNING:
            print(f"warning: {problem.element}: {problem.message}", file=sys.stderr)
    print(f"comparing {len(scenarios) + 1} options x "
          f"{counted(settings.replications, 'replication')} "
          f"on {cli_options.where_it_runs(args)}", file=sys.stderr)
    comparison = compare(base, scenarios, settings, jobs=args.jobs,
                         progress=_progress_printer(), cluster=args.cluster)
    print(file=sys.stderr)
    return comparison, base


def handle_compare(args: argparse.Namespace) -> int:
    from outsidein_desktop.analysis.comparison_file import (
        save_comparison_csv,
        save_comparison_json,
    )
    from outsidein_desktop.cli import EXIT_OK
    from outsidein_desktop.report.comparison_charts import comparison_figures
    from outsidein_desktop.report.comparison_text import format_comparison
    from outsidein_desktop.report.export import save_figure

    out = cli_options.out_folder(args.out)
    comparison, _ = _run(args)
    print(format_comparison(comparison, people=args.people))
    if out is not None:
        save_comparison_json(comparison, out / "comparison.json")
        save_comparison_csv(comparison, out / "comparison.csv")
        charts = 0
        for name, fig in comparison_figures(comparison, args.people).items():
            for kind in CHART_FORMATS:
                save_figure(fig, out / f"comparison_{name}.{kind}")
                charts += 1
        print(f"\nWrote comparison.json, comparison.csv and {charts} chart files (PNG, SVG "
              f"and PDF) to {out}")
    return EXIT_OK


def handle_report(args: argparse.Namespace) -> int:
    from outsidein_desktop.cli import EXIT_OK, CommandError
    from outsidein_desktop.report.paper import REPORT_FORMATS, build_paper, write_report

    out = Path(args.out)
    if out.suffix.lower() not in REPORT_FORMATS:
        raise CommandError(f"--out {args.out}: a report is a PDF (.pdf) or a Word document "
                           f"(.docx); '{out.suffix or 'no suffix'}' is neither.")
    if not out.parent.is_dir():
        raise CommandError(f"--out {args.out}: the folder {out.parent} does not exist.")
    comparison, _ = _run(args)
    paper = build_paper(comparison, question=args.question,
                        recommendation=args.recommendation, map_path=args.map,
                        people=args.people)
    write_report(paper, out)
    print(f"Wrote the board paper to {out}")
    return EXIT_OK
