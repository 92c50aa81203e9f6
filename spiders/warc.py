"""The ``warc`` spider: feed archived responses through the same pipelines, without the network.

``files`` (comma-separated paths, or a list; WARC or the older ARC format) are read record by
record: each HTTP response whose URL belongs to a configured outlet becomes a
:class:`~newscrawl.items.FetchedPage`, exactly as if the ``news`` spider had fetched it (CC-NEWS
files, or newscrawl's own WARCs). With ``any_outlet=1`` the pages of every other site are kept
too, under an outlet derived from the page's registered domain
(:class:`~newscrawl.discover.outlets.DerivedOutlets`; listed in ``derived_outlets``, which the
store stage records); a configured outlet still owns its pages.
A truncated or unreadable file is reported (``newscrawl/warc_errors`` in the stats) and the
other files are still read. A record an earlier run already ingested (the same file name and
offset) is skipped, whatever its outcome was, so ingesting a file twice changes nothing.

With ``reextract=1`` it reads instead every page the database has a WARC copy of, so an
upgraded extractor, date resolver or topic re-judges the corpus: stored articles are updated
in place, and a changed title or text keeps the old one as a version.

Either way, the pages of a story split over pages are joined again as the crawl joined them
(:class:`~newscrawl.discover.storypages.ArchivedStories`): the later pages ride on the
first, within one file (``ingest``) or the database's pages (``reextract``). Without ``outlet``,
that includes the pages of the outlets an ``any_outlet`` ingest derived.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newscrawl.config import Outlet, outlet_for_url
from newscrawl.discover.outlets import DerivedOutlets
from newscrawl.discover.storypages import ArchivedStories
from newscrawl.extract.urls import clean_url
from newscrawl.items import ERROR, ChannelPoll, FetchedPage
from newscrawl.settings import read_setting
from newscrawl.spiders.base import PAGES_TOTAL_STAT, ConfiguredSpider
from newscrawl.spiders.incremental import ALREADY_FETCHED_STAT, incremental_middleware
from newscrawl.store.warc import ArchivedResponse, WarcError, archive_dir, iter_responses, read_response


class WarcSpider(ConfiguredSpider):
    """Archived responses in WARC files -> pages for the pipelines."""

    name = "warc"

    def __init__(
        self, files: str | Iterable[str | Path] = (), reextract: Any = False, any_outlet: Any = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if isinstance(files, str):
            files = [f for f in files.split(",") if f]
        self.files = [Path(f) for f in files]
        self.reextract = str(reextract).lower() in ("1", "true", "yes")
        self.any_outlet = str(any_outlet).lower() in ("1", "true", "yes")
        if self.any_outlet and self._outlet_arg:
            raise ValueError("any_outlet keeps the pages of every outlet; leave out outlet")
        self.derived_outlets: dict[str, Outlet] = {}  # slug -> outlet derived from a domain
        self._owners: DerivedOutlets | None = None

    def configure(self, settings: Any) -> None:
        super().configure(settings)
        self.archive = archive_dir(read_setting(settings, "NEWSCRAWL_DB"),
                                   read_setting(settings, "NEWSCRAWL_WARC_DIR"))
        self.story_max_pages = read_setting(settings, "NEWSCRAWL_STORY_MAX_PAGES")

    async def start(self) -> AsyncIterator[FetchedPage | ChannelPoll]:
        if self.reextract:
            # A story split over pages: its pages' rows, read in the order they were fetched,
            # rejoined as the crawl joined them (docs/warc.md).
            stories = ArchivedStories(self.story_max_pages)
            for archived in self._archived_pages():
                for page in stories.add(archived):
                    yield page
            for page in stories.rest():
                yield page
            return
        stats = self.crawler.stats
        if self.any_outlet:
            self.derive_outlets()
        for path in self.files:
            stats.inc_value("newscrawl/warc_files")
            listed: list[tuple[str, str]] = []
            times: list[datetime] = []
            stories = ArchivedStories(self.story_max_pages)  # a story's pages: in one file
            try:
                for response in iter_responses(path, on_error=self._report):
                    page = self._page(path, response, listed)
                    times.append(response.fetched_at)
                    if page is not None:
                        for ready in stories.add(page):
                            yield ready
            except WarcError as exc:
                self._report(exc)
            for ready in stories.rest():
                yield ready
            # The file as a channel (CC-NEWS, say): every known outlet's URL in it, already
            # stored or not, and the span of its capture times (the evidence of coverage).
            yield ChannelPoll("warc", path.name, datetime.now(UTC), None, len(times),
                              min(times, default=None), max(times, default=None), listed)

    def derive_outlets(self) -> None:
        """``any_outlet``: a page no configured outlet owns gets the outlet of its domain; the
        store's outlets keep their slugs."""
        stored = incremental_middleware(self.crawler).stored_outlets()
        self._owners = DerivedOutlets(self.outlets, stored)
        self.derived_outlets = self._owners.derived

    def _archived_pages(self) -> Iterator[FetchedPage]:
        middleware = incremental_middleware(self.crawler)
        if not self._outlet_arg:  # every outlet: also those ``ingest --any-outlet`` derived
            for row in middleware.derived_outlets():
                if row["slug"] not in self.outlets:
                    outlet = Outlet(slug=row["slug"], name=row["name"], homepage=row["homepage"],
                                    domain=row["domain"], timezone=row["timezone"] or "UTC")
                    self.outlets[outlet.slug] = self.derived_outlets[outlet.slug] = outlet
        rows = middleware.archived_pages(self.outlets)
        self.crawler.stats.set_value(PAGES_TOTAL_STAT, len(rows))  # the progress bar's total
        for row in rows:
            path = self.archive / row["warc_file"]
            try:
                response = read_response(path, row["warc_offset"])
            except WarcError as exc:
                self._report(exc)
                continue
            self.crawler.stats.inc_value("newscrawl/reextracted")
            yield FetchedPage(
                url=row["url"], final_url=response.url, outlet=row["outlet"],
                discovered_via=f"reextract {row['warc_file']}", fetched_at=response.fetched_at,
                status=response.status, headers=dict(response.headers), body=response.body,
                warc_file=row["warc_file"], warc_offset=row["warc_offset"], from_archive=True,
            )

    def _report(self, error: WarcError) -> None:
        self.logger.error("%s", error)
        errors = self.crawler.stats.get_value("newscrawl/warc_errors") or []
        self.crawler.stats.set_value("newscrawl/warc_errors", [*errors, str(error)])

    def _outlet_for(self, url: str) -> Outlet | None:
        if self._owners is None:
            return outlet_for_url(self.outlets, url)
        outlet = self._owners.outlet_for(url)
        if outlet is not None and outlet.slug not in self.outlets:  # a newly derived outlet
            self.outlets[outlet.slug] = outlet
            self.crawler.stats.inc_value("newscrawl/derived_outlets")
        return outlet

    def _page(self, path: Path, response: ArchivedResponse,
              listed: list[tuple[str, str]] | None = None) -> FetchedPage | None:
        stats = self.crawler.stats
        outlet = self._outlet_for(response.url)
        if outlet is None:
            stats.inc_value("newscrawl/skipped/unknown_outlet")
            return None
        url = clean_url(response.url)
        if listed is not None and 200 <= response.status < 300:
            listed.append((outlet.slug, url))
        earlier = incremental_middleware(self.crawler)
        if earlier.already_fetched(url) or earlier.already_ingested(url, str(path), response.offset):
            stats.inc_value(ALREADY_FETCHED_STAT)  # a file ingested twice adds nothing the second time
            return None
        page = FetchedPage(
            url=url,
            final_url=url,
            outlet=outlet.slug,
            discovered_via=f"warc {path.name}",
            fetched_at=response.fetched_at,
            status=response.status,
            headers=dict(response.headers),
            body=response.body,
            warc_file=str(path.resolve()),
            warc_offset=response.offset,
            from_archive=True,
        )
        if not 200 <= response.status < 300:
            page.decide(ERROR, f"http {response.status} (archived)")
        return page
