"""Exports for a board paper: PNG, SVG and PDF charts, CSV tables, the Excel workbook, and
`outsidein run --out DIR --charts`."""

from __future__ import annotations

import csv
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from matplotlib.figure import Figure

from outsidein_desktop import cli
from outsidein_desktop.report.export import (
    ExportError,
    export_charts,
    save_figure,
    write_results_csv,
    write_results_excel,
)
from outsidein_desktop.report.figures import BOARD_CHARTS, board_figure
from outsidein_desktop.report.timescale import unit_for
from outsidein_desktop.storage import save_map

from .conftest import small_map

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def chart_files(results, tmp_path_factory):
    folder = tmp_path_factory.mktemp("charts")
    return folder, export_charts(results, folder)


def png_chunks(data: bytes) -> dict[bytes, bytes]:
    chunks, at = {}, len(PNG_MAGIC)
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        chunks.setdefault(kind, data[at + 8:at + 8 + length])
        at += 12 + length
    return chunks


def assert_png(path, dpi=300):
    data = path.read_bytes()
    assert data.startswith(PNG_MAGIC)
    chunks = png_chunks(data)
    width, height = struct.unpack(">II", chunks[b"IHDR"][:8])
    assert 1200 <= width <= 2400 and 600 <= height <= 3600  # about 7 inches at 300 dpi
    per_metre = struct.unpack(">II", chunks[b"pHYs"][:8])
    assert per_metre[0] == pytest.approx(dpi / 0.0254, rel=0.01)
    assert b"IEND" in chunks


def assert_svg(path):
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def assert_pdf(path):
    assert path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                                 check=True).stdout.splitlines()[2:]
        assert listing, "no fonts in the PDF"
        for line in listing:  # columns: name type encoding emb sub uni object ID
            assert line.split()[-5] == "yes", f"font not embedded: {line}"


# --- charts -----------------------------------------------------------------------------


def test_every_chart_is_written_as_png_svg_and_pdf(chart_files):
    folder, written = chart_files
    assert len(written) == len(BOARD_CHARTS) * 3
    for name in BOARD_CHARTS:
        assert_png(folder / f"chart_{name}.png")
        assert_svg(folder / f"chart_{name}.svg")
        assert_pdf(folder / f"chart_{name}.pdf")
    assert not list(folder.glob(".*.tmp")), "temporary files left behind"


def test_a_pdf_page_converts_to_an_image(chart_files, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    folder, _ = chart_files
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(folder / "chart_end_to_end.pdf"),
                    str(tmp_path / "page")], check=True, timeout=60)
    assert (tmp_path / "page-1.png").read_bytes().startswith(PNG_MAGIC)


def test_a_chart_of_an_unknown_kind_is_refused_plainly(results, tmp_path):
    with pytest.raises(ExportError, match="png, svg, pdf"):
        save_figure(board_figure(results, "utilisation"), tmp_path / "chart.gif")
    assert not list(tmp_path.iterdir())


def test_a_failed_save_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "chart.png"
    target.write_bytes(b"the old chart")
    fig = Figure()
    fig.add_subplot()

    def breaks(self, path, **kwargs):
        with open(path, "wb") as handle:
            handle.write(PNG_MAGIC)  # half a file...
        raise OSError(28, "No space left on device")  # ...then the disk fills

    monkeypatch.setattr(Figure, "savefig", breaks)
    with pytest.raises(ExportError, match="No space left on device"):
        save_figure(fig, target)
    assert target.read_bytes() == b"the old chart"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]


