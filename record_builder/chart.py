"""SVG charts of reported figures over time, drawn at build time (no script needed to read them).

A measure gets a chart when its figures describe at least two different dates.
Each source has its own colour and marker shape, so the chart reads without
colour too; every point is labelled with its value as reported ('at least 21');
approximate or open dates are drawn hollow. The figures page shows the same data
as a table beside the chart, for screen readers and for exact reading.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from .record import Figure, Measure

WIDTH, PLOT_HEIGHT = 720, 220
LEFT, RIGHT, TOP = 56, 24, 28
# Colours with at least 4.5:1 contrast on white; shapes tell sources apart without colour.
COLOURS = ["#1f4e9c", "#b3261e", "#1b6e3a", "#7a4a00", "#5b2a86", "#00616b"]
SHAPES = ["circle", "square", "diamond", "triangle", "circle", "square"]


def charted_measures(measures: list[Measure]) -> list[Measure]:
    return [m for m in measures if len({_day(f) for f in _numbered(m)}) >= 2]


def _numbered(measure: Measure) -> list[Figure]:
    """The figures that can be plotted: a figure given only in words ('millions') has no height."""
    return [f for f in measure.figures if f.value is not None]


def _day(figure: Figure) -> dt.date:
    """Where a figure sits on the time axis: the earliest day its as-of date allows."""
    return figure.as_of.earliest or figure.as_of.latest


def _reporter(figure: Figure, describe_source) -> str:
    """Who reports the figure, as the source words it (the legend names only the source)."""
    who = figure.reported_by.name if figure.reported_by else "the source itself"
    words = f"reported by {who} ({describe_source(figure.source)})"
    return f"{words}: {figure.attribution}" if figure.attribution else words


def _marker(shape: str, x: float, y: float, colour: str, hollow: bool) -> str:
    fill = "#ffffff" if hollow else colour
    style = f'fill="{fill}" stroke="{colour}" stroke-width="2"'
    if shape == "square":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" {style}/>'
    if shape == "diamond":
        return f'<path d="M{x:.1f} {y - 7:.1f}L{x + 7:.1f} {y:.1f}L{x:.1f} {y + 7:.1f}L{x - 7:.1f} {y:.1f}Z" {style}/>'
    if shape == "triangle":
        return f'<path d="M{x:.1f} {y - 7:.1f}L{x + 7:.1f} {y + 6:.1f}L{x - 7:.1f} {y + 6:.1f}Z" {style}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5" {style}/>'


def _nice_top(value: float) -> int:
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if value <= step * 5:
            return int(-(-value // step) * step) or step
    return int(value)


def measure_svg(measure: Measure, describe_source) -> str:
    """The chart as a standalone SVG document; `describe_source(source)` gives the legend text."""
    figures = sorted(_numbered(measure), key=lambda f: (_day(f), f.value, f.source.id, f.number))
    sources = []
    for f in figures:
        if f.source not in sources:
            sources.append(f.source)
    first, last = min(_day(f) for f in figures), max(_day(f) for f in figures)
    span = max((last - first).days, 1)
    top = _nice_top(max(max(f.value, f.value_max or 0) for f in figures) * 1.1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, PLOT_HEIGHT
    legend_top = TOP + plot_h + 48
    height = legend_top + 18 * len(sources) + 40

    def x_of(day: dt.date) -> float:
        return LEFT + plot_w * (day - first).days / span

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    title = f"{measure.label}, as reported over time, by source"
    desc = "; ".join(f"{f.amount()} as of {f.as_of.label()}, {_reporter(f, describe_source)}" for f in figures)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-labelledby="t d" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" '
        f'font-size="12">',
        f'<title id="t">{escape(title)}</title>',
        f'<desc id="d">{escape(desc)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    for i in range(6):  # horizontal grid with values
        value = top * i / 5
        y = y_of(value)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#d0d0d0"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" fill="#333333">{value:g}</text>')
    days = sorted({_day(f) for f in figures})
    for day in days:  # a tick and date at every reported date; the outer labels stay inside the frame
        x = x_of(day)
        anchor = "start" if day == days[0] else "end" if day == days[-1] else "middle"
        parts.append(f'<line x1="{x:.1f}" y1="{TOP + plot_h}" x2="{x:.1f}" y2="{TOP + plot_h + 5}" stroke="#333333"/>')
        parts.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 20}" text-anchor="{anchor}" fill="#333333">'
                     f'{day.day} {day:%b} {day.year}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#333333"/>')
    labelled: dict = {}
    for index, source in enumerate(sources):
        colour, shape = COLOURS[index % len(COLOURS)], SHAPES[index % len(SHAPES)]
        points = [f for f in figures if f.source is source]
        if len(points) > 1:
            path = " ".join(f"{'M' if i == 0 else 'L'}{x_of(_day(f)):.1f} {y_of(f.value):.1f}"
                            for i, f in enumerate(points))
            parts.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.5" stroke-dasharray="4 3"/>')
        for f in points:
            x, y = x_of(_day(f)), y_of(f.value)
            hollow = f.as_of.approximate or f.as_of.earliest is None or f.as_of.latest is None
            parts.append(_marker(shape, x, y, colour, hollow))
            # Labels of figures at the same spot are stacked upwards, never drawn over each other.
            stacked = labelled.setdefault((round(x), round(y)), 0)
            labelled[(round(x), round(y))] += 1
            anchor = "end" if x > WIDTH - RIGHT - 60 else "start"
            dx = -10 if anchor == "end" else 10
            parts.append(f'<text x="{x + dx:.1f}" y="{y - 8 - 15 * stacked:.1f}" text-anchor="{anchor}" '
                         f'fill="{colour}" font-weight="600">{escape(f.amount())}</text>')
        legend_y = legend_top + 18 * index
        parts.append(_marker(shape, LEFT + 6, legend_y - 4, colour, False))
        parts.append(f'<text x="{LEFT + 18}" y="{legend_y}" fill="#222222">{escape(describe_source(source))}</text>')
    notes = ("Hollow marker: the date is approximate or open-ended; it is placed at its earliest possible day.",
             "Labels give each figure as reported. The table beside the chart gives who reported it.")
    for line, note in enumerate(notes):
        parts.append(f'<text x="{LEFT}" y="{height - 24 + 15 * line}" fill="#444444">{note}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
