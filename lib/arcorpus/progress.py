"""Progress bars: every long-running step of the kit shows one, the same way.

``progress=None`` (the default everywhere) shows a bar only when the step runs for more than
:data:`DELAY` seconds (tqdm's ``delay``), so quick calls stay quiet in a notebook;
``progress=True`` shows it at once, ``progress=False`` never.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm.auto import tqdm

T = TypeVar("T")
#: seconds a step runs before its bar appears (with ``progress=None``)
DELAY = 2.0


def progress_bar(items: Iterable[T], *, desc: str, unit: str = "it", total: int | None = None,
                 enabled: bool | None = None) -> Iterator[T]:
    """Iterate ``items`` with a progress bar (see the module docs for ``enabled``).

    >>> list(progress_bar(range(3), desc="demo", enabled=False))
    [0, 1, 2]
    """
    if enabled is False:
        return iter(items)
    return iter(tqdm(items, desc=desc, unit=unit, total=total,
                     delay=0 if enabled else DELAY, leave=False, dynamic_ncols=True))
