"""Parameters are always passed as parameters: every canned query, given hostile strings,
treats them as data. The queries run on a read-write connection, so a string spliced into
the Cypher text would delete or change the graph; the graph must come out as it went in."""

from __future__ import annotations

from pathlib import Path

import kuzu
import pytest

from dyadgraph.backends.base import query_text
from dyadgraph.backends.embedded import DIALECT as EMBEDDED
from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.errors import ParameterError
from dyadgraph.load import load
from dyadgraph.queries import Catalogue

from .conftest import TINY, snapshot

HOSTILE = [
    "'}) DETACH DELETE n //",
    '"}) DETACH DELETE n //',
    "`) DETACH DELETE n //",
    "MNG' OR 1=1 //",
    "MNG'}) MATCH (n) DETACH DELETE n RETURN 1 AS x //",
    "MNG\\'; MATCH (n) DETACH DELETE n; //",
    "MNG\n// a comment\nMATCH (n) DETACH DELETE n",
    "$focal",
    "{id: 'MNG'}",
    "*/ MATCH (n) DETACH DELETE n /*",
    "MNG,CHN'; CREATE (:State {id: 'XXX', name: 'injected'}) //",
    "",
    " MNG ",
    "A" * 100_000,
    "'" * 10_000,
    "Монгол Улс",
    "蒙古國",
    "ᠮᠣᠩᠭᠣᠯ ᠤᠯᠤᠰ",
    "منغوليا",
    "\u202emng\u202c",
    "MNG\u200b",
    "🇲🇳",
    "e\u0301\u0301\u0301",
    "MNG\x00' DETACH DELETE n //",
]
NOT_TEXT = "MNG\udcff"  # what a command line with a byte that is not UTF-8 becomes in Python
CATALOGUE = Catalogue()
STRING_PARAMETERS = [(q.name, p.name) for q in CATALOGUE for p in q.params if p.type == "string"]
PLAIN_VALUES = {"string": "MNG", "int": 1, "float": 0.5, "bool": True}


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("hostile") / "tiny.kuzu"
    backend = EmbeddedBackend(db, create=True)
    load([TINY], backend)
    backend.close()
    return db


def test_every_canned_query_with_a_string_parameter_is_covered() -> None:
    with_strings = {q.name for q in CATALOGUE if any(p.type == "string" for p in q.params)}
    assert with_strings and with_strings == {name for name, _ in STRING_PARAMETERS}


@pytest.mark.parametrize(("name", "parameter"), STRING_PARAMETERS)
def test_hostile_strings_are_data_never_cypher(name: str, parameter: str, graph: Path) -> None:
    before = snapshot(graph)
    query = CATALOGUE.get(name)
    required = {p.name: PLAIN_VALUES[p.type] for p in query.params if p.required}
    text = query_text(query, EMBEDDED)
    # One read-write connection for all values: EmbeddedBackend.run(write=True) would open and
    # checkpoint the database once per statement, the same call with the same parameters.
    database = kuzu.Database(str(graph))
    connection = kuzu.Connection(database)
    try:
        for value in HOSTILE:
            connection.execute(text, query.bind({**required, parameter: value}))
    finally:
        connection.close()
        database.close()
    backend = EmbeddedBackend(graph)
    try:
        with pytest.raises(ParameterError, match=f"parameter '{parameter}' is not valid text"):
            backend.run(text, query.bind({**required, parameter: NOT_TEXT}))
    finally:
        backend.close()
    assert snapshot(graph) == before


def test_hostile_strings_through_the_command_line(invoke, graph: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(graph)
    for value in [*HOSTILE[:5], "A" * 100_000, "蒙古國"]:
        result = invoke("--db", graph, "cypher", "MATCH (s:State {id: $id}) RETURN s.name AS name", "-p", "id", value)
        assert (result.exit_code, result.stderr) == (0, ""), value[:40]
    # The command line refuses such bytes before any command sees them (the library's backends
    # refuse them as parameters, above).
    result = invoke("--db", graph, "query", "partnership-ladder", "-p", "focal", NOT_TEXT)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value: 'MNG\\udcff' holds bytes that are not UTF-8; dyadgraph reads its command line as "
        "UTF-8 text\n"
    )
    result = invoke("--db", graph, "cypher", "RETURN $x AS x", "-p", "x", "json:[1, 'a'")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: parameter 'x' is not valid JSON after 'json:': ")
    result = invoke("--db", graph, "cypher", "RETURN $x AS x", "-p", "x", "json:100000000000000000000")
    assert result.stderr == "Error: parameter 'x' is too large for a 64-bit integer: 100000000000000000000\n"
    assert snapshot(graph) == before
