"""`dyadgraph import`: ICEWS, GDELT, COW NMC and WDI files into the graph, from small fixtures in
each format with synthetic values (tests/fixtures/imports)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.config import Settings
from dyadgraph.imports import ImportRejected, import_file
from dyadgraph.imports.crosswalk import crosswalk
from dyadgraph.schema import IMPORTED_INVOLVES_PROPS

from .conftest import ROOT, rows

FIXTURES = ROOT / "tests" / "fixtures" / "imports"
ICEWS = FIXTURES / "icews.tab"
GDELT = FIXTURES / "20190908000000.export.CSV"
COW = FIXTURES / "cow-nmc.csv"
WDI = FIXTURES / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2.csv"


def imported(fmt: str, path: Path, db: Path, **options: Any):  # type: ignore[no-untyped-def]
    return import_file(fmt, path, EmbeddedBackend(db, create=True), **options)


def test_icews_events_become_events_among_states_with_their_provenance(tiny_db: Path) -> None:
    summary = imported("icews", ICEWS, tiny_db)
    assert (summary.rows, summary.duplicates, summary.without_state) == (8, 1, 1)
    assert summary.nodes["Event"] == 6 and summary.relationships["INVOLVES"] == 10
    event = rows(tiny_db, "MATCH (e:Event {id: '2014-08-21-icews-900000001'}) RETURN e.*")[0]
    assert event == {
        "e.id": "2014-08-21-icews-900000001",
        "e.name": "Xi Jinping → Mongolia: Make a visit",
        "e.title": "Xi Jinping → Mongolia: Make a visit",
        "e.title_zh": None,
        "e.date": "2014-08-21",
        "e.year": 2014,
        "e.date_end": None,
        "e.date_basis": "icews",
        "e.date_precision": "day",
        "e.date_locator": None,
        "e.kind": "coded_event",
        "e.cameo": "042",
        "e.quad": "verbal_coop",
        "e.goldstein": 1.9,
        "e.plover_type": None,
        "e.plover_mode": None,
        "e.plover_context": None,
        "e.description": None,
        "e.amount": None,
        "e.amount_unit": None,
        "e.source": "icews",
        "e.via": None,
        "e.locator": "icews.tab line 2, Event ID 900000001, Story ID 990000001 sentence 1",
        "e.quote": "Make a visit",
    }
    # the participants carry their role only: the event carries the provenance, and the id is derived
    involves = rows(
        tiny_db,
        "MATCH (e:Event {id: '2014-08-21-icews-900000001'})-[r:INVOLVES]->(s:State) RETURN s.id AS state, r.* "
        "ORDER BY r.role",
    )
    assert involves == [
        {
            "state": state,
            "r.id": None,
            "r.role": role,
            "r.source": None,
            "r.via": None,
            "r.locator": None,
            "r.quote": None,
        }
        for state, role in (("CHN", "initiator"), ("MNG", "target"))
    ]
    assert IMPORTED_INVOLVES_PROPS == ("role",)


def test_icews_event_ids_repeat_so_id_and_date_make_the_key(tiny_db: Path) -> None:
    imported("icews", ICEWS, tiny_db)
    found = rows(tiny_db, "MATCH (e:Event) WHERE e.id ENDS WITH '-icews-900000002' RETURN e.id AS id, e.cameo AS cameo")
    # the repeated row is one event; the same Event ID on another day another, its lost zero restored
    assert sorted((r["id"], r["cameo"]) for r in found) == [
        ("2014-08-22-icews-900000002", "057"),
        ("2016-11-30-icews-900000002", "043"),
    ]


def test_unmapped_countries_are_reported_with_count_and_first_line(tiny_db: Path) -> None:
    summary = imported("icews", ICEWS, tiny_db)
    assert [(p.type, p.line, p.column, p.severity) for p in summary.report.problems] == [
        ("unmapped-country", 8, "Source Country", "warning")
    ]
    assert "'Europe' is no state the crosswalk knows; left out of 1 row(s)" in summary.report.problems[0].message
    # the event keeps the side that maps
    aid = rows(tiny_db, "MATCH (:Event {id: '2020-01-15-icews-900000005'})-[r:INVOLVES]->(s) RETURN s.id, r.role")
    assert aid == [{"s.id": "MNG", "r.role": "target"}]


def test_importing_the_same_file_twice_leaves_the_same_graph(tiny_db: Path) -> None:
    imported("icews", ICEWS, tiny_db)
    query = "MATCH (e:Event)-[r:INVOLVES]->(s:State) RETURN e.id, r.role, s.id ORDER BY e.id, r.role, s.id"
    first = rows(tiny_db, query)
    again = imported("icews", ICEWS, tiny_db)
    assert (again.nodes["Event"], again.relationships["INVOLVES"], again.already_present) == (0, 0, 6)
    assert rows(tiny_db, query) == first
    assert rows(tiny_db, "MATCH (d:Dataset {id: 'icews:icews.tab'}) RETURN d.files AS files") == [{"files": 1}]


def test_the_curated_graph_stays_and_the_datasets_are_cited(tiny_db: Path) -> None:
    before = rows(tiny_db, "MATCH (s:State) RETURN s.* ORDER BY s.id")
    imported("icews", ICEWS, tiny_db)
    after = {r["s.id"]: r for r in rows(tiny_db, "MATCH (s:State) RETURN s.* ORDER BY s.id")}
    assert all(after[r["s.id"]] == r for r in before)  # curated states keep their properties
    cited = rows(tiny_db, "MATCH (s:Source {id: 'icews'}) RETURN s.name AS name, s.url AS url")
    assert cited == [{"name": "Boschee 2015", "url": "https://doi.org/10.7910/DVN/28075"}]


def test_gdelt_exports_use_cameo_country_codes_and_their_quad_class(tiny_db: Path) -> None:
    summary = imported("gdelt", GDELT, tiny_db)
    assert summary.nodes["Event"] == 4 and summary.relationships["INVOLVES"] == 6
    assert [(p.line, p.column, p.message[:5]) for p in summary.report.warnings] == [(4, "Actor1CountryCode", "'EUR'")]
    romania = rows(tiny_db, "MATCH (s:State {id: 'ROU'}) RETURN s.name, s.cow_code, s.source, s.locator, s.quote")
    assert romania == [
        {
            "s.name": "Romania",
            "s.cow_code": 360,
            "s.source": "gdelt",
            "s.locator": "20190908000000.export.CSV line 2",
            "s.quote": "ROM",
        }
    ]
    protest = rows(
        tiny_db,
        "MATCH (e:Event {id: '2019-09-07-gdelt-870000003'}) OPTIONAL MATCH (e)-[r:INVOLVES]->(s) "
        "RETURN e.title, e.quad, e.quote, e.locator, collect(s.id) AS states",
    )
    assert protest == [
        {
            "e.title": "MONGOLIA: Protest (CAMEO 141)",
            "e.quad": "verbal_conflict",
            "e.quote": None,
            "e.locator": "20190908000000.export.CSV line 3, GLOBALEVENTID 870000003, https://example.org/synthetic/3",
            "states": ["MNG"],
        }
    ]


def test_cow_capabilities_become_measured_values_missing_ones_left_out(tiny_db: Path) -> None:
    summary = imported("cow-nmc", COW, tiny_db)
    assert summary.nodes["Indicator"] == 7
    assert [(p.line, p.column, p.message[:5]) for p in summary.report.warnings] == [(7, "ccode", "'245'")]
    milex = rows(
        tiny_db,
        "MATCH (s:State)-[m:MEASURED]->(i:Indicator {id: 'cow_nmc.milex'}) "
        "RETURN s.id AS state, m.year AS year, m.value AS value ORDER BY state, year",
    )
    # YUG's -9 (missing) is no value; COW's 345 is Yugoslavia by its former ISO code
    assert milex == [
        {"state": "CHN", "year": 2011, "value": 91111111.0},
        {"state": "MNG", "year": 2010, "value": 11111.0},
        {"state": "MNG", "year": 2011, "value": 12222.0},
        {"state": "RUS", "year": 2011, "value": 55555555.0},
    ]
    assert rows(tiny_db, "MATCH (s:State {id: 'YUG'})-[m:MEASURED]->() RETURN count(m) AS n") == [{"n": 6}]
    unit = rows(tiny_db, "MATCH (i:Indicator {id: 'cow_nmc.cinc'}) RETURN i.unit AS unit, i.source AS source")
    assert unit == [{"unit": "share of the system total, 0..1", "source": "cow-nmc"}]


def test_a_reimport_replaces_the_dataset_values_of_its_indicators(tiny_db: Path, tmp_path: Path) -> None:
    imported("cow-nmc", COW, tiny_db)
    revised = tmp_path / "cow-nmc.csv"
    revised.write_text(COW.read_text(encoding="utf-8").replace("MON,712,2010,11111,", "MON,712,2010,11112,"))
    imported("cow-nmc", revised, tiny_db)
    values = rows(
        tiny_db,
        "MATCH (:State {id: 'MNG'})-[m:MEASURED]->(:Indicator {id: 'cow_nmc.milex'}) RETURN m.year, m.value "
        "ORDER BY m.year",
    )
    assert values == [{"m.year": 2010, "m.value": 11112.0}, {"m.year": 2011, "m.value": 12222.0}]


def test_wdi_downloads_skip_their_preamble_and_aggregates(tiny_db: Path) -> None:
    summary = imported("wdi", WDI, tiny_db)
    assert summary.relationships["MEASURED"] == 17  # 3 states x 6 years, one cell empty
    assert [(p.line, p.column, p.message[:5]) for p in summary.report.warnings] == [(9, "Country Code", "'WLD'")]
    kosovo = rows(
        tiny_db,
        "MATCH (s:State {id: 'XKX'})-[m:MEASURED]->(i:Indicator) "
        "RETURN s.cow_code AS cow, i.id AS indicator, i.unit AS unit, collect(m.year) AS years",
    )
    assert kosovo[0]["cow"] == 347 and kosovo[0]["indicator"] == "wdi.NY.GDP.MKTP.CD"
    assert kosovo[0]["unit"] == "current US$" and sorted(kosovo[0]["years"]) == [2015, 2016, 2018, 2019, 2020]
    # the seeds already cite worldbank-wdi: their entry stays
    assert summary.nodes.get("Source") == 0


def broken_icews(tmp_path: Path) -> Path:
    """The fixture with a day that does not exist (line 2), a CAMEO code that does not (6), a short row (7)."""
    lines = ICEWS.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("2014-08-21", "2014-02-30")
    lines[5] = lines[5].replace("\t111\t", "\t999\t")
    lines[6] = "\t".join(lines[6].split("\t")[:5])
    path = tmp_path / "broken.tab"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_broken_file_is_reported_whole_and_changes_nothing(tiny_db: Path, tmp_path: Path) -> None:
    before = rows(tiny_db, "MATCH (n) RETURN count(n) AS n")
    with pytest.raises(ImportRejected) as caught:
        imported("icews", broken_icews(tmp_path), tiny_db, copy_rows=1)
    problems = [(p.type, p.line, p.column) for p in caught.value.report.errors]
    assert ("bad-date", 2, "Event Date") in problems
    assert ("bad-cameo", 6, "CAMEO Code") in problems
    assert any(p[0] == "ragged-row" for p in problems)
    assert rows(tiny_db, "MATCH (n) RETURN count(n) AS n") == before


def test_amend_keeps_the_copy_only_when_the_block_succeeds(tiny_db: Path) -> None:
    backend = EmbeddedBackend(tiny_db)
    with pytest.raises(ValueError), backend.amend() as connection:
        connection.execute("CREATE (:State {id: 'XAA', name: 'Nowhere', source: 'huang2021'})")
        raise ValueError("a failure half-way")
    assert rows(tiny_db, "MATCH (s:State {id: 'XAA'}) RETURN s.id") == []
    with backend.amend() as connection:
        connection.execute("CREATE (:State {id: 'XAA', name: 'Nowhere', source: 'huang2021'})")
    assert rows(tiny_db, "MATCH (s:State {id: 'XAA'}) RETURN s.id") == [{"s.id": "XAA"}]
    assert sorted(p.name for p in tiny_db.parent.iterdir() if p.name.startswith("tiny.kuzu")) == [
        "tiny.kuzu",
        "tiny.kuzu.lock",
    ]


def test_a_file_of_another_format_is_refused(tiny_db: Path) -> None:
    with pytest.raises(ImportRejected, match="not an ICEWS event file"):
        imported("icews", COW, tiny_db)


def test_a_file_that_is_not_utf8_is_refused_not_crashed_on(tiny_db: Path, tmp_path: Path) -> None:
    latin = tmp_path / "latin.tab"
    latin.write_bytes(ICEWS.read_bytes().replace(b"Mongolia", "Mongolía".encode("latin-1")))
    with pytest.raises(ImportRejected, match=r"invalid UTF8 data \[malformed-file\]"):
        imported("icews", latin, tiny_db)


def test_every_format_is_registered_once_and_cites_the_bundled_bibliography(tiny_db: Path) -> None:
    """The registry is the one list of formats: the CLI's help, the import and its Source node read it."""
    from dyadgraph.errors import ConfigError, Report
    from dyadgraph.imports import BIBLIOGRAPHY
    from dyadgraph.imports.registry import FORMATS, formats
    from dyadgraph.load.bib import read_bibtex

    found = formats()
    assert list(found) == ["icews", "gdelt", "polecat", "cow-nmc", "cow-diplomatic", "cow-alliance", "wdi"]
    assert len(FORMATS) == len(found)
    keys = {row["id"] for row in read_bibtex(BIBLIOGRAPHY, Report()).rows}
    assert {f.source for f in found.values()} <= keys
    assert {f.reads for f in found.values()} == {"events", "indicators", "ties"}
    assert all(callable(f.load()) for f in found.values())
    with pytest.raises(ConfigError, match="choose one of: icews, gdelt, polecat, cow-nmc, cow-diplomatic, "):
        import_file("acled", FIXTURES / "icews.tab", EmbeddedBackend(tiny_db))


