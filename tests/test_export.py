"""dyadgraph.export as a library: the selection, and each format read back by the tool it is for.

Text formats of the tiny fixture are compared with golden files in tests/golden/export/. After a
deliberate change to an exporter or to the fixture, regenerate them and review the diff:

    DYADGRAPH_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.backends.neo4j import DIALECT as NEO4J
from dyadgraph.errors import ExportError, ExportWarning
from dyadgraph.export import text, write
from dyadgraph.export.bibtex import entries_in, verbatim_entries
from dyadgraph.export.cypher import literal, recreate_statements
from dyadgraph.export.select import data_versions, select
from dyadgraph.export.selection import LABELS, Selection
from dyadgraph.export.statements import selection_statements
from dyadgraph.export.subgraph import Subgraph
from dyadgraph.load import load
from dyadgraph.queries import Catalogue
from dyadgraph.schema import NODES, RELATIONSHIPS
from dyadgraph_dev.lint import lint_schema, run_linter

from .conftest import MONGOLIA, ROOT, TINY, rows, subgraph

GOLDEN = ROOT / "tests" / "golden" / "export"
UPDATE_GOLDEN = os.environ.get("DYADGRAPH_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tiny") / "graph.kuzu"
    backend = EmbeddedBackend(path, create=True)
    load([TINY], backend)
    backend.close()
    return path


def keys(graph: Subgraph) -> set[str]:
    return {n.key for n in graph.nodes}


# ---------------------------------------------------------------- selection


def test_the_whole_graph_is_every_node_and_relationship_but_the_dataset_record(tiny: Path) -> None:
    graph = subgraph(tiny)
    labels = rows(tiny, "MATCH (n) RETURN label(n) AS label, n.id AS id")
    assert keys(graph) == {f"{r['label']}:{r['id']}" for r in labels if r["label"] != "Dataset"}
    assert len(graph.relationships) == rows(tiny, "MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]
    assert graph.data_versions == [("tiny", rows(tiny, "MATCH (d:Dataset) RETURN d.version AS v")[0]["v"])]


def test_year_filters_keep_what_overlaps_and_what_is_undated(tiny: Path) -> None:
    graph = subgraph(tiny, since=2000)
    ties = {r.id for r in graph.relationships if r.type == "TIE"}
    assert "MNG>TIE>SUN:alignment" not in ties  # ended 1991
    assert {"MNG>TIE>RUS:strategic_partnership", "MNG>TIE>USA:strategic_partnership"} <= ties
    assert "Event:1950-prc-recognizes-mongolia" not in keys(graph)
    assert {"Event:2003-khaan-quest", "State:SUN", "Source:womack2006"} <= keys(graph)  # undated stay
    earlier = subgraph(tiny, until=1999)
    assert "MNG>TIE>SUN:alignment" in {r.id for r in earlier.relationships}
    assert {"Event:1950-prc-recognizes-mongolia", "Event:1998-un-resolution-53-77d"} <= keys(earlier)
    assert "Event:2003-khaan-quest" not in keys(earlier)


def test_a_type_filter_keeps_the_nodes_those_relationships_touch(tiny: Path) -> None:
    graph = subgraph(tiny, types=("TIE",))
    assert {r.type for r in graph.relationships} == {"TIE"}
    assert keys(graph) == {"State:MNG", "State:SUN", "State:RUS", "State:CHN", "State:USA"}


class Oracle:
    """The selection's meaning, in Python, over the whole graph read with the plainest statements.

    The selection statements filter inside Cypher (and Kùzu 0.11 has filters it misapplies);
    this reads every node and relationship unfiltered and applies the documented rules.
    """

    def __init__(self, db: Path):
        backend = EmbeddedBackend(db)
        try:
            found = backend.run("MATCH (n) RETURN label(n), n.id, n.year").values
            self.nodes = {f"{label}:{node_id}": (label, year) for label, node_id, year in found if label != "Dataset"}
            text = "MATCH (a)-[r]->(b) RETURN label(a), a.id, label(r), r.id, r.year, r.since, r.until, label(b), b.id"
            self.rels = [
                (f"{row[0]}:{row[1]}", row[2], row[3], row[4], row[5], row[6], f"{row[7]}:{row[8]}")
                for row in backend.run(text).values
            ]
        finally:
            backend.close()

    def select(self, selection: Selection) -> tuple[set[str], set[str]]:
        since, until = selection.since, selection.until

        def node_ok(key: str) -> bool:
            label, year = self.nodes[key]
            if selection.labels and label not in selection.labels:
                return False
            dated = label != "Source" and year is not None
            return not dated or ((since is None or year >= since) and (until is None or year <= until))

        def rel_ok(rel: tuple[Any, ...]) -> bool:
            _, rel_type, _, year, start_date, end_date, _ = rel
            if selection.types and rel_type not in selection.types:
                return False
            start = year if year is not None else int(start_date[:4]) if start_date else None
            end = year if year is not None else int(end_date[:4]) if end_date else None
            return (since is None or end is None or end >= since) and (until is None or start is None or start <= until)

        usable = [r for r in self.rels if rel_ok(r) and node_ok(r[0]) and node_ok(r[6])]
        if selection.mode == "ego":
            assert selection.around
            reached = {selection.around} if node_ok(selection.around) else set()
            frontier = set(reached)
            for _ in range(selection.depth):
                frontier = {r[6] for r in usable if r[0] in frontier} | {r[0] for r in usable if r[6] in frontier}
                frontier -= reached
                reached |= frontier
            return reached, {r[2] for r in usable if r[0] in reached and r[6] in reached}
        if selection.mode == "dyad":
            assert selection.dyad
            states = {f"State:{s}" for s in selection.dyad}
            events: set[str] = set()
            if not selection.types or "INVOLVES" in selection.types:
                involving: dict[str, set[str]] = defaultdict(set)
                for r in self.rels:
                    if r[1] == "INVOLVES" and r[6] in states:
                        involving[r[0]].add(r[6])
                events = {e for e, found in involving.items() if found == states and node_ok(e)}
            kept = states | events
            rels = {r[2] for r in usable if r[0] in kept and r[6] in kept and r[0] != r[6]}
            return kept, rels
        if selection.types:
            return {k for r in usable for k in (r[0], r[6])}, {r[2] for r in usable}
        kept = {k for k in self.nodes if node_ok(k)}
        return kept, {r[2] for r in usable}


@pytest.fixture(scope="module")
def oracles(tiny: Path, mongolia_db: Path) -> dict[str, tuple[Path, Oracle]]:
    return {"tiny": (tiny, Oracle(tiny)), "mongolia": (mongolia_db, Oracle(mongolia_db))}


FILTERS: list[dict[str, Any]] = [
    {},
    {"types": ("TIE", "INVOLVES")},
    {"labels": ("State", "Event", "Strategy", "Organization"), "since": 2000, "until": 2015},
    {"since": 1990},
    {"until": 1995, "types": ("TIE", "TRADE", "MEMBER_OF", "INVOLVES")},
]
MODES: list[dict[str, Any]] = [
    {},
    {"around": "State:MNG", "depth": 1},
    {"around": "State:CHN", "depth": 2},
    {"around": "Strategy:third-neighbor-policy", "depth": 2},
    {"dyad": ("MNG", "CHN")},
    {"dyad": ("MNG", "USA")},
]


@pytest.mark.parametrize("filters", FILTERS, ids=str)
@pytest.mark.parametrize("mode", MODES, ids=str)
@pytest.mark.parametrize("data", ["tiny", "mongolia"])
def test_a_selection_is_what_its_rules_select(
    oracles: dict[str, tuple[Path, Oracle]], data: str, mode: dict[str, Any], filters: dict[str, Any]
) -> None:
    db, oracle = oracles[data]
    selection = Selection(**mode, **filters)
    center = selection.around
    if center and center not in oracle.nodes:
        pytest.skip(f"{center} is not in the {data} data")
    if center and selection.labels and center.split(":")[0] not in selection.labels:
        return  # refused with a message, tested below
    expected_nodes, expected_rels = oracle.select(selection)
    graph = subgraph(db, **mode, **filters)
    assert keys(graph) == expected_nodes
    assert {r.id for r in graph.relationships} == expected_rels


def test_an_ego_network_needs_a_node_that_exists_and_says_which_when_ids_are_shared(tiny: Path) -> None:
    with pytest.raises(ExportError, match="no node with id 'ATL'"):
        subgraph(tiny, around="ATL")
    assert keys(subgraph(tiny, around="UN")) == {"Organization:UN", "State:MNG", "Event:1998-un-resolution-53-77d"}
    with pytest.raises(ExportError, match="MNG is a State, which --label leaves out"):
        subgraph(tiny, around="MNG", labels=("Event",))


def test_an_id_shared_by_two_labels_is_asked_for_by_label(mongolia_db: Path) -> None:
    shared = rows(
        mongolia_db,
        "MATCH (n) WITH n.id AS id, collect(label(n)) AS labels WHERE size(labels) > 1 RETURN id, labels ORDER BY id",
    )
    if not shared:
        pytest.skip("the shipped dataset has no id that two labels share")
    node_id, labels = shared[0]["id"], sorted(shared[0]["labels"])
    with pytest.raises(ExportError, match=f"write --around {labels[0]}:{node_id} or {labels[1]}:{node_id}"):
        subgraph(mongolia_db, around=node_id)
    assert f"{labels[1]}:{node_id}" in keys(subgraph(mongolia_db, around=f"{labels[1]}:{node_id}"))


def test_a_dyad_is_its_two_states_the_events_of_both_and_what_joins_them(tiny: Path) -> None:
    graph = subgraph(tiny, dyad=("MNG", "CHN"))
    assert keys(graph) == {"State:MNG", "State:CHN", "Event:1950-prc-recognizes-mongolia"}
    assert {r.type for r in graph.relationships} == {"TIE", "TRADE", "INVOLVES"}
    assert all(r.end in ("State:MNG", "State:CHN") for r in graph.relationships if r.type == "INVOLVES")
    with pytest.raises(ExportError, match="no State with id ATL"):
        subgraph(tiny, dyad=("MNG", "ATL"))


def test_a_selection_reports_every_problem_at_once() -> None:
    bad = Selection(around="MNG", query="why", labels=("Stat",), depth=9, parameters=(("id", "x"),))
    with pytest.raises(ExportError) as caught:
        bad.check()
    message = str(caught.value)
    for expected in ("choose one of --around", "--query selects by itself", "unknown label Stat", "--depth must be"):
        assert expected in message


def write_catalogue(directory: Path, name: str, text: str) -> Catalogue:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.cypher").write_text(f"// name: {name}\n// title: {name}\n{text}\n", encoding="utf-8")
    return Catalogue(directory)


def test_a_query_selects_what_its_parameters_and_rows_name(tiny: Path, tmp_path: Path) -> None:
    catalogue = write_catalogue(
        tmp_path / "cypher",
        "partners",
        '// param focal: string = "MNG"\nMATCH (:State {id: $focal})-[t:TIE]->(p:State) RETURN p.id AS partner',
    )
    backend = EmbeddedBackend(tiny)
    try:
        graph = select(backend, Selection(query="partners", parameters=(("focal", "MNG"),)), catalogue)
    finally:
        backend.close()
    states = {"State:MNG", "State:SUN", "State:RUS", "State:CHN", "State:USA"}
    assert keys(graph) == states
    between = {r.id for r in subgraph(tiny).relationships if r.start in states and r.end in states}
    assert {r.id for r in graph.relationships} == between
    assert [s.purpose for s in graph.statements] == ["query", "nodes", "relationships"]


def test_a_query_that_returns_paths_brings_their_relationships(tiny: Path, tmp_path: Path) -> None:
    catalogue = write_catalogue(
        tmp_path / "cypher",
        "paths",
        "MATCH p = (:Event {id: '1950-prc-recognizes-mongolia'})-[:INVOLVES]->(s) RETURN p",
    )
    backend = EmbeddedBackend(tiny)
    try:
        graph = select(backend, Selection(query="paths"), catalogue)
    finally:
        backend.close()
    assert keys(graph) == {"Event:1950-prc-recognizes-mongolia", "State:CHN", "State:MNG", "Person:mao-zedong"}
    assert {r.id for r in graph.relationships} >= {
        "1950-prc-recognizes-mongolia>INVOLVES>CHN:initiator",
        "1950-prc-recognizes-mongolia>INVOLVES>mao-zedong:initiator",
    }


def test_a_query_selects_what_its_rules_select(oracles: dict[str, tuple[Path, Oracle]], tmp_path: Path) -> None:
    """Ids of several labels named by a query: those nodes, and every relationship among them."""
    db, oracle = oracles["mongolia"]
    catalogue = write_catalogue(
        tmp_path / "cypher",
        "recent",
        "MATCH (e:Event)-[:INVOLVES]->(s:State {id: 'MNG'})\nWHERE e.year >= 2010\n"
        "MATCH (e)-[:INVOLVES]->(o)\nRETURN e.id AS event, o.id AS other",
    )
    backend = EmbeddedBackend(db)
    try:
        graph = select(backend, Selection(query="recent"), catalogue)
        named = {v for row in backend.run(catalogue.get("recent").text).values for v in row}
    finally:
        backend.close()
    expected = {key for key in oracle.nodes if key.split(":", 1)[1] in named}
    assert keys(graph) == expected
    assert {r.id for r in graph.relationships} == {r[2] for r in oracle.rels if r[0] in expected and r[6] in expected}


def test_a_query_that_names_nothing_is_refused_with_the_table_formats_offered(tiny: Path, tmp_path: Path) -> None:
    catalogue = write_catalogue(tmp_path / "cypher", "count", "MATCH (s:State) RETURN count(s) AS n")
    backend = EmbeddedBackend(tiny)
    try:
        with pytest.raises(ExportError, match="--to latex or --to md"):
            select(backend, Selection(query="count"), catalogue)
    finally:
        backend.close()


def every_selection_statement() -> list[dict[str, Any]]:
    selections = [
        (Selection(), None),
        (Selection(types=("TIE",), since=1990, until=2000), None),
        (Selection(labels=("State", "Event"), until=2000), None),
        (Selection(around="MNG", depth=2, types=("TIE", "INVOLVES"), since=2010), "State"),
        (Selection(around="single-state-nwfz", until=2000), "Strategy"),
        (Selection(dyad=("MNG", "CHN"), since=1990, until=2020), None),
    ]
    statements = []
    for selection, center in selections:
        for i, statement in enumerate(selection_statements(selection, NEO4J, center)):
            statements.append(
                {"name": f"{selection.describe()} #{i}", "text": statement.text, "parameters": statement.parameters}
            )
    return statements


@pytest.mark.lint
def test_the_neo4j_text_of_every_selection_passes_neo4js_linter() -> None:
    from dyadgraph.export.statements import named_statements

    statements = every_selection_statement()
    named_nodes, named_relationships = named_statements(NEO4J)
    statements += [
        {"name": "named nodes", "text": named_nodes, "parameters": {"ids": []}},
        {"name": "named relationships", "text": named_relationships, "parameters": {"ids": []}},
        {"name": "sources", "text": "MATCH (s:Source) WHERE s.id IN $keys RETURN s", "parameters": {"keys": []}},
    ]
    _, response = run_linter({"schema": lint_schema(), "statements": statements, "options": {"cypherVersion": "5"}})
    assert {r["name"]: r["diagnostics"] for r in response["results"] if r["diagnostics"]} == {}


# ---------------------------------------------------------------- graph files


def typed(graph: Subgraph) -> None:
    """The fixture has every property type: int, float and bool must survive as themselves."""
    values = [v for n in graph.nodes for v in n.properties.values()]
    assert {type(v) for v in values} >= {str, int, bool}
    assert any(isinstance(v, float) for r in graph.relationships for v in r.properties.values())


def test_graphml_round_trips_through_networkx(tiny: Path, tmp_path: Path) -> None:
    import networkx as nx

    graph = subgraph(tiny)
    typed(graph)
    path = tmp_path / "g.graphml"
    write(graph, "graphml", path)
    read = nx.read_graphml(path, force_multigraph=True)
    assert set(read.nodes) == keys(graph)
    assert {(u, v, k) for u, v, k in read.edges(keys=True)} == {(r.start, r.end, r.id) for r in graph.relationships}
    for node in graph.nodes:
        attrs = read.nodes[node.key]
        assert {k: attrs[k] for k in node.properties} == node.properties
        assert (attrs["ontology_label"], attrs["label"]) == (node.label, node.display_name())
    for rel in graph.relationships:
        attrs = read.edges[rel.start, rel.end, rel.id]
        assert {k: attrs[k] for k in rel.properties} == rel.properties
        assert attrs["ontology_type"] == rel.type


def test_graphml_carries_what_gephi_and_yed_show(tiny: Path) -> None:
    from xml.etree import ElementTree

    from dyadgraph.export.style import LABEL_COLOURS, rgb

    root = ElementTree.fromstring(text(subgraph(tiny), "graphml"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns", "y": "http://www.yworks.com/xml/graphml"}
    names = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}
    mongolia = root.find("g:graph/g:node[@id='State:MNG']", ns)
    assert mongolia is not None
    data = {names[d.get("key")]: d.text for d in mongolia.findall("g:data", ns) if names.get(d.get("key"))}
    assert (data["label"], data["landlocked"]) == ("Mongolia", "true")
    assert tuple(int(data[c]) for c in "rgb") == rgb(LABEL_COLOURS["State"])
    assert mongolia.find(".//y:NodeLabel", ns).text == "Mongolia"  # type: ignore[union-attr]
    assert mongolia.find(".//y:Fill", ns).get("color") == LABEL_COLOURS["State"]  # type: ignore[union-attr]


def test_gexf_round_trips_through_networkx(tiny: Path, tmp_path: Path) -> None:
    import networkx as nx

    from dyadgraph.export.style import LABEL_COLOURS, rgb

    graph = subgraph(tiny)
    path = tmp_path / "g.gexf"
    write(graph, "gexf", path)
    assert "lastmodifieddate" not in path.read_text(encoding="utf-8")
    read = nx.read_gexf(path)
    assert set(read.nodes) == keys(graph)
    assert {(u, v, k) for u, v, k in read.edges(keys=True)} == {(r.start, r.end, r.id) for r in graph.relationships}
    for node in graph.nodes:
        attrs = read.nodes[node.key]
        # GEXF's own id is the node's key (Label:id), so the id property is not repeated.
        assert {k: attrs[k] for k in node.properties if k != "id"} == {
            k: v for k, v in node.properties.items() if k != "id"
        }
        colour = attrs["viz"]["color"]
        assert (colour["r"], colour["g"], colour["b"]) == rgb(LABEL_COLOURS[node.label])
    for rel in graph.relationships:
        attrs = read.edges[rel.start, rel.end, rel.id]
        assert {k: attrs[k] for k in rel.properties} == rel.properties


def test_cytoscape_json_is_elements_whose_edges_join_its_nodes(tiny: Path) -> None:
    graph = subgraph(tiny, around="MNG")
    document = json.loads(text(graph, "cytoscape"))
    nodes = {n["data"]["id"]: n for n in document["elements"]["nodes"]}
    assert set(nodes) == keys(graph)
    assert all(set(n["position"]) == {"x", "y"} for n in nodes.values())
    edges = document["elements"]["edges"]
    assert [e["data"]["id"] for e in edges] == [r.id for r in graph.relationships]
    assert all(e["data"]["source"] in nodes and e["data"]["target"] in nodes for e in edges)
    assert nodes["State:MNG"]["data"]["name_zh"] == "蒙古"


def test_plain_json_holds_the_subgraph_and_its_selection(tiny: Path) -> None:
    document = json.loads(text(subgraph(tiny, dyad=("MNG", "CHN")), "json"))
    assert document["selection"]["dyad"] == ["MNG", "CHN"]
    assert [n["key"] for n in document["nodes"]] == ["State:CHN", "State:MNG", "Event:1950-prc-recognizes-mongolia"]


# ---------------------------------------------------------------- neo4j-admin CSV


def test_neo4j_admin_files_have_import_headers_and_ids_that_resolve(tiny: Path, tmp_path: Path) -> None:
    graph = subgraph(tiny)
    write(graph, "csv", tmp_path / "out")
    ids: dict[str, set[str]] = {}
    for path in sorted((tmp_path / "out" / "nodes").glob("*.csv")):
        table = list(csv.reader(path.open(encoding="utf-8")))
        label = path.stem
        assert table[0][:2] == [f"id:ID({label})", ":LABEL"]
        assert {row[1] for row in table[1:]} == {label}
        ids[label] = {row[0] for row in table[1:]}
    assert sum(map(len, ids.values())) == len(graph.nodes)
    seen = 0
    for path in sorted((tmp_path / "out" / "relationships").glob("*.csv")):
        rel_type, from_label, to_label = path.stem.split("-")
        table = list(csv.reader(path.open(encoding="utf-8")))
        assert table[0][:3] == [f":START_ID({from_label})", f":END_ID({to_label})", ":TYPE"]
        for row in table[1:]:
            assert row[0] in ids[from_label] and row[1] in ids[to_label] and row[2] == rel_type
        seen += len(table) - 1
    assert seen == len(graph.relationships)
    header = next(csv.reader((tmp_path / "out" / "nodes" / "State.csv").open(encoding="utf-8")))
    assert {"cow_code:long", "landlocked:boolean"} <= set(header)
    script = (tmp_path / "out" / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in script and "--nodes=nodes/State.csv" in script
    assert os.access(tmp_path / "out" / "import.sh", os.X_OK)
    assert "cypher-shell -d neo4j -f schema.cypher" in script
    schema = (tmp_path / "out" / "schema.cypher").read_text(encoding="utf-8").splitlines()
    assert len(schema) == len(NODES) + len(RELATIONSHIPS) + 3  # an id per label and type, 3 others
    assert "CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;" in schema


def test_import_sh_hands_the_database_and_any_options_to_neo4j_admin(tiny: Path, tmp_path: Path) -> None:
    """`./import.sh`, `./import.sh graph --overwrite-destination`: the import itself, into a live
    database, is tests/test_neo4j_round_trips.py's; here a stand-in neo4j-admin prints what it gets."""
    write(subgraph(tiny), "csv", tmp_path / "out")
    stand_in = tmp_path / "bin" / "neo4j-admin"
    stand_in.parent.mkdir()
    stand_in.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n', encoding="utf-8")
    stand_in.chmod(0o755)
    environment = {**os.environ, "PATH": f"{stand_in.parent}{os.pathsep}{os.environ['PATH']}"}

    def arguments(*given: str) -> list[str]:
        done = subprocess.run([tmp_path / "out" / "import.sh", *given], env=environment, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines()

    plain = arguments()
    assert plain[:5] == ["database", "import", "full", "neo4j", "--multiline-fields=true"]
    assert plain[-1].startswith("--relationships=relationships/")
    assert arguments("graph", "--overwrite-destination") == [*plain[:3], "graph", *plain[4:], "--overwrite-destination"]


# ---------------------------------------------------------------- Cypher script


def script_statements(script: str) -> list[dict[str, Any]]:
    """The statements of a cypher-shell script, each with the :param values set before it."""
    statements, parameters, lines = [], {}, []
    for line in script.splitlines():
        if line.startswith(":param "):
            name, _, value = line[len(":param ") :].partition(" => ")
            parameters[name] = value
        elif line.startswith("//") or not line.strip():
            continue
        else:
            lines.append(line)
            if line.endswith(";"):
                text = "\n".join(lines)[:-1]
                statements.append({"name": f"#{len(statements) + 1}", "text": text, "parameters": dict(parameters)})
                lines = []
    return statements


@pytest.mark.lint
def test_the_cypher_script_passes_neo4js_linter_with_its_parameters(tiny: Path) -> None:
    script = text(subgraph(tiny), "cypher")
    statements = script_statements(script)
    literals = {
        f"literal of {s['name']}": value for s in statements for value in s["parameters"].values()
    }  # every :param value must parse as a Cypher expression too
    checks = [{"name": n, "text": f"RETURN {v} AS v", "parameters": {}} for n, v in literals.items()]
    request = {"schema": lint_schema(), "statements": statements + checks, "options": {"cypherVersion": "5"}}
    _, response = run_linter(request)
    assert {r["name"]: r["diagnostics"] for r in response["results"] if r["diagnostics"]} == {}
    assert any("MERGE (n:State {id: row.id})" in s["text"] for s in statements)


def test_the_cypher_script_holds_every_node_and_relationship_once(tiny: Path) -> None:
    graph = subgraph(tiny)
    batches = list(recreate_statements(graph))
    node_ids = [row["id"] for b in batches if "MERGE (n:" in b.text for row in b.parameters["rows"]]
    rel_ids = [row["id"] for b in batches if "MERGE (a)-[r:" in b.text for row in b.parameters["rows"]]
    assert sorted(node_ids) == sorted(n.id for n in graph.nodes)
    assert sorted(rel_ids) == sorted(r.id for r in graph.relationships)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mao's", r"'Mao\'s'"),
        ("a\\b", r"'a\\b'"),
        ("two\nlines\tand\r", r"'two\nlines\tand\r'"),
        ("蒙古", "'蒙古'"),
        (0.68, "0.68"),
        (1.3e10, "13000000000.0"),
        (True, "true"),
        (None, "null"),
        ({"from": "MNG", "odd key": 1}, "{from: 'MNG', `odd key`: 1}"),
    ],
)
def test_cypher_literals(value: Any, expected: str) -> None:
    assert literal(value) == expected


