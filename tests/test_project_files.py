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
            if "clear-output" in cell["metadata"].get("tags", []):
                # run like every cell (its count is kept), committed without outputs
                assert not cell["outputs"], (f"{notebook.name}: a cell tagged clear-output has "
                                             "outputs: run make execute-notebooks")
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


def test_readme_links_the_voila_app_on_binder_and_names_the_class_commands():
    url = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Repository"]
    owner_repo = re.match(r"https://github\.com/([^/]+/[^/]+?)/?$", url).group(1)
    text = (ROOT / "README.md").read_text()
    assert (f"https://mybinder.org/v2/gh/{owner_repo}/HEAD?urlpath=voila/render/demo/explorers.ipynb"
            in text)
    assert (ROOT / "demo" / "explorers.ipynb").exists()
    for needle in ("make slides", "make demo", "presentation(True)"):
        assert needle in text
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^slides: ", makefile, re.M) and re.search(r"^demo: ", makefile, re.M)


def test_binder_gets_the_slides_and_voila_extensions():
    names = _conda_packages(ROOT / "binder" / "environment.yml")
    assert {"jupyterlab-rise", "voila"} <= names


def test_every_static_figure_has_a_text_description_under_it():
    """A figure (PNG output that is not an explorer) is followed by a "*Figure: ...*" caption:
    the description a screen reader, a PDF handout and a reader without images get."""
    import json

    widget = "application/vnd.jupyter.widget-view+json"
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text())["cells"]
        for index, cell in enumerate(cells):
            outputs = cell.get("outputs", [])
            if not any("image/png" in o.get("data", {}) and widget not in o.get("data", {})
                       for o in outputs):
                continue
            following = cells[index + 1] if index + 1 < len(cells) else None
            assert following is not None and following["cell_type"] == "markdown" and \
                "".join(following["source"]).lstrip().startswith("*Figure"), (
                f"{notebook.name}, cell {index}: a figure without a '*Figure: ...' caption "
                "in the markdown cell below it")


#: A long code cell gets a (sub)slide of its own or is skipped in the slides; no slide is
#: longer than what fits on a projector with scrolling kept short.
LONG_CODE_LINES = 12
MAX_SLIDE_LINES = 40
#: Code shown on a slide is short: longer cells keep only their output there (tag below).
MAX_SHOWN_CODE_LINES = 8
#: Cell tags that keep a cell's output on the slides and drop its code (nbconvert's
#: TagRemovePreprocessor, configured in tools/build_slides.py).
HIDE_INPUT_TAGS = {"hide-input", "remove-input"}


def _code_on_slides(cell: dict) -> bool:
    """A code cell whose code (not only its output) is on a slide."""
    return (cell["cell_type"] == "code"
            and cell["metadata"]["slideshow"]["slide_type"] not in ("skip", "notes")
            and not HIDE_INPUT_TAGS & set(cell["metadata"].get("tags", [])))


def _lines_on_slide(cell: dict) -> int:
    """Source lines, or for a code cell whose code is hidden the lines of its text output."""
    if cell["cell_type"] == "code" and not _code_on_slides(cell):
        return sum(len("".join(o.get("text", "")).splitlines()) for o in cell["outputs"])
    return len("".join(cell["source"]).splitlines())


def test_slides_hold_one_idea_each():
    import json

    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text())["cells"]
        kinds = [c["metadata"]["slideshow"]["slide_type"] for c in cells]
        assert kinds[0] == "slide", f"{notebook.name}: the title cell must start a slide"
        slides: list[list[int]] = []
        for index, (cell, kind) in enumerate(zip(cells, kinds)):
            lines = len("".join(cell["source"]).splitlines())
            if kind in ("slide", "subslide"):
                slides.append([index, 0])
            if _code_on_slides(cell) and lines > LONG_CODE_LINES:
                assert index - slides[-1][0] <= 1, (
                    f"{notebook.name}, cell {index}: {lines} lines of code in the middle of a "
                    "slide; start a subslide with it (or with the text introducing it) or skip it")
            if kind not in ("skip", "notes"):
                slides[-1][1] += _lines_on_slide(cell)
        long = [s for s in slides if s[1] > MAX_SLIDE_LINES]
        assert not long, f"{notebook.name}: slides (first cell, lines) too long: {long}"


def test_slides_show_no_set_up_no_asserts_and_only_short_code():
    """Imports and the worked examples' ``assert`` lines are not on slides: such a cell is
    skipped (``slide_type: skip``) or keeps only its output (tag ``hide-input``)."""
    import json

    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text())["cells"]
        for index, cell in enumerate(cells):
            if not _code_on_slides(cell):
                continue
            source = "".join(cell["source"])
            assert not re.search(r"^\s*assert\b", source, re.M), (
                f"{notebook.name}, cell {index}: assert lines on a slide; tag the cell "
                "'hide-input' (its output stays) or give it slide_type 'skip'")
            assert not re.search(r"^\s*(import\s|from\s+\S+\s+import\s)", source, re.M), (
                f"{notebook.name}, cell {index}: imports on a slide; skip the set-up cell")
            assert len(source.splitlines()) <= MAX_SHOWN_CODE_LINES, (
                f"{notebook.name}, cell {index}: {len(source.splitlines())} lines of code on a "
                f"slide (at most {MAX_SHOWN_CODE_LINES}); tag it 'hide-input' or shorten it")


def test_every_figure_is_on_a_slide_with_its_caption():
    """A static figure's cell is not skipped, and its ``*Figure:`` caption is on the same
    slide (the caption cell neither starts a slide nor is skipped)."""
    import json

    widget = "application/vnd.jupyter.widget-view+json"
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text())["cells"]
        for index, cell in enumerate(cells):
            if not any("image/png" in o.get("data", {}) and widget not in o.get("data", {})
                       for o in cell.get("outputs", [])):
                continue
            assert cell["metadata"]["slideshow"]["slide_type"] not in ("skip", "notes"), (
                f"{notebook.name}, cell {index}: a figure left out of the slides")
            caption = cells[index + 1]["metadata"]["slideshow"]["slide_type"]
            assert caption in ("-", "fragment"), (
                f"{notebook.name}, cell {index + 1}: the caption of the figure above is on "
                f"another slide (slide_type {caption!r}); give it slide_type '-'")
