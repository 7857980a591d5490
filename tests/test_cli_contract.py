"""The command line's contract, checked on every command and option the Typer app declares.

Whatever the arguments: the exit code is 0, 1 or 2; stderr holds no traceback (unless --debug
asked for one); stdout parses in the chosen --format (and an export's in its format); a
command that fails prints nothing on stdout but its report (doctor, validate); and the graph
is unchanged by anything that is not a write (load, demo, import, cypher --write).

The commands and options are read from the app itself (the click command tree), so a new
option is exercised the day it appears: by its type (an integer range gets its bounds and one
past them, a flag is given or not), or by the domain table below where its type does not say
what it means. Two tests use them: a table of one valid and one invalid value per option, each
added to an invocation known to succeed, and a hypothesis strategy that builds random argument
lists from the same parts. The strategy's example count comes from a hypothesis profile chosen
by DYADGRAPH_HYPOTHESIS (`test`, the default, in `make test`; `fuzz` in `make fuzz`).

Commands that need Neo4j run against a port where nothing listens: they must fail cleanly.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dyadgraph.cli import app
from dyadgraph.cli.options import FORMAT_NAMES
from dyadgraph.export import FORMATS, SUFFIXES
from dyadgraph.queries import Catalogue

from .conftest import ROOT, TINY

settings.register_profile("test", max_examples=250, deadline=None, derandomize=True)
settings.register_profile("fuzz", max_examples=3000, deadline=None)
PROFILE = os.environ.get("DYADGRAPH_HYPOTHESIS", "test")

IMPORTS = ROOT / "tests" / "fixtures" / "imports"
UNREACHABLE_NEO4J = "bolt://127.0.0.1:9"  # the discard port: nothing answers Bolt there
CANNED = [query.name for query in Catalogue()]
# Placeholders resolved per run: the database under test, and paths that are wrong in known ways.
DB, MISSING, FOLDER, NOT_A_DB = "{db}", "{missing}", "{folder}", "{not-a-db}"
ARCHIVE = "{archive}"  # a zip archive of two files, the GDELT 2.0 export and the ICEWS one


def _command_tree() -> Any:
    return typer.main.get_command(app)


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]
    params: tuple[Any, ...]


def commands() -> list[Command]:
    """Every command and group that runs something, by its path, with its own parameters."""
    found: list[Command] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        subcommands = getattr(command, "commands", {})
        if path and (not subcommands or getattr(command, "invoke_without_command", False)):
            found.append(Command(path, tuple(command.params)))
        for name, sub in subcommands.items():
            walk(sub, (*path, name))

    walk(_command_tree(), ())
    return found


ROOT_PARAMS = tuple(_command_tree().params)
COMMANDS = commands()


# ---------------------------------------------------------------- values per option


FIGURES = ("svg", "pdf", "png", "html")  # slow for the whole graph: drawn around one node
FILES = ("csv", "gexf")  # two of the formats that write files, besides the figures
# (valid, invalid) token lists for parameters whose type does not say what they mean, keyed by
# (command path, parameter name); () stands for any command. A valid list may bring the options
# it needs with it (a caption needs a table format and a query).
DOMAINS: dict[tuple[tuple[str, ...], str], tuple[list[list[str]], list[list[str]]]] = {
    ((), "backend"): ([["--backend", "embedded"]], [["--backend", "mysql"]]),
    ((), "db"): ([["--db", DB]], [["--db", MISSING], ["--db", FOLDER], ["--db", NOT_A_DB]]),
    ((), "fmt"): ([["-f", name] for name in FORMAT_NAMES], [["-f", "yaml"], ["--format", ""]]),
    (("query",), "name"): (
        [[q.name, *(t for p in q.params if p.required for t in ("-p", p.name, str(p.example)))] for q in Catalogue()],
        [["no-such-query"], ["why"], ["ego-network", "-p", "depth", "4"], ["partnership-ladder", "-p", "focal", "XYZ"]],
    ),
    (("cypher",), "text"): (
        [["MATCH (s:State) RETURN s.id AS id, s.name AS name ORDER BY id"], ["RETURN $x AS x", "-p", "x", "1"]],
        [["MATCH (s:State RETURN s"], ["RETURN $x AS x"], ["CREATE (:State {id: 'ZZZ'})"]],
    ),
    (("push",), "to"): ([["--to", "neo4j"]], [["--to", "kafka"]]),
    (("browser",), "root"): ([["browser-files"]], [[NOT_A_DB]]),
    (("browser",), "base_url"): ([["--base-url", "http://localhost:9000"]], []),
    (("import",), "data_format"): ([["icews", str(IMPORTS / "icews.tab")]], [["csv", str(IMPORTS / "icews.tab")]]),
    (("import",), "files"): (
        [
            ["gdelt", str(IMPORTS / "20190908000000.export.CSV")],
            ["gdelt", str(IMPORTS / "201303.csv"), str(IMPORTS / "20170312.export.CSV")],
            ["gdelt", str(IMPORTS / "*.export.CSV")],
            ["cow-nmc", str(IMPORTS / "cow-nmc.csv")],
        ],
        [
            ["icews", MISSING],
            ["icews", str(IMPORTS / "cow-nmc.csv")],
            ["icews", str(IMPORTS / "*.zip")],
            ["wdi", FOLDER],
        ],
    ),
    (("import",), "member"): (
        [["--member", "20190908000000.export.CSV", ARCHIVE]],
        [["--member", "icews.tab"], ["--member", "nope.CSV", ARCHIVE], ["--member", "icews.tab", ARCHIVE]],
    ),
    (("import",), "layout"): ([["--layout", "2.0"]], [["--layout", "1.0-daily"], ["--layout", "1.0"]]),
    (("import",), "memory"): ([["--memory", "2GiB"]], [["--memory", "lots"], ["--memory", "0"]]),
    (("export",), "to"): (
        [["--to", name, "-o", f"out/{name}{SUFFIXES[name][0]}", "--around", "MNG"] for name in FIGURES]
        + [["--to", "timeline", "-o", "out/timeline", "--dyad", "MNG", "CHN"]]
        + [["--to", name, "-o", f"out/{name}{SUFFIXES[name][0] or '-folder'}"] for name in FILES]
        + [["--to", name, "--query", "partnership-ladder"] for name in ("latex", "md")]
        + [["--to", name] for name in FORMATS if name not in (*FIGURES, *FILES, "timeline", "latex", "md")],
        [["--to", "graphm"], ["--to", "png", "-o", "x.svg"], ["--to", "png"]],
    ),
    (("export",), "output"): ([["-o", "out/graph.graphml", "--to", "graphml"]], [["-o", "x.v2", "--to", "gexf"]]),
    ((), "around"): ([["--around", "MNG"], ["--around", "State:CHN"]], [["--around", "XYZ"], ["--around", "Nope:MNG"]]),
    ((), "dyad"): ([["--dyad", "MNG", "CHN"]], [["--dyad", "MNG", "XYZ"], ["--dyad", "MNG"]]),
    ((), "query"): (
        [["--query", "partnership-ladder"], ["--query", "ego-network", "-p", "id", "MNG", "-p", "depth", "2"]],
        [["--query", "nope"], ["--query", "ego-network", "-p", "depth", "9"], ["--query", "why"]],
    ),
    ((), "label"): ([["--label", "State", "--label", "Event"]], [["--label", "Stat"]]),
    ((), "rel_type"): ([["--type", "TIE"]], [["--type", "TIES"]]),
    ((), "since"): ([["--since", "1990"]], [["--since", "x"]]),
    ((), "until"): ([["--until", "2000"]], [["--until", "1990.5"]]),
    ((), "lang"): ([["--lang", "zh"], ["--lang", "en"]], [["--lang", "fr"]]),
    ((), "title"): ([["--title", "蒙古 and its neighbours"]], []),
    (("export",), "caption"): ([["--caption", "A caption", "--to", "md", "--query", "partnership-ladder"]], []),
    ((), "seed_dirs"): ([[str(TINY)]], [[MISSING]]),
    (("query",), "explode"): ([["--explode", "steps"]], [["--explode", "step"]]),
    (("cypher",), "explode"): ([["--explode", "id"]], [["--explode", "ids"]]),
}


def _flag(param: Any) -> str:
    return str(max(param.opts, key=len))


def values(path: tuple[str, ...], param: Any) -> tuple[list[list[str]], list[list[str]]]:
    """Valid and invalid tokens for one parameter: the domain table's, else from its type."""
    for key in ((path, param.name), ((), param.name)):
        if key in DOMAINS:
            return DOMAINS[key]
    flag = [] if param.param_type_name == "argument" else [_flag(param)]
    if getattr(param, "is_flag", False):
        return [flag], []
    kind = type(param.type).__name__
    if kind == "IntRange":
        low, high = param.type.min, param.type.max
        valid = [[*flag, str(bound)] for bound in (low, high) if bound is not None] or [[*flag, "1"]]
        outside = [low - 1] if low is not None else []
        outside += [high + 1] if high is not None else []
        return valid, [[*flag, str(bound)] for bound in outside] + [[*flag, "many"]]
    if kind == "IntParamType":
        return [[*flag, "1"]], [[*flag, "one"]]
    if kind in ("Path", "TyperPath"):
        return [[*flag, "some-path"]], [[*flag, NOT_A_DB if param.type.file_okay is False else FOLDER]]
    return [[*flag, "MNG"]], [[*flag, ""]]


