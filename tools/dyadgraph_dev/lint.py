"""Every Neo4j statement dyadgraph sends, with sample parameters, for Neo4j's own linter.

tools/cypher-lint runs `lintCypherQuery` from @neo4j-cypher/language-support; the tests
feed it `lint_request()` through `run_linter()` and treat every diagnostic, warnings
included, as a failure.

The linter takes about 20 s to start and check the few hundred statements, so `run_linter`
keeps each statement's diagnostics in `.cache/cypher-lint/`, under a hash of everything the
result depends on: the statement's text and parameters, the schema and options it was linted
with, and the linter itself (lint.mjs and its package-lock.json). Only statements never linted
before go to node; a change to any of these inputs is a cache miss, so a cached result is
always the result the linter would give now.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from dyadgraph.schema import NODES, RELATIONSHIPS, property_keys

ROOT = Path(__file__).resolve().parent.parent.parent
LINTER = ROOT / "tools" / "cypher-lint"
CACHE = ROOT / ".cache" / "cypher-lint"


def lint_schema() -> dict[str, list[str]]:
    return {
        "labels": [n.name for n in NODES],
        "relationshipTypes": [r.name for r in RELATIONSHIPS],
        "propertyKeys": property_keys(),
    }


def neo4j_statements() -> list[dict[str, Any]]:
    from dyadgraph.backends.neo4j import loader_statements
    from dyadgraph.queries import Catalogue

    statements = [
        {"name": f"loader #{i}", "text": text, "parameters": parameters}
        for i, (text, parameters) in enumerate(loader_statements(), start=1)
    ]
    for query in Catalogue():
        parameters = query.example_parameters()
        statements.append({"name": f"cypher/{query.path.name}", "text": query.text, "parameters": parameters})
    statements += id_lookup_statements()
    statements += server_statements()
    return statements


def id_lookup_statements() -> list[dict[str, Any]]:
    """The lookups that check the canned queries' id parameters before they run."""
    from dyadgraph.backends.neo4j import DIALECT as NEO4J
    from dyadgraph.lookup import labels_statement, lookup_statement, lookups
    from dyadgraph.queries import Catalogue

    kinds = sorted({kind for query in Catalogue() for p in query.params for kind in lookups(p.id_of)})
    texts = [lookup_statement(kind, NEO4J) for kind in kinds] + [labels_statement(NEO4J)]
    return [{"name": f"id lookup #{i}", "text": text, "parameters": {"id": "MNG"}} for i, text in enumerate(texts, 1)]


def server_statements() -> list[dict[str, Any]]:
    """What push and doctor send, and every runnable block of the Browser guide."""
    from dyadgraph.browser import build_guide
    from dyadgraph.doctor import neo4j_statements as doctor_statements
    from dyadgraph.push import read_statements
    from dyadgraph.queries import Catalogue

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


@cache
def _linter_version() -> str:
    """The linter as files: a change to lint.mjs or to the pinned packages invalidates the cache."""
    digest = hashlib.sha256()
    for name in ("lint.mjs", "package-lock.json"):
        digest.update((LINTER / name).read_bytes())
    return digest.hexdigest()


def statement_key(request: dict[str, Any], statement: dict[str, Any]) -> str:
    """What a statement's diagnostics depend on, hashed; its name only labels it in the response."""
    inputs = {
        "linter": _linter_version(),
        "schema": request.get("schema", {}),
        "options": request.get("options", {}),
        "text": statement["text"],
        "parameters": statement.get("parameters"),
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _node_linter(request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    node = shutil.which("node")
    assert node, "node is needed for the Cypher linter (the README's prerequisites: python3, node, make)"
    assert (LINTER / "node_modules").is_dir(), "run `make test` (it runs npm ci in tools/cypher-lint)"
    done = subprocess.run(
        [node, str(LINTER / "lint.mjs")], input=json.dumps(request), capture_output=True, text=True, timeout=300
    )
    return done.returncode, json.loads(done.stdout)


def run_linter(request: dict[str, Any], *, cached: bool = True) -> tuple[int, dict[str, Any]]:
    """The linter's exit status and response for a request, as lint.mjs gives them; with `cached`,
    statements linted before with the same inputs are answered from the cache."""
    if not cached:
        return _node_linter(request)
    statements = request["statements"]
    keys = [statement_key(request, s) for s in statements]
    found: dict[str, list[dict[str, Any]]] = {}
    for key in set(keys):
        path = CACHE / f"{key}.json"
        if path.exists():
            found[key] = json.loads(path.read_text(encoding="utf-8"))
    missing = [(key, s) for key, s in zip(keys, statements, strict=True) if key not in found]
    if missing:
        status, response = _node_linter({**request, "statements": [s for _, s in missing]})
        if status not in (0, 1) or "results" not in response:
            return status, response  # bad input: nothing to keep
        for (key, _), result in zip(missing, response["results"], strict=True):
            found[key] = result["diagnostics"]
            _store(key, result["diagnostics"])
    results = [{"name": s["name"], "diagnostics": found[key]} for key, s in zip(keys, statements, strict=True)]
    return (1 if any(r["diagnostics"] for r in results) else 0), {"results": results}


def _store(key: str, diagnostics: list[dict[str, Any]]) -> None:
    """Written whole or not at all: test workers running side by side may store the same key."""
    CACHE.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=CACHE, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(diagnostics, out)
    os.replace(temporary, CACHE / f"{key}.json")
