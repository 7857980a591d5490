"""The published file formats, read in chunks into Arrow tables shaped like the graph's tables.

Each format streams its file with pyarrow's CSV reader (block by block, so memory follows the
block size, not the file) and turns every block into `Event` + `INVOLVES` or `MEASURED` rows
with vectorised Arrow compute: no Python loop runs per row, which is what lets an import keep
pace with Kùzu's COPY. Bad values become Problems with file, line and column; the rows are
still read to the end so that one run reports every problem.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Report
from ..schema import NODE_BY_NAME, QUOTE_MAX, REL_BY_NAME, REL_ID
from .crosswalk import Crosswalk, StateRef

if TYPE_CHECKING:
    import pyarrow as pa

# A block of about 64k event lines: large enough that Arrow's per-call overhead vanishes, small
# enough that a block's intermediate columns stay a few tens of MB.
BLOCK_BYTES = 16 << 20
PROBLEMS_PER_KIND = 200  # per (type, column): a million broken rows still make a readable report

# CAMEO root codes (01-20) to the quad classes as GDELT and the CAMEO literature group them.
QUAD_BY_ROOT = (
    [None] + ["verbal_coop"] * 5 + ["material_coop"] * 3 + ["verbal_conflict"] * 5 + ["material_conflict"] * 7
)
GDELT_QUADS = {"1": "verbal_coop", "2": "material_coop", "3": "verbal_conflict", "4": "material_conflict"}
CAMEO_ROOTS = (
    "Make public statement", "Appeal", "Express intent to cooperate", "Consult",
    "Engage in diplomatic cooperation", "Engage in material cooperation", "Provide aid", "Yield",
    "Investigate", "Demand", "Disapprove", "Reject", "Threaten", "Protest", "Exhibit force posture",
    "Reduce relations", "Coerce", "Assault", "Fight", "Use unconventional mass violence",
)  # fmt: skip
INTEGER = r"^[+-]?[0-9]+$"
NUMBER = r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"

# GDELT 2.0 event export: 61 tab-separated columns, no header (GDELT Event Codebook V2.0).
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code",
    "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code", "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code",
    "Actor2Type2Code", "Actor2Type3Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName",
    "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long",
    "Actor1Geo_FeatureID", "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
)  # fmt: skip
# ICEWS coded event data (Harvard Dataverse), tab-separated with this header row.
ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip
ICEWS_REQUIRED = ICEWS_COLUMNS[:11]
# COW National Material Capabilities (v6): the indicators, with the codebook's units.
COW_INDICATORS = {
    "milex": ("Military expenditure", "thousands of current US$ (British pounds before 1914)"),
    "milper": ("Military personnel", "thousands of personnel"),
    "irst": ("Iron and steel production", "thousands of tons"),
    "pec": ("Primary energy consumption", "thousands of coal-ton equivalents"),
    "tpop": ("Total population", "thousands of people"),
    "upop": ("Urban population (cities over 100,000)", "thousands of people"),
    "cinc": ("Composite Index of National Capability (CINC)", "share of the system total, 0..1"),
}
COW_MISSING = -9.0  # the codebook's code for a missing value


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

    @property
    def display(self) -> str:
        return self.path.name

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


class Stream(io.RawIOBase):
    """The file as pyarrow reads it, counting bytes (progress) and hashing them (the Dataset version)."""

    def __init__(self, path: Path, on_read: Callable[[int], None] | None = None):
        self.handle = path.open("rb")
        self.digest = hashlib.sha256()
        self.done = 0
        self.on_read = on_read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.handle.read(len(buffer))
        buffer[: len(data)] = data
        self.digest.update(data)
        self.done += len(data)
        if self.on_read is not None:
            self.on_read(self.done)
        return len(data)

    def close(self) -> None:
        self.handle.close()
        super().close()

    def version(self) -> str:
        while self.readinto(bytearray(1 << 20)):  # a reader that stopped early still hashes the whole file
            pass
        return self.digest.hexdigest()[:16]


# --- small vectorised helpers -------------------------------------------------------------


def _strings(batch: pa.RecordBatch, name: str) -> pa.Array:
    import pyarrow.compute as pc

    return pc.utf8_trim_whitespace(batch.column(name))


def _lines(first: int, n: int) -> pa.Array:
    import numpy as np
    import pyarrow as pa

    return pa.array(np.arange(first, first + n, dtype=np.int64))


def _flag(ctx: Context, bad: pa.Array, values: pa.Array, first: int, type: str, column: str, what: str) -> None:
    import numpy as np
    import pyarrow.compute as pc

    rows = np.flatnonzero(pc.fill_null(bad, False).to_numpy(zero_copy_only=False))
    for i in rows[:PROBLEMS_PER_KIND]:
        value = values[int(i)].as_py()
        ctx.problem(type, f"{column} is empty" if value == "" else f"{value!r} is not {what}", first + int(i), column)
    if len(rows) > PROBLEMS_PER_KIND:  # counted, not listed: Context.finish says how many more
        key = (type, column)
        ctx.problem_counts[key] = ctx.problem_counts.get(key, 0) + len(rows) - PROBLEMS_PER_KIND


def _checked(ctx: Context, values: pa.Array, pattern: str, first: int, type: str, column: str, what: str) -> pa.Array:
    """A mask of the values matching pattern; the others are reported."""
    import pyarrow.compute as pc

    good = pc.match_substring_regex(values, pattern)
    _flag(ctx, pc.invert(good), values, first, type, column, what)
    return good


def _numbers(ctx: Context, values: pa.Array, first: int, column: str) -> pa.Array:
    """float64 values; an empty cell is null, anything else that is no number is reported."""
    import pyarrow as pa
    import pyarrow.compute as pc

    good = pc.match_substring_regex(values, NUMBER)
    _flag(ctx, pc.and_(pc.invert(good), pc.not_equal(values, "")), values, first, "bad-number", column, "a number")
    return pc.cast(pc.if_else(good, values, pa.scalar(None, pa.string())), pa.float64())


def _dates(ctx: Context, values: pa.Array, compact: bool, first: int, column: str) -> pa.Array:
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
        written = _join(*(pc.utf8_slice_codeunits(values, a, b) for a, b in ((0, 4), (4, 6), (6, 8))), sep="-")
    good = pc.fill_null(pc.equal(iso, written), False)
    _flag(ctx, pc.invert(good), values, first, "bad-date", column, f"a date ({fmt.replace('%', '')})")
    return pc.if_else(good, iso, pa.scalar(None, pa.string()))


def _cameo(ctx: Context, values: pa.Array, first: int, column: str) -> tuple[pa.Array, pa.Array]:
    """CAMEO codes as strings with their leading zeros (restored where a file lost them) and their root."""
    import pyarrow as pa
    import pyarrow.compute as pc

    codes = pc.utf8_lpad(values, width=3, padding="0")
    good = pc.match_substring_regex(codes, r"^(0[1-9]|1[0-9]|20)[0-9]{1,2}$")
    _flag(ctx, pc.invert(good), values, first, "bad-cameo", column, "a CAMEO event code (010 to 2042)")
    codes = pc.if_else(good, codes, pa.scalar(None, pa.string()))
    roots = pc.cast(pc.utf8_slice_codeunits(codes, 0, 2), pa.int64())
    return codes, roots


def _map_states(
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


def _null(n: int, type_name: str = "string") -> pa.Array:
    import pyarrow as pa

    return pa.nulls(n, getattr(pa, type_name)())


def _text(n: int, value: str) -> pa.Array:
    import pyarrow as pa

    return pa.repeat(pa.scalar(value, pa.string()), n)


def _join(*parts: pa.Array | str, sep: str = "") -> pa.Array:
    """Element-wise concatenation; string parts are constants."""
    import pyarrow.compute as pc

    return pc.binary_join_element_wise(*parts, sep)


def _or(preferred: pa.Array, fallback: pa.Array) -> pa.Array:
    import pyarrow.compute as pc

    return pc.if_else(pc.equal(preferred, ""), fallback, preferred)


def _title(initiator: pa.Array, target: pa.Array, action: pa.Array) -> pa.Array:
    """`initiator → target: action`, or `actor: action` where the file names one actor only."""
    import pyarrow.compute as pc

    one = pc.if_else(pc.equal(initiator, ""), target, initiator)
    both = pc.and_(pc.not_equal(initiator, ""), pc.not_equal(target, ""))
    return pc.if_else(both, _join(initiator, " → ", target, ": ", action), _join(one, ": ", action))


# --- events -------------------------------------------------------------------------------


@dataclass
class EventColumns:
    """One block of an event file, reduced to what the graph keeps."""

    key: pa.Array  # the dataset's event id
    date: pa.Array  # ISO day
    title: pa.Array
    cameo: pa.Array
    roots: pa.Array
    quad: pa.Array | None  # from the file, else from the CAMEO root
    goldstein: pa.Array
    locator: pa.Array
    quote: pa.Array
    initiator: pa.Array  # state ids, null where unmapped
    target: pa.Array
    initiator_text: pa.Array  # the actors as the file names them
    target_text: pa.Array
    valid: pa.Array  # rows without a problem


def event_tables(prefix: str, source: str, cols: EventColumns, rows: pa.Array, ctx: Context) -> dict[str, pa.Table]:
    """Event and INVOLVES rows (with a `_row` column for de-duplication) in the schema's column order."""
    import pyarrow as pa
    import pyarrow.compute as pc

    keep = pc.and_(cols.valid, pc.or_(pc.is_valid(cols.initiator), pc.is_valid(cols.target)))
    # An INVOLVES row names only the file and line: its event's locator says the rest, and
    # two million relationships are held in memory while they are copied.
    short_locator = _join(f"{ctx.display} line ", pc.cast(rows, pa.string()))
    ctx.without_state += int(pc.sum(pc.and_(cols.valid, pc.invert(keep))).as_py() or 0)
    mask = pc.fill_null(keep, False)
    date = cols.date.filter(mask)
    n = len(date)
    ids = _join(date, f"-{prefix}-", cols.key.filter(mask))
    quad = cols.quad if cols.quad is not None else pa.array(QUAD_BY_ROOT, pa.string()).take(cols.roots)
    title = cols.title.filter(mask)
    locator = cols.locator.filter(mask)
    columns: dict[str, pa.Array] = {
        "id": ids,
        "name": title,
        "title": title,
        "date": date,
        "year": pc.cast(pc.utf8_slice_codeunits(date, 0, 4), pa.int64()),
        # the dataset dates its own events, to the day
        "date_basis": _text(n, source),
        "date_precision": _text(n, "day"),
        "kind": _text(n, "coded_event"),
        "cameo": cols.cameo.filter(mask),
        "quad": quad.filter(mask),
        "goldstein": cols.goldstein.filter(mask),
        "source": _text(n, source),
        "locator": locator,
        "quote": cols.quote.filter(mask),
    }
    props = NODE_BY_NAME["Event"].props
    events = _typed_table(props, columns, n).append_column("_row", rows.filter(mask))
    parts = []
    for role, state, text in (
        ("initiator", cols.initiator, cols.initiator_text),
        ("target", cols.target, cols.target_text),
    ):
        side = pc.and_(mask, pc.is_valid(state))
        event = ids.filter(pc.is_valid(state.filter(mask)))
        to = state.filter(side)
        m = len(to)
        rel = {
            "from": event,
            "to": to,
            "id": _join(event, ">INVOLVES>", to, f":{role}"),
            "role": _text(m, role),
            "source": _text(m, source),
            "locator": short_locator.filter(side),
            "quote": pc.utf8_slice_codeunits(text.filter(side), 0, QUOTE_MAX),
        }
        parts.append(_typed_table((REL_ID, *REL_BY_NAME["INVOLVES"].props), rel, m, leading=("from", "to")))
        parts[-1] = parts[-1].append_column("_row", rows.filter(side))
    return {"Event": events, "INVOLVES": pa.concat_tables(parts)}


