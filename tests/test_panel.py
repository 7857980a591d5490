"""The whole graph's dyad-year panel as a COW user merges it: one row per key, NA apart from 0, in pandas."""

from __future__ import annotations

import csv
import io
import itertools
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

from dyadgraph.errors import ExportWarning
from dyadgraph.export.panel import COLUMNS, QUADS, panel_frame
from dyadgraph.export.style import TIE_LEVELS
from dyadgraph.export.subgraph import Subgraph

from .conftest import MONGOLIA, subgraph

KEY = ["ccode1", "ccode2", "year"]
# Column names of the COW Dyadic Trade dataset (v4.0), whose key peacesciencer's dyad-years share.
COW_TRADE_COLUMNS = ["ccode1", "ccode2", "year", "importer1", "importer2", "flow1", "flow2", "smoothtotrade", "version"]


def whole_graph(db: Path) -> Subgraph:
    return subgraph(db)


@pytest.fixture(scope="module")
def panel_csv(mongolia_db: Path) -> tuple[str, list[str]]:
    """The whole graph's panel as `export --to dyad-year` writes it, and the warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = whole_graph(mongolia_db).text("dyad-year")
    return text, [str(w.message) for w in caught if issubclass(w.category, ExportWarning)]


def cow_dyad_years() -> pd.DataFrame:
    """A synthetic COW-format frame: every directed pair of the seeds' COW codes, 1816 to 2025, as
    create_dyadyears() makes them, with the trade dataset's columns filled with made-up flows."""
    with (MONGOLIA / "State.csv").open(encoding="utf-8") as handle:
        codes = sorted({int(row["cow_code"]) for row in csv.DictReader(handle) if row["cow_code"]})
    pairs = [(a, b) for a, b in itertools.permutations(codes, 2)]
    years = range(1816, 2026)
    frame = pd.DataFrame(
        [(a, b, year) for a, b in pairs for year in years],
        columns=KEY,
    )
    frame["importer1"] = frame["ccode1"].map(lambda code: f"state {code}")
    frame["importer2"] = frame["ccode2"].map(lambda code: f"state {code}")
    frame["flow1"] = (frame["year"] - 1800) * 0.5
    frame["flow2"] = -9.0  # COW's code for missing, which a merge must leave alone
    frame["smoothtotrade"] = frame["flow1"]
    frame["version"] = 4.0
    assert list(frame.columns) == COW_TRADE_COLUMNS
    return frame


def test_the_whole_graph_panel_merges_with_cow_dyad_years_without_duplicating_rows(
    panel_csv: tuple[str, list[str]],
) -> None:
    panel = pd.read_csv(io.StringIO(panel_csv[0]))
    assert list(panel.columns) == list(COLUMNS)
    assert not panel.duplicated(KEY).any()
    assert [str(panel[c].dtype) for c in KEY] == ["int64", "int64", "int64"]  # no NaN turning them to floats
    cow = cow_dyad_years()
    merged = cow.merge(panel, on=KEY, how="left", validate="one_to_one")
    assert len(merged) == len(cow)
    assert [str(merged[c].dtype) for c in KEY] == ["int64", "int64", "int64"]
    # Every row of the panel is a COW dyad-year: none is lost in an inner merge.
    assert len(cow.merge(panel, on=KEY, how="inner", validate="one_to_one")) == len(panel)
    mongolia_china = merged[(merged.ccode1 == 712) & (merged.ccode2 == 710) & (merged.year == 2014)]
    assert mongolia_china[["tie_level", "flow1"]].values.tolist() == [[4.0, 107.0]]


def test_every_row_is_a_cow_dyad_year_and_the_rest_is_counted(panel_csv: tuple[str, list[str]]) -> None:
    panel = pd.read_csv(io.StringIO(panel_csv[0]))
    assert (panel.ccode1 != panel.ccode2).all()  # the USSR and Russia (both 365) are no dyad
    assert panel.year.min() >= 1816
    directed = set(zip(panel.ccode1, panel.ccode2, panel.year, strict=True))
    assert all((b, a, year) in directed for a, b, year in directed)  # both directions of every dyad-year
    # The USSR's facts and Russia's meet in the one COW state 365, each year named by whose they are.
    russia = panel[(panel.ccode1 == 365) & (panel.ccode2 == 712)].set_index("year")
    assert (russia.loc[1921, "iso3_1"], russia.loc[2019, "iso3_1"]) == ("SUN", "RUS")
    (warning,) = [w for w in panel_csv[1] if "leaves out" in w]
    # Manchukuo has no COW code; Qing China's 1691 league-banner system (710-712) predates the system.
    counted = re.fullmatch(
        r"the dyad-year panel leaves out (\d+) dyad-years: (\d+) of dyads with a state without a COW code "
        r"\(XMK\); (\d+) before 1816, when the COW state system begins",
        warning,
    )
    assert counted, warning
    total, without_code, early = map(int, counted.groups())
    assert total == without_code + early and without_code > 0 and early > 0


def test_missing_is_na_and_zero_means_a_recorded_zero(panel_csv: tuple[str, list[str]]) -> None:
    panel = pd.read_csv(io.StringIO(panel_csv[0]), keep_default_na=False, dtype=str)
    for row in panel.to_dict("records"):
        kinds = row["tie_kinds"].split(";") if row["tie_kinds"] else []
        ladder = [TIE_LEVELS[k] for k in kinds if k in TIE_LEVELS]
        expected = str(max(ladder)) if ladder else "0" if "rupture" in kinds else ""
        assert row["tie_level"] == expected, row
        assert int(row["events"]) == sum(int(row[f"events_{q}"]) for q in (*QUADS, "unclassified"))
        for side in "12":
            shares = [row[f"{s}_share{side}"] for s in ("export", "import", "trade")]
            assert (row[f"trade_period{side}"] == "") == all(v == "" for v in shares), row
    by_key = {(int(r["ccode1"]), int(r["ccode2"]), int(r["year"])): r for r in panel.to_dict("records")}
    # The Sino-Mongolian rupture (1960-1989) is a recorded break: level 0; before the ladder starts, NA.
    assert by_key[(712, 710, 1965)]["tie_level"] == "0"
    assert by_key[(712, 710, 2013)]["tie_level"] == ""
    # The paper's Jan-Jul 2020 trade shares say which months they cover.
    trade = by_key[(712, 710, 2020)]
    assert (trade["export_share1"], trade["import_share1"], trade["trade_period1"]) == (
        "0.68",
        "0.35",
        "2020-01/2020-07",
    )
    assert (trade["export_share2"], trade["trade_period2"]) == ("", "")


def test_the_panel_frame_keeps_integers_and_na(mongolia_db: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        frame = panel_frame(whole_graph(mongolia_db))
    assert {c: str(frame[c].dtype) for c in (*KEY, "tie_level", "events")} == dict.fromkeys(
        (*KEY, "tie_level", "events"), "Int64"
    )
    assert str(frame["export_share1"].dtype) == "Float64"
    assert frame.tie_level.isna().any() and (frame.tie_level == 0).any()
    merged = cow_dyad_years().merge(frame, on=KEY, how="left", validate="one_to_one")
    assert merged.tie_level.notna().sum() == frame.tie_level.notna().sum()
