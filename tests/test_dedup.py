"""Text normalization and hashes used for exact-duplicate detection."""

from newscrawl.judge.dedup import normalize_text, text_hash, word_count


def test_hash_ignores_case_punctuation_and_spacing() -> None:
    a = "Tech workers  signed the letter.\n\nICE must go!"
    b = "tech workers signed the letter ICE must go"
    assert normalize_text(a) == normalize_text(b)
    assert text_hash(a) == text_hash(b)


def test_hash_changes_with_words() -> None:
    assert text_hash("tech workers signed") != text_hash("tech workers refused")


def test_word_count() -> None:
    assert word_count("Hello, world: ICE's agents.") == 5


# -- near duplicates ------------------------------------------------------------------------

import pytest  # noqa: E402

from newscrawl.judge.dedup import (  # noqa: E402
    NearDupSettings,
    band_keys,
    estimated_jaccard,
    minhash_signature,
    shingles,
    signature_from_bytes,
    signature_to_bytes,
)

STORY = " ".join(
    f"Sentence {i} of the wire story says that workers at company {i % 7} asked their leaders "
    f"to cancel contract number {i} with the agency and to speak out in public."
    for i in range(40)
)


def test_shingles() -> None:
    assert shingles("a b c", 5) == {b"a b c"}
    assert len(shingles("one two three four five six", 5)) == 2


def test_lightly_edited_copy_is_near_and_unrelated_text_is_not() -> None:
    settings = NearDupSettings()
    edited = "U.S. news. " + STORY + " Distributed by a wire service."
    other = " ".join(f"Unrelated paragraph {i} about weather and a hockey game." for i in range(40))
    a, b, c = (minhash_signature(t, settings) for t in (STORY, edited, other))
    assert estimated_jaccard(a, b) >= settings.threshold
    assert estimated_jaccard(a, c) < 0.2
    shared = set(band_keys(a, settings)) & set(band_keys(b, settings))
    assert shared, "near-duplicates must share an LSH band"
    assert not set(band_keys(a, settings)) & set(band_keys(c, settings))


def test_signature_roundtrip_and_band_count() -> None:
    settings = NearDupSettings(threshold=0.9, num_perm=64)
    signature = minhash_signature(STORY, settings)
    assert len(signature) == 64
    assert (signature_from_bytes(signature_to_bytes(signature)) == signature).all()
    bands, rows = settings.bands
    assert len(band_keys(signature, settings)) == bands and bands * rows <= 64


@pytest.mark.parametrize("kwargs", [{"threshold": 1.5}, {"threshold": 0}, {"num_perm": 4}])
def test_bad_settings(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        NearDupSettings(**kwargs)
