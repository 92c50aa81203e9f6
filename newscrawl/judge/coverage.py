"""How many articles did the discovery channels miss? Capture-recapture estimators.

Each discovery channel (a feed, a sitemap, section pages, GDELT, ...) is a "list"; each
article is a capture history (which channels found it). From the overlaps the estimators
guess the articles no channel found, as ecologists count fish and web-size studies counted
pages (``docs/coverage.md`` explains the numbers and their assumptions):

- :func:`chapman`: two channel groups (Chapman 1951), variance after Seber (1982, p. 60),
  Chao's (1987) log-transformed 95% interval, whose lower end is never below what was seen;
- :func:`chao_lower_bound`: Chao's (1987) lower bound from the articles found by exactly one
  and exactly two channels, bias-corrected, robust to unequal catchability;
- :func:`loglinear`: a Poisson log-linear model over the K channels (Fienberg 1972) with
  pairwise dependence terms added by an information criterion (statsmodels GLM), the unseen
  cell ``exp(intercept)``, and an interval from the intercept's profile likelihood.

Each returns an :class:`Estimate` (observed, estimated total, completeness and interval), or
one with ``total`` None and a flag saying why there is too little overlap to estimate.
Plain Python: no store, no Scrapy.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Estimate",
    "capture_counts",
    "chao_lower_bound",
    "chapman",
    "frequency_counts",
    "log_interval",
    "loglinear",
]

Z95 = 1.959963984540054  # the standard normal's 97.5% quantile
FEW_RECAPTURES = 10  # Chapman with fewer articles found by both groups is flagged (Seber 1982)


@dataclass
class Estimate:
    """One estimate of how many articles there were, of which ``observed`` were found."""

    method: str
    observed: int
    total: float | None = None  # None: too little overlap to estimate
    low: float | None = None  # the 95% interval of the total
    high: float | None = None
    flags: list[str] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def completeness(self) -> float | None:
        """Share of the estimated total that was found (1.0 when nothing was seen or missed)."""
        return _share(self.observed, self.total)

    @property
    def completeness_interval(self) -> tuple[float | None, float | None]:
        """The 95% interval of the completeness: the total's interval inverted."""
        return _share(self.observed, self.high), _share(self.observed, self.low)

    def as_dict(self) -> dict[str, Any]:
        low, high = self.completeness_interval
        return {
            "method": self.method, "observed": self.observed, "total": _round(self.total),
            "low": _round(self.low), "high": _round(self.high),
            "completeness": _round(self.completeness, 4), "completeness_low": _round(low, 4),
            "completeness_high": _round(high, 4), "flags": list(self.flags), "detail": self.detail,
        }


def _share(observed: int, total: float | None) -> float | None:
    if total is None or math.isinf(total):
        return None if total is None else 0.0
    if total <= 0:
        return 1.0
    return min(1.0, observed / total)


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None or math.isinf(value) else round(value, digits)


def log_interval(observed: int, total: float, variance: float) -> tuple[float, float]:
    """Chao's (1987) log-transformed 95% interval of a population size.

    The unseen part ``f0 = total - observed`` is taken as log-normal:
    ``C = exp(1.96 * sqrt(ln(1 + var / f0**2)))`` and the interval is
    ``[observed + f0 / C, observed + f0 * C]``, so its lower end is never below ``observed``.
    """
    f0 = total - observed
    if f0 <= 0 or variance <= 0:
        return float(observed), float(max(total, observed))
    c = math.exp(Z95 * math.sqrt(math.log(1 + variance / f0**2)))
    return observed + f0 / c, observed + f0 * c


# -- two channel groups ---------------------------------------------------------------------------


