"""Every notebook runs in JupyterLab, its widgets render, and its explorers respond.

For each notebook of the notebook folder (``LU_NOTEBOOK_DIR``, default ``notebooks/``):

1. open it (outputs cleared in the served copy), run all cells, wait until every non-empty
   code cell has run and the kernel is idle;
2. no error output, no broken widget view ("Error displaying widget", "model not found",
   "Click to show javascript error.", a "Loading widget..." that stays, a plain-text repr);
3. every ``.lu-explorer``: each dropdown option (up to three others, then back) changes the
   figure; each slider moved with the keyboard (ArrowRight ×3, End, Home) changes the
   figure, and goes back to its initial value before the next control is tried; each text box rejects ``sin(x`` and ``__import__('os')`` with a message in the
   explorer's ``.lu-status.lu-error`` and accepts a valid function (``x^2``: the error goes,
   the figure changes); no ``.lu-error`` is left;
4. the kernel published no error and no stderr outside cell executions (widget callbacks);
5. in JupyterLab's dark theme every figure (static image or ipympl canvas) has an opaque,
   light face: no figure lets the dark background through its black text.
"""

from __future__ import annotations

import re

import pytest

import lab_driver
from lab_driver import Explorer, LabError, LabNotebook

NOTEBOOKS = lab_driver.discover_notebooks()

#: Typed functions that must be rejected with a parser message, and valid ones to type next.
INVALID_FUNCTIONS = ("sin(x", "__import__('os')")
VALID_FUNCTIONS = ("x^2", "x^3 - 2*x", "cos(x)")

pytestmark = pytest.mark.browser


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("**", "^")


def _status_error(state: dict) -> str | None:
    """The text of the explorer's ``.lu-status`` that has ``lu-error``, if any."""
    for status in state["statuses"]:
        if status["error"] and status["text"]:
            return status["text"]
    return None


def exercise_slider(nb: LabNotebook, ex: Explorer, index: int) -> None:
    name = f"{ex.label()}, slider {ex.sliders[index]!r}"
    handle = nb.slider_handle(ex, index)
    lo, hi = nb.slider_bounds(ex, index)
    if lo == hi:
        raise LabError(f"{name}: min == max ({lo}), nothing to move")
    figure = nb.settled_figure(ex)

    start = nb.slider_value(ex, index)
    for key in ("ArrowRight", "ArrowLeft"):  # ArrowLeft only when it starts at its maximum
        for _ in range(3):
            handle.press(key)
        if nb.slider_value(ex, index) != start:
            break
    else:
        raise LabError(f"{name}: ArrowRight/ArrowLeft do not move it (value {start})")
    figure = nb.wait_figure_change(ex, figure, what=f"{key} ×3 on {name}")

    for key in ("End", "Home"):
        value = nb.slider_value(ex, index)
        handle.press(key)
        if nb.slider_value(ex, index) == value:
            continue  # already there
        figure = nb.wait_figure_change(ex, figure, what=f"{key} on {name}")

    message = _status_error(nb.explorer_state(ex, with_figure=False))
    if message:
        raise LabError(f"{name}: the status shows an error after moving it: {message}")
    _return_to(nb, ex, index, start, name)


def _return_to(nb: LabNotebook, ex: Explorer, index: int, start: str, name: str) -> None:
    """Move the slider back to ``start`` with the keyboard (it was left at its minimum), so
    that the next control is tried from the explorer's initial state: e.g. the gradient-flow
    explorer's weight scale moves a bar by a fraction of a pixel per step at depth K = 1,
    the slider minimum, but visibly at the initial K = 10."""
    target, handle = float(start), nb.slider_handle(ex, index)
    tolerance = 1e-9 * max(1.0, abs(target))
    page = nb.slider_step(ex, index) * 5         # noUiSlider's PageUp: five steps
    for _ in range(1000):
        value = float(nb.slider_value(ex, index))
        if value >= target - tolerance:
            break
        handle.press("PageUp" if value + page <= target + tolerance else "ArrowRight")
    else:
        raise LabError(f"{name}: 1000 presses of PageUp/ArrowRight did not bring it back to {start}")
    if abs(value - target) > tolerance:
        raise LabError(f"{name}: PageUp/ArrowRight from the minimum pass {start} (at {value})")
    nb.settled_figure(ex)


def exercise_text_box(nb: LabNotebook, ex: Explorer, index: int) -> None:
    name = f"{ex.label()}, text box {ex.texts[index]!r}"
    box = nb.text_box(ex, index)
    current = _normalise(box.input_value())
    for invalid in INVALID_FUNCTIONS:
        figure = nb.settled_figure(ex)
        earlier = _status_error(nb.explorer_state(ex, with_figure=False))
        if earlier:
            raise LabError(f"{name}: the status shows an error before typing: {earlier}")
        box.fill(invalid)
        box.press("Enter")
        state = nb.wait_for(
            lambda: nb.explorer_state(ex, with_figure=False),
            lambda s: _status_error(s) is not None,
            10,
            f"{name}: a parser message in .lu-status.lu-error after typing {invalid!r}",
        )
        message = _status_error(state)
        if "Traceback" in message:
            raise LabError(f"{name}: {invalid!r} shows a traceback, not a message: {message}")

        valid = next(f for f in VALID_FUNCTIONS if _normalise(f) != current)
        figure = nb.settled_figure(ex)
        box.fill(valid)
        box.press("Enter")
        nb.wait_for(
            lambda: nb.explorer_state(ex, with_figure=False),
            lambda s: not s["errors"],
            10,
            f"{name}: the error to go after typing {valid!r} (was: {message!r})",
        )
        nb.wait_figure_change(ex, figure, what=f"typing {valid!r} into {name}")
        current = _normalise(valid)


