"""COW Formal Alliances (v4.1): each state's alliance pledges to another, with their start and end.

The dyadic files of version4.1_csv.zip (alliance_v4.1_by_dyad.csv, _by_directed.csv and their
_yearly forms; comma-separated, with a header) have, per dyad's membership in an alliance:
version4id (the alliance), ccode1, state_name1, ccode2, state_name2, dyad_st_day, dyad_st_month,
dyad_st_year (the dyad's entry into the alliance), dyad_end_day, dyad_end_month, dyad_end_year
(empty while the alliance is in force at the data's end, 2012), left_censor (1: entered before
1816), right_censor (1: still in force at the end of 2012), the four types defense, neutrality,
nonaggression and entente (1 where ccode1 pledges it to ccode2), version, and in the yearly files
one row per year with a `year` column (the Formal Alliances v4.1 codebook,
correlatesofwar.org/data-sets/formal-alliances).

Each pledge becomes a TIE from ccode1's state to ccode2's of kind `defense_pact`,
`neutrality_pact`, `nonaggression_pact` or `entente`. In a yearly file the consecutive years of
one pledge collapse into one TIE (imports/ties.py); it starts at the dyad's entry date where its
first year is the entry year, and ends at the dyad's exit date where its last year is the exit
year (a pledge whose type changes within an alliance ends and starts in the years of the change).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..load.cells import INTEGER_PATTERN
from ..model import rows_table
from ..schema import REL_BY_NAME, REL_ID
from .arrow import Context, Stream, checked, csv_reader, header_with, join, line_numbers, strings
from .cow_nmc import cow_states
from .ties import Facts, Span, locator, state_name

if TYPE_CHECKING:
    import pyarrow as pa


COLUMNS = (
    "version4id", "ccode1", "ccode2", "dyad_st_day", "dyad_st_month", "dyad_st_year", "dyad_end_day",
    "dyad_end_month", "dyad_end_year", "left_censor", "right_censor", "defense", "neutrality", "nonaggression",
    "entente",
)  # fmt: skip
VERSION = "4.1"  # when the file has no version column
PLEDGES = {
    "defense": ("defense_pact", "a defense pact"),
    "neutrality": ("neutrality_pact", "a neutrality pledge"),
    "nonaggression": ("nonaggression_pact", "a non-aggression pledge"),
    "entente": ("entente", "an entente (to consult in a crisis)"),
}
CODES = {"version4id": "an alliance number", "ccode1": "a COW country code", "ccode2": "a COW country code"}
# What each span needs of its rows besides the lines, by column.
KEPT = ("version4id", *COLUMNS[3:11])


def read_cow_alliance(stream: Stream, ctx: Context) -> Iterator[dict[str, pa.Table]]:
    """COW Formal Alliances: one TIE per pledge and span, collapsed over a yearly file's years."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    header = header_with(stream, ctx, ",", COLUMNS, "a COW Formal Alliances file")
    if header is None:
        return
    yearly = "year" in header
    extra = [c for c in ("year", "version") if c in header]
    facts = Facts()
    kept: dict[str, list[pa.Array]] = {c: [] for c in (*KEPT, "line", "year")}
    versions: set[str] = set()
    done = 0
    for batch in csv_reader(stream, delimiter=",", column_names=None, include=[*COLUMNS, *extra], ctx=ctx):
        first, n = ctx.rows + 2, batch.num_rows
        cells = {c: strings(batch, c) for c in (*COLUMNS, *extra)}
        ok = {c: checked(ctx, cells[c], INTEGER_PATTERN, first, "bad-number", c, what) for c, what in CODES.items()}
        checked(ctx, cells["dyad_st_year"], r"^[0-9]{4}$", first, "bad-number", "dyad_st_year", "a year")
        checked(ctx, cells["dyad_end_year"], r"^([0-9]{4}|-9)?$", first, "bad-number", "dyad_end_year", "a year")
        for column in ("dyad_st_day", "dyad_st_month", "dyad_end_day", "dyad_end_month"):
            checked(ctx, cells[column], r"^(-9|[0-9]{1,2})?$", first, "bad-number", column, "a day or month")
        for column in ("left_censor", "right_censor", *PLEDGES):
            checked(ctx, cells[column], r"^[01]$", first, "bad-number", column, "0 or 1")
        step = pa.repeat(pa.scalar(0, pa.int64()), n)
        if yearly:
            good = checked(ctx, cells["year"], r"^[0-9]{4}$", first, "bad-number", "year", "a year")
            step = pc.cast(pc.if_else(good, cells["year"], pa.scalar(None, pa.string())), pa.int64())
        start = cow_states(ctx, cells["ccode1"], ok["ccode1"], first, "ccode1")
        end = cow_states(ctx, cells["ccode2"], ok["ccode2"], first, "ccode2")
        # one alliance's dyad may enter it twice (a state that died and came back): the entry tells them apart
        entry = [cells[f"dyad_st_{part}"] for part in ("year", "month", "day")]
        group = join(cells["version4id"], "|", *entry, sep="-")
        rows = pa.array(np.arange(done, done + n, dtype=np.int64))
        for column, (kind, _) in PLEDGES.items():
            pledged = pc.if_else(pc.equal(cells[column], "1"), kind, pa.scalar(None, pa.string()))
            facts.add(start, end, pledged, group, step, rows)
        for column in KEPT:
            kept[column].append(cells[column])
        kept["line"].append(line_numbers(first, n))
        kept["year"].append(step)
        if "version" in cells:
            versions.update(v for v in pc.unique(cells["version"]).to_pylist() if v)
        ctx.rows += n
        done += n
    if ctx.report.errors or not done:
        return
    columns = {c: pa.concat_arrays(parts).to_pylist() for c, parts in kept.items()}
    last_year = max(y for y in columns["year"] if y is not None)
    version = ", ".join(sorted(versions)) or VERSION
    ties = [_tie(ctx, span, columns, yearly, last_year, version) for span in facts.spans()]
    yield {"TIE": rows_table((REL_ID, *REL_BY_NAME["TIE"].props), ties, leading=("from", "to"))}


