"""Every user-facing string has Dutch, and the compiled catalogues shipped in the repository match the sources."""

import gettext
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

import verbond

CATALOGUES = sorted(Path(verbond.__file__).parent.glob("*/locale/nl/LC_MESSAGES/django.po"))


def test_there_are_dutch_catalogues():
    assert len(CATALOGUES) >= 5


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_every_string_has_a_dutch_translation_and_the_mo_file_matches(path):
    catalogue = polib.pofile(str(path))
    with path.with_suffix(".mo").open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)

    untranslated = [entry.msgid for entry in catalogue if not entry.obsolete and (not entry.translated() or entry.fuzzy)]
    stale = [
        entry.msgid
        for entry in catalogue.translated_entries()
        if not entry.msgid_plural and not entry.msgctxt and compiled.gettext(entry.msgid) != entry.msgstr
    ]
    assert untranslated == []
    assert stale == []


def test_the_portfolio_speaks_dutch_by_default_and_english_on_request(db, settings):
    from tests.factories import UserFactory

    settings.LANGUAGE_CODE = "nl"
    client = Client()
    client.force_login(UserFactory(executive=True))

    dutch = client.get(reverse("networks:portfolio")).content.decode()
    with translation.override("en"):
        english = client.get(reverse("networks:portfolio"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Netwerk registreren" in dutch and 'lang="nl"' in dutch
    assert "Register a network" in english and 'lang="en"' in english
