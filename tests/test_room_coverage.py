"""The reading room's completeness page (``/coverage``, ``/coverage.json``), in-process.

As in ``test_room.py``, Datasette runs in this process with the reading room registered and
is asked for pages through its own client. The databases are real: one with the discovery
evidence of three channels over a known population of 200 articles
(:func:`test_coverage_report.evidence_db`), one of schema version 8 (before the evidence),
and ``test_room``'s corpus (the current schema, no channel read recorded). The page in a real
browser is in ``test_room.py`` (slow), which serves a crawled copy of the fixture web.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from smallweb import run
from test_coverage_report import evidence_db, v8_db
from test_room import Client, build_corpus

from newscrawl.outputs.room.coverage import NO_EVIDENCE, NO_MATCH, NO_POLLS, CoverageForm

TRUTH = 200  # articles the simulated outlet published; the channels listed fewer


@pytest.fixture(scope="module")
def evidence(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return evidence_db(tmp_path_factory.mktemp("room-coverage") / "news.db")


@pytest.fixture(scope="module")
def client(evidence: Path) -> Iterator[Client]:
    c = Client(evidence)
    yield c
    c.close()


def rows(page: str) -> dict[tuple[str, str], str]:
    """(outlet, topic or "") -> the row's HTML, from the completeness table."""
    out = {}
    for match in re.finditer(r'<tbody class="(outlet|topic)" data-outlet="([^"]+)"'
                             r'(?: data-topic="([^"]+)")?>(.*?)</tbody>', page, re.S):
        out[(match.group(2), match.group(3) or "")] = match.group(4)
    return out


def cell(row: str, name: str) -> str:
    return re.search(rf'<td class="[^"]*\b{name}\b[^"]*"[^>]*>(.*?)</td>', row, re.S).group(1).strip()


def test_the_page_gives_each_outlet_and_topic_its_estimate_interval_and_method(client: Client) -> None:
    page = client.get("/coverage")
    assert page.status_code == 200
    found = rows(page.text)
    assert set(found) == {("ledger", ""), ("ledger", "labor")}
    ledger = found[("ledger", "")]
    assert "<th scope=\"row\" class=\"label\">Ledger</th>" in ledger  # the outlet's name
    seen = int(cell(ledger, "seen"))
    total = float(cell(ledger, "total").replace(",", ""))
    assert seen < TRUTH and cell(ledger, "method") == "log-linear model"
    figures = re.search(r"<strong>(\d+)%</strong> <span class=\"ci-text\">(\d+)–(\d+)%</span>", ledger)
    point, low, high = (int(v) for v in figures.groups())
    assert low <= round(100 * seen / total) == point <= high
    assert low <= 100 * seen / TRUTH <= high + 1  # the interval holds the truth (rounded to points)
    assert "channels counted: feed, gdelt, sitemap" in ledger and "window 10 days" in ledger
    assert 'class="ci-range" style="left:' in ledger
    overall = re.search(r'<tfoot class="overall" id="overall">(.*?)</tfoot>', page.text, re.S).group(1)
    assert int(cell(overall, "seen")) == seen and "sum of 1 outlet" in overall


def test_the_page_says_what_the_numbers_mean_and_that_dependence_flatters(client: Client) -> None:
    page = client.get("/coverage").text
    meaning = re.search(r'<section class="meaning" id="meaning">(.*?)</section>', page, re.S).group(1)
    for term in ("Seen", "Estimated total", "Completeness", "Method", "Too little overlap to estimate"):
        assert term in meaning
    caution = re.search(r'<p class="caution" id="caution">(.*?)</p>', meaning, re.S).group(1)
    assert "upper bound" in caution and "completeness looks higher than it is" in caution
    assert "docs/coverage.md" in meaning
    assert '<a href="/coverage.json" id="json">' in page
    assert '<code id="command">newscrawl coverage --db news.db</code>' in page


def test_the_json_is_the_commands(client: Client, evidence: Path) -> None:
    answer = client.get("/coverage.json", topic="labor")
    assert answer.status_code == 200
    body = answer.json()
    assert body["ok"] is True and body["message"] is None
    assert body["filters"] == {"outlets": [], "topic": "labor", "since": None, "until": None}
    code, out = run("coverage", "--db", str(evidence), "--json", "--topic", "labor")
    assert code == 0, out
    assert body["coverage"] == json.loads(out)  # one implementation: outputs/coverage.py


