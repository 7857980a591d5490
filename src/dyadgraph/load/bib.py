"""Read sources.bib into Source node rows, reporting every broken entry with its line and field.

The reader is dyadgraph's own, small and strict: bibtexparser 1.x drops a malformed entry
without saying where it broke, and a hand-edited .bib breaks in a few ways again and again
(a missing comma, an unclosed brace, an entry without a key). Each broken entry becomes a
problem naming its line and field; reading resumes at the next entry.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Report
from .csvfiles import UNDECODABLE

VENUE_FIELDS = ("journal", "booktitle", "publisher", "howpublished", "organization", "institution", "school")
# The month macros every BibTeX style defines.
MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
ENTRY_HEAD = re.compile(r"@[ \t]*([A-Za-z][\w-]*)\s*([{(])")
NAME = re.compile(r"[^\s\"#%(),={}\x00-\x1f\x7f]+")
DIGITS = re.compile(r"[0-9]+")
NEXT_ENTRY = re.compile(r"\n[ \t]*@")
# A value holding a line like `  publisher = {...` swallowed the fields after it.
FIELD_IN_VALUE = re.compile(r"\n\s*[A-Za-z][\w-]*\s*=\s*[{\"0-9A-Za-z]")
YEAR = re.compile(r"[0-9]{4}")
UNDATED = "n.d."


@dataclass
class BibEntry:
    type: str
    key: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class BibFile:
    """What a .bib file yields: the Source rows, where each key is, and the keys of broken entries."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    # Entries that exist but could not be read: citations of them are not reported again.
    broken: set[str] = field(default_factory=set)


