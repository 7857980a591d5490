"""Figures a journal accepts: labels that cover no other text and no node (measured on the drawn
figure), distinct colours and markers, tie kinds drawn, Chinese throughout, TrueType fonts, and a
timeline that draws what is dated and says what is not."""

from __future__ import annotations

import io
import itertools
import math
import warnings
from pathlib import Path

import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from dyadgraph.errors import ExportWarning
from dyadgraph.export.figure import cjk_family, draw_network, drawing
from dyadgraph.export.style import LABEL_COLOURS, LABEL_MARKERS, SPAN_COLOURS, TIE_CLASS_STYLES, rgb
from dyadgraph.export.subgraph import Subgraph
from dyadgraph.export.timeline import draw_timeline

from .conftest import subgraph

FIGURES = {
    "dyad MNG CHN": {"dyad": ("MNG", "CHN")},
    "Mongolia's ties": {"around": "MNG", "types": ("TIE",)},
    "whole graph": {},
}


def needs_cjk(lang: str) -> None:
    if lang == "zh" and cjk_family() is None:
        pytest.skip("no TrueType CJK font: `make fonts` installs fonts-droid-fallback where it can")


def drawn(graph: Subgraph, lang: str) -> Figure:
    with drawing(lang), warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)  # the zh figures name their English labels
        figure = draw_network(graph, lang)
        figure.canvas.draw()
    return figure


def texts(figure: Figure) -> list[Text]:
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


def box(text: Text, figure: Figure) -> Bbox:
    return text.get_window_extent(figure.canvas.get_renderer())  # type: ignore[attr-defined]


def overlapping(a: Bbox, b: Bbox) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def marker_boxes(figure: Figure) -> list[Bbox]:
    """Each node's marker as the square it is drawn in (display pixels)."""
    found = []
    for axes in figure.axes:
        for collection in axes.collections:
            if isinstance(collection, PathCollection):
                half = math.sqrt(collection.get_sizes()[0]) / 2 * figure.dpi / 72
                for x, y in axes.transData.transform(collection.get_offsets()):
                    found.append(Bbox.from_extents(x - half, y - half, x + half, y + half))
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", FIGURES)
def test_no_text_of_a_network_figure_overlaps_another_or_a_node(mongolia_db: Path, name: str, lang: str) -> None:
    needs_cjk(lang)
    graph = subgraph(mongolia_db, **FIGURES[name])
    figure = drawn(graph, lang)
    shown = texts(figure)
    boxes = [(t.get_text(), box(t, figure)) for t in shown]
    clashes = [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2) if overlapping(box_a, box_b)]
    assert clashes == [], f"{len(clashes)} overlapping texts, first: {clashes[:3]}"
    labels = [t for t in shown if str(t.get_gid()).startswith("label ")]
    markers = marker_boxes(figure)
    assert len(markers) == len(graph.nodes)
    label_boxes = [(t.get_text(), box(t, figure)) for t in labels]
    covering = [text for text, found in label_boxes if any(overlapping(found, m) for m in markers)]
    assert covering == [], f"labels over nodes: {covering[:5]}"
    labelled = {str(t.get_gid()).removeprefix("label ") for t in labels}
    if len(graph.nodes) <= 80:  # a figure of a few dozen nodes names every one
        assert labelled == {n.key for n in graph.nodes}
    else:
        assert len(labelled) == 80


def test_the_dyads_states_sit_side_by_side_and_the_events_read_clockwise(mongolia_db: Path) -> None:
    from dyadgraph.export.graphs import layout

    graph = subgraph(mongolia_db, dyad=("MNG", "CHN"))
    positions = layout(graph)
    assert positions["State:MNG"] == (-0.3, 0.0) and positions["State:CHN"] == (0.3, 0.0)
    events = [n for n in graph.nodes if n.label == "Event"]
    turns = [(math.pi / 2 - math.atan2(*reversed(positions[e.key]))) % (2 * math.pi) for e in events]
    assert turns == sorted(turns)  # clockwise from the top in the events' order (by id: by year)
    years = [int(e.properties["year"]) for e in events if e.properties.get("year") is not None]
    assert years == sorted(years)


