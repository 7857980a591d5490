"""The writers of a query's rows for every `--format` (registered in dyadgraph.render), and `emit()`."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, TextIO

from .backends.base import Result

CELL_LIMIT = 160  # characters a table cell shows before it is cut with an ellipsis
SHORT_CELL = 24  # a column whose cells are all this short is never wrapped
PIPE_WIDTH = 80  # table width when stdout is not a terminal


def emit(result: Result, fmt: str, stream: TextIO) -> None:
    """Write the rows in a `--format` (table, json, csv, md, latex) to a stream."""
    from .errors import ConfigError
    from .render import find, renderers

    found = find(fmt, "rows")
    if found is None:
        raise ConfigError(f"unknown format {fmt!r}; choose one of: {', '.join(renderers('rows'))}")
    found.load()(result, stream)


# Plural nouns dyadgraph's messages count, and their singulars.
SINGULAR = {
    "rows": "row",
    "rows/s": "row/s",
    "nodes": "node",
    "relationships": "relationship",
    "properties": "property",
    "labels": "label",
    "indexes": "index",
    "constraints": "constraint",
    "updates": "update",
    "events": "event",
    "files": "file",
}


def plural(count: int, noun: str) -> str:
    """'1 row', '2 rows', '1,000 rows': `noun` is the plural; its first word listed in SINGULAR is
    made singular for a count of one ("State nodes added" -> "1 State node added")."""
    if count == 1:
        words = noun.split(" ")
        for i, word in enumerate(words):
            if word in SINGULAR:
                words[i] = SINGULAR[word]
                break
        noun = " ".join(words)
    return f"{count:,} {noun}"


def json_default(value: Any) -> Any:
    return str(value)


def cell_text(value: Any) -> str:
    """A value as one line of text: nodes by name and id, relationships by type, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}" if abs(value) >= 1e6 or value != round(value, 6) else f"{value:.6g}"
    if isinstance(value, dict):
        if "_label" in value:
            name = value.get("name") or value.get("title") or ""
            return f"{name} ({value.get('id')})" if name else str(value.get("id"))
        if "_type" in value:
            detail = value.get("kind") or value.get("role") or ""
            return f"{value['_type']}{' ' + detail if detail else ''}"
        if "nodes" in value and "relationships" in value:
            return " → ".join(cell_text(n) for n in value["nodes"])
        return json.dumps(value, ensure_ascii=False, default=json_default)
    if isinstance(value, list):
        return "; ".join(cell_text(v) for v in value)
    return str(value)


def write_json(result: Result, stream: TextIO) -> None:
    json.dump(result.rows(), stream, ensure_ascii=False, default=json_default)
    stream.write("\n")


def write_csv(result: Result, stream: TextIO) -> None:
    """Cells as md and latex show them: a list's items joined with "; ", a node by name and id
    (`--format json` keeps the structure)."""
    out = csv.writer(stream, lineterminator="\n")
    out.writerow(result.columns)
    for row in result.values:
        out.writerow([cell_text(v) for v in row])


def write_markdown(result: Result, stream: TextIO) -> None:
    stream.write("| " + " | ".join(result.columns) + " |\n")
    stream.write("|" + "|".join("---" for _ in result.columns) + "|\n")
    for row in result.values:
        cells = [cell_text(v).replace("|", "\\|").replace("\n", " ") for v in row]
        stream.write("| " + " | ".join(cells) + " |\n")


def write_table(result: Result, stream: TextIO) -> None:
    is_terminal = getattr(stream, "isatty", lambda: False)()
    width = None if is_terminal else PIPE_WIDTH  # rich draws 80 wide without a terminal
    if not result.columns:  # a write without RETURN: its summary is on stderr
        return
    if not result.values:
        empty = f"(no rows; columns: {', '.join(result.columns)})"
        if width is not None and len(empty) <= width:  # longer, rich wraps it
            stream.write(empty + "\n")
        else:
            _console(stream, width).print(empty)
        return
    cells = [[_table_cell(v) for v in row] for row in result.values]
    if width is not None:  # without a terminal most tables need no rich at all
        plain = plain_table(result.columns, cells, column_widths(result.columns, cells, width), width)
        if plain is not None:
            stream.write(plain)
            return
    _rich_table(result.columns, cells, _console(stream, width))


