"""`dyadgraph doctor`: fully on the embedded backend; on Neo4j with a fake driver (live: test_neo4j_home_live)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import kuzu
import neo4j
import pytest
from neo4j import exceptions

from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.backends.neo4j import Neo4jBackend
from dyadgraph.config import Settings
from dyadgraph.load import load
from dyadgraph.load.seeds import read_seeds
from dyadgraph.model import Graph
from dyadgraph.schema import NODES, RELATIONSHIPS, kuzu_ddl

from .conftest import TINY
from .fake_neo4j import FakeDriver


def lines(output: str) -> dict[str, tuple[str, str]]:
    """check name -> (status, detail), from doctor's one line per check."""
    found = {}
    for line in output.splitlines():
        status, name, detail = line[:5].strip(), line[6:19].strip(), line[20:]
        found[name] = (status, detail)
    return found


def test_a_healthy_embedded_database(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "doctor")
    assert result.exit_code == 0, result.output
    checks = lines(result.stdout)
    assert list(checks) == ["engine", "database", "schema", "nodes", "relationships", "data version"]
    assert {status for status, _ in checks.values()} == {"ok"}
    assert checks["engine"][1] == f"Kùzu {kuzu.__version__}"
    assert checks["database"][1].startswith(f"{tiny_db} (") and checks["database"][1].endswith("opens read-only")
    assert checks["nodes"][1].startswith("21 in all: State 5, Organization 1,")
    assert checks["relationships"][1].startswith("26 in all: TIE 4,")
    version = read_seeds([TINY])[0].nodes["Dataset"][0]["version"]
    assert checks["data version"][1] == f"tiny {version} (22 files)"
    assert result.stderr == "All 6 checks passed.\n"


