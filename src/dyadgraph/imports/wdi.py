"""World Bank WDI CSV (a DataBank or API download, or the bulk WDICSV.csv): wide, one column per year."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .arrow import BLOCK_BYTES, Context, Input, Stream, join, line_numbers, map_states, numbers, ragged, strings
from .indicators import measured_table

if TYPE_CHECKING:
    import pyarrow as pa


WDI_KEYS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
UNIT_IN_NAME = re.compile(r"\(([^()]*)\)\s*$")
HEADER_SEARCHED = 22  # lines: the header follows a few lines of metadata, if any


def read_wdi(stream: Stream, ctx: Context) -> Iterator[dict[str, pa.Table]]:
    """World Bank WDI CSV (a DataBank/API download or the bulk WDICSV.csv): wide, one column per year."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as csv

    skip, header = _wdi_header(stream.input)
    if header is None:
        ctx.problem("missing-column", "not a WDI file: no header row starting with 'Country Name'", 1)
        return
    years = [c for c in header if re.fullmatch(r"[0-9]{4}", c)]
    names = [c if c else f"_blank{i}" for i, c in enumerate(header)]  # a DataBank file ends its rows with a comma
    reader = csv.open_csv(
        stream,
        read_options=csv.ReadOptions(block_size=BLOCK_BYTES, skip_rows=skip + 1, column_names=names),
        parse_options=csv.ParseOptions(invalid_row_handler=lambda row: ragged(ctx, row)),
        convert_options=csv.ConvertOptions(
            include_columns=[*WDI_KEYS, *years],
            column_types=dict.fromkeys([*WDI_KEYS, *years], pa.string()),
            strings_can_be_null=False,
        ),
    )
    for batch in reader:
        first, n = ctx.rows + skip + 2, batch.num_rows
        state = map_states(ctx, strings(batch, "Country Code"), first, "Country Code", ctx.walk.worldbank)
        codes = strings(batch, "Indicator Code")
        indicators = join("wdi.", codes)
        code_names = pc.unique(join(codes, "\t", strings(batch, "Indicator Name"))).to_pylist()
        for pair in code_names:
            code, name = pair.split("\t", 1)
            unit = UNIT_IN_NAME.search(name)
            ctx.indicators.setdefault(
                f"wdi.{code}",
                {
                    "id": f"wdi.{code}",
                    "name": name,
                    "unit": unit.group(1) if unit else None,
                    "source": ctx.source,
                    "locator": f"{ctx.display}, Indicator Code {code}",
                },
            )
        line_text = pc.cast(line_numbers(first, n), pa.string())
        tables = []
        for year in years:
            value = numbers(ctx, strings(batch, year), first, year)
            locator = join(f"{ctx.display} line ", line_text, f", column {year}")
            year_values = pa.repeat(pa.scalar(int(year), pa.int64()), n)
            tables.append(measured_table(ctx, state, indicators, year_values, value, locator))
        ctx.rows += n
        yield {"MEASURED": pa.concat_tables(tables)}


def _wdi_header(source: Input) -> tuple[int, list[str] | None]:
    """The header row's index and cells: DataBank and API downloads put a few lines of metadata first."""
    import csv

    for index, cells in enumerate(csv.reader(source.lines(HEADER_SEARCHED))):
        if cells and cells[0].strip() == "Country Name":
            return index, [c.strip() for c in cells]
    return 0, None
