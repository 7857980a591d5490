"""Every canned query on the seed graph plus N imported events: `dyadgraph query` against the engine.

    python benchmarks/query_events.py [N] [--repeat R] [--db PATH] [--only NAME ...]
                                                   (N default 100,000; R default 5)

Setup (not timed): N synthetic ICEWS events (benchmarks/make_events.py), `dyadgraph load`,
`dyadgraph import icews`, in a temporary directory. With `--db PATH` the graph is built at PATH
and kept, and a later run with the same PATH reuses it after checking that it holds N imported
events (building the 1,000,000-event graph takes about a minute; remove the file after changing
the seeds or the importer); `--only` times only the queries named. Then, round by round, for
every query in cypher/ with its default parameters (required ones get the linter's sample
values): `dyadgraph query NAME` as a process, and the same statement and parameters run
directly on Kùzu by a bare Python process (open the database read-only, execute, fetch every
row). Also shown: the engine alone, with the database already open. Target: p50 of
`dyadgraph query` under 2 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _timing import user_env
from make_events import write_events

DIRECT = """
import json, sys, kuzu
db, text, parameters = sys.argv[1], open(sys.argv[2]).read(), json.loads(sys.argv[3])
result = kuzu.Connection(kuzu.Database(db, read_only=True)).execute(text, parameters)
rows = 0
while result.has_next():
    result.get_next()
    rows += 1
print(rows)
"""


def parameters_of(query: Any) -> dict[str, Any]:
    return dict(query.example_parameters())


def imported_events(db: Path) -> int:
    """How many coded (imported) events a database holds."""
    import kuzu

    database = kuzu.Database(str(db), read_only=True)
    connection = kuzu.Connection(database)
    try:
        result = connection.execute("MATCH (e:Event) WHERE e.kind = 'coded_event' RETURN count(e)")
        return int(result.get_next()[0])
    finally:
        connection.close()
        database.close()


def wall(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=user_env())
    return time.perf_counter() - started


def main() -> None:
    import json

    import kuzu

    from dyadgraph.backends.base import query_text
    from dyadgraph.backends.embedded import DIALECT as EMBEDDED
    from dyadgraph.queries import Catalogue

    parser = argparse.ArgumentParser(description="canned queries on an event-scale graph")
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, help="build the graph here and keep it; reuse it when it exists")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="time only these queries")
    args = parser.parse_args()
    dyadgraph = shutil.which("dyadgraph", path=str(Path(sys.executable).parent)) or "dyadgraph"
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        events, db = directory / "events.tab", (args.db or directory / "graph.kuzu").resolve()
        if args.db is None or not db.exists():
            write_events(args.n, events)
            started = time.perf_counter()
            subprocess.run([dyadgraph, "--db", str(db), "load"], check=True, capture_output=True)
            subprocess.run(
                [dyadgraph, "--db", str(db), "import", "icews", str(events)], check=True, capture_output=True
            )
            print(f"built the graph at {db} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        else:
            held = imported_events(db)
            if held != args.n:
                raise SystemExit(f"{db} holds {held:,} imported events, not {args.n:,}: remove it or pass another --db")
            print(f"reusing the graph at {db}", file=sys.stderr)
        queries = [q for q in Catalogue() if not args.only or q.name in args.only]
        if args.only and len(queries) != len(set(args.only)):
            raise SystemExit(f"unknown query among {args.only}")
        kinds = ("query", "direct", "engine")
        samples: dict[str, dict[str, list[float]]] = {q.name: {k: [] for k in kinds} for q in queries}
        texts = {}
        for query in queries:
            texts[query.name] = directory / f"{query.name}.cypher"
            texts[query.name].write_text(query_text(query, EMBEDDED), encoding="utf-8")
        connection = kuzu.Connection(kuzu.Database(str(db), read_only=True))
        for _ in range(args.repeat):
            for query in queries:
                parameters = parameters_of(query)
                # the CLI fills in the defaults itself; required parameters get the sample values
                required = [p.name for p in query.params if p.required]
                flags = [item for name in required for item in ("-p", name, str(parameters[name]))]
                times = samples[query.name]
                times["query"].append(wall([dyadgraph, "--db", str(db), "query", query.name, *flags]))
                times["direct"].append(
                    wall([sys.executable, "-c", DIRECT, str(db), str(texts[query.name]), json.dumps(parameters)])
                )
                started = time.perf_counter()
                result = connection.execute(query_text(query, EMBEDDED), parameters)
                while result.has_next():
                    result.get_next()
                times["engine"].append(time.perf_counter() - started)
        print(f"canned queries on the seed graph plus {args.n:,} imported events, p50 of {args.repeat} rounds")
        print(f"  {'query':<24} {'dyadgraph query':>16} {'direct process':>15} {'ratio':>6} {'engine only':>12}")
        worst = 0.0
        for name, times in samples.items():
            p50 = {kind: statistics.median(values) for kind, values in times.items()}
            worst = max(worst, p50["query"])
            print(
                f"  {name:<24} {p50['query']:>14.3f} s {p50['direct']:>13.3f} s {p50['query'] / p50['direct']:>6.2f}"
                f" {p50['engine'] * 1000:>9.1f} ms"
            )
        print(f"slowest p50 of dyadgraph query {worst:.3f} s: {'meets' if worst < 2 else 'MISSES'} the 2 s target")


if __name__ == "__main__":
    main()
