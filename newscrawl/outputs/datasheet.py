"""The datasheet written beside every export: what was crawled, how, what is in the file, its limits.

:func:`build` gathers it as a JSON-ready dict (from the export's streaming counts, the
database's outlets and crawl runs, the topic files, the installed versions and the crawl and
dedup settings); :func:`render_markdown` turns it into ``FILE.datasheet.md``. The export
writes both (``newscrawl.outputs.export``); nothing here writes files or speaks SQL. The
export's columns, filters and counts come from ``newscrawl.outputs.dataset``.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from newscrawl.config import DEFAULT_TOPIC, ConfigError, Topic, load_topic
from newscrawl.outputs.coverage import gather_coverage
from newscrawl.outputs.dataset import KIND_TYPES, ExportFilters, ExportStats, Field
from newscrawl.project import current_project
from newscrawl.settings import default
from newscrawl.store import Store
from newscrawl.versions import software_versions as installed_versions

__all__ = ["build", "find_topics", "render_markdown", "software_versions"]

WEAK_DATE_SOURCES = ("url", "htmldate", "text")  # day-level or guessed dates
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
SYNTHETIC_COMMANDS = ("bench/",)  # crawl_runs.command of generated (benchmark) databases
MAX_MONTH_COLUMNS = 10  # outlets as columns of the month table up to this many, else a long list
# The crawl policy a datasheet reports, each entry from the setting the crawl runs recorded.
CRAWL_POLICY = (
    ("robots_txt_obeyed", "ROBOTSTXT_OBEY"),
    ("user_agent", "USER_AGENT"),
    ("download_delay_seconds", "DOWNLOAD_DELAY"),
    ("concurrent_requests_per_site", "CONCURRENT_REQUESTS_PER_DOMAIN"),
    ("autothrottle", "AUTOTHROTTLE_ENABLED"),
    ("min_words_for_an_article", "NEWSCRAWL_MIN_WORDS"),
    ("refetch_young_articles_days", "NEWSCRAWL_REFETCH_DAYS"),
    ("refetch_after_hours", "NEWSCRAWL_REFETCH_AFTER_HOURS"),
)


def software_versions(fmt: str) -> dict[str, str]:
    """Versions of newscrawl and the libraries that made and wrote the data, as installed now."""
    return installed_versions(("pyarrow",) if fmt == "parquet" else ())


def find_topics(slugs: set[str], topics_dir: Path | None = None) -> dict[str, Topic]:
    """The topic files whose slug is in ``slugs``: in ``topics_dir``, or by default in the current
    project's topic folder (newscrawl.toml) and then the bundled one; unreadable files are skipped."""
    if topics_dir is not None:
        folders = [topics_dir]
    else:
        try:
            folders = [current_project().topic.parent, DEFAULT_TOPIC.parent]
        except ConfigError:  # a broken newscrawl.toml: the bundled topics still describe the data
            folders = [DEFAULT_TOPIC.parent]
    found: dict[str, Topic] = {}
    for folder in dict.fromkeys(folders):
        if not slugs or not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                topic = load_topic(path)
            except ConfigError:
                continue
            if topic.slug in slugs and topic.slug not in found:
                found[topic.slug] = topic
    return found


def _ran_with(run: dict[str, Any] | None, name: str) -> Any:
    """The value of setting ``name`` that ``run`` recorded in ``crawl_runs.stats``, else its default.

    Runs record the settings of ``RECORDED_SETTINGS`` (``newscrawl.pipelines.store``); runs made
    before that record, generated runs and an export without runs get the default.
    """
    recorded = (run or {}).get("stats", {}).get("settings") or {}
    return recorded[name] if name in recorded else default(name)


def _one_or_all(values: list[Any]) -> Any:
    """The value when all runs agree, else every distinct value in run order."""
    distinct = [v for i, v in enumerate(values) if v not in values[:i]]
    return distinct[0] if len(distinct) == 1 else distinct


