"""Round trips through Neo4j's own tools, on a live server: the `export --to cypher` script run on an
empty Neo4j, and the `export --to csv` folder imported by neo4j-admin (from the Maven jars the
server runs) into a fresh database that the server then serves. Each gives back the graph the
embedded engine exported: the same nodes and relationships with the same properties, so the same
counts per label and type, and the same answers to every canned query for every parameter set.
Dataset nodes describe the database, not the relations, and are never exported."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from dyadgraph.backends.base import Backend
from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.backends.neo4j import Neo4jBackend
from dyadgraph.config import Settings
from dyadgraph.export.selection import METADATA_LABELS
from dyadgraph.queries import Catalogue

from .conftest import SERVER_SCRIPT, clear_neo4j, own_settings, start_server
from .parity_cases import NODE_IDS, parameter_sets
from .test_export import script_statements
from .test_neo4j_cli_live import EVERYTHING
from .test_parity import differences, final_order_by, row_key

pytestmark = pytest.mark.neo4j

NEO4J_ADMIN_DIR = SERVER_SCRIPT.parent  # tools/neo4j-server/neo4j-admin: AdminTool from the server's jars
METADATA_IDS = {NODE_IDS[label] for label in METADATA_LABELS}


def exported_graph(backend: Backend) -> list[str]:
    """Every node and relationship with its properties (as both engines report them), in a stable
    order, leaving out the metadata nodes an export leaves out."""
    rows = (row for text in EVERYTHING for row in backend.run(text).values)
    kept = (row for row in rows if not (isinstance(row[0], dict) and row[0].get("_label") in METADATA_LABELS))
    return sorted(row_key(row) for row in kept)


def counts_without_metadata(backend: Backend) -> tuple[dict[str, int], dict[str, int]]:
    nodes, relationships = backend.counts()
    return {label: 0 if label in METADATA_LABELS else n for label, n in nodes.items()}, relationships


def assert_same_graph_and_answers(embedded: Backend, neo4j: Backend) -> None:
    assert counts_without_metadata(neo4j) == counts_without_metadata(embedded)
    assert sum(neo4j.counts()[0].values()) > 500  # the shipped seeds, not an empty graph on both sides
    assert exported_graph(neo4j) == exported_graph(embedded)
    for query in Catalogue():
        for parameters in parameter_sets(query):
            if METADATA_IDS & set(parameters.values()):
                continue  # about a Dataset node, which no export holds
            here, there = embedded.run_query(query, parameters), neo4j.run_query(query, parameters)
            found = differences(here.values, there.values, ordered=final_order_by(neo4j.query_text(query)))
            assert found is None, f"{query.name} {parameters}: {found}"


def run_script(backend: Neo4jBackend, script: str) -> int:
    """A cypher-shell script run as cypher-shell runs it: `:param name => expression` sets the
    parameter to the value Neo4j gives the expression, and each statement (ended by `;`) runs with
    the parameters set before it. Returns how many statements ran."""
    statements = script_statements(script)
    values: dict[str, Any] = {}
    for statement in statements:
        for name, expression in statement["parameters"].items():
            values[name] = backend.run(f"RETURN {expression} AS value").values[0][0]
        backend.run(statement["text"], {name: values[name] for name in statement["parameters"]}, write=True)
    return len(statements)


def test_the_cypher_script_recreates_the_graph_on_an_empty_neo4j(
    invoke, mongolia_db: Path, neo4j_server: Settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    script = tmp_path / "graph.cypher"
    exported = invoke("--db", mongolia_db, "export", "--to", "cypher", "-o", script)
    assert exported.exit_code == 0, exported.output
    clear_neo4j(neo4j_server)
    neo4j = Neo4jBackend.from_settings(neo4j_server)
    embedded = EmbeddedBackend(mongolia_db)
    try:
        assert neo4j.counts()[0]["State"] == 0
        assert run_script(neo4j, script.read_text(encoding="utf-8")) > 20
        assert_same_graph_and_answers(embedded, neo4j)
        before = exported_graph(neo4j)
        run_script(neo4j, script.read_text(encoding="utf-8"))  # every write a MERGE on the id: no change
        assert exported_graph(neo4j) == before
    finally:
        embedded.close()
        neo4j.close()


def test_the_csv_folder_imports_with_neo4j_admin_into_a_database_the_server_serves(
    invoke, mongolia_db: Path, own_server: dict[str, str], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The exported import.sh as it is, with the server stopped and tools/neo4j-server on the PATH
    for neo4j-admin; Neo4j Community serves one user database, so the import replaces `neo4j`."""
    folder = tmp_path / "csv"
    exported = invoke("--db", mongolia_db, "export", "--to", "csv", "-o", folder)
    assert exported.exit_code == 0, exported.output
    subprocess.run([SERVER_SCRIPT, "stop"], env=own_server, check=True, capture_output=True)
    environment = {**own_server, "PATH": f"{NEO4J_ADMIN_DIR}{os.pathsep}{own_server['PATH']}"}
    try:
        imported = subprocess.run(
            [folder / "import.sh", "neo4j", "--overwrite-destination"], env=environment, capture_output=True, text=True
        )
    finally:
        start_server(own_server)  # the module's other tests, and the fixture's stop, want it running
    assert imported.returncode == 0, imported.stdout[-3000:] + imported.stderr[-3000:]
    assert "IMPORT DONE" in imported.stdout
    neo4j = Neo4jBackend.from_settings(own_settings(own_server))
    embedded = EmbeddedBackend(mongolia_db)
    try:
        assert_same_graph_and_answers(embedded, neo4j)
    finally:
        embedded.close()
        neo4j.close()
