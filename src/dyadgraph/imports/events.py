"""Events (ICEWS, GDELT, POLECAT): a block of an event file as `Event` and `INVOLVES` rows.

A format's reader reduces its columns to `EventColumns`; `event_tables` makes of them the rows
the graph keeps, the same way for every event dataset: the provenance on the Event, its INVOLVES
with their role only (docs/ontology.md, "Imported events").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import arrow_table
from ..schema import NODE_BY_NAME, REL_BY_NAME, REL_ID
from .arrow import Context, checked, constant, dates, flag, join, numbers, strings

if TYPE_CHECKING:
    import pyarrow as pa


# CAMEO root codes (01-20) to the quad classes as GDELT and the CAMEO literature group them.
QUAD_BY_ROOT = (
    [None] + ["verbal_coop"] * 5 + ["material_coop"] * 3 + ["verbal_conflict"] * 5 + ["material_conflict"] * 7
)


def cameo_codes(ctx: Context, values: pa.Array, first: int, column: str) -> tuple[pa.Array, pa.Array]:
    """CAMEO codes as strings with their leading zeros (restored where a file lost them) and their root."""
    import pyarrow as pa
    import pyarrow.compute as pc

    codes = pc.utf8_lpad(values, width=3, padding="0")
    good = pc.match_substring_regex(codes, r"^(0[1-9]|1[0-9]|20)[0-9]{1,2}$")
    flag(ctx, pc.invert(good), values, first, "bad-cameo", column, "a CAMEO event code (010 to 2042)")
    codes = pc.if_else(good, codes, pa.scalar(None, pa.string()))
    roots = pc.cast(pc.utf8_slice_codeunits(codes, 0, 2), pa.int64())
    return codes, roots


def event_title(initiator: pa.Array, target: pa.Array, action: pa.Array) -> pa.Array:
    """`initiator → target: action`, or `actor: action` where the file names one actor only."""
    import pyarrow.compute as pc

    one = pc.if_else(pc.equal(initiator, ""), target, initiator)
    both = pc.and_(pc.not_equal(initiator, ""), pc.not_equal(target, ""))
    return pc.if_else(both, join(initiator, " → ", target, ": ", action), join(one, ": ", action))


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
    valid: pa.Array  # rows without a problem


def event_tables(prefix: str, source: str, cols: EventColumns, rows: pa.Array, ctx: Context) -> dict[str, pa.Table]:
    """Event and INVOLVES rows (with a `_row` column for de-duplication) in the schema's column order."""
    import pyarrow as pa
    import pyarrow.compute as pc

    keep = pc.and_(cols.valid, pc.or_(pc.is_valid(cols.initiator), pc.is_valid(cols.target)))
    ctx.without_state += int(pc.sum(pc.and_(cols.valid, pc.invert(keep))).as_py() or 0)
    mask = pc.fill_null(keep, False)
    date = cols.date.filter(mask)
    n = len(date)
    ids = join(date, f"-{prefix}-", cols.key.filter(mask))
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
        "date_basis": constant(n, source),
        "date_precision": constant(n, "day"),
        "kind": constant(n, "coded_event"),
        "cameo": cols.cameo.filter(mask),
        "quad": quad.filter(mask),
        "goldstein": cols.goldstein.filter(mask),
        "source": constant(n, source),
        "locator": locator,
        "quote": cols.quote.filter(mask),
    }
    props = NODE_BY_NAME["Event"].props
    events = arrow_table(props, columns, n).append_column("_row", rows.filter(mask))
    parts = []
    for role, state in (("initiator", cols.initiator), ("target", cols.target)):
        side = pc.and_(mask, pc.is_valid(state))
        event = ids.filter(pc.is_valid(state.filter(mask)))
        to = state.filter(side)
        m = len(to)
        # Only the role: the event carries the provenance (docs/ontology.md, "Imported events").
        rel = {"from": event, "to": to, "role": constant(m, role)}
        # the other columns null, as Kùzu's COPY takes every column of the table
        parts.append(arrow_table((REL_ID, *REL_BY_NAME["INVOLVES"].props), rel, m, leading=("from", "to")))
        parts[-1] = parts[-1].append_column("_row", rows.filter(side))
    return {"Event": events, "INVOLVES": pa.concat_tables(parts)}


@dataclass
class Coded:
    """The columns every coded event dataset has, read and checked: an event id (a whole number),
    a day and a CAMEO code with its root; `valid` marks the rows where all three are good."""

    key: pa.Array
    date: pa.Array
    cameo: pa.Array
    roots: pa.Array
    valid: pa.Array


def coded(ctx: Context, batch: pa.RecordBatch, first: int, *, key: str, date: str, compact: bool, cameo: str) -> Coded:
    """Read a block's coded-event columns by their names in the format; bad values are reported."""
    import pyarrow.compute as pc

    event_id = strings(batch, key)
    ok_id = checked(ctx, event_id, r"^[0-9]+$", first, "bad-number", key, "a whole number")
    day = dates(ctx, strings(batch, date), compact, first, date)
    codes, roots = cameo_codes(ctx, strings(batch, cameo), first, cameo)
    return Coded(event_id, day, codes, roots, pc.and_(pc.and_(ok_id, pc.is_valid(day)), pc.is_valid(codes)))


def intensity(ctx: Context, batch: pa.RecordBatch, first: int, column: str) -> tuple[pa.Array, pa.Array]:
    """The Goldstein-scale values of a column, and where they are good (an empty cell is allowed)."""
    import pyarrow.compute as pc

    raw = strings(batch, column)
    values = numbers(ctx, raw, first, column)
    return values, pc.or_(pc.is_valid(values), pc.equal(raw, ""))