def _crawl_policy(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {key: _one_or_all([_ran_with(run, name) for run in runs or [None]]) for key, name in CRAWL_POLICY}


def _dedup_policy(runs: list[dict[str, Any]]) -> dict[str, Any]:
    from newscrawl.judge.dedup import NearDupSettings

    used: dict[NearDupSettings, list[int]] = {}  # near-duplicate settings -> the runs that used them
    for run in runs or [None]:
        near = NearDupSettings(threshold=float(_ran_with(run, "NEWSCRAWL_NEAR_DUP_THRESHOLD")),
                               shingle_size=int(_ran_with(run, "NEWSCRAWL_NEAR_DUP_SHINGLE")),
                               num_perm=int(_ran_with(run, "NEWSCRAWL_NEAR_DUP_PERMUTATIONS")))
        used.setdefault(near, []).append(run["id"] if run else 0)
    minhash = "; ".join(
        f"MinHash Jaccard >= {near.threshold} over {near.shingle_size}-word shingles "
        f"({near.num_perm} permutations, LSH {near.bands[0]} bands x {near.bands[1]} rows)"
        + (f" in run(s) {', '.join(map(str, ids))}" if len(used) > 1 else "")
        for near, ids in used.items()
    )
    return {
        "steps": [
            "same canonical URL (after rel=canonical, og:url, tracking-parameter and AMP cleanup): "
            "the same article; a changed text is kept as a version, not a new row",
            "same normalized text hash (SHA-1; case, punctuation and spacing ignored): exact duplicate",
            f"{minhash}: near-duplicate",
            "a duplicate at the same outlet is not stored (its URL is logged as a duplicate page); at "
            "another outlet it is a syndicated copy: stored, in the cluster (cluster_id) of the copy stored "
            "first; the cluster's first copy is its earliest published (ties: the earliest seen)",
        ],
        "near_duplicate_threshold": _one_or_all([near.threshold for near in used]),
        "shingle_words": _one_or_all([near.shingle_size for near in used]),
        "minhash_permutations": _one_or_all([near.num_perm for near in used]),
        "lsh_bands": _one_or_all([near.bands[0] for near in used]),
        "lsh_rows_per_band": _one_or_all([near.bands[1] for near in used]),
    }


def _export_policy(filters: ExportFilters) -> str:
    if filters.include_duplicates:
        return ("--include-duplicates: every stored copy of a syndicated story is a row; rows of one "
                "story share cluster_id, and copies says how many of them passed the filters.")
    return ("One row per syndication cluster: the cluster's first copy among those that pass the filters "
            "(the earliest published; ties: the earliest seen), normally the original; copies says how "
            "many of the cluster's articles passed the filters (the others are left out; export with "
            "--include-duplicates to get them).")


def _title(topics: dict[str, Topic], filters: ExportFilters, db_path: Path) -> str:
    if filters.topic and filters.topic in topics:
        return f"News coverage: {topics[filters.topic].name}"
    if len(topics) == 1:
        return f"News coverage: {next(iter(topics.values())).name}"
    return f"News articles from {db_path.name}"


def _known_limits(
    stats: ExportStats, fmt: str, outlets: list[dict[str, Any]],
    runs: list[dict[str, Any]], topics: dict[str, Topic], topic_slugs: set[str], filters: ExportFilters,
) -> list[str]:
    limits: list[str] = []
    n = stats.rows
    if n == 0:
        limits.append("The export is empty: no article passed the filters.")
        return limits
    share = lambda k: f"{k:,} of {n:,} ({k / n:.1%})"  # noqa: E731
    synthetic = [r["id"] for r in runs if (r["command"] or "").startswith(SYNTHETIC_COMMANDS)]
    if synthetic:
        limits.append(f"SYNTHETIC DATA: run(s) {', '.join(map(str, synthetic))} were generated by a "
                      "benchmark script, not crawled; titles, texts, outlets and dates are made up.")
    loopback = [o["slug"] for o in outlets if str(o.get("domain") or "").startswith(LOOPBACK_HOSTS)]
    if loopback:
        limits.append(f"Outlets {', '.join(loopback)} are served from this computer (127.0.0.1): a "
                      "fixture or demo web of fictional outlets, not real news.")
    if stats.undated:
        limits.append(f"Undated: {share(stats.undated)} articles have no trustworthy publication date "
                      "(published_at empty); they are counted under 'undated' and left out by date filters.")
    weak = sum(n for source, n in stats.date_sources.items() if source.split("+")[0] in WEAK_DATE_SOURCES)
    if weak:
        limits.append(f"Weaker dates: {share(weak)} publication dates come from the URL, htmldate's guess "
                      "or the text (date_source url/htmldate/text), often day-precision only.")
    unverified = [o["slug"] for o in outlets if not o.get("verified")]
    if unverified:
        limits.append(f"Unverified outlets: {len(unverified)} of {len(outlets)} outlets in the export are "
                      "not marked verified in sources.toml (nobody checked that their feeds and sitemaps "
                      "list everything they publish), so their coverage may be incomplete.")
    derived = [o["slug"] for o in outlets if o.get("derived")]
    if derived:
        limits.append(f"Outlets derived from domains: {len(derived)} of {len(outlets)} outlets in the export "
                      "are in no sources file (ingest --any-outlet): one outlet per registered domain, "
                      "named as its pages name the site (else the domain); country and kind unknown.")
    unfinished = [f"{r['id']} ({r['status']})" for r in runs if r["status"] != "finished"]
    if unfinished:
        limits.append(f"Crawl runs that did not finish: {', '.join(unfinished)}; pages they had not reached "
                      "are missing.")
    verdicts: Counter[str] = Counter()
    for run in runs:
        verdicts.update(run["stats"].get("verdicts", {}))
    missed = {k: verdicts[k] for k in ("error", "blocked-by-robots", "off-topic") if verdicts.get(k)}
    if missed:
        limits.append("Pages not stored by the runs that stored these articles: "
                      + ", ".join(f"{v:,} {k}" for k, v in missed.items())
                      + " (errors are retried by later runs, and so are pages refused because their "
                      "site's robots.txt could not be read; pages a robots.txt forbids are never fetched).")
    slugs = topic_slugs - set(topics)
    if slugs:
        limits.append(f"Topic file not found for {', '.join(sorted(slugs))}: the query text that selected "
                      "those articles is not recorded here.")
    if topics:
        limits.append("Selection is lexical: an article was kept when its title or text matched the topic "
                      "query's terms; coverage that does not use those words is missing, and some kept "
                      "articles may mention the terms in passing.")
    limits.append("Texts are extracted automatically (trafilatura): boilerplate can remain, paragraphs can "
                  "be missing, and paywalled pages may hold only their free part.")
    limits.append("Syndication detection compares texts (MinHash): rewritten versions of a wire story are "
                  "separate rows, and very short texts can be grouped wrongly.")
    if not filters.include_duplicates:
        limits.append("Syndicated copies are collapsed (see Export policy): counts per outlet count each "
                      "story once, at the outlet of the copy kept, not at every outlet that ran it.")
    unrecorded = [str(r["id"]) for r in runs if not r["stats"].get("software")]
    if unrecorded:
        limits.append(f"Crawl runs {', '.join(unrecorded)} recorded neither the versions they ran with nor "
                      "their settings (they predate that record, or were generated): for their articles, "
                      "the software table shows what was installed when exporting and the policy tables "
                      "newscrawl's default settings, which may differ.")
    if stats.bad_timestamps:
        limits.append(f"{stats.bad_timestamps:,} stored times could not be read and are empty in this file.")
    if fmt == "csv":
        if stats.long_cells:
            limits.append(f"CSV in Excel: {stats.long_cells:,} cells are longer than Excel's 32,767 "
                          "characters and are cut when Excel opens the file (the file itself is "
                          "complete; pandas reads it whole).")
        limits.append("CSV in Excel: a cell starting with =, +, - or @ may be read as a formula; the file "
                      "holds the text as published, unchanged.")
    return limits


def build(
    store: Store, *, db_path: Path, output: Path, fmt: str, fields: list[Field], filters: ExportFilters,
    stats: ExportStats, created_at: datetime, size: int, sha256: str,
) -> dict[str, Any]:
    """The datasheet of one export as a JSON-ready dict."""
    outlet_rows = store.outlet_rows({outlet for outlet, _ in stats.outlet_month})
    per_outlet: Counter[str] = Counter()
    per_month: Counter[str] = Counter()
    for (outlet, month), count in stats.outlet_month.items():
        per_outlet[outlet] += count
        per_month[month] += count
    outlets = [
        {key: row.get(key) for key in ("slug", "name", "domain", "homepage", "country", "language", "kind",
                                       "timezone")}
        | {"verified": bool(row.get("verified")), "articles": per_outlet[row["slug"]]}
        for row in outlet_rows
    ]
    runs = store.runs_by_id(stats.runs)
    topic_slugs = {r["topic"] for r in runs if r["topic"]} | ({filters.topic} if filters.topic else set())
    topics = find_topics(topic_slugs)
    versions = software_versions(fmt)
    title = _title(topics, filters, db_path)
    citation = (f"{title}. Dataset of {stats.rows:,} news articles, exported {created_at:%Y-%m-%d} with "
                f"newscrawl {versions['newscrawl']} from {db_path.name} ({filters.describe()}). "
                f"File {output.name} ({fmt}), SHA-256 {sha256}.")
    months = sorted(m for m in per_month if m != "undated") + (["undated"] if "undated" in per_month else [])
    return {
        "title": title,
        "citation": citation,
        "created_at": created_at.isoformat(),
        "file": {"name": output.name, "path": str(output.resolve()), "format": fmt, "bytes": size,
                 "sha256": sha256, "rows": stats.rows},
        "filters": filters.as_dict(),
        "source_database": {"path": str(Path(db_path).resolve()), "name": Path(db_path).name,
                            "schema_version": store.schema_version,
                            "articles_in_database": store.count("articles")},
        "what_was_crawled": {
            "topics": [
                {"slug": t.slug, "name": t.name, "description": t.description,
                 "query": t.query_source.strip(), "languages": list(t.languages),
                 "since": t.since.isoformat() if t.since else None,
                 "until": t.until.isoformat() if t.until else None, "file": str(t.path)}
                for t in topics.values()
            ],
            "outlets": outlets,
            "crawl_runs": [
                {"id": r["id"], "command": r["command"], "topic": r["topic"], "status": r["status"],
                 "started_at": r["started_at"], "finished_at": r["finished_at"],
                 "articles_in_export": stats.runs[r["id"]],
                 "pages_fetched": r["stats"].get("pages_fetched"), "verdicts": r["stats"].get("verdicts", {}),
                 "software": r["stats"].get("software"), "settings": r["stats"].get("settings")}
                for r in runs
            ],
        },
        "how": {
            "software": versions,
            "pipeline": "discover (feeds, sitemaps, start pages) -> fetch (Scrapy) -> archive (WARC) -> "
                        "extract (trafilatura) -> dates -> topic -> dedup -> store (SQLite)",
            "crawl_policy": _crawl_policy(runs),
            "dedup_policy": _dedup_policy(runs),
            "export_policy": _export_policy(filters),
        },
        "contents": {
            "rows": stats.rows,
            "first_published": stats.first_published,
            "last_published": stats.last_published,
            "undated": stats.undated,
            "per_outlet": dict(sorted(per_outlet.items())),
            "per_month": {m: per_month[m] for m in months},
            "per_outlet_month": [{"outlet": o, "month": m, "articles": c}
                                 for (o, m), c in sorted(stats.outlet_month.items())],
            "languages": dict(stats.languages.most_common()),
            "date_sources": dict(stats.date_sources.most_common()),
        },
        "fields": [{"name": f.name, "type": KIND_TYPES[f.kind][fmt], "meaning": f.meaning} for f in fields],
        "known_limits": _known_limits(stats, fmt, outlet_rows, runs, topics, topic_slugs, filters),
        "coverage": coverage_figures(store, filters),
    }


def coverage_figures(store: Store, filters: ExportFilters) -> dict[str, Any] | None:
    """How complete the export's outlets are (``newscrawl coverage`` over the export's outlets,
    topic and days; the full-text query is not applied), or None without evidence."""
    report = gather_coverage(store, outlets=list(filters.outlets), since=filters.since,
                             until=filters.until, topic=filters.topic)
    if report is None:
        return None
    keep = ("observed", "channels", "window", "outside_window", "headline", "note", "flags")
    return {"overall": report["overall"],
            "outlets": [{"outlet": o["outlet"], **{k: o.get(k) for k in keep}} for o in report["outlets"]],
            "method": "capture-recapture across the discovery channels; see docs/coverage.md"}


def _coverage_markdown(cov: dict[str, Any] | None) -> list[str]:
    out = ["## How complete it is", ""]
    if not cov:
        return out + ["No discovery evidence is recorded for these articles (crawled before schema 9, "
                      "or by ingest only): completeness cannot be estimated.", ""]

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{100 * value:.0f}%"

    rows = []
    for o in cov["outlets"]:
        h = o["headline"] or {}
        rows.append([o["outlet"], ", ".join(o["channels"]), o["observed"], h.get("total", "-"),
                     pct(h.get("completeness")),
                     f"{pct(h.get('completeness_low'))}-{pct(h.get('completeness_high'))}" if h else "-",
                     h.get("method") or o["note"] or "", "; ".join([*h.get("flags", []), *o["flags"]])])
    total = cov["overall"]
    rows.append(["all outlets", "", total["observed"], total["total"], pct(total["completeness"]),
                 f"{pct(total['completeness_low'])}-{pct(total['completeness_high'])}", "sum", ""])
    return out + [
        "Estimated share of each outlet's articles the crawl found (capture-recapture across the "
        "discovery channels, over the window where they were all open; docs/coverage.md). "
        "Dependent channels (a feed and a sitemap from one CMS) make completeness look higher "
        "than it is: read these as upper bounds.", "",
        *_table(["outlet", "channels", "seen", "estimated total", "completeness", "95% interval",
                 "method", "flags"], rows), ""]


# -- markdown -------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def render_markdown(sheet: dict[str, Any]) -> str:
    """The datasheet as a Markdown document."""
    f, crawled, how, contents = sheet["file"], sheet["what_was_crawled"], sheet["how"], sheet["contents"]
    out = [f"# Datasheet: {sheet['title']}", "",
           f"Data file `{f['name']}` ({f['format']}, {f['rows']:,} rows, {f['bytes']:,} bytes), "
           f"exported {sheet['created_at']}. Machine-readable copy: `{f['name']}.datasheet.json`.", "",
           "## How to cite", "", sheet["citation"], "",
           "## Export", ""]
    filters = sheet["filters"]
    out += _table(["filter", "value"], [
        ["query", filters["query"] or "(none)"], ["topic", filters["topic"] or "(any)"],
        ["outlets", ", ".join(filters["outlets"]) or "(all)"],
        ["published since", filters["since"] or "(no limit)"],
        ["published until", filters["until"] or "(no limit)"],
        ["language", filters["language"] or "(any)"],
        ["include duplicates", "yes" if filters["include_duplicates"] else "no"],
    ])
    db = sheet["source_database"]
    out += ["", f"Source database: `{db['path']}` (schema version {db['schema_version']}, "
                f"{db['articles_in_database']:,} articles). SHA-256 of the data file: `{f['sha256']}`.", ""]

    out += ["## What was crawled", ""]
    for topic in crawled["topics"]:
        out += [f"### Topic `{topic['slug']}`: {topic['name']}", "", topic["description"] or "", "",
                f"Query (from `{topic['file']}`; syntax in docs/topics.md):", "",
                "```", topic["query"], "```", ""]
        extra = [f"languages {', '.join(topic['languages'])}" if topic["languages"] else "",
                 f"since {topic['since']}" if topic["since"] else "",
                 f"until {topic['until']}" if topic["until"] else ""]
        if any(extra):
            out += ["Topic window: " + "; ".join(e for e in extra if e) + ".", ""]
    if not crawled["topics"]:
        out += ["No topic query is recorded for these articles: the runs that stored them name no topic, "
                "or its file was not found in data/topics/ (see Known limits).", ""]
    out += ["### Outlets", ""]
    out += _table(["slug", "name", "domain", "country", "language", "kind", "timezone", "verified",
                   "articles"],
                  [[o["slug"], o["name"], o["domain"], o["country"], o["language"], o["kind"], o["timezone"],
                    "yes" if o["verified"] else "no", f"{o['articles']:,}"] for o in crawled["outlets"]])
    out += ["", "### Crawl runs that stored these articles", ""]
    out += _table(["run", "command", "topic", "status", "started", "finished", "articles here",
                   "pages fetched"],
                  [[r["id"], r["command"], r["topic"], r["status"], r["started_at"], r["finished_at"],
                    f"{r['articles_in_export']:,}", r["pages_fetched"]] for r in crawled["crawl_runs"]])
    recorded = [r for r in crawled["crawl_runs"] if r.get("software")]
    if recorded:
        out += ["", "What each run recorded it ran with (software versions and settings):", ""]
        out += _table(["run", "software", "settings"],
                      [[r["id"], ", ".join(f"{k} {v}" for k, v in r["software"].items()),
                        "; ".join(f"{k}={v}" for k, v in (r.get("settings") or {}).items())]
                       for r in recorded])

    out += ["", "## How it was made", "", how["pipeline"], "", "### Software", ""]
    out += _table(["software", "version"], [[k, v] for k, v in how["software"].items()])
    out += ["", "### Crawl policy", "",
            "As the crawl runs recorded it (newscrawl's defaults for runs that recorded no settings); "
            "where the runs differ, every value is listed.", ""]
    out += _table(["setting", "value"], [[k, " / ".join(map(str, v)) if isinstance(v, list) else v]
                                         for k, v in how["crawl_policy"].items()])
    dedup = how["dedup_policy"]
    out += ["", "### Deduplication", ""] + [f"{i}. {step}" for i, step in enumerate(dedup["steps"], 1)]
    out += ["", "### Export policy", "", how["export_policy"], ""]

    out += ["## What is in it", "",
            f"{contents['rows']:,} articles; published {(contents['first_published'] or '-')[:10]} to "
            f"{(contents['last_published'] or '-')[:10]}; {contents['undated']:,} undated. Days and "
            "months are each outlet's own calendar (published_day), not UTC's.", ""]
    out += _table(["language", "articles"], [[k, f"{v:,}"] for k, v in contents["languages"].items()])
    out += [""] + _table(["date source", "articles"],
                         [[k, f"{v:,}"] for k, v in contents["date_sources"].items()])
    out += ["", "### Articles per outlet and month", ""]
    outlets = list(contents["per_outlet"])
    months = list(contents["per_month"])
    cells = {(c["outlet"], c["month"]): c["articles"] for c in contents["per_outlet_month"]}
    if len(outlets) <= MAX_MONTH_COLUMNS:
        rows = [[m, *(f"{cells.get((o, m), 0):,}" for o in outlets), f"{contents['per_month'][m]:,}"]
                for m in months]
        rows.append(["total", *(f"{contents['per_outlet'][o]:,}" for o in outlets), f"{contents['rows']:,}"])
        out += _table(["month", *outlets, "total"], rows)
    else:
        out += _table(["month", "articles"], [[m, f"{contents['per_month'][m]:,}"] for m in months])
        out += [""] + _table(["outlet", "articles"], [[o, f"{contents['per_outlet'][o]:,}"] for o in outlets])
        out += ["", "Per outlet and month: `contents.per_outlet_month` in the JSON datasheet.", ""]
    out += ["", "### Fields", ""]
    out += _table(["field", f"type in {f['format']}", "meaning"],
                  [[x["name"], x["type"], x["meaning"]] for x in sheet["fields"]])
    out += [""] + _coverage_markdown(sheet.get("coverage"))
    out += ["## Known limits", ""] + [f"- {limit}" for limit in sheet["known_limits"]]
    return "\n".join(out).rstrip() + "\n"

