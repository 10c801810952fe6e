import pytest

from verbond.reports import selectors


@pytest.fixture
def without_other_apps(monkeypatch):
    """The report as it is without the assessments, outcomes and commitments apps' sections."""
    monkeypatch.setattr(selectors, "_optional", lambda module_path, name: None)
