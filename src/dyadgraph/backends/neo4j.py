"""The Neo4j backend, through the official driver.

A load runs in one transaction: the old dyadgraph graph is deleted and the new one
written in batches of UNWIND; anything failing rolls the whole transaction back.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import BackendError, ConfigError, ConnectionFailed, DyadgraphError, TargetNotEmpty, WriteRefused
from ..schema import NODE_BY_NAME, NODES, REL_BY_NAME, RELATIONSHIPS, neo4j_schema
from . import base
from .base import Backend, Dialect, Result, Writer

if TYPE_CHECKING:
    import pyarrow as pa

    from ..config import Settings
    from ..model import Graph

MINIMUM_SERVER = (5, 0)
# How long the driver retries a read that failed transiently (its default, 30 s, leaves a command
# waiting half a minute on a server that was stopped under it); enough for a cluster to elect a leader.
RETRY_SECONDS = 5.0
START_HINT = "is the server running? `make neo4j`, or `docker compose up -d --wait`"
# The Bolt schemes; the driver's http(s) schemes are a preview needing other packages.
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def node_statement(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row"


def relationship_statement(rel_type: str, from_label: str, to_label: str) -> str:
    return (
        f"UNWIND $rows AS row MATCH (a:{from_label} {{id: row.from}}) MATCH (b:{to_label} {{id: row.to}}) "
        f"MERGE (a)-[r:{rel_type} {{id: row.id}}]->(b) SET r = row.props"
    )


def participant_statement() -> str:
    """An imported event's INVOLVES: no id of its own (schema.involves_id), so merged on its role."""
    return (
        "UNWIND $rows AS row MATCH (a:Event {id: row.from}) MATCH (b:State {id: row.to}) "
        "MERGE (a)-[:INVOLVES {role: row.role}]->(b)"
    )


def present_statement(label: str) -> str:
    """Which of these ids the label's nodes have (one index look-up each)."""
    return f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n.id AS id"


def relationship_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Relationship rows as relationship_statement() takes them: endpoints and id, then the properties."""
    return [
        {
            "from": r["from"],
            "to": r["to"],
            "id": r["id"],
            "props": without_nulls({k: v for k, v in r.items() if k not in ("from", "to")}),
        }
        for r in rows
    ]


def ensure_statement(label: str) -> str:
    """Create a node that is missing; leave one that exists (a curated State keeps its properties)."""
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) ON CREATE SET n = row"


def delete_statement() -> str:
    labels = "|".join(label.name for label in NODES)
    return f"MATCH (n:{labels}) DETACH DELETE n"


def count_statement() -> str:
    """How many nodes carry a dyadgraph label: what delete_statement would remove."""
    labels = "|".join(label.name for label in NODES)
    return f"MATCH (n:{labels}) RETURN count(n) AS nodes"


def loader_statements() -> list[tuple[str, dict[str, Any]]]:
    """Every statement the loader can send, with sample parameters, for the linter."""
    rows = [{"id": "x"}]
    statements: list[tuple[str, dict[str, Any]]] = [(s, {}) for s in neo4j_schema()]
    statements.append((delete_statement(), {}))
    statements.append((count_statement(), {}))
    statements += [(node_statement(label.name), {"rows": rows}) for label in NODES]
    rel_rows = [{"from": "a", "to": "b", "id": "x", "props": {"id": "x"}}]
    statements += [
        (relationship_statement(rel.name, f, t), {"rows": rel_rows}) for rel in RELATIONSHIPS for f, t in rel.endpoints
    ]
    return statements


DIALECT = Dialect("neo4j", "labels({})[0]", "type({})", "elementId({})", "toInteger({})", kuzu=False)


def writer_statements() -> list[tuple[str, dict[str, Any]]]:
    """Every statement a Writer sends beyond the loader's, with sample parameters, for the linter."""
    rows = [{"id": "x"}]
    statements: list[tuple[str, dict[str, Any]]] = [
        (ensure_statement(label), {"rows": rows}) for label in ("Source", "State", "Indicator")
    ]
    statements.append((base.clear_measured_statement(), {"indicators": ["x"], "source": "x"}))
    statements.append((base.clear_ties_statement(), {"source": "x"}))
    statements.append((present_statement("Event"), {"ids": ["x"]}))
    statements.append((participant_statement(), {"rows": [{"from": "x", "to": "y", "role": "target"}]}))
    return statements


