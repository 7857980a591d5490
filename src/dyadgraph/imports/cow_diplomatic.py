"""COW Diplomatic Exchange (v2006.1): the level of each state's representation at the other, per wave.

The file (Diplomatic_Exchange_2006v1.csv, comma-separated, with a header) has one row per dyad
and observed year: ccode1, ccode2, year, DR_at_1 (the level of side 2's representation at side 1),
DR_at_2 (side 1's at side 2), DE (diplomatic exchange) and version, as the codebook
(Diplomatic_Exchange_2006v1_codebook.pdf, correlatesofwar.org/data-sets/diplomatic-exchange)
defines them. The years are waves: 1817, 1824, ..., every five years from 1844 to 1914, 1920 to
1940 and 1950 to 2005. DR_at codes: 0 none, 1 chargé d'affaires, 2 minister, 3 ambassador,
9 other (in 1950-1965 the codebook's default where the level is not known).

Each representation becomes a directed TIE from the sending state to the host, of kind
`embassy_charge`, `embassy_minister`, `embassy_ambassador` or `embassy_other`; DE = 1 becomes a
`diplomatic_relations` TIE. Consecutive waves with the same tie collapse into one TIE from the
first wave's year to the last's (imports/ties.py), so a level observed from 1990 to 2005 is in
force in between and not after the last wave that records it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..load.cells import INTEGER_PATTERN
from ..model import rows_table
from ..schema import REL_BY_NAME, REL_ID
from .arrow import Context, Stream, checked, constant, csv_reader, header_with, line_numbers, strings
from .cow_nmc import cow_states
from .ties import Facts, Span, locator, state_name

if TYPE_CHECKING:
    import pyarrow as pa


COLUMNS = ("ccode1", "ccode2", "year", "DR_at_1", "DR_at_2", "DE")
VERSION = "2006.1"  # when the file has no version column
# The codebook's DR_at codes; 0 (no representation) and -9 or an empty cell (not known) state no tie.
LEVELS = {
    "1": ("embassy_charge", "a chargé d'affaires"),
    "2": ("embassy_minister", "a minister"),
    "3": ("embassy_ambassador", "an ambassador"),
    "9": ("embassy_other", "another level of representation (code 9)"),
}
LEVEL_CODE = r"^(0|1|2|3|9|-9)?$"


def read_cow_diplomatic(stream: Stream, ctx: Context) -> Iterator[dict[str, pa.Table]]:
    """COW Diplomatic Exchange: TIEs of representation and exchange, collapsed over the waves."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    header = header_with(stream, ctx, ",", COLUMNS, "a COW Diplomatic Exchange file")
    if header is None:
        return
    extra = ["version"] if "version" in header else []
    facts = Facts()
    kinds = pa.array([kind for kind, _ in LEVELS.values()], pa.string())
    codes = pa.array(list(LEVELS), pa.string())
    lines: list[pa.Array] = []
    years: list[pa.Array] = []
    versions: set[str] = set()
    done = 0
    for batch in csv_reader(stream, delimiter=",", column_names=None, include=[*COLUMNS, *extra], ctx=ctx):
        first, n = ctx.rows + 2, batch.num_rows
        ccode1, ccode2, year = strings(batch, "ccode1"), strings(batch, "ccode2"), strings(batch, "year")
        ok1 = checked(ctx, ccode1, INTEGER_PATTERN, first, "bad-number", "ccode1", "a COW country code")
        ok2 = checked(ctx, ccode2, INTEGER_PATTERN, first, "bad-number", "ccode2", "a COW country code")
        ok_year = checked(ctx, year, r"^[0-9]{4}$", first, "bad-number", "year", "a year")
        side1, side2 = cow_states(ctx, ccode1, ok1, first, "ccode1"), cow_states(ctx, ccode2, ok2, first, "ccode2")
        level = {}
        for column in ("DR_at_1", "DR_at_2"):
            raw = strings(batch, column)
            good = checked(ctx, raw, LEVEL_CODE, first, "bad-number", column, "a DR_at code (0, 1, 2, 3, 9 or -9)")
            level[column] = kinds.take(pc.index_in(pc.if_else(good, raw, ""), value_set=codes))
        de = strings(batch, "DE")
        ok_de = checked(ctx, de, r"^(0|1|-9)?$", first, "bad-number", "DE", "a DE code (0, 1 or -9)")
        rows = pa.array(np.arange(done, done + n, dtype=np.int64))
        step = pc.cast(pc.if_else(ok_year, year, pa.scalar(None, pa.string())), pa.int64())
        none = constant(n, "")
        # DR_at_1 is side 2's representation at side 1, DR_at_2 side 1's at side 2
        facts.add(side2, side1, level["DR_at_1"], none, step, rows)
        facts.add(side1, side2, level["DR_at_2"], none, step, rows)
        exchange = pc.if_else(pc.and_(ok_de, pc.equal(de, "1")), "diplomatic_relations", pa.scalar(None, pa.string()))
        lower = pc.if_else(pc.less(side1, side2), side1, side2)  # one undirected TIE, whichever side comes first
        upper = pc.if_else(pc.less(side1, side2), side2, side1)
        facts.add(lower, upper, exchange, none, step, rows)
        lines.append(line_numbers(first, n))
        years.append(step)
        if extra:
            versions.update(v for v in pc.unique(strings(batch, "version")).to_pylist() if v)
        ctx.rows += n
        done += n
    if ctx.report.errors or not lines:
        return
    waves = np.unique(pa.concat_arrays(years).to_numpy(zero_copy_only=False))
    # a span runs over consecutive waves of the file, not consecutive years
    facts.step = [pa.array(np.searchsorted(waves, s.to_numpy(zero_copy_only=False))) for s in facts.step]
    version = ", ".join(sorted(versions)) or VERSION
    line_of = pa.concat_arrays(lines).to_numpy(zero_copy_only=False)
    ties = [_tie(ctx, span, waves, line_of, version) for span in facts.spans()]
    yield {"TIE": rows_table((REL_ID, *REL_BY_NAME["TIE"].props), ties, leading=("from", "to"))}


def _tie(ctx: Context, span: Span, waves: Any, line_of: Any, version: str) -> dict[str, Any]:
    since, until = int(waves[span.first]), int(waves[span.last])
    start, end = state_name(ctx, span.start), state_name(ctx, span.end)
    when = f"in the wave of {since}" if since == until else f"in the waves {since} to {until}"
    if span.kind == "diplomatic_relations":
        what = f"{start} and {end} exchange diplomats (DE = 1) {when}"
    else:
        words = next(words for kind, words in LEVELS.values() if kind == span.kind)
        what = f"{start} is represented at {end} by {words} {when}"
    return {
        "from": span.start,
        "to": span.end,
        "id": f"{span.start}>TIE>{span.end}:{span.kind}:{since}",
        "kind": span.kind,
        "since": str(since),
        "until": str(until),
        "year_from": since,
        "year_to": until,
        "date_basis": ctx.source,
        "date_precision": "year",
        "description": f"COW Diplomatic Exchange v{version}: {what}",
        "source": ctx.source,
        "locator": locator(ctx, [int(line_of[row]) for row in span.rows]),
    }
