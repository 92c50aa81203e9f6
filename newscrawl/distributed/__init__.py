"""Scale-out on Redis: the plain side (keys, the config handshake, reliable queues, site leases).

A distributed crawl has one coordinator (``newscrawl crawl --redis URL``: it seeds the shared
frontier, and is the single writer of the SQLite corpus) and any number of workers
(``newscrawl worker --redis URL``: fetch, archive, extract, judge the topic, push the page).
Everything here is plain Python on redis-py; the Scrapy side is in
:mod:`newscrawl.spiders.cluster`, :mod:`newscrawl.spiders.frontier`,
:mod:`newscrawl.spiders.sitelease` and :mod:`newscrawl.pipelines.cluster`. See docs/distributed.md.
"""
