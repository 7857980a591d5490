"""One emit() for every format; the table fits an 80-column terminal."""

from __future__ import annotations

import json

import pytest

from dyadgraph.backends.base import Result
from dyadgraph.output import column_widths, render

WIDE = Result(
    ["id", "claim", "sources"],
    [
        ("2015-mng-ind-strategic-partnership", "The 2015 strategic partnership marks a further deepening " * 3,
         ["huang2021 IV.1 para 5", "dashnyam2020 IV.1 para 5"]),
        ("MNG", None, []),
    ],
)  # fmt: skip


def test_the_table_fits_80_columns_and_wraps_prose_between_words() -> None:
    text = render(WIDE, "table")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0].split() == ["id", "claim", "sources"]
    assert "2015-mng-ind-strategic-partnership" in text  # the id was not folded: prose gave way
    start = lines[0].index("sources")
    sources = [line[start:].strip() for line in lines[2:] if line[start:].strip()]
    assert sources[0].startswith("huang2021") and any(s.startswith("dashnyam2020") for s in sources)
    assert " ".join(sources) == "huang2021 IV.1 para 5 dashnyam2020 IV.1 para 5"
    assert all(word in text for word in ("deepening", "strategic", "partnership"))


def test_prose_shrinks_before_ids_and_no_column_goes_below_its_header() -> None:
    cells = [["a-very-long-identifier-of-forty-characters", "word " * 40]]
    widths = column_widths(["identifier", "text"], cells, 60)
    assert widths == [42, 15]
    assert column_widths(["identifier", "text"], cells, 20) == [13, 4]


def test_empty_results() -> None:
    empty = Result(["n"], [])
    assert render(empty, "json") == "[]\n"
    assert render(empty, "csv") == "n\n"
    assert render(empty, "table") == "(no rows; columns: n)\n"


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "latex", "table"])
def test_every_format_renders_nodes_lists_and_nulls(fmt: str) -> None:
    node = {"_label": "State", "id": "MNG", "name": "Mongolia"}
    result = Result(["s", "years", "none"], [(node, [2006, 2014], None)])
    text = render(result, fmt)
    if fmt == "json":
        assert json.loads(text) == [{"s": node, "years": [2006, 2014], "none": None}]
    else:
        assert "Mongolia (MNG)" in text
