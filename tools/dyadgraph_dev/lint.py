"""Every Neo4j statement dyadgraph sends, with sample parameters, for Neo4j's own linter.

tools/cypher-lint runs `lintCypherQuery` from @neo4j-cypher/language-support; the tests
feed it `lint_request()` and treat every diagnostic, warnings included, as a failure.
"""

from __future__ import annotations

from typing import Any

from .schema import NODES, RELATIONSHIPS, property_keys

SAMPLE_VALUES: dict[str, Any] = {"string": "MNG", "int": 1, "float": 1.0, "bool": True}


def lint_schema() -> dict[str, list[str]]:
    return {
        "labels": [n.name for n in NODES],
        "relationshipTypes": [r.name for r in RELATIONSHIPS],
        "propertyKeys": property_keys(),
    }


def neo4j_statements() -> list[dict[str, Any]]:
    from .backends.neo4j import loader_statements
    from .queries import Catalogue

    statements = [
        {"name": f"loader #{i}", "text": text, "parameters": parameters}
        for i, (text, parameters) in enumerate(loader_statements(), start=1)
    ]
    for query in Catalogue():
        parameters = {p.name: p.sample(SAMPLE_VALUES[p.type]) for p in query.params}
        statements.append({"name": f"cypher/{query.path.name}", "text": query.text, "parameters": parameters})
    statements += id_lookup_statements()
    statements += server_statements()
    return statements


def id_lookup_statements() -> list[dict[str, Any]]:
    """The lookups that check the canned queries' id parameters before they run."""
    from .lookup import labels_statement, lookup_statement, lookups
    from .queries import Catalogue

    kinds = sorted({kind for query in Catalogue() for p in query.params for kind in lookups(p.id_of)})
    texts = [lookup_statement(kind, "neo4j") for kind in kinds] + [labels_statement("neo4j")]
    return [{"name": f"id lookup #{i}", "text": text, "parameters": {"id": "MNG"}} for i, text in enumerate(texts, 1)]


def server_statements() -> list[dict[str, Any]]:
    """What push and doctor send, and every runnable block of the Browser guide."""
    from .browser import build_guide
    from .doctor import neo4j_statements as doctor_statements
    from .push import read_statements
    from .queries import Catalogue

    statements: list[dict[str, Any]] = [
        {"name": f"push read #{i}", "text": t} for i, t in enumerate(read_statements(), start=1)
    ]
    statements += [{"name": f"doctor #{i}", "text": t} for i, t in enumerate(doctor_statements(), start=1)]
    _, blocks = build_guide(Catalogue())
    for i, block in enumerate(blocks, start=1):
        name = f"guide #{i} ({block.slide})"
        if block.text.startswith(":param "):
            # Browser evaluates the right-hand side of `:param x => value` as Cypher.
            param, _, value = block.text.removeprefix(":param ").partition(" => ")
            statements.append({"name": name, "text": f"RETURN {value} AS {param}"})
        elif not block.is_command:
            statements.append({"name": name, "text": block.text, "parameters": block.parameters})
    return statements


def lint_request() -> dict[str, Any]:
    return {"schema": lint_schema(), "statements": neo4j_statements(), "options": {"cypherVersion": "5"}}