def test_progress_is_reported_up_to_the_whole_file(tiny_db: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    imported("icews", ICEWS, tiny_db, progress=lambda phase, done, total: seen.append((phase, done, total)))
    size = ICEWS.stat().st_size
    assert seen[0][0] == "reading" and seen[-1][1:] == (size, size)
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)
    assert any(phase.startswith("writing") for phase, _, _ in seen)


def test_batches_written_in_several_copies_give_the_same_graph(tmp_path: Path) -> None:
    one, many = tmp_path / "one.kuzu", tmp_path / "many.kuzu"
    imported("icews", ICEWS, one)
    imported("icews", ICEWS, many, copy_rows=2)
    query = "MATCH (e:Event)-[r:INVOLVES]->(s:State) RETURN e.id, r.role, s.id ORDER BY e.id, r.role"
    assert rows(one, query) == rows(many, query) != []


def test_the_cli_prints_what_it_added_and_what_it_left_out(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "import", "icews", ICEWS, "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "element,name,count\nnode,Source,1\nnode,State,0\nnode,Event,6\nrelationship,INVOLVES,10\n"
    )
    assert "Warning: icews.tab, line 8, column Source Country: 'Europe' is no state" in result.stderr
    assert "left out: 1 repeated row, 1 event without a state among their actors" in result.stderr


