"""A query's rows as a LaTeX table that fits the page: booktabs rules in an xltabular (a longtable
that breaks across pages, with X columns that wrap), as `--format latex` prints it and as
`export --to latex` and the bundle's paper.tex put it in a paper.

A column is `l` (or `r` for numbers) when every cell and its header are short, otherwise a
ragged-right X column, so the table is always \\linewidth wide whatever the rows hold. Cells read
as prose, not as data: snake_case values are words ("strategic partnership"), straight quotes
are TeX's (``...''), TeX's specials are escaped, and a column the query declares `cites` cites
its BibTeX keys with natbib's \\citet (a locator after the key becomes its note: "huang2021
IV para 1" is \\citet[IV para 1]{huang2021}). CJK text needs xelatex with xeCJK.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TextIO

from .backends.base import Result
from .output import cell_text

PACKAGES = "booktabs, xltabular and xurl (and xeCJK under xelatex for Chinese text)"
SHORT = 10  # characters: a column whose cells and header are all this short is not wrapped
LATEX_SPECIAL = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
}
SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
DOUBLE_QUOTED = re.compile(r'"([^"]*)"')
SINGLE_QUOTED = re.compile(r"(?<![\w'])'([^']*)'(?!\w)")
URL = re.compile(r"https?://\S+")
KEY = re.compile(r"[A-Za-z0-9][\w:.+-]*")
# Where a long id may break across lines: after these, when no space follows.
BREAK_AFTER = re.compile(r"([>/])(?=\S)")
NUMBER = re.compile(r"-?[0-9][0-9.,]*")
# Ragged right; \hspace{0pt} lets TeX hyphenate a cell's first word, which it otherwise never does.
WRAPPED = r">{\raggedright\arraybackslash\hspace{0pt}}X"


def latex_escape(text: str) -> str:
    return "".join(LATEX_SPECIAL.get(ch, ch) for ch in text)


def prose(text: str) -> str:
    """A value as text in a paper: words for snake_case, TeX quotes, specials escaped, URLs set
    with \\url (which breaks them across lines)."""
    if URL.fullmatch(text):
        return r"\url{" + text.replace("\\", "/").replace("{", "%7B").replace("}", "%7D") + "}"
    text = SNAKE_CASE.sub(lambda found: found.group().replace("_", " "), text)
    escaped = latex_escape(text)
    escaped = DOUBLE_QUOTED.sub(r"``\1''", escaped)
    escaped = SINGLE_QUOTED.sub(r"`\1'", escaped)
    return BREAK_AFTER.sub(r"\1\\allowbreak{}", escaped)


def citation(item: Any) -> str:
    """A BibTeX key, with an optional locator after it, as natbib's \\citet; other text as prose."""
    text = cell_text(item).strip()
    key, _, locator = text.partition(" ")
    if not KEY.fullmatch(key):
        return prose(text)
    note = "[" + prose(locator.strip()).replace("]", "{]}") + "]" if locator.strip() else ""
    return f"\\citet{note}{{{key}}}"


def cell(value: Any, cites: bool = False) -> str:
    items = value if isinstance(value, list) else [value]
    if cites:
        return "; ".join(citation(item) for item in items if item not in (None, ""))
    return "; ".join(prose(cell_text(item)) for item in items if item is not None)


def header(name: str) -> str:
    """A column id as a header where the query declares none: words, capitalised."""
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def column_spec(values: list[Any], title: str) -> str:
    """`r` for short numbers, `l` for other short text, else a wrapping ragged-right X column."""
    texts = [cell_text(v) for v in values if v is not None]
    if len(title) <= SHORT and all(len(t) <= SHORT for t in texts):
        return "r" if texts and all(NUMBER.fullmatch(t) for t in texts) else "l"
    return WRAPPED


def table(
    result: Result,
    headers: Sequence[str] | None = None,
    cites: Sequence[bool] | None = None,
    caption: str | None = None,
    label: str | None = None,
) -> str:
    """The rows as a booktabs xltabular as wide as the text: header repeated on each page, the
    caption and label (when given) on the first."""
    columns = result.columns or [""]
    headers = list(headers) if headers is not None else [header(c) for c in columns]
    cites = list(cites) if cites is not None else [False] * len(columns)
    specs = [column_spec([row[i] for row in result.values], headers[i]) for i in range(len(result.columns))]
    if WRAPPED not in specs:  # the last column takes up the width the others leave
        specs[-1:] = [WRAPPED]
    head = " & ".join(latex_escape(h) for h in headers) + " \\\\\n\\midrule\n"
    # In \small with narrower gaps, as journals set tables; the group keeps both to the table.
    lines = ["{\\small\\setlength{\\tabcolsep}{4pt}\n"]
    lines.append(f"\\begin{{xltabular}}{{\\linewidth}}{{@{{}}{' '.join(specs)}@{{}}}}\n")
    if caption is not None:
        lines.append(f"\\caption{{{latex_escape(caption)}}}" + (f"\\label{{{label}}}" if label else "") + "\\\\\n")
    lines += ["\\toprule\n", head, "\\endfirsthead\n", "\\toprule\n", head, "\\endhead\n"]
    lines += ["\\bottomrule\n", "\\endlastfoot\n"]
    for row in result.values:
        lines.append(" & ".join(cell(v, c) for v, c in zip(row, cites, strict=True)) + " \\\\\n")
    lines.append("\\end{xltabular}\n}\n")
    return "".join(lines)


def write_rows(result: Result, stream: TextIO) -> None:
    """The `latex` format of a query's rows: the table without caption, headed by the column ids as words."""
    stream.write(f"% needs {PACKAGES}\n")
    stream.write(table(result))
