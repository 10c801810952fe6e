"""The README's configuration table and .env.example list exactly the variables settings.py reads."""

import re
from pathlib import Path

import verbond

ROOT = Path(verbond.__file__).resolve().parents[2]
READ_BY_SETTINGS = re.compile(r'(?:env_bool|env_list|env_int|env_float|os\.environ\.get)\(\s*"([A-Z_]+)"')


def variables_read_by_settings() -> set[str]:
    return set(READ_BY_SETTINGS.findall((ROOT / "src/verbond/settings.py").read_text()))


def variables_in_readme() -> set[str]:
    section = (ROOT / "README.md").read_text().split("## Configuration", 1)[1].split("\n## ", 1)[0]
    first_column = [row.split("|")[1] for row in section.splitlines() if row.startswith("| `")]
    return {name for cell in first_column for name in re.findall(r"`([A-Z][A-Z_]+)`", cell)}


def test_readme_documents_every_setting_and_no_other():
    assert variables_in_readme() == variables_read_by_settings()


def test_env_example_lists_every_setting():
    listed = set(re.findall(r"^# ?([A-Z][A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))

    assert listed == variables_read_by_settings()
