"""Duplicate detection: text hashes, MinHash, the duplicate policy (every branch of
``dedup_verdict``) and the dedup stage that applies it."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from newscrawl.judge.dedup import normalize_text, text_hash
from newscrawl.words import word_count


def test_hash_ignores_case_punctuation_and_spacing() -> None:
    a = "Tech workers  signed the letter.\n\nICE must go!"
    b = "tech workers signed the letter ICE must go"
    assert normalize_text(a) == normalize_text(b)
    assert text_hash(a) == text_hash(b)


def test_hash_changes_with_words() -> None:
    assert text_hash("tech workers signed") != text_hash("tech workers refused")


def test_word_count() -> None:
    assert word_count("Hello, world: ICE's agents.") == 5


def test_a_chinese_or_japanese_character_counts_as_a_word() -> None:
    # written without spaces: a paragraph is no longer one or two "words"
    assert word_count("米IT大手の社員ら、ICEとの契約打ち切り求める") == 20  # 18 characters, IT, ICE
    assert word_count("美国科技公司员工") == 8
    assert word_count("미국 빅테크 직원들") == 3  # Korean puts spaces between words


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


def test_a_signature_as_its_blob_gives_the_same_keys_and_similarities() -> None:
    # The crawl's process has each signature as its blob (from the workers and from the store)
    # and works with it in plain Python: the same band keys and estimates as from the values.
    settings = NearDupSettings()
    edited = "U.S. news. " + STORY + " Distributed by a wire service."
    other = " ".join(f"Unrelated paragraph {i} about weather and a hockey game." for i in range(40))
    signatures = [minhash_signature(t, settings) for t in (STORY, edited, other)]
    blobs = [signature_to_bytes(s) for s in signatures]
    assert signature_to_bytes(blobs[0]) is blobs[0]
    for signature, blob in zip(signatures, blobs, strict=True):
        assert band_keys(blob, settings) == band_keys(signature, settings)
        assert band_keys(signature_from_bytes(blob), settings) == band_keys(signature, settings)
    for i in range(3):
        for j in range(3):
            values = estimated_jaccard(signatures[i], signatures[j])
            assert estimated_jaccard(blobs[i], blobs[j]) == values
            assert estimated_jaccard(signatures[i], blobs[j]) == values
    assert estimated_jaccard(blobs[0], blobs[1]) >= settings.threshold > estimated_jaccard(blobs[0], blobs[2])


@pytest.mark.parametrize("kwargs", [{"threshold": 1.5}, {"threshold": 0}, {"num_perm": 4}])
def test_bad_settings(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        NearDupSettings(**kwargs)


# -- the duplicate policy: dedup_verdict decides from the rows it is given ----------------------

import numpy as np  # noqa: E402

from newscrawl.items import Article  # noqa: E402
from newscrawl.judge.dedup import (  # noqa: E402
    DUPLICATE,
    NEW,
    SAME_ARTICLE,
    SYNDICATED,
    Verdict,
    dedup_verdict,
)

URL = "https://ledger.example/2026/01/05/story.html"
AMP = "https://ledger.example/2026/01/05/story.html?outputType=amp"
SIGNATURE = np.arange(100, dtype=np.uint64)


def _draft(title: str = "Council votes", text: str = "The council voted on the ICE contract.",
           outlet: str = "ledger") -> Article:
    return Article(url=URL, outlet=outlet, title=title, text=text)


def _stored(article_id: int = 7, *, fetched_url: str | None = URL, title: str = "Council votes",
            text: str = "The council voted on the ICE contract.") -> dict:
    return {"id": article_id, "outlet": "ledger", "cluster_id": article_id, "text_hash": text_hash(text),
            "fetched_url": fetched_url, "title": title}


def _copy(article_id: int, outlet: str, cluster_id: int | None = None) -> dict:
    return {"id": article_id, "outlet": outlet, "cluster_id": cluster_id or article_id,
            "url": f"https://{outlet}.example/{article_id}"}


def _near(article_id: int, outlet: str, equal: int, cluster_id: int | None = None) -> dict:
    """A candidate whose signature shares ``equal`` of SIGNATURE's 100 values."""
    signature = SIGNATURE.copy()
    signature[equal:] += 1000
    return {**_copy(article_id, outlet, cluster_id), "signature": signature_to_bytes(signature)}


