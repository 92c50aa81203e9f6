"""Text normalization and hashes used for exact-duplicate detection."""

from newscrawl.dedup import normalize_text, text_hash, word_count


def test_hash_ignores_case_punctuation_and_spacing() -> None:
    a = "Tech workers  signed the letter.\n\nICE must go!"
    b = "tech workers signed the letter ICE must go"
    assert normalize_text(a) == normalize_text(b)
    assert text_hash(a) == text_hash(b)


def test_hash_changes_with_words() -> None:
    assert text_hash("tech workers signed") != text_hash("tech workers refused")


def test_word_count() -> None:
    assert word_count("Hello, world: ICE's agents.") == 5
