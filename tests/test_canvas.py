"""The explorers' fast canvas against the library code it replaces.

``FastCanvas.get_diff_image`` is Matplotlib's ``FigureCanvasWebAggCore.get_diff_image`` with a
faster PNG compression level. These tests run both on the same sequence of figure states and
require the same image mode and the same decoded pixels, so an upgrade of Matplotlib or ipympl
that changes the protocol (renamed attributes, another diff rule) fails here, not in a browser.
"""

from __future__ import annotations

import io
from types import SimpleNamespace

import numpy as np
import pytest
from ipympl.backend_nbagg import Canvas
from matplotlib.backends.backend_webagg_core import FigureCanvasWebAggCore
from matplotlib.figure import Figure
from PIL import Image

from lecture_utils.explorers.canvas import FastCanvas, make_canvas


def _decoded(png: bytes | None) -> np.ndarray | None:
    return None if png is None else np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


#: Stands in for ipympl's FigureManager, whose refresh_all would send (and so consume) a frame.
_QUIET_MANAGER = SimpleNamespace(refresh_all=lambda: None, _send_event=lambda *a, **k: None)


def _states(canvas_class):
    """Draw a figure three times (first state, a moved line, no change) and record each send."""
    figure = Figure(figsize=(3, 2), dpi=50)
    figure.patch.set_alpha(1.0)
    ax = figure.add_subplot()
    (line,) = ax.plot([0, 1, 2], [0, 1, 0])
    canvas = canvas_class(figure)
    canvas.manager = _QUIET_MANAGER   # no browser: nothing to push the frames to
    sent = []
    for y in ([0, 1, 0], [0, 2, 0], None):
        if y is not None:
            line.set_ydata(y)
            canvas.draw()
        image = canvas.get_diff_image()
        sent.append((canvas._current_image_mode, _decoded(image)))
    return sent


def test_fast_canvas_sends_the_same_images_as_the_library_canvas():
    fast, library = _states(FastCanvas), _states(Canvas)
    assert [mode for mode, _ in fast] == [mode for mode, _ in library] == ["full", "diff", "diff"]
    for (_, mine), (_, theirs) in zip(fast, library):
        if theirs is None:
            assert mine is None
        else:
            assert mine is not None and np.array_equal(mine, theirs)
    assert fast[2][1] is None   # nothing changed: nothing is sent


def test_fast_canvas_overrides_exactly_the_library_method_it_copies():
    # If ipympl stops inheriting Matplotlib's implementation, the copy must be reviewed.
    assert Canvas.get_diff_image is FigureCanvasWebAggCore.get_diff_image
    assert FastCanvas.get_diff_image is not Canvas.get_diff_image


def test_fast_canvas_compresses_faster_than_the_default_level():
    figure = Figure(figsize=(9, 4), dpi=100)
    ax = figure.add_subplot()
    ax.plot(np.linspace(0, 1, 500), np.random.default_rng(0).normal(size=500))
    fast = FastCanvas(figure)
    fast.manager = _QUIET_MANAGER
    fast.draw()
    png = fast.get_diff_image()
    assert png is not None and png.startswith(b"\x89PNG")
    # zlib level 1 is what makes it fast; the image must still decode to the figure's size.
    assert _decoded(png).shape == (400, 900, 4)


def test_make_canvas_hides_header_footer_and_is_not_resizable():
    canvas = make_canvas(Figure(figsize=(2, 2)))
    assert isinstance(canvas, FastCanvas)
    assert (canvas.header_visible, canvas.footer_visible, canvas.resizable) == (False, False, False)


@pytest.mark.parametrize("attribute", ["_png_is_old", "_force_full", "_last_buff"])
def test_the_private_state_the_copy_relies_on_still_exists(attribute):
    canvas = Canvas(Figure(figsize=(2, 2)))
    assert hasattr(canvas, attribute)
