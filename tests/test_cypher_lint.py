"""Every Neo4j statement the project sends passes Neo4j's own parser and semantic analysis."""

from __future__ import annotations

from typing import Any

import pytest

from dyadgraph_dev.lint import lint_request, lint_schema, run_linter

from .conftest import ROOT

pytestmark = pytest.mark.lint


@pytest.fixture(scope="module")
def linted() -> dict[str, list[dict[str, Any]]]:
    _, response = run_linter(lint_request())
    return {r["name"]: r["diagnostics"] for r in response["results"]}


def test_every_statement_is_clean(linted: dict[str, list[dict[str, Any]]]) -> None:
    dirty = {name: diagnostics for name, diagnostics in linted.items() if diagnostics}
    assert dirty == {}


def test_every_canned_query_was_linted(linted: dict[str, list[dict[str, Any]]]) -> None:
    names = {p.name for p in (ROOT / "cypher").glob("*.cypher") if not p.name.endswith(".kuzu.cypher")}
    assert {n.removeprefix("cypher/") for n in linted if n.startswith("cypher/")} == names


def test_the_linter_catches_what_the_ontology_lacks() -> None:
    """The check can fail: a misspelt label, property or parameter is reported."""
    request = {
        "schema": lint_schema(),
        "statements": [
            {"name": "label", "text": "MATCH (s:Stat) RETURN s.id"},
            {"name": "property", "text": "MATCH ()-[t:TIE]->() RETURN t.knd"},
            {"name": "parameter", "text": "MATCH (s:State {id: $id}) RETURN s.name"},
            {"name": "fine", "text": "MATCH (s:State {id: $id}) RETURN s.name", "parameters": {"id": "MNG"}},
        ],
    }
    status, response = run_linter(request)
    found = {r["name"]: [d["message"] for d in r["diagnostics"]] for r in response["results"]}
    assert status == 1
    assert found["fine"] == []
    assert all(found[name] for name in ("label", "property", "parameter")), found
