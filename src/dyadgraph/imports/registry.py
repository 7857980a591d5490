"""The importable formats: each is one module that registers its reader here with `@importer`.

A reader takes the file as a `Stream` and a `Context` and yields, block by block, Arrow tables
named after the graph's tables (`Event` and `INVOLVES`, or `MEASURED`), in the schema's column
order. `reads` says which: an events format's re-import skips the events the graph holds, an
indicators format's replaces the dataset's values of the indicators in its file.

A new format is a module beside these and its name in BUILT_IN (CONTRIBUTING.md: "Add an
importer"). Format modules import pyarrow only inside their readers, so listing the formats
stays cheap for `dyadgraph --help`.
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
Reads = Literal["events", "indicators"]

# The modules of the formats dyadgraph ships, in the order `dyadgraph import --help` lists them.
BUILT_IN = ("icews", "gdelt", "cow_nmc", "wdi")


@dataclass(frozen=True)
class Format:
    name: str
    source: str  # the dataset's BibTeX key in imports/sources.bib: the `source` of every row it imports
    reads: Reads
    description: str
    reader: Reader


_REGISTERED: dict[str, Format] = {}


def importer(name: str, *, source: str, reads: Reads, description: str) -> Callable[[Reader], Reader]:
    """Register a reader as the format `name` (what `dyadgraph import NAME FILE` calls it)."""

    def register(reader: Reader) -> Reader:
        if name in _REGISTERED:
            raise ValueError(f"two importers are called {name!r}")
        _REGISTERED[name] = Format(name, source, reads, description, reader)
        return reader

    return register


def formats() -> dict[str, Format]:
    """Every registered format by name."""
    modules = [f"{__package__}.{module}" for module in BUILT_IN]
    for module in modules:
        importlib.import_module(module)

    def order(entry: Format) -> int:
        module = entry.reader.__module__
        return modules.index(module) if module in modules else len(modules)

    return {entry.name: entry for entry in sorted(_REGISTERED.values(), key=order)}


def get(name: str) -> Format:
    found = formats().get(name)
    if found is None:
        raise ConfigError(f"unknown format {name!r}; choose one of: {', '.join(formats())}")
    return found
