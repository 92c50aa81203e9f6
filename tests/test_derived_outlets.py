"""Outlets derived from a page's registered domain (``ingest --any-outlet``): the pure rules and
what the store keeps of them (a real SQLite file)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from newscrawl.config import Outlet
from newscrawl.discover.outlets import DerivedOutlets, derived_outlet_row, draft_table, registered_domain
from newscrawl.store import Store
from newscrawl.store.schema import MIGRATIONS

LEDGER = Outlet(slug="ledger", name="The Ledger", homepage="https://ledger.example.com/",
                domain="ledger.example.com", start_pages=("https://ledger.example.com/",))


@pytest.mark.parametrize(("url", "domain"), [
    ("https://www.bbc.co.uk/news/world-1", "bbc.co.uk"),
    ("https://news.example.com:8443/a", "example.com"),
    ("http://alice.github.io/post", "alice.github.io"),  # a private suffix: one outlet per site
    ("http://127.0.0.1:8001/story.html", "127.0.0.1:8001"),  # no registered domain: the host
    ("http://localhost/x", "localhost"),
    ("ftp://example.com/file", None),
    ("not a url", None),
])
def test_registered_domain(url: str, domain: str | None) -> None:
    assert registered_domain(url) == domain


def test_a_configured_outlet_keeps_its_pages_and_others_get_one_outlet_per_domain() -> None:
    owners = DerivedOutlets({"ledger": LEDGER})
    assert owners.outlet_for("https://ledger.example.com/2026/a.html") is LEDGER
    first = owners.outlet_for("https://www.example.com/2026/a.html")
    second = owners.outlet_for("https://sport.example.com/2026/b.html")
    assert first is second and first.slug == "example-com" and first.domain == "example.com"
    assert first.homepage == "https://www.example.com/" and first.timezone == "UTC"
    assert owners.derived == {"example-com": first}
    assert owners.outlet_for("mailto:someone@example.com") is None


def test_a_derived_slug_never_takes_a_configured_or_stored_outlets_slug() -> None:
    taken = Outlet(slug="example-com", name="Other", homepage="https://other.example.org/",
                   domain="other.example.org", start_pages=("https://other.example.org/",))
    owners = DerivedOutlets({"example-com": taken}, stored={"example-com-2": "elsewhere.net",
                                                             "bbc-co-uk": "bbc.co.uk"})
    assert owners.outlet_for("https://example.com/a").slug == "example-com-3"
    assert owners.outlet_for("https://www.bbc.co.uk/a").slug == "bbc-co-uk"  # an earlier run's: the same
    later = DerivedOutlets({}, stored={"example-com-2": "example.com"})  # the clash is gone now
    assert later.outlet_for("https://example.com/b").slug == "example-com-2"


def test_the_row_and_the_draft_take_name_and_language_from_the_page() -> None:
    outlet = DerivedOutlets({}).outlet_for("https://www.zeitung.de/politik/a.html")
    assert outlet is not None
    bare = derived_outlet_row(outlet)
    assert (bare["name"], bare["country"], bare["language"], bare["derived"]) == ("zeitung.de", "DE", "de", 1)
    row = derived_outlet_row(outlet, site_name=" Die Zeitung ", language="en")
    assert (row["name"], row["language"]) == ("Die Zeitung", "en")
    unknown = derived_outlet_row(DerivedOutlets({}).outlet_for("https://example.com/a"))
    assert (unknown["country"], unknown["language"], unknown["kind"]) == (None, None, None)
    draft = draft_table(row)
    assert (draft["name"], draft["domain"], draft["language"], draft["country"]) == (
        "Die Zeitung", "zeitung.de", "en", "DE")
    assert draft["start_pages"] == ["https://www.zeitung.de/"] and draft["verified"] is False
    assert "--any-outlet" in draft["notes"]


def test_the_store_never_lets_a_derived_outlet_change_a_configured_one(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "x.db")
    try:
        store.upsert_outlets([LEDGER.to_row()])
        clash = Outlet(slug="ledger", name="ledger.example.net", homepage="https://ledger.example.net/",
                       domain="ledger.example.net")
        store.record_derived_outlet(derived_outlet_row(clash, language="fr"))
        outlet = DerivedOutlets({}).outlet_for("https://www.example.com/a")
        store.record_derived_outlet(derived_outlet_row(outlet))
        store.record_derived_outlet(derived_outlet_row(outlet, site_name="Example News", language="en"))
        store.record_derived_outlet(derived_outlet_row(outlet, site_name="Later Name", language="de"))
        store.flush()
        rows = store.conn.execute("SELECT slug, name, domain, language, derived FROM outlets "
                                  "ORDER BY slug").fetchall()
    finally:
        store.close()
    assert rows == [("example-com", "Example News", "example.com", "en", 1),
                    ("ledger", "The Ledger", "ledger.example.com", "en", 0)]


def test_a_version_4_database_gains_outlets_derived(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    conn = sqlite3.connect(path)
    for version in (1, 2, 3, 4):
        MIGRATIONS[version](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 4")
    conn.execute("INSERT INTO outlets (slug, name, domain) VALUES ('ledger', 'The Ledger', 'ledger.test')")
    conn.commit()
    conn.close()
    store = Store.open(path)
    try:
        assert store.conn.execute("SELECT slug, derived FROM outlets").fetchall() == [("ledger", None)]
        store.upsert_outlets([LEDGER.to_row()])
        assert store.conn.execute("SELECT derived FROM outlets").fetchall() == [(0,)]
    finally:
        store.close()
