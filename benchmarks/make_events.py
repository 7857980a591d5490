"""Write a synthetic event file: N events among 200 states, from seeded random numbers.

    python benchmarks/make_events.py N [OUT] [--seed S] [--layout icews|1.0-historical|1.0-daily|2.0]

OUT defaults to events-N.tab (ICEWS) or events-N.export.CSV (GDELT). The columns are ICEWS's
or, with a GDELT layout, those of a GDELT 1.0 backfile (57 columns), daily file (58) or 2.0
export (61); the values are made up: event ids count up from 1 (no repeats), each event has two
different states that the importer's crosswalk knows (by name for ICEWS, by CAMEO code for
GDELT), so N events become N Event nodes and 2N INVOLVES relationships. The states are skewed
as in ICEWS: a few of them are in most events (state_weights), in every layout alike.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dyadgraph.imports.icews import ICEWS_COLUMNS

if TYPE_CHECKING:
    import numpy as np

STATES = 200
ZIPF_EXPONENT = 1.1
# (CAMEO code, Event Text, Intensity): a spread over the twenty roots
ACTIONS = (
    ("010", "Make statement", 0.0), ("020", "Make an appeal or request", 3.0),
    ("036", "Express intent to meet or negotiate", 4.0), ("040", "Consult", 1.0), ("042", "Make a visit", 1.9),
    ("043", "Host a visit", 2.8), ("046", "Engage in negotiation", 3.5), ("051", "Praise or endorse", 3.4),
    ("057", "Sign formal agreement", 8.0), ("061", "Cooperate economically", 6.4),
    ("071", "Provide economic aid", 7.4), ("081", "Ease administrative sanctions", 5.0), ("090", "Investigate", -2.0),
    ("100", "Demand", -5.0), ("111", "Criticize or denounce", -2.0), ("120", "Reject", -4.0), ("130", "Threaten", -4.4),
    ("141", "Demonstrate or rally", -6.5), ("150", "Demonstrate military or police power", -7.2),
    ("163", "Impose embargo, boycott, or sanctions", -8.0),
    ("173", "Arrest, detain, or charge with legal action", -5.0), ("190", "Use conventional military force", -10.0),
)  # fmt: skip


def state_names() -> list[str]:
    """200 names the crosswalk maps back to their own state: the COW states first, then other ISO ones."""
    from dyadgraph.imports.crosswalk import crosswalk

    walk = crosswalk()
    chosen = sorted(walk.by_cow.values(), key=lambda r: r.cow_code or 0)
    chosen += sorted((r for r in walk.by_id.values() if r.cow_code is None), key=lambda r: r.id)
    names = [r.name for r in chosen if walk.name(r.name) is r]
    return names[:STATES]


def state_weights(states: int) -> np.ndarray:
    """How often each state is an actor, skewed as in ICEWS, where a few states are in most events:
    a Zipf law over the states in COW order (the USA first): the first 10 of 200 take 57 % of the
    actors' places, the last 0.06 %."""
    import numpy as np

    weights = 1.0 / np.arange(1, states + 1) ** ZIPF_EXPONENT
    return np.asarray(weights / weights.sum())


def actor_pairs(rng: np.random.Generator, n: int, states: int) -> tuple[np.ndarray, np.ndarray]:
    """The two states of each of N events, as indices: drawn by state_weights, never one state twice."""
    weights = state_weights(states)
    source = rng.choice(states, n, p=weights)
    target = rng.choice(states, n, p=weights)
    clash = target == source  # never the source itself: another state, uniformly
    target[clash] = (target[clash] + rng.integers(1, states, int(clash.sum()))) % states
    return source, target


def write_events(n: int, out: Path, seed: int = 8) -> None:
    import numpy as np

    rng = np.random.default_rng(seed)
    names = state_names()
    source, target = actor_pairs(rng, n, len(names))
    action = rng.integers(0, len(ACTIONS), n)
    days = rng.integers(0, (np.datetime64("2023-12-31") - np.datetime64("1995-01-01")).astype(int), n)
    dates = (np.datetime64("1995-01-01") + days).astype(str)
    sentence = rng.integers(1, 6, n)
    government = rng.random(n) < 0.5
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\t".join(ICEWS_COLUMNS) + "\n")
        for i in range(n):
            code, text, intensity = ACTIONS[action[i]]
            a, b = names[source[i]], names[target[i]]
            actor = f"Government ({a})" if government[i] else a
            handle.write(
                f"{i + 1}\t{dates[i]}\t{actor}\tGovernment\t{a}\t{text}\t{code}\t{intensity}\t{b}\t\t{b}\t"
                f"{900000000 + i}\t{sentence[i]}\tSynthetic Wire\t\t\t\t{b}\t\t\n"
            )


