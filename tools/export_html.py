"""Export the notebooks to HTML pages that keep the client-side sliders live: ``make html``.

The committed notebooks hold each explorer's static picture only (GitHub, nbviewer). Here the
notebooks whose explorers have client-side frames (``FRAMED``: the Taylor order, the
gradient-descent step size; :mod:`lecture_utils.explorers.frames`) are executed again, in
memory, with ``LU_EXPORT_FRAMES=1`` in the kernel's environment: their explorers then add a
self-contained player (a range input, the frames as ``data:`` images, one inline script) to
their display, which nbconvert prefers to the widget view (the notebooks hold no widget state).
Nothing is written back to the notebooks. The other notebooks are exported as committed.

The pages load MathJax and require.js from ``<out>/_static`` (the same local copies as
``tools/build_slides.py``): open ``<out>/02_taylor_series.html`` from ``file://`` with no
network, and the order slider moves the picture. ``tests/browser/test_client_frames.py``
checks it.

Usage: ``python tools/export_html.py [NOTEBOOK_DIR] [OUT_DIR]`` (defaults: notebooks, html).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Iterator

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_slides  # noqa: E402

#: Calls in a notebook's code that make an explorer with client-side frames.
FRAMED = ("taylor_explorer(", "descent_explorer(")
EXPORT_ENV = "LU_EXPORT_FRAMES"   # lecture_utils.explorers.frames.EXPORT_ENV


def has_frames(notebook: nbformat.NotebookNode) -> bool:
    """Whether a code cell of ``notebook`` makes an explorer with client-side frames."""
    return any(cell.cell_type == "code" and any(call in cell.source for call in FRAMED)
               for cell in notebook.cells)


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def with_live_frames(path: Path, timeout: int = 180) -> nbformat.NotebookNode:
    """The notebook at ``path``, executed again (in memory) if it has framed explorers, with
    ``LU_EXPORT_FRAMES=1`` so that they carry their HTML player; else as committed."""
    notebook = nbformat.read(path, as_version=4)
    if not has_frames(notebook):
        return notebook
    with _environment(**{EXPORT_ENV: "1", "PYTHONHASHSEED": "0"}):
        NotebookClient(notebook, timeout=timeout,
                       kernel_name=notebook.metadata.get("kernelspec", {}).get("name", "python3"),
                       resources={"metadata": {"path": str(path.parent)}},
                       store_widget_state=False).execute()
    return notebook


def exporter() -> HTMLExporter:
    """nbconvert's HTML exporter (lab template), pointed at the local copies in ``_static``."""
    page = HTMLExporter(template_name="lab")
    page.require_js_url = "_static/require.js"
    page.jquery_url = "_static/jquery.min.js"
    page.mathjax_url = f"_static/MathJax/MathJax.js?config={build_slides.MATHJAX_CONFIG}"
    page.exclude_input_prompt = True
    page.exclude_output_prompt = True
    return page


def build(notebooks: Path, out: Path, names: list[str] | None = None) -> list[Path]:
    """Write ``out/<name>.html`` for the notebooks of ``notebooks`` (or only ``names``)."""
    out.mkdir(parents=True, exist_ok=True)
    build_slides.copy_assets(out)
    page, written = exporter(), []
    for path in sorted(notebooks.glob("*.ipynb")):
        if names and path.name not in names and path.stem not in names:
            continue
        body, _ = page.from_notebook_node(with_live_frames(path))
        body = body.replace("<!-- Load mathjax -->",
                            build_slides.MATHJAX_FONTS + "<!-- Load mathjax -->", 1)
        target = out / f"{path.stem}.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str]) -> None:
    args = argv[1:]
    notebooks = Path(args[0]) if args else Path("notebooks")
    out = Path(args[1]) if len(args) > 1 else Path("html")
    for path in build(notebooks, out, args[2:] or None):
        print(f"wrote {path}")


if __name__ == "__main__":
    main(sys.argv)
