"""Exports for papers: a selected subgraph as graph files, scripts, tables, figures, a page or a panel.

`select()` (subgraph.py) returns the subgraph; each format is a function of it in its own
module, and `write()` here names them. Nothing heavy is imported until a format needs it
(networkx for graph files and layouts, matplotlib for figures), so `dyadgraph --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExportError

if TYPE_CHECKING:
    from .subgraph import Subgraph

FORMATS = {
    "graphml": "GraphML for Gephi and yEd (labels, colours by label, typed properties)",
    "gexf": "GEXF for Gephi (colours and positions)",
    "cytoscape": "Cytoscape.js elements JSON (Cytoscape desktop imports it as .cyjs)",
    "json": "the subgraph as dyadgraph holds it, with the selection",
    "csv": "a folder of neo4j-admin import files (nodes/, relationships/, import.sh)",
    "cypher": "a Cypher script that recreates the subgraph in Neo4j (idempotent MERGE)",
    "bibtex": "every work the subgraph cites",
    "latex": "a booktabs table of a canned query's rows (--query)",
    "md": "a Markdown table of a canned query's rows (--query)",
    "svg": "a figure of the subgraph",
    "pdf": "a figure of the subgraph",
    "png": "a figure of the subgraph",
    "timeline": "a dyad's ties and events over the years (--dyad; svg, pdf or png by -o's suffix)",
    "html": "one self-contained interactive page",
    "dyad-year": "a dyad-year panel CSV for R and Stata (peacesciencer's ccode1, ccode2, year)",
}
# Formats whose output is one text file, which may go to standard output.
TEXT_FORMATS = ("graphml", "gexf", "cytoscape", "json", "cypher", "bibtex", "dyad-year")
TABLE_FORMATS = ("latex", "md")
# The file name suffixes each format writes, its usual one first; csv writes a folder (no suffix).
SUFFIXES: dict[str, tuple[str, ...]] = {
    "graphml": (".graphml",),
    "gexf": (".gexf",),
    "cytoscape": (".cyjs", ".json"),
    "json": (".json",),
    "csv": ("",),
    "cypher": (".cypher", ".cql"),
    "bibtex": (".bib",),
    "latex": (".tex",),
    "md": (".md",),
    "svg": (".svg",),
    "pdf": (".pdf",),
    "png": (".png",),
    "timeline": (".svg", ".pdf", ".png"),
    "html": (".html", ".htm"),
    "dyad-year": (".csv",),
}


LANGS = ("en", "zh")


def check_lang(lang: str) -> str:
    """The language named by --lang, or ExportError listing the known ones (every format, not only figures)."""
    if lang not in LANGS:
        raise ExportError(f"unknown language {lang!r} for --lang; choose {' or '.join(LANGS)}")
    return lang


def check_format(fmt: str | None) -> str:
    """The format named by --to, or ExportError naming it and listing the known ones."""
    if fmt is None:
        raise ExportError(f"give --to FORMAT, one of: {', '.join(FORMATS)} (or `dyadgraph export bundle -o DIR`)")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; the formats are: {', '.join(FORMATS)}")
    return fmt


def output_path(fmt: str, output: Path) -> Path:
    """Where --to FMT -o OUTPUT writes: OUTPUT when its suffix is one FMT writes, OUTPUT with FMT's
    suffix added when it has none; ExportError when the two disagree (a PNG named .svg)."""
    suffixes = SUFFIXES[fmt]
    suffix = output.suffix.lower()
    if suffix in suffixes:
        return output
    if fmt == "csv":
        raise ExportError(
            f"--to csv writes a folder of neo4j-admin import files, and -o {output} looks like a file name; "
            "give a folder name without a suffix (a dyad-year panel is --to dyad-year)"
        )
    if not suffix:
        return output.with_name(output.name + suffixes[0])
    names = " or ".join(suffixes)
    given = next((name for name, known in SUFFIXES.items() if suffix in known), None)
    hint = f" (--to {given} writes {suffix})" if given else ""
    raise ExportError(f"--to {fmt} writes {names} files, and -o {output} names a {suffix} file{hint}: make them agree")


# The format a file's suffix names, where one format writes it.
BY_SUFFIX = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".cyjs": "cytoscape",
    ".json": "json",
    ".cypher": "cypher",
    ".bib": "bibtex",
    ".svg": "svg",
    ".pdf": "pdf",
    ".png": "png",
    ".html": "html",
    ".csv": "dyad-year",
}


def format_for(path: Path) -> str:
    fmt = BY_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        raise ExportError(f"no format writes {path.name!r}: give format= (one of {', '.join(FORMATS)})")
    return fmt


def text(subgraph: Subgraph, fmt: str, lang: str = "en", title: str | None = None) -> str:
    """A text format's content."""
    if fmt == "graphml":
        from .graphs import graphml

        return graphml(subgraph, lang, title)
    if fmt == "gexf":
        from .graphs import gexf

        return gexf(subgraph, lang, title)
    if fmt in ("cytoscape", "json"):
        from .graphs import cytoscape_json, json_text, plain_json

        return json_text(cytoscape_json(subgraph, lang, title) if fmt == "cytoscape" else plain_json(subgraph))
    if fmt == "cypher":
        from .cypher import recreate_script

        return recreate_script(subgraph)
    if fmt == "bibtex":
        from .bibtex import bibtex, seed_originals

        return bibtex(subgraph, seed_originals(subgraph.data_versions))
    if fmt == "dyad-year":
        from .panel import panel_csv

        return panel_csv(subgraph)
    raise ExportError(f"{fmt} is not a text format of a subgraph")


def write(subgraph: Subgraph, fmt: str, output: Path, lang: str = "en", title: str | None = None) -> None:
    """Write a subgraph format to a file (a folder for csv), making the folders it is in."""
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt in TEXT_FORMATS:
        output.write_text(text(subgraph, fmt, lang, title), encoding="utf-8")
    elif fmt == "csv":
        from .tables import write_neo4j_admin

        write_neo4j_admin(subgraph, output)
    elif fmt in ("svg", "pdf", "png"):
        from .figure import network_figure

        network_figure(subgraph, output, fmt, lang, title)
    elif fmt == "timeline":
        from .figure import figure_format
        from .timeline import timeline_figure

        timeline_figure(subgraph, output, figure_format(output), lang, title)
    elif fmt == "html":
        from .html import write_page

        write_page(subgraph, output, lang, title)
    else:
        raise ExportError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
