"""Scrapy item pipelines, one job each (installed as ``newscrawl.pipelines``)."""