def test_the_cli_names_file_line_and_column_of_each_error(invoke, tiny_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "import", "icews", broken_icews(tmp_path))
    assert result.exit_code == 1
    memory, error = result.stderr.split("\n", 1)
    assert memory.startswith("Memory budget ") and "of the memory available; --memory to change)" in memory
    assert error.startswith("Error: 3 error(s) in broken.tab; nothing was imported:\n")
    assert "  broken.tab, line 2, column Event Date: '2014-02-30' is not a date (Y-m-d) [bad-date]\n" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("lookup", "code", "state"),
    [
        ("cameo", "ROM", "ROU"),
        ("cameo", "EUR", None),
        ("iso3", "mng", "MNG"),
        ("cow", 345, "YUG"),
        ("cow", 265, "DDR"),
        ("cow", 245, None),
        ("worldbank", "XKX", "XKX"),
        ("worldbank", "WLD", None),
        ("name", "Russian Federation", "RUS"),
        ("name", "Korea, Democratic People's Republic of", "PRK"),
        ("name", "Occupied Palestinian Territory", "PSE"),
    ],
)
def test_the_crosswalk(lookup: str, code: Any, state: str | None) -> None:
    ref = getattr(crosswalk(), lookup)(code)
    assert (ref.id if ref else None) == state


