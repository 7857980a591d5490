"""One look for every export: a colour per label, a colour and marker per CAMEO quad class, tie levels.

The label colours are the Okabe-Ito palette (distinguishable with the common colour vision
deficiencies), so a figure, a Gephi file and the interactive page agree; with eight colours in
it, Indicator and Source take a grey and a brown of their own.
"""

from __future__ import annotations

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
    "Source": "#8C6D46",
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


def label_colour(label: str) -> str:
    return LABEL_COLOURS.get(label, FALLBACK_COLOUR)


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def readable(text: str, width: int = 24) -> str:
    """A label wrapped at word boundaries to lines of about `width` characters (CJK text is not split)."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False)) or text
