"""Confidence intervals for what the kit counts: a count over an exposure (a term's rate per
10,000 terms, a Poisson count) and a share of units (the articles of a month that name an
actor, a binomial proportion). Small periods get the wide intervals they deserve."""

from __future__ import annotations

from typing import Literal

import numpy as np
from scipy.stats import beta, chi2, norm


def _alpha(level: float) -> float:
    if not 0 < level < 1:
        raise ValueError(f"level is a confidence level between 0 and 1, got {level}")
    return 1 - level


def poisson_interval(count, exposure=1, *, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Exact interval for a Poisson rate ``count / exposure`` (Garwood 1936): the limits of
    the mean count are ``χ²(α/2; 2k) / 2`` and ``χ²(1 − α/2; 2k + 2) / 2``, divided by the
    exposure. A zero count has a lower limit of 0 and an upper limit above 0: seeing nothing in
    a small period does not show that the rate is zero.

    Garwood, F. (1936). Fiducial limits for the Poisson distribution. *Biometrika* 28, 437–442.

    >>> low, high = poisson_interval([0, 10], 1)
    >>> low.round(3).tolist(), high.round(3).tolist()
    ([0.0, 4.795], [3.689, 18.39])
    """
    alpha = _alpha(level)
    k, exposure = (np.asarray(x, dtype=float) for x in (count, exposure))
    if (k < 0).any() or (exposure <= 0).any():
        raise ValueError("counts must be >= 0 and exposures > 0")
    with np.errstate(invalid="ignore"):
        low = np.where(k > 0, chi2.ppf(alpha / 2, 2 * k) / 2, 0.0)
    high = chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2
    return low / exposure, high / exposure


def binomial_interval(successes, trials, *, level: float = 0.95,
                      method: Literal["wilson", "exact"] = "wilson") -> tuple[np.ndarray,
                                                                                  np.ndarray]:
    """Interval for a proportion ``successes / trials`` (e.g. the share of a week's articles
    that name an actor): Wilson's score interval (Wilson 1927), which Brown, Cai & DasGupta
    (2001) recommend for small samples, or the exact Clopper–Pearson interval (Clopper &
    Pearson 1934; conservative). Zero trials give the uninformative interval [0, 1].

    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
    *JASA* 22, 209–212. Clopper, C. J. & Pearson, E. S. (1934). The use of confidence or
    fiducial limits illustrated in the case of the binomial. *Biometrika* 26, 404–413. Brown,
    L. D., Cai, T. T. & DasGupta, A. (2001). Interval estimation for a binomial proportion.
    *Statistical Science* 16, 101–133.

    >>> low, high = binomial_interval([0, 5], [10, 10])
    >>> low.round(3).tolist(), high.round(3).tolist()
    ([0.0, 0.237], [0.278, 0.763])
    >>> [x.round(3).tolist() for x in binomial_interval(0, 10, method="exact")]
    [0.0, 0.308]
    """
    # the formulas by hand because scipy's (binomtest(k, n).proportion_ci) take one proportion
    # at a time; tests/test_time.py checks these against scipy's
    alpha = _alpha(level)
    k, n = (np.asarray(x, dtype=float) for x in (successes, trials))
    if (k < 0).any() or (k > n).any():
        raise ValueError("successes must be between 0 and the number of trials")
    if method == "exact":
        with np.errstate(invalid="ignore"):
            low = np.where(k > 0, beta.ppf(alpha / 2, k, n - k + 1), 0.0)
            high = np.where(k < n, beta.ppf(1 - alpha / 2, k + 1, n - k), 1.0)
    elif method == "wilson":
        z = norm.ppf(1 - alpha / 2)
        with np.errstate(invalid="ignore", divide="ignore"):
            p = k / n
            centre = (p + z * z / (2 * n)) / (1 + z * z / n)
            half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        low, high = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    else:
        raise ValueError(f"method must be 'wilson' or 'exact', got {method!r}")
    empty = n == 0
    return np.where(empty, 0.0, low), np.where(empty, 1.0, high)
