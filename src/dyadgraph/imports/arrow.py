"""What every format's reader shares: the file as a stream, what reading collects, and small
vectorised Arrow helpers.

Each format streams its file with pyarrow's CSV reader (block by block, so memory follows the
block size, not the file) and turns every block into `Event` + `INVOLVES` or `MEASURED` rows
with vectorised Arrow compute: no Python loop runs per row, which is what lets an import keep
pace with Kùzu's COPY. Bad values become Problems with file, line and column; the rows are
still read to the end so that one run reports every problem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Report
from ..load.cells import DECIMAL_PATTERN
from ..schema import QUOTE_MAX
from .crosswalk import Crosswalk, StateRef
from .inputs import Input as Input  # re-exported: the readers take their input from here
from .inputs import Stream as Stream
from .inputs import resolve

if TYPE_CHECKING:
    import pyarrow as pa


# A block of about 64k event lines: large enough that Arrow's per-call overhead vanishes, small
# enough that a block's intermediate columns stay a few tens of MB.
BLOCK_BYTES = 16 << 20
PROBLEMS_PER_KIND = 200  # per (type, column): a million broken rows still make a readable report


@dataclass
class Context:
    """What reading one file collects besides the rows: problems, states, indicators, counts."""

    path: Path
    walk: Crosswalk
    report: Report = field(default_factory=Report)
    states: dict[str, dict[str, Any]] = field(default_factory=dict)
    indicators: dict[str, dict[str, Any]] = field(default_factory=dict)
    unmapped: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    rows: int = 0
    without_state: int = 0
    problem_counts: dict[tuple[str, str], int] = field(default_factory=dict)
    source: str = ""
    name: str = ""  # how problems and locators name the file (a zip member's archive), else path's
    layout: str | None = None  # the layout --layout names (GDELT); None: the reader finds it

    @property
    def display(self) -> str:
        return self.name or self.path.name

    def problem(self, type: str, message: str, line: int | None = None, column: str = "") -> None:
        key = (type, column)
        self.problem_counts[key] = self.problem_counts.get(key, 0) + 1
        if self.problem_counts[key] <= PROBLEMS_PER_KIND:
            self.report.add(type, message, self.display, line, column)

    def state(self, ref: StateRef, line: int, verbatim: str) -> None:
        if ref.id not in self.states:
            self.states[ref.id] = {
                "id": ref.id,
                "name": ref.name,
                "cow_code": ref.cow_code,
                "source": self.source,
                "locator": f"{self.display} line {line}",
                "quote": verbatim[:QUOTE_MAX],
            }

    def finish(self) -> None:
        """Turn the tallies into warnings: unmapped codes and capped problem lists."""
        for (column, value), (count, line) in sorted(self.unmapped.items(), key=lambda kv: -kv[1][0]):
            self.report.add(
                "unmapped-country",
                f"{value!r} is no state the crosswalk knows; left out of {count} row(s)",
                self.display,
                line,
                column,
                severity="warning",
            )
        for (type, column), count in self.problem_counts.items():
            if count > PROBLEMS_PER_KIND:
                self.report.add(
                    type, f"... and {count - PROBLEMS_PER_KIND} more like these", self.display, None, column
                )


# --- small vectorised helpers -------------------------------------------------------------


def strings(batch: pa.RecordBatch, name: str) -> pa.Array:
    import pyarrow.compute as pc

    return pc.utf8_trim_whitespace(batch.column(name))


def line_numbers(first: int, n: int) -> pa.Array:
    import numpy as np
    import pyarrow as pa

    return pa.array(np.arange(first, first + n, dtype=np.int64))


def flag(ctx: Context, bad: pa.Array, values: pa.Array, first: int, type: str, column: str, what: str) -> None:
    import numpy as np
    import pyarrow.compute as pc

    rows = np.flatnonzero(pc.fill_null(bad, False).to_numpy(zero_copy_only=False))
    for i in rows[:PROBLEMS_PER_KIND]:
        value = values[int(i)].as_py()
        ctx.problem(type, f"{column} is empty" if value == "" else f"{value!r} is not {what}", first + int(i), column)
    if len(rows) > PROBLEMS_PER_KIND:  # counted, not listed: Context.finish says how many more
        key = (type, column)
        ctx.problem_counts[key] = ctx.problem_counts.get(key, 0) + len(rows) - PROBLEMS_PER_KIND


def checked(ctx: Context, values: pa.Array, pattern: str, first: int, type: str, column: str, what: str) -> pa.Array:
    """A mask of the values matching pattern; the others are reported."""
    import pyarrow.compute as pc

    good = pc.match_substring_regex(values, pattern)
    flag(ctx, pc.invert(good), values, first, type, column, what)
    return good


def numbers(ctx: Context, values: pa.Array, first: int, column: str) -> pa.Array:
    """float64 values; an empty cell is null, anything else that is no number is reported."""
    import pyarrow as pa
    import pyarrow.compute as pc

    good = pc.match_substring_regex(values, DECIMAL_PATTERN)
    flag(ctx, pc.and_(pc.invert(good), pc.not_equal(values, "")), values, first, "bad-number", column, "a number")
    return pc.cast(pc.if_else(good, values, pa.scalar(None, pa.string())), pa.float64())


def dates(ctx: Context, values: pa.Array, compact: bool, first: int, column: str) -> pa.Array:
    """ISO 8601 day strings from YYYY-MM-DD (or, compact, YYYYMMDD) dates; bad ones are reported and null."""
    import pyarrow as pa
    import pyarrow.compute as pc

    fmt = "%Y%m%d" if compact else "%Y-%m-%d"
    parsed = pc.strptime(values, format=fmt, unit="s", error_is_null=True)
    # strptime rolls 2014-02-30 over to March: a date is good when it reads back as written.
    # (Arrow's strftime would do the same, but at about 2 s per million dates.)
    iso = pc.cast(pc.cast(parsed, pa.date32()), pa.string())
    written = values
    if compact:
        written = join(*(pc.utf8_slice_codeunits(values, a, b) for a, b in ((0, 4), (4, 6), (6, 8))), sep="-")
    good = pc.fill_null(pc.equal(iso, written), False)
    flag(ctx, pc.invert(good), values, first, "bad-date", column, f"a date ({fmt.replace('%', '')})")
    return pc.if_else(good, iso, pa.scalar(None, pa.string()))


def map_states(
    ctx: Context, values: pa.Array, first: int, column: str, lookup: Callable[[str], StateRef | None]
) -> pa.Array:
    """State ids for codes or names (null where empty or unmapped), one look-up per distinct value."""
    import numpy as np
    import pyarrow as pa

    encoded = values.dictionary_encode()
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    distinct = encoded.dictionary.to_pylist()
    counts = np.bincount(indices, minlength=len(distinct))
    _, firsts = np.unique(indices, return_index=True)
    ids: list[str | None] = []
    for position, value in enumerate(distinct):
        ref = lookup(value) if value else None
        line = first + int(firsts[position])
        if ref is None:
            if value:
                tally = ctx.unmapped.setdefault((column, value), [0, line])
                tally[0] += int(counts[position])
            ids.append(None)
        else:
            ctx.state(ref, line, value)
            ids.append(ref.id)
    return pa.array(ids, pa.string()).take(encoded.indices)


def nulls(n: int, type_name: str = "string") -> pa.Array:
    import pyarrow as pa

    return pa.nulls(n, getattr(pa, type_name)())


def constant(n: int, value: str) -> pa.Array:
    import pyarrow as pa

    return pa.repeat(pa.scalar(value, pa.string()), n)


def join(*parts: pa.Array | str, sep: str = "") -> pa.Array:
    """Element-wise concatenation; string parts are constants."""
    import pyarrow.compute as pc

    return pc.binary_join_element_wise(*parts, sep)


def either(preferred: pa.Array, fallback: pa.Array) -> pa.Array:
    import pyarrow.compute as pc

    return pc.if_else(pc.equal(preferred, ""), fallback, preferred)


def csv_reader(
    stream: Stream,
    *,
    delimiter: str,
    column_names: list[str] | None,
    include: list[str],
    ctx: Context,
    expected: str = "the header",  # what says how many cells a row has, for a ragged row's message
    **read: Any,
) -> Any:
    import pyarrow as pa
    import pyarrow.csv as csv

    return csv.open_csv(
        stream,
        read_options=csv.ReadOptions(block_size=BLOCK_BYTES, column_names=column_names, **read),
        parse_options=csv.ParseOptions(
            delimiter=delimiter,
            quote_char=False,
            ignore_empty_lines=False,
            invalid_row_handler=lambda row: ragged(ctx, row, expected),
        ),
        convert_options=csv.ConvertOptions(
            include_columns=include, column_types=dict.fromkeys(include, pa.string()), strings_can_be_null=False
        ),
    )


def header_cells(source: Input | Path, delimiter: str) -> list[str]:
    """The first line's cells (decompressed, for a zipped or gzipped file)."""
    lines = (source if isinstance(source, Input) else resolve(source)[0]).lines(1)
    return [cell.strip().strip('"') for cell in (lines[0] if lines else "").split(delimiter)]


def header_with(
    stream: Stream, ctx: Context, delimiter: str, required: tuple[str, ...] | list[str], what: str
) -> list[str] | None:
    """The file's header cells, or None (and a problem naming them) where a required column is missing."""
    header = header_cells(stream.input, delimiter)
    missing = [c for c in required if c not in header]
    if missing:
        ctx.problem("missing-column", f"not {what}: no column {', '.join(map(repr, missing))}", 1)
        return None
    return header


def ragged(ctx: Context, row: Any, expected: str = "the header") -> str:
    ctx.problem(
        "ragged-row", f"{row.actual_columns} cells where {expected} has {row.expected_columns}: {row.text[:60]!r}"
    )
    return "skip"
