"""Seed lists (`crawl --urls`) and GDELT discovery (`crawl --gdelt`) against the fixture web."""

from __future__ import annotations

import json
import sqlite3
import tomllib
from pathlib import Path

import pytest
from smallweb import QUICK, crawl

from newscrawl.crawl.fixture_web import FixtureWeb, default_root

pytestmark = pytest.mark.slow  # crawls in subprocesses

EXPECTED = tomllib.loads((default_root() / "expected.toml").read_text())["page"]
GDELT = default_root() / "_gdelt"


@pytest.fixture(scope="module")
def web() -> FixtureWeb:
    with FixtureWeb().start() as served:
        yield served


def stored(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    return {url for (url,) in conn.execute("SELECT url FROM pages WHERE verdict = 'article'")}


def verdict_of(web: FixtureWeb, outlet: str, path: str) -> str:
    return next(e["verdict"] for e in EXPECTED if e["outlet"] == outlet and e["path"] == path)


def test_seed_list_csv(web: FixtureWeb, tmp_path: Path) -> None:
    letter = web.url("ledger", "/2026/01/27/tech-workers-letter.html")
    vigil = next(e["path"] for e in EXPECTED if e["outlet"] == "prairie" and e["verdict"] == "article")
    seeds = tmp_path / "seeds.csv"
    seeds.write_text(
        "title,url,publish_date\n"
        f"Letter,{letter}?utm_source=newsletter,2026-01-27\n"
        f"Vigil,{web.url('prairie', vigil)},\n"
        "Elsewhere,https://unknown-outlet.example/2026/01/27/story.html,\n"
    )
    db = tmp_path / "seeds.db"
    web.clear_requests()
    result = crawl(web.sources_path, db, "--urls", str(seeds), settings=QUICK)
    assert stored(db) == {letter, web.url("prairie", vigil)}
    assert "unknown-outlet.example" in result.stdout
    fetched = {r.path for r in web.requests if r.path != "/robots.txt"}
    assert fetched == {"/2026/01/27/tech-workers-letter.html", vigil}, "no feed or sitemap is read"


def test_seed_list_adds_outlets_for_unknown_domains(web: FixtureWeb, tmp_path: Path) -> None:
    sources = tomllib.loads(web.sources_path.read_text())
    text = web.sources_path.read_text()
    start = text.index("[outlets.wire]")
    end = text.find("[outlets.", start + 1)
    trimmed = text[:start] + (text[end:] if end != -1 else "")
    assert "wire" in sources["outlets"] and "[outlets.wire]" not in trimmed
    sources_file = tmp_path / "sources.toml"
    sources_file.write_text(trimmed)
    wire_story = web.url("wire", "/stories/2026/01/27/tech-workers-ice-letter.html")
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(f"# a colleague's list\n{wire_story}\n")
    db = tmp_path / "add.db"
    result = crawl(sources_file, db, "--urls", str(seeds), "--add-outlets", settings=QUICK)
    assert "Added 1 draft outlets" in result.stderr
    added = tomllib.loads(sources_file.read_text())["outlets"]
    draft = next(t for slug, t in added.items() if slug not in sources["outlets"] or slug == "wire")
    assert draft["verified"] is False
    assert stored(db) == {wire_story}


def test_gdelt_discovery(web: FixtureWeb, tmp_path: Path) -> None:
    api_root = tmp_path / "api"
    endpoint = api_root / "gdelt" / "api" / "v2" / "doc" / "doc"
    endpoint.parent.mkdir(parents=True)
    endpoint.write_bytes(web.render((GDELT / "artlist-2026-01-27.json").read_bytes()))
    with FixtureWeb(api_root).start() as api:
        db = tmp_path / "gdelt.db"
        web.clear_requests()
        result = crawl(web.sources_path, db, "--gdelt", "--since", "2026-01-27", "--until", "2026-01-28",
                       settings=(*QUICK, f"NEWSCRAWL_GDELT_API={api.url('gdelt', '/api/v2/doc/doc')}"))
        (call,) = api.requests
    assert "mode=ArtList" in call.path and "startdatetime=20260127000000" in call.path
    assert "unknown-outlet.example" in result.stdout
    listed = json.loads((GDELT / "artlist-2026-01-27.json").read_text())["articles"]
    urls = [a["url"].replace("{{base:", "").split("}}") for a in listed if a["url"].startswith("{{base:")]
    expected = {web.url(slug, path.split("?")[0]) for slug, path in urls
                if verdict_of(web, slug, path.split("?")[0]) == "article"}
    # Published at 17:45 on the 26th in its outlet's zone (01:45 UTC on the 27th): --since is
    # on the outlet's own day, so the story is before the window GDELT was asked for.
    expected -= {web.url("bytewire", "/2026/01/26/iceout-tech-letter-signatures/")}
    assert stored(db) == expected
    assert len(expected) >= 3
