"""`dyadgraph import` of POLECAT events and of COW Diplomatic Exchange and Formal Alliances as ties:
fixtures in each release's own layout and column names, with synthetic values (tests/fixtures/imports):
ngecEvents.DV.2023.txt (POLECAT's Dataverse columns), Diplomatic_Exchange_2006v1.csv and
alliance_v4.1_by_dyad_yearly.csv / _by_directed.csv (the COW codebooks' columns). What they become is
checked against the rows, by hand, and then in the canned queries and the dyad-year panel."""

from __future__ import annotations

import csv
import io
import shutil
import warnings
from pathlib import Path
from typing import Any

import pytest

import dyadgraph
from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.errors import ExportWarning
from dyadgraph.export import text
from dyadgraph.imports import ImportRejected, ImportSummary, import_file

from .conftest import ROOT, rows

FIXTURES = ROOT / "tests" / "fixtures" / "imports"
POLECAT = FIXTURES / "ngecEvents.DV.2023.txt"
DIPLOMATIC = FIXTURES / "Diplomatic_Exchange_2006v1.csv"
ALLIANCE = FIXTURES / "alliance_v4.1_by_dyad_yearly.csv"
DIRECTED = FIXTURES / "alliance_v4.1_by_directed.csv"
ICEWS = FIXTURES / "icews.tab"


def imported(fmt: str, path: Path, db: Path, **options: Any) -> ImportSummary:
    return import_file(fmt, path, EmbeddedBackend(db, create=True), **options)


def ties(db: Path, source: str) -> list[tuple[Any, ...]]:
    found = rows(
        db,
        "MATCH (:State)-[t:TIE]->(:State) WHERE t.source = $source "
        "RETURN t.id AS id, t.since AS since, t.until AS until, t.date_precision AS precision ORDER BY id",
        source=source,
    )
    return [(r["id"], r["since"], r["until"], r["precision"]) for r in found]


def query(db: Path, name: str, **parameters: Any) -> list[tuple[Any, ...]]:
    with dyadgraph.open(db) as graph:
        return graph.query(name, **parameters).values


# ---------------------------------------------------------------- COW Diplomatic Exchange


def test_diplomatic_levels_become_directed_ties_collapsed_over_the_waves(tiny_db: Path) -> None:
    summary = imported("cow-diplomatic", DIPLOMATIC, tiny_db)
    assert (summary.rows, summary.relationships, summary.nodes["State"]) == (32, {"TIE": 17}, 1)  # JPN is new
    # Read off the fixture's rows: China and Mongolia exchange ambassadors in all five waves; the USA
    # and Mongolia start in 1990 (a minister in Washington, a chargé in Ulaanbaatar) and exchange
    # ambassadors from 1995; Japan and Mongolia break off in the 1995 wave, and Japan's level in
    # Mongolia is "other" (9) in 2000. Line 33 (-9: not known) leaves only the US level in Tokyo.
    assert ties(tiny_db, "cow-diplomatic") == [
        ("CHN>TIE>MNG:diplomatic_relations:1985", "1985", "2005", "year"),
        ("CHN>TIE>MNG:embassy_ambassador:1985", "1985", "2005", "year"),
        ("JPN>TIE>MNG:diplomatic_relations:1985", "1985", "1990", "year"),
        ("JPN>TIE>MNG:diplomatic_relations:2000", "2000", "2005", "year"),
        ("JPN>TIE>MNG:embassy_ambassador:1985", "1985", "1990", "year"),
        ("JPN>TIE>MNG:embassy_ambassador:2005", "2005", "2005", "year"),
        ("JPN>TIE>MNG:embassy_other:2000", "2000", "2000", "year"),
        ("JPN>TIE>USA:diplomatic_relations:2005", "2005", "2005", "year"),
        ("MNG>TIE>CHN:embassy_ambassador:1985", "1985", "2005", "year"),
        ("MNG>TIE>JPN:embassy_ambassador:1985", "1985", "1990", "year"),
        ("MNG>TIE>JPN:embassy_ambassador:2000", "2000", "2005", "year"),
        ("MNG>TIE>USA:diplomatic_relations:1990", "1990", "2005", "year"),
        ("MNG>TIE>USA:embassy_ambassador:1995", "1995", "2005", "year"),
        ("MNG>TIE>USA:embassy_minister:1990", "1990", "1990", "year"),
        ("USA>TIE>JPN:embassy_ambassador:2005", "2005", "2005", "year"),
        ("USA>TIE>MNG:embassy_ambassador:1995", "1995", "2005", "year"),
        ("USA>TIE>MNG:embassy_charge:1990", "1990", "1990", "year"),
    ]
    warned = [(p.type, p.line, p.column) for p in summary.report.problems]
    assert warned == [("unmapped-country", 32, "ccode2")]


