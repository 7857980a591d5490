"""The subgraph as a graph file: GraphML (Gephi, yEd), GEXF (Gephi), Cytoscape.js JSON and plain JSON.

Every element's id is its key (`State:MNG`; a relationship's derived id), so a file diffs
cleanly against the previous export and ids never collide across labels. Node attributes
carry what the tools look for: `label` (the display name, which Gephi and yEd show), `r`, `g`,
`b` (Gephi's colour), yEd's ShapeNode (fill, label, position) and GEXF's viz colour and
position, followed by every property of the node, typed as the schema declares it.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from .style import EDGE_COLOUR, LABEL_COLOURS, label_colour, rgb
from .subgraph import Subgraph

if TYPE_CHECKING:
    import networkx as nx

LAYOUT_SEED = 1921  # the year of Mongolian independence; any fixed number makes the layout repeatable
SCALE = 500.0  # layout units to the pixels of Gephi, yEd and Cytoscape
# networkx's spring layout needs scipy from 500 nodes on; larger selections are laid out in rings by label.
SPRING_LIMIT = 499
NS_Y = "http://www.yworks.com/xml/graphml"
NODE_SIZE = 30.0


def version() -> str:
    from .. import __version__

    return __version__


def layout(subgraph: Subgraph) -> dict[str, tuple[float, float]]:
    """Positions in about -1..1 by node key; the same subgraph always gets the same positions."""
    import networkx as nx

    if subgraph.selection.mode == "dyad" and subgraph.selection.dyad:
        return dyad_layout(subgraph, subgraph.selection.dyad)
    graph = nx.Graph()
    graph.add_nodes_from(n.key for n in subgraph.nodes)
    graph.add_edges_from((r.start, r.end) for r in subgraph.relationships if r.start != r.end)
    if len(graph) > SPRING_LIMIT:
        rings = [[n.key for n in subgraph.nodes if n.label == label] for label in LABEL_COLOURS]
        return ring_layout([ring for ring in rings if ring])
    else:
        positions = nx.spring_layout(graph, seed=LAYOUT_SEED, iterations=200)
    # Rounded, so that the last bits of floating point do not show up in a diff.
    return {key: (round(float(x), 4), round(float(y), 4)) for key, (x, y) in positions.items()}


def dyad_layout(subgraph: Subgraph, dyad: tuple[str, str]) -> dict[str, tuple[float, float]]:
    """A dyad's two states side by side in the middle (the first on the left) and everything else on
    a ring around them, clockwise from the top in the subgraph's order (by label, then id: an
    event's id starts with its year, so the events read in date order)."""
    centres = {f"State:{dyad[0]}": (-0.3, 0.0), f"State:{dyad[1]}": (0.3, 0.0)}
    ring = [n.key for n in subgraph.nodes if n.key not in centres]
    positions = dict(centres)
    for i, key in enumerate(ring):
        turn = math.pi / 2 - 2 * math.pi * (i + 0.5) / len(ring)
        # Closer together left and right, where labels stack, than at the top and bottom, where
        # they stand side by side and need their width.
        angle = turn - 0.15 * math.sin(2 * turn)
        positions[key] = (round(math.cos(angle), 4), round(0.85 * math.sin(angle), 4))
    return positions


def ring_layout(rings: list[list[str]]) -> dict[str, tuple[float, float]]:
    """Rings by label, the first innermost, each as far out as the nodes inside it and half its own
    take up of all (so a ring's share of the radius grows with its size), each turned a little
    against the last so that neighbouring rings do not line up."""
    total = sum(len(ring) for ring in rings)
    positions: dict[str, tuple[float, float]] = {}
    inside = 0
    for number, ring in enumerate(rings):
        radius = 0.15 + 0.85 * (inside + len(ring) / 2) / total
        for i, key in enumerate(ring):
            angle = math.pi / 2 - 2 * math.pi * i / len(ring) - 0.37 * number
            positions[key] = (round(radius * math.cos(angle), 4), round(radius * math.sin(angle), 4))
        inside += len(ring)
    return positions


