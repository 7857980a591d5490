"""`dyadgraph load` of the shipped seeds, process start included (target: under 1 s wall).

Also shows the two write paths of the embedded backend side by side on the same seeds:
parameterised CREATE for small tables (the default below 2,000 rows) against COPY from Arrow
for every table.

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


def in_process(repeat: int, directory: Path) -> dict[str, float]:
    from dyadgraph.backends.embedded import EmbeddedBackend
    from dyadgraph.load import read_seeds
    from dyadgraph.resources import shipped_seed_dirs

    graph, report = read_seeds(shipped_seed_dirs())
    assert report.ok, report.errors[:3]
    samples: dict[str, list[float]] = {"CREATE below 2,000 rows (default)": [], "COPY from Arrow, every table": []}
    for _ in range(repeat):
        for name, threshold in (("CREATE below 2,000 rows (default)", 2000), ("COPY from Arrow, every table", 0)):
            backend = EmbeddedBackend(directory / "inproc.kuzu", create=True)
            started = time.perf_counter()
            backend.replace_graph(graph, copy_min_rows=threshold)
            samples[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in samples.items()}


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
        create, copy = paths.values()
        print("write paths, in process, same validated graph:")
        for name, seconds in paths.items():
            print(f"  {name:<36} {seconds * 1000:7.1f} ms")
        print(f"  COPY-everything / CREATE-small ratio: {copy / create:.2f}")


if __name__ == "__main__":
    main()
