"""SVG charts of reported figures over time, drawn at build time (no script needed to read them).

A measure gets a chart when its figures describe at least two different dates. It is drawn
twice: a wide drawing for screens of 720 px and more, and a narrow one for phones, each with
text of at least 12 px where it is shown (the figures page shows the one that fits; see
record_builder/templates/figures.md.j2 and plugin/record_site/assets/accessibility.css).

Each series is one reporter as one source gives it (the same party quoted in two pieces is two
series): its own colour and marker shape, so the chart reads without colour too, and a legend
line saying who reported the figures and in which source. Every point is labelled with its value
as reported ('at least 21'); labels are placed where they overlap no other label or marker, and
points that fall on the same spot are drawn side by side. Approximate or open dates are drawn
hollow, at the earliest day they allow. The table below the chart on the figures page gives the
same data, for screen readers and for exact reading.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from html import escape

from . import i18n, locations
from .formats import amount, date_label, short_day
from .model import Figure, Measure

# Colours with at least 4.5:1 contrast on white; shapes tell series apart without colour.
COLOURS = ["#1f4e9c", "#b3261e", "#1b6e3a", "#7a4a00", "#5b2a86", "#00616b"]
SHAPES = ["circle", "square", "diamond", "triangle", "circle", "square"]
CHAR_WIDTH = 0.6  # a generous average glyph width, in ems, for placing and wrapping text


@dataclass(frozen=True)
class Layout:
    """One drawing's geometry, in SVG units (shown at about one unit per CSS pixel)."""
    name: str
    width: int
    plot_height: int
    left: int
    right: int
    top: int
    font: int

    def wrap(self, text: str, start: float) -> list[str]:
        """Lines of text that, starting at x = start, end 8 units before the right edge."""
        columns = int((self.width - start - 8) / (self.font * CHAR_WIDTH))
        return textwrap.wrap(text, max(columns, 20)) or [""]


# Wide: shown at about 690 px in the desktop layout (14 px text stays over 13 px). Narrow: shown at
# 380 px or less; 16 px text is 15 px at a 390-px phone's 358 px and 12 px at a 320-px one's 288 px.
WIDE = Layout("wide", width=720, plot_height=240, left=52, right=24, top=36, font=14)
NARROW = Layout("narrow", width=380, plot_height=260, left=44, right=16, top=36, font=16)
LAYOUTS = (WIDE, NARROW)


def charted_measures(measures: list[Measure]) -> list[Measure]:
    return [m for m in measures if len({_day(f) for f in _plotted(m)}) >= 2]


def chart_path(measure: Measure, layout: Layout) -> str:
    """The chart's file, relative to docs/: charts/ID.svg (wide) and charts/ID--narrow.svg."""
    return locations.chart(measure.id, None if layout is WIDE else layout.name)


def _plotted(measure: Measure) -> list[Figure]:
    """The figures with a number to plot (a figure given only in words has none)."""
    return [f for f in measure.figures if getattr(f, "value", None) is not None]


def _day(figure: Figure) -> dt.date:
    """Where a figure sits on the time axis: the earliest day its as-of date allows."""
    day = figure.as_of.earliest or figure.as_of.latest
    assert day is not None  # a date has a start, an end or both
    return day


def _value(figure: Figure) -> float:
    """The number of a plotted figure (see _plotted)."""
    assert figure.value is not None
    return figure.value


def _who(reporter, lang: str) -> str:
    """Who gives a series' figures: an actor, or the source itself when it names no one."""
    _ = i18n.translator(lang)
    return reporter.name if reporter is not None else _("The source itself")


def _who_via(reporter, via, lang: str) -> str:
    """Who gives a series' figures, and who relayed them, if anyone did."""
    if via is None:
        return _who(reporter, lang)
    _ = i18n.translator(lang)
    return _("%(who)s, as relayed by %(via)s") % {"who": _who(reporter, lang), "via": via.in_sentence}


def _hollow(figure: Figure) -> bool:
    return figure.as_of.approximate or figure.as_of.earliest is None or figure.as_of.latest is None


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


def _text_box(x: float, y: float, text: str, anchor: str, font: int) -> tuple:
    """(left, top, right, bottom) of a one-line text drawn at baseline y."""
    width = len(text) * font * CHAR_WIDTH
    left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    return (left, y - font * 0.8, left + width, y + font * 0.25)


