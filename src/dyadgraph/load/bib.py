"""Read sources.bib into Source node rows, reporting entries the parser could not take."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import Report

ENTRY_START = re.compile(r"^\s*@\s*(\w+)\s*[{(]\s*([^,\s]*)\s*,?", re.MULTILINE)
VENUE_FIELDS = ("journal", "booktitle", "publisher", "howpublished", "organization", "institution", "school")


def read_bibtex(path: Path, report: Report) -> list[dict[str, Any]]:
    import bibtexparser
    from bibtexparser.bparser import BibTexParser

    name = f"{path.parent.name}/{path.name}"
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        report.add("encoding", f"not UTF-8 at byte {exc.start}", name)
        return []
    declared: dict[str, int] = {}
    for match in ENTRY_START.finditer(text):
        kind, key = match.group(1).lower(), match.group(2)
        if kind in ("comment", "preamble", "string"):
            continue
        line = text.count("\n", 0, match.start()) + 1
        if not key:
            report.add("malformed-bibtex", f"@{kind} entry without a key", name, line)
            continue
        if key in declared:
            report.add("duplicate-id", f"BibTeX key {key!r} already defined at line {declared[key]}", name, line)
        declared.setdefault(key, line)
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False, interpolate_strings=True)
    try:
        database = bibtexparser.loads(text, parser=parser)
    except Exception as exc:  # bibtexparser raises bare pyparsing/other errors on broken input
        report.add("malformed-bibtex", f"BibTeX could not be parsed: {exc}", name)
        return []
    parsed = {entry["ID"]: entry for entry in database.entries}
    for key, line in declared.items():
        if key not in parsed:
            report.add(
                "malformed-bibtex",
                f"entry {key!r} could not be parsed (unbalanced braces or a missing comma?)",
                name,
                line,
            )
    rows = []
    for key in sorted(parsed):
        rows.append(_source_row(parsed[key], name, declared.get(key), report))
    return rows


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = re.sub(r"\s+", " ", value.replace("{", "").replace("}", "")).strip()
    return value or None


def _surname(author: str) -> str:
    """How a citation names the first author: a braced corporate name stays whole."""
    if author.startswith("{"):
        return _clean(author) or author
    if "," in author:
        return author.split(",")[0].strip()
    return author.split(" ")[-1]


def _source_row(entry: dict[str, str], name: str, line: int | None, report: Report) -> dict[str, Any]:
    year_text = _clean(entry.get("year"))
    year = None
    if year_text:
        if year_text.isdigit():
            year = int(year_text)
        else:
            report.add(
                "bad-number",
                f"year {year_text!r} of {entry['ID']!r} is not a year",
                name,
                line,
                "year",
                severity="warning",
            )
    raw_authors = (entry.get("author") or entry.get("editor") or entry["ID"]).strip()
    authors = _clean(raw_authors)
    first = raw_authors.split(" and ")[0].strip()
    surname = _surname(first)
    return {
        "id": entry["ID"],
        "name": f"{surname} {year_text or 'n.d.'}",
        "entry_type": entry.get("ENTRYTYPE"),
        "title": _clean(entry.get("title")),
        "title_en": _clean(entry.get("title_en")),
        "title_romanized": _clean(entry.get("title_romanized")),
        "authors": authors,
        "year": year,
        "venue": next((_clean(entry[f]) for f in VENUE_FIELDS if entry.get(f)), None),
        "url": _clean(entry.get("url")),
        "language": _clean(entry.get("language")),
        "source": entry["ID"],
        "via": None,
        "locator": None,
        "quote": None,
    }
