"""Neo4j Browser end to end: headless Chromium logs in to the server `make test` starts, with the
shipped seeds loaded; Browser applies dyadgraph's style and opens its guide at connect; a click
on the guide's picture of Mongolia's ties copies it into the editor, and running it draws the
graph in the style's colours, sizes and captions. The README's screenshot is made the same way
(`make browser-screenshot`)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from dyadgraph.backends.neo4j import Neo4jBackend
from dyadgraph.browser.guide import DYAD_PICTURE
from dyadgraph.config import Settings
from dyadgraph_dev.browser_e2e import DRIVER_INSTALLED, SCREENSHOT, DriveError, chromium, drive, load_seeds

from .conftest import NEO4J_SKIP, ROOT, in_ci
from .test_browser_files import parse_grass, slides

STYLE = parse_grass((ROOT / "cypher" / "dyadgraph.grass").read_text(encoding="utf-8"))
GUIDE = slides((ROOT / "guide" / "dyadgraph.html").read_text(encoding="utf-8"))
# The nodes the guide's picture draws, and every relationship between them (Browser draws those
# too: its "connect result nodes" setting is on by default).
PICTURED_NAMES = (
    "MATCH (a:State {id: 'MNG'})-[:TIE]-(b:State) UNWIND [a, b] AS s RETURN collect(DISTINCT s.name) AS names"
)
PICTURED_RELATIONSHIPS = (
    "MATCH (a:State {id: 'MNG'})-[:TIE]-(b:State) WITH collect(DISTINCT a) + collect(DISTINCT b) AS shown "
    "MATCH (x)-[r]->(y) WHERE x IN shown AND y IN shown RETURN count(DISTINCT r) AS relationships"
)


def missing(what: str) -> None:
    """A missing tool skips the test, except under CI=true, where the Browser test must run."""
    if in_ci():
        pytest.fail(f"CI=true, and the Browser test cannot run: {what}", pytrace=False)
    pytest.skip(what)


@pytest.fixture(scope="module")
def mongolia(neo4j_server: Settings) -> Settings:
    """The server with the shipped seeds, loaded by the command a user runs."""
    if not os.environ.get("DYADGRAPH_NEO4J_BROWSER"):
        pytest.skip(f"{NEO4J_SKIP}: this test needs the server `make test` starts (DYADGRAPH_NEO4J_BROWSER)")
    load_seeds(dict(os.environ))
    return neo4j_server


@pytest.fixture(scope="module")
def seen(mongolia: Settings, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the page showed, from login to the drawn graph, and a screenshot of the window."""
    if chromium() is None:
        missing("Chromium is not installed (Debian: apt-get install chromium; `make test` installs it)")
    if not DRIVER_INSTALLED.is_file():
        missing("tools/browser-e2e's node packages are missing: `make test`, or npm ci in tools/browser-e2e")
    where = tmp_path_factory.mktemp("browser")
    try:
        return drive(
            os.environ["DYADGRAPH_NEO4J_BROWSER"],
            mongolia.neo4j_uri,
            mongolia.neo4j_user,
            mongolia.neo4j_password,
            DYAD_PICTURE,
            screenshot=where / "browser.png",
            failure_screenshot=where / "failed.png",
        )
    except DriveError as error:
        pytest.fail(f"{error}\n(the window when the driver stopped: {where / 'failed.png'})", pytrace=False)


@pytest.fixture(scope="module")
def database(mongolia: Settings) -> dict[str, Any]:
    """What the server says Browser should show: its post-connect command and the pictured graph."""
    backend = Neo4jBackend.from_settings(mongolia)
    try:
        post_connect = backend.run(
            "SHOW SETTINGS YIELD name, value WHERE name = 'browser.post_connect_cmd' RETURN value"
        ).values[0][0]
        names = backend.run(PICTURED_NAMES).values[0][0]
        relationships = backend.run(PICTURED_RELATIONSHIPS).values[0][0]
    finally:
        backend.close()
    return {"post_connect": post_connect, "names": names, "relationships": relationships}


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.browser
@pytest.mark.neo4j
def test_login_applies_the_style_and_opens_the_guide_at_its_first_slide(
    seen: dict[str, Any], database: dict[str, Any]
) -> None:
    assert seen["title"] == "Neo4j Browser"
    style_command, guide_command = (part.strip() for part in database["post_connect"].split(";"))
    assert style_command.startswith("style ") and guide_command.startswith("guide ")
    assert f":{style_command}" in seen["frames"]  # the style's frame, which shows the GraSS it applied
    assert seen["guide"] == {"title": GUIDE.slides[0]["heading"], "first": True}
    assert seen["guide"]["title"] == "dyadgraph: bilateral relations as a graph"  # read once, by hand


