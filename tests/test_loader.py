"""The loader is idempotent and all or nothing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.errors import ValidationFailed
from dyadgraph.load import load, read_seeds
from dyadgraph.schema import NODES, RELATIONSHIPS, kuzu_ddl, neo4j_schema

from .conftest import TINY, rows

EVERYTHING = "MATCH (n) RETURN n ORDER BY n.id"
EVERY_RELATIONSHIP = "MATCH ()-[r]->() RETURN r ORDER BY r.id"


def snapshot(db: Path) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    return rows(db, EVERYTHING), rows(db, EVERY_RELATIONSHIP)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_schema_is_declared_once_and_both_engines_derive_from_it() -> None:
    ddl = kuzu_ddl()
    assert [s.split()[3] for s in ddl] == [n.name for n in NODES] + [r.name for r in RELATIONSHIPS]
    constraints = [s for s in neo4j_schema() if s.startswith("CREATE CONSTRAINT")]
    assert [s.split("(n:")[1].split(")")[0] for s in constraints] == [n.name for n in NODES]


def test_loading_twice_gives_the_same_graph(tiny_db: Path) -> None:
    first = snapshot(tiny_db)
    backend = EmbeddedBackend(tiny_db)
    load([TINY], backend)
    backend.close()
    assert snapshot(tiny_db) == first
    assert len(first[0]) == 21 and len(first[1]) == 26  # 20 seed nodes and the Dataset node


def test_bulk_copy_and_the_small_table_path_write_the_same_graph(tiny_db: Path, tmp_path: Path) -> None:
    graph, _ = read_seeds([TINY])
    copied = EmbeddedBackend(tmp_path / "copied.kuzu", create=True)
    copied.replace_graph(graph, copy_min_rows=0)
    copied.close()
    assert snapshot(tmp_path / "copied.kuzu") == snapshot(tiny_db)


def test_a_large_load_commits_statement_by_statement_to_the_same_graph(
    tiny_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loads of 100,000 rows or more run without one enclosing transaction, in Kùzu's default pool."""
    import dyadgraph.backends.embedded as embedded

    monkeypatch.setattr(embedded, "SMALL_LOAD_ROWS", 0)
    graph, _ = read_seeds([TINY])
    large = EmbeddedBackend(tmp_path / "large.kuzu", create=True)
    large.replace_graph(graph)
    large.close()
    assert snapshot(tmp_path / "large.kuzu") == snapshot(tiny_db)


def test_on_the_shipped_seeds_too_both_write_paths_agree_to_the_last_float(tmp_path: Path) -> None:
    """The small-table path sends every value as text and casts it back (floats, booleans, years)."""
    from dyadgraph.resources import shipped_seed_dirs

    from .conftest import snapshot as readable

    graph, _ = read_seeds(shipped_seed_dirs())
    for name, threshold in (("as-text.kuzu", 1_000_000), ("from-arrow.kuzu", 0)):
        backend = EmbeddedBackend(tmp_path / name, create=True)
        backend.replace_graph(graph, copy_min_rows=threshold)
        backend.close()
    assert readable(tmp_path / "as-text.kuzu") == readable(tmp_path / "from-arrow.kuzu")
    # Relationships written by CREATE made a 105 MB file of these 1,318 rows (benchmarks/README.md).
    assert (tmp_path / "as-text.kuzu").stat().st_size < 40 << 20
    values = rows(tmp_path / "as-text.kuzu", "MATCH ()-[m:MEASURED]->() RETURN m.value AS v")
    landlocked = rows(tmp_path / "as-text.kuzu", "MATCH (s:State {id: 'MNG'}) RETURN s.landlocked AS l")
    assert len(values) == graph.rel_counts()["MEASURED"] >= 14
    assert {type(r["v"]) for r in values} == {float} and landlocked == [{"l": True}]


def test_a_failing_load_leaves_the_database_exactly_as_it_was(tiny_db: Path, tmp_path: Path) -> None:
    before, file_before = snapshot(tiny_db), digest(tiny_db)
    broken = tmp_path / "broken"
    shutil.copytree(TINY, broken)
    (broken / "Event.csv").write_text(
        (TINY / "Event.csv").read_text(encoding="utf-8").replace(",1950,1950,", ",1950-13,1950,"), encoding="utf-8"
    )
    with pytest.raises(ValidationFailed) as failure:
        load([broken], EmbeddedBackend(tiny_db))
    assert "broken/Event.csv, line 2, column date" in str(failure.value)
    assert digest(tiny_db) == file_before
    assert snapshot(tiny_db) == before
    assert sorted(p.name for p in tiny_db.parent.glob("tiny.kuzu*")) == ["tiny.kuzu", "tiny.kuzu.lock"]


def test_an_engine_failure_during_the_write_also_leaves_the_database_as_it_was(tiny_db: Path) -> None:
    before = snapshot(tiny_db)
    graph, _ = read_seeds([TINY])
    graph.nodes["State"].append(dict(graph.nodes["State"][0]))  # a duplicate key only the engine notices
    with pytest.raises(Exception, match="refused the load"):
        EmbeddedBackend(tiny_db).replace_graph(graph)
    assert snapshot(tiny_db) == before
    assert not list(tiny_db.parent.glob("*.loading-*"))
