"""The Neo4j Browser guide, generated from the ontology and the query catalogue so it cannot drift.

HTML with `<slide>` elements, opened with `:guide URL` or `:play URL`: the data model, then one
slide per canned query with runnable blocks.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..literals import cypher_literal
from ..schema import NODES, RELATIONSHIPS
from .style import LABEL_STYLES, text_color

if TYPE_CHECKING:
    from ..queries import Catalogue, Param, Query

# Where docker-compose's static web service publishes cypher/ and guide/.
DEFAULT_BASE_URL = "http://localhost:8001"
STYLE_PATH = "cypher/dyadgraph.grass"
GUIDE_PATH = "guide/dyadgraph.html"


def query_body(text: str) -> str:
    """The statement without its catalogue header (the leading `//` lines), which the slide shows as prose."""
    lines = text.splitlines()
    while lines and (not lines[0].strip() or lines[0].lstrip().startswith("//")):
        lines.pop(0)
    return "\n".join(lines).strip()


def guide_parameters(query: Query) -> dict[str, Any]:
    """The values the guide sets: the defaults, or the header's example where a parameter is required."""
    return query.example_parameters()


def param_command(name: str, value: Any) -> str:
    return f":param {name} => {cypher_literal(value)}"


@dataclass(frozen=True)
class Block:
    """A runnable block of the guide: a Browser command or a Cypher statement with its parameters."""

    slide: str
    text: str
    parameters: dict[str, Any]

    @property
    def is_command(self) -> bool:
        return self.text.startswith(":")


# Exploration statements for the model slides; Neo4j Cypher, linted with the rest.
DATASETS = "MATCH (d:Dataset)\nRETURN d.name AS dataset, d.version AS version, d.files AS files\nORDER BY dataset"
COUNTS = "MATCH (n)\nRETURN labels(n)[0] AS label, count(*) AS nodes\nORDER BY nodes DESC"
DYAD_PICTURE = "MATCH (a:State {id: 'MNG'})-[t:TIE]-(b:State)\nRETURN a, t, b"
PROVENANCE = (
    "MATCH (a:State)-[t:TIE]->(b:State)\n"
    "WHERE t.kind = 'strategic_partnership'\n"
    "RETURN a.name AS state, b.name AS partner, t.since AS since,\n"
    "       t.source AS source, t.via AS via, t.locator AS locator, t.quote AS quote\n"
    "ORDER BY since"
)
CAUSAL_PICTURE = "MATCH p = (:Strategy)-[:LEADS_TO|IMPLEMENTS*1..2]-(:Outcome)\nRETURN p\nLIMIT 50"
EVENT_TIMELINE = (
    "MATCH (e:Event)-[i:INVOLVES]->(s:State {id: 'MNG'})\n"
    "RETURN e.date AS date, e.title AS event, e.kind AS kind, i.role AS role\n"
    "ORDER BY date"
)


class _Guide:
    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.slides: list[str] = []
        self.blocks: list[Block] = []

    def slide(self, title: str, *parts: str) -> None:
        body = "\n".join(parts)
        heading = f"<h3>{html.escape(title)}</h3>"
        self.slides.append(f'<slide class="row-fluid">\n<div class="col-sm-12">\n{heading}\n{body}\n</div>\n</slide>')

    def runnable(self, slide: str, text: str, parameters: dict[str, Any] | None = None) -> str:
        self.blocks.append(Block(slide, text, parameters or {}))
        return f'<pre class="pre-scrollable code runnable">{html.escape(text, quote=False)}</pre>'


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def _code(text: str) -> str:
    return f"<code>{html.escape(text)}</code>"


def _swatch(label: str) -> str:
    style = LABEL_STYLES.get(label)
    color = style.color if style else "#A5ABB6"
    text = text_color(color)
    return (
        f'<span style="background:{color};color:{text};border-radius:10px;padding:1px 8px">{html.escape(label)}</span>'
    )


def _param_table(params: tuple[Param, ...]) -> str:
    if not params:
        return _p("No parameters.")
    rows = "".join(
        f"<tr><td>{_code('$' + p.name)}</td><td>{p.type}</td>"
        f"<td>{'required' if p.required else _code(json.dumps(p.default, ensure_ascii=False))}</td>"
        f"<td>{html.escape(p.doc + (f' ({p.constraints()})' if p.constraints() else ''))}</td></tr>"
        for p in params
    )
    return f'<table class="table"><tr><th>parameter</th><th>type</th><th>default</th><th></th></tr>{rows}</table>'


def _cli_line(query: Query, values: dict[str, Any]) -> str:
    import shlex

    args = "".join(f" -p {p.name} {shlex.quote(str(values[p.name]))}" for p in query.params if p.required)
    return f"dyadgraph query {query.name}{args}"


