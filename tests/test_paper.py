"""The bundle's paper, built as its user builds it: xelatex, bibtex, xelatex twice, from Debian's TeX
Live (`make tex`, part of `make test`). A BibTeX error or warning, an undefined citation or an
overfull box over 5pt fails the test (dyadgraph_dev.latexbuild), and so does a README whose example
page or citation is not what the README's command makes."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from dyadgraph.queries import Catalogue
from dyadgraph_dev.latexbuild import compile_paper, first_page_png, missing_tools

from .conftest import ROOT, in_ci

pytestmark = pytest.mark.slow

README = ROOT / "README.md"
PAGE = "docs/paper-page1.png"


@pytest.fixture(autouse=True)
def tex_live() -> None:
    if missing_tools():
        message = f"{', '.join(missing_tools())} missing: `make tex` installs TeX Live and poppler-utils"
        if in_ci():
            pytest.fail(f"CI=true, and the paper test would skip: {message}")
        pytest.skip(message)


def test_the_whole_graphs_paper_compiles_cleanly_with_a_table_of_every_query(  # type: ignore[no-untyped-def]
    invoke, mongolia_db: Path, tmp_path: Path
) -> None:
    """Every work of the dataset in the references, and every canned query's table, with the example
    parameters, set as `export --to latex` writes it: each fits the page and cites what it names."""
    folder = tmp_path / "whole"
    result = invoke("--db", mongolia_db, "export", "bundle", "-o", folder)
    assert result.exit_code == 0, result.output
    inputs = []
    for query in Catalogue():
        examples = query.example_parameters().items()
        given = [arg for name, value in examples if value is not None for arg in ("-p", name, str(value))]
        output = folder / "tables" / f"{query.name}.tex"
        result = invoke("--db", mongolia_db, "export", "--to", "latex", "--query", query.name, *given, "-o", output)
        assert result.exit_code == 0, result.output
        inputs.append(f"\\input{{tables/{query.name}}}\n")
    paper = (folder / "paper.tex").read_text(encoding="utf-8")
    assert paper.count("\\input{ties}\n") == 1
    (folder / "paper.tex").write_text(paper.replace("\\input{ties}\n", "\\input{ties}\n" + "".join(inputs)), "utf-8")
    build = compile_paper(folder)
    assert build.problems() == []
    references = (folder / "paper.bbl").read_text(encoding="utf-8")
    assert references.count("\\bibitem") == len(re.findall(r"(?m)^@", (folder / "references.bib").read_text("utf-8")))
    assert references.count("\\bibitem") == 72  # every work of the dataset
    assert "\\citet[IV para 1]{huang2021}" in (folder / "tables" / "strategy-outcomes.tex").read_text("utf-8")


def test_the_readmes_example_page_and_citation_are_what_its_bundle_prints(  # type: ignore[no-untyped-def]
    invoke, mongolia_db: Path, tmp_path: Path
) -> None:
    text = README.read_text(encoding="utf-8")
    assert f"]({PAGE})" in text, "the README shows page 1 of the bundle's paper"
    commands = [line for line in text.splitlines() if line.startswith("dyadgraph export bundle -o ")]
    assert commands, "the README shows the bundle command"
    argv = shlex.split(commands[0])[1:]
    folder = tmp_path / "bundle"
    argv[argv.index("-o") + 1] = str(folder)
    result = invoke("--db", mongolia_db, *argv)
    assert result.exit_code == 0, result.output
    build = compile_paper(folder)
    assert build.problems() == []
    page = first_page_png(build.pdf, tmp_path / "page1.png")
    assert page.read_bytes() == (ROOT / PAGE).read_bytes(), f"{PAGE} is out of date: run `make readme-paper`"
    # The README's example of a Chinese work's citation, as plainnat sets it from references.bib
    example = re.search(r"(?s)<!-- citation: (\w+) -->\n> (.*?)\n\n", text)
    assert example, "the README quotes one Chinese work's citation"
    key, shown = example.groups()
    item = re.search(rf"(?s)\\bibitem\[[^\]]*\]{{{key}}}\n(.*?)\n\n", (folder / "paper.bbl").read_text("utf-8"))
    assert item, f"{key} is not in the README bundle's references"
    assert printed(item.group(1)) == " ".join(shown.replace("> ", "").split())


def printed(bibitem: str) -> str:
    """A .bbl item as the page shows it, near enough: blocks joined, braces and \\url dropped."""
    text = bibitem.replace("\\newblock ", "").replace("\\url{", "").replace("{", "").replace("}", "")
    return " ".join(text.split())


def test_the_build_finds_what_would_spoil_a_paper(tmp_path: Path) -> None:
    """The checks themselves: a BibTeX syntax error, an undefined citation and a line 20pt too long."""
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "references.bib").write_text("% made by mongolia@e59d\n@misc{a, title = {{A}}, year = {2020}}\n")
    (folder / "paper.tex").write_text(
        "\\documentclass{article}\\usepackage[round]{natbib}\\begin{document}\n"
        "\\citet{a} \\citet{nowhere}\n\n\\noindent\\hbox to \\dimexpr\\linewidth+20pt\\relax{x\\hfil}\n\n"
        "\\bibliographystyle{plainnat}\\bibliography{references}\\end{document}\n"
    )
    problems = compile_paper(folder).problems()
    assert any(p.startswith("BibTeX: I was expecting a `{' or a `('") for p in problems), problems
    assert any("Citation `nowhere' on page 1 undefined" in p for p in problems), problems
    assert any(p.startswith("LaTeX: overfull box 20.0pt in paragraph") for p in problems), problems
