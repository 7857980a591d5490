"""Publication figures with matplotlib: the network here, a dyad's timeline in timeline.py.

A figure is drawn on its own Figure with the Agg canvas (no display, no pyplot state), under
settings that make its bytes repeatable: a fixed SVG hash salt, no dates in the metadata, a
seeded layout. SVG keeps text as text, so a figure's labels can be searched and checked.
English uses matplotlib's own DejaVu Sans, the same on every machine; Chinese needs a CJK
font from the system, and without one the figure falls back to English names with a warning.
The CJK font must have TrueType outlines (Debian's fonts-droid-fallback or fonts-wqy-microhei,
not the CFF-based Noto Sans CJK): PDF and PostScript embed fonts as TrueType (Type 42), which
journals' preflight checks accept, where Type 3 bitmaps-by-procedure are often refused, and
matplotlib cannot embed a CFF font as TrueType.
"""

from __future__ import annotations

import contextlib
import math
import re
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExportError, ExportWarning
from .style import (
    EDGE_COLOUR,
    LABEL_COLOURS,
    LABEL_MARKERS,
    LADDER,
    TIE_CLASS_ORDER,
    TIE_CLASS_STYLES,
    TIE_LEVELS,
    label_colour,
    readable,
    tie_class,
)
from .subgraph import Node, Subgraph, node_key, parse_key
from .words import bracketed, kind_name, label_name, say
from .words import filters as selection_filters

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FIGURE_FORMATS = ("svg", "pdf", "png")
# TrueType CJK fonts, by family and by the file its Debian package installs.
CJK_FONTS = {
    "Droid Sans Fallback": "DroidSansFallbackFull.ttf",  # fonts-droid-fallback
    "WenQuanYi Micro Hei": "wqy-microhei.ttc",  # fonts-wqy-microhei
    "WenQuanYi Zen Hei": "wqy-zenhei.ttc",  # fonts-wqy-zenhei
    "AR PL UMing TW": "uming.ttc",  # fonts-arphic-uming
}
CJK_PACKAGE = "fonts-droid-fallback"
LATIN_FAMILY = "DejaVu Sans"
MAX_LABELS = 80  # beyond this many nodes only the best-connected are labelled, or no label could be read
LABELLED_NOTE = "Labels: {shown} of {count} nodes, states first, then the best-connected."
PNG_DPI = 200


def cjk_family() -> str | None:
    """A TrueType CJK font family matplotlib can use, registering the system's if its font cache predates them."""
    from matplotlib import font_manager

    def known() -> str | None:
        names = {f.name for f in font_manager.fontManager.ttflist}
        return next((family for family in CJK_FONTS if family in names), None)

    family = known()
    if family is None:
        # matplotlib caches the font list once; fonts installed later (make fonts) are added here.
        files = set(CJK_FONTS.values())
        for path in font_manager.findSystemFonts():
            if Path(path).name in files:
                with contextlib.suppress(Exception):
                    font_manager.fontManager.addfont(path)
        family = known()
    return family


def resolve_lang(lang: str) -> str:
    from . import check_lang

    if check_lang(lang) == "zh" and cjk_family() is None:
        warnings.warn(
            "no TrueType CJK font found, so the figure uses English names: install one "
            f"(Debian: apt-get install {CJK_PACKAGE}, or `make fonts`)",
            ExportWarning,
            stacklevel=2,
        )
        return "en"
    return lang


def settings(lang: str) -> dict[str, Any]:
    family = [LATIN_FAMILY]
    if lang == "zh":
        cjk = cjk_family()
        # Latin letters and digits from DejaVu Sans as in English figures, the rest from the CJK font.
        family = [LATIN_FAMILY, cjk] if cjk else family
    return {
        "font.family": family,
        "font.size": 8,
        "svg.fonttype": "none",
        "svg.hashsalt": "dyadgraph",
        # TrueType (Type 42) embedding: text stays selectable, and preflight checks accept it.
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "axes.titlesize": 11,
        "legend.fontsize": 8,
        "legend.title_fontsize": 8,
    }


@contextlib.contextmanager
def drawing(lang: str) -> Iterator[None]:
    import matplotlib

    matplotlib.use("Agg", force=False)
    # matplotlib types the keys as a Literal of every rcParams name, which a dict[str, Any] is not.
    with matplotlib.rc_context(settings(lang)):  # type: ignore[arg-type]
        yield


def new_figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    return figure