class Neo4jWriter(Writer):
    """Everything in one transaction, in UNWIND batches; Neo4jBackend.writer commits or rolls back."""

    def __init__(self, tx: Any, batch_size: int):
        self.tx = tx
        self.batch_size = batch_size

    def ids(self, label: str, where: str = "", parameters: dict[str, Any] | None = None) -> pa.Array:
        """The ids already there, as on the embedded engine, so that the importer leaves out the same
        rows and reports the same counts (MERGE alone would keep a re-import idempotent, but the
        summary would count every row of the file as added)."""
        import pyarrow as pa

        found = self.tx.run(f"MATCH (n:{label}) {where} RETURN n.id AS id", parameters or {}).value("id")
        return pa.array(found, pa.string())

    def ensure(self, label: str, rows: list[dict[str, Any]]) -> int:
        """Creates the missing nodes; returns how many it created (the server's counter)."""
        created = 0
        for batch in _batches([without_nulls(r) for r in rows], self.batch_size):
            created += self.tx.run(ensure_statement(label), rows=batch).consume().counters.nodes_created
        return int(created)

    def clear_measured(self, indicators: list[str], source: str) -> None:
        self.tx.run(base.clear_measured_statement(), indicators=indicators, source=source).consume()

    def clear_ties(self, source: str) -> None:
        self.tx.run(base.clear_ties_statement(), source=source).consume()

    def append_new(self, label: str, table: pa.Table) -> pa.Array:
        """Looks the ids up, a batch at a time through the id constraint's index, then appends the rest."""
        import pyarrow as pa
        import pyarrow.compute as pc

        present = []
        for batch in table.select(["id"]).to_batches(max_chunksize=self.batch_size):
            ids = batch.column(0).to_pylist()
            present += self.tx.run(present_statement(label), ids=ids).value("id")
        new = pc.invert(pc.is_in(table.column("id"), value_set=pa.array(present, pa.string())))
        self.append(label, table.filter(new))
        return new

    def append(self, table_name: str, table: pa.Table) -> None:
        for batch in table.to_batches(max_chunksize=self.batch_size):
            rows = batch.to_pylist()
            if table_name in NODE_BY_NAME:
                self.tx.run(node_statement(table_name), rows=[without_nulls(r) for r in rows]).consume()
                continue
            if table_name == "INVOLVES":
                self.tx.run(participant_statement(), rows=[without_nulls(r) for r in rows]).consume()
                continue
            from_label, to_label = REL_BY_NAME[table_name].endpoints[0]
            self.tx.run(
                relationship_statement(table_name, from_label, to_label), rows=relationship_rows(rows)
            ).consume()

    def upsert(self, label: str, row: dict[str, Any]) -> None:
        self.tx.run(node_statement(label), rows=[without_nulls(row)]).consume()


