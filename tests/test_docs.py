"""Docs that cannot drift: the README's examples run, and its command reference is --help."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

README = ROOT / "README.md"


def console_examples() -> list[tuple[str, str]]:
    """(command, expected output) for every `$ dyadgraph ...` line in the README's console blocks."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL):
        command, output = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command:
                    examples.append((command, "\n".join(output)))
                command, output = line[2:], []
            else:
                output.append(line)
        if command:
            examples.append((command, "\n".join(output)))
    return examples


def test_the_readme_has_examples() -> None:
    assert len(console_examples()) >= 4


def test_readme_examples_run_and_print_what_the_readme_shows(invoke, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DYADGRAPH_DB", str(tmp_path / "readme.kuzu"))
    for command, expected in console_examples():
        argv = shlex.split(command)
        assert argv[0] == "dyadgraph", command
        result = invoke(*argv[1:])
        assert result.exit_code == 0, (command, result.output)
        if expected.strip():
            assert result.stdout.rstrip("\n") == expected.rstrip("\n"), command


@pytest.mark.parametrize("document", [README, ROOT / "seeds" / "mongolia" / "README.md"], ids=["README", "dataset"])
def test_generated_sections_are_up_to_date(document: Path) -> None:
    """The command reference (from --help), the dataset's counts and column dictionary (from the schema)."""
    done = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "--diff", "-I", "tools", str(document)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("argv", [["--help"], ["queries", "--help"]])
def test_help_does_not_import_the_engines(argv: list[str]) -> None:
    """Cold start stays fast because kuzu, neo4j, pandas and pyarrow are imported only when used (and
    typer below 0.29, which imports pydantic: pyproject.toml says why typer is capped)."""
    heavy = ("kuzu", "neo4j", "pandas", "pyarrow", "bibtexparser", "pydantic")
    code = (
        "import sys\nfrom dyadgraph.cli import app\n"
        f"try:\n    app({argv!r}, prog_name='dyadgraph')\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
