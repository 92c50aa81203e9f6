"""Extract stage: HTML -> clean text and metadata, with trafilatura in a process pool.

Extraction is CPU-bound, so it runs in ``NEWSCRAWL_EXTRACT_WORKERS`` worker processes and the
stage awaits the result: the Twisted/asyncio reactor keeps downloading meanwhile.

The workers are one process started for the pool, which imports and warms up the extraction
stack once (:mod:`newscrawl.pipelines.forkserver`) and then forks them
(:class:`~newscrawl.crawl.forkpool.ForkPool`: forking the crawl itself, with its reactor and
threads, is unsafe; ``spawn`` would import the stack in every worker; multiprocessing's fork
server would keep a third copy of it resident, and its resource tracker beside it). They live
as long as the crawl and no longer: each holds a :class:`~newscrawl.crawl.lifeline.Lifeline`
and exits within moments of the crawl's death, ``kill -9`` included. A crawl run from the
command line starts the pool before it loads Scrapy (:mod:`newscrawl.crawl.extractpool`); the
stage claims that pool when it opens.
"""

from __future__ import annotations

import codecs
import functools
import logging
import pickle
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from newscrawl.crawl.extractpool import claim, in_background, new_pool
from newscrawl.crawl.lifeline import Lifeline
from newscrawl.crawl.timelimit import TimeLimitExceeded, time_limit
from newscrawl.extract.urls import canonical_url
from newscrawl.items import (
    ERROR,
    NOT_ARTICLE,
    OFF_TOPIC,
    Article,
    ChannelPoll,
    DateHint,
    ExtractedArticle,
    FetchedPage,
)
from newscrawl.judge.dedup import NearDupSettings, band_keys, signature_to_bytes, text_hash
from newscrawl.judge.prefilter import Prefilter, prefilter_for
from newscrawl.judge.topics import Query, TopicMatch
from newscrawl.settings import read_setting
from newscrawl.store.warc import response_record
from newscrawl.words import word_count

if TYPE_CHECKING:
    import numpy as np

HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# Pools started in one crawl at most: the first, and new ones for broken pools or failed starts.
MAX_POOL_STARTS = 5
LOGGER = logging.getLogger(__name__)


def _warm_up() -> bool:
    """A spawned worker's first job: unpickling it imports this module, and the stack with it."""
    return True


PREFILTERED = "prefiltered"


def same_utf8(body: bytes, decoded: Any) -> bool:
    """Whether ``body`` is exactly ``decoded.text`` in UTF-8: read as UTF-8, without a byte-order
    mark, nothing replaced (an invalid byte becomes U+FFFD; a page that holds U+FFFD itself is
    encoded again, as any other)."""
    return (decoded.charset == "utf-8" and not body.startswith(codecs.BOM_UTF8)
            and "\ufffd" not in decoded.text)


def enough_words(words: int, min_words: int, extracted: ExtractedArticle) -> bool:
    """Whether a text of ``words`` words is an article's by its length: ``min_words`` or more
    (``NEWSCRAWL_MIN_WORDS``), or any length for a paywalled story (its free part)."""
    return words >= min_words or extracted.paywalled


StoryPage = tuple[str, bytes, str | None]  # a story's later page: url, body, content type


def extract_in_worker(
    body: bytes, url: str, default_tz: str, content_type: str | None, near: NearDupSettings,
    prefilter: Prefilter | None = None, hints: list[DateHint] | None = None,
    story: list[StoryPage] | None = None,
) -> tuple[ExtractedArticle | None, np.ndarray | None] | tuple[str, tuple[str | None, str | None]]:
    """The pool's job: extract the article and take its MinHash signature (both CPU-bound).

    With a topic ``prefilter``, a page that cannot match the topic is not extracted:
    ``(PREFILTERED, (charset, declared charset))`` comes back instead. ``hints`` (the feed's
    and sitemap's dates) are weighed with the page's here, off the crawl's process. ``story``:
    the later pages of a story split over pages, whose texts are joined to this page's
    (:func:`join_story`); the title, dates and authors are this page's. The prefilter is not
    asked then (the words it needs may stand on a later page).

    The extraction stack is imported here, not with this module: the workers have it from the
    pool's first process (``PRELOAD``), and the crawl's process, which only hands pages over,
    never loads it (trafilatura, justext, htmldate, lxml's cleaner: about 9 MB).
    """
    from newscrawl.extract.article import extract_article
    from newscrawl.extract.dates import resolve_dates
    from newscrawl.extract.decode import decode_page
    from newscrawl.judge.dedup import minhash_signature

    if prefilter is not None and prefilter.condition is not None and not story:
        decoded = decode_page(body, content_type)
        if decoded is not None:
            data = body if same_utf8(body, decoded) else None  # not encoded again
            if not prefilter.passes(decoded.text, data):
                return PREFILTERED, (decoded.charset, decoded.declared)
    extracted = extract_article(body, url, default_tz=default_tz, content_type=content_type)
    if extracted is None or not extracted.text.strip():
        return extracted, None
    if story:
        join_story(extracted, story, default_tz)
    extracted.resolved_dates = resolve_dates([*(hints or ()), *extracted.date_hints], default_tz=default_tz)
    return extracted, minhash_signature(extracted.text, near)


