"""Discover: where article URLs come from, with their date hints. No Scrapy, no network.

- ``feeds``: RSS/Atom/JSON feeds and XML sitemaps (indexes, news sitemaps, gzip, text);
- ``links``: links on listing pages (article, listing or other), pagination, crawl traps;
- ``seeds``: seed URL lists (one URL per line, CSV, TSV) grouped by outlet;
- ``gdelt``: the GDELT DOC 2.0 API (queries, request URLs, responses);
- ``sourcecheck``: ``newscrawl sources check`` (do the outlets' channels answer and parse?).

The spiders (``newscrawl.spiders``) fetch; this room reads what they fetched.
"""
