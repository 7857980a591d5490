"""A row's date, checked against its basis and precision (docs/ontology.md, "Dates").

Every dated row says where its date comes from (`date_basis`: `paper`, or the BibTeX key of
the work the date is taken from) and how precise it is (`date_precision`). These checks keep
the three in agreement, so that "is this date the paper's or ours?" always has an answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..schema import DATE_BASIS_PAPER

if TYPE_CHECKING:
    from ..errors import Report
    from ..schema import Prop

# The columns that hold a row's date: ISO 8601 text, or a year. Derived ones (an Event's
# year, a TIE's year_from) follow from these and are not checked again.
START_COLUMNS = ("date", "since")
END_COLUMNS = ("date_end", "until")
YEAR_COLUMNS = ("year",)
# ISO text length a precision requires of every date in the row.
ISO_LENGTH = {"day": 10, "month": 7, "year": 4, "decade": 4}
DATED_PRECISIONS = ("day", "month", "year", "decade", "approx")
# Precisions that allow a row of a label whose date is otherwise required to have none.
DATELESS_PRECISIONS = ("undated", "habitual")


def date_columns(props: dict[str, Prop]) -> list[str]:
    """The columns that hold this element's date, in reading order."""
    return [c for c in (*START_COLUMNS, *END_COLUMNS, *YEAR_COLUMNS) if c in props and not props[c].derived]


def check_dating(
    values: dict[str, Any],
    cells: dict[str, str],
    props: dict[str, Prop],
    where: tuple[str, int],
    report: Report,
    *,
    date_required: bool,
) -> None:
    """Report what does not fit between a row's date columns, date_basis and date_precision.

    `values` are the row's typed values, `cells` its text: a date cell that did not parse has
    been reported already, and still counts as a date here, so one mistake is one problem."""
    if "date_precision" not in props:
        return
    file, line = where
    columns = date_columns(props)
    written = [c for c in columns if cells.get(c, "").strip()]
    dates = [(c, values[c]) for c in written if values.get(c) is not None]
    basis, precision = values.get("date_basis"), values.get("date_precision")

    if precision == "undated":
        for column, value in dates:
            message = f"date_precision is undated, but {column} is {value!r}: an undated row has no date"
            report.add("undated-with-date", message, file, line, column)
    elif not written and precision in DATED_PRECISIONS:
        message = f"date_precision is {precision}, but the row has no date (use undated, or give the date)"
        report.add("precision-without-date", message, file, line, "date_precision")
    if not written:
        if basis is not None:
            message = f"date_basis {basis!r} says where a date comes from, but the row has no date"
            report.add("basis-without-date", message, file, line, "date_basis")
        if date_required and precision not in DATELESS_PRECISIONS:
            message = f"{columns[0]!r} is required unless date_precision is undated or habitual"
            report.add("missing-value", message, file, line, columns[0])
    elif precision != "undated":
        if basis is None:
            message = (
                "the row has a date but no date_basis: is it the paper's (paper) or taken from another work "
                "(that work's BibTeX key)?"
            )
            report.add("missing-date-basis", message, file, line, "date_basis", severity="warning")
        if precision is None:
            message = "the row has a date but no date_precision (day, month, year, decade, approx, habitual)"
            report.add("missing-date-precision", message, file, line, "date_precision", severity="warning")
        _check_precision(dates, precision, file, line, report)
    if values.get("date_locator") is not None and basis != DATE_BASIS_PAPER:
        message = "date_locator says where the paper writes the date, but date_basis is not paper"
        report.add("date-locator-without-paper", message, file, line, "date_locator")
    start, end = values.get("date"), values.get("date_end")
    if start and end and end[: len(start)] < start[: len(end)]:
        report.add("since-after-until", f"date_end {end} is before date {start}", file, line, "date_end")


def _check_precision(dates: list[tuple[str, Any]], precision: Any, file: str, line: int, report: Report) -> None:
    """ISO dates as precise as the row says; a decade from its first year to its last."""
    for column, value in dates:
        if not isinstance(value, str):
            continue
        length = ISO_LENGTH.get(precision)
        if length is not None and len(value) != length:
            shape = {10: "YYYY-MM-DD", 7: "YYYY-MM", 4: "YYYY"}[length]
            message = f"date_precision is {precision}, so {column} is written {shape}, not {value!r}"
            report.add("precision-mismatch", message, file, line, column)
        elif precision == "decade":
            last_digit = int(value[3])
            if column in START_COLUMNS and last_digit != 0:
                message = f"a decade starts at its first year: {column} {value} should be {value[:3]}0"
                report.add("precision-mismatch", message, file, line, column)
            if column in END_COLUMNS and last_digit != 9:
                message = f"a decade ends at its last year: {column} {value} should be {value[:3]}9"
                report.add("precision-mismatch", message, file, line, column)
