"""Tables: neo4j-admin import CSV files of a subgraph, and LaTeX or Markdown tables of a query's rows.

The CSV files follow neo4j-admin's header format: one file per label with `id:ID(Label)` and
`:LABEL`, one per relationship type and endpoint labels with `:START_ID(Label)`,
`:END_ID(Label)` and `:TYPE`, and every property typed (`year:long`). Ids live in one ID
space per label, because a Strategy and a Concept may share an id.
"""

from __future__ import annotations

import csv
import io
import shlex
from pathlib import Path
from typing import Any

from ..backends.base import Result
from ..latex import PACKAGES, header, table
from ..output import render
from ..queries import Column
from ..schema import NODE_BY_NAME, REL_BY_NAME, REL_ID, neo4j_schema
from .subgraph import Subgraph, parse_key

ADMIN_TYPES = {"STRING": "", "INT64": ":long", "DOUBLE": ":double", "BOOL": ":boolean"}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def neo4j_admin_files(subgraph: Subgraph) -> dict[str, str]:
    """File name to text: nodes/<Label>.csv, relationships/<TYPE>-<From>-<To>.csv, schema.cypher and import.sh."""
    files: dict[str, str] = {}
    labels = list(dict.fromkeys(n.label for n in subgraph.nodes))
    for label in labels:
        columns = [p for p in NODE_BY_NAME[label].props if p.name != "id"]
        header = [f"id:ID({label})", ":LABEL", *(p.name + ADMIN_TYPES[p.type] for p in columns)]
        rows = [
            [node.id, label, *(_cell(node.properties.get(p.name)) for p in columns)]
            for node in subgraph.nodes
            if node.label == label
        ]
        files[f"nodes/{label}.csv"] = _csv_text(header, rows)
    groups: dict[tuple[str, str, str], list[list[str]]] = {}
    for rel in subgraph.relationships:
        (from_label, from_id), (to_label, to_id) = parse_key(rel.start), parse_key(rel.end)
        props = (REL_ID, *REL_BY_NAME[rel.type].props)
        row = [from_id, to_id, rel.type, *(_cell(rel.properties.get(p.name)) for p in props)]
        groups.setdefault((rel.type, str(from_label), str(to_label)), []).append(row)
    for (rel_type, from_label, to_label), rows in groups.items():
        props = (REL_ID, *REL_BY_NAME[rel_type].props)
        header = [
            f":START_ID({from_label})",
            f":END_ID({to_label})",
            ":TYPE",
            *(p.name + ADMIN_TYPES[p.type] for p in props),
        ]
        files[f"relationships/{rel_type}-{from_label}-{to_label}.csv"] = _csv_text(header, rows)
    # neo4j-admin creates no constraint or index (its --schema is Enterprise-only): without them
    # every lookup by id scans a label, so they are created once the server serves the database.
    files["schema.cypher"] = "".join(f"{statement};\n" for statement in neo4j_schema())
    arguments = [f"--nodes={name}" for name in files if name.startswith("nodes/")]
    arguments += [f"--relationships={name}" for name in files if name.startswith("relationships/")]
    files["import.sh"] = (
        "#!/bin/sh\n"
        f"# Imports {len(subgraph.nodes)} nodes and {len(subgraph.relationships)} relationships into a new\n"
        "# Neo4j 5 database (neo4j-admin imports into an empty or absent database only):\n"
        "#   ./import.sh [database [neo4j-admin options]]    (default: neo4j), with the Neo4j server stopped\n"
        "#   ./import.sh neo4j --overwrite-destination        replaces the database neo4j\n"
        "# then, with the server started, dyadgraph's constraints and indexes, which neo4j-admin\n"
        "# does not create:  cypher-shell -d neo4j -f schema.cypher\n"
        'cd "$(dirname "$0")" || exit 1\n'
        "database=${1:-neo4j}\n"
        "[ $# -eq 0 ] || shift\n"
        'exec neo4j-admin database import full "$database" --multiline-fields=true \\\n  '
        + " \\\n  ".join([*(shlex.quote(a) for a in arguments), '"$@"'])
        + "\n"
    )
    return files


def write_neo4j_admin(subgraph: Subgraph, directory: Path, lang: str = "en", title: str | None = None) -> list[Path]:
    """The folder of neo4j-admin import files (the `csv` renderer; ids and property values need no lang or title)."""
    written = []
    for name, text in neo4j_admin_files(subgraph).items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if name.endswith(".sh"):
            path.chmod(0o755)
        written.append(path)
    return written


def command_line(query: str, parameters: dict[str, Any]) -> str:
    given = "".join(f" -p {name} {shlex.quote(str(value))}" for name, value in parameters.items())
    return f"dyadgraph query {query}{given}"


def latex_table(
    result: Result,
    query: str,
    parameters: dict[str, Any],
    caption: str,
    data_version: str,
    columns: tuple[Column, ...] = (),
) -> str:
    """A booktabs table as wide as the text, captioned and labelled by the query's name, headed by
    the query's declared columns (their ids as words where it declares none)."""
    declared = {column.name: column for column in columns}
    headers = [declared[c].header if c in declared else header(c) for c in result.columns]
    cites = [c in declared and declared[c].cites for c in result.columns]
    body = table(result, headers, cites, caption=caption, label=f"tab:{query}")
    return f"% {command_line(query, parameters)} (data version {data_version})\n% needs {PACKAGES}\n{body}"


def markdown_table(
    result: Result,
    query: str,
    parameters: dict[str, Any],
    caption: str,
    data_version: str,
    columns: tuple[Column, ...] = (),
) -> str:
    """A pipe table with a pandoc caption line, and the command that made it."""
    return (
        f"{render(result, 'md')}\n"
        f"Table: {caption}\n\n"
        f"<!-- {command_line(query, parameters)} (data version {data_version}) -->\n"
    )
