"""Notebook 06's explorers in a real browser: JupyterLab on a free localhost port with a token,
headless Debian Chromium driven by Playwright. The notebook is run from the page, a query is
typed into the concordance, the network's slider is moved, a term is clicked, Arabic cells are
checked to run right to left, and screenshots go to build/browser/. JupyterLab and its kernel are
shut down by their process ids."""

from __future__ import annotations

import re
import resource
import time

import pytest

from conftest import ROOT
from lab_browser import (
    EXPLORERS,
    browser_missing,
    chromium,
    jupyterlab,
    run_all_cells,
    sandbox,
    screenshots,
)

NOTEBOOK = "06_explore.ipynb"
SHOTS = ROOT / "build" / "browser"

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(browser_missing() is not None,
                                 reason=browser_missing() or "")]


def _texts(page, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


def _edges(text: str) -> int:
    return int(re.search(r"(\d+) edges", text).group(1))


def test_explorers_work_in_jupyterlab(tmp_path):
    started = time.monotonic()
    folder = sandbox(tmp_path, NOTEBOOK)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with jupyterlab(folder) as lab, chromium() as page:
        try:
            run_all_cells(page, lab, NOTEBOOK, last=EXPLORERS["topics"])
            ran = time.monotonic()
            assert page.locator(".jp-OutputArea-output [data-mime-type*='error']").count() == 0
            assert page.locator(".jp-OutputArea-output", has_text="Traceback").count() == 0
            page.screenshot(path=str(SHOTS / "notebook.png"), full_page=False)

            # the concordance: type a query, the lines change
            concordance = page.locator(EXPLORERS["concordance"]).first
            lines = ".arcorpus-lines .arcorpus-keyword"
            before = [t for t in _texts(concordance, lines) if t]
            status = concordance.locator(".arcorpus-status")
            assert before and "lines for" in status.inner_text()
            box = concordance.locator(".arcorpus-query input")
            box.fill("درعا")
            box.press("Enter")
            status.filter(has_text="«درعا»").wait_for(timeout=30_000)
            page.wait_for_function(  # every line shown is a line of the new query
                """(selector) => [...document.querySelectorAll(selector)]
                       .filter(e => e.offsetParent !== null)
                       .every(e => e.textContent.includes('درعا'))""",
                arg=f"{EXPLORERS['concordance']} {lines}", timeout=30_000)
            after = [t for t in _texts(concordance, lines) if t]
            assert after != before and after and all("درعا" in word for word in after)
            concordance.locator(".arcorpus-lines button").nth(1).click()  # read line 2
            concordance.locator(".arcorpus-reading mark").wait_for(timeout=30_000)
            assert "درعا" in concordance.locator(".arcorpus-reading mark").inner_text()

            # Arabic cells run right to left: a pandas table (enable_rtl_tables), the concordance
            directions = page.evaluate("""() => {
                const arabic = /[\\u0600-\\u06FF]/;
                const cells = [...document.querySelectorAll(
                    '.jp-OutputArea-output table.arcorpus-table td, '
                    + '.arcorpus-lines .widget-html-content > div')]
                    .filter(c => arabic.test(c.textContent));
                return cells.map(c => [getComputedStyle(c).direction, getComputedStyle(c).textAlign,
                                       c.className]);
            }""")
            assert len(directions) > 20
            assert {d for d, _, _ in directions} == {"rtl"}
            assert {a for d, a, c in directions if c == "arcorpus-left"} == {"left"}
            assert {a for d, a, c in directions if c == "arcorpus-right"} == {"right"}

            # the actors: move the slider, the network is redrawn with fewer edges
            actors = page.locator(EXPLORERS["actors"]).first
            actors.scroll_into_view_if_needed()
            status = actors.locator(".arcorpus-status")
            edges = _edges(status.inner_text())
            picture = actors.locator("img").first.get_attribute("src")
            actors.locator(".arcorpus-min-count .noUi-handle").first.focus()
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                """([selector, edges]) => {
                    const status = document.querySelector(selector + ' .arcorpus-status');
                    const found = /(\\d+) edges/.exec(status.textContent);
                    return found && Number(found[1]) !== edges;
                }""", arg=[EXPLORERS["actors"], edges], timeout=30_000)
            fewer = _edges(status.inner_text())
            assert 0 < fewer < edges
            page.wait_for_function(  # the picture is redrawn
                """([selector, picture]) => document.querySelector(selector + ' img').src
                       !== picture""", arg=[EXPLORERS["actors"], picture], timeout=30_000)
            actors.locator(".arcorpus-pairs select").select_option(index=0)  # a pair's evidence
            actors.locator(".arcorpus-evidence-view mark").first.wait_for(timeout=30_000)

            # the terms: a click on a term opens its concordance
            terms = page.locator(EXPLORERS["terms"]).first
            terms.scroll_into_view_if_needed()
            button = terms.locator(".arcorpus-term").first
            term = button.get_attribute("title")
            button.click()
            terms.locator(".arcorpus-concordance .arcorpus-status").filter(
                has_text=f"«{term}»").wait_for(timeout=30_000)
            assert terms.locator(".arcorpus-concordance .arcorpus-keyword").count() > 0

            # the topics: another topic, other terms
            topics = page.locator(EXPLORERS["topics"]).first
            topics.scroll_into_view_if_needed()
            shown = topics.locator(".arcorpus-topic-terms").inner_text()
            topics.locator("select").first.select_option(index=1)
            page.wait_for_function(
                """([selector, shown]) => document.querySelector(selector +
                       ' .arcorpus-topic-terms').innerText !== shown""",
                arg=[EXPLORERS["topics"], shown], timeout=30_000)

            written = screenshots(page, SHOTS)
        except Exception:
            page.screenshot(path=str(SHOTS / "failure.png"), full_page=True)  # to see why
            print(lab.log.read_text(errors="replace")[-4000:])
            raise
    assert all(path.stat().st_size > 5_000 for path in written.values())
    used = resource.getrusage(resource.RUSAGE_CHILDREN)  # JupyterLab, kernel, browser
    print(f"browser test: {time.monotonic() - started:.0f} s wall (JupyterLab's start and the "
          f"notebook's run: {ran - started:.0f} s); CPU of its processes "
          f"{used.ru_utime + used.ru_stime:.0f} s")
