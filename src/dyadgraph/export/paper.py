"""The bundle's paper: paper.tex, which sets the figure, a table of the subgraph's ties (ties.tex)
and every work cited (references.bib) in a document that compiles as it is, with

    xelatex paper && bibtex paper && xelatex paper && xelatex paper

xelatex with xeCJK sets the Chinese (Noto CJK), natbib with plainnat the author-year citations;
the table is the one `export --to latex` writes (dyadgraph.latex). A paper copies the \\usepackage
lines, \\input{ties} and the \\bibliography line.
"""

from __future__ import annotations

from typing import Any

from ..backends.base import Result
from ..latex import latex_escape, table
from ..queries import Column
from .subgraph import Subgraph, parse_key

TIE_COLUMNS = (
    Column("from", "From", "the initiating or focal state"),
    Column("to", "To", "the other state"),
    Column("kind", "Tie", "the tie's kind"),
    Column("since", "Since", "when it began, at the source's precision"),
    Column("until", "Until", "when it ended (empty while in force)"),
    Column("source", "Source", "the work that establishes it", cites=True),
    Column("reported", "Reported in", "the work that reports it, and where", cites=True),
)

PREAMBLE = r"""% {description}
% Compiles as it is (Debian: texlive-xetex texlive-lang-chinese texlive-latex-extra fonts-noto-cjk):
%   xelatex paper && bibtex paper && xelatex paper && xelatex paper
\documentclass[11pt,a4paper]{{article}}
\usepackage[margin=25mm]{{geometry}}
\usepackage{{fontspec}}
\usepackage{{xeCJK}}
\setCJKmainfont[AutoFakeSlant]{{Noto Serif CJK TC}}
\setCJKsansfont[AutoFakeSlant]{{Noto Sans CJK TC}}
\setCJKmonofont{{Noto Sans Mono CJK TC}}
% Curly quotes and dashes from the Latin font: xeCJK would set them full-width
\xeCJKDeclareCharClass{{Default}}{{"2013,"2014,"2018,"2019,"201C,"201D,"2026}}
\usepackage{{graphicx}}
\usepackage{{booktabs,xltabular,xurl}}
\usepackage[round]{{natbib}}
\title{{{title}}}
\author{{Made by dyadgraph {dyadgraph}}}
\date{{Data version {data_version}}}
\begin{{document}}
\maketitle
"""


def ties_result(subgraph: Subgraph, lang: str = "en") -> Result:
    """The subgraph's TIEs, one row each, in order of their start (undated last)."""

    def name(key: str) -> str:
        label, node_id = parse_key(key)
        return subgraph.node(key).display_name(lang) if label else node_id

    def cited(key: Any, locator: Any = None) -> str | None:
        """A key and locator the table cites; a key the bibliography lacks, in parentheses, is set as text."""
        if not key:
            return None
        if key not in subgraph.sources:
            return f"({key})"
        return f"{key} {locator}" if locator else str(key)

    ties = [r for r in subgraph.relationships if r.type == "TIE"]
    ties.sort(key=lambda r: (r.properties.get("year_from") is None, r.properties.get("year_from") or 0, r.id))
    rows = []
    for tie in ties:
        p = tie.properties
        via = p.get("via")
        rows.append(
            (
                name(tie.start),
                name(tie.end),
                p.get("kind"),
                p.get("since"),
                p.get("until"),
                cited(p.get("source")),
                cited(via, p.get("locator")) if via and via != p.get("source") else cited(None),
            )
        )
    return Result([c.name for c in TIE_COLUMNS], rows)


def ties_table(subgraph: Subgraph, lang: str = "en") -> str:
    """ties.tex: the subgraph's ties as the table `export --to latex` writes, citing their sources."""
    headers, cites = [c.header for c in TIE_COLUMNS], [c.cites for c in TIE_COLUMNS]
    caption = f"The ties of {subgraph.selection.describe()}"
    return table(ties_result(subgraph, lang), headers, cites, caption, "tab:ties")


def paper_tex(subgraph: Subgraph, title: str, dyadgraph: str, has_figure: bool) -> str:
    """paper.tex: the title, the selection, the figure, \\input{ties} and the references."""
    description = subgraph.selection.describe()
    works = len([key for key in subgraph.cited_keys() if key in subgraph.sources])
    parts = [
        PREAMBLE.format(
            description=f"The replication bundle's tables and references: {description}.".replace("%", ""),
            title=latex_escape(title),
            dyadgraph=latex_escape(dyadgraph),
            data_version=latex_escape(subgraph.data_version()),
        ),
        f"\\noindent This document sets the replication bundle of {latex_escape(description)}: "
        f"{len(subgraph.nodes)} nodes and {len(subgraph.relationships)} relationships, "
        f"citing {works} works, all listed in the references.\n",
    ]
    parts.append("\n\\input{ties}\n")
    if has_figure:
        parts.append(
            "\n\\begin{figure}[htbp]\n\\centering\n\\includegraphics[width=\\linewidth]{figure.pdf}\n"
            f"\\caption{{{latex_escape(title)}}}\\label{{fig:subgraph}}\n\\end{{figure}}\n"
        )
    parts.append("\n\\nocite{*}\n\\bibliographystyle{plainnat}\n\\bibliography{references}\n")
    parts.append("\\end{document}\n")
    return "".join(parts)
