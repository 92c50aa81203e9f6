"""Coverage estimates on a simulated web where the truth is known: bias, error, interval coverage.

Each run simulates one outlet for ``--days`` days: Poisson(``rate``) articles a day, each with
a latent prominence z ~ N(0, 1), a section (one of three) and the channels' own choices of it.
The channels are read as a crawl reads them, and their reads become the evidence
``newscrawl coverage`` reads (``channel_polls`` and ``discoveries`` rows):

- **feed**: keeps its last 10 items, read every 6 hours, 20% of reads fail (an outage);
- **sitemap**: a Google News sitemap of the last 48 hours, read once a day, 30% of reads fail;
- **section**: three section pages of depth 6 (page 1 only, newest first), read every 12 hours;
- **gdelt**: one query a day over that day; an article is caught with a probability that, in
  some scenarios, rises with its prominence.

Each channel includes an article it could list with its own probability (an editor leaves an
item out of the feed, a section page pins other stories). Scenarios change one thing:

- ``independent``: every inclusion independent, equal for all articles;
- ``heterogeneous``: GDELT's and the section pages' catch rise with prominence
  (logistic slope 1.5);
- ``cms-dependent``: 25% of articles are kept out of the feed *and* the news sitemap by the
  CMS (a feed and a sitemap from one CMS are dependent lists);
- ``gdelt-follows-feed``: GDELT catches 60% of what is in the feed and 10% of the rest (as
  CC-NEWS discovers through feeds): dependence between the two channel groups;
- ``prominence-everywhere``: every channel's catch rises with prominence (slope 1.5): the
  obscure articles are missed by all of them at once, a dependence no pairwise term models;
- ``small-outlet``: as ``independent`` at 4 articles a day.

The truth of each run is every article published in the window the estimate covers (the
channels' common window, computed by ``newscrawl.outputs.coverage`` from the reads). For
each method the table gives the relative bias and RMSE of the estimated total, how often its
95% interval holds the truth, how often it gave an estimate at all, and the mean completeness
it reported against the true one.

    python bench/coverage.py [--runs 40] [--days 14] [--seed 7] [--scenario NAME ...]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from newscrawl.outputs.coverage import coverage_report

START = datetime(2026, 1, 5, tzinfo=UTC)
SECTIONS = 3


@dataclass
class Scenario:
    name: str
    rate: float = 40.0  # articles a day
    feed_keep: float = 0.5  # share of articles the feed lists at all
    sitemap_keep: float = 0.4  # a news sitemap lists news, not features
    section_keep: float = 0.4
    gdelt_base: float = 0.3
    prominence_slope: float = 0.0  # logistic slope of GDELT's and the sections' catch on z
    cms_hidden: float = 0.0  # share kept out of both feed and sitemap
    gdelt_follows_feed: bool = False
    everywhere: bool = False  # every channel's catch rises with prominence


SCENARIOS = {
    s.name: s for s in (
        Scenario("independent"),
        Scenario("heterogeneous", prominence_slope=1.5),
        Scenario("cms-dependent", cms_hidden=0.25),
        Scenario("gdelt-follows-feed", gdelt_follows_feed=True),
        Scenario("prominence-everywhere", prominence_slope=1.5, everywhere=True),
        Scenario("small-outlet", rate=4.0),
    )
}


@dataclass
class Article:
    id: int
    published: datetime
    z: float
    section: int
    lists: dict[str, bool] = field(default_factory=dict)  # channel -> would list it
    seen: dict[tuple[str, str], list[datetime]] = field(default_factory=dict)  # (channel, source) -> reads


def _logit_p(base: float, slope: float, z: float) -> float:
    a = math.log(base / (1 - base))
    return 1 / (1 + math.exp(-(a + slope * z)))


def simulate(s: Scenario, days: int, rng: random.Random) -> tuple[list[Article], list[dict[str, Any]]]:
    """One outlet's articles and the reads of its channels (``channel_polls`` rows)."""
    articles: list[Article] = []
    for day in range(days):
        n = _poisson(s.rate, rng)
        for _ in range(n):
            when = START + timedelta(days=day, seconds=rng.uniform(0, 86400))
            a = Article(len(articles) + 1, when, rng.gauss(0, 1), rng.randrange(SECTIONS))
            hidden = rng.random() < s.cms_hidden
            slope = s.prominence_slope if s.everywhere else 0.0
            a.lists["feed"] = not hidden and rng.random() < _logit_p(s.feed_keep, slope, a.z)
            a.lists["sitemap"] = not hidden and rng.random() < _logit_p(s.sitemap_keep, slope, a.z)
            a.lists["section"] = rng.random() < _logit_p(s.section_keep, s.prominence_slope, a.z)
            if s.gdelt_follows_feed:
                a.lists["gdelt"] = rng.random() < (0.6 if a.lists["feed"] else 0.1)
            else:
                a.lists["gdelt"] = rng.random() < _logit_p(s.gdelt_base, s.prominence_slope, a.z)
            articles.append(a)
    articles.sort(key=lambda a: a.published)
    polls: list[dict[str, Any]] = []
    end = START + timedelta(days=days)

    def read(channel: str, source: str, when: datetime, listed: list[Article], outlet: str | None = "sim",
             window: tuple[datetime, datetime] | None = None, dated: bool = True) -> None:
        for a in listed:
            a.seen.setdefault((channel, source), []).append(when)
        dates = [a.published for a in listed]
        oldest, newest = window or ((min(dates), max(dates)) if dates and dated else (None, None))
        polls.append({"outlet": outlet, "channel": channel, "source": source, "polled_at": when.isoformat(),
                      "items": len(listed), "oldest": oldest and oldest.isoformat(),
                      "newest": newest and newest.isoformat(), "status": "read"})

    def published_by(when: datetime, keep: str, since: datetime | None = None) -> list[Article]:
        return [a for a in articles if a.published <= when and a.lists[keep]
                and (since is None or a.published >= since)]

    for when in _every(timedelta(hours=6), end):
        if rng.random() >= 0.2:
            read("feed", "feed", when, published_by(when, "feed")[-10:])
    for when in _every(timedelta(hours=24), end):
        if rng.random() >= 0.3:
            read("sitemap", "news-sitemap", when, published_by(when, "sitemap", when - timedelta(hours=48)))
    for when in _every(timedelta(hours=12), end):
        for section in range(SECTIONS):
            listed = [a for a in published_by(when, "section") if a.section == section][-6:]
            read("section", f"section-{section}", when, listed, dated=False)
    for day in range(days):
        lo, hi = START + timedelta(days=day), START + timedelta(days=day + 1)
        listed = [a for a in articles if lo <= a.published < hi and a.lists["gdelt"]]
        read("gdelt", f"gdelt-{day}", hi + timedelta(hours=1), listed, outlet=None, window=(lo, hi))
    polls.sort(key=lambda p: p["polled_at"])
    return articles, polls


