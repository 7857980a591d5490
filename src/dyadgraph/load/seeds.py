"""Read seed directories and validate them into a typed graph, collecting every problem.

A seed directory holds `<Label>.csv` per node label, `<TYPE>.csv` per relationship type
and `sources.bib`. Reading never raises on bad input: every mistake becomes a Problem in
the Report, with file, line and column, and the caller decides what to do.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import Report
from ..schema import (
    DATE_BASIS_PAPER,
    DERIVED_LABELS,
    NODE_BY_NAME,
    NODES,
    QUOTE_MAX,
    REL_BY_NAME,
    RELATIONSHIPS,
    NodeLabel,
    Prop,
    RelType,
)
from .bib import read_bibtex
from .dating import check_dating

ENDPOINT_COLUMNS = ("from", "to", "from_label", "to_label")
# ASCII digits only: a date is stored as text, and full-width digits would sort and compare wrongly.
ISO_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
INTEGER = re.compile(r"^[+-]?[0-9]+$")
# Stricter than float(), which also takes "nan", "infinity" and "1_000".
DECIMAL = re.compile(r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")
INT64_RANGE = range(-(2**63), 2**63)
FORMULA_START = ("=", "+", "-", "@")
KEY_COLUMNS = ("id", "from", "to", "source", "via")
# Files a spreadsheet may leave where a CSV was meant to be.
SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".ods", ".numbers", ".tsv")
SPREADSHEET_MAGIC = {
    b"PK\x03\x04": "an Excel or OpenDocument workbook",
    b"\xd0\xcf\x11\xe0": "an Excel 97-2003 workbook",
}
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# surrogateescape decoding turns each byte that is not UTF-8 into one of these code points
UNDECODABLE = re.compile("[\udc80-\udcff]")
DATE_PROPS = ("date", "since", "until")
# Which property tells two relationships between the same endpoints apart in their id.
ID_DISCRIMINATORS = ("kind", "role", "year", "since")


@dataclass
class Row:
    values: dict[str, Any]
    file: str
    line: int


@dataclass
class Graph:
    """Validated, typed rows ready for a backend; the same input always gives the same Graph."""

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # keyed by (type, from_label, to_label): one Kùzu COPY per endpoint pair
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def node_counts(self) -> dict[str, int]:
        return {label.name: len(self.nodes.get(label.name, [])) for label in NODES}

    def rel_counts(self) -> dict[str, int]:
        counts = {rel.name: 0 for rel in RELATIONSHIPS}
        for (name, _, _), rows in self.rels.items():
            counts[name] += len(rows)
        return counts

    def version(self) -> str:
        """A hash of the seed files' names and bytes: the data version a paper can cite."""
        return files_version(self.files)


