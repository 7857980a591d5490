"""push and doctor against a live Neo4j server: run only when DYADGRAPH_NEO4J_URI is set (they replace the
server's dyadgraph graph); otherwise skipped with the reason shown by `pytest -ra`. A neo4j+s:// URI
(Aura, a cluster) runs them over routing and TLS."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.backends.neo4j import Neo4jBackend
from dyadgraph.config import Settings
from dyadgraph.doctor import check_neo4j
from dyadgraph.errors import TargetNotEmpty
from dyadgraph.load import load
from dyadgraph.push import push, read_graph

from .conftest import TINY
from .test_push import canonical

pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(
        not os.environ.get("DYADGRAPH_NEO4J_URI"),
        reason="no Neo4j server: set DYADGRAPH_NEO4J_URI (and _USER, _PASSWORD) to run the live Neo4j tests",
    ),
]

EVERYTHING = "MATCH (n) OPTIONAL MATCH (n)-[r]->(m) RETURN n, r, m.id AS m ORDER BY n.id, r.id, m"


@pytest.fixture
def server() -> Iterator[Neo4jBackend]:
    backend = Neo4jBackend.from_settings(Settings.from_env(backend="neo4j"))
    yield backend
    backend.close()


def test_push_gives_the_graph_a_load_gives(server: Neo4jBackend, tiny_db: Path) -> None:
    load([TINY], server)
    loaded = server.run(EVERYTHING).values
    source = EmbeddedBackend(tiny_db)
    try:
        summary = push(source, server, replace=True, batch_size=3)
        assert summary.cleared == 21
        assert server.run(EVERYTHING).values == loaded
        with pytest.raises(TargetNotEmpty):
            push(source, server)
        assert server.run(EVERYTHING).values == loaded
    finally:
        source.close()


def test_read_graph_reads_neo4j_as_it_reads_the_embedded_engine(server: Neo4jBackend, tiny_db: Path) -> None:
    load([TINY], server)
    embedded = EmbeddedBackend(tiny_db)
    try:
        assert canonical(read_graph(server)) == canonical(read_graph(embedded))
    finally:
        embedded.close()


def test_doctor_passes_on_a_loaded_server() -> None:
    settings = Settings.from_env(backend="neo4j")
    backend = Neo4jBackend.from_settings(settings)
    try:
        load([TINY], backend)
    finally:
        backend.close()
    checks = {c.name: c for c in check_neo4j(settings)}
    assert {name: c.status for name, c in checks.items() if c.status != "ok"} == {}
    assert checks["data version"].detail.startswith("tiny ")
    assert checks["server"].detail.startswith("Neo4j 5.")
