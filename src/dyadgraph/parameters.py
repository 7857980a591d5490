"""Which `$parameters` a Cypher statement uses, and whether the given ones match.

Engines differ on a parameter the statement uses but nobody gave (Kùzu binds it as null, so
`WHERE s.id = $id` quietly matches nothing or, with `<>`, everything) and on one given but
unused (Kùzu refuses the statement naming it as if it were missing). Both backends therefore
check a statement before it runs: a missing parameter is an error naming it, an unused one a
warning, and the unused one is not sent.

The scanner reads the statement as Cypher's lexer does for this purpose: string literals
('...' and "..." with backslash escapes), comments (// to the end of the line, /* ... */) and
backtick-quoted names are skipped; a parameter is `$name`, `$0` or `` $`any name` ``. It knows
both dialects' shared lexical rules, which is all this needs.
"""

from __future__ import annotations

import warnings
from typing import Any

from .errors import ParameterError, UnusedParameter


def used_parameters(text: str) -> list[str]:
    """The parameter names a statement uses, in order of first use."""
    found: dict[str, None] = {}
    position, length = 0, len(text)
    while position < length:
        char = text[position]
        if char in ("'", '"'):
            position = _after_string(text, position)
        elif text.startswith("//", position):
            end = text.find("\n", position)
            position = length if end < 0 else end + 1
        elif text.startswith("/*", position):
            end = text.find("*/", position + 2)
            position = length if end < 0 else end + 2
        elif char == "`":
            position = _after_backticks(text, position)[1]
        elif char == "$":
            name, position = _parameter_name(text, position + 1)
            if name:
                found.setdefault(name, None)
        else:
            position += 1
    return list(found)


def _after_string(text: str, start: int) -> int:
    quote, position = text[start], start + 1
    while position < len(text):
        if text[position] == "\\":
            position += 2
        elif text[position] == quote:
            return position + 1
        else:
            position += 1
    return len(text)


def _after_backticks(text: str, start: int) -> tuple[str, int]:
    """The name inside backticks (`` doubled is one backtick) and where it ends."""
    parts: list[str] = []
    position = start + 1
    while position < len(text):
        end = text.find("`", position)
        if end < 0:
            return "".join(parts) + text[position:], len(text)
        parts.append(text[position:end])
        if text.startswith("``", end):
            parts.append("`")
            position = end + 2
        else:
            return "".join(parts), end + 1
    return "".join(parts), len(text)


def _parameter_name(text: str, start: int) -> tuple[str, int]:
    if start < len(text) and text[start] == "`":
        return _after_backticks(text, start)
    end = start
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return text[start:end], end


def check_statement(text: str, given: dict[str, Any]) -> dict[str, Any]:
    """The parameters to send with `text`: ParameterError naming any it uses that `given` lacks;
    an UnusedParameter warning for each given one it does not use, which is left out."""
    used = used_parameters(text)
    missing = [name for name in used if name not in given]
    if missing:
        names = ", ".join(repr(name) for name in missing)
        uses = ", ".join(f"${name}" for name in missing)
        flags = " ".join(f"-p {name} VALUE" for name in missing)
        raise ParameterError(f"missing parameter {names}: the statement uses {uses} (give {flags})")
    unused = [name for name in given if name not in used]
    for name in unused:
        warnings.warn(UnusedParameter(f"parameter {name!r} is not used by the statement; ignored"), stacklevel=3)
    return {name: value for name, value in given.items() if name in used}