# GDELT's QuadClass of each CAMEO root (01-20), as in dyadgraph.imports.events.QUAD_BY_ROOT
GDELT_QUAD = [0] + [1] * 5 + [2] * 3 + [3] * 5 + [4] * 7
# What every synthetic GDELT row has alike: the counts, the tone and where the action took place.
GDELT_SAME = {
    "IsRootEvent": "1", "NumMentions": "4", "NumSources": "1", "NumArticles": "4", "AvgTone": "1.25",
    "ActionGeo_Type": "4", "ActionGeo_FullName": "Ulaanbaatar, Ulaanbaatar, Mongolia", "ActionGeo_CountryCode": "MG",
    "ActionGeo_ADM1Code": "MG20", "ActionGeo_Lat": "47.9167", "ActionGeo_Long": "106.917",
    "ActionGeo_FeatureID": "-2150747",
}  # fmt: skip


def state_codes() -> list[tuple[str, str]]:
    """The same 200 states as CAMEO country codes (the graph's ids) with their names in capitals."""
    from dyadgraph.imports.crosswalk import crosswalk

    walk = crosswalk()
    refs = [walk.name(name) for name in state_names()]
    return [(ref.id, ref.name.upper()) for ref in refs if ref is not None and walk.cameo(ref.id) is ref]


def write_gdelt(n: int, out: Path, layout: str = "1.0-daily", seed: int = 8) -> None:
    """N synthetic GDELT events in a layout's columns, tab-separated with no header, as GDELT's files."""
    import numpy as np

    from dyadgraph.imports.gdelt import LAYOUTS

    rng = np.random.default_rng(seed)
    codes = state_codes()
    source, target = actor_pairs(rng, n, len(codes))
    action = rng.integers(0, len(ACTIONS), n)
    days = rng.integers(0, (np.datetime64("2023-12-31") - np.datetime64("1995-01-01")).astype(int), n)
    dates = np.char.replace((np.datetime64("1995-01-01") + days).astype(str), "-", "")
    added = "{day}" if layout.startswith("1.0") else "{day}000000"  # 2.0: a 15-minute timestamp
    fields = {
        "GLOBALEVENTID": "{id}",
        "SQLDATE": "{day}",
        "MonthYear": "{month}",
        "Year": "{year}",
        "FractionDate": "{year}.5000",
        "DATEADDED": added,
        "SOURCEURL": "https://example.org/synthetic/{id}",
        "EventCode": "{cameo}",
        "EventBaseCode": "{cameo}",
        "EventRootCode": "{root}",
        "QuadClass": "{quad}",
        "GoldsteinScale": "{goldstein}",
    }
    for i in (1, 2):
        fields |= dict.fromkeys((f"Actor{i}Code", f"Actor{i}CountryCode"), f"{{code{i}}}")
        fields[f"Actor{i}Name"] = f"{{name{i}}}"
    template = "\t".join(fields.get(c, GDELT_SAME.get(c, "")) for c in LAYOUTS[layout]) + "\n"
    with out.open("w", encoding="utf-8", newline="") as handle:
        for i in range(n):
            code, _, goldstein = ACTIONS[action[i]]
            (code1, name1), (code2, name2) = codes[source[i]], codes[target[i]]
            day = str(dates[i])
            values = {"id": i + 1, "day": day, "month": day[:6], "year": day[:4], "goldstein": goldstein}
            values |= {"code1": code1, "name1": name1, "code2": code2, "name2": name2}
            values |= {"cameo": code, "root": code[:2], "quad": GDELT_QUAD[int(code[:2])]}
            handle.write(template.format_map(values))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--layout", choices=["icews", "1.0-historical", "1.0-daily", "2.0"], default="icews")
    args = parser.parse_args(argv)
    if args.layout == "icews":
        out = args.out or Path(f"events-{args.n}.tab")
        write_events(args.n, out, args.seed)
    else:
        out = args.out or Path(f"events-{args.n}.export.CSV")
        write_gdelt(args.n, out, args.layout, args.seed)
    print(f"wrote {args.n:,} events among {STATES} states to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
