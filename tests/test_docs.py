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
ONTOLOGY = ROOT / "docs" / "ontology.md"


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


@pytest.mark.parametrize(
    "document",
    [README, ROOT / "seeds" / "mongolia" / "README.md", ONTOLOGY],
    ids=["README", "dataset", "ontology"],
)
def test_generated_sections_are_up_to_date(document: Path) -> None:
    """The command reference (from --help), the dataset's counts and column dictionary and the ontology's
    reference (from the schema)."""
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


def version_one() -> str:
    text = ONTOLOGY.read_text(encoding="utf-8")
    return text[text.index("## Version 1") : text.index("## Extensions")]


def table_rows(section: str, heading: str) -> list[list[str]]:
    """The cells of the table under a heading of the ontology's version 1."""
    body = section[section.index(heading) :].split("\n### ")[0]
    rows = [line.strip("|").split(" | ") for line in body.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in row] for row in rows[1:]]  # without the header row


def names(cell: str) -> list[str]:
    """The backticked names in a cell (property names and values; examples like `MNG` or `2014` left out)."""
    return [n for n in re.findall(r"`([^`]+)`", cell) if re.fullmatch(r"[a-z][a-z0-9_]*", n)]


def test_version_one_of_the_ontology_still_holds_in_the_schema() -> None:
    """Extend, never silently rename: every label, type, endpoint, property and value that version 1
    of docs/ontology.md names is still declared in schema.py."""
    from dyadgraph.schema import EVENT_KINDS, NODE_BY_NAME, PROVENANCE, REL_BY_NAME

    section = version_one()
    missing = []

    def known(name: str, props: tuple, where: str) -> None:  # type: ignore[type-arg]
        values = {p.name for p in props} | {v for p in props for v in p.enum}
        if name not in values:
            missing.append(f"{where}: {name}")

    for row in table_rows(section, "### Provenance"):
        known(names(row[0])[0], PROVENANCE, "provenance")
    node_rows = table_rows(section, "### Nodes")
    for label_cell, _, props_cell in node_rows:
        node = NODE_BY_NAME.get(label_cell.strip("`"))
        if node is None:
            missing.append(f"label {label_cell}")
            continue
        for name in names(props_cell):
            known(name, node.props, node.name)
    for type_cell, ends_cell, props_cell in table_rows(section, "### Relationships"):
        rel = REL_BY_NAME.get(type_cell.strip("`"))
        if rel is None:
            missing.append(f"type {type_cell}")
            continue
        starts, ends = (re.findall(r"[A-Z][a-z]+", side) for side in ends_cell.split("→"))
        missing += [f"{rel.name}: {a} → {b}" for a in starts for b in ends if (a, b) not in rel.endpoints]
        for name in names(props_cell):
            known(name, rel.props, rel.name)
    kinds = section[section.index("Event `kind` values start with") :].split("\n\n")[0]
    missing += [f"Event kind {k}" for k in re.findall(r"`([a-z_]+)`", kinds) if k not in EVENT_KINDS and k != "kind"]
    assert len(node_rows) == 9 and missing == [], missing
