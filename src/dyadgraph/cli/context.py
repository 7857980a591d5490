"""What the top-level options decide, handed to every command."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

from ..config import Settings
from ..errors import ConfigError
from .options import FORMAT_NAMES

if TYPE_CHECKING:
    from ..api import Database
    from ..backends.base import Result


@dataclass
class AppState:
    settings: Settings
    format: str = "table"

    def output_format(self, override: str | None) -> str:
        fmt = self.format if override is None else override
        if fmt not in FORMAT_NAMES:
            raise ConfigError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMAT_NAMES)}")
        return fmt

    def open(self) -> Database:
        """The database the options name; commands use it in a `with` block."""
        from ..api import Database

        return Database(self.settings)

    def emit(self, result: Result, fmt: str | None) -> None:
        from ..output import emit

        emit(result, self.output_format(fmt), sys.stdout)


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppState):  # commands invoked without the root callback (never in practice)
        obj = AppState(Settings.from_env())
    return obj
