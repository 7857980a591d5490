"""The embedded backend: Kùzu, one database file, no server.

Loads build a complete new database file beside the target and rename it into place,
so a reader sees the old graph or the new one and a failed load changes nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import (
    BackendError,
    DatabaseBusy,
    DatabaseUnreadable,
    ParameterError,
    WriteRefused,
)
from ..model import rows_table
from ..schema import NODES, REL_BY_NAME, REL_ID, kuzu_ddl
from . import base
from .base import Backend, Dialect, Result, Writer
from .kuzu_files import file_problem, open_problem, schema_gap, schema_problems
from .kuzu_write import EmbeddedWriter, copy_arrow, copy_relationships, create_nodes, pair_options

if TYPE_CHECKING:
    from ..model import Graph

# A COPY from Arrow costs Kùzu about 40 ms however few its rows (and needs pyarrow, and with
# it pandas, imported): tables below this size go to Kùzu as a parameter instead. Nodes are
# written with CREATE; relationships with COPY from an UNWIND of the parameter, because a
# relationship table filled by CREATE gets, at checkpoint, an index sized for a whole node
# group (about 2 MB per table and direction: the seeds' database was 105 MB and its close
# 0.3 s), where COPY sizes it to the rows (26 MB). COPY from UNWIND is slower for nodes.
COPY_MIN_ROWS = 2000
# A curated load of a few thousand rows: Kùzu's default buffer pool (most of the machine's
# memory) costs it about 90 ms to set up, and committing each of its 50-odd statements on its
# own another 90 (benchmarks/README.md), so it gets a small pool and one transaction. Larger
# loads keep the default pool, which a COPY of big tables needs, and a commit per statement.
SMALL_LOAD_ROWS = 100_000
SMALL_LOAD_BUFFER_POOL = 256 << 20

# A test hook, not a feature: tests/test_faults.py names one of these points in
# DYADGRAPH_FAULT_KILL_AT (or _STOP_AT) to SIGKILL (or SIGSTOP) a load right there, and so
# proves that a load killed anywhere leaves the previous database whole. Unset, it costs a
# dictionary lookup per point.
FAULT_POINTS = (
    "after-lock",
    "after-schema",
    "mid-nodes",
    "after-nodes",
    "after-relationships",
    "after-close",
    "before-rename",
    "after-rename",
)
FAULT_SIGNALS = {"DYADGRAPH_FAULT_KILL_AT": signal.SIGKILL, "DYADGRAPH_FAULT_STOP_AT": signal.SIGSTOP}


def fault_point(name: str) -> None:
    for variable, fault in FAULT_SIGNALS.items():
        if os.environ.get(variable) == name:
            os.kill(os.getpid(), fault)


@contextlib.contextmanager
def writer_lock(db: Path) -> Iterator[None]:
    """One writer at a time: a second loader fails at once instead of waiting or corrupting."""
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        handle = open(db.with_name(db.name + ".lock"), "w")  # noqa: SIM115 - closed below, after the unlock
    except OSError as exc:
        raise BackendError(f"cannot write beside the database {db}: {exc.strerror}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DatabaseBusy(f"database is busy: another dyadgraph process is writing {db}") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


DIALECT = Dialect("embedded", "label({})", "label({})", "id({})", "CAST({} AS INT64)", kuzu=True)


class EmbeddedBackend(Backend):
    name = "embedded"
    dialect = DIALECT

    def __init__(self, path: Path, *, create: bool = False):
        self.path = Path(path)
        self._database: Any = None
        self._connection_cache: Any = None
        problem = file_problem(self.path, create=create)
        if problem is not None:
            raise problem

    def _connection(self, *, read_only: bool) -> Any:
        """A connection, kept open for further reads; a write gets its own read-write one."""
        import kuzu

        if read_only and self._connection_cache is not None:
            return self._connection_cache
        self.close()
        try:
            self._database = kuzu.Database(str(self.path), read_only=read_only)
        except RuntimeError as exc:
            raise open_problem(str(exc), self.path) from None
        connection = kuzu.Connection(self._database)
        self._connection_cache = connection
        return connection

    def run(self, text: str, parameters: dict[str, Any] | None = None, *, write: bool = False) -> Result:
        sent = base.statement_parameters(text, parameters)
        if not write:
            return self._run(self._connection(read_only=True), text, sent)
        with writer_lock(self.path):
            try:
                connection = self._connection(read_only=False)
                before = _element_counts(connection)
                # One transaction, so that several statements (Kùzu runs `A; B; C`) are all or
                # nothing: without it, A and B stayed committed when C failed.
                _rows(connection, "BEGIN TRANSACTION")
                try:
                    result = self._run(connection, text, sent)
                except BaseException:
                    with contextlib.suppress(RuntimeError):  # Kùzu may have rolled back already
                        _rows(connection, "ROLLBACK")
                    raise
                _rows(connection, "COMMIT")
                result.changes = _changes(before, _element_counts(connection))
                return result
            finally:
                self.close()  # the next read opens read-only again, and the write is checkpointed

    def _run(self, connection: Any, text: str, parameters: dict[str, Any]) -> Result:
        """Run and read one statement (or several: the last one's rows), closing every result it made.

        Kùzu's QueryResult must be closed before its database: a result left to the garbage
        collector after the database closed crashed the process (exit 139, after the write had
        been committed), and so does reading a later result of several statements once the
        first is gone, since the first owns the rest. Results are therefore held until read, then
        closed last one first, and an engine error is raised outside the `except` block so that
        the traceback holding Kùzu's frame (and its results) is released while the database is open.
        """
        failure: Exception | None = None
        try:
            results = connection.execute(text, parameters)
        except RuntimeError as exc:
            failure = self._engine_failure(connection, str(exc))
        except (ValueError, TypeError) as exc:  # Kùzu converting a parameter it cannot type
            failure = ParameterError(f"Kùzu cannot take these parameters: {exc}")
        if failure is not None:
            raise failure
        if not isinstance(results, list):
            results = [results]
        try:
            last = results[-1]  # several statements: report the last one
            columns = last.get_column_names()
            rows = []
            while last.has_next():
                rows.append(tuple(_plain(value) for value in last.get_next()))
        finally:
            for each in reversed(results):
                each.close()
        return Result(columns, rows)

    def _engine_failure(self, connection: Any, message: str) -> Exception:
        if "read-only" in message:
            return WriteRefused(
                "refused: this statement writes, and the database is opened read-only; add --write to allow writes"
            )
        if "active transaction" in message:
            return BackendError(
                "a write runs in a transaction of its own (all of its statements or none): "
                "leave out BEGIN TRANSACTION and COMMIT"
            )
        if message.startswith("Binder exception: Table ") and message.endswith("does not exist."):
            # A statement naming a table this database lacks: the user's typo, or a database that
            # is not dyadgraph's (or is an older dyadgraph's), which is the thing to say.
            gap = schema_gap(self.path, _table_names(connection))
            if gap is not None:
                return DatabaseUnreadable(gap)
        return BackendError(f"Kùzu: {message}")

    def replace_graph(self, graph: Graph, *, batch_size: int = 1000, copy_min_rows: int = COPY_MIN_ROWS) -> None:
        import kuzu

        with self._building() as build:
            try:
                total = sum(graph.node_counts().values()) + sum(graph.rel_counts().values())
                small = total < SMALL_LOAD_ROWS
                database = kuzu.Database(str(build), buffer_pool_size=SMALL_LOAD_BUFFER_POOL if small else 0)
                connection = kuzu.Connection(database)
                if small:
                    connection.execute("BEGIN TRANSACTION")
                for statement in kuzu_ddl():
                    connection.execute(statement)
                fault_point("after-schema")
                for label in NODES:
                    rows = graph.nodes.get(label.name, [])
                    if len(rows) >= copy_min_rows:
                        copy_arrow(connection, label.name, rows_table(label.props, rows))
                    elif rows:
                        create_nodes(connection, label.name, label.props, rows)
                    if label is NODES[0]:
                        fault_point("mid-nodes")
                fault_point("after-nodes")
                for (type_name, from_label, to_label), rows in sorted(graph.rels.items()):
                    props = (REL_ID, *REL_BY_NAME[type_name].props)
                    options = pair_options(type_name, from_label, to_label)
                    if len(rows) >= copy_min_rows:
                        copy_arrow(connection, type_name, rows_table(props, rows, leading=("from", "to")), options)
                    else:
                        copy_relationships(connection, type_name, props, rows, options)
                if small:
                    connection.execute("COMMIT")
                fault_point("after-relationships")
                connection.close()
                database.close()
                fault_point("after-close")
                self._put_in_place(build)
            except RuntimeError as exc:
                raise BackendError(f"Kùzu refused the load: {exc}") from None
            except OSError as exc:
                raise BackendError(f"cannot write the database {self.path}: {exc.strerror}") from None

    @contextlib.contextmanager
    def amend(self, *, buffer_pool_bytes: int = 0) -> Iterator[Any]:
        """A read-write connection to a copy of the database (to a new empty graph where there is none).

        The copy replaces the database when the block ends and is thrown away when it raises, so
        additions to a graph are all or nothing like a load. buffer_pool_bytes bounds Kùzu's memory
        (0: its default, most of the machine's memory).
        """
        import shutil

        import kuzu

        with self._building() as build:
            try:
                self._checkpoint_existing()
                fresh = not self.path.exists()
                if not fresh:
                    shutil.copyfile(self.path, build)
                database = kuzu.Database(str(build), buffer_pool_size=buffer_pool_bytes)
                connection = kuzu.Connection(database)
                try:
                    for statement in kuzu_ddl() if fresh else ():
                        connection.execute(statement)
                    yield connection
                finally:
                    connection.close()
                    database.close()
                self._put_in_place(build)
            except RuntimeError as exc:
                raise BackendError(f"Kùzu refused the change, nothing was changed: {exc}") from None

    @contextlib.contextmanager
    def _building(self) -> Iterator[Path]:
        """Where a write builds the new database, beside the target and under the writer lock; the
        build and its WAL are removed when the block ends, so a failed write leaves nothing."""
        self.close()
        with writer_lock(self.path):
            fault_point("after-lock")
            build = self.path.with_name(f"{self.path.name}.loading-{os.getpid()}")
            try:
                try:
                    _remove_stale_builds(self.path)
                except OSError as exc:
                    raise BackendError(f"cannot write the database {self.path}: {exc.strerror}") from None
                yield build
            finally:
                for leftover in (build, build.with_name(build.name + ".wal")):
                    leftover.unlink(missing_ok=True)

    def _put_in_place(self, build: Path) -> None:
        """Rename a finished build over the database, durably: a reader sees the old file or the new."""
        _fsync(build)
        self._checkpoint_existing()
        fault_point("before-rename")
        os.replace(build, self.path)
        fault_point("after-rename")
        _fsync(self.path.parent)

    @contextlib.contextmanager
    def writer(self, *, purpose: str = "change", buffer_pool_bytes: int = 0, **options: Any) -> Iterator[Writer]:
        """A Writer on a copy of the database (`amend`), which replaces it when the block ends."""
        with self.amend(buffer_pool_bytes=buffer_pool_bytes) as connection:
            problems, _ = schema_problems(lambda text: _records(connection, text))
            if problems:
                raise BackendError(
                    f"the database's tables differ from this dyadgraph's schema ({'; '.join(problems)}): "
                    "run `dyadgraph load` to rebuild it, then try again"
                )
            yield EmbeddedWriter(connection)

    def _checkpoint_existing(self) -> None:
        """Fold a WAL left by a crashed writer into its own file, so it cannot replay onto the new one."""
        wal = self.path.with_name(self.path.name + ".wal")
        if wal.exists() and self.path.exists():
            import kuzu

            kuzu.Database(str(self.path)).close()
        wal.unlink(missing_ok=True)

    def close(self) -> None:
        if self._connection_cache is not None:
            self._connection_cache.close()
            self._connection_cache = None
        if self._database is not None:
            self._database.close()
            self._database = None


def _records(connection: Any, text: str) -> list[dict[str, Any]]:
    """A statement's rows as dicts, its result closed (see EmbeddedBackend._run)."""
    result = connection.execute(text)
    try:
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(dict(zip(columns, result.get_next(), strict=True)))
        return rows
    finally:
        result.close()


def _remove_stale_builds(path: Path) -> None:
    for stale in path.parent.glob(f"{path.name}.loading-*"):
        stale.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _rows(connection: Any, text: str) -> list[list[Any]]:
    """A statement's rows, its result closed (see EmbeddedBackend._run)."""
    result = connection.execute(text)
    try:
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return rows
    finally:
        result.close()


def _table_names(connection: Any) -> set[str]:
    return {str(row[0]) for row in _rows(connection, "CALL show_tables() RETURN name")}


def _element_counts(connection: Any) -> dict[str, int]:
    """Nodes per label and relationships per type ("State nodes", "TIE relationships")."""
    nodes = _rows(connection, "MATCH (n) RETURN label(n), count(*)")
    relationships = _rows(connection, "MATCH ()-[r]->() RETURN label(r), count(*)")
    counts = {f"{label} nodes": int(count) for label, count in nodes}
    return counts | {f"{type_name} relationships": int(count) for type_name, count in relationships}


def _changes(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """How a write changed the counts, per label: "State nodes added": 1, "TIE relationships removed": 2."""
    changes: dict[str, int] = {}
    for key in sorted(set(before) | set(after), key=lambda k: (k.endswith("relationships"), k)):
        difference = after.get(key, 0) - before.get(key, 0)
        if difference:
            changes[f"{key} {'added' if difference > 0 else 'removed'}"] = abs(difference)
    return changes


def _plain(value: Any) -> Any:
    """Kùzu's nodes, relationships and paths as the same plain values the Neo4j backend returns."""
    if isinstance(value, dict):
        if "_label" in value and "_id" in value and "_src" not in value:
            props = {k: v for k, v in value.items() if not k.startswith("_")}
            return base.plain_node(value["_label"], props)
        if "_src" in value and "_label" in value:
            props = {k: v for k, v in value.items() if not k.startswith("_")}
            return base.plain_relationship(value["_label"], props)
        if "_nodes" in value and "_rels" in value:
            return {"nodes": [_plain(n) for n in value["_nodes"]], "relationships": [_plain(r) for r in value["_rels"]]}
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        # Kùzu sums integers as INT128, which reaches Python as a Decimal; Neo4j returns an int.
        return int(value) if value == value.to_integral_value() else float(value)
    return value
