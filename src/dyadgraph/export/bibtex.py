"""Every work the subgraph cites, as BibTeX: one entry per key, in key order.

A Source node keeps what the graph needs (title, authors, year, venue, url), not pages or
volume. So when the seeds the database was loaded from are at hand, unchanged (the same data
version as the database's Dataset node), their entries are copied verbatim; otherwise the
entry is rebuilt from the Source node.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

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


def bibtex(subgraph: Subgraph, originals: dict[str, str] | None = None) -> str:
    originals = originals or {}
    keys = [key for key in subgraph.cited_keys() if key in originals or key in subgraph.sources]
    copied = sum(1 for key in keys if key in originals)
    lines = [
        f"% The {len(keys)} works cited by {subgraph.selection.describe()}.",
        f"% Data version {subgraph.data_version()}; made by dyadgraph export --to bibtex.",
    ]
    if copied < len(keys):
        lines.append(f"% {len(keys) - copied} entries are rebuilt from the graph's Source nodes (no pages or volume).")
    entries = [originals[key] if key in originals else rebuilt(key, subgraph.sources[key]) for key in keys]
    return "\n".join(lines) + "\n\n" + "\n\n".join(entries) + "\n"


def rebuilt(key: str, source: dict[str, Any]) -> str:
    """An entry from a Source node, in the seeds' convention: author and title in Latin script,
    a work's own script in author_original and title_original (seeds/mongolia/README.md)."""
    entry_type = str(source.get("entry_type") or "misc").lower()
    published, romanized = source.get("title"), source.get("title_romanized")
    fields = [
        ("author", source.get("authors")),
        ("author_original", source.get("authors_original")),
        ("title", romanized or published),
        ("title_original", published if romanized else None),
        ("title_en", source.get("title_en")),
        (VENUE_FIELDS.get(entry_type, "howpublished"), source.get("venue")),
        ("year", source.get("year")),
        ("url", source.get("url")),
        ("language", source.get("language")),
    ]
    body = ",\n".join(f"  {name} = {{{_balanced(str(value))}}}" for name, value in fields if value is not None)
    return f"@{entry_type}{{{key},\n{body}\n}}"


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
    text = path.read_text(encoding="utf-8-sig")
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
