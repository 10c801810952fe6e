import pytest
from django.core.exceptions import ImproperlyConfigured

from verbond.settings import env_bool, env_list


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("off", False), ("", False)])
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)

    assert env_bool("SOME_FLAG", not expected) is expected


def test_env_bool_fails_loudly_on_a_typo(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "ture")

    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG", False)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,")

    assert env_list("HOSTS", []) == ["a.example", "b.example"]
