"""The capture-recapture estimators checked against the published formulas, worked by hand.

References (docs/coverage.md lists them in full):
- Chapman DG (1951) Univ. Calif. Publ. Stat. 1:131 (the estimator);
- Seber GAF (1982) The Estimation of Animal Abundance, 2nd ed., eq. 3.6 (its variance);
- Chao A (1987) Biometrics 43:783, doi:10.2307/2531532 (lower bound, log-transformed interval);
- Chao A et al. (2014) Ecological Monographs 84:45 / SpadeR (the (t-1)/t bias correction);
- Fienberg SE (1972) Biometrika 59:591; Bishop, Fienberg & Holland (1975) Discrete
  Multivariate Analysis, section 6.5 (three lists, all two-way terms: the closed form).
"""

from __future__ import annotations

import itertools
import math

import pytest

from newscrawl.judge.coverage import (
    capture_counts,
    chao_lower_bound,
    chapman,
    frequency_counts,
    log_interval,
    loglinear,
)


def test_chapman_matches_its_formula_and_seber_variance():
    # Lincoln-Petersen's textbook case: 100 marked, 150 caught, 10 of them marked.
    n1, n2, m = 100, 150, 10
    est = chapman(n1, n2, m)
    assert est.total == pytest.approx(101 * 151 / 11 - 1)  # 1385.4545...
    variance = 101 * 151 * 90 * 140 / (11**2 * 12)  # Seber (1982) eq. 3.6
    assert est.detail["variance"] == pytest.approx(variance, abs=1e-3)
    # Chao (1987) log interval by hand: f0 = N - S, C = exp(1.96 sqrt(ln(1 + var/f0^2))).
    seen = n1 + n2 - m
    f0 = est.total - seen
    c = math.exp(1.959964 * math.sqrt(math.log(1 + variance / f0**2)))
    assert est.low == pytest.approx(seen + f0 / c, rel=1e-5)
    assert est.high == pytest.approx(seen + f0 * c, rel=1e-5)
    assert est.observed == 240 and est.completeness == pytest.approx(240 / est.total)
    low, high = est.completeness_interval
    assert low == pytest.approx(240 / est.high) and high == pytest.approx(240 / est.low)
    assert est.flags == []


def test_chapman_says_when_there_is_too_little_overlap():
    assert chapman(30, 40, 0).flags == ["too little overlap to estimate: no article found by both groups"]
    assert chapman(30, 40, 0).total == pytest.approx(31 * 41 - 1)  # finite at m = 0, unlike n1 n2 / m
    assert "m=4 < 10" in chapman(30, 40, 4).flags[0]
    nothing = chapman(0, 40, 0)
    assert nothing.total is None and nothing.completeness is None
    assert "too little overlap" in nothing.flags[0]
    with pytest.raises(ValueError):
        chapman(5, 5, 6)


def test_chapman_of_two_lists_that_agree_completely_is_what_was_seen():
    est = chapman(50, 50, 50)
    assert est.total == pytest.approx(50) and est.completeness == 1.0
    assert (est.low, est.high) == (50, 50)


def test_log_interval_never_goes_below_what_was_seen():
    low, high = log_interval(100, 120.0, 400.0)
    assert 100 < low < 120 < high
    assert log_interval(100, 100.0, 0.0) == (100.0, 100.0)


def test_chao_lower_bound_bias_corrected_with_its_variance():
    f = {1: 50, 2: 20, 3: 5}
    est = chao_lower_bound(f, lists=3)
    a = 2 / 3
    assert est.total == pytest.approx(75 + a * 50 * 49 / (2 * 21))
    r = 50 / 20
    variance = 20 * (a / 2 * r**2 + a**2 * r**3 + a**2 / 4 * r**4)
    assert est.detail["variance"] == pytest.approx(variance, abs=1e-3)
    # With A = 1 and large counts the bias-corrected form approaches Chao's S + f1^2 / (2 f2).
    big = chao_lower_bound({1: 5000, 2: 2000}, lists=1000)
    assert big.total == pytest.approx(7000 + 5000**2 / (2 * 2000), rel=1e-3)