# ---------------------------------------------------------------- BibTeX


def parse_bibtex(source: str) -> dict[str, dict[str, str]]:
    import bibtexparser
    from bibtexparser.bparser import BibTexParser

    # biblatex's types (@online) count: a hand-written .bib may use them, as the loader reads them.
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
    return {entry["ID"]: entry for entry in bibtexparser.loads(source, parser=parser).entries}


def test_bibtex_holds_exactly_the_works_the_subgraph_cites(tiny: Path) -> None:
    graph = subgraph(tiny, dyad=("MNG", "CHN"))
    entries = parse_bibtex(text(graph, "bibtex"))
    cited = {str(e.properties[k]) for e in (*graph.nodes, *graph.relationships) for k in ("source", "via")}
    assert set(entries) == cited - {""}
    assert entries["huang2021"]["title_en"] == "Small State Foreign Policy Analysis: Mongolia's China Policy"
    whole = parse_bibtex(text(subgraph(tiny), "bibtex"))
    sources = {r["id"] for r in rows(tiny, "MATCH (s:Source) RETURN s.id AS id")}
    assert set(whole) == sources  # every Source is a node of the whole graph


def test_bibtex_copies_the_loaded_seed_entries_verbatim(mongolia_db: Path) -> None:
    graph = subgraph(mongolia_db, dyad=("MNG", "CHN"))
    exported = text(graph, "bibtex")
    entries = parse_bibtex(exported)
    assert set(entries) == set(graph.cited_keys())
    originals = verbatim_entries(MONGOLIA / "sources.bib")
    for key in entries:
        assert originals[key] in exported
    assert "rebuilt from the graph's Source nodes" not in exported


