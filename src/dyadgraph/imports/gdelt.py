"""GDELT 2.0 event exports: 61 tab-separated columns, no header (GDELT Event Codebook V2.0)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .arrow import (
    Context,
    Stream,
    checked,
    csv_reader,
    either,
    join,
    line_numbers,
    map_states,
    nulls,
    strings,
)
from .events import EventColumns, coded, event_tables, event_title, intensity

if TYPE_CHECKING:
    import pyarrow as pa


GDELT_QUADS = {"1": "verbal_coop", "2": "material_coop", "3": "verbal_conflict", "4": "material_conflict"}
CAMEO_ROOTS = (
    "Make public statement", "Appeal", "Express intent to cooperate", "Consult",
    "Engage in diplomatic cooperation", "Engage in material cooperation", "Provide aid", "Yield",
    "Investigate", "Demand", "Disapprove", "Reject", "Threaten", "Protest", "Exhibit force posture",
    "Reduce relations", "Coerce", "Assault", "Fight", "Use unconventional mass violence",
)  # fmt: skip

# GDELT 2.0 event export: 61 tab-separated columns, no header (GDELT Event Codebook V2.0).
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code",
    "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code", "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code",
    "Actor2Type2Code", "Actor2Type3Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName",
    "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long",
    "Actor1Geo_FeatureID", "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
)  # fmt: skip


def read_gdelt(stream: Stream, ctx: Context) -> Iterator[dict[str, pa.Table]]:
    """GDELT 2.0 event exports: every row must have the codebook's 61 columns."""
    import pyarrow as pa
    import pyarrow.compute as pc

    include = [
        "GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "Actor2Name", "Actor2CountryCode",
        "EventCode", "QuadClass", "GoldsteinScale", "SOURCEURL",
    ]  # fmt: skip
    reader = csv_reader(stream, delimiter="\t", column_names=list(GDELT_COLUMNS), include=include, ctx=ctx)
    labels = pa.array([None, *CAMEO_ROOTS], pa.string())
    for batch in reader:
        first, n = ctx.rows + 1, batch.num_rows
        read = coded(ctx, batch, first, key="GLOBALEVENTID", date="SQLDATE", compact=True, cameo="EventCode")
        event_id, cameo, roots = read.key, read.cameo, read.roots
        raw_quad = strings(batch, "QuadClass")
        ok_quad = checked(ctx, raw_quad, r"^[1-4]$", first, "bad-quad", "QuadClass", "a QuadClass (1 to 4)")
        quad = pc.if_else(ok_quad, raw_quad, pa.scalar(None, pa.string()))
        quad = pa.array(list(GDELT_QUADS.values()), pa.string()).take(pc.subtract(pc.cast(quad, pa.int64()), 1))
        goldstein, goldstein_ok = intensity(ctx, batch, first, "GoldsteinScale")
        names = [either(strings(batch, f"Actor{i}Name"), strings(batch, f"Actor{i}CountryCode")) for i in (1, 2)]
        line_text = pc.cast(line_numbers(first, n), pa.string())
        cols = EventColumns(
            key=event_id,
            date=read.date,
            title=event_title(
                names[0],
                names[1],
                join(pc.fill_null(labels.take(roots), "?"), " (CAMEO ", pc.fill_null(cameo, "?"), ")"),
            ),
            cameo=cameo,
            roots=roots,
            quad=quad,
            goldstein=goldstein,
            locator=join(
                f"{ctx.display} line ", line_text, ", GLOBALEVENTID ", event_id, ", ", strings(batch, "SOURCEURL")
            ),
            quote=nulls(n),
            initiator=map_states(ctx, strings(batch, "Actor1CountryCode"), first, "Actor1CountryCode", ctx.walk.cameo),
            target=map_states(ctx, strings(batch, "Actor2CountryCode"), first, "Actor2CountryCode", ctx.walk.cameo),
            valid=pc.and_(pc.and_(read.valid, goldstein_ok), ok_quad),
        )
        ctx.rows += n
        yield event_tables("gdelt", ctx.source, cols, line_numbers(first, n), ctx)
