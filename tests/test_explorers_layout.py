"""Explorer figures keep their legends off the data whatever the controls do.

``tests/test_figure_sizes.py`` checks each explorer's first picture. The data then moves with
the sliders (the secant and tangent turn, T_n swings, bars grow, the descent path goes
anywhere in the window), so a legend is only safe *outside* its axes: these tests require every
legend of an explorer's figure to lie beside its axes' data box (in the strip the layout
reserves), also after a function or condition change re-draws the axes, and that a long
typed function gets a legend that still fits the figure.
"""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

import lecture_utils as lu
from lecture_utils import style
from lecture_utils.explorers.base import LEGEND_ABOVE, legend_above
from lecture_utils.figures.base import new_figure

from test_figure_sizes import clipped_artists, legend_overlaps


def _legends_inside_axes(figure: Figure) -> list[str]:
    """Legends whose box overlaps the data box of any axes of ``figure`` (by more than 1 px)."""
    renderer = figure._get_renderer()
    figure.draw(renderer)
    problems = []
    for owner in figure.axes:
        legend = owner.get_legend()
        if legend is None or not legend.get_visible():
            continue
        box = legend.get_window_extent(renderer)
        for ax in figure.axes:
            if not ax.get_visible():
                continue
            data = ax.get_window_extent(renderer)
            overlap_x = min(box.x1, data.x1) - max(box.x0, data.x0)
            overlap_y = min(box.y1, data.y1) - max(box.y0, data.y0)
            if overlap_x > 1 and overlap_y > 1:
                texts = [t.get_text() for t in legend.get_texts()][:2]
                problems.append(f"legend {texts} lies on the axes {ax.get_label() or ax.get_title()!r}")
    return problems


def _secant():
    return lu.secant_explorer("x^3/3 - x", x=0.5, dx=1.5)


def _taylor():
    return lu.taylor_explorer("sin(x) + cos(x)", order=3)


def _flow():
    return lu.gradient_flow_explorer("sigmoid", depth=10)


def _descent():
    return lu.descent_explorer(n_steps=60)


def _momentum():
    ill = lu.Quadratic([[1, 0], [0, 50]], [0, 0])
    return lu.descent_explorer(ill, x0=(-3.0, 1.0), n_steps=150, momentum=True, alpha=0.5)


MADE = {"secant": _secant, "taylor": _taylor, "gradient_flow": _flow, "descent": _descent,
        "momentum": _momentum}


@pytest.fixture(params=[False, True], ids=["reading", "presentation"])
def size(request):
    style.presentation(request.param)
    yield request.param
    style.presentation(False)


@pytest.mark.parametrize("name", sorted(MADE))
def test_the_path_curve_and_bar_legends_are_outside_the_axes(name, size):
    explorer = MADE[name]()
    assert _legends_inside_axes(explorer.figure) == []
    assert clipped_artists(explorer.figure, canvas=True) == []


def test_a_new_function_keeps_the_secant_legend_above(size):
    explorer = _secant()
    explorer.picker.dropdown.value = explorer.picker.dropdown.options[1]   # ax.cla(), drawn again
    assert "lu-error" not in explorer.status._dom_classes, explorer.status_text
    assert explorer.view.ax.get_legend().get_gid() == LEGEND_ABOVE
    assert _legends_inside_axes(explorer.figure) == []


def test_a_long_typed_function_gets_a_taylor_legend_that_fits(size):
    explorer = _taylor()
    long = "exp(-x^2)*sin(3*x) + cos(x)/(1 + x^2) + x^3/(4 + x^4)"
    explorer.picker.dropdown.value = explorer.picker.dropdown.options[-1]
    explorer.picker.text.value = long
    assert "lu-error" not in explorer.status._dom_classes, explorer.status_text
    legend = explorer.view.ax.get_legend()
    assert legend.get_gid() == LEGEND_ABOVE
    assert any("exp" in t.get_text() for t in legend.get_texts())
    assert legend._ncols < 3          # the long f(x) took a row of its own
    figure = explorer.figure
    assert _legends_inside_axes(figure) == []
    assert clipped_artists(figure, canvas=True) == []
    box = legend.get_window_extent(figure._get_renderer())
    assert box.x1 <= figure.bbox.x1 + 1 and box.y1 <= figure.bbox.y1 + 1


def test_a_condition_change_keeps_the_path_legend_above():
    explorer = _descent()
    explorer.condition.value = 100.0         # every axes cleared and drawn again
    assert "lu-error" not in explorer.status._dom_classes, explorer.status_text
    assert explorer.axes["path"].get_legend().get_gid() == LEGEND_ABOVE
    assert _legends_inside_axes(explorer.figure) == []
    assert legend_overlaps(explorer.figure) == []


def test_legend_above_takes_the_title_and_fewer_columns_when_narrow():
    fig, (left, right) = new_figure(1, 2)
    for ax in (left, right):
        for k in range(4):
            ax.plot([0, 1], [k, k + 1], label=f"a rather long label number {k}")
        ax.legend()
    left.set_title("the left panel", loc="left")
    wide = legend_above(right)
    narrow = legend_above(left, ncols=2)
    assert left.get_title(loc="left") == "" and narrow.get_title().get_text() == "the left panel"
    assert narrow._ncols <= 2 and wide._ncols < 4   # half a figure holds no 4 long entries
    renderer = fig._get_renderer()
    for ax, legend in ((left, narrow), (right, wide)):
        assert legend.get_window_extent(renderer).width <= ax.get_window_extent(renderer).width
        assert legend.get_window_extent(renderer).y0 >= ax.get_window_extent(renderer).y1 - 1


def test_the_overlap_check_sees_a_legend_on_the_axes():
    fig, (ax,) = new_figure()
    ax.plot(np.linspace(0, 1, 20), np.linspace(0, 1, 20), label="line")
    ax.legend(loc="center")
    assert _legends_inside_axes(fig)
    legend_above(ax)
    assert _legends_inside_axes(fig) == []