def test_json_output_has_one_object_per_check(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "doctor", "-f", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [r["check"] for r in records][:3] == ["engine", "database", "schema"]
    assert all(set(r) == {"check", "status", "detail"} for r in records)


def test_no_database_fails_and_says_how_to_make_one(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tmp_path / "none.kuzu", "doctor")
    assert result.exit_code == 1
    assert lines(result.stdout)["database"] == (
        "FAIL",
        f"no database at {tmp_path / 'none.kuzu'}; run `dyadgraph load` first (or pass --db)",
    )
    assert result.stderr == "1 of 2 checks failed.\n"


def test_a_database_from_another_schema_fails_and_stops_there(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """As a database built before the Dataset label existed, with a column of another type."""
    path = tmp_path / "old.kuzu"
    database = kuzu.Database(str(path))
    connection = kuzu.Connection(database)
    for statement in kuzu_ddl():
        if statement.startswith("CREATE NODE TABLE Dataset"):
            continue
        if statement.startswith("CREATE REL TABLE TIE"):
            statement = statement.replace("year_from INT64", "year_from STRING")
        connection.execute(statement)
    connection.close()
    database.close()
    result = invoke("--db", path, "doctor")
    assert result.exit_code == 1
    checks = lines(result.stdout)
    assert checks["schema"][0] == "FAIL"
    assert "no node table Dataset" in checks["schema"][1]
    assert "TIE: year_from is STRING, not INT64" in checks["schema"][1]
    assert "`dyadgraph load` rebuilds the database" in checks["schema"][1]
    assert "nodes" not in checks


def test_a_graph_without_dataset_nodes_fails_the_data_version(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    graph, _ = read_seeds([TINY])
    graph.nodes["Dataset"] = []
    backend = EmbeddedBackend(tmp_path / "g.kuzu", create=True)
    backend.replace_graph(graph)
    backend.close()
    result = invoke("--db", tmp_path / "g.kuzu", "doctor")
    assert result.exit_code == 1
    status, detail = lines(result.stdout)["data version"]
    assert status == "FAIL" and "no Dataset node" in detail and "dyadgraph load" in detail


def test_an_empty_graph_fails(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    backend = EmbeddedBackend(tmp_path / "g.kuzu", create=True)
    backend.replace_graph(Graph())
    backend.close()
    result = invoke("--db", tmp_path / "g.kuzu", "doctor")
    assert result.exit_code == 1
    assert lines(result.stdout)["nodes"] == ("FAIL", "the database holds no dyadgraph nodes; run `dyadgraph load`")


def test_a_stale_shipped_dataset_is_a_warning_not_a_failure(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Data loaded under a shipped dataset's name but from other files: the shipped seeds moved on."""
    stale = tmp_path / "mongolia"
    shutil.copytree(TINY, stale)
    backend = EmbeddedBackend(tmp_path / "g.kuzu", create=True)
    load([stale], backend)
    backend.close()
    result = invoke("--db", tmp_path / "g.kuzu", "doctor")
    assert result.exit_code == 0, result.output
    status, detail = lines(result.stdout)["data version"]
    assert status == "warn"
    assert "the shipped seeds of mongolia are at" in detail and "`dyadgraph load` to update" in detail


# ---------------------------------------------------------------- Neo4j, with a fake driver


@pytest.fixture
def neo4j_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYADGRAPH_NEO4J_URI", "neo4j+s://db.example.invalid")
    monkeypatch.setenv("DYADGRAPH_NEO4J_USER", "neo4j")
    monkeypatch.setenv("DYADGRAPH_NEO4J_PASSWORD", "secret")
    monkeypatch.delenv("DYADGRAPH_NEO4J_DATABASE", raising=False)


def serve(monkeypatch: pytest.MonkeyPatch, driver: FakeDriver) -> FakeDriver:
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda uri, auth: driver)
    return driver


def test_an_unreachable_server_fails_at_the_connection(invoke, monkeypatch, neo4j_env) -> None:  # type: ignore[no-untyped-def]
    serve(monkeypatch, FakeDriver(connect_error=exceptions.ServiceUnavailable("connection refused")))
    result = invoke("--backend", "neo4j", "doctor")
    assert result.exit_code == 1
    checks = lines(result.stdout)
    assert checks["driver"] == ("ok", f"neo4j Python driver {neo4j.__version__}")
    assert checks["connection"] == (
        "FAIL",
        "cannot reach Neo4j at neo4j+s://db.example.invalid: ServiceUnavailable "
        "(is the server running? `docker compose up -d --wait`)",
    )
    assert list(checks) == ["driver", "connection"]


def test_a_refused_password_fails_at_the_connection(invoke, monkeypatch, neo4j_env) -> None:  # type: ignore[no-untyped-def]
    serve(monkeypatch, FakeDriver(connect_error=exceptions.AuthError("unauthorized")))
    result = invoke("--backend", "neo4j", "doctor")
    assert result.exit_code == 1
    assert "refused the user 'neo4j' or its password" in lines(result.stdout)["connection"][1]


def test_no_password_fails_before_connecting(invoke, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("DYADGRAPH_NEO4J_PASSWORD", raising=False)
    result = invoke("--backend", "neo4j", "doctor")
    assert result.exit_code == 1
    assert lines(result.stdout)["connection"] == (
        "FAIL",
        "set DYADGRAPH_NEO4J_PASSWORD (the password is read from the environment only)",
    )


def test_the_real_driver_accepts_neo4j_plus_s_and_reports_an_unreachable_server(invoke, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """neo4j+s:// (Aura, clusters) is a valid scheme for the real driver: the only failure is the refused port."""
    monkeypatch.setenv("DYADGRAPH_NEO4J_URI", "neo4j+s://127.0.0.1:1")
    monkeypatch.setenv("DYADGRAPH_NEO4J_PASSWORD", "secret")
    result = invoke("--backend", "neo4j", "doctor")
    assert result.exit_code == 1
    assert lines(result.stdout)["connection"][1].startswith(
        "cannot reach Neo4j at neo4j+s://127.0.0.1:1: ServiceUnavailable"
    )


def test_a_fresh_server_lacks_constraints_and_data(invoke, monkeypatch, neo4j_env) -> None:  # type: ignore[no-untyped-def]
    serve(monkeypatch, FakeDriver(agent="Neo4j/5.26.0"))
    result = invoke("--backend", "neo4j", "doctor")
    assert result.exit_code == 1
    checks = lines(result.stdout)
    assert checks["connection"] == (
        "ok",
        "neo4j+s://db.example.invalid (routing, TLS (Aura and clusters)) as 'neo4j', the default database",
    )
    assert checks["server"] == ("ok", "Neo4j 5.26.0 community (agent Neo4j/5.26.0, Bolt 5.4)")
    assert (
        checks["constraints"][0] == "FAIL"
        and "no unique id constraint on State, Organization" in checks["constraints"][1]
    )
    assert checks["indexes"][0] == "warn"
    assert checks["nodes"][0] == "FAIL"
    assert checks["data version"][0] == "FAIL"


def test_a_server_after_a_push_passes_every_check(invoke, monkeypatch, neo4j_env, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    driver = serve(monkeypatch, FakeDriver())
    assert invoke("--db", tiny_db, "push", "--to", "neo4j").exit_code == 0
    result = invoke("--backend", "neo4j", "doctor")
    assert result.exit_code == 0, result.output
    checks = lines(result.stdout)
    assert list(checks) == [
        "driver",
        "connection",
        "server",
        "constraints",
        "indexes",
        "nodes",
        "relationships",
        "data version",
    ]
    assert {status for status, _ in checks.values()} == {"ok"}
    assert checks["constraints"][1] == f"unique id on all {len(NODES)} labels"
    assert checks["indexes"][1] == f"relationship id index on all {len(RELATIONSHIPS)} types, online"
    assert checks["nodes"][1].startswith("21 in all: State 5,")
    assert checks["data version"][1].startswith("tiny ")
    assert driver.closed


def test_a_missing_constraint_is_named(monkeypatch, neo4j_env) -> None:  # type: ignore[no-untyped-def]
    from dyadgraph.doctor import check_neo4j

    constraints = [{"type": "UNIQUENESS", "labelsOrTypes": [n.name], "properties": ["id"]} for n in NODES]
    constraints = [c for c in constraints if c["labelsOrTypes"] != ["Dataset"]]
    constraints.append({"type": "NODE_PROPERTY_EXISTENCE", "labelsOrTypes": ["Dataset"], "properties": ["id"]})
    serve(monkeypatch, FakeDriver(constraints=constraints))
    checks = {c.name: c for c in check_neo4j(Settings.from_env(backend="neo4j"))}
    assert checks["constraints"].status == "fail"
    assert checks["constraints"].detail.startswith("no unique id constraint on Dataset;")


def test_the_backend_shares_bookmarks_across_sessions() -> None:
    """Causal consistency in a cluster: every session of one backend gets the same bookmark manager."""
    driver = FakeDriver()
    backend = Neo4jBackend(driver, "neo4j", "neo4j+s://fake")
    backend.run("MATCH (n:State) RETURN count(n)")
    backend.run("MATCH (n:Event) RETURN count(n)")
    managers = [s["bookmark_manager"] for s in driver.sessions]
    assert managers[0] is not None and managers[0] is managers[1]
    assert {s["database"] for s in driver.sessions} == {"neo4j"}
