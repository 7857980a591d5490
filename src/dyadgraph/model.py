"""The graph as the loader validates it and the backends write it: typed rows by label and type.

The backends import this module (downward); the loader builds a Graph from seed files, `push`
reads one back from a database, and `Backend.replace_graph` writes one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .schema import NODES, RELATIONSHIPS


@dataclass
class Graph:
    """Validated, typed rows ready for a backend; the same input always gives the same Graph."""

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # keyed by (type, from_label, to_label): one Kùzu COPY per endpoint pair
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def node_counts(self) -> dict[str, int]:
        return {label.name: len(self.nodes.get(label.name, [])) for label in NODES}

    def rel_counts(self) -> dict[str, int]:
        counts = {rel.name: 0 for rel in RELATIONSHIPS}
        for (name, _, _), rows in self.rels.items():
            counts[name] += len(rows)
        return counts

    def version(self) -> str:
        """A hash of the seed files' names and bytes: the data version a paper can cite."""
        return files_version(self.files)


def files_version(files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: (p.parent.name, p.name)):
        digest.update(f"{path.parent.name}/{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
