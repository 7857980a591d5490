"""The importable formats: each is one module with a reader, named here with its BibTeX key,
what it reads and a description.

A reader takes the file as a `Stream` and a `Context` and yields, block by block, Arrow tables
named after the graph's tables (`Event` and `INVOLVES`, `MEASURED` or `TIE`), in the schema's
column order. `reads` says which: an events format's re-import skips the events the graph holds,
an indicators format's replaces the dataset's values of the indicators in its file, a ties
format's replaces the dataset's ties.

The reader is imported when an import runs, so listing the formats (`dyadgraph import --help`)
imports none of them. A new format is its module and one line in FORMATS (CONTRIBUTING.md: "Add
an importer").
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..errors import ConfigError

if TYPE_CHECKING:
    import pyarrow as pa

    from .arrow import Context, Stream

Reader = Callable[["Stream", "Context"], Iterator[dict[str, "pa.Table"]]]
Reads = Literal["events", "indicators", "ties"]


@dataclass(frozen=True)
class Format:
    name: str  # as `dyadgraph import NAME FILE` calls it
    source: str  # the dataset's BibTeX key in imports/sources.bib: the `source` of every row it imports
    reads: Reads
    reader: str  # "module:function" under dyadgraph.imports
    description: str
    layouts: tuple[str, ...] = ()  # the layouts `--layout` can name, where the format has several

    def load(self) -> Reader:
        module, _, name = self.reader.partition(":")
        reader: Reader = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        return reader


FORMATS: tuple[Format, ...] = (
    Format("icews", "icews", "events", "icews:read_icews", "ICEWS coded event data (tab-separated, with header)"),
    Format(
        "gdelt",
        "gdelt",
        "events",
        "gdelt:read_gdelt",
        "GDELT 1.0 and 2.0 event files (tab-separated, no header; 57, 58 or 61 columns)",
        layouts=("1.0-historical", "1.0-daily", "2.0"),  # gdelt.LAYOUTS, by their number of columns
    ),
    Format(
        "polecat", "polecat", "events", "polecat:read_polecat", "POLECAT weekly or yearly events (PLOVER, with header)"
    ),
    Format("cow-nmc", "cow-nmc", "indicators", "cow_nmc:read_cow_nmc", "COW National Material Capabilities (CSV)"),
    Format(
        "cow-diplomatic",
        "cow-diplomatic",
        "ties",
        "cow_diplomatic:read_cow_diplomatic",
        "COW Diplomatic Exchange, dyad per wave (CSV)",
    ),
    Format(
        "cow-alliance",
        "cow-alliance",
        "ties",
        "cow_alliance:read_cow_alliance",
        "COW Formal Alliances v4.1, by dyad or directed dyad, yearly or not (CSV)",
    ),
    Format("wdi", "worldbank-wdi", "indicators", "wdi:read_wdi", "World Bank WDI CSV, wide (one column per year)"),
)


def formats() -> dict[str, Format]:
    """Every format by name."""
    return {f.name: f for f in FORMATS}


def get(name: str, layout: str | None = None) -> Format:
    """The format called `name`, refusing a layout it does not have."""
    found = formats().get(name)
    if found is None:
        raise ConfigError(f"unknown format {name!r}; choose one of: {', '.join(formats())}")
    if layout is not None and layout not in found.layouts:
        if not found.layouts:
            raise ConfigError(f"{name} files have one layout; --layout is for: {_with_layouts()}")
        raise ConfigError(f"{name} has no layout {layout!r}; choose one of: {', '.join(found.layouts)}")
    return found


def _with_layouts() -> str:
    return ", ".join(f.name for f in FORMATS if f.layouts)
