"""newscrawl's MinHash and LSH parameters are datasketch's, value for value.

``newscrawl.judge.dedup`` computes them with numpy alone, so that neither the crawl nor the
extraction workers import datasketch (and with it scipy and redis: ~60 MB of resident memory
in each process). These tests run datasketch itself beside it: the same signatures for the
same items, seed and number of permutations, and the same (bands, rows) for every threshold.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from newscrawl.judge.dedup import NearDupSettings, _lsh_params, minhash_signature, minhash_values, shingles

datasketch = pytest.importorskip("datasketch")
if int(datasketch.__version__.split(".")[0]) < 2:  # the affine32 scheme (and its default) came in 2.0
    pytest.skip("datasketch >= 2.0 compares signatures of its affine32 scheme", allow_module_level=True)

from datasketch import MinHash  # noqa: E402
from datasketch.lsh import _optimal_param  # noqa: E402


def _datasketch_values(items: list[bytes], num_perm: int, seed: int = 1) -> np.ndarray:
    minhash = MinHash(num_perm=num_perm, seed=seed, scheme="affine32")
    minhash.update_batch(items)
    return minhash.hashvalues


@pytest.mark.parametrize("num_perm", [16, 128, 256])
@pytest.mark.parametrize("count", [0, 1, 2, 17, 1000])
def test_signature_is_datasketchs(num_perm: int, count: int) -> None:
    rng = random.Random(num_perm * 1000 + count)
    items = [rng.randbytes(rng.randint(0, 40)) for _ in range(count)]
    ours = minhash_values(items, num_perm)
    theirs = _datasketch_values(items, num_perm)
    assert ours.dtype == theirs.dtype
    assert np.array_equal(ours, theirs)


@pytest.mark.parametrize("seed", [1, 2, 12345])
def test_other_seeds_too(seed: int) -> None:
    items = [f"shingle {i}".encode() for i in range(300)]
    assert np.array_equal(minhash_values(items, 64, seed), _datasketch_values(items, 64, seed))


def test_the_default_scheme_is_datasketchs_default() -> None:
    """A plain MinHash() of the installed datasketch (what newscrawl called before)."""
    text = " ".join(f"word{i % 97} other{i % 13}" for i in range(2000))
    settings = NearDupSettings()
    minhash = MinHash(num_perm=settings.num_perm, seed=1)
    minhash.update_batch(list(shingles(text, settings.shingle_size)))
    assert np.array_equal(minhash_signature(text, settings), minhash.hashvalues)


def test_lsh_parameters_at_the_default() -> None:
    settings = NearDupSettings()
    assert settings.bands == _optimal_param(settings.threshold, settings.num_perm, 0.5, 0.5)


@pytest.mark.slow
@pytest.mark.parametrize("num_perm", [16, 32, 64, 128, 256])
def test_lsh_parameters_everywhere(num_perm: int) -> None:
    for threshold in [t / 100 for t in range(5, 100, 5)] + [0.33, 0.67, 0.85, 0.92]:
        _lsh_params.cache_clear()
        assert _lsh_params(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5), threshold
