"""Reliable queues on Redis: requests with a visibility timeout, pages acknowledged after commit.

**Requests** (:class:`RequestQueue`): a sorted set of tokens by priority, their payloads in a
hash. Taking a request moves its token into an *in-flight* sorted set scored by a deadline
(server time + the lease); the worker that took it keeps extending the lease while it works
on it, and acknowledges it in the same transaction that pushes the page it produced. A
request whose worker died is taken again once its deadline passes (any worker moves expired
tokens back before taking one); a request delivered ``max_deliveries`` times without an
acknowledgement is dropped, so a page that kills its worker cannot stall the crawl.

**Pages** (:class:`ItemQueue`): a list the workers push to; the writer moves pages into a
*taken* list (LMOVE), stores them, and removes them only after its SQLite transaction
committed. A writer killed halfway finds the taken pages on restart and takes them again;
the page ids it recorded in SQLite tell it which were stored already (exactly once).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

import redis

# KEYS: pending, inflight, payload, deliveries. ARGV: lease seconds, max deliveries.
# Returns {token, payload} or {} when nothing is waiting.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 100)
for _, token in ipairs(expired) do
  redis.call('ZREM', KEYS[2], token)
  redis.call('ZADD', KEYS[1], -1000000, token)
end
while true do
  local first = redis.call('ZRANGE', KEYS[1], 0, 0)
  if #first == 0 then return {} end
  local token = first[1]
  redis.call('ZREM', KEYS[1], token)
  local data = redis.call('HGET', KEYS[3], token)
  local n = redis.call('HINCRBY', KEYS[4], token, 1)
  if data and n <= tonumber(ARGV[2]) then
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[1]), token)
    return {token, data}
  end
  redis.call('HDEL', KEYS[3], token)
  redis.call('HDEL', KEYS[4], token)
end
"""

# KEYS: inflight. ARGV: lease seconds, tokens... Extends the leases still held.
_EXTEND = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
for i = 2, #ARGV do
  redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[i])
end
return #ARGV - 1
"""


class RequestQueue:
    """The shared frontier: push, take with a lease, extend, acknowledge."""

    def __init__(self, client: redis.Redis, key: str, *, lease: float = 60.0,
                 max_deliveries: int = 3) -> None:
        self.client = client
        self.key = key
        self.inflight = f"{key}:inflight"
        self.payload = f"{key}:payload"
        self.deliveries = f"{key}:deliveries"
        self.lease = lease
        self.max_deliveries = max_deliveries
        self._take = client.register_script(_TAKE)
        self._extend = client.register_script(_EXTEND)

    def push(self, data: bytes, priority: int = 0) -> str:
        """Add a request; its token sorts after earlier ones of the same priority (FIFO)."""
        seq = self.client.incr(f"{self.key}:seq")
        token = f"{seq:012d}"
        pipe = self.client.pipeline()
        pipe.hset(self.payload, token, data)
        pipe.zadd(self.key, {token: -priority})
        pipe.execute()
        return token

    def take(self) -> tuple[str, bytes] | None:
        """The next request (token, payload), now in flight for ``lease`` seconds; None if none waits."""
        found = self._take(keys=[self.key, self.inflight, self.payload, self.deliveries],
                           args=[self.lease, self.max_deliveries])
        if not found:
            return None
        return found[0].decode(), found[1]

    def extend(self, tokens: Iterable[str]) -> None:
        """Keep the leases of requests still being worked on."""
        tokens = list(tokens)
        if tokens:
            self._extend(keys=[self.inflight], args=[self.lease, *tokens])

    def release(self, tokens: Iterable[str]) -> None:
        """Give requests back at once (a worker stopping cleanly), first in line."""
        pipe = self.client.pipeline(transaction=True)
        for token in tokens:
            pipe.zrem(self.inflight, token)
            pipe.zadd(self.key, {token: -1_000_000}, nx=True)
        pipe.execute()

    def ack(self, token: str, pipe: redis.client.Pipeline | None = None) -> None:
        """The request is done (in ``pipe``: in the same transaction as the page it produced)."""
        target = pipe if pipe is not None else self.client.pipeline()
        target.zrem(self.inflight, token)
        target.hdel(self.payload, token)
        target.hdel(self.deliveries, token)
        if pipe is None:
            target.execute()

    def counts(self) -> tuple[int, int]:
        """(waiting, in flight)."""
        pipe = self.client.pipeline()
        pipe.zcard(self.key)
        pipe.zcard(self.inflight)
        waiting, inflight = pipe.execute()
        return waiting, inflight


class ItemQueue:
    """Pages from the workers to the writer; removed only once stored."""

    def __init__(self, client: redis.Redis, key: str, taken_key: str) -> None:
        self.client = client
        self.key = key
        self.taken = taken_key

    @staticmethod
    def new_id() -> str:
        return uuid.uuid4().hex

    def push(self, data: bytes, pipe: redis.client.Pipeline) -> None:
        pipe.lpush(self.key, data)

    def recover(self) -> int:
        """Pages a killed writer took but did not acknowledge go back to be taken first."""
        moved = 0
        while self.client.lmove(self.taken, self.key, "LEFT", "RIGHT") is not None:
            moved += 1
        return moved

    def take(self, limit: int) -> list[bytes]:
        """Up to ``limit`` pages, oldest first, moved to the taken list."""
        taken = []
        for _ in range(limit):
            data = self.client.lmove(self.key, self.taken, "RIGHT", "LEFT")
            if data is None:
                break
            taken.append(data)
        return taken

    def ack(self, stored: Iterable[bytes]) -> None:
        """Remove pages whose rows are committed."""
        pipe = self.client.pipeline()
        for data in stored:
            pipe.lrem(self.taken, 1, data)
        pipe.execute()

    def counts(self) -> tuple[int, int]:
        """(waiting, taken)."""
        pipe = self.client.pipeline()
        pipe.llen(self.key)
        pipe.llen(self.taken)
        waiting, taken = pipe.execute()
        return waiting, taken
