"""notebooks/index.toml is the one list of notebooks; everything that lists them agrees with it.

When a notebook is added, renumbered or renamed, these tests say which places still name the
old list: the README table with its Binder links, the overview notebook's table, the "Next"
links, the Voilà app of the explorers and the overview's mind map.
"""

from __future__ import annotations

import ast
import json
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
INDEX = tomllib.loads((NOTEBOOKS / "index.toml").read_text(encoding="utf-8"))["notebook"]
FILES = [entry["file"] for entry in INDEX]


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _text(path: Path, kind: str | None = None) -> str:
    return "\n".join("".join(c["source"]) for c in _cells(path)
                     if kind is None or c["cell_type"] == kind)


def _project_url() -> str:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return pyproject["project"]["urls"]["Repository"].removeprefix("https://github.com/")


def test_the_index_lists_exactly_the_notebooks_in_teaching_order():
    on_disk = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert FILES == on_disk
    assert [f[:2] for f in FILES] == [f"{k:02d}" for k in range(len(FILES))]


@pytest.mark.parametrize("entry", INDEX, ids=FILES)
def test_readme_table_has_the_notebook_with_its_binder_link(entry):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    number, file = entry["file"][:2], entry["file"]
    row = next((line for line in readme.splitlines()
                if line.startswith(f"| {number} | [{file}](notebooks/{file})")), None)
    assert row is not None, f"README.md has no table row for {file}"
    binder = (f"https://mybinder.org/v2/gh/{_project_url()}/HEAD?urlpath=lab/tree/notebooks/{file}")
    assert binder in row


@pytest.mark.parametrize("entry", INDEX, ids=FILES)
def test_overview_table_lists_the_notebook_with_its_title(entry):
    overview = _text(NOTEBOOKS / FILES[0], "markdown")
    assert f"[{entry['title']}]({entry['file']})" in overview


@pytest.mark.parametrize("position", range(len(INDEX) - 1), ids=FILES[:-1])
def test_each_notebook_links_the_next_one(position):
    text = _text(NOTEBOOKS / FILES[position], "markdown")
    link = re.search(r"\*\*Next:\*\*\s*\[[^\]]*\]\(([^)]+)\)", text)
    assert link, f"{FILES[position]} has no **Next:** link"
    assert link.group(1) == FILES[position + 1]


@pytest.mark.parametrize("entry", [e for e in INDEX if e["explorers"]], ids=lambda e: e["file"])
def test_every_explorer_is_in_the_voila_app_under_its_notebook_number(entry):
    """The app lists its topics as ``("NN", label, title, task, lambda: some_explorer(...))``
    in one code cell; every explorer of notebook NN is called in a topic numbered NN."""
    number = entry["file"][:2]
    found = set()
    for cell in _cells(ROOT / "demo" / "explorers.ipynb"):
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if (isinstance(node, ast.Tuple) and node.elts
                    and isinstance(node.elts[0], ast.Constant) and node.elts[0].value == number):
                found |= {call.func.id for call in ast.walk(node)
                          if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)}
    missing = set(entry["explorers"]) - found
    assert not missing, f"demo/explorers.ipynb has no topic {number} calling {sorted(missing)}"


def test_the_mind_map_names_only_notebooks_of_the_index():
    from lecture_utils.figures.overview import MIND_MAP_NODES

    numbers = {f[:2] for f in FILES}
    assert {number for (_, _, number) in MIND_MAP_NODES.values()} <= numbers


def test_the_mind_map_has_a_node_for_every_notebook_after_the_overview():
    from lecture_utils.figures.overview import MIND_MAP_NODES

    numbers = {number for (_, _, number) in MIND_MAP_NODES.values()}
    missing = {f[:2] for f in FILES[1:]} - numbers
    assert not missing, f"the mind map has no node for notebooks {sorted(missing)}"


@pytest.mark.parametrize("entry", INDEX, ids=[e["file"][:2] for e in INDEX])
def test_the_browser_fit_test_measures_every_explorer_of_the_notebook(entry):
    """tests/browser/lab_driver.FIT_EXPLORERS calls each explorer of notebook NN in an entry
    labelled '(NN)', so the fit test at 1366×768 and 1280×720 covers it."""
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from lab_driver import FIT_EXPLORERS

    number = entry["file"][:2]
    called = {code.split("(")[0] for label, code in FIT_EXPLORERS.items() if f"({number})" in label}
    missing = set(entry["explorers"]) - called
    assert not missing, f"FIT_EXPLORERS measures no {sorted(missing)} of notebook {number}"
