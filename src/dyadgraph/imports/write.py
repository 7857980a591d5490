"""Where imported rows go: a copy of the embedded database (COPY from Arrow), or one Neo4j transaction.

Both writers take the same calls from the importer, in this order: `ensure` the Source, State
and Indicator nodes the rows point to, `clear_measured` values the file replaces, `append`
Arrow tables of Event/INVOLVES/MEASURED rows, `upsert` the Dataset node, then `commit`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..backends.neo4j import without_nulls
from ..errors import BackendError
from ..schema import NODE_BY_NAME, REL_BY_NAME, REL_ID

if TYPE_CHECKING:
    import pyarrow as pa

# Rows per UNWIND on Neo4j.
NEO4J_BATCH = 1000


def ensure_statement(label: str) -> str:
    """Create a node that is missing; leave one that exists (a curated State keeps its properties)."""
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) ON CREATE SET n = row"


def clear_measured_statement() -> str:
    return "MATCH (:State)-[r:MEASURED]->(i:Indicator) WHERE i.id IN $indicators AND r.source = $source DELETE r"


def import_statements() -> list[tuple[str, dict[str, Any]]]:
    """Every Neo4j statement an import sends beyond the loader's, with sample parameters, for the linter."""
    rows = [{"id": "x"}]
    statements: list[tuple[str, dict[str, Any]]] = [
        (ensure_statement(label), {"rows": rows}) for label in ("Source", "State", "Indicator")
    ]
    statements.append((clear_measured_statement(), {"indicators": ["x"], "source": "x"}))
    return statements


class EmbeddedWriter:
    """Writes through a connection to the copy that `EmbeddedBackend.amend` opened."""

    def __init__(self, connection: Any):
        self.connection = connection
        self._check_tables()

    def _check_tables(self) -> None:
        """A database made by an older dyadgraph lacks newer columns, and COPY maps columns by position."""
        tables = {"Event": NODE_BY_NAME["Event"].props}
        tables |= {rel: (REL_ID, *REL_BY_NAME[rel].props) for rel in ("INVOLVES", "MEASURED")}
        for name, props in tables.items():
            result = self.connection.execute(f"CALL table_info('{name}') RETURN name")
            have = []
            while result.has_next():
                have.append(result.get_next()[0])
            if have != [p.name for p in props]:
                raise BackendError(
                    f"the database's {name} table has other columns than this dyadgraph's schema; "
                    "run `dyadgraph load` to rebuild it, then import again"
                )

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
            from ..backends.embedded import create_nodes

            create_nodes(self.connection, label, NODE_BY_NAME[label].props, missing)
        return len(missing)

    def clear_measured(self, indicators: list[str], source: str) -> None:
        self.connection.execute(
            "MATCH (:State)-[r:MEASURED]->(i:Indicator) WHERE i.id IN $indicators AND r.source = $source DELETE r",
            {"indicators": indicators, "source": source},
        )

    def append(self, table_name: str, table: pa.Table) -> None:
        from ..backends.embedded import copy_arrow, pair_options

        if not table.num_rows:
            return
        rel = REL_BY_NAME.get(table_name)
        options = pair_options(table_name, *rel.endpoints[0]) if rel else ""  # INVOLVES: Event to State
        copy_arrow(self.connection, table_name, table, options)

    def upsert(self, label: str, row: dict[str, Any]) -> None:
        assignments = ", ".join(f"n.{k} = ${k}" for k in row if k != "id")
        self.connection.execute(f"MERGE (n:{label} {{id: $id}}) SET {assignments}", row)

    def commit(self) -> None:
        """Nothing to do: `amend` renames the copy into place when the import's block ends."""


class Neo4jWriter:
    """Everything in one transaction, in UNWIND batches; a failure rolls it all back."""

    def __init__(self, backend: Any, batch_size: int = NEO4J_BATCH):
        from ..schema import neo4j_schema

        self.batch_size = batch_size
        self.session = backend._session(write=True)
        for statement in neo4j_schema():
            self.session.run(statement).consume()
        self.tx = self.session.begin_transaction()

    def ids(self, label: str, where: str = "", parameters: dict[str, Any] | None = None) -> pa.Array:
        """The ids already there, as on the embedded engine, so that the importer leaves out the same
        rows and reports the same counts (MERGE alone would keep a re-import idempotent, but the
        summary would count every row of the file as added)."""
        import pyarrow as pa

        found = self.tx.run(f"MATCH (n:{label}) {where} RETURN n.id AS id", parameters or {}).value("id")
        return pa.array(found, pa.string())

    def ensure(self, label: str, rows: list[dict[str, Any]]) -> int:
        """Creates the missing nodes; returns how many it created."""
        created = 0
        rows = [without_nulls(r) for r in rows]
        for start in range(0, len(rows), self.batch_size):
            batch = rows[start : start + self.batch_size]
            created += self.tx.run(ensure_statement(label), rows=batch).consume().counters.nodes_created
        return created

    def clear_measured(self, indicators: list[str], source: str) -> None:
        self.tx.run(clear_measured_statement(), indicators=indicators, source=source).consume()

    def append(self, table_name: str, table: pa.Table) -> None:
        from ..backends.neo4j import node_statement, relationship_rows, relationship_statement

        for batch in table.to_batches(max_chunksize=self.batch_size):
            rows = batch.to_pylist()
            if table_name == "Event":
                self.tx.run(node_statement("Event"), rows=[without_nulls(r) for r in rows]).consume()
                continue
            from_label, to_label = REL_BY_NAME[table_name].endpoints[0]
            self.tx.run(
                relationship_statement(table_name, from_label, to_label), rows=relationship_rows(rows)
            ).consume()

    def upsert(self, label: str, row: dict[str, Any]) -> None:
        from ..backends.neo4j import node_statement

        self.tx.run(node_statement(label), rows=[without_nulls(row)]).consume()

    def commit(self) -> None:
        self.tx.commit()

    def close(self) -> None:
        """Rolls back what was not committed. On a connection that broke, the server has already
        dropped the transaction, and the rollback's own failure would hide the cause."""
        try:
            if not self.tx.closed():
                self.tx.rollback()
        except Exception:  # the error that ended the import is raised instead
            pass
        finally:
            self.session.close()
