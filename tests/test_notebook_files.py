"""The committed notebooks can be reviewed: text pairs in sync, no run-to-run noise, ≤ 1 MB.

- every notebook has a text pair (jupytext percent format, ``text/<name>.py`` next to it)
  with the same cells; these tests only read files (``make pair-notebooks`` rewrites the
  pairs from the notebooks, ``make execute-notebooks`` after executing them);
- an executed notebook carries nothing that changes from run to run (timestamps, random
  widget ids, widget state, stream outputs split by timing), so that re-running it changes
  nothing in git (``tools/execute_notebooks.py``);
- the static figures are PNGs no wider than the notebook shows them, reproducible bytes, and
  every notebook is at most 1 MB.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + [ROOT / "demo" / "explorers.ipynb"]
MAX_NOTEBOOK_BYTES = 1_000_000
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _tool():
    spec = importlib.util.spec_from_file_location("execute_notebooks",
                                                  ROOT / "tools" / "execute_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _cells(notebook) -> list[tuple[str, str, dict]]:
    """(type, source, slide and tag metadata) of each cell: what a reviewer reads."""
    return [(cell.cell_type, cell.source.rstrip("\n"),
             {key: cell.metadata[key] for key in ("slideshow", "tags") if key in cell.metadata})
            for cell in notebook.cells]


@pytest.fixture(scope="module")
def tool():
    return _tool()


def test_every_notebook_has_one_text_pair_and_every_text_file_a_notebook(tool):
    expected = set()
    for notebook in NOTEBOOKS:
        pairs = tool.text_pairs(notebook)
        assert [fmt["format_name"] for _, fmt in pairs] == ["percent"], _name(notebook)
        expected |= {path.resolve() for path, _ in pairs}
    missing = sorted(_name(path) for path in expected if not path.is_file())
    assert not missing, f"text pairs missing (run `make pair-notebooks`): {missing}"
    found = {path.resolve() for folder in ("notebooks", "demo")
             for path in (ROOT / folder / "text").glob("*")}
    orphans = sorted(_name(path) for path in found - expected)
    assert not orphans, f"text files without a notebook (delete them): {orphans}"


def _differences(ipynb, text) -> list[str]:
    expected, actual = _cells(ipynb), _cells(text)
    differences = [f"cell {i}: notebook {e!r}\n        text     {a!r}"
                   for i, (e, a) in enumerate(zip(expected, actual)) if e != a]
    if len(expected) != len(actual):
        differences.append(f"{len(expected)} cells in the notebook, {len(actual)} in the text")
    return differences


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=_name)
def test_text_pair_has_the_notebooks_cells(tool, notebook):
    import jupytext
    import nbformat

    ipynb = nbformat.read(notebook, as_version=4)
    for text_path, fmt in tool.text_pairs(notebook):
        differences = _differences(ipynb, jupytext.read(text_path, fmt=fmt))
        assert not differences, (f"{_name(text_path)} is out of sync with {_name(notebook)} "
                                 "(run `make pair-notebooks`):\n" + "\n".join(differences[:5]))


def test_the_pair_check_sees_a_changed_cell_and_a_faithful_pair(tool, tmp_path):
    """The check above passes a pair as the tool writes it and fails one with an edited cell."""
    import jupytext
    import nbformat

    notebook = ROOT / "notebooks" / "00_overview.ipynb"
    ipynb = nbformat.read(notebook, as_version=4)
    (_, fmt), = tool.text_pairs(notebook)
    faithful = tmp_path / "faithful.py"
    faithful.write_text(tool.text_of(ipynb, notebook, fmt), encoding="utf-8")
    assert _differences(ipynb, jupytext.read(faithful, fmt=fmt)) == []
    edited = nbformat.read(notebook, as_version=4)
    edited.cells[-1].source += "\nan edit the notebook does not have"
    edited.cells[0].metadata["slideshow"] = {"slide_type": "skip"}
    stale = tmp_path / "stale.py"
    stale.write_text(tool.text_of(edited, notebook, fmt), encoding="utf-8")
    assert [d.split(":")[0] for d in _differences(ipynb, jupytext.read(stale, fmt=fmt))] == \
        ["cell 0", f"cell {len(ipynb.cells) - 1}"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=_name)
def test_notebook_is_at_most_1_mb(notebook):
    size = notebook.stat().st_size
    assert size <= MAX_NOTEBOOK_BYTES, f"{_name(notebook)} is {size / 1e6:.2f} MB (at most 1 MB)"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=_name)
def test_notebook_has_no_run_to_run_noise(tool, notebook):
    """What `make execute-notebooks` leaves: nothing that differs between two runs."""
    data = json.loads(notebook.read_text(encoding="utf-8"))
    problems = []
    if "widgets" in data["metadata"]:
        problems.append("widget state in the notebook metadata")
    for index, cell in enumerate(data["cells"]):
        volatile = [key for key in tool.VOLATILE_CELL_METADATA if key in cell["metadata"]]
        if volatile:
            problems.append(f"cell {index}: metadata {volatile} (execution timestamps)")
        outputs = cell.get("outputs", [])
        position = 0
        for output in outputs:
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is not None:
                stable = tool.stable_model_id(notebook.name, cell.get("id", str(index)), position)
                if view["model_id"] != stable:
                    problems.append(f"cell {index}: a random widget model id")
                position += 1
        streams = [(o["output_type"], o.get("name")) for o in outputs]
        if any(a == b and a[0] == "stream" for a, b in zip(streams, streams[1:])):
            problems.append(f"cell {index}: a stream output split in two")
    assert not problems, (f"{_name(notebook)} was not executed by `make execute-notebooks`:\n"
                          + "\n".join(problems[:8]))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=_name)
def test_static_figures_are_compact_pngs_no_wider_than_the_output_area(notebook):
    from PIL import Image

    from lecture_utils.figures.rendering import MAX_PNG_WIDTH

    problems = []
    for index, cell in enumerate(json.loads(notebook.read_text(encoding="utf-8"))["cells"]):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" not in data:
                continue
            png = data["image/png"]
            image = Image.open(io.BytesIO(base64.b64decode("".join(png) if isinstance(png, list) else png)))
            if image.info.get("Software") or image.mode not in ("P", "RGBA", "LA"):
                problems.append(f"cell {index}: a {image.mode} PNG with {sorted(image.info)}: "
                                "not made by figure_png/compact_png")
            if WIDGET_VIEW not in data and image.width > MAX_PNG_WIDTH:
                problems.append(f"cell {index}: {image.width} px wide (at most {MAX_PNG_WIDTH})")
    assert not problems, f"{_name(notebook)}:\n" + "\n".join(problems[:8])


def test_figure_png_is_reproducible_small_and_fits_the_output_area():
    import numpy as np
    from matplotlib.figure import Figure
    from PIL import Image

    from lecture_utils.figures.base import new_figure
    from lecture_utils.figures.rendering import MAX_PNG_WIDTH, figure_png

    def picture(width_ratio: float) -> Figure:
        fig, axes = new_figure(1, 3, width_ratio=width_ratio)
        x, y = np.meshgrid(np.linspace(-2, 2, 60), np.linspace(-2, 2, 60))
        for k, ax in enumerate(axes):
            ax.contour(x, y, x ** 2 + (k + 2) * y ** 2 + x * y, levels=20)
            ax.plot(range(50), [(i * (k + 1)) % 7 for i in range(50)], label=f"series {k}")
            ax.legend()
        return fig

    first, second = figure_png(picture(1.0)), figure_png(picture(1.0))
    assert first == second, "the same figure must give the same bytes"
    image = Image.open(io.BytesIO(first))
    assert image.mode == "P" and not image.info.get("Software")
    assert 850 <= image.width <= MAX_PNG_WIDTH  # 9 inches at 100 dpi: drawn at its own size
    wide = Image.open(io.BytesIO(figure_png(picture(1.8))))
    assert MAX_PNG_WIDTH - 10 <= wide.width <= MAX_PNG_WIDTH  # 16 inches: drawn narrower
    true_colour = io.BytesIO()
    picture(1.0).savefig(true_colour, format="png", bbox_inches="tight")
    assert len(first) < 0.7 * len(true_colour.getvalue())
    with pytest.raises(TypeError, match="figure"):
        figure_png(None)


def test_ipython_shows_figures_with_figure_png():
    from IPython.core.formatters import PNGFormatter
    from matplotlib.figure import Figure

    from lecture_utils.figures import rendering

    class Shell:
        class display_formatter:
            formatters = {"image/png": PNGFormatter()}

    import IPython

    original = IPython.get_ipython
    IPython.get_ipython = lambda: Shell()
    try:
        assert rendering.show_figures_as_png()
    finally:
        IPython.get_ipython = original
    assert Shell.display_formatter.formatters["image/png"].lookup_by_type(Figure) is rendering.figure_png


def test_gitattributes_mark_notebooks_for_notebook_diffs_and_pairs_as_text():
    lines = [line.split() for line in (ROOT / ".gitattributes").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    attributes = {line[0]: set(line[1:]) for line in lines}
    assert {"diff=jupyternotebook", "merge=jupyternotebook"} <= attributes["*.ipynb"]
    for pattern in ("notebooks/text/*.py", "demo/text/*.py"):
        assert {"text", "eol=lf"} <= attributes[pattern], pattern


def test_pytest_does_not_import_the_text_pairs():
    """A text pair is the notebook's code as a module: collecting it would run the notebook."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "--doctest-modules",
         "-p", "no:nbval", "notebooks"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "text/" not in result.stdout, result.stdout
    assert result.returncode == 5, result.stdout + result.stderr  # 5: no tests collected


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=_name)
def test_cells_tagged_clear_output_have_no_committed_outputs(tool, notebook):
    """An exercise whose output would answer the question ships without it: nbval runs the
    cell (nbval-ignore-output) but does not compare its output with the absent one."""
    import nbformat

    data = nbformat.read(notebook, as_version=4)
    for index in tool.cleared_cells(data):
        cell = data.cells[index]
        assert not cell.outputs, f"{_name(notebook)}, cell {index}: tagged clear-output, has outputs"
        assert tool.NBVAL_IGNORE_OUTPUT_TAG in cell.metadata.get("tags", []), (
            f"{_name(notebook)}, cell {index}: tagged clear-output without nbval-ignore-output")
        assert isinstance(cell.execution_count, int), f"{_name(notebook)}, cell {index}"


def test_the_tool_clears_the_outputs_of_tagged_cells_and_keeps_their_counts(tool):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    def cell(tags, count):
        made = new_code_cell("print('Not yet: ...')", execution_count=count,
                             outputs=[new_output("stream", name="stdout", text="Not yet: ...\n")])
        made.metadata["tags"] = tags
        return made

    notebook = new_notebook(cells=[cell([], 1), cell(["clear-output", "nbval-ignore-output"], 2),
                                   cell(["nbval-ignore-output"], 3)])
    tool.check_clear_output_tags(notebook, "x.ipynb")            # both tags: accepted
    tool.normalise(notebook, "x.ipynb")
    assert [len(c.outputs) for c in notebook.cells] == [1, 0, 1]
    assert [c.execution_count for c in notebook.cells] == [1, 2, 3]
    assert tool.cleared_cells(notebook) == [1]
    nbformat.validate(notebook)
    notebook.cells[1].metadata["tags"] = ["clear-output"]         # nbval would compare it
    with pytest.raises(SystemExit, match="nbval-ignore-output"):
        tool.check_clear_output_tags(notebook, "x.ipynb")