# ---------------------------------------------------------------- running and checking


# An invocation of each command that succeeds on the shipped graph: (arguments, {option: tokens}).
BASES: dict[tuple[str, ...], tuple[list[str], dict[str, list[str]]]] = {
    ("load",): ([str(TINY)], {}),
    ("doctor",): ([], {}),
    ("validate",): ([str(TINY)], {}),
    ("query",): (["partnership-ladder"], {}),
    ("cypher",): (["MATCH (s:State) RETURN s.id AS id ORDER BY id"], {}),
    ("push",): ([], {"to": ["--to", "neo4j"]}),
    ("browser",): (["browser-files"], {}),
    ("import",): (["gdelt", str(IMPORTS / "20190908000000.export.CSV")], {}),
    ("export",): ([], {"to": ["--to", "json"], "around": ["--around", "MNG"]}),
    ("export", "bundle"): ([], {"output": ["-o", "bundle"], "dyad": ["--dyad", "MNG", "CHN"]}),
}
# At most one of these selects what an export holds: testing one, the base's own is left out.
SELECTIONS = ("around", "dyad", "query")
# What needs a Neo4j server: with none reachable, these exit 1 whatever else is right.
NEEDS_NEO4J = {("push",)}
REPORTS = {("doctor",), ("validate",), ("load",)}  # print their findings on stdout, and exit 1 on errors
EMITTERS = {("load",), ("validate",), ("stats",), ("demo",), ("queries",), ("query",), ("cypher",), ("push",)}
EMITTERS |= {("doctor",), ("import",)}


