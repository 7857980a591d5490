"""Neo4j's failures without a server, through the fake driver: each is one line on stderr,
exit code 1, and the password never appears, not even in a --debug traceback."""

from __future__ import annotations

import traceback
from typing import Any

import neo4j
import pytest
from neo4j import exceptions

from .conftest import TINY
from .fake_neo4j import FakeDriver, Store

PASSWORD = "s3cret-Pa55word-never-shown"
URI = "bolt://graph.example:7687"
HINT = "is the server running? `make neo4j`, or `docker compose up -d --wait`"
UNREACHABLE = f"cannot reach Neo4j at {URI}: ServiceUnavailable ({HINT})"


def server_error(code: str, message: str) -> exceptions.Neo4jError:
    # How the driver builds the error it raises from the server's failure message.
    return exceptions.Neo4jError._hydrate_neo4j(code=code, message=message)


class RefusingDriver(FakeDriver):
    """Connects, then fails every statement with `error`, as a server or a broken link would."""

    def __init__(self, error: Exception):
        super().__init__()
        self.error = error

    def answer(self, store: Store, text: str, parameters: dict[str, Any]) -> Any:
        self.statements.append(text)
        raise self.error


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Settings for a server at URI; serve(driver) makes neo4j.GraphDatabase.driver return it."""
    monkeypatch.setenv("DYADGRAPH_NEO4J_URI", URI)
    monkeypatch.setenv("DYADGRAPH_NEO4J_PASSWORD", PASSWORD)
    monkeypatch.delenv("DYADGRAPH_NEO4J_USER", raising=False)
    monkeypatch.delenv("DYADGRAPH_NEO4J_DATABASE", raising=False)
    calls: list[tuple[str, Any]] = []

    def start(driver: FakeDriver) -> list[tuple[str, Any]]:
        def make(uri: str, auth: Any = None, **config: Any) -> FakeDriver:
            calls.append((uri, auth))
            return driver

        monkeypatch.setattr(neo4j.GraphDatabase, "driver", make)
        return calls

    return start


def assert_one_line_without_password(invoke, args: list[str], expected: str) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--backend", "neo4j", *args)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {expected}\n"
    assert PASSWORD not in result.output
    debug = invoke("--debug", "--backend", "neo4j", *args)
    assert debug.exit_code == 1
    assert str(debug.exception) == expected
    assert PASSWORD not in "".join(traceback.format_exception(*debug.exc_info)) + debug.output


def test_an_unreachable_server(invoke, serve) -> None:  # type: ignore[no-untyped-def]
    driver = FakeDriver(connect_error=exceptions.ServiceUnavailable("Couldn't connect to graph.example:7687"))
    calls = serve(driver)
    assert_one_line_without_password(invoke, ["stats"], UNREACHABLE)
    assert calls[0] == (URI, ("neo4j", PASSWORD))
    assert driver.closed


def test_a_wrong_password(invoke, serve) -> None:  # type: ignore[no-untyped-def]
    driver = FakeDriver(connect_error=exceptions.AuthError("The client is unauthorized due to authentication failure."))
    serve(driver)
    expected = (
        f"Neo4j at {URI} refused the user 'neo4j' or its password (DYADGRAPH_NEO4J_USER / DYADGRAPH_NEO4J_PASSWORD)"
    )
    assert_one_line_without_password(invoke, ["stats"], expected)
    assert driver.closed


def test_a_wrong_database_name_is_named_before_anything_runs(invoke, serve, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DYADGRAPH_NEO4J_DATABASE", "grahp")
    driver = RefusingDriver(server_error("Neo.ClientError.Database.DatabaseNotFound", "Database does not exist: grahp"))
    serve(driver)
    expected = f"Neo4j at {URI} has no database 'grahp' (DYADGRAPH_NEO4J_DATABASE)"
    assert_one_line_without_password(invoke, ["load", str(TINY)], expected)
    assert driver.statements == ["RETURN 1", "RETURN 1"]  # the check, in each of the two runs; no load
    assert driver.closed


def test_a_server_too_old(invoke, serve) -> None:  # type: ignore[no-untyped-def]
    driver = FakeDriver(agent="Neo4j/4.4.0")
    serve(driver)
    assert_one_line_without_password(invoke, ["stats"], f"Neo4j 4.4 at {URI} is too old; dyadgraph needs 5.0 or newer")
    assert driver.closed


def test_a_load_that_loses_the_server(invoke, serve) -> None:  # type: ignore[no-untyped-def]
    serve(RefusingDriver(exceptions.ServiceUnavailable("connection reset by peer")))
    expected = f"Neo4j refused the load, nothing was changed: {UNREACHABLE}"
    assert_one_line_without_password(invoke, ["load", str(TINY)], expected)


def test_a_load_refused_midway_leaves_the_server_graph_as_it_was(invoke, serve) -> None:  # type: ignore[no-untyped-def]
    driver = FakeDriver()
    serve(driver)
    assert invoke("--backend", "neo4j", "load", TINY).exit_code == 0
    before = driver.store.nodes, driver.store.rels
    driver.fail_on_batch = driver.batches + 5  # the fifth batch of the next load: after the delete and some writes
    result = invoke("--backend", "neo4j", "load", TINY)
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Neo4j refused the load, nothing was changed: Neo4j: injected failure\n",
    )
    assert (driver.store.nodes, driver.store.rels) == before


def test_a_write_in_a_read_session_is_refused(invoke, serve) -> None:  # type: ignore[no-untyped-def]
    serve(
        RefusingDriver(server_error("Neo.ClientError.Statement.AccessMode", "Writing in read access mode not allowed"))
    )
    assert_one_line_without_password(
        invoke,
        ["cypher", "CREATE (:State {id: 'XXX'})"],
        "refused: this statement writes, and the session is READ access; add --write to allow writes",
    )


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        (
            f"bolt://neo4j:{PASSWORD}@graph.example:7687",
            "bad Neo4j URI 'bolt://***@graph.example:7687': put the user and password in DYADGRAPH_NEO4J_USER "
            "and DYADGRAPH_NEO4J_PASSWORD, not in the URI",
        ),
        (
            "http://graph.example:7474",
            "bad Neo4j URI 'http://graph.example:7474' (DYADGRAPH_NEO4J_URI): it starts with one of bolt://, "
            "bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc://",
        ),
    ],
)
def test_a_bad_uri_is_refused_before_the_driver_sees_it(invoke, serve, monkeypatch, uri: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DYADGRAPH_NEO4J_URI", uri)
    calls = serve(FakeDriver())
    assert_one_line_without_password(invoke, ["stats"], expected)
    assert calls == []


def test_no_password(invoke, serve, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("DYADGRAPH_NEO4J_PASSWORD")
    calls = serve(FakeDriver())
    result = invoke("--backend", "neo4j", "stats")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: set DYADGRAPH_NEO4J_PASSWORD (the password is read from the environment only)\n",
    )
    assert calls == []
