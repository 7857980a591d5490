"""Neo4j beside the embedded Kùzu, and dyadgraph's Neo4j import beside neo4j-admin, in one run.

    python benchmarks/neo4j_events.py [N] [--repeat R] [--load-repeat L] [--workdir DIR] [--no-queries]
                                                   (N default 1,000,000; R default 3; L default 3)

It needs a Neo4j started by tools/neo4j-server/server (`make neo4j`), which it stops and starts
again around neo4j-admin: NEO4J_DIR names that server's folder (default .neo4j in the checkout)
and DYADGRAPH_NEO4J_PASSWORD its password. Everything in the server's default database is
replaced. A million events in one transaction need a larger heap than the shipped 1 GiB: start
the server with NEO4J_SETTINGS naming a copy of tools/neo4j-server/neo4j.conf with
server.memory.heap.max_size=6G (benchmarks/README.md has the commands).

In order, each printed as soon as it is measured:
1. `dyadgraph --backend neo4j load` of the shipped seeds against `dyadgraph load` (Kùzu), the
   medians of L interleaved runs after one untimed run each.
2. N synthetic ICEWS events (benchmarks/make_events.py): `dyadgraph import icews FILE` into the
   seed graph on Kùzu, the whole command timed.
3. That graph into Neo4j the way the neo4j-admin user does it: `dyadgraph export --to csv` of
   the Kùzu graph (a folder of neo4j-admin CSV files and the import.sh that runs them), the
   server stopped, import.sh run (`neo4j-admin` being org.neo4j.cli.AdminTool from the server's
   own jars, given --overwrite-destination), the server started, and the export's
   schema.cypher run (neo4j-admin's --schema is Enterprise-only), each timed.
4. The database emptied, `dyadgraph --backend neo4j load`, then `dyadgraph --backend neo4j
   import icews FILE` timed; both ways must leave N events and 2N INVOLVES.
5. Every canned query, its default parameters (required ones get the header's example):
   `dyadgraph query NAME` as a process on each engine, round by round, and the engine alone
   (the statement on an open connection, every row fetched); p50 of R rounds. A query whose
   Neo4j engine p50 misses 2 s is run once more with PROFILE, its costliest operators printed.
Targets: the Neo4j import's throughput at least 0.3 of neo4j-admin's; every canned query under
2 s on at least one engine; `connection` under 2 s on Neo4j. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent))
from _timing import median_seconds, user_env
from make_events import write_events

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "tools" / "neo4j-server" / "server"
JARS = ROOT / "tools" / "neo4j-server" / "target" / "lib"
IMPORT_TARGET = 0.3
QUERY_TARGET = 2.0
# What neo4j-admin may use beside its heap. Its default, 90% of the memory the kernel calls free,
# is a few hundred MiB on a machine whose memory sits in the page cache (this one's).
ADMIN_OFF_HEAP = "2G"


def say(text: str = "") -> None:
    print(text, flush=True)


class Server:
    """The Neo4j that tools/neo4j-server/server runs from `home`: stopped and started on its ports."""

    def __init__(self, home: Path):
        self.home = home
        self.properties = self._properties()

    def _properties(self) -> dict[str, str]:
        state = self.home / "run" / "server.properties"
        if not state.is_file():
            raise SystemExit(f"no Neo4j runs from {self.home}: start one with `make neo4j` (see the docstring)")
        pairs = (line.partition("=") for line in state.read_text(encoding="utf-8").splitlines())
        return {key: value for key, _, value in pairs if key}

    @property
    def uri(self) -> str:
        return self.properties["bolt"]

    def port(self, key: str) -> str:
        return str(urlsplit(self.properties[key]).port)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            NEO4J_DIR=str(self.home),
            NEO4J_BOLT_PORT=self.port("bolt"),
            NEO4J_HTTP_PORT=self.port("browser"),
            NEO4J_CONTENT_PORT=self.port("content"),
        )
        return env

    def stop(self) -> None:
        subprocess.run([str(SERVER), "stop"], check=True, capture_output=True, env=self.env())

    def start(self) -> None:
        """Start on the same ports (a test server's clients keep their URI)."""
        started = subprocess.run([str(SERVER), "start"], capture_output=True, text=True, env=self.env())
        if started.returncode:
            log = self.home / "logs" / "neo4j.log"
            raise SystemExit(f"Neo4j did not start again:\n{started.stdout}{started.stderr}\n(see {log})")
        self.properties = self._properties()

    def heap(self) -> str:
        conf = self.home / "conf" / "neo4j.conf"
        for line in conf.read_text(encoding="utf-8").splitlines() if conf.is_file() else []:
            if line.startswith("server.memory.heap.max_size="):
                return line.partition("=")[2]
        return "?"


@contextmanager
def driver(server: Server) -> Iterator[Any]:
    import neo4j

    password = os.environ["DYADGRAPH_NEO4J_PASSWORD"]
    auth = (os.environ.get("DYADGRAPH_NEO4J_USER", "neo4j"), password)
    # the server's notices (a property key no row has yet) would be logged with each query's text
    with neo4j.GraphDatabase.driver(server.uri, auth=auth, notifications_min_severity="OFF") as d:
        yield d


def single(server: Server, text: str) -> Any:
    with driver(server) as d, d.session() as session:
        return session.run(text).single()[0]


def clear(server: Server) -> None:
    """Empty the database in batches: a graph left by an earlier run is too large to delete in
    the one transaction `dyadgraph load` uses."""
    with driver(server) as d, d.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def event_counts(server: Server) -> tuple[int, int]:
    events = single(server, "MATCH (e:Event) WHERE e.kind = 'coded_event' RETURN count(e)")
    involves = single(server, "MATCH (:Event {kind: 'coded_event'})-[r:INVOLVES]->(:State) RETURN count(r)")
    return int(events), int(involves)


def timed(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[float, str]:
    """Wall time and stdout of one command, which must succeed."""
    started = time.perf_counter()
    finished = subprocess.run(argv, capture_output=True, text=True, env=user_env(env), cwd=cwd)
    seconds = time.perf_counter() - started
    if finished.returncode:
        raise SystemExit(f"{' '.join(argv)} failed (exit {finished.returncode}):\n{finished.stdout}{finished.stderr}")
    return seconds, finished.stdout


def seed_loads(dyadgraph: str, db: Path, env: dict[str, str], repeat: int) -> None:
    medians = median_seconds(
        {
            "neo4j": [dyadgraph, "--backend", "neo4j", "load"],
            "kuzu": [dyadgraph, "--db", str(db), "load"],
        },
        repeat,
        env,
    )
    say(f"1. seed load, median of {repeat} (after one untimed run each)")
    say(f"  dyadgraph --backend neo4j load   {medians['neo4j']:8.2f} s")
    say(f"  dyadgraph load (Kùzu)            {medians['kuzu']:8.2f} s")
    say(f"  Neo4j / Kùzu: {medians['neo4j'] / medians['kuzu']:.2f}")


def engine_seconds_neo4j(session: Any, text: str, parameters: dict[str, Any]) -> float:
    started = time.perf_counter()
    session.run(text, parameters).consume()  # consume() fetches and discards every row
    return time.perf_counter() - started


def engine_seconds_kuzu(connection: Any, text: str, parameters: dict[str, Any]) -> float:
    started = time.perf_counter()
    result = connection.execute(text, parameters)
    while result.has_next():
        result.get_next()
    return time.perf_counter() - started


def costliest_operators(profile: dict[str, Any], top: int = 4) -> list[str]:
    """The plan's operators with the most database hits (PROFILE), as `Operator hits rows details`."""
    found: list[tuple[int, str]] = []

    def walk(plan: dict[str, Any]) -> None:
        hits = int(plan.get("dbHits", 0) or 0)
        args = plan.get("args", {})
        details = str(args.get("Details", ""))[:70]
        found.append(
            (hits, f"{plan.get('operatorType', '?')}: {hits:,} db hits, {plan.get('rows', 0):,} rows  {details}")
        )
        for child in plan.get("children", []):
            walk(child)

    walk(profile)
    return [line for _, line in sorted(found, key=lambda item: -item[0])[:top]]


def queries(dyadgraph: str, db: Path, server: Server, env: dict[str, str], repeat: int, n: int) -> None:
    import kuzu

    from dyadgraph.backends.base import query_text, statement_parameters
    from dyadgraph.backends.embedded import DIALECT as EMBEDDED
    from dyadgraph.backends.neo4j import DIALECT as NEO4J
    from dyadgraph.queries import Catalogue

    catalogue = list(Catalogue())
    kinds = ("neo4j", "kuzu", "neo4j engine", "kuzu engine")
    samples: dict[str, dict[str, list[float]]] = {q.name: {k: [] for k in kinds} for q in catalogue}
    texts = {q.name: {"neo4j": query_text(q, NEO4J), "kuzu": query_text(q, EMBEDDED)} for q in catalogue}
    parameters = {q.name: dict(q.example_parameters()) for q in catalogue}
    database = kuzu.Database(str(db), read_only=True)
    connection = kuzu.Connection(database)
    with driver(server) as d, d.session() as session:
        for query in catalogue:  # warm both engines' plan caches and the page caches, untimed
            engine_seconds_neo4j(
                session,
                texts[query.name]["neo4j"],
                statement_parameters(texts[query.name]["neo4j"], parameters[query.name]),
            )
        for _ in range(repeat):
            for query in catalogue:
                name, given = query.name, parameters[query.name]
                flags = [item for p in query.params if p.required for item in ("-p", p.name, str(given[p.name]))]
                times = samples[name]
                times["neo4j"].append(timed([dyadgraph, "--backend", "neo4j", "query", name, *flags], env)[0])
                times["kuzu"].append(timed([dyadgraph, "--db", str(db), "query", name, *flags], env)[0])
                neo4j_text, kuzu_text = texts[name]["neo4j"], texts[name]["kuzu"]
                times["neo4j engine"].append(
                    engine_seconds_neo4j(session, neo4j_text, statement_parameters(neo4j_text, given))
                )
                times["kuzu engine"].append(
                    engine_seconds_kuzu(connection, kuzu_text, statement_parameters(kuzu_text, given))
                )
        connection.close()
        database.close()
        say(f"5. canned queries on the seeds plus {n:,} events, p50 of {repeat} rounds")
        say("  (`dyadgraph query` as a process on each engine; then the engine alone, on an open connection)")
        say(f"  {'query':<22} {'Neo4j':>9} {'Kùzu':>9} {'Neo4j/Kùzu':>11} {'Neo4j engine':>13} {'Kùzu engine':>12}")
        p50s = {name: {kind: statistics.median(v) for kind, v in times.items()} for name, times in samples.items()}
        for name, p50 in p50s.items():
            say(
                f"  {name:<22} {p50['neo4j']:7.3f} s {p50['kuzu']:7.3f} s {p50['neo4j'] / p50['kuzu']:>11.2f}"
                f" {p50['neo4j engine'] * 1000:>10.1f} ms {p50['kuzu engine'] * 1000:>9.1f} ms"
            )
        # the process times carry Python's start and imports, which a loaded machine stretches:
        # the verdicts are given on both
        for what, neo4j_kind, kuzu_kind in (
            ("dyadgraph query", "neo4j", "kuzu"),
            ("engine", "neo4j engine", "kuzu engine"),
        ):
            misses = [n for n, p50 in p50s.items() if min(p50[neo4j_kind], p50[kuzu_kind]) >= QUERY_TARGET]
            verdict = "meets" if not misses else f"MISSES ({', '.join(misses)})"
            say(f"  {what}: every query under {QUERY_TARGET:g} s on at least one engine: {verdict}")
            seconds = p50s["connection"][neo4j_kind]
            verdict = "meets" if seconds < QUERY_TARGET else "MISSES"
            say(f"  {what}: connection on Neo4j {seconds:.3f} s: {verdict} the {QUERY_TARGET:g} s target")
        slow = [n for n, p50 in p50s.items() if p50["neo4j engine"] >= QUERY_TARGET]
        for name in slow:
            text = texts[name]["neo4j"]
            summary = session.run("PROFILE " + text, statement_parameters(text, parameters[name])).consume()
            say(f"  PROFILE {name} on Neo4j, costliest operators:")
            for line in costliest_operators(summary.profile or {}):
                say(f"    {line}")


def schema_statements(csv_dir: Path) -> list[str]:
    """The export's schema.cypher, as `cypher-shell -f` runs it, then a wait for the indexes."""
    text = (csv_dir / "schema.cypher").read_text(encoding="utf-8")
    return [*(s.strip() for s in text.split(";\n") if s.strip()), "CALL db.awaitIndexes(86400)"]


def neo4j_admin(
    dyadgraph: str, db: Path, server: Server, directory: Path, env: dict[str, str]
) -> tuple[float, float, int]:
    """Prints every step's time; returns the seconds of import.sh, of the constraints and indexes,
    and how many rows (nodes and relationships) neo4j-admin imported."""
    csv_dir = directory / "csv"
    shutil.rmtree(csv_dir, ignore_errors=True)
    export_seconds, _ = timed([dyadgraph, "--db", str(db), "export", "--to", "csv", "-o", str(csv_dir)], env)
    admin_env = dict(env)
    admin_env.update(
        # tools/neo4j-server/neo4j-admin: AdminTool from the server's own jars and JVM options
        PATH=f"{ROOT / 'tools' / 'neo4j-server'}{os.pathsep}{env.get('PATH', '')}",
        NEO4J_HOME=str(server.home),
        NEO4J_CONF=str(server.home / "conf"),
    )
    stop_started = time.perf_counter()
    server.stop()
    stop_seconds = time.perf_counter() - stop_started
    try:
        admin_seconds, report = timed(
            [
                "sh",
                str(csv_dir / "import.sh"),
                "neo4j",  # Community has one user database, which exists: overwrite it
                "--overwrite-destination=true",
                f"--max-off-heap-memory={ADMIN_OFF_HEAP}",
            ],
            admin_env,
            cwd=csv_dir,
        )
    finally:
        start_started = time.perf_counter()
        server.start()
        start_seconds = time.perf_counter() - start_started
    imported = [line.strip() for line in report.splitlines() if line.strip().endswith(("nodes", "relationships"))]
    admin_rows = sum(int(line.split()[0]) for line in imported)
    schema_started = time.perf_counter()
    with driver(server) as d, d.session() as session:
        for statement in schema_statements(csv_dir):
            session.run(statement).consume()
    schema_seconds = time.perf_counter() - schema_started
    say("3. the same graph through neo4j-admin (import.sh from `dyadgraph export --to csv`)")
    say(f"  dyadgraph export --to csv (Kùzu)       {export_seconds:8.2f} s")
    say(f"  server stop                            {stop_seconds:8.2f} s")
    say(f"  import.sh (neo4j-admin import full)    {admin_seconds:8.2f} s   ({', '.join(imported)})")
    say(f"  server start on the imported database  {start_seconds:8.2f} s")
    say(f"  constraints and indexes, built         {schema_seconds:8.2f} s")
    return admin_seconds, schema_seconds, admin_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the canned queries")
    parser.add_argument("--load-repeat", type=int, default=3, help="rounds of the seed loads")
    parser.add_argument("--workdir", type=Path, help="keep the files here (default: a temporary folder)")
    parser.add_argument("--no-queries", action="store_true", help="time the loads and imports only")
    args = parser.parse_args()
    home = Path(os.environ.get("NEO4J_DIR", ROOT / ".neo4j"))
    server = Server(home if home.is_absolute() else ROOT / home)
    if len(os.environ.get("DYADGRAPH_NEO4J_PASSWORD", "")) < 8:
        raise SystemExit("set DYADGRAPH_NEO4J_PASSWORD to the password of the server in NEO4J_DIR")
    dyadgraph = shutil.which("dyadgraph", path=str(Path(sys.executable).parent)) or "dyadgraph"
    env = dict(os.environ, DYADGRAPH_NEO4J_URI=server.uri)
    env.pop("DYADGRAPH_NEO4J_DATABASE", None)
    with tempfile.TemporaryDirectory() as tmp:
        directory = (args.workdir or Path(tmp)).resolve()
        directory.mkdir(parents=True, exist_ok=True)
        events, db = directory / f"events-{args.n}.tab", directory / "graph.kuzu"
        if not events.is_file():
            write_events(args.n, events)
        say(f"Neo4j at {server.uri} (heap {server.heap()}) and Kùzu, {args.n:,} synthetic ICEWS events")
        clear(server)
        for leftover in directory.glob("graph.kuzu*"):
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
        seed_loads(dyadgraph, db, env, args.load_repeat)

        rows = 3 * args.n  # the events and their two INVOLVES each
        expected = (args.n, 2 * args.n)
        kuzu_seconds, _ = timed([dyadgraph, "--db", str(db), "import", "icews", str(events)], env)
        say(f"2. import of {args.n:,} events ({rows:,} rows: events and INVOLVES)")
        say(f"  dyadgraph import icews (Kùzu)            {kuzu_seconds:8.2f} s {rows / kuzu_seconds:>10,.0f} rows/s")

        # neo4j-admin first, so that a run cut short has both ends of the import comparison soonest
        admin_seconds, schema_seconds, admin_rows = neo4j_admin(dyadgraph, db, server, directory, env)
        counts = event_counts(server)
        if counts != expected:
            raise SystemExit(f"neo4j-admin imported {counts[0]:,} events and {counts[1]:,} INVOLVES")
        admin = admin_rows / admin_seconds
        with_schema = admin_rows / (admin_seconds + schema_seconds)
        say(f"  {counts[0]:,} events and {counts[1]:,} INVOLVES imported")
        say(f"  neo4j-admin {admin:,.0f} rows/s ({with_schema:,.0f} with the constraints and indexes built)")

        clear(server)
        timed([dyadgraph, "--backend", "neo4j", "load"], env)
        neo4j_seconds, _ = timed([dyadgraph, "--backend", "neo4j", "import", "icews", str(events)], env)
        counts = event_counts(server)
        if counts != expected:
            raise SystemExit(f"the Neo4j import left {counts[0]:,} events and {counts[1]:,} INVOLVES")
        ours = rows / neo4j_seconds
        say(f"4. dyadgraph import icews --backend neo4j {neo4j_seconds:8.2f} s {ours:>10,.0f} rows/s")
        say(f"  the same {counts[0]:,} events and {counts[1]:,} INVOLVES as neo4j-admin's")
        ratio = ours / admin
        verdict = "meets" if ratio >= IMPORT_TARGET else "MISSES"
        say(f"dyadgraph --backend neo4j import throughput / neo4j-admin's: {ratio:.2f} ({verdict} {IMPORT_TARGET:g})")
        say(f"  (against neo4j-admin with the constraints and indexes built: {ours / with_schema:.2f})")

        if not args.no_queries:
            queries(dyadgraph, db, server, env, args.repeat, args.n)


if __name__ == "__main__":
    main()
