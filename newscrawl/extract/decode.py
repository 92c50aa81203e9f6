"""Page bytes -> Unicode text -> one lxml tree: charset decoding, binary detection, the parser.

:func:`decode_page` turns a response body into text and says which charset it used (or None
for an empty or binary body); :func:`decode_html` is its text alone. :func:`load_html` parses
the text once, with :data:`HTML_PARSER`, for every reader that follows (main text, metadata,
dates). Used by :func:`newscrawl.extract.article.extract_article`.
"""

from __future__ import annotations

import codecs
import hashlib
import inspect
import logging
import re
from dataclasses import dataclass
from typing import Any

import lxml.html
from charset_normalizer import from_bytes
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura.utils import DOCTYPE_TAG, INVALID_XML_CHARS, is_dubious_html, repair_faulty_html
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    to_unicode,
)

__all__ = ["HTML_PARSER", "DecodedPage", "decode_html", "decode_page", "load_html"]

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
# The first tags of an HTML page: a NUL byte after one is a page's stray (a CMS's bug, which
# browsers and HTML parsers skip), not a sign of binary data.
HTML_START_RE = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE)
HTML_START_BYTES_RE = re.compile(HTML_START_RE.pattern.encode(), re.IGNORECASE)


# --------------------------------------------------------------------------- decoding


def _looks_binary(data: bytes) -> bool:
    head = data[:4096].lstrip()
    if head.startswith(BINARY_MAGIC):
        return True
    if data.startswith(UTF16_32_BOMS):
        return False
    return b"\x00" in head and not _stray_nuls(head)


def _stray_nuls(head: bytes | str) -> bool:
    """Whether the NULs of a page's ``head`` are strays in HTML: few (one character in a
    hundred at most; UTF-16 without a byte-order mark is one in two) in a page that starts
    as HTML does."""
    if isinstance(head, bytes):
        return HTML_START_BYTES_RE.search(head) is not None and head.count(b"\x00") * 100 <= len(head)
    return HTML_START_RE.search(head) is not None and head.count("\x00") * 100 <= len(head)


@dataclass(frozen=True)
class DecodedPage:
    """A page's text and how its bytes were read.

    ``charset`` is the Python codec the text was decoded with (``utf-8``, ``cp1252``,
    ``iso8859-2``, ...; None when the page came as text). ``declared`` is the charset the page
    declared (HTTP header, byte-order mark or ``<meta>``), as the codec it names
    (``ISO-8859-1`` and ``US-ASCII`` are read as ``cp1252``, as browsers read them), or None
    when it declared none (UTF-8 is tried then). ``charset != declared`` means the
    declaration was missing or wrong and the bytes were read by detection.
    """

    text: str
    charset: str | None = None
    declared: str | None = None


def decode_page(html: str | bytes, content_type: str | None = None) -> DecodedPage | None:
    """The text of a page and the charset it was read with, or None when it is empty or not text.

    Bytes are read as a browser reads them (``w3lib.encoding``): a byte-order mark, then the
    HTTP header's charset, then ``<meta charset>``, else UTF-8. When the bytes contradict
    that charset they are read by detection instead (:func:`_charset_that_fits`): valid
    UTF-8 declared as something else is UTF-8; bytes the declared charset cannot decode
    (Latin-1 declared as UTF-8, say) go to charset-normalizer.
    """
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime.startswith(BINARY_MIME_PREFIXES) or mime in BINARY_MIMES:
        return None
    if isinstance(html, bytes):
        if not html.strip() or _looks_binary(html):
            return None
        decoded = _decode_bytes(html, content_type)
    else:
        decoded = DecodedPage(html)
    text = decoded.text
    if not text or not text.strip():
        return None
    sample = text[:4096]
    controls = len(CONTROL_RE.findall(sample))
    if controls > len(sample) * 0.05 or ("\x00" in sample and not _stray_nuls(sample)):
        return None
    return decoded


def decode_html(html: str | bytes, content_type: str | None = None) -> str | None:
    """Unicode text of a page, or None when it is empty or not text (see :func:`decode_page`)."""
    decoded = decode_page(html, content_type)
    return decoded.text if decoded else None


