"""Commands that write or describe the whole graph: load, validate, stats, demo."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .context import state
from .options import FormatOption

if TYPE_CHECKING:
    from ..backends.base import LoadSummary, Result
    from ..errors import Report

SeedDirs = Annotated[
    Optional[list[Path]],  # noqa: UP045 - Typer reads the annotation at run time
    typer.Argument(
        help="Seed directories [default: the shipped seeds].", show_default=False, file_okay=False, exists=True
    ),
]
DEMO_QUERY = ("partnership-ladder", {"focal": "MNG"})


def _seed_dirs(given: list[Path] | None) -> list[Path]:
    from ..resources import shipped_seed_dirs

    return list(given) if given else shipped_seed_dirs()


def report_result(report: Report) -> Result:
    from ..backends.base import Result

    columns = ["severity", "type", "file", "line", "column", "message"]
    rows = [(p.severity, p.type, p.file, p.line, p.column, p.message) for p in report.problems]
    return Result(columns, rows)


def counts_result(nodes: dict[str, int], relationships: dict[str, int]) -> Result:
    from ..backends.base import Result

    rows = [("node", k, v) for k, v in nodes.items()] + [("relationship", k, v) for k, v in relationships.items()]
    return Result(["element", "name", "count"], rows)


def _loaded(ctx: typer.Context, summary: LoadSummary, fmt: str | None) -> None:
    app_state = state(ctx)
    app_state.emit(counts_result(summary.nodes, summary.relationships), fmt)
    for warning in summary.warnings:
        typer.echo(f"Warning: {warning}", err=True)
    where = app_state.settings.db if app_state.settings.backend == "embedded" else app_state.settings.neo4j_uri
    typer.echo(
        f"Loaded {sum(summary.nodes.values())} nodes and {sum(summary.relationships.values())} "
        f"relationships into {where} in {summary.seconds:.2f} s (data version {summary.version}).",
        err=True,
    )


def load(
    ctx: typer.Context,
    seed_dirs: SeedDirs = None,
    validate_only: Annotated[bool, typer.Option("--validate-only", help="Check the seeds; write nothing.")] = False,
    batch_size: Annotated[int, typer.Option(help="Rows per UNWIND batch (Neo4j).", min=1)] = 1000,
    fmt: FormatOption = None,
) -> None:
    """Load seed directories into the database, replacing its graph; all or nothing."""
    if validate_only:
        validate(ctx, seed_dirs, fmt)
        return
    from ..load import load as load_seeds

    backend = state(ctx).backend(for_load=True)
    try:
        summary = load_seeds(_seed_dirs(seed_dirs), backend, batch_size=batch_size)
    finally:
        backend.close()
    _loaded(ctx, summary, fmt)


def validate(ctx: typer.Context, seed_dirs: SeedDirs = None, fmt: FormatOption = None) -> None:
    """Check seed directories and report every problem (file, line, column); exit 1 on errors."""
    from ..load import validate as validate_seeds

    directories = _seed_dirs(seed_dirs)
    graph, report = validate_seeds(directories)
    app_state = state(ctx)
    if report.problems or app_state.output_format(fmt) == "json":
        app_state.emit(report_result(report), fmt)
    typer.echo(
        f"{len(report.errors)} error(s), {len(report.warnings)} warning(s) in {len(graph.files)} file(s).", err=True
    )
    if not report.ok:
        raise typer.Exit(1)


def stats(ctx: typer.Context, fmt: FormatOption = None) -> None:
    """Count nodes per label (Dataset included) and relationships per type."""
    from ..export.subgraph import METADATA_LABELS
    from ..output import plural

    backend = state(ctx).backend()
    try:
        nodes, relationships = backend.counts()
    finally:
        backend.close()
    state(ctx).emit(counts_result(nodes, relationships), fmt)
    metadata = sum(nodes.get(label, 0) for label in METADATA_LABELS)
    total = plural(sum(nodes.values()), "nodes")
    note = (
        f", of which {plural(metadata, 'nodes')} {'is a' if metadata == 1 else 'are'} "
        f"{'/'.join(METADATA_LABELS)} (the load's record of which seeds, at which version), not a fact: "
        f"exports leave {'it' if metadata == 1 else 'them'} out"
        if metadata
        else ""
    )
    typer.echo(f"{total}{note}; {plural(sum(relationships.values()), 'relationships')}.", err=True)


def demo(ctx: typer.Context, fmt: FormatOption = None) -> None:
    """Load the shipped seeds into the database and print a canned query."""
    from ..load import load as load_seeds
    from ..queries import Catalogue
    from ..resources import shipped_seed_dirs

    app_state = state(ctx)
    backend = app_state.backend(for_load=True)
    try:
        summary = load_seeds(shipped_seed_dirs(), backend)
        name, parameters = DEMO_QUERY
        query = Catalogue().get(name)
        result = query.run(backend, parameters)
    finally:
        backend.close()
    typer.echo(
        f"Loaded {sum(summary.nodes.values())} nodes and {sum(summary.relationships.values())} "
        f"relationships in {summary.seconds:.2f} s.\n\n{query.title} "
        f"(dyadgraph query {name} -p focal MNG):",
        err=True,
    )
    app_state.emit(result, fmt)


def register(app: typer.Typer) -> None:
    for command in (load, validate, stats, demo):
        app.command()(command)
