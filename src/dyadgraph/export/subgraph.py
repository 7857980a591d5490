"""Select a subgraph: the whole graph, an ego network, a dyad or a canned query's result, filtered.

The selection is Cypher in the backend's own dialect, built by one function for both dialects,
so the statements an export ran can be written beside it (a bundle's selection.cypher) and the
Neo4j text of the same selection pasted into Neo4j Browser. Results are plain values, sorted by
label (in ontology order) and id, so every export made from them is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import BackendError, ExportError
from ..schema import NODE_BY_NAME, NODES, REL_BY_NAME, RELATIONSHIPS

if TYPE_CHECKING:
    from ..backends.base import Backend
    from ..queries import Catalogue

# Dataset nodes describe the database (which seeds, which version), not international relations.
METADATA_LABELS = ("Dataset",)
LABELS = tuple(n.name for n in NODES if n.name not in METADATA_LABELS)
TYPES = tuple(r.name for r in RELATIONSHIPS)
MAX_DEPTH = 5
LABEL_ORDER = {name: i for i, name in enumerate(n.name for n in NODES)}
TYPE_ORDER = {name: i for i, name in enumerate(TYPES)}


@dataclass(frozen=True)
class Dialect:
    """Where Kùzu's Cypher and Neo4j's differ in what a label-agnostic selection needs."""

    name: str
    label: str
    type: str
    element_id: str
    to_int: str
    # Kùzu filters inside a variable-length pattern, (e, y | WHERE ...), and some of its filters
    # need working around (see filtered() and one_of() in selection_statements()).
    kuzu: bool


KUZU = Dialect("embedded", "label({})", "label({})", "id({})", "CAST({} AS INT64)", True)
NEO4J = Dialect("neo4j", "labels({})[0]", "type({})", "elementId({})", "toInteger({})", False)
DIALECTS = {d.name: d for d in (KUZU, NEO4J)}


@dataclass(frozen=True)
class Selection:
    """What to export: at most one of around, dyad and query; filters apply to the first two."""

    around: str | None = None
    depth: int = 1
    dyad: tuple[str, str] | None = None
    query: str | None = None
    parameters: tuple[tuple[str, str], ...] = ()
    labels: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    since: int | None = None
    until: int | None = None
    # Only the dates the paper gives (date_basis paper): a date taken from another work is left out.
    paper_dates: bool = False

    @property
    def mode(self) -> str:
        if self.query:
            return "query"
        if self.dyad:
            return "dyad"
        if self.around:
            return "ego"
        return "whole"

    @property
    def filtered(self) -> bool:
        return bool(self.labels or self.types or self.since is not None or self.until is not None)

    def check(self) -> None:
        """Every problem with the selection at once, before anything runs."""
        problems = []
        if sum(x is not None for x in (self.around, self.dyad, self.query)) > 1:
            problems.append("choose one of --around, --dyad and --query")
        if self.query and self.filtered:
            problems.append("--query selects by itself: --label, --type, --since and --until filter the graph")
        if self.paper_dates and (self.since is not None or self.until is not None):
            # The year filters run on every date; with --paper-dates an element dated elsewhere
            # should pass them as undated, which they cannot tell yet.
            problems.append("--paper-dates cannot be combined with --since or --until yet")
        if self.parameters and not self.query:
            problems.append("-p NAME VALUE passes parameters to a canned query: add --query NAME")
        unknown = [label for label in self.labels if label not in LABELS]
        if unknown:
            problems.append(f"unknown label {', '.join(unknown)}; labels: {', '.join(LABELS)}")
        unknown = [t for t in self.types if t not in TYPES]
        if unknown:
            problems.append(f"unknown relationship type {', '.join(unknown)}; types: {', '.join(TYPES)}")
        if not 1 <= self.depth <= MAX_DEPTH:
            problems.append(f"--depth must be 1 to {MAX_DEPTH}, got {self.depth}")
        if self.since is not None and self.until is not None and self.since > self.until:
            problems.append(f"--since {self.since} is after --until {self.until}")
        if self.dyad:
            if self.dyad[0] == self.dyad[1]:
                problems.append(f"a dyad is two different states, got {self.dyad[0]} twice")
            if self.labels and not {"State", "Event"} <= set(self.labels):
                problems.append("a dyad is its two states and their events: --label must keep State and Event")
        if problems:
            raise ExportError("; ".join(problems))

    def describe(self) -> str:
        """One line for captions, titles and READMEs."""
        if self.mode == "query":
            given = " ".join(f"-p {k} {v}" for k, v in self.parameters)
            return f"the result of the canned query {self.query}{' ' + given if given else ''}"
        if self.mode == "dyad":
            assert self.dyad
            base = f"the dyad {self.dyad[0]}–{self.dyad[1]}: both states and the events involving both"
        elif self.mode == "ego":
            base = f"the nodes within {self.depth} hop{'s' * (self.depth > 1)} of {self.around}"
        else:
            base = "the whole graph"
        filters = self.filters()
        return base + (f" ({filters})" if filters else "")

    def filters(self) -> str:
        """The filters in words: `relationship types TIE; years 1990–…`, or nothing."""
        parts = []
        if self.labels:
            parts.append("labels " + ", ".join(self.labels))
        if self.types:
            parts.append("relationship types " + ", ".join(self.types))
        if self.since is not None or self.until is not None:
            until = self.until if self.until is not None else "…"
            parts.append(f"years {self.since if self.since is not None else '…'}–{until}")
        if self.paper_dates:
            parts.append("the paper's dates only")
        return "; ".join(parts)

    def arguments(self) -> list[str]:
        """The `dyadgraph export` options that make this selection again."""
        args: list[str] = []
        if self.around:
            args += ["--around", self.around, "--depth", str(self.depth)]
        if self.dyad:
            args += ["--dyad", *self.dyad]
        if self.query:
            args += ["--query", self.query]
            for name, value in self.parameters:
                args += ["-p", name, value]
        for label in self.labels:
            args += ["--label", label]
        for rel_type in self.types:
            args += ["--type", rel_type]
        if self.since is not None:
            args += ["--since", str(self.since)]
        if self.until is not None:
            args += ["--until", str(self.until)]
        if self.paper_dates:
            args.append("--paper-dates")
        return args

    def as_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "around": self.around,
            "depth": self.depth if self.around else None,
            "dyad": list(self.dyad) if self.dyad else None,
            "query": self.query,
            "parameters": dict(self.parameters),
            "labels": list(self.labels or LABELS),
            "types": list(self.types or TYPES),
            "since": self.since,
            "until": self.until,
            "paper_dates": self.paper_dates,
        }


@dataclass(frozen=True)
class Node:
    label: str
    properties: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.properties["id"])

    @property
    def key(self) -> str:
        """Unique across labels (a Strategy and a Concept may share an id): `Label:id`."""
        return node_key(self.label, self.id)

    def display_name(self, lang: str = "en") -> str:
        props = self.properties
        if lang == "zh":
            chinese = props.get("name_zh") or props.get("title_zh")
            if chinese:
                return str(chinese)
        return str(props.get("name") or props.get("title") or self.id)


@dataclass(frozen=True)
class Relationship:
    type: str
    start: str
    end: str
    properties: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.properties["id"])


@dataclass(frozen=True)
class Statement:
    text: str
    parameters: dict[str, Any]
    purpose: str


@dataclass
class Subgraph:
    nodes: list[Node]
    relationships: list[Relationship]
    selection: Selection = field(default_factory=Selection)
    # Cited works (the source and via of every element, and Source nodes selected) by BibTeX key.
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    # The same selection in Neo4j's Cypher, to paste into Neo4j Browser (the statements above when
    # the backend is Neo4j).
    neo4j_statements: list[Statement] = field(default_factory=list)
    backend: str = "embedded"
    data_versions: list[tuple[str, str]] = field(default_factory=list)
    center_label: str | None = None

    def node(self, key: str) -> Node:
        return self._index()[key]

    def _index(self) -> dict[str, Node]:
        return {n.key: n for n in self.nodes}

    def cited_keys(self) -> list[str]:
        keys = {n.id for n in self.nodes if n.label == "Source"}
        for properties in [n.properties for n in self.nodes] + [r.properties for r in self.relationships]:
            keys.update(str(properties[k]) for k in ("source", "via") if properties.get(k))
        return sorted(keys)

    def data_version(self) -> str:
        """`mongolia@c61cc6c7989d4e73`, one per loaded seed directory; `unknown` for a database without them."""
        return ", ".join(f"{name}@{version}" for name, version in self.data_versions) or "unknown"


def node_key(label: str, node_id: str) -> str:
    return f"{label}:{node_id}"


def parse_key(key: str) -> tuple[str | None, str]:
    """`State:MNG` as (State, MNG); a bare id, or a prefix that is no label, as (None, id)."""
    label, sep, rest = key.partition(":")
    if sep and label in NODE_BY_NAME:
        return label, rest
    return None, key


def select(backend: Backend, selection: Selection, catalogue: Catalogue | None = None) -> Subgraph:
    """Run the selection against the backend and return its nodes and relationships, sorted."""
    selection.check()
    dialect = DIALECTS[backend.name]
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
        statements = selection_statements(selection, dialect, center_label)
        neo4j_statements = selection_statements(selection, NEO4J, center_label)
        nodes, relationships = {}, {}
        for statement in statements:
            rows = backend.run(statement.text, statement.parameters).rows
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
    """Leave out a date taken from another work than the paper: the element stays, undated."""
    if properties.get("date_precision") is not None and properties.get("date_basis") != "paper":
        for name in DATE_PROPERTIES:
            if name in properties:
                properties[name] = None


def selection_statements(selection: Selection, dialect: Dialect, center_label: str | None = None) -> list[Statement]:
    """The statements that select nodes and relationships, in one dialect; a query selection has none.

    Node statements return `n`; relationship statements return the endpoints' labels and ids
    with `r` (whole endpoint nodes would cost Kùzu a conversion per row, and the node statements
    select them anyway).
    """
    parameters: dict[str, Any] = {"labels": list(selection.labels or LABELS), "types": list(selection.types or TYPES)}
    if selection.since is not None:
        parameters["since"] = selection.since
    if selection.until is not None:
        parameters["until"] = selection.until

    def one_of(expression: str, name: str, chosen: tuple[str, ...], every: tuple[str, ...]) -> str:
        if not dialect.kuzu:
            return f"{expression} IN ${name}"
        # Kùzu 0.11 filters `label(b) IN [...]` wrongly on a relationship's endpoint (it dropped
        # and doubled rows): the embedded dialect spells the test out, without parameters.
        kept = chosen or every
        if kept == every:
            left_out = [x for x in (*LABELS, *METADATA_LABELS) if x not in kept] if name == "labels" else []
            return " AND ".join(f"{expression} <> '{x}'" for x in left_out)
        return "(" + " OR ".join(f"{expression} = '{x}'" for x in kept) + ")"

    def node_ok(v: str, label: str | None = None) -> str:
        """A node passes the label and year filters; `label` when the pattern names it (Kùzu binds
        properties per table, so a year test on a label without `year` is an error there)."""
        of = dialect.label.format(v)
        # A pattern's own label was checked against the filter before (check(), _resolve()).
        parts = [one_of(of, "labels", selection.labels, LABELS) if label is None else ""]
        if label is not None and NODE_BY_NAME[label].prop("year") is None:
            return parts[0]
        # A Source's year is when it was published, not when anything happened.
        unless = "" if label is not None else f"{of} = 'Source' OR "
        if selection.since is not None:
            parts.append(f"({unless}{v}.year IS NULL OR {v}.year >= $since)")
        if selection.until is not None:
            parts.append(f"({unless}{v}.year IS NULL OR {v}.year <= $until)")
        return " AND ".join(p for p in parts if p)

    def rel_ok(v: str, rel_type: str | None = None) -> str:
        """A relationship passes the type and year filters: it spans since..until (TIE, MEMBER_OF)
        or holds in one year (TRADE, MEASURED); an undated one always passes."""
        parts = [one_of(dialect.type.format(v), "types", selection.types, TYPES)]

        def has(name: str) -> bool:
            return rel_type is None or REL_BY_NAME[rel_type].prop(name) is not None

        def when(date: str) -> str | None:
            terms = [f"{v}.year"] if has("year") else []
            terms += [dialect.to_int.format(f"left({v}.{date}, 4)")] if has(date) else []
            return None if not terms else terms[0] if len(terms) == 1 else f"coalesce({', '.join(terms)})"

        start, end = when("since"), when("until")
        if selection.since is not None and end is not None:
            parts.append(f"({end} IS NULL OR {end} >= $since)")
        if selection.until is not None and start is not None:
            parts.append(f"({start} IS NULL OR {start} <= $until)")
        return " AND ".join(p for p in parts if p)

    label_of = dialect.label.format
    ends = f"RETURN {label_of('a')} AS from_label, a.id AS from_id, r, {label_of('b')} AS to_label, b.id AS to_id"

    def filtered(match: str, variables: str, *conditions: str) -> str:
        """A MATCH and its conditions. Kùzu 0.11 misapplies conditions on the endpoints of a
        relationship whose endpoints can be of several tables, when they follow the MATCH (it
        dropped and doubled rows); after a WITH it applies them right."""
        condition = " AND ".join(c for c in conditions if c)
        if not condition:
            return f"{match}\n"
        if dialect.kuzu:
            return f"{match}\nWITH {variables}\nWHERE {condition}\n"
        return f"{match}\nWHERE {condition}\n"

    eid = dialect.element_id.format
    texts: list[tuple[str, str]]
    if selection.mode == "ego":
        assert selection.around and center_label
        parameters["around"] = parse_key(selection.around)[1]
        hops = f"1..{selection.depth}"
        # No OPTIONAL MATCH: Kùzu takes 100 times longer over a variable-length pattern with it.
        # The center therefore has a statement of its own, and a lone center has no relationships.
        center = filtered(f"MATCH (c:{center_label} {{id: $around}})", "c", node_ok("c", center_label))
        if dialect.kuzu:
            # Kùzu's filter inside the pattern sees the nodes between c and x, hence the test of x;
            # it is much faster than a predicate over nodes(p). (Not SHORTEST: with a filter, that
            # reaches nodes no filtered path reaches, in Kùzu 0.11.)
            step = " AND ".join(c for c in (rel_ok("e"), node_ok("y")) if c)
            walk = f"*{hops} (e, y | WHERE {step})" if step else f"*{hops}"
            reach = filtered(f"MATCH (c)-[{walk}]-(x)", "c, x", node_ok("x"))
        else:
            reach = filtered(
                f"MATCH p = (c)-[*{hops}]-(x)",
                "c, x",
                f"all(y IN nodes(p) WHERE {all_of(node_ok('y'))})",
                f"all(e IN relationships(p) WHERE {all_of(rel_ok('e'))})",
            )
        ego = f"WITH c, collect(DISTINCT {eid('x')}) + [{eid('c')}] AS ego\n"
        inside = (f"{eid('a')} IN ego", f"{eid('b')} IN ego", rel_ok("r"))
        texts = [
            ("center", f"{center}RETURN c AS n"),
            ("reached", f"{center}{reach}RETURN DISTINCT x AS n"),
            ("relationships", center + reach + ego + filtered("MATCH (a)-[r]->(b)", "ego, a, r, b", *inside) + ends),
        ]
    elif selection.mode == "dyad":
        assert selection.dyad
        parameters["state1"], parameters["state2"] = selection.dyad
        pair = "[$state1, $state2]"
        both = (
            "EXISTS { MATCH (n)-[:INVOLVES]->(:State {id: $state1}) }"
            " AND EXISTS { MATCH (n)-[:INVOLVES]->(:State {id: $state2}) }"
        )
        between = f"a.id IN {pair} AND b.id IN {pair} AND a.id <> b.id"
        # Separate statements, not UNIONs: Kùzu cannot unite columns of different node tables.
        texts = [
            ("nodes", f"MATCH (n:State)\nWHERE n.id IN {pair}\nRETURN n"),
            ("relationships", filtered("MATCH (a:State)-[r]->(b:State)", "a, r, b", between, rel_ok("r")) + ends),
        ]
        if not selection.types or "INVOLVES" in selection.types:
            events = filtered("MATCH (n:Event)", "n", node_ok("n", "Event"), both)
            involved = filtered(
                "MATCH (a:Event)-[r:INVOLVES]->(b:State)",
                "a, r, b",
                f"b.id IN {pair}",
                node_ok("a", "Event"),
                rel_ok("r", "INVOLVES"),
                both.replace("(n)", "(a)"),
            )
            # Between the events: the causal claims that link them (LEADS_TO).
            linked = filtered(
                "MATCH (a:Event)-[r]->(b:Event)",
                "a, r, b",
                node_ok("a", "Event"),
                node_ok("b", "Event"),
                rel_ok("r"),
                both.replace("(n)", "(a)"),
                both.replace("(n)", "(b)"),
            )
            texts[1:1] = [("nodes", f"{events}RETURN n")]
            texts += [("relationships", involved + ends), ("relationships", linked + ends)]
    else:
        rels = filtered("MATCH (a)-[r]->(b)", "a, r, b", node_ok("a"), node_ok("b"), rel_ok("r"))
        if selection.types:
            # With a type filter a node is selected for a relationship of those types, not alone:
            # the relationships bring their endpoints.
            texts = [("relationships", f"{rels}RETURN a, r, b")]
        else:
            texts = [("nodes", filtered("MATCH (n)", "n", node_ok("n")) + "RETURN n"), ("relationships", rels + ends)]
    return [Statement(text, _used(text, parameters), purpose) for purpose, text in texts]


def all_of(*conditions: str) -> str:
    """Conditions joined by AND, the empty ones (a filter that keeps everything) left out."""
    return " AND ".join(c for c in conditions if c) or "true"


def _used(text: str, parameters: dict[str, Any]) -> dict[str, Any]:
    """Only the parameters a statement names: Neo4j's linter and driver are strict about the rest."""
    return {k: v for k, v in parameters.items() if f"${k}" in text}


