"""Charts of reported figures: legible on a phone, no label over another, a legend of who reported what."""

from __future__ import annotations

import dataclasses
import re

import pytest

from support import minimal_record
from record_builder import chart
from record_builder.model import Measure
from record_builder.words import citation_text


@pytest.fixture(scope="module")
def record():
    return minimal_record()


def _crowded(record) -> Measure:
    """Every actor reporting the same number, and a different one, on the same two days: the worst case
    for labels (the record's own 10 October piece gives '21' and 'at least 21' for one day)."""
    base = record.measures[0].figures[0]
    figures = []
    for actor in record.actors:
        for qualifier, value in (("exactly", 21), ("at-least", 21), ("more-than", 80)):
            for as_of in {f.as_of for f in record.measures[0].figures}:
                figures.append(dataclasses.replace(base, number=len(figures) + 1, reported_by=actor, value=value,
                                                   qualifier=qualifier, as_of=as_of))
    measure = Measure(id="crowded", figures=figures)
    for f in figures:
        f.measure = measure
    return measure


def _texts(svg: str) -> list[tuple]:
    """(x, y, anchor, text) of every label drawn in the plot (bold ones)."""
    return [(float(x), float(y), anchor, text) for x, y, anchor, text in
            re.findall(r'<text x="([\d.-]+)" y="([\d.-]+)" text-anchor="(\w+)" fill="#\w+" font-weight="700">([^<]*)</text>', svg)]


@pytest.mark.parametrize("layout", chart.LAYOUTS, ids=lambda layout: layout.name)
def test_no_label_overlaps_another_or_leaves_the_chart(record, layout):
    svg = chart.measure_svg(_crowded(record), citation_text, layout)
    labels = _texts(svg)
    assert len(labels) == len(_crowded(record).figures)
    boxes = [chart._text_box(x, y, text.replace("&amp;", "&"), anchor, layout.font) for x, y, anchor, text in labels]
    for i, a in enumerate(boxes):
        assert 0 <= a[0] and a[2] <= layout.width, labels[i]
        for j, b in enumerate(boxes[:i]):
            assert not chart._overlaps(a, b, gap=0), (labels[i], labels[j])


@pytest.mark.parametrize("layout", chart.LAYOUTS, ids=lambda layout: layout.name)
def test_text_is_legible_where_each_drawing_is_shown(record, layout):
    """The wide drawing is shown at about 690 px, the narrow one at 358 px on a 390-px phone and 288 px
    on a 320-px one: no text may come out under 12 px there."""
    svg = chart.measure_svg(record.measures[0], citation_text, layout)
    shown_at = {"wide": [688], "narrow": [358, 288]}[layout.name]
    sizes = [int(s) for s in re.findall(r'font-size="(\d+)"', svg)]
    assert sizes and all(size * min(shown_at) / layout.width >= 12 for size in sizes)


def test_the_legend_says_who_reported_each_series_and_where(record):
    measure = record.measures[0]
    svg = chart.measure_svg(measure, citation_text, chart.NARROW)
    legend = " ".join(re.findall(r'<text x="30" y="[\d.]+" fill="#222222">([^<]*)</text>', svg))
    for f in measure.figures:
        assert f.reported_by.name in legend
        assert citation_text(f.source) in legend
    assert "The table below the chart" in svg


def test_both_drawings_are_on_the_figures_page_with_their_sizes(record):
    from record_builder.render import Pages

    pages = Pages(record).all()
    page = pages["docs/figures.md"]
    for measure in chart.charted_measures(record.measures):
        for layout in chart.LAYOUTS:
            path = chart.chart_path(measure, layout)
            width, height = chart.chart_size(pages[f"docs/{path}"])
            assert f"]({path}){{ .chart .chart--{layout.name} width=\"{width}\" height=\"{height}\"" in page
