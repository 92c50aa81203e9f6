"""Cluster-wide politeness: per-site request leases in Redis.

Before a worker sends a request to a site it asks for a lease (:meth:`SiteLeases.acquire`,
one Lua script, so atomic across every worker): granted when fewer than the site's
concurrency limit are downloading and the site's next-allowed time (the last grant plus the
delay: ``DOWNLOAD_DELAY`` or the robots.txt Crawl-delay, whichever is longer) has come;
otherwise it says how long to wait. The lease is released when the download ends, and
expires by itself if its worker dies. Times are the Redis server's, so the workers' clocks
don't matter.
"""

from __future__ import annotations

import redis

from newscrawl.distributed.keys import Keys

# KEYS: next, leases. ARGV: token, delay, concurrency, lease ttl.
# Returns "0" when granted, else the seconds to wait (as a string: Lua numbers lose fractions).
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then
  return '0.05'
end
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
if now < nxt then
  return tostring(nxt - now)
end
local delay = tonumber(ARGV[2])
redis.call('SET', KEYS[1], tostring(now + delay), 'PX', math.floor(delay * 1000) + 60000)
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[1])
redis.call('PEXPIRE', KEYS[2], math.floor(tonumber(ARGV[4]) * 1000) + 60000)
return '0'
"""


# KEYS: next. ARGV: seconds. No request to the site before now + seconds (a 429/503's wait).
_HOLD = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local till = now + tonumber(ARGV[1])
if till > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], tostring(till), 'PX', math.floor(tonumber(ARGV[1]) * 1000) + 60000)
end
return tostring(till)
"""


class SiteLeases:
    """Per-site delay and concurrency, held for the whole cluster."""

    def __init__(self, client: redis.Redis, keys: Keys, ttl: float) -> None:
        self.client = client
        self.keys = keys
        self.ttl = ttl
        self._acquire = client.register_script(_ACQUIRE)
        self._hold = client.register_script(_HOLD)

    def acquire(self, host: str, token: str, delay: float, concurrency: int) -> float:
        """0.0 when the request may go now (its lease taken), else seconds to wait first."""
        wait = self._acquire(keys=[self.keys.site_next(host), self.keys.site_leases(host)],
                             args=[token, repr(float(delay)), max(1, concurrency), repr(float(self.ttl))])
        return float(wait)

    def hold(self, host: str, seconds: float) -> None:
        """No worker sends to ``host`` for ``seconds`` (the site answered 429 or 503)."""
        self._hold(keys=[self.keys.site_next(host)], args=[repr(float(seconds))])

    def release(self, host: str, token: str) -> None:
        self.client.zrem(self.keys.site_leases(host), token)

    def crawl_delay(self, host: str) -> float:
        """The robots.txt Crawl-delay a worker reported for ``host`` (0: none)."""
        value = self.client.hget(self.keys.crawl_delays, host)
        return float(value) if value else 0.0

    def report_crawl_delay(self, host: str, seconds: float) -> None:
        self.client.hset(self.keys.crawl_delays, host, repr(float(seconds)))
