"""A dyad-year panel for R, Stata and pandas, keyed like COW's dyad-years so that it merges with them.

One row per directed dyad and year, both directions, as peacesciencer's `create_dyadyears()`
makes them: `ccode1`, `ccode2` (Correlates of War codes) and `year` are the merge key, and no
two rows share it. A dyad is two COW codes, not two graph states: states that share a code
(the USSR and Russia, 365; Qing China and the PRC, 710) are one COW state, so their facts meet
in one row, and a tie between them is a succession, not a dyad. Rows are only for the COW
state system: both states have a COW code and the year is 1816 or later; what is left out is
counted in a warning. `iso3_1` and `iso3_2` name the graph's states whose facts the row holds.

A dyad's years run from its first dated fact to its last, or to the last year of the data while
one of its ties is in force. Missing is not zero: `tie_level` is empty (NA) unless a tie of the
partnership ladder is in force (its level, 1 to 4) or a rupture is (0: the sources record that
relations were broken off); `tie_kinds` and the trade columns are empty when the sources record
none. Event counts are counts of the graph's curated events, so a 0 means none was curated that
year; `events_unclassified` counts those without a CAMEO quad class, so the quad columns add up
to `events`. A trade share that covers part of a year says which months in `trade_period1`
(`2020-01/2020-07`); a whole year's shows the year.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExportError, ExportWarning
from .style import QUAD_COLOURS, TIE_LEVELS
from .subgraph import Subgraph, parse_key

if TYPE_CHECKING:
    import pandas as pd

QUADS = tuple(QUAD_COLOURS)
SHARES = ("export_share", "import_share", "trade_share")
FIRST_COW_YEAR = 1816  # the Correlates of War state system begins in 1816
BROKEN_OFF = "rupture"  # the tie kind that records relations broken off: tie level 0, not missing
EVENT_COUNTS = ("events", *(f"events_{quad}" for quad in QUADS), "events_unclassified")
COLUMNS = (
    "ccode1",
    "ccode2",
    "iso3_1",
    "iso3_2",
    "year",
    "tie_level",
    "tie_kinds",
    *EVENT_COUNTS,
    *(f"{share}1" for share in SHARES),
    "trade_period1",
    *(f"{share}2" for share in SHARES),
    "trade_period2",
)
# pandas' nullable types: NA stays NA and the keys stay integers (not float64 with NaN).
DTYPES: dict[str, str] = {
    **{c: "Int64" for c in ("ccode1", "ccode2", "year", "tie_level", *EVENT_COUNTS)},
    **{f"{s}{side}": "Float64" for s in SHARES for side in "12"},
    **{c: "string" for c in ("iso3_1", "iso3_2", "tie_kinds", "trade_period1", "trade_period2")},
}

# A side of a dyad: a COW code, or a state without one (kept apart to be counted, never written).
Side = tuple[int, str]


@dataclass
class Tie:
    kind: str
    start: int | None
    end: int | None
    states: tuple[str, str]

    def in_force(self, year: int) -> bool:
        """Begun by the year (or of unknown start) and not ended before it; an undated tie never is."""
        if self.start is None and self.end is None:
            return False
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass
class Trade:
    state: str  # the state whose shares these are
    shares: dict[str, float]
    period: str


@dataclass
class Dyad:
    ties: list[Tie] = field(default_factory=list)
    events: dict[int, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    event_states: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    # (side, year) -> that side's shares of its trade with the other
    trade: dict[tuple[Side, int], Trade] = field(default_factory=dict)

    def years(self) -> list[int]:
        found = [y for tie in self.ties for y in (tie.start, tie.end) if y is not None]
        return found + list(self.events) + [year for _, year in self.trade]

    def open_ended(self) -> bool:
        return any(tie.start is not None and tie.end is None for tie in self.ties)

    def states(self) -> set[str]:
        found = {s for tie in self.ties for s in tie.states} | {t.state for t in self.trade.values()}
        return found.union(*self.event_states.values())


def sides(subgraph: Subgraph) -> dict[str, Side]:
    """Each State's side of a dyad: its COW code, or (-1, id) when it has none."""
    found: dict[str, Side] = {}
    for node in subgraph.nodes:
        if node.label == "State":
            code = node.properties.get("cow_code")
            found[node.id] = (int(code), "") if code is not None else (-1, node.id)
    return found


