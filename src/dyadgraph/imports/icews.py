"""ICEWS coded event data (Harvard Dataverse): tab-separated, with a header row."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..schema import QUOTE_MAX
from .arrow import (
    Context,
    Stream,
    csv_reader,
    header_with,
    join,
    line_numbers,
    map_states,
    strings,
)
from .events import EventColumns, coded, event_tables, event_title, intensity

if TYPE_CHECKING:
    import pyarrow as pa


# ICEWS coded event data (Harvard Dataverse), tab-separated with this header row.
ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip
ICEWS_REQUIRED = ICEWS_COLUMNS[:11]


def read_icews(stream: Stream, ctx: Context) -> Iterator[dict[str, pa.Table]]:
    """ICEWS coded event data: deduplicated later on Event ID plus Event Date (IDs repeat)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    header = header_with(stream, ctx, "\t", ICEWS_REQUIRED, "an ICEWS event file")
    if header is None:
        return
    extra = [c for c in ("Story ID", "Sentence Number") if c in header]
    reader = csv_reader(stream, delimiter="\t", column_names=None, include=[*ICEWS_REQUIRED, *extra], ctx=ctx)
    for batch in reader:
        first, n = ctx.rows + 2, batch.num_rows
        read = coded(ctx, batch, first, key="Event ID", date="Event Date", compact=False, cameo="CAMEO Code")
        scale, scale_ok = intensity(ctx, batch, first, "Intensity")
        event_id = read.key
        text = strings(batch, "Event Text")
        source_name, target_name = strings(batch, "Source Name"), strings(batch, "Target Name")
        line_text = pc.cast(line_numbers(first, n), pa.string())
        locator = join(f"{ctx.display} line ", line_text, ", Event ID ", event_id)
        if extra == ["Story ID", "Sentence Number"]:
            locator = join(
                locator, ", Story ID ", strings(batch, "Story ID"), " sentence ", strings(batch, "Sentence Number")
            )
        cols = EventColumns(
            key=event_id,
            date=read.date,
            title=event_title(source_name, target_name, text),
            cameo=read.cameo,
            roots=read.roots,
            quad=None,
            goldstein=scale,
            locator=locator,
            quote=pc.utf8_slice_codeunits(text, 0, QUOTE_MAX),
            initiator=map_states(ctx, strings(batch, "Source Country"), first, "Source Country", ctx.walk.name),
            target=map_states(ctx, strings(batch, "Target Country"), first, "Target Country", ctx.walk.name),
            valid=pc.and_(read.valid, scale_ok),
        )
        ctx.rows += n
        yield event_tables("icews", ctx.source, cols, line_numbers(first, n), ctx)
