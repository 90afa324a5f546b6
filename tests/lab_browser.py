"""JupyterLab in a real browser, for the browser test and the README's screenshots: start
JupyterLab on a free localhost port with a token, open a notebook in headless Chromium (Debian's
/usr/bin/chromium, driven by Playwright; no browser is ever downloaded), run it, and shut
JupyterLab and its kernels down by their process ids.

    python tests/lab_browser.py --corpus saudinewsnet --out docs/explore   # screenshots

Everything JupyterLab writes (settings, workspaces, runtime files, checkpoints) goes to a
temporary folder; the notebook is run from a copy, never from notebooks/.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
#: Chromium's flags on this project's machines (root, no GPU, a closed network)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
#: JupyterLab user settings: every cell kept in the page (no windowing, so that explorers
#: further down can be found), no news or update checks, no network
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
}


def browser_missing() -> str | None:
    """Why the browser test cannot run here, or None when it can."""
    if not CHROMIUM.exists():
        return (f"Debian's chromium is not installed at {CHROMIUM}: `python3 tasks.py test` "
                "installs it with apt-get, which was not possible on this machine")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"Playwright for Python is not installed ({error}): run `python3 tasks.py sync`"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Lab:
    """A running JupyterLab: its process, URL and token."""

    process: subprocess.Popen
    root: Path
    port: int
    token: str
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def api(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(f"{self.base}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def url(self, notebook: str) -> str:
        return f"{self.base}/lab/tree/{notebook}?token={self.token}"


def _descendants(pid: int) -> list[int]:
    import psutil

    try:
        return [child.pid for child in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


@contextmanager
def jupyterlab(root_dir: Path, *, timeout: float = 90) -> Iterator[Lab]:
    """JupyterLab serving ``root_dir`` on a free localhost port, with a token; stopped (its
    kernels first, then the server, by process id) on exit."""
    state = Path(tempfile.mkdtemp(prefix="arcorpus-lab-"))
    settings = state / "settings"
    for name, values in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(state / "config"),
               JUPYTER_DATA_DIR=str(state / "data"), JUPYTER_RUNTIME_DIR=str(state / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(state / "workspaces"), PYTHONHASHSEED="0")
    env.pop("MPLBACKEND", None)  # the kernel draws inline, as in a user's JupyterLab
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root_dir}",
               "--LabApp.news_url=None", "--LabApp.extension_manager=readonly"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = state / "jupyterlab.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env,
                                   cwd=root_dir)
    lab = Lab(process, root_dir, port, token, log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited ({process.returncode}):\n"
                                   + log.read_text(errors="replace")[-3000:])
            try:
                lab.api("/api/status")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise TimeoutError("JupyterLab did not answer in time:\n"
                                       + log.read_text(errors="replace")[-3000:]) from None
                time.sleep(0.5)
        yield lab
    finally:
        _stop(lab)
        shutil.rmtree(state, ignore_errors=True)


def _stop(lab: Lab) -> None:
    """Shut the kernels down through the API, then the server by its process id; anything of
    theirs still running after that is killed by its own process id."""
    children = _descendants(lab.process.pid)
    try:
        for kernel in lab.api("/api/kernels") or []:
            lab.api(f"/api/kernels/{kernel['id']}", method="DELETE")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        pass
    if lab.process.poll() is None:
        lab.process.send_signal(signal.SIGTERM)
        try:
            lab.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            lab.process.kill()
            lab.process.wait(timeout=10)
    for pid in children:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@contextmanager
def chromium(viewport: tuple[int, int] = (1400, 1000)):
    """A page in headless Debian Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            yield page
        finally:
            browser.close()


def sandbox(target: Path, notebook: str, parameters: dict | None = None) -> Path:
    """A copy of one notebook (with ``parameters`` injected as the runner does) and of the
    corpus beside it, so that ``../corpus`` means the same; returns the notebooks folder."""
    import nbformat

    from arcorpus.notebook_runner import inject_parameters

    folder = target / "notebooks"
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "corpus", target / "corpus")
    document = inject_parameters(nbformat.read(ROOT / "notebooks" / notebook, as_version=4),
                                 parameters or {})
    nbformat.write(document, folder / notebook)
    return folder


#: true once the kernel is idle and no cell is waiting or running ("[*]")
_SETTLED = """() => {
    const bar = document.querySelector('#jp-main-statusbar');
    const prompts = [...document.querySelectorAll('.jp-Notebook .jp-InputArea-prompt')];
    return bar !== null && bar.textContent.includes('| Idle')
        && !prompts.some(p => p.textContent.includes('*'));
}"""


def _wait_settled(page, timeout: float) -> None:
    """Wait for the kernel to be idle, accepting JupyterLab's kernel dialog if it asks."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(_SETTLED):
        dialog = page.locator(".jp-Dialog .jp-mod-accept")
        if dialog.count() and dialog.first.is_visible():
            dialog.first.click()
        if time.monotonic() > deadline:
            raise TimeoutError(f"the kernel was still busy after {timeout:.0f} s")
        time.sleep(0.5)


def run_all_cells(page, lab: Lab, notebook: str, *, last: str, timeout: float = 150) -> None:
    """Open ``notebook``, wait for all its cells and an idle kernel, run every cell (Run > Run
    All Cells) and wait until the element ``last`` (a CSS selector) is shown and the kernel is
    idle again."""
    import nbformat

    cells = len(nbformat.read(lab.root / notebook, as_version=4).cells)
    page.goto(lab.url(notebook))
    page.wait_for_function(f"() => document.querySelectorAll('.jp-Notebook .jp-Cell').length "
                           f"=== {cells}", timeout=90_000)
    _wait_settled(page, 90)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.wait_for_selector(last, state="visible", timeout=timeout * 1000)
    _wait_settled(page, timeout)


EXPLORERS = {name: f".jp-OutputArea-output .arcorpus-explorer.arcorpus-{name}"
             for name in ("concordance", "terms", "actors", "topics")}


def screenshots(page, folder: Path) -> dict[str, Path]:
    """A PNG of each explorer (and of the first table) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1300, "height": 2600})  # tall: each explorer fits
    written = {}
    for name, selector in EXPLORERS.items():
        element = page.locator(selector).first
        element.scroll_into_view_if_needed()
        path = folder / f"{name}.png"
        element.screenshot(path=str(path))
        written[name] = path
    return written


def _shrink(path: Path) -> None:
    """Rewrite a screenshot with a 128-colour palette: small enough to commit."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshots of notebook 06's explorers")
    parser.add_argument("--corpus", default=None, help="a corpus path or saudinewsnet")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "browser" / "screenshots")
    args = parser.parse_args(argv)
    reason = browser_missing()
    if reason:
        print(reason, file=sys.stderr)
        return 1
    parameters = {} if args.corpus is None else {
        "CORPUS": args.corpus if args.corpus == "saudinewsnet" else
        str(Path(args.corpus).resolve())}
    with tempfile.TemporaryDirectory() as tmp:
        folder = sandbox(Path(tmp), "06_explore.ipynb", parameters)
        with jupyterlab(folder) as lab, chromium() as page:
            run_all_cells(page, lab, "06_explore.ipynb", last=EXPLORERS["topics"],
                          timeout=900)
            terms = page.locator(EXPLORERS["terms"]).first  # open the first term's lines
            terms.locator(".arcorpus-term").first.click()
            terms.locator(".arcorpus-concordance .arcorpus-keyword").first.wait_for(
                timeout=300_000)
            for path in screenshots(page, args.out).values():
                _shrink(path)
                print(path, path.stat().st_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