def dyads(subgraph: Subgraph) -> dict[tuple[Side, Side], Dyad]:
    """Facts by unordered pair of sides (sorted); a pair of one side is a state and its successor."""
    side = sides(subgraph)
    found: dict[tuple[Side, Side], Dyad] = defaultdict(Dyad)
    involved: dict[str, set[str]] = defaultdict(set)
    for rel in subgraph.relationships:
        (_, start), (end_label, end) = parse_key(rel.start), parse_key(rel.end)
        props = rel.properties
        if rel.type == "INVOLVES" and end_label == "State":
            involved[rel.start].add(end)
        elif rel.type == "TIE" and start != end:
            tie = Tie(str(props["kind"]), props.get("year_from"), props.get("year_to"), (start, end))
            found[_pair(side[start], side[end])].ties.append(tie)
        elif rel.type == "TRADE" and start != end and props.get("year") is not None:
            traded = int(props["year"])
            dyad = found[_pair(side[start], side[end])]
            if (side[start], traded) not in dyad.trade:  # the first by relationship id, when a year has several
                shares = {s: float(props[s]) for s in SHARES if props.get(s) is not None}
                dyad.trade[(side[start], traded)] = Trade(start, shares, str(props.get("period") or traded))
    for node in subgraph.nodes:
        year = node.properties.get("year")
        if node.label != "Event" or year is None:
            continue
        by_side: dict[Side, set[str]] = defaultdict(set)
        for state in involved.get(node.key, ()):
            by_side[side[state]].add(state)
        ordered = sorted(by_side)
        quad = node.properties.get("quad")
        for i, first in enumerate(ordered):
            for second in ordered[i + 1 :]:
                dyad = found[(first, second)]
                counts = dyad.events[int(year)]
                counts["events"] += 1
                counts[str(quad) if quad in QUADS else "unclassified"] += 1
                dyad.event_states[int(year)] |= by_side[first] | by_side[second]
    return dict(sorted(found.items()))


def _pair(a: Side, b: Side) -> tuple[Side, Side]:
    first, second = sorted((a, b))
    return first, second


@dataclass
class LeftOut:
    """Dyad-years not in the panel, by reason (one per unordered dyad and year)."""

    without_code: Counter[str] = field(default_factory=Counter)
    successions: Counter[str] = field(default_factory=Counter)
    before_1816: int = 0

    def warn(self) -> None:
        parts = []
        if self.without_code:
            states = ", ".join(sorted(self.without_code))
            parts.append(f"{sum(self.without_code.values())} of dyads with a state without a COW code ({states})")
        if self.successions:
            pairs = ", ".join(sorted(self.successions))
            parts.append(f"{sum(self.successions.values())} of states that share a COW code ({pairs}: a succession)")
        if self.before_1816:
            parts.append(f"{self.before_1816} before {FIRST_COW_YEAR}, when the COW state system begins")
        if parts:
            total = sum(self.without_code.values()) + sum(self.successions.values()) + self.before_1816
            warnings.warn(
                f"the dyad-year panel leaves out {total} dyad-year{'s' * (total != 1)}: " + "; ".join(parts),
                ExportWarning,
                stacklevel=4,
            )


