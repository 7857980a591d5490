"""Synthetic files in the layouts of POLECAT and of COW Diplomatic Exchange and Formal Alliances.

The columns are the release's (the fixtures in tests/fixtures/imports show them); the values are
made up from seeded random numbers or counters, with states the importer's crosswalk maps: the
200 states of make_events.py for POLECAT (by ISO3 code), every COW code for the COW files.
"""

from __future__ import annotations

from pathlib import Path

from make_events import state_codes

# PLOVER event types with a mode and an intensity, a spread over the four quads
PLOVER_EVENTS = (
    ("AGREE", "None", 5.0), ("CONSULT", "visit", 4.0), ("SUPPORT", "None", 3.5), ("CONCEDE", "None", 5.0),
    ("COOPERATE", "None", 6.0), ("AID", "None", 7.0), ("RETREAT", "None", 5.0), ("REQUEST", "None", 3.0),
    ("ACCUSE", "disapprove", -2.0), ("REJECT", "None", -4.0), ("THREATEN", "None", -6.0), ("PROTEST", "demo", -5.0),
    ("SANCTION", "expel", -5.5), ("MOBILIZE", "None", -6.0), ("COERCE", "None", -7.0), ("ASSAULT", "None", -9.0),
)  # fmt: skip
COMPOUND_SHARE = 0.1  # rows whose actor is two states (`USA;FRA`): two events each
DIPLOMATIC_WAVES = (1950, 1955, 1960, 1965, 1970, 1975, 1980, 1985, 1990, 1995, 2000, 2005)


def write_polecat(n: int, out: Path, seed: int = 8) -> int:
    """N rows of a POLECAT release file (tab-separated, the release's header, `None` for a missing
    value); returns how many events they become (a compound actor's row is one per state)."""
    import numpy as np

    from dyadgraph.imports.crosswalk import crosswalk
    from dyadgraph.imports.polecat import PLOVER_QUADS, POLECAT_COLUMNS, QUAD_CODES

    walk = crosswalk()
    quad_names = {quad: name for name, quad in QUAD_CODES.items() if not name.isdigit()}
    codes = state_codes()
    refs = {code: walk.cameo(code) for code, _ in codes}
    cow = {code: str(ref.cow_code) if ref and ref.cow_code else "None" for code, ref in refs.items()}
    rng = np.random.default_rng(seed)
    source = rng.integers(0, len(codes), n)
    target = (source + rng.integers(1, len(codes), n)) % len(codes)
    compound = rng.random(n) < COMPOUND_SHARE
    kind = rng.integers(0, len(PLOVER_EVENTS), n)
    days = rng.integers(0, (np.datetime64("2023-12-31") - np.datetime64("2018-01-01")).astype(int), n)
    dates = (np.datetime64("2018-01-01") + days).astype(str)
    cells = dict.fromkeys(POLECAT_COLUMNS, "None") | {"Source": "Synthetic Wire", "Language": "en", "Version": "1.0"}
    cells |= {"Primary Actor Sector": "GOV", "Primary Recipient Sector": "GOV", "Contexts": "diplomatic"}
    for column in ("Event ID", "Event Date", "Publication Date", "Event Type", "Event Mode", "Intensity"):
        cells[column] = "{" + column.replace(" ", "_") + "}"
    cells["Quad Code"] = "{Quad_Code}"
    for side in ("Actor", "Recipient"):
        cells |= {f"{side} Name": f"{{{side}_Name}}", f"{side} Country": f"{{{side}_Country}}"}
        cells[f"{side} COW"] = f"{{{side}_COW}}"
    template = "\t".join(cells[c] for c in POLECAT_COLUMNS) + "\n"
    events = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(POLECAT_COLUMNS) + "\n")
        for i in range(n):
            event_type, mode, intensity = PLOVER_EVENTS[kind[i]]
            (code1, name1), (code2, name2) = codes[source[i]], codes[target[i]]
            actors = [(code1, name1)]
            if compound[i]:  # a third state, neither the actor nor the recipient
                third = (target[i] + 1) % len(codes)
                actors.append(codes[third if third != source[i] else (third + 1) % len(codes)])
            events += len(actors)
            values = {"Event_ID": f"SYN{i + 1:09d}", "Event_Date": dates[i], "Publication_Date": dates[i]}
            values |= {"Event_Type": event_type, "Event_Mode": mode, "Intensity": intensity}
            values["Quad_Code"] = quad_names[PLOVER_QUADS[event_type]]
            values["Actor_Name"] = "; ".join(f"Government of {name.title()}" for _, name in actors)
            values["Actor_Country"] = ";".join(code for code, _ in actors)
            values["Actor_COW"] = "; ".join(cow[code] for code, _ in actors)
            values |= {"Recipient_Name": f"Government of {name2.title()}", "Recipient_Country": code2}
            values["Recipient_COW"] = cow[code2]
            handle.write(template.format_map(values))
    return events


def _cow_codes() -> list[int]:
    from dyadgraph.imports.crosswalk import crosswalk

    return sorted(crosswalk().by_cow)


def _pair(k: int, codes: list[int]) -> tuple[int, int]:
    """The k-th ordered pair of two different states (k below len(codes) * (len(codes) - 1))."""
    a = k % len(codes)
    return codes[a], codes[(a + 1 + k // len(codes)) % len(codes)]


def write_cow_diplomatic(rows: int, out: Path) -> None:
    """COW Diplomatic Exchange rows, one per directed dyad and wave (1950-2005), each dyad's levels
    changing once in its twelve waves so its representation is two ties, not one."""
    codes = _cow_codes()
    with out.open("w", encoding="utf-8") as handle:
        handle.write("ccode1,ccode2,year,DR_at_1,DR_at_2,DE,version\n")
        for i in range(rows):
            k, wave = divmod(i, len(DIPLOMATIC_WAVES))
            ccode1, ccode2 = _pair(k, codes)
            first = 1 + k % 3  # 1 chargé, 2 minister, 3 ambassador; then ambassadors from the 7th wave
            level = first if wave < 6 else 3
            handle.write(f"{ccode1},{ccode2},{DIPLOMATIC_WAVES[wave]},{level},3,1,2006.1\n")


def write_cow_alliance(rows: int, out: Path) -> None:
    """COW Formal Alliances v4.1 dyad-yearly rows: pledges of 5 to 24 years, one alliance each,
    of one type in turn (defense, neutrality, nonaggression, entente), one row per year in force."""
    from dyadgraph.imports.crosswalk import crosswalk

    walk = crosswalk()
    codes = _cow_codes()
    with out.open("w", encoding="utf-8") as handle:
        handle.write(
            "version4id,ccode1,state_name1,ccode2,state_name2,dyad_st_day,dyad_st_month,dyad_st_year,"
            "dyad_end_day,dyad_end_month,dyad_end_year,left_censor,right_censor,defense,neutrality,"
            "nonaggression,entente,year,version\n"
        )
        written, pledge = 0, 0
        while written < rows:
            ccode1, ccode2 = _pair(pledge, codes)
            start, years = 1816 + pledge % 180, 5 + pledge % 20
            types = ",".join("1" if t == pledge % 4 else "0" for t in range(4))
            names = f'"{walk.by_cow[ccode1].name}",{ccode2},"{walk.by_cow[ccode2].name}"'
            dates = f"1,{1 + pledge % 12},{start},31,12,{start + years - 1}"
            for year in range(start, start + min(years, rows - written)):
                handle.write(f"{1000 + pledge},{ccode1},{names},{dates},0,0,{types},{year},4.1\n")
            written += min(years, rows - written)
            pledge += 1
