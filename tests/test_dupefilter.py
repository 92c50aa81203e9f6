"""The crawl's duplicate filter keeps its fingerprints in one array (newscrawl/crawl/dupefilter.py)
and filters what Scrapy's filters, with JOBDIR's ``requests.seen`` written and read as Scrapy's."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from components import project_settings
from scrapy import Request, Spider
from scrapy.dupefilters import RFPDupeFilter
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newscrawl.crawl.dupefilter import CompactDupeFilter, FingerprintSet


def _fingerprints(count: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    return [hashlib.sha1(rng.randbytes(16)).digest() for _ in range(count)]


def test_a_fingerprint_set_is_a_set_of_fingerprints() -> None:
    seen = _fingerprints(20_000, 1)
    unseen = _fingerprints(20_000, 2)
    fingerprints = FingerprintSet()
    for i, fp in enumerate(seen):
        assert fp not in fingerprints
        fingerprints.add(fp)
        assert fp in fingerprints
        if i % 5 == 0:
            fingerprints.add(fp)  # again: no change
    assert len(fingerprints) == len(seen)  # grew from 1,024 slots, nothing lost
    assert all(fp in fingerprints for fp in seen)
    assert not any(fp in fingerprints for fp in unseen)
    assert fingerprints._slots.itemsize * len(fingerprints._slots) <= 16 * 2 * len(seen)


def test_a_fingerprint_is_the_same_as_bytes_or_hex_digits() -> None:
    # Scrapy 2.13-2.18 keep hex strings, 2.19 bytes.
    fp = _fingerprints(1, 3)[0]
    fingerprints = FingerprintSet([fp.hex()])
    assert fp in fingerprints and fp.hex() in fingerprints and 42 not in fingerprints
    zero = bytes(20)  # its key would be the empty slot's: kept all the same
    fingerprints.add(zero)
    assert zero in fingerprints and len(fingerprints) == 2


class _Spider(Spider):
    name = "news"


def _filter(tmp_path: Path, jobdir: Path | None = None) -> CompactDupeFilter:
    settings = {"JOBDIR": str(jobdir)} if jobdir else {}
    crawler = get_crawler(_Spider, project_settings(NEWSCRAWL_DB=str(tmp_path / "news.db"), **settings))
    dupefilter_class = crawler.settings["DUPEFILTER_CLASS"]
    assert dupefilter_class == "newscrawl.crawl.dupefilter.CompactDupeFilter"
    return build_from_crawler(CompactDupeFilter, crawler)


def test_the_crawls_filter_filters_a_request_seen_before(tmp_path: Path) -> None:
    dupefilter = _filter(tmp_path)
    assert isinstance(dupefilter, RFPDupeFilter)
    first = Request("https://ledger.test/story-1.html?b=2&a=1")
    assert not dupefilter.request_seen(first)
    assert dupefilter.request_seen(Request("https://ledger.test/story-1.html?a=1&b=2"))  # same request
    assert not dupefilter.request_seen(Request("https://ledger.test/story-2.html"))
    assert not dupefilter.request_seen(Request("https://ledger.test/story-1.html", method="POST"))
    dupefilter.close("finished")


def test_a_jobdir_remembers_the_seen_requests_across_runs(tmp_path: Path) -> None:
    jobdir = tmp_path / "job"
    jobdir.mkdir()
    urls = [f"https://ledger.test/story-{i}.html" for i in range(3000)]
    first = _filter(tmp_path, jobdir)
    assert not any(first.request_seen(Request(url)) for url in urls)
    first.close("shutdown")
    # Scrapy's own filter reads what this one wrote, and the other way round.
    scrapys = RFPDupeFilter(str(jobdir))
    assert all(scrapys.request_seen(Request(url)) for url in urls)
    assert not scrapys.request_seen(Request("https://ledger.test/scrapys.html"))
    scrapys.close("shutdown")
    again = _filter(tmp_path, jobdir)
    assert all(again.request_seen(Request(url)) for url in [*urls, "https://ledger.test/scrapys.html"])
    assert not again.request_seen(Request("https://ledger.test/new.html"))
    again.close("finished")
