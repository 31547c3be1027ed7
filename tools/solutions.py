"""The instructors' handout: every "Check yourself" exercise with its hints and worked solution,
grouped by notebook: ``make solutions``.

Writes ``<out>/solutions.md`` (Markdown with LaTeX) and ``<out>/solutions.html`` (the same,
rendered by nbconvert with MathJax, from an in-memory notebook of Markdown cells). The
solutions are data in ``lecture_utils/exercises/worked/`` (never in the notebooks' outputs);
students get them one at a time with ``solution("<id>")`` after an attempt.

Usage: ``python tools/solutions.py [OUT_DIR]`` (default: build).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from lecture_utils.exercises.assist import exercises, solution_text  # noqa: E402


def notebook_title(stem: str) -> str:
    """The notebook's first heading (its title), or its file name."""
    path = ROOT / "notebooks" / f"{stem}.ipynb"
    if path.exists():
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for line in "".join(cell["source"]).splitlines():
                if cell["cell_type"] == "markdown" and line.startswith("# "):
                    return line[2:].strip()
    return stem


def sections() -> list[str]:
    """One Markdown section per notebook: each exercise's id, hints and worked solution."""
    by_notebook: dict[str, list] = {}
    for exercise in exercises().values():
        by_notebook.setdefault(exercise.notebook, []).append(exercise)
    parts = []
    for stem, items in by_notebook.items():
        lines = [f"## {notebook_title(stem)} (`notebooks/{stem}.ipynb`)", ""]
        for exercise in items:
            lines += [f"### Exercise {exercise.number} — `{exercise.id}` ({exercise.checker})", ""]
            lines += [f"*Hint {k}:* {text}" + "\n" for k, text in enumerate(exercise.hints, 1)]
            lines += [solution_text(exercise.id), ""]
        parts.append("\n".join(lines))
    return parts


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    head = ("# Check yourself: hints and worked solutions (for instructors)\n\n"
            "Students see a hint with `hint(\"<id>\")`, `hint(\"<id>\", 2)` and a worked solution "
            "with `solution(\"<id>\")` after they have run the exercise's checker on an answer "
            "of their own.")
    parts = sections()
    (out / "solutions.md").write_text("\n\n".join([head, *parts]) + "\n", encoding="utf-8")
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell(text) for text in (head, *parts)],
        metadata={"title": "Check yourself: hints and worked solutions"})
    html, _ = HTMLExporter(exclude_input_prompt=True).from_notebook_node(notebook)
    (out / "solutions.html").write_text(html, encoding="utf-8")
    print(f"wrote {out / 'solutions.md'} and {out / 'solutions.html'}: "
          f"{len(exercises())} exercises from {len(parts)} notebooks")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build")
