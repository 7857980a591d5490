"""The `dyadgraph` command: one Typer app; each command group lives in its own module."""

from __future__ import annotations

import warnings
from typing import Any, TextIO

import typer
from typer.core import TyperGroup

from ..config import Settings
from ..errors import DyadgraphError, DyadgraphWarning
from .context import AppState
from .options import BackendOption, DbOption, DebugOption, FormatOption


class DyadgraphGroup(TyperGroup):
    """Turns dyadgraph's own errors into one line on stderr and exit code 1, and its warnings into
    `Warning:` lines on stderr, in one place."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # Bytes that are not UTF-8 reach Python as lone surrogates, which no output (JSON, SVG, a
        # table on stdout) and no engine can take: refuse them once, here, naming the argument.
        for arg in args:
            try:
                arg.encode("utf-8")
            except UnicodeEncodeError:
                raise typer.BadParameter(
                    f"{arg!r} holds bytes that are not UTF-8; dyadgraph reads its command line as UTF-8 text",
                    ctx=ctx,
                ) from None
        parsed: list[str] = super().parse_args(ctx, args)
        return parsed

    def invoke(self, ctx: Any) -> Any:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("always", DyadgraphWarning)
                warnings.showwarning = _show_warning
                return super().invoke(ctx)
        except DyadgraphError as exc:
            obj = ctx.obj
            if isinstance(obj, AppState) and obj.settings.debug:
                raise
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


_python_show_warning = warnings.showwarning


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """Ours as a `Warning:` line on stderr when it happens; anyone else's as Python shows them."""
    if issubclass(category, DyadgraphWarning):
        typer.echo(f"Warning: {message}", err=True)
    else:
        _python_show_warning(message, category, filename, lineno, file, line)


app = typer.Typer(
    cls=DyadgraphGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
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
    ctx.obj = AppState(Settings.from_env(backend=backend, db=db, debug=debug), "table" if fmt is None else fmt)


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
