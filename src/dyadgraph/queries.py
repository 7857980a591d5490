"""The canned query catalogue: `cypher/<name>.cypher` files with a comment header.

Header format (every line a `//` comment, before the first statement line):

    // name: dyad-timeline
    // title: A dyad's timeline
    // description: The ties and events of one dyad in date order ...
    //   (continuation lines are indented by two spaces after `//`)
    // param a: string = "MNG"  id State  -- the first state's id
    // param b: string  e.g. "CHN"         -- required when there is no default
    // param depth: int = 2  in 1..3       -- how many hops

A parameter line is `param NAME: TYPE`, then in this order, each optional:

    = DEFAULT           its default (JSON); without one the parameter is required
    in LOW..HIGH        the values allowed, both ends included; an end may be left out (`in 1..`)
    id KIND|KIND        the value is the id of a node of one of these labels (State, Organization,
                        ...), of any node (`node`) or of any relationship (`relationship`)
    ids KIND|KIND       the same for each item of a comma-separated list ("CHN,RUS")
    e.g. EXAMPLE        a sample value (JSON) for the docs and the linters, where there is no default
    -- TEXT             what the parameter is

A column line, one per column the query returns, in order, says how a paper's table heads it
and what it holds (`cites`: its values are BibTeX keys, each optionally followed by a locator,
which a LaTeX table cites with \\citet):

    // column since: Since  -- the year the top level was first reached
    // column sources cites: Sources  -- the works that attest the tie

Types are string, int, float and bool. A value outside `in` is refused, never clamped: where the
statement caps something (a variable-length pattern `*1..3`), the header declares the same bound.
An `id` is looked up, one small statement on the backend, before the query runs, and an id that
names nothing is an error ("no State with id XYZ"); null passes, and so does the empty string
where it is the default (it then means "every"). Headers are comments, so the Neo4j text stays
canonical Cypher.

The Neo4j text is the canonical one; `<name>.kuzu.cypher` beside it, where present, is what the
embedded engine runs (a header there is optional).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ParameterError, QueryHeaderError, QueryNotFound
from .lookup import ANY_NODE, ANY_RELATIONSHIP, describe_kinds, has_id, missing_id
from .schema import NODE_BY_NAME

if TYPE_CHECKING:
    from .backends.base import Backend, Result

PARAM_TYPES: dict[str, type] = {"string": str, "int": int, "float": float, "bool": bool}
PARAM_START = re.compile(r"param\s+(\w+)\s*:\s*(\w+)")
RANGE = re.compile(r"in\s+(-?[\d.]+)?\.\.(-?[\d.]+)?(?=\s|$)")
IDS = re.compile(r"(ids?)\s+([\w|]+)")
COLUMN = re.compile(r"column\s+(\w+)(\s+cites)?\s*:\s*(.*?)\s*(?:--\s*(.*))?$")
REQUIRED = object()


@dataclass(frozen=True)
class Column:
    """A column a query returns, as its header declares it."""

    name: str
    header: str  # how a table in a paper heads it
    doc: str = ""
    cites: bool = False  # its values are BibTeX keys (each may be followed by a locator)


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any = REQUIRED
    doc: str = ""
    low: float | None = None
    high: float | None = None
    # What the value is the id of (labels, node, relationship); a list of ids when id_list.
    id_of: tuple[str, ...] = ()
    id_list: bool = False
    example: Any = None

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def sample(self, fallback: Any = None) -> Any:
        """A value for docs, guides and linters: the default, else the header's example, else fallback."""
        if not self.required:
            return self.default
        return fallback if self.example is None else self.example

    def constraints(self) -> str:
        """The declared range and id kind, in words ("1 to 3", "id of a State")."""
        facts = [_bounds(self)] if self.low is not None or self.high is not None else []
        if self.id_of:
            facts.append(f"{'ids' if self.id_list else 'id'} of a {describe_kinds(self.id_of)}")
        return ", ".join(facts)

    def describe(self) -> str:
        facts = [self.type, "required" if self.required else f"default {json.dumps(self.default, ensure_ascii=False)}"]
        facts += [self.constraints()] if self.constraints() else []
        return f"{self.name} ({', '.join(facts)}){': ' + self.doc if self.doc else ''}"

    def check_range(self, value: Any) -> str | None:
        """Why `value` is outside the declared range, or None."""
        if value is None or (self.low is None and self.high is None):
            return None
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            return f"parameter {self.name!r} must be {_bounds(self)}, got {value}"
        return None

    def ids(self, value: Any) -> list[str]:
        """The ids `value` names, to look up: none for null, or for '' where '' is the default."""
        if not self.id_of or value is None or (value == "" and self.default == ""):
            return []
        if self.id_list:
            return [item.strip() for item in str(value).split(",") if item.strip()]
        return [str(value)]


