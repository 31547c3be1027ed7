"""Record the versions the tests run on: ``constraints.txt`` and the pins of ``environment.yml``.

``make lock`` runs ``python tools/lock.py``: pip resolves ``.[test,browser,slides]`` afresh
(the newest versions ``pyproject.toml`` allows, nothing installed: ``pip install --dry-run
--ignore-installed --report``), writes every resolved distribution but the package itself to
``constraints.txt`` as ``name==version``, then rewrites the version of every package
``environment.yml`` lists (python and pip aside) to the same ``==version`` and copies the file
to ``binder/environment.yml``. ``make`` reinstalls ``.venv`` with ``pip install -c
constraints.txt`` when ``constraints.txt`` changed; ``tests/test_lock.py`` checks that the
two files agree.

``python tools/lock.py --installed`` records the running environment instead of a fresh
resolve: the installed versions of everything ``.[test,browser,slides]`` needs (its
dependency closure, read from the installed metadata).

Usage: ``python tools/lock.py [--installed]`` (run it with the Python the tests use).
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import tempfile
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "constraints.txt"
ENVIRONMENTS = (ROOT / "environment.yml", ROOT / "binder" / "environment.yml")
EXTRAS = ("test", "browser", "slides")
#: A conda package line of environment.yml: "  - name", "  - name>=1,<2", "  - name==1.2.3".
PACKAGE_LINE = re.compile(r"^(?P<indent>\s+-\s+)(?P<name>[A-Za-z0-9_.\-]+)(?P<spec>[^#\n]*?)"
                          r"(?P<comment>\s+#.*)?$", re.M)
NOT_PINNED = {"python", "pip"}


def normalize(name: str) -> str:
    """PEP 503 name: ``jupyterlab_rise`` and ``JupyterLab-RISE`` are both ``jupyterlab-rise``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def fresh_resolve() -> dict[str, str]:
    """{name: version} of pip's resolution of ``.[test,browser,slides]``, installing nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
                        "--quiet", "--report", str(report), f".[{','.join(EXTRAS)}]"],
                       cwd=ROOT, check=True)
        installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    return {item["metadata"]["name"]: item["metadata"]["version"] for item in installs}


def installed_closure() -> dict[str, str]:
    """{name: version} of the installed distributions ``.[test,browser,slides]`` needs."""
    from packaging.requirements import Requirement

    info = project()
    roots = [*info["dependencies"], *(r for extra in EXTRAS
                                       for r in info["optional-dependencies"].get(extra, []))]
    pending = [Requirement(r) for r in roots]
    versions: dict[str, str] = {}
    done: set[tuple[str, str]] = set()
    while pending:
        requirement = pending.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
            continue
        dist = metadata.distribution(requirement.name)
        versions[dist.metadata["Name"]] = dist.version
        for extra in ["", *sorted(requirement.extras)]:
            if (normalize(requirement.name), extra) in done:
                continue
            done.add((normalize(requirement.name), extra))
            for text in dist.requires or []:
                needed = Requirement(text)
                if needed.marker is None or needed.marker.evaluate({"extra": extra}):
                    needed.marker = None
                    pending.append(needed)
    return versions


def write_constraints(versions: dict[str, str], how: str) -> None:
    own = normalize(project()["name"])
    lines = [
        "# The versions the tests run on (pip constraints): `make` installs .venv with",
        "#   pip install -c constraints.txt -e '.[test,browser,slides]'",
        "# and environment.yml pins the same versions (tests/test_lock.py checks it).",
        "# Do not edit: `make lock` rewrites this file and environment.yml.",
        f"# {how}; python {sys.version_info.major}.{sys.version_info.minor}"
        f" ({platform.system()} {platform.machine()})",
    ]
    pins = sorted((name, version) for name, version in versions.items() if normalize(name) != own)
    lines += [f"{name}=={version}" for name, version in sorted(pins, key=lambda p: normalize(p[0]))]
    CONSTRAINTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def pin_environment(versions: dict[str, str]) -> None:
    """Rewrite the version of every package environment.yml lists to the locked one."""
    locked = {normalize(name): version for name, version in versions.items()}
    source = ENVIRONMENTS[0]
    text = source.read_text(encoding="utf-8")
    head, sep, body = text.partition("dependencies:")
    missing = []

    def pin(match: re.Match) -> str:
        name = match["name"]
        if normalize(name) in NOT_PINNED:
            return match[0]
        if normalize(name) not in locked:
            missing.append(name)
            return match[0]
        return f"{match['indent']}{name}=={locked[normalize(name)]}{match['comment'] or ''}"

    body = PACKAGE_LINE.sub(pin, body)
    if missing:
        sys.exit(f"environment.yml lists packages the resolution does not contain: {missing}")
    for path in ENVIRONMENTS:
        path.write_text(head + sep + body, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--installed", action="store_true",
                        help="record the installed versions instead of resolving afresh")
    args = parser.parse_args()
    if args.installed:
        versions, how = installed_closure(), "recorded from the installed environment"
    else:
        versions, how = fresh_resolve(), "resolved by `make lock` (tools/lock.py)"
    write_constraints(versions, how)
    pin_environment(versions)
    print(f"constraints.txt: {len(versions)} pins; environment.yml and binder/environment.yml "
          "pinned to them")


if __name__ == "__main__":
    main()
