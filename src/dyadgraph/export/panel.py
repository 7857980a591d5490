"""A dyad-year panel for R and Stata, keyed like peacesciencer's dyad-years so it merges with COW data.

One row per directed dyad and year, both directions, as `create_dyadyears()` makes them by
default: `ccode1`, `ccode2` (Correlates of War codes) and `year` are the merge key; columns
about one side end in 1 or 2, as peacesciencer's do. A dyad is two states with a tie, trade
or an event involving both; its years run from its first dated fact to its last, or to the
last year of the data while one of its ties is in force. Counts are of the events in the
graph: a year without any is 0, which means none was curated, not that none happened.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ExportError, ExportWarning
from .style import QUAD_COLOURS, TIE_LEVELS
from .subgraph import Subgraph, parse_key

QUADS = tuple(QUAD_COLOURS)
SHARES = ("export_share", "import_share", "trade_share")
COLUMNS = (
    "ccode1",
    "ccode2",
    "iso3_1",
    "iso3_2",
    "year",
    "tie_level",
    "tie_kinds",
    "events",
    *(f"events_{quad}" for quad in QUADS),
    *(f"{share}1" for share in SHARES),
    *(f"{share}2" for share in SHARES),
)


@dataclass
class Dyad:
    # (kind, first year or None, last year or None) of each tie between the two states
    ties: list[tuple[str, int | None, int | None]] = field(default_factory=list)
    events: dict[int, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # (from state, year) -> the from-state's shares of its trade with the other
    trade: dict[tuple[str, int], dict[str, float]] = field(default_factory=dict)

    def years(self) -> list[int]:
        found = [y for _, start, end in self.ties for y in (start, end) if y is not None]
        return found + list(self.events) + [year for _, year in self.trade]

    def open_ended(self) -> bool:
        return any(start is not None and end is None for _, start, end in self.ties)

    def in_force(self, year: int) -> list[str]:
        """Kinds in force: begun by the year (or of unknown start) and not ended before it."""
        return sorted(
            {
                kind
                for kind, start, end in self.ties
                if (start is not None or end is not None)
                and (start is None or start <= year)
                and (end is None or year <= end)
            }
        )


def dyads(subgraph: Subgraph) -> dict[tuple[str, str], Dyad]:
    """Facts by unordered pair of State ids (sorted)."""
    found: dict[tuple[str, str], Dyad] = defaultdict(Dyad)
    involved: dict[str, set[str]] = defaultdict(set)
    for rel in subgraph.relationships:
        (_, start), (end_label, end) = parse_key(rel.start), parse_key(rel.end)
        props = rel.properties
        if rel.type == "INVOLVES" and end_label == "State":
            involved[rel.start].add(end)
        elif rel.type == "TIE" and start != end:
            found[_pair(start, end)].ties.append((str(props["kind"]), props.get("year_from"), props.get("year_to")))
        elif rel.type == "TRADE" and start != end and props.get("year") is not None:
            key = (start, int(props["year"]))
            dyad = found[_pair(start, end)]
            if key not in dyad.trade:  # the first by relationship id, when a year has several periods
                dyad.trade[key] = {s: float(props[s]) for s in SHARES if props.get(s) is not None}
    for node in subgraph.nodes:
        year = node.properties.get("year")
        if node.label != "Event" or year is None:
            continue
        states = sorted(involved.get(node.key, ()))
        quad = node.properties.get("quad")
        for i, first in enumerate(states):
            for second in states[i + 1 :]:
                counts = found[(first, second)].events[int(year)]
                counts["events"] += 1
                if quad in QUADS:
                    counts[str(quad)] += 1
    return dict(sorted(found.items()))


def _pair(a: str, b: str) -> tuple[str, str]:
    first, second = sorted((a, b))
    return first, second


def panel_rows(subgraph: Subgraph) -> list[dict[str, Any]]:
    found = dyads(subgraph)
    if not found:
        raise ExportError("no dyad in the selection: a dyad-year panel needs two states with a tie, trade or event")
    states = {n.id: n.properties for n in subgraph.nodes if n.label == "State"}
    every_year = [y for dyad in found.values() for y in dyad.years()]
    data_last = max(every_year) if every_year else None
    since, until = subgraph.selection.since, subgraph.selection.until
    rows = []
    for (a, b), dyad in found.items():
        years = dyad.years()
        if not years:
            continue
        first = since if since is not None else min(years)
        last = until if until is not None else max([*years, *([data_last] if dyad.open_ended() and data_last else [])])
        for year in range(first, last + 1):
            kinds = dyad.in_force(year)
            counts = dyad.events.get(year, Counter())
            shared = {
                "year": year,
                "tie_level": max((TIE_LEVELS.get(k, 0) for k in kinds), default=0),
                "tie_kinds": ";".join(kinds),
                "events": counts["events"],
                **{f"events_{quad}": counts[quad] for quad in QUADS},
            }
            for one, two in ((a, b), (b, a)):
                row = {
                    "ccode1": states.get(one, {}).get("cow_code"),
                    "ccode2": states.get(two, {}).get("cow_code"),
                    "iso3_1": one,
                    "iso3_2": two,
                    **shared,
                }
                for side, state in (("1", one), ("2", two)):
                    shares = dyad.trade.get((state, year), {})
                    row.update({f"{s}{side}": shares.get(s) for s in SHARES})
                rows.append(row)
    rows.sort(key=lambda r: (_code(r["ccode1"]), _code(r["ccode2"]), r["iso3_1"], r["iso3_2"], r["year"]))
    _warn_on_shared_keys(rows)
    return rows


def _code(value: Any) -> int:
    return int(value) if value is not None else 10**6


def _warn_on_shared_keys(rows: list[dict[str, Any]]) -> None:
    keys = Counter((r["ccode1"], r["ccode2"], r["year"]) for r in rows if r["ccode1"] is not None)
    shared = sorted(k for k, n in keys.items() if n > 1 and k[1] is not None)
    if shared:
        ccode1, ccode2, year = shared[0]
        warnings.warn(
            f"{len(shared)} ccode1-ccode2-year keys have more than one row (first: {ccode1}-{ccode2}-{year}): "
            "two states share a COW code (the USSR and Russia are both 365); iso3_1 and iso3_2 tell them apart",
            ExportWarning,
            stacklevel=3,
        )


def panel_csv(subgraph: Subgraph) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in panel_rows(subgraph):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def write_panel(subgraph: Subgraph, path: Path) -> None:
    path.write_text(panel_csv(subgraph), encoding="utf-8")


def panel_text(subgraph: Subgraph, lang: str = "en", title: str | None = None) -> str:
    """The panel as the `dyad-year` renderer: its columns are codes and counts, so lang and title do not apply."""
    return panel_csv(subgraph)