def figure_format(path: Path) -> str:
    """The format a figure's file name asks for: .svg, .pdf or .png."""
    chosen = path.suffix.lstrip(".").lower()
    if chosen not in FIGURE_FORMATS:
        raise ExportError(f"{path.name!r}: name the figure's file .svg, .pdf or .png")
    return chosen


GLYPH_MISSING = re.compile(r"^Glyph (\d+) ")


def save(figure: Figure, path: Path, fmt: str) -> None:
    # No dates: the same drawing must give the same bytes.
    metadata: dict[str, Any] = {"svg": {"Date": None}, "pdf": {"CreationDate": None}, "png": {}}[fmt]
    # bbox_inches="tight" keeps the labels below the lowest nodes and the legend beside the axes.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.savefig(
            path,
            format=fmt,
            metadata=metadata,
            dpi=PNG_DPI if fmt == "png" else "figure",
            bbox_inches="tight",
            pad_inches=0.1,
        )
    # matplotlib warns once per character its fonts lack (a Chinese --title on an English figure):
    # one line saying what to do instead.
    missing = list(dict.fromkeys(m[1] for w in caught if (m := GLYPH_MISSING.search(str(w.message)))))
    if missing:
        names = "".join(chr(int(code)) for code in missing[:12])
        warnings.warn(
            f"the figure's font has no glyphs for {names} (drawn as boxes): give --lang zh for a CJK font",
            ExportWarning,
            stacklevel=2,
        )
    for other in (w for w in caught if not GLYPH_MISSING.search(str(w.message))):
        warnings.warn_explicit(other.message, other.category, other.filename, other.lineno)


def network_figure(subgraph: Subgraph, path: Path, fmt: str, lang: str = "en", title: str | None = None) -> None:
    """The subgraph drawn with its deterministic layout: a colour and marker per label, a line style
    per kind of tie, labels placed where they cover no other label and no node, a legend."""
    if not subgraph.nodes:
        raise ExportError("the selection is empty: there is nothing to draw")
    lang = resolve_lang(lang)
    with drawing(lang):
        save(draw_network(subgraph, lang, title), path, fmt)


def draw_network(subgraph: Subgraph, lang: str, title: str | None = None) -> Figure:
    """The network figure, drawn but not saved (under `drawing(lang)`): tests measure its labels."""
    from .graphs import layout
    from .labels import LabelPlacer, SideColumn

    positions = layout(subgraph)
    count = len(subgraph.nodes)
    labelled = _labelled(subgraph)
    font = 8 if count <= 40 else 7 if count <= 120 else 6
    texts = {n.key: node_label(n, lang) for n in subgraph.nodes if n.key in labelled}
    _warn_untranslated(subgraph, labelled, lang)
    side = _plot_side(count, texts.values(), font)
    figure = new_figure(side + SIDE_COLUMN, side)
    axes = figure.add_axes((0.0, 0.0, side / (side + SIDE_COLUMN), 1.0))
    axes.set_axis_off()
    tie_handles = _draw_edges(axes, subgraph, positions, lang)
    marker = 90 if count <= 60 else 45 if count <= 200 else 20
    node_handles = []
    for label in LABEL_COLOURS:
        keys = [n.key for n in subgraph.nodes if n.label == label]
        if keys:
            xs, ys = zip(*(positions[k] for k in keys), strict=True)
            node_handles.append(
                axes.scatter(
                    xs,
                    ys,
                    s=marker,
                    c=label_colour(label),
                    marker=LABEL_MARKERS[label],
                    edgecolors="#333333",
                    linewidths=0.6 if marker >= 45 else 0.35,  # a thick edge would hide a small marker's fill
                    zorder=2,
                    label=f"{label_name(label, lang)} ({len(keys)})",
                )
            )
    # Room beside the outermost nodes for a label facing outwards: its width left and right, its
    # height above and below (in inches, then in layout units).
    widths = [_text_size(t, font) for t in texts.values()] or [(0.0, 0.0)]
    margin_x = min(max(w for w, _ in widths) + 0.1, side / 4)
    margin_y = min(max(h for _, h in widths) + 0.1, side / 4)
    xs, ys = zip(*positions.values(), strict=True)
    span_x, span_y = max(max(xs) - min(xs), 0.5), max(max(ys) - min(ys), 0.5)
    pad_x = span_x * margin_x / (side - 2 * margin_x)
    pad_y = span_y * margin_y / (side - 2 * margin_y)
    axes.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
    axes.set_ylim(min(ys) - pad_y, max(ys) + pad_y)

    placer = LabelPlacer(figure, axes, [positions[n.key] for n in subgraph.nodes], marker)
    degree = _degree(subgraph)
    order = sorted(texts, key=lambda key: (not key.startswith("State:"), -degree[key], key))
    numbered = [key for key in order if placer.place(positions[key], texts[key], font, gid=f"label {key}") is None]
    key_entries = []
    unplaced = 0
    heading = "bold" if lang == "en" else "normal"  # the CJK fonts have no bold
    for number, key in enumerate([n.key for n in subgraph.nodes if n.key in numbered], start=1):
        if placer.place(positions[key], str(number), font, gid=f"label {key}", weight=heading) is None:
            unplaced += 1
        else:
            key_entries.append(f"{number}  {shortened(subgraph.node(key).display_name(lang), 60)}")

    column = SideColumn(figure, axes, heading)
    column.legend(node_handles, title=say("Label", lang))
    if tie_handles:
        column.legend(tie_handles, title=say("Ties", lang))
    if key_entries:
        column.key(key_entries, say("Numbered labels", lang), font)
    axes.set_title(title or default_title(subgraph, lang), loc="left", pad=10)
    notes = []
    if len(labelled) < count:
        notes.append(say(LABELLED_NOTE, lang).format(shown=len(labelled), count=count))
    if unplaced:
        notes.append(say("{count} nodes left unlabelled for want of room.", lang).format(count=unplaced))
    if notes:
        axes.text(0.0, -0.01, " ".join(notes), transform=axes.transAxes, ha="left", va="top", fontsize=7)
    return figure


