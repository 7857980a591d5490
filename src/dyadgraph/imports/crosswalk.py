"""Country codes and names of the event and indicator datasets, mapped to the graph's State ids.

The crosswalk is Vincent Arel-Bundock's `countrycode` (the Python port of the R package the
field uses to merge COW, ISO and World Bank data): ISO 3166-1 alpha-3, COW ccode, World Bank
codes and English name patterns. Two small tables below add what it leaves out, each entry
documented; anything still unknown is returned as None and reported by the importer with
its count and first line, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

# COW states the crosswalk has no ISO 3166-1 code for that the ontology can name anyway:
# former ISO codes (ISO 3166-3) or the user-assigned X.. code in general use.
ID_FOR_COW = {
    265: "DDR",  # German Democratic Republic, former ISO 3166-1 code
    315: "CSK",  # Czechoslovakia, ISO 3166-3
    345: "YUG",  # Yugoslavia; COW keeps 345 for Serbia after 2006 (its stateabb stays YUG)
    347: "XKX",  # Kosovo: the user-assigned code of the World Bank and the EU
    680: "YMD",  # Yemen People's Republic (South Yemen), ISO 3166-3
}
# CAMEO actor country codes (ICEWS, GDELT) follow ISO 3166-1 alpha-3 as it stood when CAMEO was
# written; these are the codes ISO has changed since. Regional codes (EUR, AFR, MEA, ...) are no
# state and stay unmapped.
ISO_FOR_CAMEO = {"ROM": "ROU", "TMP": "TLS"}


@dataclass(frozen=True)
class StateRef:
    id: str
    name: str
    cow_code: int | None


@dataclass
class Crosswalk:
    """Look-ups by ISO3, CAMEO code, COW ccode, World Bank code or country name, each cached."""

    by_id: dict[str, StateRef] = field(default_factory=dict)
    by_cow: dict[int, StateRef] = field(default_factory=dict)
    by_wb: dict[str, StateRef] = field(default_factory=dict)
    patterns: list[tuple[re.Pattern[str], StateRef]] = field(default_factory=list)
    _names: dict[str, StateRef | None] = field(default_factory=dict)

    def iso3(self, code: str) -> StateRef | None:
        return self.by_id.get(code.strip().upper())

    def cameo(self, code: str) -> StateRef | None:
        code = code.strip().upper()
        return self.by_id.get(ISO_FOR_CAMEO.get(code, code))

    def cow(self, ccode: int) -> StateRef | None:
        return self.by_cow.get(ccode)

    def worldbank(self, code: str) -> StateRef | None:
        return self.by_wb.get(code.strip().upper())

    def name(self, text: str) -> StateRef | None:
        """The state a name denotes, by the first matching pattern (countrycode's own rule)."""
        if text not in self._names:
            self._names[text] = next((ref for pattern, ref in self.patterns if pattern.search(text)), None)
        return self._names[text]


@cache
def crosswalk() -> Crosswalk:
    from countrycode import codelist

    table: dict[str, list[Any]] = codelist
    walk = Crosswalk()
    for i, name in enumerate(table["country.name.en"]):
        cown = table["cown"][i]
        cow_code = int(cown) if cown is not None else None
        state_id = table["iso3c"][i] or (ID_FOR_COW.get(cow_code) if cow_code is not None else None)
        if not state_id or not name:
            continue
        ref = StateRef(state_id, name, cow_code)
        walk.by_id.setdefault(state_id, ref)
        if cow_code is not None:
            walk.by_cow.setdefault(cow_code, ref)
        if table["wb"][i]:
            walk.by_wb.setdefault(table["wb"][i], ref)
        if table["country.name.en.regex"][i]:
            walk.patterns.append((re.compile(table["country.name.en.regex"][i], re.IGNORECASE), ref))
    return walk
