"""Typing a seed cell: the text of a CSV cell as the value its property's schema type says, or
None with a problem (file, line, column) saying why not, and the checks across a row's cells
(derived years, since before until)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from ..errors import Report
from ..schema import INT64_RANGE, QUOTE_MAX, Prop
from .csvfiles import Row

# ASCII digits only: a date is stored as text, and full-width digits would sort and compare wrongly.
ISO_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
# The number formats a cell may have, for Python's re and Arrow's RE2 alike (imports/arrow.py).
INTEGER_PATTERN = r"^[+-]?[0-9]+$"
# Stricter than float(), which also takes "nan", "infinity" and "1_000".
DECIMAL_PATTERN = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
INTEGER = re.compile(INTEGER_PATTERN)
DECIMAL = re.compile(DECIMAL_PATTERN)
FORMULA_START = ("=", "+", "-", "@")
KEY_COLUMNS = ("id", "from", "to", "source", "via")
DATE_PROPS = ("date", "since", "until")


def parse_date(text: str) -> tuple[date, date] | None:
    """The first and last day an ISO 8601 date of year, month or day precision can mean."""
    match = ISO_DATE.match(text)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            first = date(year, month, 1)
            following = date(year + (month == 12), month % 12 + 1, 1)
            return first, date.fromordinal(following.toordinal() - 1)
        exact = date(year, month, day)
        return exact, exact
    except ValueError:
        return None


def _convert(prop: Prop, raw: str, row: Row, report: Report) -> Any:
    """The typed value of one cell, or None with a problem reported."""
    if raw == "":
        return None
    where = (row.file, row.line, prop.name)
    if prop.name in KEY_COLUMNS and raw != raw.strip():
        report.add("stray-space", f"{raw!r} has a space at its start or end; an id must match exactly", *where)
        raw = raw.strip()
    if prop.type == "INT64":
        if not INTEGER.match(raw.strip()):
            report.add("bad-number", f"{raw!r} is not a whole number{_number_hint(raw)}", *where)
            return None
        whole = int(raw)
        if whole not in INT64_RANGE:
            report.add("bad-number", f"{raw!r} is too large for a 64-bit integer", *where)
            return None
        return whole
    if prop.type == "DOUBLE":
        if not DECIMAL.match(raw.strip()):
            report.add("bad-number", f"{raw!r} is not a number{_number_hint(raw)}", *where)
            return None
        number = float(raw)
        if number in (float("inf"), float("-inf")):
            report.add("bad-number", f"{raw!r} is too large a number", *where)
            return None
        if prop.name.endswith("_share") and not 0 <= number <= 1:
            report.add("share-out-of-range", f"{raw} is outside 0..1 (a share is a fraction: 83% is 0.83)", *where)
        return number
    if prop.type == "BOOL":
        lowered = raw.strip().lower()
        if lowered in ("true", "1", "yes"):
            return True
        if lowered in ("false", "0", "no"):
            return False
        report.add("bad-boolean", f"{raw!r} is not true or false", *where)
        return None
    if prop.enum and raw not in prop.enum:
        close = difflib.get_close_matches(raw, prop.enum, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"one of: {', '.join(prop.enum)}"
        report.add("unknown-enum", f"{raw!r} is not a known {prop.name}; {hint}", *where)
        return None
    if prop.name in DATE_PROPS and parse_date(raw) is None:
        hint = _number_hint(raw)
        report.add("bad-date", f"{raw!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD){hint}", *where)
        return None
    if prop.name == "quote" and len(raw) > QUOTE_MAX:
        report.add("quote-too-long", f"the quote has {len(raw)} characters; at most {QUOTE_MAX}", *where)
    if raw.startswith(FORMULA_START) and not _is_number(raw):
        report.add("formula-injection", f"{raw[:30]!r} starts like a spreadsheet formula", *where, severity="warning")
    return raw


def _is_number(text: str) -> bool:
    return DECIMAL.match(text) is not None


def _number_hint(raw: str) -> str:
    """Why a cell that looks numeric to a person is not a number to the reader."""
    if any(ch.isdigit() and not ch.isascii() for ch in raw):
        return "; use the digits 0-9 (not full-width ones)"
    if raw.strip().endswith("%"):
        return "; write a percentage as a fraction (83% is 0.83)"
    if "," in raw:
        return "; use a point as the decimal mark and no thousands separator"
    return ""


def typed_values(row: Row, props: dict[str, Prop], report: Report) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, prop in props.items():
        values[name] = _convert(prop, row.values.get(name, ""), row, report)
        if prop.required and not prop.derived and values[name] is None and row.values.get(name, "") == "":
            report.add("missing-value", f"{name!r} is required", row.file, row.line, name)
    return values


def derive_years(values: dict[str, Any], row: Row, report: Report, pairs: Iterable[tuple[str, str]]) -> None:
    """Fill a derived year from its date, or check that a given one agrees."""
    for date_prop, year_prop in pairs:
        when = values.get(date_prop)
        derived = int(when[:4]) if when else None
        given = values.get(year_prop)
        if given is not None and derived is not None and given != derived:
            report.add(
                "year-mismatch", f"{year_prop} {given} does not match {date_prop} {when}", row.file, row.line, year_prop
            )
        if given is None:
            values[year_prop] = derived


def check_interval(values: dict[str, Any], row: Row, report: Report) -> None:
    since, until = values.get("since"), values.get("until")
    if since and until:
        since_span, until_span = parse_date(since), parse_date(until)
        if since_span and until_span and since_span[0] > until_span[1]:
            report.add("since-after-until", f"since {since} is after until {until}", row.file, row.line, "since")
