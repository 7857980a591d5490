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