def test_chao_lower_bound_without_doubletons_is_flagged_but_finite():
    est = chao_lower_bound({1: 10, 3: 4}, lists=3)
    assert est.total == pytest.approx(14 + (2 / 3) * 10 * 9 / 2)
    assert "f2=0" in est.flags[0]
    assert est.low >= 14 and est.high > est.total


def test_capture_histories_and_frequencies():
    found = [{"feed"}, {"feed", "gdelt"}, {"sitemap", "feed"}, {"gdelt"}, set(), {"other"}]
    counts = capture_counts(found, ["feed", "sitemap", "gdelt"])
    assert counts == {(1, 0, 0): 1, (1, 0, 1): 1, (1, 1, 0): 1, (0, 0, 1): 1}
    assert frequency_counts(counts) == {1: 2, 2: 2}


def _expected_table(total: float, p: list[float]) -> dict[tuple[int, ...], float]:
    cells = {}
    for history in itertools.product((0, 1), repeat=len(p)):
        value = total
        for x, pi in zip(history, p, strict=True):
            value *= pi if x else 1 - pi
        cells[history] = value
    return cells


def test_loglinear_independence_recovers_an_exact_table():
    # Expected counts of three independent lists: the fit is exact and N0 = N prod(1 - p).
    table = _expected_table(1000, [0.5, 0.4, 0.3])
    observed = {h: n for h, n in table.items() if any(h)}
    est = loglinear(observed)
    assert est.total == pytest.approx(1000, rel=1e-6)
    assert est.detail["dependence"] == []
    assert est.low < 1000 < est.high


def test_loglinear_three_lists_all_pairs_has_the_closed_form():
    # Bishop, Fienberg & Holland (1975) 6.5: with every two-way term (no three-way one),
    # N0 = n100 n010 n001 n111 / (n110 n101 n011).
    y = {(1, 0, 0): 60, (0, 1, 0): 45, (0, 0, 1): 30, (1, 1, 0): 40, (1, 0, 1): 12,
         (0, 1, 1): 9, (1, 1, 1): 11}
    est = loglinear(y, force=[(0, 1), (0, 2), (1, 2)])
    n0 = 60 * 45 * 30 * 11 / (40 * 12 * 9)
    assert est.total == pytest.approx(sum(y.values()) + n0, rel=1e-5)
    assert est.detail["df"] == 0


def test_loglinear_finds_the_dependent_pair():
    # Lists a and b share a source (odds ratio 16), c and d are independent of everything.
    total = 4000
    cells: dict[tuple[int, ...], float] = {}
    for a, b, c, d in itertools.product((0, 1), repeat=4):
        pa = 0.4 if a else 0.6
        pb = (0.8 if b else 0.2) if a else (0.2 if b else 0.8)
        cells[(a, b, c, d)] = total * pa * pb * (0.3 if c else 0.7) * (0.25 if d else 0.75)
    observed = {h: round(n) for h, n in cells.items() if any(h)}
    est = loglinear(observed, channels=["feed", "sitemap", "section", "gdelt"])
    assert est.detail["dependence"] == ["feed*sitemap"]
    # exp(u_jk) is the pair's odds ratio: (0.8 / 0.2) / (0.2 / 0.8) = 16 by construction.
    assert est.detail["odds_ratios"]["feed*sitemap"] == pytest.approx(16, rel=0.02)
    assert est.total == pytest.approx(total, rel=0.01)
    independent = loglinear(observed, criterion="bic", force=[])
    assert independent.total == pytest.approx(est.total)  # selection adds the pair either way


def test_loglinear_says_when_it_cannot_estimate():
    two = loglinear({(1, 0): 5, (0, 1): 4, (1, 1): 3})
    assert two.total is None and "fewer than three channels" in two.flags[0]
    # The third channel found nothing: two channels left.
    assert loglinear({(1, 0, 0): 5, (0, 1, 0): 4, (1, 1, 0): 3}).total is None
    sparse = loglinear({(1, 0, 0): 5, (0, 1, 0): 4, (0, 0, 1): 3})  # no overlaps at all
    assert sparse.total is None or "empty" in " ".join(sparse.flags)
    with pytest.raises(ValueError):
        loglinear({(1, 0, 0): 1}, criterion="cic")