def test_the_event_generator_writes_importable_seeded_files(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_events import write_events
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    first, second = tmp_path / "a.tab", tmp_path / "b.tab"
    write_events(300, first, seed=3)
    write_events(300, second, seed=3)
    assert first.read_bytes() == second.read_bytes()
    summary = imported("icews", first, tmp_path / "g.kuzu")
    assert (summary.nodes["Event"], summary.relationships["INVOLVES"], summary.report.problems) == (300, 600, [])


# --- Neo4j ------------------------------------------------------------------------------


@pytest.mark.lint
def test_the_neo4j_import_statements_pass_the_linter() -> None:
    from dyadgraph.backends.neo4j import writer_statements
    from dyadgraph_dev.lint import lint_schema, run_linter

    statements = [{"name": f"import #{i}", "text": t, "parameters": p} for i, (t, p) in enumerate(writer_statements())]
    _, response = run_linter({"schema": lint_schema(), "statements": statements, "options": {"cypherVersion": "5"}})
    assert {r["name"]: r["diagnostics"] for r in response["results"] if r["diagnostics"]} == {}
    assert len(response["results"]) == len(statements)


class FakeTransaction:
    def __init__(self, log: list[str]):
        self.log = log
        self.done = False

    def run(self, text: str, given: dict[str, Any] | None = None, **parameters: Any) -> FakeTransaction:
        self.log.append(text.split(" ")[0] + " " + str(len(parameters.get("rows", []))))
        return self

    def consume(self) -> Any:
        from types import SimpleNamespace

        return SimpleNamespace(counters=SimpleNamespace(nodes_created=0))

    def value(self, key: str) -> list[Any]:
        return []  # no node exists yet

    def commit(self) -> None:
        self.log.append("commit")
        self.done = True

    def rollback(self) -> None:
        self.log.append("rollback")
        self.done = True

    def closed(self) -> bool:
        return self.done


class FakeSession(FakeTransaction):
    def begin_transaction(self) -> FakeTransaction:
        self.log.append("begin")
        return FakeTransaction(self.log)

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class FakeDriver:
    """Enough of the driver for Neo4jBackend.writer: sessions whose statements go to one log."""

    def __init__(self) -> None:
        self.log: list[str] = []

    def session(self, **options: Any) -> FakeSession:
        return FakeSession(self.log)


def fake_neo4j() -> Any:
    from dyadgraph.backends.neo4j import Neo4jBackend

    return Neo4jBackend(FakeDriver(), None, "bolt://fake")


def test_neo4j_gets_one_transaction_in_batches_committed_only_when_all_went_well(tmp_path: Path) -> None:
    backend = fake_neo4j()
    import_file("icews", ICEWS, backend, batch_size=4)
    inside = backend.driver.log[backend.driver.log.index("begin") + 1 :]
    assert inside[-1] == "commit" and inside.count("commit") == 1
    assert "UNWIND 4" in inside and "UNWIND 2" in inside  # 6 events in batches of 4

    broken = fake_neo4j()
    with pytest.raises(ImportRejected):
        import_file("icews", broken_icews(tmp_path), broken)
    assert broken.driver.log[-1] == "rollback" and "commit" not in broken.driver.log


@pytest.mark.neo4j
def test_neo4j_import_is_idempotent_on_a_live_server(neo4j_server: Settings) -> None:
    from dyadgraph.backends.neo4j import Neo4jBackend
    from dyadgraph.load import load

    from .conftest import TINY

    backend = Neo4jBackend.from_settings(neo4j_server)
    try:
        load([TINY], backend)
        import_file("icews", ICEWS, backend)
        import_file("icews", ICEWS, backend)
        assert backend.counts()[1]["INVOLVES"] == 7 + 10
    finally:
        backend.close()
