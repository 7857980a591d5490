"""Run a selection against a backend: the statements in its dialect, the rows collected into a
sorted Subgraph, with the works it cites and the data version of the database."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..backends.neo4j import DIALECT as NEO4J
from ..errors import BackendError, ExportError
from ..lookup import node_labels
from ..schema import DATE_BASIS_PAPER, NODES, REL_BY_NAME, involves_id
from .selection import LABELS, TYPES, Selection
from .statements import named_statements, selection_statements
from .subgraph import Node, Relationship, Statement, Subgraph, node_key, parse_key

if TYPE_CHECKING:
    from ..backends.base import Backend
    from ..queries import Catalogue

LABEL_ORDER = {name: i for i, name in enumerate(n.name for n in NODES)}
TYPE_ORDER = {name: i for i, name in enumerate(TYPES)}


def select(backend: Backend, selection: Selection, catalogue: Catalogue | None = None) -> Subgraph:
    """Run the selection against the backend and return its nodes and relationships, sorted."""
    selection.check()
    center_label = None
    if selection.mode == "query":
        statements, nodes, relationships, neo4j_text = _select_by_query(backend, selection, catalogue)
        neo4j_named = zip(named_statements(NEO4J), statements[1:], strict=True)
        neo4j_statements = [
            Statement(neo4j_text, statements[0].parameters, "query"),
            *(Statement(text, ran.parameters, ran.purpose) for text, ran in neo4j_named),
        ]
    else:
        center_label = _resolve(backend, selection)
        statements = selection_statements(selection, backend.dialect, center_label)
        neo4j_statements = selection_statements(selection, NEO4J, center_label)
        nodes, relationships = {}, {}
        for statement in statements:
            rows = backend.run(statement.text, statement.parameters).values
            for row in rows:
                _collect(row, nodes, relationships)
            if not rows and statement.purpose in ("center", "reached"):
                break  # a center outside the filters, or alone: nothing more to find
    subgraph = Subgraph(
        nodes=sorted(nodes.values(), key=lambda n: (LABEL_ORDER[n.label], n.id)),
        relationships=sorted(relationships.values(), key=lambda r: (TYPE_ORDER.get(r.type, 99), r.id)),
        selection=selection,
        statements=statements,
        neo4j_statements=neo4j_statements,
        backend=backend.name,
        data_versions=data_versions(backend),
        center_label=center_label,
    )
    subgraph.sources = cited_sources(backend, subgraph.cited_keys())
    if selection.paper_dates:
        for properties in [n.properties for n in subgraph.nodes] + [r.properties for r in subgraph.relationships]:
            paper_dates_only(properties)
    return subgraph


# The properties that hold or derive from an element's date (docs/ontology.md, "Dates").
DATE_PROPERTIES = ("date", "date_end", "year", "since", "until", "year_from", "year_to", "period")


def paper_dates_only(properties: dict[str, Any]) -> None:
    """Leave out a date taken from another work than the paper: the element stays, undated. The
    properties go, as an undated element's are absent (GraphML and GEXF have no null to write)."""
    if properties.get("date_precision") is not None and properties.get("date_basis") != DATE_BASIS_PAPER:
        for name in DATE_PROPERTIES:
            properties.pop(name, None)


def _select_by_query(
    backend: Backend, selection: Selection, catalogue: Catalogue | None
) -> tuple[list[Statement], dict[str, Node], dict[tuple[str, str], Relationship], str]:
    """The elements a canned query's parameters and result name, and the relationships among them.

    A result names a node by returning it (or a path through it) or its id, a relationship by
    returning it or its id; a parameter names the node it is the id of (`-p focal MNG`). Where
    a row has `label` and `id` columns, the label settles an id that several labels share.
    """
    from ..queries import Catalogue

    assert selection.query
    query = (catalogue or Catalogue()).get(selection.query)
    bound = query.bind(dict(selection.parameters))
    query.check_ids(backend, bound)
    text = backend.query_text(query)
    result = backend.run(text, bound)
    named: set[str] = set()
    _names(list(bound.values()), named)
    labelled: dict[str, set[str]] = {}
    for record in result.rows():
        if isinstance(record.get("label"), str) and isinstance(record.get("id"), str):
            labelled.setdefault(record["id"], set()).add(record["label"])
        for value in record.values():
            _names(value, named)
    if not named:
        raise ExportError(
            f"the canned query {query.name} names no node or relationship to export; "
            f"its rows export as a table: --to latex or --to md (or `dyadgraph query {query.name} -f csv`)"
        )
    ids = sorted(named)
    named_nodes, named_relationships = named_statements(backend.dialect)
    statements = [
        Statement(text, bound, "query"),
        Statement(named_nodes, {"ids": ids}, "nodes"),
        Statement(named_relationships, {"ids": ids}, "relationships"),
    ]
    nodes: dict[str, Node] = {}
    for row in backend.run(named_nodes, {"ids": ids}).values:
        node = _node(row[0])
        if node is not None and node.label in labelled.get(node.id, {node.label}):
            nodes[node.key] = node
    relationships: dict[tuple[str, str], Relationship] = {}
    for start, rel, end in backend.run(named_relationships, {"ids": ids}).values:
        named_itself = str(rel.get("id")) in named
        first, second = _node(start), _node(end)
        if first is None or second is None:
            continue
        if named_itself or (first.key in nodes and second.key in nodes):
            _collect((start, rel, end), nodes, relationships)
    return statements, nodes, relationships, query.text


