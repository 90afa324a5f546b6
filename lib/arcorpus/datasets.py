"""Opt-in downloaders for public Arabic news corpora, in the manner of scikit-learn's ``fetch_*``.

Nothing in the kit calls these by itself: the main job and the tests work offline. A user who
is online calls, once::

    from arcorpus.datasets import fetch_saudinewsnet
    corpus = fetch_saudinewsnet()          # downloads ~31 MB into ~/arcorpus_data, then loads

Files are verified against SHA-256 checksums and written atomically into the cache; a second
call reads the cache without touching the network.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np

from .corpus import Corpus, load_saudinewsnet
from .corpus.documents import Document, sha256_text
from .io import atomic_write

SAUDINEWSNET_URL = "https://raw.githubusercontent.com/inparallel/SaudiNewsNet/master/dataset/"
SAUDINEWSNET_LICENCE = "CC BY-NC-SA 4.0 (research only; article copyright stays with the papers)"

#: file date -> (sha256, size in bytes) of the published ``dataset/YYYY-MM-DD.zip`` files.
SAUDINEWSNET_FILES: dict[str, tuple[str, int]] = {
    "2015-07-21": ("7a413b5e1548ad38ca756cdf33c2d5aca1e2c7772a8b8b15679d771f5f6ba29c", 3424655),
    "2015-07-22": ("09156f62f372b14e37c8bd0fd44eab3a9e1184d9ed96c2891174f3ee9534052f", 1977389),
    "2015-07-23": ("41a805d15e45fc8919d6ec6f3a577798a778568ce668224091ac434820ae8858", 1125337),
    "2015-07-24": ("844ceef1647ca7a3ef843e5c33959e36c538a49697739da15e2227877ad1ba99", 1819510),
    "2015-07-25": ("62fb91f52d3b93dc8f89845e8c23e2650b1f8fe10e0c60378da8a2ad24b81911", 1441295),
    "2015-07-26": ("53d360aa514cc6ca436899f7aeb5bb5f6ee2fc58a3ef40bad243b62c2c88cde2", 1381348),
    "2015-07-27": ("b4fe93e9015451d4648146940f6e8e3bf643330ecbbc666b3ad430b995ddad0a", 1288236),
    "2015-07-31": ("d4933c2c06090dc70796f44af5d8e59f4a45f0c0a13d5a1841a76b935615c26a", 2062545),
    "2015-08-01": ("c4330bd9d685aa8fe1c70171c2c3e265dd5a21f5109c10ca8e3d0a92a81b2354", 1187426),
    "2015-08-02": ("b8cfb39bf0ea66ed282a8f88b5deefd0cf234ff8a57f763621f333b5f7be5c9b", 1229022),
    "2015-08-03": ("c17a6e0eedc6c30d30fdfb9c3a86c42670ee893c23fe2096f5cb5f2ffc18fcd6", 1253376),
    "2015-08-04": ("a0b7a5e4da847133bd0e943012299e867102c9572529574636976dafb6a03c69", 1233914),
    "2015-08-06": ("b731d37ae21ae14bc43660ed6679bdabc7d036796989f5750a55d990b1881dc8", 2793745),
    "2015-08-07": ("6ae3fbb6387038c0fa174c35a2d37dbb8b29f656a56866ca22ca50254809514f", 1385371),
    "2015-08-08": ("880c650edd04155a888d8d6b81d873b2742ac91e08429acd9fcdd41d733d29af", 1297024),
    "2015-08-09": ("fa9302785d72810263d6d14e2fe7cb8f7ba19e72426740b8b86a33b8d06a420f", 1194371),
    "2015-08-10": ("616411ca4b63fa255089f3cafd196cded1cf69c4e5dd7adefc9d446070e0370c", 1480985),
    "2015-08-11": ("7d3362d4fd07ec2194af70e79745a20ccbcfa57033267615591c2f9dcf40d2ec", 1438617),
}


class DownloadError(RuntimeError):
    """A dataset could not be fetched or failed its checksum."""


def get_data_home(data_home: str | os.PathLike | None = None) -> Path:
    """The cache folder: ``data_home``, else ``$ARCORPUS_DATA``, else ``~/arcorpus_data``."""
    if data_home is None:
        data_home = os.environ.get("ARCORPUS_DATA", Path.home() / "arcorpus_data")
    path = Path(data_home).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_file(url: str, target: Path, sha256: str | None, *, timeout: float = 60) -> Path:
    """Download ``url`` to ``target`` (atomically) unless a verified copy is already there."""
    if target.exists() and (sha256 is None or _sha256(target) == sha256):
        return target
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, \
                atomic_write(target) as handle:
            shutil.copyfileobj(response, handle)
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DownloadError(
            f"cannot download {url}: {reason}. Are you offline? You can also put the file "
            f"there by hand: {target}") from None
    if sha256 is not None and (actual := _sha256(target)) != sha256:
        target.unlink()
        raise DownloadError(f"{url}: checksum mismatch (expected sha256 {sha256}, got {actual});"
                            " the download was deleted")
    return target


def fetch_saudinewsnet(
    data_home: str | os.PathLike | None = None,
    *,
    dates: Iterable[str] | None = None,
    base_url: str = SAUDINEWSNET_URL,
    checksums: Mapping[str, tuple[str, int]] | None = SAUDINEWSNET_FILES,
    download_if_missing: bool = True,
    **load_options,
) -> Corpus:
    """Download (once) and load SaudiNewsNet: 31,030 Saudi news articles, July-August 2015.

    Licence: CC BY-NC-SA 4.0, research use only.

    Args:
        data_home: cache folder (see :func:`get_data_home`); files go in ``saudinewsnet/``.
        dates: which daily files (``"2015-07-21"``, ...); all 18 by default.
        base_url: where the ``YYYY-MM-DD.zip`` files are (a ``file://`` URL works too).
        checksums: expected ``date -> (sha256, size)``; ``None`` skips verification.
        download_if_missing: with ``False``, raise instead of downloading.
        **load_options: passed to :func:`~arcorpus.corpus.load_saudinewsnet`.

    Example:
        >>> corpus = fetch_saudinewsnet(dates=["2015-07-21"])  # doctest: +SKIP
    """
    folder = get_data_home(data_home) / "saudinewsnet"
    folder.mkdir(exist_ok=True)
    wanted = list(dates) if dates is not None else list(SAUDINEWSNET_FILES)
    for date in wanted:
        target = folder / f"{date}.zip"
        expected = checksums.get(date) if checksums is not None else None
        if checksums is not None and expected is None:
            raise ValueError(f"unknown SaudiNewsNet file date {date!r}")
        if not target.exists() and not download_if_missing:
            raise DownloadError(f"{target} is missing and download_if_missing=False")
        fetch_file(base_url.rstrip("/") + f"/{date}.zip", target,
                   expected[0] if expected else None)
    return load_saudinewsnet([folder / f"{date}.zip" for date in wanted], **load_options)


# --- resampled corpora: scale tests without shipping or downloading data ----------------------

RESAMPLED_SOURCES = ("Al-Araby Al-Jadeed", "Al-Quds Al-Arabi", "Enab Baladi", "Sabq")
_SYLLABLES = tuple(a + b for a in "ابتجحدرسشصعفقكلمنهوي" for b in "اوي")


def resampled_documents(
    n_paragraphs: int,
    paragraphs: Sequence[str] | None = None,
    *,
    variation: float = 0.15,
    lexicon_size: int = 50_000,
    paragraphs_per_article: tuple[int, int] = (3, 12),
    read_also: float = 0.3,
    random_state: int = 0,
) -> Iterator[Document]:
    """Articles made of ``n_paragraphs`` paragraphs resampled from ``paragraphs`` (the seed
    article's by default), yielded one at a time, so a corpus of any size can be streamed to a
    :func:`~arcorpus.corpus.write_parquet_corpus` or a folder without being held.

    Each paragraph is a copy of a random source paragraph in which a share ``variation`` of the
    words is replaced by made-up words drawn from a Zipf-distributed lexicon of
    ``lexicon_size`` (so the vocabulary grows as in real news, not stuck at the seed's few
    hundred words); a share ``read_also`` of the articles ends with a "read also" boilerplate
    line. Metadata: ``source`` (four outlets), ``date`` (a day of 2015), ``title``, ``url``.
    The same arguments give the same documents.

    >>> docs = list(resampled_documents(30, ["جبهة النصرة في درعا"], random_state=1))
    >>> sum(len(d.text.split("\\n")) for d in docs) >= 30, docs[0].metadata["source"] in \
RESAMPLED_SOURCES
    (True, True)
    """
    if paragraphs is None:
        lines = (Path(__file__).resolve().parents[2] / "corpus" / "articles" /
                 "000_0eee5cfdabd81abf.txt")
        if lines.is_file():
            paragraphs = [p for p in lines.read_text(encoding="utf-8").split("\n") if p.strip()]
        else:  # an installed kit without the repository's corpus folder
            raise ValueError("give the paragraphs to resample")
    source = [p.split() for p in paragraphs if p.strip() and not p.startswith("اقرأ أيضاً")]
    if not source:
        raise ValueError("no paragraphs to resample")
    rng = np.random.default_rng(random_state)
    syllables = np.asarray(_SYLLABLES)
    lexicon = ["".join(rng.choice(syllables, size=rng.integers(2, 5)))
               for _ in range(lexicon_size)]
    weights = 1.0 / np.arange(1, lexicon_size + 1) ** 1.1
    cumulative = np.cumsum(weights / weights.sum())
    low, high = paragraphs_per_article
    made, article = 0, 0
    while made < n_paragraphs:
        count = min(int(rng.integers(low, high + 1)), n_paragraphs - made)
        picks = rng.integers(0, len(source), size=count).tolist()
        words = [word for pick in picks for word in source[pick]]  # the article's, flat
        swap = np.flatnonzero(rng.random(len(words)) < variation)
        new = np.minimum(np.searchsorted(cumulative, rng.random(len(swap))), lexicon_size - 1)
        for position, word in zip(swap.tolist(), new.tolist(), strict=True):
            words[position] = lexicon[word]
        body, first = [], 0
        for pick in picks:
            body.append(" ".join(words[first:first + len(source[pick])]))
            first += len(source[pick])
        if rng.random() < read_also:
            body.append("اقرأ أيضاً: " + " ".join(lexicon[i] for i in
                                                 rng.integers(0, 200, size=4).tolist()))
        text = "\n".join(body)
        day = int(rng.integers(0, 365))
        doc_id = f"r{article:08d}"
        yield Document(doc_id=doc_id, text=text, path=f"resampled/{doc_id}", encoding="utf-8",
                       sha256=sha256_text(text),
                       metadata={"source": RESAMPLED_SOURCES[int(rng.integers(0, 4))],
                                 "date": str(np.datetime64("2015-01-01") + day),
                                 "title": body[0][:40], "url": f"https://example.org/{doc_id}"})
        made += count
        article += 1
