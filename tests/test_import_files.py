"""`dyadgraph import` of files as researchers download them: GDELT's three layouts (from
fixtures in each, tab-separated with no header as GDELT distributes them), plain, gzipped and
zipped files, and folders, globs and lists of files imported in one transaction."""

from __future__ import annotations

import gzip
import random
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

import dyadgraph
from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.errors import ConfigError, ParameterError
from dyadgraph.imports import ImportRejected, import_file
from dyadgraph.imports.gdelt import GDELT1_DAILY_COLUMNS, GDELT1_HISTORICAL_COLUMNS, GDELT_COLUMNS, LAYOUTS
from dyadgraph.imports.inputs import Stream, resolve
from dyadgraph.imports.registry import get

from .conftest import ROOT, rows, snapshot

FIXTURES = ROOT / "tests" / "fixtures" / "imports"
HISTORICAL = FIXTURES / "201303.csv"  # GDELT 1.0 backfile: 57 columns
DAILY = FIXTURES / "20170312.export.CSV"  # GDELT 1.0 daily update: 58 columns
GDELT2 = FIXTURES / "20190908000000.export.CSV"  # GDELT 2.0 export: 61 columns
EVERY_FORMAT = {
    "icews": FIXTURES / "icews.tab",
    "gdelt": DAILY,
    "cow-nmc": FIXTURES / "cow-nmc.csv",
    "wdi": FIXTURES / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2.csv",
}
# The header files GDELT publishes for its 1.0 files, as they read (tab-separated, one line):
# http://gdeltproject.org/data/lookups/CSV.header.historical.txt and CSV.header.dailyupdates.txt.
HEADER_HISTORICAL = (
    "GLOBALEVENTID\tSQLDATE\tMonthYear\tYear\tFractionDate\tActor1Code\tActor1Name\tActor1CountryCode\t"
    "Actor1KnownGroupCode\tActor1EthnicCode\tActor1Religion1Code\tActor1Religion2Code\tActor1Type1Code\t"
    "Actor1Type2Code\tActor1Type3Code\tActor2Code\tActor2Name\tActor2CountryCode\tActor2KnownGroupCode\t"
    "Actor2EthnicCode\tActor2Religion1Code\tActor2Religion2Code\tActor2Type1Code\tActor2Type2Code\t"
    "Actor2Type3Code\tIsRootEvent\tEventCode\tEventBaseCode\tEventRootCode\tQuadClass\tGoldsteinScale\t"
    "NumMentions\tNumSources\tNumArticles\tAvgTone\tActor1Geo_Type\tActor1Geo_FullName\tActor1Geo_CountryCode\t"
    "Actor1Geo_ADM1Code\tActor1Geo_Lat\tActor1Geo_Long\tActor1Geo_FeatureID\tActor2Geo_Type\tActor2Geo_FullName\t"
    "Actor2Geo_CountryCode\tActor2Geo_ADM1Code\tActor2Geo_Lat\tActor2Geo_Long\tActor2Geo_FeatureID\t"
    "ActionGeo_Type\tActionGeo_FullName\tActionGeo_CountryCode\tActionGeo_ADM1Code\tActionGeo_Lat\t"
    "ActionGeo_Long\tActionGeo_FeatureID\tDATEADDED"
)
HEADER_DAILY = HEADER_HISTORICAL + "\tSOURCEURL"


def imported(fmt: str, path: Any, db: Path, **options: Any):  # type: ignore[no-untyped-def]
    return import_file(fmt, path, EmbeddedBackend(db, create=True), **options)


def events(db: Path) -> list[dict[str, object]]:
    found = rows(
        db,
        "MATCH (e:Event) OPTIONAL MATCH (e)-[r:INVOLVES]->(s:State) "
        "RETURN e.id AS id, e.cameo AS cameo, e.quad AS quad, e.goldstein AS goldstein, "
        "collect(r.role + ':' + s.id) AS states ORDER BY id",
    )
    # collect() keeps the order the engine stored the participants in, which the layout decides
    return [{**row, "states": sorted(row["states"])} for row in found]  # type: ignore[arg-type]


