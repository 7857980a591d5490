"""The Neo4j Browser style, guide and the compose setup that serves them, checked offline."""

from __future__ import annotations

import html.parser
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from dyadgraph.browser import (
    GUIDE_PATH,
    LABEL_STYLES,
    STYLE_PATH,
    build_guide,
    grass,
    guide_html,
    query_body,
)
from dyadgraph.literals import cypher_literal
from dyadgraph.queries import Catalogue
from dyadgraph.schema import NODES, RELATIONSHIPS
from dyadgraph_dev.lint import lint_request, lint_schema, run_linter, server_statements

from .conftest import ROOT

COMPOSE = ROOT / "docker-compose.yml"
REGENERATE = "regenerate with `dyadgraph browser .` in the checkout"


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """GraSS as Neo4j Browser reads it: `selector { key: value; ... }`, values quoted where they hold braces."""
    rules: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"([^\s{}]+)\s*\{((?:[^{}\"]|\"[^\"]*\")*)\}", text):
        props = {}
        for declaration in body.split(";"):
            if declaration.strip():
                key, sep, value = declaration.partition(":")
                assert sep and ":" not in value, f"{selector}: Browser splits {declaration!r} on ':'"
                props[key.strip()] = value.strip().strip('"')
        assert selector not in rules, f"{selector} twice"
        rules[selector] = props
    return rules


def test_every_label_has_a_style_of_its_own() -> None:
    rules = parse_grass(grass())
    assert set(LABEL_STYLES) == {n.name for n in NODES}, "a label without a designed style, or a style for no label"
    colours = {label: rules[f"node.{label.name}"]["color"].upper() for label in NODES}
    assert len(set(colours.values())) == len(colours), colours
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colours.values())
    assert all(rules[f"node.{label.name}"]["diameter"].endswith("px") for label in NODES)


def test_captions_by_name_title_for_events_and_relationships_by_kind_or_type() -> None:
    rules = parse_grass(grass())
    captions = {label.name: rules[f"node.{label.name}"]["caption"] for label in NODES}
    assert captions.pop("Event") == "{title}"
    assert set(captions.values()) == {"{name}"}
    for rel in RELATIONSHIPS:
        expected = "{kind}" if rel.prop("kind") else "<type>"
        assert rules[f"relationship.{rel.name}"]["caption"] == expected, rel.name
    assert set(rules) == {"node", "relationship"} | {f"node.{n.name}" for n in NODES} | {
        f"relationship.{r.name}" for r in RELATIONSHIPS
    }


def test_the_grass_has_nothing_browser_would_misread() -> None:
    # Browser's GraSS reader has no comments: anything outside a rule joins the next selector.
    text = grass()
    assert "/*" not in text and "//" not in text.replace("http://", "")
    assert re.sub(r"[^\s{}]+\s*\{(?:[^{}\"]|\"[^\"]*\")*\}", "", text).strip() == ""


class Slides(html.parser.HTMLParser):
    """The guide as Browser splits it: <slide> elements, and the text of each runnable <pre>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.slides: list[dict[str, Any]] = []
        self.title = ""
        self._in: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "slide":
            self.slides.append({"heading": "", "runnable": []})
        elif tag == "h3" and self.slides:
            self._in, self._text = "heading", ""
        elif tag == "pre" and "runnable" in classes:
            self._in, self._text = "runnable", ""
        elif tag == "title":
            self._in, self._text = "title", ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h3", "pre", "title") and self._in:
            if self._in == "title":
                self.title = self._text
            elif self._in == "heading":
                self.slides[-1]["heading"] = self._text
            else:
                self.slides[-1]["runnable"].append(self._text)
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data


def slides(text: str) -> Slides:
    parser = Slides()
    parser.feed(text)
    return parser


def test_every_catalogue_query_has_a_slide_with_its_text_and_parameters() -> None:
    catalogue = list(Catalogue())
    parsed = slides(guide_html())
    by_heading = {s["heading"]: s for s in parsed.slides}
    assert parsed.title == "dyadgraph"
    for query in catalogue:
        slide = by_heading[query.title]
        assert query_body(query.text) in slide["runnable"], query.name
        set_params = [t for t in slide["runnable"] if t.startswith(":param ")]
        assert [t.split()[1] for t in set_params] == [p.name for p in query.params], query.name
    assert len(parsed.slides) == len(catalogue) + 5


def test_the_guide_survives_html_special_characters() -> None:
    """A query with <, > and & reaches Browser's editor unchanged (Browser reads the block's textContent)."""
    from dyadgraph.queries import Query, parse_header

    body = "MATCH (s:State)\nWHERE s.cow_code < 700 AND s.name <> 'A & B'\nRETURN s.name AS name"
    text = "// name: tricky\n// title: Tricky <things>\n// param limit: int = 5  -- how many\n" + body
    path = Path("tricky.cypher")
    fields, params, _ = parse_header(text, path)
    query = Query("tricky", fields["title"], "", tuple(params), text, path)

    class One:
        def __iter__(self):  # type: ignore[no-untyped-def]
            return iter([query])

    document, _ = build_guide(One())  # type: ignore[arg-type]
    slide = next(s for s in slides(document).slides if s["heading"] == "Tricky <things>")
    assert slide["runnable"] == [":param limit => 5", body]


def test_cypher_literals_are_what_browser_evaluates() -> None:
    assert cypher_literal("it's") == "'it\\'s'"
    assert cypher_literal(2020) == "2020"
    assert cypher_literal(0.5) == "0.5"
    assert cypher_literal(False) == "false"
    assert cypher_literal(None) == "null"
    assert cypher_literal(["a", 1]) == "['a', 1]"


def test_every_runnable_block_goes_to_the_linter() -> None:
    """test_cypher_lint then holds each one (and push's and doctor's statements) to Neo4j's own linter."""
    linted = {s["text"] for s in lint_request()["statements"]}
    _, blocks = build_guide(Catalogue())
    cypher = [b.text for b in blocks if not b.is_command]
    params = [
        f"RETURN {b.text.split(' => ', 1)[1]} AS {b.text.split()[1]}" for b in blocks if b.text.startswith(":param ")
    ]
    assert cypher and params
    assert set(cypher) | set(params) <= linted
    assert {s["text"] for s in server_statements()} <= linted


