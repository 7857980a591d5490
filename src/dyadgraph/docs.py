"""The README's command reference, generated from the CLI's own --help."""

from __future__ import annotations

from typer.testing import CliRunner


def command_reference() -> str:
    import typer

    from .cli import app

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
    from .load.seeds import read_seeds
    from .resources import seeds_dir

    graph, _ = read_seeds([seeds_dir() / name])
    lines = ["| element | count |", "|---|---|"]
    lines += [f"| `{label}` | {count} |" for label, count in graph.node_counts().items()]
    lines += [f"| `{rel}` | {count} |" for rel, count in graph.rel_counts().items()]
    return "\n".join(lines) + "\n"


def column_dictionary() -> str:
    """Every seed file's columns with type and meaning, from the schema declaration."""
    from .load.seeds import ENDPOINT_COLUMNS
    from .schema import DERIVED_LABELS, NODES, RELATIONSHIPS, Prop

    def rows(props: tuple[Prop, ...]) -> list[str]:
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

    parts = []
    for node in NODES:
        if node.name in DERIVED_LABELS:
            continue
        parts += [f"### `{node.name}.csv`", "", node.doc, "", "| column | type | meaning |", "|---|---|---|"]
        parts += [*rows(node.props), ""]
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
        parts += endpoints + rows(rel.props) + [""]
    return "\n".join(parts)
