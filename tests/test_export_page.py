"""The interactive page, opened in headless Chromium with no network: it draws the graph and shows a node."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.export import write
from dyadgraph.export.select import select
from dyadgraph.export.selection import Selection
from dyadgraph.export.style import LABEL_COLOURS, rgb
from dyadgraph.export.subgraph import Subgraph
from dyadgraph.load import load

from .conftest import TINY

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Subgraph:
    path = tmp_path_factory.mktemp("page") / "graph.kuzu"
    backend = EmbeddedBackend(path, create=True)
    try:
        load([TINY], backend)
        return select(backend, Selection())
    finally:
        backend.close()


@pytest.fixture(scope="module")
def page(graph: Subgraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "graph.html"
    write(graph, "html", path)
    return path


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("Chromium is not installed, and apt-get could not install it here (`make test` does where it can)")


def headless(url: str, profile: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        # No network: every host name fails to resolve, so a page that needed one would show nothing.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=10000",
        *flags,
        url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_the_page_needs_nothing_from_the_network(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    outside_data = re.sub(r'<script id="graph-data"[^>]*>.*?</script>', "", html, flags=re.DOTALL)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", outside_data)
    assert "<link" not in outside_data and "@import" not in outside_data
    assert "cytoscape.js 3.35.0, MIT licence" in html  # the pinned library, inlined


def test_the_page_draws_every_node_and_relationship(page: Path, graph: Subgraph, tmp_path: Path) -> None:
    done = headless(page.as_uri(), tmp_path / "profile", "--dump-dom")
    body = re.search(r"<body[^>]*>", done.stdout)
    assert body, done.stderr[-2000:]
    assert f'data-nodes="{len(graph.nodes)}"' in body.group(0)
    assert f'data-edges="{len(graph.relationships)}"' in body.group(0)
    assert f"{len(graph.nodes)} nodes, {len(graph.relationships)} relationships" in done.stdout


def test_a_link_to_a_node_shows_its_properties_and_citation(page: Path, tmp_path: Path) -> None:
    done = headless(page.as_uri() + "#State:MNG", tmp_path / "profile", "--dump-dom")
    details = re.search(r'<aside id="details"[^>]*>(.*?)</aside>', done.stdout, flags=re.DOTALL)
    assert details, done.stderr[-2000:]
    shown = details.group(1)
    assert "<h2>Mongolia</h2>" in shown
    assert "<td>蒙古</td>" in shown  # a property
    assert "<strong>huang2021</strong>" in shown and "Small State Foreign Policy Analysis" in shown  # the citation
    assert "蒙古與美國開啟了每年一次的聯合軍事演習行動" in shown  # the quote


def test_a_screenshot_of_the_page_shows_the_graph(page: Path, tmp_path: Path) -> None:
    from PIL import Image

    shot = tmp_path / "page.png"
    done = headless(page.as_uri(), tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,800")
    assert shot.exists(), done.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 800)
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # not a blank or single-colour page
    # The nodes are drawn on a canvas: the State colour must be there, in more than a few pixels.
    state = rgb(LABEL_COLOURS["State"])
    near = sum(count for count, colour in colours if max(abs(a - b) for a, b in zip(colour, state, strict=True)) <= 8)
    assert near > 30
