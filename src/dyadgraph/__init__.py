"""dyadgraph: a graph database of bilateral (international) relations.

    import dyadgraph
    with dyadgraph.open("graph.kuzu") as g:
        g.load()
        g.query("partnership-ladder", focal="MNG").to_pandas()

Only `__version__` is set on import; the rest is imported on first use, so that the command
line starts fast (`dyadgraph --help` imports no engine).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    from .api import Database
    from .backends.base import Result
    from .config import Settings
    from .errors import DyadgraphError
    from .export.selection import Selection
    from .export.subgraph import Subgraph

__all__ = ["Database", "DyadgraphError", "Result", "Selection", "Settings", "Subgraph", "__version__", "open"]

# Where each public name lives, imported when first asked for.
_LAZY = {
    "Database": "api",
    "Result": "backends.base",
    "Settings": "config",
    "DyadgraphError": "errors",
    "Selection": "export.selection",
    "Subgraph": "export.subgraph",
}


def open(path: str | Path | None = None, *, backend: str | None = None, settings: Settings | None = None) -> Database:
    """A dyadgraph database: the embedded one at `path`, or the configured one (`backend="neo4j"`
    reads DYADGRAPH_NEO4J_URI, _USER, _PASSWORD and _DATABASE). Use it in a `with` block."""
    from .api import open as open_database

    return open_database(path, backend=backend, settings=settings)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'dyadgraph' has no attribute {name!r}")