def _verdict(article: Article | None = None, fetched_url: str = URL, **rows: object) -> Verdict:
    return dedup_verdict(article or _draft(), fetched_url=fetched_url, signature=SIGNATURE,
                         threshold=0.6, **rows)


def test_nothing_stored_alike_is_new() -> None:
    assert _verdict() == Verdict(NEW)


def test_own_page_seen_again_unchanged_changed_or_reextracted() -> None:
    unchanged = _verdict(by_url=_stored())
    assert unchanged == Verdict(SAME_ARTICLE, "seen again, unchanged", 7, revisit="unchanged")
    changed_title = _verdict(_draft(title="Council approves"), by_url=_stored())
    assert changed_title == Verdict(SAME_ARTICLE, "seen again, changed", 7, revisit="changed")
    changed_text = _verdict(_draft(text="The council approved the ICE contract, 7 to 2."), by_url=_stored())
    assert changed_text.revisit == "changed"
    refreshed = dedup_verdict(_draft(), fetched_url=URL, by_url=_stored(), from_archive=True)
    assert refreshed == Verdict(SAME_ARTICLE, "re-extracted", 7, revisit="refreshed")


def test_the_text_hash_ignores_punctuation_and_case_when_comparing_a_revisit() -> None:
    verdict = _verdict(_draft(text="the COUNCIL voted on the ICE contract"), by_url=_stored())
    assert verdict.revisit == "unchanged"


def test_own_page_of_an_article_stored_without_a_fetched_url() -> None:
    assert _verdict(by_url=_stored(fetched_url=None)).revisit == "unchanged"


def test_canonical_page_after_a_variant_takes_the_article_over() -> None:
    verdict = _verdict(by_url=_stored(fetched_url=AMP))
    assert verdict == Verdict(SAME_ARTICLE, "canonical page of article 7", 7, supersedes=AMP)


def test_another_url_with_the_same_canonical_url_is_a_duplicate() -> None:
    verdict = _verdict(fetched_url=AMP, by_url=_stored())
    assert verdict == Verdict(DUPLICATE, f"same canonical URL as article 7 ({URL})", 7)


def test_same_url_decides_before_text() -> None:
    verdict = _verdict(by_url=_stored(), by_hash=[_copy(3, "ledger")],
                       near_candidates=[_near(4, "ledger", 100)])
    assert verdict.kind == SAME_ARTICLE and verdict.article_id == 7


def test_same_text_at_the_same_outlet_is_a_duplicate() -> None:
    verdict = _verdict(by_hash=[_copy(3, "weekly"), _copy(5, "ledger")])
    assert verdict == Verdict(DUPLICATE, "same text as article 5 (https://ledger.example/5)", 5)


def test_same_text_at_another_outlet_joins_the_first_copys_cluster() -> None:
    verdict = _verdict(by_hash=[_copy(3, "weekly", cluster_id=2), _copy(5, "daily")],
                       near_candidates=[_near(4, "ledger", 100)])
    assert verdict == Verdict(SYNDICATED, cluster_id=2), "near candidates are not consulted"


def test_nearly_the_same_text_at_the_same_outlet_is_a_duplicate() -> None:
    verdict = _verdict(near_candidates=[_near(4, "ledger", 80)])
    assert verdict == Verdict(DUPLICATE, "near-duplicate (0.80) of article 4 (https://ledger.example/4)", 4)


def test_nearly_the_same_text_at_another_outlet_is_syndication() -> None:
    candidates = [_near(3, "weekly", 40), _near(4, "daily", 70, cluster_id=1), _near(6, "weekly", 90)]
    # the copy is near copies of two clusters (1 and 6): one story, the second folded into the first
    assert _verdict(near_candidates=candidates) == Verdict(SYNDICATED, cluster_id=1, merges=(6,))


def test_a_copy_near_two_clusters_joins_them_into_the_lowest() -> None:
    candidates = [_near(3, "weekly", 90, cluster_id=3), _near(4, "daily", 70, cluster_id=2),
                  _near(5, "courier", 80, cluster_id=3)]
    assert _verdict(near_candidates=candidates) == Verdict(SYNDICATED, cluster_id=2, merges=(3,))
    one = [_near(3, "weekly", 90, cluster_id=2), _near(4, "daily", 70, cluster_id=2)]
    assert _verdict(near_candidates=one) == Verdict(SYNDICATED, cluster_id=2)