SIDE_COLUMN = 2.9  # inches beside the plot for the legends and the key of numbered labels


def _plot_side(count: int, texts: Iterable[str], font: int) -> float:
    """The plot's side in inches: room for the nodes, and about four times the area the labels need."""
    label_area = sum(width * height for width, height in (_text_size(t, font) for t in texts))
    return min(max(6.0, 2.0 + 0.8 * math.sqrt(count), math.sqrt(4.0 * label_area)), 24.0)


def _text_size(text: str, font: float) -> tuple[float, float]:
    """About how wide and high (inches) a label is: before drawing, the renderer cannot say."""
    lines = text.split("\n")
    wide = max(sum(2 if ord(c) > 0x2E80 else 1 for c in line) for line in lines)
    return wide * 0.55 * font / 72, len(lines) * 1.25 * font / 72


def node_label(node: Node, lang: str) -> str:
    name = node.display_name(lang)
    return readable(shortened(name, 44 if lang == "en" else 22), 20 if lang == "en" else 22)


def _degree(subgraph: Subgraph) -> dict[str, int]:
    degree = {n.key: 0 for n in subgraph.nodes}
    for rel in subgraph.relationships:
        degree[rel.start] += 1
        degree[rel.end] += 1
    return degree


def _warn_untranslated(subgraph: Subgraph, labelled: set[str], lang: str) -> None:
    """With --lang zh, which labels stay English because the seeds give them no Chinese name."""
    if lang != "zh":
        return
    english = [
        n.display_name("en")
        for n in subgraph.nodes
        if n.key in labelled and not (n.properties.get("name_zh") or n.properties.get("title_zh"))
    ]
    if english:
        shown = "; ".join(english[:8]) + (f"; and {len(english) - 8} more" if len(english) > 8 else "")
        warnings.warn(
            f"{len(english)} of the figure's {len(labelled)} labels stay English, as the seeds give them no "
            f"Chinese name (name_zh or title_zh): {shown}",
            ExportWarning,
            stacklevel=3,
        )


