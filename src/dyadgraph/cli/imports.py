"""`dyadgraph import FORMAT FILE`: event and indicator datasets into the graph."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..imports.registry import formats
from .context import state
from .options import FormatOption

if TYPE_CHECKING:
    from ..imports import ImportSummary, Plan, Progress

# Below this size an import takes about a second and a progress bar would only flicker.
PROGRESS_MIN_BYTES = 16 << 20
WARNINGS_SHOWN = 20


def _listed(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)


def import_(
    ctx: typer.Context,
    data_format: Annotated[
        str, typer.Argument(metavar="FORMAT", help=_listed(list(formats())) + ".", show_default=False)
    ],
    file: Annotated[Path, typer.Argument(help="The dataset file.", exists=True, dir_okay=False, show_default=False)],
    copy_rows: Annotated[
        int | None,
        typer.Option(
            help="Events or values per bulk write: more is faster, fewer holds less memory. "
            "Default: what the memory budget allows.",
            min=1,
            show_default=False,
        ),
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Rows per UNWIND batch (Neo4j).", min=1)] = 1000,
    memory: Annotated[
        str | None,
        typer.Option(
            help="The import's memory budget (4GiB, 512MiB): its events per bulk write and Kùzu's buffer pool "
            "follow from it, and an import that cannot fit is refused before it starts. "
            "Default: half the memory available.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
) -> None:
    """Import an event or indicator dataset into the graph, beside what it holds; all or nothing.

    ICEWS event files, GDELT 2.0 event exports, COW National Material Capabilities and World
    Bank WDI CSV downloads. Country codes and names that match no state are reported.
    """
    from ..imports.memory import DEFAULT_SHARE, format_size

    budget, told = _budget(memory)
    with ExitStack() as stack:
        g = stack.enter_context(state(ctx).open())

        def announce(plan: Plan) -> None:
            given = "" if told else f" ({DEFAULT_SHARE:.0%} of the memory available; --memory to change)"
            typer.echo(f"Memory budget {format_size(plan.budget)}{given}: {plan.describe()}.", err=True)

        progress = _progress_bar(stack, file) if sys.stderr.isatty() else None
        summary = g.import_file(
            file,
            data_format,
            copy_rows=copy_rows,
            batch_size=batch_size,
            memory=budget,
            progress=progress,
            on_plan=announce,
        )
    _report(ctx, summary, fmt)


def _budget(memory: str | None) -> tuple[int, bool]:
    """The budget in bytes, and whether the user gave it: --memory, else a share of what is available."""
    from ..imports.memory import default_budget, parse_size

    if memory is None:
        return default_budget(), False
    try:
        budget = parse_size(memory)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--memory") from None
    if not budget:
        raise typer.BadParameter("the budget must be more than 0", param_hint="--memory")
    return budget, True


def _progress_bar(stack: ExitStack, file: Path) -> Progress | None:
    if file.stat().st_size < PROGRESS_MIN_BYTES:
        return None
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

    bar = stack.enter_context(
        Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeElapsedColumn(), transient=True)
    )
    task = bar.add_task("reading", total=file.stat().st_size)

    def advance(phase: str, done: int, total: int) -> None:
        bar.update(task, description=phase, completed=done, total=total)

    return advance


def _report(ctx: typer.Context, summary: ImportSummary, fmt: str | None) -> None:
    from ..output import plural
    from .data import counts_result

    app_state = state(ctx)
    app_state.emit(counts_result(summary.nodes, summary.relationships), fmt)
    warnings = summary.report.warnings
    for problem in warnings[:WARNINGS_SHOWN]:
        typer.echo(f"Warning: {problem}", err=True)
    if len(warnings) > WARNINGS_SHOWN:
        typer.echo(f"Warning: ... and {len(warnings) - WARNINGS_SHOWN} more", err=True)
    skipped = []
    if summary.duplicates:
        skipped.append(plural(summary.duplicates, "repeated rows"))
    if summary.already_present:
        skipped.append(plural(summary.already_present, "events already in the graph"))
    if summary.without_state:
        skipped.append(plural(summary.without_state, "events without a state among their actors"))
    rate = round(summary.rows / summary.seconds) if summary.seconds else 0
    typer.echo(
        f"Imported {summary.path.name} ({summary.format}, {plural(summary.rows, 'rows')}"
        f"{'; left out: ' + ', '.join(skipped) if skipped else ''}) in {summary.seconds:.2f} s "
        f"({plural(rate, 'rows/s')}, file version {summary.version}).",
        err=True,
    )


def register(app: typer.Typer) -> None:
    app.command(name="import")(import_)
