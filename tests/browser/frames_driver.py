"""Client-side slider frames in the browser (issue 16): shared by
``tests/browser/test_client_frames.py`` and ``benchmarks/bench_browser_latency.py --frames``.

- :func:`write_frames_notebook`: a scratch notebook with the Taylor and descent explorers, each
  once with client-side frames and once without (the kernel round trip, for comparison);
- :func:`lab_latencies`: key press → changed figure on one slider in JupyterLab, optionally
  with the kernel busy (a ``time.sleep`` sent straight to the kernel);
- :func:`export_latencies`: the same on the self-contained player of an exported page
  (``tools/export_html.py``, ``tools/build_slides.py --live``), opened from ``file://`` with
  every non-file request aborted.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import lab_driver

#: The explorers of the scratch notebook: (name, code). With frames first, then the kernel path.
FRAMES_EXPLORERS: dict[str, str] = {
    "taylor frames": 'taylor_explorer("sin(x) + cos(x)", order=3, x0=0.0, client_frames=True)',
    "descent frames": "descent_explorer(Quadratic([[2, 1], [1, 20]], [5, 3]), x0=(-3.0, -1.0), "
                      "n_steps=60, client_frames=True)",
    "taylor kernel": 'taylor_explorer("sin(x) + cos(x)", order=3, x0=0.0, client_frames=False)',
    "descent kernel": "descent_explorer(Quadratic([[2, 1], [1, 20]], [5, 3]), x0=(-3.0, -1.0), "
                      "n_steps=60, client_frames=False)",
}
_SETUP = "from lecture_utils import Quadratic, descent_explorer, taylor_explorer"


def write_frames_notebook(path: Path) -> list[str]:
    """The scratch notebook at ``path``; returns the explorers' names in page order."""
    def cell(source: str) -> dict:
        return {"cell_type": "code", "metadata": {}, "source": source, "outputs": [],
                "execution_count": None}

    nb = {"cells": [cell(_SETUP), *(cell(code) for code in FRAMES_EXPLORERS.values())],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                      "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb), encoding="utf-8")
    return list(FRAMES_EXPLORERS)


def p95(values: list[float]) -> float:
    """95th percentile, nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def busy_kernel(nb: lab_driver.LabNotebook, seconds: float) -> None:
    """Keep the notebook's kernel busy for ``seconds`` (an execute request outside any cell)."""
    nb.page.evaluate(
        "(s) => { const w = window.jupyterapp.shell.currentWidget;"
        " w.sessionContext.session.kernel.requestExecute("
        "   {code: `import time; time.sleep(${s})`, silent: true}); }", seconds)
    nb.wait_for(nb.kernel_status, lambda status: status == "busy", 10, "the kernel to be busy")


def interrupt_kernel(nb: lab_driver.LabNotebook) -> None:
    nb.page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session"
                     ".kernel.interrupt()")


def lab_latencies(nb: lab_driver.LabNotebook, explorer: lab_driver.Explorer, slider: int,
                  presses: int, *, settle: bool = True) -> tuple[list[float], int]:
    """Presses on one slider (right, left at the end); ms from keydown to the changed figure.

    ``settle``: wait for the kernel to be idle and the figure to settle before each press
    (not with a busy kernel: there only the figure is waited for)."""
    latencies: list[float] = []
    misses, key, attempts = 0, "ArrowRight", 0
    low, high = nb.slider_bounds(explorer, slider)
    while len(latencies) < presses and attempts < 3 * presses:
        attempts += 1
        if settle:
            nb.settled_figure(explorer, quiet=0.15)
        else:
            nb.page.wait_for_timeout(120)
        value = nb.slider_value(explorer, slider)
        if value == (high if key == "ArrowRight" else low):
            key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        ms = nb.timed_press(explorer, slider, key)
        if nb.slider_value(explorer, slider) == value:
            continue
        if ms is None:
            misses += 1
        else:
            latencies.append(ms)
    return latencies, misses


# keydown on the player's range input → the player has drawn the new frame (its
# "lu-frame-shown" event, after the drawImage or the <img> load) → the next animation frame
# (the picture is on screen). Times inside the page (performance.now).
_JS_PLAYER_TIMER = r"""
(index) => {
  const player = document.querySelectorAll('.lu-frames-player')[index];
  const input = player.querySelector('.lu-frames-slider');
  const image = player.querySelector('.lu-frames-image');
  window.__luPlayer = new Promise((resolve) => {
    let start = null, finished = false;
    const done = (ms) => { if (!finished) { finished = true; resolve(ms); } };
    input.addEventListener('keydown', () => { start = performance.now(); }, {once: true, capture: true});
    player.addEventListener('lu-frame-shown', () => {
      const painted = () => requestAnimationFrame(() => done(performance.now() - start));
      if (image.style.display === 'none' || image.complete) painted();
      else image.addEventListener('load', painted, {once: true});
    }, {once: true});
    setTimeout(() => done(null), 5000);
  });
}
"""


def open_offline(chromium: Any, path: Path, viewport: tuple[int, int] = (1280, 900)
                 ) -> tuple[Any, Any, list[str]]:
    """A page on ``path`` (file://) with every non-file request aborted: (context, page, blocked)."""
    context = chromium.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    blocked: list[str] = []

    def offline(route: Any) -> None:
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", offline)
    page = context.new_page()
    page.goto(path.as_uri())
    return context, page, blocked


def player_state(page: Any, index: int) -> dict:
    """What the ``index``-th player shows: a fingerprint of its picture, slider, readout, status."""
    return page.evaluate("""(i) => { const p = document.querySelectorAll('.lu-frames-player')[i];
        const img = p.querySelector('.lu-frames-image'), c = p.querySelector('.lu-frames-canvas');
        const onCanvas = c && c.style.display !== 'none';
        const picture = onCanvas ? c.toDataURL() : img.src;
        return {src: picture.length + ':' + picture.slice(-60), canvas: !!onCanvas,
                value: p.querySelector('input').value, frame: p.dataset.frame,
                readout: p.querySelector('output').textContent,
                status: p.querySelector('.lu-status').textContent,
                loaded: onCanvas || (img.complete && img.naturalWidth > 0)}; }""", index)


def export_latencies(page: Any, index: int, presses: int) -> list[float]:
    """Presses on the ``index``-th player of ``page``; ms from keydown to the new frame shown."""
    page.evaluate("(i) => document.querySelectorAll('.lu-frames-player')[i]"
                  ".scrollIntoView({block: 'center'})", index)
    slider = page.locator(".lu-frames-player .lu-frames-slider").nth(index)
    slider.focus()
    latencies: list[float] = []
    key = "ArrowRight"
    for _ in range(presses):
        state = player_state(page, index)
        top = slider.get_attribute("max")
        if state["value"] == (top if key == "ArrowRight" else "0"):
            key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        page.evaluate(_JS_PLAYER_TIMER, index)
        slider.press(key)
        ms = page.evaluate("() => window.__luPlayer")
        if ms is not None:
            latencies.append(ms)
    return latencies
