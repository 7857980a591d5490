"""Options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config import ENV_BACKEND, ENV_DB
from ..render import renderers

FORMAT_NAMES = tuple(renderers("rows"))

BackendOption = Annotated[
    Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
    typer.Option("--backend", envvar=ENV_BACKEND, help="embedded (Kùzu, default) or neo4j.", show_default=False),
]
DbOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--db",
        envvar=ENV_DB,
        help="Embedded database file [default: ~/.local/share/dyadgraph/graph.kuzu].",
        show_default=False,
        # Not dir_okay=False: the backend says what a folder there means (an older Kùzu's database).
        metavar="<file>",
    ),
]
FormatOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--format", "-f", help=f"Output format: {', '.join(FORMAT_NAMES)} [default: table].", show_default=False
    ),
]
ExplodeOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--explode",
        help="One row per item of this list column, the others repeated (default: items joined with '; ').",
        show_default=False,
        metavar="<column>",
    ),
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks.")]
# Typer cannot declare a repeatable two-value option, so `-p NAME VALUE` pairs arrive as
# extra arguments and are read by `parameter_pairs`.
PARAMS_CONTEXT = {"allow_extra_args": True, "ignore_unknown_options": True}
PARAMS_HELP = "Parameters: -p NAME VALUE (or --param NAME VALUE), repeatable."


def parameter_pairs(ctx: typer.Context) -> dict[str, str]:
    pairs: dict[str, str] = {}
    args = list(ctx.args)
    while args:
        flag = args.pop(0)
        if flag not in ("-p", "--param") or len(args) < 2:
            raise typer.BadParameter(f"expected -p NAME VALUE, got {' '.join([flag, *args[:2]])!r}", ctx=ctx)
        name, value = args.pop(0), args.pop(0)
        pairs[name] = value
    return pairs
