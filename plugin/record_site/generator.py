"""The plugin's one door to the generator (record_builder/): every name of it the plugin uses.

The pages and the site share one list of languages and one URL scheme (record_builder/i18n.py,
record_builder/locations.py) and one way of writing a date (record_builder/formats.py); the
plugin reads them here and nowhere else. record_builder never imports the plugin.

record_builder is not an installed package: it sits in the repository, beside this plugin
(which requirements.txt installs from ./plugin, editable, so this file stays in the
repository). `python -m mkdocs` run from the repository's root finds it on sys.path; the
`mkdocs` script, or a build started from another folder (a test's scratch project), does
not, so the repository's root is added to sys.path here, once.
"""

from __future__ import annotations

import sys
from importlib.util import find_spec
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]  # plugin/record_site/generator.py -> the repository

if find_spec("record_builder") is None:
    if not (REPOSITORY / "record_builder" / "__init__.py").is_file():
        raise ImportError(f"record_site needs the generator's package record_builder, which is not beside it in "
                          f"{REPOSITORY}: install the plugin from the repository in editable mode "
                          "(pip install -e ./plugin, as requirements.txt does).")
    sys.path.insert(0, str(REPOSITORY))

from record_builder import dates, formats, i18n, locations  # noqa: E402

LANGUAGES, DEFAULT, NAMES = i18n.LANGUAGES, i18n.DEFAULT, i18n.NAMES
catalog = i18n.catalog  # msgid -> msgstr of translations/<lang>/*.po (site.po holds the plugin's strings)
translator = i18n.translator  # lang -> a gettext-like function

# Where a page lives (paths in docs/ and site addresses alike): its language, its twin, its kind.
language_of = locations.language_of
in_language = locations.in_language
english_path = locations.english_path
path_of = locations.path_of
record_of = locations.record_of
is_continuation = locations.is_continuation
is_timeline_part = locations.is_timeline_part


def format_iso_day(text: str, lang: str) -> str:
    """An ISO date (2025-12-01) in the language's words, as the record writes its dates ("1
    December 2025", "1 de diciembre de 2025": record_builder/dates.py); anything else as it is."""
    try:
        date = dates.parse_date(text)
    except dates.DateError:
        return text
    return formats.date_label(date, lang)