class Neo4jBackend(Backend):
    name = "neo4j"
    dialect = DIALECT

    def __init__(self, driver: Any, database: str | None, uri: str, user: str = "neo4j"):
        self.driver = driver
        self.database = database
        self.uri = uri
        self.user = user
        # Shared by every session of this backend, so that in a cluster (Aura, neo4j+s://)
        # a read after a write is served by a member that has applied the write.
        self._bookmarks: Any = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Neo4jBackend:
        import neo4j

        uri = settings.neo4j_uri
        scheme, _, rest = uri.partition("://")
        if scheme not in URI_SCHEMES or not rest:
            raise ConfigError(
                f"bad Neo4j URI {redact_uri(uri)!r} (DYADGRAPH_NEO4J_URI): "
                f"it starts with one of {', '.join(s + '://' for s in URI_SCHEMES)}"
            )
        if "@" in rest.split("/")[0]:
            raise ConfigError(
                f"bad Neo4j URI {redact_uri(uri)!r}: put the user and password in DYADGRAPH_NEO4J_USER "
                "and DYADGRAPH_NEO4J_PASSWORD, not in the URI"
            )
        if not settings.neo4j_password:
            raise ConfigError("set DYADGRAPH_NEO4J_PASSWORD (the password is read from the environment only)")
        if settings.neo4j_database == "system":
            raise ConfigError(
                "DYADGRAPH_NEO4J_DATABASE is 'system', Neo4j's database of users and settings, which holds "
                "no graph: name a user database, or leave it unset for the server's default"
            )
        _quiet_driver_log()
        driver = None
        try:
            driver = neo4j.GraphDatabase.driver(
                uri, auth=(settings.neo4j_user, settings.neo4j_password), max_transaction_retry_time=RETRY_SECONDS
            )
            driver.verify_connectivity()
            version = _server_version(driver.get_server_info().agent)
            if version < MINIMUM_SERVER:
                raise ConnectionFailed(
                    f"Neo4j {'.'.join(map(str, version))} at {uri} is too old; "
                    f"dyadgraph needs {'.'.join(map(str, MINIMUM_SERVER))} or newer"
                )
            backend = cls(driver, settings.neo4j_database, uri, settings.neo4j_user)
            if settings.neo4j_database:
                backend.run("RETURN 1")  # a misspelt database name fails here, named, not in the middle of a load
            return backend
        except Exception as exc:
            if driver is not None:
                driver.close()
            raise _failure(exc, uri, settings.neo4j_user, settings.neo4j_database) from None

    def _session(self, *, write: bool) -> Any:
        import neo4j

        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        if self._bookmarks is None:
            self._bookmarks = neo4j.GraphDatabase.bookmark_manager()
        return self.driver.session(database=self.database, default_access_mode=mode, bookmark_manager=self._bookmarks)

    def run(self, text: str, parameters: dict[str, Any] | None = None, *, write: bool = False) -> Result:
        sent = base.statement_parameters(text, parameters)

        def work(tx: Any) -> Result:
            cursor = tx.run(text, sent)
            columns = list(cursor.keys())
            result = Result(columns, [tuple(_plain(v) for v in record.values()) for record in cursor])
            if write:
                result.changes = summary_changes(cursor.consume().counters)
            return result

        try:
            with self._session(write=write) as session:
                result: Result = session.execute_write(work) if write else session.execute_read(work)
                return result
        except Exception as exc:
            raise _failure(exc, self.uri, self.user, self.database) from None

    def replace_graph(self, graph: Graph, *, batch_size: int = 1000, expect_empty: bool = False) -> None:
        """With expect_empty, refuse (and roll back) when the server already holds dyadgraph nodes;
        the check runs in the writing transaction, so a concurrent load cannot slip in between."""
        with self.writing("load"), self._session(write=True) as session:
            for statement in neo4j_schema():
                session.run(statement).consume()
            with session.begin_transaction() as tx:
                if expect_empty:
                    found = tx.run(count_statement()).single()[0]
                    if found:
                        raise TargetNotEmpty(
                            f"Neo4j at {self.uri} already holds {found} dyadgraph node(s); nothing was changed"
                        )
                tx.run(delete_statement()).consume()
                for label in NODES:
                    rows = [without_nulls(r) for r in graph.nodes.get(label.name, [])]
                    for batch in _batches(rows, batch_size):
                        tx.run(node_statement(label.name), rows=batch).consume()
                for (type_name, from_label, to_label), rows in sorted(graph.rels.items()):
                    if type_name == "INVOLVES":
                        # an imported event's participants have no stored id (schema.involves_id)
                        imported = [without_nulls(r) for r in rows if r.get("id") is None]
                        rows = [r for r in rows if r.get("id") is not None]
                        for batch in _batches(imported, batch_size):
                            tx.run(participant_statement(), rows=batch).consume()
                    shaped = relationship_rows(rows)
                    for batch in _batches(shaped, batch_size):
                        tx.run(relationship_statement(type_name, from_label, to_label), rows=batch).consume()
                tx.commit()

    @contextlib.contextmanager
    def writer(self, *, purpose: str = "change", batch_size: int = 1000, **options: Any) -> Iterator[Writer]:
        """A Writer in one transaction (after the schema's constraints), committed when the block
        ends and rolled back when it raises; a failure is one line (see writing())."""
        with self.writing(purpose), self._session(write=True) as session:
            for statement in neo4j_schema():
                session.run(statement).consume()
            tx = session.begin_transaction()
            try:
                yield Neo4jWriter(tx, batch_size)
                tx.commit()
            finally:
                _rollback_quietly(tx)

    @contextlib.contextmanager
    def writing(self, what: str) -> Iterator[None]:
        """Around a write transaction (a load, push or import): what fails it becomes one line."""
        try:
            yield
        except Exception as exc:
            failure = self.write_failure(exc, what)
            if failure is exc:
                raise
            raise failure from None

    def write_failure(self, exc: Exception, what: str) -> Exception:
        """What failed a write transaction (a load, push or import) as the one line the CLI prints;
        an error that is neither the driver's nor dyadgraph's comes back unchanged."""
        if isinstance(exc, DyadgraphError):
            return exc
        if type(exc).__name__ == "IncompleteCommit":
            return BackendError(
                f"the connection to Neo4j broke during the commit, so the {what} may or may not be saved: "
                f"check with `dyadgraph --backend neo4j stats` and {what} again"
            )
        failure = _failure(exc, self.uri, self.user, self.database)
        if failure is exc:
            return exc
        return BackendError(f"Neo4j refused the {what}, nothing was changed: {failure}")

    def close(self) -> None:
        self.driver.close()


