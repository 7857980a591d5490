"""`dyadgraph doctor`: check the chosen backend, one finding per line, and say what to do about each failure.

Each check answers one question (is the engine there, does the database open, is the
schema the one this version expects, what data at which version does it hold). A failed
check stops the checks that depend on it, so the first failure is the one to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import DyadgraphError
from .schema import NODES, RELATIONSHIPS

if TYPE_CHECKING:
    from .backends.base import Backend
    from .backends.neo4j import Neo4jBackend
    from .config import Settings

Status = Literal["ok", "warn", "fail"]
RELOAD = "`dyadgraph load` rebuilds the database with this version's schema"


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    detail: str

    def line(self) -> str:
        return f"{self.status.upper() if self.status == 'fail' else self.status:<5} {self.name:<13} {self.detail}"


def failed(checks: list[Check]) -> bool:
    return any(c.status == "fail" for c in checks)


def run(settings: Settings) -> list[Check]:
    if settings.backend == "neo4j":
        return check_neo4j(settings)
    if settings.backend == "embedded":
        return check_embedded(settings.db)
    from .backends import BACKENDS

    return [Check("backend", "fail", f"unknown backend {settings.backend!r}; choose one of: {', '.join(BACKENDS)}")]


# ---------------------------------------------------------------- both backends


def _counts(backend: Backend) -> list[Check]:
    nodes, relationships = backend.counts()
    total = sum(nodes.values())
    node_line = ", ".join(f"{label} {n}" for label, n in nodes.items())
    rel_line = ", ".join(f"{rel} {n}" for rel, n in relationships.items())
    if total == 0:
        return [Check("nodes", "fail", "the database holds no dyadgraph nodes; run `dyadgraph load`")]
    return [
        Check("nodes", "ok", f"{total} in all: {node_line}"),
        Check("relationships", "ok", f"{sum(relationships.values())} in all: {rel_line}"),
    ]


def shipped_versions() -> dict[str, str]:
    """Data version of each shipped seed directory, computed as the loader computes it."""
    from .load.seeds import read_seeds
    from .resources import shipped_seed_dirs

    try:
        directories = shipped_seed_dirs()
    except FileNotFoundError:
        return {}
    versions = {}
    for directory in directories:
        graph, _ = read_seeds([directory])
        versions.update({row["id"]: row["version"] for row in graph.nodes.get("Dataset", [])})
    return versions


def _data_version(backend: Backend) -> Check:
    rows = backend.run("MATCH (d:Dataset) RETURN d.id AS id, d.version AS version, d.files AS files ORDER BY d.id")
    found = rows.rows()
    if not found:
        return Check(
            "data version",
            "fail",
            "no Dataset node, so the data version is unknown (loaded by an older dyadgraph?); run `dyadgraph load`",
        )
    shipped = shipped_versions()
    described = ", ".join(f"{r['id']} {r['version']} ({r['files']} files)" for r in found)
    stale = [r["id"] for r in found if r["id"] in shipped and shipped[r["id"]] != r["version"]]
    if stale:
        return Check(
            "data version",
            "warn",
            f"{described}; the shipped seeds of {', '.join(stale)} are at "
            f"{', '.join(shipped[s] for s in stale)}: `dyadgraph load` to update",
        )
    return Check("data version", "ok", described)


# ---------------------------------------------------------------- embedded


def _kuzu_tables(backend: Backend) -> Check:
    """The engine's tables and columns against schema.py: a database built by another version differs."""
    from .backends.embedded import EmbeddedBackend
    from .backends.kuzu_files import TABLES, schema_gap, schema_problems

    tables = {str(r["name"]): str(r["type"]).upper() for r in backend.run("CALL show_tables() RETURN *").rows()}
    if not set(tables) & set(TABLES):  # none of them: one line, not one per table
        path = backend.path if isinstance(backend, EmbeddedBackend) else Path("the database")
        return Check("schema", "fail", schema_gap(path, set(tables)) or "")
    problems, extra = schema_problems(lambda text: backend.run(text).rows())
    if problems:
        return Check("schema", "fail", "; ".join(problems) + f"; {RELOAD}")
    detail = f"{len(NODES) + len(RELATIONSHIPS)} tables as schema.py declares them"
    if extra:
        return Check("schema", "warn", f"{detail}; tables dyadgraph does not know: {', '.join(extra)}")
    return Check("schema", "ok", detail)


def check_embedded(path: Path) -> list[Check]:
    checks = []
    try:
        import kuzu
    except ImportError as exc:
        return [Check("engine", "fail", f"Kùzu is not installed ({exc}); reinstall dyadgraph")]
    checks.append(Check("engine", "ok", f"Kùzu {kuzu.__version__}"))
    from .backends.embedded import EmbeddedBackend

    # The same words as any command that opens the database: the backend decides what is wrong.
    try:
        backend = EmbeddedBackend(path)
        try:
            backend.run("RETURN 1")
        except DyadgraphError:
            backend.close()
            raise
    except DyadgraphError as exc:
        checks.append(Check("database", "fail", str(exc)))
        return checks
    try:
        checks.append(Check("database", "ok", f"{path} ({_size(path)}) opens read-only"))
        # Without the expected tables nothing else can be counted: the schema gates the rest.
        return checks + _after_connect(backend, _kuzu_tables, schema_gates=True)
    finally:
        backend.close()


