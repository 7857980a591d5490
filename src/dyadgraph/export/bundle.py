"""A replication bundle: what a paper's archive needs to show where a figure's graph came from.

One folder: the subgraph (GraphML and JSON), the exact Cypher that selected it (as run, and
its Neo4j text for Browser), the data version, the works it cites (BibTeX), the figure (and a
dyad's timeline), a manifest with every file's hash, and a README with the one command that
makes the folder again. Nothing in it depends on the day it was made, so a bundle diffs
cleanly in the paper's repository.
"""

from __future__ import annotations

import hashlib
import shlex
from pathlib import Path

from . import write
from .cypher import selection_script
from .figure import default_title
from .graphs import json_text, version
from .paper import paper_tex, ties_table
from .subgraph import Subgraph

README = """# {title}

A replication bundle made by dyadgraph {dyadgraph}: {description}.
{nodes} nodes and {relationships} relationships, citing {works} works; data version `{data_version}`.

## Make it again

With dyadgraph {dyadgraph} and its seeds at data version `{data_version}` (`dyadgraph load`
prints the version it loads):

```bash
dyadgraph load
{command}
```

## Files

| file | what it holds |
|---|---|
{files}
"""

DESCRIPTIONS = {
    "subgraph.graphml": "the subgraph: GraphML for Gephi, yEd, networkx and igraph, every property typed",
    "subgraph.json": "the subgraph as dyadgraph holds it: nodes, relationships, properties, the selection",
    "selection.cypher": "the statements that selected the subgraph, in Neo4j's Cypher (paste into Neo4j Browser)",
    "selection.kuzu.cypher": "the same statements as the embedded engine (Kùzu) ran them",
    "subgraph.cypher": "a script that recreates the subgraph in Neo4j (cypher-shell -f subgraph.cypher)",
    "references.bib": "every work the subgraph cites, one BibTeX entry each",
    "figure.svg": "the figure (text kept as text)",
    "figure.pdf": "the figure, for LaTeX",
    "timeline.svg": "the dyad's ties and events over the years",
    "ties.tex": "the subgraph's ties as a LaTeX table (booktabs, xltabular) citing their sources",
    "paper.tex": "the figure, the ties and the references in a paper: xelatex, bibtex, xelatex twice",
    "manifest.json": "the data version, the selection, counts and the SHA-256 of every other file",
}


def write_bundle(subgraph: Subgraph, directory: Path, lang: str = "en", title: str | None = None) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    heading = title or default_title(subgraph, lang)
    written: list[Path] = []

    def text(name: str, content: str) -> None:
        (directory / name).write_text(content, encoding="utf-8")
        written.append(directory / name)

    def rendered(name: str, fmt: str, title: str | None) -> None:
        write(subgraph, fmt, directory / name, lang, title)
        written.append(directory / name)

    rendered("subgraph.graphml", "graphml", heading)
    rendered("subgraph.json", "json", heading)
    text("selection.cypher", selection_script(subgraph.neo4j_statements, "neo4j", subgraph))
    if subgraph.backend != "neo4j":
        text("selection.kuzu.cypher", selection_script(subgraph.statements, subgraph.backend, subgraph))
    rendered("subgraph.cypher", "cypher", heading)
    rendered("references.bib", "bibtex", heading)
    for fmt in ("svg", "pdf"):
        rendered(f"figure.{fmt}", fmt, title)
    if subgraph.selection.mode == "dyad":
        rendered("timeline.svg", "timeline", None)
    text("ties.tex", ties_table(subgraph, lang))
    text("paper.tex", paper_tex(subgraph, heading, version(), has_figure=(directory / "figure.pdf").exists()))

    manifest = {
        "generator": f"dyadgraph {version()}",
        "data_version": [{"dataset": name, "version": v} for name, v in subgraph.data_versions],
        "backend": subgraph.backend,
        "selection": subgraph.selection.as_dict(),
        "counts": {
            "nodes": len(subgraph.nodes),
            "relationships": len(subgraph.relationships),
            "works_cited": len(subgraph.cited_keys()),
        },
        "files": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(written)},
    }
    text("manifest.json", json_text(manifest))

    command = shlex.join(
        ["dyadgraph", "export", "bundle", "-o", directory.name, *bundle_options(subgraph, lang, title)]
    )
    rows = "\n".join(f"| `{p.name}` | {DESCRIPTIONS[p.name]} |" for p in sorted(written))
    text(
        "README.md",
        README.format(
            title=heading,
            dyadgraph=version(),
            description=subgraph.selection.describe(),
            nodes=len(subgraph.nodes),
            relationships=len(subgraph.relationships),
            works=len(subgraph.cited_keys()),
            data_version=subgraph.data_version(),
            command=command,
            files=rows + "\n| `README.md` | this file |",
        ),
    )
    return written


def bundle_options(subgraph: Subgraph, lang: str, title: str | None) -> list[str]:
    options = subgraph.selection.arguments()
    if lang != "en":
        options += ["--lang", lang]
    if title:
        options += ["--title", title]
    return options
