"""Reading a seed CSV file: its header and rows, with every way a spreadsheet can break one
(another encoding, a workbook saved as .csv, another delimiter, a broken quote, a ragged row)
reported with its line and column, never raised."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Report

SPREADSHEET_MAGIC = {
    b"PK\x03\x04": "an Excel or OpenDocument workbook",
    b"\xd0\xcf\x11\xe0": "an Excel 97-2003 workbook",
}
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# surrogateescape decoding turns each byte that is not UTF-8 into one of these code points
UNDECODABLE = re.compile("[\udc80-\udcff]")


@dataclass
class Row:
    values: dict[str, Any]
    file: str
    line: int


def read_csv(path: Path, report: Report) -> tuple[list[str], list[Row]]:
    """The header and rows of a CSV file; problems go to the report, never an exception."""
    name = display_name(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.add("unreadable-file", f"cannot read the file: {exc.strerror}", name)
        return [], []
    if not data.strip():
        report.add("empty-file", "the file is empty (a header row is needed at least)", name, 1)
        return [], []
    for magic, what in SPREADSHEET_MAGIC.items():
        if data.startswith(magic):
            report.add("encoding", f"this is {what}, not a CSV file; save it as CSV (UTF-8)", name, 1)
            return [], []
    if data.startswith(UTF16_BOMS):
        report.add("encoding", "the file is UTF-16 (a spreadsheet's Unicode text?); save it as CSV (UTF-8)", name, 1)
        return [], []
    if data.startswith(UTF8_BOM):
        report.add(
            "byte-order-mark",
            "the file starts with a UTF-8 byte order mark; it was ignored",
            name,
            1,
            severity="warning",
        )
        data = data[len(UTF8_BOM) :]
    text = data.decode("utf-8", errors="surrogateescape")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] = []
    rows: list[Row] = []
    previous_end = 0
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not record or record == [""]:
                continue
            if not header:
                header = record
                if _undecodable(record, header, name, start, report) or _wrong_delimiter(header, name, report):
                    return [], []
                continue
            if len(record) != len(header):
                _ragged(record, header, name, start, report)
                continue
            if not _undecodable(record, header, name, start, report):
                rows.append(Row(dict(zip(header, record, strict=True)), name, start))
    except csv.Error as exc:
        # The lines as the csv reader counted them (\r, \n, \r\n; not str.splitlines' others).
        lines = io.StringIO(text, newline="").readlines()
        column, message = _quote_problem("".join(lines[previous_end:]), header, str(exc))
        report.add("malformed-csv", message, name, previous_end + 1, column)
    return header, rows


def _undecodable(record: list[str], header: list[str], name: str, line: int, report: Report) -> bool:
    """Report the cells holding bytes that are not UTF-8, or NUL; True when there were any."""
    bad = False
    for index, cell in enumerate(record):
        column = header[index] if index < len(header) and header is not record else str(index + 1)
        if found := UNDECODABLE.search(cell):
            byte = ord(found.group()) - 0xDC00
            report.add("encoding", f"not UTF-8 (byte 0x{byte:02x}); save the file as CSV (UTF-8)", name, line, column)
            bad = True
        elif "\x00" in cell:
            report.add("encoding", "a NUL byte in the cell; is the file a spreadsheet, not a CSV?", name, line, column)
            bad = True
    return bad


def _wrong_delimiter(header: list[str], name: str, report: Report) -> bool:
    if len(header) == 1:
        for delimiter, called in ((";", "semicolons"), ("\t", "tabs")):
            if delimiter in header[0]:
                report.add(
                    "malformed-csv",
                    f"the columns are separated by {called}, not commas; save the file as CSV (UTF-8, comma)",
                    name,
                    1,
                )
                return True
    return False


def _ragged(record: list[str], header: list[str], name: str, line: int, report: Report) -> None:
    if len(record) < len(header):
        column = header[len(record)]
        hint = "is a cell missing?"
    else:
        column = str(len(header) + 1)
        hint = "a cell with a comma in it needs double quotes"
    report.add("ragged-row", f"{len(record)} cells where the header has {len(header)}; {hint}", name, line, column)


def _quote_problem(text: str, header: list[str], error: str) -> tuple[str, str]:
    """Which cell of the record at the start of `text` breaks the CSV quoting, and how.

    The csv module only says that a record is broken; this walks the record the same way
    to name the column and tell an unclosed quote from text after a closing quote.
    """
    position, index = 0, 0
    while position < len(text):
        if text[position] == '"':
            close = position + 1
            while close < len(text) and not (text[close] == '"' and text[close + 1 : close + 2] != '"'):
                close += 2 if text[close] == '"' else 1
            column = header[index] if index < len(header) else str(index + 1)
            if close >= len(text):
                return column, "the quote that opens this cell is never closed"
            after = close + 1
            if after < len(text) and text[after] not in ",\r\n":
                closed_at = text.count("\n", 0, close)
                where = f" (it closes {closed_at} line(s) further down)" if closed_at else ""
                return column, f"text follows the closing quote of this cell{where}: an unclosed or undoubled quote?"
            position = after
        else:
            while position < len(text) and text[position] not in ",\r\n":
                position += 1
        if position >= len(text) or text[position] != ",":
            break
        position += 1
        index += 1
    return "", f"malformed CSV: {error}"


def display_name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"
