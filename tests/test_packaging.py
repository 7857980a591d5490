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
