"""``newscrawl schedule`` (newscrawl.crawl.schedule): intervals and the run loop."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import pytest

from newscrawl.crawl import schedule
from newscrawl.crawl.schedule import RunOutcome, format_interval, parse_interval, run_schedule


@pytest.mark.parametrize(("text", "expected"), [
    ("30m", timedelta(minutes=30)),
    ("1h", timedelta(hours=1)),
    ("90s", timedelta(seconds=90)),
    ("1h30m", timedelta(hours=1, minutes=30)),
    ("2d", timedelta(days=2)),
    (" 1H 30M ", timedelta(hours=1, minutes=30)),
    ("1d2h3m4s", timedelta(days=1, hours=2, minutes=3, seconds=4)),
    ("60s", timedelta(minutes=1)),
])
def test_parse_interval(text: str, expected: timedelta) -> None:
    assert parse_interval(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("", "no interval given"),
    ("0m", "'0m' is zero; the interval must be at least 1m"),
    ("abc", "'abc' is not an interval; write whole numbers with units"),
    ("-5m", "'-5m': the interval must be positive"),
    ("30", "'30' is not an interval (add a unit: s, m, h or d)"),
    ("1.5h", "'1.5h' is not an interval"),
    ("30m1h", "'30m1h' is not an interval"),
    ("30s", "'30s' is too short; the interval must be at least 1m"),
])
def test_parse_interval_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_interval(text)


def test_parse_interval_minimum() -> None:
    assert parse_interval("1s", minimum=timedelta(seconds=1)) == timedelta(seconds=1)
    with pytest.raises(ValueError, match="at least 2h"):
        parse_interval("1h", minimum=timedelta(hours=2))


def test_format_interval() -> None:
    assert format_interval(timedelta(hours=1, minutes=30)) == "1h30m"
    assert format_interval(timedelta(days=1)) == "1d"
    assert format_interval(timedelta(0)) == "0s"


class FakeTime:
    """A clock that only moves when slept on (or when a fake run takes time)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def append_command(path: Path, exit_code: int = 0) -> list[str]:
    code = f"import sys, time; open({str(path)!r}, 'a').write(f'{{time.time()}}\\n'); sys.exit({exit_code})"
    return [sys.executable, "-c", code]


def test_real_command_with_fake_time(tmp_path: Path) -> None:
    log = tmp_path / "runs.log"
    fake = FakeTime()
    seen: list[RunOutcome] = []
    outcomes = run_schedule(append_command(log), timedelta(minutes=30), max_runs=3,
                            sleep=fake.sleep, clock=fake.clock, on_outcome=seen.append)
    assert len(log.read_text().splitlines()) == 3
    assert [o.status for o in outcomes] == ["ok"] * 3 and [o.exit_code for o in outcomes] == [0] * 3
    assert seen == outcomes
    assert sum(fake.sleeps) == 2 * 1800  # sleeps come in slices of at most a minute
    assert max(fake.sleeps) <= 60
    for outcome in outcomes:
        assert outcome.started.tzinfo is not None and outcome.finished >= outcome.started


@pytest.mark.parametrize(("exit_code", "status"), [(3, "busy"), (1, "failed"), (2, "failed")])
def test_exit_status(tmp_path: Path, exit_code: int, status: str) -> None:
    fake = FakeTime()
    outcomes = run_schedule(append_command(tmp_path / "log", exit_code), timedelta(hours=1), max_runs=2,
                            sleep=fake.sleep, clock=fake.clock)
    assert [(o.exit_code, o.status) for o in outcomes] == [(exit_code, status)] * 2


def fake_runs(monkeypatch: pytest.MonkeyPatch, fake: FakeTime, durations: list[float]) -> list[float]:
    """Replace the subprocess with runs lasting ``durations`` fake seconds; returns start times."""
    starts: list[float] = []

    def run(command: Sequence[str]) -> tuple[int, bool]:
        starts.append(fake.now)
        fake.now += durations[len(starts) - 1]
        return 0, False

    monkeypatch.setattr(schedule, "_run", run)
    return starts


def test_starts_do_not_drift(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeTime()
    starts = fake_runs(monkeypatch, fake, [300, 10, 1500, 5])

    def oversleep(seconds: float) -> None:  # every wake-up comes 2 s late
        fake.sleep(seconds + 2)

    run_schedule(["crawl"], timedelta(minutes=30), max_runs=4, sleep=oversleep, clock=fake.clock)
    assert [s - starts[0] for s in starts] == [0, 1802, 3602, 5402]  # not 1802, 3604, 5406


def test_long_run_is_followed_at_once_without_catch_up(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeTime()
    # 30m schedule; the first run takes 75m: the second starts when it ends, then every 30m again.
    starts = fake_runs(monkeypatch, fake, [4500, 60, 60, 60])
    run_schedule(["crawl"], timedelta(minutes=30), max_runs=4, sleep=fake.sleep, clock=fake.clock)
    assert [s - starts[0] for s in starts] == [0, 4500, 6300, 8100]


def test_ctrl_c_while_sleeping_returns_outcomes(tmp_path: Path) -> None:
    fake = FakeTime()

    def sleep(seconds: float) -> None:
        raise KeyboardInterrupt

    outcomes = run_schedule(append_command(tmp_path / "log"), timedelta(minutes=5), max_runs=5,
                            sleep=sleep, clock=fake.clock)
    assert [o.status for o in outcomes] == ["ok"]


@pytest.mark.slow
def test_ctrl_c_during_a_run_waits_for_it(tmp_path: Path) -> None:
    log = tmp_path / "log"
    code = f"import time; time.sleep(1.0); open({str(log)!r}, 'w').write('done')"
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))  # only we get it, not the child
    timer.start()
    try:
        begun = time.monotonic()
        outcomes = run_schedule([sys.executable, "-c", code], timedelta(minutes=1), max_runs=3)
    finally:
        timer.cancel()
    assert time.monotonic() - begun >= 1.0
    assert log.read_text() == "done"
    assert [(o.status, o.interrupted) for o in outcomes] == [("ok", True)]


@pytest.mark.slow
def test_real_timing(tmp_path: Path) -> None:
    log = tmp_path / "runs.log"
    every = parse_interval("1s", minimum=timedelta(seconds=1))
    outcomes = run_schedule(append_command(log), every, max_runs=2)
    assert len(log.read_text().splitlines()) == 2  # both runs ran
    # The schedule's own start times: the children's clocks add their start-up, which swings
    # by tenths of a second on a busy machine.
    assert (outcomes[1].started - outcomes[0].started).total_seconds() >= 0.999


def test_bad_interval() -> None:
    with pytest.raises(ValueError, match="positive"):
        run_schedule(["true"], timedelta(0))
