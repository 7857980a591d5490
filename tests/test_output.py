"""One emit() for every format; the table fits an 80-column terminal."""

from __future__ import annotations

import json

import pytest

from dyadgraph.backends.base import Result
from dyadgraph.output import _rich_table, _table_cell, column_widths, plain_table, render

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


def rich_table(result: Result) -> str:
    """The table as rich draws it for a file, the path write_table takes when a cell needs rich."""
    import io

    from rich.console import Console

    stream = io.StringIO()
    console = Console(file=stream, width=80, highlight=False, soft_wrap=False)
    _rich_table(result.columns, [[_table_cell(v) for v in row] for row in result.values], console)
    return stream.getvalue()


@pytest.mark.slow
def test_the_plain_path_draws_the_table_exactly_as_rich_does() -> None:
    """write_table skips rich where no cell needs it (thousands of rows take rich seconds)."""
    import random

    rng = random.Random(8)
    words = ["MNG", "CHN", "", "a", "verbal_coop", "2014-05", "foo bar", "Mongolia and China", "x" * 30,
             "A B", "MNG>TIE>CHN:rupture", "[bold]", "蒙古", "two  spaces", " lead"]  # fmt: skip

    def value() -> object:
        pick = rng.random()
        if pick < 0.2:
            return rng.randint(-5, 3000)
        if pick < 0.3:
            return None
        if pick < 0.35:
            return rng.random() * 100
        if pick < 0.45:
            return [rng.choice(words) for _ in range(rng.randint(0, 3))]
        return " ".join(rng.choice(words) for _ in range(rng.randint(1, 4)))

    plain = 0
    for _ in range(400):
        columns = [f"{rng.choice(['a', 'year', 'events', 'name'])}{i}" for i in range(rng.randint(1, 8))]
        result = Result(columns, [tuple(value() for _ in columns) for _ in range(rng.randint(1, 5))])
        cells = [[_table_cell(v) for v in row] for row in result.values]
        plain += plain_table(columns, cells, column_widths(columns, cells, 80), 80) is not None
        assert render(result, "table") == rich_table(result)
    assert plain > 10, "the comparison must exercise the plain path"
    many = Result(["a", "b", "year", "events"], [("MNG", "CHN", 1960 + i % 60, i) for i in range(3000)])
    cells = [[_table_cell(v) for v in row] for row in many.values]
    assert plain_table(many.columns, cells, column_widths(many.columns, cells, 80), 80) == rich_table(many)


def test_no_rows_reads_as_rich_prints_it_short_or_wrapped() -> None:
    import io

    from rich.console import Console

    for columns in (["n"], [f"a_rather_long_column_name_{i}" for i in range(6)]):
        stream = io.StringIO()
        Console(file=stream, width=80, highlight=False, soft_wrap=False).print(
            f"(no rows; columns: {', '.join(columns)})"
        )
        assert render(Result(columns, []), "table") == stream.getvalue()


def test_csv_joins_a_lists_items_with_semicolons_as_md_does() -> None:
    node = {"_label": "State", "id": "MNG", "name": "Mongolia"}
    result = Result(["steps", "s", "none"], [(["strategic_partnership 2014", "rupture 1960"], node, [])])
    csv_row = render(result, "csv").splitlines()[1]
    assert csv_row == "strategic_partnership 2014; rupture 1960,Mongolia (MNG),"
    md_row = render(result, "md").splitlines()[2]
    assert md_row == "| strategic_partnership 2014; rupture 1960 | Mongolia (MNG) |  |"


def test_latex_cells_read_as_prose() -> None:
    from dyadgraph.latex import cell, citation, prose

    assert prose('the "Third Neighbor" policy & 50% of trade_share') == (
        "the ``Third Neighbor'' policy \\& 50\\% of trade share"
    )
    assert prose("Mongolia's 'smart state'") == "Mongolia's `smart state'"
    assert prose("comprehensive_strategic_partnership 2014") == "comprehensive strategic partnership 2014"
    assert prose("a_b {x} ~ \\") == "a b \\{x\\} \\textasciitilde{} \\textbackslash{}"
    assert prose("MNG>TIE>CHN") == "MNG>\\allowbreak{}TIE>\\allowbreak{}CHN"
    assert prose("https://example.org/a_b") == "\\url{https://example.org/a_b}"
    assert cell(["strategic_partnership 2014", "rupture 1960"]) == "strategic partnership 2014; rupture 1960"
    assert cell(None) == ""
    assert citation("huang2021") == "\\citet{huang2021}"
    assert citation("huang2021 IV.1 para 3") == "\\citet[IV.1 para 3]{huang2021}"
    assert citation("(not a key)") == "(not a key)"
    assert cell(["wangchuk2018", "huang2021 fn 4"], cites=True) == "\\citet{wangchuk2018}; \\citet[fn 4]{huang2021}"


def test_a_latex_table_is_as_wide_as_the_text_and_wraps_its_long_columns() -> None:
    from dyadgraph.latex import WRAPPED, table

    result = Result(
        ["partner", "level", "steps"], [("CHN", 4, ["strategic_partnership 2014", "comprehensive_partnership ?"])]
    )
    text = table(result, caption="Partnership ladder", label="tab:ladder")
    assert f"\\begin{{xltabular}}{{\\linewidth}}{{@{{}}l r {WRAPPED}@{{}}}}" in text
    assert "\\caption{Partnership ladder}\\label{tab:ladder}\\\\" in text
    assert text.count("Partner & Level & Steps \\\\") == 2  # on the first page and repeated on the next
    assert text.index("\\toprule") < text.index("\\midrule") < text.index("\\bottomrule") < text.index("CHN")
    # all columns short: the last one takes up the width
    short = table(Result(["a", "b"], [("MNG", 1)]))
    assert f"{{@{{}}l {WRAPPED}@{{}}}}" in short and "\\caption" not in short


def test_explode_gives_one_row_per_item_of_a_list_column() -> None:
    from dyadgraph.errors import ConfigError

    result = Result(
        ["partner", "steps"], [("CHN", ["strategic_partnership 2014", "csp 2014"]), ("KOR", []), ("X", "y")]
    )
    exploded = result.explode("steps")
    assert exploded.values == [
        ("CHN", "strategic_partnership 2014"),
        ("CHN", "csp 2014"),
        ("KOR", None),
        ("X", "y"),
    ]
    assert render(exploded, "csv") == "partner,steps\nCHN,strategic_partnership 2014\nCHN,csp 2014\nKOR,\nX,y\n"
    with pytest.raises(ConfigError, match="no column 'step' \\(its columns: partner, steps\\)"):
        result.explode("step")