def chapman(n1: int, n2: int, m: int) -> Estimate:
    """Chapman's (1951) estimator for two lists of ``n1`` and ``n2`` articles, ``m`` on both.

    ``N = (n1 + 1)(n2 + 1) / (m + 1) - 1``, nearly unbiased when ``n1 + n2 >= N`` (it stays
    finite at ``m = 0``, unlike Lincoln-Petersen's ``n1 n2 / m``); its variance (Seber 1982,
    eq. 3.6) is ``(n1 + 1)(n2 + 1)(n1 - m)(n2 - m) / ((m + 1)^2 (m + 2))``. Both assume the two
    lists are independent and every article equally likely to be on each.
    """
    if min(n1, n2, m) < 0 or m > min(n1, n2):
        raise ValueError(f"impossible counts: n1={n1}, n2={n2}, m={m}")
    observed = n1 + n2 - m
    estimate = Estimate("chapman", observed, detail={"n1": n1, "n2": n2, "m": m})
    if n1 == 0 or n2 == 0:
        estimate.flags.append("too little overlap to estimate: one group found nothing")
        return estimate
    total = (n1 + 1) * (n2 + 1) / (m + 1) - 1
    variance = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))
    estimate.total = max(total, float(observed))
    estimate.low, estimate.high = log_interval(observed, estimate.total, variance)
    estimate.detail["variance"] = round(variance, 3)
    if m == 0:
        estimate.flags.append("too little overlap to estimate: no article found by both groups")
    elif m < FEW_RECAPTURES:
        estimate.flags.append(f"few articles found by both groups (m={m} < {FEW_RECAPTURES})")
    return estimate


# -- heterogeneity: Chao's lower bound ------------------------------------------------------------


def frequency_counts(histories: Mapping[tuple[int, ...], int]) -> Counter[int]:
    """``f_k``: how many articles were found by exactly ``k`` channels."""
    counts: Counter[int] = Counter()
    for history, n in histories.items():
        if any(history):
            counts[sum(history)] += n
    return counts


def chao_lower_bound(f: Mapping[int, int], lists: int) -> Estimate:
    """Chao's (1987) lower bound of the population size, bias-corrected.

    ``f[k]`` articles were found by exactly ``k`` of ``lists`` channels. With ``A = (t-1)/t``
    the total is ``S + A f1 (f1 - 1) / (2 (f2 + 1))`` (Chao 2005; it tends to Chao's
    ``S + f1^2 / (2 f2)`` for large counts) and, for ``f2 > 0``, its variance is
    ``f2 [A/2 (f1/f2)^2 + A^2 (f1/f2)^3 + A^2/4 (f1/f2)^4]`` (Chao 1987, eq. 2.8 with the
    factor A of Chao et al. 2014), with the same log interval as Chapman's. A lower bound:
    robust to unequal catchability, not to dependent channels.
    """
    if lists < 2:
        raise ValueError("Chao's lower bound needs at least two channels")
    observed = sum(n for k, n in f.items() if k > 0)
    f1, f2 = f.get(1, 0), f.get(2, 0)
    a = (lists - 1) / lists
    estimate = Estimate("chao", observed, detail={"f1": f1, "f2": f2, "channels": lists})
    if observed == 0:
        estimate.flags.append("too little overlap to estimate: nothing was found")
        return estimate
    total = observed + a * f1 * (f1 - 1) / (2 * (f2 + 1))
    if f2 > 0:
        r = f1 / f2
        variance = f2 * (a / 2 * r**2 + a**2 * r**3 + a**2 / 4 * r**4)
    else:  # Chao et al. (2014, SpadeR) for f2 = 0
        variance = (a * f1 * (f1 - 1) / 2 + a**2 * f1 * (2 * f1 - 1) ** 2 / 4
                    - a**2 * f1**4 / (4 * total))
        estimate.flags.append("no article found by exactly two channels (f2=0)")
    estimate.total = total
    estimate.low, estimate.high = log_interval(observed, total, max(variance, 0.0))
    estimate.detail["variance"] = round(variance, 3)
    return estimate


# -- K channels: log-linear models ----------------------------------------------------------------


