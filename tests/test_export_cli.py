"""`dyadgraph export` and `dyadgraph export bundle` through the CLI, and the README's figure."""

from __future__ import annotations

import hashlib
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from dyadgraph_dev.lint import lint_schema, run_linter

from .conftest import ROOT
from .test_export import script_statements

README = ROOT / "README.md"


def test_a_text_format_goes_to_standard_output(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    import networkx as nx

    result = invoke("--db", tiny_db, "export", "--to", "graphml", "--around", "MNG", "--type", "TIE")
    assert result.exit_code == 0, result.output
    graph = nx.parse_graphml(result.stdout, force_multigraph=True)
    assert set(graph.nodes) == {"State:MNG", "State:SUN", "State:RUS", "State:CHN", "State:USA"}
    assert result.stderr == ""


def test_a_file_format_needs_an_output(invoke, tiny_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "export", "--to", "png")
    assert (result.exit_code, result.stderr) == (1, "Error: --to png writes a file: give -o PATH\n")
    done = invoke("--db", tiny_db, "export", "--to", "png", "-o", tmp_path / "figures" / "f.png")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "figures" / "f.png").read_bytes().startswith(b"\x89PNG")
    assert done.stderr == f"Wrote 20 nodes and 26 relationships as png to {tmp_path / 'figures' / 'f.png'}.\n"


