"""One look for every export: a colour per label, a colour and marker per CAMEO quad class, tie levels.

The label colours are the Okabe-Ito palette (distinguishable with the common colour vision
deficiencies), so a figure, a Gephi file and the interactive page agree; it has eight colours,
so Indicator is grey and Source white (drawn with a dark edge, as every node is). Figures give
each label a marker shape of its own as well, so that no two labels rest on colour alone (a
greyscale print, or Event's orange beside Outcome's vermillion for a reader with protanopia).

Ties are drawn by what they do to the relationship: the partnership ladder (blue, by level),
other cooperation (green), conflict (vermillion, dashed: a rupture is not a partnership) and
the rest (grey, dotted: a land border, suzerainty, a military presence).
"""

from __future__ import annotations

import math
import re
from typing import Any

LABEL_COLOURS = {
    "State": "#0072B2",
    "Organization": "#56B4E9",
    "Person": "#CC79A7",
    "Actor": "#000000",
    "Event": "#E69F00",
    "Strategy": "#009E73",
    "Outcome": "#D55E00",
    "Concept": "#F0E442",
    "Indicator": "#999999",
    "Source": "#FFFFFF",
}
# matplotlib markers: circles for the actors, a shape of its own for every other label.
LABEL_MARKERS = {
    "State": "o",
    "Organization": "H",
    "Person": "^",
    "Actor": "v",
    "Event": "s",
    "Strategy": "D",
    "Outcome": "P",
    "Concept": "h",
    "Indicator": "X",
    "Source": "p",
}
FALLBACK_COLOUR = "#BBBBBB"
EDGE_COLOUR = "#9A9A9A"

# CAMEO quad classes: cooperation green, conflict red; material darker than verbal.
QUAD_COLOURS = {
    "verbal_coop": "#7FBC41",
    "material_coop": "#1B7837",
    "verbal_conflict": "#F4A582",
    "material_conflict": "#B2182B",
}
QUAD_MARKERS = {"verbal_coop": "o", "material_coop": "s", "verbal_conflict": "^", "material_conflict": "v"}
QUAD_NAMES = {
    "verbal_coop": "verbal cooperation",
    "material_coop": "material cooperation",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
}

# The partnership ladder of cypher/partnership-ladder.cypher: the level a tie kind stands for.
TIE_LEVELS = {
    "diplomatic_relations": 1,
    "comprehensive_partnership": 2,
    "strategic_partnership": 3,
    "comprehensive_strategic_partnership": 4,
}


# What a tie kind does to the relationship; a kind missing here is drawn as OTHER_TIES.
LADDER, COOPERATION, CONFLICT, OTHER_TIES = "ladder", "cooperation", "conflict", "other"
TIE_CLASSES = {
    **dict.fromkeys(TIE_LEVELS, LADDER),
    **dict.fromkeys(
        (
            "recognition",
            "alignment",
            "normalization",
            "border_agreement",
            "friendship_treaty",
            "alliance",
            "third_neighbor",
            "economic_partnership",
            "military_cooperation",
            "co_belligerence",
        ),
        COOPERATION,
    ),
    **dict.fromkeys(("rupture", "war", "dispute", "occupation"), CONFLICT),
    **dict.fromkeys(("land_border", "suzerainty", "military_presence"), OTHER_TIES),
}
TIE_CLASS_ORDER = (LADDER, COOPERATION, CONFLICT, OTHER_TIES)
# (colour, matplotlib line style) of each class in a network figure; the timeline fills spans.
TIE_CLASS_STYLES: dict[str, tuple[str, Any]] = {
    LADDER: ("#0072B2", "-"),
    COOPERATION: ("#009E73", (0, (6, 2))),
    CONFLICT: ("#D55E00", (0, (2, 1.5))),
    OTHER_TIES: ("#666666", (0, (0.8, 1.6))),
}
# Timeline spans: the ladder in blues by level, the other classes in the colours above (lighter).
LEVEL_COLOURS = {1: "#C6DBEF", 2: "#6BAED6", 3: "#2171B5", 4: "#08306B"}
SPAN_COLOURS = {COOPERATION: "#7FCDBB", CONFLICT: "#D55E00", OTHER_TIES: "#BDBDBD"}


def tie_class(kind: object) -> str:
    return TIE_CLASSES.get(str(kind), OTHER_TIES)


def label_colour(label: str) -> str:
    return LABEL_COLOURS.get(label, FALLBACK_COLOUR)


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def readable(text: str, width: int = 24) -> str:
    """A label wrapped to lines of about `width` columns: at word boundaries, and for CJK text (two
    columns a character) between characters, keeping Latin words whole and closing punctuation
    off the start of a line."""
    import textwrap

    if not any(_wide(c) for c in text):
        return "\n".join(textwrap.wrap(text, width=width, break_long_words=False)) or text
    # Lines of even length: no character left alone on the last.
    total = sum(2 if _wide(c) else 1 for c in text)
    width = math.ceil(total / math.ceil(total / width)) + 1
    lines, line, used = [], "", 0
    for token in re.findall(r"[\w$%.,'/()-]+ ?|.", text, flags=re.ASCII):
        size = sum(2 if _wide(c) else 1 for c in token)
        if line and used + size > width and token not in CLOSING:
            # Break after the line's last punctuation mark when that keeps half of it, not mid-word.
            cut = max(line.rfind(mark) for mark in CLOSING) + 1
            cut = cut if cut > len(line) // 2 else len(line)
            lines.append(line[:cut].rstrip())
            line = line[cut:]
            used = sum(2 if _wide(c) else 1 for c in line)
        line += token
        used += size
    return "\n".join([*lines, line.rstrip()])


CLOSING = set("、，。：；！？）」』》")


def _wide(character: str) -> bool:
    return ord(character) >= 0x2E80
