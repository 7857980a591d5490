"""POLECAT, COW Diplomatic Exchange and COW Formal Alliances imported into both engines give the
same graph and the same canned-query rows: the ties and events, `why` on them, `sources-for` a
dyad, and the queries that use them (live Neo4j: `make test`, or tools/neo4j-server/with-neo4j)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from dyadgraph.backends.base import Backend
from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.config import Settings
from dyadgraph.imports import import_file
from dyadgraph.load import load
from dyadgraph.queries import Catalogue

from .conftest import TINY
from .test_imports_datasets import ALLIANCE, DIPLOMATIC, DIRECTED, POLECAT
from .test_parity import differences, final_order_by

pytestmark = pytest.mark.neo4j

IMPORTS = (("cow-diplomatic", DIPLOMATIC), ("cow-alliance", ALLIANCE), ("polecat", POLECAT))


@pytest.fixture(scope="module")
def backends(tmp_path_factory: pytest.TempPathFactory, neo4j_server: Settings) -> Iterator[tuple[Backend, Backend]]:
    from dyadgraph.backends.neo4j import Neo4jBackend

    embedded = EmbeddedBackend(tmp_path_factory.mktemp("imports") / "tiny.kuzu", create=True)
    neo4j = Neo4jBackend.from_settings(neo4j_server)
    try:
        for backend in (embedded, neo4j):
            load([TINY], backend)
            for fmt, path in IMPORTS:
                import_file(fmt, path, backend)
        yield embedded, neo4j
    finally:
        embedded.close()
        neo4j.close()


def same(backends: tuple[Backend, Backend], text: str, **parameters: Any) -> list[Any]:
    embedded, neo4j = backends
    left, right = embedded.run(text, parameters).values, neo4j.run(text, parameters).values
    assert differences(left, right, ordered=True) is None
    return left


def test_the_imports_give_the_same_ties_and_events(backends: tuple[Backend, Backend]) -> None:
    ties = same(
        backends,
        "MATCH (a:State)-[t:TIE]->(b:State) WHERE t.source IN ['cow-diplomatic', 'cow-alliance'] "
        "RETURN a.id, b.id, t.id, t.kind, t.since, t.until, t.year_from, t.year_to, t.date_precision, "
        "t.description, t.locator ORDER BY t.id",
    )
    assert len(ties) == 17 + 3
    events = same(
        backends,
        "MATCH (e:Event) WHERE e.source = 'polecat' OPTIONAL MATCH (e)-[r:INVOLVES]->(s:State) "
        "RETURN e.id, e.title, e.quad, e.goldstein, e.plover_type, e.plover_mode, e.plover_context, e.locator, "
        "r.role, s.id ORDER BY e.id, r.role",
    )
    assert len({row[0] for row in events}) == 7
    assert same(backends, "MATCH (d:Dataset) RETURN d.id, d.version ORDER BY d.id") != []


def test_a_reimported_ties_file_replaces_its_ties_on_both(backends: tuple[Backend, Backend]) -> None:
    for backend in backends:
        import_file("cow-alliance", DIRECTED, backend)
    ids = same(backends, "MATCH ()-[t:TIE]->() WHERE t.source = 'cow-alliance' RETURN t.id ORDER BY t.id")
    assert [row[0] for row in ids][-1] == "USA>TIE>MNG:nonaggression_pact:1990:alliance-1004"
    for backend in backends:
        import_file("cow-alliance", ALLIANCE, backend)
    assert len(same(backends, "MATCH ()-[t:TIE]->() WHERE t.source = 'cow-alliance' RETURN t.id")) == 3


CASES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("why", {"id": "RUS>TIE>MNG:defense_pact:1936-03-12:alliance-1001"}),
    ("why", {"id": "USA>TIE>MNG:embassy_charge:1990"}),
    ("why", {"id": "2023-01-07-polecat-P0003.2"}),
    ("why", {"id": "MNG>TIE>CHN:strategic_partnership"}),
    ("sources-for", {"id": "MNG", "partner": "CHN"}),
    ("sources-for", {"id": "MNG", "partner": "RUS"}),
    ("sources-for", {"id": "MNG"}),
    ("ties-as-of", {"focal": "MNG", "year": 1938}),
    ("ties-as-of", {"focal": "MNG", "year": 2000}),
    ("ties-as-of", {"focal": "MNG", "year": 2000, "paper_dates": True, "undated": True}),
    ("partnership-ladder", {"focal": "MNG"}),
    ("asymmetric-dyads", {"indicator": "gdp_current_usd", "year": 2020}),
    ("cooperation-conflict", {"focal": "MNG"}),
    ("cooperation-conflict", {"focal": ""}),
)


@pytest.mark.parametrize(("name", "parameters"), CASES, ids=[f"{n}-{'-'.join(map(str, p.values()))}" for n, p in CASES])
def test_the_canned_queries_answer_the_same_on_the_imports(
    backends: tuple[Backend, Backend], name: str, parameters: dict[str, Any]
) -> None:
    embedded, neo4j = backends
    query = Catalogue().get(name)
    bound = query.bind(parameters)
    left, right = embedded.run_query(query, bound), neo4j.run_query(query, bound)
    assert left.columns == right.columns
    assert left.values, f"{name} {parameters} returns no rows: the parity proves nothing"
    found = differences(left.values, right.values, ordered=final_order_by(neo4j.query_text(query)))
    assert found is None, f"{name} {parameters}: {found}"


def test_the_parity_cases_cover_the_imports(backends: tuple[Backend, Backend]) -> None:
    """The cases above do see the imported rows: a dataset's key among the sources of each."""
    embedded, _ = backends
    cited = {
        source
        for name, parameters in CASES
        for row in embedded.run_query(Catalogue().get(name), Catalogue().get(name).bind(parameters)).values
        for source in (row if isinstance(row, tuple) else ())
        if source in ("cow-diplomatic", "cow-alliance", "polecat")
    }
    assert cited == {"cow-diplomatic", "cow-alliance", "polecat"}
