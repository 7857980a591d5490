"""Issue 13's refusals on the live server: a missing parameter, an id naming nothing, a value out of
its declared range and a write through `cypher --write` give on Neo4j the message they give on the
embedded engine (tests/test_no_silent_answers.py covers the engine-free side)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyadgraph.backends.neo4j import Neo4jBackend
from dyadgraph.config import Settings
from dyadgraph.load import load

from .conftest import MONGOLIA

pytestmark = pytest.mark.usefixtures("neo4j_server")

# Each command line fails before any row is read, with the same words on both backends.
REFUSED = {
    "missing parameter": ("cypher", "MATCH (s:State) WHERE s.id = $id RETURN count(*) AS n"),
    "missing beside a given one": ("cypher", "MATCH (s:State {id: $id, name: $name}) RETURN s", "-p", "name", "x"),
    "unknown focal": ("query", "partnership-ladder", "-p", "focal", "XYZ"),
    "why of nothing": ("query", "why", "-p", "id", "nothing"),
    "depth above its range": ("query", "ego-network", "-p", "depth", "9"),
    "causal depth above its range": ("query", "causal-chains", "-p", "depth", "50"),
    "unknown dyad in export": ("export", "--dyad", "MNG", "XYZ", "--to", "json", "-o", "out.json"),
}


@pytest.fixture(scope="module")
def mongolia_on_neo4j(neo4j_server: Settings) -> Settings:
    backend = Neo4jBackend.from_settings(neo4j_server)
    try:
        load([MONGOLIA], backend)
    finally:
        backend.close()
    return neo4j_server


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_refusal_reads_the_same_on_neo4j(  # type: ignore[no-untyped-def]
    invoke, mongolia_db: Path, mongolia_on_neo4j: Settings, case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    embedded = invoke("--db", mongolia_db, *REFUSED[case])
    on_neo4j = invoke("--backend", "neo4j", *REFUSED[case])
    assert embedded.exit_code != 0 and embedded.stderr.startswith("Error: "), embedded.output
    assert (on_neo4j.exit_code, on_neo4j.stderr, on_neo4j.stdout) == (embedded.exit_code, embedded.stderr, ""), case
    assert not (tmp_path / "out.json").exists()


def test_a_write_reports_the_servers_counters_and_commits(invoke, mongolia_on_neo4j: Settings) -> None:  # type: ignore[no-untyped-def]
    created = invoke("--backend", "neo4j", "cypher", "--write", "CREATE (p:Probe {id: $id, n: 1})", "-p", "id", "p1")
    assert created.exit_code == 0, created.output
    assert "Write committed: 1 node created, 2 properties set" in created.output
    deleted = invoke("--backend", "neo4j", "cypher", "--write", "MATCH (p:Probe) DETACH DELETE p")
    assert deleted.exit_code == 0, deleted.output
    assert "Write committed: 1 node deleted" in deleted.output
    left = invoke("--backend", "neo4j", "cypher", "MATCH (p:Probe) RETURN count(p) AS n", "-f", "json")
    assert (left.exit_code, json.loads(left.stdout)) == (0, [{"n": 0}]), left.output
