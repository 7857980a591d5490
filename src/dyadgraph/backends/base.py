"""The small interface both engines implement, and the plain values results are made of."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import ParameterError, Problem
from ..parameters import check_statement

if TYPE_CHECKING:
    from ..model import Graph


@dataclass
class Result:
    """Rows of plain Python values (str, int, float, bool, None, list, dict) keyed by column.

    changes is None for a read; for a write, what it changed, by name ("nodes created": 1), as
    the engine counts it (Neo4j's summary counters; on Kùzu, which gives none, the nodes and
    relationships per label before and after the statement, e.g. "State nodes added": 1).
    """

    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    changes: dict[str, int] | None = None

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass
class LoadSummary:
    nodes: dict[str, int]
    relationships: dict[str, int]
    version: str
    seconds: float = 0.0
    # What validation found that did not stop the load (a cell that starts like a formula).
    warnings: list[Problem] = field(default_factory=list)


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


INT64_RANGE = range(-(2**63), 2**63)


def statement_parameters(text: str, parameters: dict[str, Any] | None) -> dict[str, Any]:
    """What a backend sends with `text`: every parameter it uses given (or ParameterError), unused
    ones left out with a warning, and every value one an engine can take."""
    sent = check_statement(text, parameters or {})
    check_parameters(sent)
    return sent


def check_parameters(parameters: dict[str, Any]) -> None:
    """Refuse, by name, parameter values no engine can take, before an engine fails on them obscurely."""
    for name, value in parameters.items():
        for item in _leaves(value):
            if isinstance(item, str) and not item.isprintable() and _unencodable(item):
                raise ParameterError(f"parameter {name!r} is not valid text (it holds bytes that are not UTF-8)")
            if isinstance(item, int) and not isinstance(item, bool) and item not in INT64_RANGE:
                raise ParameterError(f"parameter {name!r} is too large for a 64-bit integer: {item}")


def _leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _leaves(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def _unencodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def plain_node(label: str, properties: dict[str, Any]) -> dict[str, Any]:
    """A node as both backends report it: its label, then its non-null properties by name."""
    return {"_label": label, **{k: v for k, v in sorted(properties.items()) if v is not None}}


def plain_relationship(rel_type: str, properties: dict[str, Any]) -> dict[str, Any]:
    return {"_type": rel_type, **{k: v for k, v in sorted(properties.items()) if v is not None}}
