"""A dyad's timeline: its ties as spans by level above, its events by CAMEO quad class below.

The figure IR papers draw by hand for a bilateral relationship. A tie without an end is in
force to the last year shown; a tie without a start cannot be placed and is named in a note.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import ExportError
from .figure import drawing, new_figure, resolve_lang, save
from .style import QUAD_COLOURS, QUAD_MARKERS, QUAD_NAMES, TIE_LEVELS
from .subgraph import Node, Relationship, Subgraph, parse_key

LEVEL_COLOURS = {1: "#C6DBEF", 2: "#6BAED6", 3: "#2171B5", 4: "#08306B"}
OTHER_TIE_COLOUR = "#969696"
UNCLASSIFIED = "unclassified"
DIRECTED_KINDS = ("recognition",)


def dyad_of(subgraph: Subgraph) -> tuple[str, str]:
    if subgraph.selection.mode != "dyad" or not subgraph.selection.dyad:
        raise ExportError("a timeline is of one dyad: select it with --dyad A B (two State ids, e.g. MNG CHN)")
    return subgraph.selection.dyad


def tie_rows(subgraph: Subgraph) -> list[tuple[str, int, list[Relationship]]]:
    """(row name, level, ties) from the highest level down; other kinds after the ladder, by name."""
    rows: dict[str, list[Relationship]] = {}
    for rel in subgraph.relationships:
        if rel.type != "TIE":
            continue
        kind = str(rel.properties.get("kind"))
        name = kind.replace("_", " ")
        if kind in DIRECTED_KINDS:
            name += f" ({parse_key(rel.start)[1]}→{parse_key(rel.end)[1]})"
        rows.setdefault(name, []).append(rel)
    levelled = [(name, TIE_LEVELS.get(str(ties[0].properties.get("kind")), 0), ties) for name, ties in rows.items()]
    return sorted(levelled, key=lambda row: (-row[1], row[0]))


def year_span(subgraph: Subgraph) -> tuple[int, int]:
    """First and last year the figure shows: the selection's bounds, else the dyad's dated facts."""
    years: list[int] = []
    for rel in subgraph.relationships:
        years += [int(rel.properties[k]) for k in ("year_from", "year_to", "year") if rel.properties.get(k) is not None]
    years += [int(n.properties["year"]) for n in subgraph.nodes if n.label == "Event" and n.properties.get("year")]
    if not years:
        raise ExportError("the dyad has no dated tie or event to draw on a timeline")
    first = subgraph.selection.since if subgraph.selection.since is not None else min(years)
    last = subgraph.selection.until if subgraph.selection.until is not None else max(years)
    return first, last


def timeline_figure(subgraph: Subgraph, path: Path, fmt: str, lang: str = "en", title: str | None = None) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    first_state, second_state = dyad_of(subgraph)
    lang = resolve_lang(lang)
    first, last = year_span(subgraph)
    ties = tie_rows(subgraph)
    events = [n for n in subgraph.nodes if n.label == "Event" and n.properties.get("year") is not None]
    quads = [q for q in QUAD_COLOURS if any(e.properties.get("quad") == q for e in events)]
    if any(e.properties.get("quad") not in QUAD_COLOURS for e in events):
        quads.append(UNCLASSIFIED)
    undated = sorted({name for name, _, rels in ties for r in rels if r.properties.get("year_from") is None})
    span = max(last - first, 1)
    names = [subgraph.node(f"State:{state}").display_name(lang) for state in (first_state, second_state)]

    with drawing(lang):
        figure = new_figure(9.0, 1.6 + 0.32 * (len(ties) + len(quads)))
        grid = figure.add_gridspec(2, 1, height_ratios=[max(len(ties), 1), max(len(quads), 1)], hspace=0.08)
        tie_axes = figure.add_subplot(grid[0])
        event_axes = figure.add_subplot(grid[1], sharex=tie_axes)

        for row, (_, level, rels) in enumerate(ties):
            for rel in rels:
                start = rel.properties.get("year_from")
                if start is None:
                    continue
                end = rel.properties.get("year_to")
                # A span covers its years whole: from the start of the first to the end of the last.
                stop = (int(end) if end is not None else last) + 1
                begin = max(int(start), first)
                if stop > begin:
                    colour = LEVEL_COLOURS.get(level, OTHER_TIE_COLOUR)
                    tie_axes.broken_barh([(begin, stop - begin)], (row - 0.35, 0.7), facecolors=colour)
        tie_axes.set_yticks(range(len(ties)), [name for name, _, _ in ties])
        tie_axes.set_ylim(max(len(ties), 1) - 0.5, -0.5)  # an empty row rather than a singular axis
        tie_axes.tick_params(axis="x", labelbottom=False)
        tie_axes.set_ylabel("ties")

        for row, quad in enumerate(quads):
            in_row = sorted(
                (e for e in events if (_quad(e) or UNCLASSIFIED) == quad),
                key=lambda e: (int(e.properties["year"]), e.id),
            )
            stacked: Counter[int] = Counter()
            xs, ys = [], []
            for event in in_row:
                year = int(event.properties["year"])
                # Events of one year stand side by side rather than on top of each other.
                xs.append(year + 0.5 + 0.25 * ((stacked[year] + 1) // 2) * (-1) ** stacked[year])
                ys.append(row)
                stacked[year] += 1
            event_axes.scatter(
                xs,
                ys,
                s=28,
                marker=QUAD_MARKERS.get(quad, "D"),
                c=QUAD_COLOURS.get(quad, "#636363"),
                edgecolors="#252525",
                linewidths=0.4,
                zorder=2,
            )
        event_axes.set_yticks(range(len(quads)), [QUAD_NAMES.get(q, q) for q in quads])
        event_axes.set_ylim(max(len(quads), 1) - 0.5, -0.5)
        event_axes.set_ylabel("events")
        event_axes.set_xlim(first - 0.01 * span, last + 1 + 0.01 * span)
        for axes in (tie_axes, event_axes):
            axes.grid(axis="x", color="#E0E0E0", linewidth=0.5, zorder=0)
            axes.set_axisbelow(True)
            for side in ("top", "right"):
                axes.spines[side].set_visible(False)

        handles: list[Any] = [
            Patch(facecolor=LEVEL_COLOURS[level], label=kind.replace("_", " "))
            for kind, level in TIE_LEVELS.items()
            if any(lvl == level for _, lvl, _ in ties)
        ]
        if any(level == 0 for _, level, _ in ties):
            handles.append(Patch(facecolor=OTHER_TIE_COLOUR, label="other tie"))
        handles += [
            Line2D(
                [],
                [],
                linestyle="",
                marker=QUAD_MARKERS[q],
                markerfacecolor=QUAD_COLOURS[q],
                markeredgecolor="#252525",
                label=QUAD_NAMES[q],
            )
            for q in quads
            if q in QUAD_COLOURS
        ]
        figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.91, 0.88), frameon=False, fontsize=7)
        tie_axes.set_title(title or f"{names[0]}–{names[1]}: ties and events, {first}–{last}", loc="left")
        if undated:
            event_axes.text(
                0.0,
                -0.35 - 0.02 * len(quads),
                "Undated ties, not drawn: " + "; ".join(undated) + ".",
                transform=event_axes.transAxes,
                fontsize=7,
                va="top",
            )
        save(figure, path, fmt)


def _quad(event: Node) -> str | None:
    quad = event.properties.get("quad")
    return str(quad) if quad in QUAD_COLOURS else None


def write_timeline(subgraph: Subgraph, path: Path, lang: str = "en", title: str | None = None) -> None:
    """The `timeline` renderer: svg, pdf or png by the path's suffix."""
    from .figure import figure_format

    timeline_figure(subgraph, path, figure_format(path), lang, title)
