"""Commands for living in Neo4j: push, doctor, browser."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .context import state
from .options import FormatOption


def push(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", help="Where to copy the graph: neo4j (the DYADGRAPH_NEO4J_* server).")],
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Delete the dyadgraph nodes the server already holds, in the same transaction."),
    ] = False,
    batch_size: Annotated[int, typer.Option(help="Rows per UNWIND batch.", min=1)] = 1000,
    fmt: FormatOption = None,
) -> None:
    """Copy the embedded database (--db) to a Neo4j server in one transaction; all or nothing."""
    from ..api import open as open_database
    from .data import counts_result

    app_state = state(ctx)
    settings = app_state.settings
    # The source is the embedded database (--db) whatever --backend says; the target is the server.
    with open_database(settings.db) as g:
        summary = g.push(to, replace=replace, batch_size=batch_size, target=settings)
    app_state.emit(counts_result(summary.nodes, summary.relationships), fmt)
    if replace:
        typer.echo(
            f"--replace: deleted the {summary.cleared} dyadgraph node(s) {settings.neo4j_uri} held before, "
            "in the push's transaction.",
            err=True,
        )
    versions = ", ".join(f"{name} {version}" for name, version in summary.datasets.items()) or "none recorded"
    typer.echo(
        f"Pushed {sum(summary.nodes.values())} nodes and {sum(summary.relationships.values())} relationships "
        f"from {settings.db} to {settings.neo4j_uri} in {summary.seconds:.2f} s (datasets: {versions}).",
        err=True,
    )


def doctor(ctx: typer.Context, fmt: FormatOption = None) -> None:
    """Check the chosen backend, one line per check; exit 1 if any check fails."""
    from ..backends.base import Result
    from ..doctor import failed

    app_state = state(ctx)
    with app_state.open() as g:
        checks = g.doctor()
    if app_state.output_format(fmt) == "table":
        for check in checks:
            typer.echo(check.line())
    else:
        app_state.emit(Result(["check", "status", "detail"], [(c.name, c.status, c.detail) for c in checks]), fmt)
    bad = [c for c in checks if c.status == "fail"]
    typer.echo(
        f"{len(bad)} of {len(checks)} checks failed." if bad else f"All {len(checks)} checks passed.",
        err=True,
    )
    if failed(checks):
        raise typer.Exit(1)


def browser(
    ctx: typer.Context,
    root: Annotated[
        Path,
        typer.Argument(help="Where to write cypher/ and guide/ [default: the current directory].", file_okay=False),
    ] = Path("."),
    base_url: Annotated[str, typer.Option(help="Where the files will be served, for the guide's own links.")] = (
        "http://localhost:8001"
    ),
) -> None:
    """Write the Neo4j Browser style and guide (cypher/dyadgraph.grass, guide/dyadgraph.html) under ROOT."""
    from ..browser import GUIDE_PATH, STYLE_PATH, write_browser_files

    for path in write_browser_files(root, base_url):
        typer.echo(str(path))
    base = base_url.rstrip("/")
    typer.echo(
        f"Serve {root} at {base} (with CORS) and run in Neo4j Browser:\n"
        f"  :style {base}/{STYLE_PATH}\n  :guide {base}/{GUIDE_PATH}",
        err=True,
    )


def register(app: typer.Typer) -> None:
    for command in (push, doctor, browser):
        app.command()(command)
