"""What the product needs is committed: nothing under these folders is ignored by git."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import ROOT

SHIPPED = ("cypher", "seeds", "src", "guide", "docker", "docs", "tests/golden", "tests/bad_inputs", "tests/fixtures")


@pytest.mark.skipif(
    not (ROOT / ".git").exists() or not shutil.which("git"), reason="not a git checkout: nothing to compare"
)
def test_no_shipped_file_is_ignored_by_git() -> None:
    ignored = subprocess.run(
        ["git", "ls-files", "--others", "--ignored", "--exclude-standard", "--", *SHIPPED],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout.split()
    leftovers = [path for path in ignored if "__pycache__" not in path and not path.endswith((".pyc", ".kuzu"))]
    assert leftovers == []


def test_the_vendored_cytoscape_is_the_pinned_version_with_its_licence() -> None:
    """The HTML export's library ships in the package (a wheel needs no npm): the copy is the
    version tools/html-export pins, and its MIT licence travels with it."""
    import json

    from dyadgraph.export.html import LIBRARY_DIR, cytoscape_library

    pinned = json.loads((ROOT / "tools" / "html-export" / "package.json").read_text(encoding="utf-8"))
    library, version = cytoscape_library()
    assert version == pinned["dependencies"]["cytoscape"]
    licence = (LIBRARY_DIR / "cytoscape.LICENSE").read_text(encoding="utf-8")
    assert "Permission is hereby granted, free of charge" in licence
    assert library.startswith("/**\n * Copyright (c)") and "The Cytoscape Consortium" in library[:200]


def test_the_version_is_written_in_one_place() -> None:
    """pyproject.toml reads it from the package, so the wheel, `--version` and every export agree."""
    import tomllib

    import dyadgraph
    from dyadgraph.export.graphs import version

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert version() == dyadgraph.__version__
