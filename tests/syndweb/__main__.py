"""Serve the twenty-third fixture web by hand: ``python tests/syndweb``."""

from pathlib import Path

from newscrawl.crawl.fixture_web import main

WEB = Path(__file__).resolve().parent / "web"
raise SystemExit(main(["--root", str(WEB), "--host", "127.0.0.42"]))
