"""A language's texts of the record, as record.py builds them and the render stage prints them.

A text of the record is a plain str when there is nothing to say about it. Otherwise it is
one of these kinds of str, which the render stage (escaping.py) marks as they say:

- Quoting: a text whose quotes (“…”) are in another language than its page's;
- Pending: a text shown in English on a page of another language, awaiting its translation;
- Quote: a source's exact words, with the page language's rendering of them (a gloss).

texts_for gives the types.Texts that builds one seed file's texts in a language.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import DEFAULT


class Quoting(str):
    """A text of the record whose quotes (“…”, a source's exact words) are in `quote_lang`, not
    in the language of the page it is printed on: the render stage marks them as such, so a
    screen reader reads them in their own language (WCAG 3.1.2)."""

    quote_lang: str | None

    def __new__(cls, text: str, quote_lang: str | None):
        made = super().__new__(cls, text)
        made.quote_lang = quote_lang
        return made

    def like(self, text: str):
        """Another text (a part of this one) of the same kind."""
        return type(self)(text, self.quote_lang)

    def __reduce__(self):
        return type(self), (str(self), self.quote_lang)


class Pending(Quoting):
    """A record text shown in English on a page in `lang` because its translation is missing
    or stale: the render stage prints it marked as such (in `lang`'s words), never as if it
    were translated. Its quotes are in `quote_lang` (None: English, as the text)."""

    lang: str

    def __new__(cls, text: str, lang: str, quote_lang: str | None = None):
        made = super().__new__(cls, text, quote_lang)
        made.lang = lang
        return made

    def like(self, text: str) -> Pending:
        return Pending(text, self.lang, self.quote_lang)

    def __reduce__(self):
        return Pending, (str(self), self.lang, self.quote_lang)


class Quote(Quoting):
    """A source's exact words, in `quote_lang`, on a page in `lang`, with `gloss`, that
    language's rendering of them (None while it awaits its translation): the words stay as
    written, and the render stage shows the rendering after them, marked as the record's own."""

    gloss: str | None
    lang: str

    def __new__(cls, words: str, gloss: str | None, lang: str, quote_lang: str | None):
        made = super().__new__(cls, words, quote_lang)
        made.gloss, made.lang = gloss, lang
        return made

    def __reduce__(self):
        return Quote, (str(self), self.gloss, self.lang, self.quote_lang)


@dataclass(frozen=True)
class FileTexts:
    """One seed file's texts in a language (a types.Texts): each field's current translation by
    its path (the catalog's msgctxt), or the English, marked Pending, where there is none.
    `quote_lang`: the language of the words the file's texts quote, when it is not `lang`."""

    lang: str
    current: dict
    quote_lang: str | None = None

    def text(self, key: str, english: str) -> str:
        found = self.current.get(key)
        if found is None:
            return Pending(english, self.lang, None if self.quote_lang == DEFAULT else self.quote_lang)
        return found if self.quote_lang is None else Quoting(found, self.quote_lang)

    def gloss(self, key: str, words: str) -> str:
        return Quote(words, self.current.get(key), self.lang, self.quote_lang)

    def words(self, words: str) -> str:
        return words if self.quote_lang is None else Quoting(words, self.quote_lang)


@dataclass(frozen=True)
class OwnTexts:
    """A seed file's texts in the language they are written in: as written, their quotes marked
    as in `quote_lang` (a source in another language than the record's)."""

    quote_lang: str

    def text(self, key: str, english: str) -> str:
        return Quoting(english, self.quote_lang)

    def gloss(self, key: str, words: str) -> str:
        return Quoting(words, self.quote_lang)

    def words(self, words: str) -> str:
        return Quoting(words, self.quote_lang)


def texts_for(lang: str, translations, yaml_path: str, quote_lang: str | None):
    """The texts of one seed file in `lang` (a types.Texts; None: as written, nothing to mark),
    from `lang`'s translations (None: none read, every text awaits its translation). Its
    quotes are in `quote_lang` (None: not known)."""
    marked = None if quote_lang in (None, lang) else quote_lang
    if lang == DEFAULT:
        return None if marked is None else OwnTexts(marked)
    current = translations.current_texts(yaml_path) if translations is not None else {}
    return FileTexts(lang, current, marked)
