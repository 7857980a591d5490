"""Issue 20: an import's memory budget, its refusal before anything is copied, a failure that leaves
the database as it was, and a graph grown file by file without counting an event twice."""

from __future__ import annotations

import gzip
import hashlib
import sys
import zipfile
from pathlib import Path

import pytest

from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.errors import BackendError
from dyadgraph.imports import MemoryTooSmall, Plan, import_file
from dyadgraph.imports.inputs import resolve
from dyadgraph.imports.memory import GIB, MIB, estimate_rows, parse_size, plan

from .conftest import ROOT, rows

ICEWS = ROOT / "tests" / "fixtures" / "imports" / "icews.tab"
PAIRS = "MATCH (e:Event)-[r:INVOLVES]->(s:State) RETURN e.id, r.role, s.id ORDER BY e.id, r.role, s.id"


def synthetic(path: Path, n: int, seed: int = 5) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_events import write_events
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    write_events(n, path, seed=seed)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("text", "size"),
    [("4GiB", 4 * GIB), ("4G", 4 * GIB), ("512MiB", 512 * MIB), ("1.5 GiB", 3 * GIB // 2), ("1000", 1000)],
)
def test_memory_sizes_read_in_binary_units(text: str, size: int) -> None:
    assert parse_size(text) == size


def test_a_memory_size_without_a_number_is_refused() -> None:
    with pytest.raises(ValueError, match="write it like 4GiB"):
        parse_size("lots")


def test_rows_are_counted_from_a_sample_plain_gzip_or_zip(tmp_path: Path) -> None:
    plain = synthetic(tmp_path / "e.tab", 40_000)  # about 6 MiB: more than the sample
    assert plain.stat().st_size > 4 * MIB
    zipped = tmp_path / "e.tab.gz"
    zipped.write_bytes(gzip.compress(plain.read_bytes()))
    archive = tmp_path / "e.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.write(plain, "e.tab")
    for path in (plain, zipped, archive):
        assert estimate_rows(path) == pytest.approx(40_000, rel=0.02), path.name
    assert estimate_rows(ICEWS) == 8  # a file smaller than the sample: its lines after the header


def test_the_plan_grows_with_the_graph_and_the_file_and_keeps_within_the_budget() -> None:
    small, grown = plan(4 * GIB, 1_000_000, 0), plan(4 * GIB, 1_000_000, 17_000_000)
    assert small.fits and grown.fits and small.needed < grown.needed <= 4 * GIB
    assert not plan(1 * GIB, 1_000_000, 17_000_000).fits
    assert plan(1 * GIB, 10, 0).copy_rows < plan(8 * GIB, 10, 0).copy_rows


def test_an_import_that_cannot_fit_is_refused_before_anything_is_copied(tiny_db: Path, tmp_path: Path) -> None:
    events = synthetic(tmp_path / "e.tab", 2000)
    before = digest(tiny_db)
    with pytest.raises(MemoryTooSmall) as refused:
        import_file("icews", events, EmbeddedBackend(tiny_db), memory=100 * MIB)
    message = str(refused.value)
    assert message.startswith("about ") and " needed for 2,000 more events" in message
    assert message.endswith("use --memory or split the file")
    assert digest(tiny_db) == before
    assert not list(tmp_path.glob("tiny.kuzu.loading-*"))  # no copy of the database was begun


def test_the_cli_says_the_budget_and_refuses_what_cannot_fit(invoke, tiny_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    events = synthetic(tmp_path / "e.tab", 2000)
    result = invoke("--db", tiny_db, "import", "icews", events, "--memory", "100MiB")
    assert result.exit_code == 1
    budget, error = result.stderr.splitlines()[:2]
    assert budget.startswith("Memory budget 100 MiB: Kùzu's buffer pool ")
    assert error.startswith("Error: about ") and error.endswith("use --memory or split the file")
    result = invoke("--db", tiny_db, "import", "icews", events, "--memory", "2GiB", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "node,Event,2000\nrelationship,INVOLVES,4000\n" in result.stdout
    result = invoke("--db", tiny_db, "import", "icews", events, "--memory", "a lot")
    assert result.exit_code == 2 and "write it like 4GiB" in result.stderr


def test_an_engine_failure_with_a_tiny_pool_leaves_the_database_as_it_was(tiny_db: Path, tmp_path: Path) -> None:
    events = synthetic(tmp_path / "e.tab", 20_000)
    before = digest(tiny_db)
    with pytest.raises(BackendError, match=r"nothing was changed: .*[Bb]uffer"):
        import_file("icews", events, EmbeddedBackend(tiny_db), buffer_pool_bytes=2 * MIB)
    assert digest(tiny_db) == before
    assert not list(tmp_path.glob("tiny.kuzu.loading-*"))


def test_a_graph_grows_file_by_file_and_a_file_imported_again_adds_nothing(tiny_db: Path, tmp_path: Path) -> None:
    whole = synthetic(tmp_path / "whole.tab", 3000)
    lines = whole.read_text().splitlines(keepends=True)
    first = tmp_path / "first.tab"
    first.write_text("".join(lines[:1001]))  # the header and the first 1000 events
    grown = tmp_path / "grown.kuzu"
    step = import_file("icews", first, EmbeddedBackend(grown, create=True), copy_rows=400)
    assert (step.nodes["Event"], step.relationships["INVOLVES"], step.already_present) == (1000, 2000, 0)
    # the whole file over it, in batches of 400: the first 1000 are found present, batch by batch
    step = import_file("icews", whole, EmbeddedBackend(grown), copy_rows=400)
    assert (step.nodes["Event"], step.relationships["INVOLVES"], step.already_present) == (2000, 4000, 1000)
    again = import_file("icews", whole, EmbeddedBackend(grown), copy_rows=400)
    assert (again.nodes["Event"], again.relationships.get("INVOLVES", 0), again.already_present) == (0, 0, 3000)
    at_once = tmp_path / "at-once.kuzu"
    import_file("icews", whole, EmbeddedBackend(at_once, create=True))
    assert rows(grown, PAIRS) == rows(at_once, PAIRS)
    assert len(rows(grown, PAIRS)) == 6000


def test_a_set_of_files_is_sampled_decompressed_and_planned_as_one_import(tiny_db: Path, tmp_path: Path) -> None:
    header, *lines = synthetic(tmp_path / "whole.tab", 3000).read_text().splitlines(keepends=True)
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "a.tab").write_text(header + "".join(lines[:1000]))
    (folder / "b.tab.gz").write_bytes(gzip.compress((header + "".join(lines[1000:2000])).encode()))
    (tmp_path / "c.tab").write_text(header + "".join(lines[2000:]))
    with zipfile.ZipFile(folder / "c.zip", "w", zipfile.ZIP_DEFLATED) as handle:
        handle.write(tmp_path / "c.tab", "c.tab")
    # each file read as the import reads it: the .gz and the zip's member decompressed
    assert estimate_rows(resolve(folder)) == 3000
    before = digest(tiny_db)
    with pytest.raises(MemoryTooSmall, match=" needed for 3,000 more events"):
        import_file("icews", folder, EmbeddedBackend(tiny_db), memory=100 * MIB)
    assert digest(tiny_db) == before
    plans: list[Plan] = []
    summary = import_file("icews", folder, EmbeddedBackend(tiny_db), memory=2 * GIB, on_plan=plans.append)
    assert [p.events for p in plans] == [3000]  # one plan, one budget, for the three files
    assert (summary.files, summary.nodes["Event"]) == (["a.tab", "b.tab.gz", "c.zip:c.tab"], 3000)
