"""Every benchmark runs to its verdict with one command, at a size that takes seconds.

What they measure is read from their output by people (benchmarks/README.md); these tests only
keep them from breaking silently when the code they time changes. No timing is asserted.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

VERDICT = r"(meets|MISSES)"


def run_benchmark(*argv: str) -> str:
    finished = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / argv[0]), *argv[1:]], capture_output=True, text=True, timeout=600
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


def test_cold_start() -> None:
    output = run_benchmark("cold_start.py", "1")
    assert re.search(rf"dyadgraph --help {VERDICT} the 0.3 s target", output), output


def test_seed_load_and_its_write_paths() -> None:
    output = run_benchmark("load_seeds.py", "1")
    assert re.search(rf"dyadgraph load {VERDICT} the 1 s target", output), output
    sizes = re.findall(r"file +([\d.]+) MB", output)
    assert len(sizes) == 2, output


def test_seed_load_phases() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from load_phases import PHASES
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    output = run_benchmark("load_phases.py", "1")
    for _, what in PHASES:
        assert re.search(rf"{re.escape(what)} +[\d.]+ +[\d,]+ pf", output), (what, output)
    assert re.search(r"whole command +[\d.]+", output), output


def test_event_import_against_its_floor_in_one_file_and_in_steps() -> None:
    output = run_benchmark("import_events.py", "2000", "--memory", "1GiB")
    assert re.search(r"^  2,000 +import +[\d.]+ s +floor +[\d.]+ s .* database [\d.]+ GiB$", output, re.M), output
    output = run_benchmark("import_events.py", "2000", "--grow", "1000", "--memory", "1GiB")
    steps = re.findall(r"^  step (\d) +import .* ratio ([\d.]+) .* peak ([\d.]+) GiB", output, re.M)
    assert [step for step, _, _ in steps] == ["1", "2"], output
    assert re.search(rf"lowest import / floor throughput ratio: [\d.]+ \({VERDICT} 0.7\)", output), output
    assert re.search(rf"highest peak memory: \d+% of the budget \({VERDICT} the 110 % target\)", output), output


def test_every_canned_query_on_imported_events() -> None:
    from dyadgraph.queries import Catalogue

    output = run_benchmark("query_events.py", "1000", "--repeat", "1")
    for name in Catalogue(ROOT / "cypher").queries:
        assert re.search(rf"^  {re.escape(name)} +[\d.]+ s", output, re.MULTILINE), (name, output)
    assert re.search(rf"slowest p50 of dyadgraph query [\d.]+ s: {VERDICT} the 2 s target", output), output


def test_every_import_format_side_by_side() -> None:
    output = run_benchmark("import_formats.py", "300", "--indicator-rows", "60")
    numbers = r"[\d.]+ MB +[\d,]+ +[\d.]+ +[\d,]+ +[\d,]+ +[\d.]+ GiB"  # size, rows, s, rows/s, written/s, peak
    events = ("icews", "gdelt 1.0 historical", "gdelt 1.0 daily", "gdelt 1.0 daily .zip", "gdelt 2.0", "polecat")
    for label in (*events, "cow-nmc", "wdi", "cow-diplomatic", "cow-alliance"):
        assert re.search(rf"\n  {re.escape(label)} +{numbers}", output), output
    assert len(re.findall(r"rows/s / icews rows/s: [\d.]+", output)) == 5, output
    assert "\n  polecat rows/s / icews rows/s: " in output, output


@pytest.mark.neo4j
def test_neo4j_against_kuzu_and_neo4j_admin(neo4j_server: object) -> None:
    """Restarts the live test server around neo4j-admin, on the same ports and password."""
    if not os.environ.get("NEO4J_DIR"):
        pytest.skip("the benchmark restarts the server it measures: run under tools/neo4j-server/with-neo4j")
    from dyadgraph.queries import Catalogue

    finished = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "neo4j_events.py"), "300", "--repeat", "1", "--load-repeat", "1"],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    output = finished.stdout
    assert finished.returncode == 0, output + finished.stderr
    assert re.search(r"dyadgraph --backend neo4j load +[\d.]+ s", output), output
    assert re.search(r"dyadgraph import icews --backend neo4j +[\d.]+ s +[\d,]+ rows/s", output), output
    for name in Catalogue(ROOT / "cypher").queries:
        assert re.search(rf"^  {re.escape(name)} +[\d.]+ s +[\d.]+ s", output, re.MULTILINE), (name, output)
    assert re.search(rf"engine: every query under 2 s on at least one engine: {VERDICT}", output), output
    assert "the same 300 events and 600 INVOLVES as neo4j-admin's" in output, output
    assert re.search(rf"import throughput / neo4j-admin's: [\d.]+ \({VERDICT} 0.3\)", output), output