def graph_attributes(subgraph: Subgraph, title: str | None = None) -> dict[str, str]:
    return {
        "title": title or f"dyadgraph: {subgraph.selection.describe()}",
        "selection": subgraph.selection.describe(),
        "data_version": subgraph.data_version(),
        "generator": f"dyadgraph {version()}",
    }


def to_networkx(subgraph: Subgraph, lang: str = "en", title: str | None = None) -> nx.MultiDiGraph:
    """A MultiDiGraph keyed like the exports: nodes by `Label:id`, edges by relationship id."""
    import networkx as nx

    positions = layout(subgraph)
    graph = nx.MultiDiGraph(**graph_attributes(subgraph, title))
    for node in subgraph.nodes:
        red, green, blue = rgb(label_colour(node.label))
        x, y = positions[node.key]
        graph.add_node(
            node.key,
            label=node.display_name(lang),
            ontology_label=node.label,
            r=red,
            g=green,
            b=blue,
            x=x * SCALE,
            # Screen coordinates grow downwards, the layout's upwards.
            y=-y * SCALE,
            **node.properties,
        )
    for rel in subgraph.relationships:
        graph.add_edge(rel.start, rel.end, key=rel.id, label=rel.type, ontology_type=rel.type, **rel.properties)
    return graph


def graphml(subgraph: Subgraph, lang: str = "en", title: str | None = None) -> str:
    """GraphML with typed attributes (networkx), plus yEd's node graphics so yEd shows labels and colours."""
    from networkx.readwrite.graphml import GraphMLWriter

    graph = to_networkx(subgraph, lang, title)
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(graph)
    _add_yed_graphics(writer.xml, graph)
    _lowercase_booleans(writer.xml)
    return _xml_text(writer.xml)


def _lowercase_booleans(root: ElementTree.Element) -> None:
    """GraphML booleans are `true` and `false` (networkx writes Python's True and False)."""
    keys = {k.get("id") for k in root.iter("key") if k.get("attr.type") == "boolean"}
    for data in root.iter("data"):
        if data.get("key") in keys and data.text:
            data.text = data.text.lower()


def _add_yed_graphics(root: ElementTree.Element, graph: nx.MultiDiGraph) -> None:
    # networkx writes plain tag names under a literal xmlns attribute; the yEd elements follow suit.
    root.set("xmlns:y", NS_Y)
    key_id = "yed_node_graphics"
    root.insert(0, ElementTree.Element("key", {"for": "node", "id": key_id, "yfiles.type": "nodegraphics"}))
    for element in root.iter("node"):
        attrs = graph.nodes[element.get("id")]
        data = ElementTree.SubElement(element, "data", {"key": key_id})
        shape = ElementTree.SubElement(data, "y:ShapeNode")
        ElementTree.SubElement(
            shape,
            "y:Geometry",
            {
                "height": f"{NODE_SIZE:g}",
                "width": f"{NODE_SIZE:g}",
                # The layout point itself (not the centre's offset), so that a reader meeting both
                # this and the x and y attributes (networkx does) reads the same numbers.
                "x": f"{attrs['x']:g}",
                "y": f"{attrs['y']:g}",
            },
        )
        fill = "#{:02X}{:02X}{:02X}".format(attrs["r"], attrs["g"], attrs["b"])
        ElementTree.SubElement(shape, "y:Fill", {"color": fill, "transparent": "false"})
        label = ElementTree.SubElement(shape, "y:NodeLabel", {"modelName": "sandwich", "modelPosition": "s"})
        label.text = attrs["label"]
        ElementTree.SubElement(shape, "y:Shape", {"type": "ellipse"})


