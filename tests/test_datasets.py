"""The opt-in downloader, exercised against a local file:// URL (tests never go online)."""

from __future__ import annotations

import hashlib

import pytest

from arcorpus.datasets import DownloadError, fetch_saudinewsnet

from test_formats import make_saudinewsnet_zip


@pytest.fixture
def mirror(tmp_path):
    folder = tmp_path / "mirror"
    folder.mkdir()
    path = make_saudinewsnet_zip(folder)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return folder, {"2015-07-21": (sha, path.stat().st_size)}


def test_fetch_downloads_verifies_caches_and_loads(tmp_path, mirror):
    folder, checksums = mirror
    cache = tmp_path / "cache"
    corpus = fetch_saudinewsnet(cache, dates=["2015-07-21"], base_url=folder.as_uri(),
                                checksums=checksums)
    assert (cache / "saudinewsnet" / "2015-07-21.zip").exists()
    assert len(corpus.articles) == 2
    # second call: no network needed, the cache is used (the mirror is gone)
    for f in folder.iterdir():
        f.unlink()
    again = fetch_saudinewsnet(cache, dates=["2015-07-21"], base_url=folder.as_uri(),
                               checksums=checksums)
    assert again.fingerprint() == corpus.fingerprint()


def test_checksum_mismatch_deletes_the_download(tmp_path, mirror):
    folder, _ = mirror
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match="checksum mismatch"):
        fetch_saudinewsnet(cache, dates=["2015-07-21"], base_url=folder.as_uri(),
                           checksums={"2015-07-21": ("0" * 64, 1)})
    assert not (cache / "saudinewsnet" / "2015-07-21.zip").exists()
    assert [p.name for p in (cache / "saudinewsnet").iterdir()] == []


def test_offline_error_is_clear(tmp_path):
    missing = (tmp_path / "nowhere").as_uri()
    with pytest.raises(DownloadError, match=r"cannot download .* Are you offline"):
        fetch_saudinewsnet(tmp_path / "cache", dates=["2015-07-21"], base_url=missing)
    with pytest.raises(DownloadError, match="download_if_missing=False"):
        fetch_saudinewsnet(tmp_path / "cache", dates=["2015-07-21"], download_if_missing=False)
    with pytest.raises(ValueError, match="unknown SaudiNewsNet file date"):
        fetch_saudinewsnet(tmp_path / "cache", dates=["1999-01-01"])