def _codec(name: str) -> str:
    return codecs.lookup(name).name


def _decode_bytes(body: bytes, content_type: str | None) -> DecodedPage:
    """``w3lib.encoding.html_to_unicode``'s steps, plus a check that the bytes fit the charset."""
    bom_charset, bom = read_bom(body)
    if bom_charset is not None and bom is not None:
        return DecodedPage(to_unicode(body[len(bom):], bom_charset), _codec(bom_charset), _codec(bom_charset))
    header = content_type if content_type and "charset" in content_type.lower() else None
    declared = http_content_type_encoding(header) or html_body_declared_encoding(body)
    charset = declared or "utf-8"
    if charset in ("utf-16", "utf-32"):
        charset += "-be"
    text = to_unicode(body, charset)
    better = _charset_that_fits(body, _codec(charset), text)
    if better is not None:
        charset, text = better, to_unicode(body, better)
    return DecodedPage(text, _codec(charset), _codec(declared) if declared else None)


# --------------------------------------------------------------------------- charset detection

# A valid UTF-8 sequence of two to four bytes (no overlong forms, no surrogates).
UTF8_MULTIBYTE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
ASCII_BYTES = bytes(range(128))
# Bytes windows-1252 leaves undefined: browsers read them as C1 controls, Python's cp1252 refuses.
CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"
# The legacy charset browsers fall back to for a page in each language (the WHATWG HTML
# standard's locale defaults); windows-1252 for every other language.
LEGACY_CHARSETS = {
    "ar": "cp1256", "fa": "cp1256", "he": "cp1255", "el": "iso8859-7", "tr": "cp1254",
    "ku": "cp1254", "th": "cp874", "vi": "cp1258", "lt": "cp1257", "lv": "cp1257", "et": "cp1257",
    "cs": "cp1250", "sk": "cp1250", "hr": "cp1250", "hu": "iso8859-2", "pl": "iso8859-2",
    "sl": "iso8859-2", "ru": "cp1251", "uk": "cp1251", "be": "cp1251", "bg": "cp1251",
    "mk": "cp1251", "sr": "cp1251", "kk": "cp1251", "ky": "cp1251", "tg": "cp1251", "tt": "cp1251",
    "ba": "cp1251", "sah": "cp1251", "ja": "cp932", "ko": "cp949", "zh": "gb18030",
    "zh-tw": "big5hkscs", "zh-hk": "big5hkscs",
}  # fmt: skip
LANG_RE = re.compile(rb"""<html\b[^>]*?\blang\s*=\s*["']?\s*([a-z]{2,3})(?:[-_]([a-z]{2,4}))?""", re.I)
# How much more "chaos" (charset-normalizer's measure of implausible characters) the page's
# legacy charset may show than the detector's best guess and still be preferred: short texts
# give near-ties (French in cp1250 vs cp1252), where the page's language is the better guide.
CHAOS_MARGIN = 0.05


def _ascii_compatible(codec: str) -> bool:
    try:
        return "<a =/>".encode(codec) == b"<a =/>"
    except (UnicodeError, LookupError):
        return False


def _strictly_decodes(body: bytes, codec: str) -> bool:
    if codec == "cp1252":
        body = body.translate(None, CP1252_UNDEFINED)
    try:
        body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _mostly_utf8(body: bytes) -> bool:
    """True when valid UTF-8 sequences outnumber the bytes that are not UTF-8 (a few broken ones)."""
    sequences = UTF8_MULTIBYTE_RE.findall(body)
    non_ascii = len(body.translate(None, ASCII_BYTES))
    invalid = non_ascii - sum(len(seq) for seq in sequences)
    return len(sequences) > invalid


