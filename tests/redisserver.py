"""A real ``redis-server`` for tests: on a free port of 127.0.0.1, in a temporary folder, no persistence;
and a distributed crawl's coordinator and workers run with the real CLI in subprocesses."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

from smallweb import NEWSCRAWL, QUICK, ROOT

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """``redis-server`` started in ``folder``; :attr:`url` is its database 0."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def coordinator(url: str, sources: Path, db: Path, *settings: str) -> subprocess.Popen[str]:
    """``newscrawl crawl --redis`` of ``sources`` into ``db``, quick (:data:`smallweb.QUICK`)."""
    command = [*NEWSCRAWL, "crawl", "--no-progress", "--workers", "1", "--sources", str(sources),
               "--db", str(db), "--redis", url]
    for setting in (*QUICK, *settings):
        command += ["-s", setting]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def workers(url: str, warc: Path, count: int, first: int = 0) -> list[subprocess.Popen[str]]:
    """``count`` workers, named ``w{first}``, ``w{first + 1}``, ... (in their WARC files)."""
    return [subprocess.Popen([*NEWSCRAWL, "worker", "--no-progress", "--workers", "1", "--redis", url,
                              "--warc-dir", str(warc), "--name", f"w{n}", "--wait", "60"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
            for n in range(first, first + count)]


def finished(process: subprocess.Popen[str], timeout: float = 120) -> str:
    """The process's output, after checking it exited 0 without a traceback."""
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, out + err
    assert "Traceback" not in err, err
    return out + err
