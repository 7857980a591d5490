"""Every canned query answers the same on both backends over the same seeds, row for row, for
each parameter set of tests/parity_cases.py; and a Kùzu variant is kept only where it is needed.

The comparison itself is tested offline below, and so is the need for each `cypher/<name>.kuzu.cypher`
(does the canonical text run on Kùzu with the variant's rows?); the parity tests run on the Neo4j
server DYADGRAPH_NEO4J_URI names (`make test` starts one), with the shipped seeds loaded into it.
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
from dyadgraph.errors import BackendError
from dyadgraph.load import load
from dyadgraph.lookup import ANY_NODE, ANY_RELATIONSHIP
from dyadgraph.queries import Catalogue
from dyadgraph.schema import NODES, RELATIONSHIPS

from .conftest import MONGOLIA
from .parity_cases import NODE_IDS, PARAMETER_SETS, RELATIONSHIP_IDS, parameter_sets

SIGNIFICANT_DIGITS = 9
VARIANTS = sorted(q.name for q in Catalogue() if q.kuzu_text is not None)


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


# ---------------------------------------------------------------- the parameter sets


def test_every_query_is_compared_with_several_parameter_sets() -> None:
    catalogue = Catalogue()
    assert set(PARAMETER_SETS) == {q.name for q in catalogue}
    for query in catalogue:
        sets = parameter_sets(query)  # binds each: a misspelt parameter or a value out of range fails here
        assert len({row_key(sorted(s.items())) for s in sets}) == len(sets) >= 4, query.name
        changed = {name for given in PARAMETER_SETS[query.name] for name in given}
        assert changed == {p.name for p in query.params}, f"{query.name}: every parameter takes another value"


def test_a_parameter_that_takes_any_id_takes_one_of_every_label() -> None:
    assert set(NODE_IDS) == {n.name for n in NODES}
    assert set(RELATIONSHIP_IDS) == {r.name for r in RELATIONSHIPS}
    for query in Catalogue():
        for kind, ids in ((ANY_NODE, NODE_IDS), (ANY_RELATIONSHIP, RELATIONSHIP_IDS)):
            takers = [p.name for p in query.params if kind in p.id_of]
            tried = {s[name] for s in parameter_sets(query) for name in takers}  # connection: a or b
            assert not takers or set(ids.values()) <= tried, f"{query.name}: {kind} ids of some labels untried"


def test_every_id_tried_names_what_it_stands_for(mongolia_db: Path) -> None:
    backend = EmbeddedBackend(mongolia_db)
    try:
        for label, node_id in NODE_IDS.items():
            assert backend.run(f"MATCH (n:{label} {{id: $id}}) RETURN count(n)", {"id": node_id}).values == [(1,)]
        for rel_type, rel_id in RELATIONSHIP_IDS.items():
            text = f"MATCH ()-[r:{rel_type}]->() WHERE r.id = $id RETURN count(r)"
            assert backend.run(text, {"id": rel_id}).values == [(1,)], rel_id
        for query in Catalogue():
            for parameters in parameter_sets(query):
                query.check_ids(backend, parameters)  # an id that names nothing raises
    finally:
        backend.close()


# ---------------------------------------------------------------- a variant must earn its place


@pytest.mark.parametrize("name", VARIANTS)
def test_a_kuzu_variant_is_kept_only_where_the_canonical_text_will_not_do(mongolia_db: Path, name: str) -> None:
    """Fails when the canonical (Neo4j) text runs on Kùzu and gives the variant's rows for every
    parameter set: then one text serves both engines and `cypher/<name>.kuzu.cypher` goes."""
    query = Catalogue().get(name)
    assert query.kuzu_text is not None
    backend = EmbeddedBackend(mongolia_db)
    try:
        for parameters in parameter_sets(query):
            try:
                canonical = backend.run(query.text, parameters)
            except BackendError as failure:
                if type(failure) is not BackendError:
                    raise  # the database, not the statement (busy, missing)
                return  # Kùzu cannot run the canonical text: the variant is needed
            variant = backend.run(query.kuzu_text, parameters)
            if canonical.columns != variant.columns:
                return
            if differences(canonical.values, variant.values, ordered=final_order_by(query.text)) is not None:
                return
    finally:
        backend.close()
    pytest.fail(
        f"Kùzu runs cypher/{name}.cypher and gives the rows of cypher/{name}.kuzu.cypher for every parameter "
        f"set of tests/parity_cases.py: delete the variant, one text serves both engines"
    )


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


@pytest.mark.neo4j
@pytest.mark.parametrize("name", [q.name for q in Catalogue()])
def test_every_canned_query_answers_the_same_on_both_backends(backends: tuple[Backend, Backend], name: str) -> None:
    embedded, neo4j = backends
    query = Catalogue().get(name)
    answered = 0
    for parameters in parameter_sets(query):
        left = embedded.run_query(query, parameters)
        right = neo4j.run_query(query, parameters)
        assert left.columns == right.columns, parameters
        found = differences(left.values, right.values, ordered=final_order_by(neo4j.query_text(query)))
        assert found is None, f"{name} {parameters}: {found}"
        answered += bool(left.values)
    assert answered >= 2, f"{name}: fewer than two parameter sets give rows on the seeds; the parity proves little"


@pytest.mark.neo4j
@pytest.mark.parametrize("name", VARIANTS)
def test_a_kuzu_variant_is_kept_only_where_neo4j_answers_it_otherwise(
    backends: tuple[Backend, Backend], name: str
) -> None:
    """Fails when Neo4j runs the Kùzu variant and gives the canonical text's rows for every parameter
    set: then the variant is valid Neo4j Cypher with the same answers, and can be the one text."""
    _, neo4j = backends
    query = Catalogue().get(name)
    assert query.kuzu_text is not None
    for parameters in parameter_sets(query):
        try:
            variant = neo4j.run(query.kuzu_text, parameters)
        except BackendError as failure:
            if type(failure) is not BackendError:
                raise  # the server, not the statement (connection lost)
            return  # not Neo4j Cypher: the variant is needed
        canonical = neo4j.run(query.text, parameters)
        if canonical.columns != variant.columns:
            return
        if differences(canonical.values, variant.values, ordered=final_order_by(query.text)) is not None:
            return
    pytest.fail(
        f"Neo4j runs cypher/{name}.kuzu.cypher and gives the rows of cypher/{name}.cypher for every parameter "
        f"set of tests/parity_cases.py: make the variant the one text for both engines"
    )


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