def _names(value: Any, named: set[str]) -> None:
    """Every string in a value (ids among them), and the ids of the nodes and relationships in it."""
    if isinstance(value, str):
        named.add(value)
    elif isinstance(value, list):
        for item in value:
            _names(item, named)
    elif isinstance(value, dict):
        if ("_label" in value or "_type" in value) and value.get("id") is not None:
            named.add(str(value["id"]))
        else:
            for item in value.values():
                _names(item, named)


def _node(value: dict[str, Any]) -> Node | None:
    label = value.get("_label")
    if label not in LABELS or value.get("id") is None:
        return None
    return Node(str(label), {k: v for k, v in value.items() if k != "_label"})


def _collect(row: tuple[Any, ...], nodes: dict[str, Node], relationships: dict[tuple[str, str], Relationship]) -> None:
    """A row of `n`, of `a, r, b` (endpoints as nodes) or of `from_label, from_id, r, to_label, to_id`."""
    if len(row) == 1:
        node = _node(row[0])
        if node is not None:
            nodes[node.key] = node
        return
    if len(row) == 3:
        start, rel, end = _node(row[0]), row[1], _node(row[2])
        if start is None or end is None:
            return
        nodes[start.key], nodes[end.key] = start, end
        keys = (start.key, end.key)
    else:
        from_label, from_id, rel, to_label, to_id = row
        keys = (node_key(from_label, from_id), node_key(to_label, to_id))
    if rel.get("_type") not in REL_BY_NAME:
        return
    props = {k: v for k, v in rel.items() if k != "_type"}
    if props.get("id") is None and rel["_type"] == "INVOLVES":  # an imported event's: derived, not stored
        props["id"] = involves_id(parse_key(keys[0])[1], parse_key(keys[1])[1], str(props.get("role")))
    relationships[(rel["_type"], str(props["id"]))] = Relationship(rel["_type"], *keys, props)


def _resolve(backend: Backend, selection: Selection) -> str | None:
    """The center's label for --around; checks that the named nodes exist."""
    if selection.dyad:
        found = backend.run("MATCH (s:State) WHERE s.id IN $ids RETURN s.id", {"ids": list(selection.dyad)}).values
        missing = sorted(set(selection.dyad) - {row[0] for row in found})
        if missing:
            raise ExportError(f"no State with id {', '.join(missing)}; a dyad is two State ids (MNG CHN)")
        return None
    if not selection.around:
        return None
    label, node_id = parse_key(selection.around)
    labels = [found for found in node_labels(backend, node_id) if found in LABELS]
    if label is not None:
        labels = [found for found in labels if found == label]
    if not labels:
        raise ExportError(f"no node with id {selection.around!r} to export around")
    if len(labels) > 1:
        choices = " or ".join(f"{found}:{node_id}" for found in labels)
        raise ExportError(f"{node_id!r} is the id of a {' and a '.join(labels)}; write --around {choices}")
    if selection.labels and labels[0] not in selection.labels:
        raise ExportError(f"{selection.around} is a {labels[0]}, which --label leaves out")
    return str(labels[0])


def cited_sources(backend: Backend, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    rows = backend.run("MATCH (s:Source) WHERE s.id IN $keys RETURN s", {"keys": wanted}).values
    found = {str(row[0]["id"]): {k: v for k, v in row[0].items() if k != "_label"} for row in rows}
    return dict(sorted(found.items()))


def data_versions(backend: Backend) -> list[tuple[str, str]]:
    """(seed directory, hash of its files) for each loaded directory, as the loader recorded them."""
    try:
        rows = backend.run("MATCH (d:Dataset) RETURN d.id AS dataset, d.version AS version").values
    except BackendError:  # a database loaded before Dataset nodes existed
        return []
    return sorted((str(name), str(version)) for name, version in rows)
