"""The docs cover the code: every setting is documented, every setting name used is defined."""

from __future__ import annotations

import re
from pathlib import Path

from scrapy.settings import default_settings as scrapy_defaults

from newscrawl import settings
from newscrawl.settings import newscrawl_settings

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_DOC = ROOT / "docs" / "settings.md"
# Where a NEWSCRAWL_* name may be used: the code, its docs, benchmarks and tests.
SEARCHED = ("newscrawl", "spiders", "pipelines", "bench", "docs", "tests", "README.md")
NAME = re.compile(r"\bNEWSCRAWL_[A-Z0-9_]+")


def _files() -> list[Path]:
    files = []
    for place in SEARCHED:
        path = ROOT / place
        if path.is_file():
            files.append(path)
        else:
            files += [f for f in path.rglob("*") if f.suffix in (".py", ".md", ".toml", ".cfg")
                      and ".venv" not in f.parts and f != Path(__file__)]
    return files


def test_every_newscrawl_setting_is_in_docs_settings_md_with_its_help() -> None:
    doc = SETTINGS_DOC.read_text(encoding="utf-8").splitlines()
    for setting in newscrawl_settings:
        rows = [line for line in doc if line.startswith(f"| `{setting.name}` |")]
        assert rows, f"{setting.name} is not in docs/settings.md"
        assert setting.help in rows[0], f"docs/settings.md: {setting.name}'s help differs from settings.py"


def test_every_newscrawl_name_used_is_a_defined_setting() -> None:
    defined = {setting.name for setting in newscrawl_settings}
    unknown = set()
    for path in _files():
        for name in NAME.findall(path.read_text(encoding="utf-8", errors="replace")):
            # a name ending in _ is a family, as in ``NEWSCRAWL_NEAR_DUP_*``
            if not (name in defined or name.endswith("_") and any(d.startswith(name) for d in defined)):
                unknown.add(f"{name} ({path.relative_to(ROOT)})")
    assert not unknown, f"not defined in newscrawl/settings.py: {sorted(unknown)}"


def test_scrapy_settings_newscrawl_changes_are_in_docs_settings_md() -> None:
    doc = SETTINGS_DOC.read_text(encoding="utf-8")
    changed = [name for name in dir(settings)
               if name.isupper() and hasattr(scrapy_defaults, name)
               and getattr(settings, name) != getattr(scrapy_defaults, name)]
    assert "ROBOTSTXT_OBEY" in changed
    missing = [name for name in changed if f"`{name}`" not in doc]
    assert not missing, f"Scrapy settings newscrawl changes, not in docs/settings.md: {missing}"


def test_readme_links_the_settings_page() -> None:
    assert "(docs/settings.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
