"""Every canned query answers the same on both backends over the same seeds, row for row.

The comparison itself is tested offline below; the parity tests run on the Neo4j server
DYADGRAPH_NEO4J_URI names (`make test` starts one), with the shipped seeds loaded into it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dyadgraph.backends.base import Backend
from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.config import Settings
from dyadgraph.load import load
from dyadgraph.queries import Catalogue, Query

from .conftest import MONGOLIA

# Values tried for a required string parameter: a state, and a relationship id the README cites.
REQUIRED_CANDIDATES = ("MNG", "MNG>TIE>CHN:comprehensive_strategic_partnership", "third-neighbor-policy")
SIGNIFICANT_DIGITS = 9


def normalize(value: Any) -> Any:
    """Floats to 9 significant digits (the engines may differ in the last bits); everything else as is."""
    if isinstance(value, float):
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    if isinstance(value, list | tuple):
        return [normalize(v) for v in value]
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in value.items()}
    return value


def _typed(value: Any) -> Any:
    """The value with each number's type made visible, so 3 and 3.0 differ as a JSON export would show."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return [type(value).__name__, value]
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    return repr(value)


def row_key(row: Any) -> str:
    return json.dumps(_typed(normalize(row)), sort_keys=True, ensure_ascii=False, default=repr)


def final_order_by(text: str) -> bool:
    """Whether the statement's last RETURN is followed by an ORDER BY, i.e. the row order is part of the answer."""
    code = "\n".join(line.split("//", 1)[0] for line in text.splitlines())
    returns = [m.end() for m in re.finditer(r"\bRETURN\b", code, flags=re.IGNORECASE)]
    return bool(returns) and re.search(r"\bORDER\s+BY\b", code[returns[-1] :], flags=re.IGNORECASE) is not None


def differences(embedded: list[Any], neo4j: list[Any], *, ordered: bool) -> str | None:
    """None when the rows agree; otherwise what differs, for the assertion message."""
    left, right = [row_key(r) for r in embedded], [row_key(r) for r in neo4j]
    if sorted(left) != sorted(right):
        only_left = sorted(set(left) - set(right))[:5]
        only_right = sorted(set(right) - set(left))[:5]
        return (
            f"{len(left)} rows embedded, {len(right)} on Neo4j;\n  only embedded: {only_left}\n"
            f"  only Neo4j: {only_right}"
        )
    if ordered and left != right:
        first = next(i for i, (a, b) in enumerate(zip(left, right, strict=True)) if a != b)
        return (
            f"same rows, different order from row {first} (the ORDER BY leaves ties?): {left[first]} vs {right[first]}"
        )
    return None


# ---------------------------------------------------------------- the comparison, offline


def test_the_same_rows_agree() -> None:
    rows = [("MNG", 1, 0.1 + 0.2, ["a", "b"], {"_label": "State", "id": "MNG"})]
    assert differences(rows, [("MNG", 1, 0.3, ["a", "b"], {"id": "MNG", "_label": "State"})], ordered=True) is None


def test_a_changed_value_is_reported() -> None:
    found = differences([("MNG", 1)], [("MNG", 2)], ordered=False)
    assert found is not None and "only embedded" in found and "only Neo4j" in found


def test_an_integer_is_not_a_float() -> None:
    assert differences([("MNG", 3)], [("MNG", 3.0)], ordered=False) is not None


def test_order_counts_only_where_the_query_orders() -> None:
    a, b = [("A",), ("B",)], [("B",), ("A",)]
    assert differences(a, b, ordered=False) is None
    found = differences(a, b, ordered=True)
    assert found is not None and "different order from row 0" in found


def test_a_list_in_another_order_is_a_difference() -> None:
    assert differences([(["a", "b"],)], [(["b", "a"],)], ordered=False) is not None


def test_the_final_order_by_is_found() -> None:
    assert final_order_by("MATCH (s:State)\nRETURN s.id AS id\nORDER BY id")
    assert not final_order_by("MATCH (s:State)\nWITH s ORDER BY s.id\nRETURN s.id AS id")
    assert not final_order_by("// ORDER BY in a comment\nMATCH (s:State) RETURN s.id")


# ---------------------------------------------------------------- parity, live


@pytest.fixture(scope="module")
def backends(mongolia_db: Path, neo4j_server: Settings) -> Iterator[tuple[Backend, Backend]]:
    from dyadgraph.backends.neo4j import Neo4jBackend

    neo4j = Neo4jBackend.from_settings(neo4j_server)
    embedded = EmbeddedBackend(mongolia_db)
    try:
        load([MONGOLIA], neo4j)
        yield embedded, neo4j
    finally:
        embedded.close()
        neo4j.close()


