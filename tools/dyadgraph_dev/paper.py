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


CHINESE_DIGITS = {ch: n % 10 for n, ch in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_DIGIT = "[0-9〇○零一二三四五六七八九]"
# A year as the text writes a date: followed by 年, or by a range to another year (2008至2009年).
# A year in a citation ("Rahul 1978", "（高毅 2014）") is followed by neither, and is not a date.
WESTERN_YEAR = re.compile(rf"(?<![0-9])({_DIGIT}{{4}})(?=年(?!代)|\s*(?:至|到|與|、|-|–)\s*{_DIGIT}{{2,4}}年(?!代))")
ROC_YEAR = re.compile(r"民國\s*([0-9]{1,3})\s*年")
# A decade: 1960年代, 60年代, 六十年代, and the first of a pair (70與80年代, 60年代延續至70年代).
DECADE = re.compile(
    rf"(?<![0-9])({_DIGIT}{{2}}|{_DIGIT}{{4}}|[一二三四五六七八九]十)(?=(?:\s*(?:與|、|至)\s*{_DIGIT}{{2,4}})?年代)"
)
FOLLOWING_YEAR = "隔年"  # "the following year", after a year the text writes


def _number(written: str) -> int:
    if written.endswith("十"):  # 六十 (the sixties)
        return CHINESE_DIGITS[written[0]] * 10
    return int("".join(str(CHINESE_DIGITS.get(ch, ch)) for ch in written))


def _full_year(number: int) -> int:
    """A two-digit year or decade of this paper's period (60年代) as a four-digit one."""
    return number if number >= 100 else 1900 + number


def written_years(text: str) -> tuple[set[int], set[int]]:
    """The years and the decades (by first year) a passage writes as dates, in any of the
    paper's ways: 1990年, 2008至2009年, 民國79年, 一九九〇年, 1990年代, 90年代, 70與80年代;
    a year followed later by 隔年 also gives the year after it."""
    years = {_full_year(_number(m.group(1))) for m in WESTERN_YEAR.finditer(text)}
    years |= {1911 + int(m.group(1)) for m in ROC_YEAR.finditer(text)}
    if FOLLOWING_YEAR in text:
        cut = text.index(FOLLOWING_YEAR)
        years |= {_full_year(_number(m.group(1))) + 1 for m in WESTERN_YEAR.finditer(text[:cut])}
    decades = {_full_year(_number(m.group(1))) // 10 * 10 for m in DECADE.finditer(text)}
    # the second of a pair: 80 in 70與80年代, 70 in 60年代延續至70年代
    decades |= {_full_year(int(m.group(1))) // 10 * 10 for m in re.finditer(r"(?<![0-9])([0-9]{2,4})年代", text)}
    return years, decades


def writes_year(text: str, year: int, precision: str) -> bool:
    """Whether a passage writes `year` as a date at `precision`: the year itself, or for a
    decade, an approximate or a habitual date, the decade it falls in."""
    years, decades = written_years(text)
    if year in years:
        return True
    return precision in ("decade", "approx", "habitual") and year // 10 * 10 in decades


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
