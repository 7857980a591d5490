"""Issue 13: every invocation a new user tried that crashed or answered silently, each held here.

Writes run in a subprocess: the crash they fixed was a segmentation fault, which would take
pytest down with it instead of failing one test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.backends.neo4j import Neo4jBackend, summary_changes
from dyadgraph.errors import ParameterError, UnusedParameter
from dyadgraph.parameters import check_statement, used_parameters
from dyadgraph.queries import Catalogue, parse_param

from .conftest import rows, snapshot


def dyadgraph(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dyadgraph", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def db(tiny_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.kuzu"
    shutil.copyfile(tiny_db, copy)
    return copy


# Each write shape: the statement, the summary line it prints, and a read that shows the write.
WRITES = [
    (
        "CREATE (s:State {id:'ZZZ', name:'Zed'})",
        "Write committed: 1 State node added (Kùzu does not count properties set); 0 rows returned.",
        ("MATCH (s:State {id:'ZZZ'}) RETURN s.name AS v", [{"v": "Zed"}]),
    ),
    (
        "MATCH (s:State {id:'MNG'}) SET s.name = 'Mongol Uls'",
        "Write committed: no node or relationship added or removed (Kùzu does not count properties set); "
        "0 rows returned.",
        ("MATCH (s:State {id:'MNG'}) RETURN s.name AS v", [{"v": "Mongol Uls"}]),
    ),
    (
        "MERGE (s:State {id:'ZZZ'}) ON CREATE SET s.name = 'merged'",
        "Write committed: 1 State node added (Kùzu does not count properties set); 0 rows returned.",
        ("MATCH (s:State {id:'ZZZ'}) RETURN s.name AS v", [{"v": "merged"}]),
    ),
    (
        "MATCH (a:State {id:'MNG'}), (b:State {id:'USA'}) CREATE (a)-[:TIE {id:'t1', kind:'test'}]->(b)",
        "Write committed: 1 TIE relationship added (Kùzu does not count properties set); 0 rows returned.",
        ("MATCH (:State {id:'MNG'})-[t:TIE {kind:'test'}]->(:State {id:'USA'}) RETURN t.id AS v", [{"v": "t1"}]),
    ),
    (
        "MATCH (:State)-[t:TIE]->(:State) DELETE t",
        "Write committed: 4 TIE relationships removed (Kùzu does not count properties set); 0 rows returned.",
        ("MATCH ()-[t:TIE]->() RETURN count(t) AS v", [{"v": 0}]),
    ),
    (
        "MATCH (s:State {id:'MNG'}) DETACH DELETE s",
        "1 State node removed, ",
        ("MATCH (s:State {id:'MNG'}) RETURN count(s) AS v", [{"v": 0}]),
    ),
    (
        "CREATE (:State {id:'Q1', name:'q'}); CREATE (:State {id:'Q2', name:'q'}) RETURN 5 AS five",
        "Write committed: 2 State nodes added (Kùzu does not count properties set); 1 row returned.",
        ("MATCH (s:State) WHERE s.name = 'q' RETURN count(s) AS v", [{"v": 2}]),
    ),
    (
        "CREATE NODE TABLE Note(id STRING, PRIMARY KEY(id))",
        "Write committed: no node or relationship added or removed (Kùzu does not count properties set); "
        "1 row returned.",
        ("CALL show_tables() WHERE name = 'Note' RETURN name AS v", [{"v": "Note"}]),
    ),
]


@pytest.mark.parametrize(("statement", "summary", "check"), WRITES, ids=[w[0][:40] for w in WRITES])
def test_every_write_shape_commits_reports_and_exits_0(
    db: Path, statement: str, summary: str, check: tuple[str, list[dict[str, Any]]]
) -> None:
    done = dyadgraph(db, "cypher", statement, "--write")
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert summary in done.stderr
    assert rows(db, check[0]) == check[1]


def test_a_write_of_several_statements_is_all_or_nothing(db: Path) -> None:
    before = snapshot(db)
    failed = dyadgraph(db, "cypher", "CREATE (:State {id:'Q1'}); CREATE (:State {id:'Q1'})", "--write")
    assert failed.returncode == 1
    assert failed.stderr.startswith("Error: Kùzu: Runtime exception: Found duplicated primary key value Q1")
    assert snapshot(db) == before  # the first CREATE was rolled back with the second
    nested = dyadgraph(db, "cypher", "BEGIN TRANSACTION; CREATE (:State {id:'Q3'}); COMMIT", "--write")
    assert (nested.returncode, nested.stderr) == (
        1,
        "Error: a write runs in a transaction of its own (all of its statements or none): "
        "leave out BEGIN TRANSACTION and COMMIT\n",
    )
    assert snapshot(db) == before


def test_several_read_statements_give_the_last_ones_rows_without_crashing(db: Path) -> None:
    done = dyadgraph(db, "cypher", "RETURN 1 AS a; RETURN 2 AS b", "-f", "json")
    assert (done.returncode, done.stdout, done.stderr) == (0, '[{"b": 2}]\n', "")
    failed = dyadgraph(db, "cypher", "RETURN 1 AS a; MATCH (n:Nope) RETURN n", "--write")
    assert (failed.returncode, failed.stderr) == (1, "Error: Kùzu: Binder exception: Table Nope does not exist.\n")


def test_a_write_without_write_is_refused_and_changes_nothing(db: Path) -> None:
    before = snapshot(db)
    done = dyadgraph(db, "cypher", "CREATE (:State {id:'ZZZ'})")
    assert done.returncode == 1 and "add --write to allow writes" in done.stderr
    assert snapshot(db) == before


def test_a_write_prints_json_rows_and_no_table_when_it_returns_nothing(invoke, db: Path) -> None:  # type: ignore[no-untyped-def]
    table = invoke("--db", db, "cypher", "CREATE (:State {id:'ZZZ'})", "--write")
    assert (table.exit_code, table.stdout) == (0, "")
    data = invoke("--db", db, "cypher", "CREATE (:State {id:'ZZY'})", "--write", "-f", "json")
    assert (data.exit_code, data.stdout) == (0, "[]\n")


# ---------------------------------------------------------------- parameters


def test_the_scanner_skips_strings_comments_and_backticks() -> None:
    text = """
    // $inComment
    MATCH (s:`$label` {id: $id}) /* $block
    $stillBlock */ WHERE s.name <> '$quoted \\' $escaped' AND s.x = "$double" AND s.y = $`odd name`
    RETURN $id, $0, s.`$property` AS `$column`, $Name_2
    """
    assert used_parameters(text) == ["id", "odd name", "0", "Name_2"]
    assert used_parameters("RETURN '$' + $") == []


def test_a_missing_parameter_is_an_error_naming_it_and_an_unused_one_a_warning() -> None:
    with pytest.raises(ParameterError, match=r"^missing parameter 'id': the statement uses \$id \(give -p id VALUE\)$"):
        check_statement("MATCH (s:State) WHERE s.id = $id AND s.name = $name RETURN s", {"name": "x"})
    with pytest.warns(UnusedParameter, match="parameter 'extra' is not used by the statement; ignored"):
        assert check_statement("RETURN $id", {"id": 1, "extra": 2}) == {"id": 1}


@pytest.mark.parametrize("operator", ["=", "<>"])
def test_cypher_with_a_missing_parameter_fails_instead_of_matching_everything(  # type: ignore[no-untyped-def]
    invoke, tiny_db: Path, operator: str
) -> None:
    result = invoke("--db", tiny_db, "cypher", f"MATCH (s:State) WHERE s.id {operator} $id RETURN count(*) AS n")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: missing parameter 'id': the statement uses $id (give -p id VALUE)\n"


def test_the_message_names_the_missing_parameter_not_the_given_one(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    text = "MATCH (s:State) WHERE s.id = $id AND s.name = $name RETURN count(*) AS n"
    result = invoke("--db", tiny_db, "cypher", text, "-p", "name", "x")
    assert result.stderr == "Error: missing parameter 'id': the statement uses $id (give -p id VALUE)\n"


def test_an_unused_parameter_is_a_warning_and_the_statement_runs(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    text = "MATCH (s:State) WHERE s.id = $id RETURN s.id AS id"
    result = invoke("--db", tiny_db, "cypher", text, "-p", "id", "MNG", "-p", "extra", "1", "-f", "json")
    assert (result.exit_code, result.stdout) == (0, '[{"id": "MNG"}]\n')
    assert result.stderr == "Warning: parameter 'extra' is not used by the statement; ignored\n"


def test_the_neo4j_backend_checks_parameters_before_the_server_sees_them() -> None:
    backend = Neo4jBackend(driver=None, database=None, uri="bolt://nowhere")
    with pytest.raises(ParameterError, match="missing parameter 'id'"):
        backend.run("MATCH (s:State {id: $id}) RETURN s")


class CountingCursor:
    """Enough of a driver's result for one write: a row, then its summary counters."""

    def keys(self) -> list[str]:
        return ["id"]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter([SimpleNamespace(values=lambda: ["ZZZ"])])

    def consume(self) -> Any:
        return SimpleNamespace(counters=SimpleNamespace(nodes_created=1, properties_set=2, relationships_created=0))


