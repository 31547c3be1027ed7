"""Binder builds the environment from ``binder/`` and runs ``binder/postBuild``.

``repo2docker --no-build --debug`` prints the Dockerfile it would build, with no container
engine (a dry run, under a second).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
BINDER = REPO_ROOT / "binder"
REQUIRED = os.environ.get("LU_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


def _repo2docker() -> list[str]:
    script = Path(sys.executable).with_name("repo2docker")
    if script.exists():
        return [str(script)]
    found = shutil.which("repo2docker")
    return [found] if found else [sys.executable, "-m", "repo2docker"]


@pytest.fixture(scope="module")
def dry_run() -> tuple[str, str]:
    """(Dockerfile, log) of ``repo2docker --no-build --debug .`` from the repository root."""
    if importlib.util.find_spec("repo2docker") is None:
        message = ("jupyter-repo2docker is not installed (the 'browser' extra: "
                   "pip install -e '.[browser]')")
        if REQUIRED:
            pytest.fail(f"LU_REQUIRE_BROWSER=1 but {message}", pytrace=False)
        pytest.skip(message)
    result = subprocess.run(
        # a non-root user id: repo2docker refuses root as the image's user
        [*_repo2docker(), "--no-build", "--debug", "--user-id", "1000", "--user-name", "jovyan", "."],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, f"repo2docker failed:\n{result.stdout}\n{result.stderr}"
    start = result.stdout.find("FROM ")
    assert start >= 0, f"no Dockerfile in repo2docker's output:\n{result.stdout}\n{result.stderr}"
    return result.stdout[start:], result.stderr


def test_conda_environment_comes_from_binder_environment_yml(dry_run):
    dockerfile, _ = dry_run
    assert re.search(r"^COPY .*\bsrc/binder/environment\.yml\b", dockerfile, re.M), dockerfile
    assert re.search(r"env update .*--file \"?binder/environment\.yml\"?", dockerfile), dockerfile
    # with binder/ present the top-level environment.yml must not be used
    assert not re.search(r"src/environment\.yml|--file \"?environment\.yml", dockerfile)


def test_python_version_is_the_pinned_one(dry_run):
    _, log = dry_run
    pin = re.search(r"^\s*-\s*python\s*=\s*([\d.]+)\s*$",
                    (BINDER / "environment.yml").read_text(), re.M)
    assert pin, "binder/environment.yml does not pin python (Binder would pick an old default)"
    assert f"python={pin.group(1)}" in log, log


def test_postbuild_runs_after_the_repository_is_copied(dry_run):
    dockerfile, _ = dry_run
    lines = [line.strip() for line in dockerfile.splitlines()]
    assert "RUN ./binder/postBuild" in lines, dockerfile
    copy_repo = next(i for i, line in enumerate(lines)
                     if re.match(r"COPY .*\bsrc/ \$\{REPO_DIR\}/?$", line))
    assert copy_repo < lines.index("RUN ./binder/postBuild")


def test_postbuild_script():
    path = BINDER / "postBuild"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#!"), "binder/postBuild needs a shebang (#!/usr/bin/env bash)"
    assert "bash" in text.splitlines()[0]
    commands = [line.split("#", 1)[0].strip() for line in text.splitlines()[1:]]
    assert "set -euo pipefail" in commands, "without set -e Binder ignores postBuild's errors"
    install = [i for i, c in enumerate(commands) if re.search(r"\bpip install --no-deps -e \.$", c)]
    assert install, "binder/postBuild must install the package: python -m pip install --no-deps -e ."
    assert commands.index("set -euo pipefail") < install[0]
    assert os.access(path, os.X_OK), "binder/postBuild is not executable"
