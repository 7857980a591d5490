"""What can be wrong with a Kùzu database as dyadgraph's: the file (missing, a folder, not Kùzu's,
another Kùzu version) and its tables against schema.py, each said in one line with what to do."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import DatabaseBusy, DatabaseMissing, DatabaseUnreadable, DyadgraphError
from ..schema import NODES, REL_ID, RELATIONSHIPS

SIGNATURE = b"KUZU"
TABLES = (*(label.name for label in NODES), *(rel.name for rel in RELATIONSHIPS))
RELOAD = "`dyadgraph --db {path} load` builds a new one there"


def file_problem(path: Path, *, create: bool = False) -> DyadgraphError | None:
    """What is wrong with `path` as a database, seen without the engine: missing, a folder,
    empty, or not a Kùzu file. None when Kùzu should try it (or, with create, may build it)."""
    if "\x00" in str(path):  # only a library caller can pass one; the OS refuses it
        return DatabaseUnreadable(f"{str(path)!r} is not a file name (it holds a NUL character)")
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:  # a name with bytes that are not UTF-8, which Kùzu cannot open
        return DatabaseUnreadable(f"the database's name {str(path)!r} is not UTF-8 text, which Kùzu needs: rename it")
    if path.is_dir():
        return DatabaseUnreadable(
            f"{path} is a folder, not a database file (Kùzu 0.11 keeps a database in one file; a folder "
            "is an older Kùzu's database or a wrong path): pass --db FILE"
        )
    if create:
        return None
    if not path.exists():
        return DatabaseMissing(f"no database at {path}; run `dyadgraph load` first (or pass --db)")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SIGNATURE))
    except OSError as exc:
        return DatabaseUnreadable(f"cannot read the database {path}: {exc.strerror}")
    if not head:
        return DatabaseUnreadable(f"{path} is an empty file, not a database: {RELOAD.format(path=path)}")
    if head != SIGNATURE:
        return DatabaseUnreadable(
            f"{path} is not a Kùzu database file (it does not start with Kùzu's signature): check --db, "
            f"or {RELOAD.format(path=path)} (replacing the file)"
        )
    return None


def open_problem(message: str, path: Path) -> DyadgraphError:
    """Kùzu's refusal to open a database as one line saying what to do."""
    lowered = message.lower()
    if "lock" in lowered:
        return DatabaseBusy(
            f"database is busy: {path} is open for writing in another process (a load, an import, a "
            "`cypher --write` or a Kùzu session); try again when it ends"
        )
    version = re.search(r"different version.*?file version: (\d+).*?storage version: (\d+)", message)
    if version:
        import kuzu

        return DatabaseUnreadable(
            f"{path} was written by another Kùzu version (storage version {version[1]}; this dyadgraph's "
            f"Kùzu {kuzu.__version__} reads {version[2]}): {RELOAD.format(path=path)} (or open it with the "
            "dyadgraph that wrote it)"
        )
    if "reading past the end of the file" in lowered:
        return DatabaseUnreadable(
            f"{path} is cut short (Kùzu reads past its end): the file is damaged; {RELOAD.format(path=path)}"
        )
    if "not a valid kuzu database file" in lowered:
        return DatabaseUnreadable(f"{path} is not a Kùzu database file: check --db, or {RELOAD.format(path=path)}")
    return DatabaseUnreadable(
        f"cannot open the database at {path} (Kùzu: {message.strip()}); `dyadgraph doctor` checks it, "
        f"{RELOAD.format(path=path)}"
    )


def schema_gap(path: Path, tables: set[str]) -> str | None:
    """What a database lacks of dyadgraph's tables, as advice; None when it has them all."""
    missing = [name for name in TABLES if name not in tables]
    if not missing:
        return None
    if len(missing) == len(TABLES):
        return f"{path} holds no dyadgraph graph (a Kùzu database without its tables): {RELOAD.format(path=path)}"
    return (
        f"{path} lacks the table(s) {', '.join(missing)} (made by another dyadgraph version?): "
        f"{RELOAD.format(path=path)}; `dyadgraph doctor` shows what differs"
    )


def schema_problems(records: Callable[[str], list[dict[str, Any]]]) -> tuple[list[str], list[str]]:
    """How a Kùzu database's tables differ from schema.py, and the tables it has that schema.py
    lacks. `records` runs a statement and returns its rows as dicts. A database made by another
    dyadgraph version differs; COPY maps columns by position, so their order counts too."""
    tables = {str(r["name"]): str(r["type"]).upper() for r in records("CALL show_tables() RETURN *")}
    expected = {n.name: ("NODE", {p.name: p.type for p in n.props}) for n in NODES}
    expected |= {r.name: ("REL", {p.name: p.type for p in (REL_ID, *r.props)}) for r in RELATIONSHIPS}
    problems = []
    for name, (kind, columns) in expected.items():
        if name not in tables:
            problems.append(f"no {kind.lower()} table {name}")
            continue
        if tables[name] != kind:
            problems.append(f"{name} is a {tables[name]} table, not {kind}")
            continue
        present = {str(r["name"]): str(r["type"]) for r in records(f"CALL table_info('{name}') RETURN *")}
        missing = [c for c in columns if c not in present]
        if missing:
            problems.append(f"{name} lacks {', '.join(missing)}")
        retyped = [f"{c} is {present[c]}, not {t}" for c, t in columns.items() if c in present and present[c] != t]
        if retyped:
            problems.append(f"{name}: {'; '.join(retyped)}")
        elif not missing and [c for c in present if c in columns] != list(columns):
            problems.append(f"{name} has its columns in another order")
    return problems, sorted(set(tables) - set(expected))