def test_saving_into_a_missing_folder_says_so(results, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        save_figure(board_figure(results, "end_to_end"), tmp_path / "nowhere" / "chart.pdf")


# --- tables -----------------------------------------------------------------------------


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_results_csv_tables_have_units_cis_and_the_numbers(results, tmp_path):
    written = write_results_csv(results, tmp_path)
    assert [p.name for p in written] == ["results_customer_view.csv", "results_teams.csv",
                                         "results_steps.csv", "results_time_budget.csv"]
    customer = {row["Measure"]: row for row in read_csv(tmp_path / written[0].name)}
    median = results.customer["end_to_end_median"]
    unit = unit_for(median.mean)
    row = customer["Median end-to-end time"]
    assert row["Unit"] == unit.name
    assert float(row["Mean"]) == pytest.approx(median.mean / unit.minutes, rel=1e-5)
    assert float(row["95% CI low"]) == pytest.approx(median.low / unit.minutes, rel=1e-5)
    assert float(row["95% CI high"]) == pytest.approx(median.high / unit.minutes, rel=1e-5)
    assert row["Reading"].startswith("Half of customers wait more than")
    gave_up = customer["Share of customers who gave up"]
    assert gave_up["Unit"] == "%"
    assert float(gave_up["Mean"]) == pytest.approx(100 * results.customer["gave_up_share"].mean,
                                                   rel=1e-5)

    teams = read_csv(tmp_path / "results_teams.csv")
    assert [t["Team"] for t in teams] == [t.name for t in results.teams]
    assert float(teams[0]["Utilisation (%)"]) == pytest.approx(
        100 * results.teams[0].utilisation.mean, rel=1e-5)
    assert any(k.startswith("Mean wait (") for k in teams[0])

    steps = read_csv(tmp_path / "results_steps.csv")
    assert [s["Step"] for s in steps] == [s.name for s in results.steps]
    assert "90th percentile wait, 95% CI high" in steps[0]

    budget = read_csv(tmp_path / "results_time_budget.csv")
    whole = budget[-1]
    unit_name = next(k for k in whole if k.startswith("Total (")).removeprefix("Total (")[:-1]
    assert unit_name in ("minutes", "hours", "days", "weeks")
    minutes = {"minutes": 1, "hours": 60, "days": 1440, "weeks": 10080}[unit_name]
    total = float(whole[f"Total ({unit_name})"])
    assert total == pytest.approx(sum(float(r[f"Total ({unit_name})"]) for r in budget[:-1]),
                                  rel=1e-4)
    assert total * minutes == pytest.approx(results.time_budget.total(), rel=1e-5)


def test_the_excel_workbook_opens_with_its_sheets_and_the_median(results, tmp_path):
    path = write_results_excel(results, tmp_path / "results.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Summary", "Teams", "Steps", "Time budget", "Settings"]
    summary = workbook["Summary"]
    rows = {r[0]: r for r in summary.iter_rows(values_only=True) if r and r[0]}
    median = results.customer["end_to_end_median"]
    unit = unit_for(median.mean)
    row = rows["Median end-to-end time"]
    assert row[1] == pytest.approx(median.mean / unit.minutes)
    assert row[2] == pytest.approx(median.low / unit.minutes)
    assert row[3] == pytest.approx(median.high / unit.minutes)
    assert row[4] == unit.name
    assert row[6].startswith("Half of customers wait more than")
    header = next(summary.iter_rows(min_row=5, max_row=5))
    assert header[0].value == "Measure" and header[0].font.bold
    assert summary.cell(6, 2).number_format == "0.0#"
    assert summary.column_dimensions["A"].width >= 20
    teams = workbook["Teams"]
    assert [c.value for c in teams["A"]][1:] == [t.name for t in results.teams]
    settings = {r[0]: r[1] for r in workbook["Settings"].iter_rows(values_only=True)}
    assert settings["Replications"] == 3 and settings["Seed"] == 7
    assert not list(tmp_path.glob(".*.tmp"))


# --- the command line -------------------------------------------------------------------


def test_run_with_charts_writes_charts_tables_and_workbook(tmp_path, capsys):
    map_path = tmp_path / "small.json"
    save_map(small_map(small_map_settings()), map_path)
    out = tmp_path / "out"
    code = cli.main(["run", str(map_path), "--out", str(out), "--charts"])
    assert code == 0, capsys.readouterr().err
    for name in BOARD_CHARTS:
        assert_png(out / f"chart_{name}.png")
        assert_svg(out / f"chart_{name}.svg")
        assert_pdf(out / f"chart_{name}.pdf")
    for name in ("results.json", "customers.csv", "events.csv", "results.xlsx",
                 "results_customer_view.csv", "results_teams.csv", "results_steps.csv",
                 "results_time_budget.csv"):
        assert (out / name).is_file(), name
    assert "results.xlsx" in capsys.readouterr().out


def test_charts_without_an_out_folder_is_a_plain_error(tmp_path, capsys):
    map_path = tmp_path / "small.json"
    save_map(small_map(small_map_settings()), map_path)
    code = cli.main(["run", str(map_path), "--charts"])
    captured = capsys.readouterr()
    assert code == 2
    assert "--charts needs --out" in captured.err
    assert "Traceback" not in captured.err
    assert "simulating" not in captured.err  # refused before the run, not after


def small_map_settings():
    from outsidein_desktop.domain import RunSettings

    from .conftest import START
    return RunSettings(days=12, warmup_days=2, replications=2, seed=3, start_date=START)
