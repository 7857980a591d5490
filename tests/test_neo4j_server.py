"""`make neo4j`'s server (tools/neo4j-server): the versions and settings it shares with
docker-compose.yml, the control script, and the server `make test` runs (Bolt, Browser, the
style and guide it serves, the password it never shows)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from dyadgraph.backends.neo4j import Neo4jBackend
from dyadgraph.config import Settings

from .conftest import NEO4J_SKIP, ROOT

SERVER_DIR = ROOT / "tools" / "neo4j-server"
SCRIPT = SERVER_DIR / "server"
CONF = SERVER_DIR / "neo4j.conf"
COMPOSE = ROOT / "docker-compose.yml"
CONTENT_URL = "http://localhost:8001"  # where docker-compose.yml serves the style and guide


def pom_property(name: str) -> str:
    found = re.search(rf"<{re.escape(name)}>([^<]+)</{re.escape(name)}>", (SERVER_DIR / "pom.xml").read_text())
    assert found, name
    return found.group(1)


def shared_settings(content: str = CONTENT_URL) -> dict[str, str]:
    """neo4j.conf's settings as the launcher applies them, {content} filled in."""
    settings = {}
    for line in CONF.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            settings[key] = value.replace("{content}", content)
    return settings


def docker_name(setting: str) -> str:
    """How the neo4j image names a setting in the environment: NEO4J_ prefix, `_` for `.`, `__` for `_`."""
    return "NEO4J_" + setting.replace("_", "__").replace(".", "_")


def compose_neo4j() -> dict[str, Any]:
    import yaml

    service: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]["neo4j"]
    return service


# ---------------------------------------------------------------- one Neo4j, two ways to run it


def test_compose_runs_the_neo4j_version_the_launcher_runs() -> None:
    version = pom_property("neo4j.version")
    assert re.fullmatch(r"5\.26\.\d+", version), "Neo4j 5.26 LTS, one pinned patch"
    assert compose_neo4j()["image"] == f"neo4j:{version}-community"


def test_compose_sets_what_the_launchers_settings_file_sets() -> None:
    environment = dict(compose_neo4j()["environment"])
    environment.pop("NEO4J_AUTH")  # the password: compose's .env, the launcher's DYADGRAPH_NEO4J_PASSWORD
    plugins = json.loads(environment.pop("NEO4J_PLUGINS"))
    assert environment == {docker_name(key): value for key, value in shared_settings().items()}
    assert plugins == ["apoc"]


def test_apoc_matches_neo4j_and_every_version_is_pinned() -> None:
    neo4j, apoc = pom_property("neo4j.version"), pom_property("apoc.version")
    assert apoc.split(".")[:2] == neo4j.split(".")[:2], "APOC must match Neo4j's first two version numbers"
    for name in ("neo4j.version", "apoc.version", "browser.version"):
        assert re.fullmatch(r"\d+\.\d+\.\d+", pom_property(name)), name


# ---------------------------------------------------------------- the control script, no server needed


