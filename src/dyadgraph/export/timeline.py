"""A dyad's timeline: its ties as spans by level above, its events by CAMEO quad class below.

The figure IR papers draw by hand for a bilateral relationship. A tie without an end is in
force to the last year shown; a tie with no date at all cannot be placed, gets no row, and is
named in a note. Spans are coloured by what the tie does: the partnership ladder in blues by
level, other cooperation green, conflict (a rupture, a war) vermillion and hatched, the rest grey.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExportError
from .figure import drawing, new_figure, resolve_lang, save
from .style import (
    CONFLICT,
    COOPERATION,
    LADDER,
    LEVEL_COLOURS,
    OTHER_TIES,
    QUAD_COLOURS,
    QUAD_MARKERS,
    QUAD_NAMES,
    SPAN_COLOURS,
    TIE_CLASS_ORDER,
    TIE_LEVELS,
    tie_class,
)
from .subgraph import Node, Relationship, Subgraph, parse_key
from .words import kind_name, say

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TIE_CLASS_NAMES = {COOPERATION: "other cooperation", CONFLICT: "conflict", OTHER_TIES: "other tie"}

UNCLASSIFIED = "unclassified"
UNCLASSIFIED_COLOUR = "#636363"
DIRECTED_KINDS = ("recognition",)


def dyad_of(subgraph: Subgraph) -> tuple[str, str]:
    if subgraph.selection.mode != "dyad" or not subgraph.selection.dyad:
        raise ExportError("a timeline is of one dyad: select it with --dyad A B (two State ids, e.g. MNG CHN)")
    return subgraph.selection.dyad


def _dated(rel: Relationship) -> bool:
    return rel.properties.get("year_from") is not None or rel.properties.get("year_to") is not None


def tie_rows(subgraph: Subgraph, lang: str = "en") -> list[tuple[str, str, list[Relationship]]]:
    """(row name, kind, ties) of every kind with a dated tie: the partnership ladder from its top
    down, then cooperation, conflict and the rest, each by name. A directed kind has a row per direction."""
    rows: dict[str, tuple[str, list[Relationship]]] = {}
    for rel in subgraph.relationships:
        if rel.type != "TIE":
            continue
        kind = str(rel.properties.get("kind"))
        name = kind_name(kind, lang)
        if kind in DIRECTED_KINDS:
            name += f" ({parse_key(rel.start)[1]}→{parse_key(rel.end)[1]})"
        rows.setdefault(name, (kind, []))[1].append(rel)
    drawn = [(name, kind, rels) for name, (kind, rels) in rows.items() if any(_dated(r) for r in rels)]

    def order(row: tuple[str, str, list[Relationship]]) -> tuple[int, int, str]:
        name, kind, _ = row
        return (TIE_CLASS_ORDER.index(tie_class(kind)), -TIE_LEVELS.get(kind, 0), name)

    return sorted(drawn, key=order)


def undated_ties(subgraph: Subgraph, lang: str = "en") -> tuple[list[str], list[str]]:
    """Which kinds' ties the timeline cannot place: those with no dated tie at all, and those drawn
    whose further ties are undated (as `economic partnership (1 of 3)`)."""
    by_name: dict[str, list[Relationship]] = {}
    for rel in subgraph.relationships:
        if rel.type == "TIE":
            kind = str(rel.properties.get("kind"))
            name = kind_name(kind, lang)
            if kind in DIRECTED_KINDS:
                name += f" ({parse_key(rel.start)[1]}→{parse_key(rel.end)[1]})"
            by_name.setdefault(name, []).append(rel)
    left_out, also = [], []
    for name, rels in sorted(by_name.items()):
        undated = sum(1 for r in rels if not _dated(r))
        if undated == len(rels):
            left_out.append(name)
        elif undated:
            also.append(f"{name} ({undated}/{len(rels)})")
    return left_out, also


def span_colour(kind: str) -> str:
    found = tie_class(kind)
    return LEVEL_COLOURS[TIE_LEVELS[kind]] if found == LADDER else SPAN_COLOURS[found]


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
    first_state, second_state = dyad_of(subgraph)
    lang = resolve_lang(lang)
    with drawing(lang):
        save(draw_timeline(subgraph, (first_state, second_state), lang, title), path, fmt)


def draw_timeline(subgraph: Subgraph, dyad: tuple[str, str], lang: str, title: str | None = None) -> Figure:
    """The timeline, drawn but not saved (under `drawing(lang)`)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    first, last = year_span(subgraph)
    ties = tie_rows(subgraph, lang)
    events = [n for n in subgraph.nodes if n.label == "Event" and n.properties.get("year") is not None]
    quads = [q for q in QUAD_COLOURS if any(e.properties.get("quad") == q for e in events)]
    if any(e.properties.get("quad") not in QUAD_COLOURS for e in events):
        quads.append(UNCLASSIFIED)
    left_out, also = undated_ties(subgraph, lang)
    span = max(last - first, 1)
    names = [subgraph.node(f"State:{state}").display_name(lang) for state in dyad]

    figure = new_figure(9.0, 1.6 + 0.3 * (len(ties) + len(quads)))
    panels = [p for p in (ties, quads) if p]
    grid = figure.add_gridspec(len(panels), 1, height_ratios=[len(p) for p in panels] or [1], hspace=0.12)
    tie_axes = figure.add_subplot(grid[0]) if ties else None
    event_axes = figure.add_subplot(grid[-1], sharex=tie_axes) if quads or not ties else None

    if tie_axes is not None:
        for row, (_, kind, rels) in enumerate(ties):
            for rel in rels:
                start, end = rel.properties.get("year_from"), rel.properties.get("year_to")
                if start is None and end is None:
                    continue
                # A span covers its years whole: from the start of the first to the end of the last;
                # a tie known only to have ended is drawn from the first year shown.
                stop = (int(end) if end is not None else last) + 1
                begin = max(int(start), first) if start is not None else first
                if stop > begin:
                    tie_axes.broken_barh(
                        [(begin, stop - begin)],
                        (row - 0.35, 0.7),
                        facecolors=span_colour(kind),
                        edgecolors="#252525" if tie_class(kind) == CONFLICT else "none",
                        hatch="///" if tie_class(kind) == CONFLICT else None,
                        linewidth=0.4,
                    )
        tie_axes.set_yticks(range(len(ties)), [name for name, _, _ in ties])
        tie_axes.set_ylim(len(ties) - 0.5, -0.5)
        tie_axes.set_ylabel(say("ties", lang))
        if event_axes is not None:
            tie_axes.tick_params(axis="x", labelbottom=False)

    if event_axes is not None:
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
                c=QUAD_COLOURS.get(quad, UNCLASSIFIED_COLOUR),
                edgecolors="#252525",
                linewidths=0.4,
                zorder=2,
            )
        event_axes.set_yticks(range(len(quads)), [say(QUAD_NAMES.get(q, q), lang) for q in quads])
        event_axes.set_ylim(max(len(quads), 1) - 0.5, -0.5)
        event_axes.set_ylabel(say("events", lang))
    shown = [a for a in (tie_axes, event_axes) if a is not None]
    shown[-1].set_xlim(first - 0.01 * span, last + 1 + 0.01 * span)
    for axes in shown:
        axes.grid(axis="x", color="#E0E0E0", linewidth=0.5, zorder=0)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)

    kinds = [kind for _, kind, _ in ties]
    handles: list[Any] = [
        Patch(facecolor=LEVEL_COLOURS[level], label=kind_name(kind, lang))
        for kind, level in sorted(TIE_LEVELS.items(), key=lambda item: -item[1])
        if kind in kinds
    ]
    for found in (COOPERATION, CONFLICT, OTHER_TIES):
        if any(tie_class(kind) == found for kind in kinds):
            conflict = found == CONFLICT
            handles.append(
                Patch(
                    facecolor=SPAN_COLOURS[found],
                    edgecolor="#252525" if conflict else "none",
                    hatch="///" if conflict else None,
                    linewidth=0.4,
                    label=say(TIE_CLASS_NAMES[found], lang),
                )
            )
    handles += [
        Line2D(
            [],
            [],
            linestyle="",
            marker=QUAD_MARKERS.get(q, "D"),
            markerfacecolor=QUAD_COLOURS.get(q, UNCLASSIFIED_COLOUR),
            markeredgecolor="#252525",
            label=say(QUAD_NAMES.get(q, q), lang),
        )
        for q in quads
    ]
    figure.align_ylabels(shown)
    top = shown[0].get_position().y1
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.91, top), frameon=False, fontsize=7)
    heading = say("{first}–{second}: ties and events, {start}–{end}", lang)
    shown[0].set_title(title or heading.format(first=names[0], second=names[1], start=first, end=last), loc="left")
    notes = []
    if left_out:
        notes.append(say("Undated ties, not drawn: {names}.", lang).format(names=_listed(left_out, lang)))
    if also:
        notes.append(say("Also undated, not drawn: {names}.", lang).format(names=_listed(also, lang)))
    if notes:
        # Below the x axis's year labels, which take about 2.5 lines of 7 points.
        figure.text(
            shown[-1].get_position().x0,
            shown[-1].get_position().y0 - 30 / 72 / figure.get_figheight(),
            "\n".join(notes),
            fontsize=7,
            va="top",
        )
    return figure


def _listed(names: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else "; ").join(names)


def _quad(event: Node) -> str | None:
    quad = event.properties.get("quad")
    return str(quad) if quad in QUAD_COLOURS else None


def write_timeline(subgraph: Subgraph, path: Path, lang: str = "en", title: str | None = None) -> None:
    """The `timeline` renderer: svg, pdf or png by the path's suffix."""
    from .figure import figure_format

    timeline_figure(subgraph, path, figure_format(path), lang, title)
