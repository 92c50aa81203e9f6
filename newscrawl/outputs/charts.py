"""Charts for ``newscrawl report``: matplotlib figures (Agg canvas) as self-contained inline SVG.

Each function takes plain lists and returns an ``<svg>`` element ready to paste into HTML:
text stays text (so a browser, a search or a screen reader sees titles and labels), the ids
are prefixed per chart (several charts share one page) and nothing refers outside the page
(no XML prolog, DOCTYPE, namespace URLs or metadata).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

OTHER_COLOUR = "#9e9e9e"
MAX_TICK_LABELS = 16

_RC = {
    "svg.fonttype": "none",  # keep <text>, not glyph paths
    "svg.hashsalt": "newscrawl",  # the same data gives the same SVG
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _palette(names: Sequence[str]) -> list[str]:
    cmap = matplotlib.colormaps["tab10"]
    colours, i = [], 0
    for name in names:
        if name == "other":
            colours.append(OTHER_COLOUR)
        else:
            colours.append(matplotlib.colors.to_hex(cmap(i % 10)))
            i += 1
    return colours


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _period_ticks(ax: matplotlib.axes.Axes, periods: Sequence[str]) -> None:
    step = max(1, -(-len(periods) // MAX_TICK_LABELS))
    positions = list(range(0, len(periods), step))
    ax.set_xticks(positions, [periods[i] for i in positions], rotation=45, ha="right")
    ax.set_xlim(-0.6, len(periods) - 0.4)


def _svg(fig: Figure, chart_id: str, title: str) -> str:
    """The figure as an inline ``<svg>`` with ids prefixed by ``chart_id`` and a <title>."""
    buffer = io.StringIO()
    with matplotlib.rc_context(_RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None,
                                                    "Type": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", svg)
    svg = svg.replace("xlink:href=", "href=")
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{chart_id}-{m[1]}"', svg)
    svg = re.sub(r'(url\(#|href="#)([^)"]+)',
                 lambda m: f"{m[1]}{chart_id}-{m[2]}" if m[2] in ids else m[0], svg)
    # scale to the page: keep the viewBox, drop the fixed size
    svg = re.sub(r'<svg\s+width="[^"]*"\s+height="[^"]*"',
                 f'<svg id="{chart_id}" class="chart" role="img" aria-labelledby="{chart_id}-title"', svg,
                 count=1)
    head_end = svg.index(">") + 1
    return f'{svg[:head_end]}\n <title id="{chart_id}-title">{html.escape(title)}</title>{svg[head_end:]}'


def stacked_bars(
    chart_id: str, periods: Sequence[str], series: dict[str, Sequence[int]], *, title: str,
    xlabel: str, ylabel: str,
) -> str:
    """Bars per period, one stacked segment per series (legend in series order)."""
    with matplotlib.rc_context(_RC):
        fig = _figure(10, 5)
        ax = fig.add_subplot()
        bottoms = [0] * len(periods)
        for (name, values), colour in zip(series.items(), _palette(list(series)), strict=True):
            ax.bar(range(len(periods)), values, bottom=bottoms, label=name, color=colour, width=0.8)
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
        _period_ticks(ax, periods)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
        ax.grid(axis="y", alpha=0.3)
        if len(series) > 1:
            ax.legend(title="outlet", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return _svg(fig, chart_id, title)


def horizontal_bars(
    chart_id: str, labels: Sequence[str], values: Sequence[int], *, title: str, xlabel: str,
    ylabel: str, colours: Sequence[str] | None = None,
) -> str:
    """One horizontal bar per label, the first label on top, each bar labelled with its value."""
    with matplotlib.rc_context(_RC):
        fig = _figure(10, 1.2 + 0.4 * max(len(labels), 2))
        ax = fig.add_subplot()
        positions = list(range(len(labels)))
        bars = ax.barh(positions, values, color=list(colours) if colours else "#1f77b4", height=0.7)
        ax.bar_label(bars, padding=3)
        ax.set_yticks(positions, list(labels))
        ax.invert_yaxis()
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlim(0, max(values, default=1) * 1.12 + 0.5)
        ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
        ax.grid(axis="x", alpha=0.3)
    return _svg(fig, chart_id, title)


def lines(
    chart_id: str, periods: Sequence[str], series: dict[str, Sequence[int]], *, title: str,
    xlabel: str, ylabel: str, legend_title: str,
) -> str:
    """One line (with markers) per series over the periods."""
    markers = "osD^v<>ph*"
    with matplotlib.rc_context(_RC):
        fig = _figure(10, 5)
        ax = fig.add_subplot()
        colours = _palette(list(series))
        for i, ((name, values), colour) in enumerate(zip(series.items(), colours, strict=True)):
            ax.plot(range(len(periods)), values, label=name, color=colour, marker=markers[i % len(markers)],
                    markersize=4, linewidth=1.5)
        _period_ticks(ax, periods)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_ylim(bottom=0)
        ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
        ax.grid(alpha=0.3)
        ax.legend(title=legend_title, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return _svg(fig, chart_id, title)


def intervals(
    chart_id: str, labels: Sequence[str], values: Sequence[float], lows: Sequence[float],
    highs: Sequence[float], *, title: str, xlabel: str, ylabel: str,
) -> str:
    """One point per label with its interval as a horizontal bar (values in 0..1, shown in %)."""
    with matplotlib.rc_context(_RC):
        fig = _figure(10, 1.2 + 0.4 * max(len(labels), 2))
        ax = fig.add_subplot()
        positions = list(range(len(labels)))
        centre = [100 * v for v in values]
        below = [100 * (v - lo) for v, lo in zip(values, lows, strict=True)]
        above = [100 * (hi - v) for v, hi in zip(values, highs, strict=True)]
        ax.errorbar(centre, positions, xerr=[below, above], fmt="o", color="#1f77b4", capsize=4)
        ax.set_yticks(positions, list(labels))
        ax.invert_yaxis()
        ax.set_xlim(0, 105)
        ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
        ax.grid(axis="x", alpha=0.3)
    return _svg(fig, chart_id, title)


__all__ = ["horizontal_bars", "intervals", "lines", "stacked_bars"]