def script(*args: str, env: dict[str, str] | None = None, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "DYADGRAPH_NEO4J_"))}
    environment |= env or {}
    if home is not None:
        environment["NEO4J_DIR"] = str(home)
    return subprocess.run([SCRIPT, *args], env=environment, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("password", [None, "short"])
def test_start_refuses_without_a_password_of_eight_characters(tmp_path: Path, password: str | None) -> None:
    done = script("start", env={"DYADGRAPH_NEO4J_PASSWORD": password} if password else {}, home=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "neo4j: set DYADGRAPH_NEO4J_PASSWORD to the neo4j user's password (at least 8 characters)\n"
    assert not (tmp_path / "run").exists()


def test_status_and_stop_of_a_server_that_is_not_running(tmp_path: Path) -> None:
    status = script("status", home=tmp_path)
    assert (status.returncode, status.stdout) == (3, f"neo4j: not running ({tmp_path}); `make neo4j` starts it.\n")
    stop = script("stop", home=tmp_path)
    assert (stop.returncode, stop.stdout) == (0, f"neo4j: not running ({tmp_path}).\n")


def test_a_stale_pid_file_is_not_a_running_server(tmp_path: Path) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "neo4j.pid").write_text(f"{os.getpid()}\n")  # a live process, but not Neo4j
    assert script("status", home=tmp_path).returncode == 3


def test_another_neo4j_version_must_be_a_version(tmp_path: Path) -> None:
    done = script("status", env={"NEO4J_VERSION": "2026.8"}, home=tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "neo4j: NEO4J_VERSION 2026.8 is not a version (5.26.30, 2026.08.1)\n"


def test_a_calendar_release_asks_for_java_21_before_building(tmp_path: Path) -> None:
    """NEO4J_VERSION=2026.08.1 (Neo4j's calendar releases need Java 21 or newer) with a Java 17:
    refused at once, nothing built (a stand-in java says which version it is)."""
    java = tmp_path / "java"
    java.write_text("#!/bin/sh\necho '    java.specification.version = 17' >&2\n", encoding="utf-8")
    java.chmod(0o755)
    given = {"NEO4J_VERSION": "2026.08.1", "JAVA": str(java), "MVN": "true", "DYADGRAPH_NEO4J_PASSWORD": "12345678"}
    done = script("start", env=given, home=tmp_path / "home")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"neo4j: Neo4j 2026.08.1 needs Java 21 or newer; {java} is Java 17 (set JAVA)\n"
    assert not (tmp_path / "home" / "run").exists()


# ---------------------------------------------------------------- the server `make test` runs


@pytest.fixture(scope="module")
def launched(neo4j_server: Settings) -> dict[str, str]:
    """The state file of the server tools/neo4j-server/with-neo4j started (NEO4J_DIR names its home)."""
    state = Path(os.environ.get("NEO4J_DIR", "/nonexistent")) / "run" / "server.properties"
    if not state.is_file():
        pytest.skip(f"{NEO4J_SKIP}: this test needs the server `make test` starts")
    return dict(line.split("=", 1) for line in state.read_text(encoding="utf-8").splitlines())


def get(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    """Status, headers (names in any case, as HTTP has them) and body."""
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_a_second_start_says_the_server_runs_and_starts_nothing(launched: dict[str, str]) -> None:
    done = script("start", env={"DYADGRAPH_NEO4J_PASSWORD": "whatever-password"}, home=Path(launched["home"]))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:3] == [
        "neo4j: already running, nothing started.",
        f"Neo4j {launched['version']} is running (pid {launched['pid']}).",
        f"  Bolt:    {launched['bolt']}   (user neo4j, password from DYADGRAPH_NEO4J_PASSWORD)",
    ]
    assert script("status", home=Path(launched["home"])).returncode == 0


def test_the_server_runs_the_pinned_neo4j_and_apoc(neo4j_server: Settings, launched: dict[str, str]) -> None:
    backend = Neo4jBackend.from_settings(neo4j_server)
    try:
        components = backend.run("CALL dbms.components() YIELD name, versions, edition RETURN *").rows()
        apoc = backend.run("RETURN apoc.version() AS version").values[0][0]
    finally:
        backend.close()
    assert components == [{"edition": "community", "name": "Neo4j Kernel", "versions": [pom_property("neo4j.version")]}]
    assert launched["version"] == pom_property("neo4j.version")
    assert apoc == pom_property("apoc.version")


def test_the_server_runs_with_the_shared_settings(neo4j_server: Settings, launched: dict[str, str]) -> None:
    backend = Neo4jBackend.from_settings(neo4j_server)
    try:
        names = [*shared_settings(), "server.directories.import", "dbms.security.auth_enabled"]
        applied = dict(
            backend.run("SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN *", {"names": names}).values
        )
    finally:
        backend.close()
    content = launched["content"].rstrip("/")
    assert {key: size(applied[key]) for key in shared_settings(content)} == {
        key: size(value) for key, value in shared_settings(content).items()
    }
    assert applied["server.directories.import"] == str(Path(launched["home"]) / "import")
    assert applied["dbms.security.auth_enabled"] == "true"


def size(value: str) -> str | float:
    """A memory size in bytes, as 1G in a conf file or 1.00GiB from SHOW SETTINGS; other values as they are."""
    found = re.fullmatch(r"([0-9.]+)([KMG])(iB)?", value)
    return float(found.group(1)) * 1024 ** " KMG".index(found.group(2)) if found else value


def test_browser_is_served_and_points_at_the_bolt_port(launched: dict[str, str]) -> None:
    status, headers, body = get(launched["browser"])
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"<title>Neo4j Browser</title>" in body
    status, _, discovery = get(launched["browser"].removesuffix("browser/"), headers={"Accept": "application/json"})
    assert status == 200
    assert json.loads(discovery)["bolt_direct"] == launched["bolt"]


def test_the_style_and_guide_are_served_with_cors(launched: dict[str, str]) -> None:
    content = launched["content"]
    for path in ("cypher/dyadgraph.grass", "guide/dyadgraph.html"):
        status, headers, body = get(content + path, headers={"Origin": "http://127.0.0.1:7474"})
        assert (status, body) == (200, (ROOT / path).read_bytes()), path
        assert headers["Access-Control-Allow-Origin"] == "*"
        assert headers["Cache-Control"] == "no-cache"
    assert get(content + "guide/dyadgraph.html")[1]["Content-Type"] == "text/html; charset=utf-8"
    # Browser's fetch sends Cache-Control and Pragma, and its error reporting (Sentry) adds
    # sentry-trace and baggage for a host named localhost, so the web browser asks first.
    asked = "cache-control,pragma,sentry-trace,baggage"
    status, headers, _ = get(
        content + "guide/dyadgraph.html",
        method="OPTIONS",
        headers={"Origin": "http://127.0.0.1:7474", "Access-Control-Request-Headers": asked},
    )
    assert status == 204
    allowed = {h.strip().lower() for h in headers["Access-Control-Allow-Headers"].split(",")}
    assert set(asked.split(",")) <= allowed
    for outside in ("cypher/why.cypher", "README.md", "guide/../README.md", "guide/%2e%2e/README.md", "guide/"):
        assert get(content + outside)[0] == 404, outside
    assert get(content + "guide/dyadgraph.html", method="POST")[0] == 405


def test_the_password_is_written_nowhere(neo4j_server: Settings, launched: dict[str, str]) -> None:
    password = neo4j_server.neo4j_password.encode()
    home = Path(launched["home"])
    for path in [*(home / "logs").iterdir(), *(home / "conf").iterdir(), *(home / "run").iterdir()]:
        assert password not in path.read_bytes(), path


def test_the_launcher_itself_refuses_a_short_password(launched: dict[str, str], tmp_path: Path) -> None:
    """The script checks first; the launcher checks again, for whoever runs it directly."""
    target = SERVER_DIR / "target"
    environment = {"PATH": os.environ["PATH"], "DYADGRAPH_NEO4J_PASSWORD": "1234567"}
    classpath = f"{target}/dyadgraph-neo4j.jar:{target}/lib/*"
    done = subprocess.run(
        ["java", "-cp", classpath, "dyadgraph.neo4j.Launcher", "--home", str(tmp_path / "home")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (2, "")
    expected = (
        "dyadgraph-neo4j: set DYADGRAPH_NEO4J_PASSWORD to the password of the neo4j user (at least 8 characters)\n"
    )
    assert done.stderr == expected
    assert not (tmp_path / "home").exists()


# ---------------------------------------------------------------- CI does not pass without Neo4j


@pytest.mark.parametrize("ci", ["", "true"])
def test_under_ci_a_neo4j_test_that_would_skip_fails(tmp_path: Path, ci: str) -> None:
    (tmp_path / "conftest.py").write_text(
        "from tests.conftest import neo4j_server, pytest_runtest_makereport  # noqa\n"
    )
    (tmp_path / "test_live.py").write_text("def test_needs_neo4j(neo4j_server):\n    assert neo4j_server\n")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DYADGRAPH_NEO4J_")}
    environment |= {"CI": ci, "PYTHONPATH": str(ROOT)}
    pytest_options = ["-p", "no:cacheprovider", "-q", "-c", os.devnull, "--rootdir", str(tmp_path)]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *pytest_options, str(tmp_path / "test_live.py")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    summary = done.stdout.strip().splitlines()[-1]
    if ci:
        assert done.returncode == 1 and "1 error" in summary, done.stdout
        assert "CI=true, and this Neo4j test would skip" in done.stdout
    else:
        assert done.returncode == 0 and "1 skipped" in summary, done.stdout
