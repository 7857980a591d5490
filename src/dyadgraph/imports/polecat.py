"""POLECAT (ICEWS's successor, coded in PLOVER): the weekly and yearly event files of the Harvard
Dataverse release, tab-separated with a header row.

The release's columns (POLECAT documentation, doi:10.7910/DVN/LMFPIP; data doi:10.7910/DVN/AJGVIT):
POLECAT_COLUMNS below, where later releases call `Intensity` `Event Intensity`, and some add
Headline, Event Text, Feed or Story ID. A missing value is written `None`. Actor Country and
Recipient Country are ISO 3166-1 alpha-3 codes, several separated by `;` where PLOVER codes a
compound actor ("The United States and France accused Russia"); the reader expands such an event
into one event per pair of actor and recipient state, the dyadic form the PLOVER manual suggests
for comparison with CAMEO data ("a user might expand this in a post-processing phase to multiple
events with single entity codes"), each with its own id (`EVENT-ID.1`, `.2`, ...).

The Event keeps PLOVER's event type, mode and contexts (`plover_type`, `plover_mode`,
`plover_context`), the intensity as `goldstein` (the PLOVER score, on Goldstein's -10..10 scale)
and the quad class: the file's Quad Code, else the one the PLOVER manual gives the event type.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..schema import QUADS
from .arrow import (
    Context,
    Stream,
    checked,
    constant,
    csv_reader,
    dates,
    header_with,
    join,
    line_numbers,
    map_states,
    nulls,
    numbers,
    strings,
)
from .events import EventColumns, event_tables, event_title

if TYPE_CHECKING:
    import pyarrow as pa

    from .crosswalk import StateRef


POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts", "Actor Name",
    "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title", "Actor Name Raw",
    "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type",
    "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)  # fmt: skip
REQUIRED = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Quad Code", "Contexts", "Actor Name", "Actor Country",
    "Recipient Name", "Recipient Country",
)  # fmt: skip
INTENSITY = ("Event Intensity", "Intensity")  # the later releases' name first
# Some files of the release name columns in their header that their rows do not have (A. Beger,
# "POLECAT Event Data", andybeger.com, 2024: files whose header has Headline): read by the others.
UNFILLED = ("Headline", "Event Text", "Feed", "Story ID")
MISSING = "None"  # how the release writes an empty cell

# PLOVER's quad classes, from the PLOVER manual (openeventdata/PLOVER, PLOVER_MANUAL.tex, chapter
# "Event Categories": each category's "Quad category"). The manual's summary table "Quad categories
# in PLOVER" puts SANCTION under verbal conflict, against its own category chapter and its summary
# of event categories (material conflict); the chapter is followed here.
PLOVER_QUADS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal_coop"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material_coop"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal_conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material_conflict"),
}
# The release's Quad Code, in words or as the manual's number (1 to 4).
QUAD_NAMES = ("VERBAL COOPERATION", "MATERIAL COOPERATION", "VERBAL CONFLICT", "MATERIAL CONFLICT")
QUAD_CODES = {**dict(zip(QUAD_NAMES, QUADS, strict=True)), **dict(zip(("1", "2", "3", "4"), QUADS, strict=True))}


def read_polecat(stream: Stream, ctx: Context) -> Iterator[dict[str, pa.Table]]:
    """POLECAT events: deduplicated later on Event ID plus Event Date, like ICEWS's."""
    import pyarrow as pa
    import pyarrow.compute as pc

    header = header_with(stream, ctx, "\t", REQUIRED, "a POLECAT event file")
    if header is None:
        return
    intensity = next((c for c in INTENSITY if c in header), None)
    extra = [c for c in (intensity, "Version") if c is not None and c in header]
    unknown: dict[str, list[int]] = {}  # event types PLOVER does not list: [count, first line]
    names = _filled_names(stream, header)
    reader = csv_reader(
        stream, delimiter="\t", column_names=names, include=[*REQUIRED, *extra], ctx=ctx, skip_rows=int(bool(names))
    )
    for batch in reader:
        first, n = ctx.rows + 2, batch.num_rows
        cells = {c: _present(strings(batch, c)) for c in (*REQUIRED, *extra)}
        ok_id = checked(ctx, cells["Event ID"], r".", first, "missing-value", "Event ID", "an event id")
        day = dates(ctx, cells["Event Date"], False, first, "Event Date")
        plover = pc.utf8_upper(cells["Event Type"])
        ok_type = checked(ctx, plover, r".", first, "missing-value", "Event Type", "a PLOVER event type")
        _tally_unknown(unknown, plover, first)
        quad, ok_quad = _quads(ctx, cells["Quad Code"], plover, first)
        goldstein, ok_intensity = nulls(n, "float64"), pa.repeat(pa.scalar(True), n)
        if intensity is not None:
            goldstein = numbers(ctx, cells[intensity], first, intensity)
            ok_intensity = pc.or_(pc.is_valid(goldstein), pc.equal(cells[intensity], ""))
        valid = pc.and_(pc.and_(pc.and_(ok_id, pc.is_valid(day)), pc.and_(ok_type, ok_quad)), ok_intensity)
        lines = line_numbers(first, n)
        locator = join(f"{ctx.display} line ", pc.cast(lines, pa.string()), ", Event ID ", cells["Event ID"])
        if "Version" in cells:
            locator = join(locator, ", Version ", cells["Version"])
        pairs = _pairs(ctx, cells["Actor Country"], cells["Recipient Country"], first)
        take = pairs.row
        mode = cells["Event Mode"]
        action = pc.if_else(pc.equal(mode, ""), plover, join(plover, " (", mode, ")"))
        actor, recipient = cells["Actor Name"].take(take), cells["Recipient Name"].take(take)
        key = join(cells["Event ID"].take(take), pairs.suffix)
        cols = EventColumns(
            key=key,
            date=day.take(take),
            title=event_title(actor, recipient, action.take(take)),
            cameo=nulls(len(take)),
            roots=nulls(len(take), "int64"),
            quad=quad.take(take),
            goldstein=goldstein.take(take),
            locator=locator.take(take),
            quote=nulls(len(take)),
            initiator=pairs.initiator,
            target=pairs.target,
            valid=valid.take(take),
        )
        ctx.rows += n
        tables = event_tables("polecat", ctx.source, cols, lines.take(take), ctx)
        tables["Event"] = _with_plover(tables["Event"], key, day.take(take), plover.take(take), mode, cells, take)
        yield tables
    for value, (count, line) in sorted(unknown.items(), key=lambda kv: -kv[1][0]):
        ctx.report.add(
            "unknown-enum",
            f"{value!r} is not a known PLOVER event type; its quad class is the file's Quad Code ({count} row(s))",
            ctx.display,
            line,
            "Event Type",
            severity="warning",
        )


