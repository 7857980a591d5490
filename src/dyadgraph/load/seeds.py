"""Read seed directories and validate them into a typed graph, collecting every problem.

A seed directory holds `<Label>.csv` per node label, `<TYPE>.csv` per relationship type
and `sources.bib`. Reading never raises on bad input: every mistake becomes a Problem in
the Report, with file, line and column, and the caller decides what to do. The files are read
by csvfiles.py and bib.py, their cells typed by cells.py; this module puts the rows together:
headers against the schema, ids, endpoints, citations, the Graph.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Report
from ..model import Graph, files_version
from ..schema import (
    DATE_BASIS_PAPER,
    DERIVED_LABELS,
    NODE_BY_NAME,
    NODES,
    REL_BY_NAME,
    RELATIONSHIPS,
    NodeLabel,
    Prop,
    RelType,
)
from .bib import read_bibtex
from .cells import check_interval, derive_years, typed_values
from .csvfiles import Row, display_name, read_csv
from .dating import check_dating

ENDPOINT_COLUMNS = ("from", "to", "from_label", "to_label")
# Files a spreadsheet may leave where a CSV was meant to be.
SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".ods", ".numbers", ".tsv")
# Which property tells two relationships between the same endpoints apart in their id.
ID_DISCRIMINATORS = ("kind", "role", "year", "since")


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
        values = typed_values(row, props, known.report)
        if label.name == "Event":
            values["name"] = values.get("title")
            derive_years(values, row, known.report, [("date", "year")])
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
                display_name(path),
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
        display_name(path),
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
                        display_name(bib),
                        line,
                        "key",
                    )
                    continue
                known.keys.add(entry["id"])
                bib_lines[entry["id"]] = (display_name(bib), line or 0)
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
            header_ok = _check_header(header, allowed, extra, display_name(path), report)
            for column in ("from", "to") if extra else ():
                if column not in header:
                    report.add(
                        "missing-column", f"required column {column!r} is missing", display_name(path), 1, column
                    )
                    header_ok = False
            if header_ok:
                target[name].extend(rows)
            else:
                known.unreadable.add(name)

    if directories_read and not known.keys and not known.broken_keys:
        # Every row cites a source: one problem here instead of one at every citation.
        bibs = [d / "sources.bib" for d in directories_read if (d / "sources.bib").exists()]
        for bib in bibs:
            report.add("empty-file", "the file holds no BibTeX entries, and every row cites one", display_name(bib), 1)
        if not bibs:
            missing = display_name(directories_read[0] / "sources.bib")
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
            values = typed_values(row, props, report)
            check_interval(values, row, report)
            check_dating(values, row.values, props, (row.file, row.line), report, date_required=False)
            if rel.name == "TIE":
                derive_years(values, row, report, [("since", "year_from"), ("until", "year_to")])
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