def _overlaps(a: tuple, b: tuple, gap: float = 2) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _series(figures: list[Figure]) -> list[tuple]:
    """[(reporter, via, source)] in order of first appearance: who gives the figures, and where."""
    keys = []
    for f in figures:
        key = (f.reported_by, f.via, f.source)
        if key not in keys:
            keys.append(key)
    return keys


def measure_svg(measure: Measure, describe_source, layout: Layout = WIDE, lang: str = i18n.DEFAULT) -> str:
    """The chart as a standalone SVG document; `describe_source(source)` names a source in the legend."""
    _ = i18n.translator(lang)
    figures = sorted(_plotted(measure), key=lambda f: (_day(f), f.value, f.source.id, f.number))
    series = _series(figures)
    lay = layout
    font = lay.font
    first, last = min(_day(f) for f in figures), max(_day(f) for f in figures)
    span = max((last - first).days, 1)
    top = _nice_top(max(max(_value(f), f.value_max or 0) for f in figures) * 1.1)
    plot_left, plot_right = lay.left, lay.width - lay.right
    plot_top, plot_bottom = lay.top, lay.top + lay.plot_height
    # Points are kept off the frame's sides so that their labels have room.
    inner_left, inner_right = plot_left + 14, plot_right - 14

    def x_of(day: dt.date) -> float:
        return inner_left + (inner_right - inner_left) * (day - first).days / span

    def y_of(value: float) -> float:
        return plot_top + lay.plot_height * (1 - value / top)

    body: list[str] = []
    for i in range(6):  # horizontal grid with values
        value = top * i / 5
        y = y_of(value)
        body.append(f'<line x1="{plot_left}" y1="{y:.1f}" x2="{plot_right}" y2="{y:.1f}" stroke="#d0d0d0"/>')
        body.append(f'<text x="{plot_left - 6}" y="{y + font * 0.35:.1f}" text-anchor="end" fill="#333333">'
                    f'{value:g}</text>')
    body.append(f'<line x1="{plot_left}" y1="{plot_bottom}" x2="{plot_right}" y2="{plot_bottom}" stroke="#333333"/>')
    date_rows = _date_ticks(sorted({_day(f) for f in figures}), x_of, lay, plot_bottom, body, lang)

    # Markers: points on the same spot are spread sideways, so that each shows.
    spots: dict = {}
    for f in figures:
        spots.setdefault((round(x_of(_day(f))), round(y_of(_value(f)))), []).append(f)
    position = {}
    for (x, y), group in spots.items():
        for i, f in enumerate(group):
            spread = x + (i - (len(group) - 1) / 2) * 13
            position[id(f)] = (min(max(spread, plot_left + 8), plot_right - 8), y)
    markers = [(x - 8, y - 8, x + 8, y + 8) for x, y in position.values()]
    for index, key in enumerate(series):
        colour, shape = COLOURS[index % len(COLOURS)], SHAPES[index % len(SHAPES)]
        points = [f for f in figures if (f.reported_by, f.via, f.source) == key]
        if len(points) > 1:
            path = " ".join(f"{'M' if i == 0 else 'L'}{position[id(f)][0]:.1f} {position[id(f)][1]:.1f}"
                            for i, f in enumerate(points))
            body.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.5" stroke-dasharray="4 3"/>')
        for f in points:
            body.append(_marker(shape, *position[id(f)], colour, _hollow(f)))

    # Labels: each where it overlaps no marker and no other label, inside the frame.
    placed: list[tuple] = []
    frame = (plot_left + 2, plot_top - font - 4, plot_right, plot_bottom - 2)
    for f in sorted(figures, key=lambda f: (position[id(f)][0], -_value(f))):
        colour = COLOURS[series.index((f.reported_by, f.via, f.source)) % len(COLOURS)]
        x, y = position[id(f)]
        text = amount(f, lang)
        spot = None
        for dx, dy, anchor in _label_spots(font):
            candidate = _text_box(x + dx, y + dy, text, anchor, font)
            inside = (candidate[0] >= frame[0] and candidate[2] <= frame[2]
                      and candidate[1] >= frame[1] and candidate[3] <= frame[3])
            if inside and not any(_overlaps(candidate, other) for other in placed + markers):
                box, spot = candidate, (x + dx, y + dy, anchor)
                break
        if spot is None:  # crowded beyond every spot: the highest free row above the point
            dx, anchor = (-10, "end") if x > (plot_left + plot_right) / 2 else (10, "start")
            row = y - 9
            box = _text_box(x + dx, row, text, anchor, font)
            while any(_overlaps(box, other) for other in placed):
                row -= font + 2
                box = _text_box(x + dx, row, text, anchor, font)
            spot = (x + dx, row, anchor)
        placed.append(box)
        body.append(f'<text x="{spot[0]:.1f}" y="{spot[1]:.1f}" text-anchor="{spot[2]}" fill="{colour}" '
                    f'font-weight="700">{escape(text)}</text>')

    # The legend: who reported each series' figures, and in which source.
    y = plot_bottom + 20 + font * (date_rows + 1) + 10
    body.append(f'<text x="8" y="{y:.1f}" fill="#222222" font-weight="700">{escape(_("Reported by"))}</text>')
    y += font + 8
    for index, (reporter, via, source) in enumerate(series):
        colour, shape = COLOURS[index % len(COLOURS)], SHAPES[index % len(SHAPES)]
        who, where = _who_via(reporter, via, lang), describe_source(source)
        # "UN News, 10 Oct 2025" already says who: not "UN News, in UN News, 10 Oct 2025".
        said = where if where.startswith(who) else _("%(who)s, in %(source)s") % {"who": who, "source": where}
        lines = lay.wrap(said, start=30)
        body.append(_marker(shape, 16, y - font * 0.35, colour, False))
        for line in lines:
            body.append(f'<text x="30" y="{y:.1f}" fill="#222222">{escape(line)}</text>')
            y += font + 4
        y += 4
    notes = (_("Hollow marker: the date is approximate or open-ended; the point sits at the earliest day "
                          "it allows."),
             _("The table below the chart gives every figure with what it counts and its source."))
    y += 6
    for note in notes:
        for line in lay.wrap(note, start=8):
            body.append(f'<text x="8" y="{y:.1f}" fill="#444444">{escape(line)}</text>')
            y += font + 4
    height = int(y + 6)

    title = _("%(label)s, as reported over time, by who reported them") % {"label": measure.label}
    desc = "; ".join(_("%(amount)s as of %(date)s, reported by %(who)s")
                     % {"amount": amount(f, lang), "date": date_label(f.as_of, lang), "who": _who_via(f.reported_by, f.via, lang)}
                     + f" ({describe_source(f.source)}){': ' + f.attribution if f.attribution else ''}"
                     for f in figures)
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {lay.width} {height}" width="{lay.width}" '
        f'height="{height}" role="img" aria-labelledby="t d" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="{font}">',
        f'<title id="t">{escape(title)}</title>',
        f'<desc id="d">{escape(desc)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    return "\n".join(head + body + ["</svg>"]) + "\n"


