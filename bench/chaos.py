"""Chaos: crawls killed with SIGKILL at seeded random moments, then resumed; what did they lose?

For each web (the hostile web of ``tests/hostile.py`` and the fixture news web of ``data/demo-web``;
with ``--web hostile2`` or ``all``, the second hostile web of ``tests/hostile2.py`` too):

1. one uninterrupted reference crawl;
2. ``--kills`` crawls, each into a fresh database, each sent SIGKILL (the crawl's own process
   only, as the kernel's OOM killer or ``kill -9 PID`` would) at a seeded random moment
   between the reference crawl's first stored article (or its half-way point, if earlier) and
   95% of its length; 3 s later the processes
   of the crawl still alive are counted (and then ended); the crawl is then run again to
   completion on the same database.

Measured against the reference:

- **survived**: the resumed crawl exits 0 and the database passes ``PRAGMA integrity_check``,
  the FTS5 integrity check (against the articles table) and every ``pages`` WARC pointer
  reads back;
- **articles lost**: reference articles missing from the resumed corpus (an article the
  resumed crawl recorded as a duplicate of another stored copy is not lost);
- **stored twice**: articles sharing a URL (canonical) or a fetched URL;
- **half-written**: articles without their ``pages`` row or their MinHash row, just after the
  kill and after the resume;
- **processes leaked**: processes of the crawl alive 3 s after the kill;
- **peak memory**: the largest resident memory of a crawl's process tree (sampled every 0.1 s).

    python bench/chaos.py [--kills 5] [--seed 13] [--web hostile|hostile2|fixture|both|all]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the hostile web and the one crawl command of the tests

from hostile import HostileWeb  # noqa: E402
from hostile2 import HostileWeb2  # noqa: E402
from smallweb import QUICK, crawl_command  # noqa: E402

from newscrawl.crawl.fixture_web import FixtureWeb  # noqa: E402
from newscrawl.store.warc import archive_dir, read_response  # noqa: E402

HOSTILE_SETTINGS = (
    "DOWNLOAD_TIMEOUT=5", "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "RETRY_TIMES=0",
    "CONCURRENT_REQUESTS=32", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "NEWSCRAWL_RETRY_MAX_WAIT=1",
)
LEAK_WAIT = 3.0
CRAWL_TIMEOUT = 300.0
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")

HALF_WRITTEN = """
SELECT count(*) FROM articles a
WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.article_id = a.id AND p.verdict = 'article')
   OR NOT EXISTS (SELECT 1 FROM article_minhash m WHERE m.article_id = a.id)