def _charset_that_fits(body: bytes, codec: str, text: str) -> str | None:
    """A better charset than ``codec`` (declared, or the UTF-8 default) for ``body``, or None.

    - Valid UTF-8 with multibyte sequences, declared as another ASCII-compatible charset
      (UTF-8 declared Latin-1: "seÃ±ores"), is UTF-8: other charsets' text is practically
      never valid UTF-8.
    - Bytes ``codec`` cannot decode (Latin-1 declared UTF-8: "se\ufffdores") go to detection,
      except a UTF-8 page with a few broken bytes among many good sequences, which stays UTF-8.
    """
    if codec != "utf-8" and _ascii_compatible(codec) and not body.isascii():
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return "utf-8"
    if "\ufffd" not in text or _strictly_decodes(body, codec):
        return None
    if codec == "utf-8" and _mostly_utf8(body):
        return None
    return _detect(body)


def _page_language(body: bytes) -> str | None:
    match = LANG_RE.search(body[:8192])
    if match is None:
        return None
    language = match.group(1).decode("ascii").lower()
    region = (match.group(2) or b"").decode("ascii").lower()
    return f"{language}-{region}" if f"{language}-{region}" in LEGACY_CHARSETS else language


def _detect(body: bytes) -> str | None:
    """The charset of bytes that contradict their declaration, by charset-normalizer.

    The legacy charset of the page's language (``<html lang>``; windows-1252 when none is
    given) is preferred when it fits about as well as the detector's best guess.
    """
    best = from_bytes(body).best()
    preferred = LEGACY_CHARSETS.get(_page_language(body) or "", "cp1252")
    fit = from_bytes(body, cp_isolation=[preferred]).best()
    if fit is not None and (best is None or fit.chaos <= best.chaos + CHAOS_MARGIN):
        return preferred
    return best.encoding if best is not None else None


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


# trafilatura's repair runs a regular expression over the whole page for the characters XML
# refuses (INVALID_XML_CHARS: controls, U+FFFE, U+FFFF), about 0.5 ms a page, and few pages
# hold one. In UTF-8 such a control is a byte of its own, so the text's UTF-8 bytes tell it
# in about 0.2 ms (encoding them and deleting those bytes); U+FFFE and U+FFFF are looked for
# in the text (a page of one-byte characters cannot hold them: no search at all).
INVALID_XML_BYTES = bytes(b for b in range(0x80) if INVALID_XML_CHARS.match(chr(b)))
INVALID_XML_WIDE = tuple(c for c in "\ufffe\uffff" if INVALID_XML_CHARS.match(c))


def _source_sha256(function: Any) -> str | None:
    try:
        return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()
    except (OSError, TypeError):  # no source installed
        return None


# The three steps below were read in trafilatura's repair as it is (its source's SHA-256): with
# another repair (another version of trafilatura), it runs on every page, as before.
_REPAIR_CHECKED = "7e68c7a3cb24910c519778bfa3b7132efbdb6e650e79f1fe66905e962d6e1d69"
SKIP_NEEDLESS_REPAIR = _source_sha256(repair_faulty_html) == _REPAIR_CHECKED


def _repair_changes(text: str, beginning: str) -> bool:
    """Whether ``repair_faulty_html(text, beginning)`` may change ``text``: False only when
    none of its three steps can (no character XML refuses; a first line without the doctype
    it cuts and followed by a line end; no self-closing ``<html/>`` in the first lines), and
    always True when the repair is not the one read (``SKIP_NEEDLESS_REPAIR``)."""
    if not SKIP_NEEDLESS_REPAIR:
        return True
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, INVALID_XML_BYTES)) != len(data) or any(c in text for c in INVALID_XML_WIDE):
        return True
    if "doctype" in beginning:
        end = text.find("\n")
        if end < 0 or DOCTYPE_TAG.search(text[:end]):
            return True
    return any("<html" in line and line.endswith("/>") for line in text[:4096].splitlines()[:4])


def load_html(text: str) -> HtmlElement | None:
    """``trafilatura.utils.load_html`` for a decoded page, with :data:`HTML_PARSER`.

    The same steps: repair what libxml2 chokes on, parse the string (as bytes when lxml
    refuses it), reject a page that has no ``html`` in its first 50 characters and parses
    to fewer than two top elements.
    """
    beginning = text[:50].lower()
    dubious = is_dubious_html(beginning)
    if _repair_changes(text, beginning):
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