def chart_size(svg: str) -> tuple[int, int]:
    """(width, height) of a drawing made by measure_svg, for the page's <img> (no layout shift)."""
    tag = svg[:svg.index(">")]
    width = int(tag.split(' width="', 1)[1].split('"', 1)[0])
    height = int(tag.split(' height="', 1)[1].split('"', 1)[0])
    return width, height


def _label_spots(font: int) -> list[tuple]:
    """Where a point's label may go, best first: (dx, dy of the baseline, text-anchor)."""
    above, below = -9, font + 6
    spots = [(10, above, "start"), (-10, above, "end"), (10, below, "start"), (-10, below, "end"),
             (0, above - 4, "middle"), (0, below + 4, "middle")]
    spots += [(dx, above - step * (font + 3), anchor) for step in (1, 2, 3)
              for dx, anchor in ((10, "start"), (-10, "end"))]
    return spots


def _date_ticks(days: list[dt.date], x_of, lay: Layout, plot_bottom: float, body: list[str], lang: str) -> int:
    """A tick at every reported date, its label on the first row where it overlaps no other label
    (the outer labels kept inside the frame); returns how many rows were used."""
    rows: list[list[tuple]] = []
    for day in days:
        x = x_of(day)
        text = short_day(day, lang)
        width = len(text) * lay.font * CHAR_WIDTH
        anchor = "middle"
        if x - width / 2 < 4:
            anchor = "start"
        elif x + width / 2 > lay.width - 4:
            anchor = "end"
        body.append(f'<line x1="{x:.1f}" y1="{plot_bottom}" x2="{x:.1f}" y2="{plot_bottom + 5}" stroke="#333333"/>')
        for row_index in range(len(rows) + 1):
            y = plot_bottom + 20 + row_index * (lay.font + 4)
            box = _text_box(x, y, text, anchor, lay.font)
            if row_index == len(rows):
                rows.append([])
            if not any(_overlaps(box, other, gap=6) for other in rows[row_index]):
                rows[row_index].append(box)
                body.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="#333333">{text}</text>')
                break
    return max(len(rows), 1)