def _every(step: timedelta, end: datetime) -> list[datetime]:
    times, when = [], START + step
    while when <= end:
        times.append(when)
        when += step
    return times


def _poisson(rate: float, rng: random.Random) -> int:
    limit, k, p = math.exp(-rate), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def evidence(articles: list[Article], polls: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """What ``Store.coverage_evidence`` would return for this outlet."""
    rows = []
    for a in articles:
        for (channel, source), reads in a.seen.items():
            rows.append({"id": a.id, "outlet": "sim", "published_at": a.published.isoformat(), "topics": "{}",
                         "channel": channel, "source": source, "first_seen_at": min(reads).isoformat(),
                         "last_seen_at": max(reads).isoformat()})
    return {"articles": rows, "polls": polls}


def truth(articles: list[Article], spans: list[list[str]]) -> int:
    windows = [(datetime.fromisoformat(s), datetime.fromisoformat(e)) for s, e in spans]
    return sum(1 for a in articles if any(s <= a.published <= e for s, e in windows))


METHODS = ("chapman", "chao", "loglinear", "headline")


def run_scenario(s: Scenario, runs: int, days: int, rng: random.Random) -> dict[str, dict[str, float]]:
    scores: dict[str, dict[str, list[float]]] = {m: defaultdict(list) for m in METHODS}
    for _ in range(runs):
        articles, polls = simulate(s, days, rng)
        report = coverage_report(evidence(articles, polls), weeks=False)
        if not report["outlets"]:
            continue
        row = report["outlets"][0]
        n = truth(articles, row["spans"])
        if n == 0:
            continue
        for method in METHODS:
            est = row["headline"] if method == "headline" else row["estimates"].get(method)
            scores[method]["true_completeness"].append(row["observed"] / n)
            if not est or est["total"] is None or any(f.startswith("too little") for f in est["flags"]):
                scores[method]["estimated"].append(0)
                continue
            scores[method]["estimated"].append(1)
            scores[method]["error"].append((est["total"] - n) / n)
            scores[method]["covered"].append(1 if est["low"] <= n <= est["high"] else 0)
            scores[method]["completeness"].append(est["completeness"])
    table = {}
    for method, got in scores.items():
        errors = got["error"]
        table[method] = {
            "bias": statistics.fmean(errors) if errors else math.nan,
            "rmse": math.sqrt(statistics.fmean(e * e for e in errors)) if errors else math.nan,
            "coverage": statistics.fmean(got["covered"]) if got["covered"] else math.nan,
            "estimated": statistics.fmean(got["estimated"]) if got["estimated"] else 0.0,
            "completeness": statistics.fmean(got["completeness"]) if got["completeness"] else math.nan,
            "true": statistics.fmean(got["true_completeness"]) if got["true_completeness"] else math.nan,
        }
    return table


def _pct(value: float, signed: bool = False) -> str:
    if math.isnan(value):
        return "-"
    return f"{100 * value:+.1f}%" if signed else f"{100 * value:.0f}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="simulated outlets per scenario")
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scenario", action="append", choices=sorted(SCENARIOS))
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    started = time.monotonic()
    print(f"{args.runs} simulated outlets per scenario, {args.days} days each, seed {args.seed}\n")
    print("| scenario | method | bias | RMSE | 95% CI holds truth | estimated "
          "| completeness: reported / true |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name in args.scenario or list(SCENARIOS):
        table = run_scenario(SCENARIOS[name], args.runs, args.days, rng)
        for method, row in table.items():
            print(f"| {name} | {method} | {_pct(row['bias'], True)} | {_pct(row['rmse'])} | "
                  f"{_pct(row['coverage'])} | {_pct(row['estimated'])} | "
                  f"{_pct(row['completeness'])} / {_pct(row['true'])} |")
        sys.stdout.flush()
    print(f"\n{time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
