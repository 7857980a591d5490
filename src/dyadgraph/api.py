"""dyadgraph as a library: `dyadgraph.open()` and the Database it returns.

Everything the command line does is a call here (a Typer command is parsing plus printing), so
a notebook gets the same checks, the same all-or-nothing writes and the same errors:

    import dyadgraph
    with dyadgraph.open("graph.kuzu") as g:
        g.load()
        g.query("partnership-ladder", focal="MNG").to_pandas()
        g.select(dyad=("MNG", "CHN")).write("mng-chn.graphml")

The engine is opened on first use, so opening is cheap and `g.load()` can make the database
that a query then reads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .config import Settings
from .errors import ConfigError

if TYPE_CHECKING:
    from .backends.base import Backend, LoadSummary, Result
    from .doctor import Check
    from .errors import Report
    from .export.selection import Selection
    from .export.subgraph import Subgraph
    from .imports import ImportSummary, Plan, Progress
    from .model import Graph
    from .push import PushSummary
    from .queries import Catalogue, Query

PathLike = str | Path


def open(path: PathLike | None = None, *, backend: str | None = None, settings: Settings | None = None) -> Database:
    """A dyadgraph database: the embedded one at `path`, or the configured one.

    Without arguments the settings come from the environment as for the command line
    (DYADGRAPH_BACKEND, DYADGRAPH_DB, and DYADGRAPH_NEO4J_URI, _USER, _PASSWORD and _DATABASE for
    `backend="neo4j"`); `path` is an embedded database file, made by the first `load()`.
    """
    if settings is None:
        if path is not None:  # a path is an embedded database, whatever DYADGRAPH_BACKEND says
            backend = backend or "embedded"
        settings = Settings.from_env(backend=backend, db=Path(path) if path is not None else None)
    elif path is not None or backend is not None:
        raise ConfigError("give settings, or path and backend, not both")
    if path is not None and settings.backend != "embedded":
        raise ConfigError(f"a path names an embedded database; the {settings.backend} backend takes none")
    return Database(settings)


class Database:
    """One graph database, embedded (Kùzu) or a Neo4j server; use it in a `with` block, or close it."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._backend: Backend | None = None
        self._catalogue: Catalogue | None = None

    # ---------------------------------------------------------------- the connection

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
            self._backend = None

    def __repr__(self) -> str:
        return f"<dyadgraph.Database {self.settings.backend} {self.where}>"

    @property
    def where(self) -> str:
        """The database file, or the Neo4j server's URI."""
        return str(self.settings.db) if self.settings.backend == "embedded" else self.settings.neo4j_uri

    @property
    def backend(self) -> Backend:
        """The engine, opened on first use; an embedded database must exist (`load()` makes one)."""
        return self._open(for_load=False)

    def _open(self, *, for_load: bool) -> Backend:
        if self._backend is None:
            from .backends import open_backend

            self._backend = open_backend(self.settings, for_load=for_load)
        return self._backend

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            from .queries import Catalogue

            self._catalogue = Catalogue()
        return self._catalogue

    # ---------------------------------------------------------------- the whole graph

    def load(self, *directories: PathLike, batch_size: int = 1000) -> LoadSummary:
        """Replace the graph with seed directories' (the shipped seeds without any); all or nothing."""
        from .load import load

        return load(seed_directories(directories), self._open(for_load=True), batch_size=batch_size)

    def validate(self, *directories: PathLike) -> tuple[Graph, Report]:
        """Read and check seed directories without writing; the report lists every problem."""
        from .load import validate

        return validate(seed_directories(directories))

    def counts(self) -> Result:
        """Nodes per label and relationships per type, as rows of element, name and count."""
        nodes, relationships = self.backend.counts()
        return counts_result(nodes, relationships)

    # ---------------------------------------------------------------- questions

    def queries(self) -> list[Query]:
        """The canned queries, with their titles, descriptions and parameters."""
        return list(self.catalogue)

    def query(self, name: str, /, **parameters: Any) -> Result:
        """Run a canned query; parameters are checked against its header (types, ranges, and that an
        id names a node) before the query runs."""
        canned = self.catalogue.get(name)
        canned.bind(parameters)  # wrong parameters are reported before the database is opened
        return canned.run(self.backend, parameters)

    def cypher(
        self, text: str, parameters: dict[str, Any] | None = None, /, *, write: bool = False, **named: Any
    ) -> Result:
        """Run a statement in the backend's own dialect; read-only unless `write`. Parameters are
        keywords (`id="MNG"` for `$id`) or a dict (for names that are not Python identifiers)."""
        return self.backend.run(text, {**(parameters or {}), **named}, write=write)

    # ---------------------------------------------------------------- exports

    def select(
        self,
        *,
        around: str | None = None,
        depth: int = 1,
        dyad: tuple[str, str] | None = None,
        query: str | None = None,
        parameters: dict[str, Any] | None = None,
        labels: Iterable[str] = (),
        types: Iterable[str] = (),
        since: int | None = None,
        until: int | None = None,
        paper_dates: bool = False,
    ) -> Subgraph:
        """A subgraph to export: the whole graph, the nodes `around` one (within `depth` hops), a `dyad`
        of two states, or what a canned `query` names; narrowed to `labels`, `types` and years. With
        `paper_dates`, a date taken from another work than the paper is left out (the element stays,
        undated), so the timeline and the dyad-year panel use the paper's dates only."""
        from .export.selection import Selection

        selection = Selection(
            around=around,
            depth=depth,
            dyad=(dyad[0], dyad[1]) if dyad else None,
            query=query,
            parameters=tuple((name, str(value)) for name, value in (parameters or {}).items()),
            labels=tuple(labels),
            types=tuple(types),
            since=since,
            until=until,
            paper_dates=paper_dates,
        )
        return self.subgraph(selection)

    def subgraph(self, selection: Selection) -> Subgraph:
        """The subgraph a Selection names; the selection is checked before the database is opened."""
        from .export.select import select

        selection.check()
        return select(self.backend, selection, self.catalogue)

    def table(self, name: str, /, fmt: str = "latex", *, caption: str | None = None, **parameters: Any) -> str:
        """A canned query's rows as a table for a paper (`latex`: booktabs in a float; `md`), captioned
        (by default with the query's title), with the command and data version that made it."""
        from .export.select import data_versions
        from .render import find, renderers

        table = find(fmt, "table")
        if table is None:
            raise ConfigError(f"unknown table format {fmt!r}; choose one of: {', '.join(renderers('table'))}")
        canned = self.catalogue.get(name)
        canned.bind(parameters)  # wrong parameters are reported before the database is opened
        result = canned.run(self.backend, parameters)
        version = ", ".join(f"{dataset}@{v}" for dataset, v in data_versions(self.backend)) or "unknown"
        given = {key: str(value) for key, value in parameters.items()}
        text: str = table.load()(result, canned.name, given, caption or canned.title, version, canned.columns)
        return text

    # ---------------------------------------------------------------- more data

    def import_file(
        self,
        path: PathLike | Sequence[PathLike],
        format: str,
        *,
        copy_rows: int | None = None,
        batch_size: int = 1000,
        memory: int | None = None,
        progress: Progress | None = None,
        member: str | None = None,
        layout: str | None = None,
        on_plan: Callable[[Plan], None] | None = None,
    ) -> ImportSummary:
        """Add an event, indicator or ties dataset (`dyadgraph import --help` lists them) to the graph;
        all or nothing.

        `path` is a file (plain, .gz or .zip: `member` names the file inside each archive that
        holds several), a folder, a glob pattern or a list of these: all of them in one
        transaction. `layout` overrides the layout a GDELT file's column count says.

        `memory` is the import's budget in bytes (the whole process's peak): the events per COPY and
        Kùzu's buffer pool are planned from it (the events per COPY unless `copy_rows` is given), and
        an import that cannot fit raises MemoryTooSmall before anything is copied; `on_plan` hears
        the plan first."""
        from .imports import import_file

        backend = self._open(for_load=True)
        return import_file(
            format,
            path,
            backend,
            copy_rows=copy_rows,
            batch_size=batch_size,
            memory=memory,
            progress=progress,
            member=member,
            layout=layout,
            on_plan=on_plan,
        )

    def push(
        self, to: str = "neo4j", *, replace: bool = False, batch_size: int = 1000, target: Settings | None = None
    ) -> PushSummary:
        """Copy this embedded database to a Neo4j server (the environment's DYADGRAPH_NEO4J_* unless
        `target`) in one transaction; a server that holds dyadgraph nodes is refused unless `replace`."""
        from .backends.neo4j import Neo4jBackend
        from .push import push

        if to != "neo4j":
            raise ConfigError(f"cannot push to {to!r}; choose one of: neo4j")
        if self.settings.backend != "embedded":
            raise ConfigError("push copies an embedded database to Neo4j; this database is already on Neo4j")
        source = self.backend  # a missing database is reported before the server is asked
        server = Neo4jBackend.from_settings(target or dataclasses.replace(self.settings, backend="neo4j"))
        try:
            return push(source, server, replace=replace, batch_size=batch_size)
        finally:
            server.close()

    def doctor(self) -> list[Check]:
        """Check the engine, the database, its schema, counts and data version, one Check each."""
        from .doctor import run

        self.close()  # doctor opens the database its own way, read-only, and reports what fails
        return run(self.settings)


def seed_directories(given: Sequence[PathLike]) -> list[Path]:
    """The directories given, or the shipped seeds when none are."""
    from .resources import shipped_seed_dirs

    return [Path(d) for d in given] if given else shipped_seed_dirs()


def counts_result(nodes: dict[str, int], relationships: dict[str, int]) -> Result:
    from .backends.base import Result

    rows = [("node", k, v) for k, v in nodes.items()] + [("relationship", k, v) for k, v in relationships.items()]
    return Result(["element", "name", "count"], rows)
