"""The timeline's markup (the contract shared with the editorial branch): one <details class="tl-event">
per event, its data-* attributes and a one-line summary, whatever text the YAML holds."""

from __future__ import annotations

import html
import re

import markdown
import pytest

from support import minimal_record
from record_builder.model import timeline_actors
from record_builder.render import Pages
from test_render import HOSTILE

EVENT = re.compile(r'<details class="tl-event" id="([^"]+)" (data-actors="[^"]*") (data-legal="[^"]*") '
                   r'(data-kind="[^"]*")>\n<summary><span class="tl-date">(.*?)</span> <span class="tl-title">(.*?)</span> '
                   r'<span class="tl-parties">(.*?)</span></summary>', re.S)


@pytest.fixture
def record():
    return minimal_record()


def _timeline_html(record) -> str:
    page = Pages(record).all()["docs/timeline.md"].split("---\n", 2)[2]
    return markdown.markdown(page, extensions=["attr_list", "md_in_html", "tables", "toc"])


def test_each_event_is_one_details_block_with_the_contract_attributes(record):
    found = EVENT.findall(_timeline_html(record))
    assert len(found) == len(record.events)
    for event, (event_id, actors, legal, kind, date, title, parties) in zip(record.events, found):
        assert event_id == event.id
        assert actors == f'data-actors="{" ".join(timeline_actors(event))}"'  # its actors and its speakers
        assert legal == f'data-legal="{" ".join(q.id for q in event.legal)}"'
        assert kind == 'data-kind=""'  # until the schema gives events a kind
        assert html.unescape(date).startswith(event.date.label())
        assert html.unescape(title) == event.title
        assert html.unescape(parties) == ", ".join(a.name for a in event.actors)


@pytest.mark.parametrize("text", HOSTILE)
def test_summary_text_from_the_yaml_stays_text(record, text):
    account = record.events[0].accounts[0]
    account.title = text
    found = EVENT.findall(_timeline_html(record))
    assert len(found) == len(record.events)
    title = found[0][5]
    assert "<" not in title.replace("&lt;", "")  # no element made from the text
    assert html.unescape(title) == " ".join(text.split())
