"""COW National Material Capabilities (v6): one row per state-year, -9 for a missing value."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..load.cells import INTEGER_PATTERN
from .arrow import (
    Context,
    Stream,
    checked,
    constant,
    csv_reader,
    header_with,
    join,
    line_numbers,
    map_states,
    numbers,
    strings,
)
from .indicators import measured_table

if TYPE_CHECKING:
    import pyarrow as pa


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


def cow_states(ctx: Context, ccodes: pa.Array, ok: pa.Array, first: int, column: str) -> pa.Array:
    """State ids of COW country codes (null where a code is bad, empty or unmapped), through the
    crosswalk's COW column: what every COW dataset's ccode columns go through."""
    import pyarrow.compute as pc

    return map_states(ctx, pc.if_else(ok, ccodes, ""), first, column, lambda c: ctx.walk.cow(int(c)))


def read_cow_nmc(stream: Stream, ctx: Context) -> Iterator[dict[str, pa.Table]]:
    """COW National Material Capabilities: one row per state-year, -9 for a missing value."""
    import pyarrow as pa
    import pyarrow.compute as pc

    required = ["stateabb", "ccode", "year", *COW_INDICATORS]
    if header_with(stream, ctx, ",", required, "a COW NMC file") is None:
        return
    for code, (name, unit) in COW_INDICATORS.items():
        ctx.indicators[f"cow_nmc.{code}"] = {
            "id": f"cow_nmc.{code}",
            "name": name,
            "unit": unit,
            "source": ctx.source,
            "locator": f"{ctx.display}, column {code}",
        }
    reader = csv_reader(stream, delimiter=",", column_names=None, include=required, ctx=ctx)
    for batch in reader:
        first, n = ctx.rows + 2, batch.num_rows
        ccode, year = strings(batch, "ccode"), strings(batch, "year")
        ok = pc.and_(
            checked(ctx, ccode, INTEGER_PATTERN, first, "bad-number", "ccode", "a COW country code"),
            checked(ctx, year, r"^[0-9]{4}$", first, "bad-number", "year", "a year"),
        )
        state = cow_states(ctx, ccode, ok, first, "ccode")
        years = pc.cast(pc.if_else(ok, year, pa.scalar(None, pa.string())), pa.int64())
        locator = join(
            f"{ctx.display} line ",
            pc.cast(line_numbers(first, n), pa.string()),
            ", ",
            strings(batch, "stateabb"),
            " ",
            year,
        )
        tables = []
        for code in COW_INDICATORS:
            value = numbers(ctx, strings(batch, code), first, code)
            value = pc.if_else(pc.equal(value, COW_MISSING), pa.scalar(None, pa.float64()), value)
            tables.append(measured_table(ctx, state, constant(n, f"cow_nmc.{code}"), years, value, locator))
        ctx.rows += n
        yield {"MEASURED": pa.concat_tables(tables)}