"""


# -- processes ------------------------------------------------------------------------------------


def _session(sid: int) -> dict[int, int]:
    """Live (not zombie) processes of session ``sid``: pid -> resident bytes."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as fh:
                rss = int(fh.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            found[int(entry)] = rss
    return found


@dataclass
class Run:
    """One crawl process: its exit code and the peak memory of its process tree."""

    process: subprocess.Popen[bytes]
    peak: int = 0
    started: float = field(default_factory=time.monotonic)

    @classmethod
    def start(cls, command: list[str]) -> Run:
        # A session of its own: its processes stay findable after the crawl dies.
        process = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return cls(process)

    def sample(self) -> None:
        self.peak = max(self.peak, sum(_session(self.process.pid).values()))

    def wait(self, until: float | None = None) -> int | None:
        """Sample memory until the crawl ends (its exit code) or ``until`` passes (None)."""
        while self.process.poll() is None:
            now = time.monotonic()
            if until is not None and now >= until:
                return None
            if now - self.started > CRAWL_TIMEOUT:
                self.process.kill()
                break
            self.sample()
            time.sleep(0.1)
        return self.process.wait()

    def kill_and_count_leaks(self) -> int:
        """SIGKILL the crawl's own process; count its processes alive 3 s later, then end them."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        time.sleep(LEAK_WAIT)
        leaked = _session(self.process.pid)
        for pid in leaked:  # descendants of the crawl started here, ended by their id
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        return len(leaked)


# -- the database ---------------------------------------------------------------------------------


def _connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        conn = _connect(db)
        try:
            return conn.execute(sql).fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # no tables yet
        return 0


def _articles(db: Path) -> dict[str, str]:
    conn = _connect(db)
    try:
        return dict(conn.execute("SELECT url, fetched_url FROM articles").fetchall())
    finally:
        conn.close()


def _sound(db: Path) -> bool:
    """integrity_check, the FTS5 integrity check, and every WARC pointer reads back."""
    conn = sqlite3.connect(db)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return False
        try:
            conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError:
            return False
        pointers = conn.execute(
            "SELECT warc_file, warc_offset FROM pages WHERE warc_file IS NOT NULL").fetchall()
    finally:
        conn.close()
    warc = archive_dir(db)
    try:
        for name, offset in pointers:
            read_response(warc / name, offset)
    except Exception:  # noqa: BLE001 - any failure to read back is the finding
        return False
    return True


def _lost(db: Path, reference: dict[str, str]) -> int:
    kept = _articles(db)
    conn = _connect(db)
    try:
        duplicates = {url for (url,) in conn.execute("SELECT url FROM pages WHERE verdict = 'duplicate'")}
    finally:
        conn.close()
    return sum(1 for url, fetched in reference.items() if url not in kept and fetched not in duplicates)


def _twice(db: Path) -> int:
    return _count(db, "SELECT (count(*) - count(DISTINCT url)) + (count(*) - count(DISTINCT fetched_url)) "
                      "FROM articles")


# -- one web ----------------------------------------------------------------------------------------


@dataclass
class Trial:
    moment: float
    killed: bool  # False when the crawl ended before its moment came
    articles_at_kill: int
    half_after_kill: int
    leaked: int
    resume_exit: int | None
    survived: bool
    lost: int
    twice: int
    half_after_resume: int


@dataclass
class Result:
    web: str
    reference_articles: int
    reference_seconds: float
    trials: list[Trial]
    peak: int


def chaos(
    name: str, command: Callable[[Path], list[str]], kills: int, rng: random.Random, workdir: Path
) -> Result:
    """The reference crawl, then ``kills`` killed and resumed crawls, of one web."""
    reference_db = workdir / name / "reference" / "news.db"
    reference_db.parent.mkdir(parents=True)
    run = Run.start(command(reference_db))
    first = None  # when the reference stored its first article: kills land from then on
    while run.process.poll() is None and first is None:
        run.sample()
        if _count(reference_db, "SELECT count(*) FROM articles"):
            first = time.monotonic() - run.started
        time.sleep(0.05)
    code = run.wait()
    seconds = time.monotonic() - run.started
    if code != 0:
        raise SystemExit(f"the reference crawl of the {name} web exited {code}")
    reference = _articles(reference_db)
    peak = run.peak
    trials = []
    for i in range(kills):
        db = workdir / name / f"kill-{i}" / "news.db"
        db.parent.mkdir(parents=True)
        # From the first stored article (or half-way, if that comes late) to just before the end.
        moment = rng.uniform(min(first or 1.0, seconds / 2), 0.95 * seconds)
        run = Run.start(command(db))
        code = run.wait(until=run.started + moment)
        # A crawl that ended before its moment came has nothing to kill.
        leaked = 0 if code is not None else run.kill_and_count_leaks()
        peak = max(peak, run.peak)
        at_kill, half_kill = _count(db, "SELECT count(*) FROM articles"), _count(db, HALF_WRITTEN)
        resume = Run.start(command(db))
        resume_exit = resume.wait()
        peak = max(peak, resume.peak)
        sound = resume_exit == 0 and _sound(db)
        trials.append(Trial(moment, code is None, at_kill, half_kill, leaked, resume_exit, sound,
                            _lost(db, reference), _twice(db), _count(db, HALF_WRITTEN)))
        what = "killed" if code is None else f"ended (exit {code}) before"
        print(f"  {name} crawl {i + 1}/{kills} {what} at {moment:.1f} s: {at_kill} articles, "
              f"{half_kill} half-written, "
              f"{leaked} processes left; resumed: exit {resume_exit}, {trials[-1].lost} lost, "
              f"{trials[-1].half_after_resume} half-written", file=sys.stderr, flush=True)
    return Result(name, len(reference), seconds, trials, peak)


# -- the table --------------------------------------------------------------------------------------


def table(results: list[Result]) -> str:
    head = ("web", "kills landed", "mid-crawl", "survived", "articles lost", "stored twice",
            "half-written (after kill / after resume)", "processes leaked", "peak memory")
    rows = []
    for r in results:
        mid = sum(1 for t in r.trials if t.killed and 0 < t.articles_at_kill < r.reference_articles)
        rows.append((
            f"{r.web} ({r.reference_articles} articles, {r.reference_seconds:.0f} s)",
            f"{sum(t.killed for t in r.trials)}/{len(r.trials)}", str(mid),
            f"{sum(t.survived for t in r.trials)}/{len(r.trials)}",
            str(sum(t.lost for t in r.trials)), str(sum(t.twice for t in r.trials)),
            f"{sum(t.half_after_kill for t in r.trials)} / {sum(t.half_after_resume for t in r.trials)}",
            f"{sum(t.leaked for t in r.trials)} ({sum(t.leaked > 0 for t in r.trials)} of "
            f"{sum(t.killed for t in r.trials)} kills left some)",
            f"{r.peak / 2**20:.0f} MB",
        ))
    widths = [max(len(row[i]) for row in (head, *rows)) for i in range(len(head))]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |"
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |" for row in rows]
    return "\n".join([line, rule, *body])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=5, help="killed crawls per web (default 5)")
    parser.add_argument("--seed", type=int, default=13, help="seed of the kill moments (default 13)")
    parser.add_argument("--batch-size", type=int, default=5,
                        help="NEWSCRAWL_BATCH_SIZE of the crawls: pages per commit (default 5)")
    parser.add_argument("--web", choices=("hostile", "hostile2", "fixture", "both", "all"), default="both",
                        help="both: hostile and fixture; all: the three webs (default both)")
    parser.add_argument("--json", action="store_true", help="also print every trial as JSON")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    # Small store batches: many commits, so kills land between them (what atomic pages protect).
    batch = f"NEWSCRAWL_BATCH_SIZE={args.batch_size}"
    print(f"$ python bench/chaos.py --kills {args.kills} --seed {args.seed} --batch-size {args.batch_size}"
          + (f" --web {args.web}" if args.web != "both" else ""), flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="newscrawl-chaos-") as tmp:
        workdir = Path(tmp)
        hostile_webs = {"hostile": HostileWeb, "hostile2": HostileWeb2}
        for name, web_class in hostile_webs.items():
            if args.web not in (name, "all") and not (name == "hostile" and args.web == "both"):
                continue
            with web_class(workdir / f"{name}-web") as web:
                def hostile_crawl(db: Path, web: HostileWeb | HostileWeb2 = web) -> list[str]:
                    return crawl_command(web.sources_path, db, "--topic", str(web.topic_path),
                                         settings=(*HOSTILE_SETTINGS, batch))
                results.append(chaos(name, hostile_crawl, args.kills, rng, workdir))
        if args.web in ("fixture", "both", "all"):
            with FixtureWeb() as web:
                def fixture_crawl(db: Path) -> list[str]:
                    return crawl_command(web.sources_path, db, settings=(*QUICK, batch))
                results.append(chaos("fixture", fixture_crawl, args.kills, rng, workdir))
    print(table(results))
    if args.json:
        trials = [{"web": r.web, "trials": [t.__dict__ for t in r.trials]} for r in results]
        print(json.dumps(trials, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
