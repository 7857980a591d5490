"""`dyadgraph import icews` of synthetic events against the floor measured in the same run.

    python benchmarks/import_events.py [SIZE ...] [--grow STEP] [--memory BUDGET] [--dir DIR]
                                       (SIZE default 100000; BUDGET default 4GiB)

For each size N, an ICEWS file of N events (benchmarks/make_events.py, skewed States) is imported
into the seed graph (`dyadgraph load`), either in one file or, with `--grow STEP`, in files of
STEP events one after the other (a user adding a year at a time). Each import is the whole
command, `dyadgraph --db DB import icews FILE --memory BUDGET`, process start included. Its floor
is measured in the same run on the same file: pyarrow reading the file into Arrow, plus Kùzu's
COPY of the same rows, prebuilt as Arrow tables in the same layout by dyadgraph's own reader
(outside the timing), in the same batches and with the same buffer pool as the import's plan,
into a graph that holds what the import's graph holds. Printed per size (per step with --grow):
the import's seconds against the floor's, events/s, peak resident memory (ru_maxrss of the
import process) against the budget, and the database's size on disk. Targets (issue 20):
throughput at least 0.7 of the floor's, peak memory within 10 % of the budget.

With --dir the files and databases stay there (the files are reused by the next run); else they
go in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_events import write_events

GIB = 1 << 30


def floor(events_file: Path, db: Path, budget: int) -> None:
    """In a child process: time pyarrow's read of the file, prebuild the tables (untimed), then
    time Kùzu's COPY of them in the import's batches and pool (prints JSON)."""
    import kuzu
    import pyarrow as pa
    import pyarrow.csv as csv

    from dyadgraph.backends.kuzu_write import EmbeddedWriter
    from dyadgraph.imports.arrow import Context, Stream
    from dyadgraph.imports.crosswalk import crosswalk
    from dyadgraph.imports.memory import estimate_rows, plan
    from dyadgraph.imports.registry import get

    started = time.perf_counter()
    read = csv.read_csv(events_file, parse_options=csv.ParseOptions(delimiter="\t", quote_char=False))
    read_seconds = time.perf_counter() - started
    del read
    ctx = Context(events_file, crosswalk(), source="icews")
    parts: dict[str, list[pa.Table]] = {"Event": [], "INVOLVES": []}
    for tables in get("icews").load()(Stream(events_file), ctx):
        for name, table in tables.items():
            parts[name].append(table.drop_columns(["_row"]))
    events, involves = (pa.concat_tables(parts[name]).combine_chunks() for name in ("Event", "INVOLVES"))
    del parts
    probe = kuzu.Database(str(db), read_only=True)
    present = int(kuzu.Connection(probe).execute("MATCH (e:Event) RETURN count(e)").get_next()[0])
    probe.close()
    chosen = plan(budget, estimate_rows(events_file), present)
    database = kuzu.Database(str(db), buffer_pool_size=chosen.buffer_pool)
    connection = kuzu.Connection(database)
    EmbeddedWriter(connection).ensure("State", list(ctx.states.values()))
    batches = []
    for start in range(0, events.num_rows, chosen.copy_rows):
        batch = events.slice(start, chosen.copy_rows)
        mine = pa.compute.is_in(involves.column("from"), value_set=batch.column("id"))
        batches.append((batch, involves.filter(mine)))
    del events, involves
    started = time.perf_counter()
    for event_rows, involves_rows in batches:  # noqa: B007 - Kùzu scans the variables named in the statements
        connection.execute("COPY Event FROM event_rows")
        connection.execute("COPY INVOLVES FROM involves_rows (from='Event', to='State')")
    copy_seconds = time.perf_counter() - started
    connection.close()
    database.close()
    print(json.dumps({"read": read_seconds, "copy": copy_seconds, "events": sum(b.num_rows for b, _ in batches)}))


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


def step_files(events: Path, step: int) -> list[Path]:
    """The file cut into files of `step` events each, every one with the header."""
    parts: list[Path] = []
    with events.open("r", encoding="utf-8") as handle:
        header = handle.readline()
        while True:
            lines = [line for _, line in zip(range(step), handle, strict=False)]
            if not lines:
                return parts
            part = events.with_name(f"{events.stem}.step{len(parts) + 1:02d}.tab")
            part.write_text(header + "".join(lines), encoding="utf-8")
            parts.append(part)


def measure(
    dyadgraph: str, files: list[Path], import_db: Path, floor_db: Path, budget: str
) -> Iterator[dict[str, float]]:
    """Import each file in turn into import_db, and time its floor into floor_db, which grows alike;
    each file's result as soon as it is measured."""
    from dyadgraph.imports.memory import parse_size

    for path in files:
        _, _, out = run_with_rusage([sys.executable, __file__, "--floor", str(path), str(floor_db), budget])
        measured = json.loads(out)
        seconds, peak, _ = run_with_rusage(
            [dyadgraph, "--db", str(import_db), "import", "icews", str(path), "--memory", budget]
        )
        yield {
            "events": measured["events"],
            "import": seconds,
            "read": measured["read"],
            "copy": measured["copy"],
            "peak": peak,
            "budget": parse_size(budget),
            "size": import_db.stat().st_size,
        }


