"""Change over time: periods, the intervals (against scipy and a numerical inversion), rates
per period and the trend of terms (a planted trend is found, its interval covers the truth,
the fit agrees with a direct maximisation of the Poisson likelihood)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import brentq, minimize
from scipy.stats import binomtest, poisson

from arcorpus.corpus import load_corpus
from arcorpus.corpus.periods import choose_period, period_starts
from arcorpus.intervals import binomial_interval, poisson_interval
from arcorpus.terms import term_change, term_periods
from arcorpus.terms.change import _poisson_trends

from conftest import CORPUS


def test_period_starts_and_choice():
    dates = pd.Series(pd.to_datetime(["2015-07-20 23:16", "2015-07-26 22:00", "2015-08-11 00:00",
                                      None], utc=True))
    assert period_starts(dates, "W").dt.strftime("%Y-%m-%d").tolist()[:3] == [
        "2015-07-20", "2015-07-20", "2015-08-10"]
    assert period_starts(dates, "M").dt.strftime("%Y-%m-%d").tolist()[:3] == [
        "2015-07-01", "2015-07-01", "2015-08-01"]
    assert period_starts(dates, "D").isna().tolist() == [False, False, False, True]
    assert period_starts(pd.Series(["2015-07-21"]), "D").dt.day.tolist() == [21]  # text parsed
    span = pd.Series(pd.date_range("2015-07-20", "2015-08-11", freq="6h", tz="UTC"))
    assert choose_period(span) == "D"  # 23 days: 4 weeks are too few
    assert choose_period(pd.Series(pd.date_range("2015-01-01", "2015-03-31", freq="D"))) == "W"
    assert choose_period(span, min_periods=4) == "W"
    assert choose_period(pd.Series([pd.NaT, pd.NaT])) is None
    assert choose_period(pd.Series(pd.to_datetime(["2015-07-20 01:00", "2015-07-20 23:00"]))) \
        is None  # one day: no time to study
    with pytest.raises(ValueError, match="freq must be"):
        period_starts(dates, "Y")


def test_the_seed_has_no_time():
    corpus = load_corpus(CORPUS)
    assert choose_period(corpus.articles["date"]) is None


@pytest.mark.parametrize("level", [0.9, 0.95, 0.99])
def test_poisson_interval_inverts_the_poisson_tails(level):
    alpha = 1 - level
    for k in [1, 2, 5, 17, 120]:
        low, high = poisson_interval(k, 1, level=level)
        # the exact limits: P(X >= k | low) = alpha/2 and P(X <= k | high) = alpha/2
        assert low == pytest.approx(brentq(lambda m, k=k: poisson.sf(k - 1, m) - alpha / 2,
                                           1e-9, 10 * k + 10), rel=1e-6)
        assert high == pytest.approx(brentq(lambda m, k=k: poisson.cdf(k, m) - alpha / 2,
                                            1e-9, 10 * k + 20), rel=1e-6)
    low, high = poisson_interval(0, 2, level=level)
    assert low == 0 and high == pytest.approx(-np.log(alpha / 2) / 2)
    with pytest.raises(ValueError):
        poisson_interval(-1, 1)
    with pytest.raises(ValueError, match="level"):
        poisson_interval(1, 1, level=95)


@pytest.mark.parametrize("method", ["wilson", "exact"])
def test_binomial_interval_agrees_with_scipy(method):
    for k, n in [(0, 10), (3, 10), (10, 10), (17, 403), (1, 2)]:
        low, high = binomial_interval(k, n, method=method)
        expected = binomtest(k, n).proportion_ci(0.95, method=method)
        assert (low, high) == pytest.approx((expected.low, expected.high), abs=1e-9)
    assert [x.tolist() for x in binomial_interval([0], [0])] == [[0.0], [1.0]]
    with pytest.raises(ValueError):
        binomial_interval(5, 3)


def planted(seed=0, days=12, slope=0.12):
    """Texts over ``days`` days: a steady background, «هدنة» whose share grows by
    exp(slope) a day, «قصف» steady, «انفجار» in one burst."""
    rng = np.random.default_rng(seed)
    rows = []
    for day in range(days):
        words = ["سوق"] * 400
        words += ["هدنة"] * rng.poisson(20 * np.exp(slope * (day - days / 2)))
        words += ["قصف"] * rng.poisson(25)
        words += ["انفجار"] * (rng.poisson(80) if day == 7 else rng.poisson(2))
        rows.append({"text": " ".join(words),
                     "date": pd.Timestamp("2015-07-20") + pd.Timedelta(days=day)})
    return pd.DataFrame(rows)


def test_term_change_finds_a_planted_trend_and_doubts_a_burst():
    frame = planted()
    table = term_change(frame, by="date", min_count=10).set_index("term")
    truth = 0.12 * 11 / np.log(2)  # log2 change over 11 days
    truce = table.loc["هدنة"]
    assert truce["trend"] == "rising" and truce["ci_low"] < truth < truce["ci_high"]
    assert table.loc["قصف", "trend"] == "uncertain"
    assert table.loc["قصف", "ci_low"] < 0 < table.loc["قصف", "ci_high"]
    burst = table.loc["انفجار"]
    assert burst["dispersion"] > 5 and burst["trend"] == "uncertain"  # one day is not a trend
    assert list(table.columns) == ["count", "periods", "per_10k_first", "per_10k_last",
                                   "log2_change", "ci_low", "ci_high", "p_value", "q_value",
                                   "dispersion", "trend"]
    assert table.index[0] == "هدنة"  # the clearest rise first


def test_trend_fit_is_the_poisson_maximum_likelihood():
    frame = planted(seed=3)
    totals = np.array([len(t.split()) for t in frame["text"]], dtype=float)
    counts = np.array([[t.split().count(w) for t in frame["text"]] for w in ["هدنة", "قصف"]],
                      dtype=float)
    x = np.arange(len(frame), dtype=float)
    slope, variance, _ = _poisson_trends(counts, totals, x)
    for row, b in zip(counts, slope, strict=True):
        def nll(params, row=row):
            mu = totals * np.exp(params[0] + params[1] * (x - x.mean()))
            return (mu - row * np.log(mu)).sum()
        best = minimize(nll, [np.log(row.sum() / totals.sum()), 0.0], method="Nelder-Mead",
                        options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 4000})
        assert b == pytest.approx(best.x[1], abs=1e-5)
    assert (variance > 0).all()


def test_term_change_handles_one_sided_terms_and_checks_its_input():
    frame = pd.DataFrame({"text": ["سوق سوق", "سوق سوق", "سوق هدنة", "سوق هدنة هدنة"],
                          "day": [1, 2, 3, 4]})
    table = term_change(frame, by="day", min_count=1).set_index("term")
    assert np.isfinite(table.loc["هدنة", ["log2_change", "ci_low", "ci_high"]].astype(float)
                       ).all()  # never seen at the start: no finite optimum, still finite
    assert table.loc["هدنة", "log2_change"] > 0
    with pytest.raises(ValueError, match="at least 3 periods"):
        term_change(frame.assign(day=[1, 1, 2, 2]), by="day")
    with pytest.raises(ValueError, match="needs a period"):
        term_change(frame.assign(day=[1, None, 2, 3]), by="day")


def test_term_periods_rates_and_intervals():
    frame = planted()
    table = term_periods(frame, ["الهدنة", "قصف", "موسكو"], by="date")
    assert list(table.columns) == ["date", "term", "count", "total", "per_10k", "per_10k_low",
                                   "per_10k_high"]
    assert len(table) == 12 * 3
    truce = table[table["term"] == "الهدنة"]
    counts = [t.split().count("هدنة") for t in frame["text"]]
    assert truce["count"].tolist() == counts
    assert (truce["total"] == [len(t.split()) for t in frame["text"]]).all()
    assert ((truce["per_10k_low"] <= truce["per_10k"]) &
            (truce["per_10k"] <= truce["per_10k_high"])).all()
    never = table[table["term"] == "موسكو"]
    assert (never["count"] == 0).all() and (never["per_10k_high"] > 0).all()
    top = term_periods(frame, by="date", top_n=2)
    assert set(top["term"]) == {"سوق", "قصف"} or set(top["term"]) == {"سوق", "هدنة"}
    bigram = term_periods(frame.assign(text=frame["text"] + " وقف إطلاق النار"),
                          ["وقف إطلاق النار"], by="date")
    assert (bigram["count"] == 1).all()
