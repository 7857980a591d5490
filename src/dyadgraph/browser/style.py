"""The Neo4j Browser style (GraSS), generated from the ontology so it cannot drift.

One colour and size per label, captions by name (title for events), relationship captions by
kind where a type has one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..schema import NODES, RELATIONSHIPS


@dataclass(frozen=True)
class LabelStyle:
    color: str
    diameter: int
    caption: str = "{name}"


# Designed, not derived: size says how central a label is to reading a dyad (states
# largest, bookkeeping smallest); hues keep the causal chain Strategy -> Event -> Outcome
# apart at a glance. A test checks that every label in schema.NODES is here, once, with
# a colour of its own.
LABEL_STYLES: dict[str, LabelStyle] = {
    "State": LabelStyle("#4C8EDA", 80),
    "Organization": LabelStyle("#569480", 65),
    "Person": LabelStyle("#DA7194", 50),
    "Actor": LabelStyle("#8E6FB8", 55),
    "Event": LabelStyle("#F79767", 55, "{title}"),
    "Strategy": LabelStyle("#57C7E3", 65),
    "Outcome": LabelStyle("#FFC454", 55),
    "Concept": LabelStyle("#C990C0", 50),
    "Indicator": LabelStyle("#8DCC93", 40),
    "Source": LabelStyle("#D9C8AE", 35),
    "Dataset": LabelStyle("#604A0E", 30),
}
# Relationship types worth a colour and a heavier line: the ties a dyad is made of, and
# the causal claims.
REL_EMPHASIS: dict[str, tuple[str, int]] = {"TIE": ("#2870C2", 3), "LEADS_TO": ("#EB2728", 2)}


def text_color(color: str) -> str:
    """White or near-black caption text, whichever reads better on the fill (WCAG relative luminance)."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#2A2C34" if luminance > 0.35 else "#FFFFFF"


def _darker(color: str, factor: float = 0.75) -> str:
    return "#" + "".join(f"{int(int(color[i : i + 2], 16) * factor):02X}" for i in (1, 3, 5))


def grass_rules() -> dict[str, dict[str, str]]:
    """The style as selector -> properties, in the order Browser applies them."""
    rules: dict[str, dict[str, str]] = {
        "node": {
            "diameter": "50px",
            "color": "#A5ABB6",
            "border-color": "#9AA1AC",
            "border-width": "2px",
            "text-color-internal": "#FFFFFF",
            "font-size": "10px",
        },
        "relationship": {
            "color": "#A5ABB6",
            "shaft-width": "1px",
            "font-size": "8px",
            "padding": "3px",
            "text-color-external": "#000000",
            "text-color-internal": "#FFFFFF",
            "caption": "<type>",
        },
    }
    for label in NODES:
        style = LABEL_STYLES.get(label.name)
        if style is None:
            continue  # a label without a designed style falls back to `node`; a test forbids it
        rules[f"node.{label.name}"] = {
            "diameter": f"{style.diameter}px",
            "color": style.color,
            "border-color": _darker(style.color),
            "border-width": "2px",
            "text-color-internal": text_color(style.color),
            "font-size": "11px" if style.diameter >= 65 else "10px",
            "caption": style.caption,
        }
    for rel in RELATIONSHIPS:
        props = {"caption": "{kind}" if rel.prop("kind") else "<type>"}
        if rel.name in REL_EMPHASIS:
            color, width = REL_EMPHASIS[rel.name]
            props = {"color": color, "shaft-width": f"{width}px", **props}
        rules[f"relationship.{rel.name}"] = props
    return rules


def grass() -> str:
    """The GraSS text. No comments: Browser's GraSS parser would read them as part of a selector."""
    out = []
    for selector, props in grass_rules().items():
        body = "".join(f"  {key}: {_grass_value(key, value)};\n" for key, value in props.items())
        out.append(f"{selector} {{\n{body}}}\n")
    return "\n".join(out)


def _grass_value(key: str, value: str) -> str:
    # Captions hold braces and angle brackets, which Browser only keeps inside quotes.
    return f'"{value}"' if key in ("caption", "defaultCaption") else value
