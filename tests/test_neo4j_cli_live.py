"""Every command on the Neo4j backend, through the CLI, against the live server `make test` starts:
load, stats, query, cypher, push, import, doctor and export, each compared with the embedded
engine's answer to the same command; and the failures a user meets on a real server."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.backends.neo4j import Neo4jBackend
from dyadgraph.config import Settings
from dyadgraph.queries import Catalogue

from .conftest import MONGOLIA, SERVER_SCRIPT, TINY, clear_neo4j, own_settings, start_server
from .test_queries import CASES

pytestmark = pytest.mark.usefixtures("neo4j_server")

IMPORTS = Path(__file__).parent / "fixtures" / "imports"
IMPORT_FILES = {
    "icews": IMPORTS / "icews.tab",
    "gdelt": IMPORTS / "20190908000000.export.CSV",
    "cow-nmc": IMPORTS / "cow-nmc.csv",
    "wdi": IMPORTS / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2.csv",
}
# Every node, and every relationship with its ends, in a text both engines run.
EVERYTHING = ("MATCH (n) RETURN n", "MATCH (a)-[r]->(b) RETURN a.id AS a, r, b.id AS b")


def on_neo4j(invoke, *args: str | Path):  # type: ignore[no-untyped-def]
    return invoke("--backend", "neo4j", *args)


def embedded(invoke, db: Path, *args: str | Path):  # type: ignore[no-untyped-def]
    return invoke("--db", db, *args)


def ok(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def graph_of(backend: Any) -> list[str]:
    rows = (row for text in EVERYTHING for row in backend.run(text).values)
    return sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows)


def snapshot(settings: Settings) -> list[str]:
    backend = Neo4jBackend.from_settings(settings)
    try:
        return graph_of(backend)
    finally:
        backend.close()


def shipped_counts(database: Path) -> tuple[int, int]:
    """Nodes (the Dataset node included) and relationships of the shipped seeds, as the embedded
    engine holds them: what a load into Neo4j reports."""
    backend = EmbeddedBackend(database)
    try:
        nodes, relationships = backend.counts()
    finally:
        backend.close()
    return sum(nodes.values()), sum(relationships.values())


@pytest.fixture
def mongolia_on_neo4j(neo4j_server: Settings) -> Settings:
    """The server holding the shipped seeds (loaded again for each test: others replace them)."""
    from dyadgraph.load import load

    backend = Neo4jBackend.from_settings(neo4j_server)
    try:
        load([MONGOLIA], backend)
    finally:
        backend.close()
    return neo4j_server


# ---------------------------------------------------------------- load, stats, query


def test_load_then_stats_and_every_canned_query_print_what_the_embedded_engine_prints(
    invoke, mongolia_db: Path
) -> None:  # type: ignore[no-untyped-def]
    result = on_neo4j(invoke, "load")
    ok(result)
    nodes, relationships = shipped_counts(mongolia_db)
    assert result.stderr.startswith(f"Loaded {nodes} nodes and {relationships} relationships into bolt://")
    assert ok(on_neo4j(invoke, "stats", "-f", "json")) == ok(embedded(invoke, mongolia_db, "stats", "-f", "json"))
    for query in Catalogue():
        answered = []
        for label, given in CASES[query.name].items():
            pairs = [str(p) for name, value in given.items() for p in ("-p", name, json.dumps(value).strip('"'))]
            here = on_neo4j(invoke, "query", query.name, *pairs, "-f", "json")
            there = embedded(invoke, mongolia_db, "query", query.name, *pairs, "-f", "json")
            # The same rows, or the same error (an id that names nothing: exit 1 on both).
            assert (here.exit_code, here.stdout, here.stderr) == (there.exit_code, there.stdout, there.stderr), (
                f"{query.name} / {label}"
            )
            answered += json.loads(here.stdout) if here.exit_code == 0 else []
        assert answered, f"{query.name} answers nothing in any case: the comparison proves nothing"


def test_cypher_is_read_only_on_neo4j_unless_asked_to_write(invoke, mongolia_on_neo4j: Settings) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(mongolia_on_neo4j)
    refused = "Error: refused: this statement writes, and the session is READ access; add --write to allow writes\n"
    for statement in (
        "CREATE (:State {id: 'XXX'})",
        "MATCH (s:State {id: 'MNG'}) SET s.name = 'changed'",
        "MATCH (s:State {id: 'MNG'}) DETACH DELETE s",
        "CALL apoc.create.node(['State'], {id: 'YYY'}) YIELD node RETURN node",
        "MERGE (s:State {id: 'MNG'}) RETURN s.id AS id",
    ):
        result = on_neo4j(invoke, "cypher", statement)
        assert (result.exit_code, result.stderr) == (1, refused), statement
    assert snapshot(mongolia_on_neo4j) == before
    written = on_neo4j(invoke, "cypher", "--write", "CREATE (p:Probe {id: $id}) RETURN p.id AS id", "-p", "id", "p1")
    assert json.loads(ok(on_neo4j(invoke, "cypher", "MATCH (p:Probe) RETURN p.id AS id", "-f", "json"))) == [
        {"id": "p1"}
    ], written.output
    ok(on_neo4j(invoke, "cypher", "--write", "MATCH (p:Probe) DELETE p"))
    assert snapshot(mongolia_on_neo4j) == before


def test_doctor_passes_on_the_loaded_server(invoke, mongolia_on_neo4j: Settings) -> None:  # type: ignore[no-untyped-def]
    checks = {line.split()[1]: line.split()[0] for line in ok(on_neo4j(invoke, "doctor")).splitlines()}
    assert set(checks.values()) == {"ok"}, checks
    assert {"server", "constraints", "indexes", "nodes", "relationships"} <= set(checks)


# ---------------------------------------------------------------- push and import


def test_push_refuses_a_server_holding_a_graph_then_replaces_it(
    invoke, tiny_db: Path, mongolia_db: Path, mongolia_on_neo4j: Settings
) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(mongolia_on_neo4j)
    refused = embedded(invoke, tiny_db, "push", "--to", "neo4j")
    assert refused.exit_code == 1
    uri = mongolia_on_neo4j.neo4j_uri
    held, _ = shipped_counts(mongolia_db)
    assert refused.stderr.startswith(f"Error: Neo4j at {uri} already holds {held} dyadgraph node(s)")
    assert snapshot(mongolia_on_neo4j) == before
    pushed = embedded(invoke, tiny_db, "push", "--to", "neo4j", "--replace")
    ok(pushed)
    assert f"--replace: deleted the {held} dyadgraph node(s)" in pushed.stderr
    assert ok(on_neo4j(invoke, "stats", "-f", "json")) == ok(embedded(invoke, tiny_db, "stats", "-f", "json"))


def untimed(text: str) -> str:
    return re.sub(r" in [0-9.]+ s \([0-9,]+ rows?/s", " in ... s (... rows/s", text)


def unbudgeted(text: str) -> str:
    """stderr without its first line, the memory budget (issue 20), which each engine plans its own
    way (Kùzu's pool and the events it holds; a server's memory is not this process's)."""
    budget, _, rest = text.partition("\n")
    assert budget.startswith("Memory budget "), text
    return rest


@pytest.mark.parametrize("dataset", sorted(IMPORT_FILES))
def test_import_writes_to_neo4j_the_graph_it_writes_to_the_embedded_engine(
    invoke, tiny_db: Path, neo4j_server: Settings, dataset: str
) -> None:  # type: ignore[no-untyped-def]
    ok(on_neo4j(invoke, "load", TINY))
    here = on_neo4j(invoke, "import", dataset, IMPORT_FILES[dataset], "-f", "json")
    there = embedded(invoke, tiny_db, "import", dataset, IMPORT_FILES[dataset], "-f", "json")
    assert ok(here) == ok(there)
    # the same warnings and rows left out
    assert untimed(unbudgeted(here.stderr)) == untimed(unbudgeted(there.stderr))
    from dyadgraph.backends.embedded import EmbeddedBackend

    source = EmbeddedBackend(tiny_db)
    try:
        expected = graph_of(source)
    finally:
        source.close()
    assert snapshot(neo4j_server) == expected


# ---------------------------------------------------------------- export


# Every format whose bytes do not vary from run to run, for one selection; the formats that hold the
# whole subgraph for the other selections (a format renders the subgraph the same from either engine).
EVERY_FORMAT = (
    "graphml", "gexf", "cytoscape", "json", "csv", "cypher", "bibtex", "svg", "pdf", "png", "html", "dyad-year",
    "timeline.svg",
)  # fmt: skip
SUBGRAPH_FORMATS = ("graphml", "json", "csv", "cypher")
SELECTIONS: dict[str, tuple[list[str], tuple[str, ...]]] = {
    "whole graph": ([], SUBGRAPH_FORMATS),
    "around MNG, 2 hops, since 1990": (["--around", "MNG", "--depth", "2", "--since", "1990"], SUBGRAPH_FORMATS),
    "dyad MNG-CHN": (["--dyad", "MNG", "CHN"], EVERY_FORMAT),
    "Organization and MEMBER_OF": (["--label", "State", "--label", "Organization", "--type", "MEMBER_OF"], ("json",)),
    "query": (["--query", "partnership-ladder", "-p", "focal", "MNG"], ("latex", "md", "json")),
}


def files(path: Path) -> dict[str, bytes]:
    """The bytes of the file or folder (the csv export) written at `path`, or at `path` with the
    suffix export gives an -o without one."""
    if not path.exists():
        written = sorted(path.parent.glob(path.name + ".*"))
        if len(written) != 1:
            return {}
        path = written[0]
    if path.is_file():
        return {"": path.read_bytes()}
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("selection", sorted(SELECTIONS))
def test_exports_from_neo4j_are_byte_identical_to_the_embedded_ones(
    invoke, tmp_path: Path, mongolia_db: Path, mongolia_on_neo4j: Settings, selection: str
) -> None:  # type: ignore[no-untyped-def]
    options, formats = SELECTIONS[selection]
    for fmt in formats:
        name, _, suffix = fmt.partition(".")
        here, there = tmp_path / f"neo4j-{name}", tmp_path / f"embedded-{name}"
        if suffix:
            here, there = here.with_suffix("." + suffix), there.with_suffix("." + suffix)
        ok(on_neo4j(invoke, "export", "--to", name, "-o", here, *options))
        ok(embedded(invoke, mongolia_db, "export", "--to", name, "-o", there, *options))
        assert files(here), f"{fmt} wrote nothing"
        assert files(here) == files(there), f"{fmt} of {selection} differs"


# ---------------------------------------------------------------- failures on a real server


def one_line(result, expected: str, password: str) -> None:  # type: ignore[no-untyped-def]
    assert (result.exit_code, result.stderr) == (1, f"Error: {expected}\n")
    assert password not in result.output


def test_a_wrong_password(invoke, monkeypatch, neo4j_server: Settings) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DYADGRAPH_NEO4J_PASSWORD", "not-the-password")
    expected = (
        f"Neo4j at {neo4j_server.neo4j_uri} refused the user 'neo4j' or its password "
        "(DYADGRAPH_NEO4J_USER / DYADGRAPH_NEO4J_PASSWORD)"
    )
    one_line(on_neo4j(invoke, "stats"), expected, "not-the-password")
    monkeypatch.setenv("DYADGRAPH_NEO4J_PASSWORD", neo4j_server.neo4j_password)
    monkeypatch.setenv("DYADGRAPH_NEO4J_USER", "nobody")
    one_line(on_neo4j(invoke, "load", TINY), expected.replace("'neo4j'", "'nobody'"), neo4j_server.neo4j_password)


def test_an_unknown_database_and_the_system_database(invoke, monkeypatch, neo4j_server: Settings) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DYADGRAPH_NEO4J_DATABASE", "grahp")
    expected = f"Neo4j at {neo4j_server.neo4j_uri} has no database 'grahp' (DYADGRAPH_NEO4J_DATABASE)"
    one_line(on_neo4j(invoke, "load", TINY), expected, neo4j_server.neo4j_password)
    monkeypatch.setenv("DYADGRAPH_NEO4J_DATABASE", "system")
    result = on_neo4j(invoke, "stats")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: DYADGRAPH_NEO4J_DATABASE is 'system', Neo4j's database of users")
    monkeypatch.setenv("DYADGRAPH_NEO4J_DATABASE", "neo4j")  # the default database, named
    ok(on_neo4j(invoke, "stats"))


def test_tls_to_a_server_without_tls(invoke, monkeypatch, neo4j_server: Settings) -> None:  # type: ignore[no-untyped-def]
    uri = neo4j_server.neo4j_uri.replace("bolt://", "bolt+s://")
    monkeypatch.setenv("DYADGRAPH_NEO4J_URI", uri)
    expected = (
        f"cannot reach Neo4j at {uri}: the server does not answer TLS on that port "
        "(a server without TLS, such as `make neo4j`'s, takes bolt:// or neo4j://)"
    )
    one_line(on_neo4j(invoke, "stats"), expected, neo4j_server.neo4j_password)


def test_the_routing_scheme_reaches_the_single_server(invoke, monkeypatch, neo4j_server: Settings) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DYADGRAPH_NEO4J_URI", neo4j_server.neo4j_uri.replace("bolt://", "neo4j://"))
    ok(on_neo4j(invoke, "load", TINY))
    assert json.loads(ok(on_neo4j(invoke, "cypher", "MATCH (s:State) RETURN count(s) AS n", "-f", "json"))) == [
        {"n": 5}
    ]


# ---------------------------------------------------------------- a server stopped under a command


def dyadgraph(env: dict[str, str], *args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "dyadgraph", "--backend", "neo4j", *map(str, args)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def running(env: dict[str, str], needle: str) -> bool:
    """Whether the server runs a transaction whose query contains needle."""
    backend = Neo4jBackend.from_settings(own_settings(env))
    try:
        found = backend.run("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery").values
    finally:
        backend.close()
    return any(needle in (row[0] or "") for row in found)


def wait_for(condition: Any, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_server_stopped_under_a_query_gives_one_line_promptly(own_server: dict[str, str]) -> None:
    command = dyadgraph(own_server, "cypher", "CALL apoc.util.sleep(120000) RETURN 1 AS slept")
    wait_for(lambda: running(own_server, "apoc.util.sleep"))
    stopped_at = time.monotonic()
    subprocess.run([SERVER_SCRIPT, "stop"], env=own_server, check=True, capture_output=True)
    _, stderr = command.communicate(timeout=120)
    waited = time.monotonic() - stopped_at
    uri = own_server["DYADGRAPH_NEO4J_URI"]
    assert (command.returncode, stderr) == (
        1,
        f"Error: cannot reach Neo4j at {uri}: ServiceUnavailable "
        "(is the server running? `make neo4j`, or `docker compose up -d --wait`)\n",
    )
    assert waited < 30, f"the command went on for {waited:.0f} s after the server stopped"
    start_server(own_server)


def test_a_server_killed_during_an_import_keeps_the_graph_it_had(own_server: dict[str, str], tmp_path: Path) -> None:
    """SIGKILL mid-import: after Neo4j's recovery the graph is the one before the import, whole."""
    settings = own_settings(own_server)
    clear_neo4j(settings)
    loaded = dyadgraph(own_server, "load", TINY)
    assert loaded.wait(timeout=120) == 0, loaded.communicate()
    before = snapshot(settings)
    events = tmp_path / "events.tab"
    made = subprocess.run(
        [sys.executable, "benchmarks/make_events.py", "200000", str(events)],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    command = dyadgraph(own_server, "import", "icews", events, "--batch-size", "5000")
    wait_for(lambda: running(own_server, "UNWIND $rows"))
    pid = int((Path(own_server["NEO4J_DIR"]) / "run" / "neo4j.pid").read_text())
    os.kill(pid, signal.SIGKILL)
    _, stderr = command.communicate(timeout=120)
    assert command.returncode == 1
    assert stderr.count("\n") == 2 and unbudgeted(stderr).startswith("Error: "), stderr
    start_server(own_server)
    settings.neo4j_uri = own_server["DYADGRAPH_NEO4J_URI"]
    assert snapshot(settings) == before
