"""The shipped Mongolia dataset says what the paper says, and shows where it says it."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from dyadgraph.load.dating import date_columns
from dyadgraph.load.seeds import read_seeds
from dyadgraph.schema import NODE_BY_NAME, REL_BY_NAME
from dyadgraph_dev.paper import paragraphs, writes_year, written_years

from .conftest import MONGOLIA, PAPER, rows

CSV_FILES = sorted(MONGOLIA.glob("*.csv"))
WDI = "worldbank-wdi"


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def all_rows() -> list[tuple[str, int, dict[str, str]]]:
    return [(path.name, number, row) for path in CSV_FILES for number, row in enumerate(csv_rows(path), start=2)]


@pytest.fixture(scope="module")
def located() -> dict[str, tuple[str, ...]]:
    if not PAPER.exists():
        pytest.skip(f"the seed paper is not at {PAPER} (../shared/seed/ beside the checkout)")
    lines: dict[str, tuple[str, ...]] = {}
    for paragraph in paragraphs(PAPER.read_text(encoding="utf-8")):
        # `refs` and `title` name several printed lines each
        lines[paragraph.locator] = lines.get(paragraph.locator, ()) + paragraph.lines
    return lines


def test_the_dataset_validates_without_errors_or_warnings() -> None:
    _, report = read_seeds([MONGOLIA])
    assert [str(p) for p in report.problems] == []


def test_every_row_carries_source_via_locator_and_quote() -> None:
    missing = [
        f"{name} line {number}: {column}"
        for name, number, row in all_rows()
        for column in ("source", "via", "locator", "quote")
        if not row.get(column)
    ]
    assert missing == []


def test_every_quote_stands_verbatim_where_its_locator_points(located: dict[str, tuple[str, ...]]) -> None:
    misplaced = []
    for name, number, row in all_rows():
        if row["via"] == WDI:
            continue
        lines = located.get(row["locator"])
        if lines is None or not any(row["quote"] in line for line in lines):
            misplaced.append(f"{name} line {number}: [{row['locator']}] {row['quote']}")
    assert misplaced == []


def dated_files() -> list[tuple[str, list[str]]]:
    """Every seed file whose rows carry a date, with the columns that hold it."""
    found = []
    for path in CSV_FILES:
        element = NODE_BY_NAME.get(path.stem) or REL_BY_NAME.get(path.stem)
        if element is not None and element.prop("date_precision") is not None:
            found.append((path.name, date_columns({p.name: p for p in element.props})))
    return found


def dated_rows() -> list[tuple[str, int, dict[str, str], list[str]]]:
    return [
        (name, number, row, [row[c] for c in columns if row.get(c)])
        for name, columns in dated_files()
        for number, row in enumerate(csv_rows(MONGOLIA / name), start=2)
    ]


def test_every_dated_row_has_a_basis_and_a_precision() -> None:
    assert {name for name, _ in dated_files()} >= {"Event.csv", "TIE.csv", "MEASURED.csv", "Outcome.csv", "PURSUES.csv"}
    lacking = [
        f"{name} line {number}"
        for name, number, row, dates in dated_rows()
        if not row["date_precision"] or (dates and not row["date_basis"])
    ]
    assert lacking == []


def test_dates_credited_to_the_paper_are_written_where_the_locator_points(located: dict[str, tuple[str, ...]]) -> None:
    """A date whose basis is the paper: its year (or, for a decade or an approximate date, its
    decade) stands in the paragraph that date_locator, else locator, names."""
    checked, unwritten = 0, []
    for name, number, row, dates in dated_rows():
        if row["date_basis"] != "paper":
            continue
        places = [p.strip() for p in (row.get("date_locator") or row["locator"]).split(";")]
        text = "".join("".join(located.get(place, ())) for place in places)
        for value in dates:
            checked += 1
            if not writes_year(text, int(value[:4]), row["date_precision"]):
                unwritten.append(f"{name} line {number}: {value} ({row['date_precision']}) not written in {places}")
    assert checked >= 150
    assert unwritten == []


def test_dates_from_elsewhere_name_the_work_they_come_from() -> None:
    graph, _ = read_seeds([MONGOLIA])
    keys = {s["id"] for s in graph.nodes["Source"]}
    outside = {row["date_basis"] for _, _, row, dates in dated_rows() if dates and row["date_basis"] != "paper"}
    assert outside and outside <= keys
    assert {"cumings2005", "gaddis2005", "worldbank-wdi"} <= outside


@pytest.mark.parametrize(
    ("text", "years", "decades"),
    [
        ("1949年中華人民共和國成立之後，隔年毛澤東", {1949, 1950}, set()),
        ("此行之後（高毅 2014）", set(), set()),
        ("Ram Rahul（1978, 659-665）提到", set(), set()),
        ("像2008至2009年的全球金融風暴", {2008, 2009}, set()),
        ("在70與80年代被北韓特務綁架", set(), {1970, 1980}),
        ("上世紀60年代延續至70年代的中蘇分裂", set(), {1960, 1970}),
        ("直至1980年代末期", set(), {1980}),
        ("民國79年", {1990}, set()),
        ("一九九〇年", {1990}, set()),
        ("六十年代", set(), {1960}),
        ("開放5300名北韓移工", set(), set()),
    ],
)
def test_the_years_a_passage_writes(text: str, years: set[int], decades: set[int]) -> None:
    assert written_years(text) == (years, decades)


def test_the_paper_is_the_reporting_source_of_everything_but_the_wdi_figures() -> None:
    vias = Counter(row["via"] for _, _, row in all_rows())
    assert set(vias) == {"huang2021", WDI}
    assert all(row["source"] == WDI for _, _, row in all_rows() if row["via"] == WDI)


def test_counts_reach_what_a_careful_reading_finds() -> None:
    graph, _ = read_seeds([MONGOLIA])
    nodes, rels = graph.node_counts(), graph.rel_counts()
    assert nodes["Event"] >= 100
    assert rels["TIE"] >= 50
    assert nodes["Strategy"] >= 20
    assert nodes["Outcome"] >= 40
    assert nodes["Concept"] >= 40
    assert nodes["Source"] >= 55


def test_events_are_bilingual_and_coded() -> None:
    events = csv_rows(MONGOLIA / "Event.csv")
    assert sum(1 for e in events if e["title_zh"]) / len(events) >= 0.9
    assert sum(1 for e in events if e["cameo"]) / len(events) >= 0.9


def quad_of(cameo: str) -> str:
    root = int(cameo[:2])
    if root <= 5:
        return "verbal_coop"
    if root <= 8:
        return "material_coop"
    if root <= 14:
        return "verbal_conflict"
    return "material_conflict"


def test_quad_class_follows_the_cameo_root() -> None:
    wrong = [
        f"{e['id']}: {e['cameo']} is {quad_of(e['cameo'])}, not {e['quad']}"
        for e in csv_rows(MONGOLIA / "Event.csv")
        if e["cameo"] and quad_of(e["cameo"]) != e["quad"]
    ]
    assert wrong == []


def test_cameo_codes_look_like_cameo_codes() -> None:
    bad = [e["id"] for e in csv_rows(MONGOLIA / "Event.csv") if e["cameo"] and not re.fullmatch(r"\d{3,4}", e["cameo"])]
    assert bad == []


def test_the_reference_list_is_complete() -> None:
    text = (MONGOLIA / "sources.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,]+),", text, flags=re.MULTILINE)
    assert {"huang2021", WDI, "womack2006", "womack2016", "lkhaajav2019", "kuik2008"} <= set(keys)
    assert len(keys) >= 57


@pytest.mark.parametrize(
    ("partner", "year"),
    [("RUS", 2006), ("JPN", 2010), ("CHN", 2014), ("IND", 2015), ("USA", 2019)],
)
def test_footnote_4_strategic_partnerships(mongolia_db: Path, partner: str, year: int) -> None:
    found = rows(
        mongolia_db,
        "MATCH (:State {id: 'MNG'})-[t:TIE]-(:State {id: $partner}) "
        "WHERE t.kind IN ['strategic_partnership', 'comprehensive_strategic_partnership'] "
        "RETURN min(t.year_from) AS year",
        partner=partner,
    )
    assert found == [{"year": year}]


def test_the_ussr_is_succeeded_by_russia_and_korea_by_both_koreas(mongolia_db: Path) -> None:
    found = rows(
        mongolia_db,
        "MATCH (a:State)-[s:SUCCEEDED_BY]->(b:State) RETURN a.id, b.id, s.year, s.date_basis ORDER BY a.id, b.id",
    )
    assert found == [
        {"a.id": "SUN", "b.id": "RUS", "s.year": 1991, "s.date_basis": "gaddis2005"},
        {"a.id": "XKR", "b.id": "KOR", "s.year": 1948, "s.date_basis": "cumings2005"},
        {"a.id": "XKR", "b.id": "PRK", "s.year": 1948, "s.date_basis": "cumings2005"},
    ]


def test_pre_1945_korea_is_its_own_state_not_south_korea(mongolia_db: Path) -> None:
    early_events = rows(
        mongolia_db,
        "MATCH (e:Event)-[:INVOLVES]->(k:State) WHERE k.id IN ['KOR', 'PRK'] AND e.year < 1945 RETURN e.id",
    )
    early_ties = rows(
        mongolia_db,
        "MATCH (k:State)-[t:TIE]-() WHERE k.id IN ['KOR', 'PRK'] AND t.year_from < 1945 RETURN t.id",
    )
    assert early_events == [] and early_ties == []
    colony = rows(
        mongolia_db,
        "MATCH (:State {id: 'JPN'})-[t:TIE {kind: 'occupation'}]->(k:State) RETURN k.id, k.cow_code, t.since, t.until",
    )
    assert colony == [{"k.id": "XKR", "k.cow_code": 730, "t.since": "1910", "t.until": "1945"}]
    annexed = rows(mongolia_db, "MATCH (:Event {id: '1910-japan-colonizes-korea'})-[:INVOLVES]->(s:State) RETURN s.id")
    assert sorted(r["s.id"] for r in annexed) == ["JPN", "MNG", "XKR"]


def test_khaan_quest_participants_by_year(mongolia_db: Path) -> None:
    """China was invited later (爾後), when the exercise had become multinational: not in 2003."""

    def states(event: str) -> list[str]:
        found = rows(mongolia_db, "MATCH (:Event {id: $e})-[:INVOLVES]->(s:State) RETURN DISTINCT s.id", e=event)
        return sorted(r["s.id"] for r in found)

    assert states("2003-khaan-quest-begins") == ["MNG", "USA"]
    assert states("2009-korea-joins-khaan-quest") == ["KOR", "MNG", "USA"]
    assert "CHN" in states("khaan-quest-becomes-multinational")
    later = rows(
        mongolia_db,
        "MATCH (e:Event {id: 'khaan-quest-becomes-multinational'}) RETURN e.date, e.date_precision, e.locator",
    )
    assert later == [{"e.date": None, "e.date_precision": "undated", "e.locator": "IV.1 para 3"}]


def test_nomonhan_is_joint_fighting_not_stationed_troops(mongolia_db: Path) -> None:
    assert rows(mongolia_db, "MATCH ()-[t:TIE {kind: 'military_presence'}]->() RETURN t.id") == []
    together = rows(
        mongolia_db,
        "MATCH (:State {id: 'MNG'})-[t:TIE]-(:State {id: 'SUN'}) WHERE t.year_from = 1939 RETURN t.kind, t.locator",
    )
    assert together == [{"t.kind": "co_belligerence", "t.locator": "fn 5"}]


def test_the_mongolia_china_economic_partnership_has_no_start_the_paper_does_not_give(mongolia_db: Path) -> None:
    found = rows(
        mongolia_db,
        "MATCH (:State {id: 'MNG'})-[t:TIE {kind: 'economic_partnership'}]-(:State {id: 'CHN'}) "
        "RETURN t.since AS since, t.date_precision AS precision",
    )
    assert len(found) == 3
    assert all(r == {"since": None, "precision": "undated"} for r in found)


def test_the_ulaanbaatar_talks_are_undated_so_no_causal_claim_implies_a_chronology(mongolia_db: Path) -> None:
    talks = rows(
        mongolia_db, "MATCH (e:Event {id: 'japan-dprk-secret-talks-in-ulaanbaatar'}) RETURN e.year, e.date_precision"
    )
    assert talks == [{"e.year": None, "e.date_precision": "undated"}]
    backwards = rows(
        mongolia_db,
        "MATCH (a)-[l:LEADS_TO]->(b) WHERE a.year IS NOT NULL AND b.year IS NOT NULL AND a.year > b.year RETURN l.id",
    )
    assert backwards == []


def test_trade_shares_of_2020(mongolia_db: Path) -> None:
    found = rows(
        mongolia_db,
        "MATCH (:State {id: 'MNG'})-[t:TRADE]->(:State {id: 'CHN'}) RETURN t.year, t.export_share, t.import_share",
    )
    assert found == [{"t.year": 2020, "t.export_share": 0.68, "t.import_share": 0.35}]


def test_the_un_recognises_the_single_state_nwfz_in_1998(mongolia_db: Path) -> None:
    found = rows(
        mongolia_db,
        "MATCH (e:Event)-[:INVOLVES]->(:Organization {id: 'UN'}) WHERE e.year = 1998 AND e.kind = 'resolution' "
        "RETURN e.title_zh AS t",
    )
    assert len(found) == 1 and "53/77D" in str(found[0]["t"])


def test_the_sheep_donation_counts_its_sheep(mongolia_db: Path) -> None:
    found = rows(mongolia_db, "MATCH (e:Event) WHERE e.amount_unit = 'sheep' RETURN e.year AS y, e.amount AS n")
    assert found == [{"y": 2020, "n": 30000.0}]


def test_actors_that_are_neither_states_organizations_nor_people(mongolia_db: Path) -> None:
    kinds = rows(mongolia_db, "MATCH (a:Actor) RETURN a.kind AS kind, count(a) AS n ORDER BY kind")
    assert sum(r["n"] for r in kinds) >= 20
    assert {"region", "population", "group", "armed_forces", "media", "state_group"} <= {r["kind"] for r in kinds}
    assert rows(mongolia_db, "MATCH (o:Organization {id: 'KWANTUNG-ARMY'}) RETURN o.id") == []
    assert rows(mongolia_db, "MATCH (a:Actor {id: 'kwantung-army'}) RETURN a.kind") == [{"a.kind": "armed_forces"}]
    unreached = rows(mongolia_db, "MATCH (a:Actor) WHERE NOT EXISTS { MATCH (a)--() } RETURN a.id")
    assert unreached == []
    inner_mongolia = rows(
        mongolia_db,
        "MATCH (e:Event)-[i:INVOLVES]->(:Actor {id: 'inner-mongolia'}) RETURN e.id, i.role ORDER BY e.id",
    )
    assert inner_mongolia == [
        {"e.id": "2003-inner-mongolia-port-throughput-growth", "i.role": "initiator"},
        {"e.id": "2020-inner-mongolia-language-policy", "i.role": "target"},
    ]
    assert rows(mongolia_db, "MATCH (:Actor {id: 'inner-mongolia'})-[:PART_OF]->(s:State) RETURN s.id") == [
        {"s.id": "CHN"}
    ]


def test_undated_and_habitual_happenings_are_events(mongolia_db: Path) -> None:
    found = rows(
        mongolia_db,
        "MATCH (e:Event) WHERE e.date_precision IN ['undated', 'habitual'] "
        "RETURN e.id AS id, e.date_precision AS precision, e.year AS year",
    )
    by_id = {r["id"]: r for r in found}
    assert len(found) >= 25
    assert all(r["year"] is None for r in found if r["precision"] == "undated")
    for undated in ("mongolia-supports-india-unsc-bid", "mongolia-invests-in-rason", "us-led-war-in-iraq"):
        assert by_id[undated]["precision"] == "undated"
    for habitual in (
        "mongolia-helps-north-korean-defectors",
        "japan-recruits-mongolian-wrestlers",
        "japan-exports-used-cars-to-mongolia",
        "nomonhan-commemorated-every-year",
        "helsinki-hosts-us-russia-summits",
    ):
        assert by_id[habitual]["precision"] == "habitual"
    # A habitual happening the paper starts at a date: from the end of the Cold War (about 1990).
    assert by_id["mongolia-advocates-nuclear-free-northeast-asia"]["year"] == 1990
    defectors = rows(
        mongolia_db,
        "MATCH (:Event {id: 'mongolia-helps-north-korean-defectors'})-[i:INVOLVES]->(x) RETURN x.id, i.role",
    )
    assert {"x.id": "north-korean-defectors", "i.role": "target"} in defectors


def test_the_papers_own_numbers_are_indicator_data(mongolia_db: Path) -> None:
    found = rows(
        mongolia_db,
        "MATCH (x)-[m:MEASURED]->(i:Indicator) WHERE m.via = 'huang2021' "
        "RETURN x.id AS of, i.id AS indicator, m.year AS year, m.value AS value, i.unit AS unit",
    )
    values = {(r["of"], r["indicator"], r["year"]): r["value"] for r in found}
    assert values[("landlocked-state", "instance_count", 2019)] == 49  # I para 1
    assert values[("landlocked-developing-countries", "ldc_member_count", 2019)] == 17  # I para 1
    assert values[("nuclear-weapon-free-zone", "instance_count", 2021)] == 9  # IV.3 para 3
    assert values[("MNG", "strategic_partner_count", 2015)] == 4  # fn 4: the four partners before the US
    assert values[("MNG", "strategic_partner_count", 2019)] == 5  # IV.1 para 2: the US the fifth
    assert values[("ULAANBAATAR-DIALOGUE", "attending_member_states", 2014)] == 35
    assert values[("mongolian-public", "share_favourable_to_japan", 2014)] == 0.9
    trade = rows(mongolia_db, "MATCH (:State {id: 'MNG'})-[t:TRADE]->(:State {id: 'CHN'}) RETURN t.export_share AS x")
    assert values[("MNG", "china_export_share", 2020)] == trade[0]["x"]
    assert all(r["unit"] for r in found)
    described = rows(mongolia_db, "MATCH (i:Indicator) WHERE i.description IS NULL RETURN i.id")
    assert described == []


def test_chinese_works_are_cited_by_their_romanized_authors_with_the_original_kept(mongolia_db: Path) -> None:
    """As the reference list gives them (張登及 is "Chang, Teng-chi"), and the paper's own
    author as its title page does: Chiung-Chiu Huang."""
    chinese = rows(
        mongolia_db,
        "MATCH (s:Source) WHERE s.language = 'zh' "
        "RETURN s.id AS id, s.name AS name, s.authors AS authors, s.authors_original AS original ORDER BY s.id",
    )
    assert len(chinese) == 12
    assert all(r["authors"].isascii() and r["original"] and not r["original"].isascii() for r in chinese)
    by_id = {r["id"]: r for r in chinese}
    assert (by_id["huang2021"]["name"], by_id["huang2021"]["original"]) == ("Huang 2021", "黃瓊萩")
    assert by_id["zhang2010"]["authors"] == "Chang, Teng-chi"
    assert by_id["tumenqiqige2016"]["authors"] == "Tumenqiige"
