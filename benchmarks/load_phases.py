"""Where `dyadgraph load` of the shipped seeds spends its time, phase by phase.

Each round runs the command in a fresh process, as a user does, and times it between the
embedded backend's phase marks (the points at which tests/test_faults.py kills a load),
counting the page faults of each phase too: this machine's kernel makes them dear.

    python benchmarks/load_phases.py [REPEAT] [--engine MODULE ...]

`--engine kuzu --engine ladybug` runs the same load on Kùzu and on LadybugDB, its maintained
fork (when installed), side by side; the fork is imported before dyadgraph, so its import is
counted with Python's. The fork is adopted only once it also returns right answers.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import user_env

# (mark that ends the phase, what the phase does), in the order a load passes them
PHASES = (
    ("imports", "Python's imports and the CLI, up to reading the seeds"),
    ("read", "reading and checking the seeds"),
    ("after-lock", "importing the engine, taking the writer lock"),
    ("after-schema", "creating the database and its tables"),
    ("after-nodes", "writing the nodes"),
    ("after-relationships", "writing the relationships, committing"),
    ("after-close", "closing the database (its checkpoint)"),
    ("after-rename", "fsync and renaming it into place"),
    ("end", "printing the counts"),
)


def child(db: str, out: str, engine: str) -> None:
    """One `dyadgraph load`, its phase marks written to `out` as JSON."""
    started = time.perf_counter()
    marks: list[tuple[str, float, int]] = []

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_minflt))

    if engine != "kuzu":
        sys.modules["kuzu"] = __import__(engine)
    import dyadgraph.backends.embedded as embedded
    import dyadgraph.load as load
    from dyadgraph.cli import main

    real_read, real_fault_point = load.read_seeds, embedded.fault_point

    def read_seeds(*args, **kwargs):  # type: ignore[no-untyped-def]
        mark("imports")
        result = real_read(*args, **kwargs)
        mark("read")
        return result

    def fault_point(name: str) -> None:
        mark(name)
        real_fault_point(name)

    load.read_seeds, embedded.fault_point = read_seeds, fault_point
    sys.argv = ["dyadgraph", "--db", db, "load"]
    try:
        main()
    except SystemExit as exc:
        if exc.code:
            raise
    mark("end")
    Path(out).write_text(json.dumps(marks))


def run_once(engine: str, directory: Path) -> tuple[float, dict[str, tuple[float, int]]]:
    """Wall seconds of one `dyadgraph load` in a fresh process, and (seconds, page faults) per phase."""
    out = directory / f"{engine}.json"
    db = directory / f"{engine}.db"
    argv = [sys.executable, __file__, "--child", str(db), str(out), "--engine", engine]
    started = time.perf_counter()
    finished = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=user_env())
    wall = time.perf_counter() - started
    if finished.returncode:
        sys.exit(f"the load on {engine} failed:\n{finished.stderr}")
    wanted = {name for name, _ in PHASES}
    previous = (0.0, 0)
    phases = {}
    for name, seconds, faults in json.loads(out.read_text()):
        if name in wanted:
            phases[name] = (seconds - previous[0], faults - previous[1])
            previous = (seconds, faults)
    return wall, phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repeat", nargs="?", type=int, default=7)
    parser.add_argument(
        "--engine", action="append", help="the module to load with: kuzu (the default), ladybug; repeat to compare"
    )
    parser.add_argument("--child", nargs=2, metavar=("DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    engines = args.engine or ["kuzu"]
    if args.child:
        db, out = args.child
        child(db, out, engines[0])
        return
    runs: dict[str, list[tuple[float, dict[str, tuple[float, int]]]]] = {engine: [] for engine in engines}
    with tempfile.TemporaryDirectory() as tmp:
        for attempt in range(args.repeat + 1):  # round 0 is untimed: bytecode caches, page cache
            for engine in engines:
                result = run_once(engine, Path(tmp))
                if attempt:
                    runs[engine].append(result)
    print(f"dyadgraph load of the shipped seeds, median of {args.repeat} fresh processes (ms, page faults)")
    print(f"  {'phase':<54}" + "".join(f"{engine:>22}" for engine in engines))
    accounted = dict.fromkeys(engines, 0.0)
    for name, what in PHASES:
        cells = []
        for engine in engines:
            seconds = statistics.median(phases[name][0] for _, phases in runs[engine])
            faults = statistics.median(phases[name][1] for _, phases in runs[engine])
            accounted[engine] += seconds
            cells.append(f"{seconds * 1000:9.1f} {faults:8,.0f} pf")
        print(f"  {what:<54}" + "".join(f"{cell:>22}" for cell in cells))
    walls = {engine: statistics.median(wall for wall, _ in runs[engine]) for engine in engines}
    rest = "".join(f"{(walls[e] - accounted[e]) * 1000:9.1f}".rjust(22) for e in engines)
    print(f"  {'starting and ending the Python process':<54}{rest}")
    print(f"  {'whole command':<54}" + "".join(f"{walls[e] * 1000:9.1f}".rjust(22) for e in engines))
    for engine in engines[1:]:
        print(f"  {engine} / {engines[0]}: {walls[engine] / walls[engines[0]]:.2f}")


if __name__ == "__main__":
    main()
