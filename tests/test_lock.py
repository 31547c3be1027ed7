"""The lock: constraints.txt (pip) and environment.yml (conda, Binder) pin the same versions.

``make lock`` (tools/lock.py) writes both; ``make`` installs .venv with ``pip install -c
constraints.txt`` and rebuilds it when constraints.txt changes.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
ENVIRONMENT = ROOT / "environment.yml"
#: "  - numpy==2.4.6" (also "=2.4.6", or an unpinned "  - numpy>=1.24", which fails below)
PACKAGE_LINE = re.compile(r"^\s+-\s+([A-Za-z0-9_.\-]+)\s*(\S*)", re.M)


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _constraints() -> dict[str, str]:
    pins: dict[str, str] = {}
    for number, line in enumerate((ROOT / "constraints.txt").read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9_.\-]*)==([^\s;=<>!~,]+)", line)
        assert match, f"constraints.txt line {number} is not 'name==version': {line!r}"
        assert _normalize(match[1]) not in pins, f"constraints.txt pins {match[1]} twice"
        pins[_normalize(match[1])] = match[2]
    return pins


def _conda_pins() -> dict[str, str]:
    """{name: pin spec} of the packages under ``dependencies:`` (python and pip aside)."""
    section = ENVIRONMENT.read_text().split("dependencies:", 1)[1]
    return {name: spec for name, spec in PACKAGE_LINE.findall(section)
            if _normalize(name) not in {"python", "pip"}}


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_every_conda_package_is_pinned_to_the_constraints_version():
    locked = _constraints()
    wrong = []
    for name, spec in _conda_pins().items():
        version = re.fullmatch(r"==?([^\s=<>!~,*|]+)", spec)
        if not version:
            wrong.append(f"{name}{spec}: not an exact pin (==version)")
        elif _normalize(name) not in locked:
            wrong.append(f"{name}: not in constraints.txt")
        elif version[1] != locked[_normalize(name)]:
            wrong.append(f"{name}: {version[1]} in environment.yml, "
                         f"{locked[_normalize(name)]} in constraints.txt")
    assert not wrong, "environment.yml and constraints.txt disagree (run `make lock`):\n" + \
        "\n".join(wrong)


def test_constraints_pin_every_dependency_of_the_project_within_its_range():
    from packaging.requirements import Requirement

    locked = _constraints()
    project = _project()
    assert _normalize(project["name"]) not in locked, "constraints.txt must not pin the package itself"
    requirements = [*project["dependencies"],
                    *(r for extra in project["optional-dependencies"].values() for r in extra)]
    wrong = []
    for text in requirements:
        requirement = Requirement(text)
        version = locked.get(_normalize(requirement.name))
        if version is None:
            wrong.append(f"{requirement.name}: not pinned")
        elif not requirement.specifier.contains(version, prereleases=True):
            wrong.append(f"{requirement.name}=={version} outside {requirement.specifier}")
    assert not wrong, "constraints.txt does not match pyproject.toml (run `make lock`):\n" + \
        "\n".join(wrong)


def test_the_lock_is_for_the_python_environment_yml_pins():
    from packaging.specifiers import SpecifierSet

    recorded = re.search(r"^#.*\bpython (\d+\.\d+)\b", (ROOT / "constraints.txt").read_text(), re.M)
    assert recorded, "constraints.txt does not say which Python it was resolved for"
    conda = re.search(r"^\s+-\s+python\s*=\s*([\d.]+)\s*$", ENVIRONMENT.read_text(), re.M)
    assert conda and conda[1] == recorded[1], (
        f"environment.yml pins python {conda and conda[1]}, constraints.txt was resolved for "
        f"{recorded[1]}")
    assert SpecifierSet(_project()["requires-python"]).contains(f"{recorded[1]}.0")


def test_the_declared_python_is_one_the_tests_run_on():
    """The tests read TOML with tomllib (Python 3.11+): the package may not declare 3.10."""
    from packaging.specifiers import SpecifierSet

    declared = SpecifierSet(_project()["requires-python"])
    assert not declared.contains("3.10.0"), "tests use tomllib: declare requires-python >= 3.11"
    assert declared.contains(f"{sys.version_info.major}.{sys.version_info.minor}.0")


def test_make_installs_from_the_lock_and_can_refresh_it():
    makefile = (ROOT / "Makefile").read_text()
    stamp = re.search(r"^\$\(STAMP\):(.*)$", makefile, re.M)
    assert stamp and "constraints.txt" in stamp[1].split(), \
        "the venv must be rebuilt when constraints.txt changes"
    assert re.search(r"pip install .*-c constraints\.txt .*-e '\.\[test,browser,slides\]'", makefile)
    assert re.search(r"^lock:", makefile, re.M) and "tools/lock.py" in makefile


def test_license_is_an_spdx_expression_with_its_file():
    project = _project()
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    minimum = [int(m[1]) for r in build if (m := re.match(r"setuptools\s*>=\s*(\d+)", r))]
    assert minimum and minimum[0] >= 77, "an SPDX license and license-files need setuptools>=77"