def files_version(files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: (p.parent.name, p.name)):
        digest.update(f"{path.parent.name}/{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def parse_date(text: str) -> tuple[date, date] | None:
    """The first and last day an ISO 8601 date of year, month or day precision can mean."""
    match = ISO_DATE.match(text)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            first = date(year, month, 1)
            following = date(year + (month == 12), month % 12 + 1, 1)
            return first, date.fromordinal(following.toordinal() - 1)
        exact = date(year, month, day)
        return exact, exact
    except ValueError:
        return None


def read_csv(path: Path, report: Report) -> tuple[list[str], list[Row]]:
    """The header and rows of a CSV file; problems go to the report, never an exception."""
    name = _display(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.add("unreadable-file", f"cannot read the file: {exc.strerror}", name)
        return [], []
    if not data.strip():
        report.add("empty-file", "the file is empty (a header row is needed at least)", name, 1)
        return [], []
    for magic, what in SPREADSHEET_MAGIC.items():
        if data.startswith(magic):
            report.add("encoding", f"this is {what}, not a CSV file; save it as CSV (UTF-8)", name, 1)
            return [], []
    if data.startswith(UTF16_BOMS):
        report.add("encoding", "the file is UTF-16 (a spreadsheet's Unicode text?); save it as CSV (UTF-8)", name, 1)
        return [], []
    if data.startswith(UTF8_BOM):
        report.add(
            "byte-order-mark",
            "the file starts with a UTF-8 byte order mark; it was ignored",
            name,
            1,
            severity="warning",
        )
        data = data[len(UTF8_BOM) :]
    text = data.decode("utf-8", errors="surrogateescape")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] = []
    rows: list[Row] = []
    previous_end = 0
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not record or record == [""]:
                continue
            if not header:
                header = record
                if _undecodable(record, header, name, start, report) or _wrong_delimiter(header, name, report):
                    return [], []
                continue
            if len(record) != len(header):
                _ragged(record, header, name, start, report)
                continue
            if not _undecodable(record, header, name, start, report):
                rows.append(Row(dict(zip(header, record, strict=True)), name, start))
    except csv.Error as exc:
        # The lines as the csv reader counted them (\r, \n, \r\n; not str.splitlines' others).
        lines = io.StringIO(text, newline="").readlines()
        column, message = _quote_problem("".join(lines[previous_end:]), header, str(exc))
        report.add("malformed-csv", message, name, previous_end + 1, column)
    return header, rows


def _undecodable(record: list[str], header: list[str], name: str, line: int, report: Report) -> bool:
    """Report the cells holding bytes that are not UTF-8, or NUL; True when there were any."""
    bad = False
    for index, cell in enumerate(record):
        column = header[index] if index < len(header) and header is not record else str(index + 1)
        if found := UNDECODABLE.search(cell):
            byte = ord(found.group()) - 0xDC00
            report.add("encoding", f"not UTF-8 (byte 0x{byte:02x}); save the file as CSV (UTF-8)", name, line, column)
            bad = True
        elif "\x00" in cell:
            report.add("encoding", "a NUL byte in the cell; is the file a spreadsheet, not a CSV?", name, line, column)
            bad = True
    return bad


def _wrong_delimiter(header: list[str], name: str, report: Report) -> bool:
    if len(header) == 1:
        for delimiter, called in ((";", "semicolons"), ("\t", "tabs")):
            if delimiter in header[0]:
                report.add(
                    "malformed-csv",
                    f"the columns are separated by {called}, not commas; save the file as CSV (UTF-8, comma)",
                    name,
                    1,
                )
                return True
    return False


def _ragged(record: list[str], header: list[str], name: str, line: int, report: Report) -> None:
    if len(record) < len(header):
        column = header[len(record)]
        hint = "is a cell missing?"
    else:
        column = str(len(header) + 1)
        hint = "a cell with a comma in it needs double quotes"
    report.add("ragged-row", f"{len(record)} cells where the header has {len(header)}; {hint}", name, line, column)


def _quote_problem(text: str, header: list[str], error: str) -> tuple[str, str]:
    """Which cell of the record at the start of `text` breaks the CSV quoting, and how.

    The csv module only says that a record is broken; this walks the record the same way
    to name the column and tell an unclosed quote from text after a closing quote.
    """
    position, index = 0, 0
    while position < len(text):
        if text[position] == '"':
            close = position + 1
            while close < len(text) and not (text[close] == '"' and text[close + 1 : close + 2] != '"'):
                close += 2 if text[close] == '"' else 1
            column = header[index] if index < len(header) else str(index + 1)
            if close >= len(text):
                return column, "the quote that opens this cell is never closed"
            after = close + 1
            if after < len(text) and text[after] not in ",\r\n":
                closed_at = text.count("\n", 0, close)
                where = f" (it closes {closed_at} line(s) further down)" if closed_at else ""
                return column, f"text follows the closing quote of this cell{where}: an unclosed or undoubled quote?"
            position = after
        else:
            while position < len(text) and text[position] not in ",\r\n":
                position += 1
        if position >= len(text) or text[position] != ",":
            break
        position += 1
        index += 1
    return "", f"malformed CSV: {error}"


def _display(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _check_header(header: list[str], allowed: dict[str, Prop], extra: Iterable[str], name: str, report: Report) -> bool:
    ok = True
    seen: set[str] = set()
    known = [*allowed, *extra]
    for index, column in enumerate(header):
        if not column.strip():
            report.add("unknown-column", f"column {index + 1} has no name (a trailing comma?)", name, 1, str(index + 1))
            ok = False
            continue
        if column != column.strip() and column.strip() in known:
            report.add("stray-space", f"the column name {column!r} has a space at its start or end", name, 1, column)
            column = column.strip()
            ok = False
        if column.startswith("\ufeff"):
            # One BOM is stripped from the file's start; this one came with text pasted or saved twice.
            column = column.lstrip("\ufeff")
            message = f"an invisible byte order mark stands before {column!r}; save the file as CSV (UTF-8) again"
            report.add("byte-order-mark", message, name, 1, column)
            ok = False
        if column in seen:
            report.add("duplicate-column", f"column {column!r} appears twice", name, 1, column)
            ok = False
        seen.add(column)
        if column not in known:
            report.add("unknown-column", f"unknown column {column!r}; {_column_hint(column, known)}", name, 1, column)
            ok = False
    for prop in allowed.values():
        if prop.required and not prop.derived and prop.name not in seen:
            report.add("missing-column", f"required column {prop.name!r} is missing", name, 1, prop.name)
            ok = False
    return ok


def _column_hint(column: str, known: list[str]) -> str:
    same = [k for k in known if k == column.strip().lower()]
    close = same or difflib.get_close_matches(column.strip().lower(), known, n=1)
    return f"did you mean {close[0]!r}?" if close else f"known columns: {', '.join(known)}"


def _convert(prop: Prop, raw: str, row: Row, report: Report) -> Any:
    """The typed value of one cell, or None with a problem reported."""
    if raw == "":
        return None
    where = (row.file, row.line, prop.name)
    if prop.name in KEY_COLUMNS and raw != raw.strip():
        report.add("stray-space", f"{raw!r} has a space at its start or end; an id must match exactly", *where)
        raw = raw.strip()
    if prop.type == "INT64":
        if not INTEGER.match(raw.strip()):
            report.add("bad-number", f"{raw!r} is not a whole number{_number_hint(raw)}", *where)
            return None
        whole = int(raw)
        if whole not in INT64_RANGE:
            report.add("bad-number", f"{raw!r} is too large for a 64-bit integer", *where)
            return None
        return whole
    if prop.type == "DOUBLE":
        if not DECIMAL.match(raw.strip()):
            report.add("bad-number", f"{raw!r} is not a number{_number_hint(raw)}", *where)
            return None
        number = float(raw)
        if number in (float("inf"), float("-inf")):
            report.add("bad-number", f"{raw!r} is too large a number", *where)
            return None
        if prop.name.endswith("_share") and not 0 <= number <= 1:
            report.add("share-out-of-range", f"{raw} is outside 0..1 (a share is a fraction: 83% is 0.83)", *where)
        return number
    if prop.type == "BOOL":
        lowered = raw.strip().lower()
        if lowered in ("true", "1", "yes"):
            return True
        if lowered in ("false", "0", "no"):
            return False
        report.add("bad-boolean", f"{raw!r} is not true or false", *where)
        return None
    if prop.enum and raw not in prop.enum:
        close = difflib.get_close_matches(raw, prop.enum, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"one of: {', '.join(prop.enum)}"
        report.add("unknown-enum", f"{raw!r} is not a known {prop.name}; {hint}", *where)
        return None
    if prop.name in DATE_PROPS and parse_date(raw) is None:
        hint = _number_hint(raw)
        report.add("bad-date", f"{raw!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD){hint}", *where)
        return None
    if prop.name == "quote" and len(raw) > QUOTE_MAX:
        report.add("quote-too-long", f"the quote has {len(raw)} characters; at most {QUOTE_MAX}", *where)
    if raw.startswith(FORMULA_START) and not _is_number(raw):
        report.add("formula-injection", f"{raw[:30]!r} starts like a spreadsheet formula", *where, severity="warning")
    return raw


def _is_number(text: str) -> bool:
    return DECIMAL.match(text) is not None


def _number_hint(raw: str) -> str:
    """Why a cell that looks numeric to a person is not a number to the reader."""
    if any(ch.isdigit() and not ch.isascii() for ch in raw):
        return "; use the digits 0-9 (not full-width ones)"
    if raw.strip().endswith("%"):
        return "; write a percentage as a fraction (83% is 0.83)"
    if "," in raw:
        return "; use a point as the decimal mark and no thousands separator"
    return ""


def _typed(row: Row, props: dict[str, Prop], report: Report) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, prop in props.items():
        values[name] = _convert(prop, row.values.get(name, ""), row, report)
        if prop.required and not prop.derived and values[name] is None and row.values.get(name, "") == "":
            report.add("missing-value", f"{name!r} is required", row.file, row.line, name)
    return values


def _derive_years(values: dict[str, Any], row: Row, report: Report, pairs: Iterable[tuple[str, str]]) -> None:
    """Fill a derived year from its date, or check that a given one agrees."""
    for date_prop, year_prop in pairs:
        when = values.get(date_prop)
        derived = int(when[:4]) if when else None
        given = values.get(year_prop)
        if given is not None and derived is not None and given != derived:
            report.add(
                "year-mismatch", f"{year_prop} {given} does not match {date_prop} {when}", row.file, row.line, year_prop
            )
        if given is None:
            values[year_prop] = derived


def _check_interval(values: dict[str, Any], row: Row, report: Report) -> None:
    since, until = values.get("since"), values.get("until")
    if since and until:
        since_span, until_span = parse_date(since), parse_date(until)
        if since_span and until_span and since_span[0] > until_span[1]:
            report.add("since-after-until", f"since {since} is after until {until}", row.file, row.line, "since")


@dataclass
class _Known:
    """What rows may refer to, and what has been reported already, so one mistake is one problem."""

    report: Report
    ids: dict[str, dict[str, Row]]
    keys: set[str]
    # BibTeX entries that exist but are broken, and labels whose file was rejected: both are
    # reported where they are, not again at every row that refers to them.
    broken_keys: set[str] = field(default_factory=set)
    unreadable: set[str] = field(default_factory=set)
    # Labels with no file in any seed directory: reported once, at the first row needing one.
    absent: set[str] = field(default_factory=set)
    announced: set[str] = field(default_factory=set)
    check_citations: bool = True

    def citations(self, values: dict[str, Any], row: Row) -> None:
        for column in ("source", "via", "date_basis"):
            key = values.get(column)
            if column == "date_basis" and key == DATE_BASIS_PAPER:
                continue
            if self.check_citations and key and key not in self.keys and key not in self.broken_keys:
                message = f"{key!r} is not a key in any sources.bib"
                if column == "date_basis":
                    message = f"{key!r} is neither {DATE_BASIS_PAPER} nor a key in any sources.bib"
                self.report.add("unknown-source", message, row.file, row.line, column)

    def absent_file(self, labels: Iterable[str], node_id: str, row: Row, end: str) -> bool:
        """Report a missing node file once; True when `labels` include one."""
        missing = [label for label in labels if label in self.absent]
        if not missing:
            return False
        if missing[0] not in self.announced:
            self.announced.add(missing[0])
            self.report.add(
                "missing-file",
                f"there is no {missing[0]}.csv in the seed directories, so {node_id!r} cannot be found",
                row.file,
                row.line,
                end,
            )
        return True


def _node_rows(label: NodeLabel, rows: list[Row], known: _Known) -> list[dict[str, Any]]:
    props = {p.name: p for p in label.props}
    seen = known.ids[label.name]
    typed = []
    for row in rows:
        values = _typed(row, props, known.report)
        if label.name == "Event":
            values["name"] = values.get("title")
            _derive_years(values, row, known.report, [("date", "year")])
        check_dating(values, row.values, props, (row.file, row.line), known.report, date_required=label.name == "Event")
        known.citations(values, row)
        node_id = values.get("id")
        if node_id is None:
            continue
        if node_id in seen:
            first = seen[node_id]
            known.report.add(
                "duplicate-id",
                f"id {node_id!r} already used at {first.file} line {first.line}",
                row.file,
                row.line,
                "id",
            )
            continue
        seen[node_id] = row
        typed.append(values)
    return typed


def _resolve_endpoint(rel: RelType, end: str, row: Row, known: _Known) -> str | None:
    """The label of the node a relationship row's `from` or `to` names, or None with a problem."""
    candidates = rel.from_labels if end == "from" else rel.to_labels
    raw: str = row.values.get(end, "")
    node_id = raw.strip()
    stated: str = row.values.get(f"{end}_label", "")
    where = (row.file, row.line)
    report, ids = known.report, known.ids
    if not node_id:
        report.add("missing-value", f"{end!r} is required", *where, end)
        return None
    if node_id != raw:
        report.add("stray-space", f"{raw!r} has a space at its start or end; an id must match exactly", *where, end)
    if stated:
        if stated not in candidates:
            report.add(
                "wrong-endpoint-label",
                f"{rel.name} cannot {'start' if end == 'from' else 'end'} at a "
                f"{stated}; allowed: {', '.join(candidates)}",
                *where,
                f"{end}_label",
            )
            return None
        if node_id not in ids.get(stated, {}):
            if stated in known.unreadable or known.absent_file([stated], node_id, row, end):
                return None
            elsewhere = [label for label, labelled in ids.items() if node_id in labelled]
            hint = f" (it is a {elsewhere[0]})" if elsewhere else ""
            report.add("dangling-endpoint", f"no {stated} with id {node_id!r}{hint}", *where, end)
            return None
        return stated
    found = [label for label in candidates if node_id in ids.get(label, {})]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        report.add(
            "ambiguous-endpoint", f"{node_id!r} is a {' and a '.join(found)}; add a {end}_label column", *where, end
        )
        return None
    if known.unreadable.intersection(candidates) or known.absent_file(candidates, node_id, row, end):
        return None
    if "Source" in candidates and (node_id in known.broken_keys or not known.check_citations):
        return None
    elsewhere = [label for label, labelled in ids.items() if node_id in labelled]
    if elsewhere:
        report.add(
            "wrong-endpoint-label",
            f"{node_id!r} is a {elsewhere[0]}, but {rel.name} "
            f"{'starts' if end == 'from' else 'ends'} at {' or '.join(candidates)}",
            *where,
            end,
        )
    else:
        report.add("dangling-endpoint", f"no {' or '.join(candidates)} with id {node_id!r}", *where, end)
    return None


def _rel_id(rel: RelType, values: dict[str, Any], taken: dict[str, int]) -> str:
    base = f"{values['from']}>{rel.name}>{values['to']}"
    discriminator = next((values[p] for p in ID_DISCRIMINATORS if values.get(p) is not None), None)
    if discriminator is not None:
        base += f":{discriminator}"
    taken[base] = taken.get(base, 0) + 1
    return base if taken[base] == 1 else f"{base}#{taken[base]}"


def _seed_files(directory: Path, report: Report) -> list[Path]:
    """The directory's CSV files (any case of .csv), with warnings for files that will not be read."""
    csvs = []
    for path in sorted(directory.iterdir()):
        if path.suffix.lower() == ".csv":
            csvs.append(path)
        elif path.suffix.lower() in SPREADSHEET_SUFFIXES and (path.stem in NODE_BY_NAME or path.stem in REL_BY_NAME):
            report.add(
                "unknown-file",
                f"{path.name} is not read: dyadgraph reads {path.stem}.csv (save the sheet as CSV UTF-8)",
                _display(path),
                severity="warning",
            )
    return csvs


def _unknown_file(path: Path, report: Report) -> None:
    names = [*NODE_BY_NAME, *REL_BY_NAME]
    close = [n for n in names if n.lower() == path.stem.lower()] or difflib.get_close_matches(path.stem, names, n=1)
    hint = f"; did you mean {close[0]}.csv?" if close and close[0] != "Source" else ""
    report.add(
        "unknown-file",
        f"{path.name} is neither a node label nor a relationship type (Source nodes come from sources.bib){hint}",
        _display(path),
        severity="warning",
    )


def read_seeds(directories: Iterable[Path]) -> tuple[Graph, Report]:
    """Read and validate seed directories together; the graph is only usable when report.ok."""
    report = Report()
    graph = Graph()
    node_rows: dict[str, list[Row]] = {label.name: [] for label in NODES}
    rel_rows: dict[str, list[Row]] = {rel.name: [] for rel in RELATIONSHIPS}
    known = _Known(report, {label.name: {} for label in NODES}, set())
    sources: list[dict[str, Any]] = []
    bib_lines: dict[str, tuple[str, int]] = {}
    present: set[str] = set()
    directories_read: list[Path] = []
    for directory in directories:
        if not directory.is_dir():
            report.add("missing-directory", f"{directory} is not a directory")
            continue
        if directory.name in {d.name for d in directories_read}:
            report.add("duplicate-id", f"two seed directories are named {directory.name!r}", str(directory))
            continue
        bib = directory / "sources.bib"
        csvs = _seed_files(directory, report)
        if not csvs and not bib.exists():
            # Loading it would replace the graph with an empty one: a wrong path, most likely.
            message = "the directory holds no seed files (<Label>.csv, <TYPE>.csv, sources.bib)"
            report.add("empty-directory", message, str(directory))
            continue
        directories_read.append(directory)
        if bib.exists():
            graph.files.append(bib)
            bib_file = read_bibtex(bib, report)
            known.broken_keys |= bib_file.broken
            for entry in bib_file.rows:
                line = bib_file.lines.get(entry["id"])
                if entry["id"] in known.keys:
                    first_file, first_line = bib_lines[entry["id"]]
                    report.add(
                        "duplicate-id",
                        f"BibTeX key {entry['id']!r} is also defined in {first_file} line {first_line}",
                        _display(bib),
                        line,
                        "key",
                    )
                    continue
                known.keys.add(entry["id"])
                bib_lines[entry["id"]] = (_display(bib), line or 0)
                sources.append(entry)
        for path in csvs:
            graph.files.append(path)
            name = path.stem
            target = node_rows if name in NODE_BY_NAME else rel_rows if name in REL_BY_NAME else None
            if target is None or name in DERIVED_LABELS:
                _unknown_file(path, report)
                continue
            present.add(name)
            errors_before = len(report.errors)
            header, rows = read_csv(path, report)
            if len(report.errors) > errors_before:
                known.unreadable.add(name)
            if not header:
                continue
            if name in NODE_BY_NAME:
                allowed = {p.name: p for p in NODE_BY_NAME[name].props}
                extra: tuple[str, ...] = ()
            else:
                allowed = {p.name: p for p in REL_BY_NAME[name].props}
                extra = ENDPOINT_COLUMNS
            header_ok = _check_header(header, allowed, extra, _display(path), report)
            for column in ("from", "to") if extra else ():
                if column not in header:
                    report.add("missing-column", f"required column {column!r} is missing", _display(path), 1, column)
                    header_ok = False
            if header_ok:
                target[name].extend(rows)
            else:
                known.unreadable.add(name)

    if directories_read and not known.keys and not known.broken_keys:
        # Every row cites a source: one problem here instead of one at every citation.
        bibs = [d / "sources.bib" for d in directories_read if (d / "sources.bib").exists()]
        for bib in bibs:
            report.add("empty-file", "the file holds no BibTeX entries, and every row cites one", _display(bib), 1)
        if not bibs:
            missing = _display(directories_read[0] / "sources.bib")
            message = "there is no sources.bib in the seed directories, and every row cites one"
            report.add("missing-file", message, missing)
        known.check_citations = False
    known.absent = {label.name for label in NODES if label.name not in DERIVED_LABELS and label.name not in present}
    graph.nodes["Dataset"] = [
        {
            "id": d.name,
            "name": d.name,
            "version": files_version(f for f in graph.files if f.parent == d),
            "files": sum(1 for f in graph.files if f.parent == d),
        }
        for d in directories_read
    ]
    for entry in sources:
        known.ids["Source"][entry["id"]] = Row({}, "sources.bib", 0)
    graph.nodes["Source"] = sources
    for label in NODES:
        if label.name not in DERIVED_LABELS:
            graph.nodes[label.name] = _node_rows(label, node_rows[label.name], known)

    for rel in RELATIONSHIPS:
        props = {p.name: p for p in rel.props}
        taken: dict[str, int] = {}
        for row in rel_rows[rel.name]:
            values = _typed(row, props, report)
            _check_interval(values, row, report)
            check_dating(values, row.values, props, (row.file, row.line), report, date_required=False)
            if rel.name == "TIE":
                _derive_years(values, row, report, [("since", "year_from"), ("until", "year_to")])
            known.citations(values, row)
            from_label = _resolve_endpoint(rel, "from", row, known)
            to_label = _resolve_endpoint(rel, "to", row, known)
            if from_label is None or to_label is None:
                continue
            if (from_label, to_label) not in rel.endpoints:
                report.add(
                    "wrong-endpoint-label",
                    f"{rel.name} does not go from {from_label} to {to_label}",
                    row.file,
                    row.line,
                    "to",
                )
                continue
            values["from"], values["to"] = row.values["from"].strip(), row.values["to"].strip()
            values["id"] = _rel_id(rel, values, taken)
            graph.rels.setdefault((rel.name, from_label, to_label), []).append(values)
    return graph, report
