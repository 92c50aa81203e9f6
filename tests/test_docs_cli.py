"""docs/cli.md is every command's --help: these fail when it is out of date."""

from __future__ import annotations

import inspect
from pathlib import Path

from newscrawl.cli import main
from newscrawl.cli.docs import render
from newscrawl.cli.options import DEFAULT_DB

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def test_docs_cli_md_is_what_the_generator_prints_now() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/cli.md is out of date: python -m newscrawl.cli.docs > docs/cli.md")


def test_the_reference_has_a_section_for_every_command() -> None:
    text = render()
    for name in main.commands:
        assert f"\n## newscrawl {name}\n" in text
    assert "\n## newscrawl sources check\n" in text


def test_the_reference_shows_default_paths_relative_to_the_project() -> None:
    text = render()
    assert "[default: data/news.db]" in text
    assert str(Path(__file__).resolve().parent.parent) not in text
    crawl_db = next(p for p in main.commands["crawl"].params if p.name == "db")
    assert crawl_db.default == DEFAULT_DB  # the command itself is left as it was


def test_every_command_has_an_example() -> None:
    commands = [c for c in main.commands.values() if c.name != "sources"]
    commands += main.commands["sources"].commands.values()
    for command in commands:
        assert "Example:\n\n    newscrawl " in inspect.cleandoc(command.help or ""), command.name
