"""Every listing page of the fixture webs, read as a page, is not an article to store.

A crawl takes its start pages (most of the webs' listings) for listings without judging them,
so the webs' own checks that no listing is stored could not fail for those pages. ``newscrawl
ingest`` judges every page of a WARC file, and a crawl judges a section or tag page it finds
through a link: here each listing of each web's truth is fetched from its server, as a crawl
fetches it, and given to ``extract_article`` with its URL. It must come out a listing, with no
text, or shorter than ``NEWSCRAWL_MIN_WORDS``.
"""

from __future__ import annotations

import importlib
import urllib.request
from collections.abc import Iterator
from types import ModuleType

import pytest
from truthweb import cases, load_truth, page_id

from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.extract.article import extract_article
from newscrawl.settings import default
from newscrawl.words import word_count

pytestmark = pytest.mark.slow  # the webs served

WEBS = ("otherweb", "intlweb", "cmsweb", "titleweb", "recallweb", "dateweb", "bylineweb", "listweb",
        "dachweb", "kindweb", "blogweb", "mideastweb", "cjkweb", "slavweb", "anglweb", "asiaweb",
        "romweb", "nordweb", "afroweb", "magweb", "localweb", "syndweb")

# Listings judged articles, left (docs/testing.md, "Listings read as pages"): page -> the reason.
KNOWN: dict[str, str] = {
    "harborledger/technology/": "a section front whose lead story is shown in full: the text is that story",
    "capitolmonitor/corrections/": "a corrections page: its text is the corrections themselves, no teasers",
}


def _listings() -> Iterator[tuple[ModuleType, dict]]:
    for name in WEBS:
        package = importlib.import_module(name)
        for entry in load_truth(package.HERE):
            if entry["kind"] == "listing":
                yield package, entry


LISTINGS = list(_listings())


@pytest.fixture(scope="module")
def webs() -> Iterator[dict[str, FixtureWeb]]:
    served: dict[str, FixtureWeb] = {}
    try:
        for name in WEBS:
            served[name] = importlib.import_module(name).serve()
        yield served
    finally:
        for web in served.values():
            web.stop()


@pytest.mark.parametrize(
    "entry", cases([entry | {"web": package.__name__} for package, entry in LISTINGS], KNOWN)
)
def test_a_listing_read_as_a_page_is_not_an_article(webs: dict[str, FixtureWeb], entry: dict) -> None:
    url = webs[entry["web"]].url(entry["outlet"], entry["path"])
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the web on 127.0.0.x
        body, content_type = response.read(), response.headers.get("Content-Type")
    article = extract_article(body, url, content_type=content_type)
    if article is None or article.page_type == "listing":
        return
    words = word_count(article.text)
    assert words < default("NEWSCRAWL_MIN_WORDS"), (
        f"{page_id(entry)}: an article of {words} words ({article.page_type_reason})"
    )
