"""The loader: read, validate everything, then write all or nothing."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Report, ValidationFailed
from ..model import Graph
from .seeds import read_seeds

if TYPE_CHECKING:
    from ..backends.base import Backend, LoadSummary


def validate(directories: Sequence[Path]) -> tuple[Graph, Report]:
    return read_seeds(directories)


def load(directories: Sequence[Path], backend: Backend, *, batch_size: int = 1000) -> LoadSummary:
    """Replace the backend's graph with the seeds'; on any error raise and change nothing."""
    from ..backends.base import LoadSummary

    started = time.perf_counter()
    graph, report = read_seeds(directories)
    if not report.ok:
        raise ValidationFailed(report)
    backend.replace_graph(graph, batch_size=batch_size)
    seconds = time.perf_counter() - started
    return LoadSummary(graph.node_counts(), graph.rel_counts(), graph.version(), seconds, report.warnings)


__all__ = ["Graph", "load", "read_seeds", "validate"]
