"""Indicators (COW NMC, WDI): values of a state, an indicator and a year as `MEASURED` rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import arrow_table
from ..schema import REL_BY_NAME, REL_ID
from .arrow import Context, constant, join

if TYPE_CHECKING:
    import pyarrow as pa


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
        "id": join(state, ">MEASURED>", indicator, ":", pc.cast(year, pa.string())),
        "year": year,
        "value": value,
        "date_basis": constant(n, ctx.source),
        "date_precision": constant(n, "year"),
        "source": constant(n, ctx.source),
        "locator": locator,
    }
    return arrow_table((REL_ID, *REL_BY_NAME["MEASURED"].props), columns, n, leading=("from", "to"))
