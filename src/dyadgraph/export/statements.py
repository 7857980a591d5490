"""The Cypher that selects a subgraph, built by one function for both dialects.

The statements an export ran can be written beside it (a bundle's selection.cypher), and the
Neo4j text of the same selection pasted into Neo4j Browser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..schema import NODE_BY_NAME, REL_BY_NAME
from .selection import LABELS, METADATA_LABELS, TYPES, Selection
from .subgraph import Statement, parse_key

if TYPE_CHECKING:
    from ..backends.base import Dialect


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