def test_an_output_without_a_suffix_gets_the_formats_and_a_wrong_one_writes_nothing(  # type: ignore[no-untyped-def]
    invoke, tiny_db: Path, tmp_path: Path
) -> None:
    done = invoke("--db", tiny_db, "export", "--to", "png", "-o", tmp_path / "f", "--around", "MNG")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "f.png").read_bytes().startswith(b"\x89PNG") and not (tmp_path / "f").exists()
    assert done.stderr.endswith(f"as png to {tmp_path / 'f.png'}.\n")
    refused = invoke("--db", tiny_db, "export", "--to", "png", "-o", tmp_path / "x.svg")
    assert refused.exit_code == 1 and not (tmp_path / "x.svg").exists()
    upper = invoke("--db", tiny_db, "export", "--to", "svg", "-o", tmp_path / "X.SVG", "--around", "MNG")
    assert upper.exit_code == 0 and (tmp_path / "X.SVG").read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--around", "MNG"], "give --to FORMAT, one of: graphml, gexf"),
        (["--to", "docx"], "unknown format 'docx'; the formats are: graphml, gexf, cytoscape"),
        (["--to", "graphm", "-o", "x.graphml"], "unknown format 'graphm'; the formats are: graphml, gexf"),
        (["--to", "png", "-o", "x.svg"], "--to png writes .png files, and -o x.svg names a .svg file (--to svg"),
        (["--to", "csv", "-o", "x.csv"], "--to csv writes a folder of neo4j-admin import files"),
        (["--to", "graphml", "-o", "x.v2"], "--to graphml writes .graphml files, and -o x.v2 names a .v2 file"),
        (["--to", "json", "-p", "focal", "MNG"], "-p NAME VALUE passes parameters to a canned query"),
        (["--to", "json", "--query", "partnership-ladder", "--label", "State"], "--query selects by itself"),
        (["--to", "latex"], "--to latex writes a table of a canned query's rows: give --query NAME"),
        (["--to", "json", "--around", "ATL"], "no node with id 'ATL'"),
        (["--to", "json", "--label", "Stat"], "unknown label Stat"),
        (
            ["--to", "timeline", "--dyad", "MNG", "CHN", "-o", "t.txt"],
            "writes .svg or .pdf or .png files, and -o t.txt",
        ),
        (["--to", "timeline", "-o", "t.svg"], "a timeline is of one dyad: select it with --dyad A B"),
    ],
)
def test_mistakes_are_one_line_and_exit_1(invoke, tiny_db: Path, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "export", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert "Traceback" not in result.output


def test_a_latex_table_of_a_query_has_booktabs_a_caption_and_the_query_name(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", tiny_db, "export", "--to", "latex", "--query", "partnership-ladder", "-p", "focal", "MNG")
    assert result.exit_code == 0, result.output
    table = result.stdout
    assert table.startswith("% dyadgraph query partnership-ladder -p focal MNG (data version tiny@")
    for part in ("\\begin{xltabular}{\\linewidth}", "\\caption{Partnership ladder}\\label{tab:partnership-ladder}"):
        assert part in table
    assert table.index("\\toprule") < table.index("\\midrule") < table.index("\\bottomrule")
    # headed by the query's declared columns, values in words, not snake_case
    assert "\nPartner & Name & Level & Since & Steps \\\\\n" in table
    assert "strategic partnership 2014" in table and "strategic\\_partnership" not in table


def test_a_markdown_table_has_the_given_caption(invoke, tiny_db: Path) -> None:  # type: ignore[no-untyped-def]
    args = ["export", "--to", "md", "--query", "partnership-ladder", "--caption", "Mongolia's partners"]
    result = invoke("--db", tiny_db, *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("| partner |")
    assert "\nTable: Mongolia's partners\n" in result.stdout
    assert "<!-- dyadgraph query partnership-ladder (data version tiny@" in result.stdout


def test_a_font_fallback_is_a_warning_line(invoke, tiny_db: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dyadgraph.export import figure

    monkeypatch.setattr(figure, "cjk_family", lambda: None)
    result = invoke("--db", tiny_db, "export", "--to", "svg", "--lang", "zh", "-o", tmp_path / "f.svg")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Warning: no TrueType CJK font found, so the figure uses English names")


def bundle(invoke, db: Path, directory: Path, *selection: str) -> None:  # type: ignore[no-untyped-def]
    result = invoke("--db", db, "export", "bundle", "-o", directory, *selection)
    assert result.exit_code == 0, result.output


def test_a_bundle_is_the_same_bytes_when_made_again(invoke, tiny_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "a" / "bundle", tmp_path / "b" / "bundle"
    bundle(invoke, tiny_db, first, "--dyad", "MNG", "CHN")
    bundle(invoke, tiny_db, second, "--dyad", "MNG", "CHN")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert {n: (first / n).read_bytes() for n in names} == {n: (second / n).read_bytes() for n in names}


def test_a_bundle_holds_what_a_replication_archive_needs(invoke, tiny_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import networkx as nx

    folder = tmp_path / "mng-chn"
    bundle(invoke, tiny_db, folder, "--dyad", "MNG", "CHN", "--since", "1990")
    assert {p.name for p in folder.iterdir()} == {
        "README.md",
        "manifest.json",
        "subgraph.graphml",
        "subgraph.json",
        "selection.cypher",
        "selection.kuzu.cypher",
        "subgraph.cypher",
        "references.bib",
        "figure.svg",
        "figure.pdf",
        "timeline.svg",
        "ties.tex",
        "paper.tex",
    }
    paper = (folder / "paper.tex").read_text(encoding="utf-8")
    for part in ("\\usepackage{xeCJK}", "\\usepackage[round]{natbib}", "\\input{ties}", "\\bibliography{references}"):
        assert part in paper
    ties = (folder / "ties.tex").read_text(encoding="utf-8")
    assert "\\label{tab:ties}" in ties and ties.count("\\citet") >= 2  # each tie cites its source
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    version = manifest["data_version"][0]
    assert version["dataset"] == "tiny" and re.fullmatch(r"[0-9a-f]{16}", version["version"])
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "dyadgraph export bundle -o mng-chn --dyad MNG CHN --since 1990\n" in readme
    assert f"`tiny@{version['version']}`" in readme
    graph = nx.read_graphml(folder / "subgraph.graphml", force_multigraph=True)
    assert set(graph.nodes) == {"State:MNG", "State:CHN"}  # the 1950 recognition is before 1990
    assert manifest["counts"] == {"nodes": 2, "relationships": 2, "works_cited": 2}


@pytest.mark.lint
def test_a_bundles_selection_is_the_cypher_that_selects_the_subgraph(invoke, tiny_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Run as written, the embedded text returns the bundle's nodes; the Neo4j text passes Neo4j's linter."""
    from dyadgraph.backends.embedded import EmbeddedBackend

    folder = tmp_path / "ego"
    bundle(invoke, tiny_db, folder, "--around", "MNG", "--type", "TIE", "--type", "INVOLVES", "--until", "2010")
    saved = json.loads((folder / "subgraph.json").read_text(encoding="utf-8"))
    found: set[str] = set()
    backend = EmbeddedBackend(tiny_db)
    try:
        for statement in script_statements((folder / "selection.kuzu.cypher").read_text(encoding="utf-8")):
            parameters = {k: json.loads(v.replace("'", '"')) for k, v in statement["parameters"].items()}
            for row in backend.run(statement["text"], parameters).rows():
                if "n" in row:
                    found.add(f"{row['n']['_label']}:{row['n']['id']}")
    finally:
        backend.close()
    assert found == {n["key"] for n in saved["nodes"]}
    neo4j = script_statements((folder / "selection.cypher").read_text(encoding="utf-8"))
    _, response = run_linter({"schema": lint_schema(), "statements": neo4j, "options": {"cypherVersion": "5"}})
    assert {r["name"]: r["diagnostics"] for r in response["results"] if r["diagnostics"]} == {}


def test_export_help_imports_neither_networkx_nor_matplotlib() -> None:
    code = (
        "import sys\nfrom dyadgraph.cli import app\n"
        "try:\n    app(['export', '--help'], prog_name='dyadgraph')\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('networkx', 'matplotlib', 'kuzu', 'neo4j', 'pandas', 'pyarrow') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"


def test_the_readme_figure_is_what_its_command_makes(invoke, mongolia_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = README.read_text(encoding="utf-8")
    image = re.search(r"!\[[^\]]*\]\((docs/[^)]+\.svg)\)", text)
    assert image, "the README shows no figure from docs/"
    commands = [line for line in text.splitlines() if line.startswith("dyadgraph export") and image.group(1) in line]
    assert len(commands) == 1, "the README shows the command that made its figure"
    argv = shlex.split(commands[0])[1:]
    argv[argv.index(image.group(1))] = str(tmp_path / "figure.svg")
    result = invoke("--db", mongolia_db, *argv)
    assert result.exit_code == 0, result.output
    committed = (ROOT / image.group(1)).read_bytes()
    assert (tmp_path / "figure.svg").read_bytes() == committed, "the figure is out of date: run `make readme-figure`"
