"""Scrapy spiders: discovery and fetching only (installed as ``newscrawl.spiders``)."""
