"""Reading a database back into a Graph, and pushing it to Neo4j (a fake driver here; live in test_neo4j_home_live)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j
import pytest

from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.backends.neo4j import Neo4jBackend
from dyadgraph.errors import BackendError, TargetNotEmpty
from dyadgraph.load.seeds import read_seeds
from dyadgraph.model import Graph
from dyadgraph.push import NothingToPush, push, read_graph
from dyadgraph.queries import Catalogue

from .conftest import TINY
from .fake_neo4j import FakeDriver


def canonical(graph: Graph) -> tuple[dict[str, list[dict[str, Any]]], dict[tuple[str, str, str], list[dict[str, Any]]]]:
    def by_id(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(rows, key=lambda r: r["id"])

    return (
        {k: by_id(v) for k, v in graph.nodes.items() if v},
        {k: by_id(v) for k, v in graph.rels.items() if v},
    )


def test_read_graph_gives_back_what_the_loader_wrote(tiny_db: Path) -> None:
    expected, report = read_seeds([TINY])
    assert report.ok
    backend = EmbeddedBackend(tiny_db)
    try:
        assert canonical(read_graph(backend)) == canonical(expected)
    finally:
        backend.close()


def test_a_round_trip_through_a_fresh_database_answers_every_query_the_same(tiny_db: Path, tmp_path: Path) -> None:
    original = EmbeddedBackend(tiny_db)
    copy = EmbeddedBackend(tmp_path / "copy.kuzu", create=True)
    try:
        copy.replace_graph(read_graph(original))
        asked = 0
        for query in Catalogue():
            parameters = query.bind({p.name: "MNG" for p in query.params if p.required and p.type == "string"})
            text = copy.query_text(query)
            assert copy.run(text, parameters).values == original.run(text, parameters).values, query.name
            asked += 1
        everything = "MATCH (n) OPTIONAL MATCH (n)-[r]->(m) RETURN n, r, m.id ORDER BY n.id, r.id"
        assert copy.run(everything).values == original.run(everything).values
        assert asked > 0
    finally:
        original.close()
        copy.close()


def fake_backend(driver: FakeDriver) -> Neo4jBackend:
    return Neo4jBackend(driver, None, "bolt://fake:7687")


def test_push_copies_the_graph_with_constraints_in_one_transaction(tiny_db: Path) -> None:
    driver = FakeDriver()
    source = EmbeddedBackend(tiny_db)
    try:
        summary = push(source, fake_backend(driver), batch_size=2)
    finally:
        source.close()
    expected, _ = read_seeds([TINY])
    assert summary.nodes == expected.node_counts() and summary.relationships == expected.rel_counts()
    assert summary.datasets == {"tiny": expected.nodes["Dataset"][0]["version"]}
    assert summary.cleared == 0
    assert driver.commits == 1 and driver.schema_created
    assert {n: len(v) for n, v in driver.store.nodes.items()} == {k: v for k, v in expected.node_counts().items() if v}
    # batch_size=2: State's 5 rows went in three UNWIND batches
    state_batches = [s for s in driver.statements if s.startswith("UNWIND $rows AS row MERGE (n:State ")]
    assert len(state_batches) == 3


def test_push_refuses_a_server_that_already_holds_dyadgraph_nodes(tiny_db: Path) -> None:
    driver = FakeDriver()
    source = EmbeddedBackend(tiny_db)
    try:
        push(source, fake_backend(driver))
        before = driver.store
        statements = len(driver.statements)
        with pytest.raises(TargetNotEmpty, match=r"already holds 21 dyadgraph node.*--replace"):
            push(source, fake_backend(driver))
    finally:
        source.close()
    assert driver.store is before and driver.commits == 1
    # Refused before anything was written: only the count was asked.
    assert len(driver.statements) == statements + 1


def test_the_refusal_also_holds_inside_the_writing_transaction(tiny_db: Path) -> None:
    """Another loader may fill the server between push's check and its transaction."""
    driver = FakeDriver()
    backend = fake_backend(driver)
    graph, _ = read_seeds([TINY])
    backend.replace_graph(graph)
    with pytest.raises(TargetNotEmpty, match="nothing was changed"):
        backend.replace_graph(graph, expect_empty=True)
    assert driver.commits == 1


