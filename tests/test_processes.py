"""Nothing left behind: the processes a crawl or ``serve`` starts end with it, however it ends.

Real processes throughout: the extraction pool in a child process and a real crawl, each killed
with SIGKILL, and a real ``newscrawl serve`` stopped with SIGTERM, SIGHUP or SIGINT (or
killed). The processes are found in ``/proc`` while their parent lives and looked up again
after it died (by PID and start time, so that a reused PID does not count).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from smallweb import NEWSCRAWL, crawl_command, outlet_table

from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.crawl.lifeline import EXIT_ORPHANED, Lifeline
from newscrawl.store import Store

pytestmark = [
    pytest.mark.slow,  # real processes
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table in /proc"),
]

ROOT = Path(__file__).resolve().parent.parent
GRACE = 2.0  # seconds a child may outlive its parent


def _stat(pid: int) -> tuple[int, str, str] | None:
    """(parent PID, state, start time) of a process, or None when there is none."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[1]), fields[0], fields[19]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def descendants(root: int) -> dict[int, str]:
    """Every process below ``root``: PID -> start time."""
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))) is not None:
            table[int(entry)] = stat
    found: dict[int, str] = {}
    parents = [root]
    while parents:
        parent = parents.pop()
        for pid, (ppid, _, started) in table.items():
            if ppid == parent and pid not in found:
                found[pid] = started
                parents.append(pid)
    return found


def still_running(processes: dict[int, str]) -> list[int]:
    """The processes that still run (a zombie has ended; a reused PID is another process)."""
    running = []
    for pid, started in processes.items():
        stat = _stat(pid)
        if stat is not None and stat[1] not in "ZX" and stat[2] == started:
            running.append(pid)
    return running


def assert_all_end(processes: dict[int, str], within: float = GRACE) -> None:
    deadline = time.monotonic() + within
    while (left := still_running(processes)) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = still_running(processes)
    report = "; ".join(f"{pid} {_cmdline(pid)[:120]}" for pid in left)
    for pid in left:  # a failing test leaves nothing behind either
        os.kill(pid, signal.SIGKILL)
    assert not left, "left behind: " + report


def kill_and_reap(process: subprocess.Popen) -> None:
    process.kill()
    process.wait()


# -- the lifeline ----------------------------------------------------------------------------

CHILD_HOLDING_ON = """
import sys, time
from newscrawl.crawl.lifeline import hold_on
hold_on(int(sys.argv[1]))
print("holding", flush=True)
time.sleep(60)
"""


