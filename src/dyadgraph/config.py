"""Settings from options and the environment; the Neo4j password only ever comes from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ENV_BACKEND = "DYADGRAPH_BACKEND"
ENV_DB = "DYADGRAPH_DB"
ENV_URI = "DYADGRAPH_NEO4J_URI"
ENV_USER = "DYADGRAPH_NEO4J_USER"
ENV_PASSWORD = "DYADGRAPH_NEO4J_PASSWORD"
ENV_DATABASE = "DYADGRAPH_NEO4J_DATABASE"


def default_db_path() -> Path:
    """One graph per user, where the XDG convention puts application data."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "dyadgraph" / "graph.kuzu"


@dataclass
class Settings:
    backend: str = "embedded"
    db: Path = field(default_factory=default_db_path)
    neo4j_uri: str = "bolt://localhost:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: str = field(default="", repr=False)
    neo4j_database: str | None = None
    debug: bool = False

    @classmethod
    def from_env(cls, backend: str | None = None, db: Path | None = None, debug: bool = False) -> Settings:
        env = os.environ
        return cls(
            backend=backend or env.get(ENV_BACKEND) or "embedded",
            db=db or (Path(env[ENV_DB]) if env.get(ENV_DB) else default_db_path()),
            neo4j_uri=env.get(ENV_URI) or "bolt://localhost:7687",
            neo4j_user=env.get(ENV_USER) or "neo4j",
            neo4j_password=env.get(ENV_PASSWORD, ""),
            neo4j_database=env.get(ENV_DATABASE) or None,
            debug=debug,
        )