def panel_rows(subgraph: Subgraph) -> list[dict[str, Any]]:
    found = dyads(subgraph)
    if not found:
        raise ExportError("no dyad in the selection: a dyad-year panel needs two states with a tie, trade or event")
    side = sides(subgraph)
    every_year = [y for dyad in found.values() for y in dyad.years()]
    data_last = max(every_year) if every_year else None
    since, until = subgraph.selection.since, subgraph.selection.until
    left_out = LeftOut()
    rows = []
    for (a, b), dyad in found.items():
        years = dyad.years()
        if not years:
            continue
        first = since if since is not None else min(years)
        last = until if until is not None else max([*years, *([data_last] if dyad.open_ended() and data_last else [])])
        span = range(first, last + 1)
        if a == b:
            left_out.successions["–".join(sorted(dyad.states()))] += len(span)
        elif a[0] < 0 or b[0] < 0:
            for without in (s[1] for s in (a, b) if s[0] < 0):
                left_out.without_code[without] += len(span)
        else:
            left_out.before_1816 += sum(1 for year in span if year < FIRST_COW_YEAR)
            for year in (y for y in span if y >= FIRST_COW_YEAR):
                rows += _dyad_year((a, b), dyad, year, side)
    rows.sort(key=lambda r: (r["ccode1"], r["ccode2"], r["year"]))
    left_out.warn()
    return rows


def _dyad_year(pair: tuple[Side, Side], dyad: Dyad, year: int, side: dict[str, Side]) -> list[dict[str, Any]]:
    """The two directed rows of an undirected dyad-year."""
    ties = [tie for tie in dyad.ties if tie.in_force(year)]
    kinds = sorted({tie.kind for tie in ties})
    levels = [TIE_LEVELS[k] for k in kinds if k in TIE_LEVELS]
    counts = dyad.events.get(year, Counter())
    present = {s for tie in ties for s in tie.states} | dyad.event_states.get(year, set())
    present |= {trade.state for (_, y), trade in dyad.trade.items() if y == year}
    shared = {
        "year": year,
        "tie_level": max(levels) if levels else 0 if BROKEN_OFF in kinds else None,
        "tie_kinds": ";".join(kinds) or None,
        **{name: counts[name.removeprefix("events_")] for name in EVENT_COUNTS},
    }
    rows = []
    for one, two in (pair, pair[::-1]):
        row: dict[str, Any] = {"ccode1": one[0], "ccode2": two[0]}
        for number, state in (("1", one), ("2", two)):
            row[f"iso3_{number}"] = _named(state, present, dyad, side)
        row.update(shared)
        for number, state in (("1", one), ("2", two)):
            trade = dyad.trade.get((state, year))
            row.update({f"{s}{number}": trade.shares.get(s) if trade else None for s in SHARES})
            row[f"trade_period{number}"] = trade.period if trade and trade.shares else None
        rows.append(row)
    return rows


def _named(code: Side, present: set[str], dyad: Dyad, side: dict[str, Side]) -> str:
    """The graph states of a COW code that the row is about: those with facts in it, else all the dyad's."""
    mine = [s for s in present if side.get(s) == code] or [s for s in dyad.states() if side.get(s) == code]
    return ";".join(sorted(mine))


def panel_csv(subgraph: Subgraph) -> str:
    """The panel as CSV: NA is an empty cell (R's read.csv, Stata's import delimited and pandas read it so)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in panel_rows(subgraph):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def panel_frame(subgraph: Subgraph) -> pd.DataFrame:
    """The panel as a pandas DataFrame with nullable types: integer keys and counts (Int64), NA for missing."""
    import pandas as pd

    rows = panel_rows(subgraph)
    frame = pd.DataFrame({column: [row[column] for row in rows] for column in COLUMNS})
    return frame.astype(DTYPES)


def write_panel(subgraph: Subgraph, path: Path) -> None:
    path.write_text(panel_csv(subgraph), encoding="utf-8")


def panel_text(subgraph: Subgraph, lang: str = "en", title: str | None = None) -> str:
    """The panel as the `dyad-year` renderer: its columns are codes and counts, so lang and title do not apply."""
    return panel_csv(subgraph)
