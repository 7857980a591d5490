"""The library under the command line: `dyadgraph.open()` and the README's notebook examples."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import dyadgraph
from dyadgraph.errors import ConfigError, DatabaseMissing, ParameterError, QueryNotFound

from .conftest import ROOT, TINY

README = ROOT / "README.md"
EVENTS = ROOT / "tests" / "fixtures" / "imports" / "icews.tab"


def notebook_examples() -> list[str]:
    """The Python blocks of the README's notebook section, in order."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## In a notebook") :].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def run_example(code: str, folder: Path, namespace: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run an example in `folder`, where a user's notebook would be, with the files it names; in
    the namespace of the examples before it, as a notebook's cells share one."""
    shutil.copyfile(EVENTS, folder / "events.tab")
    namespace = {} if namespace is None else namespace
    here = Path.cwd()
    os.chdir(folder)
    try:
        exec(compile(code, "README.md", "exec"), namespace)
    finally:
        os.chdir(here)
    return namespace


def test_the_readme_has_the_notebook_examples() -> None:
    first, push = notebook_examples()
    assert "dyadgraph.open(" in first and "g.push(" in push


def test_the_readme_notebook_example_runs(tmp_path: Path) -> None:
    found = run_example(notebook_examples()[0], tmp_path)
    dyads = found["dyads"]
    assert list(dyads.columns) == ["small", "large", "neighbors", "ratio", "dependence", "ties"]
    assert ("MNG", "CHN") in set(zip(dyads["small"], dyads["large"], strict=True))
    assert found["ladder"][0]["partner"] == "CHN" and found["ladder"][0]["level"] == 4
    assert found["name"] == "Mongolia"
    assert (tmp_path / "mng-chn.graphml").read_text(encoding="utf-8").startswith("<?xml")
    assert found["network"].has_node("State:MNG") and found["network"].has_node("State:CHN")
    assert found["imported"].nodes["Event"] > 0
    assert (tmp_path / "graph.kuzu").exists()


@pytest.mark.usefixtures("neo4j_server")
def test_the_readme_push_example_runs(tmp_path: Path) -> None:
    first, push = notebook_examples()
    run_example(push, tmp_path, run_example(first, tmp_path))
    with dyadgraph.open(backend="neo4j") as server, dyadgraph.open(tmp_path / "graph.kuzu") as local:
        assert server.counts().values == local.counts().values


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    with dyadgraph.open(tmp_path / "tiny.kuzu") as g:
        g.load(TINY)
    return tmp_path / "tiny.kuzu"


def test_a_result_is_rows_of_dicts_a_dataframe_and_text(tiny: Path) -> None:
    with dyadgraph.open(tiny) as g:
        result = g.cypher("MATCH (s:State) RETURN s.id AS id, s.name AS name ORDER BY id")
    assert result.columns == ["id", "name"]
    assert result.rows() == list(result) == [dict(zip(result.columns, row, strict=True)) for row in result.values]
    assert len(result) == len(result.values) > 0
    frame = result.to_pandas()
    assert list(frame.columns) == ["id", "name"] and frame["id"].tolist() == [r["id"] for r in result]
    assert result.render("csv").splitlines()[0] == "id,name"


def test_canned_query_parameters_are_checked_before_anything_runs(tiny: Path) -> None:
    with dyadgraph.open(tiny) as g:
        with pytest.raises(ParameterError, match="unknown parameter 'focus'"):
            g.query("partnership-ladder", focus="MNG")
        with pytest.raises(QueryNotFound):
            g.query("no-such-query")
        assert {q.name for q in g.queries()} >= {"why", "partnership-ladder"}


def test_open_reads_the_settings_and_refuses_contradictions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYADGRAPH_DB", str(tmp_path / "env.kuzu"))
    assert dyadgraph.open().where == str(tmp_path / "env.kuzu")
    assert dyadgraph.open(tmp_path / "given.kuzu").where == str(tmp_path / "given.kuzu")
    with pytest.raises(ConfigError):
        dyadgraph.open(tmp_path / "x.kuzu", backend="neo4j")
    with pytest.raises(DatabaseMissing):
        dyadgraph.open(tmp_path / "missing.kuzu").query("memberships")


def test_a_table_for_a_paper_and_a_subgraph_by_suffix(tiny: Path, tmp_path: Path) -> None:
    with dyadgraph.open(tiny) as g:
        latex = g.table("partnership-ladder", "latex", focal="MNG")
        sub = g.select(around="MNG", types=["TIE"])
    assert "\\caption{" in latex and "% dyadgraph query partnership-ladder -p focal MNG" in latex
    written = sub.write(tmp_path / "out" / "ties.gexf")
    assert written == tmp_path / "out" / "ties.gexf" and written.read_text(encoding="utf-8").startswith("<?xml")
    assert sub.write(tmp_path / "ties.json").read_text(encoding="utf-8") == sub.text("json")
    assert sub.write(tmp_path / "ties.txt", format="graphml").read_text(encoding="utf-8") == sub.text("graphml")


def test_the_papers_dates_only_from_the_library(mongolia_db: Path) -> None:
    """Mongolia-South Korea relations date from 1990 in Yonhap (2020), not in the paper: a notebook
    leaves that date out with paper_dates, as `export --paper-dates` and the queries' parameter do."""
    tie_id = "MNG>TIE>KOR:diplomatic_relations"
    with dyadgraph.open(mongolia_db) as g:
        every = g.select(dyad=("MNG", "KOR"))
        papers = g.select(dyad=("MNG", "KOR"), paper_dates=True)
        in_force = g.query("ties-as-of", year=1995, paper_dates=True).rows()
    dated = next(r for r in every.relationships if r.id == tie_id).properties
    undated = next(r for r in papers.relationships if r.id == tie_id).properties
    assert (dated["since"], dated["date_basis"]) == ("1990", "yonhap2020")
    assert (undated.get("since"), undated.get("year_from"), undated["date_basis"]) == (None, None, "yonhap2020")
    assert papers.selection.paper_dates and "--paper-dates" in papers.selection.arguments()
    assert "KOR" not in {row["partner"] for row in in_force}


def test_importing_dyadgraph_imports_no_engine() -> None:
    """`import dyadgraph` and `dyadgraph.open()` stay cheap: the engines load on first use."""
    code = (
        "import sys, dyadgraph\n"
        "g = dyadgraph.open('never-made.kuzu')\n"
        "print(sorted(m for m in ('kuzu', 'neo4j', 'pandas', 'pyarrow', 'typer') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_package_is_typed() -> None:
    assert (Path(dyadgraph.__file__).parent / "py.typed").exists()
    assert dyadgraph.Result is dyadgraph.__getattr__("Result")