def test_replace_deletes_what_was_there_and_counts_it(tiny_db: Path, tmp_path: Path) -> None:
    driver = FakeDriver()
    source = EmbeddedBackend(tiny_db)
    try:
        push(source, fake_backend(driver))
        driver.store.nodes["State"]["XXX"] = {"id": "XXX", "name": "Left over"}
        summary = push(source, fake_backend(driver), replace=True)
    finally:
        source.close()
    assert summary.cleared == 22
    assert "XXX" not in driver.store.nodes["State"]
    assert driver.commits == 2


def test_a_failed_batch_leaves_the_server_as_it_was(tiny_db: Path) -> None:
    driver = FakeDriver()
    source = EmbeddedBackend(tiny_db)
    try:
        push(source, fake_backend(driver))
        before = driver.store
        driver.batches, driver.fail_on_batch = 0, 7
        with pytest.raises(BackendError, match=r"nothing was changed: .*injected failure"):
            push(source, fake_backend(driver), replace=True, batch_size=1)
    finally:
        source.close()
    assert driver.store is before and driver.commits == 1


def test_an_empty_source_is_not_pushed(tmp_path: Path) -> None:
    empty = EmbeddedBackend(tmp_path / "empty.kuzu", create=True)
    try:
        empty.replace_graph(Graph())
        with pytest.raises(NothingToPush, match="dyadgraph load"):
            push(empty, fake_backend(FakeDriver()))
    finally:
        empty.close()


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> FakeDriver:
    """The driver `Neo4jBackend.from_settings` gets, for CLI tests."""
    driver = FakeDriver()
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda uri, auth: driver)
    monkeypatch.setenv("DYADGRAPH_NEO4J_URI", "neo4j+s://example.invalid")
    monkeypatch.setenv("DYADGRAPH_NEO4J_PASSWORD", "secret")
    monkeypatch.delenv("DYADGRAPH_NEO4J_DATABASE", raising=False)
    return driver


def test_the_push_command_says_what_it_did(invoke, tiny_db: Path, fake_server: FakeDriver) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "push", "--to", "neo4j", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("element,name,count\nnode,State,5\n")
    assert "Pushed 21 nodes and 26 relationships from" in result.stderr
    assert "to neo4j+s://example.invalid in" in result.stderr and "(datasets: tiny " in result.stderr
    assert "--replace" not in result.stderr


def test_the_push_command_refuses_then_replaces_and_says_so(invoke, tiny_db: Path, fake_server: FakeDriver) -> None:  # type: ignore[no-untyped-def]
    assert invoke("--db", tiny_db, "push", "--to", "neo4j").exit_code == 0
    refused = invoke("--db", tiny_db, "push", "--to", "neo4j")
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        "Error: Neo4j at neo4j+s://example.invalid already holds 21 dyadgraph node(s); nothing was changed. "
        "Add --replace"
    )
    assert "Traceback" not in refused.output
    replaced = invoke("--db", tiny_db, "push", "--to", "neo4j", "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert "--replace: deleted the 21 dyadgraph node(s) neo4j+s://example.invalid held before" in replaced.stderr


def test_push_names_the_targets_it_knows(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "push", "--to", "postgres")
    assert (result.exit_code, result.stderr) == (1, "Error: cannot push to 'postgres'; choose one of: neo4j\n")


def test_push_from_a_missing_database_says_how_to_make_one(invoke, tmp_path: Path, fake_server: FakeDriver) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tmp_path / "none.kuzu", "push", "--to", "neo4j")
    assert result.exit_code == 1
    assert "run `dyadgraph load` first" in result.stderr
    assert fake_server.statements == []
