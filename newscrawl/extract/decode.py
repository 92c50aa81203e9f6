"""Page bytes -> Unicode text -> one lxml tree: charset decoding, binary detection, the parser.

:func:`decode_html` turns a response body into text (or None for an empty or binary one);
:func:`load_html` parses it once, with :data:`HTML_PARSER`, for every reader that follows
(main text, metadata, dates). Used by :func:`newscrawl.extract.article.extract_article`.
"""

from __future__ import annotations

import logging
import re

import lxml.html
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura.utils import is_dubious_html, repair_faulty_html
from w3lib.encoding import html_to_unicode

__all__ = ["HTML_PARSER", "decode_html", "load_html"]

LOGGER = logging.getLogger(__name__)

BINARY_MAGIC = (
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"RIFF",
    b"OggS", b"ID3", b"fLaC", b"wOFF", b"wOF2", b"\x00\x00\x01\x00", b"BZh", b"7z\xbc\xaf",
)  # fmt: skip
BINARY_MIME_PREFIXES = ("image/", "audio/", "video/", "font/")
BINARY_MIMES = frozenset(
    {"application/pdf", "application/zip", "application/gzip", "application/x-gzip"}
)
UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
# Control characters other than tab, newline, form feed and carriage return.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


# --------------------------------------------------------------------------- decoding


def _looks_binary(data: bytes) -> bool:
    head = data[:4096].lstrip()
    if head.startswith(BINARY_MAGIC):
        return True
    if data.startswith(UTF16_32_BOMS):
        return False
    return b"\x00" in head


def decode_html(html: str | bytes, content_type: str | None = None) -> str | None:
    """Unicode text of a page, or None when it is empty or not text.

    Bytes are decoded by ``w3lib.encoding.html_to_unicode``: the HTTP header's charset,
    then a BOM, then ``<meta charset>``, then detection; Latin-1 pages come out right.
    """
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime.startswith(BINARY_MIME_PREFIXES) or mime in BINARY_MIMES:
        return None
    if isinstance(html, bytes):
        if not html.strip() or _looks_binary(html):
            return None
        header = content_type if content_type and "charset" in content_type.lower() else None
        _, text = html_to_unicode(header, html)
    else:
        text = html
    if not text or not text.strip():
        return None
    sample = text[:4096]
    controls = len(CONTROL_RE.findall(sample))
    if "\x00" in sample or controls > len(sample) * 0.05:
        return None
    return text


# --------------------------------------------------------------------------- parsing

# trafilatura's parser settings, with one change: lxml.html's own parser finds each element's
# Python class through a Python callback (FormElement for <form>, InputElement for <input>, ...),
# paid every time trafilatura or newscrawl touches an element; this lookup is lxml's C one and
# gives every element the plain HtmlElement class. Text and metadata come out the same.
HTML_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
HTML_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)


def _parse_bytes(text: str) -> HtmlElement | None:
    try:
        return lxml.html.fromstring(text.encode("utf8", "surrogatepass"), parser=HTML_PARSER)
    except Exception:
        return None


def load_html(text: str) -> HtmlElement | None:
    """``trafilatura.utils.load_html`` for a decoded page, with :data:`HTML_PARSER`.

    The same steps: repair what libxml2 chokes on, parse the string (as bytes when lxml
    refuses it), reject a page that has no ``html`` in its first 50 characters and parses
    to fewer than two top elements.
    """
    beginning = text[:50].lower()
    dubious = is_dubious_html(beginning)
    text = repair_faulty_html(text, beginning)
    tree = None
    as_bytes = False
    try:
        tree = lxml.html.fromstring(text, parser=HTML_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported"
        tree, as_bytes = _parse_bytes(text), True
    except Exception:
        LOGGER.debug("lxml could not parse the page", exc_info=True)
    if (tree is None or len(tree) < 1) and not as_bytes:
        tree = _parse_bytes(text)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree
