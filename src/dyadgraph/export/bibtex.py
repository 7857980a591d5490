"""Every work the subgraph cites, as BibTeX: one entry per key, in key order.

A Source node keeps what the graph needs (title, authors, year, venue, url), not pages or
volume. So when the seeds the database was loaded from are at hand, unchanged (the same data
version as the database's Dataset node), their entries are copied verbatim; otherwise the
entry is rebuilt from the Source node.

Either way an entry follows the seeds' convention (seeds/mongolia/README.md, "sources.bib"),
which BibTeX's standard styles (plainnat with natbib) print in full: entry types and fields
they know (@misc, not biblatex's @online), titles in double braces so no style changes their
case, a corporate author braced as one name, a work in another script cited the Chicago way
(romanized author, "Romanized title [English title]") with its own script kept beside, in
author_original and title_original, and curators' notes in annote, which styles do not print.
BibTeX reads every "@" outside an entry as the start of one, so the header has none.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..load.bib import UNDATED, split_names
from .subgraph import Subgraph

ENTRY_HEAD = re.compile(r"@\s*([A-Za-z]+)\s*([{(])\s*([^,\s]+)\s*,", re.MULTILINE)
VENUE_FIELDS = {
    "article": "journal",
    "inproceedings": "booktitle",
    "incollection": "booktitle",
    "book": "publisher",
    "inbook": "publisher",
    "phdthesis": "school",
    "mastersthesis": "school",
    "thesis": "school",
    "techreport": "institution",
    "report": "institution",
}
# biblatex's types that BibTeX's standard styles do not define, as the type they print the same way.
BIBTEX_TYPES = {"online": "misc", "report": "techreport", "thesis": "phdthesis"}
SCRIPT_OTHER_THAN_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")


def bibtex(subgraph: Subgraph, originals: dict[str, str] | None = None) -> str:
    originals = originals or {}
    keys = [key for key in subgraph.cited_keys() if key in originals or key in subgraph.sources]
    copied = sum(1 for key in keys if key in originals)
    versions = ", ".join(f"{name} {version}" for name, version in subgraph.data_versions) or "unknown"
    lines = [
        f"% The {len(keys)} works cited by {subgraph.selection.describe()}.",
        f"% Data version {versions}; made by dyadgraph export --to bibtex.",
    ]
    if copied < len(keys):
        lines.append(f"% {len(keys) - copied} entries are rebuilt from the graph's Source nodes (no pages or volume).")
    lines = [line.replace("@", "(at)") for line in lines]  # BibTeX would read an entry there
    entries = [originals[key] if key in originals else rebuilt(key, subgraph.sources[key]) for key in keys]
    return "\n".join(lines) + "\n\n" + "\n\n".join(entries) + "\n"


def rebuilt(key: str, source: dict[str, Any]) -> str:
    """An entry from a Source node, in the seeds' convention (the module's docstring)."""
    given_type = str(source.get("entry_type") or "misc").lower()
    entry_type = BIBTEX_TYPES.get(given_type, given_type)
    if entry_type in VENUE_FIELDS and not source.get("venue"):
        entry_type = "misc"  # an article without its journal: styles warn, and print it as misc anyway
    published, romanized, english = source.get("title"), source.get("title_romanized"), source.get("title_en")
    if romanized:
        title, original = f"{romanized} [{english}]" if english else romanized, published
    elif published and english and SCRIPT_OTHER_THAN_LATIN.search(str(published)):
        title, original = english, published
    else:
        title, original = published, None
    fields = [
        ("author", _names(str(source["authors"])) if source.get("authors") else None),
        ("author_original", source.get("authors_original")),
        ("title", "{" + str(title) + "}" if title else None),
        ("title_original", original),
        ("title_en", english),
        (VENUE_FIELDS.get(entry_type, "howpublished"), source.get("venue")),
        ("year", source.get("year") or UNDATED),  # a style warns of an empty year and prints n.d.
        ("url", source.get("url")),
        ("language", source.get("language")),
    ]
    body = ",\n".join(f"  {name} = {{{_balanced(str(value))}}}" for name, value in fields if value is not None)
    return f"@{entry_type}{{{key},\n{body}\n}}"


def _names(authors: str) -> str:
    """A Source's authors as a BibTeX name list: a person is written "Family, Given" (the seeds'
    convention), so a name without a comma is a corporate author, braced to stay whole."""
    return " and ".join(name if "," in name else "{" + name + "}" for name in split_names(authors))


def _balanced(text: str) -> str:
    """Braces inside a braced value must balance; a value whose braces do not loses them."""
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            break
    return text if depth == 0 else text.replace("{", "").replace("}", "")


def verbatim_entries(path: Path) -> dict[str, str]:
    """Each entry of a .bib file as its text, by key (@comment, @string and @preamble left out)."""
    return entries_in(path.read_text(encoding="utf-8-sig"))


def entries_in(text: str) -> dict[str, str]:
    """Each entry of BibTeX text as its text, by key (@comment, @string and @preamble left out)."""
    entries = {}
    for head in ENTRY_HEAD.finditer(text):
        kind, opener, key = head.group(1).lower(), head.group(2), head.group(3)
        if kind in ("comment", "string", "preamble"):
            continue
        end = _closing(text, head.start(2), opener)
        if end is not None:
            entries[key] = text[head.start() : end + 1]
    return entries


def _closing(text: str, start: int, opener: str) -> int | None:
    closer = "}" if opener == "{" else ")"
    depth = 0
    for index in range(start, len(text)):
        ch = text[index]
        if ch == "{" or (ch == opener and opener == "("):
            depth += 1
        elif ch == "}" or (ch == closer and closer == ")"):
            depth -= 1
            if depth == 0:
                return index
    return None


def seed_originals(data_versions: list[tuple[str, str]]) -> dict[str, str]:
    """Verbatim entries from the shipped seed directories whose files are those the database was loaded from."""
    from ..load.seeds import read_seeds
    from ..resources import shipped_seed_dirs

    try:
        directories = {d.name: d for d in shipped_seed_dirs()}
    except FileNotFoundError:
        return {}
    entries: dict[str, str] = {}
    for name, loaded_version in data_versions:
        directory = directories.get(name)
        if directory is None or not (directory / "sources.bib").exists():
            continue
        graph, _ = read_seeds([directory])
        versions = {str(d["id"]): d.get("version") for d in graph.nodes.get("Dataset", [])}
        if versions.get(name) == loaded_version:
            entries.update(verbatim_entries(directory / "sources.bib"))
    return entries


def bibtex_text(subgraph: Subgraph, lang: str = "en", title: str | None = None) -> str:
    """The works cited, copied verbatim from the loaded seeds where they are at hand (the `bibtex` renderer)."""
    return bibtex(subgraph, seed_originals(subgraph.data_versions))
