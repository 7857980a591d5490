"""A stand-in for the neo4j driver that understands exactly the statements dyadgraph sends.

It keeps a graph in memory: the loader's UNWIND/MERGE statements write into a transaction's
copy, commit swaps it in, and count, Dataset, SHOW and dbms.components statements are
answered from it. Anything else fails loudly, so a test cannot pass on a statement the fake
silently ignored. Only for offline tests: the live tests use a real server.
"""

from __future__ import annotations

import copy
import re
from types import SimpleNamespace
from typing import Any

from neo4j import exceptions

from dyadgraph.backends.neo4j import count_statement, delete_statement
from dyadgraph.schema import NODES, RELATIONSHIPS

NODE_WRITE = re.compile(r"^UNWIND \$rows AS row MERGE \(n:(\w+) \{id: row\.id\}\) SET n = row$")
REL_WRITE = re.compile(r"^UNWIND \$rows AS row MATCH \(a:(\w+) \{id: row\.from\}\) MATCH \(b:(\w+) \{id: row\.to\}\) ")
COUNT_NODES = re.compile(r"^MATCH \(n:(\w+)\) RETURN count\(n\)$")
COUNT_RELS = re.compile(r"^MATCH \(\)-\[r:(\w+)\]->\(\) RETURN count\(r\)$")
REL_TYPE = re.compile(r"MERGE \(a\)-\[r:(\w+) ")


class InjectedFailure(exceptions.ClientError):
    """A server-side refusal, as the driver raises it (Neo4jError's message and code are read-only)."""

    @property
    def message(self) -> str:
        return "injected failure"

    @property
    def code(self) -> str:
        return "Neo.ClientError.Statement.TypeError"


class Record:
    def __init__(self, keys: list[str], values: list[Any]):
        self._keys, self._values = keys, values

    def values(self) -> list[Any]:
        return list(self._values)

    def __getitem__(self, index: int) -> Any:
        return self._values[index]


class Cursor:
    def __init__(self, keys: list[str], rows: list[list[Any]]):
        self._keys = keys
        self._records = [Record(keys, row) for row in rows]

    def keys(self) -> list[str]:
        return self._keys

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._records)

    def single(self) -> Record:
        assert len(self._records) == 1
        return self._records[0]

    def consume(self) -> None:
        return None


class Store:
    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, dict[str, Any]]] = {}
        self.rels: dict[str, dict[str, dict[str, Any]]] = {}


