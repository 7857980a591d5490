"""The small interface both engines implement, and the plain values results are made of."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..load.seeds import Graph


@dataclass
class Result:
    """Rows of plain Python values (str, int, float, bool, None, list, dict) keyed by column."""

    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass
class LoadSummary:
    nodes: dict[str, int]
    relationships: dict[str, int]
    version: str
    seconds: float = 0.0


class Backend(Protocol):
    name: str

    def run(self, text: str, parameters: dict[str, Any] | None = None, *, write: bool = False) -> Result:
        """Run one statement in the engine's own dialect; read-only unless write."""
        ...

    def replace_graph(self, graph: Graph, *, batch_size: int = 1000) -> None:
        """Make the database hold exactly `graph`, or leave it as it was."""
        ...

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label and relationships per type."""
        ...

    def close(self) -> None: ...


def plain_node(label: str, properties: dict[str, Any]) -> dict[str, Any]:
    """A node as both backends report it: its label, then its non-null properties by name."""
    return {"_label": label, **{k: v for k, v in sorted(properties.items()) if v is not None}}


def plain_relationship(rel_type: str, properties: dict[str, Any]) -> dict[str, Any]:
    return {"_type": rel_type, **{k: v for k, v in sorted(properties.items()) if v is not None}}
