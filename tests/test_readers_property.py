"""The readers never raise on bad input, whatever the bytes: every mistake is a report entry
with a type, a file and (where there is one) a line. Property-based, with hypothesis."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadgraph.backends.embedded import EmbeddedBackend
from dyadgraph.errors import Report
from dyadgraph.load.bib import read_bibtex
from dyadgraph.load.csvfiles import read_csv
from dyadgraph.load.seeds import read_seeds

from .conftest import TINY

pytestmark = pytest.mark.slow

TYPE = re.compile(r"^[a-z]+(-[a-z0-9]+)*$")
NOT_UTF8 = re.compile("[\udc80-\udcff]")
# Characters that make CSV and BibTeX hard: delimiters, quotes, line ends, braces, BOMs, NUL.
TRICKY = st.sampled_from([*",;\"'\n\r\t{}()@=#%\\ \x00\ufeff\u2028é蒙", "\r\n", '""', "@misc{", "year = "])
CSV_TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=8)), max_size=60).map("".join)
BIB_TEXT = st.lists(
    st.one_of(
        TRICKY, st.sampled_from(["@article{k,", "title = {x}", "}", "author = ", '"a"', ","]), st.text(max_size=6)
    ),
    max_size=60,
).map("".join)
SEED_FILES = sorted(p.name for p in TINY.iterdir())
EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def seed_copy() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "seeds"
        shutil.copytree(TINY, directory)
        yield directory


def assert_well_formed(report: Report) -> None:
    for problem in report.problems:
        assert TYPE.match(problem.type), problem
        assert problem.message, problem
        assert problem.line is None or problem.line >= 1, problem
        assert problem.severity in ("error", "warning"), problem


@EXAMPLES
@given(data=st.one_of(st.binary(max_size=400), CSV_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_read_csv_takes_any_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "State.csv"
        path.write_bytes(data)
        report = Report()
        header, rows = read_csv(path, report)
    assert_well_formed(report)
    assert all(p.file == f"{Path(tmp).name}/State.csv" for p in report.problems)
    # Bytes that are not UTF-8 are reported, never passed on as data.
    assert not any(NOT_UTF8.search(value) for row in rows for value in row.values.values())
    assert all(len(row.values) == len(set(header)) for row in rows) or len(set(header)) != len(header)


@EXAMPLES
@given(data=st.one_of(st.binary(max_size=400), BIB_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_read_bibtex_takes_any_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sources.bib"
        path.write_bytes(data)
        report = Report()
        bib = read_bibtex(path, report)
    assert_well_formed(report)
    assert all(p.line is not None or p.type == "unreadable-file" for p in report.problems)
    assert len({row["id"] for row in bib.rows}) == len(bib.rows)
    assert not any(NOT_UTF8.search(str(value)) for row in bib.rows for value in row.values())


@EXAMPLES
@given(file=st.sampled_from(SEED_FILES), text=st.one_of(CSV_TEXT, BIB_TEXT))
def test_read_seeds_takes_any_content_in_any_seed_file(file: str, text: str) -> None:
    with seed_copy() as directory:
        (directory / file).write_bytes(text.encode("utf-8", "surrogatepass"))
        _, report = read_seeds([directory])
    assert_well_formed(report)


@EXAMPLES
@given(
    file=st.sampled_from(SEED_FILES),
    position=st.floats(min_value=0, max_value=1),
    removed=st.integers(min_value=0, max_value=4),
    inserted=st.lists(TRICKY, max_size=3).map("".join),
)
def test_read_seeds_takes_any_edit_of_a_valid_file(file: str, position: float, removed: int, inserted: str) -> None:
    with seed_copy() as directory:
        path = directory / file
        data = path.read_bytes()
        at = int(position * len(data))
        path.write_bytes(data[:at] + inserted.encode("utf-8", "surrogatepass") + data[at + removed :])
        _, report = read_seeds([directory])
    assert_well_formed(report)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    file=st.sampled_from([name for name in SEED_FILES if name.endswith(".csv")]),
    position=st.floats(min_value=0, max_value=1),
    inserted=st.lists(TRICKY, min_size=1, max_size=3).map("".join),
)
def test_whatever_validates_also_loads(file: str, position: float, inserted: str) -> None:
    """The validator is the only gate before the engine: what it passes, Kùzu must take."""
    with seed_copy() as directory:
        path = directory / file
        text = path.read_text(encoding="utf-8")
        at = int(position * len(text))
        path.write_text(text[:at] + inserted + text[at:], encoding="utf-8")
        graph, report = read_seeds([directory])
        if report.ok:
            backend = EmbeddedBackend(directory.parent / "graph.kuzu", create=True)
            try:
                backend.replace_graph(graph)
                nodes, _ = backend.counts()
            finally:
                backend.close()
            assert nodes == graph.node_counts()


ARCHIVE_NAMES = st.sampled_from(["20170312.export.CSV", "201303.csv", "x.CSV.gz", "20170312.export.CSV.zip", "t.gz"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=ARCHIVE_NAMES,
    data=st.one_of(
        st.binary(max_size=300),
        st.sampled_from([b"\x1f\x8b\x08\x00", b"PK\x03\x04", b"PK\x05\x06" + bytes(18)]).flatmap(
            lambda magic: st.binary(max_size=200).map(lambda rest: magic + rest)
        ),  # the start of a gzip or zip file, then anything
        CSV_TEXT.map(lambda t: t.replace(",", "\t").encode("utf-8", "surrogatepass")),
    ),
)
def test_an_import_of_any_bytes_in_any_wrapping_is_refused_or_read_never_crashed(name: str, data: bytes) -> None:
    """GDELT's layout detection and the decompression layer (a damaged .gz, a file named .zip that
    is none) report what is wrong: an ImportRejected with well-formed problems, or a ConfigError
    before anything is read; never another exception."""
    from dyadgraph.errors import ConfigError
    from dyadgraph.imports import ImportRejected, import_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            summary = import_file("gdelt", path, EmbeddedBackend(Path(tmp) / "g.kuzu", create=True))
        except ImportRejected as rejected:
            assert rejected.report.errors
            assert all(p.file == name for p in rejected.report.problems)
            assert_well_formed(rejected.report)
        except ConfigError as refused:
            assert name.endswith(".zip")
            assert re.search(r"cannot be read as a zip archive|is an empty zip archive", str(refused))
        else:
            assert_well_formed(summary.report)