class CountingSession:
    def __enter__(self) -> CountingSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def execute_write(self, work: Any) -> Any:
        return work(SimpleNamespace(run=lambda text, parameters: CountingCursor()))


def test_a_neo4j_write_reports_the_drivers_counters(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = Neo4jBackend(driver=None, database=None, uri="bolt://nowhere")
    monkeypatch.setattr(backend, "_session", lambda write: CountingSession())
    result = backend.run("CREATE (s:State {id: $id, name: 'Zed'}) RETURN s.id AS id", {"id": "ZZZ"}, write=True)
    assert result.values == [("ZZZ",)]
    assert result.changes == {"nodes created": 1, "properties set": 2}
    assert summary_changes(SimpleNamespace()) == {}


def test_a_write_line_on_neo4j_reads_like_its_counters() -> None:
    from dyadgraph.backends.base import Result
    from dyadgraph.cli.query import describe_write

    written = Result(["id"], [("ZZZ",)], {"nodes created": 1, "properties set": 2})
    assert describe_write(written, "neo4j") == "Write committed: 1 node created, 2 properties set; 1 row returned."
    assert describe_write(Result([], [], {}), "neo4j") == "Write committed: nothing changed; 0 rows returned."


# ---------------------------------------------------------------- canned queries: ranges and ids


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["partnership-ladder", "-p", "focal", "XYZ"], "no State with id XYZ (-p focal of partnership-ladder)"),
        (["why", "-p", "id", "nothing"], "no node or relationship with id nothing (-p id of why)"),
        (["ego-network", "-p", "depth", "9"], "parameter 'depth' must be 1 to 3, got 9"),
        (["ego-network", "-p", "depth", "0"], "parameter 'depth' must be 1 to 3, got 0"),
        (["causal-chains", "-p", "depth", "50"], "parameter 'depth' must be 1 to 5, got 50"),
        (["ties-as-of", "-p", "year", "20"], "parameter 'year' must be 1000 to 9999, got 20"),
        (["broker-events", "-p", "min_others", "0"], "parameter 'min_others' must be at least 1, got 0"),
        (["third-neighbors", "-p", "neighbors", "CHN,XYZ"], "no State with id XYZ (-p neighbors of third-neighbors)"),
        (["strategy-outcomes", "-p", "strategy", "MNG"], "no Strategy with id MNG (MNG is the id of a State)"),
        (["people", "-p", "entity", "XYZ"], "no State or Organization with id XYZ"),
    ],
)
def test_a_canned_query_refuses_what_names_nothing_or_is_out_of_range(  # type: ignore[no-untyped-def]
    invoke, tiny_db: Path, args: list[str], message: str
) -> None:
    result = invoke("--db", tiny_db, "query", *args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"Error: {message}")