def test_each_label_has_its_own_colour_and_marker() -> None:
    def lab(colour: str) -> tuple[float, float, float]:
        linear = [((c / 255 + 0.055) / 1.055) ** 2.4 if c / 255 > 0.04045 else c / 255 / 12.92 for c in rgb(colour)]
        x, y, z = (
            sum(w * c for w, c in zip(row, linear, strict=True))
            for row in (
                (0.4124 / 0.9505, 0.3576 / 0.9505, 0.1805 / 0.9505),
                (0.2126, 0.7152, 0.0722),
                (0.0193 / 1.089, 0.1192 / 1.089, 0.9505 / 1.089),
            )
        )
        f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
        return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])

    assert len(set(LABEL_MARKERS.values())) == len(LABEL_MARKERS) and set(LABEL_MARKERS) == set(LABEL_COLOURS)
    distances = {
        (a, b): math.dist(lab(LABEL_COLOURS[a]), lab(LABEL_COLOURS[b]))
        for a, b in itertools.combinations(LABEL_COLOURS, 2)
    }
    assert min(distances.values()) > 20, min(distances.items(), key=lambda item: item[1])
    # The three that were near-identical browns: now orange, vermillion and white, far apart.
    assert min(distances[pair] for pair in [("Event", "Outcome"), ("Event", "Source"), ("Outcome", "Source")]) > 25


def test_the_ties_are_drawn_by_kind_with_a_legend(mongolia_db: Path) -> None:
    figure = drawn(subgraph(mongolia_db, around="MNG", types=("TIE",)), "en")
    (axes,) = [a for a in figure.axes if a.collections]
    colours = {
        "#{:02X}{:02X}{:02X}".format(*(round(255 * v) for v in c.get_colors()[0][:3]))
        for c in axes.collections
        if isinstance(c, LineCollection)
    }
    assert colours == {colour for colour, _ in TIE_CLASS_STYLES.values()}
    legend_texts = [t.get_text().replace("\n", " ") for legend in figure.legends for t in legend.get_texts()]
    assert any(t.startswith("conflict: ") and "rupture" in t for t in legend_texts)
    assert any(t.startswith("partnership ladder: ") and "strategic partnership" in t for t in legend_texts)


def test_a_chinese_figure_is_chinese_but_for_what_the_seeds_leave_untranslated(mongolia_db: Path) -> None:
    needs_cjk("zh")
    from dyadgraph.export.figure import _labelled

    graph = subgraph(mongolia_db)  # Outcomes, Strategies and Indicators lack Chinese names in the seeds
    with drawing("zh"), pytest.warns(ExportWarning, match=r"labels stay English") as caught:
        figure = draw_network(graph, "zh")
        figure.canvas.draw()
    labelled = _labelled(graph)
    untranslated = [
        n.display_name("en")
        for n in graph.nodes
        if n.key in labelled and not (n.properties.get("name_zh") or n.properties.get("title_zh"))
    ]
    message = str(next(w.message for w in caught if "stay English" in str(w.message)))
    assert message.startswith(f"{len(untranslated)} of the figure's 80 labels stay English")
    assert all(name in message for name in untranslated[:8])
    words = [t.get_text() for t in texts(figure)]
    assert "標籤" in words and "關係" in words  # the legends' titles
    assert any(w.startswith("衝突：") for w in words) and any(w.startswith("國家") for w in words)
    for text in texts(figure):
        # Latin letters only in the labels the seeds leave English (and the relationship type TIE).
        if any(c.isascii() and c.isalpha() for c in text.get_text().replace("TIE", "")):
            gid = str(text.get_gid())
            assert gid.startswith("label ") and not graph.node(gid.removeprefix("label ")).properties.get("name_zh")


