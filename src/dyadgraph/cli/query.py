"""Commands that ask questions: queries, query, cypher."""

from __future__ import annotations

from typing import Annotated

import typer

from .context import state
from .options import PARAMS_CONTEXT, PARAMS_HELP, FormatOption, parameter_pairs


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
    bound = canned.bind(parameter_pairs(ctx))
    backend = state(ctx).backend()
    try:
        result = backend.run(canned.text_for(backend.name), bound)
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
