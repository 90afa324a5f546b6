"""environment.yml (the conda route) names the same packages as pyproject.toml (the uv route),
and the lock pins every package of the project."""

from __future__ import annotations

import re
import tomllib

import yaml

from conftest import ROOT

# conda-forge package name -> PyPI name, where they differ
CONDA_TO_PYPI = {"pyyaml": "pyyaml", "msgpack-python": "msgpack"}
NOT_PACKAGES = {"python", "pip"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _bound(requirement: str) -> str | None:
    match = re.search(r">=\s*([\w.]+)", requirement)
    return match.group(1) if match else None


def pyproject_requirements() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs += extra
    reqs += data["dependency-groups"]["dev"]
    return {_name(r): r for r in reqs}


def environment_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    reqs: dict[str, str] = {}
    for item in env["dependencies"]:
        if isinstance(item, dict):
            for pip_req in item["pip"]:
                if not pip_req.startswith("-e"):
                    reqs[_name(pip_req)] = pip_req
        elif _name(item) not in NOT_PACKAGES:
            reqs[CONDA_TO_PYPI.get(_name(item), _name(item))] = item
    return reqs


def test_environment_yml_parses_and_installs_the_kit_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["name"] == "arcorpus"
    pip = next(item["pip"] for item in env["dependencies"] if isinstance(item, dict))
    assert "-e ." in pip
    python = next(d for d in env["dependencies"] if isinstance(d, str) and _name(d) == "python")
    assert python == "python>=3.11"


def test_environment_yml_and_pyproject_name_the_same_packages_and_bounds():
    ours, conda = pyproject_requirements(), environment_requirements()
    assert sorted(conda) == sorted(ours)
    for name, requirement in ours.items():
        assert _bound(conda[name]) == _bound(requirement), name


def test_lock_pins_every_dependency_exactly():
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    pinned = {p["name"]: p for p in lock["package"]}
    for name in pyproject_requirements():
        assert name in pinned, f"{name} is not in uv.lock (run uv lock)"
        assert "version" in pinned[name] or pinned[name]["name"] == "arcorpus"
    versions = {p["version"] for p in lock["package"] if p["name"] == "matplotlib"}
    assert any(v.startswith("3.10.") for v in versions), "the legacy environment needs 3.10"
    assert any(not v.startswith(("3.10.", "3.9.", "3.8.")) for v in versions)
