"""One root exception; the CLI turns any of them into a message and exit code 1."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal


class DyadgraphError(Exception):
    """Root of every error dyadgraph raises on purpose."""

    exit_code = 1


class ConfigError(DyadgraphError):
    """A missing or contradictory setting (backend, database path, credentials)."""


class QueryNotFound(DyadgraphError):
    pass


class QueryHeaderError(DyadgraphError, ValueError):
    """A canned query file whose header cannot be read (a ValueError too, for callers that catch one)."""


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
class ProblemType:
    """One kind of problem validation reports: `code` is the `type` of a Problem (stable: it is what
    `validate --format json` gives and scripts test), `title` names it, `templates` are the messages
    it comes with, `{...}` standing for the particulars (a value, a column, a line)."""

    code: str
    title: str
    templates: tuple[str, ...]

    def matches(self, message: str) -> bool:
        """Whether a message is one of this type's templates with its particulars filled in."""
        return any(_pattern(template).fullmatch(message) for template in (*self.templates, MORE))


def _pattern(template: str) -> re.Pattern[str]:
    literal = re.split(r"\{[^{}]*\}", template)
    return re.compile(".*?".join(re.escape(part) for part in literal), re.DOTALL)


# The catalogue, rendered into the README (`make regen`). A Problem of a type not listed here is
# a programming error (Report.add raises), and a test holds every message of the bad-input corpus
# to its type's templates. Any type may also end a capped list with MORE.
MORE = "... and {count} more like these"
PROBLEM_TYPES: tuple[ProblemType, ...] = (
    ProblemType("missing-directory", "Not a directory", ("{path} is not a directory",)),
    ProblemType(
        "empty-directory",
        "No seed files",
        ("the directory holds no seed files (<Label>.csv, <TYPE>.csv, sources.bib)",),
    ),
    ProblemType(
        "missing-file",
        "A file is missing",
        (
            "there is no {Label}.csv in the seed directories, so {id} cannot be found",
            "there is no sources.bib in the seed directories, and every row cites one",
        ),
    ),
    ProblemType(
        "unknown-file",
        "A file that is not read",
        (
            "{file} is not read: dyadgraph reads {Label}.csv (save the sheet as CSV UTF-8)",
            "{file} is neither a node label nor a relationship type (Source nodes come from sources.bib){hint}",
        ),
    ),
    ProblemType("unreadable-file", "The file cannot be read", ("cannot read the file: {reason}",)),
    ProblemType(
        "empty-file",
        "An empty file",
        (
            "the file is empty (a header row is needed at least)",
            "the file holds no BibTeX entries, and every row cites one",
        ),
    ),
    ProblemType(
        "malformed-file",
        "Not a file of the format",
        (
            "cannot be read as {format}: {error}",
            "cannot be decompressed ({compression}): {error}",
            "not a GDELT event file: {count} tab-separated cells, not {layouts}",
        ),
    ),
    ProblemType(
        "encoding",
        "Not UTF-8 text",
        (
            "this is {what}, not a CSV file; save it as CSV (UTF-8)",
            "the file is UTF-16 (a spreadsheet's Unicode text?); save it as CSV (UTF-8)",
            "not UTF-8 (byte 0x{byte}); save the file as CSV (UTF-8)",
            "not UTF-8 {byte}; save the file as UTF-8",
            "a NUL byte in the cell; is the file a spreadsheet, not a CSV?",
        ),
    ),
    ProblemType(
        "byte-order-mark",
        "A byte order mark",
        (
            "the file starts with a UTF-8 byte order mark; it was ignored",
            "an invisible byte order mark stands before {column}; save the file as CSV (UTF-8) again",
        ),
    ),
    ProblemType(
        "malformed-csv",
        "Broken CSV",
        (
            "the columns are separated by {separator}, not commas; save the file as CSV (UTF-8, comma)",
            "the quote that opens this cell is never closed",
            "text follows the closing quote of this cell{where}: an unclosed or undoubled quote?",
            "malformed CSV: {error}",
        ),
    ),
    ProblemType(
        "malformed-bibtex",
        "Broken BibTeX",
        (
            "@{type} entry without a key (write @{type}{key, ...})",
            "expected ',' after the key {key}, found {found}",
            "expected a field name or {closer} in {key}, found {found}",
            "expected '=' after the field name {field}, found {found}",
            "the value of {field} runs on into the fields after it; is its closing brace missing?",
            "field {field} appears twice in {key}",
            "entry {key} (line {line}) is not closed with {closer}",
            "missing comma after the value of {field}",
            "expected ',' or {closer} after the value of {field}, found {found}",
            "@string without a name, found {found}",
            "expected '=' after @string name {name}",
            "expected {closer} to end @string {name}",
            "{name} is not a defined @string; put text in braces: {braced}",
            "field {field} has no value",
            "the {opener} opened at line {line}{where} is never closed (unbalanced braces?)",
        ),
    ),
    ProblemType(
        "ragged-row",
        "A row with too few or too many cells",
        (
            "{count} cells where the header has {columns}; {hint}",
            "{count} cells where the header has {columns}: {text}",
            "{count} cells where {layout} has {columns}: {text}",
        ),
    ),
    ProblemType(
        "missing-column",
        "A required column is missing",
        (
            "required column {column} is missing",
            "not {a format} file: no column {columns}",
            "not a WDI file: no header row starting with 'Country Name'",
        ),
    ),
    ProblemType(
        "unknown-column",
        "A column the schema does not know",
        ("column {number} has no name (a trailing comma?)", "unknown column {column}; {hint}"),
    ),
    ProblemType("duplicate-column", "A column twice", ("column {column} appears twice",)),
    ProblemType(
        "stray-space",
        "A space around an id or a column name",
        (
            "{value} has a space at its start or end; an id must match exactly",
            "the column name {column} has a space at its start or end",
        ),
    ),
    ProblemType(
        "missing-value",
        "A required value is missing",
        (
            "{column} is required",
            "{column} is required unless date_precision is undated or habitual",
            "{column} is empty",
        ),
    ),
    ProblemType(
        "duplicate-id",
        "An id used twice",
        (
            "id {id} already used at {file} line {line}",
            "two seed directories are named {name}",
            "BibTeX key {key} already defined at line {line}",
            "BibTeX key {key} is also defined in {file} line {line}",
        ),
    ),
    ProblemType(
        "bad-number",
        "Not a number",
        (
            "{value} is not a whole number{hint}",
            "{value} is too large for a 64-bit integer",
            "{value} is not a number{hint}",
            "{value} is too large a number",
            "year {value} of {key} is not a year (four digits, or n.d. for an undated work)",
            "{value} is not {what}",
            "{column} is empty",
        ),
    ),
    ProblemType(
        "share-out-of-range",
        "A share outside 0..1",
        ("{value} is outside 0..1 (a share is a fraction: 83% is 0.83)",),
    ),
    ProblemType("bad-boolean", "Not true or false", ("{value} is not true or false",)),
    ProblemType(
        "bad-date",
        "Not an ISO 8601 date",
        (
            "{value} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD){hint}",
            "{value} is not a date ({format})",
            "{column} is empty",
        ),
    ),
    ProblemType(
        "bad-cameo", "Not a CAMEO code", ("{value} is not a CAMEO event code (010 to 2042)", "{column} is empty")
    ),
    ProblemType(
        "bad-quad",
        "Not a quad class",
        ("{value} is not a QuadClass (1 to 4)", "{value} is not a quad class ({values})", "{column} is empty"),
    ),
    ProblemType("unknown-enum", "A value the schema does not list", ("{value} is not a known {property}; {hint}",)),
    ProblemType("year-mismatch", "A year that contradicts its date", ("{year} {value} does not match {date} {when}",)),
    ProblemType(
        "since-after-until",
        "An interval that ends before it begins",
        ("since {since} is after until {until}", "date_end {end} is before date {start}"),
    ),
    ProblemType(
        "undated-with-date",
        "An undated row with a date",
        ("date_precision is undated, but {column} is {value}: an undated row has no date",),
    ),
    ProblemType(
        "precision-without-date",
        "A precision without a date",
        ("date_precision is {precision}, but the row has no date (use undated, or give the date)",),
    ),
    ProblemType(
        "basis-without-date",
        "A date basis without a date",
        ("date_basis {basis} says where a date comes from, but the row has no date",),
    ),
    ProblemType(
        "precision-mismatch",
        "A date not written at its precision",
        (
            "date_precision is {precision}, so {column} is written {shape}, not {value}",
            "a decade starts at its first year: {column} {value} should be {start}",
            "a decade ends at its last year: {column} {value} should be {end}",
        ),
    ),
    ProblemType(
        "date-locator-without-paper",
        "A date locator on a date that is not the paper's",
        ("date_locator says where the paper writes the date, but date_basis is not paper",),
    ),
    ProblemType(
        "missing-date-basis",
        "A date without its basis (warning)",
        (
            "the row has a date but no date_basis: is it the paper's (paper) or taken from another work "
            "(that work's BibTeX key)?",
        ),
    ),
    ProblemType(
        "missing-date-precision",
        "A date without its precision (warning)",
        ("the row has a date but no date_precision (day, month, year, decade, approx, habitual)",),
    ),
    ProblemType("quote-too-long", "A quote over the limit", ("the quote has {count} characters; at most {maximum}",)),
    ProblemType(
        "unknown-source",
        "A citation of no BibTeX entry",
        ("{key} is not a key in any sources.bib", "{key} is neither paper nor a key in any sources.bib"),
    ),
    ProblemType(
        "dangling-endpoint", "A relationship to a node that does not exist", ("no {Label} with id {id}{hint}",)
    ),
    ProblemType(
        "wrong-endpoint-label",
        "A relationship between labels the schema does not allow",
        (
            "{TYPE} cannot {start or end} at a {Label}; allowed: {labels}",
            "{id} is a {Label}, but {TYPE} {starts or ends} at {labels}",
            "{TYPE} does not go from {Label} to {Label}",
        ),
    ),
    ProblemType(
        "ambiguous-endpoint",
        "An id that several labels share",
        ("{id} is a {Label} and a {Label}; add a {end}_label column",),
    ),
    ProblemType(
        "formula-injection",
        "A cell that starts like a spreadsheet formula (warning)",
        ("{start} starts like a spreadsheet formula",),
    ),
    ProblemType(
        "unmapped-country",
        "A country code or name the crosswalk does not know (warning)",
        ("{value} is no state the crosswalk knows; left out of {count} row(s)",),
    ),
    ProblemType(
        "duplicate-value",
        "A value given twice (warning)",
        ("{count} value(s) repeat a state, indicator and year given earlier; the first was kept",),
    ),
)
PROBLEM_TYPE = {t.code: t for t in PROBLEM_TYPES}


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
        if type not in PROBLEM_TYPE:
            raise ValueError(f"problem type {type!r} is not in errors.PROBLEM_TYPES: add it there")
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
