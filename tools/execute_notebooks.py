"""Execute notebooks in place without run-to-run noise, and write their text pairs.

Behind ``make execute-notebooks`` (execute, then pair) and ``make pair-notebooks`` (pair only).

Re-running an unchanged notebook must change nothing in git, so that a reviewer sees only
what a change did. After executing a notebook top to bottom on a fresh kernel (nbclient),
this script removes what differs from run to run:

- no execution timestamps (nbclient's ``record_timing`` is off, and the ``execution`` /
  ``ExecuteTime`` cell metadata of older runs is removed);
- no widget state in the notebook metadata (explorers are live only with a kernel; their
  output carries a static PNG for readers without one);
- the model id of every widget view output (a random UUID per run) is replaced by one
  derived from the notebook's name, the cell's id and the output's position (32 hex digits,
  like a UUID, so ``tests/nbval_sanitize.cfg`` still masks it);
- consecutive outputs of one stream (stdout, stderr) are merged into one: how the kernel
  splits printed text into messages depends on timing;
- the kernel runs with ``PYTHONHASHSEED=0``, so that nothing printed depends on hash order;
- the text pairs' metadata filter is recorded in the notebook's metadata, as JupyterLab's
  jupytext does on the first save (so that saving an executed notebook changes nothing).

A code cell tagged ``clear-output`` runs like every cell (so an error in it still fails the
run), but is committed without outputs; its execution count is kept, so the notebook still
reads as executed in order. It is for exercises whose output would answer the question
(a classmate's answer to diagnose before running the checker). Such a cell must also carry
nbval's ``nbval-ignore-output`` tag: nbval then runs it without comparing its (new) output
with the (absent) committed one. ``nbval-skip`` would not run it at all, so a later cell
that uses its variables would fail, and an error in it would go unnoticed.

Figures are PNGs that are the same bytes on every run (``lecture_utils.figures.rendering``:
``figure_png`` and ``compact_png``).

Each notebook is paired with a text file in jupytext's percent format, ``text/<name>.py``
next to it (the ``[tool.jupytext]`` settings of ``pyproject.toml``; JupyterLab keeps the
pair in sync on save). The notebook is the source: this script always writes the text file
from it, never the other way round. ``tests/test_notebook_files.py`` checks that every pair
is in sync.

Usage::

    python tools/execute_notebooks.py notebooks/*.ipynb          # execute, normalise, pair
    python tools/execute_notebooks.py --pair-only demo/explorers.ipynb   # text pair only
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import os
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from jupytext.config import load_jupytext_config, notebook_formats
from jupytext.paired_paths import paired_paths
from nbclient import NotebookClient

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Cell metadata that records when a cell ran (nbclient, nbconvert, JupyterLab extensions).
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime")
#: Notebook metadata that records the widgets' state of one run.
VOLATILE_NOTEBOOK_METADATA = ("widgets",)
#: The tag of a code cell committed without outputs, and the nbval tag it must carry too.
CLEAR_OUTPUT_TAG = "clear-output"
NBVAL_IGNORE_OUTPUT_TAG = "nbval-ignore-output"


def cleared_cells(notebook: nbformat.NotebookNode) -> list[int]:
    """Indices of the code cells tagged ``clear-output``."""
    return [index for index, cell in enumerate(notebook.cells)
            if cell.cell_type == "code" and CLEAR_OUTPUT_TAG in cell.metadata.get("tags", [])]


def check_clear_output_tags(notebook: nbformat.NotebookNode, name: str) -> None:
    """Raise ``SystemExit`` if a ``clear-output`` cell lacks the ``nbval-ignore-output`` tag
    (nbval would compare its new output with the absent committed one and fail)."""
    missing = [index for index in cleared_cells(notebook)
               if NBVAL_IGNORE_OUTPUT_TAG not in notebook.cells[index].metadata.get("tags", [])]
    if missing:
        raise SystemExit(f"{name}: cells {missing} are tagged {CLEAR_OUTPUT_TAG!r} but not "
                         f"{NBVAL_IGNORE_OUTPUT_TAG!r}; add that tag too")


def clear_tagged_outputs(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove the outputs of the ``clear-output`` cells (in place; returned); keep their
    execution counts."""
    for index in cleared_cells(notebook):
        notebook.cells[index].outputs = []
    return notebook


def stable_model_id(notebook_name: str, cell_id: str, position: int) -> str:
    """A widget view's model id that depends only on where the output is (32 hex digits).

    >>> stable_model_id("01_derivatives.ipynb", "a1b2", 0) == stable_model_id("01_derivatives.ipynb", "a1b2", 0)
    True
    >>> len(stable_model_id("01_derivatives.ipynb", "a1b2", 0))
    32
    """
    key = f"{notebook_name}/{cell_id}/{position}".encode()
    return hashlib.sha256(key).hexdigest()[:32]


