"""`dyadgraph import icews` of N synthetic events against raw Kùzu COPY of the same rows.

    python benchmarks/import_events.py [N] [--repeat R]      (N default 100,000; R default 3)

Both sides start from the same seed graph (`dyadgraph load`) and end with the same N events
and 2N INVOLVES relationships. The raw side gets the rows as prebuilt Arrow tables, made by
dyadgraph's own reader outside the timing, and its States created outside the timing too;
then only its two COPY statements are timed, with Kùzu's default buffer pool. The import is
the whole command, process start, reading, checking, mapping and copying the database file
included. Runs are interleaved round by round and the medians compared. Targets: throughput
at least 0.7 of raw COPY; peak memory (ru_maxrss of the import process) under 2 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_events import write_events

GIB = 1 << 30


def raw_copy(events_file: Path, db: Path) -> None:
    """In a child process: prebuild the Arrow tables, then time Kùzu's COPY of them (prints JSON)."""
    import resource

    import kuzu
    import pyarrow as pa

    from dyadgraph.backends.kuzu_write import EmbeddedWriter
    from dyadgraph.imports.arrow import Context, Stream
    from dyadgraph.imports.crosswalk import crosswalk
    from dyadgraph.imports.registry import get

    ctx = Context(events_file, crosswalk(), source="icews")
    parts: dict[str, list[pa.Table]] = {"Event": [], "INVOLVES": []}
    for tables in get("icews").load()(Stream(events_file), ctx):
        for name, table in tables.items():
            parts[name].append(table.drop_columns(["_row"]))
    events, involves = (pa.concat_tables(parts[name]).combine_chunks() for name in ("Event", "INVOLVES"))
    del parts
    database = kuzu.Database(str(db))
    connection = kuzu.Connection(database)
    EmbeddedWriter(connection).ensure("State", list(ctx.states.values()))
    # Kùzu scans the Python variables named in the statements.
    event_rows, involves_rows = events, involves  # noqa: F841
    started = time.perf_counter()
    connection.execute("COPY Event FROM event_rows")
    connection.execute("COPY INVOLVES FROM involves_rows (from='Event', to='State')")
    seconds = time.perf_counter() - started
    connection.close()
    database.close()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "rows": events.num_rows + involves.num_rows, "maxrss": maxrss}))


def run_with_rusage(argv: list[str]) -> tuple[float, int, str]:
    """Wall time, peak resident memory (bytes, the child's own ru_maxrss) and stdout of one child process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        pid = os.posix_spawn(argv[0], argv, dict(os.environ), file_actions=_redirect(out, err))
        _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"{' '.join(argv)} failed:\n{err.read()}")
        return seconds, usage.ru_maxrss * 1024, out.read()


def _redirect(out: object, err: object) -> list[tuple[int, int, int]]:
    return [(os.POSIX_SPAWN_DUP2, out.fileno(), 1), (os.POSIX_SPAWN_DUP2, err.fileno(), 2)]  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description="dyadgraph import against raw Kùzu COPY")
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--raw-copy", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.raw_copy:
        raw_copy(*args.raw_copy)
        return
    dyadgraph = shutil.which("dyadgraph", path=str(Path(sys.executable).parent)) or "dyadgraph"
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        events = directory / f"events-{args.n}.tab"
        write_events(args.n, events)
        base = directory / "base.kuzu"
        subprocess.run([dyadgraph, "--db", str(base), "load"], check=True, capture_output=True)
        samples: dict[str, list[float]] = {"raw COPY": [], "dyadgraph import": []}
        peaks: dict[str, list[int]] = {"raw COPY": [], "dyadgraph import": []}
        rows = 0
        for round_ in range(args.repeat):
            for name in samples:
                db = directory / f"{name.split()[0]}-{round_}.kuzu"
                shutil.copyfile(base, db)
                if name == "raw COPY":
                    _, peak, out = run_with_rusage([sys.executable, __file__, "--raw-copy", str(events), str(db)])
                    measured = json.loads(out)
                    seconds, rows = measured["seconds"], measured["rows"]
                else:
                    seconds, peak, _ = run_with_rusage([dyadgraph, "--db", str(db), "import", "icews", str(events)])
                samples[name].append(seconds)
                peaks[name].append(peak)
                for leftover in directory.glob(f"{db.name}*"):
                    leftover.unlink()
        medians = {name: statistics.median(values) for name, values in samples.items()}
        print(f"import of {args.n:,} ICEWS events ({rows:,} rows: events and INVOLVES), median of {args.repeat} rounds")
        for name, seconds in medians.items():
            print(
                f"  {name:<17} {seconds:8.2f} s   {rows / seconds:>10,.0f} rows/s   "
                f"peak memory {max(peaks[name]) / GIB:.2f} GiB"
            )
        ratio = medians["raw COPY"] / medians["dyadgraph import"]
        peak = max(peaks["dyadgraph import"]) / GIB
        print(f"  import throughput / raw COPY throughput: {ratio:.2f} ({'meets' if ratio >= 0.7 else 'MISSES'} 0.7)")
        print(f"  import peak memory {peak:.2f} GiB ({'meets' if peak < 2 else 'MISSES'} the 2 GiB target)")


if __name__ == "__main__":
    main()
