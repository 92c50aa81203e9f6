"""newscrawl: build a trustworthy news-coverage corpus with Scrapy, trafilatura and SQLite."""

__version__ = "0.1.0"
