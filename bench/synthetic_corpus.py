#!/usr/bin/env python3
"""A synthetic corpus in the project's real format, to measure how the build scales.

    python bench/synthetic_corpus.py --events 10000 --seed 1 --out /tmp/corpus-10k

writes /tmp/corpus-10k/seeds/{sources,actors,legal}/*.yaml, valid against
record_builder/schema.py, and copies the repository's mkdocs.yml, overrides/ and a
docs/methodology.md stub (and docs/assets/, if any) beside them, so that both

    python build_pages.py --root /tmp/corpus-10k
    cd /tmp/corpus-10k && python -m mkdocs build

work there. The same arguments always give byte-identical files (one seeded
random.Random, no set iteration, no clock).

Shape, scaled from the real seeds/ (6 sources, 20 events, 45 actors, 6 legal questions):
- one source per ten events; each source introduces 4-16 new events (exactly
  --events in all) and about a third of sources also give their own account of 1-3
  events that earlier sources reported (the same `event` id, sometimes another date);
- about 12 statements, 2.5 figures and 4 legal points per source, referring to the
  source's own events and to earlier ones;
- actors: 20 + one for every two sources, legal questions: 6 + one for every 25
  sources; both picked with a Zipf-like popularity, so a few actors (a president, a
  government) appear in most sources, as in real coverage;
- dates of every precision the schema allows: days, months, years, spans, open
  spans, approximate dates with `derived`; published dates mostly days, some derived,
  approximate, month-only or null;
- text lengths close to the real seeds (source summaries ~1,650 characters, event
  summaries ~250, statements ~110), accented names (Padrino López, Güiria), and a
  little Markdown-significant punctuation (T&T, [sic], *, _, |, #) for the escaper.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import random
import re
import shutil
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

# ---- vocabulary ------------------------------------------------------------------------------

PLACES = [
    "Caracas", "Güiria", "Cumaná", "Maracaibo", "Puerto Cabello", "La Guaira", "Mérida", "Ciudad Bolívar",
    "San Cristóbal", "Port of Spain", "Chaguaramas", "Bogotá", "Cúcuta", "Willemstad", "Oranjestad",
    "Bridgetown", "Kingstown", "Santo Domingo", "San Juan", "Barranquilla", "São Luís", "Boa Vista",
    "the Paria peninsula", "the Gulf of Paria", "the southern Caribbean", "the eastern Pacific",
    "the Orinoco delta", "Isla Margarita", "Punto Fijo", "Cedros", "Icacos", "Tucupita", "Maturín",
    "the Columbus Channel", "Los Roques", "Coro", "Barcelona, Anzoátegui", "Puerto Ayacucho",
]
TOPICS = [
    "strike on a vessel", "naval exercise", "deployment of warships", "closure of the airspace",
    "sanctions announcement", "detention of a fishing boat", "Security Council meeting", "phone call",
    "border closure", "seizure of a cargo", "evacuation of nationals", "civic-military march",
    "drone overflight", "diplomatic protest", "talks on migration", "release of detainees",
    "oil licence decision", "coast guard patrol", "arrival of an aircraft carrier", "joint exercise",
    "recall of an ambassador", "militia enlistment drive", "suspension of flights", "maritime interdiction",
    "search for survivors", "closure of a consulate", "prisoner exchange", "humanitarian shipment",
]
QUOTES = [
    "extrajudicial killing", "unacceptable", "as long as necessary", "a grave violation of our sovereignty",
    "we will not be intimidated", "full force", "la patria se respeta", "nenhuma ameaça nos intimida",
    "every option is on the table", "an act of piracy", "a lawful act of self-defence", "very soon",
    "no one is above the law", "the region cannot afford another war", "narco-terrorists",
    "restraint on all sides", "fake news", "a dangerous escalation", "¡No pasarán!", "we are ready",
]
STATEMENT_KINDS = ["statement", "claim", "allegation", "denial", "rejection", "demand", "condemnation",
                   "warning", "call", "offer", "defence", "report"]
SOURCE_KINDS = ["news-report"] * 14 + ["un-news-report"] * 3 + ["agency-page", "official-statement",
                                                                 "unsourced-assertion"]
PUBLISHERS = [
    "UN News", "El Nacional", "Últimas Noticias", "Efecto Cocuyo", "Trinidad Guardian", "Newsday",
    "Trinidad Express", "Folha de São Paulo", "El Tiempo", "Caribbean Regional Wire", "Diario de Cumaná",
    "Radio Güiria", "The Harbour Times", "Miami Ledger", "Agencia Andina de Noticias", "Jamaica Observer",
    "Barbados Today", "Stabroek News", "Curaçao Chronicle", "Correo del Caroní",
]
FIRST = ["Nicolás", "José", "María", "Luisa", "Andrés", "Sofía", "João", "Inês", "Ramón", "Ángel", "Mónica",
         "Raúl", "Héctor", "Camila", "Tomás", "Julián", "Beatriz", "Sebastián", "Verónica", "Joaquín", "Daniel",
         "Sarah", "Michael", "Anne", "Kamla", "Keith", "Stuart", "Delcy", "Yván", "Gisela", "Rafael", "Iván"]
LAST = ["López", "Pérez", "González", "Rodríguez", "Hernández", "Muñoz", "Ibáñez", "Gómez", "Díaz", "Martínez",
        "Sánchez", "Ramírez", "Castillo", "Álvarez", "Fernández", "Jiménez", "Núñez", "Peña", "Gonçalves",
        "Araújo", "Brathwaite", "Persad", "Ramdeen", "Mohammed", "Baptiste", "Padrino", "Cabello", "Ortega",
        "Quintero", "Salazar", "Brown", "Whitfield"]
COUNTRIES = ["Venezuela", "United States", "Trinidad and Tobago", "Colombia", "Brazil", "Guyana", "Curaçao",
             "Barbados", "Cuba", "Mexico", "Panama", "Dominican Republic"]
OFFICES = ["Defence Minister", "Foreign Minister", "Interior Minister", "navy commander", "governor",
           "mayor", "senator", "ambassador to the UN", "coast guard chief", "opposition leader",
           "spokesperson", "national security adviser", "attorney general", "fisheries union leader"]
ORG_KINDS = [  # (kind, pattern)
    ("government", "Government of {c}"), ("ministry", "Ministry of Defence of {c}"),
    ("ministry", "Foreign Ministry of {c}"), ("military", "Armed forces of {c}"), ("military-unit", "{c} coast guard"),
    ("legislature", "National Assembly of {c}"), ("media", "{p}"), ("group", "Fishermen of {pl}"),
    ("group", "Residents of {pl}"), ("armed-group", "Armed group active near {pl}"),
    ("un-body", "UN office in {c}"), ("international-organisation", "Regional security council of {c}"),
    ("ship", "Patrol vessel {f} {l}"), ("state", "{c}"),
]
HEAD_ACTORS = [  # the few everyone writes about, as in real coverage
    ("donald-trump", "Donald Trump", "person", "United States", []),
    ("nicolas-maduro", "Nicolás Maduro", "person", "Venezuela", ["Nicolas Maduro", "Maduro"]),
    ("united-states-government", "United States government", "government", "United States", ["Washington"]),
    ("venezuelan-government", "Venezuelan government", "government", "Venezuela", ["Caracas"]),
    ("vladimir-padrino-lopez", "Vladimir Padrino López", "person", "Venezuela",
     ["Vladimir Padrino Lopez", "Padrino Lopez", "Padrino López"]),
    ("united-nations", "United Nations", "un-body", None, ["UN"]),
    ("us-military", "US military", "military", "United States", []),
    ("trinidad-and-tobago", "Trinidad and Tobago", "state", "Trinidad and Tobago", ["T&T", "Trinidad"]),
    ("diosdado-cabello", "Diosdado Cabello", "person", "Venezuela", []),
    ("un-human-rights-chief", "UN human rights chief", "un-official", None, []),
]

SENTENCES = [
    "{A} said the {T} near {P} was carried out without warning.",
    "According to {B}, at least {N} people were on board when the {T} took place.",
    "The piece says {A} rejected the allegations as politically motivated.",
    "{A} called for restraint and for an independent investigation into the {T}.",
    "Residents of {P} reported more patrols and troop movements in the days that followed.",
    "The report does not say who ordered the {T} or on what legal authority.",
    "{A} described the {T} as a necessary response to drug trafficking, a claim {B} disputes.",
    "Officials in {P} said they had not been informed in advance of the {T}.",
    "The item adds that talks brokered by {B} collapsed almost at once.",
    "It quotes {A} as saying the measures would continue for as long as necessary.",
    "Analysts cited in the piece warn that the crisis could spill over to T&T and its neighbours.",
    "{B} said it had asked for a meeting with {A} to discuss the {T}, without success.",
    "The text gives no figure for the cost of the operation and names no commander.",
    "Fishermen from {P} told the reporter that they had stopped going out at night.",
    "{A} accused {B} of using the {T} as a pretext for pressure on the government.",
    "The piece notes that {P} lies only a few miles from the coast of {Q}.",
    "Neither {A} nor {B} gave details of the vessels involved.",
    "A statement from {B} [sic] spoke of a lawful act of self-defence.",
    "The report cites figures from {B} that it could not verify independently.",
    "{A} said more than {N} tonnes of cargo had been seized near {P} since the start of the month.",
    "It says the {T} drew protests in {P} and in {Q}.",
    "The article quotes an unnamed diplomat who says the talks are at a very early stage.",
    "{A} told reporters in {P} that the country would not be intimidated.",
    "Later the same week {B} announced a further {T} off {Q}.",
    "The piece describes the mood in {P} as tense but calm, with shops open and schools running.",
    "According to the report, the vessel carried the registration number No. {N} and a crew of about {M}.",
    "The item gives the number of people killed in earlier strikes as {N}, citing {B}.",
    "{A} rejected what it called slanders and said the population was united.",
    "The account of {B} differs on the date: it places the {T} a few days earlier.",
    "Observers in {P} said that the *official* version left several questions open.",
    "The report calls the incident a turning point; the site keeps that label only as its assessment.",
    "It mentions an internal memo, file_{N}, which it says it has seen but does not publish.",
    "{A} said talks would only resume if the {T} ended | a condition {B} rejected.",
    "The source refers to item #{M} of the regional agenda without saying what it contains.",
    "Migration officials in {P} said arrivals from {Q} had risen sharply over the month.",
    "{A} and {B} spoke by telephone, according to a readout issued in {P}.",
]
EVENT_TITLES = [
    "{Tc} near {P}", "{A} announces a {T}", "{Tc} reported off {P}", "{B} protests the {T}",
    "{Tc} in {P}, according to {B}", "{A} orders a {T}", "Second {T} near {P}", "{Tc} and its aftermath in {P}",
]
SOURCE_TITLES = [
    "{A} warns of {T} as tension rises near {P}", "{Tc} near {P}: what we know",
    "{B} condemns {T} off {P}", "Residents of {P} describe the {T}", "{A} and {B} trade accusations over {T}",
    "UN urges restraint after {T} near {P}", "{Tc}: {A} says the operation will continue",
    "In {P}, fear and uncertainty after the {T}",
]
ROLES = [
    "{o}, who commented on the {T}", "Named as the source of the account of the {T}",
    "Said to have ordered the {T}", "Quoted on the consequences for {P}", "{o}, who rejected the allegations",
    "Mentioned only in passing, in connection with the {T}", "The party the piece says must halt the operation",
    "{o}, whose statement the piece reports in full", "Reported the figures the piece cites",
]
DERIVED_PUBLISHED = [
    "The date line reads '{d}'. Read as month/day it is {l}; the other reading is impossible given the events it reports.",
    "The text carries no date line; the editors date it from the events it reports, the last of which is on {l}.",
]


def slugify(text: str, limit: int = 80) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))[:limit].strip("-")


def unaccented(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def day_label(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# ---- YAML writing ----------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-zÀ-ÿ(][^:#\"{}\[\],&*!|>%@`\\]*$")
_RESERVED = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}


def scalar(text: str) -> str:
    """A one-line YAML scalar: plain when that is unambiguous, else double-quoted (JSON escaping)."""
    if _PLAIN.match(text) and text == text.strip() and text.lower() not in _RESERVED and "  " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def wrap(text: str, width: int = 100) -> list[str]:
    lines, current, length = [], [], 0
    for word in text.split(" "):
        if current and length + 1 + len(word) > width:
            lines.append(" ".join(current))
            current, length = [word], len(word)
        else:
            length += len(word) + (1 if current else 0)
            current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


def text_field(out: list, indent: str, key: str, text: str) -> None:
    """A one-line text field: inline when short, folded (>-) over several lines when long, as the seeds do."""
    if len(indent) + len(key) + len(text) < 100:
        out.append(f"{indent}{key}: {scalar(text)}\n")
        return
    out.append(f"{indent}{key}: >-\n")
    inner = indent + "  "
    out.extend(f"{inner}{line}\n" for line in wrap(text, 100 - len(inner)))


def paragraphs_field(out: list, indent: str, key: str, paragraphs: list[str]) -> None:
    """A text field with paragraphs: a literal block (|) with wrapped lines and blank lines between."""
    out.append(f"{indent}{key}: |\n")
    inner = indent + "  "
    for number, paragraph in enumerate(paragraphs):
        if number:
            out.append("\n")
        out.extend(f"{inner}{line}\n" for line in wrap(paragraph, 100 - len(inner)))


def flow_ids(ids: list[str]) -> str:
    return "[" + ", ".join(ids) + "]"


def date_field(out: list, indent: str, key: str, date) -> None:
    """`date` is text ("2025-09-02") or (value, approximate, derived)."""
    if isinstance(date, str):
        out.append(f'{indent}{key}: "{date}"\n')
        return
    value, approximate, derived = date
    out.append(f"{indent}{key}:\n")
    out.append(f'{indent}  value: "{value}"\n')
    if approximate:
        out.append(f"{indent}  approximate: true\n")
    text_field(out, indent + "  ", "derived", derived)


# ---- the corpus ------------------------------------------------------------------------------


class Corpus:
    def __init__(self, events: int, seed: int, years: int | None):
        self.rng = random.Random(seed)
        self.n_events = max(1, events)
        self.n_sources = max(1, round(self.n_events / 10))
        self.n_actors = 20 + self.n_sources // 2
        self.n_legal = 6 + self.n_sources // 25
        self.n_measures = 4 + self.n_sources // 8
        self.years = years or max(1, min(10, -(-self.n_events // 1000)))
        self.start = dt.date(2026 - self.years, 1, 1)
        self.days = (dt.date(2025, 12, 31) - self.start).days

    # -- helpers --

    def zipf_cum(self, n: int, exponent: float = 1.0) -> list[float]:
        return list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(n)))

    def pick_zipf(self, items: list, cum: list[float], k: int) -> list:
        """k distinct items, popular ones more often."""
        chosen: dict = {}
        total = cum[-1]
        tries = 0
        while len(chosen) < min(k, len(items)) and tries < 50 * k:
            index = bisect.bisect_left(cum, self.rng.random() * total)
            chosen.setdefault(items[min(index, len(items) - 1)], None)
            tries += 1
        return list(chosen)

    def sentence(self, cast: list, names: dict) -> str:
        rng = self.rng
        template = rng.choice(SENTENCES)
        first = rng.randrange(len(cast))
        second = (first + rng.randrange(1, len(cast))) % len(cast) if len(cast) > 1 else first
        a, b = names[cast[first]], names[cast[second]]
        return template.format(A=a, B=b, T=rng.choice(TOPICS), P=rng.choice(PLACES), Q=rng.choice(PLACES),
                               N=rng.randint(2, 120), M=rng.randint(2, 30))

    def text(self, cast: list, names: dict, mean: int, limit: int, minimum: int = 30) -> str:
        """Sentences up to a length drawn around `mean`, never over `limit`."""
        target = max(minimum, min(limit - 40, int(self.rng.gauss(mean, mean * 0.45))))
        parts, length = [], 0
        while length < target:
            s = self.sentence(cast, names)
            if length + len(s) + 1 > limit:
                break
            parts.append(s)
            length += len(s) + 1
        if not parts:
            parts.append(self.sentence(cast, names)[: limit - 1])
        return " ".join(parts)

    def paragraphs(self, cast, names, mean: int, limit: int) -> list[str]:
        text = self.text(cast, names, mean, int(limit * 0.95))
        sentences = re.split(r"(?<=\.) ", text)
        count = max(1, min(len(sentences), self.rng.randint(2, 5)))
        size = -(-len(sentences) // count)
        return [" ".join(sentences[i:i + size]) for i in range(0, len(sentences), size)]

    def fill(self, template: str, cast: list, names: dict) -> str:
        topic = self.rng.choice(TOPICS)
        return template.format(A=names[self.rng.choice(cast)], B=names[self.rng.choice(cast)], T=topic,
                               Tc=topic[0].upper() + topic[1:], P=self.rng.choice(PLACES))

    def date_before(self, latest: dt.date, max_back: int = 40):
        """A date on or before `latest`, of a random precision: text or (value, approximate, derived)."""
        rng = self.rng
        day = latest - dt.timedelta(days=rng.randint(0, max_back))
        day = max(day, self.start)
        roll = rng.random()
        if roll < 0.45:
            return day.isoformat()
        if roll < 0.55:
            return day.isoformat()[:7]
        if roll < 0.58:
            return str(day.year)
        if roll < 0.70:
            first = day - dt.timedelta(days=rng.randint(1, 10))
            return f"{first.isoformat()}/{day.isoformat()}"
        if roll < 0.85:
            return (f"../{day.isoformat()}", False,
                    f"The piece, dated {day_label(latest)}, does not say on which day; at the latest {day_label(day)}.")
        if roll < 0.95:
            end = day
            first = end - dt.timedelta(days=6)
            return (f"{first.isoformat()}/{end.isoformat()}", True,
                    f"The article of {day_label(latest)} says 'last week': {day_label(first)} to {day_label(end)}.")
        return f"{day.isoformat()[:7]}/.."

    # -- generation --

    def make_actors(self) -> list[dict]:
        rng = self.rng
        actors, used = [], {}
        for ident, name, kind, country, aliases in HEAD_ACTORS[: self.n_actors]:
            actors.append({"id": ident, "name": name, "kind": kind, "country": country, "aliases": list(aliases),
                           "unnamed": ident == "un-human-rights-chief"})
            used[ident] = True
        while len(actors) < self.n_actors:
            if rng.random() < 0.5:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
                kind, country = "person", rng.choice(COUNTRIES)
                aliases = []
                if unaccented(name) != name:
                    aliases.append(unaccented(name))
                aliases.append(" ".join(name.split()[1:]))
            else:
                kind, pattern = rng.choice(ORG_KINDS)
                country = rng.choice(COUNTRIES)
                name = pattern.format(c=country, p=rng.choice(PUBLISHERS), pl=rng.choice(PLACES),
                                      f=rng.choice(FIRST), l=rng.choice(LAST))
                name = name[0].upper() + name[1:]
                aliases = [unaccented(name)] if unaccented(name) != name else []
            ident = slugify(name)
            if ident in used:
                ident = f"{ident}-{len(actors)}"
                name = f"{name} ({len(actors)})"
            used[ident] = True
            actor = {"id": ident, "name": name, "kind": kind, "country": country, "aliases": aliases,
                     "unnamed": False}
            if kind in ("ministry", "military-unit", "ship", "un-official") and actors and rng.random() < 0.6:
                parents = [a["id"] for a in actors if a["kind"] in ("government", "military", "un-body", "state")]
                if parents:
                    actor["part_of"] = rng.choice(parents)
            actors.append(actor)
        return actors

    def make_legal(self) -> list[dict]:
        rng = self.rng
        questions, used = [], {}
        for index in range(self.n_legal):
            topic = TOPICS[index % len(TOPICS)]
            title = rng.choice([
                "Legality of the {t} under international law", "The {t} and the UN Charter",
                "Who is responsible for the {t} near {p}", "The {t} and the sovereignty of {c}",
            ]).format(t=topic, p=rng.choice(PLACES), c=rng.choice(COUNTRIES))
            title = title[0].upper() + title[1:]
            ident = slugify(title)
            if ident in used:
                ident = f"{ident}-{index}"
            used[ident] = True
            question = (f"Was the {topic} consistent with international law and with the law of the countries "
                        f"concerned; who claims the authority for it, and on what grounds do others dispute it? "
                        f"The sources differ on the facts as well as on the law, in particular over {rng.choice(PLACES)}.")
            related = []
            if index and rng.random() < 0.6:
                related = sorted({questions[rng.randrange(index)]["id"] for _ in range(rng.randint(1, 3))})
            questions.append({"id": ident, "title": title, "question": question, "order": index + 1,
                              "related": related})
        return questions

    def make_measures(self) -> list[dict]:
        rng = self.rng
        kinds = [("people-killed-in-strikes-near-{s}", "People reported killed in strikes near {p}", None),
                 ("vessels-seized-near-{s}", "Vessels reported seized near {p}", None),
                 ("troops-deployed-to-{s}", "Troops reported deployed to {p}", None),
                 ("migrants-arriving-in-{s}", "Migrants reported arriving in {p}", None),
                 ("distance-to-{s}", "Distance from the coast of Venezuela to {p}", "miles"),
                 ("drugs-seized-near-{s}", "Drugs reported seized near {p}", "tonnes")]
        measures, used = [], {}
        while len(measures) < self.n_measures:
            pattern, label, unit = rng.choice(kinds)
            place = rng.choice(PLACES)
            ident = pattern.format(s=slugify(place))
            if ident in used:
                ident = f"{ident}-{len(measures)}"
                label = f"{label.format(p=place)} (series {len(measures)})"
            else:
                label = label.format(p=place)
            used[ident] = True
            measures.append({"id": ident, "label": label, "unit": unit})
        return measures

    def event_counts(self) -> list[int]:
        rng = self.rng
        counts = [self.n_events // self.n_sources] * self.n_sources
        for index in range(self.n_events - sum(counts)):
            counts[index % self.n_sources] += 1
        for index in range(self.n_sources):
            other = rng.randrange(self.n_sources)
            move = rng.randint(0, 4)
            if counts[index] - move >= 4 and counts[other] + move <= 16:
                counts[index] -= move
                counts[other] += move
        return counts

    def generate(self) -> dict[str, str]:
        """Every file's path (relative to the corpus root) and text."""
        rng = self.rng
        actors = self.make_actors()
        legal = self.make_legal()
        measures = self.make_measures()
        names = {a["id"]: a["name"] for a in actors}
        self.kinds = {a["id"]: a["kind"] for a in actors}
        actor_ids = [a["id"] for a in actors]
        actor_cum = self.zipf_cum(len(actor_ids), 1.0)
        legal_ids = [q["id"] for q in legal]
        legal_cum = self.zipf_cum(len(legal_ids), 0.8)
        measure_cum = self.zipf_cum(len(measures), 0.7)
        counts = self.event_counts()
        pub_days = sorted(self.start + dt.timedelta(days=rng.randint(45, self.days)) for _ in range(self.n_sources))
        # every actor appears in at least one source: source i introduces the actors assigned to it
        introduced: list[list[str]] = [[] for _ in range(self.n_sources)]
        for index, ident in enumerate(actor_ids):
            introduced[index * self.n_sources // len(actor_ids)].append(ident)

        files: dict[str, str] = {}
        event_log: list[tuple[str, object, int]] = []  # (event id, date, source index): what earlier sources told
        used_event_ids: dict = {}
        used_source_ids: dict = {}
        for index in range(self.n_sources):
            pub = pub_days[index]
            cast = introduced[index] + [a for a in self.pick_zipf(actor_ids, actor_cum, rng.randint(6, 14))
                                        if a not in introduced[index]]
            publisher = rng.choice(PUBLISHERS) if rng.random() > 0.1 else None
            title = self.fill(rng.choice(SOURCE_TITLES), cast, names)
            ident = slugify(f"{publisher or 'report'} {pub.isoformat()} {' '.join(title.split()[:5])}", 72)
            if ident in used_source_ids:
                ident = f"{ident}-{index}"
            used_source_ids[ident] = True
            files[f"seeds/sources/{ident}.yaml"] = self.source_yaml(
                ident, title, publisher, pub, cast, names, counts[index], index, event_log, used_event_ids,
                legal_ids, legal_cum, measures, measure_cum)
        for actor in actors:
            files[f"seeds/actors/{actor['id']}.yaml"] = self.actor_yaml(actor)
        for question in legal:
            files[f"seeds/legal/{question['id']}.yaml"] = self.legal_yaml(question)
        return files

    def source_yaml(self, ident, title, publisher, pub, cast, names, n_new, index, event_log, used_event_ids,
                    legal_ids, legal_cum, measures, measure_cum) -> str:
        rng = self.rng
        kinds = self.kinds
        out = ["# yaml-language-server: $schema=../../schema/source.schema.json\n", f"id: {ident}\n"]
        text_field(out, "", "title", title)
        if rng.random() < 0.15:
            out.append("title_is_ours: true\n")
        out.append(f"publisher: {scalar(publisher) if publisher else 'null'}\n")
        kind = rng.choice(SOURCE_KINDS)
        out.append(f"kind: {kind}\n")
        roll = rng.random()
        if roll < 0.80:
            date_field(out, "", "published", pub.isoformat())
        elif roll < 0.88:
            date_field(out, "", "published", (pub.isoformat(), False, rng.choice(DERIVED_PUBLISHED).format(
                d=f"{pub.year}, {pub.month:02d}/{pub.day:02d}", l=day_label(pub))))
        elif roll < 0.93:
            first = pub - dt.timedelta(days=rng.randint(0, 5))
            date_field(out, "", "published", (f"{first.isoformat()}/..", True,
                                              f"The report carries no date; it reports events up to {day_label(first)}, "
                                              "so it was published no earlier; the text gives no upper bound."))
        elif roll < 0.97:
            date_field(out, "", "published", pub.isoformat()[:7])
        else:
            out.append("published: null\n")
        out.append(f"language: {rng.choice(['en'] * 7 + ['es', 'es', 'pt'])}\n")
        if rng.random() < 0.6:
            out.append(f"url: https://news.example/{pub.year}/{pub.month:02d}/{pub.day:02d}/{ident[:60]}\n")
        else:
            out.append("url: null\n")
            text_field(out, "", "url_note", "The piece was supplied as text in a compilation with no web address; "
                                            "none is known and none is guessed.")
        if rng.random() < 0.4:
            of = rng.randint(1, 6)
            out.append(f"origin:\n  file: {index:03d}_{rng.getrandbits(64):016x}.txt\n"
                       f"  piece: {rng.randint(1, of)}\n  of: {of}\n  heading: \"{pub.year}, {pub.month:02d}/{pub.day:02d}\"\n")
        paragraphs_field(out, "", "summary", self.paragraphs(cast, names, 1650, 3000))
        if rng.random() < 0.7:
            paragraphs_field(out, "", "notes", self.paragraphs(cast, names, 700, 1500))

        body: list[str] = []
        used: dict = {}  # actor ids used below, in order: each must be listed in actors:

        def use(ids):
            for i in ids:
                used.setdefault(i, None)
            return ids

        def some(k_max, k_min=0):
            return use(rng.sample(cast, min(len(cast), rng.randint(k_min, k_max))))

        # events: new ones, then accounts of events that recent sources reported
        own: list[str] = []
        accounts = []
        for _ in range(n_new):
            date = self.date_before(pub)
            etitle = self.fill(rng.choice(EVENT_TITLES), cast, names)
            day = date if isinstance(date, str) else date[0]
            eid = slugify(f"{' '.join(etitle.split()[:6])} {day.replace('..', '').strip('/')[:10]}", 70)
            if eid in used_event_ids:
                eid = f"{eid}-{len(used_event_ids)}"
            used_event_ids[eid] = True
            own.append(eid)
            accounts.append((eid, etitle, date))
            event_log.append((eid, date, index))
        if event_log and rng.random() < 0.33:
            recent = [e for e in event_log[-400:] if e[2] < index]
            for eid, date, _ in rng.sample(recent, min(len(recent), rng.randint(1, 3))):
                if rng.random() < 0.3 and isinstance(date, str) and len(date) == 10:
                    date = date[:7]  # this source is less precise
                accounts.append((eid, self.fill(rng.choice(EVENT_TITLES), cast, names), date))
        if accounts:
            body.append("events:\n")
        for eid, etitle, date in accounts:
            body.append(f"  - event: {eid}\n")
            text_field(body, "    ", "title", etitle)
            date_field(body, "    ", "date", date)
            if rng.random() < 0.5:
                text_field(body, "    ", "place", rng.choice(PLACES))
            text_field(body, "    ", "summary", self.text(cast, names, 250, 1500, 45))
            body.append(f"    actors: {flow_ids(some(4, 1))}\n")
            if rng.random() < 0.2:
                body.append(f"    according_to: {flow_ids(some(1, 1))}\n")
            if rng.random() < 0.6:
                body.append(f"    legal: {flow_ids(self.pick_zipf(legal_ids, legal_cum, rng.randint(1, 2)))}\n")
        earlier = event_log[max(0, len(event_log) - len(own) - 200): len(event_log) - len(own)]
        known = own + [e[0] for e in earlier]  # statements may be about recent events of other sources

        n_statements = max(0, int(rng.gauss(12, 5)))
        if n_statements:
            body.append("statements:\n")
        for _ in range(n_statements):
            body.append(f"  - by: {use([rng.choice(cast)])[0]}\n")
            if rng.random() < 0.05:
                body.append(f"    via: {use([rng.choice(cast)])[0]}\n")
            date_field(body, "    ", "date", self.date_before(pub, 20))
            body.append(f"    kind: {rng.choice(STATEMENT_KINDS)}\n")
            text_field(body, "    ", "said", self.text(cast, names, 110, 1000, 30))
            if rng.random() < 0.35:
                text_field(body, "    ", "quote", rng.choice(QUOTES))
            if rng.random() < 0.6 and known:
                body.append(f"    event: {rng.choice(own) if rng.random() < 0.8 else rng.choice(known)}\n")
            if rng.random() < 0.6:
                body.append(f"    about: {flow_ids(some(2, 1))}\n")
            if rng.random() < 0.5:
                body.append(f"    legal: {flow_ids(self.pick_zipf(legal_ids, legal_cum, rng.randint(1, 2)))}\n")

        n_figures = max(0, int(rng.gauss(2.5, 1.8)))
        if n_figures:
            body.append("figures:\n")
        for _ in range(n_figures):
            measure = measures[self.pick_zipf(range(len(measures)), measure_cum, 1)[0]]
            body.append(f"  - measure: {measure['id']}\n")
            text_field(body, "    ", "label", measure["label"])
            value = rng.randint(1, 400)
            body.append(f"    value: {value}\n")
            written = str(value)
            if rng.random() < 0.1:
                value_max = value + rng.randint(1, 50)
                body.append(f"    value_max: {value_max}\n")
                written = f"{value} to {value_max}"
            if rng.random() < 0.6:
                qualifier = rng.choice(['exactly', 'at-least', 'more-than', 'about', 'up-to'])
                body.append(f"    qualifier: {qualifier}\n")
                written = f"{qualifier.replace('-', ' ').replace('exactly', '')} {written}".strip()
            body.append(f"    as_written: \"{written}\"\n")  # no random draw: the rest of the corpus stays the same
            if measure["unit"]:
                body.append(f"    unit: {measure['unit']}\n")
            date_field(body, "    ", "as_of", self.date_before(pub, 30))
            body.append(f"    reported_by: {use([rng.choice(cast)])[0]}\n")
            if rng.random() < 0.05:
                body.append(f"    via: {use([rng.choice(cast)])[0]}\n")
            if rng.random() < 0.5 and own:
                body.append(f"    event: {rng.choice(own)}\n")
            if rng.random() < 0.6:
                text_field(body, "    ", "note", self.text(cast, names, 120, 500, 40))

        n_points = max(0, int(rng.gauss(4, 2.5)))
        if n_points:
            body.append("legal_points:\n")
        for _ in range(n_points):
            body.append(f"  - question: {self.pick_zipf(legal_ids, legal_cum, 1)[0]}\n")
            aspect = rng.choice(["framework", "dispute", "dispute", "context"])
            body.append(f"    aspect: {aspect}\n")
            text_field(body, "    ", "point", self.text(cast, names, 230, 1000, 60))
            if aspect == "dispute" or rng.random() < 0.2:
                body.append(f"    by: {flow_ids(some(2, 1))}\n")
            if rng.random() < 0.2:
                text_field(body, "    ", "quote", rng.choice(QUOTES))
                body.append(f"    quote_by: {use([rng.choice(cast)])[0]}\n")
            if rng.random() < 0.4 and own:
                body.append(f"    event: {rng.choice(own)}\n")

        # every actor the source names, with its role; a few named but not used below
        listed = list(used) + [a for a in cast if a not in used and rng.random() < 0.5]
        out.append("actors:\n")
        for actor in listed:
            out.append(f"  - actor: {actor}\n")
            person = kinds[actor] == "person"
            role = rng.choice(ROLES if person else [r for r in ROLES if "{o}" not in r])
            role = role.format(o=rng.choice(OFFICES), T=rng.choice(TOPICS), P=rng.choice(PLACES))
            text_field(out, "    ", "role", role[0].upper() + role[1:])
            name = names[actor]
            spellings = [name] + ([unaccented(name)] if unaccented(name) != name else [])
            if person and rng.random() < 0.3:
                spellings.append(" ".join(name.split()[1:]))
            if rng.random() < 0.85:
                out.append(f"    named_as: [{', '.join(json.dumps(s, ensure_ascii=False) for s in dict.fromkeys(spellings))}]\n")
        out.extend(body)
        return "".join(out)

    def actor_yaml(self, actor: dict) -> str:
        out = ["# yaml-language-server: $schema=../../schema/actor.schema.json\n", f"id: {actor['id']}\n",
               f"name: {scalar(actor['name'])}\n"]
        if actor["aliases"]:
            out.append("aliases:\n")
            out.extend(f"- {scalar(alias)}\n" for alias in dict.fromkeys(actor["aliases"]) if alias != actor["name"])
        out.append(f"kind: {actor['kind']}\n")
        if actor["country"]:
            out.append(f"country: {scalar(actor['country'])}\n")
        if actor.get("part_of"):
            out.append(f"part_of: {actor['part_of']}\n")
        if actor["unnamed"]:
            out.append("unnamed: true\n")
        return "".join(out)

    def legal_yaml(self, question: dict) -> str:
        out = ["# yaml-language-server: $schema=../../schema/legal.schema.json\n", f"id: {question['id']}\n"]
        text_field(out, "", "title", question["title"])
        text_field(out, "", "question", question["question"])
        out.append(f"order: {question['order']}\n")
        if question["related"]:
            out.append(f"related: {flow_ids(question['related'])}\n")
        return "".join(out)


METHODOLOGY_STUB = """# Methodology

This is a synthetic corpus made by `bench/synthetic_corpus.py` to measure how the build scales.
None of its sources, events, people or numbers is real.
"""


def _ignored(folder: str, names: list) -> list:
    """What not to copy: caches, and the real record's translations (the synthetic record has
    its own texts; only the interface catalogs, translations/<lang>/*.po, apply to it)."""
    inside_language = Path(folder).parent.name == "translations"
    return [n for n in names if n == "__pycache__" or (inside_language and (Path(folder) / n).is_dir())]


def write_corpus(out: Path, events: int, seed: int, years: int | None = None, repo: Path = REPO) -> dict:
    """Generate the corpus into `out` (its seeds/ replaced) and copy what `mkdocs build` needs. Returns counts."""
    files = Corpus(events, seed, years).generate()
    seeds = out / "seeds"
    if seeds.exists():
        shutil.rmtree(seeds)
    for folder in ("sources", "actors", "legal"):
        (seeds / folder).mkdir(parents=True, exist_ok=True)
    total = 0
    for relative, text in files.items():
        data = text.encode("utf-8")
        (out / relative).write_bytes(data)
        total += len(data)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    (out / "docs" / "methodology.md").write_text(METHODOLOGY_STUB, encoding="utf-8")
    (out / "docs" / "es").mkdir(exist_ok=True)  # the Spanish edition's hand-written twin (mkdocs.yml's nav)
    (out / "docs" / "es" / "methodology.md").write_text(METHODOLOGY_STUB, encoding="utf-8")
    shutil.copy2(repo / "mkdocs.yml", out / "mkdocs.yml")
    # What mkdocs.yml refers to besides the pages and the installed plugin: the theme overrides
    # and the hand-written assets in docs/assets/ (extra_css). Generated files are not copied:
    # build_pages.py makes them, and would refuse to overwrite a copy it did not write.
    for folder in ("overrides", "docs/assets", "record_builder", "translations"):
        if (out / folder).exists():
            shutil.rmtree(out / folder)
        if (repo / folder).is_dir():
            shutil.copytree(repo / folder, out / folder, ignore=_ignored)
    kinds = {k: sum(1 for f in files if f.startswith(f"seeds/{k}/")) for k in ("sources", "actors", "legal")}
    return {"files": len(files), "bytes": total, **kinds}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, required=True, help="how many distinct events (e.g. 100, 1000, 10000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same files")
    parser.add_argument("--out", type=Path, required=True, help="the project folder to write (its seeds/ is replaced)")
    parser.add_argument("--years", type=int, default=None,
                        help="how many years the events span, ending in 2025 (default: one per 1,000 events, 1 to 10)")
    parser.add_argument("--repo", type=Path, default=REPO, help="where to copy mkdocs.yml and overrides/ from")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = write_corpus(args.out, args.events, args.seed, args.years, args.repo)
    print(f"Wrote {counts['files']} files ({counts['sources']} sources, {counts['actors']} actors, "
          f"{counts['legal']} legal questions; {counts['bytes'] / 1e6:.1f} MB) to {args.out} "
          f"in {time.perf_counter() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
