"""The wheel is self-contained: built from the checkout and installed into a fresh virtual
environment, it runs the demo, every export (the HTML page too, whose library it carries) and
the README's notebook example, in a folder outside the checkout, with nothing of the checkout
on its path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dyadgraph.export import FORMATS, SUFFIXES

from .conftest import ROOT

pytestmark = pytest.mark.slow

# What each export needs besides --to and -o: a selection it can be made of.
SELECTIONS = {
    "latex": ["--query", "partnership-ladder", "-p", "focal", "MNG"],
    "md": ["--query", "partnership-ladder", "-p", "focal", "MNG"],
    "timeline": ["--dyad", "MNG", "CHN"],
    "dyad-year": ["--dyad", "MNG", "CHN"],
}


class Installed:
    """A virtual environment outside the checkout with the wheel installed, and a folder to work in."""

    def __init__(self, root: Path):
        self.root = root
        self.venv = root / "venv"
        self.work = root / "work"
        self.work.mkdir()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "DYADGRAPH_"))}
        self.env["XDG_DATA_HOME"] = str(root / "xdg")
        self.env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{self.env.get('PATH', '')}"

    def run(self, *argv: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(a) for a in argv], cwd=self.work, env=self.env, capture_output=True, text=True, timeout=600
        )
        if check:
            assert done.returncode == 0, (argv, done.stdout[-2000:], done.stderr[-2000:])
        return done

    def dyadgraph(self, *argv: str | Path) -> subprocess.CompletedProcess[str]:
        return self.run(self.venv / "bin" / "dyadgraph", "--db", self.root / "graph.kuzu", *argv)

    def python(self, code: str) -> subprocess.CompletedProcess[str]:
        return self.run(self.venv / "bin" / "python", "-c", code)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    (built,) = dist.glob("dyadgraph-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    assert not root.resolve().is_relative_to(ROOT.resolve()), "the test must run outside the checkout"
    env = Installed(root)
    env.run(sys.executable, "-m", "venv", env.venv)
    env.run(env.venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel)
    return env


def test_the_wheel_carries_what_runs_and_nothing_for_development(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "dyadgraph/export/vendor/cytoscape.min.js",
        "dyadgraph/export/vendor/cytoscape.LICENSE",
        "dyadgraph/export/page.html",
        "dyadgraph/imports/sources.bib",
        "dyadgraph/_data/cypher/why.cypher",
        "dyadgraph/_data/seeds/mongolia/sources.bib",
    ):
        assert needed in names, needed
    assert any(n.endswith("licenses/LICENSE") for n in names)
    development = ("dyadgraph/lint.py", "dyadgraph/docs.py", "dyadgraph/paper.py", "dyadgraph_dev/")
    assert not [n for n in names if n.startswith(development)]
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Installed) -> None:
    where = installed.python("import dyadgraph, sys; print(dyadgraph.__file__); print(sys.path)").stdout
    package = Path(where.splitlines()[0])
    assert package.is_relative_to(installed.venv)
    assert str(ROOT) not in where


def test_demo_and_every_export_from_the_wheel(installed: Installed) -> None:
    demo = installed.dyadgraph("demo")
    assert "comprehensive_strategic_partnership" in demo.stdout
    out = installed.work / "exports"
    for fmt in FORMATS:
        target = out / f"{fmt}{SUFFIXES[fmt][0] or '-folder'}"  # each format's usual suffix
        installed.dyadgraph("export", "--to", fmt, "-o", target, *SELECTIONS.get(fmt, []))
        assert target.exists(), fmt
        if target.is_file():
            assert target.stat().st_size > 0, fmt
    page = (out / "html.html").read_text(encoding="utf-8")
    assert "The Cytoscape Consortium" in page and "cytoscape.js 3." in page
    bundle = out / "bundle"
    installed.dyadgraph("export", "bundle", "-o", bundle, "--dyad", "MNG", "CHN")
    assert {"manifest.json", "subgraph.graphml", "references.bib", "figure.svg", "timeline.svg"} <= {
        p.name for p in bundle.iterdir()
    }


def test_the_readme_notebook_example_from_the_wheel(installed: Installed) -> None:
    from .test_api import EVENTS, notebook_examples

    folder = installed.work / "notebook"
    folder.mkdir()
    shutil.copyfile(EVENTS, folder / "events.tab")
    code = notebook_examples()[0] + "\nprint(name, len(ladder), network.number_of_nodes(), imported.nodes['Event'])\n"
    done = installed.run(installed.venv / "bin" / "python", "-c", f"import os; os.chdir({str(folder)!r})\n{code}")
    name, ladder, nodes, events = done.stdout.split()
    assert name == "Mongolia" and int(ladder) > 0 and int(nodes) > 2 and int(events) > 0
    assert (folder / "mng-chn.graphml").exists() and (folder / "graph.kuzu").exists()
