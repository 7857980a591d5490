"""The export command: select a subgraph and write it in one format, or a replication bundle."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from ..errors import ExportError
from ..export import FORMATS, TABLE_FORMATS, TEXT_FORMATS, check_format, check_lang, output_path
from .context import state
from .options import PARAMS_HELP

if TYPE_CHECKING:
    from ..export.selection import Selection
    from ..export.subgraph import Subgraph

PARAMETERS = "dyadgraph.parameters"


class ExportGroup(TyperGroup):
    """Takes `-p NAME VALUE` pairs out before Click parses: a group would take `-p` for a command name."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        rest: list[str] = []
        pairs: list[tuple[str, str]] = []
        position = 0
        while position < len(args):
            if args[position] in ("-p", "--param"):
                if position + 2 >= len(args):
                    raise typer.BadParameter(f"expected -p NAME VALUE, got {' '.join(args[position:])!r}", ctx=ctx)
                pairs.append((args[position + 1], args[position + 2]))
                position += 3
            else:
                rest.append(args[position])
                position += 1
        ctx.meta[PARAMETERS] = tuple(pairs)
        parsed: list[str] = super().parse_args(ctx, rest)
        return parsed


ToOption = Annotated[
    Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
    typer.Option("--to", help=f"Format: {', '.join(FORMATS)}.", show_default=False),
]
OutputOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        help="File (a folder for csv) [default: standard output for text formats].",
        show_default=False,
    ),
]
AroundOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--around",
        help="Export the nodes within --depth hops of this node: an id (MNG) or Label:id.",
        show_default=False,
    ),
]
DepthOption = Annotated[int, typer.Option("--depth", help="Hops from --around.", min=1, max=5)]
DyadOption = Annotated[
    Optional[tuple[str, str]],  # noqa: UP045
    typer.Option(
        "--dyad", metavar="A B", help="Two State ids: both states and the events involving both.", show_default=False
    ),
]
QueryOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--query",
        help="A canned query: export what its parameters and rows name (for latex and md, its rows).",
        show_default=False,
    ),
]
LabelOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--label", help="Keep the nodes of this label (repeatable).", show_default=False),
]
TypeOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--type", help="Keep the relationships of this type (repeatable).", show_default=False),
]
SinceOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--since", help="Keep what holds in or after this year (undated elements stay).", show_default=False),
]
UntilOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--until", help="Keep what holds in or before this year.", show_default=False),
]
PaperDatesOption = Annotated[
    bool,
    typer.Option(
        "--paper-dates",
        help="Use only the dates the paper gives (date_basis paper): a date from another work is left out.",
    ),
]
LangOption = Annotated[str, typer.Option("--lang", help="Names in en or zh (Chinese, where the data has it).")]
TitleOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--title", help="Title of a figure, page or bundle [default: from the selection].", show_default=False
    ),
]
CaptionOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--caption", help="Caption of a latex or md table [default: the query's title].", show_default=False),
]

export_app = typer.Typer(
    cls=ExportGroup, invoke_without_command=True, no_args_is_help=True, rich_markup_mode=None, add_completion=False
)


def _selection(
    ctx: typer.Context,
    around: str | None,
    depth: int,
    dyad: tuple[str, str] | None,
    query: str | None,
    labels: list[str] | None,
    types: list[str] | None,
    since: int | None,
    until: int | None,
    paper_dates: bool,
) -> Selection:
    from ..export.selection import Selection

    return Selection(
        around=around,
        depth=depth,
        dyad=(dyad[0], dyad[1]) if dyad else None,
        query=query,
        parameters=ctx.meta.get(PARAMETERS, ()),
        labels=tuple(labels or ()),
        types=tuple(types or ()),
        since=since,
        until=until,
        paper_dates=paper_dates,
    )


def _select(ctx: typer.Context, selection: Selection) -> Subgraph:
    with state(ctx).open() as g:
        return g.subgraph(selection)


@export_app.callback(epilog=PARAMS_HELP)
def export(
    ctx: typer.Context,
    to: ToOption = None,
    output: OutputOption = None,
    around: AroundOption = None,
    depth: DepthOption = 1,
    dyad: DyadOption = None,
    query: QueryOption = None,
    label: LabelOption = None,
    rel_type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    paper_dates: PaperDatesOption = False,
    lang: LangOption = "en",
    title: TitleOption = None,
    caption: CaptionOption = None,
) -> None:
    """Export a subgraph for a paper: dyadgraph export --to FORMAT -o PATH [selection]; or `export bundle`.

    The selection is the whole graph, an ego network (--around), a dyad (--dyad) or a canned
    query's result (--query), narrowed by --label, --type, --since and --until; with --paper-dates,
    a date taken from another work than the paper is left out.
    """
    if ctx.invoked_subcommand is not None:
        return
    to = check_format(to)
    check_lang(lang)
    if output is None and to not in (*TEXT_FORMATS, *TABLE_FORMATS):
        raise ExportError(f"--to {to} writes a file: give -o PATH")
    if output is not None:
        output = output_path(to, output)
    selection = _selection(ctx, around, depth, dyad, query, label, rel_type, since, until, paper_dates)
    if to in TABLE_FORMATS:
        written = _table(ctx, selection, to, caption)
        summary = "the query's rows"
    else:
        from ..export import text, write

        subgraph = _select(ctx, selection)
        if output is None:
            written = text(subgraph, to, lang, title)
        else:
            write(subgraph, to, output, lang, title)
            written = None
        summary = f"{len(subgraph.nodes)} nodes and {len(subgraph.relationships)} relationships"
    if output is None:
        sys.stdout.write(written or "")
    else:
        if written is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(written, encoding="utf-8")
        typer.echo(f"Wrote {summary} as {to} to {output}.", err=True)


def _table(ctx: typer.Context, selection: Selection, fmt: str, caption: str | None) -> str:
    if not selection.query or selection.mode != "query":
        raise ExportError(f"--to {fmt} writes a table of a canned query's rows: give --query NAME")
    selection.check()
    with state(ctx).open() as g:
        return g.table(selection.query, fmt, caption=caption, **dict(selection.parameters))


@export_app.command(epilog=PARAMS_HELP)
def bundle(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The folder to write (made if missing).", file_okay=False)
    ],
    around: AroundOption = None,
    depth: DepthOption = 1,
    dyad: DyadOption = None,
    query: QueryOption = None,
    label: LabelOption = None,
    rel_type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    paper_dates: PaperDatesOption = False,
    lang: LangOption = "en",
    title: TitleOption = None,
) -> None:
    """Write a replication bundle: the subgraph (graphml, json), the Cypher that selected it, the data
    version, the BibTeX, the figure and a README with the command that makes it again."""
    check_lang(lang)
    selection = _selection(ctx, around, depth, dyad, query, label, rel_type, since, until, paper_dates)
    subgraph = _select(ctx, selection)
    written = subgraph.bundle(output, lang=lang, title=title)
    typer.echo(f"Wrote {len(written)} files for {subgraph.selection.describe()} to {output}.", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