def _console(stream: TextIO, width: int | None) -> Any:
    from rich.console import Console

    return Console(file=stream, width=width, highlight=False, soft_wrap=False)


def _rich_table(columns: list[str], cells: list[list[str]], console: Any) -> None:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column, width in zip(columns, column_widths(columns, cells, console.width), strict=True):
        table.add_column(column, width=width, overflow="fold")
    for row in cells:
        table.add_row(*row)
    console.print(table)


def plain_table(columns: list[str], cells: list[list[str]], widths: list[int], available: int) -> str | None:
    """The table exactly as rich draws it without a terminal, when no cell needs rich: nothing
    to wrap or fold, no markup, emoji code, tab, control or wide character. None otherwise.
    rich takes seconds for thousands of rows (cooperation-conflict on an imported dataset);
    this takes milliseconds. tests/test_output.py compares the two."""
    total = sum(widths) + 3 * (len(columns) - 1)
    if total > available:
        return None
    blocks = []
    for row in [columns, *cells]:
        block = []
        for text, width in zip(row, widths, strict=True):
            lines = text.split("\n")
            if not all(_plain_line(line, width) for line in lines):
                return None
            block.append(lines)
        blocks.append(block)
    out = []
    for index, block in enumerate(blocks):
        for depth in range(max(len(lines) for lines in block)):
            out.append(
                "   ".join(
                    (lines[depth] if depth < len(lines) else "").ljust(width)
                    for lines, width in zip(block, widths, strict=True)
                )
            )
        if index == 0:
            out.append("─" * total)
    return "\n".join(out) + "\n"


def _plain_line(line: str, width: int) -> bool:
    """A line rich would print unchanged: it fits, and rich has nothing to interpret or measure in it."""
    return (
        len(line) <= width
        and line.isascii()
        and line.isprintable()
        and "[" not in line
        and ":" not in line
        and line == line.strip()
        and "  " not in line
    )


def column_widths(columns: list[str], cells: list[list[str]], available: int) -> list[int]:
    """Widths that fit `available` terminal columns. Prose gives way first, down to its longest
    word, so it wraps between words; then ids and codes, which fold; then prose folds too."""
    gaps = 3 * (len(columns) - 1)  # rich pads each column by a space on either side, plus the divider
    natural, word_floor, prose = [], [], []
    for index, column in enumerate(columns):
        lines = [line for row in cells for line in row[index].splitlines()]
        natural.append(max([len(column), *map(len, lines)]))
        prose.append(any(" " in line.strip() for line in lines))
        word_floor.append(max([len(column), *(len(word) for line in lines for word in line.split())]))
    header_floor = [max(len(column), 4) for column in columns]
    widths = list(natural)
    passes = ((True, word_floor), (False, header_floor), (True, header_floor))
    for shrink_prose, floor in passes:
        candidates = [i for i in range(len(columns)) if prose[i] == shrink_prose and widths[i] > floor[i]]
        while sum(widths) + gaps > available and candidates:
            widest = max(candidates, key=lambda i: (widths[i], -i))
            widths[widest] -= 1
            if widths[widest] <= floor[widest]:
                candidates.remove(widest)
    return widths


def _table_cell(value: Any) -> str:
    """A list shows one item per line, so a table cell never runs several items together."""
    if isinstance(value, list) and value:
        return "\n".join(_cut(cell_text(item)) for item in value)
    return _cut(cell_text(value))


def _cut(text: str) -> str:
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


def render(result: Result, fmt: str) -> str:
    buffer = io.StringIO()
    emit(result, fmt, buffer)
    return buffer.getvalue()
