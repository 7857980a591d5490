"""A selected subgraph: nodes and relationships as plain values, sorted by label (in ontology order)
and id, so every export made from them is deterministic; and the statements that selected it.

`select()` (select.py) makes one; each export format is a renderer of it (export/__init__.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..schema import NODE_BY_NAME
from .selection import Selection

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class Node:
    label: str
    properties: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.properties["id"])

    @property
    def key(self) -> str:
        """Unique across labels (a Strategy and a Concept may share an id): `Label:id`."""
        return node_key(self.label, self.id)

    def display_name(self, lang: str = "en") -> str:
        props = self.properties
        if lang == "zh":
            chinese = props.get("name_zh") or props.get("title_zh")
            if chinese:
                return str(chinese)
        return str(props.get("name") or props.get("title") or self.id)


@dataclass(frozen=True)
class Relationship:
    type: str
    start: str
    end: str
    properties: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.properties["id"])


@dataclass(frozen=True)
class Statement:
    text: str
    parameters: dict[str, Any]
    purpose: str


@dataclass
class Subgraph:
    nodes: list[Node]
    relationships: list[Relationship]
    selection: Selection = field(default_factory=Selection)
    # Cited works (the source and via of every element, and Source nodes selected) by BibTeX key.
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    # The same selection in Neo4j's Cypher, to paste into Neo4j Browser (the statements above when
    # the backend is Neo4j).
    neo4j_statements: list[Statement] = field(default_factory=list)
    backend: str = "embedded"
    data_versions: list[tuple[str, str]] = field(default_factory=list)
    center_label: str | None = None

    def node(self, key: str) -> Node:
        return self._index()[key]

    def _index(self) -> dict[str, Node]:
        return {n.key: n for n in self.nodes}

    def cited_keys(self) -> list[str]:
        keys = {n.id for n in self.nodes if n.label == "Source"}
        for properties in [n.properties for n in self.nodes] + [r.properties for r in self.relationships]:
            keys.update(str(properties[k]) for k in ("source", "via") if properties.get(k))
        return sorted(keys)

    def write(self, path: str | Path, format: str | None = None, *, lang: str = "en", title: str | None = None) -> Path:
        """Write the subgraph in a format (by default the one `path`'s suffix names: .graphml, .gexf,
        .json, .cypher, .bib, .svg, .html, ...), making the folders it is in; returns the path."""
        from . import format_for, write

        target = Path(path)
        write(self, format or format_for(target), target, lang, title)
        return target

    def bundle(self, directory: str | Path, *, lang: str = "en", title: str | None = None) -> list[Path]:
        """Write a replication bundle (the subgraph, the Cypher that selected it, the BibTeX, the
        figures, a manifest and a README) into `directory`; returns the files written."""
        from .bundle import write_bundle

        return write_bundle(self, Path(directory), lang, title)

    def text(self, format: str, *, lang: str = "en", title: str | None = None) -> str:
        """A text format's content (graphml, gexf, cytoscape, json, cypher, bibtex, dyad-year)."""
        from . import text

        return text(self, format, lang, title)

    def to_networkx(self, *, lang: str = "en") -> nx.MultiDiGraph:
        """A networkx MultiDiGraph: nodes keyed `Label:id`, edges by relationship id, every property."""
        from .graphs import to_networkx

        return to_networkx(self, lang)

    def data_version(self) -> str:
        """`mongolia@c61cc6c7989d4e73`, one per loaded seed directory; `unknown` for a database without them."""
        return ", ".join(f"{name}@{version}" for name, version in self.data_versions) or "unknown"


def node_key(label: str, node_id: str) -> str:
    return f"{label}:{node_id}"


def parse_key(key: str) -> tuple[str | None, str]:
    """`State:MNG` as (State, MNG); a bare id, or a prefix that is no label, as (None, id)."""
    label, sep, rest = key.partition(":")
    if sep and label in NODE_BY_NAME:
        return label, rest
    return None, key