def _bounds(param: Param) -> str:
    def shown(bound: float | None) -> str:
        return "" if bound is None else f"{bound:g}"

    if param.low is None:
        return f"at most {shown(param.high)}"
    if param.high is None:
        return f"at least {shown(param.low)}"
    return f"{shown(param.low)} to {shown(param.high)}"


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
    columns: tuple[Column, ...] = ()

    def example_parameters(self) -> dict[str, Any]:
        """The defaults, and the header's example where a parameter is required (read_query insists on
        one): the values the Browser guide sets, the README shows and the Cypher linter checks with."""
        return {p.name: p.sample() for p in self.params}

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
            if param.name in bound:
                problems += filter(None, [param.check_range(bound[param.name])])
        if problems:
            listing = "\n".join(f"  {p.describe()}" for p in self.params) or "  (none)"
            raise ParameterError(f"{'; '.join(problems)}\nparameters of {self.name}:\n{listing}")
        return bound

    def check_ids(self, backend: Backend, bound: dict[str, Any]) -> None:
        """Look up each id parameter's value: an id that names nothing is an error, as export's
        `--dyad MNG XYZ` is, not an empty result."""
        from .backends.base import check_parameters

        check_parameters(bound)  # a value no engine takes is named as this query's parameter, not the lookup's
        for param in self.params:
            if bound.get(param.name) == "" and self.gives_empty_a_meaning(param.name):
                continue
            for value in param.ids(bound.get(param.name)):
                if not has_id(backend, param.id_of, value):
                    problem = missing_id(backend, param.id_of, value)
                    raise ParameterError(f"{problem} (-p {param.name} of {self.name})")

    def gives_empty_a_meaning(self, name: str) -> bool:
        """Whether the text tests `$name = ''` (cooperation-conflict's focal: empty for every dyad),
        so that an empty value is an answer to ask for, not an id naming nothing."""
        return re.search(rf"\${name}\s*=\s*''", self.text) is not None

    def run(self, backend: Backend, given: dict[str, Any]) -> Result:
        """Bind `given` (types, ranges), look up its ids, and run the backend's text."""
        bound = self.bind(given)
        self.check_ids(backend, bound)
        return backend.run_query(self, bound)


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


def parse_header(text: str, path: Path) -> tuple[dict[str, str], list[Param], list[Column]]:
    fields: dict[str, str] = {}
    params: list[Param] = []
    columns: list[Column] = []
    last: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            break
        body = stripped[2:]
        content = body.strip()
        if body.startswith("   ") and last == "column":
            column = columns[-1]
            columns[-1] = Column(column.name, column.header, f"{column.doc} {content}".strip(), column.cites)
            continue
        if body.startswith("   ") and last and last != "param":
            fields[last] += " " + content
            continue
        if content.startswith("param "):
            params.append(parse_param(content, path))
            last = "param"
            continue
        if content.startswith("column "):
            found = COLUMN.match(content)
            if found is None or not found[3]:
                raise QueryHeaderError(
                    f"{path.name}: cannot read column line {content!r} (column NAME: Header -- what)"
                )
            columns.append(Column(found[1], found[3], found[4] or "", bool(found[2])))
            last = "column"
            continue
        key, sep, value = content.partition(":")
        if sep:
            last = key.strip()
            fields[last] = value.strip()
    return fields, params, columns


def parse_param(content: str, path: Path) -> Param:
    """One `param` line (the grammar is in this module's docstring)."""
    match = PARAM_START.match(content)
    if not match:
        raise QueryHeaderError(f"{path.name}: cannot read parameter line {content!r}")
    name, type_name = match.groups()
    if type_name not in PARAM_TYPES:
        raise QueryHeaderError(f"{path.name}: parameter {name} has unknown type {type_name!r}")
    decoder = json.JSONDecoder()
    fields: dict[str, Any] = {}
    default: Any = REQUIRED
    rest = content[match.end() :].strip()
    try:
        if rest.startswith("="):
            raw, end = decoder.raw_decode(rest[1:].lstrip())
            default = coerce(raw, type_name)
            rest = rest[1:].lstrip()[end:].strip()
        while rest and not rest.startswith("--"):
            if found := RANGE.match(rest):
                fields["low"], fields["high"] = (None if b is None else coerce(b, type_name) for b in found.groups())
            elif found := IDS.match(rest):
                fields["id_of"] = tuple(found[2].split("|"))
                fields["id_list"] = found[1] == "ids"
                unknown = [k for k in fields["id_of"] if k not in (*NODE_BY_NAME, ANY_NODE, ANY_RELATIONSHIP)]
                if unknown:
                    raise ValueError(f"{', '.join(unknown)} is not a label, {ANY_NODE} or {ANY_RELATIONSHIP}")
            elif rest.startswith("e.g."):
                raw, end = decoder.raw_decode(rest[4:].lstrip())
                fields["example"] = coerce(raw, type_name)
                found = None
                rest = rest[4:].lstrip()[end:].strip()
                continue
            else:
                raise ValueError(f"cannot read {rest!r}")
            rest = rest[found.end() :].strip()
    except ValueError as exc:
        raise QueryHeaderError(f"{path.name}: parameter {name}: {exc}") from None
    doc = rest[2:].strip() if rest.startswith("--") else ""
    return Param(name, type_name, default, doc, **fields)


def read_query(path: Path) -> Query:
    text = path.read_text(encoding="utf-8")
    fields, params, columns = parse_header(text, path)
    name = fields.pop("name", path.stem)
    if name != path.stem:
        raise QueryHeaderError(f"{path.name}: header name {name!r} differs from the file name")
    unshown = [p.name for p in params if p.required and p.example is None]
    if unshown:
        # The README's samples, the Browser guide and the linter run the query with the example.
        raise QueryHeaderError(f"{path.name}: required parameter {', '.join(unshown)} has no example (e.g. VALUE)")
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
        columns=tuple(columns),
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
