"""Locators for the seed paper: which section, paragraph or footnote a line belongs to.

The dataset's `locator` column names a place in huang2021 (`IV.1 para 3`, `fn 4`,
`abstract`); this module computes the same names from the text, so a test can check
that every quote stands where its locator says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SECTION_HEADINGS = {
    "壹、前言": "I",
    "貳、不對稱結構與小國外交政策理論": "II",
    "參、蒙中關係發展歷程與蒙古對中政策": "III",
    "肆、突破地緣政治的限制：當前的蒙古外交政策的設計與效應": "IV",
    "伍、結論": "V",
    "參考文獻": "refs",
}
SUBSECTION_HEADINGS = {
    "一、第三鄰國政策": "1",
    "二、作為仲裁者／和平捐客的蒙古": "2",
    "三、單一國家作為無核武地帶": "3",
}
FOOTNOTE = re.compile(r"^(\d+)\. ")
SUPERSCRIPTS = str.maketrans("", "", "⁰¹²³⁴⁵⁶⁷⁸⁹")


SENTENCE_END = re.compile(r"[。！？.)）」]\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]*$")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as printed: page breaks split some across lines of the text file."""

    locator: str
    line: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "".join(self.lines)


def paragraphs(text: str) -> list[Paragraph]:
    """Split the paper into located paragraphs, in reading order."""
    result: list[Paragraph] = []
    open_paragraph: int | None = None  # index in result of a body paragraph cut by a page break
    section = "front"
    subsection = ""
    count = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        heading = line.translate(SUPERSCRIPTS)
        if heading in SECTION_HEADINGS:
            section, subsection, count, open_paragraph = SECTION_HEADINGS[heading], "", 0, None
            continue
        if section == "IV" and heading in SUBSECTION_HEADINGS:
            subsection, count, open_paragraph = SUBSECTION_HEADINGS[heading], 0, None
            continue
        if section == "front":
            if line.startswith("Wondering how"):
                result.append(Paragraph("abstract", number, (line,)))
            elif line.startswith("作為陸鎖國的蒙古"):
                result.append(Paragraph("摘要", number, (line,)))
            elif line.startswith("關鍵詞") or line.startswith("Keywords"):
                result.append(Paragraph("keywords", number, (line,)))
            else:
                result.append(Paragraph("title", number, (line,)))
            continue
        if section == "refs":
            result.append(Paragraph("refs", number, (line,)))
            continue
        footnote = FOOTNOTE.match(line)
        if footnote:
            result.append(Paragraph(f"fn {footnote.group(1)}", number, (line,)))
            continue
        if open_paragraph is not None:
            cut = result[open_paragraph]
            result[open_paragraph] = Paragraph(cut.locator, cut.line, (*cut.lines, line))
        else:
            count += 1
            name = f"{section}.{subsection}" if subsection else section
            result.append(Paragraph(f"{name} para {count}", number, (line,)))
        open_paragraph = None if SENTENCE_END.search(line) else len(result) - 1
    return result


def locate(text: str, quote: str) -> list[str]:
    """Every locator whose paragraph has `quote` verbatim within one of its printed lines."""
    return [p.locator for p in paragraphs(text) if any(quote in line for line in p.lines)]


def main() -> None:  # pragma: no cover - a curator's tool
    import sys

    path = Path(sys.argv[1])
    for p in paragraphs(path.read_text(encoding="utf-8")):
        print(f"[{p.locator}] (line {p.line}) " + "\n    ".join(p.lines))


if __name__ == "__main__":  # pragma: no cover
    main()