def is_write(argv: list[str]) -> bool:
    words = set(argv)
    if "-h" in words or "--help" in words:
        return False
    if words & {"load", "demo", "import"}:
        return "--validate-only" not in words
    return "cypher" in words and "--write" in words


@dataclass
class Workspace:
    """A copy of the shipped graph to run against, remade after a write, and paths wrong on purpose."""

    root: Path
    pristine: Path

    @property
    def db(self) -> Path:
        return self.root / "graph.kuzu"

    def reset(self) -> None:
        for leftover in self.root.glob("graph.kuzu*"):
            leftover.unlink()
        shutil.copyfile(self.pristine, self.db)

    def resolve(self, argv: list[str]) -> list[str]:
        archive = self.root / "two.zip"
        if ARCHIVE in argv and not archive.exists():
            with zipfile.ZipFile(archive, "w") as out:
                for name in ("20190908000000.export.CSV", "icews.tab"):
                    out.write(IMPORTS / name, name)
        places = {
            ARCHIVE: str(archive),
            DB: str(self.db),
            MISSING: str(self.root / "missing.kuzu"),
            FOLDER: str(self.root / "a-folder"),
            NOT_A_DB: str(self.root / "notes.txt"),
        }
        return [places.get(token, token) for token in argv]


PYTHON_WARNING = re.compile(r"\w+Warning: ")  # Python's own format (file:line: UserWarning: ...)


