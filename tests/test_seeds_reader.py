"""Validation collects every problem with file, line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dyadgraph.errors import Problem, Report
from dyadgraph.load.bib import read_bibtex
from dyadgraph.load.cells import parse_date
from dyadgraph.load.seeds import read_seeds

from .conftest import TINY


def broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    target = tmp_path / "tiny"
    shutil.copytree(TINY, target)
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def errors_of(directory: Path) -> list[Problem]:
    _, report = read_seeds([directory])
    return report.errors


def test_the_tiny_fixture_is_clean() -> None:
    graph, report = read_seeds([TINY])
    assert report.problems == []
    assert graph.node_counts()["State"] == 5
    assert graph.rel_counts()["INVOLVES"] == 7


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "Event.csv",
            ",1950,1950,,paper,year,,recognition",
            ",1950-13,1950,,paper,year,,recognition",
            Problem(
                "bad-date",
                "'1950-13' is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)",
                "tiny/Event.csv",
                2,
                "date",
            ),
        ),
        (
            "Event.csv",
            ",2003,2003,,paper,year,,exercise",
            ",2003,2004,,paper,year,,exercise",
            Problem("year-mismatch", "year 2004 does not match date 2003", "tiny/Event.csv", 3, "year"),
        ),
        (
            "INVOLVES.csv",
            "2003-khaan-quest,USA,State",
            "2003-khaan-quest,XYZ,State",
            Problem("dangling-endpoint", "no State with id 'XYZ'", "tiny/INVOLVES.csv", 6, "to"),
        ),
        (
            "TIE.csv",
            "MNG,RUS,strategic_partnership",
            "MNX,RUS,strategic_partnership",
            Problem("dangling-endpoint", "no State with id 'MNX'", "tiny/TIE.csv", 3, "from"),
        ),
        (
            "Concept.csv",
            "smart-state-strategy,Smart",
            "asymmetric-relations-theory,A copy,,theory,,huang2021,,,\nsmart-state-strategy,Smart",
            Problem(
                "duplicate-id",
                "id 'asymmetric-relations-theory' already used at tiny/Concept.csv line 2",
                "tiny/Concept.csv",
                3,
                "id",
            ),
        ),
        (
            "TIE.csv",
            ",description,",
            ",descripton,",
            Problem(
                "unknown-column",
                "unknown column 'descripton'; did you mean 'description'?",
                "tiny/TIE.csv",
                1,
                "descripton",
            ),
        ),
        (
            "PURSUES.csv",
            "MNG,single-state-nwfz,1992,,paper,year,,huang2021",
            "MNG,single-state-nwfz,1992,,paper,year,,huang2012",
            Problem("unknown-source", "'huang2012' is not a key in any sources.bib", "tiny/PURSUES.csv", 2, "source"),
        ),
        (
            "TIE.csv",
            "MNG,SUN,alignment,,1991",
            "MNG,SUN,alignment,1995,1991",
            Problem("since-after-until", "since 1995 is after until 1991", "tiny/TIE.csv", 2, "since"),
        ),
        (
            "INVOLVES.csv",
            "1998-un-resolution-53-77d,UN,Organization,initiator",
            "1998-un-resolution-53-77d,UN,Organization,sponsor",
            Problem(
                "unknown-enum",
                "'sponsor' is not a known role; one of: initiator, target, host, visitor, participant, mediator",
                "tiny/INVOLVES.csv",
                7,
                "role",
            ),
        ),
        (
            "Event.csv",
            ",1950,1950,,paper,year,,recognition,",
            ",1950,1950,,paper,year,,recognitin,",
            Problem(
                "unknown-enum",
                "'recognitin' is not a known kind; did you mean 'recognition'?",
                "tiny/Event.csv",
                2,
                "kind",
            ),
        ),
        (
            "TRADE.csv",
            ",0.68,0.35,",
            ",68,0.35,",
            Problem(
                "share-out-of-range",
                "68 is outside 0..1 (a share is a fraction: 83% is 0.83)",
                "tiny/TRADE.csv",
                2,
                "export_share",
            ),
        ),
        (
            "State.csv",
            "MNG,Mongolia,蒙古,712",
            "MNG,Mongolia,蒙古,7l2",
            Problem("bad-number", "'7l2' is not a whole number", "tiny/State.csv", 2, "cow_code"),
        ),
        (
            "IMPLEMENTS.csv",
            "2003-khaan-quest,third-neighbor-policy",
            "2003-khaan-quest,MNG",
            Problem(
                "wrong-endpoint-label",
                "'MNG' is a State, but IMPLEMENTS ends at Strategy",
                "tiny/IMPLEMENTS.csv",
                3,
                "to",
            ),
        ),
    ],
)
def test_each_broken_row_is_named_by_file_line_and_column(
    tmp_path: Path, file: str, old: str, new: str, expected: Problem
) -> None:
    assert errors_of(broken_copy(tmp_path, file, old, new)) == [expected]


EVENT_1950 = "1950-prc-recognizes-mongolia,The PRC recognizes Mongolia's independence,毛澤東隨即承認蒙古獨立,"


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "Event.csv",
            EVENT_1950 + "1950,1950,,paper,year,",
            EVENT_1950 + "1950,1950,,,undated,",
            Problem(
                "undated-with-date",
                "date_precision is undated, but date is '1950': an undated row has no date",
                "tiny/Event.csv",
                2,
                "date",
            ),
        ),
        (
            "Event.csv",
            EVENT_1950 + "1950,1950,,paper,year,",
            EVENT_1950 + ",,,,,",
            Problem(
                "missing-value",
                "'date' is required unless date_precision is undated or habitual",
                "tiny/Event.csv",
                2,
                "date",
            ),
        ),
        (
            "Event.csv",
            EVENT_1950 + "1950,1950,,paper,year,",
            EVENT_1950 + "1950,1950,,rahul1978,year,",
            Problem(
                "unknown-source",
                "'rahul1978' is neither paper nor a key in any sources.bib",
                "tiny/Event.csv",
                2,
                "date_basis",
            ),
        ),
        (
            "Event.csv",
            ",2003,2003,,paper,year,",
            ",2003,2003,,paper,month,",
            Problem(
                "precision-mismatch",
                "date_precision is month, so date is written YYYY-MM, not '2003'",
                "tiny/Event.csv",
                3,
                "date",
            ),
        ),
        (
            "Event.csv",
            ",1998,1998,,paper,year,",
            ",1998,1998,1997,paper,year,",
            Problem("since-after-until", "date_end 1997 is before date 1998", "tiny/Event.csv", 4, "date_end"),
        ),
        (
            "TIE.csv",
            "MNG,RUS,strategic_partnership,2006,,paper,year,",
            "MNG,RUS,strategic_partnership,2006,,paper,decade,",
            Problem(
                "precision-mismatch",
                "a decade starts at its first year: since 2006 should be 2000",
                "tiny/TIE.csv",
                3,
                "since",
            ),
        ),
        (
            "TIE.csv",
            "1991,paper,year,",
            "1991,womack2006,year,III para 4",
            Problem(
                "date-locator-without-paper",
                "date_locator says where the paper writes the date, but date_basis is not paper",
                "tiny/TIE.csv",
                2,
                "date_locator",
            ),
        ),
        (
            "HOLDS_OFFICE.csv",
            "Party,,,,undated,",
            "Party,,,,year,",
            Problem(
                "precision-without-date",
                "date_precision is year, but the row has no date (use undated, or give the date)",
                "tiny/HOLDS_OFFICE.csv",
                2,
                "date_precision",
            ),
        ),
        (
            "HOLDS_OFFICE.csv",
            "Party,,,,undated,",
            "Party,,,paper,undated,",
            Problem(
                "basis-without-date",
                "date_basis 'paper' says where a date comes from, but the row has no date",
                "tiny/HOLDS_OFFICE.csv",
                2,
                "date_basis",
            ),
        ),
    ],
)
def test_a_date_agrees_with_its_basis_and_precision(
    tmp_path: Path, file: str, old: str, new: str, expected: Problem
) -> None:
    assert errors_of(broken_copy(tmp_path, file, old, new)) == [expected]


def test_a_date_without_basis_or_precision_is_a_warning(tmp_path: Path) -> None:
    directory = broken_copy(tmp_path, "Event.csv", ",2003,2003,,paper,year,", ",2003,2003,,,,")
    _, report = read_seeds([directory])
    assert report.ok
    assert [(p.type, p.line, p.column) for p in report.warnings] == [
        ("missing-date-basis", 3, "date_basis"),
        ("missing-date-precision", 3, "date_precision"),
    ]


def test_an_unparsed_date_is_one_problem_not_three(tmp_path: Path) -> None:
    directory = broken_copy(
        tmp_path, "TIE.csv", "MNG,RUS,strategic_partnership,2006,", "MNG,RUS,strategic_partnership,2006-1,"
    )
    assert [p.type for p in errors_of(directory)] == ["bad-date"]


def test_missing_required_column(tmp_path: Path) -> None:
    directory = tmp_path / "tiny"
    shutil.copytree(TINY, directory)
    path = directory / "Strategy.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    # drop the `name` column from every line
    path.write_text("\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != 1) for line in lines) + "\n")
    assert errors_of(directory) == [
        Problem("missing-column", "required column 'name' is missing", "tiny/Strategy.csv", 1, "name")
    ]


def test_a_rejected_file_does_not_flood_the_report_with_dangling_references(tmp_path: Path) -> None:
    directory = broken_copy(tmp_path, "Strategy.csv", "id,name,", "id,nme,")
    assert [p.type for p in errors_of(directory)] == ["unknown-column", "missing-column"]


def test_every_problem_is_collected_not_just_the_first(tmp_path: Path) -> None:
    directory = broken_copy(
        tmp_path, "Event.csv", ",1950,1950,,paper,year,,recognition", ",1950-13,1950,,paper,year,,recognition"
    )
    tie = directory / "TIE.csv"
    tie.write_text(tie.read_text(encoding="utf-8").replace("MNG,RUS,", "MNX,RUS,"), encoding="utf-8")
    assert [p.type for p in errors_of(directory)] == ["bad-date", "dangling-endpoint"]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2014", "2014-01-01", "2014-12-31"),
        ("2020-02", "2020-02-01", "2020-02-29"),
        ("2013-04-29", "2013-04-29", "2013-04-29"),
    ],
)
def test_dates_at_each_precision(text: str, first: str, last: str) -> None:
    span = parse_date(text)
    assert span is not None
    assert (span[0].isoformat(), span[1].isoformat()) == (first, last)


@pytest.mark.parametrize("text", ["14", "2014-2", "2014-02-30", "2014/02/01", "spring 2014"])
def test_dates_that_do_not_parse(text: str) -> None:
    assert parse_date(text) is None


def test_a_bibtex_key_defined_in_two_directories_names_both_places(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(TINY, first)
    second.mkdir()
    (second / "sources.bib").write_text("% another dataset\n\n@misc{womack2006,\n  title = {Again}\n}\n")
    _, report = read_seeds([first, second])
    assert report.errors == [
        Problem(
            "duplicate-id",
            "BibTeX key 'womack2006' is also defined in first/sources.bib line 9",
            "second/sources.bib",
            3,
            "key",
        )
    ]


def test_a_bibtex_entry_in_the_earlier_convention_reads_the_same(tmp_path: Path) -> None:
    """author in Latin script and author_original beside it; or, written the earlier way,
    author in the original script and author_romanized beside it."""
    current = "@misc{a, author = {Wang, Yuan}, author_original = {王遠}, title = {Xi tong}, title_original = {習同}, "
    earlier = "@misc{a, author = {王遠}, author_romanized = {Wang, Yuan}, title = {習同}, title_romanized = {Xi tong}, "
    read = []
    for text in (current, earlier):
        path = tmp_path / "sources.bib"
        path.write_text(text + "year = {2020}}", encoding="utf-8")
        read.append(read_bibtex(path, Report()).rows)
    assert read[0] == read[1]
    row = read[0][0]
    assert (row["name"], row["authors"], row["authors_original"]) == ("Wang 2020", "Wang, Yuan", "王遠")
    assert (row["title"], row["title_romanized"]) == ("習同", "Xi tong")


def test_a_chicago_title_and_a_braced_corporate_author_read_as_the_graph_holds_them(tmp_path: Path) -> None:
    """The seeds print a work in another script the Chicago way, "Romanized [English]" with the
    original beside it; a corporate author is braced, and " and " inside its braces splits nothing."""
    path = tmp_path / "sources.bib"
    path.write_text(
        "@misc{wang2020, author = {Wang, Yuan}, author_original = {王遠},\n"
        "  title = {{Xi tong Menggu [Xi Met Mongolia]}}, title_original = {習同蒙古}, title_en = {Xi Met Mongolia},\n"
        "  year = {2020}}\n"
        "@misc{mofat, author = {{Ministry of Foreign Affairs and Trade} and Doe, Jane}, title = {{Report}},"
        " year = {n.d.}}\n",
        encoding="utf-8",
    )
    report = Report()
    rows = {row["id"]: row for row in read_bibtex(path, report).rows}
    assert report.problems == []
    wang = rows["wang2020"]
    assert (wang["title"], wang["title_romanized"], wang["title_en"]) == (
        "習同蒙古",
        "Xi tong Menggu",
        "Xi Met Mongolia",
    )
    assert rows["mofat"]["name"] == "Ministry of Foreign Affairs and Trade n.d."  # n.d.: no year, as styles print it
    assert rows["mofat"]["year"] is None


def test_names_split_on_and_only_outside_braces() -> None:
    from dyadgraph.load.bib import split_names

    assert split_names("Huang, Chiung-Chiu") == ["Huang, Chiung-Chiu"]
    assert split_names("{Ministry of Foreign Affairs and Trade} and Doe, Jane") == [
        "{Ministry of Foreign Affairs and Trade}",
        "Doe, Jane",
    ]
    assert split_names("Rozman, Gilbert\n  and Radchenko, Sergey") == ["Rozman, Gilbert", "Radchenko, Sergey"]
    assert split_names("{Andersen and Sons}") == ["{Andersen and Sons}"]
