"""`dyadgraph import FORMAT FILE...`: event and indicator datasets into the graph."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

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
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="The dataset: files (plain, .gz or .zip), folders of them or quoted glob patterns "
            "('data/*.export.CSV.zip'), imported together.",
            show_default=False,
        ),
    ],
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
    member: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(help="The file to read inside each .zip archive, when one holds several.", show_default=False),
    ] = None,
    layout: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            help="gdelt: 1.0-historical (57 columns), 1.0-daily (58) or 2.0 (61); "
            "by default from the first line's number of columns.",
            show_default=False,
        ),
    ] = None,
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
    """Import an event, indicator or ties dataset into the graph, beside what it holds; all or nothing.

    ICEWS and POLECAT event files, GDELT 1.0 and 2.0 event files, COW National Material
    Capabilities, COW Diplomatic Exchange and Formal Alliances (as ties) and World Bank WDI CSV
    downloads, as downloaded: plain, gzipped or zipped, one file or a folder of them. Country
    codes and names that match no state are reported.
    """
    from ..imports.memory import DEFAULT_SHARE, format_size

    budget, told = _budget(memory)
    with ExitStack() as stack:
        g = stack.enter_context(state(ctx).open())

        def announce(plan: Plan) -> None:
            given = "" if told else f" ({DEFAULT_SHARE:.0%} of the memory available; --memory to change)"
            typer.echo(f"Memory budget {format_size(plan.budget)}{given}: {plan.describe()}.", err=True)

        progress = _progress_bar(stack) if sys.stderr.isatty() else None
        summary = g.import_file(
            files,
            data_format,
            copy_rows=copy_rows,
            batch_size=batch_size,
            memory=budget,
            progress=progress,
            member=member,
            layout=layout,
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


def _progress_bar(stack: ExitStack) -> Progress:
    """One bar for all the files, shown once the import knows they are large enough to need one."""
    shown: list[Any] = []

    def advance(phase: str, done: int, total: int) -> None:
        if not shown:
            if total < PROGRESS_MIN_BYTES:
                return
            from rich.progress import BarColumn, DownloadColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar

            columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeElapsedColumn())
            bar = stack.enter_context(Bar(*columns, transient=True))
            shown.extend([bar, bar.add_task(phase, total=total)])
        shown[0].update(shown[1], description=phase, completed=done, total=total)

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
    files = summary.files
    what = files[0] if len(files) == 1 else f"{len(files)} files, {files[0]} ... {files[-1]}"
    typer.echo(
        f"Imported {what} ({summary.format}, {plural(summary.rows, 'rows')}"
        f"{'; left out: ' + ', '.join(skipped) if skipped else ''}) in {summary.seconds:.2f} s "
        f"({plural(rate, 'rows/s')}, file version {summary.version}).",
        err=True,
    )


def register(app: typer.Typer) -> None:
    app.command(name="import")(import_)
