"""`outsidein sweep`: vary one or two parameters of a map over a range and chart a
customer's-view measure along it, with 95% CI bands and the knee marked.

    outsidein sweep MAP --vary 'team:Triage.staff=1..6' [--vary SPEC2]
                    [--measure end_to_end_median] [--scenario S] [--days D] [--warmup W]
                    [--replications N] [--seed K] [--jobs J] [--cluster ADDRESS] [--out DIR]

Prints a short table and the finding; with --out, writes sweep.json, sweep.csv and the
chart as sweep.png (300 dpi), sweep.svg and sweep.pdf.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from outsidein_desktop import cli_options

if TYPE_CHECKING:
    from outsidein_desktop.analysis.sweep import SweepResult

VARY_HELP = ("what to vary and the values to try, as KIND:NAME.FIELD=VALUES; VALUES are "
             "'1..6' (whole steps), '5..30/5' (with a step) or '1,2,4,8'. Fields: "
             "team:NAME.staff, step:NAME.mean (minutes, or with a unit: 30min), "
             "delay:NAME.mean, entry:NAME.per_day, segment:NAME.chase_after (days), "
             "segment:NAME.patience (days), handoff:SOURCE->TARGET.info_travels (0 to 1), "
             "handoff:SOURCE->TARGET.delay. Give --vary twice for a grid of two parameters")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("map", metavar="MAP", help="the journey map file (.json)")
    parser.add_argument("--vary", metavar="SPEC", action="append", required=True,
                        help=VARY_HELP)
    parser.add_argument("--measure", default="end_to_end_median", metavar="M",
                        help="the customer's-view measure to chart and print (default "
                        "end_to_end_median; all of them go to sweep.json and sweep.csv)")
    parser.add_argument("--scenario", metavar="S", help="sweep the map as this redesign "
                        "(a scenario file) changes it")
    cli_options.add_run_options(parser, per="at each point",
                                seed_note="every point uses the same random numbers")
    parser.add_argument("--out", metavar="DIR", help="write sweep.json, sweep.csv and the "
                        "chart (sweep.png, .svg, .pdf) to this folder")


def handle(args: argparse.Namespace) -> int:
    from outsidein_desktop.analysis.sweep import check_measure, parse_vary, sweep
    from outsidein_desktop.cli import EXIT_OK, CommandError, _progress_printer, _read
    from outsidein_desktop.storage import apply_scenario_file, load_map, load_scenario

    cli_options.check_jobs(args)
    if len(args.vary) > 2:
        raise CommandError(f"a sweep varies one or two parameters; --vary was given "
                           f"{len(args.vary)} times.")
    measure = check_measure(args.measure)
    base = _read(load_map, args.map)
    service_map = apply_scenario_file(base, args.scenario) if args.scenario else base
    parameters = [parse_vary(text, service_map) for text in args.vary]
    settings = cli_options.run_settings(args, base.run)
    out = cli_options.out_folder(args.out)
    points = math.prod(len(p.values) for p in parameters)
    print(f"sweeping {points} points x {settings.replications} replications on "
          f"{cli_options.where_it_runs(args)}", file=sys.stderr)
    result = sweep(service_map, parameters, settings, jobs=args.jobs,
                   progress=_progress_printer(), cluster=args.cluster)
    print(file=sys.stderr)
    if args.scenario:
        result.scenario = _read(load_scenario, args.scenario).name
    print(format_sweep(result, measure))
    if out is not None:
        written = write_sweep_files(result, out, measure)
        print(f"\nWrote {', '.join(p.name for p in written)} to {out}")
    return EXIT_OK


def format_sweep(result: SweepResult, measure: str) -> str:
    """The finding, a table of the measure at each point (mean and 95% CI, in a human
    unit; and, if some run did not settle, how many were still in the journey at the end),
    the knee, the points whose run did not settle, and each warning with its points."""
    from outsidein_desktop.report.readings import number
    from outsidein_desktop.report.sweep_chart import measure_scale, sweep_title

    scale = measure_scale(result, measure)
    unsettled = result.unsettled_points
    header = [p.label[:1].upper() + p.label[1:] for p in result.parameters]
    header += [scale.label, "95% CI"]
    if unsettled:
        header.append("Still in the journey at the end")
    rows = []
    for point, e in zip(result.points, result.estimates(measure), strict=True):
        ci = (f"{number(e.low * scale.factor)} to {number(e.high * scale.factor)}"
              if math.isfinite(e.low) and math.isfinite(e.high) else "n/a")
        rows.append([*(p.value_text(v) for p, v in zip(result.parameters, point.values,
                                                        strict=True)),
                     number(e.mean * scale.factor), ci])
        if unsettled:
            rows[-1].append(number(point.still_in_journey)
                            + (" - not settled" if point.unsettled else ""))
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [sweep_title(result, measure) + ".", ""]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in [header, *rows]]
    lines.append("")
    lines += [_knee_line(result, measure, at) for at in result.lines(measure)]
    lines += _unsettled_lines(result)
    lines += _warnings(result)
    return "\n".join(lines)


def _knee_line(result: SweepResult, measure: str, at: float | None) -> str:
    """Where the curve bends, read from the settled points; saying so when some are not."""
    from outsidein_desktop.analysis.sweep_settled import values_text

    knee = result.knee(measure, at)
    where = f" where the {result.second.label} is {result.second.value_text(at)}" \
        if result.second is not None else ""
    settled = result.settled(at)
    x = result.series(measure, at)[0]
    if settled.all():
        return (f"Knee{where}: {result.first.value_text(knee)}." if knee is not None
                else f"No knee{where}: the curve is flat or straight.")
    among = (f"among the points whose run settled ({values_text(result.first, x[settled])})"
             if settled.any() else "")
    if knee is not None:
        return f"Knee{where}: {result.first.value_text(knee)}, {among}."
    if settled.sum() < 3:
        return (f"No knee{where}: too few points settled to read one ({int(settled.sum())} "
                f"of {len(settled)}).")
    return f"No knee{where} {among}: the curve is flat or straight there."


def _unsettled_lines(result: SweepResult) -> list[str]:
    """Which points' runs had not settled, each with why and how many were still in the
    journey at the end; the warnings below give the details."""
    from outsidein_desktop.analysis.sweep_settled import point_text, reason, values_text
    from outsidein_desktop.report.readings import number

    unsettled = result.unsettled_points
    if not unsettled:
        return []
    settled = [p for p in result.points if not p.unsettled]
    lines = ["", f"Not settled at {len(unsettled)} of {len(result.points)} points: their "
             "figures depend on the run's length and count only the journeys that "
             "finished."]
    lines += [f"  {point_text(result, p)}: {reason([p])} at the end of the run; "
              f"{number(p.still_in_journey)} still in the journey." for p in unsettled]
    if not settled:
        lines.append("No point settled: run longer (--days) before reading these figures.")
    elif result.second is None:
        lines.append(f"Settled: {values_text(result.first, [p.values[0] for p in settled])}.")
    else:
        lines.append(f"The other {len(settled)} points settled.")
    return lines


def _warnings(result: SweepResult) -> list[str]:
    """Each warning once, with the points that gave it: only identical texts are put
    together (a queue of about 935 at one point and 82 at the next are two lines)."""
    from outsidein_desktop.analysis.sweep_settled import grouped_warnings, point_text

    grouped = grouped_warnings(result)
    lines = [""] if grouped else []
    return lines + [f"warning at {'; '.join(point_text(result, p) for p in points)}: {text}"
                    for text, points in grouped]


def write_sweep_files(result: SweepResult, folder: Path, measure: str) -> list[Path]:
    """sweep.json, sweep.csv and the chart in PNG, SVG and PDF, into ``folder``."""
    from outsidein_desktop.analysis.sweep import write_sweep_csv, write_sweep_json
    from outsidein_desktop.report.sweep_chart import export_sweep_chart

    written = [write_sweep_json(result, folder / "sweep.json"),
               write_sweep_csv(result, folder / "sweep.csv")]
    return written + export_sweep_chart(result, folder, measure)
