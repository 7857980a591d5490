"""How much memory an import may use, and whether it fits, decided before anything is copied.

The budget is the whole process's (its peak resident memory), not Kùzu's buffer pool alone: the
Python process with pyarrow and Kùzu loaded, the Arrow tables of the events pending for one COPY,
Kùzu's memory outside its pool, and the pool, which gets what the others leave. Kùzu's need
grows with the graph, not with the file: every COPY of participants rewrites the one node group
that the 200-odd States make, with every INVOLVES the graph holds in its backward lists. So the
need is estimated from the events the database holds and those the file brings (counted from a
sample of its rows), and an import that cannot fit is refused at once, not after minutes.

The constants are measured (benchmarks/README.md, issue 20) on Kùzu 0.11.3 with the imported
INVOLVES carrying only their role.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import DyadgraphError
from .inputs import DECOMPRESSION_ERRORS, Input, resolve

GIB = 1 << 30
MIB = 1 << 20
# The share of the memory available at the start that an import takes when not told.
DEFAULT_SHARE = 0.5
# The process without Kùzu's pool: Python, pyarrow, pandas and Kùzu imported, the reader's blocks.
PROCESS_BYTES = 400 * MIB
# Arrow bytes per pending event: its Event row (id, title twice over, date, locator, quote, ...)
# and its two INVOLVES rows, with the intermediate columns a block leaves until it is released.
ARROW_BYTES_PER_EVENT = 700
# Kùzu's memory outside its buffer pool during a COPY, per event copied (its hash index inserts
# and the chunks it builds before they are written), measured against the pool's setting.
OUTSIDE_POOL_BYTES_PER_EVENT = 400
# What Kùzu's pool must hold: per participant in the graph after the import (the States' lists,
# read and rewritten), and per event of one COPY (its node group and primary-key index).
POOL_BYTES_PER_PARTICIPANT = 64
POOL_BYTES_PER_EVENT_COPIED = 500
PARTICIPANTS_PER_EVENT = 2
# Events per COPY: more is faster (each COPY into a non-empty table rewrites the States' lists),
# fewer holds less memory; the budget sets it within these bounds.
COPY_ROWS_MIN = 50_000
COPY_ROWS_MAX = 1_000_000
# The share of the budget the pending Arrow tables may take.
ARROW_SHARE = 0.15
# The smallest pool Kùzu is given.
POOL_MIN = 64 * MIB
# The sample the rows are counted from: all the files' together, and each file's least.
SAMPLE_BYTES = 4 * MIB
SAMPLE_MIN_BYTES = 256 * 1024

_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([kmgt]?)(i?b?)\s*$", re.IGNORECASE)


class MemoryTooSmall(DyadgraphError):
    """An import the memory budget cannot hold; refused before anything was copied."""


def parse_size(text: str) -> int:
    """Bytes from `4GiB`, `4G`, `512MiB`, `1.5GiB` or a plain number of bytes (binary units)."""
    match = _SIZE.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a memory size: write it like 4GiB or 512MiB")
    number, unit = float(match[1]), match[2].lower()
    return int(number * (1 << (10 * " kmgt".index(unit or " "))))


def format_size(n: float) -> str:
    return f"{n / GIB:.1f} GiB" if n >= GIB else f"{n / MIB:.0f} MiB"


def available_memory() -> int:
    """MemAvailable of /proc/meminfo (what can be used without swapping), else the physical memory."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    import os

    return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))


def default_budget() -> int:
    return int(available_memory() * DEFAULT_SHARE)


def estimate_rows(given: Path | Input | Sequence[Input]) -> int:
    """Data rows in one input or a set of them (one import), from the bytes per line of a sample
    of each: its first MiBs as the import reads them, decompressed through inputs.py (a .gz file,
    a .zip archive's member, plain). A set shares SAMPLE_BYTES, each file's sample no smaller than
    SAMPLE_MIN_BYTES, so a year of daily files is sampled in a second or two."""
    if isinstance(given, Path):
        inputs = resolve(given)
    elif isinstance(given, Input):
        inputs = [given]
    else:
        inputs = list(given)
    share = max(SAMPLE_MIN_BYTES, SAMPLE_BYTES // max(len(inputs), 1))
    return sum(_rows(source, share) for source in inputs)


def _rows(source: Input, sample_bytes: int) -> int:
    """One input's rows: counted when the sample is the whole content, else extrapolated from it."""
    sample, total = _sample(source, sample_bytes)
    lines = sample.count(b"\n")
    if len(sample) < sample_bytes or total <= len(sample):  # the sample is the whole content
        return max(lines - 1 + (0 if sample.endswith(b"\n") or not sample else 1), 0)
    return math.ceil(total * lines / len(sample))


def _sample(source: Input, sample_bytes: int) -> tuple[bytes, int]:
    """The first bytes of the content, decompressed, and the content's whole size as far as it is
    known: a zip member's own record, a gzip file's size on disk times the sample's ratio. A file
    that cannot be decompressed counts nothing: the import reports it as a problem of the file."""
    size = source.size
    try:
        with source.open() as (content, raw):
            sample = content.read(sample_bytes)
            consumed = max(raw.tell(), 1)
            if source.compression == "zip":
                with zipfile.ZipFile(source.path) as archive:
                    return sample, archive.getinfo(source.member or "").file_size
    except (*DECOMPRESSION_ERRORS, KeyError):
        return b"", 0
    if source.compression == "gzip" and len(sample) == sample_bytes:
        return sample, int(size * len(sample) / consumed)
    return sample, (len(sample) if source.compression else size)


@dataclass(frozen=True)
class Plan:
    """What an import of `events` more events into a graph of `present` events will use."""

    budget: int
    events: int
    present: int
    copy_rows: int
    buffer_pool: int
    needed: int  # the whole process's estimated peak

    @property
    def fits(self) -> bool:
        return self.needed <= self.budget

    def describe(self) -> str:
        """What the budget pays for, after `Memory budget X GiB`."""
        return (
            f"Kùzu's buffer pool {format_size(self.buffer_pool)}, {self.copy_rows:,} events per COPY; "
            f"about {format_size(self.needed)} needed for {self.events:,} more events "
            f"(the graph holds {self.present:,})"
        )

    def refusal(self) -> str:
        return (
            f"about {format_size(self.needed)} needed for {self.events:,} more events (the graph holds "
            f"{self.present:,}), more than the memory budget of {format_size(self.budget)}; "
            "use --memory or split the file"
        )


def plan(budget: int, events: int, present: int, copy_rows: int | None = None) -> Plan:
    """Split the budget between the pending Arrow tables and Kùzu, and estimate the peak."""
    if copy_rows is None:
        copy_rows = int(min(COPY_ROWS_MAX, max(COPY_ROWS_MIN, budget * ARROW_SHARE / ARROW_BYTES_PER_EVENT)))
    batch = min(copy_rows, max(events, 1))
    outside = PROCESS_BYTES + batch * (ARROW_BYTES_PER_EVENT + OUTSIDE_POOL_BYTES_PER_EVENT)
    pool_need = POOL_BYTES_PER_PARTICIPANT * PARTICIPANTS_PER_EVENT * (present + events)
    pool_need += POOL_BYTES_PER_EVENT_COPIED * batch
    pool = max(POOL_MIN, budget - outside)
    return Plan(budget, events, present, copy_rows, pool, outside + max(pool_need, POOL_MIN))
