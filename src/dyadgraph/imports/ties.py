"""Ties (COW Diplomatic Exchange, COW Formal Alliances): the rows of a dyad dataset as `TIE` spans.

A dyad dataset states a tie once per observation: per year (the alliances' yearly files) or per
wave (Diplomatic Exchange, observed every five years or so). The graph keeps one TIE per span
instead: the observations of one tie (the same two states, kind and group) in consecutive steps
collapse into one TIE from the first step to the last, and a step without the tie ends it. Each
span keeps the lines of the file it comes from, so that `why` names them.

A reader adds its observations block by block as `Facts` and collapses them once the whole file
is read, since a tie's rows need not be next to each other in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

    from .arrow import Context


@dataclass
class Span:
    """The consecutive observations of one tie."""

    start: str  # State id
    end: str
    kind: str
    group: str  # what else tells ties apart (an alliance's id and the dyad's entry), "" if nothing
    first: int  # the first and last step observed
    last: int
    rows: list[int]  # the indices of its observations, in the order added


@dataclass
class Facts:
    """Observations of ties, gathered block by block: one per row and tie it states."""

    start: list[pa.Array] = field(default_factory=list)
    end: list[pa.Array] = field(default_factory=list)
    kind: list[pa.Array] = field(default_factory=list)
    group: list[pa.Array] = field(default_factory=list)
    step: list[pa.Array] = field(default_factory=list)
    row: list[pa.Array] = field(default_factory=list)  # an index the reader resolves (a line, a row)

    def add(
        self, start: pa.Array, end: pa.Array, kind: pa.Array, group: pa.Array, step: pa.Array, row: pa.Array
    ) -> None:
        """Observations where both states are known and a kind is given; the others are left out."""
        import pyarrow.compute as pc

        keep = pc.fill_null(pc.and_(pc.and_(pc.is_valid(start), pc.is_valid(end)), pc.is_valid(kind)), False)
        for target, values in zip(
            (self.start, self.end, self.kind, self.group, self.step, self.row),
            (start, end, kind, group, step, row),
            strict=True,
        ):
            target.append(values.filter(keep))

    def spans(self) -> list[Span]:
        """Runs of consecutive steps per tie (start, end, kind, group), in the order of their ties."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        if not self.start:
            return []
        columns = [pa.concat_arrays(parts) for parts in (self.start, self.end, self.kind, self.group)]
        if not len(columns[0]):
            return []
        key = pc.binary_join_element_wise(*columns, "\x1f").dictionary_encode()
        codes = key.indices.to_numpy(zero_copy_only=False)
        step = pa.concat_arrays(self.step).to_numpy(zero_copy_only=False)
        rows = pa.concat_arrays(self.row).to_numpy(zero_copy_only=False)
        order = np.lexsort((rows, step, codes))
        codes, step, rows = codes[order], step[order], rows[order]
        # a new span where the tie changes or a step is skipped; a repeated step stays in its span
        breaks = np.ones(len(codes), dtype=bool)
        breaks[1:] = (codes[1:] != codes[:-1]) | (step[1:] > step[:-1] + 1)
        starts = np.flatnonzero(breaks)
        stops = np.append(starts[1:], len(codes))
        names = [text.split("\x1f") for text in key.dictionary.to_pylist()]
        found = []
        for begin, stop in zip(starts.tolist(), stops.tolist(), strict=True):
            start, end, kind, group = names[int(codes[begin])]
            observed = rows[begin:stop].tolist()
            found.append(Span(start, end, kind, group, int(step[begin]), int(step[stop - 1]), observed))
        return found


def line_ranges(lines: list[int]) -> str:
    """Lines as the shortest list of ranges: 4-6, 9, 12-13."""
    parts: list[str] = []
    ordered = sorted(set(lines))
    begin = previous = ordered[0]
    for line in [*ordered[1:], None]:
        if line is not None and line == previous + 1:
            previous = line
            continue
        parts.append(str(begin) if begin == previous else f"{begin}-{previous}")
        if line is not None:
            begin = previous = line
    return ", ".join(parts)


def locator(ctx: Context, lines: list[int]) -> str:
    ranges = line_ranges(lines)
    return f"{ctx.display} line{'s' if ',' in ranges or '-' in ranges else ''} {ranges}"


def state_name(ctx: Context, state: str) -> str:
    ref = ctx.walk.iso3(state)
    return ref.name if ref is not None else state
