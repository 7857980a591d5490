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

ENDPOINT_COLUMNS = ("from", "to", "from_label", "to_label")
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
INTEGER = re.compile(r"^[+-]?\d+$")
FORMULA_START = ("=", "+", "-", "@")
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
    data = path.read_bytes()
    if not data.strip():
        report.add("empty-file", "the file is empty (a header row is needed at least)", name, 1)
        return [], []
    if data.startswith(b"\xef\xbb\xbf"):
        report.add(
            "byte-order-mark",
            "the file starts with a UTF-8 byte order mark; it was ignored",
            name,
            1,
            severity="warning",
        )
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        report.add("encoding", f"not UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8", name, line)
        return [], []
    if "\x00" in text:
        report.add("encoding", "the file contains NUL bytes; is it a spreadsheet, not a CSV?", name, 1)
        return [], []
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
                continue
            if len(record) != len(header):
                report.add("ragged-row", f"{len(record)} cells where the header has {len(header)}", name, start)
                continue
            rows.append(Row(dict(zip(header, record, strict=True)), name, start))
    except csv.Error as exc:
        report.add("malformed-csv", f"malformed CSV: {exc} (an unclosed quote?)", name, previous_end + 1)
    return header, rows


def _display(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _check_header(header: list[str], allowed: dict[str, Prop], extra: Iterable[str], name: str, report: Report) -> bool:
    ok = True
    seen: set[str] = set()
    for column in header:
        if column in seen:
            report.add("duplicate-column", f"column {column!r} appears twice", name, 1, column)
            ok = False
        seen.add(column)
        if column not in allowed and column not in extra:
            known = ", ".join([*allowed, *extra])
            report.add("unknown-column", f"unknown column {column!r}; known columns: {known}", name, 1, column)
            ok = False
    for prop in allowed.values():
        if prop.required and not prop.derived and prop.name not in seen:
            report.add("missing-column", f"required column {prop.name!r} is missing", name, 1, prop.name)
            ok = False
    return ok


def _convert(prop: Prop, raw: str, row: Row, report: Report) -> Any:
    """The typed value of one cell, or None with a problem reported."""
    if raw == "":
        return None
    where = (row.file, row.line, prop.name)
    if prop.type == "INT64":
        if INTEGER.match(raw.strip()):
            return int(raw)
        report.add("bad-number", f"{raw!r} is not a whole number", *where)
        return None
    if prop.type == "DOUBLE":
        try:
            number = float(raw)
        except ValueError:
            report.add("bad-number", f"{raw!r} is not a number", *where)
            return None
        if number != number or number in (float("inf"), float("-inf")):
            report.add("bad-number", f"{raw!r} is not a finite number", *where)
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
        report.add("bad-date", f"{raw!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)", *where)
        return None
    if prop.name == "quote" and len(raw) > QUOTE_MAX:
        report.add("quote-too-long", f"the quote has {len(raw)} characters; at most {QUOTE_MAX}", *where)
    if raw.startswith(FORMULA_START) and not _is_number(raw):
        report.add("formula-injection", f"{raw[:30]!r} starts like a spreadsheet formula", *where, severity="warning")
    return raw


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


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


def _check_citation(values: dict[str, Any], keys: set[str], row: Row, report: Report) -> None:
    for column in ("source", "via"):
        key = values.get(column)
        if key and key not in keys:
            report.add("unknown-source", f"{key!r} is not a key in any sources.bib", row.file, row.line, column)


def _node_rows(
    label: NodeLabel, rows: list[Row], keys: set[str], report: Report, seen: dict[str, Row]
) -> list[dict[str, Any]]:
    props = {p.name: p for p in label.props}
    typed = []
    for row in rows:
        values = _typed(row, props, report)
        if label.name == "Event":
            values["name"] = values.get("title")
            _derive_years(values, row, report, [("date", "year")])
        _check_citation(values, keys, row, report)
        node_id = values.get("id")
        if node_id is None:
            continue
        if node_id in seen:
            first = seen[node_id]
            report.add(
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


def _resolve_endpoint(
    rel: RelType, end: str, row: Row, ids: dict[str, dict[str, Row]], report: Report, unreadable: set[str]
) -> str | None:
    """The label of the node a relationship row's `from` or `to` names, or None with a problem."""
    candidates = rel.from_labels if end == "from" else rel.to_labels
    node_id: str = row.values.get(end, "")
    stated: str = row.values.get(f"{end}_label", "")
    where = (row.file, row.line)
    if not node_id:
        report.add("missing-value", f"{end!r} is required", *where, end)
        return None
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
            if stated in unreadable:
                return None
            elsewhere = [label for label, known in ids.items() if node_id in known]
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
    if unreadable.intersection(candidates):
        return None
    elsewhere = [label for label, known in ids.items() if node_id in known]
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


def read_seeds(directories: Iterable[Path]) -> tuple[Graph, Report]:
    """Read and validate seed directories together; the graph is only usable when report.ok."""
    report = Report()
    graph = Graph()
    node_rows: dict[str, list[Row]] = {label.name: [] for label in NODES}
    rel_rows: dict[str, list[Row]] = {rel.name: [] for rel in RELATIONSHIPS}
    keys: set[str] = set()
    sources: list[dict[str, Any]] = []
    # Labels with a rejected file: references into them are not reported again as dangling.
    unreadable: set[str] = set()
    directories_read: list[Path] = []
    for directory in directories:
        if not directory.is_dir():
            report.add("missing-directory", f"{directory} is not a directory")
            continue
        if directory.name in {d.name for d in directories_read}:
            report.add("duplicate-id", f"two seed directories are named {directory.name!r}", str(directory))
            continue
        directories_read.append(directory)
        bib = directory / "sources.bib"
        if bib.exists():
            graph.files.append(bib)
            for entry in read_bibtex(bib, report):
                if entry["id"] in keys:
                    report.add("duplicate-id", f"BibTeX key {entry['id']!r} is defined twice", _display(bib))
                    continue
                keys.add(entry["id"])
                sources.append(entry)
        for path in sorted(directory.glob("*.csv")):
            graph.files.append(path)
            name = path.stem
            target = node_rows if name in NODE_BY_NAME else rel_rows if name in REL_BY_NAME else None
            if target is None or name == "Source":
                report.add(
                    "unknown-file",
                    f"{path.name} is neither a node label nor a relationship type (Source nodes come from sources.bib)",
                    _display(path),
                    severity="warning",
                )
                continue
            errors_before = len(report.errors)
            header, rows = read_csv(path, report)
            if len(report.errors) > errors_before:
                unreadable.add(name)
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
                unreadable.add(name)

    graph.nodes["Dataset"] = [
        {
            "id": d.name,
            "name": d.name,
            "version": files_version(f for f in graph.files if f.parent == d),
            "files": sum(1 for f in graph.files if f.parent == d),
        }
        for d in directories_read
    ]
    ids: dict[str, dict[str, Row]] = {label.name: {} for label in NODES}
    for entry in sources:
        ids["Source"][entry["id"]] = Row({}, "sources.bib", 0)
    graph.nodes["Source"] = sources
    for label in NODES:
        if label.name not in DERIVED_LABELS:
            graph.nodes[label.name] = _node_rows(label, node_rows[label.name], keys, report, ids[label.name])

    for rel in RELATIONSHIPS:
        props = {p.name: p for p in rel.props}
        taken: dict[str, int] = {}
        for row in rel_rows[rel.name]:
            values = _typed(row, props, report)
            _check_interval(values, row, report)
            if rel.name == "TIE":
                _derive_years(values, row, report, [("since", "year_from"), ("until", "year_to")])
            _check_citation(values, keys, row, report)
            from_label = _resolve_endpoint(rel, "from", row, ids, report, unreadable)
            to_label = _resolve_endpoint(rel, "to", row, ids, report, unreadable)
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
            values["from"], values["to"] = row.values["from"], row.values["to"]
            values["id"] = _rel_id(rel, values, taken)
            graph.rels.setdefault((rel.name, from_label, to_label), []).append(values)
    return graph, report
