from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.cli import app
from dyadgraph.config import Settings
from dyadgraph.export.select import select
from dyadgraph.export.selection import Selection
from dyadgraph.export.subgraph import Subgraph
from dyadgraph.load import load

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"
MONGOLIA = ROOT / "seeds" / "mongolia"
PAPER = ROOT.parent / "shared" / "seed" / "huang2021-mongolia-china-policy.txt"
SERVER_SCRIPT = ROOT / "tools" / "neo4j-server" / "server"

# `make test` starts a Neo4j server (tools/neo4j-server/with-neo4j) and sets DYADGRAPH_NEO4J_URI.
NEO4J_SKIP = "no Neo4j server: set DYADGRAPH_NEO4J_URI (and _USER, _PASSWORD), or run `make test`"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under CI=true a Neo4j test that would skip fails instead: CI must not pass without Neo4j."""
    outcome: Any = yield
    report = outcome.get_result()
    if report.skipped and in_ci() and NEO4J_SKIP in str(report.longrepr):
        report.outcome = "failed"
        report.longrepr = (
            f"CI=true, and this Neo4j test would skip ({NEO4J_SKIP}); `make test` starts a server "
            "when Java 17 and Maven are installed"
        )


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Under pytest-xdist, a Neo4j test must run in the neo4j group: two workers replacing the graph
    on one server at once deadlock or see each other's graph. xdist marks a grouped test's id with
    @group (pytest 9.2 broke that: pytest-xdist#1386, hence the pin in pyproject.toml)."""
    grouped = getattr(item.config.option, "loadgroup", False)
    on_worker = hasattr(item.config, "workerinput")
    if on_worker and item.get_closest_marker("neo4j") is not None and not (grouped and item.nodeid.endswith("@neo4j")):
        pytest.fail(
            f"{item.nodeid} runs on a pytest-xdist worker outside the neo4j group: run with "
            "--dist loadgroup, and a pytest that pytest-xdist can group (pyproject.toml)",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def neo4j_server() -> Settings:
    """The live server's settings, with its database emptied at the start of each test module that
    uses it (one server for the whole run, no restart); the test skips when no server is named."""
    if not os.environ.get("DYADGRAPH_NEO4J_URI"):
        pytest.skip(NEO4J_SKIP)
    settings = Settings.from_env(backend="neo4j")
    clear_neo4j(settings)
    return settings


def clear_neo4j(settings: Settings) -> None:
    """Every node, relationship, constraint and index of the database gone, as on a new server."""
    import neo4j

    with (
        neo4j.GraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_password)) as driver,
        driver.session(database=settings.neo4j_database) as session,
    ):
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        for name in session.run("SHOW CONSTRAINTS YIELD name RETURN name").value():
            session.run(f"DROP CONSTRAINT `{name}`").consume()
        for name in session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name").value():
            session.run(f"DROP INDEX `{name}`").consume()


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A server of the test module's own (not the shared one), that its tests may stop, kill or
    import into: the environment for it (NEO4J_DIR, the ports, DYADGRAPH_NEO4J_URI and _PASSWORD)."""
    if not os.environ.get("DYADGRAPH_NEO4J_URI"):
        pytest.skip(NEO4J_SKIP)
    home = tmp_path_factory.mktemp("own-neo4j")
    env = {
        **os.environ,
        "NEO4J_DIR": str(home),
        "NEO4J_BOLT_PORT": "0",
        "NEO4J_HTTP_PORT": "0",
        "NEO4J_CONTENT_PORT": "0",
        "DYADGRAPH_NEO4J_PASSWORD": "own-server-password",
    }
    start_server(env)
    try:
        yield env
    finally:
        subprocess.run([SERVER_SCRIPT, "stop"], env=env, check=True, capture_output=True)


def start_server(env: dict[str, str]) -> None:
    done = subprocess.run([SERVER_SCRIPT, "start"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    state = Path(env["NEO4J_DIR"]) / "run" / "server.properties"
    env["DYADGRAPH_NEO4J_URI"] = next(
        line.split("=", 1)[1] for line in state.read_text().splitlines() if line.startswith("bolt=")
    )


def own_settings(env: dict[str, str]) -> Settings:
    uri, password = env["DYADGRAPH_NEO4J_URI"], env["DYADGRAPH_NEO4J_PASSWORD"]
    return Settings(backend="neo4j", neo4j_uri=uri, neo4j_password=password)


def pytest_itemcollected(item: pytest.Item) -> None:
    """A test that uses the live server (the neo4j_server fixture) is marked neo4j, so that `-m "not
    neo4j"` leaves it out; with pytest-xdist, those tests run on one worker, one after another:
    they replace the dyadgraph graph on that one server. (Marked as each test is collected:
    pytest-xdist reads the group in its own pytest_collection_modifyitems, which runs before a
    conftest's.)"""
    live = {"neo4j_server", "own_server"} & set(getattr(item, "fixturenames", ()))
    if live and item.get_closest_marker("neo4j") is None:
        item.add_marker(pytest.mark.neo4j)
    if item.get_closest_marker("neo4j") is not None:
        item.add_marker(pytest.mark.xdist_group("neo4j"))


@pytest.fixture(autouse=True)
def problems_follow_the_catalogue(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every problem any test makes (bad inputs, imports, the readers' property tests) has a message
    of its type's templates in errors.PROBLEM_TYPES, which the README lists as the contract."""
    from dyadgraph.errors import PROBLEM_TYPE, Report

    add = Report.add
    strays: list[str] = []

    def checked(self: Report, type: str, message: str, *args: Any, **kwargs: Any) -> None:
        add(self, type, message, *args, **kwargs)
        if not PROBLEM_TYPE[type].matches(message):
            strays.append(f"[{type}] {message}")

    monkeypatch.setattr(Report, "add", checked)
    yield
    assert strays == [], "messages outside their type's templates in errors.PROBLEM_TYPES"


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test touches the user's default database or a Neo4j server by accident."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("DYADGRAPH_DB", raising=False)
    monkeypatch.delenv("DYADGRAPH_BACKEND", raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner):  # type: ignore[no-untyped-def]
    def run(*args: str | Path):  # type: ignore[no-untyped-def]
        return runner.invoke(app, [str(a) for a in args])

    return run


@pytest.fixture
def tiny_db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "tiny.kuzu"
    backend = EmbeddedBackend(path, create=True)
    load([TINY], backend)
    backend.close()
    yield path


@pytest.fixture(scope="session")
def mongolia_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped dataset, loaded once for all the tests that only read it."""
    path = tmp_path_factory.mktemp("mongolia") / "graph.kuzu"
    backend = EmbeddedBackend(path, create=True)
    load([MONGOLIA], backend)
    backend.close()
    return path


def subgraph(db: Path, **selection: Any) -> Subgraph:
    """What `dyadgraph export` selects from the database at `db` (Selection's fields as keywords)."""
    backend = EmbeddedBackend(db)
    try:
        return select(backend, Selection(**selection))
    finally:
        backend.close()


def rows(db: Path, text: str, **parameters: object) -> list[dict[str, object]]:
    backend = EmbeddedBackend(db)
    try:
        return backend.run(text, parameters).rows()
    finally:
        backend.close()


def snapshot(db: Path) -> tuple[list[str], list[str]]:
    """Everything a reader can see, in a stable order: every node and relationship with its properties."""
    backend = EmbeddedBackend(db)
    try:
        nodes = backend.run("MATCH (n) RETURN n").rows()
        relationships = backend.run("MATCH ()-[r]->() RETURN r").rows()
    finally:
        backend.close()
    return sorted(map(_canonical, nodes)), sorted(map(_canonical, relationships))


def _canonical(row: dict[str, object]) -> str:
    import json

    return json.dumps(row, sort_keys=True, ensure_ascii=False)