def _filled_names(stream: Stream, header: list[str]) -> list[str] | None:
    """The header without the names of UNFILLED where the first row has that many cells fewer than the
    header names; None where the header fits the rows."""
    lines = stream.input.lines(2)
    row = lines[1] if len(lines) > 1 else ""
    named = [c for c in header if c not in UNFILLED]
    fits = not row or len(row.split("\t")) != len(named) or len(named) == len(header)
    return None if fits else named


def _present(values: pa.Array) -> pa.Array:
    """The cells, with the release's `None` as the empty cell it stands for."""
    import pyarrow.compute as pc

    return pc.if_else(pc.equal(values, MISSING), "", values)


def _tally_unknown(unknown: dict[str, list[int]], plover: pa.Array, first: int) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    known = pa.array(list(PLOVER_QUADS), pa.string())
    strange = pc.and_(pc.invert(pc.is_in(plover, value_set=known)), pc.not_equal(plover, ""))
    for counted in pc.value_counts(plover.filter(strange)).to_pylist():
        value = counted["values"]
        tally = unknown.setdefault(value, [0, first + pc.index(plover, value).as_py()])
        tally[0] += counted["counts"]


def _quads(ctx: Context, codes: pa.Array, plover: pa.Array, first: int) -> tuple[pa.Array, pa.Array]:
    """The quad class: the file's Quad Code where it gives one, else the PLOVER type's."""
    import pyarrow as pa
    import pyarrow.compute as pc

    upper = pc.utf8_upper(codes)
    names, quads = pa.array(list(QUAD_CODES), pa.string()), pa.array(list(QUAD_CODES.values()), pa.string())
    pattern = "^(" + "|".join(QUAD_CODES) + ")?$"
    good = checked(ctx, upper, pattern, first, "bad-quad", "Quad Code", "a quad class (VERBAL COOPERATION, ...)")
    given = quads.take(pc.index_in(upper, value_set=names))
    types, type_quads = pa.array(list(PLOVER_QUADS), pa.string()), pa.array(list(PLOVER_QUADS.values()), pa.string())
    implied = type_quads.take(pc.index_in(plover, value_set=types))
    return pc.coalesce(given, implied), good


