"""Client-side slider frames in the browser (issue 16; lecture_utils/explorers/frames.py).

- JupyterLab: the Taylor-order and step-size sliders of explorers made with
  ``client_frames=True`` change the figure while the kernel is busy (a long ``time.sleep``),
  after it was interrupted, and with no kernel at all (shut down);
- the HTML export (``tools/export_html.py``) and the offline slides
  (``tools/build_slides.py --live``), opened from ``file://`` with the network blocked: moving
  the slider changes the picture, the readout and the status line.
"""

from __future__ import annotations

import re
import statistics
import sys

import pytest

import frames_driver
import lab_driver

pytestmark = pytest.mark.browser

sys.path.insert(0, str(lab_driver.REPO_ROOT / "tools"))
import build_slides  # noqa: E402
import export_html  # noqa: E402

#: Target of issue 16 for a client-side slider (keydown → changed figure in the page). The
#: tests allow twice as much (other tests share the machine); the benchmark reports the numbers.
TARGET_MEDIAN_MS, TARGET_P95_MS = 20.0, 35.0


@pytest.fixture(scope="module")
def frames_server(tmp_path_factory, serve, chromium):
    """JupyterLab on a folder with the scratch frames notebook (conftest's ``serve``)."""
    folder = tmp_path_factory.mktemp("frames")
    frames_driver.write_frames_notebook(folder / "frames.ipynb")
    server = serve(folder)
    yield server
    server.stop()  # not kept for the rest of the session


def _subscript(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _changes(nb, explorer, slider: int, presses: int = 4) -> list[float]:
    """Press the slider; every press must change the figure (no kernel needed)."""
    values, misses = frames_driver.lab_latencies(nb, explorer, slider, presses, settle=False)
    assert not misses and len(values) == presses, (
        f"{explorer.label()}: {misses} presses of {presses} did not change the figure")
    return values


def test_sliders_answer_without_the_kernel_in_jupyterlab(frames_server, chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    try:
        nb = lab_driver.LabNotebook(context.new_page(), frames_server, "frames.ipynb")
        nb.open()
        progress = nb.run_all(timeout=240)
        assert not progress["errors"], f"cells raised: {progress['errors']}"
        assert not nb.output_problems()
        explorers = nb.explorers()
        assert [e.name for e in explorers] == ["lu-taylor-explorer", "lu-descent-explorer"] * 2
        taylor, descent = explorers[0], explorers[1]
        for explorer in (taylor, descent):
            nb.settled_figure(explorer)
        assert nb.page.locator(f"{taylor.selector} canvas.lu-frames-canvas").count() == 1
        order = 0    # the order slider (after the function's text box and drop-down)
        step = 0     # the step slider is the descent explorer's first
        assert taylor.sliders[order].startswith("order n"), taylor.sliders
        assert descent.sliders[step].startswith("step γ"), descent.sliders

        frames_driver.busy_kernel(nb, 40)
        busy = _changes(nb, taylor, order, 6) + _changes(nb, descent, step, 6)
        assert nb.kernel_status() == "busy", "the kernel was busy during the presses"
        # the status line says what the frame shows, though the kernel has not answered
        shown = int(float(nb.slider_value(taylor, order)))
        statuses = [s["text"] for s in nb.explorer_state(taylor, with_figure=False)["statuses"]]
        assert any(t.startswith(f"T{_subscript(shown)} of f(x)") for t in statuses), (
            shown, statuses)
        frames_driver.interrupt_kernel(nb)
        nb.wait_for(nb.kernel_status, lambda s: s == "idle", 20, "the interrupted kernel")
        _changes(nb, taylor, order, 3)
        nb.page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext"
                         ".session.shutdown()")
        nb.wait_for(nb.kernel_status, lambda s: s in ("none", "dead", "unknown"), 20,
                    "the kernel to shut down")
        _changes(nb, taylor, order, 3)
        _changes(nb, descent, step, 3)
        print(f"kernel busy: median {statistics.median(busy):.1f} ms, "
              f"p95 {frames_driver.p95(busy):.1f} ms over {len(busy)} presses")
        assert statistics.median(busy) <= 2 * TARGET_MEDIAN_MS, busy
    finally:
        context.close()
        frames_server.shutdown_kernels()


@pytest.fixture(scope="module")
def taylor_page(tmp_path_factory, chromium):   # chromium first: skipped without it
    out = tmp_path_factory.mktemp("html")
    return export_html.build(lab_driver.notebook_dir(), out, ["02_taylor_series"])[0]


def test_exported_html_slider_is_live_offline(taylor_page, chromium):
    context, page, blocked = frames_driver.open_offline(chromium, taylor_page)
    try:
        assert page.locator(".lu-frames-player").count() == 1
        first = frames_driver.player_state(page, 0)
        assert first["loaded"] and first["value"] == "3" and first["readout"] == "3"
        latencies = frames_driver.export_latencies(page, 0, 12)
        after = frames_driver.player_state(page, 0)
        assert after["src"] != first["src"] and after["status"] != first["status"]
        assert after["loaded"]
        assert len(latencies) == 12, "every press showed a new frame"
        print(f"exported HTML: median {statistics.median(latencies):.1f} ms, "
              f"p95 {frames_driver.p95(latencies):.1f} ms")
        assert statistics.median(latencies) <= 2 * TARGET_MEDIAN_MS, latencies
        needed = [u for u in blocked if "mermaid" not in u and "fonts.googleapis" not in u]
        assert not needed, f"the page asked the network for {needed}"
    finally:
        context.close()


def test_offline_slides_slider_is_live(tmp_path, chromium):
    deck = build_slides.build(lab_driver.notebook_dir(), tmp_path, live=True,
                              names=["08_gradient_descent"])[0]
    context, page, blocked = frames_driver.open_offline(chromium, deck, (1280, 720))
    try:
        page.wait_for_selector(".reveal.ready", state="attached", timeout=20_000)
        assert page.locator(".lu-frames-player").count() == 1
        reveal = re.search(r'"([^"]*/dist/reveal\.js)"', deck.read_text(encoding="utf-8")).group(1)
        page.evaluate("""async (url) => {   // reveal.js is loaded through require.js
            const Reveal = window.Reveal && window.Reveal.slide ? window.Reveal
              : await new Promise((ok, fail) => require([url], ok, fail));
            window.Reveal = Reveal;
            const s = document.querySelector('.lu-frames-player').closest('section');
            const i = Reveal.getIndices(s); Reveal.slide(i.h, i.v); }""", reveal)
        page.wait_for_timeout(800)  # the slide transition
        before = frames_driver.player_state(page, 0)
        slide = page.evaluate("() => Reveal.getIndices()")
        latencies = frames_driver.export_latencies(page, 0, 6)
        after = frames_driver.player_state(page, 0)
        assert after["src"] != before["src"] and after["readout"] != before["readout"]
        assert len(latencies) == 6
        assert page.evaluate("() => Reveal.getIndices()") == slide, \
            "the arrow keys moved the slider, not the deck"
        needed = [u for u in blocked if "mermaid" not in u and "fonts.googleapis" not in u]
        assert not needed, f"the deck asked the network for {needed}"
    finally:
        context.close()