def outside_entries(source: str) -> str:
    """The text of a .bib file between its entries, where BibTeX reads an @ as an entry's start."""
    for entry in entries_in(source).values():
        source = source.replace(entry, "")
    return source


STANDARD_TYPES = {"article", "book", "incollection", "inproceedings", "misc", "techreport", "phdthesis"}


@pytest.mark.parametrize("copied", [True, False], ids=["copied from the seeds", "rebuilt from the graph"])
def test_bibtex_entries_print_in_full_in_standard_styles(mongolia_db: Path, copied: bool, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """No @ between entries (the data version's `mongolia@...` broke BibTeX); types and fields plainnat
    prints; titles braced against case changes; Chinese works cited the Chicago way with the original
    script kept beside; corporate authors braced; curators' notes in annote, which styles do not print."""
    from dyadgraph.export import bibtex as bibtex_module

    if not copied:
        monkeypatch.setattr(bibtex_module, "seed_originals", lambda versions: {})
    exported = text(subgraph(mongolia_db), "bibtex")
    assert "@" not in outside_entries(exported)
    assert ("rebuilt from the graph's Source nodes" in exported) is not copied
    entries = parse_bibtex(exported)
    assert len(entries) == len(rows(mongolia_db, "MATCH (s:Source) RETURN s.id AS id"))
    for key, entry in entries.items():
        assert entry["ENTRYTYPE"] in STANDARD_TYPES, key
        assert "note" not in entry, key
        title = entry.get("title", "{}")  # the embassy's announcement: the paper gives no title
        assert title.startswith("{") and title.endswith("}"), key
        printed = entry.get("author", entry.get("editor", "")) + title  # Latin script; the original in *_original
        assert not re.search(r"[\u3000-\u9fff]", printed), key
    huang = entries["huang2021"]
    assert huang["author"] == "Huang, Chiung-Chiu" and huang["author_original"] == "黃瓊萩"
    assert huang["title"] == "{Small State Foreign Policy Analysis: Mongolia's China Policy}"
    assert huang["title_original"] == "小國外交—蒙古對中政策評析"
    wang = entries["wang2020"]
    romanized, english = "Xi Jinping tong Menggu zongtong Ba Te Tu Le Ga huitan", wang["title_en"]
    assert wang["title"] == f"{{{romanized} [{english}]}}"  # Chicago: "Romanized [English]"
    assert english == "Xi Jinping Met with the Mongolian President Battulga"
    assert (wang["author"], wang["author_original"]) == ("Wang, Yuan", "王遠")
    assert entries["worldbank-wdi"]["author"] == "{World Bank}"
    if copied:
        assert entries["wang2020"]["url"].startswith("http://paper.people.com.cn/") and wang["urldate"] == "2021-02-11"
        assert entries["huang2021"]["annote"].startswith("The paper curated in this dataset.")


# ---------------------------------------------------------------- figures


def test_the_svg_figure_holds_the_node_labels_as_text(tiny: Path, tmp_path: Path) -> None:
    graph = subgraph(tiny, types=("TIE",))
    write(graph, "svg", tmp_path / "f.svg")
    shown = set(re.findall(r"<text[^>]*>([^<]+)</text>", (tmp_path / "f.svg").read_text(encoding="utf-8")))
    assert {"Mongolia", "China", "Russia", "United States", "Soviet Union"} <= shown


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf", "timeline"])
def test_a_figure_is_the_same_bytes_every_time(tiny: Path, tmp_path: Path, fmt: str) -> None:
    graph = subgraph(tiny, dyad=("MNG", "CHN")) if fmt == "timeline" else subgraph(tiny)
    suffix = "svg" if fmt == "timeline" else fmt
    first, second = tmp_path / f"1.{suffix}", tmp_path / f"2.{suffix}"
    write(graph, fmt, first)
    write(graph, fmt, second)
    assert first.read_bytes() == second.read_bytes()
    assert first.stat().st_size > 1000


def test_chinese_names_when_asked(tiny: Path, tmp_path: Path) -> None:
    from dyadgraph.export.figure import cjk_family

    if cjk_family() is None:
        pytest.skip("no TrueType CJK font: `make fonts` installs fonts-droid-fallback where it can")
    write(subgraph(tiny, types=("TIE",)), "svg", tmp_path / "zh.svg", lang="zh")
    shown = set(re.findall(r"<text[^>]*>([^<]+)</text>", (tmp_path / "zh.svg").read_text(encoding="utf-8")))
    assert {"蒙古", "中國", "俄羅斯"} <= shown


def test_without_a_cjk_font_chinese_falls_back_to_english_with_a_warning(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dyadgraph.export import figure

    monkeypatch.setattr(figure, "cjk_family", lambda: None)
    with pytest.warns(ExportWarning, match="fonts-droid-fallback"):
        write(subgraph(tiny, types=("TIE",)), "svg", tmp_path / "zh.svg", lang="zh")
    assert ">Mongolia</text>" in (tmp_path / "zh.svg").read_text(encoding="utf-8")


def test_a_timeline_draws_the_dyads_ties_and_needs_a_dyad(tiny: Path, tmp_path: Path) -> None:
    write(subgraph(tiny, dyad=("MNG", "CHN")), "timeline", tmp_path / "t.svg")
    shown = set(re.findall(r"<text[^>]*>([^<]+)</text>", (tmp_path / "t.svg").read_text(encoding="utf-8")))
    assert {"strategic partnership", "verbal cooperation"} <= shown
    with pytest.raises(ExportError, match="--dyad"):
        write(subgraph(tiny), "timeline", tmp_path / "t.svg")


# ---------------------------------------------------------------- dyad-year panel


def panel(graph: Subgraph) -> list[dict[str, str]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        return list(csv.DictReader(io.StringIO(text(graph, "dyad-year"))))


def test_the_mongolia_china_panel_of_the_fixture(tiny: Path) -> None:
    rows_ = panel(subgraph(tiny, dyad=("MNG", "CHN")))
    assert list(rows_[0])[:5] == ["ccode1", "ccode2", "iso3_1", "iso3_2", "year"]
    # From the first fact (the 1950 recognition) to the last year of the data (2020 trade), both directions.
    assert len(rows_) == 2 * (2020 - 1950 + 1)
    by_key = {(r["iso3_1"], r["iso3_2"], int(r["year"])): r for r in rows_}
    recognition = by_key[("CHN", "MNG", 1950)]
    assert (recognition["ccode1"], recognition["ccode2"]) == ("710", "712")
    # No tie of the partnership ladder is recorded before 2014: the level is missing (NA), not 0.
    assert (recognition["events"], recognition["events_verbal_coop"], recognition["tie_level"]) == ("1", "1", "")
    assert by_key[("MNG", "CHN", 2013)]["tie_level"] == ""
    partnership = by_key[("MNG", "CHN", 2014)]
    assert (partnership["tie_level"], partnership["tie_kinds"], partnership["events"]) == (
        "3",
        "strategic_partnership",
        "0",
    )
    trade = by_key[("MNG", "CHN", 2020)]
    assert (trade["export_share1"], trade["import_share1"], trade["export_share2"]) == ("0.68", "0.35", "")
    assert (trade["trade_period1"], trade["trade_period2"]) == ("2020-01/2020-07", "")
    assert by_key[("CHN", "MNG", 2020)]["export_share2"] == "0.68"


def test_the_mongolia_china_panel_counts_the_events_of_each_year(mongolia_db: Path) -> None:
    rows_ = panel(subgraph(mongolia_db, dyad=("MNG", "CHN")))
    events = rows(
        mongolia_db,
        "MATCH (:State {id: 'MNG'})<-[:INVOLVES]-(e:Event)-[:INVOLVES]->(:State {id: 'CHN'}) "
        "RETURN e.year AS year, count(DISTINCT e) AS n",
    )
    counted = {int(r["year"]): int(r["events"]) for r in rows_ if r["iso3_1"] == "MNG" and int(r["events"])}
    assert counted == {r["year"]: r["n"] for r in events if r["year"] is not None}
    ties = rows(
        mongolia_db,
        "MATCH (:State {id: 'MNG'})-[t:TIE]-(:State {id: 'CHN'}) WHERE t.year_from IS NOT NULL RETURN t.kind AS kind, "
        "t.year_from AS year",
    )
    years = {int(r["year"]) for r in rows_ if r["iso3_1"] == "MNG"}
    for tie in ties:
        assert tie["year"] in years
        row = next(r for r in rows_ if r["iso3_1"] == "MNG" and int(r["year"]) == tie["year"])
        assert tie["kind"] in row["tie_kinds"].split(";")


def test_the_panel_and_timeline_can_use_the_papers_dates_only(mongolia_db: Path, tmp_path: Path) -> None:
    """Mongolia-South Korea relations date from 1990 in Yonhap (2020), not in the paper: with
    paper_dates the tie is undated, and the panel starts with the first date the paper gives."""
    every = panel(subgraph(mongolia_db, dyad=("MNG", "KOR")))
    papers = subgraph(mongolia_db, dyad=("MNG", "KOR"), paper_dates=True)
    tie = next(r for r in papers.relationships if r.id == "MNG>TIE>KOR:diplomatic_relations")
    assert (tie.properties.get("since"), tie.properties.get("year_from"), tie.properties["date_basis"]) == (
        None,
        None,
        "yonhap2020",
    )
    assert min(int(r["year"]) for r in every) == 1990
    assert min(int(r["year"]) for r in panel(papers)) == 2009
    assert "the paper's dates only" in papers.selection.describe()
    assert "--paper-dates" in papers.selection.arguments()
    write(papers, "timeline", tmp_path / "timeline.svg")
    for fmt in ("graphml", "gexf"):  # formats without a null: the left-out dates are absent
        assert "yonhap2020" in text(papers, fmt)
    assert "Undated ties, not drawn: diplomatic relations" in (tmp_path / "timeline.svg").read_text(encoding="utf-8")
    with pytest.raises(ExportError, match="--paper-dates cannot be combined"):
        subgraph(mongolia_db, dyad=("MNG", "KOR"), paper_dates=True, since=2000)


def test_a_panel_needs_a_dyad(tiny: Path) -> None:
    with pytest.raises(ExportError, match="no dyad"):
        text(subgraph(tiny, labels=("Concept",)), "dyad-year")


# ---------------------------------------------------------------- determinism and golden files


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape", "json", "cypher", "bibtex", "dyad-year"])
def test_a_text_export_is_the_same_every_time(tiny: Path, fmt: str) -> None:
    selection = {"dyad": ("MNG", "CHN")} if fmt == "dyad-year" else {}
    assert text(subgraph(tiny, **selection), fmt) == text(subgraph(tiny, **selection), fmt)


GOLDEN_CASES = {
    "tiny.json": ("json", {}),
    "tiny.cypher": ("cypher", {}),
    "tiny.bib": ("bibtex", {}),
    "tiny-MNG-CHN.dyad-year.csv": ("dyad-year", {"dyad": ("MNG", "CHN")}),
}


@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_text_exports_match_their_golden_files(tiny: Path, name: str) -> None:
    fmt, selection = GOLDEN_CASES[name]
    produced = text(subgraph(tiny, **selection), fmt)
    golden = GOLDEN / name
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run with DYADGRAPH_UPDATE_GOLDEN=1"
    assert produced == golden.read_text(encoding="utf-8"), "regenerate with DYADGRAPH_UPDATE_GOLDEN=1 and review"


def test_every_label_has_a_colour() -> None:
    from dyadgraph.export.style import LABEL_COLOURS

    assert set(LABEL_COLOURS) == set(LABELS)
    assert len(set(LABEL_COLOURS.values())) == len(LABELS)


def test_data_version_is_the_loaders(tiny: Path) -> None:
    from dyadgraph.load import read_seeds

    graph, _ = read_seeds([TINY])
    backend = EmbeddedBackend(tiny)
    try:
        assert data_versions(backend) == [("tiny", graph.version())]
    finally:
        backend.close()


# ---------------------------------------------------------------- live Neo4j


@pytest.fixture(scope="module")
def neo4j(neo4j_server: Any) -> Any:
    from dyadgraph.backends.neo4j import Neo4jBackend

    backend = Neo4jBackend.from_settings(neo4j_server)
    try:
        load([MONGOLIA], backend)
        yield backend
    finally:
        backend.close()


@pytest.mark.neo4j
@pytest.mark.parametrize("filters", FILTERS, ids=str)
@pytest.mark.parametrize("mode", MODES, ids=str)
def test_neo4j_selects_what_the_embedded_engine_selects(
    neo4j: Any, mongolia_db: Path, mode: dict[str, Any], filters: dict[str, Any]
) -> None:
    selection = Selection(**mode, **filters)
    if selection.around and selection.labels and selection.around.split(":")[0] not in selection.labels:
        return
    on_neo4j = select(neo4j, selection)
    embedded = subgraph(mongolia_db, **mode, **filters)
    assert keys(on_neo4j) == keys(embedded)
    assert [r.id for r in on_neo4j.relationships] == [r.id for r in embedded.relationships]


@pytest.mark.neo4j
def test_the_cypher_script_changes_nothing_in_a_graph_that_holds_it(neo4j: Any, mongolia_db: Path) -> None:
    before = neo4j.counts()
    for statement in recreate_statements(subgraph(mongolia_db, dyad=("MNG", "CHN"))):
        neo4j.run(statement.text, statement.parameters, write=True)
    assert neo4j.counts() == before
