"""Shell completion (click's): the scripts are produced and complete commands and options."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newscrawl.cli import main

SCRIPTS = [("bash", "_newscrawl_completion()"), ("zsh", "#compdef newscrawl"),
           ("fish", "complete --no-files --command newscrawl")]


@pytest.mark.parametrize(("shell", "marker"), SCRIPTS)
def test_the_completion_script_is_produced(shell: str, marker: str) -> None:
    env = {"_NEWSCRAWL_COMPLETE": f"{shell}_source"}
    result = CliRunner().invoke(main, [], prog_name="newscrawl", env=env)
    assert result.exit_code == 0 and marker in result.output, result.output


@pytest.mark.parametrize(("words", "expected"), [("newscrawl sta", "status"), ("newscrawl in", "init"),
                                                  ("newscrawl search --out", "--outlet")])
def test_bash_completes_commands_and_options(words: str, expected: str) -> None:
    env = {"_NEWSCRAWL_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - 1)}
    result = CliRunner().invoke(main, [], prog_name="newscrawl", env=env)
    assert result.exit_code == 0 and f"plain,{expected}" in result.output.splitlines(), result.output