def test_filters_narrow_the_estimate_as_the_commands_options_do(client: Client) -> None:
    page = client.get("/coverage", since="2026-03-04", until="2026-03-05", outlet="ledger")
    assert page.status_code == 200
    assert "window 2 days" in rows(page.text)[("ledger", "")]
    assert 'value="2026-03-04"' in page.text and '<option value="ledger" selected>' in page.text
    assert "--outlet ledger --since 2026-03-04 --until 2026-03-05" in page.text
    assert client.get("/coverage.json", since="2026-03-04", until="2026-03-05").json()[
        "coverage"]["outlets"][0]["window_days"] == 2.0
    other = client.get("/coverage", topic="nothing-like-it")
    assert other.status_code == 200 and NO_MATCH in other.text and 'id="completeness"' not in other.text


@pytest.mark.parametrize("params, message", [
    ({"since": "2026-02-30"}, "From '2026-02-30' is not a day: write it as YYYY-MM-DD"),
    ({"since": "2026-03-05", "until": "2026-03-04"}, "The date range ends (2026-03-04) before it starts"),
])
def test_a_bad_day_is_one_friendly_line(client: Client, params: dict[str, str], message: str) -> None:
    page = client.get("/coverage", **params)
    assert page.status_code == 400
    (line,) = re.findall(r'<p class="error" id="error" role="alert">(.*?)</p>', page.text)
    assert line.replace("&#39;", "'").startswith(message)
    answer = client.get("/coverage.json", **params)
    assert answer.status_code == 400 and answer.json()["ok"] is False
    assert answer.json()["error"].startswith(message)


def test_a_database_of_an_older_schema_is_one_line_not_an_error(tmp_path: Path) -> None:
    c = Client(v8_db(tmp_path / "v8.db"))
    try:
        page = c.get("/coverage")
        assert page.status_code == 200
        assert re.findall(r'<p class="error" id="message" role="status">(.*?)</p>', page.text) == [
            NO_EVIDENCE.replace("'", "&#39;")]
        assert "Traceback" not in page.text and 'id="meaning"' in page.text
        answer = c.get("/coverage.json")
        assert answer.status_code == 200
        assert answer.json() == {"ok": True, "filters": {"outlets": [], "topic": None, "since": None,
                                                         "until": None},
                                 "message": NO_EVIDENCE, "coverage": None}
        assert c.get("/").status_code == 200
    finally:
        c.close()


def test_a_current_database_without_channel_reads_says_so(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    build_corpus(db)
    c = Client(db)
    try:
        page = c.get("/coverage")
        assert page.status_code == 200 and NO_POLLS.replace("'", "&#39;") in page.text
    finally:
        c.close()


def test_home_and_navigation_link_to_the_page(client: Client) -> None:
    home = client.get("/").text
    assert '<a href="/coverage" id="link-coverage">How complete is the corpus?</a>' in home
    for path in ("/", "/search?q=words", "/coverage"):
        nav = re.search(r"<nav>(.*?)</nav>", client.get(path).text, re.S).group(1)
        assert '<a href="/coverage">Completeness</a>' in nav, path


def test_the_command_line_shown_quotes_what_needs_it() -> None:
    form = CoverageForm(outlet="ledger", topic="ice tech", since="2026-01-01")
    assert form.command("news.db") == "newscrawl coverage --db news.db --outlet ledger --topic 'ice tech' " \
                                      "--since 2026-01-01"


def test_a_write_to_the_database_is_seen_on_the_next_request(tmp_path: Path) -> None:
    db = evidence_db(tmp_path / "news.db")
    c = Client(db)
    try:
        assert "channels counted: feed, gdelt, sitemap" in c.get("/coverage").text
        assert "channels counted: feed, gdelt, sitemap" in c.get("/coverage").text  # kept
        conn = sqlite3.connect(db)
        conn.execute("DELETE FROM discoveries WHERE channel = 'gdelt'")
        conn.execute("DELETE FROM channel_polls WHERE channel = 'gdelt'")
        conn.commit()
        conn.close()
        assert "channels counted: feed, sitemap" in c.get("/coverage").text
    finally:
        c.close()