def zipped(source: Path, archive: Path, *more: Path) -> Path:
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for path in (source, *more):
            out.write(path, path.name)
    return archive


def gzipped(source: Path, target: Path) -> Path:
    target.write_bytes(gzip.compress(source.read_bytes()))
    return target


# --- GDELT's layouts ----------------------------------------------------------------------


def test_the_gdelt_layouts_are_the_published_column_lists() -> None:
    assert list(GDELT1_HISTORICAL_COLUMNS) == HEADER_HISTORICAL.split("\t")
    assert list(GDELT1_DAILY_COLUMNS) == HEADER_DAILY.split("\t")
    # GDELT 2.0 (Event Codebook V2.0): an ADM2Code after each ADM1Code, nothing else changed
    assert len(GDELT_COLUMNS) == 61
    assert [c for c in GDELT_COLUMNS if c not in GDELT1_DAILY_COLUMNS] == [
        "Actor1Geo_ADM2Code",
        "Actor2Geo_ADM2Code",
        "ActionGeo_ADM2Code",
    ]
    assert [GDELT_COLUMNS.index(f"{g}_ADM2Code") - GDELT_COLUMNS.index(f"{g}_ADM1Code") for g in ("Actor1Geo",)] == [1]
    assert {name: len(columns) for name, columns in LAYOUTS.items()} == {
        "1.0-historical": 57,
        "1.0-daily": 58,
        "2.0": 61,
    }
    assert get("gdelt").layouts == tuple(LAYOUTS)  # the registry names what the reader reads


@pytest.mark.parametrize(
    ("path", "events_", "involves", "prefix"),
    [(HISTORICAL, 4, 6, "gdelt1"), (DAILY, 3, 6, "gdelt1"), (GDELT2, 4, 6, "gdelt")],
)
def test_each_gdelt_layout_is_found_from_its_number_of_columns(
    tiny_db: Path, path: Path, events_: int, involves: int, prefix: str
) -> None:
    summary = imported("gdelt", path, tiny_db)
    assert (summary.nodes["Event"], summary.relationships["INVOLVES"]) == (events_, involves)
    assert summary.report.errors == []
    ids = [e["id"] for e in rows(tiny_db, "MATCH (e:Event {source: 'gdelt'}) RETURN e.id AS id")]
    assert len(ids) == events_ and all(f"-{prefix}-" in str(i) for i in ids)


def test_gdelt_1_backfile_rows_become_events_without_a_url(tiny_db: Path) -> None:
    summary = imported("gdelt", HISTORICAL, tiny_db)
    assert (summary.rows, summary.without_state) == (5, 1)  # line 5: a civilian and a company, no state
    assert [(p.type, p.line, p.column, p.message[:5]) for p in summary.report.warnings] == [
        ("unmapped-country", 4, "Actor1CountryCode", "'AFR'")
    ]
    event = rows(
        tiny_db,
        "MATCH (e:Event {id: '2013-03-12-gdelt1-250000002'}) "
        "RETURN e.title, e.date, e.cameo, e.quad, e.goldstein, e.source, e.locator",
    )
    assert event == [
        {
            "e.title": "MONGOLIA → RUSSIA: Engage in diplomatic cooperation (CAMEO 057)",
            "e.date": "2013-03-12",
            "e.cameo": "057",
            "e.quad": "verbal_coop",  # the row's QuadClass 1
            "e.goldstein": 8.0,
            "e.source": "gdelt",
            "e.locator": "201303.csv line 2, GLOBALEVENTID 250000002",  # the backfile has no SOURCEURL
        }
    ]
    assert [e for e in events(tiny_db) if "gdelt" in str(e["id"])] == [
        {"id": "2013-03-05-gdelt1-250000001", "cameo": "042", "quad": "verbal_coop", "goldstein": 1.9,
         "states": ["initiator:CHN", "target:MNG"]},
        {"id": "2013-03-12-gdelt1-250000002", "cameo": "057", "quad": "verbal_coop", "goldstein": 8.0,
         "states": ["initiator:MNG", "target:RUS"]},
        {"id": "2013-03-18-gdelt1-250000003", "cameo": "141", "quad": "verbal_conflict", "goldstein": -6.5,
         "states": ["target:MNG"]},
        {"id": "2013-03-20-gdelt1-250000004", "cameo": "0311", "quad": "verbal_coop", "goldstein": 5.2,
         "states": ["target:MNG"]},
    ]  # fmt: skip


