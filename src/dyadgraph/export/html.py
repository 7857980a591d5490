"""One self-contained interactive page: pan, zoom, click a node for its properties and citation.

Cytoscape.js, pinned in tools/html-export/package.json and installed by npm, is inlined at
export time with the graph's data, so the page opens from disk with no network. Nodes sit
where the figure puts them (the same seeded layout).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..resources import CHECKOUT
from .figure import default_title
from .graphs import SCALE, layout, version
from .style import LABEL_COLOURS, label_colour
from .subgraph import Subgraph

LIBRARY_DIR = CHECKOUT / "tools" / "html-export" / "node_modules" / "cytoscape"
TEMPLATE = Path(__file__).with_name("page.html")
SOURCE_FIELDS = ("name", "authors", "year", "title", "title_en", "venue", "url")


def cytoscape_library(directory: Path = LIBRARY_DIR) -> tuple[str, str]:
    """The minified library (its MIT licence header included) and its version."""
    script = directory / "dist" / "cytoscape.min.js"
    manifest = directory / "package.json"
    if not script.exists() or not manifest.exists():
        raise ExportError(
            "the html export inlines cytoscape.js from tools/html-export/node_modules: "
            "run `make html-export` (npm ci in tools/html-export) first"
        )
    return script.read_text(encoding="utf-8"), str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


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
