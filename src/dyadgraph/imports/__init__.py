"""`dyadgraph import FORMAT FILE`: event and indicator datasets, merged into the graph all or nothing.

The file streams through its format's reader in Arrow blocks; rows gather until `copy_rows`
events (or values) are pending and are then written in one COPY each (Kùzu) or in UNWIND
batches (Neo4j). A larger batch is faster (every COPY into a non-empty table costs more than
the rows it adds) and a smaller one holds less memory. Any error in the file, or any failure of
the engine, leaves the database as it was: the embedded engine writes into a copy that is
renamed into place at the end, Neo4j into one transaction.

Imports add to the graph; `dyadgraph load` replaces the whole graph with the seeds, imports
included, so after a reload the imports are run again (each left a Dataset node naming its
file and the file's hash, to say which ones the graph held).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputRejected, Report
from .memory import MemoryTooSmall, Plan

if TYPE_CHECKING:
    import pyarrow as pa

    from ..backends.base import Backend, Writer
    from .arrow import Context
    from .registry import Format

# Events (or indicator values) per COPY, and Kùzu's buffer pool, when no memory budget is given
# (a library caller's; the command always plans them from one: memory.py).
COPY_ROWS = 500_000
BUFFER_POOL_BYTES = 1 << 30
BIBLIOGRAPHY = Path(__file__).with_name("sources.bib")

Progress = Callable[[str, int, int], None]  # (phase, bytes read, file size)


class ImportRejected(InputRejected):
    """A file with errors; nothing was imported."""

    def __init__(self, report: Report, path: Path):
        super().__init__(report, f"{path.name}; nothing was imported:")


@dataclass
class ImportSummary:
    format: str
    path: Path
    rows: int = 0
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0  # rows repeating an event (ICEWS: same Event ID and date) or a value
    already_present: int = 0  # events the graph held before
    without_state: int = 0  # events whose actors map to no state
    version: str = ""
    report: Report = field(default_factory=Report)
    seconds: float = 0.0


def import_file(
    fmt: str,
    path: Path,
    backend: Backend,
    *,
    copy_rows: int | None = None,
    batch_size: int = 1000,
    buffer_pool_bytes: int = BUFFER_POOL_BYTES,
    memory: int | None = None,
    progress: Progress | None = None,
    on_plan: Callable[[Plan], None] | None = None,
) -> ImportSummary:
    """Read `path` as `fmt` and add its rows to the graph; on any error raise and change nothing.

    With `memory` (bytes, the whole process's budget) Kùzu's buffer pool and the events per COPY
    (unless `copy_rows` is given) are planned from it, and an import that cannot fit raises
    MemoryTooSmall before anything is copied; `on_plan` hears the plan first."""
    from ..errors import ConfigError
    from .registry import get

    data_format = get(fmt)
    if not path.is_file():
        raise ConfigError(f"no file {path}")
    started = time.perf_counter()
    if memory is not None:
        chosen = memory_plan(data_format, path, backend, memory, copy_rows)
        if on_plan is not None:
            on_plan(chosen)
        if not chosen.fits:
            raise MemoryTooSmall(chosen.refusal())
        copy_rows, buffer_pool_bytes = chosen.copy_rows, chosen.buffer_pool
    copy_rows = copy_rows or COPY_ROWS
    options = {"buffer_pool_bytes": buffer_pool_bytes, "batch_size": batch_size}
    with backend.writer(purpose="import", **options) as writer:
        summary = _Import(data_format, path, writer, copy_rows, progress).run()
    summary.seconds = time.perf_counter() - started
    return summary


def memory_plan(data_format: Format, path: Path, backend: Backend, memory: int, copy_rows: int | None = None) -> Plan:
    """The plan for this file and graph: its rows counted from a sample, the graph's events
    counted by the engine (one count, not a read of the graph). Indicator values cost Kùzu far less
    than events (a few thousand Indicator and State nodes), and a Neo4j server's memory is not this
    process's, so these are planned for the pending Arrow tables alone."""
    from ..errors import DatabaseMissing
    from .memory import estimate_rows, plan

    if data_format.reads != "events" or backend.name != "embedded":  # a server's memory is its own
        return plan(memory, 0, 0, copy_rows)
    rows = estimate_rows(path)
    try:
        present = int(backend.run("MATCH (e:Event) RETURN count(e) AS events").values[0][0] or 0)
    except DatabaseMissing:  # the import makes the database
        present = 0
    return plan(memory, rows, present, copy_rows)


class _Import:
    def __init__(self, fmt: Format, path: Path, writer: Writer, copy_rows: int, progress: Progress | None):
        from .arrow import Context
        from .crosswalk import crosswalk

        self.format, self.path, self.writer, self.copy_rows = fmt, path, writer, copy_rows
        self.fmt = fmt.name
        self.progress = progress
        self.size = path.stat().st_size
        self.source = fmt.source
        self.ctx: Context = Context(path, crosswalk(), source=self.source)
        self.summary = ImportSummary(fmt.name, path, report=self.ctx.report)
        self.pending: dict[str, list[pa.Table]] = {}
        self.pending_rows = 0
        self.ensured: dict[str, set[str]] = {"State": set(), "Indicator": set()}
        self.done = 0

    def _count(self, counts: dict[str, int], name: str, n: int) -> None:
        counts[name] = counts.get(name, 0) + n

    def _tell(self, phase: str) -> None:
        if self.progress is not None:
            self.progress(phase, self.done, self.size)

    def _read(self, done: int) -> None:
        self.done = done
        self._tell("reading")

    def run(self) -> ImportSummary:
        import pyarrow as pa

        from .arrow import Stream

        self._count(self.summary.nodes, "Source", self.writer.ensure("Source", [self._source_row()]))
        stream = Stream(self.path, self._read)
        try:
            try:
                for tables in self.format.load()(stream, self.ctx):
                    if self.ctx.report.errors:
                        continue  # read on, to report every problem, but write nothing more
                    for name, table in tables.items():
                        self.pending.setdefault(name, []).append(table)
                        if name in ("Event", "MEASURED"):
                            self.pending_rows += table.num_rows
                    if self.pending_rows >= self.copy_rows:
                        self._flush()
            except pa.ArrowException as exc:  # what the CSV reader cannot parse at all (not UTF-8, ...)
                self.ctx.problem("malformed-file", f"cannot be read as {self.fmt}: {exc}")
            self.summary.version = stream.version()
        finally:
            stream.close()
        self.ctx.finish()
        if self.ctx.report.errors:
            raise ImportRejected(self.ctx.report, self.path)
        self._flush()
        self.summary.rows = self.ctx.rows
        self.summary.without_state = self.ctx.without_state
        dataset = {
            "id": f"{self.fmt}:{self.path.name}",
            "name": self.path.name,
            "version": self.summary.version,
            "files": 1,
        }
        self.writer.upsert("Dataset", dataset)
        return self.summary

    def _source_row(self) -> dict[str, Any]:
        from ..load.bib import read_bibtex

        report = Report()
        rows = {row["id"]: row for row in read_bibtex(BIBLIOGRAPHY, report).rows}
        assert report.ok, report.errors
        return rows[self.source]

    def _flush(self) -> None:
        """Write what is pending: the nodes it points to first, then one COPY per table."""
        import pyarrow as pa
        import pyarrow.compute as pc

        new_states = [row for key, row in self.ctx.states.items() if key not in self.ensured["State"]]
        self._count(self.summary.nodes, "State", self.writer.ensure("State", new_states))
        self.ensured["State"].update(row["id"] for row in new_states)
        new_indicators = [row for key, row in self.ctx.indicators.items() if key not in self.ensured["Indicator"]]
        if new_indicators:
            self._count(self.summary.nodes, "Indicator", self.writer.ensure("Indicator", new_indicators))
            # a re-import replaces the dataset's values of these indicators, so it is idempotent
            self.writer.clear_measured([row["id"] for row in new_indicators], self.source)
            self.ensured["Indicator"].update(row["id"] for row in new_indicators)
        pending, self.pending, self.pending_rows = self.pending, {}, 0
        self._tell(f"writing {sum(t.num_rows for tables in pending.values() for t in tables):,} rows")
        # Each table is dropped as soon as it is written and Arrow's freed memory handed back,
        # so that the engine's memory for the next COPY adds to as little as possible.
        if "Event" in pending:
            events = pa.concat_tables(pending.pop("Event"))
            read = events.num_rows
            events = self._first_events(events)
            release_memory()  # what reading the blocks left behind
            rows = events.column("_row")
            added = self.writer.append_new("Event", events.drop_columns(["_row"]))
            del events
            added_rows = rows.filter(added)
            self._count(self.summary.nodes, "Event", len(added_rows))
            self.summary.already_present += len(rows) - len(added_rows)
            release_memory()
            involves = pa.concat_tables(pending.pop("INVOLVES"))
            if len(added_rows) < read:  # filtering copies every column: only when a row goes
                involves = involves.filter(pc.is_in(involves.column("_row"), value_set=added_rows))
            self.writer.append("INVOLVES", involves.drop_columns(["_row"]))
            self._count(self.summary.relationships, "INVOLVES", involves.num_rows)
            del involves
        if "MEASURED" in pending:
            measured = self._new_values(pa.concat_tables(pending.pop("MEASURED")))
            self.writer.append("MEASURED", measured)
            self._count(self.summary.relationships, "MEASURED", measured.num_rows)
            del measured
        release_memory()

    def _first_events(self, events: pa.Table) -> pa.Table:
        """The first row of each event id in the batch (the graph's own are left out as they are copied)."""
        import pyarrow.compute as pc

        first = _first_occurrences(events.column("id").combine_chunks())
        kept = int(pc.sum(first).as_py() or 0)
        self.summary.duplicates += events.num_rows - kept
        return events if kept == events.num_rows else events.filter(first)

    def _new_values(self, measured: pa.Table) -> pa.Table:
        """One value per state, indicator and year: a repeat is left out and reported."""
        import pyarrow.compute as pc

        ids = measured.column("id").combine_chunks()
        first = _first_occurrences(ids)
        repeats = len(ids) - int(pc.sum(first).as_py() or 0)
        if repeats:
            self.summary.duplicates += repeats
            self.ctx.report.add(
                "duplicate-value",
                f"{repeats} value(s) repeat a state, indicator and year given earlier; the first was kept",
                self.path.name,
                severity="warning",
            )
        return measured.filter(first) if repeats else measured


def release_memory() -> None:
    """Hand freed memory back to the system: Arrow's pool, and the C heap, where Kùzu leaves about
    1 GiB after a large COPY that the next COPY would otherwise stack on (2.53 GiB peak before,
    2.3 after; benchmarks/README.md)."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Any:
    import ctypes

    return getattr(ctypes.CDLL(None), "malloc_trim", None)  # glibc only; the process's own symbols


def _first_occurrences(ids: pa.Array) -> pa.Array:
    import numpy as np
    import pyarrow as pa

    indices = ids.dictionary_encode().indices.to_numpy(zero_copy_only=False)
    _, first = np.unique(indices, return_index=True)
    mask = np.zeros(len(ids), dtype=bool)
    mask[first] = True
    return pa.array(mask)


__all__ = ["ImportRejected", "ImportSummary", "MemoryTooSmall", "Plan", "import_file"]
