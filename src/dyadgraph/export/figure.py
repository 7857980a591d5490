"""Publication figures with matplotlib: the network here, a dyad's timeline in timeline.py.

A figure is drawn on its own Figure with the Agg canvas (no display, no pyplot state), under
settings that make its bytes repeatable: a fixed SVG hash salt, no dates in the metadata, a
seeded layout. SVG keeps text as text, so a figure's labels can be searched and checked.
English uses matplotlib's own DejaVu Sans, the same on every machine; Chinese needs a CJK
font from the system (Debian's fonts-noto-cjk), and without one the figure falls back to
English names with a warning.
"""

from __future__ import annotations

import contextlib
import math
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExportError, ExportWarning
from .style import EDGE_COLOUR, LABEL_COLOURS, label_colour, readable
from .subgraph import Subgraph, node_key, parse_key

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FIGURE_FORMATS = ("svg", "pdf", "png")
# Traditional Chinese first: the shipped dataset quotes a Taiwanese paper.
CJK_FAMILIES = ("Noto Sans CJK TC", "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR", "Noto Sans CJK HK")
LATIN_FAMILY = "DejaVu Sans"
MAX_LABELS = 80  # beyond this many nodes only the best-connected are labelled, or no label could be read
PNG_DPI = 200


def cjk_family() -> str | None:
    """A CJK font family matplotlib can use, registering the system's if its font cache predates them."""
    from matplotlib import font_manager

    def known() -> str | None:
        names = {f.name for f in font_manager.fontManager.ttflist}
        found = [family for family in CJK_FAMILIES if family in names]
        return found[0] if found else next((n for n in sorted(names) if "CJK" in n), None)

    family = known()
    if family is None:
        # matplotlib caches the font list once; fonts installed later (make fonts) are added here.
        for path in font_manager.findSystemFonts():
            if "CJK" in Path(path).name:
                with contextlib.suppress(Exception):
                    font_manager.fontManager.addfont(path)
        family = known()
    return family


def resolve_lang(lang: str) -> str:
    from . import check_lang

    if check_lang(lang) == "zh" and cjk_family() is None:
        warnings.warn(
            "no CJK font found, so the figure uses English names: install one "
            "(Debian: apt-get install fonts-noto-cjk, or `make fonts`)",
            ExportWarning,
            stacklevel=2,
        )
        return "en"
    return lang


def settings(lang: str) -> dict[str, Any]:
    family = [LATIN_FAMILY]
    if lang == "zh":
        cjk = cjk_family()
        family = [cjk, LATIN_FAMILY] if cjk else family
    return {
        "font.family": family,
        "font.size": 8,
        "svg.fonttype": "none",
        "svg.hashsalt": "dyadgraph",
        # TrueType embedding keeps PDF text selectable; CFF-based CJK fonts need Type 3.
        "pdf.fonttype": 3 if lang == "zh" else 42,
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
    """The subgraph drawn with its deterministic layout: one colour per label, a legend, readable labels."""
    from matplotlib.collections import LineCollection

    from .graphs import layout

    if not subgraph.nodes:
        raise ExportError("the selection is empty: there is nothing to draw")
    lang = resolve_lang(lang)
    positions = layout(subgraph)
    count = len(subgraph.nodes)
    side = min(max(6.0, 2.0 + 0.8 * math.sqrt(count)), 24.0)
    labelled = _labelled(subgraph)
    with drawing(lang):
        figure = new_figure(side * 1.3, side)
        axes = figure.add_axes((0.01, 0.01, 0.77, 0.92))
        pairs = sorted({tuple(sorted((r.start, r.end))) for r in subgraph.relationships if r.start != r.end})
        segments = [(positions[a], positions[b]) for a, b in pairs]
        axes.add_collection(LineCollection(segments, colors=EDGE_COLOUR, linewidths=0.6, alpha=0.7, zorder=1))
        marker = 90 if count <= 60 else 45 if count <= 200 else 20
        for label in LABEL_COLOURS:
            keys = [n.key for n in subgraph.nodes if n.label == label]
            if keys:
                xs, ys = zip(*(positions[k] for k in keys), strict=True)
                axes.scatter(
                    xs,
                    ys,
                    s=marker,
                    c=label_colour(label),
                    edgecolors="#333333",
                    linewidths=0.5,
                    zorder=2,
                    label=f"{label} ({len(keys)})",
                )
        font = 8 if count <= 40 else 7 if count <= 120 else 6
        offset = 0.012 + 0.0003 * math.sqrt(marker) * 10
        for node in subgraph.nodes:
            if node.key not in labelled:
                continue
            x, y = positions[node.key]
            axes.text(
                x,
                y - offset,
                readable(shortened(node.display_name(lang), 48 if lang == "en" else 20), 22 if lang == "en" else 12),
                fontsize=font,
                ha="center",
                va="top",
                zorder=3,
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.65},
            )
        axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, title="Label")
        axes.set_title(title or default_title(subgraph, lang), loc="left")
        if len(labelled) < count:
            axes.text(
                1.0,
                0.0,
                f"Labels: the {len(labelled)} best-connected of {count} nodes.",
                transform=axes.transAxes,
                ha="left",
                va="bottom",
                fontsize=7,
            )
        axes.set_axis_off()
        axes.margins(0.08)
        axes.autoscale_view()
        save(figure, path, fmt)


def shortened(text: str, limit: int) -> str:
    """An event's title is a sentence: in a network figure its first words name it well enough."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:") + "…"


def _labelled(subgraph: Subgraph) -> set[str]:
    if len(subgraph.nodes) <= MAX_LABELS:
        return {n.key for n in subgraph.nodes}
    degree = {n.key: 0 for n in subgraph.nodes}
    for rel in subgraph.relationships:
        degree[rel.start] += 1
        degree[rel.end] += 1
    ranked = sorted(degree, key=lambda key: (-degree[key], key))
    return set(ranked[:MAX_LABELS])


def default_title(subgraph: Subgraph, lang: str) -> str:
    """A figure's or page's title from its selection: whose network, or which dyad, and the filters."""
    selection = subgraph.selection
    filters = f" ({selection.filters()})" if selection.filters() else ""
    if selection.mode == "ego" and subgraph.center_label and selection.around:
        center = subgraph.node(node_key(subgraph.center_label, parse_key(selection.around)[1]))
        if lang == "zh":
            return f"{center.display_name(lang)}（{selection.depth}步之內）{filters}"
        hops = f"{selection.depth} hop{'s' * (selection.depth > 1)}"
        return f"{center.display_name(lang)} and its neighbours within {hops}{filters}"
    if selection.mode == "dyad" and selection.dyad:
        names = [subgraph.node(f"State:{state}").display_name(lang) for state in selection.dyad]
        return f"{names[0]}–{names[1]}{filters}"
    described = selection.describe()
    return described[0].upper() + described[1:]


def svg(subgraph: Subgraph, path: Path, lang: str = "en", title: str | None = None) -> None:
    network_figure(subgraph, path, "svg", lang, title)


def pdf(subgraph: Subgraph, path: Path, lang: str = "en", title: str | None = None) -> None:
    network_figure(subgraph, path, "pdf", lang, title)


def png(subgraph: Subgraph, path: Path, lang: str = "en", title: str | None = None) -> None:
    network_figure(subgraph, path, "png", lang, title)