def test_pdf_and_postscript_embed_truetype_fonts_only(mongolia_db: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    lang = "zh" if cjk_family() is not None else "en"
    graph = subgraph(mongolia_db, dyad=("MNG", "CHN"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        graph.write(tmp_path / "dyad.pdf", lang=lang)
        graph.write(tmp_path / "timeline.pdf", "timeline", lang=lang)
    for name in ("dyad.pdf", "timeline.pdf"):
        fonts = {}
        for page in PdfReader(tmp_path / name).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                fonts[str(font["/BaseFont"])] = font
        assert fonts, name
        for base, font in fonts.items():
            assert font["/Subtype"] == "/Type0", (name, base, font["/Subtype"])  # Type 3 is what preflight rejects
            (descendant,) = [d.get_object() for d in font["/DescendantFonts"]]
            assert descendant["/Subtype"] == "/CIDFontType2" and "/FontFile2" in descendant["/FontDescriptor"]
        if lang == "zh":
            assert any("DroidSansFallback" in base or "WenQuanYi" in base or "UMing" in base for base in fonts)
    with drawing(lang), warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        buffer = io.BytesIO()
        draw_network(graph, lang).savefig(buffer, format="ps")
    postscript = buffer.getvalue()
    assert b"/FontType 42 def" in postscript and b"/FontType 3 def" not in postscript


# ---------------------------------------------------------------- the timeline


def timeline(db: Path, dyad: tuple[str, str], lang: str = "en") -> Figure:
    with drawing(lang):
        figure = draw_timeline(subgraph(db, dyad=dyad), dyad, lang)
        figure.canvas.draw()
    return figure


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_text_of_a_timeline_overlaps_another(mongolia_db: Path, lang: str) -> None:
    needs_cjk(lang)
    figure = timeline(mongolia_db, ("MNG", "CHN"), lang)
    boxes = [(t.get_text(), box(t, figure)) for t in texts(figure)]
    assert len(boxes) > 25
    clashes = [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2) if overlapping(box_a, box_b)]
    assert clashes == []


def test_the_timeline_gives_rows_to_dated_ties_only(mongolia_db: Path) -> None:
    graph = subgraph(mongolia_db, dyad=("MNG", "CHN"))
    figure = timeline(mongolia_db, ("MNG", "CHN"))
    tie_axes = figure.axes[0]
    rows = [t.get_text() for t in tie_axes.get_yticklabels()]
    dated = set()
    for rel in graph.relationships:
        if rel.type == "TIE" and (rel.properties.get("year_from") or rel.properties.get("year_to")):
            kind = str(rel.properties["kind"]).replace("_", " ")
            dated.add(f"{kind} ({rel.start[6:]}→{rel.end[6:]})" if kind == "recognition" else kind)
    assert sorted(rows) == sorted(dated)
    assert rows[-1] == "rupture"  # conflict below the cooperation
    note = next(t.get_text() for t in figure.texts if t.get_text().startswith("Undated ties"))
    assert note == (
        "Undated ties, not drawn: border agreement; dispute; economic partnership; land border; recognition (MNG→CHN)."
    )
    assert not any(name in rows for name in note.removeprefix("Undated ties, not drawn: ").rstrip(".").split("; "))


def test_a_rupture_is_drawn_as_conflict_and_unclassified_events_are_in_the_legend(mongolia_db: Path) -> None:
    figure = timeline(mongolia_db, ("MNG", "CHN"))
    tie_axes = figure.axes[0]
    rows = [t.get_text() for t in tie_axes.get_yticklabels()]
    fills = {}
    for collection in tie_axes.collections:
        (y,) = {round(float(p.vertices[:, 1].mean())) for p in collection.get_paths()}
        fills[rows[y]] = "#{:02X}{:02X}{:02X}".format(*(round(255 * v) for v in collection.get_facecolor()[0][:3]))
    assert fills["rupture"] == SPAN_COLOURS["conflict"]
    assert fills["normalization"] == SPAN_COLOURS["cooperation"] != fills["rupture"]
    assert fills["strategic partnership"] not in (fills["rupture"], fills["normalization"])
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert {"conflict", "other cooperation", "unclassified", "verbal cooperation"} <= set(legend)


def test_a_kind_drawn_with_further_undated_ties_is_not_called_undated(mongolia_db: Path) -> None:
    """Mongolia and the US have two third-neighbour ties, one dated: its row is drawn, and the
    note says one more is undated rather than calling the kind undated."""
    figure = timeline(mongolia_db, ("MNG", "USA"))
    rows = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert "third neighbor" in rows
    notes = "\n".join(t.get_text() for t in figure.texts)
    assert "Also undated, not drawn: third neighbor (1/2)." in notes
    assert "third neighbor" not in notes.split("Also undated")[0]


def test_a_chinese_timeline_has_no_english_left(mongolia_db: Path) -> None:
    needs_cjk("zh")
    figure = timeline(mongolia_db, ("MNG", "CHN"), "zh")
    words = [t.get_text() for t in texts(figure)]
    # Years and state codes (CHN→MNG) are the only Latin letters and digits.
    leftovers = [w for w in words if any(c.isascii() and c.isalpha() for c in w.replace("CHN", "").replace("MNG", ""))]
    assert leftovers == []
    assert {"關係", "事件", "未分類", "關係破裂"} <= set(words)