def test_a_child_holding_the_line_exits_when_it_is_cut() -> None:
    line = Lifeline()
    child = subprocess.Popen([sys.executable, "-c", CHILD_HOLDING_ON, str(line.fd())],
                             pass_fds=[line.fd()], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline() == "holding\n"
    started = time.monotonic()
    line.close()  # what the kernel does when the parent dies
    assert child.wait(GRACE) == EXIT_ORPHANED
    assert time.monotonic() - started < GRACE


def test_holding_on_costs_nothing_while_the_parent_lives() -> None:
    line = Lifeline()
    child = subprocess.Popen([sys.executable, "-c", CHILD_HOLDING_ON, str(line.fd())],
                             pass_fds=[line.fd()], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "holding\n"
        time.sleep(0.5)
        assert child.poll() is None
        assert set(descendants(child.pid)) == set()  # a thread, not a process
    finally:
        line.close()
        child.wait(GRACE)


# -- the extraction pool ---------------------------------------------------------------------

POOL_IN_A_CHILD = """
import os, sys, time
from newscrawl.judge.dedup import NearDupSettings
from newscrawl.pipelines.extract import ExtractPipeline

if __name__ == "__main__":
    pipeline = ExtractPipeline(workers=2, min_words=10, near=NearDupSettings())
    pipeline.open_spider()
    workers = {pipeline.pool.submit(os.getpid).result() for _ in range(20)}
    print(" ".join(map(str, sorted(workers))), flush=True)
    time.sleep(60)
"""


def _pool_in_a_child(tmp_path: Path) -> tuple[subprocess.Popen, dict[int, str]]:
    script = tmp_path / "pool.py"
    script.write_text(POOL_IN_A_CHILD)
    parent = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    workers = {int(pid) for pid in parent.stdout.readline().split()}
    processes = descendants(parent.pid)
    commands = " ".join(_cmdline(pid) for pid in processes)
    assert workers and workers <= set(processes)
    assert "forkserver" in commands, commands  # the first worker loaded pipelines/forkserver.py
    assert "resource_tracker" not in commands, commands  # the pool uses no named semaphore
    return parent, processes


def test_the_pool_ends_with_a_parent_killed_outright(tmp_path: Path) -> None:
    parent, processes = _pool_in_a_child(tmp_path)
    kill_and_reap(parent)
    assert_all_end(processes)


def test_the_pool_ends_with_a_parent_that_exits_without_closing_it(tmp_path: Path) -> None:
    parent, processes = _pool_in_a_child(tmp_path)
    parent.send_signal(signal.SIGTERM)  # Python's default: end at once, no clean-up
    parent.wait()
    assert_all_end(processes)


def test_extraction_still_works_in_the_pool() -> None:
    from newscrawl.judge.dedup import NearDupSettings
    from newscrawl.pipelines.extract import ExtractPipeline, extract_in_worker

    page = ("<html><head><title>Vigil</title></head><body><article><h1>Vigil</h1>"
            + "<p>Neighbors held a vigil outside the council hearing on Tuesday night.</p>" * 8
            + "</article></body></html>").encode()
    pipeline = ExtractPipeline(workers=1, min_words=10, near=NearDupSettings())
    pipeline.open_spider()
    try:
        assert pipeline.pool is not None
        extracted, signature = pipeline.pool.submit(
            extract_in_worker, page, "https://example.com/vigil", "UTC", "text/html", NearDupSettings()
        ).result(timeout=60)
    finally:
        pipeline.close_spider()
    assert extracted is not None and "vigil" in extracted.text and signature is not None
    assert pipeline.line is None


WARM_POOL_IN_A_CHILD = """
import gc
from newscrawl.judge.dedup import NearDupSettings
from newscrawl.pipelines.extract import ExtractPipeline


def warmth():
    import dateparser.languages.dictionary as d

    return gc.get_freeze_count(), max(map(len, d.Dictionary._split_regex_cache.values()), default=0)


if __name__ == "__main__":
    pipeline = ExtractPipeline(workers=2, min_words=10, near=NearDupSettings())
    pipeline.open_spider()
    print(*pipeline.pool.submit(warmth).result(timeout=120), flush=True)
    pipeline.close_spider()
"""


def test_workers_start_with_the_stack_warmed_up_and_frozen(tmp_path: Path) -> None:
    # dateparser's locale data (built at the first date string no common locale reads: about
    # 1.5 s and 90 MB per process) is built once, in the fork server, and frozen there.
    script = tmp_path / "warm.py"
    script.write_text(WARM_POOL_IN_A_CHILD)
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr
    frozen, locales = map(int, done.stdout.split())
    assert frozen > 0
    assert locales > 100  # every locale's word regex, not just the few a page needed


# -- a real crawl ----------------------------------------------------------------------------


def _slow_web(root: Path, pages: int = 40) -> None:
    site = root / "daily"
    locs = []
    for i in range(pages):
        path = f"2026/01/{1 + i % 28:02d}/story-{i}.html"
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        paragraph = f"<p>Story {i}: the council heard families and their lawyer about the contract.</p>"
        (site / path).write_text(f"<html><head><title>Story {i}</title></head><body><article>"
                                 f"<h1>Story {i}</h1>{paragraph * 6}</article></body></html>")
        locs.append(f"<url><loc>{{{{base:daily}}}}/{path}</loc></url>")
    (site / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(locs) + "</urlset>")
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (root / "sources.toml").write_text(outlet_table("daily", sitemaps=["/sitemap.xml"]))


def test_a_crawl_killed_outright_leaves_no_process(tmp_path: Path) -> None:
    _slow_web(tmp_path / "web")
    with FixtureWeb(tmp_path / "web").start() as web:
        command = crawl_command(web.sources_path, tmp_path / "news.db", settings=(
            "DOWNLOAD_DELAY=0.2", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS_PER_DOMAIN=1"))
        crawl = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            processes: dict[int, str] = {}
            while time.monotonic() < deadline and crawl.poll() is None:
                processes = descendants(crawl.pid)
                workers = [pid for pid in processes if "forkserver" in _cmdline(pid)]
                if len(workers) >= 2 and len(web.requests) >= 5:  # two workers, forked from the first
                    break
                time.sleep(0.1)
            assert crawl.poll() is None, "the crawl ended before it could be killed"
            processes = descendants(crawl.pid)
        finally:
            kill_and_reap(crawl)
        assert_all_end(processes)


# -- newscrawl serve -------------------------------------------------------------------------

needs_datasette = pytest.mark.skipif(importlib.util.find_spec("datasette") is None,
                                     reason="datasette is not installed: pip install -e '.[serve]'")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port: int) -> bool:
    try:
        with socket.create_server(("127.0.0.1", port)):
            return True
    except OSError:
        return False


class Serve:
    """A real ``newscrawl serve`` on a free port, with a temp folder of its own."""

    started: list[Serve] = []  # killed, with what they started, after each test (_no_serve_left)

    def __init__(self, tmp_path: Path, port: int | None = None) -> None:
        Serve.started.append(self)
        self.children: dict[int, str] = {}
        self.db = tmp_path / "news.db"
        if not self.db.exists():
            Store.open(self.db).close()
        self.tmp = tmp_path / "tmp"
        self.tmp.mkdir(exist_ok=True)
        self.port = port or free_port()
        self.log = tmp_path / f"serve-{self.port}.log"
        env = {**os.environ, "TMPDIR": str(self.tmp)}
        with self.log.open("wb") as log:  # a file, not a pipe: a child left behind cannot hang the test
            self.process = subprocess.Popen(
                [*NEWSCRAWL, "serve", "--db", str(self.db), "--port", str(self.port)],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
        deadline = time.monotonic() + 30
        while True:
            assert self.process.poll() is None, self.log.read_text()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/news.json", timeout=5):
                    break
            except OSError:
                assert time.monotonic() < deadline, "serve did not answer within 30 s"
                time.sleep(0.1)
        self.children = descendants(self.process.pid)
        # Datasette runs as `python -m newscrawl.outputs.room serve ...` (its CLI with the room)
        assert any("newscrawl.outputs.room" in _cmdline(pid) for pid in self.children)


@pytest.fixture(autouse=True)
def _no_serve_left() -> Iterator[None]:
    """A test that fails leaves no server running (it would outlive the suite)."""
    yield
    for serve in Serve.started:
        if serve.process.poll() is None:
            kill_and_reap(serve.process)
        for pid, started in serve.children.items():
            if (stat := _stat(pid)) is not None and stat[2] == started:  # still the same process
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
    Serve.started.clear()


@needs_datasette
@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_serve_stops_datasette_on_a_signal(tmp_path: Path, sig: str) -> None:
    serve = Serve(tmp_path)
    serve.process.send_signal(getattr(signal, sig))
    assert serve.process.wait(15) == 0, serve.log.read_text()
    assert_all_end(serve.children, within=0.5)
    assert port_is_free(serve.port)
    assert list(serve.tmp.iterdir()) == [], "no temp folder left"
    assert "Traceback" not in serve.log.read_text()
    again = Serve(tmp_path, serve.port)  # the same port works again at once
    again.process.send_signal(signal.SIGTERM)
    assert again.process.wait(15) == 0


@needs_datasette
def test_serve_killed_outright_leaves_no_datasette(tmp_path: Path) -> None:
    serve = Serve(tmp_path)
    kill_and_reap(serve.process)
    assert_all_end(serve.children)
    deadline = time.monotonic() + GRACE
    while not port_is_free(serve.port) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert port_is_free(serve.port)
    assert list(serve.tmp.iterdir()) == []


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_command_ended_by_a_signal_cleans_up_after_itself(tmp_path: Path, signum: int) -> None:
    """Any newscrawl command (here a stand-in that waits) runs its clean-up on SIGTERM/SIGHUP,
    as an export removes its partial file, and exits with 128 + the signal."""
    marker = tmp_path / "cleaned"
    code = (
        "import sys, time\n"
        "from newscrawl.cli import main\n"
        "@main.command('wait')\n"
        "def wait():\n"
        "    try:\n"
        "        print('ready', flush=True)\n"
        "        time.sleep(60)\n"
        "    finally:\n"
        f"        open({str(marker)!r}, 'w').write('yes')\n"
        "main(['wait'])\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    child.send_signal(signum)
    assert child.wait(timeout=10) == 128 + signum
    assert marker.read_text() == "yes"