def _day(year: str, month: str, day: str) -> str | None:
    """The ISO day the cells give, or None where the month or day is not known (empty or -9)."""
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _tie(
    ctx: Context, span: Span, columns: dict[str, list[Any]], yearly: bool, last_year: int, version: str
) -> dict[str, Any]:
    first, last = span.rows[0], span.rows[-1]  # the rows of the span's first and last step
    cell = {c: values[first] for c, values in columns.items()}
    end_cell = {c: values[last] for c, values in columns.items()}
    entry_year, exit_year = int(cell["dyad_st_year"]), end_cell["dyad_end_year"]
    ended = exit_year not in ("", "-9")
    begins = not yearly or span.first == entry_year
    finishes = not yearly or (ended and span.last == int(exit_year))
    since = _day(cell["dyad_st_year"], cell["dyad_st_month"], cell["dyad_st_day"]) if begins else None
    until = _day(exit_year, end_cell["dyad_end_month"], end_cell["dyad_end_day"]) if finishes else None
    # the codebook: an empty exit "denotes alliance is still in effect" at the data's end (right_censor 1)
    open_ended = not ended and (not yearly or span.last == last_year)
    since_year = entry_year if begins else span.first
    until_year = (int(exit_year) if finishes else span.last) if not open_ended else None
    precise = since is not None and (open_ended or until is not None)
    since_text = since if precise else str(since_year)
    until_text = None if open_ended else (until if precise else str(until_year))
    pledge = next(words for kind, words in PLEDGES.values() if kind == span.kind)
    alliance = cell["version4id"]
    start, end = state_name(ctx, span.start), state_name(ctx, span.end)
    ending = "in force at the end of the data (2012)" if open_ended else f"to {until_text}"
    before = " (entered before 1816)" if cell["left_censor"] == "1" and begins else ""
    return {
        "from": span.start,
        "to": span.end,
        "id": f"{span.start}>TIE>{span.end}:{span.kind}:{since_text}:alliance-{alliance}",
        "kind": span.kind,
        "since": since_text,
        "until": until_text,
        "year_from": since_year,
        "year_to": until_year,
        "date_basis": ctx.source,
        "date_precision": "day" if precise else "year",
        "description": (
            f"COW Formal Alliances v{version}, alliance {alliance}: {pledge} of {start} to {end}, "
            f"from {since_text}{before} {ending}"
        ),
        "source": ctx.source,
        "locator": f"{locator(ctx, [columns['line'][row] for row in span.rows])}, version4id {alliance}",
    }
