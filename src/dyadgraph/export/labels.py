"""Where a figure's labels go: beside their node, covering no other label and no node.

Each label is tried at eight places around its node, the side facing away from the middle of
the drawing first, then further out with a thin leader line; the first place whose box (as
the renderer measures the text) is free wins. A label that finds no place is numbered instead,
and the number's full text goes in a key beside the plot (figure.py). The side column stacks
the legends and that key from the top, each below the last as drawn.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

GAP = 1.5  # points between a node's marker and its label
RINGS = (0.0, 6.0, 14.0, 26.0)  # further distances (points) tried when the nearest ring is full
DIRECTIONS = tuple(range(0, 360, 45))
PAD = 1.0  # pixels around a label's box that must stay free too


class LabelPlacer:
    """Places labels in an axes whose limits are set; every node's marker is taken from the start."""

    def __init__(self, figure: Figure, axes: Axes, points: list[tuple[float, float]], marker_area: float) -> None:
        import numpy as np

        self.figure, self.axes = figure, axes
        self.renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        self.pixels = figure.dpi / 72.0
        self.radius = math.sqrt(marker_area) / 2  # points
        self.area = axes.get_window_extent(self.renderer)
        centres = axes.transData.transform(np.array(points))
        r = self.radius * self.pixels
        self.taken = np.column_stack((centres - r, centres + r))
        xs, ys = centres[:, 0], centres[:, 1]
        self.middle = ((xs.min() + xs.max()) / 2, (ys.min() + ys.max()) / 2)

    def place(self, xy: tuple[float, float], text: str, size: float, gid: str, weight: str = "normal") -> Text | None:
        """The label at the first free place, or None (nothing drawn) when there is none."""
        from matplotlib.transforms import ScaledTranslation

        x, y = self.axes.transData.transform(xy)
        outward = math.degrees(math.atan2(y - self.middle[1], x - self.middle[0]))
        if math.hypot(x - self.middle[0], y - self.middle[1]) < 1:
            outward = -90.0  # the node in the middle: below it first
        order = sorted(DIRECTIONS, key=lambda d: (_apart(d, outward), _apart(d, -90.0)))
        label = self.axes.text(
            *xy,
            text,
            fontsize=size,
            fontweight=weight,
            zorder=4,
            gid=gid,
            linespacing=1.1,
            bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        )
        for ring in RINGS:
            for direction in order:
                dx, dy = math.cos(math.radians(direction)), math.sin(math.radians(direction))
                distance = self.radius + GAP + ring
                # A diagonal place starts at the marker's bounding square's corner, not inside it.
                reach = distance / max(abs(dx), abs(dy))
                offset = ScaledTranslation(dx * reach / 72, dy * reach / 72, self.figure.dpi_scale_trans)
                label.set_transform(self.axes.transData + offset)
                label.set_horizontalalignment("left" if dx > 0.3 else "right" if dx < -0.3 else "center")
                label.set_verticalalignment("bottom" if dy > 0.3 else "top" if dy < -0.3 else "center")
                box = label.get_window_extent(self.renderer)
                bounds = (box.x0 - PAD, box.y0 - PAD, box.x1 + PAD, box.y1 + PAD)
                if self._free(bounds):
                    self._take(bounds)
                    if ring:
                        self._leader(xy, dx, dy, reach)
                    return label
        label.remove()
        return None

    def _free(self, bounds: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = bounds
        area = self.area
        if x0 < area.x0 or y0 < area.y0 or x1 > area.x1 or y1 > area.y1:
            return False
        taken = self.taken
        clash = (taken[:, 0] < x1) & (taken[:, 2] > x0) & (taken[:, 1] < y1) & (taken[:, 3] > y0)
        return not bool(clash.any())

    def _take(self, bounds: tuple[float, float, float, float]) -> None:
        import numpy as np

        self.taken = np.vstack((self.taken, np.array(bounds)))

    def _leader(self, xy: tuple[float, float], dx: float, dy: float, reach: float) -> None:
        """A thin line from the marker's edge to a label set further out."""
        from matplotlib.lines import Line2D
        from matplotlib.transforms import ScaledTranslation

        start = self.radius / max(abs(dx), abs(dy))
        points = []
        for distance in (start, reach - 1):
            offset = ScaledTranslation(dx * distance / 72, dy * distance / 72, self.figure.dpi_scale_trans)
            points.append((self.axes.transData + offset).transform(xy))
        inverse = self.axes.transData.inverted()
        (x0, y0), (x1, y1) = inverse.transform(points[0]), inverse.transform(points[1])
        self.axes.add_line(Line2D([x0, x1], [y0, y1], color="#555555", linewidth=0.4, zorder=3))


def _apart(a: float, b: float) -> float:
    return abs((a - b + 180) % 360 - 180)


class SideColumn:
    """Legends and a key stacked from the top of the space right of the plot."""

    def __init__(self, figure: Figure, axes: Axes, bold: str = "bold") -> None:
        self.figure, self.axes = figure, axes
        self.bold = bold  # the CJK fonts have no bold: a Chinese figure's headings are "normal"
        self.renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        box = axes.get_position()
        self.left = box.x1 + 0.01
        self.top = box.y1
        self.columns = 0

    def legend(self, handles: list[Any], title: str) -> None:
        legend = self.figure.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(self.left, self.top),
            frameon=False,
            title=title,
            alignment="left",
            borderaxespad=0.0,
        )
        legend.get_title().set_fontweight(self.bold)
        self._below(legend.get_window_extent(self.renderer).y0)

    def key(self, entries: list[str], title: str, size: float) -> None:
        """One text per numbered label, in a column; a second column beside it when the figure ends."""
        from .style import readable

        heading = self.figure.text(self.left, self.top, title, fontsize=size, fontweight=self.bold, va="top")
        self._below(heading.get_window_extent(self.renderer).y0)
        left, top = self.left, self.top
        widest = 0.0
        for entry in entries:
            text = self.figure.text(
                left, top, readable(entry, 44).replace("\n", "\n     "), fontsize=size - 1, va="top"
            )
            box = text.get_window_extent(self.renderer)
            if box.y0 < 0 and top < self.top:  # off the bottom: start the next column
                left += (widest + 8) / self.figure.bbox.width
                top, widest = self.top, 0.0
                text.set_position((left, top))
                box = text.get_window_extent(self.renderer)
            widest = max(widest, box.width)
            top = self.figure.transFigure.inverted().transform((0, box.y0 - 2))[1]

    def _below(self, y: float) -> None:
        self.top = self.figure.transFigure.inverted().transform((0, y - 10 * self.figure.dpi / 72))[1]
