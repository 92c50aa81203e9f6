"""Crawl: running crawls, the Scrapy side of the core.

- ``runner``: a crawl in this process (the CLI's way in; ``scrapy crawl news`` is the other);
- ``status``: how a run ended, as ``crawl_runs.status`` and the exit status;
- ``schedule``: ``newscrawl schedule``, a crawl again and again, never overlapping;
- ``lock``: one crawl per database at a time;
- ``lifeline``: child processes (extraction workers, Datasette) that die with their parent;
- ``diskqueue``: the scheduler that keeps the crawl's pending requests on disk;
- ``fixture_web``: the bundled fictional news web that ``newscrawl demo`` and the tests serve.
"""
