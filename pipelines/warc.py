"""Archive stage: every response the crawl receives goes to a rotating gzipped WARC file.

Runs right after the extract stage, before anything is judged or stored, so the raw bytes
are kept whatever later stages decide; ``pages.warc_file`` and ``pages.warc_offset`` then say
where each response lies. A page the extraction pool had (every HTML page not decided before)
comes with its record built and compressed by the worker (``item.warc_record``): appended
as it is. Any other page, or one whose worker failed or crashed, is archived from its body
here, compressed in a thread (zlib releases the GIL), off the reactor.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from newscrawl.items import ChannelPoll, FetchedPage
from newscrawl.settings import read_setting
from newscrawl.store.warc import WarcWriter, archive_dir


class WarcPipeline:
    """Write the page's HTTP response to WARC and record the file and offset on the page."""

    def __init__(self, directory: Path, max_bytes: int, prefix: str = "newscrawl") -> None:
        self.directory = directory
        self.max_bytes = max_bytes
        self.prefix = prefix
        self.writer: WarcWriter | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> WarcPipeline:
        from scrapy.exceptions import NotConfigured

        settings = crawler.settings
        if not read_setting(settings, "NEWSCRAWL_WARC"):
            raise NotConfigured("NEWSCRAWL_WARC is off")
        directory = archive_dir(read_setting(settings, "NEWSCRAWL_DB"),
                                read_setting(settings, "NEWSCRAWL_WARC_DIR"))
        return cls(directory, read_setting(settings, "NEWSCRAWL_WARC_MAX_BYTES"),
                   read_setting(settings, "NEWSCRAWL_WARC_PREFIX"))

    def open_spider(self, spider: Any = None) -> None:
        self.writer = WarcWriter(self.directory, prefix=self.prefix, max_bytes=self.max_bytes)

    def close_spider(self, spider: Any = None) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    async def process_item(self, item: FetchedPage, spider: Any = None) -> FetchedPage:
        if isinstance(item, ChannelPoll):  # a channel's read: only the store stage writes it
            return item
        record, item.warc_record = item.warc_record, None
        if item.status is None or item.from_archive or self.writer is None:
            return item
        if record is not None:  # built by the extraction worker from this response
            name, offset = self.writer.append_records(record)
        else:
            name, offset = await asyncio.to_thread(
                self.writer.write_response,
                item.response_url or item.final_url or item.url,
                item.status,
                item.headers,
                item.body,
                item.fetched_at,
            )
        item.warc_file = name
        item.warc_offset = offset
        if item.article is not None:
            item.body = b""  # the text is out; the raw body is not needed downstream
        return item
