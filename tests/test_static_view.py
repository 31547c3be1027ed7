"""Without a kernel (GitHub, nbviewer, ``jupyter nbconvert --to html``) every figure shows.

For each committed notebook (``notebooks/*.ipynb``, or ``LU_NOTEBOOK_DIR``):

- every code-cell output that carries ``image/png`` becomes an ``<img src="data:image/png…">``
  in nbconvert's HTML, and the HTML holds at least as many PNGs as the notebook's outputs.
  (With stored widget state nbconvert renders an ipympl output as a widget placeholder and
  drops its PNG: this catches notebooks committed with ``store_widget_state=True``);
- a Matplotlib figure output (``<Figure size …>``) always carries its PNG (otherwise the
  reader sees only that text);
- a notebook that shows any figure or widget (an explorer) has at least one PNG, i.e. the
  static counterpart of its explorers.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

import nbformat
import pytest
from nbconvert import HTMLExporter

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = Path(os.environ.get("LU_NOTEBOOK_DIR") or REPO_ROOT / "notebooks")
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
EMBEDDED_PNG = re.compile(r'<img\b[^>]*\bsrc="data:image/png;base64,([^"]+)"')
FIGURE_REPR = re.compile(r"^<(matplotlib\.figure\.)?Figure size \d+(\.\d+)?x\d+(\.\d+)?")


def _read(path: Path) -> nbformat.NotebookNode:
    with warnings.catch_warnings():  # nbformat's own validation notes are not this test's job
        warnings.simplefilter("ignore")
        return nbformat.read(path, as_version=4)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _outputs(nb: nbformat.NotebookNode):
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.get("output_type") in {"display_data", "execute_result"}:
                    yield index, output


def png_outputs(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """(cell index, base64 PNG) for every code-cell output carrying ``image/png``."""
    return [
        (index, re.sub(r"\s+", "", _text(output["data"]["image/png"])))
        for index, output in _outputs(nb)
        if "image/png" in output.get("data", {})
    ]


def figure_outputs(nb: nbformat.NotebookNode) -> list[int]:
    """Cells whose outputs show a figure or a widget (explorer): things a reader should see."""
    cells = []
    for index, output in _outputs(nb):
        data = output.get("data", {})
        plain = _text(data.get("text/plain", ""))
        if (any(m.startswith("image/") for m in data) or WIDGET_VIEW in data
                or FIGURE_REPR.match(plain)):
            cells.append(index)
    return cells


@pytest.fixture(scope="module")
def exporter() -> HTMLExporter:
    return HTMLExporter()


notebook_params = pytest.mark.parametrize(
    "notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS]
)


@notebook_params
def test_every_png_output_is_embedded_in_the_html(notebook: Path, exporter: HTMLExporter):
    nb = _read(notebook)
    pngs = png_outputs(nb)
    html, _ = exporter.from_notebook_node(nb)
    embedded = [re.sub(r"\s+", "", data) for data in EMBEDDED_PNG.findall(html)]
    n_png, n_embedded = len(pngs), len(embedded)
    assert n_embedded >= n_png, (
        f"{notebook.name}: {n_png} image/png output(s) but only {n_embedded} "
        "<img src=\"data:image/png…\"> in nbconvert's HTML (stored widget state hides ipympl's PNG?)"
    )
    shown = set(embedded)
    missing = sorted({index for index, data in pngs if data not in shown})
    assert not missing, f"{notebook.name}: the PNG of cell(s) {missing} is not in the HTML"


@notebook_params
def test_figures_carry_a_png(notebook: Path):
    nb = _read(notebook)
    text_only = [
        index for index, output in _outputs(nb)
        if FIGURE_REPR.match(_text(output.get("data", {}).get("text/plain", "")))
        and "image/png" not in output.get("data", {})
    ]
    assert not text_only, (
        f"{notebook.name}: cell(s) {text_only} show a Figure only as text (no image/png)"
    )
    figures = figure_outputs(nb)
    has_png = bool(png_outputs(nb))
    if figures:
        assert has_png, (
            f"{notebook.name}: cells {figures} show figures/widgets but the notebook has no "
            "PNG output, so GitHub and nbviewer readers see no figure at all"
        )