@pytest.mark.browser
@pytest.mark.neo4j
def test_browser_holds_every_rule_of_the_shipped_style(seen: dict[str, Any]) -> None:
    # Every label's and relationship type's rule, not only those of the labels the picture draws.
    assert seen["style"] == STYLE


@pytest.mark.browser
@pytest.mark.neo4j
def test_a_click_on_a_guide_block_puts_it_in_the_editor_and_runs_it(seen: dict[str, Any]) -> None:
    holding = [slide["heading"] for slide in GUIDE.slides if DYAD_PICTURE in slide["runnable"]]
    assert holding == ["The relationships"]
    assert seen["slide"] == {"title": holding[0], "first": False}
    assert seen["block"] == seen["editor"] == DYAD_PICTURE
    assert one_line(seen["command"]) == one_line(DYAD_PICTURE)  # the frame of the query run


@pytest.mark.browser
@pytest.mark.neo4j
def test_the_graph_is_drawn_in_the_styles_colours_sizes_and_captions(
    seen: dict[str, Any], database: dict[str, Any]
) -> None:
    state, default = STYLE["node.State"], STYLE["node"]
    # The style differs from Browser's own look where it is checked, so the check can fail.
    assert state["diameter"] != default["diameter"] and state["font-size"] != default["font-size"]
    assert state["caption"] == "{name}"
    nodes = seen["nodes"]
    assert len(nodes) == len(database["names"]) == 14
    for node in nodes:
        assert (node["fill"], node["stroke"]) == (state["color"], state["border-color"]), node
        assert node["radius"] == int(state["diameter"].removesuffix("px")) / 2, node
        assert set(node["captionSize"]) == {state["font-size"]}, node
        assert set(node["captionFill"]) == {state["text-color-internal"]}, node
    # Browser breaks a caption into lines inside the circle, and drops the lines that do not fit.
    captions = {" ".join(node["caption"]) for node in nodes}
    named = {name: [c for c in captions if name == c or name.startswith(c + " ")] for name in database["names"]}
    assert all(len(found) == 1 for found in named.values()), named
    assert "Mongolia" in captions and "China (People's Republic of China)" in captions
    assert seen["relationships"] == database["relationships"]
    chips = {chip["label"]: chip for chip in seen["legend"]}
    assert chips["State"]["text"] == f"State ({len(nodes)})"
    assert chips["State"]["background"] == rgb_css(state["color"])


def rgb_css(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def state_pixels(png: Path) -> tuple[tuple[int, int], int]:
    """The picture's size and how many of its pixels have the style's State colour."""
    from PIL import Image

    image = Image.open(png).convert("RGB")
    state = tuple(int(STYLE["node.State"]["color"][i : i + 2], 16) for i in (1, 3, 5))
    colours = image.getcolors(maxcolors=1 << 24) or []
    near = sum(n for n, colour in colours if max(abs(a - b) for a, b in zip(colour, state, strict=True)) <= 8)
    return image.size, near


@pytest.mark.browser
@pytest.mark.neo4j
def test_the_screenshot_shows_the_styled_graph(seen: dict[str, Any]) -> None:
    (width, height), state = state_pixels(Path(seen["screenshot"]))
    assert width == 1600 and 500 < height <= 1000
    assert state > 14 * 500  # fourteen State circles, filled with the style's colour


def test_the_readme_shows_the_screenshot_made_the_same_way() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Explore in Neo4j Browser\n(.*?)^## ", readme, flags=re.DOTALL | re.MULTILINE)
    assert section and f"]({SCREENSHOT.relative_to(ROOT)})" in section.group(1)
    (width, _), state = state_pixels(SCREENSHOT)
    assert width == 1600 and state > 14 * 500
