"""All or nothing under faults: a load SIGKILLed at any point leaves the previous graph whole
and usable; readers during loads see the old graph or the new one, never a mix; a second
loader is told the database is busy. Loads run in real processes (`python -m dyadgraph`),
stopped or killed at named points by the test hook in dyadgraph.backends.embedded."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from dyadgraph.backends.embedded import FAULT_POINTS, EmbeddedBackend
from dyadgraph.load import load

from .conftest import TINY, snapshot

pytestmark = pytest.mark.slow

EXTRA_STATES = 2000  # enough rows for the bulk COPY path as well as CREATE
READER = """
import sys
from pathlib import Path
from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.errors import DyadgraphError

db, stop = Path(sys.argv[1]), Path(sys.argv[2])
while not stop.exists():
    try:
        backend = EmbeddedBackend(db)
        try:
            nodes = backend.run("MATCH (n) RETURN count(n)").values[0][0]
            relationships = backend.run("MATCH ()-[r]->() RETURN count(r)").values[0][0]
        finally:
            backend.close()
        print(nodes, relationships, flush=True)
    except DyadgraphError as exc:
        print("error:", exc, flush=True)
"""


@dataclass
class SeedSet:
    directory: Path
    loaded: Path  # a database holding exactly this graph
    identity: tuple[list[tuple[str, str]], list[str]]

    @property
    def counts(self) -> str:
        return f"{len(self.identity[0])} {len(self.identity[1])}"


@pytest.fixture(scope="module")
def seed_sets(tmp_path_factory: pytest.TempPathFactory) -> tuple[SeedSet, SeedSet]:
    """Two graphs a database can hold: the tiny one, and a larger one loaded partly by COPY."""
    base = tmp_path_factory.mktemp("seeds")
    small, large = base / "small", base / "large"
    shutil.copytree(TINY, small)
    shutil.copytree(TINY, large)
    with (large / "State.csv").open("a", encoding="utf-8") as states, (large / "TIE.csv").open("a") as ties:
        for i in range(EXTRA_STATES):
            states.write(f"X{i:04d},State {i},,,,,huang2021,,,\n")
            ties.write(f"MNG,X{i:04d},diplomatic_relations,2000,,paper,year,,,huang2021,,,\n")
    sets = []
    for directory in (small, large):
        reference = base / f"{directory.name}.kuzu"
        load_into(reference, directory)
        sets.append(SeedSet(directory, reference, identity(reference)))
    return sets[0], sets[1]


def identity(db: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """Every node's label and id and every relationship's id: which graph a database holds."""
    backend = EmbeddedBackend(db)
    try:
        nodes = sorted((str(label), str(id_)) for label, id_ in backend.run("MATCH (n) RETURN label(n), n.id").values)
        relationships = sorted(str(row[0]) for row in backend.run("MATCH ()-[r]->() RETURN r.id").values)
    finally:
        backend.close()
    return nodes, relationships


def holding(db: Path, small: SeedSet) -> Path:
    """A database that holds the small graph, as a load would have left it."""
    shutil.copyfile(small.loaded, db)
    return db


def load_into(db: Path, seeds: Path) -> None:
    backend = EmbeddedBackend(db, create=True)
    try:
        load([seeds], backend)
    finally:
        backend.close()


def dyadgraph(*args: str | Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "dyadgraph", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )


def finished(*args: str | Path, **env: str) -> tuple[int, str]:
    process = dyadgraph(*args, **env)
    _, stderr = process.communicate()
    return process.returncode, stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def which_graph(db: Path, small: SeedSet, large: SeedSet) -> str:
    found = identity(db)
    return "small" if found == small.identity else "large" if found == large.identity else "partial"


@pytest.mark.parametrize("point", FAULT_POINTS)
def test_a_load_killed_at_any_point_leaves_a_whole_usable_graph(
    point: str, seed_sets: tuple[SeedSet, SeedSet], tmp_path: Path
) -> None:
    small, large = seed_sets
    db = holding(tmp_path / "graph.kuzu", small)
    before = digest(db)

    killed = dyadgraph("--db", db, "load", large.directory, DYADGRAPH_FAULT_KILL_AT=point)
    killed.communicate()

    assert killed.returncode == -signal.SIGKILL
    # Until the rename the previous database is untouched, byte for byte; after it, the new one is whole.
    assert which_graph(db, small, large) == ("large" if point == "after-rename" else "small")
    if point != "after-rename":
        assert digest(db) == before
        assert snapshot(db) == snapshot(small.loaded)
    build = f"graph.kuzu.loading-{killed.pid}"
    assert {p.name for p in tmp_path.iterdir()} <= {"graph.kuzu", "graph.kuzu.lock", build, build + ".wal"}

    load_into(db, small.directory)
    assert which_graph(db, small, large) == "small"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.kuzu", "graph.kuzu.lock"]


@pytest.mark.parametrize("point", ["after-lock", "after-nodes", "before-rename", "after-rename"])
def test_while_a_load_is_held_readers_see_a_whole_graph_and_other_writers_are_told_busy(
    point: str, seed_sets: tuple[SeedSet, SeedSet], tmp_path: Path
) -> None:
    small, large = seed_sets
    db = holding(tmp_path / "graph.kuzu", small)
    loader = dyadgraph("--db", db, "load", large.directory, DYADGRAPH_FAULT_STOP_AT=point)
    _, status = os.waitpid(loader.pid, os.WUNTRACED)
    assert os.WIFSTOPPED(status), f"the loader ended before {point}: {status}"
    try:
        assert which_graph(db, small, large) == ("large" if point == "after-rename" else "small")
        busy = f"Error: database is busy: another dyadgraph process is writing {db}\n"
        assert finished("--db", db, "load", small.directory) == (1, busy)
        assert finished("--db", db, "cypher", "MATCH (s:State) SET s.name = 'x' RETURN s.id", "--write") == (1, busy)
        assert which_graph(db, small, large) == ("large" if point == "after-rename" else "small")
    finally:
        loader.send_signal(signal.SIGCONT)
    _, stderr = loader.communicate()
    assert loader.returncode == 0, stderr
    assert which_graph(db, small, large) == "large"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.kuzu", "graph.kuzu.lock"]


def test_readers_during_loads_see_the_old_graph_or_the_new_one(
    seed_sets: tuple[SeedSet, SeedSet], tmp_path: Path
) -> None:
    small, large = seed_sets
    db, stop = holding(tmp_path / "graph.kuzu", small), tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db), str(stop)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout is not None
        seen = [reader.stdout.readline().strip()]  # the reader is reading before the first load begins
        for seeds in (large, small) * 2:
            load_into(db, seeds.directory)
    finally:
        stop.touch()
    rest, errors = reader.communicate()
    seen += rest.splitlines()
    assert reader.returncode == 0, errors
    assert set(seen) <= {small.counts, large.counts}, sorted(set(seen) - {small.counts, large.counts})
