"""The Neo4j backend, through the official driver.

A load runs in one transaction: the old dyadgraph graph is deleted and the new one
written in batches of UNWIND; anything failing rolls the whole transaction back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import BackendError, ConfigError, ConnectionFailed, WriteRefused
from ..schema import NODE_BY_NAME, NODES, RELATIONSHIPS, neo4j_schema
from .base import Result, plain_node, plain_relationship

if TYPE_CHECKING:
    from ..config import Settings
    from ..load.seeds import Graph

MINIMUM_SERVER = (5, 0)


def node_statement(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row"


def relationship_statement(rel_type: str, from_label: str, to_label: str) -> str:
    return (
        f"UNWIND $rows AS row MATCH (a:{from_label} {{id: row.from}}) MATCH (b:{to_label} {{id: row.to}}) "
        f"MERGE (a)-[r:{rel_type} {{id: row.id}}]->(b) SET r = row.props"
    )


def delete_statement() -> str:
    labels = "|".join(label.name for label in NODES)
    return f"MATCH (n:{labels}) DETACH DELETE n"


def loader_statements() -> list[tuple[str, dict[str, Any]]]:
    """Every statement the loader can send, with sample parameters, for the linter."""
    rows = [{"id": "x"}]
    statements: list[tuple[str, dict[str, Any]]] = [(s, {}) for s in neo4j_schema()]
    statements.append((delete_statement(), {}))
    statements += [(node_statement(label.name), {"rows": rows}) for label in NODES]
    rel_rows = [{"from": "a", "to": "b", "id": "x", "props": {"id": "x"}}]
    statements += [
        (relationship_statement(rel.name, f, t), {"rows": rel_rows}) for rel in RELATIONSHIPS for f, t in rel.endpoints
    ]
    return statements


class Neo4jBackend:
    name = "neo4j"

    def __init__(self, driver: Any, database: str | None, uri: str):
        self.driver = driver
        self.database = database
        self.uri = uri

    @classmethod
    def from_settings(cls, settings: Settings) -> Neo4jBackend:
        import neo4j
        from neo4j import exceptions

        if not settings.neo4j_password:
            raise ConfigError("set DYADGRAPH_NEO4J_PASSWORD (the password is read from the environment only)")
        try:
            driver = neo4j.GraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_password))
            driver.verify_connectivity()
            info = driver.get_server_info()
        except exceptions.AuthError:
            raise ConnectionFailed(
                f"Neo4j at {settings.neo4j_uri} refused the user {settings.neo4j_user!r} "
                "or its password (DYADGRAPH_NEO4J_USER / DYADGRAPH_NEO4J_PASSWORD)"
            ) from None
        except (exceptions.ServiceUnavailable, OSError) as exc:
            raise ConnectionFailed(
                f"cannot reach Neo4j at {settings.neo4j_uri}: {type(exc).__name__} "
                "(is the server running? `docker compose up -d --wait`)"
            ) from None
        except (exceptions.ConfigurationError, ValueError) as exc:
            raise ConfigError(f"bad Neo4j URI {settings.neo4j_uri!r}: {exc}") from None
        version = _server_version(info.agent)
        if version < MINIMUM_SERVER:
            driver.close()
            raise ConnectionFailed(
                f"Neo4j {'.'.join(map(str, version))} at {settings.neo4j_uri} is too old; "
                f"dyadgraph needs {'.'.join(map(str, MINIMUM_SERVER))} or newer"
            )
        return cls(driver, settings.neo4j_database, settings.neo4j_uri)

    def _session(self, *, write: bool) -> Any:
        import neo4j

        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self.driver.session(database=self.database, default_access_mode=mode)

    def run(self, text: str, parameters: dict[str, Any] | None = None, *, write: bool = False) -> Result:
        from neo4j import exceptions

        def work(tx: Any) -> Result:
            cursor = tx.run(text, parameters or {})
            columns = list(cursor.keys())
            return Result(columns, [tuple(_plain(v) for v in record.values()) for record in cursor])

        try:
            with self._session(write=write) as session:
                result: Result = session.execute_write(work) if write else session.execute_read(work)
                return result
        except exceptions.ClientError as exc:
            code = exc.code or ""
            if "DatabaseNotFound" in code:
                raise ConfigError(f"Neo4j has no database {self.database!r} (DYADGRAPH_NEO4J_DATABASE)") from None
            if "AccessMode" in code or "ForbiddenDueToTransactionType" in code or "WriteOnReadOnly" in code:
                raise WriteRefused(
                    "refused: this statement writes, and the session is READ access; add --write to allow writes"
                ) from None
            raise BackendError(f"Neo4j: {exc.message}") from None

    def replace_graph(self, graph: Graph, *, batch_size: int = 1000) -> None:
        from neo4j import exceptions

        try:
            with self._session(write=True) as session:
                for statement in neo4j_schema():
                    session.run(statement).consume()
                with session.begin_transaction() as tx:
                    tx.run(delete_statement()).consume()
                    for label in NODES:
                        rows = [_without_nulls(r) for r in graph.nodes.get(label.name, [])]
                        for batch in _batches(rows, batch_size):
                            tx.run(node_statement(label.name), rows=batch).consume()
                    for (type_name, from_label, to_label), rows in sorted(graph.rels.items()):
                        shaped = [
                            {
                                "from": r["from"],
                                "to": r["to"],
                                "id": r["id"],
                                "props": _without_nulls({k: v for k, v in r.items() if k not in ("from", "to")}),
                            }
                            for r in rows
                        ]
                        for batch in _batches(shaped, batch_size):
                            tx.run(relationship_statement(type_name, from_label, to_label), rows=batch).consume()
                    tx.commit()
        except exceptions.Neo4jError as exc:
            raise BackendError(f"Neo4j refused the load, nothing was changed: {exc.message}") from None

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        nodes = {n.name: self._count(f"MATCH (n:{n.name}) RETURN count(n)") for n in NODES}
        rels = {r.name: self._count(f"MATCH ()-[r:{r.name}]->() RETURN count(r)") for r in RELATIONSHIPS}
        return nodes, rels

    def _count(self, text: str) -> int:
        return int(self.run(text).rows[0][0])

    def close(self) -> None:
        self.driver.close()


def _server_version(agent: str) -> tuple[int, ...]:
    digits = agent.split("/")[-1].split("-")[0]
    try:
        return tuple(int(part) for part in digits.split(".")[:2])
    except ValueError:
        return MINIMUM_SERVER


def _batches(rows: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    return [rows[i : i + size] for i in range(0, len(rows), max(size, 1))]


def _without_nulls(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None}


def _plain(value: Any) -> Any:
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        label = next((lab for lab in value.labels if lab in NODE_BY_NAME), next(iter(value.labels), ""))
        return plain_node(label, dict(value))
    if isinstance(value, Relationship):
        return plain_relationship(value.type, dict(value))
    if isinstance(value, Path):
        return {"nodes": [_plain(n) for n in value.nodes], "relationships": [_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
