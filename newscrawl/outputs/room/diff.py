"""How an article changed between two versions: a word-level diff (difflib), as HTML.

Words are compared as written (with their punctuation); a paragraph break counts as a word,
so a moved paragraph boundary shows. Long unchanged stretches are shortened to their first
and last words around an ellipsis, so that the changes are what the eye meets.
"""

from __future__ import annotations

import difflib
import html
import re

__all__ = ["PARAGRAPH", "word_diff", "words"]

PARAGRAPH = "\n\n"
CONTEXT = 12  # unchanged words kept on each side of a change


def words(text: str | None) -> list[str]:
    """The words of ``text`` and its paragraph breaks (a blank line) as :data:`PARAGRAPH`."""
    out: list[str] = []
    for i, paragraph in enumerate(p for p in re.split(r"\n\s*\n", text or "") if p.strip()):
        if i:
            out.append(PARAGRAPH)
        out.extend(paragraph.split())
    return out


def _join(tokens: list[str]) -> str:
    return " ".join("¶" if t == PARAGRAPH else html.escape(t) for t in tokens)


def word_diff(old: str | None, new: str | None, *, context: int = CONTEXT) -> tuple[str, int, int]:
    """HTML of the change from ``old`` to ``new`` (``<del>`` and ``<ins>``; ``¶`` marks a paragraph
    break), and how many words were removed and added."""
    a, b = words(old), words(new)
    out: list[str] = []
    removed = added = 0
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for k, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            same = a[i1:i2]
            head = context if k else 0
            tail = context if k < len(opcodes) - 1 else 0
            if len(same) > head + tail + 4:
                kept = [_join(same[:head])] if head else []
                kept.append('<span class="skip">…</span>')
                if tail:
                    kept.append(_join(same[-tail:]))
                out.append(" ".join(kept))
            else:
                out.append(_join(same))
            continue
        if i2 > i1:
            out.append(f"<del>{_join(a[i1:i2])}</del>")
            removed += i2 - i1
        if j2 > j1:
            out.append(f"<ins>{_join(b[j1:j2])}</ins>")
            added += j2 - j1
    return " ".join(part for part in out if part), removed, added
