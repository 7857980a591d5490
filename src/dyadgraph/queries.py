"""The canned query catalogue: `cypher/<name>.cypher` files with a comment header.

Header format (every line a `//` comment, before the first statement line):

    // name: dyad-timeline
    // title: A dyad's timeline
    // description: The ties and events of one dyad in date order ...
    //   (continuation lines are indented by two spaces after `//`)
    // param a: string = "MNG"  -- the first state's id
    // param b: string          -- required when there is no default
    // param depth: int = 2     -- how many hops

Defaults are JSON. The Neo4j text is the canonical one; `<name>.kuzu.cypher` beside it,
where present, is what the embedded engine runs (a header there is optional).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ParameterError, QueryNotFound

PARAM_TYPES: dict[str, type] = {"string": str, "int": int, "float": float, "bool": bool}
PARAM_LINE = re.compile(r"^param\s+(\w+)\s*:\s*(\w+)\s*(?:=\s*(.*?))?\s*(?:--\s*(.*))?$")
REQUIRED = object()


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any = REQUIRED
    doc: str = ""

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def describe(self) -> str:
        default = "required" if self.required else f"default {json.dumps(self.default, ensure_ascii=False)}"
        return f"{self.name} ({self.type}, {default}){': ' + self.doc if self.doc else ''}"


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path
    kuzu_text: str | None = None
    kuzu_path: Path | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def text_for(self, backend: str) -> str:
        return self.kuzu_text if backend == "embedded" and self.kuzu_text is not None else self.text

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Check and convert parameters; every problem at once, with the query's parameter list."""
        problems = []
        known = {p.name: p for p in self.params}
        for name in given:
            if name not in known:
                problems.append(f"unknown parameter {name!r}")
        bound: dict[str, Any] = {}
        for param in self.params:
            if param.name in given:
                try:
                    bound[param.name] = coerce(given[param.name], param.type)
                except ValueError:
                    problems.append(f"parameter {param.name!r} must be {param.type}, got {given[param.name]!r}")
            elif param.required:
                problems.append(f"missing required parameter {param.name!r}")
            else:
                bound[param.name] = param.default
        if problems:
            listing = "\n".join(f"  {p.describe()}" for p in self.params) or "  (none)"
            raise ParameterError(f"{'; '.join(problems)}\nparameters of {self.name}:\n{listing}")
        return bound


def coerce(value: Any, type_name: str) -> Any:
    """A CLI string (or a JSON value) as the declared type; ValueError when it is not one."""
    target = PARAM_TYPES[type_name]
    if value is None:
        return None
    if type_name == "bool":
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("true", "1", "yes"):
            return True
        if str(value).lower() in ("false", "0", "no"):
            return False
        raise ValueError(value)
    if type_name == "int":
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError(value)
        return int(value) if not isinstance(value, str) else int(value.strip())
    if type_name == "float":
        if isinstance(value, bool):
            raise ValueError(value)
        return float(value)
    return target(value)


def parse_header(text: str, path: Path) -> tuple[dict[str, str], list[Param]]:
    fields: dict[str, str] = {}
    params: list[Param] = []
    last: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            break
        body = stripped[2:]
        content = body.strip()
        if body.startswith("   ") and last and last != "param":
            fields[last] += " " + content
            continue
        if content.startswith("param "):
            match = PARAM_LINE.match(content)
            if not match:
                raise ValueError(f"{path.name}: cannot read parameter line {content!r}")
            name, type_name, default, doc = match.groups()
            if type_name not in PARAM_TYPES:
                raise ValueError(f"{path.name}: parameter {name} has unknown type {type_name!r}")
            value = REQUIRED if default is None else coerce(json.loads(default), type_name)
            params.append(Param(name, type_name, value, (doc or "").strip()))
            last = "param"
            continue
        key, sep, value = content.partition(":")
        if sep:
            last = key.strip()
            fields[last] = value.strip()
    return fields, params


def read_query(path: Path) -> Query:
    text = path.read_text(encoding="utf-8")
    fields, params = parse_header(text, path)
    name = fields.pop("name", path.stem)
    if name != path.stem:
        raise ValueError(f"{path.name}: header name {name!r} differs from the file name")
    kuzu_path = path.with_name(f"{path.stem}.kuzu.cypher")
    kuzu_text = kuzu_path.read_text(encoding="utf-8") if kuzu_path.exists() else None
    return Query(
        name=name,
        title=fields.pop("title", name),
        description=fields.pop("description", ""),
        params=tuple(params),
        text=text,
        path=path,
        kuzu_text=kuzu_text,
        kuzu_path=kuzu_path if kuzu_text is not None else None,
        extra=fields,
    )


class Catalogue:
    def __init__(self, directory: Path | None = None):
        from .resources import cypher_dir

        self.directory = directory or cypher_dir()
        self._queries: dict[str, Query] | None = None

    @property
    def queries(self) -> dict[str, Query]:
        if self._queries is None:
            paths = sorted(p for p in self.directory.glob("*.cypher") if not p.name.endswith(".kuzu.cypher"))
            self._queries = {q.name: q for q in map(read_query, paths)}
        return self._queries

    def get(self, name: str) -> Query:
        try:
            return self.queries[name]
        except KeyError:
            names = ", ".join(self.queries)
            raise QueryNotFound(f"no canned query {name!r}; `dyadgraph queries` lists them: {names}") from None

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.queries.values())
