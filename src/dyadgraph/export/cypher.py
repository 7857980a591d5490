"""A Cypher script that recreates the subgraph in Neo4j: constraints, then parameterised MERGEs.

The statements are the loader's own (`backends/neo4j.py`), so running the script twice, or
on a database that already holds the nodes, changes nothing; the data travel as `:param`
lines, which cypher-shell (`cypher-shell -f subgraph.cypher`) and Neo4j Browser both read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..backends.neo4j import node_statement, relationship_statement
from ..literals import cypher_literal as literal
from ..schema import neo4j_schema
from .subgraph import Statement, Subgraph, parse_key

BATCH = 100  # rows per :param line; cypher-shell reads a parameter from one line


def recreate_statements(subgraph: Subgraph) -> Iterator[Statement]:
    """The schema, then the nodes label by label, then the relationships, in batches."""
    for text in neo4j_schema():
        yield Statement(text, {}, "schema")
    by_label: dict[str, list[dict[str, Any]]] = {}
    for node in subgraph.nodes:
        by_label.setdefault(node.label, []).append(node.properties)
    for label, rows in by_label.items():
        for start in range(0, len(rows), BATCH):
            yield Statement(node_statement(label), {"rows": rows[start : start + BATCH]}, f"{label} nodes")
    by_pair: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for rel in subgraph.relationships:
        (from_label, from_id), (to_label, to_id) = parse_key(rel.start), parse_key(rel.end)
        row = {"from": from_id, "to": to_id, "id": rel.id, "props": rel.properties}
        by_pair.setdefault((rel.type, str(from_label), str(to_label)), []).append(row)
    for (rel_type, from_label, to_label), rows in by_pair.items():
        for start in range(0, len(rows), BATCH):
            yield Statement(
                relationship_statement(rel_type, from_label, to_label),
                {"rows": rows[start : start + BATCH]},
                f"{rel_type} relationships from {from_label} to {to_label}",
            )


def script(statements: Iterator[Statement] | list[Statement], header: list[str]) -> str:
    """Statements as a cypher-shell script: comments, `:param` lines, statements ending in `;`."""
    lines = [f"// {line}" if line else "//" for line in header]
    purpose = None
    for statement in statements:
        if statement.purpose != purpose:
            lines += ["", f"// {statement.purpose}"]
            purpose = statement.purpose
        for name, value in statement.parameters.items():
            lines.append(f":param {name} => {literal(value)}")
        lines.append(statement.text.rstrip() + ";")
    return "\n".join(lines) + "\n"


def recreate_script(subgraph: Subgraph) -> str:
    header = [
        f"Recreates {len(subgraph.nodes)} nodes and {len(subgraph.relationships)} relationships in Neo4j 5:",
        f"{subgraph.selection.describe()}, data version {subgraph.data_version()}.",
        "Run it with `cypher-shell -f subgraph.cypher` or paste it into Neo4j Browser. Every write is",
        "a MERGE on the id, so running it again, or into a database that holds the nodes, changes nothing.",
    ]
    return script(recreate_statements(subgraph), header)


def selection_script(statements: list[Statement], dialect: str, subgraph: Subgraph) -> str:
    """The statements that selected the subgraph, to read, rerun or paste into Neo4j Browser."""
    engine = "Neo4j 5 (paste into Neo4j Browser)" if dialect == "neo4j" else "Kùzu, the embedded engine"
    header = [
        f"The statements that selected {subgraph.selection.describe()},",
        f"in the Cypher of {engine}; data version {subgraph.data_version()}.",
        f"They returned {len(subgraph.nodes)} nodes and {len(subgraph.relationships)} relationships.",
    ]
    return script(statements, header)


def recreate_text(subgraph: Subgraph, lang: str = "en", title: str | None = None) -> str:
    """The recreate script as the `cypher` renderer (a script has no names to translate or title)."""
    return recreate_script(subgraph)
