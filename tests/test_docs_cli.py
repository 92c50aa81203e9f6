"""docs/cli.md is every command's --help: these fail when it is out of date."""

from __future__ import annotations

import inspect
from pathlib import Path

from newscrawl.cli import main
from newscrawl.cli.docs import render

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def test_docs_cli_md_is_what_the_generator_prints_now() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/cli.md is out of date: python -m newscrawl.cli.docs > docs/cli.md")


def test_the_reference_has_a_section_for_every_command() -> None:
    text = render()
    for name in main.commands:
        assert f"\n## newscrawl {name}\n" in text
    assert "\n## newscrawl sources check\n" in text


def test_the_reference_shows_no_path_of_this_machine() -> None:
    text = render()
    assert "[default: (newscrawl.toml's or the user's news.db)]" in " ".join(text.split())
    assert str(Path(__file__).resolve().parent.parent) not in text
    assert str(Path.home()) not in text


def test_every_command_has_an_example() -> None:
    commands = [c for c in main.commands.values() if c.name != "sources"]
    commands += main.commands["sources"].commands.values()
    for command in commands:
        assert "Example:\n\n    newscrawl " in inspect.cleandoc(command.help or ""), command.name