def named_statements(dialect: Dialect) -> tuple[str, str]:
    """The nodes whose ids a query names, and the relationships among them or named themselves."""
    with_ = "WITH n\n" if dialect.kuzu else ""  # see filtered() in selection_statements()
    nodes = f"MATCH (n)\n{with_}WHERE n.id IN $ids\nRETURN n"
    with_ = "WITH a, r, b\n" if dialect.kuzu else ""
    relationships = f"MATCH (a)-[r]->(b)\n{with_}WHERE (a.id IN $ids AND b.id IN $ids) OR r.id IN $ids\nRETURN a, r, b"
    return nodes, relationships


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
    text = query.text_for(backend.name)
    result = backend.run(text, bound)
    named: set[str] = set()
    _names(list(bound.values()), named)
    labelled: dict[str, set[str]] = {}
    for record in result.records():
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
    named_nodes, named_relationships = named_statements(DIALECTS[backend.name])
    statements = [
        Statement(text, bound, "query"),
        Statement(named_nodes, {"ids": ids}, "nodes"),
        Statement(named_relationships, {"ids": ids}, "relationships"),
    ]
    nodes: dict[str, Node] = {}
    for row in backend.run(named_nodes, {"ids": ids}).rows:
        node = _node(row[0])
        if node is not None and node.label in labelled.get(node.id, {node.label}):
            nodes[node.key] = node
    relationships: dict[tuple[str, str], Relationship] = {}
    for start, rel, end in backend.run(named_relationships, {"ids": ids}).rows:
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
    relationships[(rel["_type"], str(props["id"]))] = Relationship(rel["_type"], *keys, props)