def test_gdelt_1_participants_carry_their_role_only_and_why_answers_with_the_event(tiny_db: Path) -> None:
    imported("gdelt", HISTORICAL, tiny_db)
    participants = rows(
        tiny_db,
        "MATCH (e:Event {id: '2013-03-12-gdelt1-250000002'})-[r:INVOLVES]->(s:State) RETURN s.id AS state, r.* "
        "ORDER BY r.role",
    )
    assert participants == [
        {"state": state, "r.id": None, "r.role": role, "r.source": None, "r.via": None, "r.locator": None,
         "r.quote": None}
        for state, role in (("MNG", "initiator"), ("RUS", "target"))
    ]  # fmt: skip
    with dyadgraph.open(tiny_db) as graph:
        why = graph.query("why", id="2013-03-12-gdelt1-250000002>INVOLVES>RUS:target").values
    assert {element for element, _, _ in why} == {"INVOLVES"}
    fields = {field: value for _, field, value in why}
    assert (fields["source"], fields["locator"], fields["dataset"]) == (
        "gdelt",
        "201303.csv line 2, GLOBALEVENTID 250000002",
        "gdelt:201303.csv",
    )
    with dyadgraph.open(tiny_db) as graph, pytest.raises(ParameterError, match="no node or relationship with id"):
        graph.query("why", id="2013-03-12-gdelt1-250000002>INVOLVES>CHN:target")  # CHN is not in it


def test_gdelt_1_daily_rows_cite_their_url(tiny_db: Path) -> None:
    imported("gdelt", DAILY, tiny_db)
    found = rows(
        tiny_db,
        "MATCH (e:Event {id: '2017-03-12-gdelt1-630000003'})-[r:INVOLVES]->(s:State) "
        "RETURN e.title AS title, e.quad AS quad, e.locator AS locator, r.role AS role, s.id AS state, "
        "r.quote AS quote ORDER BY role",
    )
    locator = "20170312.export.CSV line 3, GLOBALEVENTID 630000003, https://example.org/synthetic/gdelt1/3"
    title = "JAPAN → MONGOLIA: Provide aid (CAMEO 071)"
    # the participants carry their role only (issue 20): the actors as the file names them are in the title
    assert found == [
        {"title": title, "quad": "material_coop", "locator": locator, "role": "initiator", "state": "JPN",
         "quote": None},
        {"title": title, "quad": "material_coop", "locator": locator, "role": "target", "state": "MNG",
         "quote": None},
    ]  # fmt: skip


def test_a_layout_named_overrides_the_column_count(tiny_db: Path) -> None:
    before = snapshot(tiny_db)
    with pytest.raises(ImportRejected) as caught:
        imported("gdelt", DAILY, tiny_db, layout="2.0")
    assert [(p.type, p.message[:28]) for p in caught.value.report.errors] == [
        ("ragged-row", "58 cells where GDELT 2.0 has")
    ] * 3
    assert snapshot(tiny_db) == before
    assert imported("gdelt", DAILY, tiny_db, layout="1.0-daily").nodes["Event"] == 3


