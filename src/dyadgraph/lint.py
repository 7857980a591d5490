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
        parameters = {p.name: SAMPLE_VALUES[p.type] if p.required else p.default for p in query.params}
        statements.append({"name": f"cypher/{query.path.name}", "text": query.text, "parameters": parameters})
    return statements


def lint_request() -> dict[str, Any]:
    return {"schema": lint_schema(), "statements": neo4j_statements(), "options": {"cypherVersion": "5"}}