def gexf(subgraph: Subgraph, lang: str = "en", title: str | None = None) -> str:
    """GEXF 1.2 with viz colours and positions for Gephi."""
    from networkx.readwrite.gexf import GEXFWriter

    graph = to_networkx(subgraph, lang, title)
    for key, attrs in graph.nodes(data=True):
        red, green, blue = attrs.pop("r"), attrs.pop("g"), attrs.pop("b")
        attrs["viz"] = {
            "color": {"r": red, "g": green, "b": blue, "a": 1.0},
            "position": {"x": attrs.pop("x"), "y": -attrs.pop("y"), "z": 0.0},
            "size": 10.0,
        }
        # networkx writes a node's `id` attribute as the GEXF id: make that the key, as everywhere.
        attrs["id"] = key
    red, green, blue = rgb(EDGE_COLOUR)
    for _, _, attrs in graph.edges(data=True):
        attrs["viz"] = {"color": {"r": red, "g": green, "b": blue, "a": 1.0}}
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(graph)
    meta = writer.xml.find("meta")
    if meta is not None:
        # networkx stamps today's date, which would make every export differ from the last.
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = graph.graph["generator"]
        ElementTree.SubElement(meta, "description").text = graph.graph["title"]
    return _xml_text(writer.xml)


def _xml_text(root: ElementTree.Element) -> str:
    ElementTree.indent(root, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def cytoscape_json(subgraph: Subgraph, lang: str = "en", title: str | None = None) -> dict[str, Any]:
    """Cytoscape.js elements (`cytoscape({elements, style})`), which Cytoscape desktop imports as .cyjs."""
    positions = layout(subgraph)
    nodes = []
    for node in subgraph.nodes:
        x, y = positions[node.key]
        data = {k: v for k, v in node.properties.items() if k != "id"}
        data.update(
            id=node.key, label=node.display_name(lang), ontology_label=node.label, color=label_colour(node.label)
        )
        nodes.append({"data": data, "position": {"x": round(x * SCALE, 1), "y": round(-y * SCALE, 1)}})
    edges = []
    for rel in subgraph.relationships:
        data = dict(rel.properties)
        data.update(id=rel.id, source=rel.start, target=rel.end, label=rel.type, ontology_type=rel.type)
        edges.append({"data": data})
    return {
        "format_version": "1.0",
        "generated_by": f"dyadgraph {version()}",
        "data": graph_attributes(subgraph, title),
        "elements": {"nodes": nodes, "edges": edges},
        "style": cytoscape_style(),
    }


def cytoscape_style() -> list[dict[str, Any]]:
    return [
        {
            "selector": "node",
            "style": {
                "background-color": "data(color)",
                "label": "data(label)",
                "font-size": 10,
                "text-wrap": "wrap",
                "text-max-width": "120px",
                "text-valign": "bottom",
                "text-margin-y": 3,
                "border-width": 1,
                "border-color": "#333333",
                "width": 18,
                "height": 18,
            },
        },
        {
            "selector": "edge",
            "style": {
                "line-color": EDGE_COLOUR,
                "target-arrow-color": EDGE_COLOUR,
                "target-arrow-shape": "triangle",
                "arrow-scale": 0.7,
                "curve-style": "bezier",
                "width": 1,
            },
        },
        {"selector": ":selected", "style": {"border-width": 3, "border-color": "#000000", "line-color": "#000000"}},
    ]


def plain_json(subgraph: Subgraph) -> dict[str, Any]:
    """The subgraph as dyadgraph sees it: nodes and relationships with every property, and how it was selected."""
    return {
        "generator": f"dyadgraph {version()}",
        "data_version": [{"dataset": name, "version": v} for name, v in subgraph.data_versions],
        "selection": subgraph.selection.as_dict(),
        "nodes": [{"key": n.key, "label": n.label, "properties": n.properties} for n in subgraph.nodes],
        "relationships": [
            {"id": r.id, "type": r.type, "start": r.start, "end": r.end, "properties": r.properties}
            for r in subgraph.relationships
        ],
    }


def json_text(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def cytoscape_text(subgraph: Subgraph, lang: str = "en", title: str | None = None) -> str:
    return json_text(cytoscape_json(subgraph, lang, title))


def plain_text(subgraph: Subgraph, lang: str = "en", title: str | None = None) -> str:
    """The subgraph as dyadgraph holds it; names and titles are its own, so lang and title do not apply."""
    return json_text(plain_json(subgraph))
