"""`dyadgraph import` of every format side by side: the file's rows per second, one N for all.

    python benchmarks/import_formats.py [N] [--repeat R] [--indicator-rows M]

Event formats get N synthetic events each (make_events.py, the same 200 states and actions):
ICEWS, a GDELT 1.0 backfile (57 columns), a GDELT 1.0 daily file (58), the same file zipped as
GDELT serves it, a GDELT 2.0 export (61) and a POLECAT release file (make_datasets.py; a tenth of
its rows have a compound actor, `USA;FRA`, and become two events). Table formats get M rows each:
COW NMC state-years (seven values a row), a WDI download (one indicator and country a row, a
value for each of 64 years), COW Diplomatic Exchange dyad-waves and COW Formal Alliances
dyad-years, whose rows collapse into spans: their "written" is the TIEs the import reports.
Each import is the whole command in a fresh process (start, reading, checking, mapping,
writing the database file) into a copy of the same seed graph; rounds interleave the
formats and the medians are compared, with the peak memory of each import process.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from import_events import GIB, run_with_rusage
from make_datasets import write_cow_alliance, write_cow_diplomatic, write_polecat
from make_events import state_codes, write_events, write_gdelt

WDI_YEARS = range(1960, 2024)


@dataclass(frozen=True)
class Run:
    label: str
    format: str
    file: Path
    rows: int  # rows of the file
    values: int  # what they become: events, or indicator values (0: the TIEs the import reports)


def write_cow_nmc(rows: int, out: Path) -> None:
    """COW NMC v6's columns, one row per state and year (as many years as `rows` needs)."""
    from dyadgraph.imports.crosswalk import crosswalk

    codes = sorted(crosswalk().by_cow)
    with out.open("w", encoding="utf-8") as handle:
        handle.write("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version\n")
        for i in range(rows):
            ccode, year = codes[i % len(codes)], 1816 + i // len(codes)
            values = f"{i % 9000},{i % 700},{i % 500},{i % 800},{i % 99000},-9,0.0{i % 97}"  # upop missing: -9
            handle.write(f"S{ccode},{ccode},{year},{values},2021\n")


def write_wdi(rows: int, out: Path) -> None:
    """A WDI download's columns, one row per country and indicator, a value for every year."""
    from dyadgraph.imports.crosswalk import crosswalk

    countries = sorted(crosswalk().by_wb)
    with out.open("w", encoding="utf-8") as handle:
        handle.write('"Data Source","World Development Indicators",\n\n"Last Updated Date","2024-06-28",\n\n')
        handle.write(",".join(f'"{c}"' for c in ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]))
        handle.write("," + ",".join(f'"{year}"' for year in WDI_YEARS) + ",\n")
        for i in range(rows):
            code, indicator = countries[i % len(countries)], i // len(countries)
            values = ",".join(f'"{(i * 31 + year) % 100_000 / 7:.4f}"' for year in WDI_YEARS)
            handle.write(f'"{code}","{code}","Synthetic indicator {indicator} (units)","SYN.{indicator}",{values},\n')


