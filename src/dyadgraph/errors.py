"""One root exception; the CLI turns any of them into a message and exit code 1."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal


class DyadgraphError(Exception):
    """Root of every error dyadgraph raises on purpose."""

    exit_code = 1


class ConfigError(DyadgraphError):
    """A missing or contradictory setting (backend, database path, credentials)."""


class QueryNotFound(DyadgraphError):
    pass


class ParameterError(DyadgraphError):
    """Parameters that do not fit a canned query; the message lists the query's parameters."""


class BackendError(DyadgraphError):
    """The database engine refused or failed."""


class ConnectionFailed(BackendError):
    pass


class DatabaseBusy(BackendError):
    pass


class DatabaseMissing(BackendError):
    pass


class DatabaseUnreadable(BackendError):
    """A database file that is not one this engine can open: empty, foreign, damaged, another version."""


class WriteRefused(BackendError):
    """A write attempted in read-only mode."""


class TargetNotEmpty(BackendError):
    """A push to a server that already holds dyadgraph nodes, without --replace."""


@dataclass(frozen=True)
class Problem:
    """One finding of validation, in the manner of frictionless's report rows."""

    type: str
    message: str
    file: str = ""
    line: int | None = None
    column: str = ""
    severity: Literal["error", "warning"] = "error"

    def where(self) -> str:
        parts = [self.file] if self.file else []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message} [{self.type}]" if where else f"{self.message} [{self.type}]"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def add(
        self,
        type: str,
        message: str,
        file: str = "",
        line: int | None = None,
        column: str = "",
        severity: Literal["error", "warning"] = "error",
    ) -> None:
        self.problems.append(Problem(type, message, file, line, column, severity))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


class InputRejected(DyadgraphError):
    """Input with errors, all of them reported together (the first 50 in the message); nothing was written."""

    SHOWN = 50

    def __init__(self, report: Report, heading: str, more: str = ""):
        self.report = report
        errors = report.errors
        lines = [f"{len(errors)} error(s) in {heading}"]
        lines += [f"  {p}" for p in errors[: self.SHOWN]]
        if len(errors) > self.SHOWN:
            lines.append(f"  ... and {len(errors) - self.SHOWN} more{more}")
        super().__init__("\n".join(lines))


class ValidationFailed(InputRejected):
    """Seed data with errors; nothing was written."""

    def __init__(self, report: Report):
        super().__init__(report, "the seed data; nothing was loaded:", " (dyadgraph validate --format json lists all)")


class ExportError(DyadgraphError):
    """A selection or an export that cannot be made as asked (unknown id, empty selection, missing tool)."""


class DyadgraphWarning(UserWarning):
    """Something done differently from what was asked, or ignored; the CLI prints it as a Warning line."""


class ExportWarning(DyadgraphWarning):
    """Something an export did differently from what was asked (a font fallback)."""


class UnusedParameter(DyadgraphWarning):
    """A parameter given with a statement that does not use it; it is not sent."""
