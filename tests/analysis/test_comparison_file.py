"""comparison.json and comparison.csv: every figure, in documented keys; the side-by-side
table in human units; both written atomically."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

# tests/ is on the path (rootdir conftest); tests/report is a package there.
from report.comparison_case import small_comparison

from outsidein_desktop.analysis.compare import HEADLINE_MEASURES
from outsidein_desktop.analysis.comparison_file import (
    comparison_to_dict,
    csv_header,
    row_unit,
    save_comparison_csv,
    save_comparison_json,
)
from outsidein_desktop.analysis.results import CUSTOMER_MEASURES
from outsidein_desktop.errors import MapFileError

DOCS = Path(__file__).resolve().parents[2] / "docs" / "comparison-json.md"


@pytest.fixture(scope="module")
def comparison():
    return small_comparison()


def test_the_dict_is_strict_json_with_every_option_and_difference(comparison):
    data = json.loads(json.dumps(comparison_to_dict(comparison), allow_nan=False))
    assert data["comparison_format"] == 1
    assert data["common_random_numbers"] is True
    assert [o["name"] for o in data["options"]] == ["Baseline", "Third booker",
                                                    "Slower clinic"]
    assert data["options"][0]["baseline"] and not data["options"][1]["baseline"]
    assert data["options"][1]["changes"] == comparison.options[1].changes
    assert data["headline_measures"] == list(HEADLINE_MEASURES)
    for name, diffs in comparison.differences.items():
        for measure, d in diffs.items():
            saved = data["differences"][name][measure]
            assert saved["verdict"] == d.verdict.value
            assert saved["difference"] == json.loads(json.dumps(d.difference.to_dict()))
    assert data["settings"]["replications"] == comparison.settings.replications


def test_every_key_is_documented(comparison):
    text = DOCS.read_text(encoding="utf-8")
    data = comparison_to_dict(comparison)
    for key in data:
        assert f"`{key}`" in text, key
    for key in data["options"][0]:
        assert f"`{key}`" in text, key


def test_the_json_file_is_written_and_read_back(comparison, tmp_path):
    path = save_comparison_json(comparison, tmp_path / "comparison.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["map"] == "Two teams"


def test_the_csv_has_a_row_per_measure_in_human_units(comparison, tmp_path):
    path = save_comparison_csv(comparison, tmp_path / "comparison.csv")
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == csv_header(comparison)
    body = rows[1:]
    assert [r[0] for r in body[:len(HEADLINE_MEASURES)]] == list(HEADLINE_MEASURES)
    assert len(body) == len(CUSTOMER_MEASURES)
    median = body[0]
    unit, factor = row_unit("end_to_end_median", comparison)
    assert median[2] == unit
    base = comparison.baseline.results.customer["end_to_end_median"]
    assert float(median[3]) == pytest.approx(base.mean * factor, rel=1e-5)
    verdict_column = rows[0].index("Third booker − Baseline: verdict")
    assert median[verdict_column] == \
        comparison.differences["Third booker"]["end_to_end_median"].verdict.value
    share = body[HEADLINE_MEASURES.index("waiting_share")]
    assert share[2] == "%"


def test_a_csv_that_cannot_be_written_says_so_and_leaves_nothing(comparison, tmp_path):
    with pytest.raises(MapFileError, match="could not be saved"):
        save_comparison_csv(comparison, tmp_path / "no such folder" / "comparison.csv")
    assert list(tmp_path.iterdir()) == []