def _size(path: Path) -> str:
    size = float(path.stat().st_size)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} GB"  # pragma: no cover - the loop always returns


def _after_connect(backend: Backend, schema_check: Any, *, schema_gates: bool) -> list[Check]:
    """The schema, the counts and the data version; a failure is reported and the next step still
    runs, unless the schema failed and schema_gates (the later steps would only fail again)."""
    checks: list[Check] = []
    for name, step in (("schema", schema_check), ("nodes", _counts), ("data version", _data_version)):
        try:
            found = step(backend)
        except DyadgraphError as exc:
            found = Check(name, "fail", str(exc))
        checks += found if isinstance(found, list) else [found]
        if name == "schema" and schema_gates and failed(checks):
            break
    return checks


# ---------------------------------------------------------------- Neo4j

UNIQUE_TYPES = ("UNIQUENESS", "NODE_PROPERTY_UNIQUENESS", "NODE_KEY")
CONSTRAINTS = "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties RETURN type, labelsOrTypes, properties"
INDEXES = (
    "SHOW INDEXES YIELD entityType, labelsOrTypes, properties, state "
    "RETURN entityType, labelsOrTypes, properties, state"
)
COMPONENTS = "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"
SCHEMES = {
    "bolt": "one server, unencrypted",
    "bolt+s": "one server, TLS",
    "bolt+ssc": "one server, TLS with a self-signed certificate",
    "neo4j": "routing, unencrypted",
    "neo4j+s": "routing, TLS (Aura and clusters)",
    "neo4j+ssc": "routing, TLS with a self-signed certificate",
}


def neo4j_statements() -> list[str]:
    """What doctor sends to Neo4j, for the linter."""
    return [
        CONSTRAINTS,
        INDEXES,
        COMPONENTS,
        "MATCH (d:Dataset) RETURN d.id AS id, d.version AS version, d.files AS files ORDER BY d.id",
    ]


def _neo4j_schema(backend: Backend) -> list[Check]:
    constrained = {
        (tuple(r["labelsOrTypes"] or ()), tuple(r["properties"] or ()))
        for r in backend.run(CONSTRAINTS).rows()
        if r["type"] in UNIQUE_TYPES
    }
    missing = [n.name for n in NODES if ((n.name,), ("id",)) not in constrained]
    if missing:
        constraints = Check(
            "constraints",
            "fail",
            f"no unique id constraint on {', '.join(missing)}; "
            "`dyadgraph --backend neo4j load` (or `dyadgraph push`) creates them",
        )
    else:
        constraints = Check("constraints", "ok", f"unique id on all {len(NODES)} labels")
    indexes = backend.run(INDEXES).rows()
    indexed = {tuple(r["labelsOrTypes"] or ()) for r in indexes if r["entityType"] == "RELATIONSHIP"}
    unindexed = [r.name for r in RELATIONSHIPS if (r.name,) not in indexed]
    offline = [str(r["labelsOrTypes"]) for r in indexes if str(r["state"]).upper() not in ("ONLINE", "NONE")]
    if unindexed or offline:
        problems = [f"no id index on {', '.join(unindexed)}"] if unindexed else []
        problems += [f"not online: {', '.join(offline)}"] if offline else []
        index_check = Check("indexes", "warn", "; ".join(problems) + " (queries still answer, more slowly)")
    else:
        index_check = Check("indexes", "ok", f"relationship id index on all {len(RELATIONSHIPS)} types, online")
    return [constraints, index_check]


def _server(backend: Neo4jBackend) -> Check:
    info = backend.driver.get_server_info()
    components = backend.run(COMPONENTS).rows()
    kernel = next((c for c in components if "kernel" in str(c["name"]).lower()), components[0] if components else None)
    version = ", ".join(kernel["versions"]) if kernel else "?"
    edition = kernel["edition"] if kernel else "?"
    protocol = ".".join(map(str, info.protocol_version)) if info.protocol_version else "?"
    return Check("server", "ok", f"Neo4j {version} {edition} (agent {info.agent}, Bolt {protocol})")


def check_neo4j(settings: Settings) -> list[Check]:
    try:
        import neo4j
    except ImportError as exc:
        return [Check("driver", "fail", f"the neo4j driver is not installed ({exc}); reinstall dyadgraph")]
    checks = [Check("driver", "ok", f"neo4j Python driver {neo4j.__version__}")]
    from .backends.neo4j import Neo4jBackend

    scheme = settings.neo4j_uri.split("://", 1)[0]
    where = f"{settings.neo4j_uri} ({SCHEMES.get(scheme, 'unknown scheme')}) as {settings.neo4j_user!r}"
    try:
        backend = Neo4jBackend.from_settings(settings)
    except DyadgraphError as exc:
        checks.append(Check("connection", "fail", str(exc)))
        return checks
    try:
        database = settings.neo4j_database or "the default database"
        checks.append(Check("connection", "ok", f"{where}, {database}"))
        try:
            checks.append(_server(backend))
        except DyadgraphError as exc:
            checks.append(Check("server", "fail", str(exc)))
            return checks
        # Missing constraints do not stop Neo4j from counting: report everything.
        return checks + _after_connect(backend, _neo4j_schema, schema_gates=False)
    finally:
        backend.close()