def report(label: str, result: dict[str, float]) -> tuple[float, float]:
    floor_seconds = result["read"] + result["copy"]
    ratio = floor_seconds / result["import"]
    peak = result["peak"] / result["budget"]
    print(
        f"  {label:<14} import {result['import']:8.1f} s  floor {floor_seconds:8.1f} s (read {result['read']:.1f} + "
        f"COPY {result['copy']:.1f})  ratio {ratio:.2f}  {result['events'] / result['import']:>9,.0f} events/s  "
        f"peak {result['peak'] / GIB:.2f} GiB ({peak:.0%} of the budget)  database {result['size'] / GIB:.2f} GiB"
    )
    return ratio, peak


def main() -> None:
    parser = argparse.ArgumentParser(description="dyadgraph import against the floor: pyarrow read + raw Kùzu COPY")
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000])
    parser.add_argument("--grow", type=int, help="import in files of this many events, one after the other")
    parser.add_argument("--memory", default="4GiB", help="the import's --memory budget (default 4GiB)")
    parser.add_argument("--dir", type=Path, help="keep the files and databases here")
    parser.add_argument("--floor", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        from dyadgraph.imports.memory import parse_size

        floor(Path(args.floor[0]), Path(args.floor[1]), parse_size(args.floor[2]))
        return
    dyadgraph = shutil.which("dyadgraph", path=str(Path(sys.executable).parent)) or "dyadgraph"
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.dir or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        base = directory / "base.kuzu"
        if not base.exists():
            subprocess.run([dyadgraph, "--db", str(base), "load"], check=True, capture_output=True)
        ratios, peaks = [], []
        for n in args.sizes:
            events = directory / f"events-{n}.tab"
            if not events.exists():
                write_events(n, events)
            files = step_files(events, args.grow) if args.grow else [events]
            import_db, floor_db = directory / f"import-{n}.kuzu", directory / f"floor-{n}.kuzu"
            for db in (import_db, floor_db):
                shutil.copyfile(base, db)
            mode = f"in steps of {args.grow:,}" if args.grow else "in one file"
            print(f"import of {n:,} ICEWS events {mode}, --memory {args.memory}", flush=True)
            for i, result in enumerate(measure(dyadgraph, files, import_db, floor_db, args.memory)):
                ratio, peak = report(f"step {i + 1}" if args.grow else f"{n:,}", result)
                ratios.append(ratio)
                peaks.append(peak)
                sys.stdout.flush()
            for leftover in (*directory.glob(f"import-{n}.kuzu*"), *directory.glob(f"floor-{n}.kuzu*")):
                if not args.dir:
                    leftover.unlink()
            for part in files if args.grow else ():
                part.unlink()
        worst, highest = min(ratios), max(peaks)
        print(f"lowest import / floor throughput ratio: {worst:.2f} ({'meets' if worst >= 0.7 else 'MISSES'} 0.7)")
        print(
            f"highest peak memory: {highest:.0%} of the budget "
            f"({'meets' if highest <= 1.1 else 'MISSES'} the 110 % target)"
        )


if __name__ == "__main__":
    main()