def join_story(first: ExtractedArticle, later: list[StoryPage], default_tz: str) -> None:
    """The texts of a story's later pages joined to its first page's (``first``), each page
    read as a page of its own (:func:`~newscrawl.extract.story.join_pages`). A page with no
    text adds nothing."""
    from newscrawl.extract.article import extract_article
    from newscrawl.extract.story import join_pages

    texts = [first.text]
    for url, body, content_type in later:
        page = extract_article(body, url, default_tz=default_tz, content_type=content_type)
        if page is not None:
            texts.append(page.text)
    first.text = join_pages(texts)


ArchiveJob = tuple[str, int, dict[str, str], datetime]  # url, status, headers, fetched at


class PageResult(NamedTuple):
    """What the pool sends back for a page: :func:`extract_in_worker`'s two values, and what
    the later stages would otherwise work out in the crawl's own process."""

    record: bytes | None  # the gzipped WARC record (when asked for): the WARC stage appends it
    extracted: Any  # extract_in_worker's first value (an ExtractedArticle, None or PREFILTERED)
    signature: Any  # its second
    words: int | None = None  # the text's word count (the extract stage's minimum)
    text_hash: str | None = None  # its normalized hash (the dedup stage's)
    topic_match: TopicMatch | None = None  # the topic query on title and text (the topic stage's)
    band_keys: list[int] | None = None  # the signature's LSH band keys (the dedup stage's)


def page_job(
    archive: ArchiveJob | None, judge: tuple[Query | None, int], body: bytes, url: str, default_tz: str,
    content_type: str | None, near: NearDupSettings, *args: Any,
) -> PageResult:
    """The pool's job: :func:`extract_in_worker`, and beside it the page's WARC record (when
    ``archive`` says what to archive), the text's word count and hash, and the topic query's
    match (``judge``: the query and the fewest words an article has) of an article's text.

    Done here, off the crawl's own process, which is a single thread that also fetches: the
    record's gzip and digests cost about 1.5 ms a page, the match of a broad query about as
    much as the hash and the count together. A record that cannot be built here (None) is
    built by the WARC stage, which reports what fails.
    """
    record = None
    if archive is not None:
        response_url, status, headers, fetched_at = archive
        try:
            record = response_record(response_url, status, headers, body, fetched_at)
        except Exception:  # noqa: BLE001 - built again by the WARC stage, which reports the error
            record = None
    extracted, signature = extract_in_worker(body, url, default_tz, content_type, near, *args)
    if not isinstance(extracted, ExtractedArticle) or signature is None:
        return PageResult(record, extracted, signature)
    text = extracted.text
    words, match = word_count(text), None
    query, min_words = judge
    if query is not None and extracted.page_type != "listing" and enough_words(words, min_words, extracted):
        match = query.match(extracted.title, text)
    # The signature travels as its stored blob, with its band keys: the crawl's process
    # never unpickles a numpy array, so it never imports numpy.
    return PageResult(record, extracted, signature_to_bytes(signature), words, text_hash(text), match,
                      band_keys(signature, near))


@functools.lru_cache(maxsize=4)
def _shared(arguments: bytes) -> tuple[tuple[Query | None, int], NearDupSettings, Prefilter | None, float]:
    """:func:`crawl_page_job`'s shared arguments, unpickled once in each worker (the same bytes
    come with every page of a crawl)."""
    return pickle.loads(arguments)  # noqa: S301 - pickled by this crawl's own extract stage


def crawl_page_job(
    archive: ArchiveJob | None, shared: bytes, body: bytes, url: str, default_tz: str,
    content_type: str | None, hints: list[DateHint] | None, story: list[StoryPage] | None = None,
) -> PageResult:
    """:func:`page_job` as the extract stage sends it: what every page of the crawl shares
    (the topic query and the fewest words, the near-duplicate settings, the prefilter) comes
    as one pickle, made once by the stage (:meth:`ExtractPipeline.shared`), not pickled again
    with every page in the crawl's process and unpickled again in the worker (about 30 and
    20 µs a page), and so does the page's time limit (``NEWSCRAWL_EXTRACT_TIMEOUT``:
    :func:`~newscrawl.crawl.timelimit.time_limit`; a story's pages share it)."""
    judge, near, prefilter, seconds = _shared(shared)
    with time_limit(seconds):
        return page_job(archive, judge, body, url, default_tz, content_type, near, prefilter, hints, story)


