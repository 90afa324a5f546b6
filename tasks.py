#!/usr/bin/env python3
"""Task runner for arcorpus: the README's commands, with nothing but Python >= 3.11 and git.

    python3 tasks.py main    # set up the environment, run the notebooks, write figures/
    python3 tasks.py main --corpus PATH|saudinewsnet [--out DIR]   # the notebooks on a corpus
    python3 tasks.py test    # set up (or reuse) the environments, run the whole test suite
    python3 tasks.py lab     # open JupyterLab in the project environment (prints its URL)
    python3 tasks.py bench   # run the benchmarks in benchmarks/
    python3 tasks.py lint    # ruff

Only the standard library is used here, because this file runs before anything is installed.
Environments:
    .tools/           a tiny venv holding the pinned uv (the installer that reads uv.lock)
    .venv/            the project environment: newest matplotlib (native Arabic shaping)
    .venv-mpl-legacy/ the same lock with matplotlib 3.10 (no shaping): the rendering tests run
                      here too, so that both rendering paths are tested for real.
Every command is idempotent: a second run finds the environments in sync and starts at once.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
UV_VERSION = "0.13.9"
TOOLS = ROOT / ".tools"
MAIN_ENV = ROOT / ".venv"
LEGACY_ENV = ROOT / ".venv-mpl-legacy"
BIN = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""


def _run(cmd: list[str | os.PathLike], env: dict[str, str] | None = None) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)


def _check(cmd: list[str | os.PathLike], env: dict[str, str] | None = None) -> None:
    code = _run(cmd, env)
    if code != 0:
        sys.exit(code)


def _uv() -> Path:
    """Install the pinned uv into .tools/ once (from PyPI, through pip)."""
    uv = TOOLS / BIN / f"uv{EXE}"
    stamp = TOOLS / f"uv-{UV_VERSION}.installed"
    if not (uv.exists() and stamp.exists()):
        venv.EnvBuilder(with_pip=True, clear=True).create(TOOLS)
        _check([TOOLS / BIN / f"python{EXE}", "-m", "pip", "install", "--quiet",
                "--disable-pip-version-check", f"uv=={UV_VERSION}"])
        stamp.write_text(UV_VERSION + "\n")
    return uv


def _uv_env(env_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["UV_PROJECT_ENVIRONMENT"] = str(env_dir)
    env["UV_PYTHON_DOWNLOADS"] = "never"  # use the Python that runs this file; never fetch one
    env["UV_PYTHON"] = sys.executable
    env.pop("VIRTUAL_ENV", None)
    return env


def sync(legacy: bool = False) -> Path:
    """Create or update an environment exactly as uv.lock pins it; return its python."""
    env_dir = LEGACY_ENV if legacy else MAIN_ENV
    groups = (["--no-default-groups", "--group", "dev", "--group", "mpl-legacy"]
              if legacy else [])
    _check([_uv(), "sync", "--frozen", "--extra", "lab", "--extra", "dask", *groups, "--quiet"],
           _uv_env(env_dir))
    return env_dir / BIN / f"python{EXE}"


#: the project's shared data (present on the maintainers' machines and in CI, never required)
SHARED_SAUDINEWSNET = ROOT.parent / "shared" / "corpora" / "saudinewsnet"


def _env_for_jobs(interactive: bool = False) -> dict[str, str]:
    """The environment of the jobs; ``interactive`` (JupyterLab): figures are drawn inline."""
    env = dict(os.environ)
    if not interactive:
        env.setdefault("MPLBACKEND", "Agg")
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    env["PYTHONHASHSEED"] = "0"
    env.pop("VIRTUAL_ENV", None)
    if SHARED_SAUDINEWSNET.is_dir():  # the course corpus is read from there, not downloaded
        env.setdefault("ARCORPUS_SAUDINEWSNET", str(SHARED_SAUDINEWSNET))
    return env


def cmd_main(extra: list[str]) -> int:
    """The notebooks on the seed corpus, or with ``--corpus PATH|saudinewsnet [--out DIR]`` on
    another one (figures then go to figures/saudinewsnet/ or build/figures/<name>/)."""
    parser = argparse.ArgumentParser(prog="tasks.py main")
    parser.add_argument("--corpus", default=None)
    parser.add_argument("--out", default=None, help="figure folder (default: see README)")
    args = parser.parse_args(extra)
    python = sync()
    command = [python, "-m", "arcorpus.notebook_runner", "notebooks"]
    if args.corpus is None:
        command += ["--out", "build/notebooks"]
    else:
        name = Path(args.corpus).stem if Path(args.corpus).suffix else Path(args.corpus).name
        command += ["--out", f"build/notebooks/{name}", "--corpus",
                    args.corpus if args.corpus == "saudinewsnet" else
                    str(Path(args.corpus).resolve())]
    if args.out is not None:
        command += ["--figures", str(Path(args.out).resolve())]
    return _run(command, _env_for_jobs())


def _pytest(python: Path, args: list[str]) -> int:
    code = _run([python, "-m", "pytest", *args], _env_for_jobs())
    return 0 if code == 5 else code  # 5 = "no tests collected": not a failure of the suite itself


#: Debian's Chromium, which the browser test drives through Playwright (never a downloaded browser)
CHROMIUM = Path("/usr/bin/chromium")


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def ensure_chromium() -> bool:
    """Install Debian's ``chromium`` with apt-get when /usr/bin/chromium is missing (as root, or
    through passwordless sudo), and say so; the browser test skips, saying why, if it cannot."""
    if CHROMIUM.exists():
        return True
    apt = shutil.which("apt-get")
    sudo = [] if _is_root() else (["sudo", "-n"] if shutil.which("sudo") else None)
    if apt is None or sudo is None:
        print(f"tasks.py: {CHROMIUM} is missing and cannot be installed here "
              f"({'no apt-get' if apt is None else 'not root and no sudo'}): the browser test "
              "will be skipped. Install Debian's chromium package to run it.", flush=True)
        return False
    print(f"tasks.py: {CHROMIUM} is missing: installing Debian's chromium with apt-get for the "
          "browser test (once)", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = [*sudo, apt, "install", "-y", "--no-install-recommends", "chromium",
               "fonts-dejavu-core"]  # a font with Arabic glyphs for the screenshots
    # the package lists of a new machine may be missing or stale: refresh them first
    if _run([*sudo, apt, "update", "-qq"], env) != 0 or _run(install, env) != 0 \
            or not CHROMIUM.exists():
        print("tasks.py: installing chromium failed: the browser test will be skipped",
              flush=True)
        return False
    return True


def cmd_test(extra: list[str]) -> int:
    python = sync()
    ensure_chromium()
    code = _pytest(python, extra)
    legacy = sync(legacy=True)
    print("\n== rendering tests again with matplotlib 3.10 (reshape + bidi path) ==", flush=True)
    legacy_code = _pytest(legacy, ["-m", "rendering", *extra])
    return code or legacy_code


def free_port(preferred: int = 8888) -> int:
    """``preferred`` if nothing listens there on localhost, else a free port the system picks."""
    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise OSError("no free port on localhost")


def _server_options(extra: list[str]) -> tuple[list[str], str]:
    """Port, token and ``--allow-root`` (Jupyter refuses to start as root without it) unless
    given in ``extra``; returns them and the URL to print."""
    options = []
    given = " ".join(extra)
    port = None if "--port" in given else free_port()
    token = None if "token" in given else secrets.token_hex(16)
    if port is not None:
        options.append(f"--port={port}")
    if token is not None:
        options.append(f"--IdentityProvider.token={token}")
    if _is_root() and "--allow-root" not in extra:
        options += ["--allow-root", "--no-browser"]  # root: a server or container, no desktop
    url = (f"http://localhost:{port if port is not None else '<port>'}/"
           f"{'?token=' + token if token is not None else ''}")
    return options, url


def cmd_lab(extra: list[str]) -> int:
    python = sync()
    options, url = _server_options(extra)
    print(f"\nJupyterLab on the notebooks: {url.replace('/?', '/lab?')}\n(Ctrl+C to stop)\n",
          flush=True)
    return _run([python, "-m", "jupyterlab", "--notebook-dir", ROOT / "notebooks", *options,
                 *extra], _env_for_jobs(interactive=True))


def cmd_bench(extra: list[str]) -> int:
    python = sync()
    code = 0
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        code = _run([python, script, *extra], _env_for_jobs()) or code
    return code


def cmd_lint() -> int:
    python = sync()
    return _run([python, "-m", "ruff", "check", "lib", "tests", "benchmarks", "notebooks",
                 "tasks.py"])


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs on whatever python3 is
        print(f"arcorpus needs Python >= 3.11; this is {sys.version.split()[0]}", file=sys.stderr)
        return 2
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    name, extra = argv[0], argv[1:]
    commands = {
        "main": lambda: cmd_main(extra),
        "test": lambda: cmd_test(extra),
        "lab": lambda: cmd_lab(extra),
        "bench": lambda: cmd_bench(extra),
        "lint": lambda: cmd_lint(),
        "sync": lambda: (sync(), sync(legacy=True), 0)[-1],
    }
    if name not in commands:
        print(f"unknown command {name!r}; one of: {', '.join(commands)}", file=sys.stderr)
        return 2
    return commands[name]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
