"""Copy a database's graph to a Neo4j server, so a user who started embedded can move without reloading seeds.

`read_graph` reads any backend back into the loader's `Graph` (every property of every
node and relationship, by the schema); `push` writes that graph to Neo4j in one
transaction, in batches, and checks the server's counts afterwards.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import BackendError, DyadgraphError, TargetNotEmpty
from .schema import NODES, REL_BY_NAME, REL_ID, RELATIONSHIPS

if TYPE_CHECKING:
    from .backends.base import Backend
    from .backends.neo4j import Neo4jBackend
    from .model import Graph


class NothingToPush(DyadgraphError):
    pass


def node_query(label: str) -> str:
    from .schema import NODE_BY_NAME

    columns = ", ".join(f"n.{p.name} AS {p.name}" for p in NODE_BY_NAME[label].props)
    return f"MATCH (n:{label}) RETURN {columns} ORDER BY n.id"


def relationship_query(rel_type: str, from_label: str, to_label: str) -> str:
    props = (REL_ID, *REL_BY_NAME[rel_type].props)
    columns = ", ".join(f"r.{p.name} AS {p.name}" for p in props)
    return (
        f"MATCH (a:{from_label})-[r:{rel_type}]->(b:{to_label}) "
        f"RETURN a.id AS `from`, b.id AS `to`, {columns} ORDER BY r.id, a.id, b.id"
    )


def read_statements() -> list[str]:
    """Every statement read_graph sends, for the linter (they are Neo4j Cypher as well as Kùzu's)."""
    statements = [node_query(label.name) for label in NODES]
    statements += [relationship_query(rel.name, f, t) for rel in RELATIONSHIPS for f, t in rel.endpoints]
    return statements


def read_graph(backend: Backend) -> Graph:
    """The backend's whole graph as the loader's Graph: rows keyed by the schema's property names."""
    from .model import Graph

    graph = Graph()
    for label in NODES:
        rows = backend.run(node_query(label.name)).rows()
        if rows:
            graph.nodes[label.name] = rows
    for rel in RELATIONSHIPS:
        for from_label, to_label in rel.endpoints:
            rows = backend.run(relationship_query(rel.name, from_label, to_label)).rows()
            if rows:
                graph.rels[(rel.name, from_label, to_label)] = rows
    return graph


def datasets(graph: Graph) -> dict[str, str]:
    """Dataset id -> data version, from the graph's Dataset nodes."""
    return {row["id"]: row.get("version") or "?" for row in graph.nodes.get("Dataset", [])}


def dyadgraph_nodes(target: Neo4jBackend) -> int:
    from .backends.neo4j import count_statement

    return int(target.run(count_statement()).values[0][0])


@dataclass
class PushSummary:
    nodes: dict[str, int]
    relationships: dict[str, int]
    datasets: dict[str, str] = field(default_factory=dict)
    cleared: int = 0
    seconds: float = 0.0


def push(source: Backend, target: Neo4jBackend, *, replace: bool = False, batch_size: int = 1000) -> PushSummary:
    """Make target hold source's graph, all or nothing.

    Without replace, a target that already holds dyadgraph nodes is refused, so nobody's
    graph is overwritten by accident; with replace, those nodes (every node carrying a
    dyadgraph label, and their relationships) are deleted in the same transaction.
    """
    started = time.perf_counter()
    graph = read_graph(source)
    if not any(graph.nodes.values()):
        raise NothingToPush("the source database holds no graph; run `dyadgraph load` first")
    existing = dyadgraph_nodes(target)
    if existing and not replace:
        raise TargetNotEmpty(
            f"Neo4j at {target.uri} already holds {existing} dyadgraph node(s); nothing was changed. "
            "Add --replace to delete them (every node with a dyadgraph label, and its relationships) "
            "and push in their place"
        )
    target.replace_graph(graph, batch_size=batch_size, expect_empty=not replace)
    nodes, relationships = target.counts()
    if nodes != graph.node_counts() or relationships != graph.rel_counts():
        # Only another writer between the commit and this read can cause it; say what differs.
        differences = [
            f"{name} {nodes.get(name, 0) if name in nodes else relationships.get(name, 0)} (pushed {want})"
            for name, want in (graph.node_counts() | graph.rel_counts()).items()
            if (nodes | relationships).get(name, 0) != want
        ]
        raise BackendError(f"the push committed, but Neo4j now counts {', '.join(differences)}: another writer?")
    return PushSummary(nodes, relationships, datasets(graph), existing, time.perf_counter() - started)