@pytest.mark.lint
def test_the_linter_rejects_a_guide_block_naming_what_the_ontology_lacks() -> None:
    request = {
        "schema": lint_schema(),
        "statements": [
            {"name": "typo", "text": "MATCH (a:State)-[t:TIES]->(b:State) RETURN a.nam"},
            {"name": "param", "text": "RETURN 'MNG' AS focal"},
        ],
    }
    _, response = run_linter(request)
    found = {r["name"]: [d["message"] for d in r["diagnostics"]] for r in response["results"]}
    assert found["param"] == []
    assert any("TIES" in m for m in found["typo"]) and any("nam " in m or "nam is" in m for m in found["typo"])


def test_the_shipped_files_are_the_generated_ones() -> None:
    assert (ROOT / STYLE_PATH).read_text(encoding="utf-8") == grass(), REGENERATE
    assert (ROOT / GUIDE_PATH).read_text(encoding="utf-8") == guide_html(), REGENERATE


def test_the_browser_command_writes_both_files(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = invoke("browser", tmp_path, "--base-url", "http://example.org:9000/")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(tmp_path / STYLE_PATH), str(tmp_path / GUIDE_PATH)]
    assert (tmp_path / STYLE_PATH).read_text(encoding="utf-8") == grass()
    guide = (tmp_path / GUIDE_PATH).read_text(encoding="utf-8")
    assert ":style http://example.org:9000/cypher/dyadgraph.grass" in guide
    assert ":guide http://example.org:9000/guide/dyadgraph.html" in result.stderr


# ---------------------------------------------------------------- docker-compose


def compose() -> dict[str, Any]:
    import yaml

    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return loaded


def test_compose_applies_the_style_and_opens_the_guide_at_connect() -> None:
    services = compose()["services"]
    env = services["neo4j"]["environment"]
    # Neo4j 5's docker entrypoint: NEO4J_ prefix, `_` becomes `.`, `__` becomes `_`.
    commands = [c.strip() for c in env["NEO4J_browser_post__connect__cmd"].split(";")]
    assert commands == [
        "style http://localhost:8001/cypher/dyadgraph.grass",
        "guide http://localhost:8001/guide/dyadgraph.html",
    ]
    allowed = env["NEO4J_browser_remote__content__hostname__whitelist"].split(",")
    assert "localhost" in allowed
    content = services["browser-content"]
    assert content["ports"] == ["127.0.0.1:8001:80"]
    assert services["neo4j"]["depends_on"]["browser-content"]["condition"] == "service_healthy"


def test_compose_serves_the_files_it_names_read_only() -> None:
    content = compose()["services"]["browser-content"]
    mounts = {target: source for source, target, mode in (v.split(":") for v in content["volumes"])}
    assert all(v.endswith(":ro") for v in content["volumes"])
    served = {
        f"/srv/{path}": ROOT / mounts[f"/srv/{path.split('/')[0]}"].removeprefix("./") / path.split("/")[1]
        for path in (STYLE_PATH, GUIDE_PATH)
    }
    assert all(p.is_file() for p in served.values()), served
    config = ROOT / mounts["/etc/nginx/conf.d/default.conf"].removeprefix("./")
    text = config.read_text(encoding="utf-8")
    assert "root /srv;" in text and "listen 80;" in text
    # Browser's fetch sends Cache-Control and Pragma: a CORS preflight must be answered.
    assert "Access-Control-Allow-Origin" in text and "Pragma" in text and "$request_method = OPTIONS" in text


def compose_cli() -> list[str] | None:
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


@pytest.mark.skipif(compose_cli() is None, reason="neither `docker compose` nor docker-compose is installed")
def test_docker_compose_accepts_the_file(tmp_path: Path) -> None:
    """`config` validates without a Docker engine."""
    env = tmp_path / "env"
    env.write_text("NEO4J_AUTH=neo4j/test-password\n", encoding="utf-8")
    command = [*(compose_cli() or []), "--env-file", str(env), "-f", str(COMPOSE), "config"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "browser-content" in done.stdout and "guide http://localhost:8001/guide/dyadgraph.html" in done.stdout