def fingerprint(db: Path) -> tuple[Any, ...]:
    """What any change to the database would change: the file's identity, size and time, and a WAL."""
    stat = db.stat()
    return stat.st_ino, stat.st_size, stat.st_mtime_ns, db.with_name(db.name + ".wal").exists()


@pytest.fixture
def workspace(mongolia_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    """The shipped graph (conftest's, loaded once) copied into a folder of this test's own."""
    root = tmp_path / "work"
    root.mkdir()
    (root / "a-folder").mkdir()
    (root / "notes.txt").write_text("not a database\n", encoding="utf-8")
    monkeypatch.chdir(root)  # exports and browser files land here, never in the checkout
    monkeypatch.setenv("DYADGRAPH_NEO4J_URI", UNREACHABLE_NEO4J)
    monkeypatch.setenv("DYADGRAPH_NEO4J_PASSWORD", "contract")
    space = Workspace(root, mongolia_db)
    space.reset()
    yield space


def run(space: Workspace, argv: list[str]) -> tuple[int, str, str]:
    """Run in process, with --db pointing at the workspace's copy unless argv names one."""
    argv = space.resolve(argv)
    if "--db" not in argv:
        argv = ["--db", str(space.db), *argv]
    result = CliRunner().invoke(app, argv)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        if "--debug" not in argv:
            raise AssertionError(f"{argv}: {type(result.exception).__name__}: {result.exception}")
        return 1, result.stdout, "Traceback"
    return result.exit_code, result.stdout, result.stderr


def command_of(argv: list[str]) -> tuple[str, ...]:
    """The command path an argument list invokes (the longest known path among its words)."""
    words = [w for w in argv if not w.startswith("-")]
    for command in sorted(COMMANDS, key=lambda c: -len(c.path)):
        n = len(command.path)
        if any(tuple(words[i : i + n]) == command.path for i in range(len(words))):
            return command.path
    return ()


def chosen(argv: list[str], *flags: str) -> str | None:
    """The value of the last of these options in argv, as click reads it."""
    value = None
    for i, token in enumerate(argv[:-1]):
        if token in flags:
            value = argv[i + 1]
    return value


def check_output(argv: list[str], stdout: str) -> None:
    """stdout parses as what the command was asked for."""
    if "-h" in argv or "--help" in argv:
        return
    path = command_of(argv)
    if path == ("export",):
        fmt = chosen(argv, "--to")
        if chosen(argv, "-o", "--output") is not None or fmt is None:
            assert stdout == "", argv
        elif fmt in ("json", "cytoscape"):
            json.loads(stdout)
        elif fmt in ("graphml", "gexf"):
            ElementTree.fromstring(stdout)
        elif fmt == "dyad-year":
            _csv_rows(stdout)
        return
    if path not in EMITTERS or (path == ("doctor",) and chosen(argv, "-f", "--format") in (None, "table")):
        return
    fmt = chosen(argv, "-f", "--format") or "table"
    if fmt == "json":
        json.loads(stdout)
    elif fmt == "csv":
        _csv_rows(stdout)
    elif fmt == "md" and stdout:
        assert all(line.startswith("|") for line in stdout.splitlines()), stdout
    elif fmt == "latex" and stdout:
        assert stdout.startswith("% needs ") and stdout.rstrip().endswith("\\end{xltabular}\n}"), stdout
        assert stdout.count("\\begin{xltabular}{\\linewidth}") == 1, stdout


def _csv_rows(text: str) -> None:
    rows = list(csv.reader(io.StringIO(text)))
    assert len({len(row) for row in rows}) <= 1, "rows of different widths"


def check_contract(space: Workspace, argv: list[str]) -> tuple[int, str, str]:
    """Run argv and hold it to the contract; returns what it gave, for more specific checks."""
    before = fingerprint(space.db)
    code, stdout, stderr = run(space, argv)
    assert code in (0, 1, 2), (argv, code, stderr)
    debug = "--debug" in argv
    assert debug or "Traceback" not in stderr + stdout, (argv, stderr)
    assert not PYTHON_WARNING.search(stderr), (argv, "a Python warning, not a `Warning:` line", stderr)
    if code == 0:
        check_output(argv, stdout)
    elif code == 1 and command_of(argv) not in REPORTS and not debug:
        assert stdout == "", (argv, stdout)
        assert stderr.strip(), (argv, "failed without saying why")
    if space.db.exists() and not is_write(argv):
        assert fingerprint(space.db) == before, (argv, "a command that does not write changed the database")
    if is_write(argv) or not space.db.exists():
        space.reset()
    return code, stdout, stderr


# ---------------------------------------------------------------- the table


def table_rows() -> list[tuple[str, list[str], bool]]:
    """(id, argv, valid) for every parameter of every command and of the root."""
    found = []
    for command in COMMANDS:
        arguments, options = BASES.get(command.path, ([], {}))
        for param in command.params:
            valid, invalid = values(command.path, param)
            for good, tokens_list in ((True, valid), (False, invalid)):
                for tokens in tokens_list:
                    if param.param_type_name == "argument":
                        argv = [*command.path, *tokens, *_flat(options)]
                    else:
                        selects = param.name in SELECTIONS or {f"--{name}" for name in SELECTIONS} & set(tokens)
                        drop = (*SELECTIONS, param.name) if selects else (param.name,)
                        rest = {name: t for name, t in options.items() if name not in drop}
                        argv = [*command.path, *arguments, *_flat(rest), *tokens]
                    found.append((f"{' '.join(command.path)} {param.name} {' '.join(tokens)}", argv, good))
    for param in ROOT_PARAMS:
        valid, invalid = values((), param)
        for good, tokens_list in ((True, valid), (False, invalid)):
            found += [(f"root {param.name} {' '.join(tokens)}", [*tokens, "stats"], good) for tokens in tokens_list]
    return found


def _flat(options: dict[str, list[str]]) -> list[str]:
    return [token for tokens in options.values() for token in tokens]


TABLE = table_rows()


def test_the_table_covers_every_parameter_the_app_declares() -> None:
    owners = [(" ".join(c.path), p.name) for c in COMMANDS for p in c.params]
    owners += [("root", p.name) for p in ROOT_PARAMS]
    for owner, name in owners:
        rows = [r for r in TABLE if r[0].startswith(f"{owner} {name} ")]
        assert any(valid for _, _, valid in rows), (owner, name, "has no valid value")
    assert len(COMMANDS) >= 13 and ("export", "bundle") in [c.path for c in COMMANDS]


def _marked(row: tuple[str, list[str], bool]) -> Any:
    """An ego network of five hops on the shipped seeds takes the engine most of a minute: slow."""
    deep = any(a == "--depth" and b == "5" for a, b in zip(row[1], row[1][1:], strict=False))
    return pytest.param(*row, marks=pytest.mark.slow) if deep else row


@pytest.mark.parametrize(
    ("row_id", "argv", "valid"), [_marked(row) for row in TABLE], ids=[row[0][:80] for row in TABLE]
)
def test_each_option_with_a_valid_and_an_invalid_value(
    workspace: Workspace, row_id: str, argv: list[str], valid: bool
) -> None:
    code, stdout, stderr = check_contract(workspace, argv)
    path = command_of(argv)
    if valid:
        expected = 1 if path in NEEDS_NEO4J else 0
        assert code == expected, (argv, stderr)
        if path in NEEDS_NEO4J:
            assert stderr.startswith(f"Error: cannot reach Neo4j at {UNREACHABLE_NEO4J}"), stderr
    else:
        assert code in (1, 2), (argv, "an invalid value was accepted", stdout)
        assert "Error" in stderr, stderr


@pytest.mark.parametrize("path", [c.path for c in COMMANDS], ids=[" ".join(c.path) for c in COMMANDS])
def test_every_command_against_an_unreachable_neo4j_fails_cleanly_or_needs_no_server(
    workspace: Workspace, path: tuple[str, ...]
) -> None:
    arguments, options = BASES.get(path, ([], {}))
    code, stdout, stderr = check_contract(workspace, ["--backend", "neo4j", *path, *arguments, *_flat(options)])
    if path == ("doctor",):
        assert code == 1 and f"cannot reach Neo4j at {UNREACHABLE_NEO4J}" in stdout, stdout
    elif code:
        assert code == 1 and stderr.startswith(f"Error: cannot reach Neo4j at {UNREACHABLE_NEO4J}"), stderr


# ---------------------------------------------------------------- random argument lists


# A command line holds no NUL (argv is C strings), but may hold bytes that are not UTF-8, which
# Python hands over as lone surrogates ("\udcff").
JUNK = st.sampled_from(["", "-", "--", "-x", "--nope", "'", "$x", "MNG\udcff", "蒙古", "-p", "json:[", "1e999", "-h"])
ARGV_TEXT = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=8)