def build_guide(catalogue: Catalogue, base_url: str = DEFAULT_BASE_URL) -> tuple[str, list[Block]]:
    """The guide's HTML and its runnable blocks (for the tests: every block is linted)."""
    guide = _Guide(base_url)
    queries = list(catalogue)
    style_url = f"{guide.base_url}/{STYLE_PATH}"

    title = "dyadgraph: bilateral relations as a graph"
    guide.slide(
        title,
        _p(
            "Ties between states, dated events, foreign-policy strategies and their outcomes, concepts and "
            "sources, where every fact cites where it comes from. This guide walks through the data model "
            f"and the {len(queries)} canned queries. Click a block to copy it into the editor; click its "
            "&#9654; icon to run it."
        ),
        _p("Which seed data, at which version, this database holds:"),
        guide.runnable(title, DATASETS),
        _p("The dyadgraph style colours each label and captions nodes by name; load it (again) with"),
        guide.runnable(title, f":style {style_url}"),
        _p(f"and go back to Browser's default look with {_code(':style reset')}."),
    )

    title = "The nodes"
    everywhere = ("id", "source", "via", "locator", "quote")
    label_rows = "".join(
        f"<tr><td>{_swatch(label.name)}</td><td>{html.escape(label.doc)}</td>"
        f"<td>{', '.join(_code(p.name) for p in label.props if p.name not in everywhere)}</td></tr>"
        for label in NODES
    )
    guide.slide(
        title,
        _p("Every node has exactly one label, an <code>id</code> and a <code>name</code>."),
        f'<table class="table"><tr><th>label</th><th></th><th>properties</th></tr>{label_rows}</table>',
        guide.runnable(title, COUNTS),
    )

    title = "The relationships"
    rel_rows = "".join(
        f"<tr><td>{_code(rel.name)}</td>"
        f"<td>{' | '.join(sorted(set(rel.from_labels)))} &#8594; {' | '.join(sorted(set(rel.to_labels)))}</td>"
        f"<td>{html.escape(rel.doc)}</td></tr>"
        for rel in RELATIONSHIPS
    )
    guide.slide(
        title,
        _p(
            "Each relationship has a derived <code>id</code> (<code>from&gt;TYPE&gt;to:kind</code>), so a claim "
            "can be named and cited. The whole model as Neo4j sees it:"
        ),
        guide.runnable(title, "CALL db.schema.visualization()"),
        f'<table class="table"><tr><th>type</th><th>from &#8594; to</th><th></th></tr>{rel_rows}</table>',
        _p("Mongolia's ties, as a picture:"),
        guide.runnable(title, DYAD_PICTURE),
    )

    title = "Every fact cites its source"
    guide.slide(
        title,
        _p(
            "Nodes and relationships carry <code>source</code> (the BibTeX key of the work that establishes "
            "the fact), <code>via</code> (the work that reports it), <code>locator</code> (section, footnote, "
            "page) and <code>quote</code> (a verbatim quote of at most 120 characters)."
        ),
        guide.runnable(title, PROVENANCE),
        _p("Events involving Mongolia, in date order:"),
        guide.runnable(title, EVENT_TIMELINE),
        _p("From strategies to outcomes, the causal claims as a picture:"),
        guide.runnable(title, CAUSAL_PICTURE),
    )

    for query in queries:
        values = guide_parameters(query)
        parts = [_p(html.escape(query.description)) if query.description else "", _param_table(query.params)]
        if query.params:
            parts.append(_p("Set the parameters, one click each (change the values to ask about another case):"))
            parts += [guide.runnable(query.title, param_command(name, value)) for name, value in values.items()]
        parts.append(_p("Then run the query:"))
        parts.append(guide.runnable(query.title, query_body(query.text), values))
        parts.append(_p(f"From the command line: {_code(_cli_line(query, values))}"))
        guide.slide(query.title, *parts)

    title = "Next steps"
    guide.slide(
        title,
        _p(
            f"{_code('dyadgraph queries')} lists the canned queries, {_code('dyadgraph query NAME -f latex')} "
            f"prints one as a table for a paper, and {_code('dyadgraph doctor')} checks this database: "
            "constraints, counts and the data version it holds."
        ),
        _p(f"Open this guide again with {_code(':guide ' + guide.base_url + '/' + GUIDE_PATH)}."),
    )

    document = (
        "<title>dyadgraph</title>\n"
        '<article class="guide">\n<carousel class="deck container-fluid">\n'
        + "\n".join(guide.slides)
        + "\n</carousel>\n</article>\n"
    )
    return document, guide.blocks


def guide_html(catalogue: Catalogue | None = None, base_url: str = DEFAULT_BASE_URL) -> str:
    from ..queries import Catalogue

    return build_guide(catalogue or Catalogue(), base_url)[0]
