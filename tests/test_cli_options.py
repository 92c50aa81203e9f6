"""The CLI's shared pieces, called directly: the IsoDay type and the shared option decorators."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from smallweb import assert_user_error, run

from newscrawl.cli.options import IsoDay, UserError, article_filters, day_range, output_options


@click.command()
@click.option("--since", type=IsoDay())
def since_command(since: date | None) -> None:
    click.echo(repr(since))


@pytest.mark.parametrize(("typed", "day"), [
    ("2026-01-05", date(2026, 1, 5)),
    ("2026-1-5", date(2026, 1, 5)),
    ("20260105", date(2026, 1, 5)),
    ("", None),
])
def test_iso_day_reads_a_day(typed: str, day: date | None) -> None:
    assert IsoDay().convert(typed, None, None) == day


def test_iso_day_passes_a_day_through() -> None:
    assert IsoDay().convert(date(2026, 1, 5), None, None) == date(2026, 1, 5)


@pytest.mark.parametrize("typed", ["2026-13-01", "2026-02-30", "yesterday", "01/05/2026"])
def test_iso_day_refuses_anything_else_with_one_error_line(typed: str) -> None:
    result = CliRunner().invoke(since_command, ["--since", typed])
    assert_user_error(result.exit_code, result.output, f"--since: {typed!r} is not a date", "YYYY-MM-DD")


def test_iso_day_given_on_the_command_line() -> None:
    result = CliRunner().invoke(since_command, ["--since", "2026-01-05"])
    assert result.exit_code == 0
    assert result.output == "datetime.date(2026, 1, 5)\n"


def test_day_range_gives_iso_days_in_order() -> None:
    assert day_range(date(2026, 1, 1), date(2026, 1, 31)) == ("2026-01-01", "2026-01-31")
    assert day_range(None, date(2026, 1, 31)) == (None, "2026-01-31")
    assert day_range(date(2026, 1, 1), date(2026, 1, 1)) == ("2026-01-01", "2026-01-01")
    with pytest.raises(UserError, match="--since 2026-02-01 is after --until 2026-01-01"):
        day_range(date(2026, 2, 1), date(2026, 1, 1))


def test_dupes_checks_the_order_of_since_and_until(tmp_path: Path) -> None:
    code, out = run("dupes", "--db", str(tmp_path / "any.db"),
                    "--since", "2026-02-02", "--until", "2026-02-01")
    assert_user_error(code, out, "--since 2026-02-02 is after --until 2026-02-01")


@click.command()
@output_options(csv=True)
def table_json_csv(output: str) -> None:
    click.echo(output)


@click.command()
@output_options()
def table_json(output: str) -> None:
    click.echo(output)


@pytest.mark.parametrize(("args", "output"), [([], "table"), (["--json"], "json"), (["--csv"], "csv")])
def test_output_options_give_the_command_one_format(args: list[str], output: str) -> None:
    result = CliRunner().invoke(table_json_csv, args)
    assert result.exit_code == 0, result.output
    assert result.output == f"{output}\n"


def test_output_options_refuse_two_formats() -> None:
    result = CliRunner().invoke(table_json_csv, ["--json", "--csv"])
    assert_user_error(result.exit_code, result.output, "--json and --csv: choose one")


def test_output_options_without_csv_declare_only_json() -> None:
    assert [p.opts for p in table_json.params] == [["--json"]]
    assert CliRunner().invoke(table_json, ["--json"]).output == "json\n"
    assert CliRunner().invoke(table_json, ["--csv"]).exit_code == 2


def test_article_filters_with_and_without_language() -> None:
    def names(decorator: object) -> list[str]:
        return [p.name for p in click.command()(decorator(lambda **kwargs: None)).params]

    assert names(article_filters()) == ["outlets", "since", "until", "topic", "language"]
    assert names(article_filters(language=False)) == ["outlets", "since", "until", "topic"]