def _tokens(path: tuple[str, ...], param: Any) -> st.SearchStrategy[list[str]]:
    valid, invalid = values(path, param)
    return st.sampled_from(valid + invalid) if valid + invalid else st.just([])


@st.composite
def argument_lists(draw: st.DrawFn) -> list[str]:
    argv: list[str] = []
    for param in ROOT_PARAMS:
        if draw(st.integers(0, 4)) == 0:
            argv += draw(_tokens((), param))
    command = draw(st.sampled_from(COMMANDS))
    argv += command.path
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    options = [p for p in command.params if p.param_type_name == "option"]
    for param in arguments:
        if draw(st.integers(0, 5)):
            argv += draw(_tokens(command.path, param))[:1] if param.nargs == 1 else draw(_tokens(command.path, param))
    for param in draw(st.lists(st.sampled_from(options), max_size=4)) if options else []:
        argv += draw(_tokens(command.path, param))
    if command.path in (("query",), ("cypher",), ("export",), ("export", "bundle")):
        for _ in range(draw(st.integers(0, 2))):
            name = draw(st.sampled_from(["focal", "id", "depth", "x", "year", "nope"]))
            argv += ["-p", name, draw(st.sampled_from(["MNG", "XYZ", "0", "3", "9", "", "json:[1]"]))]
    if draw(st.integers(0, 6)) == 0:
        argv.insert(draw(st.integers(0, len(argv))), draw(JUNK | ARGV_TEXT))
    return argv


