"""The CLI through CliRunner: exact output for short results, errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import TINY


def test_json_contract(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "cypher", "MATCH (s:State) RETURN count(s) AS n", "--format", "json")
    assert result.exit_code == 0
    assert result.stdout == '[{"n": 5}]\n'


def test_json_is_an_empty_array_when_there_are_no_rows(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "cypher", "MATCH (s:State {id: 'ATL'}) RETURN s.name AS name", "-f", "json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_parameters_are_passed_as_parameters(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke(
        "--db", tiny_db, "cypher", "MATCH (s:State {id: $id}) RETURN s.name AS name", "-p", "id", "MNG", "-f", "csv"
    )
    assert (result.exit_code, result.stdout) == (0, "name\nMongolia\n")


def test_load_prints_counts_and_time(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tmp_path / "g.kuzu", "load", TINY, "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout.startswith("element,name,count\nnode,State,5\nnode,Organization,1\n")
    assert "relationship,INVOLVES,7\n" in result.stdout
    assert "Loaded 21 nodes and 26 relationships into" in result.stderr
    assert " s (data version " in result.stderr


def test_a_broken_seed_row_names_file_row_and_column_and_exits_1(invoke, tiny_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "mine"
    broken.mkdir()
    for path in TINY.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    tie = broken / "TIE.csv"
    tie.write_text(tie.read_text(encoding="utf-8").replace("MNG,RUS,", "MNG,RUX,"), encoding="utf-8")
    result = invoke("--db", tiny_db, "load", broken)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 1 error(s) in the seed data; nothing was loaded:\n"
        "  mine/TIE.csv, line 3, column to: no State with id 'RUX' [dangling-endpoint]\n"
    )
    assert "Traceback" not in result.output
    answer = invoke("--db", tiny_db, "cypher", "MATCH (s:State) RETURN count(s) AS n", "-f", "json")
    assert answer.stdout == '[{"n": 5}]\n'


def test_validate_only_reports_without_writing(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "never.kuzu"
    result = invoke("--db", db, "load", TINY, "--validate-only", "-f", "json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    assert not db.exists()


def test_writes_are_refused_without_write(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "cypher", "MATCH (s:State) SET s.name = 'x' RETURN s.id")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: refused: this statement writes")
    names = invoke("--db", tiny_db, "cypher", "MATCH (s:State {id: 'MNG'}) RETURN s.name AS n", "-f", "json")
    assert names.stdout == '[{"n": "Mongolia"}]\n'


def test_writes_with_write(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke(
        "--db",
        tiny_db,
        "cypher",
        "MATCH (s:State {id: 'MNG'}) SET s.region = 'Inner Asia' RETURN s.region AS r",
        "--write",
        "-f",
        "json",
    )
    assert (result.exit_code, result.stdout) == (0, '[{"r": "Inner Asia"}]\n')


def test_missing_database_is_one_clear_line(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tmp_path / "none.kuzu", "stats")
    assert result.exit_code == 1
    assert (
        result.stderr == f"Error: no database at {tmp_path / 'none.kuzu'}; run `dyadgraph load` first (or pass --db)\n"
    )


def test_debug_shows_the_traceback(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--debug", "--db", tmp_path / "none.kuzu", "stats")
    assert result.exit_code == 1
    assert type(result.exception).__name__ == "DatabaseMissing"


def test_query_parameter_errors_list_the_parameters(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "query", "partnership-ladder", "-p", "focus", "MNG")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: unknown parameter 'focus'\nparameters of partnership-ladder:\n"
        '  focal (string, default "MNG", id of a State): the focal state\'s id (ISO3)\n'
    )


def test_unknown_query(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "query", "no-such-query")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no canned query 'no-such-query'; `dyadgraph queries` lists them: ")


def test_stats(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "stats", "-f", "json")
    counts = {row["name"]: row["count"] for row in json.loads(result.stdout)}
    assert counts["State"] == 5 and counts["Source"] == 4 and counts["LEADS_TO"] == 2


def test_neo4j_unreachable_is_one_line(invoke, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DYADGRAPH_NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("DYADGRAPH_NEO4J_PASSWORD", "s3cret-never-printed")
    result = invoke("--backend", "neo4j", "stats")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot reach Neo4j at bolt://127.0.0.1:1")
    assert result.stderr.count("\n") == 1
    assert "s3cret" not in result.output


def test_python_dash_m_works() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "dyadgraph", "--help"], capture_output=True, text=True, check=True)
    assert "Usage: dyadgraph" in result.stdout


def test_csv_joins_a_list_and_explode_gives_a_row_per_item(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    statement = "RETURN 'MNG' AS a, ['strategic_partnership 2014', 'land_border'] AS kinds"
    joined = invoke("--db", tiny_db, "cypher", statement, "-f", "csv")
    assert (joined.exit_code, joined.stdout) == (0, "a,kinds\nMNG,strategic_partnership 2014; land_border\n")
    exploded = invoke("--db", tiny_db, "cypher", statement, "-f", "csv", "--explode", "kinds")
    assert (exploded.exit_code, exploded.stdout) == (0, "a,kinds\nMNG,strategic_partnership 2014\nMNG,land_border\n")
    ladder = invoke("--db", tiny_db, "query", "partnership-ladder", "-f", "json", "--explode", "steps")
    assert ladder.exit_code == 0 and all(isinstance(row["steps"], str) for row in json.loads(ladder.stdout))
    wrong = invoke("--db", tiny_db, "query", "partnership-ladder", "--explode", "step")
    assert wrong.exit_code == 1 and wrong.stderr.startswith("Error: --explode step: the result has no column 'step'")