def variants(query: Query) -> list[dict[str, Any]]:
    """The defaults; where a parameter is required, each candidate value of its type in turn."""
    required = [p for p in query.params if p.required]
    if not required:
        return [query.bind({})]
    found = []
    for candidate in REQUIRED_CANDIDATES:
        given = {p.name: candidate if p.type == "string" else p.example for p in required}
        found.append(query.bind(given))
    return found


@pytest.mark.neo4j
@pytest.mark.parametrize("name", [q.name for q in Catalogue()])
def test_every_canned_query_answers_the_same_on_both_backends(backends: tuple[Backend, Backend], name: str) -> None:
    embedded, neo4j = backends
    query = Catalogue().get(name)
    answered = False
    for parameters in variants(query):
        left = embedded.run_query(query, parameters)
        right = neo4j.run_query(query, parameters)
        assert left.columns == right.columns, parameters
        found = differences(left.values, right.values, ordered=final_order_by(neo4j.query_text(query)))
        assert found is None, f"{name} {parameters}: {found}"
        answered = answered or bool(left.values)
    assert answered, f"{name} returns no rows on the shipped seeds with {variants(query)}: the parity proves nothing"


@pytest.mark.neo4j
def test_both_backends_hold_the_same_graph(backends: tuple[Backend, Backend]) -> None:
    embedded, neo4j = backends
    assert embedded.counts() == neo4j.counts()
    datasets = "MATCH (d:Dataset) RETURN d.id AS id, d.version AS version, d.files AS files ORDER BY id"
    assert embedded.run(datasets).values == neo4j.run(datasets).values


# ------------------------------------------------- parity on imported events (issue 20)

IMPORTED_EVENTS = 10_000
# an imported event's participant, named by its derived id: why answers with its event's provenance
IMPORTED_CANDIDATES = ("MNG", "CHN", "2016-09-03-icews-1>INVOLVES>USA:initiator")


@pytest.fixture(scope="module")
def imported_backends(
    mongolia_db: Path, neo4j_server: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Backend, Backend]]:
    """The seeds plus the same 10,000 synthetic ICEWS events imported into each backend."""
    import shutil
    import sys

    from dyadgraph.backends.neo4j import Neo4jBackend
    from dyadgraph.imports import import_file

    from .conftest import ROOT

    directory = tmp_path_factory.mktemp("imported")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_events import write_events
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    events = directory / "events.tab"
    write_events(IMPORTED_EVENTS, events, seed=11)
    db = directory / "graph.kuzu"
    shutil.copyfile(mongolia_db, db)
    embedded = EmbeddedBackend(db)
    neo4j = Neo4jBackend.from_settings(neo4j_server)
    try:
        load([MONGOLIA], neo4j)
        for backend in (embedded, neo4j):
            import_file("icews", events, backend, batch_size=5000)
        yield embedded, neo4j
    finally:
        embedded.close()
        neo4j.close()


@pytest.mark.neo4j
@pytest.mark.parametrize("name", [q.name for q in Catalogue()])
def test_every_canned_query_answers_the_same_on_imported_events(
    imported_backends: tuple[Backend, Backend], name: str
) -> None:
    embedded, neo4j = imported_backends
    query = Catalogue().get(name)
    required = [p for p in query.params if p.required]
    tried = [query.bind({})] if not required else []
    for candidate in IMPORTED_CANDIDATES if required else ():
        tried.append(query.bind({p.name: candidate if p.type == "string" else p.example for p in required}))
    for parameters in tried:
        left = embedded.run_query(query, parameters)
        right = neo4j.run_query(query, parameters)
        assert left.columns == right.columns, parameters
        found = differences(left.values, right.values, ordered=final_order_by(neo4j.query_text(query)))
        assert found is None, f"{name} {parameters}: {found}"


@pytest.mark.neo4j
def test_an_imported_participant_is_explained_by_its_event_on_both_backends(
    imported_backends: tuple[Backend, Backend],
) -> None:
    embedded, neo4j = imported_backends
    query = Catalogue().get("why")
    parameters = query.bind({"id": IMPORTED_CANDIDATES[-1]})
    answer = embedded.run_query(query, parameters).values
    assert answer == neo4j.run_query(query, parameters).values
    fields = {field: value for element, field, value in answer if element == "INVOLVES"}
    assert fields["source"] == "icews"
    assert fields["locator"] == "events.tab line 2, Event ID 1, Story ID 900000000 sentence 2"
    assert embedded.counts() == neo4j.counts()
