"""End-to-end crawl throughput against nginx, beside plain trafilatura on the same pages.

The 181 real article pages of ../shared/corpora/article-extraction-benchmark are served once by
each of 10 outlets on 127.0.0.31-40 (1,810 pages, listed in each outlet's sitemap), by nginx
(Debian's package) run by this script as its own process with a generated configuration, so
the web server is outside the measured processes. In the same run the script measures:

1. the ceiling: plain ``trafilatura.extract(html, url=..., with_metadata=True,
   output_format="json")`` over the same pages, read from disk, in 2 processes;
2. ``newscrawl crawl`` with everything on (WARC, extraction, dates, topic, dedup, store)
   and a catch-all topic: ratio 1 = its pages/s over the ceiling's;
3. ``newscrawl crawl`` with a topic that about 5% of the pages can match (the topic
   prefilter skips extraction of pages that cannot): ratio 2;

and prints both ratios, the peak memory of each crawl's whole process tree (the crawl and its
extraction workers, sampled every 0.2 s: RSS summed, a page the first worker shares with those
it forked counted in each, and PSS from /proc/PID/smaps_rollup, each shared page counted
once; and each process's own peak of both), the CPU seconds each process
used, and with ``--profile`` where the time goes (py-spy samples of a third crawl, grouped by
stage).

    python bench/crawl_throughput.py [--repeat 1] [--pages N] [--workers 2] [--profile]

``--repeat R`` serves every page R times per outlet (18,100 x R pages; a copy is a duplicate
at the same outlet, still fetched, archived and extracted); ``--pages N`` crawls the first N
instead (the scale for the memory check: ``--pages 50000``). ``--only topic`` runs one crawl.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# ../shared/corpora beside the checkout (or beside the folder of worktrees).
CORPUS = next((p / "shared" / "corpora" / "article-extraction-benchmark"
               for p in Path(__file__).resolve().parents[2:4] if (p / "shared" / "corpora").is_dir()),
              Path(__file__).resolve().parents[2] / "shared" / "corpora" / "article-extraction-benchmark")
OUTLETS = 10
FIRST_IP = 31  # outlets on 127.0.0.31 ... 127.0.0.40
CATCH_ALL = "the OR of OR and OR de OR la OR =ICE"
# Chosen once so that about 5% of the corpus's pages are on topic (the script prints the share).
NARROW = 'respiratory OR infection OR "infectious disease"'
CRAWL_SETTINGS = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=32",
                  "CONCURRENT_REQUESTS_PER_DOMAIN=8", "NEWSCRAWL_SITEMAP_MAX_LINKS=10000000",
                  "LOG_LEVEL=WARNING")


class BenchError(Exception):
    """Something the benchmark needs is missing; the message says what."""


# --------------------------------------------------------------------------- the web


def cost_arguments(description: str, argv: list[str] | None) -> tuple[argparse.Namespace, list[Path]]:
    """The per-page cost scripts' (extract_cost.py, worker_cost.py) arguments and page files."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    return args, sorted((args.corpus / "html").glob("*.html.gz"))


def cpu_seconds(run: Callable[..., object], *args: object) -> float:
    """The CPU time of one call of ``run(*args)`` in this process."""
    start = time.process_time()
    run(*args)
    return time.process_time() - start