class ExtractPipeline:
    """Give every fetched, undecided page an :class:`Article` draft, or decide not-article."""

    def __init__(self, workers: int, min_words: int, near: NearDupSettings, prefilter: bool = True,
                 archive: bool = False, timeout: float = 0) -> None:
        self.workers = max(1, workers)
        self.min_words = min_words
        self.timeout = timeout  # a page's extraction, seconds (0: no limit)
        self.near = near
        self.use_prefilter = prefilter
        # The WARC stage (after this one) archives responses: the workers build their records.
        self.archive = archive
        self._prefilter: tuple[Any, Prefilter | None] | None = None  # (topic query, its prefilter)
        self._shared: tuple[Any, bytes] | None = None  # (topic query, the job's shared arguments)
        self._pool: Executor | None = None
        self._starting: Future[Executor] | None = None  # the pool being started
        self._starts = 0  # pools started in this crawl (see _replace)
        self._gave_up = False
        self.line: Lifeline | None = None
        self.crawler: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        settings = crawler.settings
        pipeline = cls(
            workers=read_setting(settings, "NEWSCRAWL_EXTRACT_WORKERS"),
            min_words=read_setting(settings, "NEWSCRAWL_MIN_WORDS"),
            near=NearDupSettings.from_settings(settings),
            prefilter=read_setting(settings, "NEWSCRAWL_PREFILTER"),
            archive=read_setting(settings, "NEWSCRAWL_WARC"),
            timeout=read_setting(settings, "NEWSCRAWL_EXTRACT_TIMEOUT"),
        )
        pipeline.crawler = crawler
        return pipeline

    def prefilter(self) -> Prefilter | None:
        """The topic prefilter (None when switched off or the spider has no topic), built once."""
        if not self.use_prefilter:
            return None
        query = self._query()
        if query is None:
            return None
        if self._prefilter is None or self._prefilter[0] is not query:
            self._prefilter = (query, prefilter_for(query.root))
        return self._prefilter[1]

    def shared(self) -> bytes:
        """:func:`crawl_page_job`'s shared arguments, pickled once for the topic query the
        spider has (and again if it changes)."""
        query = self._query()
        if self._shared is None or self._shared[0] is not query:  # the prefilter is the query's
            arguments = ((query, self.min_words), self.near, self.prefilter(), self.timeout)
            self._shared = (query, pickle.dumps(arguments, pickle.HIGHEST_PROTOCOL))
        return self._shared[1]

    def _query(self) -> Any:
        """The spider's topic query (None without a topic)."""
        return getattr(getattr(self.crawler.spider, "topic", None), "query", None)

    @property
    def pool(self) -> Executor | None:
        """The worker pool; waits for it when it is still starting."""
        if self._starting is not None:
            starting, self._starting = self._starting, None
            self._pool = starting.result()
        return self._pool

    @pool.setter
    def pool(self, pool: Executor | None) -> None:
        self._starting, self._pool = None, pool

    def _new_pool(self) -> Executor:
        if self.line is None:
            self.line = Lifeline()
        return new_pool(self.workers, self.line, warm_up=_warm_up)

    def _replace(self, pool: Executor | None, starting: Future[Executor] | None) -> None:
        """Start a new pool in place of a broken one (``pool``) or of one that did not start
        (``starting``): only for the first page to find it so, while the pool or the start is
        still the current one (the pages in flight find it too), and at most
        :data:`MAX_POOL_STARTS` times a crawl, so a pool that cannot start is not started again
        for every page; past that, each page is an error."""
        current = (pool is not None and self._pool is pool) or (
            starting is not None and self._starting is starting)
        if not current:
            return
        if self._starts >= MAX_POOL_STARTS:
            if not self._gave_up:
                self._gave_up = True
                LOGGER.error("the extraction pool broke or did not start %d times: not started "
                             "again; every page left in this crawl is an error", self._starts)
            return
        LOGGER.warning("the extraction pool broke or did not start: starting a new one")
        self._start_in_background()

    def _start_in_background(self) -> None:
        self._starts += 1
        early = claim(self.workers) if self._starts == 1 and self.line is None else None
        if early is not None:  # started before the crawl loaded Scrapy (crawl/extractpool.py)
            self._pool, (self._starting, self.line) = None, early
            LOGGER.info("extraction pool: the one started early, %d workers", self.workers)
            return
        # Off the reactor's thread, so the crawl fetches meanwhile and the first page waits for
        # the pool instead.
        self._pool, self._starting = None, in_background(self._new_pool, "newscrawl-pool-start")

    def open_spider(self, spider: Any = None) -> None:
        self._start_in_background()

    def close_spider(self, spider: Any = None) -> None:
        try:
            pool = self.pool
        except Exception:  # noqa: BLE001 - a pool that did not start has nothing to shut down
            pool = None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        if self.line is not None:
            self.line.close()
            self.line = None

    async def process_item(self, item: FetchedPage, spider: Any = None) -> FetchedPage:
        if isinstance(item, ChannelPoll):  # a channel's read: only the store stage writes it
            return item
        if item.decided:
            return item
        content_type = item.headers.get("content-type", "")
        mime = content_type.split(";")[0].strip().lower()
        if mime and mime not in HTML_TYPES:
            item.decide(NOT_ARTICLE, f"content type {mime}")
            return item
        if not item.body.strip():
            item.decide(NOT_ARTICLE, "empty body")
            return item
        outlet = self.crawler.spider.outlets[item.outlet]
        archive = None
        if self.archive and item.status is not None and not item.from_archive:
            archive = (item.response_url or item.final_url or item.url, item.status, item.headers,
                       item.fetched_at)
        story = None
        if item.story_pages:  # a story split over pages: the later pages' texts are joined
            story = [(p.final_url or p.url, p.body, p.headers.get("content-type")) for p in item.story_pages
                     if p.status is not None and 200 <= p.status < 300]
            item.story_pages = []  # each is a page of its own too, archived and recorded as such
        job = functools.partial(
            crawl_page_job,
            archive,
            self.shared(),
            item.body,
            item.final_url or item.url,
            outlet.timezone,
            content_type or None,
            item.date_hints,
            story,
        )
        # Imported here, not with the module, which the pool's workers import too (for the
        # job): asyncio and Twisted would be 1.5 MB in each of them (docs/benchmarks.md, "Memory").
        import asyncio

        from newscrawl.spiders.failures import exception_reason

        loop = asyncio.get_running_loop()
        pool, starting = None, self._starting
        if starting is not None:  # the pool is still starting: wait for it off the reactor
            try:
                await asyncio.wrap_future(starting)
            except Exception as exc:  # noqa: BLE001 - the page is an error; the pool starts again
                self._replace(None, starting)
                item.decide(ERROR, f"extraction pool did not start: {exception_reason(exc)}"[:300])
                return item
        try:
            pool = self.pool
            result = await loop.run_in_executor(pool, job)
        except BrokenProcessPool:
            self._replace(pool, None)
            item.decide(ERROR, "extraction worker crashed")
            return item
        # a page that breaks the extractor, or runs past its time limit, must not stop the crawl
        except (Exception, TimeLimitExceeded) as exc:
            item.decide(ERROR, f"extraction failed: {exception_reason(exc)}"[:300])
            return item
        item.warc_record, extracted, signature = result.record, result.extracted, result.signature
        if extracted == PREFILTERED:  # the topic cannot match: not extracted, judged off topic
            item.charset, item.charset_declared = signature
            item.decide(OFF_TOPIC, "prefiltered: no word the topic query needs is in the page")
            return item
        if extracted is not None:
            item.charset, item.charset_declared = extracted.charset, extracted.charset_declared
        if extracted is None or not extracted.text.strip():
            item.decide(NOT_ARTICLE, "no main text")
            return item
        if extracted.page_type == "listing":
            item.decide(NOT_ARTICLE, f"listing page ({extracted.page_type_reason})")
            return item
        words = result.words if result.words is not None else word_count(extracted.text)
        if not enough_words(words, self.min_words, extracted):
            item.decide(NOT_ARTICLE, f"main text too short ({words} words)")
            return item
        item.extracted = extracted
        item.minhash = signature
        item.band_keys = result.band_keys or []
        item.article = Article(
            # The identity URL: rel=canonical/og:url when on the outlet's site, AMP stripped.
            url=canonical_url(item.final_url or item.url, extracted.canonical_url, same_site=outlet.owns_url),
            outlet=item.outlet,
            title=extracted.title,
            text=extracted.text,
            authors=list(extracted.authors),
            credit=list(extracted.credit),
            language=extracted.language,
            description=extracted.description,
            word_count=words,
            text_hash=result.text_hash,
            fetched_url=item.final_url or item.url,
        )
        item.topic_match = result.topic_match
        if item.warc_record is not None or archive is None:
            item.body = b""  # the text is out; the raw body is not needed downstream
        return item