def test_each_imported_tie_says_its_dataset_version_and_rows(tiny_db: Path) -> None:
    imported("cow-diplomatic", DIPLOMATIC, tiny_db)
    tie = rows(
        tiny_db,
        "MATCH ()-[t:TIE {id: 'USA>TIE>MNG:embassy_charge:1990'}]->() "
        "RETURN t.description AS description, t.locator AS locator, t.date_basis AS basis, t.year_from AS year",
    )
    assert tie == [
        {
            "description": "COW Diplomatic Exchange v2006.1: United States is represented at Mongolia by a "
            "chargé d'affaires in the wave of 1990",
            "locator": "Diplomatic_Exchange_2006v1.csv lines 14-15",  # the row and its mirror
            "basis": "cow-diplomatic",
            "year": 1990,
        }
    ]
    version = rows(tiny_db, "MATCH (d:Dataset {id: 'cow-diplomatic:Diplomatic_Exchange_2006v1.csv'}) RETURN d.version")
    why = dict((field, value) for _, field, value in query(tiny_db, "why", id="USA>TIE>MNG:embassy_charge:1990"))
    assert why["source title"] == "Diplomatic Exchange Data set, v2006.1"
    assert why["locator"] == "Diplomatic_Exchange_2006v1.csv lines 14-15"
    assert why["dataset"] == "cow-diplomatic:Diplomatic_Exchange_2006v1.csv"
    assert why["dataset version"] == version[0]["d.version"]
    assert why["statement"].startswith("COW Diplomatic Exchange v2006.1: ")


def test_reimporting_a_ties_dataset_replaces_its_ties_and_leaves_the_papers(tiny_db: Path, tmp_path: Path) -> None:
    imported("cow-diplomatic", DIPLOMATIC, tiny_db)
    again = imported("cow-diplomatic", DIPLOMATIC, tiny_db)
    assert again.relationships == {"TIE": 17} and len(ties(tiny_db, "cow-diplomatic")) == 17
    # a revised file without Japan: its ties go, the others are written again, the paper's stay
    revised = tmp_path / DIPLOMATIC.name
    kept = [line for line in DIPLOMATIC.read_text().splitlines(keepends=True) if "740" not in line.split(",")[:2]]
    revised.write_text("".join(kept))
    imported("cow-diplomatic", revised, tiny_db)
    assert [t[0] for t in ties(tiny_db, "cow-diplomatic") if "JPN" in t[0]] == []
    assert len(ties(tiny_db, "cow-diplomatic")) == 17 - 9  # the 9 with Japan
    assert len(rows(tiny_db, "MATCH ()-[t:TIE]->() WHERE t.source <> 'cow-diplomatic' RETURN t.id")) == 4


