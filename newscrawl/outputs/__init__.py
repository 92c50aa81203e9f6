"""Outputs: what analysts and journalists see of the corpus.

- ``search``: search results for people (highlighted snippets);
- ``export``: CSV, JSONL and Parquet files, streamed; ``dataset``: their fields and filters;
- ``datasheet``: the datasheet beside every export;
- ``report``, ``report_page``, ``charts``: ``newscrawl report``, one self-contained HTML page;
- ``serve``: Datasette over the corpus.
"""