def test_a_file_of_no_gdelt_layout_is_refused_with_the_layouts(tiny_db: Path, tmp_path: Path) -> None:
    narrow = tmp_path / "20170312.export.CSV"
    narrow.write_text("\n".join("\t".join(line.split("\t")[:40]) for line in DAILY.read_text().splitlines()) + "\n")
    with pytest.raises(ImportRejected) as caught:
        imported("gdelt", narrow, tiny_db)
    assert [(p.type, p.line, p.message) for p in caught.value.report.errors] == [
        (
            "malformed-file",
            1,
            "not a GDELT event file: 40 tab-separated cells, not 57 (GDELT 1.0-historical), 58 (GDELT 1.0-daily), "
            "61 (GDELT 2.0)",
        )
    ]


def test_an_empty_gdelt_file_imports_nothing(tiny_db: Path, tmp_path: Path) -> None:
    empty = tmp_path / "20150219000000.export.CSV"
    empty.write_bytes(b"")
    summary = imported("gdelt", empty, tiny_db)
    assert (summary.rows, summary.nodes.get("Event", 0), summary.report.problems) == (0, 0, [])


def test_layouts_are_checked_before_anything_is_read(tiny_db: Path) -> None:
    with pytest.raises(
        ConfigError, match=r"gdelt has no layout '1\.0'; choose one of: 1\.0-historical, 1\.0-daily, 2\.0"
    ):
        imported("gdelt", DAILY, tiny_db, layout="1.0")
    with pytest.raises(ConfigError, match="icews files have one layout; --layout is for: gdelt"):
        imported("icews", EVERY_FORMAT["icews"], tiny_db, layout="2.0")


# --- compressed files ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(EVERY_FORMAT))
def test_every_format_reads_gzipped_and_zipped_files_as_the_plain_one(fmt: str, tmp_path: Path) -> None:
    plain = EVERY_FORMAT[fmt]
    # an imported event's participant has its role only, its provenance (and the file) on its event
    query = (
        "MATCH (a)-[r]->(b) WHERE coalesce(r.source, a.source) <> 'huang2021' "
        "RETURN a.id AS origin, b.id AS target, coalesce(r.id, r.role) AS id, "
        "coalesce(r.locator, a.locator) AS locator ORDER BY origin, target, id"
    )
    found = {}
    for kind, path in (
        ("plain", plain),
        ("gz", gzipped(plain, tmp_path / f"{plain.name}.gz")),
        ("zip", zipped(plain, tmp_path / f"{plain.name}.zip")),
    ):
        db = tmp_path / f"{kind}.kuzu"
        summary = imported(fmt, path, db)
        found[kind] = (rows(db, query), summary.version, summary.files)
    assert found["plain"][0] != []
    assert found["gz"][1] == found["zip"][1] == found["plain"][1]  # the version hashes the content
    assert found["plain"][2] == [plain.name]
    assert found["gz"][2] == [f"{plain.name}.gz"] and found["zip"][2] == [f"{plain.name}.zip"]
    for kind in ("gz", "zip"):  # the same rows, the locator naming the file as given
        renamed = [{**r, "locator": str(r["locator"]).replace(found[kind][2][0], plain.name)} for r in found[kind][0]]
        assert renamed == found["plain"][0], kind


def test_a_zip_of_several_files_needs_the_member_named(tiny_db: Path, tmp_path: Path) -> None:
    archive = zipped(FIXTURES / "icews.tab", tmp_path / "icews.zip", FIXTURES / "cow-nmc.csv")
    with pytest.raises(ConfigError, match=r"icews\.zip holds 2 files \(icews\.tab, cow-nmc\.csv\); name the one"):
        imported("icews", archive, tiny_db)
    with pytest.raises(ConfigError, match=r"icews\.zip holds no file 'events\.tab'; it holds icews\.tab, cow-nmc"):
        imported("icews", archive, tiny_db, member="events.tab")
    with pytest.raises(ConfigError, match=r"--member names a file inside a \.zip archive; none of the files given"):
        imported("icews", FIXTURES / "icews.tab", tiny_db, member="icews.tab")
    summary = imported("icews", [archive, FIXTURES / "icews.tab"], tiny_db, member="icews.tab")
    assert summary.files == ["icews.zip:icews.tab", "icews.tab"]  # the plain file is read as it is
    assert (summary.nodes["Event"], summary.duplicates) == (6, 1 + 7)  # the second copy repeats all 7 events
    locator = rows(tiny_db, "MATCH (e:Event {id: '2014-08-21-icews-900000001'}) RETURN e.locator AS l")[0]["l"]
    assert str(locator).startswith("icews.zip:icews.tab line 2, ")


