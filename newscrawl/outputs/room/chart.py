"""Attention over time: matching articles per day (or week, or month) by outlet, as inline SVG.

Hand-written SVG rather than matplotlib (which the report uses): the chart is drawn on every
search, and must cost well under a millisecond. Stacked bars, one colour per outlet (the
report's tab10 palette, the rest as grey "other"); the legend is HTML, so it wraps on a phone.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

__all__ = ["OTHER", "Timeline", "bin_timeline", "svg"]

TOP_OUTLETS = 8
OTHER = "other outlets"
DAILY_MAX_DAYS = 92
WEEKLY_MAX_DAYS = 731
# matplotlib's tab10, as the report's charts use; "other" is the report's grey.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")
OTHER_COLOUR = "#9e9e9e"

WIDTH, HEIGHT = 960, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 10, 28


@dataclass
class Timeline:
    """Bins (their first days, ISO) and, per outlet label, the articles in each bin."""

    bin: str = "day"
    periods: list[str] = field(default_factory=list)
    series: dict[str, list[int]] = field(default_factory=dict)
    colours: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(map(sum, self.series.values()))


def _bin_start(day: date, bin: str) -> date:
    if bin == "week":
        return day - timedelta(days=day.weekday())
    if bin == "month":
        return day.replace(day=1)
    return day


def _next(day: date, bin: str) -> date:
    if bin == "week":
        return day + timedelta(days=7)
    if bin == "month":
        return date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return day + timedelta(days=1)


def bin_timeline(rows: Iterable[Sequence[Any]], labels: Mapping[str, str] | None = None) -> Timeline:
    """Rows (day (ISO), outlet, articles) -> a :class:`Timeline` with every bin from the first to
    the last day (empty ones too): days up to 92 days, weeks up to two years, months beyond.

    The :data:`TOP_OUTLETS` outlets with the most articles keep their own series (named by
    ``labels``, slug -> name), the rest are summed as :data:`OTHER`.
    """
    counts: dict[tuple[date, str], int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    days: dict[str, date | None] = {}
    for text, outlet, n in rows:
        if text not in days:
            try:
                days[text] = date.fromisoformat(str(text))
            except ValueError:
                days[text] = None
        day = days[text]
        if day is None:
            continue
        counts[(day, outlet)] += n
        totals[outlet] += n
    if not counts:
        return Timeline()
    first, last = min(d for d, _ in counts), max(d for d, _ in counts)
    span = (last - first).days + 1
    bin = "day" if span <= DAILY_MAX_DAYS else "week" if span <= WEEKLY_MAX_DAYS else "month"
    starts: list[date] = []
    start = _bin_start(first, bin)
    while start <= last:
        starts.append(start)
        start = _next(start, bin)
    index = {s: i for i, s in enumerate(starts)}
    top = set(sorted(totals, key=lambda o: (-totals[o], o))[:TOP_OUTLETS])
    names = dict(labels or {})
    ranked = sorted(top, key=lambda o: (-totals[o], o))
    series: dict[str, list[int]] = {names.get(o, o): [0] * len(starts) for o in ranked}
    if len(totals) > len(top):
        series[OTHER] = [0] * len(starts)
    keys = {o: names.get(o, o) if o in top else OTHER for o in totals}
    slots = {d: index[_bin_start(d, bin)] for d in {d for d, _ in counts}}
    for (day, outlet), n in counts.items():
        series[keys[outlet]][slots[day]] += n
    colours = {name: OTHER_COLOUR if name == OTHER else PALETTE[i % len(PALETTE)]
               for i, name in enumerate(series)}
    return Timeline(bin, [s.isoformat() for s in starts], series, colours)


def _nice_step(value: int, lines: int = 4) -> int:
    """A whole, round step (1, 2 or 5 times a power of ten) of which ``lines`` reach ``value``."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if step * m * lines >= value:
                return step * m
        step *= 10


def svg(timeline: Timeline, *, title: str) -> str:
    """The stacked-bar chart of ``timeline`` as an ``<svg>`` element (scales to its container)."""
    e = html.escape
    n = len(timeline.periods)
    stacks = [sum(values[i] for values in timeline.series.values()) for i in range(n)]
    peak = max(stacks, default=0) or 1
    lines = min(4, peak)  # whole numbers on the axis: a peak of 2 gets lines at 0, 1, 2
    step = _nice_step(peak, lines)
    top = step * lines
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(n, 1)
    bar = max(slot * 0.8, 1.0)
    parts = [f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{e(title)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{e(title)}</title>']
    for k in range(lines + 1):  # horizontal grid lines and the y axis labels
        y = TOP + plot_h - plot_h * k / lines
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" class="ylabel">{step * k:,}</text>')
    series = [(e(name), timeline.colours[name], values) for name, values in timeline.series.items()]
    for i, period in enumerate(timeline.periods):  # one group per bar, its tooltip listing the outlets
        if not stacks[i]:
            continue
        x = LEFT + i * slot + (slot - bar) / 2
        y = TOP + plot_h
        rects, tip = [], []
        for name, colour, values in series:
            if values[i]:
                h = plot_h * values[i] / top
                y -= h
                rects.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                             f'fill="{colour}"/>')
                tip.append(f"{name} {values[i]}")
        parts.append(f"<g><title>{period}: {stacks[i]} ({', '.join(tip)})</title>{''.join(rects)}</g>")
    ticks = sorted({0, n - 1, *range(0, n, max(1, n // 6))}) if n else []
    for i in ticks:
        if i and i != n - 1 and n - 1 - i < max(1, n // 12):
            continue  # keep the last label clear of its neighbour
        x = LEFT + i * slot + slot / 2
        label = timeline.periods[i][:7] if timeline.bin == "month" else timeline.periods[i]
        anchor = ' style="text-anchor:end"' if i == n - 1 and n > 1 else ""
        x += slot / 2 if anchor else 0
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 8}" class="xlabel"{anchor}>{e(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