def prepare(directory: Path, n: int, indicator_rows: int) -> list[Run]:
    icews = directory / f"events-{n}.tab"
    backfile = directory / "201303.csv"
    daily = directory / "20170312.export.CSV"
    export = directory / "20190908000000.export.CSV"
    write_events(n, icews)
    write_gdelt(n, backfile, "1.0-historical")
    write_gdelt(n, daily, "1.0-daily")
    write_gdelt(n, export, "2.0")
    polecat = directory / "ngecEvents.DV.2023.txt"
    polecat_events = write_polecat(n, polecat)
    zipped = directory / "zipped" / f"{daily.name}.zip"  # its own folder: the member keeps its name
    zipped.parent.mkdir()
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(daily, daily.name)
    nmc, wdi = directory / "NMC-60-abridged.csv", directory / "API_SYN_DS2_en_csv_v2.csv"
    write_cow_nmc(indicator_rows, nmc)
    write_wdi(indicator_rows, wdi)
    diplomatic, alliance = directory / "Diplomatic_Exchange_2006v1.csv", directory / "alliance_v4.1_by_dyad_yearly.csv"
    write_cow_diplomatic(indicator_rows, diplomatic)
    write_cow_alliance(indicator_rows, alliance)
    assert len(state_codes()) == 200
    return [
        Run("icews", "icews", icews, n, n),
        Run("gdelt 1.0 historical", "gdelt", backfile, n, n),
        Run("gdelt 1.0 daily", "gdelt", daily, n, n),
        Run("gdelt 1.0 daily .zip", "gdelt", zipped, n, n),
        Run("gdelt 2.0", "gdelt", export, n, n),
        Run("polecat", "polecat", polecat, n, polecat_events),
        Run("cow-nmc", "cow-nmc", nmc, indicator_rows, indicator_rows * 6),  # upop is -9: no value
        Run("wdi", "wdi", wdi, indicator_rows, indicator_rows * len(WDI_YEARS)),
        Run("cow-diplomatic", "cow-diplomatic", diplomatic, indicator_rows, 0),
        Run("cow-alliance", "cow-alliance", alliance, indicator_rows, 0),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description="dyadgraph import of every format, side by side")
    parser.add_argument("n", nargs="?", type=int, default=100_000, help="events per event file")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--indicator-rows", type=int, default=10_000)
    args = parser.parse_args()
    dyadgraph = shutil.which("dyadgraph", path=str(Path(sys.executable).parent)) or "dyadgraph"
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        runs = prepare(directory, args.n, args.indicator_rows)
        base = directory / "base.kuzu"
        subprocess.run([dyadgraph, "--db", str(base), "load"], check=True, capture_output=True)
        seconds: dict[str, list[float]] = {run.label: [] for run in runs}
        peaks: dict[str, list[int]] = {run.label: [] for run in runs}
        written = {run.label: run.values for run in runs}
        for round_ in range(args.repeat):
            for run in runs:
                db = directory / f"import-{round_}.kuzu"
                shutil.copyfile(base, db)
                argv = [dyadgraph, "--db", str(db), "import", run.format, str(run.file), "-f", "csv"]
                took, peak, summary = run_with_rusage(argv)
                if not run.values:
                    written[run.label] = int(re.findall(r"^relationship,TIE,(\d+)$", summary, re.MULTILINE)[0])
                seconds[run.label].append(took)
                peaks[run.label].append(peak)
                # as it goes: a long run cut short still leaves its rounds
                print(f"  round {round_ + 1}: {run.label} {took:.2f} s, peak {peak / GIB:.2f} GiB", flush=True)
                for leftover in directory.glob(f"{db.name}*"):
                    leftover.unlink()
        medians = {label: statistics.median(values) for label, values in seconds.items()}
        print(
            f"dyadgraph import, whole command, {args.n:,} events per event file and {args.indicator_rows:,} rows "
            f"per indicator file, median of {args.repeat} round(s)"
        )
        print(f"  {'format':<21} {'file':>9} {'rows':>11} {'seconds':>8} {'rows/s':>10} {'written/s':>10} {'peak':>9}")
        for run in runs:
            took = medians[run.label]
            size = run.file.stat().st_size / (1 << 20)
            print(
                f"  {run.label:<21} {size:>6.1f} MB {run.rows:>11,} {took:>8.2f} {run.rows / took:>10,.0f} "
                f"{written[run.label] / took:>10,.0f} {max(peaks[run.label]) / GIB:>5.2f} GiB"
            )
        icews = medians["icews"]
        for label in ("gdelt 1.0 historical", "gdelt 1.0 daily", "gdelt 1.0 daily .zip", "gdelt 2.0", "polecat"):
            print(f"  {label} rows/s / icews rows/s: {icews / medians[label]:.2f}")


if __name__ == "__main__":
    main()
