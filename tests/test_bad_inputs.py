"""Every broken input in tests/bad_inputs/ is rejected with its file, line and column, and
the database it was loaded against keeps its bytes and its answers (see the README there)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.errors import Problem
from dyadgraph.load import load

from .conftest import ROOT, TINY, snapshot

CASES = ROOT / "tests" / "bad_inputs"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())
ERROR_CASES = [name for name in CASE_NAMES if not name.startswith("warning-")]
WARNING_CASES = [name for name in CASE_NAMES if name.startswith("warning-")]
# One problem as ValidationFailed prints it: `  case/File.csv, line 3, column to: message [type]`.
PROBLEM = re.compile(
    r"^  (?P<file>[^,:]+/[^,:]+)(?:, line (?P<line>\d+))?(?:, column (?P<column>[^:]+))?: .+ \[(?P<type>[a-z-]+)\]$"
)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, tuple[list[str], list[str]]]:
    """The tiny graph, loaded once; each test loads its broken copy against a copy of it."""
    db = tmp_path_factory.mktemp("loaded") / "tiny.kuzu"
    backend = EmbeddedBackend(db, create=True)
    load([TINY], backend)
    backend.close()
    return db, digest(db), snapshot(db)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def broken_seeds(case: str, tmp_path: Path) -> Path:
    """The tiny fixture with the case's overlay applied, in a directory named like the case."""
    seeds = tmp_path / case
    shutil.copytree(TINY, seeds)
    for path in (CASES / case).iterdir():
        if path.name == "expected.txt":
            continue
        if path.name.endswith(".delete"):
            (seeds / path.name.removesuffix(".delete")).unlink()
        else:
            shutil.copyfile(path, seeds / path.name)
    return seeds


def copy_of(original: Path, tmp_path: Path) -> Path:
    """The loaded database, copied for one test to load into (or fail to)."""
    db = tmp_path / "db" / "tiny.kuzu"
    db.parent.mkdir()
    shutil.copyfile(original, db)
    return db


def expected(case: str) -> str:
    return (CASES / case / "expected.txt").read_text(encoding="utf-8")


def test_there_are_at_least_30_broken_inputs() -> None:
    assert len(ERROR_CASES) >= 30
    assert all((CASES / name / "expected.txt").is_file() for name in CASE_NAMES)


@pytest.mark.parametrize("case", ERROR_CASES)
def test_a_broken_input_is_rejected_and_the_database_is_unchanged(case: str, loaded, invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    original, original_digest, original_answers = loaded
    db = copy_of(original, tmp_path)
    seeds = broken_seeds(case, tmp_path)

    result = invoke("--db", db, "load", seeds)

    assert result.exit_code == 1, result.output
    assert result.stderr == expected(case)
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and "nothing was loaded" in result.stderr
    problems = [PROBLEM.match(line) for line in result.stderr.splitlines()[1:]]
    assert problems and all(problems), result.stderr
    for problem in problems:
        assert problem is not None
        assert problem["file"].startswith(f"{case}/")
        assert problem["line"] or problem["type"] == "missing-file"
    assert digest(db) == original_digest
    assert snapshot(db) == original_answers
    assert sorted(p.name for p in db.parent.iterdir()) == ["tiny.kuzu"]


@pytest.mark.parametrize("case", ERROR_CASES)
def test_validate_reports_the_same_problems_as_json(case: str, invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seeds = broken_seeds(case, tmp_path)
    result = invoke("validate", seeds, "--format", "json")
    assert result.exit_code == 1
    errors = [Problem(**p) for p in json.loads(result.stdout) if p["severity"] == "error"]
    assert [f"  {p}" for p in errors] == expected(case).splitlines()[1:]
    assert invoke("load", seeds, "--validate-only").exit_code == 1


@pytest.mark.parametrize("case", WARNING_CASES)
def test_a_warning_does_not_stop_the_load_and_is_shown(case: str, loaded, invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    original, _, original_answers = loaded
    db = copy_of(original, tmp_path)
    seeds = broken_seeds(case, tmp_path)

    result = invoke("--db", db, "load", seeds)

    assert result.exit_code == 0, result.output
    *warnings, loaded_line = result.stderr.splitlines(keepends=True)
    assert "".join(warnings) == expected(case)
    assert loaded_line.startswith("Loaded 21 nodes and 26 relationships into ")
    validated = invoke("validate", seeds, "--format", "json")
    assert validated.exit_code == 0
    warned = [Problem(**p) for p in json.loads(validated.stdout)]
    assert [f"Warning: {p}\n" for p in warned] == warnings
    assert all(p.severity == "warning" for p in warned)
    nodes, relationships = snapshot(db)
    assert (len(nodes), len(relationships)) == (len(original_answers[0]), len(original_answers[1]))


def test_a_directory_without_seed_files_is_refused_not_loaded_as_an_empty_graph(loaded, invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    original, original_digest, original_answers = loaded
    db = copy_of(original, tmp_path)
    (tmp_path / "Downloads").mkdir()
    (tmp_path / "Downloads" / "notes.md").write_text("not seeds\n", encoding="utf-8")
    result = invoke("--db", db, "load", tmp_path / "Downloads")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 1 error(s) in the seed data; nothing was loaded:\n"
        f"  {tmp_path / 'Downloads'}: the directory holds no seed files "
        "(<Label>.csv, <TYPE>.csv, sources.bib) [empty-directory]\n"
    )
    assert digest(db) == original_digest
    assert snapshot(db) == original_answers


def test_the_problem_catalogue_lists_exactly_the_types_the_code_reports() -> None:
    """errors.PROBLEM_TYPES is the contract: every type a reader reports is in it (Report.add refuses
    others when they happen; this finds them where no test makes them happen), and none is stale."""
    import ast

    from dyadgraph.errors import PROBLEM_TYPES

    # The position of the problem type among each reporting call's arguments.
    type_argument = {"add": 0, "problem": 0, "flag": 4, "checked": 4}
    used = set()
    for path in (ROOT / "src" / "dyadgraph").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            position = type_argument.get(name)
            if position is not None and len(node.args) > position:
                argument = node.args[position]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    used.add(argument.value)
    assert used == {p.code for p in PROBLEM_TYPES}
    assert len(PROBLEM_TYPES) == len({p.code for p in PROBLEM_TYPES})
