"""`python -m newscrawl.cli`: the same as the `newscrawl` command."""

from newscrawl.cli import run

run()
