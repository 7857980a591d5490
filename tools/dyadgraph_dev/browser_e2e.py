"""Neo4j Browser driven in headless Chromium (tools/browser-e2e/drive.mjs, playwright-core): what
tests/test_browser_e2e.py checks, and the README's screenshot of it (`make browser-screenshot`).

    tools/neo4j-server/with-neo4j python -m dyadgraph_dev.browser_e2e docs/neo4j-browser.png

loads the shipped seeds into the server with-neo4j started (`dyadgraph --backend neo4j load`),
logs in to its Browser, opens the guide's picture of Mongolia's ties and saves the window.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DRIVER_DIR = ROOT / "tools" / "browser-e2e"
DRIVER = DRIVER_DIR / "drive.mjs"
# `npm ci` there installs playwright-core, which drives Debian's Chromium (no browser download).
DRIVER_INSTALLED = DRIVER_DIR / "node_modules" / "playwright-core" / "package.json"
SCREENSHOT = ROOT / "docs" / "neo4j-browser.png"


class DriveError(RuntimeError):
    """The driver stopped before it saw everything: its message says at which step."""


def chromium() -> str | None:
    """Debian's Chromium (`make test` installs it), under whichever name the system gives it."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def drive(
    browser: str,
    bolt: str,
    user: str,
    password: str,
    query: str,
    *,
    screenshot: Path | None = None,
    failure_screenshot: Path | None = None,
) -> dict[str, Any]:
    """Logs in to Browser at `browser`, runs the guide's block `query` and returns what the page
    showed (drive.mjs's JSON). The password reaches the driver through its environment only."""
    executable = chromium()
    if executable is None:
        raise DriveError("Chromium is not installed (Debian: apt-get install chromium; `make test` does)")
    command = ["node", str(DRIVER), "--browser", browser, "--bolt", bolt, "--user", user, "--query", query]
    command += ["--chromium", executable]
    if screenshot is not None:
        command += ["--screenshot", str(screenshot)]
    if failure_screenshot is not None:
        command += ["--failure-screenshot", str(failure_screenshot)]
    environment = {**os.environ, "DYADGRAPH_NEO4J_PASSWORD": password}
    done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise DriveError(done.stderr.strip() or f"drive.mjs exited with {done.returncode}")
    seen: dict[str, Any] = json.loads(done.stdout)
    return seen


def load_seeds(environment: dict[str, str]) -> None:
    """The shipped seeds into the server the environment names, as a user loads them."""
    dyadgraph = Path(sys.executable).with_name("dyadgraph")
    subprocess.run(
        [str(dyadgraph), "--backend", "neo4j", "load"], env=environment, check=True, stdout=subprocess.DEVNULL
    )


def main(argv: list[str]) -> int:
    from dyadgraph.browser.guide import DYAD_PICTURE

    if len(argv) != 1:
        print("usage: python -m dyadgraph_dev.browser_e2e OUT.png   (under tools/neo4j-server/with-neo4j)")
        return 2
    if not os.environ.get("DYADGRAPH_NEO4J_URI") or not os.environ.get("DYADGRAPH_NEO4J_BROWSER"):
        print("browser_e2e: no Neo4j server: run under tools/neo4j-server/with-neo4j", file=sys.stderr)
        return 1
    load_seeds(dict(os.environ))
    out = Path(argv[0]).resolve()
    failed = Path(tempfile.gettempdir()) / "neo4j-browser-failed.png"
    try:
        drive(
            os.environ["DYADGRAPH_NEO4J_BROWSER"],
            os.environ["DYADGRAPH_NEO4J_URI"],
            os.environ.get("DYADGRAPH_NEO4J_USER", "neo4j"),
            os.environ["DYADGRAPH_NEO4J_PASSWORD"],
            DYAD_PICTURE,
            screenshot=out,
            failure_screenshot=failed,
        )
    except DriveError as error:
        print(f"browser_e2e: {error}\n(the window when it stopped: {failed})", file=sys.stderr)
        return 1
    print(f"browser_e2e: wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
