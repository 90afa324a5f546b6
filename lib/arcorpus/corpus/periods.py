"""Periods of time: which period (month, week or day) suits a corpus's span, and the period each
article falls in, so that counts can be grouped by time like any other metadata column.

The period of a date is the start of its calendar month, of its week (weeks start on Monday) or
its day, as a timezone-naive timestamp; dates are taken in UTC, as the loaders store them.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd

from .dates import parse_dates

Period = Literal["M", "W", "D"]
#: the periods, coarse to fine, with their names in prose
PERIODS: dict[str, str] = {"M": "month", "W": "week", "D": "day"}


def _naive(dates) -> pd.Series:
    """``dates`` as naive UTC timestamps, read as the loaders read dates (text is parsed by
    :func:`~arcorpus.corpus.dates.parse_dates`; missing or unreadable values give NaT)."""
    index = dates.index if isinstance(dates, pd.Series) else None
    parsed, _ = parse_dates(dates)
    parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    return parsed.set_axis(index) if index is not None else parsed


def period_starts(dates: pd.Series, freq: Period) -> pd.Series:
    """The start of the period (``"M"`` month, ``"W"`` week from Monday, ``"D"`` day) of each
    date, as naive UTC timestamps; missing dates give NaT.

    >>> dates = pd.Series(pd.to_datetime(["2015-07-21 23:00", "2015-08-02 10:00"], utc=True))
    >>> period_starts(dates, "W").dt.strftime("%Y-%m-%d").tolist()
    ['2015-07-20', '2015-07-27']
    """
    if freq not in PERIODS:
        raise ValueError(f"freq must be one of {list(PERIODS)} (month, week, day), got {freq!r}")
    naive = _naive(dates)
    return naive.dt.to_period(freq).dt.start_time.rename("period")


def choose_period(dates: pd.Series, *, min_periods: int = 6) -> Period | None:
    """The coarsest period that cuts the span of ``dates`` into at least ``min_periods``
    periods: months for a corpus of a year, weeks for a few months, days for a few weeks
    (days in any case when even they are fewer). ``None`` when the dates cover less than two
    days (or there are none): such a corpus has no time to study.

    >>> days = pd.Series(pd.date_range("2015-07-20", "2015-08-11", freq="D", tz="UTC"))
    >>> choose_period(days), choose_period(days[:1])
    ('D', None)
    >>> choose_period(pd.Series(pd.date_range("2014-01-01", "2015-12-31", freq="D")))
    'M'
    """
    naive = _naive(dates).dropna()
    if naive.empty or naive.dt.normalize().nunique() < 2:
        return None
    first, last = naive.min(), naive.max()
    for freq in ("M", "W"):
        if len(pd.period_range(first, last, freq=freq)) >= min_periods:
            return freq  # type: ignore[return-value]
    return "D"