def _draw_edges(axes: Axes, subgraph: Subgraph, positions: dict[str, tuple[float, float]], lang: str) -> list[Any]:
    """Relationships as lines: TIEs by class (a line per class between two states, bowed apart when
    there are several), every other type as a thin grey line; the legend's handles for the ties."""
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    classes: dict[tuple[str, str], set[str]] = {}
    kinds: dict[str, set[str]] = {}
    plain: set[tuple[str, str]] = set()
    for rel in subgraph.relationships:
        if rel.start == rel.end:
            continue
        a, b = sorted((rel.start, rel.end))
        if rel.type == "TIE":
            found = tie_class(rel.properties.get("kind"))
            classes.setdefault((a, b), set()).add(found)
            kinds.setdefault(found, set()).add(str(rel.properties.get("kind")))
        else:
            plain.add((a, b))
    lines: dict[str, list[list[tuple[float, float]]]] = {c: [] for c in TIE_CLASS_ORDER}
    for (a, b), present in sorted(classes.items()):
        ordered = [c for c in TIE_CLASS_ORDER if c in present]
        for i, found in enumerate(ordered):
            lines[found].append(_bowed(positions[a], positions[b], (i - (len(ordered) - 1) / 2) * 0.22))
    straight = [[positions[a], positions[b]] for a, b in sorted(plain - set(classes))]
    if straight:
        axes.add_collection(LineCollection(straight, colors=EDGE_COLOUR, linewidths=0.5, alpha=0.6, zorder=1))
    handles: list[Any] = []
    for found in TIE_CLASS_ORDER:
        if not lines[found]:
            continue
        colour, style = TIE_CLASS_STYLES[found]
        width = 1.6 if found == LADDER else 1.1
        axes.add_collection(LineCollection(lines[found], colors=colour, linestyles=[style], linewidths=width, zorder=1))
        named = ("、" if lang == "zh" else ", ").join(kind_name(k, lang) for k in sorted(kinds[found], key=_kind_order))
        name = say("partnership ladder" if found == LADDER else found, lang) + ("：" if lang == "zh" else ": ")
        wrapped = readable(name + named, 34)
        handles.append(Line2D([], [], color=colour, linestyle=style, linewidth=width, label=wrapped))
    if straight and handles:
        handles.append(Line2D([], [], color=EDGE_COLOUR, linewidth=0.5, label=say("other relationships", lang)))
    return handles


def _kind_order(kind: str) -> tuple[int, str]:
    return (TIE_LEVELS.get(kind, 99), kind)


def _bowed(p: tuple[float, float], q: tuple[float, float], bend: float) -> list[tuple[float, float]]:
    """The line from p to q, bowed sideways by `bend` times its length (a quadratic Bézier curve)."""
    if bend == 0:
        return [p, q]
    (x0, y0), (x1, y1) = p, q
    cx, cy = (x0 + x1) / 2 - bend * (y1 - y0), (y0 + y1) / 2 + bend * (x1 - x0)
    points = []
    for step in range(17):
        t = step / 16
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t**2
        points.append((a * x0 + b * cx + c * x1, a * y0 + b * cy + c * y1))
    return points


def shortened(text: str, limit: int) -> str:
    """An event's title is a sentence: in a network figure its first words name it well enough."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:") + "…"


def _labelled(subgraph: Subgraph) -> set[str]:
    if len(subgraph.nodes) <= MAX_LABELS:
        return {n.key for n in subgraph.nodes}
    degree = _degree(subgraph)
    # States first: a figure of international relations is read by its states.
    ranked = sorted(degree, key=lambda key: (not key.startswith("State:"), -degree[key], key))
    return set(ranked[:MAX_LABELS])


def default_title(subgraph: Subgraph, lang: str) -> str:
    """A figure's or page's title from its selection: whose network, or which dyad, and the filters."""
    selection = subgraph.selection
    filters = bracketed(selection_filters(selection, lang), lang)
    if selection.mode == "ego" and subgraph.center_label and selection.around:
        center = subgraph.node(node_key(subgraph.center_label, parse_key(selection.around)[1]))
        if lang == "zh":
            return (
                say("{name} and its neighbours within {hops}", lang).format(
                    name=center.display_name(lang), hops=selection.depth
                )
                + filters
            )
        hops = f"{selection.depth} hop{'s' * (selection.depth > 1)}"
        return f"{center.display_name(lang)} and its neighbours within {hops}{filters}"
    if selection.mode == "dyad" and selection.dyad:
        names = [subgraph.node(f"State:{state}").display_name(lang) for state in selection.dyad]
        return f"{names[0]}–{names[1]}{filters}"
    if lang == "zh":
        if selection.mode == "query" and selection.query:
            return say("the result of the canned query {query}", lang).format(query=selection.query) + filters
        return say("The whole graph", lang) + filters
    described = selection.describe()
    return described[0].upper() + described[1:]


def svg(subgraph: Subgraph, path: Path, lang: str = "en", title: str | None = None) -> None:
    network_figure(subgraph, path, "svg", lang, title)


def pdf(subgraph: Subgraph, path: Path, lang: str = "en", title: str | None = None) -> None:
    network_figure(subgraph, path, "pdf", lang, title)


def png(subgraph: Subgraph, path: Path, lang: str = "en", title: str | None = None) -> None:
    network_figure(subgraph, path, "png", lang, title)
