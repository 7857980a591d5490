"""Small lookups of an id before a statement uses it, so that an id naming nothing is an error
("no State with id XYZ"), not an empty result. One statement per lookup, in either dialect."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .schema import NODE_BY_NAME

if TYPE_CHECKING:
    from .backends.base import Backend, Dialect

# What an `id` clause in a query header may name besides node labels.
ANY_NODE = "node"
ANY_RELATIONSHIP = "relationship"


def lookup_statement(kind: str, dialect: Dialect) -> str:
    """The statement counting what has the id $id: nodes with one of the labels in `kind` (State,
    State|Organization), any node (node) or any relationship (relationship)."""
    if kind == ANY_RELATIONSHIP:
        # a stored id, or an imported participant's, derived (schema.involves_id): its event is
        # looked up by the id's first part, so no relationship is scanned
        event = "split_part($id, '>INVOLVES>', 1)" if dialect.kuzu else "split($id, '>INVOLVES>')[0]"
        return (
            "OPTIONAL MATCH ()-[r {id: $id}]->() WITH count(r) AS stored "
            f"OPTIONAL MATCH (x:Event)-[i:INVOLVES]->(p) WHERE x.id = {event} AND i.id IS NULL "
            "AND x.id + '>INVOLVES>' + p.id + ':' + i.role = $id "
            "WITH stored, count(i) AS derived RETURN stored + derived AS found"
        )
    if kind == ANY_NODE:
        return "MATCH (n {id: $id}) RETURN count(n) AS found"
    # Kùzu reads (n:A:B) as A or B; Neo4j writes that (n:A|B).
    labels = (":" if dialect.kuzu else "|").join(kind.split("|"))
    return f"MATCH (n:{labels} {{id: $id}}) RETURN count(n) AS found"


def labels_statement(dialect: Dialect) -> str:
    """The statement listing the labels of the nodes with the id $id."""
    return f"MATCH (n {{id: $id}}) RETURN DISTINCT {dialect.label.format('n')} AS label"


def lookups(kinds: tuple[str, ...]) -> list[str]:
    """The lookup_statement kinds that together cover `kinds`: the labels in one, node, relationship."""
    labels = "|".join(k for k in kinds if k not in (ANY_NODE, ANY_RELATIONSHIP))
    return [k for k in kinds if k in (ANY_NODE, ANY_RELATIONSHIP)] + ([labels] if labels else [])


def has_id(backend: Backend, kinds: tuple[str, ...], value: str) -> bool:
    """Whether `value` is the id of something `kinds` names (labels, node, relationship)."""
    found = (backend.run(lookup_statement(kind, backend.dialect), {"id": value}) for kind in lookups(kinds))
    return any(result.values[0][0] for result in found)


def node_labels(backend: Backend, value: str) -> list[str]:
    """The labels (of dyadgraph's schema) of the nodes whose id is `value`, sorted."""
    rows = backend.run(labels_statement(backend.dialect), {"id": value}).values
    return sorted(str(row[0]) for row in rows if row[0] in NODE_BY_NAME)


def describe_kinds(kinds: tuple[str, ...]) -> str:
    """'State', 'State or Organization', 'node or relationship'."""
    return " or ".join(label for kind in kinds for label in kind.split("|"))


def missing_id(backend: Backend, kinds: tuple[str, ...], value: str) -> str:
    """The message for an id that names nothing of `kinds`, saying what it does name if anything."""
    message = f"no {describe_kinds(kinds)} with id {value}"
    if ANY_NODE in kinds:
        return message
    others = node_labels(backend, value)
    if others:
        message += f" ({value} is the id of a {' and a '.join(others)})"
    return message