class _Broken(Exception):
    def __init__(self, message: str, position: int, field_name: str = ""):
        super().__init__(message)
        self.message = message
        self.position = position
        self.field_name = field_name


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        self.macros = dict(MONTHS)

    def line(self, position: int) -> int:
        return bisect.bisect_left(self.newlines, position) + 1

    def skip_space(self, position: int) -> int:
        while position < len(self.text) and self.text[position].isspace():
            position += 1
        return position

    def char(self, position: int) -> str:
        return self.text[position] if position < len(self.text) else ""

    def entries(self) -> tuple[list[BibEntry], list[tuple[str, int, str, str]]]:
        """Every entry, and (message, line, field, key) for every broken one."""
        entries: list[BibEntry] = []
        broken: list[tuple[str, int, str, str]] = []
        position = 0
        while (at := self.text.find("@", position)) >= 0:
            head = ENTRY_HEAD.match(self.text, at)
            if head is None:  # an @ in the text between entries is a comment, as in BibTeX
                position = at + 1
                continue
            kind, opener = head.group(1).lower(), head.group(2)
            closer = "}" if opener == "{" else ")"
            entry = BibEntry(kind, "", self.line(at))
            try:
                if kind == "comment":
                    # A commented-out entry may stand inside, so braces alone decide where it ends.
                    position = self.braced(head.end() - 1, "", within_entry=False)[1] if opener == "{" else head.end()
                    continue
                if kind == "preamble":
                    _, position = self.value(self.skip_space(head.end()), "@preamble")
                    position = self.expect_close(position, closer, "@preamble", entry)
                    continue
                if kind == "string":
                    position = self.string_definition(head.end(), closer, entry)
                    continue
                position = self.entry_body(head.end(), closer, entry)
                entries.append(entry)
            except _Broken as problem:
                broken.append((problem.message, self.line(problem.position), problem.field_name, entry.key))
                resume = NEXT_ENTRY.search(self.text, max(problem.position, head.end()) - 1)
                position = resume.end() - 1 if resume else len(self.text)
        return entries, broken

    def entry_body(self, position: int, closer: str, entry: BibEntry) -> int:
        opener = position - 1
        position = self.skip_space(position)
        key = NAME.match(self.text, position)
        after = self.skip_space(key.end()) if key else position
        if key is None or self.char(after) == "=":
            raise _Broken(f"@{entry.type} entry without a key (write @{entry.type}{{key, ...}})", opener, "key")
        entry.key = key.group()
        if self.char(after) == closer:
            return after + 1
        if self.char(after) != ",":
            raise _Broken(f"expected ',' after the key {entry.key!r}, found {self.shown(after)}", after, "key")
        position = after + 1
        while True:
            position = self.skip_space(position)
            if self.char(position) == closer:
                return position + 1
            name = NAME.match(self.text, position)
            if name is None:
                found = self.shown(position)
                raise _Broken(f"expected a field name or {closer!r} in {entry.key!r}, found {found}", position)
            field_name = name.group().lower()
            position = self.skip_space(name.end())
            if self.char(position) != "=":
                raise _Broken(
                    f"expected '=' after the field name {name.group()!r}, found {self.shown(position)}",
                    position,
                    field_name,
                )
            start = self.skip_space(position + 1)
            value, position = self.value(start, field_name)
            if FIELD_IN_VALUE.search(value):
                raise _Broken(
                    f"the value of {field_name!r} runs on into the fields after it; is its closing brace missing?",
                    start,
                    field_name,
                )
            if field_name in entry.fields:
                raise _Broken(f"field {field_name!r} appears twice in {entry.key!r}", position, field_name)
            entry.fields[field_name] = value
            entry.field_lines[field_name] = self.line(start)
            position = self.expect_close(position, closer, field_name, entry)
            if self.char(position - 1) == closer:
                return position

    def expect_close(self, position: int, closer: str, field_name: str, entry: BibEntry) -> int:
        """After a value: a comma (then more fields or the end) or the closing delimiter."""
        after = self.skip_space(position)
        found = self.char(after)
        if found in (",", closer):
            return after + 1
        if found == "@" or found == "":
            raise _Broken(
                f"entry {entry.key or entry.type!r} (line {entry.line}) is not closed with {closer!r}",
                position,
                field_name,
            )
        if NAME.match(found):
            raise _Broken(f"missing comma after the value of {field_name!r}", position, field_name)
        raise _Broken(
            f"expected ',' or {closer!r} after the value of {field_name!r}, found {self.shown(after)}",
            after,
            field_name,
        )

    def string_definition(self, position: int, closer: str, entry: BibEntry) -> int:
        position = self.skip_space(position)
        name = NAME.match(self.text, position)
        if name is None:
            raise _Broken(f"@string without a name, found {self.shown(position)}", position)
        position = self.skip_space(name.end())
        if self.char(position) != "=":
            raise _Broken(f"expected '=' after @string name {name.group()!r}", position)
        value, position = self.value(self.skip_space(position + 1), name.group().lower())
        self.macros[name.group().lower()] = value
        position = self.skip_space(position)
        if self.char(position) != closer:
            raise _Broken(f"expected {closer!r} to end @string {name.group()!r}", position)
        return position + 1

    def value(self, position: int, field_name: str) -> tuple[str, int]:
        """A field value: braced, quoted, a number or a @string name, joined with #."""
        parts = []
        while True:
            found = self.char(position)
            if found == "{":
                part, position = self.braced(position, field_name)
            elif found == '"':
                part, position = self.quoted(position, field_name)
            elif (digits := DIGITS.match(self.text, position)) is not None:
                part, position = digits.group(), digits.end()
            elif (name := NAME.match(self.text, position)) is not None:
                macro = name.group().lower()
                if macro not in self.macros:
                    raise _Broken(
                        f"{name.group()!r} is not a defined @string; put text in braces: {{{name.group()}}}",
                        position,
                        field_name,
                    )
                part, position = self.macros[macro], name.end()
            else:
                raise _Broken(f"field {field_name!r} has no value", position, field_name)
            parts.append(part)
            after = self.skip_space(position)
            if self.char(after) != "#":
                return "".join(parts), position
            position = self.skip_space(after + 1)

    def braced(self, start: int, field_name: str, *, within_entry: bool = True) -> tuple[str, int]:
        depth, position = 0, start
        while position < len(self.text):
            found = self.text[position]
            if found == "{":
                depth += 1
            elif found == "}":
                depth -= 1
                if depth == 0:
                    return self.text[start + 1 : position], position + 1
            elif within_entry and found == "\n" and ENTRY_HEAD.match(self.text, self.skip_space(position)):
                # A value never spans into the next entry: the brace was left open.
                break
            position += 1
        raise self.unclosed("{", start, field_name)

    def quoted(self, start: int, field_name: str) -> tuple[str, int]:
        depth, position = 0, start + 1
        while position < len(self.text):
            found = self.text[position]
            if found == "{":
                depth += 1
            elif found == "}":
                depth -= 1
            elif found == '"' and depth <= 0:
                return self.text[start + 1 : position], position + 1
            elif found == "\n" and ENTRY_HEAD.match(self.text, self.skip_space(position)):
                break
            position += 1
        raise self.unclosed('"', start, field_name)

    def unclosed(self, opener: str, start: int, field_name: str) -> _Broken:
        what = f"the {opener!r} opened at line {self.line(start)}"
        where = f" in field {field_name!r}" if field_name else ""
        return _Broken(f"{what}{where} is never closed (unbalanced braces?)", start, field_name)

    def shown(self, position: int) -> str:
        found = self.char(position)
        return repr(found) if found else "the end of the file"


