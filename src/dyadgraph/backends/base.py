"""The small interface both engines implement, and the plain values results are made of."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, ParameterError, Problem
from ..parameters import check_statement
from ..schema import INT64_RANGE, NODES, RELATIONSHIPS

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from ..model import Graph
    from ..queries import Query


@dataclass
class Result:
    """What a statement returned: rows of plain Python values (str, int, float, bool, None, list,
    dict; a node as a dict with `_label`, a relationship with `_type`) under their columns.

    `rows()` gives them as dicts, iterating gives the same dicts one by one, `values` holds them as
    tuples, `to_pandas()` makes a DataFrame and `render(fmt)` the text `--format fmt` prints.

    `changes` is None for a read; for a write, what it changed, by name ("nodes created": 1), as
    the engine counts it (Neo4j's summary counters; on Kùzu, which gives none, the nodes and
    relationships per label before and after the statement, e.g. "State nodes added": 1).
    """

    columns: list[str]
    values: list[tuple[Any, ...]] = field(default_factory=list)
    changes: dict[str, int] | None = None

    def rows(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.values]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self.values:
            yield dict(zip(self.columns, row, strict=True))

    def __len__(self) -> int:
        return len(self.values)

    def to_pandas(self) -> pd.DataFrame:
        """A DataFrame with the result's columns (object dtype where a column holds nodes or lists)."""
        import pandas as pd

        return pd.DataFrame([list(row) for row in self.values], columns=self.columns)

    def render(self, fmt: str = "table") -> str:
        """The rows as `dyadgraph --format fmt` prints them: table, json, csv, md or latex."""
        from ..output import render

        return render(self, fmt)

    def explode(self, column: str) -> Result:
        """One row per item of a list column, the other columns repeated (`--explode COLUMN`): a
        row whose list is empty keeps one row with no item; a value that is not a list stays."""
        if column not in self.columns:
            listed = ", ".join(self.columns) or "none"
            raise ConfigError(f"--explode {column}: the result has no column {column!r} (its columns: {listed})")
        at = self.columns.index(column)
        rows: list[tuple[Any, ...]] = []
        for row in self.values:
            items = row[at] if isinstance(row[at], list) else [row[at]]
            rows += [(*row[:at], item, *row[at + 1 :]) for item in items or [None]]
        return Result(list(self.columns), rows, self.changes)


@dataclass(frozen=True)
class Dialect:
    """Where a backend's Cypher differs in what a label-agnostic statement needs (export selections):
    each backend names its own, so no caller chooses a dialect by the backend's name."""

    name: str
    label: str
    type: str
    element_id: str
    to_int: str
    # Kùzu filters inside a variable-length pattern, (e, y | WHERE ...), and some of its filters
    # need working around (see filtered() and one_of() in export/statements.py).
    kuzu: bool


@dataclass
class LoadSummary:
    nodes: dict[str, int]
    relationships: dict[str, int]
    version: str
    seconds: float = 0.0
    # What validation found that did not stop the load (a cell that starts like a formula).
    warnings: list[Problem] = field(default_factory=list)


class Backend(ABC):
    """What both engines implement (run, replace_graph, writer, close), and what they share, written
    once on top of `run`: a canned query in the backend's own dialect, and the counts."""

    name: str
    dialect: Dialect

    @abstractmethod
    def run(self, text: str, parameters: dict[str, Any] | None = None, *, write: bool = False) -> Result:
        """Run one statement in the engine's own dialect; read-only unless write."""

    @abstractmethod
    def replace_graph(self, graph: Graph, *, batch_size: int = 1000) -> None:
        """Make the database hold exactly `graph`, or leave it as it was."""

    @abstractmethod
    def writer(self, *, purpose: str = "change", **options: Any) -> AbstractContextManager[Writer]:
        """A Writer whose additions are kept when the block ends and dropped when it raises;
        `purpose` names the change in an engine's refusal ("Neo4j refused the import, ...")."""

    @abstractmethod
    def close(self) -> None: ...

    def query_text(self, query: Query) -> str:
        """A canned query's text as this backend runs it."""
        return query_text(query, self.dialect)

    def run_query(self, query: Query, parameters: dict[str, Any]) -> Result:
        """A canned query with bound parameters (Query.bind)."""
        return self.run(self.query_text(query), parameters)

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label and relationships per type."""
        nodes = {n.name: self._count(f"MATCH (n:{n.name}) RETURN count(n)") for n in NODES}
        rels = {r.name: self._count(f"MATCH ()-[r:{r.name}]->() RETURN count(r)") for r in RELATIONSHIPS}
        return nodes, rels

    def _count(self, text: str) -> int:
        return int(self.run(text).values[0][0])


def query_text(query: Query, dialect: Dialect) -> str:
    """A canned query's text in a dialect: the Kùzu variant where the dialect is Kùzu's and the query
    has one, the canonical Neo4j text otherwise."""
    if dialect.kuzu and query.kuzu_text is not None:
        return query.kuzu_text
    return query.text


class Writer(ABC):
    """Additions to a graph, through `Backend.writer()`: all of them, or none when the block raises.

    The importer calls, in this order: `ensure` the nodes the rows point to, `clear_measured` the
    values or `clear_ties` the ties a file replaces, `append_new` the Event rows, `append` the
    INVOLVES rows of the events added or MEASURED or TIE rows (Arrow tables in schema order,
    model.arrow_table), `upsert` the Dataset node.
    """

    @abstractmethod
    def ids(self, label: str, where: str = "", parameters: dict[str, Any] | None = None) -> pa.Array:
        """The ids of the label's nodes (matching `where`) that the graph already holds, so that the
        importer leaves those rows out and counts only what it adds."""

    @abstractmethod
    def ensure(self, label: str, rows: list[dict[str, Any]]) -> int:
        """Create the nodes that are missing, leave those that exist (a curated State keeps its
        properties); how many it created."""

    @abstractmethod
    def clear_measured(self, indicators: list[str], source: str) -> None:
        """Delete the MEASURED values a source gave for these indicators (a re-import replaces them)."""

    @abstractmethod
    def clear_ties(self, source: str) -> None:
        """Delete the TIEs a source (an imported dataset) gave (a re-import replaces them)."""

    @abstractmethod
    def append_new(self, label: str, table: pa.Table) -> pa.Array:
        """Add the rows of a node table whose id the graph does not hold yet; a boolean mask of the
        rows added. The graph's ids are never all read into this process: a re-import of 18 million
        events would hold them all in memory (issue 20)."""

    @abstractmethod
    def append(self, table_name: str, table: pa.Table) -> None:
        """Add a table of Event, INVOLVES, MEASURED or TIE rows (an imported event's INVOLVES: role only)."""

    @abstractmethod
    def upsert(self, label: str, row: dict[str, Any]) -> None:
        """Create or update one node."""


def clear_measured_statement() -> str:
    """Cypher both engines run for Writer.clear_measured."""
    return "MATCH (:State)-[r:MEASURED]->(i:Indicator) WHERE i.id IN $indicators AND r.source = $source DELETE r"


def clear_ties_statement() -> str:
    """Cypher both engines run for Writer.clear_ties."""
    return "MATCH (:State)-[r:TIE]->(:State) WHERE r.source = $source DELETE r"


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
