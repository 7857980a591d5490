"""Commands that ask questions: queries, query, cypher."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from .context import state
from .options import PARAMS_CONTEXT, PARAMS_HELP, ExplodeOption, FormatOption, parameter_pairs

if TYPE_CHECKING:
    from ..backends.base import Result


def queries(ctx: typer.Context, fmt: FormatOption = None) -> None:
    """List the canned queries with their parameters."""
    from ..backends.base import Result

    with state(ctx).open() as g:
        rows = [(q.name, q.title, ", ".join(p.describe() for p in q.params)) for q in g.queries()]
    state(ctx).emit(Result(["name", "title", "parameters"], rows), fmt)


def query(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A canned query; `dyadgraph queries` lists them.")],
    fmt: FormatOption = None,
    explode: ExplodeOption = None,
) -> None:
    """Run a canned query: dyadgraph query NAME -p key value ..."""
    with state(ctx).open() as g:
        result = g.query(name, **parameter_pairs(ctx))
    state(ctx).emit(result.explode(explode) if explode else result, fmt)


def cypher(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="A Cypher statement in the backend's own dialect.")],
    write: Annotated[bool, typer.Option("--write", help="Allow the statement to write.")] = False,
    fmt: FormatOption = None,
    explode: ExplodeOption = None,
) -> None:
    """Run raw Cypher; read-only unless --write. Parameters are strings, or JSON with -p name json:VALUE."""
    given = {name: _cypher_parameter(name, value) for name, value in parameter_pairs(ctx).items()}
    app_state = state(ctx)
    with app_state.open() as g:
        result = g.cypher(text, given, write=write)
    app_state.emit(result.explode(explode) if explode else result, fmt)
    if result.changes is not None:
        typer.echo(describe_write(result, app_state.settings.backend), err=True)


def describe_write(result: Result, backend: str) -> str:
    """What a committed write changed, as the engine counts it, and how many rows it returned."""
    from ..output import plural

    changed = ", ".join(plural(count, name) for name, count in result.changes.items()) if result.changes else ""
    if backend == "embedded":
        # Kùzu reports no counters: these are the counts per label before and after the write.
        changed = changed or "no node or relationship added or removed"
        changed += " (Kùzu does not count properties set)"
    else:
        changed = changed or "nothing changed"
    return f"Write committed: {changed}; {plural(len(result.values), 'rows')} returned."


def _cypher_parameter(name: str, value: str) -> object:
    import json

    if not value.startswith("json:"):
        return value
    try:
        return json.loads(value[5:])
    except ValueError as exc:
        from ..errors import ParameterError

        raise ParameterError(f"parameter {name!r} is not valid JSON after 'json:': {exc}") from None


def register(app: typer.Typer) -> None:
    app.command()(queries)
    for command in (query, cypher):
        app.command(context_settings=PARAMS_CONTEXT, epilog=PARAMS_HELP)(command)
