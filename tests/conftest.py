from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.cli import app
from dyadgraph.load import load

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"
MONGOLIA = ROOT / "seeds" / "mongolia"
PAPER = ROOT.parent / "shared" / "seed" / "huang2021-mongolia-china-policy.txt"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """With pytest-xdist, the tests of a live Neo4j server run on one worker, one after another:
    they replace the dyadgraph graph on that one server."""
    for item in items:
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