def capture_counts(
    found: Iterable[Iterable[str]], channels: Sequence[str]
) -> dict[tuple[int, ...], int]:
    """Capture histories: for each article (the set of channels that found it), one 0/1 tuple
    over ``channels``; returns how many articles have each non-empty history."""
    index = {name: i for i, name in enumerate(channels)}
    counts: Counter[tuple[int, ...]] = Counter()
    for names in found:
        history = [0] * len(channels)
        for name in names:
            if name in index:
                history[index[name]] = 1
        if any(history):
            counts[tuple(history)] += 1
    return dict(counts)


def _design(cells: list[tuple[int, ...]], pairs: Sequence[tuple[int, int]]) -> Any:
    import numpy as np

    k = len(cells[0])
    columns = [[1.0] * len(cells)]
    columns += [[float(c[i]) for c in cells] for i in range(k)]
    columns += [[float(c[i] * c[j]) for c in cells] for i, j in pairs]
    return np.array(columns).T


def _fit(y: Any, cells: list[tuple[int, ...]], pairs: Sequence[tuple[int, int]]) -> Any | None:
    """The Poisson GLM of the observed cells, or None when the MLE does not exist (it does not
    converge, or a term runs off to infinity, as it does when a margin it needs is empty)."""
    import warnings

    import statsmodels.api as sm

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = sm.GLM(y, _design(cells, pairs), family=sm.families.Poisson()).fit()
        except Exception:  # PerfectSeparation, singular matrices, overflow
            return None
    params = result.params
    if not result.converged or not all(math.isfinite(p) and abs(p) < 25 for p in params):
        return None
    return result


def _criterion(result: Any, n_cells: int, criterion: str) -> float:
    parameters = len(result.params)
    penalty = 2 * parameters if criterion == "aic" else parameters * math.log(max(n_cells, 2))
    return result.deviance + penalty  # deviance and -2 log L differ by a constant per table


