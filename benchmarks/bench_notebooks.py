"""Execution time of every notebook on a fresh kernel (target: ≤ 20 s each).

Runs each notebook top to bottom with nbclient, as CI and nbval do, three times, and prints
a Markdown table with the median and the slowest of the runs. Nothing is written back.

Run: .venv/bin/python benchmarks/bench_notebooks.py [NAME ...]
(each NAME selects the notebooks whose file name contains it, e.g. ``10_step``; all without)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
RUNS = 3


def execute_seconds(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def main(names: list[str]) -> None:
    chosen = [path for path in NOTEBOOKS if not names or any(n in path.name for n in names)]
    if not chosen:
        raise SystemExit(f"no notebook's name contains any of {names}")
    print("| notebook | code cells | median (s) | slowest (s) | runs |")
    print("|---|---:|---:|---:|---:|")
    for path in chosen:
        cells = sum(c.cell_type == "code" for c in nbformat.read(path, as_version=4).cells)
        times = [execute_seconds(path) for _ in range(RUNS)]
        print(f"| {path.name} | {cells} | {statistics.median(times):.1f} | {max(times):.1f} | {RUNS} |")


if __name__ == "__main__":
    main(sys.argv[1:])