def exercise_dropdown(nb: LabNotebook, ex: Explorer, index: int) -> None:
    info = ex.dropdowns[index]
    name = f"{ex.label()}, dropdown {index} {info['options']}"
    select = nb.dropdown(ex, index)
    current = select.input_value()  # the text-box checks may have changed it
    others = [o for o in info["options"] if o != current][:3]
    for option in [*others, current] if others else []:
        figure = nb.settled_figure(ex)
        select.select_option(value=option)
        nb.wait_figure_change(ex, figure, what=f"choosing {option!r} in {name}")
        message = _status_error(nb.explorer_state(ex, with_figure=False))
        if message:
            raise LabError(f"{name}: choosing {option!r} shows an error: {message}")


def exercise_explorer(nb: LabNotebook, ex: Explorer) -> list[str]:
    """Run every check on one explorer; return the problems found (empty when all is well)."""
    problems: list[str] = []
    if ex.figures == 0:
        return [f"{ex.label()}: no figure (ipympl canvas or image) inside the explorer"]
    if not ex.sliders and not ex.texts and not ex.dropdowns:
        problems.append(f"{ex.label()}: no slider, text box or dropdown to drive")
    try:
        nb.settled_figure(ex)
    except LabError as exc:  # nothing else can be checked on a figure that never drew
        return [*problems, str(exc)]
    # Drop-downs first, from the explorer's initial state (sliders at their ends may leave a
    # point where a listed function is legitimately rejected, e.g. log(1 + x) at x0 = -3);
    # each drop-down ends on its initial option.
    steps = (
        [(exercise_dropdown, i) for i in range(len(ex.dropdowns))]
        + [(exercise_slider, i) for i in range(len(ex.sliders))]
        + [(exercise_text_box, i) for i in range(len(ex.texts))]
    )
    for step, i in steps:
        try:
            step(nb, ex, i)
        except LabError as exc:
            problems.append(str(exc))
    state = nb.explorer_state(ex, with_figure=False)
    if state["errors"]:
        problems.append(f"{ex.label()}: .lu-error left at the end: {state['errors']}")
    return problems


def _callback_messages(messages: list[dict], since: int) -> list[str]:
    """Kernel errors/stderr that no cell shows: any error from a widget message, and
    anything on stderr once the notebook has run (i.e. while the widgets were driven)."""
    found = []
    for k, m in enumerate(messages):
        lines = lab_driver.strip_ansi(m["text"]).strip().splitlines()
        text = lines[0] + ("\n    ...\n    " + "\n    ".join(lines[-4:]) if len(lines) > 5 else
                           "".join("\n    " + line for line in lines[1:]))
        during = m["parent"] or "an unknown request"
        if m["type"] == "error" and m["parent"] != "execute_request":
            found.append(f"kernel error during {during} (a widget callback?): {text}")
        elif m["type"] == "stderr" and k >= since:
            found.append(f"kernel stderr during {during}: {text}")
    counts: dict[str, int] = {}
    for message in found:
        counts[message] = counts.get(message, 0) + 1
    return [m if n == 1 else f"({n}×) {m}" for m, n in counts.items()]


def _code_cells(notebook) -> list[dict]:
    import json

    return [c for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_and_explorers_respond(notebook, open_notebook):
    nb = open_notebook(notebook.name)

    progress = nb.run_all()
    assert not progress["errors"], f"{notebook.name}: cells raised: {progress['errors']}"
    assert progress["pending"] == 0, progress

    problems = nb.output_problems()
    assert not problems, f"{notebook.name}: " + "\n".join(problems)

    explorers = nb.explorers()
    since = len(nb.kernel_messages())
    for ex in explorers:
        problems += exercise_explorer(nb, ex)
        print(f"{ex.label()}: {len(ex.dropdowns)} dropdown(s), sliders {ex.sliders}, "
              f"text boxes {ex.texts}")

    problems += _callback_messages(nb.kernel_messages(), since)
    problems += nb.output_problems(settle_timeout=5)
    assert not problems, f"{notebook.name}:\n" + "\n".join(problems)

    # The same page in JupyterLab's dark theme: every figure keeps an opaque, light face
    # (its black text stays readable), none lets the dark background through.
    nb.set_theme("JupyterLab Dark")
    try:
        seen = nb.figure_backgrounds()
    finally:
        nb.set_theme("JupyterLab Light")
    assert seen["theme"] == "JupyterLab Dark" and seen["light"] == "false", seen
    expected = sum("image/png" in o.get("data", {}) for c in _code_cells(notebook)
                   for o in c["outputs"])
    assert len(seen["figures"]) >= expected, (
        f"{notebook.name}: {len(seen['figures'])} figures shown, {expected} in the notebook")
    dark = [f for f in seen["figures"] if f["transparent"] > 0 or f["luminance"] < 0.85]
    assert not dark, f"{notebook.name}, dark theme: figures transparent or dark: {dark}"
