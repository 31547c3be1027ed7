"""The project's set-up files agree with each other (what Binder, conda and pip users get)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\s\[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _conda_packages(path: Path) -> set[str]:
    """Package names listed under ``dependencies:`` (not channels), without python and pip."""
    section = path.read_text().split("dependencies:", 1)[1]
    names = {_name(match) for match in re.findall(r"^\s+-\s+([A-Za-z0-9_.\-]+)", section, re.M)}
    return names - {"python", "pip"}


def test_binder_environment_is_a_byte_identical_copy():
    assert (ROOT / "binder" / "environment.yml").read_bytes() == (ROOT / "environment.yml").read_bytes()


def test_pyproject_and_environment_name_the_same_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_names = {_name(r) for r in project["dependencies"]}
    pip_names |= {_name(r) for r in project["optional-dependencies"]["test"]}
    assert pip_names == _conda_packages(ROOT / "environment.yml")


def test_environment_pins_python_for_binder():
    assert re.search(r"^\s+-\s+python=3\.\d+", (ROOT / "environment.yml").read_text(), re.M)


def test_postbuild_installs_the_package_and_stops_on_errors():
    text = (ROOT / "binder" / "postBuild").read_text()
    assert text.startswith("#!")
    assert "set -euo pipefail" in text
    assert "pip install --no-deps -e ." in text


def test_readme_shows_the_two_commands_and_the_conda_alternative():
    text = (ROOT / "README.md").read_text()
    for needle in ("make lab", "make test", "conda env create -f environment.yml"):
        assert needle in text


def test_readme_lists_every_notebook():
    text = (ROOT / "README.md").read_text()
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert notebook.name in text, f"README.md does not list {notebook.name}"


def test_every_notebook_cell_has_slide_metadata():
    import json

    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text())["cells"]
        missing = [i for i, c in enumerate(cells) if "slide_type" not in c["metadata"].get("slideshow", {})]
        assert not missing, f"{notebook.name}: cells {missing} have no slideshow.slide_type"


def test_notebooks_are_committed_executed_in_order_without_errors():
    import json

    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = [c for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "code"]
        counts = [c["execution_count"] for c in cells]
        assert counts == list(range(1, len(cells) + 1)), f"{notebook.name}: re-run it top to bottom"
        for cell in cells:
            for output in cell["outputs"]:
                assert output["output_type"] != "error", f"{notebook.name} has an error output"
                assert output.get("name") != "stderr", f"{notebook.name} writes to stderr: {output}"


def test_readme_has_a_binder_badge_and_a_launch_link_per_notebook_from_the_project_url():
    url = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Repository"]
    owner_repo = re.match(r"https://github\.com/([^/]+/[^/]+?)/?$", url).group(1)
    binder = f"https://mybinder.org/v2/gh/{owner_repo}/HEAD"
    text = (ROOT / "README.md").read_text()
    assert "https://mybinder.org/badge_logo.svg" in text
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"{binder}?urlpath=lab/tree/notebooks/{notebook.name}" in text, notebook.name