class _Pairs:
    """The events a block's rows become: one per pair of actor and recipient state."""

    def __init__(self, row: pa.Array, suffix: pa.Array, initiator: pa.Array, target: pa.Array):
        self.row, self.suffix, self.initiator, self.target = row, suffix, initiator, target


def _pairs(ctx: Context, actors: pa.Array, recipients: pa.Array, first: int) -> _Pairs:
    """Rows naming one country a side (nearly all) as they are; rows with lists (`USA;FRA`) as one
    event per pair of the states they name, unmapped codes left out (and reported)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    listed = pc.or_(pc.match_substring(actors, ";"), pc.match_substring(recipients, ";"))
    single = pc.invert(listed)
    actor_ids = map_states(ctx, pc.if_else(single, actors, ""), first, "Actor Country", lambda c: _country(ctx, c))
    target_ids = map_states(
        ctx, pc.if_else(single, recipients, ""), first, "Recipient Country", lambda c: _country(ctx, c)
    )
    singles = pc.cast(pc.indices_nonzero(single), pa.int64())
    rows, suffixes, initiators, targets = [singles], [constant(len(singles), "")], [], []
    initiators.append(actor_ids.take(singles))
    targets.append(target_ids.take(singles))
    multi: list[tuple[int, str, str | None, str | None]] = []
    where = pc.indices_nonzero(listed)
    parsed: dict[tuple[str, str], tuple[list[str | None], list[str]]] = {}  # a list is read once per block
    cells = zip(actors.take(where).to_pylist(), recipients.take(where).to_pylist(), strict=True)
    for index, cell_pair in zip(where.to_pylist(), cells, strict=True):
        line = first + index
        sides = [
            _states(ctx, parsed, str(cell), line, column)
            for cell, column in zip(cell_pair, ("Actor Country", "Recipient Country"), strict=True)
        ]
        combos = [(a, b) for a in sides[0] for b in sides[1]]
        for number, (a, b) in enumerate(combos, start=1):
            multi.append((index, f".{number}" if len(combos) > 1 else "", a, b))
    if multi:
        rows.append(pa.array(np.array([m[0] for m in multi], dtype=np.int64)))
        suffixes.append(pa.array([m[1] for m in multi], pa.string()))
        initiators.append(pa.array([m[2] for m in multi], pa.string()))
        targets.append(pa.array([m[3] for m in multi], pa.string()))
    return _Pairs(*(pa.concat_arrays(parts) for parts in (rows, suffixes, initiators, targets)))


def _country(ctx: Context, code: str) -> StateRef | None:
    """A country as POLECAT codes it (ISO 3166-1 alpha-3), or by name should a file write one."""
    return ctx.walk.cameo(code) if len(code) == 3 else ctx.walk.name(code)


def _states(
    ctx: Context, parsed: dict[tuple[str, str], tuple[list[str | None], list[str]]], cell: str, line: int, column: str
) -> list[str | None]:
    """The distinct states a list of countries names, in its order ([None] where it names none); the
    codes that name no state are tallied, at each row that has them."""
    if (column, cell) not in parsed:
        found: list[str | None] = []
        unknown: list[str] = []
        for code in (part.strip() for part in cell.split(";")):
            ref = _country(ctx, code) if code else None
            if ref is None:
                unknown += [code] if code else []
            elif ref.id not in found:
                ctx.state(ref, line, code)
                found.append(ref.id)
        parsed[(column, cell)] = (found or [None], unknown)
    found, unknown = parsed[(column, cell)]
    for code in unknown:
        tally = ctx.unmapped.setdefault((column, code), [0, line])
        tally[0] += 1
    return found


def _with_plover(
    events: pa.Table,
    key: pa.Array,
    day: pa.Array,
    plover: pa.Array,
    mode: pa.Array,
    cells: dict[str, pa.Array],
    take: pa.Array,
) -> pa.Table:
    """The Event rows with PLOVER's type, mode and contexts, matched to them by id: event_tables
    leaves out the rows without a state, so its rows are found by the id it gives them."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ids = join(day, "-polecat-", key)  # the id event_tables writes
    where = pc.index_in(events.column("id"), value_set=ids)
    for name, values in (
        ("plover_type", plover),
        ("plover_mode", mode.take(take)),
        ("plover_context", cells["Contexts"].take(take)),
    ):
        column = pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values).take(where)
        events = events.set_column(events.schema.get_field_index(name), name, column)
    return events
