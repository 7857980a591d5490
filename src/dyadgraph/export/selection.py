"""What to export: the whole graph, an ego network, a dyad or a canned query's result, filtered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import ExportError
from ..schema import NODES, RELATIONSHIPS

# Dataset nodes describe the database (which seeds, which version), not international relations.
METADATA_LABELS = ("Dataset",)
LABELS = tuple(n.name for n in NODES if n.name not in METADATA_LABELS)
TYPES = tuple(r.name for r in RELATIONSHIPS)
MAX_DEPTH = 5


@dataclass(frozen=True)
class Selection:
    """What to export: at most one of around, dyad and query; filters apply to the first two."""

    around: str | None = None
    depth: int = 1
    dyad: tuple[str, str] | None = None
    query: str | None = None
    parameters: tuple[tuple[str, str], ...] = ()
    labels: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    since: int | None = None
    until: int | None = None
    # Only the dates the paper gives (date_basis paper): a date taken from another work is left out.
    paper_dates: bool = False

    @property
    def mode(self) -> str:
        if self.query:
            return "query"
        if self.dyad:
            return "dyad"
        if self.around:
            return "ego"
        return "whole"

    @property
    def filtered(self) -> bool:
        return bool(self.labels or self.types or self.since is not None or self.until is not None)

    def check(self) -> None:
        """Every problem with the selection at once, before anything runs."""
        problems = []
        if sum(x is not None for x in (self.around, self.dyad, self.query)) > 1:
            problems.append("choose one of --around, --dyad and --query")
        if self.query and self.filtered:
            problems.append("--query selects by itself: --label, --type, --since and --until filter the graph")
        if self.paper_dates and (self.since is not None or self.until is not None):
            # The year filters run on every date; with --paper-dates an element dated elsewhere
            # should pass them as undated, which they cannot tell yet.
            problems.append("--paper-dates cannot be combined with --since or --until yet")
        if self.parameters and not self.query:
            problems.append("-p NAME VALUE passes parameters to a canned query: add --query NAME")
        unknown = [label for label in self.labels if label not in LABELS]
        if unknown:
            problems.append(f"unknown label {', '.join(unknown)}; labels: {', '.join(LABELS)}")
        unknown = [t for t in self.types if t not in TYPES]
        if unknown:
            problems.append(f"unknown relationship type {', '.join(unknown)}; types: {', '.join(TYPES)}")
        if not 1 <= self.depth <= MAX_DEPTH:
            problems.append(f"--depth must be 1 to {MAX_DEPTH}, got {self.depth}")
        if self.since is not None and self.until is not None and self.since > self.until:
            problems.append(f"--since {self.since} is after --until {self.until}")
        if self.dyad:
            if self.dyad[0] == self.dyad[1]:
                problems.append(f"a dyad is two different states, got {self.dyad[0]} twice")
            if self.labels and not {"State", "Event"} <= set(self.labels):
                problems.append("a dyad is its two states and their events: --label must keep State and Event")
        if problems:
            raise ExportError("; ".join(problems))

    def describe(self) -> str:
        """One line for captions, titles and READMEs."""
        if self.mode == "query":
            given = " ".join(f"-p {k} {v}" for k, v in self.parameters)
            return f"the result of the canned query {self.query}{' ' + given if given else ''}"
        if self.mode == "dyad":
            assert self.dyad
            base = f"the dyad {self.dyad[0]}–{self.dyad[1]}: both states and the events involving both"
        elif self.mode == "ego":
            base = f"the nodes within {self.depth} hop{'s' * (self.depth > 1)} of {self.around}"
        else:
            base = "the whole graph"
        filters = self.filters()
        return base + (f" ({filters})" if filters else "")

    def filters(self) -> str:
        """The filters in words: `relationship types TIE; years 1990–…`, or nothing."""
        parts = []
        if self.labels:
            parts.append("labels " + ", ".join(self.labels))
        if self.types:
            parts.append("relationship types " + ", ".join(self.types))
        if self.since is not None or self.until is not None:
            until = self.until if self.until is not None else "…"
            parts.append(f"years {self.since if self.since is not None else '…'}–{until}")
        if self.paper_dates:
            parts.append("the paper's dates only")
        return "; ".join(parts)

    def arguments(self) -> list[str]:
        """The `dyadgraph export` options that make this selection again."""
        args: list[str] = []
        if self.around:
            args += ["--around", self.around, "--depth", str(self.depth)]
        if self.dyad:
            args += ["--dyad", *self.dyad]
        if self.query:
            args += ["--query", self.query]
            for name, value in self.parameters:
                args += ["-p", name, value]
        for label in self.labels:
            args += ["--label", label]
        for rel_type in self.types:
            args += ["--type", rel_type]
        if self.since is not None:
            args += ["--since", str(self.since)]
        if self.until is not None:
            args += ["--until", str(self.until)]
        if self.paper_dates:
            args.append("--paper-dates")
        return args

    def as_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "around": self.around,
            "depth": self.depth if self.around else None,
            "dyad": list(self.dyad) if self.dyad else None,
            "query": self.query,
            "parameters": dict(self.parameters),
            "labels": list(self.labels or LABELS),
            "types": list(self.types or TYPES),
            "since": self.since,
            "until": self.until,
            "paper_dates": self.paper_dates,
        }