def loglinear(
    histories: Mapping[tuple[int, ...], int],
    criterion: str = "bic",
    force: Sequence[tuple[int, int]] = (),
    channels: Sequence[str] | None = None,
) -> Estimate:
    """A Poisson log-linear model of the ``2^K - 1`` observed capture histories (Fienberg 1972).

    Starts from independence (``log mu = u + sum u_k x_k``) plus the ``force``d pairs and adds,
    one at a time, the pairwise term ``u_jk x_j x_k`` that lowers ``criterion`` ("bic" or
    "aic") most, while the model keeps fewer parameters than cells. The unseen cell is
    ``N0 = exp(u)`` (the K-way interaction taken as zero). The interval combines the profile
    likelihood's interval for ``u`` (the model held fixed: model-selection uncertainty is not
    in it) with the Poisson variance of the unseen count, in Chao's log interval.
    Channels that found nothing are left out; with fewer than three left the model cannot
    be told from a saturated one and there is too little overlap to estimate.
    """
    if criterion not in ("aic", "bic"):
        raise ValueError("criterion must be 'aic' or 'bic'")
    observed = sum(n for h, n in histories.items() if any(h))
    k_all = len(next(iter(histories))) if histories else 0
    names = list(channels) if channels is not None else [f"c{i}" for i in range(k_all)]
    estimate = Estimate("loglinear", observed, detail={"criterion": criterion})
    active = [i for i in range(k_all) if any(h[i] and n for h, n in histories.items())]
    if len(active) < 3:
        estimate.flags.append("too little overlap to estimate: fewer than three channels found articles")
        return estimate
    if importlib.util.find_spec("statsmodels") is None:
        estimate.flags.append("the log-linear model needs statsmodels: pip install 'newscrawl[coverage]'")
        return estimate
    cells = [c for c in itertools.product((0, 1), repeat=len(active)) if any(c)]
    counts: Counter[tuple[int, ...]] = Counter()
    for h, n in histories.items():
        counts[tuple(h[i] for i in active)] += n
    y = [float(counts.get(c, 0)) for c in cells]
    empty = sum(1 for v in y if v == 0)
    if empty:
        estimate.flags.append(f"{empty} of {len(cells)} capture histories empty")
    remap = {old: new for new, old in enumerate(active)}
    pairs = [(remap[i], remap[j]) for i, j in force if i in remap and j in remap]
    result = _fit(y, cells, pairs)
    if result is None:
        estimate.flags.append("too little overlap to estimate: the model's MLE does not exist")
        return estimate
    best = _criterion(result, len(cells), criterion)
    candidates = [p for p in itertools.combinations(range(len(active)), 2) if p not in pairs]
    while candidates and 1 + len(active) + len(pairs) + 1 <= len(cells) - 1:
        scored = []
        for pair in candidates:
            fitted = _fit(y, cells, [*pairs, pair])
            if fitted is not None:
                scored.append((_criterion(fitted, len(cells), criterion), pair, fitted))
        if not scored:
            break
        score, pair, fitted = min(scored, key=lambda s: s[0])
        if score >= best:
            break
        best, result = score, fitted
        pairs.append(pair)
        candidates.remove(pair)
    u = float(result.params[0])
    unseen = math.exp(u)
    estimate.total = observed + unseen
    low, high = _profile_interval(y, cells, pairs, u, result.deviance, float(result.bse[0]))
    # The interval is for the total, not only for its mean: the unseen count is itself Poisson
    # (independent of the observed cells), so Var(N^ - N) = Var(N0^) + N0. Var(N0^) comes from
    # the profile interval of u (its half-width / 1.96, by the delta method); both go into
    # Chao's log interval, so the lower end stays at or above what was seen.
    se_u = (high - low) / (2 * Z95)
    variance = unseen**2 * se_u**2 + unseen
    estimate.low, estimate.high = log_interval(observed, estimate.total, variance)
    estimate.detail["unseen_interval"] = [round(math.exp(low), 1), round(math.exp(high), 1)]
    estimate.detail.update({
        "dependence": [f"{names[active[i]]}*{names[active[j]]}" for i, j in pairs],
        # exp(u_jk): the odds ratio of a pair of channels listing an article together (>1: dependent)
        "odds_ratios": {f"{names[active[i]]}*{names[active[j]]}": round(math.exp(float(c)), 3)
                        for (i, j), c in zip(pairs, result.params[1 + len(active):], strict=True)},
        "deviance": round(float(result.deviance), 3), "df": len(cells) - len(result.params),
        "channels": [names[i] for i in active],
    })
    if estimate.high - estimate.low > 2 * max(estimate.total, 1):
        estimate.flags.append("very wide interval")
    return estimate


def _profile_interval(
    y: list[float], cells: list[tuple[int, ...]], pairs: Sequence[tuple[int, int]],
    u: float, deviance: float, se: float,
) -> tuple[float, float]:
    """The 95% profile-likelihood interval of the intercept: the values ``u0`` at which the
    model refitted with ``u = u0`` held fixed loses 3.84 (chi-square, 1 df) of deviance.
    Falls back to the Wald interval ``u +- 1.96 se`` where the profile cannot be followed."""
    import warnings

    import numpy as np
    import statsmodels.api as sm
    from scipy.optimize import brentq

    design = _design(cells, pairs)[:, 1:]
    limit = Z95**2

    def excess(u0: float) -> float:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                fitted = sm.GLM(y, design, family=sm.families.Poisson(),
                                offset=np.full(len(y), u0)).fit()
            except Exception:
                return 1e9
        return float(fitted.deviance) - deviance - limit

    bounds = []
    for direction in (-1, 1):
        step = max(se, 0.05)
        edge = u + direction * step
        try:
            for _ in range(40):
                if excess(edge) > 0:
                    break
                step *= 1.6
                edge = u + direction * step
            else:
                raise ValueError("unbounded")
            lo, hi = sorted((u, edge))
            bounds.append(brentq(excess, lo, hi, xtol=1e-4))
        except (ValueError, RuntimeError):
            bounds.append(u + direction * Z95 * se)
    return bounds[0], bounds[1]
