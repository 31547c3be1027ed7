"""Gradient-field explorer and its drawings: geometry, directional derivative, in-place updates."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from matplotlib.figure import Figure

from lecture_utils.maths.catalogue import GRADIENT_FUNCTIONS
from lecture_utils.figures.gradients import (
    GradientFieldView,
    draw_vector_field,
    gradient_function,
    gradient_field_small_multiples,
)
from lecture_utils.figures.base import contour_levels, draw_contours
from lecture_utils.figures.derivatives import plot_derivative_check
from lecture_utils.maths.parser import parse_function, to_numpy_function
from lecture_utils.explorers.gradients import GradientFieldExplorer, gradient_field_explorer

VARIABLES = ("x1", "x2")


def pixels(explorer) -> np.ndarray:
    return np.asarray(explorer.canvas.get_renderer().buffer_rgba()).copy()


def has_error(explorer) -> bool:
    return "lu-error" in explorer.status._dom_classes


@pytest.fixture
def explorer() -> GradientFieldExplorer:
    return gradient_field_explorer("x1^2 + 2*x2^2", point=(1.0, 0.5), angle=0.0)


def test_css_classes(explorer):
    assert {"lu-explorer", "lu-gradient-field-explorer"} <= set(explorer.widget._dom_classes)
    assert "lu-status" in explorer.status._dom_classes
    assert not has_error(explorer)


@pytest.mark.parametrize("text", list(GRADIENT_FUNCTIONS.values()))
@pytest.mark.parametrize("point", [(1.0, 0.5), (-1.3, 2.1), (0.4, -2.7)])
def test_gradient_is_orthogonal_to_the_contour_tangent(text, point):
    expression = parse_function(text, VARIABLES)
    view = GradientFieldView.draw(to_numpy_function(expression, VARIABLES),
                                  gradient_function(expression), point, 30.0)
    state = view.update(point, 30.0)
    assert abs(float(state.gradient[0] @ state.tangent)) < 1e-12 * (1 + np.abs(state.gradient).max())
    # f is (nearly) constant along the tangent: the tangent follows the contour line
    f = view.f
    step = 1e-4
    along = f(point[0] + step * state.tangent[0], point[1] + step * state.tangent[1]) - f(*point)
    across = step * np.hypot(*state.gradient[0])
    assert abs(along) < 1e-3 * across + 1e-12
    # and the drawn artists agree: arrow direction ⟂ tangent segment
    u, v = view.artists["gradient"].U[0], view.artists["gradient"].V[0]
    xs, ys = view.artists["tangent"].get_data()
    segment = np.array([xs[1] - xs[0], ys[1] - ys[0]])
    assert abs(np.dot([u, v], segment)) < 1e-9 * np.hypot(u, v) * np.hypot(*segment)


def test_symbolic_gradient_is_a_row_vector_matching_sympy():
    x1, x2 = sp.symbols("x1 x2")
    expression = sp.sin(x1) * sp.cos(x2)
    view = GradientFieldView.draw(to_numpy_function(expression, VARIABLES),
                                  gradient_function(expression), (0.3, -0.7))
    state = view.update((0.3, -0.7))
    assert state.gradient.shape == (1, 2)
    expected = [float(sp.diff(expression, v).subs({x1: 0.3, x2: -0.7})) for v in (x1, x2)]
    np.testing.assert_allclose(state.gradient[0], expected, rtol=1e-14)


@pytest.mark.parametrize("angle", [0.0, 35.0, 90.0, 200.0, 315.0])
def test_directional_derivative_is_gradient_dot_u_and_a_finite_difference(explorer, angle):
    explorer.picker.dropdown.value = "valley (1 − x1)² + 5(x2 − x1²)²"
    explorer.x1.value, explorer.x2.value = -0.6, 1.2
    explorer.angle.value = angle
    state = explorer.state
    u = np.array([np.cos(np.deg2rad(angle)), np.sin(np.deg2rad(angle))])
    np.testing.assert_allclose(state.direction, u, atol=1e-15)
    assert state.directional == pytest.approx(float(state.gradient[0] @ u), rel=1e-14, abs=1e-14)
    f, h = explorer._f, 1e-6
    x = np.array([-0.6, 1.2])
    difference = (f(*(x + h * u)) - f(*(x - h * u))) / (2 * h)
    assert state.directional == pytest.approx(float(difference), rel=1e-6, abs=1e-7)
    assert f"∇f u = {state.directional:.3f}" in explorer.status_text
    assert "·" not in explorer.status_text                 # a row times a column, no dot
    # the second arrow is the projection of the drawn gradient arrow onto u
    arrow = explorer.view.artists["directional"]
    gradient_arrow = explorer.view.artists["gradient"]
    drawn_gradient = np.array([gradient_arrow.U[0], gradient_arrow.V[0]])
    np.testing.assert_allclose([arrow.U[0], arrow.V[0]], (drawn_gradient @ u) * u, atol=1e-12)


def test_slider_moves_change_only_the_moving_artists_and_the_pixels(explorer):
    ax = explorer.view.ax
    moving = set(map(id, explorer.view.moving_artists))
    still = [a for a in [*ax.lines, *ax.collections, *ax.texts] if id(a) not in moving]
    assert still, "the contour lines and their labels are static artists"
    snapshot = [(a.get_paths() if hasattr(a, "get_paths") else a.get_text()
                 if hasattr(a, "get_text") else a.get_xydata()) for a in still]
    contours_before = [len(p) if isinstance(p, list) else p for p in snapshot]
    before_point = explorer.view.artists["point"].get_xydata().copy()
    before_arrow = explorer.view.artists["gradient"].get_offsets().copy()
    before_pixels = pixels(explorer)
    figure_before = explorer.figure
    explorer.x1.value = -1.5
    explorer.x2.value = 2.0
    assert explorer.figure is figure_before
    assert not np.array_equal(explorer.view.artists["point"].get_xydata(), before_point)
    assert not np.array_equal(explorer.view.artists["gradient"].get_offsets(), before_arrow)
    np.testing.assert_array_equal(explorer.view.artists["point"].get_xydata(), [[-1.5, 2.0]])
    after = [(a.get_paths() if hasattr(a, "get_paths") else a.get_text()
              if hasattr(a, "get_text") else a.get_xydata()) for a in still]
    assert [len(p) if isinstance(p, list) else p for p in after] == contours_before
    assert set(map(id, [*ax.lines, *ax.collections, *ax.texts])) >= set(map(id, still))
    assert not np.array_equal(pixels(explorer), before_pixels)
    before_pixels = pixels(explorer)
    explorer.angle.value = 120.0
    assert not np.array_equal(pixels(explorer), before_pixels)
    assert not has_error(explorer)


def test_slider_move_does_not_recompute_the_gradient_or_the_contours(explorer, monkeypatch):
    import lecture_utils.figures.gradients as plotting
    import lecture_utils.explorers.gradients as widgets_module

    def forbidden(*args, **kwargs):
        raise AssertionError("recomputed on a slider move")

    monkeypatch.setattr(plotting, "draw_contours", forbidden)
    monkeypatch.setattr(widgets_module, "gradient_function", forbidden)
    explorer.x1.value = 0.25
    explorer.angle.value = 45.0
    assert not has_error(explorer), explorer.status_text


def test_typed_invalid_function_shows_an_error_and_the_explorer_keeps_working(explorer):
    before = explorer._expression
    explorer.picker.text.value = "sin(x1"
    assert has_error(explorer)
    assert "Traceback" not in explorer.status_text and "')'" in explorer.status_text
    assert explorer._expression == before
    explorer.picker.text.value = "__import__('os')"
    assert has_error(explorer)
    explorer.x1.value = 0.0                       # still responds
    assert not has_error(explorer)
    explorer.picker.text.value = "x^2 + y"         # x, y stand for x1, x2
    assert not has_error(explorer)
    assert "∇f = [0.000, 1.000]" in explorer.status_text


def test_nan_gradient_is_reported_and_the_explorer_recovers(explorer):
    explorer.picker.text.value = "log(x1) + x2"
    assert not has_error(explorer)
    explorer.x1.value = -1.0
    assert has_error(explorer) and "not defined" in explorer.status_text
    assert not explorer.view.artists["gradient"].get_visible()
    explorer.x1.value = 2.0
    assert not has_error(explorer)
    assert explorer.view.artists["gradient"].get_visible()
    assert "∇f = [0.500, 1.000]" in explorer.status_text


def test_stationary_point_is_named(explorer):
    explorer.picker.dropdown.value = "saddle x1² − x2²"
    explorer.x1.value, explorer.x2.value = 0.0, 0.0
    assert "stationary point" in explorer.status_text and not has_error(explorer)
    # the saddle's contour f = 0 is the two lines x2 = ±x1: two directions, not "none"
    assert "no contour direction" not in explorer.status_text
    assert ("there is no gradient direction, and the contour through the point need not have "
            "a unique tangent") in explorer.status_text
    assert np.all(np.isnan(explorer.view.artists["tangent"].get_xdata()))   # none drawn
    explorer.x1.value = 1.0                                # ∇f ≠ 0: no such remark
    assert "stationary" not in explorer.status_text


def test_explorer_legend_names_the_drawn_column_and_fits(explorer):
    labels = [t.get_text() for t in explorer.view.ax.get_legend().get_texts()]
    gradient = labels[0]
    assert gradient.startswith("gradient ∇fᵀ (arrow ×") and "long ones shortened)" in gradient
    assert "(∇f u) u, same scale" in labels                 # drawn with the gradient's factor
    figure = explorer.view.ax.figure
    figure.canvas.draw()
    box = explorer.view.ax.get_legend().get_window_extent()
    assert box.x1 <= figure.bbox.x1 + 0.5 and box.x0 >= 0  # nothing cut at the edge
    widest = max(len(line) for label in labels for line in label.split("\n"))
    assert widest <= len("gradient ∇fᵀ (arrow ×0.18;")


def test_dropdown_redraws_the_contours(explorer):
    ax = explorer.view.ax
    title = ax.get_title()
    explorer.picker.dropdown.value = "sin x1 · cos x2"
    assert ax.get_title() != title and "sin" in ax.get_title()
    assert not has_error(explorer)


def test_display_bundle_has_a_picture(explorer):
    bundle = explorer._repr_mimebundle_()
    assert bundle["text/plain"].startswith("GradientFieldExplorer (interactive")
    assert "image/png" in bundle


def test_static_counterpart_has_the_expected_panels():
    fig = gradient_field_small_multiples("x1^2 + 2*x2^2", points=[(1.0, 0.5), (-1.5, 1.0)])
    assert isinstance(fig, Figure)
    contour_ax, field_ax = fig.axes
    assert "⊥" in contour_ax.get_title() and "direction" in field_ax.get_title()
    quivers = [c for c in contour_ax.collections if type(c).__name__ == "Quiver"]
    assert len(quivers) == 2                                  # one gradient arrow per point
    notes = [t.get_text() for t in contour_ax.texts if t.get_text().startswith("∇f")]
    assert notes == ["∇f = [2, 2]", "∇f = [-3, 4]"]
    assert any(type(c).__name__ == "Quiver" and c.N > 100 for c in field_ax.collections)
    assert len(gradient_field_small_multiples("x1*x2", points=[(1, 1)], field=False).axes) == 1


def test_drawing_helpers_return_their_artists():
    artists = draw_contours(lambda a, b: a**2 + b**2)
    assert type(artists[0]).__name__ == "QuadContourSet" and len(artists) > 1
    assert draw_contours(lambda a, b: 0 * a + 1.0) == []      # constant: nothing, no warning
    quiver = draw_vector_field(lambda a, b: (2 * a, 4 * b), density=7)
    hidden = np.ravel(quiver.Umask)
    assert quiver.N == 49 and hidden.sum() == 1          # ∇f = 0 at the origin: no arrow
    lengths = np.hypot(quiver.U, quiver.V)[~hidden]
    np.testing.assert_allclose(lengths, lengths[0])      # normalised: equal lengths
    levels = contour_levels(np.array([[0.0, 1.0], [np.nan, 4.0]]))
    assert np.all(np.diff(levels) > 0)


def test_plot_derivative_check_reports_the_error():
    t = np.linspace(0, 1, 30)
    ax = plot_derivative_check(t, t, t + 1e-3)
    assert "1.0e-03" in ax.get_title()


@pytest.mark.parametrize("kwargs, error, words", [
    ({"point": (1.0,)}, ValueError, "point"),
    ({"point": (9.0, 0.0)}, ValueError, "point"),
    ({"point": "ab"}, (TypeError, ValueError), "point"),
    ({"angle": float("nan")}, ValueError, "angle"),
    ({"angle": 400}, ValueError, "angle"),
    ({"f": 3}, TypeError, "f must"),
    ({"f": "x1 +"}, ValueError, "position"),
    ({"f": "x3^2"}, ValueError, "x3"),
])
def test_bad_arguments_raise_named_errors(kwargs, error, words):
    with pytest.raises(error, match=words):
        gradient_field_explorer(**kwargs)


@pytest.mark.parametrize("kwargs, words", [
    ({"points": 3}, "points"), ({"points": []}, "points"), ({"points": [(1, 2, 3)]}, r"points\[0\]"),
    ({"x_range": (1, -1)}, "x_range"), ({"f": "z"}, "z"),
])
def test_static_counterpart_bad_arguments(kwargs, words):
    arguments = {"f": "x1^2 + x2^2", **kwargs}
    with pytest.raises((TypeError, ValueError), match=words):
        gradient_field_small_multiples(**arguments)


@pytest.mark.parametrize("points", [
    [(1.0, 0.5), (-1.5, 1.0), (-2.0, -1.0), (1.5, -1.8)],      # the notebook's points
    [(0.2, 0.1), (2.9, 2.9)],                                  # one gradient 20 times longer
])
def test_static_figure_draws_every_arrow_at_the_legend_scale_and_none_at_the_minimum(points):
    from matplotlib.quiver import Quiver

    from lecture_utils.figures.gradients import gradient_field_small_multiples

    fig = gradient_field_small_multiples("x1^2 + 2*x2^2", points=points)
    left, right = fig.axes
    arrows = [q for q in left.collections if isinstance(q, Quiver)]
    assert len(arrows) == len(points)
    factors = []
    for quiver, (a, b) in zip(arrows, points):
        gradient = np.array([2 * a, 4 * b])
        factors.append(np.hypot(quiver.U[0], quiver.V[0]) / np.linalg.norm(gradient))
    assert np.allclose(factors, factors[0], rtol=1e-12)        # one scale for all of them
    legend = " ".join(t.get_text() for t in fig.legends[0].get_texts())
    assert f"arrow ×{factors[0]:.2g})" in legend
    # right panel: unit directions, none at the minimum (0, 0) where ∇f = 0
    (field,) = [q for q in right.collections if isinstance(q, Quiver)]
    X, Y = field.X.ravel(), field.Y.ravel()
    at_origin = np.flatnonzero((np.abs(X) < 1e-12) & (np.abs(Y) < 1e-12))
    drawn = ~np.asarray(field.Umask, dtype=bool).ravel()     # Quiver keeps the mask apart
    assert at_origin.size == 1 and not drawn[at_origin[0]] and drawn.sum() == X.size - 1
    lengths = np.hypot(field.U, field.V).ravel()[drawn]
    assert np.allclose(lengths, lengths[0])
