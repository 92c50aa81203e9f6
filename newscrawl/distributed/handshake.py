"""Connecting to Redis and the coordinator-worker handshake.

The coordinator *claims* the Redis database for one crawl: its identity (database path,
topic, outlets, ``--since``) and newscrawl version go into ``newscrawl:state``, and the
configuration the workers need (outlets, topic, settings) into ``newscrawl:config``. A
worker reads them, and refuses a coordinator of another newscrawl version. Every problem is
a :class:`ClusterError` with a message fit for one ``Error:`` line.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import time
from typing import Any
from urllib.parse import urlsplit

import redis

from newscrawl import __version__
from newscrawl.distributed.keys import Keys

# Client timeouts: a Redis that stops answering is an error within seconds, never a hang.
CLIENT_OPTIONS: dict[str, Any] = {"socket_timeout": 10, "socket_connect_timeout": 5,
                                  "health_check_interval": 15}

SEEDING, RUNNING, DONE = "seeding", "running", "done"


class ClusterError(Exception):
    """A distributed crawl cannot go on: unreachable Redis, another crawl's keys, a version mismatch."""


def describe(url: str) -> str:
    """The URL without a password, for messages."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    return f"{parts.scheme}://{host}:{parts.port or 6379}{parts.path or '/0'}"


def connect(url: str) -> redis.Redis:
    """A client for ``url`` (``redis://HOST:PORT/DB``), checked with a PING."""
    if urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        raise ClusterError(f"--redis {url}: not a Redis URL (expected redis://HOST:PORT/DB)")
    try:
        client = redis.Redis.from_url(url, **CLIENT_OPTIONS)
        client.ping()
    except ValueError as exc:
        raise ClusterError(f"--redis {url}: {exc}") from None
    except redis.RedisError as exc:
        raise ClusterError(f"Redis at {describe(url)} is not reachable: {exc}") from None
    return client


def crawl_id(identity: dict[str, Any]) -> str:
    """A short stable id of a crawl's identity (same database, topic, outlets, since: same id)."""
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:16]


def refuse_other_crawls(client: redis.Redis, keys: Keys, identity: dict[str, Any]) -> dict[str, str]:
    """The crawl state in Redis, after checking it is free for this crawl (or this crawl's own).

    Keys of an unfinished crawl with another identity (another database, topic or outlets)
    are refused; so are ``newscrawl:`` keys of no known crawl. Reads only.
    """
    this = crawl_id(identity)
    state = {k.decode(): v.decode() for k, v in client.hgetall(keys.state).items()}
    if state and state.get("phase") != DONE and state.get("crawl") != this:
        raise ClusterError(
            f"Redis database holds the keys of another crawl (into {state.get('db', '?')}, topic "
            f"{state.get('topic', '?')}, started {state.get('started', '?')}); let it finish, or clear "
            "it with `redis-cli -n DB FLUSHDB`, or use another database number")
    if not state and next(iter(client.scan_iter(match=keys.all_pattern(), count=100)), None) is not None:
        raise ClusterError("Redis database holds newscrawl keys of no known crawl; clear it with "
                           "`redis-cli -n DB FLUSHDB`, or use another database number")
    if state and state.get("phase") != DONE and state.get("version") != __version__:
        raise ClusterError(f"the unfinished crawl in Redis was started by newscrawl "
                           f"{state.get('version')}, this is {__version__}")
    return state


def claim(client: redis.Redis, keys: Keys, identity: dict[str, Any], config: dict[str, Any]) -> bool:
    """Claim the Redis database for this crawl; True when it resumes one left unfinished.

    Keys of a finished crawl are cleared; see :func:`refuse_other_crawls` for what is refused.
    """
    this = crawl_id(identity)
    state = refuse_other_crawls(client, keys, identity)
    if state and state.get("phase") != DONE:
        client.set(keys.config, pickle.dumps(config))
        return True
    clear(client, keys)
    pipe = client.pipeline()
    pipe.set(keys.config, pickle.dumps(config))
    pipe.hset(keys.state, mapping={
        "crawl": this, "version": __version__, "phase": SEEDING,
        "db": str(identity.get("db")), "topic": str(identity.get("topic")),
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    })
    pipe.execute()
    return False


def clear(client: redis.Redis, keys: Keys) -> None:
    """Delete every key of the crawl."""
    batch = list(client.scan_iter(match=keys.all_pattern(), count=1000))
    for start in range(0, len(batch), 500):
        client.delete(*batch[start:start + 500])


def phase(client: redis.Redis, keys: Keys) -> str | None:
    value = client.hget(keys.state, "phase")
    return value.decode() if value else None


def set_phase(client: redis.Redis, keys: Keys, value: str) -> None:
    client.hset(keys.state, "phase", value)


def read_config(client: redis.Redis, keys: Keys) -> dict[str, Any] | None:
    """The running crawl's configuration, or None when no crawl is running; refuses another version.

    The version is checked before the configuration is unpickled.
    """
    state = {k.decode(): v.decode() for k, v in client.hgetall(keys.state).items()}
    if not state or state.get("phase") == DONE:
        return None
    if state.get("version") != __version__:
        raise ClusterError(f"the coordinator runs newscrawl {state.get('version')}, this worker "
                           f"{__version__}; install the same version on every machine")
    data = client.get(keys.config)
    return None if data is None else pickle.loads(data)


def wait_for_crawl(client: redis.Redis, keys: Keys, timeout: float | None,
                   poll: float = 0.5) -> dict[str, Any] | None:
    """The configuration of the next crawl a coordinator starts (None after ``timeout`` seconds)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        config = read_config(client, keys)
        if config is not None:
            return config
        if deadline is not None and time.monotonic() >= deadline:
            return None
        time.sleep(poll)