# The driver's summary counters, in the order a reader wants them.
COUNTERS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "labels_added",
    "labels_removed",
    "indexes_added",
    "indexes_removed",
    "constraints_added",
    "constraints_removed",
    "system_updates",
)


def summary_changes(counters: Any) -> dict[str, int]:
    """A write's summary counters that are not zero, named in words ("nodes created": 1)."""
    found = {name.replace("_", " "): int(getattr(counters, name, 0) or 0) for name in COUNTERS}
    return {name: count for name, count in found.items() if count}


def redact_uri(uri: str) -> str:
    """The URI without a password someone put into it."""
    scheme, sep, rest = uri.partition("://")
    host, slash, path = rest.partition("/")
    if "@" in host:
        host = "***@" + host.rsplit("@", 1)[1]
    return f"{scheme}{sep}{host}{slash}{path}"


def _failure(exc: Exception, uri: str, user: str, database: str | None) -> Exception:
    """The driver's error as one line naming the setting to look at; anything else unchanged.

    The password is never part of it: the driver's messages do not hold it, and URIs are
    checked for credentials before they reach the driver.
    """
    from neo4j import exceptions

    if isinstance(exc, DyadgraphError):
        return exc
    if isinstance(exc, exceptions.AuthError):
        return ConnectionFailed(
            f"Neo4j at {uri} refused the user {user!r} or its password "
            "(DYADGRAPH_NEO4J_USER / DYADGRAPH_NEO4J_PASSWORD)"
        )
    if isinstance(exc, exceptions.ServiceUnavailable | exceptions.SessionExpired | OSError):
        if "SSL" in str(exc) and "+s" in uri.split("://")[0]:
            return ConnectionFailed(
                f"cannot reach Neo4j at {uri}: the server does not answer TLS on that port "
                "(a server without TLS, such as `make neo4j`'s, takes bolt:// or neo4j://)"
            )
        return ConnectionFailed(f"cannot reach Neo4j at {uri}: {type(exc).__name__} ({START_HINT})")
    if isinstance(exc, exceptions.ConfigurationError):
        return ConfigError(f"bad Neo4j settings for {uri}: {str(exc).splitlines()[0]}")
    if isinstance(exc, exceptions.Neo4jError):
        code = exc.code or ""
        if "DatabaseNotFound" in code:
            return ConfigError(f"Neo4j at {uri} has no database {database!r} (DYADGRAPH_NEO4J_DATABASE)")
        if "AccessMode" in code or "ForbiddenDueToTransactionType" in code or "WriteOnReadOnly" in code:
            return WriteRefused(
                "refused: this statement writes, and the session is READ access; add --write to allow writes"
            )
        return BackendError(f"Neo4j: {(exc.message or code).strip().splitlines()[0]}")
    if isinstance(exc, exceptions.DriverError):
        detail = str(exc).strip().splitlines()
        return BackendError(f"Neo4j driver: {type(exc).__name__}{': ' + detail[0] if detail else ''}")
    return exc


def _rollback_quietly(tx: Any) -> None:
    """Rolls back what was not committed. On a connection that broke, the server has already
    dropped the transaction, and the rollback's own failure would hide the cause."""
    try:
        if not tx.closed():
            tx.rollback()
    except Exception:  # the error that ended the write is raised instead
        pass


def _quiet_driver_log() -> None:
    """The driver logs each retry of a failed transaction as a warning; with no logging set up,
    Python would print them on stderr beside dyadgraph's one-line error. Records still reach any
    handler the user configures (they propagate to the root logger)."""
    driver_log = logging.getLogger("neo4j")
    if not any(isinstance(h, logging.NullHandler) for h in driver_log.handlers):
        driver_log.addHandler(logging.NullHandler())


def _server_version(agent: str) -> tuple[int, ...]:
    digits = agent.split("/")[-1].split("-")[0]
    try:
        return tuple(int(part) for part in digits.split(".")[:2])
    except ValueError:
        return MINIMUM_SERVER


def _batches(rows: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    return [rows[i : i + size] for i in range(0, len(rows), max(size, 1))]


def without_nulls(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None}


def _plain(value: Any) -> Any:
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        label = next((lab for lab in value.labels if lab in NODE_BY_NAME), next(iter(value.labels), ""))
        return base.plain_node(label, dict(value))
    if isinstance(value, Relationship):
        return base.plain_relationship(value.type, dict(value))
    if isinstance(value, Path):
        return {"nodes": [_plain(n) for n in value.nodes], "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
