"""`dyadgraph import FORMAT FILE...`: event and indicator datasets, merged into the graph all or nothing.

FILE is a file (plain, `.gz` or `.zip`), a folder of them or a glob pattern (`inputs.py`): a
year of daily GDELT files is one import. Each file streams through its format's reader in
Arrow blocks; rows gather until `copy_rows` events (or values) are pending and are then
written in one COPY each (Kùzu) or in UNWIND batches (Neo4j). A larger batch is faster
(every COPY into a non-empty table costs more than the rows it adds) and a smaller one holds
less memory. Any error in a file, or any failure of the engine, leaves the database as it was:
the embedded engine writes into a copy that is renamed into place at the end, Neo4j into one
transaction. The files of one import share that transaction: a bad row in the 200th of 365
files leaves the database unchanged, and every file is still read to the end so that one run
reports every problem, each with its file.

Imports add to the graph; `dyadgraph load` replaces the whole graph with the seeds, imports
included, so after a reload the imports are run again (each file left a Dataset node naming it
and its content's hash, to say which ones the graph held).
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputRejected, Report
from .memory import MemoryTooSmall, Plan

if TYPE_CHECKING:
    import pyarrow as pa

    from ..backends.base import Backend, Writer
    from .arrow import Context
    from .inputs import Input, PathLike
    from .registry import Format

# Events (or indicator values) per COPY, and Kùzu's buffer pool, when no memory budget is given
# (a library caller's; the command always plans them from one: memory.py).
COPY_ROWS = 500_000
BUFFER_POOL_BYTES = 1 << 30
BIBLIOGRAPHY = Path(__file__).with_name("sources.bib")
FILE_ROW_BITS = 40  # a file's line numbers stay below 2**40

Progress = Callable[[str, int, int], None]  # (phase, bytes read, bytes of all the files on disk)


class ImportRejected(InputRejected):
    """Files with errors; nothing was imported."""

    def __init__(self, report: Report, what: Path | str):
        super().__init__(report, f"{what.name if isinstance(what, Path) else what}; nothing was imported:")


@dataclass
class ImportSummary:
    format: str
    path: Path  # the first file
    files: list[str] = field(default_factory=list)  # every file read, as its problems and locators name it
    rows: int = 0
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0  # rows repeating an event (ICEWS: same Event ID and date) or a value
    already_present: int = 0  # events the graph held before
    without_state: int = 0  # events whose actors map to no state
    version: str = ""  # the file's content hash; for several files, a hash of theirs
    report: Report = field(default_factory=Report)
    seconds: float = 0.0


def import_file(
    fmt: str,
    path: PathLike | Sequence[PathLike],
    backend: Backend,
    *,
    copy_rows: int | None = None,
    batch_size: int = 1000,
    buffer_pool_bytes: int = BUFFER_POOL_BYTES,
    memory: int | None = None,
    progress: Progress | None = None,
    member: str | None = None,
    layout: str | None = None,
    on_plan: Callable[[Plan], None] | None = None,
) -> ImportSummary:
    """Read the files `path` names (a file, a folder, a glob or a list of them; plain, gzipped or
    zipped, `member` naming the file inside each zip) as `fmt` and add their rows to the graph
    in one transaction; on any error in any file raise and change nothing.

    With `memory` (bytes, the whole process's budget) Kùzu's buffer pool and the events per COPY
    (unless `copy_rows` is given) are planned from it, for all the files together (one import,
    one budget), and an import that cannot fit raises MemoryTooSmall before anything is copied;
    `on_plan` hears the plan first."""
    from .inputs import resolve
    from .registry import get

    data_format = get(fmt, layout)
    inputs = resolve(path, member)
    started = time.perf_counter()
    if memory is not None:
        chosen = memory_plan(data_format, inputs, backend, memory, copy_rows)
        if on_plan is not None:
            on_plan(chosen)
        if not chosen.fits:
            raise MemoryTooSmall(chosen.refusal())
        copy_rows, buffer_pool_bytes = chosen.copy_rows, chosen.buffer_pool
    copy_rows = copy_rows or COPY_ROWS
    options = {"buffer_pool_bytes": buffer_pool_bytes, "batch_size": batch_size}
    with backend.writer(purpose="import", **options) as writer:
        summary = _Import(data_format, inputs, writer, copy_rows, progress, layout).run()
    summary.seconds = time.perf_counter() - started
    return summary


def memory_plan(
    data_format: Format, inputs: list[Input], backend: Backend, memory: int, copy_rows: int | None = None
) -> Plan:
    """The plan for these files (one import, one budget) and this graph: their rows counted from a
    sample of each, decompressed as the import reads it (inputs.py), the graph's events counted by
    the engine (one count, not a read of the graph). Indicator values and ties cost Kùzu far less
    than events (a few thousand Indicator and State nodes), and a Neo4j server's memory is not this
    process's, so these are planned for the pending Arrow tables alone."""
    from ..errors import DatabaseMissing
    from .memory import estimate_rows, plan

    if data_format.reads != "events" or backend.name != "embedded":  # a server's memory is its own
        return plan(memory, 0, 0, copy_rows)
    rows = estimate_rows(inputs)
    try:
        present = int(backend.run("MATCH (e:Event) RETURN count(e) AS events").values[0][0] or 0)
    except DatabaseMissing:  # the import makes the database
        present = 0
    return plan(memory, rows, present, copy_rows)


class _Import:
    def __init__(
        self,
        fmt: Format,
        inputs: list[Input],
        writer: Writer,
        copy_rows: int,
        progress: Progress | None,
        layout: str | None,
    ):
        from .arrow import Context
        from .crosswalk import crosswalk

        self.format, self.inputs, self.writer, self.copy_rows = fmt, inputs, writer, copy_rows
        self.fmt = fmt.name
        self.progress = progress
        self.size = sum(source.size for source in inputs)  # progress runs over the whole set
        self.before = 0  # bytes of the files read before the current one
        self.source = fmt.source
        self.layout = layout
        # States, indicators and problems gather over all the files; a Context per file counts
        # its own lines.
        self.ctx: Context = Context(inputs[0].path, crosswalk(), source=self.source, name=inputs[0].name)
        self.summary = ImportSummary(fmt.name, inputs[0].path, report=self.ctx.report)
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
        self.done = self.before + done
        self._tell("reading" if len(self.inputs) == 1 else f"reading {len(self.summary.files)}/{len(self.inputs)}")

    def run(self) -> ImportSummary:
        self._count(self.summary.nodes, "Source", self.writer.ensure("Source", [self._source_row()]))
        if self.format.reads == "ties":
            self.writer.clear_ties(self.source)  # a re-import replaces the dataset's ties
        datasets = [self._read_file(source) for source in self.inputs]
        if self.ctx.report.errors:
            raise ImportRejected(self.ctx.report, self._what())
        self._flush()
        versions = [str(dataset["version"]) for dataset in datasets]
        self.summary.version = versions[0] if len(versions) == 1 else _hash(versions)
        for dataset in datasets:
            self.writer.upsert("Dataset", dataset)
        return self.summary

    def _what(self) -> str:
        """The files, as the error heading names them."""
        names = self.summary.files
        return names[0] if len(names) == 1 else f"{len(names)} files ({names[0]} ... {names[-1]})"

    def _read_file(self, source: Input) -> dict[str, Any]:
        """Read one file, writing what gathers while no file had an error; its Dataset row."""
        import dataclasses

        from .inputs import UnreadableInput

        ctx = self.ctx
        self.ctx = dataclasses.replace(
            ctx,
            path=source.path,
            name=source.name,
            layout=self.layout,
            unmapped={},
            rows=0,
            without_state=0,
            problem_counts={},
        )  # report, states and indicators stay shared
        self.summary.files.append(source.name)
        try:
            version = self._stream(source)
        except UnreadableInput as exc:  # a damaged .gz or .zip, at any point of reading it
            self.ctx.problem("malformed-file", str(exc))
            version = ""
        self.ctx.finish()
        self.before += source.size
        self.summary.rows += self.ctx.rows
        self.summary.without_state += self.ctx.without_state
        return self._dataset(source, version)

    def _stream(self, source: Input) -> str:
        """Read the file through its format's reader; its content's hash."""
        import pyarrow as pa

        from .arrow import Stream

        stream = Stream(source, self._read)
        try:
            try:
                for tables in self.format.load()(stream, self.ctx):
                    if self.ctx.report.errors:
                        continue  # read on, to report every problem, but write nothing more
                    for name, table in tables.items():
                        self.pending.setdefault(name, []).append(_numbered(table, len(self.summary.files) - 1))
                        if name in ("Event", "MEASURED"):
                            self.pending_rows += table.num_rows
                    if self.pending_rows >= self.copy_rows:
                        self._flush()
            except pa.ArrowException as exc:  # what the CSV reader cannot parse at all (not UTF-8, ...)
                self.ctx.problem("malformed-file", f"cannot be read as {self.fmt}: {exc}")
            return stream.version()
        finally:
            stream.close()

    def _dataset(self, source: Input, version: str) -> dict[str, Any]:
        return {"id": f"{self.fmt}:{source.name}", "name": source.name, "version": version, "files": 1}

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
        if "TIE" in pending:
            ties = pa.concat_tables(pending.pop("TIE"))
            self.writer.append("TIE", ties)
            self._count(self.summary.relationships, "TIE", ties.num_rows)
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
                self.ctx.display,
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


def _numbered(table: pa.Table, file: int) -> pa.Table:
    """Rows of the n-th file numbered past every earlier file's (`_row` pairs an event with its
    INVOLVES when repeats are left out, and pending rows may span files)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if file == 0 or "_row" not in table.column_names:
        return table
    index = table.column_names.index("_row")
    return table.set_column(index, "_row", pc.add(table.column(index), pa.scalar(file << FILE_ROW_BITS, pa.int64())))


def _hash(versions: list[str]) -> str:
    return hashlib.sha256("\n".join(versions).encode()).hexdigest()[:16]


def _first_occurrences(ids: pa.Array) -> pa.Array:
    import numpy as np
    import pyarrow as pa

    indices = ids.dictionary_encode().indices.to_numpy(zero_copy_only=False)
    _, first = np.unique(indices, return_index=True)
    mask = np.zeros(len(ids), dtype=bool)
    mask[first] = True
    return pa.array(mask)


__all__ = ["ImportRejected", "ImportSummary", "MemoryTooSmall", "Plan", "import_file"]