def read_bibtex(path: Path, report: Report) -> BibFile:
    name = f"{path.parent.name}/{path.name}"
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.add("unreadable-file", f"cannot read the file: {exc.strerror}", name)
        return BibFile()
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="surrogateescape")
    parser = _Parser(text)
    entries, broken = parser.entries()
    result = BibFile()
    for message, line, field_name, key in broken:
        report.add("malformed-bibtex", message, name, line, field_name)
        if key:
            result.broken.add(key)
    for entry in entries:
        if entry.key in result.lines:
            report.add(
                "duplicate-id",
                f"BibTeX key {entry.key!r} already defined at line {result.lines[entry.key]}",
                name,
                entry.line,
                "key",
            )
            continue
        result.lines[entry.key] = entry.line
        bad = [("key", entry.key)] if UNDECODABLE.search(entry.key) else []
        bad += [(k, v) for k, v in entry.fields.items() if UNDECODABLE.search(v)]
        for field_name, value in bad:
            line = entry.field_lines.get(field_name, entry.line)
            report.add("encoding", f"not UTF-8 {_byte(value)}; save the file as UTF-8", name, line, field_name)
        row = None if bad else _source_row(entry, name, report)
        if row is None:
            result.broken.add(entry.key)
        else:
            result.rows.append(row)
    first = UNDECODABLE.search(text)
    if first and not any(p.type == "encoding" and p.file == name for p in report.problems):
        line = parser.line(first.start())
        report.add("encoding", f"not UTF-8 {_byte(first.group())}; save the file as UTF-8", name, line)
    result.rows.sort(key=lambda row: row["id"])
    return result


def _byte(text: str) -> str:
    found = UNDECODABLE.search(text)
    return f"(byte 0x{ord(found.group()) - 0xDC00:02x})" if found else ""


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = re.sub(r"\s+", " ", value.replace("{", "").replace("}", "")).strip()
    return value or None


def split_names(names: str) -> list[str]:
    """The names of a BibTeX name list, split on " and " where no brace is open, as BibTeX does:
    {Ministry of Foreign Affairs and Trade} is one corporate author."""
    parts, depth, start, index = [], 0, 0, 0
    while index < len(names):
        ch = names[index]
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and ch.isspace():
            after = re.match(r"\s+and\s+", names[index:], re.IGNORECASE)
            if after:
                parts.append(names[start:index].strip())
                index += after.end()
                start = index
                continue
        index += 1
    parts.append(names[start:].strip())
    return [part for part in parts if part] or [names.strip()]


def _without_translation(title: str) -> str:
    """A romanized title as the seeds print it, "Romanized [English title]" (Chicago), without its
    bracketed translation, which the entry also holds in title_en."""
    cleaned = _clean(title) or ""
    if cleaned.endswith("]") and " [" in cleaned:
        return cleaned[: cleaned.rindex(" [")]
    return cleaned


def _surname(author: str) -> str:
    """How a citation names the first author: a braced corporate name stays whole."""
    if author.startswith("{"):
        return _clean(author) or author
    if "," in author:
        return author.split(",")[0].strip()
    return author.split(" ")[-1]


def _source_row(entry: BibEntry, name: str, report: Report) -> dict[str, Any] | None:
    fields = entry.fields
    year_text = _clean(fields.get("year"))
    if year_text is not None and year_text.lower() == UNDATED:
        year_text = None  # "n.d.": the work has no date, as styles print it (Chicago)
    year = None
    if year_text:
        if not YEAR.fullmatch(year_text):
            report.add(
                "bad-number",
                f"year {year_text!r} of {entry.key!r} is not a year (four digits, or n.d. for an undated work)",
                name,
                entry.field_lines.get("year", entry.line),
                "year",
            )
            return None
        year = int(year_text)
    # author and title are in Latin script; a work in another script keeps its own in
    # author_original and title_original (seeds/mongolia/README.md). An entry written the earlier
    # way, author in the original script and author_romanized beside it, reads the same.
    raw_authors = (fields.get("author") or fields.get("editor") or entry.key).strip()
    original_authors = fields.get("author_original")
    if original_authors is None and fields.get("author_romanized"):
        raw_authors, original_authors = fields["author_romanized"].strip(), raw_authors
    first = split_names(raw_authors)[0]
    surname = _surname(first)
    latin_title, published_title = fields.get("title"), fields.get("title_original") or fields.get("title")
    romanized = fields.get("title_romanized")
    if romanized is None and fields.get("title_original") and _clean(latin_title) != _clean(fields.get("title_en")):
        romanized = _without_translation(latin_title or "")
    return {
        "id": entry.key,
        "name": f"{surname} {year_text or UNDATED}",
        "entry_type": entry.type,
        "title": _clean(published_title),
        "title_en": _clean(fields.get("title_en")),
        "title_romanized": _clean(romanized),
        "authors": _clean(raw_authors),
        "authors_original": _clean(original_authors),
        "year": year,
        "venue": next((_clean(fields[f]) for f in VENUE_FIELDS if fields.get(f)), None),
        "url": _clean(fields.get("url")),
        "language": _clean(fields.get("language")),
        "source": entry.key,
        "via": None,
        "locator": None,
        "quote": None,
    }
