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


def report_result(report: Report) -> Result:
    from ..backends.base import Result

    columns = ["severity", "type", "file", "line", "column", "message"]
    rows = [(p.severity, p.type, p.file, p.line, p.column, p.message) for p in report.problems]
    return Result(columns, rows)


def counts_result(nodes: dict[str, int], relationships: dict[str, int]) -> Result:
    from ..api import counts_result

    return counts_result(nodes, relationships)


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
    with state(ctx).open() as g:
        summary = g.load(*(seed_dirs or ()), batch_size=batch_size)
    _loaded(ctx, summary, fmt)


def validate(ctx: typer.Context, seed_dirs: SeedDirs = None, fmt: FormatOption = None) -> None:
    """Check seed directories and report every problem (file, line, column); exit 1 on errors."""
    app_state = state(ctx)
    with app_state.open() as g:
        graph, report = g.validate(*(seed_dirs or ()))
    if report.problems or app_state.output_format(fmt) == "json":
        app_state.emit(report_result(report), fmt)
    typer.echo(
        f"{len(report.errors)} error(s), {len(report.warnings)} warning(s) in {len(graph.files)} file(s).", err=True
    )
    if not report.ok:
        raise typer.Exit(1)


def stats(ctx: typer.Context, fmt: FormatOption = None) -> None:
    """Count nodes per label (Dataset included) and relationships per type."""
    from ..export.selection import METADATA_LABELS
    from ..output import plural

    with state(ctx).open() as g:
        counts = g.counts()
    state(ctx).emit(counts, fmt)
    nodes = {row["name"]: row["count"] for row in counts if row["element"] == "node"}
    relationships = {row["name"]: row["count"] for row in counts if row["element"] == "relationship"}
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
    app_state = state(ctx)
    name, parameters = DEMO_QUERY
    with app_state.open() as g:
        summary = g.load()
        result = g.query(name, **parameters)
        title = g.catalogue.get(name).title
    typer.echo(
        f"Loaded {sum(summary.nodes.values())} nodes and {sum(summary.relationships.values())} "
        f"relationships in {summary.seconds:.2f} s.\n\n{title} "
        f"(dyadgraph query {name} -p focal MNG):",
        err=True,
    )
    app_state.emit(result, fmt)


def register(app: typer.Typer) -> None:
    for command in (load, validate, stats, demo):
        app.command()(command)
