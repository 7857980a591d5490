"""Neo4j Browser files generated from the ontology and the query catalogue, so neither can drift:
the style (style.py) and the guide (guide.py), written where docker-compose serves them."""

from __future__ import annotations

from pathlib import Path

from .guide import DEFAULT_BASE_URL, GUIDE_PATH, STYLE_PATH, Block, build_guide, guide_html, query_body
from .style import LABEL_STYLES, grass


def write_browser_files(root: Path, base_url: str = DEFAULT_BASE_URL) -> list[Path]:
    """Write the style and the guide under root, in the layout docker-compose serves (cypher/, guide/)."""
    written = []
    for relative, text in ((STYLE_PATH, grass()), (GUIDE_PATH, guide_html(base_url=base_url))):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


__all__ = [
    "DEFAULT_BASE_URL",
    "GUIDE_PATH",
    "LABEL_STYLES",
    "STYLE_PATH",
    "Block",
    "build_guide",
    "grass",
    "guide_html",
    "query_body",
    "write_browser_files",
]
