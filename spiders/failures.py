"""What a failed download means, in words: the reasons recorded in ``pages.reason``.

Scrapy hands an errback a ``Failure`` whose exception may say little (``ResponseDataLossError()``
has no message at all) or too much (``DownloadFailedError`` quotes Twisted's failures); these
helpers name the cause instead. :func:`exception_reason` describes any exception, with its type's
docstring standing in for an empty message.
"""

from __future__ import annotations

from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

__all__ = [
    "BROKEN_RESPONSES", "DNS_FAILURES", "REFUSED", "TIMEOUTS", "broken_response_reason",
    "exception_reason", "network_reason",
]  # fmt: skip

# Download failures by type, for ``Failure.check``: Scrapy >= 2.14 wraps Twisted's errors in
# its own (named by string, so that older Scrapy versions need not have them).
TIMEOUTS = (TimeoutError, TCPTimedOutError, "scrapy.exceptions.DownloadTimeoutError")
DNS_FAILURES = (DNSLookupError, "scrapy.exceptions.CannotResolveHostError")
REFUSED = (ConnectionRefusedError, "scrapy.exceptions.DownloadConnectionRefusedError")
BROKEN_RESPONSES = (
    "scrapy.exceptions.ResponseDataLossError", "scrapy.exceptions.DownloadFailedError",
    "twisted.web._newclient.ResponseFailed", "twisted.web._newclient.ResponseNeverReceived",
)


def network_reason(failure: Failure) -> str | None:
    """Why a request got no (complete) answer from the network, in words; None for other failures.

    A timeout, a failed DNS lookup, a refused connection, a response that broke off or never
    came: what RFC 9309 calls a network error.
    """
    if failure.check(*TIMEOUTS):
        return "timeout"
    if failure.check(*DNS_FAILURES) or "DNS lookup failed" in str(failure.value):
        return "dns lookup failed"
    if failure.check(*REFUSED):
        return "connection refused"
    if failure.check(*BROKEN_RESPONSES):
        return broken_response_reason(failure.value)
    return None


def exception_reason(exc: BaseException) -> str:
    """``Name: message`` of an exception; for an empty message, what the type means.

    ``ResponseDataLossError()`` says nothing by itself, so its docstring stands in:
    ``ResponseDataLossError (Indicates that Scrapy couldn't get a complete response.)``.
    """
    name = type(exc).__name__
    message = " ".join(str(exc).split())
    if message:
        return f"{name}: {message}"[:300]
    doc = (type(exc).__doc__ or "").strip().split("\n", 1)[0]
    return f"{name} ({doc})" if doc else f"{name} (no message)"


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception, what it wraps (``__cause__``) and a ``ResponseFailed``'s reasons."""
    found: list[BaseException] = []
    todo = [exc]
    while todo and len(found) < 10:
        current = todo.pop(0)
        found.append(current)
        if current.__cause__ is not None:
            todo.append(current.__cause__)
        for reason in getattr(current, "reasons", None) or []:
            if isinstance(getattr(reason, "value", None), BaseException):
                todo.append(reason.value)
    return found


def broken_response_reason(exc: BaseException) -> str:
    """Why a response broke off or could not be read (Twisted's ``ResponseFailed`` family)."""
    names = {type(c).__name__: c for c in _causes(exc)}
    if "ResponseNeverReceived" in names:
        return "no response (the server closed the connection without answering)"
    if "ParseError" in names:
        parse_error = names["ParseError"]
        what = parse_error.args[0] if parse_error.args else "unreadable"
        return f"not an HTTP response ({what})"
    if "_DataLoss" in names and "chunk" in str(names["_DataLoss"]).lower():
        return "truncated response (the chunked body ended before its last chunk)"
    if "_DataLoss" in names or "ResponseDataLossError" in names:
        return "truncated response (the server sent fewer bytes than Content-Length)"
    if "ConnectionLost" in names or "ConnectionDone" in names:
        return "connection lost (the server closed it before the response was complete)"
    return f"download failed ({exception_reason(exc)})"
