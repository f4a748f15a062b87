"""The interface strings' catalog (record_builder/ui_catalog.py, translations/es/ui.po)."""

from __future__ import annotations

import re
import shutil
import warnings

import pytest
from babel.messages.pofile import read_po

from record_builder import i18n, ui_catalog
from record_builder.escaping import md_escape
from support import minimal_record

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# Markdown or HTML a translation must not bring: the templates escape every translated string,
# so it would show as characters, and links and code are written around the strings instead.
MARKUP = re.compile(r"[<>`*\[\]{}|#\\]|\]\(")


@pytest.fixture(scope="module")
def extracted() -> dict:
    return {found.text: found for found in ui_catalog.extract()}


@pytest.fixture
def catalogs(tmp_path, monkeypatch):
    """A copy of translations/, free to change, where ui_catalog reads and writes."""
    shutil.copytree(i18n.UI_CATALOGS, tmp_path / "translations", ignore=shutil.ignore_patterns("[!u]*.po"))
    monkeypatch.setattr(i18n, "UI_CATALOGS", tmp_path / "translations")
    return tmp_path / "translations"


def test_the_extractor_finds_the_strings_of_templates_and_code(extracted):
    for text in ("Speaker not named in the source", "as relayed by", "Link to this event", "Reported figures",
                 "The list goes on", "Key facts", "Statements about %(name)s",  # templates; code
                 "Undated", "Undated report", "%(who)s (undated)", "Person", "News report", "claim",  # code, N_ tables
                 "%(count)s source", "%(count)s sources",  # each form of an ngettext is a message of its own
                 "The source itself", "Timeline", "What was counted, in words."):  # chart.py, layout.py, exports.py
        assert text in extracted, text
    assert extracted["Speaker not named in the source"].locations  # where it is used, for translators


def test_contributor_pages_stay_english(extracted):
    locations = {path for found in extracted.values() for path, _ in found.locations}
    assert not any(path.endswith(("format.md.j2", "citation.cff.j2", "formatdoc.py", "schema.py", "validate.py"))
                   for path in locations)


def test_template_strings_print_unchanged_in_english(extracted):
    """English pages stay as they were: a string a template prints through _() is escaped, so
    it must have nothing the escaping changes (Markdown characters, edge spaces)."""
    for text, found in extracted.items():
        if any(path.endswith(".j2") for path, _ in found.locations):
            assert str(md_escape(text)) == text, text


def test_every_string_has_a_message_in_the_spanish_catalog():
    """A coverage report, not a failure: a new interface string shows English until ui.po has it."""
    missing = ui_catalog.missing("es")
    if missing:
        warnings.warn(f"{len(missing)} interface string(s) not in translations/es/ui.po (python3 -m "
                      f"record_builder.ui_catalog --update): {missing[:5]}", stacklevel=1)
    translated, total = ui_catalog.counts("es")
    assert 0 <= translated <= total


def test_the_spanish_catalog_parses_and_its_translations_are_plain_text():
    with ui_catalog.catalog_path("es").open("rb") as handle:
        catalog = read_po(handle, locale="es", abort_invalid=True)
    messages = [m for m in catalog if m.id]
    assert messages
    for message in messages:
        assert isinstance(message.id, str), f"a plural message: {message.id}"  # i18n.catalog reads singular ids
        if not message.string:
            continue
        assert not message.fuzzy, message.id
        assert not MARKUP.search(message.string), (message.id, message.string)
        assert sorted(PLACEHOLDER.findall(message.string)) == sorted(PLACEHOLDER.findall(message.id)), message.id
        assert message.string == message.string.strip() and "\n" not in message.string, message.id
        # An identifier with '_' (a CSV column) is kept as the English names it.
        for word in re.findall(r"\w*_\w*", message.string):
            assert word in message.id, (message.id, word)


def test_update_keeps_translations_adds_new_strings_and_keeps_old_ones_obsolete(catalogs):
    path = catalogs / "es" / "ui.po"
    with path.open("rb") as handle:
        before = read_po(handle, locale="es")
    before.add("A string the code no longer uses", "Una cadena que el código ya no usa")
    before.delete("Key facts")
    from record_builder.catalogs import catalog_text

    path.write_bytes(catalog_text(before))
    ui_catalog.update("es")
    with path.open("rb") as handle:
        after = read_po(handle, locale="es")
    assert after["Key facts"].string == ""  # back, to be translated
    assert "A string the code no longer uses" in after.obsolete
    used = {found.text for found in ui_catalog.extract()}
    kept = {m.id: m.string for m in before if m.id and m.id in used}
    assert all(after[text].string == string for text, string in kept.items())


def test_update_twice_writes_the_same_bytes(catalogs):
    ui_catalog.update("es")
    first = (catalogs / "es" / "ui.po").read_bytes()
    assert ui_catalog.update("es") is False
    assert (catalogs / "es" / "ui.po").read_bytes() == first
    assert b"POT-Creation-Date" not in first and b"PO-Revision-Date" not in first


def test_spanish_pages_use_the_catalog_and_english_ones_do_not():
    from record_builder.render import Pages

    record = minimal_record()
    pages = Pages(record).all()
    english, spanish = pages["docs/timeline.md"], pages["docs/es/timeline.md"]
    assert "# Timeline" in english
    if i18n.catalog("es").get("Timeline"):
        assert "# " + i18n.catalog("es")["Timeline"] in spanish
        assert "# Timeline" not in spanish
    assert english != spanish
