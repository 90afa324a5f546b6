"""Dates: a column of values -> timezone-aware UTC timestamps, parsed in one vectorised pass,
with every value that cannot be read one way only set aside as a :class:`DateProblem`.

Rules (the README's "Bad input" lists them too):

- ISO 8601 (``2015-07-20``, ``2015-07-20T10:00:00+03:00``), RFC 2822 and other unambiguous
  forms are read as written; a zone or offset in the value is honoured, a value without one is
  read in ``timezone`` (UTC unless the format says otherwise), and everything is stored in UTC.
- A numeric day/month date (``07/08/2015``, ``7.8.15``) whose first two numbers could both be a
  month reads two ways: with ``dayfirst=None`` it is *ambiguous* (a problem naming both
  readings); ``dayfirst=True`` reads day/month/year and ``dayfirst=False`` month/day/year, and
  then a value that is impossible in that order (``07/25/2015`` with ``dayfirst=True``) is
  *invalid* rather than silently swapped.
- A value needs a year of four digits (or the two-digit year of a numeric date): ``10:00``,
  ``now`` or ``today`` would otherwise become today's date.
- Numbers, lists and other non-text values are invalid (pandas would read ``20150721`` as
  nanoseconds after 1970).

Why partly hand-written: pandas parses each of these forms, but silently: with ``dayfirst=True``
it even reads ISO ``2015-07-08`` as 7 August (pandas 3.1), and it swaps day and month whenever
the requested order is impossible.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: the fast path: what real corpora hold (``2015-07-21 02:51:32``, ``2015-07-21T02:51:32Z``)
_ISO = r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?"
_ISO_NAIVE = re.compile(_ISO)
_ISO_ZONED = re.compile(_ISO + r"(?:Z|[+-]\d{2}:?\d{2})")
_NUMERIC_DAY_MONTH = re.compile(r"\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?!\d)")
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_ZONE = re.compile(r"(?:[zZ]|[+-]\d{2}(?::?\d{2})?|\b(?:UTC|GMT|UT))\s*$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@dataclass(frozen=True)
class DateProblem:
    """A value that was set to NaT: its position in the column, the value and why."""

    position: int
    value: object
    reason: str
    kind: str  # "ambiguous_date" or "invalid_date"


def parse_dates(values, *, dayfirst: bool | None = None,
                timezone: str = "UTC") -> tuple[pd.Series, list[DateProblem]]:
    """Parse ``values`` to UTC timestamps; return them (NaT where empty or unreadable) and the
    problems, in order.

    >>> dates, problems = parse_dates(["2015-07-20", "07/08/2015", "25/07/2015", ""])
    >>> dates.dt.strftime("%Y-%m-%d").tolist()
    ['2015-07-20', nan, '2015-07-25', nan]
    >>> problems[0].kind, problems[0].reason[:69]
    ('ambiguous_date', "ambiguous date '07/08/2015': 7 August 2015 (day first) or 8 July 2015")
    """
    series = pd.Series(values).reset_index(drop=True)
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        return series.dt.tz_convert("UTC"), []
    if pd.api.types.is_datetime64_dtype(series.dtype):
        return _localize(series, timezone)
    fast = _iso_fast_path(series, timezone)
    if fast is not None:
        return fast, []
    return _parse_values(series.tolist(), dayfirst, timezone)


def _iso_fast_path(series: pd.Series, timezone: str) -> pd.Series | None:
    """One ``to_datetime`` when every value is an ISO timestamp, all naive or all with an
    offset; None otherwise."""
    if not len(series) or not all(isinstance(v, str) for v in series.tolist()):
        return None
    strings = series.astype("str")
    if strings.str.fullmatch(_ISO_ZONED.pattern).all():
        parsed = pd.to_datetime(strings, format="ISO8601", utc=True, errors="coerce")
        return None if parsed.isna().any() else parsed.reset_index(drop=True)
    if strings.str.fullmatch(_ISO_NAIVE.pattern).all():
        parsed = pd.to_datetime(strings, format="ISO8601", errors="coerce")
        if parsed.isna().any():  # 2015-13-45: the general path names it
            return None
        localized, problems = _localize(parsed, timezone)
        return None if problems else localized
    return None


def _localize(naive: pd.Series, timezone: str) -> tuple[pd.Series, list[DateProblem]]:
    """Naive timestamps read in ``timezone``, stored in UTC; a local time that does not exist
    or occurs twice (a daylight-saving change) is a problem."""
    local = naive.dt.tz_localize(timezone, ambiguous="NaT", nonexistent="NaT")
    lost = local.isna() & naive.notna()
    problems = [DateProblem(int(i), naive.iloc[i], f"local time {naive.iloc[i]} does not exist "
                            f"or occurs twice in {timezone} (a clock change)", "invalid_date")
                for i in lost.to_numpy().nonzero()[0]]
    return local.dt.tz_convert("UTC").reset_index(drop=True), problems


def _parse_values(values: list, dayfirst: bool | None,
                  timezone: str) -> tuple[pd.Series, list[DateProblem]]:
    """The general path: classify each value, then parse each group in one call."""
    result = pd.Series(pd.NaT, index=range(len(values)), dtype="datetime64[us, UTC]")
    problems: list[DateProblem] = []
    groups: dict[tuple[bool, bool], list[int]] = {}  # (has zone, day first) -> positions
    moments: list[int] = []
    for position, value in enumerate(values):
        if _is_missing(value):
            continue
        if isinstance(value, dt.date | np.datetime64):
            moments.append(position)
            continue
        reason, kind, day_first = _classify(value, dayfirst)
        if reason:
            problems.append(DateProblem(position, value, reason, kind))
            continue
        groups.setdefault((bool(_ZONE.search(value)), day_first), []).append(position)
    for (zoned, day_first), positions in groups.items():
        parsed, failed = _parse_group([values[p] for p in positions], zoned, day_first, timezone)
        result.iloc[positions] = parsed.to_numpy()
        problems += [DateProblem(positions[i], values[positions[i]], reason, "invalid_date")
                     for i, reason in failed]
    for position in moments:
        stamp = pd.Timestamp(values[position])
        result.iloc[position] = (stamp.tz_convert("UTC") if stamp.tzinfo else
                                 stamp.tz_localize(timezone).tz_convert("UTC"))
    return result, sorted(problems, key=lambda p: p.position)


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def _classify(value: object, dayfirst: bool | None) -> tuple[str, str, bool]:
    """``(reason, kind, day_first)``: a reason when the value is set aside before parsing."""
    if not isinstance(value, str):
        return f"not a date: {value!r} ({type(value).__name__}, not text)", "invalid_date", False
    numeric = _NUMERIC_DAY_MONTH.match(value)
    if numeric is None:
        if not _FOUR_DIGIT_YEAR.search(value):
            return f"not a date: {value!r} (no four-digit year)", "invalid_date", False
        return "", "", False
    first, second = int(numeric.group(1)), int(numeric.group(2))
    if dayfirst is None:
        if first <= 12 and second <= 12 and first != second:
            year = _full_year(numeric.group(3))
            return (f"ambiguous date {value!r}: {first} {_MONTHS[second - 1]} {year} (day "
                    f"first) or {second} {_MONTHS[first - 1]} {year} (month first); pass "
                    "dayfirst=True or dayfirst=False", "ambiguous_date", False)
        return "", "", first > 12
    month = second if dayfirst else first
    if month > 12:
        order = "day/month/year (dayfirst=True)" if dayfirst else "month/day/year (dayfirst=False)"
        return f"not a date in {order}: {value!r}", "invalid_date", dayfirst
    return "", "", dayfirst


def _full_year(digits: str) -> str:
    return digits if len(digits) == 4 else f"'{digits}"


def _parse_group(values: list[str], zoned: bool, dayfirst: bool,
                 timezone: str) -> tuple[pd.Series, list[tuple[int, str]]]:
    """Parse strings of one kind; return UTC timestamps and ``(index, reason)`` failures."""
    strings = pd.Series(values, dtype=object)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "could not infer format" and the like
            parsed = pd.to_datetime(strings, format="mixed", dayfirst=dayfirst, utc=zoned,
                                    errors="coerce")
    except (ValueError, TypeError, OverflowError):  # mixed zones the zone pattern missed
        return _parse_each(values, dayfirst, timezone)
    failed = [(int(i), f"not a date: {values[i]!r}")
              for i in (parsed.isna().to_numpy()).nonzero()[0]]
    if not zoned:
        if isinstance(parsed.dtype, pd.DatetimeTZDtype):
            parsed = parsed.dt.tz_convert("UTC")
        else:
            parsed, lost = _localize(parsed, timezone)
            failed += [(p.position, p.reason) for p in lost]
    return parsed.astype("datetime64[us, UTC]"), sorted(failed)


def _parse_each(values: list[str], dayfirst: bool,
                timezone: str) -> tuple[pd.Series, list[tuple[int, str]]]:
    """One value at a time: the slow path, only for columns that mix zones unexpectedly."""
    stamps, failed = [], []
    for index, value in enumerate(values):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                stamp = pd.to_datetime(value, dayfirst=dayfirst)
            stamp = (stamp.tz_convert("UTC") if stamp.tzinfo else
                     stamp.tz_localize(timezone).tz_convert("UTC"))
        except (ValueError, TypeError, OverflowError):
            stamps.append(pd.NaT)
            failed.append((index, f"not a date: {value!r}"))
            continue
        stamps.append(stamp)
    return pd.Series(stamps, dtype="datetime64[us, UTC]"), failed
