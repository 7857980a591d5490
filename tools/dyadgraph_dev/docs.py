"""The generated sections of README.md, seeds/mongolia/README.md and docs/ontology.md (cog blocks)."""

from __future__ import annotations

from typer.testing import CliRunner

from dyadgraph.schema import Prop


def command_reference() -> str:
    import typer

    from dyadgraph.cli import app

    runner = CliRunner()
    group = typer.main.get_command(app)
    names = list(getattr(group, "commands", {}))
    parts = []
    for command in [None, *names]:
        args = [command, "--help"] if command else ["--help"]
        result = runner.invoke(app, args, terminal_width=88, prog_name="dyadgraph")
        title = f"dyadgraph {command}" if command else "dyadgraph"
        parts.append(f"\n### `{title}`\n\n```\n{result.stdout.rstrip()}\n```\n")
    return "".join(parts) + "\n"


def dataset_counts(name: str) -> str:
    """Counts per label and relationship type of a shipped dataset, as a Markdown table."""
    from dyadgraph.load.seeds import read_seeds
    from dyadgraph.resources import seeds_dir

    graph, _ = read_seeds([seeds_dir() / name])
    lines = ["| element | count |", "|---|---|"]
    lines += [f"| `{label}` | {count} |" for label, count in graph.node_counts().items()]
    lines += [f"| `{rel}` | {count} |" for rel, count in graph.rel_counts().items()]
    return "\n".join(lines) + "\n"


def property_rows(props: tuple[Prop, ...]) -> list[str]:
    """Markdown table rows: name, type, and what the schema says of it (meaning, required, derived, values)."""
    out = []
    for p in props:
        notes = [p.doc] if p.doc else []
        if p.required and not p.derived:
            notes.append("required")
        if p.derived:
            notes.append("derived by the loader; optional")
        if p.enum:
            notes.append("one of: " + ", ".join(f"`{v}`" for v in p.enum))
        out.append(f"| `{p.name}` | {p.type.lower()} | {'; '.join(notes)} |")
    return out


def column_dictionary() -> str:
    """Every seed file's columns with type and meaning, from the schema declaration."""
    from dyadgraph.load.seeds import ENDPOINT_COLUMNS
    from dyadgraph.schema import DERIVED_LABELS, NODES, RELATIONSHIPS

    parts = []
    for node in NODES:
        if node.name in DERIVED_LABELS:
            continue
        parts += [f"### `{node.name}.csv`", "", node.doc, "", "| column | type | meaning |", "|---|---|---|"]
        parts += [*property_rows(node.props), ""]
    for rel in RELATIONSHIPS:
        pairs = ", ".join(f"{f} → {t}" for f, t in rel.endpoints)
        parts += [
            f"### `{rel.name}.csv`",
            "",
            f"{rel.doc} ({pairs}).",
            "",
            "| column | type | meaning |",
            "|---|---|---|",
        ]
        endpoints = [
            f"| `{c}` | string | the {c.split('_')[0]} node's {'label' if c.endswith('label') else 'id'} |"
            for c in ENDPOINT_COLUMNS
        ]
        parts += endpoints + property_rows(rel.props) + [""]
    return "\n".join(parts)


def ontology_reference() -> str:
    """Every label and relationship type with every property, as schema.py declares them (docs/ontology.md)."""
    from dyadgraph.schema import DERIVED_LABELS, NODES, REL_ID, RELATIONSHIPS

    parts = ["### Nodes", ""]
    for node in NODES:
        origin = " Written by the loader, not read from a CSV file." if node.name in DERIVED_LABELS else ""
        parts += [f"#### `{node.name}`", "", f"{node.doc}.{origin}", ""]
        parts += ["| property | type | meaning |", "|---|---|---|", *property_rows(node.props), ""]
    parts += ["### Relationships", ""]
    for rel in RELATIONSHIPS:
        pairs = ", ".join(f"`{f}` → `{t}`" for f, t in rel.endpoints)
        parts += [f"#### `{rel.name}`", "", f"{rel.doc}: {pairs}.", ""]
        parts += ["| property | type | meaning |", "|---|---|---|", *property_rows((REL_ID, *rel.props)), ""]
    return "\n".join(parts)


# Required parameters get a value that shows the query at its best on the shipped seeds.
SAMPLE_ROWS = 3
SAMPLE_CELL = 48


def query_catalogue() -> str:
    """Each canned query: what it answers, the command, and the first rows it gives on the shipped seeds."""
    import tempfile
    from pathlib import Path

    from dyadgraph.backends.embedded import EmbeddedBackend
    from dyadgraph.load import load
    from dyadgraph.output import cell_text
    from dyadgraph.queries import Catalogue
    from dyadgraph.resources import shipped_seed_dirs

    parts = ["| query | what it answers |", "|---|---|"]
    catalogue = list(Catalogue())
    for query in catalogue:
        first_sentence = query.description.split(". ")[0].rstrip(".")
        parts.append(f"| [`{query.name}`](#{query.name}) | {first_sentence}. |")
    parts.append("")
    with tempfile.TemporaryDirectory() as directory:
        backend = EmbeddedBackend(Path(directory) / "readme.kuzu", create=True)
        load(shipped_seed_dirs(), backend)
        for query in catalogue:
            given = {p.name: p.example for p in query.params if p.required}  # the headers' e.g.
            command = " ".join(["dyadgraph query", query.name, *(f"-p {k} '{v}'" for k, v in given.items())])
            result = backend.run_query(query, query.bind(given))
            parts += [f"#### {query.name}", "", query.description, "", "```bash", command, "```", ""]
            parts.append("| " + " | ".join(result.columns) + " |")
            parts.append("|" + "---|" * len(result.columns))
            for row in result.values[:SAMPLE_ROWS]:
                cells = [_sample(cell_text(v)) for v in row]
                parts.append("| " + " | ".join(cells) + " |")
            more = len(result.values) - SAMPLE_ROWS
            parts += [f"\n({more} more row{'s' if more > 1 else ''})" if more > 0 else "", ""]
        backend.close()
    return "\n".join(parts) + "\n"


def _sample(text: str, limit: int | None = SAMPLE_CELL) -> str:
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def problem_catalogue() -> str:
    """The problem types validation reports, with their messages, as a Markdown table."""
    from dyadgraph.errors import MORE, PROBLEM_TYPES

    lines = ["| type | what it is | messages |", "|---|---|---|"]
    for problem in PROBLEM_TYPES:
        messages = "<br>".join(_sample(f"`{m}`", limit=None) for m in problem.templates)
        lines.append(f"| `{problem.code}` | {problem.title} | {messages} |")
    return "\n".join(lines) + f"\n\nA long list of problems of one type and column ends with `{MORE}`.\n"