class FakeDriver:
    def __init__(
        self,
        *,
        agent: str = "Neo4j/5.26.0",
        connect_error: Exception | None = None,
        constraints: list[dict[str, Any]] | None = None,
        indexes: list[dict[str, Any]] | None = None,
        fail_on_batch: int | None = None,
    ):
        self.agent = agent
        self.connect_error = connect_error
        self.store = Store()
        self.statements: list[str] = []
        self.sessions: list[dict[str, Any]] = []
        self.commits = 0
        self.fail_on_batch = fail_on_batch
        self.batches = 0
        # What SHOW CONSTRAINTS / SHOW INDEXES answer; None: what dyadgraph's schema statements created.
        self.constraints = constraints
        self.indexes = indexes
        self.schema_created = False
        self.closed = False

    # -- the driver API dyadgraph uses
    def verify_connectivity(self) -> None:
        if self.connect_error is not None:
            raise self.connect_error

    def get_server_info(self) -> SimpleNamespace:
        return SimpleNamespace(agent=self.agent, protocol_version=(5, 4))

    def session(self, **kwargs: Any) -> Session:
        self.sessions.append(kwargs)
        return Session(self)

    def close(self) -> None:
        self.closed = True

    # -- answering statements
    def answer(self, store: Store, text: str, parameters: dict[str, Any]) -> Cursor:
        self.statements.append(text)
        text = " ".join(text.split())
        if text.startswith(("CREATE CONSTRAINT", "CREATE INDEX")):
            self.schema_created = True
            return Cursor([], [])
        if text == "RETURN 1":  # from_settings checks a named database this way
            return Cursor(["1"], [[1]])
        if text == delete_statement():
            store.nodes.clear()
            store.rels.clear()
            return Cursor([], [])
        if text == count_statement():
            return Cursor(["nodes"], [[sum(len(v) for v in store.nodes.values())]])
        if match := NODE_WRITE.match(text):
            self._batch()
            for row in parameters["rows"]:
                store.nodes.setdefault(match.group(1), {})[row["id"]] = dict(row)
            return Cursor([], [])
        if match := REL_WRITE.match(text):
            self._batch()
            rel_type = REL_TYPE.search(text).group(1)  # type: ignore[union-attr]
            from_label, to_label = match.groups()
            for row in parameters["rows"]:
                if row["from"] in store.nodes.get(from_label, {}) and row["to"] in store.nodes.get(to_label, {}):
                    store.rels.setdefault(rel_type, {})[row["id"]] = dict(row["props"])
            return Cursor([], [])
        if match := COUNT_NODES.match(text):
            return Cursor(["count(n)"], [[len(store.nodes.get(match.group(1), {}))]])
        if match := COUNT_RELS.match(text):
            return Cursor(["count(r)"], [[len(store.rels.get(match.group(1), {}))]])
        if text.startswith("MATCH (d:Dataset) RETURN d.id AS id"):
            rows = [
                [d["id"], d.get("version"), d.get("files")] for _, d in sorted(store.nodes.get("Dataset", {}).items())
            ]
            return Cursor(["id", "version", "files"], rows)
        if text.startswith("SHOW CONSTRAINTS"):
            found = self.constraints
            if found is None:
                found = [
                    {"type": "UNIQUENESS", "labelsOrTypes": [n.name], "properties": ["id"]}
                    for n in NODES
                    if self.schema_created
                ]
            return Cursor(
                ["type", "labelsOrTypes", "properties"],
                [[c["type"], c["labelsOrTypes"], c["properties"]] for c in found],
            )
        if text.startswith("SHOW INDEXES"):
            found = self.indexes
            if found is None:
                found = [
                    {"entityType": "RELATIONSHIP", "labelsOrTypes": [r.name], "properties": ["id"], "state": "ONLINE"}
                    for r in RELATIONSHIPS
                    if self.schema_created
                ]
            keys = ["entityType", "labelsOrTypes", "properties", "state"]
            return Cursor(keys, [[i[k] for k in keys] for i in found])
        if text.startswith("CALL dbms.components()"):
            version = self.agent.split("/")[-1]
            return Cursor(["name", "versions", "edition"], [["Neo4j Kernel", [version], "community"]])
        raise AssertionError(f"the fake Neo4j does not know this statement: {text}")

    def _batch(self) -> None:
        self.batches += 1
        if self.fail_on_batch is not None and self.batches == self.fail_on_batch:
            raise InjectedFailure()


class Session:
    def __init__(self, driver: FakeDriver):
        self.driver = driver

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def run(self, text: str, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Cursor:
        return self.driver.answer(self.driver.store, text, {**(parameters or {}), **kwargs})

    def execute_read(self, work: Any) -> Any:
        return work(Transaction(self.driver))

    def execute_write(self, work: Any) -> Any:
        tx = Transaction(self.driver)
        result = work(tx)
        tx.commit()
        return result

    def begin_transaction(self) -> Transaction:
        return Transaction(self.driver)


class Transaction:
    """Writes go to a copy of the store; commit swaps it in, anything else discards it."""

    def __init__(self, driver: FakeDriver):
        self.driver = driver
        self.staged = copy.deepcopy(driver.store)
        self.committed = False

    def __enter__(self) -> Transaction:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def run(self, text: str, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Cursor:
        return self.driver.answer(self.staged, text, {**(parameters or {}), **kwargs})

    def commit(self) -> None:
        self.driver.store = self.staged
        self.driver.commits += 1
        self.committed = True
