"""save_figure writes byte-identical files and a manifest without timestamps, atomically."""

from __future__ import annotations

import json

import matplotlib
import matplotlib.pyplot as plt
import pytest

from arcorpus.plotting import save_figure

pytestmark = pytest.mark.rendering  # also run in the matplotlib-3.10 environment


def make_figure():
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1, 2], [2, 0, 1])
    ax.set_title("words per paragraph")
    return fig


def test_same_figure_saved_twice_is_byte_identical(tmp_path):
    outputs = []
    for run in ("a", "b"):
        fig = make_figure()
        paths = save_figure(fig, tmp_path / run / "fig", formats=("png", "svg", "pdf"),
                            params={"top_n": 10}, seeds={"random_state": 0},
                            corpus_fingerprint="abc")
        plt.close(fig)
        outputs.append({p.name: p.read_bytes() for p in paths})
    assert outputs[0] == outputs[1]
    assert sorted(outputs[0]) == ["fig.manifest.json", "fig.pdf", "fig.png", "fig.svg"]


def test_manifest_records_how_the_figure_was_made(tmp_path):
    fig = make_figure()
    save_figure(fig, tmp_path / "fig.png", params={"top_n": 10}, seeds={"random_state": 0},
                corpus_fingerprint="abc")
    manifest = json.loads((tmp_path / "fig.manifest.json").read_text(encoding="utf-8"))
    assert manifest["params"] == {"top_n": 10}
    assert manifest["seeds"] == {"random_state": 0}
    assert manifest["corpus_fingerprint"] == "abc"
    assert manifest["files"] == ["fig.png", "fig.svg"]
    assert manifest["versions"]["matplotlib"] == matplotlib.__version__
    assert manifest["fonts"] and all(f.endswith((".ttf", ".otf")) for f in manifest["fonts"])
    text = json.dumps(manifest)
    assert "date" not in text.lower() and "time" not in text.lower()


def test_unknown_format_and_no_partial_files(tmp_path):
    fig = make_figure()
    with pytest.raises(ValueError, match="unsupported format 'jpg'"):
        save_figure(fig, tmp_path / "fig", formats=("jpg",))
    assert list(tmp_path.iterdir()) == []
