"""Where the shipped seeds and Cypher files are: inside the wheel, or in the source checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent.parent


def _find(name: str) -> Path:
    for candidate in (PACKAGE / "_data" / name, CHECKOUT / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the shipped {name}/ folder is missing from this installation")


def seeds_dir() -> Path:
    return _find("seeds")


def cypher_dir() -> Path:
    return _find("cypher")


def shipped_seed_dirs() -> list[Path]:
    return sorted(p for p in seeds_dir().iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