def test_a_same_outlet_near_duplicate_wins_over_an_earlier_syndicated_one() -> None:
    candidates = [_near(3, "weekly", 90), _near(4, "ledger", 60)]
    assert _verdict(near_candidates=candidates).kind == DUPLICATE


def test_candidates_below_the_threshold_are_ignored() -> None:
    assert _verdict(near_candidates=[_near(3, "ledger", 59), _near(4, "weekly", 10)]) == Verdict(NEW)


def test_a_first_copy_without_cluster_passes_the_cluster_on_to_the_next() -> None:
    unclustered = {**_near(3, "weekly", 90), "cluster_id": None}
    verdict = _verdict(near_candidates=[unclustered, _near(4, "daily", 80, cluster_id=2)])
    assert verdict == Verdict(SYNDICATED, cluster_id=2)


# -- the dedup stage: looks the rows up in the crawl's store and applies the verdict -------------

from scrapy.utils.misc import build_from_crawler  # noqa: E402
from scrapy.utils.test import get_crawler  # noqa: E402

from newscrawl.config import Outlet  # noqa: E402
from newscrawl.items import ExtractedArticle, FetchedPage  # noqa: E402
from newscrawl.pipelines.crawlstore import crawl_store  # noqa: E402
from newscrawl.pipelines.dedup import DedupPipeline  # noqa: E402


@pytest.fixture
def pipeline(tmp_path: Path) -> Iterator[DedupPipeline]:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_DB": str(tmp_path / "news.db")})
    store = crawl_store(crawler)
    outlets = [Outlet(slug=s, name=s, homepage=f"https://{s}.example/", domain=f"{s}.example")
               for s in ("ledger", "weekly")]
    store.upsert_outlets(outlet.to_row() for outlet in outlets)
    yield build_from_crawler(DedupPipeline, crawler)
    store.close()


def _item(url: str, outlet: str, text: str = STORY) -> FetchedPage:
    item = FetchedPage(url=url, outlet=outlet, discovered_via="feed", fetched_at=datetime.now(UTC))
    item.extracted = ExtractedArticle(title="Wire story", text=text)
    item.article = Article(url=url, outlet=outlet, title="Wire story", text=text, fetched_url=url)
    return item


def _stored_item(pipeline: DedupPipeline, item: FetchedPage) -> FetchedPage:
    """Dedup the item, then store it when it stays undecided (as the store stage would)."""
    item = pipeline.process_item(item)
    if not item.decided:
        store = crawl_store(pipeline.crawler)
        item.article_id = store.insert_article(item.article, None)
        store.add_minhash(item.article_id, signature_to_bytes(item.minhash), item.band_keys)
    return item


def test_the_stage_applies_new_duplicate_syndicated_and_seen_again(pipeline: DedupPipeline) -> None:
    first = _stored_item(pipeline, _item("https://ledger.example/a", "ledger"))
    assert not first.decided and first.article.text_hash == text_hash(STORY) and first.band_keys
    copy = _stored_item(pipeline, _item("https://ledger.example/b", "ledger"))
    assert (copy.verdict, copy.article_id) == ("duplicate", first.article_id)
    wire = _stored_item(pipeline, _item("https://weekly.example/a", "weekly", "By the Wire. " + STORY))
    assert not wire.decided and wire.article.cluster_id == first.article_id
    again = _stored_item(pipeline, _item("https://ledger.example/a", "ledger"))
    assert (again.verdict, again.revisit, again.article_id) == ("article", "unchanged", first.article_id)


def test_storing_a_copy_that_links_two_clusters_folds_them_into_one(pipeline: DedupPipeline) -> None:
    """The copies of one story stored as two clusters (the two furthest apart first) become one
    when a copy near both is stored: its ``merges`` fold into its ``cluster_id``."""
    store = crawl_store(pipeline.crawler)

    def insert(name: str, outlet: str, **fields: object) -> int:
        url = f"https://{outlet}.example/{name}"
        return store.insert_article(Article(url=url, outlet=outlet, title=name, text=name, **fields), None)

    a = insert("a", "ledger")
    b = insert("b", "weekly")
    c = insert("c", "weekly", cluster_id=b)
    d = insert("d", "ledger", cluster_id=a, merges=(b,))
    rows = dict(store.conn.execute("SELECT id, cluster_id FROM articles").fetchall())
    assert rows == {a: a, b: a, c: a, d: a}
