"""Exports for papers: a selected subgraph as graph files, scripts, tables, figures, a page or a panel.

`select()` (select.py) returns the subgraph; each format is a renderer in the one registry
(`dyadgraph.render`), a function of the subgraph in its own module. Nothing heavy is imported
until a format needs it (networkx for graph files and layouts, matplotlib for figures), so
`dyadgraph --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExportError
from ..render import find, for_suffix, renderers

if TYPE_CHECKING:
    from .subgraph import Subgraph

# What `export --to` writes: every subgraph format, and the tables of a canned query's rows.
FORMATS = {name: r.description for name, r in renderers("subgraph", "table").items()}
# Formats whose output is one text file, which may go to standard output.
TEXT_FORMATS = tuple(name for name, r in renderers("subgraph").items() if not r.to_file)
TABLE_FORMATS = tuple(renderers("table"))
# The file name suffixes each format writes, its usual one first; csv writes a folder (no suffix).
SUFFIXES = {name: r.suffixes or ("",) for name, r in renderers("subgraph", "table").items()}


LANGS = ("en", "zh")


def check_lang(lang: str) -> str:
    """The language named by --lang, or ExportError listing the known ones (every format, not only figures)."""
    if lang not in LANGS:
        raise ExportError(f"unknown language {lang!r} for --lang; choose {' or '.join(LANGS)}")
    return lang


def check_format(fmt: str | None) -> str:
    """The format named by --to, or ExportError naming it and listing the known ones."""
    if fmt is None:
        raise ExportError(f"give --to FORMAT, one of: {', '.join(FORMATS)} (or `dyadgraph export bundle -o DIR`)")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; the formats are: {', '.join(FORMATS)}")
    return fmt


def output_path(fmt: str, output: Path) -> Path:
    """Where --to FMT -o OUTPUT writes: OUTPUT when its suffix is one FMT writes, OUTPUT with FMT's
    suffix added when it has none; ExportError when the two disagree (a PNG named .svg)."""
    suffixes = SUFFIXES[fmt]
    suffix = output.suffix.lower()
    if suffix in suffixes:
        return output
    if fmt == "csv":
        raise ExportError(
            f"--to csv writes a folder of neo4j-admin import files, and -o {output} looks like a file name; "
            "give a folder name without a suffix (a dyad-year panel is --to dyad-year)"
        )
    if not suffix:
        return output.with_name(output.name + suffixes[0])
    names = " or ".join(suffixes)
    given = next((name for name, known in SUFFIXES.items() if suffix in known), None)
    hint = f" (--to {given} writes {suffix})" if given else ""
    raise ExportError(f"--to {fmt} writes {names} files, and -o {output} names a {suffix} file{hint}: make them agree")


def format_for(path: Path) -> str:
    """The subgraph format a file name's suffix names (.graphml, .gexf, .svg, .html, .csv ...)."""
    found = for_suffix(path, "subgraph")
    if found is None:
        formats = ", ".join(renderers("subgraph"))
        raise ExportError(f"no format writes {path.name!r}: give format= (one of {formats})")
    return found.name


def text(subgraph: Subgraph, fmt: str, lang: str = "en", title: str | None = None) -> str:
    """A text format's content."""
    found = find(fmt, "subgraph")
    if found is None or found.to_file:
        raise ExportError(f"{fmt} is not a text format of a subgraph")
    content: str = found.load()(subgraph, lang, title)
    return content


def write(subgraph: Subgraph, fmt: str, output: Path, lang: str = "en", title: str | None = None) -> None:
    """Write a subgraph format to a file (a folder for csv), making the folders it is in."""
    found = find(fmt, "subgraph")
    if found is None:
        raise ExportError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    if found.to_file:
        found.load()(subgraph, output, lang, title)
    else:
        output.write_text(text(subgraph, fmt, lang, title), encoding="utf-8")
