"""End-to-end tests in headless Chromium (Debian's package), driven by Playwright against a live server."""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from tests.factories import OrganisationFactory
from verbond.assessments.services import Contact, round_open

CHROMIUM = Path(os.environ.get("VERBOND_CHROMIUM", "/usr/bin/chromium"))
# In CI (the runner sets CI=true) a missing browser fails these tests: CI must never go green without them.
IN_CI = os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}
# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between steps are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"no Chromium at {CHROMIUM}: CI must run the browser tests (.ci/run installs Debian's chromium)")
        pytest.skip(f"no Chromium at {CHROMIUM} (CI installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    settings.LANGUAGE_CODE = "nl"
    context = browser.new_context(locale="nl-NL", base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def log_in(page, password):
    def log_in_as(user):
        page.goto("/accounts/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("main button[type=submit]")
        page.wait_for_url("**/")
        return page

    return log_in_as


def serious_accessibility_violations(page) -> list[str]:
    """Violations that axe-core rates serious or critical on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}×)"
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


@pytest.fixture
def partner_link(coordinator, network):
    """A partner's personal link to an assessment round of `network` (what the invitation e-mail carries)."""
    partner = OrganisationFactory(name="Zorggroep Partner")
    network.participants.create(organisation=partner)
    round_open(
        user=coordinator,
        network=network,
        closes_on=timezone.localdate() + datetime.timedelta(days=10),
        contacts=[Contact(name="Petra Partner", email="petra@example.org", organisation=partner)],
    )
    return re.search(r"/assessments/a/[\w-]+/", mail.outbox[-1].body).group(0)
