"""Backends: the embedded Kùzu engine (default) and a Neo4j server."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from ..config import Settings
    from .base import Backend

BACKENDS = ("embedded", "neo4j")


def open_backend(settings: Settings, *, for_load: bool = False) -> Backend:
    """The configured backend; engines are imported here, lazily, to keep the CLI's start fast."""
    if settings.backend == "embedded":
        from .embedded import EmbeddedBackend

        return EmbeddedBackend(settings.db, create=for_load)
    if settings.backend == "neo4j":
        from .neo4j import Neo4jBackend

        return Neo4jBackend.from_settings(settings)
    raise ConfigError(f"unknown backend {settings.backend!r}; choose one of: {', '.join(BACKENDS)}")
