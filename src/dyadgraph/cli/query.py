"""Commands that ask questions: queries, query, cypher."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from .context import state
from .options import PARAMS_CONTEXT, PARAMS_HELP, FormatOption, parameter_pairs

if TYPE_CHECKING:
    from ..backends.base import Result


def queries(ctx: typer.Context, fmt: FormatOption = None) -> None:
    """List the canned queries with their parameters."""
    from ..backends.base import Result
    from ..queries import Catalogue

    rows = [(q.name, q.title, ", ".join(p.describe() for p in q.params)) for q in Catalogue()]
    state(ctx).emit(Result(["name", "title", "parameters"], rows), fmt)


def query(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A canned query; `dyadgraph queries` lists them.")],
    fmt: FormatOption = None,
) -> None:
    """Run a canned query: dyadgraph query NAME -p key value ..."""
    from ..queries import Catalogue

    canned = Catalogue().get(name)
    given = parameter_pairs(ctx)
    canned.bind(given)  # wrong parameters are reported before the database is opened
    backend = state(ctx).backend()
    try:
        result = canned.run(backend, given)
    finally:
        backend.close()
    state(ctx).emit(result, fmt)


def cypher(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="A Cypher statement in the backend's own dialect.")],
    write: Annotated[bool, typer.Option("--write", help="Allow the statement to write.")] = False,
    fmt: FormatOption = None,
) -> None:
    """Run raw Cypher; read-only unless --write. Parameters are strings, or JSON with -p name json:VALUE."""
    given = {name: _cypher_parameter(name, value) for name, value in parameter_pairs(ctx).items()}
    backend = state(ctx).backend()
    try:
        result = backend.run(text, given, write=write)
    finally:
        backend.close()
    state(ctx).emit(result, fmt)
    if result.changes is not None:
        typer.echo(describe_write(result, backend.name), err=True)


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