def test_a_damaged_archive_is_a_problem_of_its_file_not_a_crash(tiny_db: Path, tmp_path: Path) -> None:
    data = gzip.compress(DAILY.read_bytes() * 50)
    cut = tmp_path / "20170312.export.CSV.gz"
    cut.write_bytes(data[: len(data) // 2])  # a download that stopped half-way
    before = snapshot(tiny_db)
    with pytest.raises(ImportRejected) as caught:
        imported("gdelt", cut, tiny_db)
    problems = [(p.type, p.file, p.message[:30]) for p in caught.value.report.errors]
    assert problems == [("malformed-file", "20170312.export.CSV.gz", "cannot be decompressed (gzip):")]
    assert snapshot(tiny_db) == before
    not_a_zip = tmp_path / "20170312.export.CSV.zip"
    not_a_zip.write_bytes(DAILY.read_bytes())
    with pytest.raises(ConfigError, match=r"20170312\.export\.CSV\.zip cannot be read as a zip archive"):
        imported("gdelt", not_a_zip, tiny_db)


def test_a_compressed_file_streams_through_without_being_unpacked(tmp_path: Path) -> None:
    big = tmp_path / "20170312.export.CSV"
    line = DAILY.read_text(encoding="utf-8").splitlines()[0]
    randomness = random.Random(4)  # the URLs differ from row to row, so the file compresses as a real one
    big.write_text("".join(f"{line[:-2]}{randomness.getrandbits(64):x}\n" for _ in range(20_000)), encoding="utf-8")
    for path in (gzipped(big, tmp_path / "a.gz"), zipped(big, tmp_path / "b.zip")):
        stream = Stream(resolve(path)[0])
        try:
            buffer = bytearray(1 << 16)
            assert stream.readinto(buffer) == len(buffer)
            # one block read: a small part of the file on disk, nothing written beside it
            assert 0 < stream.done < stream.input.size // 2
            assert sorted(p.name for p in tmp_path.iterdir()) == ["20170312.export.CSV", "a.gz", "b.zip"]
        finally:
            stream.close()


# --- sets of files ------------------------------------------------------------------------


def a_month(folder: Path, days: int) -> list[Path]:
    """`days` daily GDELT 1.0 files, zipped as GDELT serves them, each with events of its own."""
    folder.mkdir()
    lines = DAILY.read_text(encoding="utf-8").splitlines()
    made = []
    for day in range(1, days + 1):
        name = f"201703{day:02d}.export.CSV"
        # GLOBALEVENTID 6300000NN becomes 630DDDNN
        (folder / name).write_text("".join(f"630{day:03d}{line[7:]}\n" for line in lines), encoding="utf-8")
        made.append(zipped(folder / name, folder / f"{name}.zip"))
        (folder / name).unlink()
    return made


def test_a_folder_a_glob_and_a_list_import_every_file_once(tmp_path: Path) -> None:
    files = a_month(tmp_path / "2017", 4)
    graphs = []
    for n, given in enumerate([tmp_path / "2017", str(tmp_path / "2017" / "*.export.CSV.zip"), files[::-1]]):
        db = tmp_path / f"g{n}.kuzu"
        summary = imported("gdelt", given, db)
        assert summary.files == [p.name for p in (files if n < 2 else files[::-1])]
        assert (summary.rows, summary.nodes["Event"], summary.relationships["INVOLVES"]) == (12, 12, 24)
        graphs.append(events(db))
        datasets = rows(db, "MATCH (d:Dataset) WHERE d.id STARTS WITH 'gdelt:' RETURN d.name AS n ORDER BY n")
        assert [d["n"] for d in datasets] == [p.name for p in files]
    assert graphs[0] == graphs[1] == graphs[2]
    assert [e["id"] for e in graphs[0][:3]] == [
        "2017-03-11-gdelt1-63000101",
        "2017-03-11-gdelt1-63000201",
        "2017-03-11-gdelt1-63000301",
    ]


def test_the_layout_is_found_file_by_file(tiny_db: Path) -> None:
    summary = imported("gdelt", [HISTORICAL, DAILY, GDELT2], tiny_db)
    assert summary.nodes["Event"] == 4 + 3 + 4 and summary.files == [HISTORICAL.name, DAILY.name, GDELT2.name]


def test_a_bad_row_in_a_late_file_leaves_the_database_unchanged(tiny_db: Path, tmp_path: Path) -> None:
    files = a_month(tmp_path / "2017", 6)
    bad = files[4]  # the fifth of six, after four files' rows were written (copy_rows=1)
    member = bad.name.removesuffix(".zip")
    with zipfile.ZipFile(bad) as archive:
        lines = archive.read(member).decode().splitlines(keepends=True)
    lines[1] = lines[1].replace("\t20170312\t", "\t20170231\t", 1)  # its SQLDATE: a day February lacks
    bad.unlink()
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr(member, "".join(lines))
    before = snapshot(tiny_db)
    with pytest.raises(ImportRejected) as caught:
        imported("gdelt", tmp_path / "2017", tiny_db, copy_rows=1)
    assert [(p.type, p.file, p.line, p.column) for p in caught.value.report.errors] == [
        ("bad-date", "20170305.export.CSV.zip", 2, "SQLDATE")
    ]
    assert str(caught.value).startswith(
        "1 error(s) in 6 files (20170301.export.CSV.zip ... 20170306.export.CSV.zip); nothing was imported:\n"
        "  20170305.export.CSV.zip, line 2, column SQLDATE: '20170231' is not a date (Ymd) [bad-date]"
    )
    assert snapshot(tiny_db) == before


def test_an_event_repeated_in_a_later_file_is_one_event(tiny_db: Path, tmp_path: Path) -> None:
    """Line numbers repeat from file to file: a repeat on line 1 of the second file must not keep
    its INVOLVES because the first file's line 1 was kept."""
    second = tmp_path / "20170313.export.CSV"
    lines = DAILY.read_text(encoding="utf-8").splitlines()
    fresh = lines[1].replace("630000002", "630000009")
    second.write_text("\n".join([lines[0], fresh, lines[2]]) + "\n", encoding="utf-8")
    summary = imported("gdelt", [DAILY, second], tiny_db)
    assert (summary.nodes["Event"], summary.relationships["INVOLVES"], summary.duplicates) == (4, 8, 2)
    assert rows(tiny_db, "MATCH (:Event {source: 'gdelt'})-[r:INVOLVES]->() RETURN count(r) AS n") == [{"n": 8}]


def test_progress_runs_once_over_the_whole_set(tiny_db: Path, tmp_path: Path) -> None:
    files = a_month(tmp_path / "2017", 3)
    seen: list[tuple[str, int, int]] = []
    imported("gdelt", files, tiny_db, progress=lambda phase, done, total: seen.append((phase, done, total)))
    total = sum(p.stat().st_size for p in files)
    assert {t for _, _, t in seen} == {total} and seen[-1][1] == total
    assert [d for _, d, _ in seen] == sorted(d for _, d, _ in seen)
    reading = [p for p, _, _ in seen if p.startswith("reading")]
    assert list(dict.fromkeys(reading)) == ["reading 1/3", "reading 2/3", "reading 3/3"]


def test_nothing_matching_is_refused_before_the_database_is_opened(tmp_path: Path) -> None:
    db = tmp_path / "never.kuzu"
    (tmp_path / "empty").mkdir()
    for given, message in (
        (tmp_path / "nope.CSV", "no file"),
        (str(tmp_path / "*.zip"), "no file matches"),
        (tmp_path / "empty", "no file in the folder"),
        ([], "no file given"),
    ):
        with pytest.raises(ConfigError, match=message):
            import_file("gdelt", given, EmbeddedBackend(db, create=True))
    assert not db.exists()


def test_the_library_and_the_cli_take_folders_globs_and_options(invoke, tiny_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import dyadgraph

    files = a_month(tmp_path / "2017", 2)
    again = tmp_path / "again.kuzu"
    shutil.copyfile(tiny_db, again)
    with dyadgraph.open(tiny_db) as g:
        summary = g.import_file(tmp_path / "2017", "gdelt", layout="1.0-daily")
    assert summary.nodes["Event"] == 6
    result = invoke("--db", again, "import", "gdelt", str(tmp_path / "2017" / "*.zip"), HISTORICAL, "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "node,Event,10\n" in result.stdout
    assert f"Imported 3 files, {files[0].name} ... {HISTORICAL.name} (gdelt, 11 rows;" in result.stderr
    archive = zipped(FIXTURES / "icews.tab", tmp_path / "icews.zip", FIXTURES / "cow-nmc.csv")
    result = invoke("--db", again, "import", "icews", archive, "--member", "icews.tab", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "node,Event,6\n" in result.stdout
    result = invoke("--db", again, "import", "gdelt", DAILY, "--layout", "2.0")
    assert result.exit_code == 1 and "58 cells where GDELT 2.0 has 61" in result.stderr


@pytest.mark.parametrize("layout", ["1.0-historical", "1.0-daily", "2.0"])
def test_the_gdelt_generator_writes_importable_seeded_files(tmp_path: Path, layout: str) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_events import write_gdelt
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    first, second = tmp_path / "a.export.CSV", tmp_path / "b.export.CSV"
    write_gdelt(300, first, layout, seed=3)
    write_gdelt(300, second, layout, seed=3)
    assert first.read_bytes() == second.read_bytes()
    assert {len(line.split("\t")) for line in first.read_text(encoding="utf-8").splitlines()} == {len(LAYOUTS[layout])}
    summary = imported("gdelt", first, tmp_path / "g.kuzu")
    assert (summary.nodes["Event"], summary.relationships["INVOLVES"], summary.report.problems) == (300, 600, [])


def test_neo4j_gets_the_whole_set_in_one_transaction(tmp_path: Path) -> None:
    from .test_imports import fake_neo4j

    backend = fake_neo4j()
    import_file("gdelt", [HISTORICAL, DAILY, GDELT2], backend, copy_rows=2)
    log = backend.driver.log
    assert log.count("begin") == 1 and log[-1] == "commit" and log.count("commit") == 1
    assert sum(int(entry.split()[1]) for entry in log if entry.startswith("UNWIND")) > 11  # events and more

    files = a_month(tmp_path / "2017", 3)
    bad = files[-1]
    member = bad.name.removesuffix(".zip")
    with zipfile.ZipFile(bad) as archive:
        text = archive.read(member).decode()
    bad.unlink()
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr(member, text.replace("\t071\t", "\t999\t"))  # no CAMEO code
    broken = fake_neo4j()
    with pytest.raises(ImportRejected, match=r"20170303\.export\.CSV\.zip, line 3, column EventCode"):
        import_file("gdelt", files, broken, copy_rows=1)
    assert broken.driver.log[-1] == "rollback" and "commit" not in broken.driver.log
