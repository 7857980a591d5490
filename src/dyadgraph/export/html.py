"""One self-contained interactive page: pan, zoom, click a node for its properties and citation.

Cytoscape.js (MIT) is vendored as package data in `vendor/` (the minified file, its licence and
its version; `make vendor` refreshes it from the npm package pinned in tools/html-export), so an
installed wheel exports pages without npm. It is inlined at export time with the graph's data,
so the page opens from disk with no network. Nodes sit where the figure puts them (the same
seeded layout).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from ..errors import ExportError
from .figure import default_title
from .graphs import SCALE, layout, version
from .style import LABEL_COLOURS, label_colour
from .subgraph import Subgraph

LIBRARY_DIR = Path(__file__).with_name("vendor")
TEMPLATE = Path(__file__).with_name("page.html")
SOURCE_FIELDS = ("name", "authors", "year", "title", "title_en", "venue", "url")


def cytoscape_library(directory: Path = LIBRARY_DIR) -> tuple[str, str]:
    """The minified library (its MIT licence header included) and its version."""
    script = directory / "cytoscape.min.js"
    version_file = directory / "cytoscape.version"
    if not script.exists() or not version_file.exists():
        raise ExportError(
            f"the html export inlines cytoscape.js from {directory}, which is missing: "
            "reinstall dyadgraph (in a checkout, `make vendor` puts it back)"
        )
    return script.read_text(encoding="utf-8"), version_file.read_text(encoding="utf-8").strip()


def page_data(subgraph: Subgraph, lang: str = "en") -> dict[str, Any]:
    positions = layout(subgraph)
    nodes = []
    for node in subgraph.nodes:
        x, y = positions[node.key]
        data = {
            "id": node.key,
            "label": node.display_name(lang),
            "ontology_label": node.label,
            "color": label_colour(node.label),
            "props": node.properties,
        }
        nodes.append({"data": data, "position": {"x": round(x * SCALE, 1), "y": round(-y * SCALE, 1)}})
    edges = [
        {"data": {"id": r.id, "source": r.start, "target": r.end, "type": r.type, "props": r.properties}}
        for r in subgraph.relationships
    ]
    present = {n.label for n in subgraph.nodes}
    return {
        "labels": {label: colour for label, colour in LABEL_COLOURS.items() if label in present},
        "elements": {"nodes": nodes, "edges": edges},
        "sources": {
            key: {f: source[f] for f in SOURCE_FIELDS if source.get(f) is not None}
            for key, source in subgraph.sources.items()
        },
    }


def page(subgraph: Subgraph, lang: str = "en", title: str | None = None) -> str:
    library, library_version = cytoscape_library()
    # Inside <script>, "</script" or "<!--" in a string would end or confuse the element.
    data = json.dumps(page_data(subgraph, lang), ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    about = f"{subgraph.selection.describe()}; data version {subgraph.data_version()}"
    replacements = {
        "__LANG__": "zh" if lang == "zh" else "en",
        "__GENERATOR__": f"dyadgraph {version()}",
        "__TITLE__": html.escape(title or default_title(subgraph, lang)),
        "__ABOUT__": html.escape(about),
        "__LIBRARY_NOTE__": f"cytoscape.js {library_version}, MIT licence, inlined from the npm package",
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for placeholder, value in replacements.items():
        text = text.replace(placeholder, value)
    # Data and library last, so that nothing in them is taken for a placeholder.
    head, _, tail = text.partition("__GRAPH_DATA__")
    before, _, after = tail.partition("__LIBRARY__")
    return head + data + before + library + after


def write_page(subgraph: Subgraph, path: Path, lang: str = "en", title: str | None = None) -> None:
    path.write_text(page(subgraph, lang, title), encoding="utf-8")
