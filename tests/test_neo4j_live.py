"""Against a live Neo4j server: run only when DYADGRAPH_NEO4J_URI is set (see the README's
"Explore in Neo4j Browser"); otherwise skipped with the reason shown by `pytest -ra`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dyadgraph.config import Settings
from dyadgraph.errors import ValidationFailed
from dyadgraph.load import load

from .conftest import TINY

pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(
        not os.environ.get("DYADGRAPH_NEO4J_URI"),
        reason="no Neo4j server: set DYADGRAPH_NEO4J_URI (and _USER, _PASSWORD) to run the live Neo4j tests",
    ),
]


@pytest.fixture
def neo4j_backend():  # type: ignore[no-untyped-def]
    from dyadgraph.backends.neo4j import Neo4jBackend

    backend = Neo4jBackend.from_settings(Settings.from_env(backend="neo4j"))
    yield backend
    backend.close()


def everything(backend) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    return backend.run("MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r ORDER BY n.id, r.id").rows()


def test_load_twice_gives_the_same_graph(neo4j_backend) -> None:  # type: ignore[no-untyped-def]
    load([TINY], neo4j_backend, batch_size=3)
    first = everything(neo4j_backend)
    load([TINY], neo4j_backend, batch_size=1000)
    assert everything(neo4j_backend) == first
    nodes, rels = neo4j_backend.counts()
    assert nodes["State"] == 5 and rels["INVOLVES"] == 7


def test_a_failed_load_leaves_the_server_graph_as_it_was(neo4j_backend, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    load([TINY], neo4j_backend)
    before = everything(neo4j_backend)
    broken = tmp_path / "broken"
    shutil.copytree(TINY, broken)
    (broken / "TIE.csv").write_text((TINY / "TIE.csv").read_text(encoding="utf-8").replace("MNG,RUS,", "MNG,RUX,"))
    with pytest.raises(ValidationFailed):
        load([broken], neo4j_backend)
    graph_with_engine_error = __import__("dyadgraph.load.seeds", fromlist=["read_seeds"]).read_seeds([TINY])[0]
    graph_with_engine_error.rels[("TIE", "State", "State")][0]["props_bad"] = object()  # unserialisable value
    with pytest.raises(Exception):  # noqa: B017 - the driver's own error, wrapped or not
        neo4j_backend.replace_graph(graph_with_engine_error)
    assert everything(neo4j_backend) == before


def test_reads_are_read_only(neo4j_backend) -> None:  # type: ignore[no-untyped-def]
    from dyadgraph.errors import WriteRefused

    with pytest.raises(WriteRefused):
        neo4j_backend.run("CREATE (:State {id: 'XXX'})")


def test_a_load_failing_on_the_server_midway_leaves_the_graph_as_it_was(neo4j_backend) -> None:  # type: ignore[no-untyped-def]
    from dyadgraph.errors import BackendError
    from dyadgraph.load.seeds import read_seeds

    load([TINY], neo4j_backend)
    before = everything(neo4j_backend)
    graph, _ = read_seeds([TINY])
    # Outcome nodes are written after the delete and the earlier labels; Neo4j stores no maps.
    graph.nodes["Outcome"][0]["description"] = {"not": "a property value"}
    with pytest.raises(BackendError, match="Neo4j refused the load, nothing was changed"):
        neo4j_backend.replace_graph(graph, batch_size=2)
    assert everything(neo4j_backend) == before


def test_hostile_strings_are_data_on_neo4j(neo4j_backend) -> None:  # type: ignore[no-untyped-def]
    from .test_hostile_parameters import CATALOGUE, HOSTILE, PLAIN_VALUES, STRING_PARAMETERS

    load([TINY], neo4j_backend)
    before = everything(neo4j_backend)
    for name, parameter in STRING_PARAMETERS:
        query = CATALOGUE.get(name)
        required = {p.name: PLAIN_VALUES[p.type] for p in query.params if p.required}
        for value in HOSTILE:
            neo4j_backend.run(neo4j_backend.query_text(query), query.bind({**required, parameter: value}), write=True)
    assert everything(neo4j_backend) == before