def _typed_table(
    props: tuple[Any, ...], columns: dict[str, pa.Array], n: int, leading: tuple[str, ...] = ()
) -> pa.Table:
    """Columns in DDL order (Kùzu's COPY maps by position), absent ones null, typed from the schema."""
    import pyarrow as pa

    from ..backends.embedded import ARROW_TYPES

    arrays, fields = [], []
    for name in leading:
        arrays.append(columns[name])
        fields.append(pa.field(name, pa.string()))
    for prop in props:
        arrow_type = getattr(pa, ARROW_TYPES[prop.type])()
        value = columns.get(prop.name)
        arrays.append(pa.nulls(n, arrow_type) if value is None else value.cast(arrow_type))
        fields.append(pa.field(prop.name, arrow_type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _csv_reader(
    stream: Stream, *, delimiter: str, column_names: list[str] | None, include: list[str], ctx: Context, **read: Any
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
            invalid_row_handler=lambda row: _ragged(ctx, row),
        ),
        convert_options=csv.ConvertOptions(
            include_columns=include, column_types=dict.fromkeys(include, pa.string()), strings_can_be_null=False
        ),
    )


def _header(path: Path, delimiter: str) -> list[str]:
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as handle:
        return [cell.strip().strip('"') for cell in handle.readline().rstrip("\r\n").split(delimiter)]


def read_icews(stream: Stream, ctx: Context) -> Iterator[dict[str, pa.Table]]:
    """ICEWS coded event data: deduplicated later on Event ID plus Event Date (IDs repeat)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    header = _header(ctx.path, "\t")
    missing = [c for c in ICEWS_REQUIRED if c not in header]
    if missing:
        ctx.problem("missing-column", f"not an ICEWS event file: no column {', '.join(map(repr, missing))}", 1)
        return
    extra = [c for c in ("Story ID", "Sentence Number") if c in header]
    reader = _csv_reader(stream, delimiter="\t", column_names=None, include=[*ICEWS_REQUIRED, *extra], ctx=ctx)
    for batch in reader:
        first, n = ctx.rows + 2, batch.num_rows
        event_id = _strings(batch, "Event ID")
        ok_id = _checked(ctx, event_id, r"^[0-9]+$", first, "bad-number", "Event ID", "a whole number")
        date = _dates(ctx, _strings(batch, "Event Date"), False, first, "Event Date")
        cameo, roots = _cameo(ctx, _strings(batch, "CAMEO Code"), first, "CAMEO Code")
        intensity = _numbers(ctx, _strings(batch, "Intensity"), first, "Intensity")
        text = _strings(batch, "Event Text")
        source_name, target_name = _strings(batch, "Source Name"), _strings(batch, "Target Name")
        line_text = pc.cast(_lines(first, n), pa.string())
        locator = _join(f"{ctx.display} line ", line_text, ", Event ID ", event_id)
        if extra == ["Story ID", "Sentence Number"]:
            locator = _join(
                locator, ", Story ID ", _strings(batch, "Story ID"), " sentence ", _strings(batch, "Sentence Number")
            )
        cols = EventColumns(
            key=event_id,
            date=date,
            title=_title(source_name, target_name, text),
            cameo=cameo,
            roots=roots,
            quad=None,
            goldstein=intensity,
            locator=locator,
            quote=pc.utf8_slice_codeunits(text, 0, QUOTE_MAX),
            initiator=_map_states(ctx, _strings(batch, "Source Country"), first, "Source Country", ctx.walk.name),
            target=_map_states(ctx, _strings(batch, "Target Country"), first, "Target Country", ctx.walk.name),
            initiator_text=source_name,
            target_text=target_name,
            valid=_all_valid(ok_id, date, cameo, intensity, _strings(batch, "Intensity")),
        )
        ctx.rows += n
        yield event_tables("icews", ctx.source, cols, _lines(first, n), ctx)


def _all_valid(ok_id: pa.Array, date: pa.Array, cameo: pa.Array, number: pa.Array, raw_number: pa.Array) -> pa.Array:
    import pyarrow.compute as pc

    number_ok = pc.or_(pc.is_valid(number), pc.equal(raw_number, ""))
    return pc.and_(pc.and_(ok_id, pc.is_valid(date)), pc.and_(pc.is_valid(cameo), number_ok))


def read_gdelt(stream: Stream, ctx: Context) -> Iterator[dict[str, pa.Table]]:
    """GDELT 2.0 event exports: every row must have the codebook's 61 columns."""
    import pyarrow as pa
    import pyarrow.compute as pc

    include = [
        "GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "Actor2Name", "Actor2CountryCode",
        "EventCode", "QuadClass", "GoldsteinScale", "SOURCEURL",
    ]  # fmt: skip
    reader = _csv_reader(stream, delimiter="\t", column_names=list(GDELT_COLUMNS), include=include, ctx=ctx)
    labels = pa.array([None, *CAMEO_ROOTS], pa.string())
    for batch in reader:
        first, n = ctx.rows + 1, batch.num_rows
        event_id = _strings(batch, "GLOBALEVENTID")
        ok_id = _checked(ctx, event_id, r"^[0-9]+$", first, "bad-number", "GLOBALEVENTID", "a whole number")
        date = _dates(ctx, _strings(batch, "SQLDATE"), True, first, "SQLDATE")
        cameo, roots = _cameo(ctx, _strings(batch, "EventCode"), first, "EventCode")
        raw_quad = _strings(batch, "QuadClass")
        ok_quad = _checked(ctx, raw_quad, r"^[1-4]$", first, "bad-quad", "QuadClass", "a QuadClass (1 to 4)")
        quad = pc.if_else(ok_quad, raw_quad, pa.scalar(None, pa.string()))
        quad = pa.array(list(GDELT_QUADS.values()), pa.string()).take(pc.subtract(pc.cast(quad, pa.int64()), 1))
        goldstein = _numbers(ctx, _strings(batch, "GoldsteinScale"), first, "GoldsteinScale")
        names = [_or(_strings(batch, f"Actor{i}Name"), _strings(batch, f"Actor{i}CountryCode")) for i in (1, 2)]
        line_text = pc.cast(_lines(first, n), pa.string())
        cols = EventColumns(
            key=event_id,
            date=date,
            title=_title(
                names[0],
                names[1],
                _join(pc.fill_null(labels.take(roots), "?"), " (CAMEO ", pc.fill_null(cameo, "?"), ")"),
            ),
            cameo=cameo,
            roots=roots,
            quad=quad,
            goldstein=goldstein,
            locator=_join(
                f"{ctx.display} line ", line_text, ", GLOBALEVENTID ", event_id, ", ", _strings(batch, "SOURCEURL")
            ),
            quote=_null(n),
            initiator=_map_states(
                ctx, _strings(batch, "Actor1CountryCode"), first, "Actor1CountryCode", ctx.walk.cameo
            ),
            target=_map_states(ctx, _strings(batch, "Actor2CountryCode"), first, "Actor2CountryCode", ctx.walk.cameo),
            initiator_text=names[0],
            target_text=names[1],
            valid=pc.and_(_all_valid(ok_id, date, cameo, goldstein, _strings(batch, "GoldsteinScale")), ok_quad),
        )
        ctx.rows += n
        yield event_tables("gdelt", ctx.source, cols, _lines(first, n), ctx)


# --- indicators -------------------------------------------------------------------------


def measured_table(
    ctx: Context, state: pa.Array, indicator: pa.Array, year: pa.Array, value: pa.Array, locator: pa.Array
) -> pa.Table:
    import pyarrow as pa
    import pyarrow.compute as pc

    keep = pc.and_(pc.is_valid(state), pc.is_valid(value))
    state, indicator, year, value, locator = (a.filter(keep) for a in (state, indicator, year, value, locator))
    n = len(state)
    columns = {
        "from": state,
        "to": indicator,
        "id": _join(state, ">MEASURED>", indicator, ":", pc.cast(year, pa.string())),
        "year": year,
        "value": value,
        "date_basis": _text(n, ctx.source),
        "date_precision": _text(n, "year"),
        "source": _text(n, ctx.source),
        "locator": locator,
    }
    return _typed_table((REL_ID, *REL_BY_NAME["MEASURED"].props), columns, n, leading=("from", "to"))


def read_cow_nmc(stream: Stream, ctx: Context) -> Iterator[dict[str, pa.Table]]:
    """COW National Material Capabilities: one row per state-year, -9 for a missing value."""
    import pyarrow as pa
    import pyarrow.compute as pc

    header = _header(ctx.path, ",")
    required = ["stateabb", "ccode", "year", *COW_INDICATORS]
    missing = [c for c in required if c not in header]
    if missing:
        ctx.problem("missing-column", f"not a COW NMC file: no column {', '.join(map(repr, missing))}", 1)
        return
    for code, (name, unit) in COW_INDICATORS.items():
        ctx.indicators[f"cow_nmc.{code}"] = {
            "id": f"cow_nmc.{code}",
            "name": name,
            "unit": unit,
            "source": ctx.source,
            "locator": f"{ctx.display}, column {code}",
        }
    reader = _csv_reader(stream, delimiter=",", column_names=None, include=required, ctx=ctx)
    for batch in reader:
        first, n = ctx.rows + 2, batch.num_rows
        ccode, year = _strings(batch, "ccode"), _strings(batch, "year")
        ok = pc.and_(
            _checked(ctx, ccode, INTEGER, first, "bad-number", "ccode", "a COW country code"),
            _checked(ctx, year, r"^[0-9]{4}$", first, "bad-number", "year", "a year"),
        )
        state = _map_states(ctx, pc.if_else(ok, ccode, ""), first, "ccode", lambda c: ctx.walk.cow(int(c)))
        years = pc.cast(pc.if_else(ok, year, pa.scalar(None, pa.string())), pa.int64())
        locator = _join(
            f"{ctx.display} line ", pc.cast(_lines(first, n), pa.string()), ", ", _strings(batch, "stateabb"), " ", year
        )
        tables = []
        for code in COW_INDICATORS:
            value = _numbers(ctx, _strings(batch, code), first, code)
            value = pc.if_else(pc.equal(value, COW_MISSING), pa.scalar(None, pa.float64()), value)
            tables.append(measured_table(ctx, state, _text(n, f"cow_nmc.{code}"), years, value, locator))
        ctx.rows += n
        yield {"MEASURED": pa.concat_tables(tables)}


WDI_KEYS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
UNIT_IN_NAME = re.compile(r"\(([^()]*)\)\s*$")


def read_wdi(stream: Stream, ctx: Context) -> Iterator[dict[str, pa.Table]]:
    """World Bank WDI CSV (a DataBank/API download or the bulk WDICSV.csv): wide, one column per year."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as csv

    skip, header = _wdi_header(ctx.path)
    if header is None:
        ctx.problem("missing-column", "not a WDI file: no header row starting with 'Country Name'", 1)
        return
    years = [c for c in header if re.fullmatch(r"[0-9]{4}", c)]
    names = [c if c else f"_blank{i}" for i, c in enumerate(header)]  # a DataBank file ends its rows with a comma
    reader = csv.open_csv(
        stream,
        read_options=csv.ReadOptions(block_size=BLOCK_BYTES, skip_rows=skip + 1, column_names=names),
        parse_options=csv.ParseOptions(invalid_row_handler=lambda row: _ragged(ctx, row)),
        convert_options=csv.ConvertOptions(
            include_columns=[*WDI_KEYS, *years],
            column_types=dict.fromkeys([*WDI_KEYS, *years], pa.string()),
            strings_can_be_null=False,
        ),
    )
    for batch in reader:
        first, n = ctx.rows + skip + 2, batch.num_rows
        state = _map_states(ctx, _strings(batch, "Country Code"), first, "Country Code", ctx.walk.worldbank)
        codes = _strings(batch, "Indicator Code")
        indicators = _join("wdi.", codes)
        code_names = pc.unique(_join(codes, "\t", _strings(batch, "Indicator Name"))).to_pylist()
        for pair in code_names:
            code, name = pair.split("\t", 1)
            unit = UNIT_IN_NAME.search(name)
            ctx.indicators.setdefault(
                f"wdi.{code}",
                {
                    "id": f"wdi.{code}",
                    "name": name,
                    "unit": unit.group(1) if unit else None,
                    "source": ctx.source,
                    "locator": f"{ctx.display}, Indicator Code {code}",
                },
            )
        line_text = pc.cast(_lines(first, n), pa.string())
        tables = []
        for year in years:
            value = _numbers(ctx, _strings(batch, year), first, year)
            locator = _join(f"{ctx.display} line ", line_text, f", column {year}")
            year_values = pa.repeat(pa.scalar(int(year), pa.int64()), n)
            tables.append(measured_table(ctx, state, indicators, year_values, value, locator))
        ctx.rows += n
        yield {"MEASURED": pa.concat_tables(tables)}


def _ragged(ctx: Context, row: Any) -> str:
    ctx.problem(
        "ragged-row", f"{row.actual_columns} cells where the header has {row.expected_columns}: {row.text[:60]!r}"
    )
    return "skip"


def _wdi_header(path: Path) -> tuple[int, list[str] | None]:
    """The header row's index and cells: DataBank and API downloads put a few lines of metadata first."""
    import csv

    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        for index, cells in enumerate(csv.reader(handle)):
            if cells and cells[0].strip() == "Country Name":
                return index, [c.strip() for c in cells]
            if index > 20:
                break
    return 0, None


READERS: dict[str, Callable[[Stream, Context], Iterator[dict[str, pa.Table]]]] = {
    "icews": read_icews,
    "gdelt": read_gdelt,
    "cow-nmc": read_cow_nmc,
    "wdi": read_wdi,
}