def test_what_the_headers_allow_still_runs(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ["ego-network", "-p", "id", "MNG", "-p", "depth", "3"],
        ["causal-chains", "-p", "start", "single-state-nwfz", "-p", "depth", "5"],
        ["partnership-ladder", "-p", "focal", "MNG"],
        ["event-types", "-p", "state", ""],  # the empty default means every state
        ["why", "-p", "id", "MNG>TIE>CHN:strategic_partnership"],  # a relationship id
    ):
        result = invoke("--db", tiny_db, "query", *args)
        assert result.exit_code == 0, (args, result.stderr)


def test_export_by_query_checks_the_ids_too(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    args = ["export", "--to", "json", "--query", "partnership-ladder", "-p", "focal", "XYZ"]
    result = invoke("--db", tiny_db, *args)
    assert (result.exit_code, result.stderr) == (1, "Error: no State with id XYZ (-p focal of partnership-ladder)\n")
    table = invoke("--db", tiny_db, "export", "--to", "md", "--query", "ego-network", "-p", "depth", "4")
    assert table.exit_code == 1 and "parameter 'depth' must be 1 to 3, got 4" in table.stderr


def test_every_depth_bound_in_a_header_is_the_cap_its_pattern_has() -> None:
    """Where a statement caps a variable-length pattern, the header declares the same bound, so a
    larger value is refused instead of quietly running as the cap."""
    import re

    checked = 0
    for query in Catalogue():
        for param in query.params:
            if f"length(p) <= ${param.name}" not in query.text:
                continue
            for text in filter(None, (query.text, query.kuzu_text)):
                caps = {int(cap) for cap in re.findall(r"\*\s*(?:TRAIL\s+|SHORTEST\s+)?1\.\.(\d+)", text)}
                assert caps == {param.high}, (query.name, param.name, caps)
                checked += 1
    assert checked == 4  # ego-network and causal-chains, each in both dialects


def test_every_parameter_a_statement_uses_is_declared_and_every_declared_one_is_used() -> None:
    for query in Catalogue():
        declared = {p.name for p in query.params}
        for text in filter(None, (query.text, query.kuzu_text)):
            assert set(used_parameters(text)) == declared, query.name


def test_the_header_grammar() -> None:
    where = Path("x.cypher")
    param = parse_param("param depth: int = 1  in 1..3  -- how many hops", where)
    assert (param.default, param.low, param.high, param.doc) == (1, 1, 3, "how many hops")
    param = parse_param('param id: string  id node|relationship  e.g. "MNG"  -- an id', where)
    assert (param.required, param.id_of, param.example, param.doc) == (True, ("node", "relationship"), "MNG", "an id")
    param = parse_param('param n: string = "CHN,RUS"  ids State', where)
    assert (param.id_list, param.ids(" CHN , RUS,")) == (True, ["CHN", "RUS"])
    assert parse_param("param y: int = null  in 1000..", where).check_range(None) is None
    assert parse_param("param y: int  in ..5", where).describe() == "y (int, required, at most 5)"
    for bad in ("param x: int = 1  in a..b", "param x: string  id Stat", "param x: string  whatever"):
        with pytest.raises(ValueError, match=r"^x.cypher: parameter x: "):
            parse_param(bad, where)


# ---------------------------------------------------------------- opening a database


def _stats(invoke, path: Path):  # type: ignore[no-untyped-def]
    return invoke("--db", path, "stats")


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _patched(source: Path, target: Path, offset: int, value: bytes) -> Path:
    data = bytearray(source.read_bytes())
    data[offset : offset + len(value)] = value
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tiny, tmp: tmp / "missing.kuzu", "no database at {path}; run `dyadgraph load` first (or pass --db)"),
        (
            lambda tiny, tmp: _folder(tmp / "folder.kuzu"),
            "{path} is a folder, not a database file (Kùzu 0.11 keeps a database in one file; a folder is an "
            "older Kùzu's database or a wrong path): pass --db FILE",
        ),
        (
            lambda tiny, tmp: _file(tmp / "empty.kuzu", b""),
            "{path} is an empty file, not a database: `dyadgraph --db {path} load` builds a new one there",
        ),
        (
            lambda tiny, tmp: _file(tmp / "readme.kuzu", b"# a README\n"),
            "{path} is not a Kùzu database file (it does not start with Kùzu's signature): check --db, or "
            "`dyadgraph --db {path} load` builds a new one there (replacing the file)",
        ),
        (
            lambda tiny, tmp: _file(tmp / "cut.kuzu", tiny.read_bytes()[:65536]),
            "{path} is cut short (Kùzu reads past its end): the file is damaged; "
            "`dyadgraph --db {path} load` builds a new one there",
        ),
        (
            lambda tiny, tmp: _patched(tiny, tmp / "old.kuzu", 4, b"\x26"),
            "{path} was written by another Kùzu version (storage version 38; this dyadgraph's Kùzu 0.11.3 "
            "reads 39): `dyadgraph --db {path} load` builds a new one there (or open it with the dyadgraph "
            "that wrote it)",
        ),
        (
            lambda tiny, tmp: _patched(tiny, tmp / "new.kuzu", 4, b"\x28"),
            "{path} was written by another Kùzu version (storage version 40;",
        ),
    ],
    ids=["missing", "folder", "empty", "foreign", "truncated", "older", "newer"],
)
def test_a_bad_database_is_one_line_saying_what_to_do(
    invoke, tiny_db: Path, tmp_path: Path, make, message: str
) -> None:  # type: ignore[no-untyped-def]
    path = make(tiny_db, tmp_path)
    for command in (["stats"], ["query", "partnership-ladder"], ["cypher", "RETURN 1"], ["export", "--to", "json"]):
        result = invoke("--db", path, *command)
        assert result.exit_code == 1, (command, result.output)
        assert result.stderr.startswith("Error: " + message.format(path=path)), (command, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    doctor = invoke("--db", path, "doctor")
    assert doctor.exit_code == 1
    assert f"FAIL  database      {message.format(path=path)}" in doctor.stdout


def test_a_kuzu_database_without_dyadgraphs_tables_says_so(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import kuzu

    path = tmp_path / "other.kuzu"
    database = kuzu.Database(str(path))
    connection = kuzu.Connection(database)
    connection.execute("CREATE NODE TABLE Thing(id STRING, PRIMARY KEY(id))")
    connection.close()
    database.close()
    message = f"{path} holds no dyadgraph graph (a Kùzu database without its tables): `dyadgraph --db {path} load`"
    for command in (["stats"], ["query", "partnership-ladder"]):
        result = invoke("--db", path, *command)
        assert (result.exit_code, result.stderr.startswith(f"Error: {message}")) == (1, True), result.stderr
    doctor = invoke("--db", path, "doctor")
    assert f"FAIL  schema        {message}" in doctor.stdout
    # Even a statement naming a table of its own gets this: the database is not dyadgraph's.
    typo = invoke("--db", path, "cypher", "MATCH (t:Thingy) RETURN t")
    assert typo.stderr == f"Error: {message} builds a new one there\n"


def test_a_database_locked_by_a_writer_is_busy(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import kuzu, sys; d = kuzu.Database({str(tiny_db)!r}); print('open', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        result = invoke("--db", tiny_db, "stats")
        assert result.exit_code == 1
        assert result.stderr == (
            f"Error: database is busy: {tiny_db} is open for writing in another process (a load, an import, "
            "a `cypher --write` or a Kùzu session); try again when it ends\n"
        )
    finally:
        holder.communicate("", timeout=60)


# ---------------------------------------------------------------- small ones


@pytest.mark.parametrize("command", [[], ["query"], ["export"], ["export", "bundle"], ["cypher"], ["doctor"]])
def test_dash_h_is_help(invoke, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    short, long = invoke(*command, "-h"), invoke(*command, "--help")
    assert (short.exit_code, short.stdout) == (0, long.stdout)
    assert "-h, --help" in short.stdout


def test_stats_says_which_nodes_exports_leave_out(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    stats = invoke("--db", tiny_db, "stats", "-f", "json")
    import json

    counts = {row["name"]: row["count"] for row in json.loads(stats.stdout) if row["element"] == "node"}
    exported = json.loads(invoke("--db", tiny_db, "export", "--to", "json").stdout)
    assert sum(counts.values()) - counts["Dataset"] == len(exported["nodes"])
    assert stats.stderr == (
        f"{sum(counts.values())} nodes, of which 1 node is a Dataset (the load's record of which seeds, at which "
        f"version), not a fact: exports leave it out; {len(exported['relationships'])} relationships.\n"
    )


def test_counts_in_messages_agree_with_their_nouns() -> None:
    from dyadgraph.output import plural

    assert [plural(n, "rows/s") for n in (0, 1, 2, 1500)] == ["0 rows/s", "1 row/s", "2 rows/s", "1,500 rows/s"]
    assert plural(1, "State nodes added") == "1 State node added"
    assert plural(1, "events without a state among their actors") == "1 event without a state among their actors"


def test_an_unreachable_neo4j_is_a_clean_error(invoke, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DYADGRAPH_NEO4J_URI", "bolt://127.0.0.1:9")
    monkeypatch.setenv("DYADGRAPH_NEO4J_PASSWORD", "x")
    result = invoke("--backend", "neo4j", "query", "partnership-ladder")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot reach Neo4j at bolt://127.0.0.1:9: ServiceUnavailable")


def test_embedded_backend_reads_after_a_write_in_the_same_object(db: Path) -> None:
    backend = EmbeddedBackend(db)
    try:
        backend.run("CREATE (:State {id: 'ZZZ'})", write=True)
        assert backend.run("MATCH (s:State {id: 'ZZZ'}) RETURN count(s)").values == [(1,)]
        backend.run("MATCH (s:State {id: 'ZZZ'}) DELETE s", write=True)
        assert backend.run("MATCH (s:State {id: 'ZZZ'}) RETURN count(s)").values == [(0,)]
    finally:
        backend.close()