@pytest.mark.slow  # `make fuzz` runs it longer
@settings(settings.get_profile(PROFILE), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=argument_lists())
def test_random_argument_lists_keep_the_contract(workspace: Workspace, argv: list[str]) -> None:
    check_contract(workspace, argv)


# ---------------------------------------------------------------- a few in real processes


@pytest.mark.parametrize(
    "argv",
    [
        ["stats", "-f", "json"],
        ["query", "ego-network", "-p", "depth", "9"],
        ["cypher", "CREATE (:State {id: 'ZZZ'})", "--write", "-f", "csv"],
        ["export", "--to", "graphml", "--around", "MNG"],
        ["--backend", "neo4j", "stats"],
        ["--db", MISSING, "doctor", "-f", "json"],
        ["-h"],
    ],
    ids=lambda argv: " ".join(argv)[:40],
)
def test_in_a_real_process(workspace: Workspace, argv: list[str]) -> None:
    argv = workspace.resolve(argv)
    if "--db" not in argv:
        argv = ["--db", str(workspace.db), *argv]
    before = fingerprint(workspace.db)
    done = subprocess.run(
        [sys.executable, "-m", "dyadgraph", *argv], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode in (0, 1, 2) and "Traceback" not in done.stderr, (argv, done.returncode, done.stderr)
    if done.returncode == 0:
        check_output(argv, done.stdout)
    if not is_write(argv):
        assert fingerprint(workspace.db) == before


def test_the_contract_catches_what_it_is_for(workspace: Workspace) -> None:
    """The checks fail where they should: a write changes the fingerprint; bad output does not parse."""
    from dyadgraph.backends.embedded import EmbeddedBackend

    before = fingerprint(workspace.db)
    backend = EmbeddedBackend(workspace.db)
    backend.run("MATCH (s:State {id: 'MNG'}) SET s.name = 'Mongol Uls'", write=True)
    backend.close()
    assert fingerprint(workspace.db) != before
    with pytest.raises(json.JSONDecodeError):
        check_output(["query", "why", "-f", "json"], "not json")
    with pytest.raises(AssertionError, match="widths"):
        check_output(["stats", "-f", "csv"], "a,b\n1\n")
    with pytest.raises(ElementTree.ParseError):
        check_output(["export", "--to", "graphml"], "<graphml>")
