"""Writing rows into a Kùzu database: nodes and small relationship tables as parameters, large
tables with COPY from Arrow, and the Writer the importer adds to a graph through."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..schema import NODE_BY_NAME, REL_BY_NAME, Prop
from . import base
from .base import Writer

if TYPE_CHECKING:
    import pyarrow as pa


class EmbeddedWriter(Writer):
    """Writes through a connection to the copy that `EmbeddedBackend.amend` opened."""

    def __init__(self, connection: Any):
        self.connection = connection

    def ids(self, label: str, where: str = "", parameters: dict[str, Any] | None = None) -> pa.Array:
        import pyarrow as pa

        result = self.connection.execute(f"MATCH (n:{label}) {where} RETURN n.id AS id", parameters or {})
        table = result.get_as_arrow()
        return table.column("id").combine_chunks() if table.num_rows else pa.array([], pa.string())

    def ensure(self, label: str, rows: list[dict[str, Any]]) -> int:
        if not rows:
            return 0
        present = set(self.ids(label, "WHERE n.id IN $ids", {"ids": [r["id"] for r in rows]}).to_pylist())
        missing = [r for r in rows if r["id"] not in present]
        if missing:
            create_nodes(self.connection, label, NODE_BY_NAME[label].props, missing)
        return len(missing)

    def clear_measured(self, indicators: list[str], source: str) -> None:
        self.connection.execute(base.clear_measured_statement(), {"indicators": indicators, "source": source})

    def clear_ties(self, source: str) -> None:
        self.connection.execute(base.clear_ties_statement(), {"source": source})

    def append_new(self, label: str, table: pa.Table) -> pa.Array:
        """Look the rows' ids up among the nodes of the same years, then COPY the new ones.

        Not a COPY first, relying on Kùzu's primary-key check to say when one is present: after
        such a failed COPY into a graph of 4 million events, the next COPY's new events could not
        be found by their key (Kùzu 0.11.3, "Unable to find primary key value"), so a failed COPY
        is never part of the normal path."""
        import pyarrow.compute as pc

        present = self._present(label, table)
        new = pc.invert(pc.is_in(table.column("id"), value_set=present))
        if pc.any(new).as_py():
            copy_arrow(self.connection, label, table.filter(new) if len(present) else table)
        return new

    def _present(self, label: str, table: pa.Table) -> pa.Array:
        """The table's ids that the graph holds: a join of the table with the label's nodes,
        restricted to the table's years where it has them (Kùzu builds the join's hash table on the
        nodes' side, so the restriction is what bounds its memory)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        probe = table.select(["id"])  # noqa: F841 - read by name in the statement
        where, parameters = "", {}
        if "year" in table.column_names and table.column("year").null_count < table.num_rows:
            bounds = pc.min_max(table.column("year"))
            where = " AND n.year >= $first AND n.year <= $last"
            parameters = {"first": bounds["min"].as_py(), "last": bounds["max"].as_py()}
        result = self.connection.execute(
            f"LOAD FROM probe MATCH (n:{label}) WHERE n.id = id{where} RETURN n.id AS id", parameters
        )
        found = result.get_as_arrow()
        return found.column("id").combine_chunks() if found.num_rows else pa.array([], pa.string())

    def append(self, table_name: str, table: pa.Table) -> None:
        if not table.num_rows:
            return
        rel = REL_BY_NAME.get(table_name)
        options = pair_options(table_name, *rel.endpoints[0]) if rel else ""  # INVOLVES: Event to State
        copy_arrow(self.connection, table_name, table, options)

    def upsert(self, label: str, row: dict[str, Any]) -> None:
        assignments = ", ".join(f"n.{k} = ${k}" for k in row if k != "id")
        self.connection.execute(f"MERGE (n:{label} {{id: $id}}) SET {assignments}", row)


def pair_options(type_name: str, from_label: str, to_label: str) -> str:
    """The COPY option naming the endpoint pair to fill, which Kùzu needs where a type has several."""
    return f" (from='{from_label}', to='{to_label}')" if len(REL_BY_NAME[type_name].endpoints) > 1 else ""


def copy_arrow(connection: Any, table_name: str, table: pa.Table, options: str = "") -> None:
    # Kùzu scans the Python variable named in the statement.
    arrow = table  # noqa: F841 - read by name in the COPY statement
    connection.execute(f"COPY {table_name} FROM arrow{options}")


# Small tables go to Kùzu as a parameter, each row a list of strings that the statement casts
# back to its columns' types: Kùzu converts such a parameter about twice as fast as a list of
# dictionaries (one list type for all rows, nothing to unify across keys), and a column null
# in every row still gets its type.
def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same double
    return str(value)


def _cast(prop: Prop, index: int) -> str:
    return f"row[{index}]" if prop.type == "STRING" else f"CAST(row[{index}] AS {prop.type})"


def _fields(props: tuple[Prop, ...]) -> str:
    return ", ".join(f"{p.name}: {_cast(p, i)}" for i, p in enumerate(props, start=1))


def create_nodes(connection: Any, label: str, props: tuple[Prop, ...], rows: list[dict[str, Any]]) -> None:
    text = [[_as_text(row.get(p.name)) for p in props] for row in rows]
    connection.execute(f"UNWIND $rows AS row CREATE (:{label} {{{_fields(props)}}})", {"rows": text})


def copy_relationships(
    connection: Any, type_name: str, props: tuple[Prop, ...], rows: list[dict[str, Any]], options: str
) -> None:
    text = [[row["from"], row["to"], *(_as_text(row.get(p.name)) for p in props)] for row in rows]
    columns = ", ".join(["row[1]", "row[2]", *(_cast(p, i) for i, p in enumerate(props, start=3))])
    connection.execute(f"COPY {type_name} FROM (UNWIND $rows AS row RETURN {columns}){options}", {"rows": text})
