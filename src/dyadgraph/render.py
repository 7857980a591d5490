"""One registry for every output: a query's rows (`--format`), a captioned table of them for a
paper, and every subgraph format (`export --to`, the bundle, `Subgraph.write`).

Each renderer is one function in its own module, named here with what it renders, its file
suffixes (the usual one first; none for a folder) and a description. The function is imported
when it is first used, so that listing the formats (`dyadgraph --help`) imports no exporter.
A new format is its module and one line in RENDERERS (CONTRIBUTING.md: "Add an export format").

What a renderer's function takes, by subject:
- rows: `(result, stream)`, writing the rows to the stream (table, json, csv, md, latex);
- table: `(result, query, parameters, caption, data_version, columns) -> str` (columns: the
  query's declared columns, which head the table);
- subgraph, text: `(subgraph, lang, title) -> str`; subgraph, to_file: `(subgraph, path, lang, title)`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Subject = Literal["rows", "table", "subgraph"]


@dataclass(frozen=True)
class Renderer:
    name: str
    subject: Subject
    function: str  # "module:function" under dyadgraph
    suffixes: tuple[str, ...]  # the usual one first; () for a folder
    description: str
    to_file: bool = False  # writes a file or folder itself; otherwise returns (or streams) text

    def load(self) -> Callable[..., Any]:
        module, _, name = self.function.partition(":")
        function: Callable[..., Any] = getattr(importlib.import_module(f"dyadgraph.{module}"), name)
        return function


RENDERERS: tuple[Renderer, ...] = (
    # a query's rows, for --format
    Renderer("table", "rows", "output:write_table", (".txt",), "a table for the terminal"),
    Renderer("json", "rows", "output:write_json", (".json",), "an array of objects keyed by column"),
    Renderer("csv", "rows", "output:write_csv", (".csv",), 'CSV with a header row, lists joined with "; "'),
    Renderer("md", "rows", "output:write_markdown", (".md",), "a Markdown pipe table"),
    Renderer("latex", "rows", "latex:write_rows", (".tex",), "a booktabs table as wide as the text (xltabular)"),
    # a subgraph, for export --to, the bundle and Subgraph.write
    Renderer(
        "graphml",
        "subgraph",
        "export.graphs:graphml",
        (".graphml",),
        "GraphML for Gephi and yEd (labels, colours by label, typed properties)",
    ),
    Renderer("gexf", "subgraph", "export.graphs:gexf", (".gexf",), "GEXF for Gephi (colours and positions)"),
    Renderer(
        "cytoscape",
        "subgraph",
        "export.graphs:cytoscape_text",
        (".cyjs", ".json"),
        "Cytoscape.js elements JSON (Cytoscape desktop imports it as .cyjs)",
    ),
    Renderer(
        "json",
        "subgraph",
        "export.graphs:plain_text",
        (".json",),
        "the subgraph as dyadgraph holds it, with the selection",
    ),
    Renderer(
        "csv",
        "subgraph",
        "export.tables:write_neo4j_admin",
        (),
        "a folder of neo4j-admin import files (nodes/, relationships/, import.sh)",
        to_file=True,
    ),
    Renderer(
        "cypher",
        "subgraph",
        "export.cypher:recreate_text",
        (".cypher", ".cql"),
        "a Cypher script that recreates the subgraph in Neo4j (idempotent MERGE)",
    ),
    Renderer("bibtex", "subgraph", "export.bibtex:bibtex_text", (".bib",), "every work the subgraph cites"),
    # a query's rows as a table for a paper, for export --to latex|md --query NAME
    Renderer(
        "latex", "table", "export.tables:latex_table", (".tex",), "a booktabs table of a canned query's rows (--query)"
    ),
    Renderer(
        "md", "table", "export.tables:markdown_table", (".md",), "a Markdown table of a canned query's rows (--query)"
    ),
    Renderer("svg", "subgraph", "export.figure:svg", (".svg",), "a figure of the subgraph", to_file=True),
    Renderer("pdf", "subgraph", "export.figure:pdf", (".pdf",), "a figure of the subgraph", to_file=True),
    Renderer("png", "subgraph", "export.figure:png", (".png",), "a figure of the subgraph", to_file=True),
    Renderer(
        "timeline",
        "subgraph",
        "export.timeline:write_timeline",
        (".svg", ".pdf", ".png"),
        "a dyad's ties and events over the years (--dyad; svg, pdf or png by -o's suffix)",
        to_file=True,
    ),
    Renderer(
        "html",
        "subgraph",
        "export.html:write_page",
        (".html", ".htm"),
        "one self-contained interactive page",
        to_file=True,
    ),
    Renderer(
        "dyad-year",
        "subgraph",
        "export.panel:panel_text",
        (".csv",),
        "a dyad-year panel CSV for R and Stata (peacesciencer's ccode1, ccode2, year)",
    ),
)


def renderers(*subjects: Subject) -> dict[str, Renderer]:
    """The renderers of these subjects by name, in the order above."""
    return {r.name: r for r in RENDERERS if r.subject in subjects}


def find(name: str, *subjects: Subject) -> Renderer | None:
    return renderers(*subjects).get(name)


def for_suffix(path: Path, *subjects: Subject) -> Renderer | None:
    """The renderer whose usual suffix `path` has (.graphml, .svg, .csv ...), first in the order above."""
    suffix = path.suffix.lower()
    return next((r for r in renderers(*subjects).values() if r.suffixes[:1] == (suffix,)), None)
