"""GDELT event files, tab-separated with no header, in each of the three layouts GDELT has
published; a file's layout is found from its first line's number of columns.

- `1.0-historical`, 57 columns: the GDELT 1.0 historical backfile, January 1979 to March 2013
  (`1979.zip` ... `2005.zip`, `200601.zip` ... `201303.zip`). The column list is the GDELT 1.0
  event codebook's (GDELT-Data_Format_Codebook.pdf, V1.03, 8/25/2013) and GDELT's header file
  http://gdeltproject.org/data/lookups/CSV.header.historical.txt.
- `1.0-daily`, 58 columns: the GDELT 1.0 daily updates since 1 April 2013
  (`20130401.export.CSV.zip` ...): the same and SOURCEURL (the same codebook, and
  http://gdeltproject.org/data/lookups/CSV.header.dailyupdates.txt).
- `2.0`, 61 columns: GDELT 2.0 15-minute event exports since February 2015, English
  (`YYYYMMDDHHMMSS.export.CSV.zip`) and translingual (`.translation.export.CSV.zip`) alike:
  an ADM2Code after each of the three ADM1Codes (GDELT Event Codebook V2.0, 2/19/2015,
  http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf). DATEADDED turned
  from a day (YYYYMMDD) into a 15-minute timestamp (YYYYMMDDHHMMSS); the importer reads neither.
"""

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

# GDELT 2.0 event export and translingual export: 61 columns (GDELT Event Codebook V2.0).
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
# GDELT 1.0 daily updates: 58 columns, the 2.0 list without the three ADM2Codes
# (CSV.header.dailyupdates.txt); the historical backfile has no SOURCEURL either: 57
# (CSV.header.historical.txt). tests/test_imports.py checks both against the header files' text.
GDELT1_DAILY_COLUMNS = tuple(c for c in GDELT_COLUMNS if not c.endswith("_ADM2Code"))
GDELT1_HISTORICAL_COLUMNS = GDELT1_DAILY_COLUMNS[:-1]
LAYOUTS = {"1.0-historical": GDELT1_HISTORICAL_COLUMNS, "1.0-daily": GDELT1_DAILY_COLUMNS, "2.0": GDELT_COLUMNS}
LAYOUT_BY_WIDTH = {len(columns): name for name, columns in LAYOUTS.items()}
# GDELT 1.0 and 2.0 are separate codings, run side by side since February 2015, each numbering
# its own events: a GLOBALEVENTID of one says nothing of the other, so their ids differ.
ID_PREFIX = {"1.0-historical": "gdelt1", "1.0-daily": "gdelt1", "2.0": "gdelt"}


def read_gdelt(stream: Stream, ctx: Context) -> Iterator[dict[str, pa.Table]]:
    """GDELT event files in any of the three layouts: every row must have its layout's columns."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not stream.input.lines(1):
        return  # an empty file has no rows, in any layout
    layout = ctx.layout or detect_layout(stream, ctx)
    if layout is None:
        return
    columns = LAYOUTS[layout]
    has_url = "SOURCEURL" in columns
    include = [
        "GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "Actor2Name", "Actor2CountryCode",
        "EventCode", "QuadClass", "GoldsteinScale", *(["SOURCEURL"] if has_url else []),
    ]  # fmt: skip
    reader = csv_reader(
        stream, delimiter="\t", column_names=list(columns), include=include, ctx=ctx, expected=f"GDELT {layout}"
    )
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
                f"{ctx.display} line ", line_text, ", GLOBALEVENTID ", event_id, _url(batch) if has_url else ""
            ),
            quote=nulls(n),
            initiator=map_states(ctx, strings(batch, "Actor1CountryCode"), first, "Actor1CountryCode", ctx.walk.cameo),
            target=map_states(ctx, strings(batch, "Actor2CountryCode"), first, "Actor2CountryCode", ctx.walk.cameo),
            valid=pc.and_(pc.and_(read.valid, goldstein_ok), ok_quad),
        )
        ctx.rows += n
        yield event_tables(ID_PREFIX[layout], ctx.source, cols, line_numbers(first, n), ctx)


def detect_layout(stream: Stream, ctx: Context) -> str | None:
    """The layout whose number of columns the first line has; None (and a problem) for none."""
    width = len(stream.input.lines(1)[0].split("\t"))
    layout = LAYOUT_BY_WIDTH.get(width)
    if layout is None:
        known = ", ".join(f"{len(c)} (GDELT {name})" for name, c in LAYOUTS.items())
        ctx.problem("malformed-file", f"not a GDELT event file: {width} tab-separated cells, not {known}", 1)
    return layout


def _url(batch: pa.RecordBatch) -> pa.Array:
    """`, URL`, or nothing where the row has none."""
    import pyarrow.compute as pc

    url = strings(batch, "SOURCEURL")
    return pc.if_else(pc.equal(url, ""), "", join(", ", url))