def merge_streams(outputs: list) -> list:
    """``outputs`` with each run of consecutive outputs of the same stream merged into one.

    >>> from nbformat.v4 import new_output
    >>> merged = merge_streams([new_output("stream", name="stdout", text="a"),
    ...                         new_output("stream", name="stdout", text="\\n"),
    ...                         new_output("stream", name="stderr", text="b\\n")])
    >>> [(o.name, o.text) for o in merged]
    [('stdout', 'a\\n'), ('stderr', 'b\\n')]
    """
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream"
                and previous.get("name") == output.get("name")):
            previous["text"] = _text(previous["text"]) + _text(output["text"])
        else:
            merged.append(output)
    return merged


def _text(text: str | list[str]) -> str:
    return text if isinstance(text, str) else "".join(text)


def normalise(notebook: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Remove the run-to-run noise from an executed ``notebook``, and the outputs of the
    cells tagged ``clear-output`` (in place; returned)."""
    clear_tagged_outputs(notebook)
    for key in VOLATILE_NOTEBOOK_METADATA:
        notebook.metadata.pop(key, None)
    for index, cell in enumerate(notebook.cells):
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if "outputs" in cell:
            cell.outputs = merge_streams(cell.outputs)
        position = 0
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is not None:
                view["model_id"] = stable_model_id(name, cell.get("id", str(index)), position)
                position += 1
    return notebook


def record_pairing_options(notebook: nbformat.NotebookNode, path: Path) -> nbformat.NotebookNode:
    """Record the text pairs' metadata filter in ``notebook`` as JupyterLab does on save.

    Jupytext writes the configured ``notebook_metadata_filter`` into the notebook's metadata
    the first time it saves it; doing the same here keeps a save in JupyterLab from changing
    a freshly executed notebook.
    """
    config = load_jupytext_config(str(path.resolve()))
    if config is not None and config.notebook_metadata_filter:
        notebook.metadata.setdefault("jupytext", {})["notebook_metadata_filter"] = \
            config.notebook_metadata_filter
    return notebook


def execute(path: Path, timeout: int = 120) -> nbformat.NotebookNode:
    """Execute the notebook at ``path`` top to bottom on a fresh kernel; return it normalised."""
    notebook = nbformat.read(path, as_version=4)
    check_clear_output_tags(notebook, path.name)
    os.environ["PYTHONHASHSEED"] = "0"  # inherited by the kernel
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name=notebook.metadata.get("kernelspec", {}).get("name", "python3"),
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=False,
    )
    client.execute()
    return record_pairing_options(normalise(notebook, path.name), path)


def text_pairs(path: Path) -> list[tuple[Path, dict]]:
    """The text files paired with the notebook at ``path`` and their jupytext formats."""
    config = load_jupytext_config(str(path.resolve()))
    if config is None:
        raise SystemExit(f"no jupytext configuration found for {path} (pyproject.toml [tool.jupytext])")
    notebook = nbformat.read(path, as_version=4)
    formats = notebook_formats(notebook, config, str(path), fallback_on_current_fmt=False)
    return [(Path(alt_path), fmt) for alt_path, fmt in paired_paths(str(path), "ipynb", formats)
            if fmt["extension"] != ".ipynb"]


def text_of(notebook: nbformat.NotebookNode, path: Path, fmt: dict) -> str:
    """The text the paired file of the notebook at ``path`` must contain (as JupyterLab writes it)."""
    config = load_jupytext_config(str(path.resolve()))
    return jupytext.writes(copy.deepcopy(notebook), fmt=fmt, config=config)


def write_pairs(path: Path) -> list[Path]:
    """Write the text files paired with the notebook at ``path`` from it; return their paths."""
    notebook = nbformat.read(path, as_version=4)
    written = []
    for text_path, fmt in text_pairs(path):
        text = text_of(notebook, path, fmt)
        if not text_path.exists() or text_path.read_text(encoding="utf-8") != text:
            text_path.parent.mkdir(parents=True, exist_ok=True)
            text_path.write_text(text, encoding="utf-8")
        written.append(text_path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--pair-only", action="store_true",
                        help="only write the text files from the notebooks (no execution)")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell (default 120)")
    args = parser.parse_args(argv)
    for path in args.notebooks:
        if path.suffix != ".ipynb" or not path.is_file():
            parser.error(f"not a notebook: {path}")
        if not args.pair_only:
            start = time.perf_counter()
            notebook = execute(path, args.timeout)
            nbformat.write(notebook, path)
            print(f"executed {path} in {time.perf_counter() - start:.1f} s", flush=True)
        for text_path in write_pairs(path):
            print(f"paired   {path} -> {text_path}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
