"""`dyadgraph load` of the shipped seeds, process start included (target: under 1 s wall).

Also shows the two write paths of the embedded backend side by side on the same seeds: small
tables sent as a parameter (the default below 2,000 rows: CREATE for nodes, COPY from UNWIND
for relationships) against COPY from Arrow for every table, with the database file each makes.

    python benchmarks/load_seeds.py [REPEAT]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import median_seconds

DEFAULT_PATH = "parameter below 2,000 rows (default)"
ARROW_PATH = "COPY from Arrow, every table"


def in_process(repeat: int, directory: Path) -> dict[str, tuple[float, int]]:
    """Median seconds of the write, and the size of the database file it leaves, per write path."""
    from dyadgraph.backends.embedded import EmbeddedBackend
    from dyadgraph.load import read_seeds
    from dyadgraph.resources import shipped_seed_dirs

    graph, report = read_seeds(shipped_seed_dirs())
    assert report.ok, report.errors[:3]
    samples: dict[str, list[float]] = {DEFAULT_PATH: [], ARROW_PATH: []}
    sizes: dict[str, int] = {}
    for _ in range(repeat):
        for name, threshold in ((DEFAULT_PATH, 2000), (ARROW_PATH, 0)):
            path = directory / "inproc.kuzu"
            backend = EmbeddedBackend(path, create=True)
            started = time.perf_counter()
            backend.replace_graph(graph, copy_min_rows=threshold)
            samples[name].append(time.perf_counter() - started)
            sizes[name] = path.stat().st_size
    return {name: (statistics.median(values), sizes[name]) for name, values in samples.items()}


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    dyadgraph = shutil.which("dyadgraph", path=str(Path(sys.executable).parent)) or "dyadgraph"
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        env = dict(os.environ, DYADGRAPH_DB=str(directory / "graph.kuzu"))
        medians = median_seconds(
            {"python -c pass": [sys.executable, "-c", "pass"], "dyadgraph load": [dyadgraph, "load"]}, repeat, env
        )
        print(f"dyadgraph load of the shipped seeds, median of {repeat} interleaved runs (process start included)")
        base = medians["python -c pass"]
        for name, seconds in medians.items():
            print(f"  {name:<18} {seconds * 1000:7.1f} ms   {seconds / base:5.1f} x python -c pass")
        verdict = "meets" if medians["dyadgraph load"] < 1.0 else "MISSES"
        print(f"dyadgraph load {verdict} the 1 s target")
        paths = in_process(repeat, directory)
        print("write paths, in process, same validated graph:")
        for name, (seconds, size) in paths.items():
            print(f"  {name:<36} {seconds * 1000:7.1f} ms   file {size / 1e6:5.1f} MB")
        print(f"  COPY-from-Arrow / default ratio: {paths[ARROW_PATH][0] / paths[DEFAULT_PATH][0]:.2f}")


if __name__ == "__main__":
    main()
