"""What the store knows, mirrored in Redis for workers that have no database.

The coordinator copies, before the workers start, the URLs earlier runs have (the store's
``already_fetched``), the validators of listing pages fetched by finished runs, and the
listing pages each outlet's earlier runs read. :class:`KnownPages` answers the questions
:class:`~newscrawl.spiders.incremental.IncrementalMiddleware` asks the store, from Redis.
Revisits and retries are requests the coordinator seeds from the store itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import redis

from newscrawl.distributed.keys import Keys

LISTING_KINDS = ("listing", "sitemap")


def publish_known(client: redis.Redis, keys: Keys, store: Any, outlets: Iterable[str]) -> int:
    """Copy what ``store`` knows into Redis (replacing an earlier copy); the number of known URLs."""
    client.delete(keys.fetched, keys.validators, keys.listings)
    count = 0
    batch: list[str] = []
    for url in store.fetched_urls():
        batch.append(url)
        if len(batch) >= 5000:
            client.sadd(keys.fetched, *batch)
            count += len(batch)
            batch = []
    if batch:
        client.sadd(keys.fetched, *batch)
        count += len(batch)
    pipe = client.pipeline()
    for row in store.listing_validators():
        headers = {}
        if row["etag"]:
            headers["If-None-Match"] = row["etag"]
        if row["last_modified"]:
            headers["If-Modified-Since"] = row["last_modified"]
        pipe.hset(keys.validators, row["url"], json.dumps(headers))
    for outlet in outlets:
        for via in LISTING_KINDS:
            urls = store.listing_pages(outlet, via)
            if urls:
                pipe.hset(keys.listings, f"{outlet}|{via}", json.dumps(urls))
    pipe.execute()
    return count


class KnownPages:
    """The store's answers for the incremental middleware, read from Redis."""

    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self.client = client
        self.keys = keys

    def already_fetched(self, url: str) -> bool:
        return bool(self.client.sismember(self.keys.fetched, url))

    def validators(self, url: str, *, finished_runs_only: bool = False) -> dict[str, str]:
        value = self.client.hget(self.keys.validators, url)
        return json.loads(value) if value else {}

    def listing_pages(self, outlet: str, discovered_via: str) -> list[str]:
        value = self.client.hget(self.keys.listings, f"{outlet}|{discovered_via}")
        return json.loads(value) if value else []