def test_a_bad_diplomatic_file_is_rejected_whole(tiny_db: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text(
        "ccode1,ccode2,year,DR_at_1,DR_at_2,DE,version\n710,712,1990,5,3,1,2006.1\n710,712,19x0,3,3,1,2006.1\n"
    )
    with pytest.raises(ImportRejected) as rejected:
        imported("cow-diplomatic", broken, tiny_db)
    found = [(p.type, p.line, p.column, p.message) for p in rejected.value.report.problems]
    assert found == [
        ("bad-number", 3, "year", "'19x0' is not a year"),
        ("bad-number", 2, "DR_at_1", "'5' is not a DR_at code (0, 1, 2, 3, 9 or -9)"),
    ]
    assert ties(tiny_db, "cow-diplomatic") == []


# ---------------------------------------------------------------- COW Formal Alliances


def test_yearly_alliance_rows_collapse_into_pledges_with_their_dates(tiny_db: Path) -> None:
    summary = imported("cow-alliance", ALLIANCE, tiny_db)
    assert (summary.rows, summary.relationships) == (18, {"TIE": 3})
    # 1001: a defense pact 1936-03-12 to 1940-12-31, an entente added in 1939 (dated by its years);
    # 1002: an entente from 2001-07-16, still in force when the data end (right_censor 1).
    assert ties(tiny_db, "cow-alliance") == [
        ("RUS>TIE>CHN:entente:2001-07-16:alliance-1002", "2001-07-16", None, "day"),
        ("RUS>TIE>MNG:defense_pact:1936-03-12:alliance-1001", "1936-03-12", "1940-12-31", "day"),
        ("RUS>TIE>MNG:entente:1939:alliance-1001", "1939", "1940", "year"),
    ]
    described = rows(
        tiny_db,
        "MATCH ()-[t:TIE {id: 'RUS>TIE>CHN:entente:2001-07-16:alliance-1002'}]->() "
        "RETURN t.description AS description, t.locator AS locator, t.year_to AS year_to",
    )
    assert described == [
        {
            "description": "COW Formal Alliances v4.1, alliance 1002: an entente (to consult in a crisis) of Russia "
            "to China, from 2001-07-16 in force at the end of the data (2012)",
            "locator": "alliance_v4.1_by_dyad_yearly.csv lines 7-18, version4id 1002",
            "year_to": None,
        }
    ]


def test_directed_alliance_rows_are_each_a_pledge(tiny_db: Path) -> None:
    imported("cow-alliance", DIRECTED, tiny_db)
    assert ties(tiny_db, "cow-alliance") == [
        # no exit and right_censor 0: the codebook's empty exit still means in force at the data's end
        ("CHN>TIE>MNG:entente:2000-01-01:alliance-1005", "2000-01-01", None, "day"),
        ("MNG>TIE>RUS:defense_pact:1936-03-12:alliance-1001", "1936-03-12", "1940-12-31", "day"),
        ("RUS>TIE>CHN:entente:2001-07-16:alliance-1002", "2001-07-16", None, "day"),
        ("RUS>TIE>MNG:defense_pact:1936-03-12:alliance-1001", "1936-03-12", "1940-12-31", "day"),
        # day and month -9 (not known): dated by the years
        ("USA>TIE>MNG:nonaggression_pact:1990:alliance-1004", "1990", "1995", "year"),
    ]


# ---------------------------------------------------------------- the ties in the queries and the panel


def test_imported_ties_join_the_papers_in_the_canned_queries(tiny_db: Path) -> None:
    imported("cow-diplomatic", DIPLOMATIC, tiny_db)
    imported("cow-alliance", ALLIANCE, tiny_db)
    assert query(tiny_db, "ties-as-of", focal="MNG", year=1938) == [
        ("RUS", "defense_pact", "in", "1936-03-12", "1940-12-31", ["cow-alliance"]),
    ]
    assert query(tiny_db, "ties-as-of", focal="MNG", year=2000) == [
        ("CHN", "diplomatic_relations", "in", "1985", "2005", ["cow-diplomatic"]),
        ("CHN", "embassy_ambassador", "in", "1985", "2005", ["cow-diplomatic"]),
        ("CHN", "embassy_ambassador", "out", "1985", "2005", ["cow-diplomatic"]),
        ("JPN", "diplomatic_relations", "in", "2000", "2005", ["cow-diplomatic"]),
        ("JPN", "embassy_ambassador", "out", "2000", "2005", ["cow-diplomatic"]),
        ("JPN", "embassy_other", "in", "2000", "2000", ["cow-diplomatic"]),
        ("USA", "diplomatic_relations", "out", "1990", "2005", ["cow-diplomatic"]),
        ("USA", "embassy_ambassador", "in", "1995", "2005", ["cow-diplomatic"]),
        ("USA", "embassy_ambassador", "out", "1995", "2005", ["cow-diplomatic"]),
    ]
    # the COW exchange is the first rung of the ladder, beside the paper's partnerships
    assert query(tiny_db, "partnership-ladder", focal="MNG") == [
        ("CHN", "China", 3, 2014, ["diplomatic_relations 1985", "strategic_partnership 2014"]),
        ("RUS", "Russia", 3, 2006, ["strategic_partnership 2006"]),
        ("USA", "United States", 3, 2019, ["diplomatic_relations 1990", "strategic_partnership 2019"]),
        ("JPN", "Japan", 1, 1985, ["diplomatic_relations 1985"]),
    ]
    dyads = query(tiny_db, "asymmetric-dyads", indicator="gdp_current_usd", year=2020)
    assert [(small, large, kinds) for small, large, _, _, _, kinds in dyads] == [
        ("MNG", "CHN", ["diplomatic_relations", "embassy_ambassador", "strategic_partnership"]),
    ]


def test_a_tie_the_paper_holds_open_stays_open_beside_a_datasets_span(mongolia_db: Path, tmp_path: Path) -> None:
    """The paper: Mongolia and the USA have had diplomatic relations since 1987 (no end); COW observes
    them from the 1990 wave to the 2005 one. Merged, the relations run from 1987 with no end."""
    copy = tmp_path / "mongolia.kuzu"
    shutil.copy(mongolia_db, copy)
    imported("cow-diplomatic", DIPLOMATIC, copy)
    in_force = {(r[0], r[1], r[2]): r[3:] for r in query(copy, "ties-as-of", focal="MNG", year=2000)}
    assert in_force[("USA", "diplomatic_relations", "out")] == ("1987", None, ["addleton2013", "cow-diplomatic"])


def test_imported_ties_are_in_the_dyad_year_panel(tiny_db: Path) -> None:
    imported("cow-diplomatic", DIPLOMATIC, tiny_db)
    with dyadgraph.open(tiny_db) as graph, warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        panel = list(csv.DictReader(io.StringIO(text(graph.select(dyad=("MNG", "CHN")), "dyad-year"))))
    by_key = {(r["iso3_1"], r["iso3_2"], int(r["year"])): r for r in panel}
    # the exchange is in force from the 1985 wave to the 2005 one: level 1, diplomatic relations;
    # before it nothing is recorded, which the panel leaves empty (NA), not 0 (a recorded rupture)
    assert (by_key[("MNG", "CHN", 1984)]["tie_level"], by_key[("MNG", "CHN", 1984)]["tie_kinds"]) == ("", "")
    assert by_key[("MNG", "CHN", 1993)]["tie_kinds"] == "diplomatic_relations;embassy_ambassador"
    assert by_key[("MNG", "CHN", 2005)]["tie_level"] == "1"
    assert by_key[("CHN", "MNG", 2006)]["tie_kinds"] == ""
    assert by_key[("MNG", "CHN", 2014)]["tie_kinds"] == "strategic_partnership"


# ---------------------------------------------------------------- POLECAT


def polecat_events(db: Path) -> dict[str, dict[str, Any]]:
    found = rows(
        db,
        "MATCH (e:Event) WHERE e.source = 'polecat' OPTIONAL MATCH (e)-[r:INVOLVES]->(s:State) "
        "RETURN e.id AS id, e.title AS title, e.quad AS quad, e.goldstein AS goldstein, e.plover_type AS type, "
        "e.plover_mode AS mode, e.plover_context AS context, e.cameo AS cameo, e.locator AS locator, "
        "collect(r.role + ' ' + s.id) AS states",
    )
    return {str(r.pop("id")): {**r, "states": sorted(r["states"])} for r in found}  # type: ignore[arg-type]


def test_polecat_events_keep_plovers_type_mode_and_context(tiny_db: Path) -> None:
    summary = imported("polecat", POLECAT, tiny_db)
    events = polecat_events(tiny_db)
    assert events["2023-01-03-polecat-P0001"] == {
        "title": "Luvsannamsrain Oyun-Erdene → Xi Jinping: CONSULT (visit)",
        "quad": "verbal_coop",
        "goldstein": 4.0,
        "type": "CONSULT",
        "mode": "visit",
        "context": "diplomatic",
        "cameo": None,
        "locator": "ngecEvents.DV.2023.txt line 2, Event ID P0001, Version 1.0",
        "states": ["initiator MNG", "target CHN"],
    }
    # Quad Code None: the quad class of the PLOVER type (AID; SANCTION as the manual's chapter has it)
    assert (events["2023-01-05-polecat-P0002"]["quad"], events["2023-01-05-polecat-P0002"]["mode"]) == (
        "material_coop",
        None,
    )
    assert events["2023-01-08-polecat-P0004"]["quad"] == "material_conflict"
    assert events["2023-01-09-polecat-P0005"]["states"] == ["target MNG"]  # no actor country
    # line 7 repeats line 2; line 7's EUR is no state and its recipient is None
    assert (summary.rows, summary.duplicates, summary.without_state) == (8, 1, 1)
    assert len(events) == 7
    warned = [(p.type, p.line, p.column, p.severity) for p in summary.report.problems]
    assert warned == [
        ("unknown-enum", 9, "Event Type", "warning"),
        ("unmapped-country", 7, "Actor Country", "warning"),
    ]


def test_a_compound_actor_becomes_one_event_per_pair_of_states(tiny_db: Path) -> None:
    imported("polecat", POLECAT, tiny_db)
    events = polecat_events(tiny_db)
    accused = {key: value["states"] for key, value in events.items() if "P0003" in key}
    assert accused == {
        "2023-01-07-polecat-P0003.1": ["initiator USA", "target RUS"],
        "2023-01-07-polecat-P0003.2": ["initiator FRA", "target RUS"],
    }
    assert (
        events["2023-01-07-polecat-P0003.2"]["locator"] == "ngecEvents.DV.2023.txt line 4, Event ID P0003, Version 1.0"
    )


def test_later_releases_name_the_intensity_event_intensity(tiny_db: Path, tmp_path: Path) -> None:
    later = tmp_path / "ngecEvents.20230103111842.Release603.DV.txt"
    header, rest = POLECAT.read_text().split("\n", 1)
    later.write_text(header.replace("\tIntensity\t", "\tEvent Intensity\t") + "\n" + rest)
    imported("polecat", later, tiny_db)
    assert polecat_events(tiny_db)["2023-01-08-polecat-P0004"]["goldstein"] == -5.5


def test_a_header_naming_columns_the_rows_lack_is_read_by_the_others(tiny_db: Path, tmp_path: Path) -> None:
    """Files of the release whose header adds Headline (and Event Text, ...) to rows that lack them."""
    misnamed = tmp_path / "ngecEvents.DV.2021.txt"
    header, rest = POLECAT.read_text().split("\n", 1)
    misnamed.write_text(header + "\tHeadline\tEvent Text\n" + rest)
    summary = imported("polecat", misnamed, tiny_db)
    assert (summary.rows, summary.nodes["Event"]) == (8, 7)
    assert polecat_events(tiny_db)["2023-01-03-polecat-P0001"]["locator"] == (
        "ngecEvents.DV.2021.txt line 2, Event ID P0001, Version 1.0"
    )


def test_a_polecat_file_without_its_columns_is_refused(tiny_db: Path) -> None:
    with pytest.raises(ImportRejected, match="not a POLECAT event file: no column 'Event Type'"):
        imported("polecat", ICEWS, tiny_db)


def test_cooperation_conflict_counts_polecat_and_icews_on_one_scale(tiny_db: Path) -> None:
    imported("icews", ICEWS, tiny_db)
    before = query(tiny_db, "cooperation-conflict", focal="MNG")
    imported("polecat", POLECAT, tiny_db)
    after = query(tiny_db, "cooperation-conflict", focal="MNG")
    # POLECAT adds Mongolia's 2023 events with China (a CONSULT, verbal cooperation, and a DEMAND
    # its file codes VERBAL CONFLICT) and with Japan (AID: material cooperation), beside ICEWS's years
    assert sorted(set(after) - set(before)) == [
        ("MNG", "CHN", 2023, 1, 0, 1, 0, 2),
        ("MNG", "JPN", 2023, 0, 1, 0, 0, 1),
    ]
    assert set(before) <= set(after) and any(row[2] == 2014 for row in before)


def test_sources_for_a_dyad_lists_the_datasets_behind_it(tiny_db: Path) -> None:
    imported("cow-diplomatic", DIPLOMATIC, tiny_db)
    imported("polecat", POLECAT, tiny_db)
    imported("icews", ICEWS, tiny_db)
    dyad = {key: facts for key, _, facts, _ in query(tiny_db, "sources-for", id="MNG", partner="CHN")}
    icews_events = rows(
        tiny_db,
        "MATCH (:State {id: 'MNG'})<-[:INVOLVES]-(e:Event)-[:INVOLVES]->(:State {id: 'CHN'}) "
        "WHERE e.source = 'icews' RETURN count(DISTINCT e) AS n",
    )[0]["n"]
    assert dyad["cow-diplomatic"] == 3  # the exchange and the two ambassadors
    assert dyad["polecat"] == 2  # P0001 and P0007
    assert dyad["icews"] == icews_events > 0
    assert dyad["lkhaajav2019"] == 1  # the paper's strategic partnership
    assert "worldbank-wdi" not in dyad  # Mongolia's GDP is about Mongolia, not the dyad
    whole = {key: facts for key, _, facts, _ in query(tiny_db, "sources-for", id="MNG")}
    assert whole["worldbank-wdi"] >= 1 and whole["cow-diplomatic"] > dyad["cow-diplomatic"]
    with_mng = rows(
        tiny_db,
        "MATCH (e:Event)-[:INVOLVES]->(:State {id: 'MNG'}) WHERE e.source = 'icews' RETURN count(DISTINCT e) AS n",
    )[0]["n"]
    # each event and its participant MNG, whose derived id cites its event's dataset (issue 20)
    assert whole["icews"] == 2 * with_mng > 0


def test_why_names_an_imported_events_dataset_version_and_line(tiny_db: Path) -> None:
    imported("polecat", POLECAT, tiny_db)
    why = dict((field, value) for _, field, value in query(tiny_db, "why", id="2023-01-07-polecat-P0003.2"))
    version = rows(tiny_db, "MATCH (d:Dataset {id: 'polecat:ngecEvents.DV.2023.txt'}) RETURN d.version AS v")[0]["v"]
    assert (why["source"], why["source title"], why["locator"], why["dataset"], why["dataset version"]) == (
        "polecat",
        "POLECAT Weekly Data",
        "ngecEvents.DV.2023.txt line 4, Event ID P0003, Version 1.0",
        "polecat:ngecEvents.DV.2023.txt",
        version,
    )


def test_polecat_participants_carry_their_role_only_and_why_answers_with_the_event(tiny_db: Path) -> None:
    imported("polecat", POLECAT, tiny_db)
    participants = rows(
        tiny_db,
        "MATCH (e:Event {id: '2023-01-07-polecat-P0003.2'})-[r:INVOLVES]->(s:State) RETURN s.id AS state, r.* "
        "ORDER BY r.role",
    )
    assert participants == [
        {"state": state, "r.id": None, "r.role": role, "r.source": None, "r.via": None, "r.locator": None,
         "r.quote": None}
        for state, role in (("FRA", "initiator"), ("RUS", "target"))
    ]  # fmt: skip
    why = query(tiny_db, "why", id="2023-01-07-polecat-P0003.2>INVOLVES>FRA:initiator")
    version = rows(tiny_db, "MATCH (d:Dataset {id: 'polecat:ngecEvents.DV.2023.txt'}) RETURN d.version AS v")[0]["v"]
    assert {element for element, _, _ in why} == {"INVOLVES"}
    fields = {field: value for _, field, value in why}
    assert (fields["source"], fields["locator"], fields["dataset"], fields["dataset version"]) == (
        "polecat",
        "ngecEvents.DV.2023.txt line 4, Event ID P0003, Version 1.0",
        "polecat:ngecEvents.DV.2023.txt",
        version,
    )


def test_the_cli_imports_ties(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "import", "cow-alliance", ALLIANCE, "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "element,name,count\nnode,Source,1\nnode,State,0\nrelationship,TIE,3\n"
