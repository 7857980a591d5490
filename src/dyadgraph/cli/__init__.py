"""The `dyadgraph` command: one Typer app; each command group lives in its own module."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from ..config import Settings
from ..errors import DyadgraphError
from .context import AppState
from .options import BackendOption, DbOption, DebugOption, FormatOption


class DyadgraphGroup(TyperGroup):
    """Turns dyadgraph's own errors into one line on stderr and exit code 1, in one place."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DyadgraphError as exc:
            obj = ctx.obj
            if isinstance(obj, AppState) and obj.settings.debug:
                raise
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=DyadgraphGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


@app.callback()
def main_options(
    ctx: typer.Context,
    backend: BackendOption = None,
    db: DbOption = None,
    fmt: FormatOption = None,
    debug: DebugOption = False,
) -> None:
    """A graph database of bilateral relations: load seeds, run canned Cypher queries, export for papers.

    The Neo4j backend connects with DYADGRAPH_NEO4J_URI, DYADGRAPH_NEO4J_USER,
    DYADGRAPH_NEO4J_PASSWORD and DYADGRAPH_NEO4J_DATABASE from the environment.
    """
    ctx.obj = AppState(Settings.from_env(backend=backend, db=db, debug=debug), fmt or "table")


def _register() -> None:
    from . import data, export, imports, query, server

    data.register(app)
    query.register(app)
    server.register(app)
    imports.register(app)
    export.register(app)


_register()


def main() -> None:
    app(prog_name="dyadgraph")


if __name__ == "__main__":  # pragma: no cover
    main()
