"""Exports for a board paper: charts as PNG (300 dpi), SVG and PDF; results as CSV tables
and an Excel workbook.

Every file is written beside its target under a temporary name and renamed over it only
when complete, so a failure never leaves half a file (or spoils the old one).
"""

from __future__ import annotations

import contextlib
import csv
import math
import os
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

from matplotlib import rc_context
from matplotlib.figure import Figure

from .. import __version__
from ..analysis.results import Results
from ..errors import OutsideInError
from .figures import board_figures
from .style import board_style
from .tables import Table, all_tables, customer_table

FIGURE_FORMATS = ("png", "svg", "pdf")
PNG_DPI = 300


class ExportError(OutsideInError):
    """A file that could not be written; the message names it and says why."""


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` for the caller to write; when the block ends
    without an error, the temporary file replaces ``path``. On an error it is removed and
    ``path`` is untouched."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist, so nothing was "
                          "saved there.")
    # Not created here (mkstemp would make it private to this user): the writer creates it
    # with the usual permissions.
    temporary = path.parent / f".{path.name}.{uuid.uuid4().hex[:12]}.tmp"
    try:
        yield temporary
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise ExportError(f"{path}: the file could not be saved "
                              f"({error.strerror or error}). Nothing was changed.") from None
        raise


# --- charts -------------------------------------------------------------------------------


def save_figure(fig: Figure, path: str | os.PathLike[str]) -> Path:
    """Save ``fig`` as PNG (300 dpi), SVG or PDF, by the file's suffix, in the board style;
    fonts are embedded in PDFs (TrueType) and drawn as shapes in SVGs."""
    path = Path(path)
    kind = path.suffix.lower().lstrip(".")
    if kind not in FIGURE_FORMATS:
        raise ExportError(f"{path}: charts can be saved as {', '.join(FIGURE_FORMATS)}; "
                          f"'{path.suffix or 'no suffix'}' is none of these.")
    title = fig.axes[0].get_title(loc="left").replace("\n", " ") if fig.axes else ""
    metadata = {"png": {"Title": title, "Software": f"OutsideIn {__version__}"},
                "svg": {"Title": title, "Creator": f"OutsideIn {__version__}"},
                "pdf": {"Title": title, "Creator": f"OutsideIn {__version__}"}}[kind]
    with board_style(), rc_context({"pdf.fonttype": 42, "ps.fonttype": 42,
                                    "svg.fonttype": "path"}), replacing(path) as temporary:
        fig.savefig(temporary, format=kind, dpi=PNG_DPI, bbox_inches="tight",
                    pad_inches=0.08, metadata=metadata, facecolor="white")
    return path


def export_charts(results: Results, folder: str | os.PathLike[str],
                  formats: Sequence[str] = FIGURE_FORMATS,
                  people: str = "customers") -> list[Path]:
    """Every board chart in each of ``formats`` into ``folder`` (chart_<name>.<format>);
    returns the paths written."""
    folder = Path(folder)
    written = []
    for name, fig in board_figures(results, people).items():
        for kind in formats:
            written.append(save_figure(fig, folder / f"chart_{name}.{kind}"))
    return written


# --- tables: CSV --------------------------------------------------------------------------


def _csv_value(value: object) -> object:
    if isinstance(value, float):
        return "" if not math.isfinite(value) else f"{value:.6g}"
    return value


def write_table_csv(table: Table, path: str | os.PathLike[str]) -> Path:
    """One table as CSV (UTF-8 with a byte-order mark, so that Excel reads it right)."""
    path = Path(path)
    with replacing(path) as temporary, open(temporary, "w", newline="",
                                            encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.columns)
        writer.writerows([_csv_value(v) for v in row] for row in table.rows)
    return path


def write_results_csv(results: Results, folder: str | os.PathLike[str]) -> list[Path]:
    """The customer's view, teams, steps and time budget as CSV files in ``folder``:
    results_customer_view.csv, results_teams.csv, results_steps.csv and
    results_time_budget.csv. Returns the paths written."""
    folder = Path(folder)
    tables = [customer_table(results), *all_tables(results)[:3]]
    return [write_table_csv(t, folder / f"results_{t.name.lower().replace(' ', '_')}.csv")
            for t in tables]


def write_results_excel(results: Results, path: str | os.PathLike[str]) -> Path:
    """The results as an Excel workbook: Summary (the customer's view with CIs and the
    readings), Teams, Steps, Time budget and Settings."""
    from .workbook import results_workbook  # openpyxl is only needed here

    path = Path(path)
    workbook = results_workbook(results)
    with replacing(path) as temporary:
        workbook.save(temporary)
    return path
