"""The graph as the loader validates it and the backends write it: typed rows by label and type.

The backends import this module (downward); the loader builds a Graph from seed files, `push`
reads one back from a database, and `Backend.replace_graph` writes one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .schema import NODES, RELATIONSHIPS, Prop

if TYPE_CHECKING:
    import pyarrow as pa

ARROW_TYPES = {"STRING": "string", "INT64": "int64", "DOUBLE": "float64", "BOOL": "bool_"}


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


def arrow_table(props: tuple[Prop, ...], columns: dict[str, Any], n: int, leading: tuple[str, ...] = ()) -> pa.Table:
    """A graph table as Arrow: the `leading` columns (a relationship's from and to) as strings, then
    the properties in the schema's order (Kùzu's COPY maps columns by position), each typed as the
    schema declares it; a column is an Arrow array or a list of Python values, an absent one null."""
    import pyarrow as pa

    arrays, fields = [], []
    for name in leading:
        arrays.append(_typed(columns[name], pa.string()))
        fields.append(pa.field(name, pa.string()))
    for prop in props:
        arrow_type = getattr(pa, ARROW_TYPES[prop.type])()
        value = columns.get(prop.name)
        arrays.append(pa.nulls(n, arrow_type) if value is None else _typed(value, arrow_type))
        fields.append(pa.field(prop.name, arrow_type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def rows_table(props: tuple[Prop, ...], rows: list[dict[str, Any]], leading: tuple[str, ...] = ()) -> pa.Table:
    """Rows (dicts, as a Graph holds them) as an Arrow graph table."""
    names = [*leading, *(p.name for p in props)]
    return arrow_table(props, {name: [row.get(name) for row in rows] for name in names}, len(rows), leading)


def _typed(values: Any, arrow_type: pa.DataType) -> Any:
    import pyarrow as pa

    if isinstance(values, pa.Array | pa.ChunkedArray):
        return values.cast(arrow_type)
    return pa.array(values, type=arrow_type)