def _resolve(backend: Backend, selection: Selection) -> str | None:
    """The center's label for --around; checks that the named nodes exist."""
    if selection.dyad:
        found = backend.run("MATCH (s:State) WHERE s.id IN $ids RETURN s.id", {"ids": list(selection.dyad)}).rows
        missing = sorted(set(selection.dyad) - {row[0] for row in found})
        if missing:
            raise ExportError(f"no State with id {', '.join(missing)}; a dyad is two State ids (MNG CHN)")
        return None
    if not selection.around:
        return None
    label, node_id = parse_key(selection.around)
    dialect = DIALECTS[backend.name]
    text = f"MATCH (c) WHERE c.id = $id RETURN DISTINCT {dialect.label.format('c')}"
    labels = sorted((row[0] for row in backend.run(text, {"id": node_id}).rows if row[0] in LABELS), key=str)
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
    rows = backend.run("MATCH (s:Source) WHERE s.id IN $keys RETURN s", {"keys": wanted}).rows
    found = {str(row[0]["id"]): {k: v for k, v in row[0].items() if k != "_label"} for row in rows}
    return dict(sorted(found.items()))


def data_versions(backend: Backend) -> list[tuple[str, str]]:
    """(seed directory, hash of its files) for each loaded directory, as the loader recorded them."""
    try:
        rows = backend.run("MATCH (d:Dataset) RETURN d.id AS dataset, d.version AS version").rows
    except BackendError:  # a database loaded before Dataset nodes existed
        return []
    return sorted((str(name), str(version)) for name, version in rows)
