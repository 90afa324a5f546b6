"""A small dated corpus of two sources for the course's tests, built from the seed article's
paragraphs (real Arabic news text) with a planted rising word, a planted falling word and a
word of one source, so that the time, source and topic exercises have something to find."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from conftest import CORPUS


def class_corpus(folder: Path, n_articles: int = 200, random_state: int = 0) -> Path:
    """Write ``class.jsonl`` into ``folder`` (text, source, date) and return its path."""
    rng = np.random.default_rng(random_state)
    seed = next((CORPUS / "articles").glob("*.txt")).read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in seed.splitlines() if p.strip()]
    days = pd.date_range("2015-06-01", "2015-08-30", freq="D", tz="UTC")
    rows = []
    for i in range(n_articles):
        day = days[int(rng.integers(len(days)))]
        when = (day - days[0]).days / (len(days) - 1)  # 0 at the start, 1 at the end
        source = "okaz" if i % 2 else "sabq"
        chosen = rng.choice(len(paragraphs), size=4, replace=False)
        body = [paragraphs[j] for j in sorted(chosen)]
        if rng.random() < 0.05 + 0.9 * when:  # rises over the span
            body.append("وأعلنت الأطراف هدنة جديدة، وقالت إن الهدنة تشمل درعا والقنيطرة.")
        if rng.random() < 0.95 - 0.9 * when:  # falls over the span
            body.append("واستمر الحصار على البلدة، ويشتد الحصار على المدنيين فيها.")
        if source == "okaz" and rng.random() < 0.7:  # a word of one source
            body.append("وأضاف مراسل الصحيفة أن حزب الله وروسيا يدعمان قوات النظام.")
        if rng.random() < 0.3:  # another theatre, for the seeded topic of exercise 04.5
            body.append("وفي اليمن، تقدم الحوثي نحو عدن وسط غارات للتحالف على مواقعه.")
        rows.append({"text": "\n".join(body), "source": source,
                     "date": day.strftime("%Y-%m-%d")})
    path = folder / "class.jsonl"
    pd.DataFrame(rows).to_json(path, orient="records", lines=True, force_ascii=False)
    return path