def _free_port(hosts: list[str]) -> int:
    """A TCP port free on every host (tried from ephemeral ports the first host hands out)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind((hosts[0], 0))
            port = probe.getsockname()[1]
        sockets = []
        try:
            for host in hosts:
                s = socket.socket()
                sockets.append(s)
                s.bind((host, port))
            return port
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise BenchError("no TCP port is free on all of 127.0.0.31-40")


def build_web(root: Path, corpus: Path, repeat: int, pages: int | None, port: int) -> list[tuple[Path, str]]:
    """Write the outlets' files, sitemaps, robots.txt, sources.toml; return (file, url) per page."""
    originals = sorted((corpus / "html").glob("*.html.gz"))
    if not originals:
        raise BenchError(f"no pages in {corpus / 'html'} (the article-extraction-benchmark corpus)")
    bodies = [gzip.decompress(f.read_bytes()) for f in originals]
    per_outlet = len(bodies) * repeat
    if pages is not None:
        per_outlet = -(-pages // OUTLETS)
    served: list[tuple[Path, str]] = []
    sources = ""
    for k in range(OUTLETS):
        slug, host = f"o{k}", f"127.0.0.{FIRST_IP + k}:{port}"
        site = root / slug
        locs = []
        for i in range(per_outlet):
            if pages is not None and len(served) >= pages:
                break
            path = f"/2026/01/{1 + i % 28:02d}/story-{i}.html"
            file = site / path.lstrip("/")
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(bodies[i % len(bodies)])
            locs.append(f"<url><loc>http://{host}{path}</loc></url>")
            served.append((file, f"http://{host}{path}"))
        site.mkdir(parents=True, exist_ok=True)
        (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
        (site / "sitemap.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
            f'sitemap/0.9">{"".join(locs)}</urlset>'
        )
        sources += (
            f'[outlets.{slug}]\nname = "Outlet {slug}"\nhomepage = "http://{host}/"\ndomain = "{host}"\n'
            'country = "US"\nlanguage = "en"\nkind = "local"\ntimezone = "America/Chicago"\n'
            f'feeds = []\nsitemaps = ["http://{host}/sitemap.xml"]\n\n'
        )
    (root / "sources.toml").write_text(sources)
    return served


class Nginx:
    """nginx serving ``root/oK`` on 127.0.0.(31+K):port, in its own process, config in ``root``."""

    def __init__(self, root: Path, port: int) -> None:
        self.root, self.port = root, port
        self.binary = shutil.which("nginx") or next(
            (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
        )
        if self.binary is None:
            raise BenchError("nginx not found: install it (apt-get install -y nginx) and run again")
        self.process: subprocess.Popen | None = None

    def _config(self) -> str:
        conf = self.root / "nginx"
        servers = "".join(
            f"  server {{ listen 127.0.0.{FIRST_IP + k}:{self.port}; root {self.root / f'o{k}'}; }}\n"
            for k in range(OUTLETS)
        )
        user = "user root;\n" if os.geteuid() == 0 else ""
        temp = "".join(f"  {name}_temp_path {conf / name};\n"
                       for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        return (
            f"{user}daemon off;\nworker_processes 1;\npid {conf / 'nginx.pid'};\n"
            f"error_log {conf / 'error.log'} warn;\nevents {{ worker_connections 1024; }}\n"
            f"http {{\n  access_log off;\n  sendfile on;\n  keepalive_requests 100000;\n{temp}"
            "  types { text/html html; application/xml xml; text/plain txt; }\n"
            "  default_type text/html;\n  charset_types text/html;\n"
            f"{servers}}}\n"
        )

    def __enter__(self) -> Nginx:
        conf = self.root / "nginx"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "nginx.conf").write_text(self._config())
        self.process = subprocess.Popen(
            [self.binary, "-p", str(conf), "-c", str(conf / "nginx.conf"), "-e", str(conf / "error.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = (self.process.stderr.read() or b"").decode(errors="replace").strip()
                log = conf / "error.log"
                error = error or (log.read_text(errors="replace").strip() if log.exists() else "")
                raise BenchError(f"nginx did not start: {error.splitlines()[-1] if error else 'no message'}")
            try:
                with socket.create_connection((f"127.0.0.{FIRST_IP}", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        self.__exit__()
        raise BenchError("nginx did not answer within 10 s")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful stop of master and worker
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


# --------------------------------------------------------------------------- the ceiling


def _trafilatura_job(job: tuple[str, str]) -> int:
    import trafilatura

    path, url = job
    html = gzip.decompress(Path(path).read_bytes()) if path.endswith(".gz") else Path(path).read_bytes()
    out = trafilatura.extract(html, url=url, with_metadata=True, output_format="json")
    return len(out or "")


def _warm(_: int) -> bool:
    import trafilatura  # noqa: F401

    return True


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ceiling_rate(served: list[tuple[Path, str]], processes: int = 2) -> tuple[float, float]:
    """Pages/s of plain trafilatura.extract (metadata, JSON) over the served files, from disk,
    and the CPU seconds the processes used (warm-up included)."""
    jobs = [(str(path), url) for path, url in served]
    cpu = _children_cpu()
    with ProcessPoolExecutor(processes) as pool:
        list(pool.map(_warm, range(processes)))
        start = time.perf_counter()
        list(pool.map(_trafilatura_job, jobs, chunksize=4))
        rate = len(jobs) / (time.perf_counter() - start)
    return rate, _children_cpu() - cpu


# --------------------------------------------------------------------------- the crawl


def _processes() -> dict[int, tuple[int, float, int]]:
    """pid -> (parent pid, CPU seconds, resident kB) of every process (Linux /proc)."""
    ticks, page_kb = os.sysconf("SC_CLK_TCK"), os.sysconf("SC_PAGE_SIZE") // 1024
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as f:
                resident = int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        found[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks, resident * page_kb)
    return found


def _pss_kb(pid: int) -> int:
    """Proportional set size in kB: each shared page divided among the processes mapping it, so
    the PSS of a process tree counts a page a process shares with its children once
    (0 when the process is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(pid: int, processes: dict[int, tuple[int, float, int]]) -> list[int]:
    tree, frontier = [pid], [pid]
    while frontier:
        current = frontier.pop()
        for child, (parent, _, _) in processes.items():
            if parent == current and child not in tree:
                tree.append(child)
                frontier.append(child)
    return tree


def _role(pid: int, root: int) -> str:
    if pid == root:
        return "crawl process"
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "other"
    if "forkserver" in cmdline:  # the extraction workers (the first loaded pipelines/forkserver.py)
        return "extraction workers"
    if "resource_tracker" in cmdline:
        return "resource tracker"
    return "other"


def run_crawl(root: Path, name: str, query: str, workers: int, extra: tuple[str, ...] = (),
              wrapper: list[str] | None = None) -> dict:
    """Run ``newscrawl crawl``; return wall seconds, peak tree kB, CPU seconds by role, run stats."""
    topic = root / f"{name}.toml"
    topic.write_text(f'[topic]\nslug = "{name}"\nname = "{name}"\nquery = {json.dumps(query)}\n')
    db = root / f"{name}.db"
    command = [sys.executable, "-m", "newscrawl.cli", "crawl", "--no-progress",
               "--sources", str(root / "sources.toml"), "--topic", str(topic), "--db", str(db),
               "--workers", str(workers)]
    for setting in (*CRAWL_SETTINGS, f"NEWSCRAWL_WARC_DIR={root / (name + '-warc')}", *extra):
        command += ["-s", setting]
    peak, cpu, roles, peak_roles = 0, {}, {}, {}
    peak_pss, peak_pss_roles, own_peak = 0, {}, {}  # own_peak: pid -> (peak RSS kB, peak PSS kB)
    children_cpu = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen([*(wrapper or []), *command], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    done = threading.Event()
    crawl_pid = process.pid

    def sample() -> None:
        nonlocal peak, crawl_pid, peak_roles, peak_pss, peak_pss_roles
        while not done.is_set():
            processes = _processes()
            if wrapper:  # py-spy: the crawl is its child
                children = [p for p, (parent, _, _) in processes.items() if parent == process.pid]
                crawl_pid = children[0] if children else process.pid
            tree = [p for p in _tree(crawl_pid, processes) if p in processes]
            pss = {p: _pss_kb(p) for p in tree}
            for p in tree:
                cpu[p] = processes[p][1]
                if p not in roles:
                    roles[p] = _role(p, crawl_pid)
                rss_before, pss_before = own_peak.get(p, (0, 0))
                own_peak[p] = (max(rss_before, processes[p][2]), max(pss_before, pss[p]))
            total = sum(processes[p][2] for p in tree)
            if total > peak:
                peak = total
                peak_roles = collections.Counter()
                for p in tree:
                    peak_roles[roles[p]] += processes[p][2]
            total_pss = sum(pss.values())
            if total_pss > peak_pss:
                peak_pss = total_pss
                peak_pss_roles = collections.Counter()
                for p in tree:
                    peak_pss_roles[roles[p]] += pss[p]
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        tail = stderr.decode(errors="replace").strip().splitlines()[-5:]
        raise BenchError(f"newscrawl crawl exited with {process.returncode}: " + " / ".join(tail))
    by_role: dict[str, float] = collections.defaultdict(float)
    for p, seconds in cpu.items():
        by_role[roles[p]] += seconds
    conn = sqlite3.connect(db)
    stats = json.loads(conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()[0])
    prefiltered = conn.execute("SELECT count(*) FROM pages WHERE reason LIKE 'prefilter%'").fetchone()[0]
    conn.close()
    # Sampled every 0.2 s, or counted when the processes were reaped: whichever saw more.
    tree_cpu = max(sum(by_role.values()), _children_cpu() - children_cpu)
    per_process = sorted(((roles[p], p, *own_peak[p]) for p in own_peak), key=lambda r: (r[0], r[1]))
    return {"wall": wall, "peak_kb": peak, "peak_roles": dict(peak_roles), "cpu": dict(by_role),
            "peak_pss_kb": peak_pss, "peak_pss_roles": dict(peak_pss_roles), "per_process": per_process,
            "tree_cpu": tree_cpu,
            "stats": stats, "prefiltered": prefiltered, "db": db}


def run_archive(root: Path, source: str, query: str, workers: int) -> dict[str, float]:
    """Seconds of ``ingest`` (the crawl's WARC files into a new database) and ``reextract`` (a copy
    of the crawl's database) with the narrow topic, with the prefilter on and off."""
    topic = root / "archive-topic.toml"
    topic.write_text(f'[topic]\nslug = "narrow"\nname = "narrow"\nquery = {json.dumps(query)}\n')
    warc_dir = root / f"{source}-warc"
    files = sorted(str(f) for f in warc_dir.glob("*.warc.gz"))
    seconds = {}
    for prefilter in ("True", "False"):
        common = ["--sources", str(root / "sources.toml"), "--topic", str(topic), "--no-progress",
                  "--workers", str(workers), "-s", f"NEWSCRAWL_PREFILTER={prefilter}",
                  "-s", "LOG_LEVEL=WARNING"]
        runs = {
            "ingest": ["ingest", *files, "--db", str(root / f"ingest-{prefilter}.db")],
            "reextract": ["reextract", "--db", str(root / f"reextract-{prefilter}.db"),
                          "-s", f"NEWSCRAWL_WARC_DIR={warc_dir}"],
        }
        shutil.copy(root / f"{source}.db", root / f"reextract-{prefilter}.db")
        for what, args in runs.items():
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "newscrawl.cli", *args, *common],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if done.returncode != 0:
                tail = " / ".join(done.stderr.decode(errors="replace").strip().splitlines()[-3:])
                raise BenchError(f"newscrawl {what} exited with {done.returncode}: {tail}")
            label = f"{what}, prefilter {'on' if prefilter == 'True' else 'off'}"
            seconds[label] = time.perf_counter() - start
    return seconds


# --------------------------------------------------------------------------- the profile

# A sampled stack is charged to the first of these found from its innermost frame outwards.
STAGES = (
    ("topic prefilter", ("judge/prefilter",)),
    ("pickling / pool IPC", ("pickle", "multiprocessing/connection", "multiprocessing/queues",
                             "concurrent/futures/process")),
    ("dates", ("extract/dates", "htmldate", "dateparser", "dateutil")),
    ("extraction", ("trafilatura", "lxml", "newscrawl/extract/", "justext", "charset_normalizer",
                    "courlan", "w3lib/encoding")),
    ("topic match", ("judge/topics", "judge/query")),
    ("dedup (MinHash, hashes)", ("judge/dedup", "datasketch", "numpy")),
    ("SQLite / FTS", ("sqlite3", "newscrawl/store/crawl", "newscrawl/store/db", "sqlite_utils")),
    ("WARC", ("store/warc", "warcio", "gzip", "zlib")),
    ("Scrapy / Twisted", ("scrapy", "twisted", "parsel", "protego", "newscrawl/spiders",
                          "newscrawl/pipelines", "asyncio", "selectors", "w3lib", "tldextract")),
)


WORKER_FRAMES = ("_work ", "_first_worker ", "page_job ", "extract_in_worker ", "_process_worker ")


def profile_summary(raw: Path) -> list[tuple[str, str, float]]:
    """(process, stage, share of samples) from py-spy's collapsed stacks."""
    counts: dict[tuple[str, str], int] = collections.Counter()
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, n = line.rpartition(" ")
        if not n.isdigit():
            continue
        frames = stack.split(";")
        # The pool's workers run ForkPool's _work (the first one from _first_worker): all of the
        # job counts (page_job's WARC record too), not only extract_in_worker.
        process = "worker" if any(f.startswith(WORKER_FRAMES) for f in frames) else "crawl"
        stage = "other"
        for frame in reversed(frames):
            stage = next((s for s, keys in STAGES if any(k in frame for k in keys)), None) or stage
            if stage != "other":
                break
        counts[(process, stage)] += int(n)
    total = sum(counts.values()) or 1
    return sorted(((p, s, c / total) for (p, s), c in counts.items()), key=lambda r: (r[0], -r[2]))


# --------------------------------------------------------------------------- main


def _row(what: str, rate: str, ratio: str) -> str:
    return f"| {what:52} | {rate:>8} | {ratio:>11} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="copies of each page per outlet")
    parser.add_argument("--pages", type=int, help="crawl this many pages (overrides --repeat)")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes for newscrawl")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--only", choices=("full", "topic"), help="run one crawl and no ceiling")
    parser.add_argument("--profile", action="store_true", help="also profile a crawl with py-spy")
    parser.add_argument("--archive", action="store_true",
                        help="also time ingest and reextract of the full crawl's archive, ~5%% topic")
    parser.add_argument("--keep", type=Path,
                        help="copy the crawls' databases here (and py-spy's raw stacks with --profile)")
    args = parser.parse_args()
    try:
        return run(args)
    except BenchError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2


def run(args: argparse.Namespace) -> int:
    hosts = [f"127.0.0.{FIRST_IP + k}" for k in range(OUTLETS)]
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="newscrawl-bench-") as tmp:
        root = Path(tmp)
        port = _free_port(hosts)
        served = build_web(root, args.corpus, max(1, args.repeat), args.pages, port)
        pages = len(served)
        results: dict[str, dict] = {}
        ceilings: list[tuple[float, float]] = []
        with Nginx(root, port):
            # The ceiling before and after the crawls: on a shared machine the load drifts.
            if args.only is None:
                ceilings.append(ceiling_rate(served))
            for name, query in (("full", CATCH_ALL), ("topic", NARROW)):
                if args.only in (None, name):
                    results[name] = run_crawl(root, name, query, args.workers)
            archive = {}
            if args.archive and "full" in results:
                archive = run_archive(root, "full", NARROW, args.workers)
            if args.only is None:
                ceilings.append(ceiling_rate(served))
            profile = None
            if args.profile:
                spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
                if not os.access(spy, os.X_OK):
                    raise BenchError("--profile needs py-spy (pip install py-spy)")
                raw = root / "profile.txt"
                run_crawl(root, "profiled", args.only == "topic" and NARROW or CATCH_ALL, args.workers,
                          wrapper=[spy, "record", "--subprocesses", "--nonblocking", "-r", "50",
                                   "--format", "raw", "-o", str(raw), "--"])
                profile = profile_summary(raw)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for result in results.values():
                shutil.copy(result["db"], args.keep / result["db"].name)
            if profile is not None:
                shutil.copy(root / "profile.txt", args.keep / "profile.txt")  # py-spy's raw stacks
    print(f"pages: {pages} ({OUTLETS} outlets on 127.0.0.31-40 served by nginx), cores: {os.cpu_count()}, "
          f"newscrawl workers: {args.workers}, load average before: {load:.1f}, "
          f"after: {os.getloadavg()[0]:.1f}")
    print()
    print(_row("what", "pages/s", "vs ceiling"))
    print(f"|{'-' * 54}|{'-' * 10}|{'-' * 13}|")
    ceiling = sum(rate for rate, _ in ceilings) / len(ceilings) if ceilings else None
    ceiling_cpu = sum(cpu for _, cpu in ceilings) / len(ceilings) if ceilings else None
    if ceiling is not None:
        print(_row("trafilatura.extract (metadata, JSON), 2 processes", f"{ceiling:.1f}", "1.00"))
        print(_row("  (before the crawls / after them)", " / ".join(f"{r:.0f}" for r, _ in ceilings), ""))
    labels = {"full": "newscrawl crawl, catch-all topic (ratio 1)",
              "topic": "newscrawl crawl, ~5% on topic (ratio 2)"}
    for name, result in results.items():
        rate = pages / result["wall"]
        print(_row(labels[name], f"{rate:.1f}", f"{rate / ceiling:.2f}" if ceiling else "-"))
    for what, seconds in archive.items():
        rate = pages / seconds
        ratio = f"{rate / ceiling:.2f}" if ceiling else "-"
        print(_row(f"newscrawl {what} (~5% on topic)", f"{rate:.1f}", ratio))
    if ceiling_cpu:
        print("\nCPU seconds per page (less sensitive to other jobs on the machine than pages/s):")
        print(f"  ceiling: {ceiling_cpu / pages * 1000:.1f} ms")
        for name, result in results.items():
            per_page = result["tree_cpu"] / pages
            print(f"  {labels[name]}: {per_page * 1000:.1f} ms, ceiling/crawl "
                  f"{ceiling_cpu / pages / per_page:.2f}")
    print()
    for name, result in results.items():
        stats = result["stats"]
        verdicts = stats.get("verdicts", {})
        cpu = ", ".join(f"{role} {seconds:.1f}" for role, seconds in sorted(result["cpu"].items()))
        print(f"{name}: wall {result['wall']:.1f} s, peak RSS of the crawl's process tree "
              f"{result['peak_kb'] / 1024:.0f} MB (PSS {result['peak_pss_kb'] / 1024:.0f} MB), "
              f"articles stored {stats.get('articles_new', 0)}, "
              f"prefiltered {result['prefiltered']}")
        print(f"  verdicts {json.dumps(verdicts, sort_keys=True)}")
        print(f"  CPU seconds: {cpu}")
        parts = ", ".join(f"{role} {kb / 1024:.0f}" for role, kb in sorted(result["peak_roles"].items()))
        print(f"  RSS MB at the peak (shared pages counted in each process): {parts}")
        parts = ", ".join(f"{role} {kb / 1024:.0f}" for role, kb in sorted(result["peak_pss_roles"].items()))
        print(f"  peak PSS of the tree (shared pages counted once) {result['peak_pss_kb'] / 1024:.0f} MB: "
              f"{parts}")
        print("  each process's own peak, MB RSS / PSS: " + ", ".join(
            f"{role} {pid} {rss / 1024:.0f} / {pss / 1024:.0f}"
            for role, pid, rss, pss in result["per_process"]))
    if profile:
        print("\nwhere the time goes (py-spy samples of a crawl, share of all samples of all processes):")
        for process, stage, share in profile:
            if share >= 0.005:
                print(f"  {process:7} {stage:28} {share:6.1%}")
    print("\ntargets: ratio 1 >= 0.9, ratio 2 >= 3")
    return 0


if __name__ == "__main__":
    sys.exit(main())
