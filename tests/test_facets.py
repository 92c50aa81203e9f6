"""Search filters as FTS5 tokens: the tokens of an article and the expressions of a filter."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from newscrawl.store.facets import (
    MARK,
    article_facets,
    date_tokens,
    filter_expression,
    language_token,
    outlet_token,
    topic_token,
)


def _days_of(token: str) -> set[date]:
    """The days a y/m/d token stands for."""
    token = token.removeprefix(MARK)
    if token.startswith("y"):
        first, last = date(int(token[1:]), 1, 1), date(int(token[1:]), 12, 31)
    elif token.startswith("m"):
        year, month = int(token[1:5]), int(token[5:7])
        first = date(year, month, 1)
        last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    else:
        first = last = date(int(token[1:5]), int(token[5:7]), int(token[7:9]))
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


def test_article_facets() -> None:
    facets = article_facets("daily-ledger", "EN", "2026-03-01T23:30:00+00:00", ["ice-tech", "a"])
    assert facets.split() == [
        outlet_token("daily-ledger"), language_token("en"), f"{MARK}y2026", f"{MARK}m202603",
        f"{MARK}d20260301", topic_token("a"), topic_token("ice-tech"),
    ]
    assert outlet_token("daily-ledger") == "\ue000o6461696C792D6C6564676572"  # hex: FTS5 splits on "-"
    assert article_facets("x", None, None, []).split()[-1] == f"{MARK}undated"


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2026, 3, 1), date(2026, 3, 31), ["m202603"]),
        (date(2026, 1, 1), date(2026, 12, 31), ["y2026"]),
        (date(2026, 3, 5), date(2026, 3, 5), ["d20260305"]),
        (date(2025, 12, 30), date(2026, 2, 1), ["d20251230", "d20251231", "m202601", "d20260201"]),
        (date(2024, 11, 25), date(2026, 1, 31),
         [f"d202411{d}" for d in range(25, 31)] + ["m202412", "y2025", "m202601"]),
        (date(2026, 3, 5), date(2026, 3, 4), []),
    ],
)
def test_date_tokens(first: date, last: date, expected: list[str]) -> None:
    assert date_tokens(first, last) == [MARK + token for token in expected]


@pytest.mark.parametrize("span", [0, 1, 27, 28, 29, 30, 31, 59, 365, 366, 800])
@pytest.mark.parametrize(
    "start", [date(2023, 12, 31), date(2024, 2, 1), date(2024, 2, 28), date(2025, 6, 17)]
)
def test_date_tokens_cover_exactly_the_range(start: date, span: int) -> None:
    tokens = date_tokens(start, start + timedelta(days=span))
    covered = [day for token in tokens for day in _days_of(token)]
    assert len(covered) == len(set(covered)) == span + 1  # no day twice
    assert set(covered) == {start + timedelta(days=i) for i in range(span + 1)}
    assert len(tokens) <= 31 + 11 + (span // 365 + 1) + 11 + 31


def test_filter_expression() -> None:
    assert filter_expression() is None
    expression = filter_expression(outlets=["b", "a"], language="ES", topic="t",
                                   days=(date(2026, 3, 1), date(2026, 3, 31)))
    assert expression == (
        f'("{outlet_token("a")}" OR "{outlet_token("b")}") AND "{language_token("es")}" '
        f'AND "{topic_token("t")}" AND "{MARK}m202603"'
    )
    # an empty day range matches nothing rather than everything
    assert filter_expression(days=(date(2026, 3, 2), date(2026, 3, 1))) == f'"{MARK}none"'
