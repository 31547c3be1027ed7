"""Tests of notebook 09's drawings (lecture_utils.figures.challenges) and checkers
(lecture_utils.exercises.challenges)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from lecture_utils import style
from lecture_utils.figures.base import POINT_STYLE, draw_path
from lecture_utils.figures.challenges import (
    minimisers_figure,
    paths_figure,
    paths_small_multiples,
    plot_minimisers,
    plot_paths,
    plot_value_history,
    saddle_escape_figure,
    saddle_figure,
)
from lecture_utils.figures.momentum import (
    comparison_table,
    descent_comparison_figure,
    momentum_small_multiples,
    plot_step_sizes,
)
from lecture_utils.exercises.challenges import check_stationary_point, classify_stationary_point
from lecture_utils.exercises.momentum import check_bold_driver_step
from lecture_utils.maths.landscapes import ROSENBROCK, SADDLE, THREE_HUMP_CAMEL
from lecture_utils.maths.optimize import BoldDriver, Quadratic, gradient_descent
from lecture_utils.figures.base import ERROR_FLOOR, new_figure

from checker_output import number_forms, run as checker_run

Q = Quadratic([[2, 1], [1, 20]], [5, 3])          # the slides' quadratic
X0 = [-3.0, -1.0]


def run(step, **kwargs):
    return gradient_descent(Q.gradient, X0, step, f=Q.value, **kwargs)


# ------------------------------------------------------------------------ draw_path ----

def test_draw_path_draws_the_points_with_hollow_start_and_filled_end():
    fig, (ax,) = new_figure()
    points = np.array([[0.0, 0.0], [1.0, 2.0], [3.0, 1.0]])
    line, start, end = draw_path(ax, points, index=2, label="run")
    assert np.array_equal(line.get_xydata(), points)
    assert start.get_xydata().tolist() == [[0.0, 0.0]] and start.get_markerfacecolor() == "none"
    assert end.get_xydata().tolist() == [[3.0, 1.0]]
    colour, linestyle, marker = style.SERIES[2]
    assert line.get_color() == colour and line.get_marker() == marker
    assert start.get_markeredgecolor() == colour and end.get_color() == colour
    assert line.get_label() == "run"


def test_draw_path_of_a_diverged_run_ends_at_the_last_finite_point():
    diverged = run(0.2, n_steps=400)
    assert diverged.status == "diverged"
    fig, (ax,) = new_figure()
    line, _, end = draw_path(ax, diverged)
    beyond = int(np.argmax(np.max(np.abs(diverged.points), axis=1) >= 1e6))
    assert beyond > 0                          # the run leaves the 1e6 box before it stops
    drawn = line.get_xydata()
    # up to the first point beyond 1e6, that one clipped to the box (Agg cannot draw 1e308)
    assert np.array_equal(drawn[:beyond], diverged.points[:beyond])
    assert len(drawn) == beyond + 1 and np.max(np.abs(drawn)) == 1e6
    assert np.array_equal(end.get_xydata()[0], drawn[-1])


def test_draw_path_rejects_3d_points_and_non_arrays():
    fig, (ax,) = new_figure()
    with pytest.raises(ValueError, match=r"path must hold 2-D points"):
        draw_path(ax, np.zeros((4, 3)))
    with pytest.raises(TypeError, match="path must be a Trajectory"):
        draw_path(ax, {"a": 1})


# ----------------------------------------------------------------------- plot_paths ----

def test_plot_paths_one_group_per_path_and_marks_where_given():
    runs = [run(0.05, n_steps=30), run(0.01, n_steps=30)]
    drawn = plot_paths(Q, runs, ["γ = 0.05", "γ = 0.01"], x_range=(-4, 4), y_range=(-2, 2),
                       marks={"minimiser": [Q.minimizer], "saddle": [(1.0, 1.0)]})
    assert len(drawn["paths"]) == 2
    assert np.array_equal(drawn["paths"][1][0].get_xydata(), runs[1].points)
    minimiser, saddle = drawn["marks"]
    assert np.allclose(minimiser.get_xydata(), [Q.minimizer])
    assert minimiser.get_marker() == POINT_STYLE["minimiser"]["marker"]
    assert saddle.get_marker() == POINT_STYLE["saddle"]["marker"]
    ax = drawn["paths"][0][0].axes
    assert ax.get_xlim() == (-4.0, 4.0) and ax.get_ylim() == (-2.0, 2.0)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["γ = 0.05", "γ = 0.01", "global minimiser", "saddle point"]
    assert drawn["contours"], "the contour lines are drawn"


def test_plot_paths_uses_the_landscape_window_and_first_index():
    r = gradient_descent(ROSENBROCK.gradient, [-1.2, 1.0], 1e-3, n_steps=20)
    drawn = plot_paths(ROSENBROCK, [r], first_index=3)
    ax = drawn["paths"][0][0].axes
    assert ax.get_xlim() == ROSENBROCK.x_range and ax.get_ylim() == ROSENBROCK.y_range
    assert drawn["paths"][0][0].get_color() == style.SERIES[3][0]


def test_plot_paths_accepts_a_plain_function():
    drawn = plot_paths(lambda p: p[..., 0] ** 2 - p[..., 1] ** 2, [[[1.0, 0.0], [0.5, 0.0]]])
    assert drawn["paths"][0][0].axes.get_xlim() == (-3.0, 3.0)


def test_paths_figure_returns_a_figure_with_the_paths():
    runs = [run(0.05, n_steps=10)]
    fig = paths_figure(Q, runs, ["γ = 0.05"], x_range=(-4, 4), y_range=(-2, 2), title="t")
    assert isinstance(fig, Figure) and len(fig.axes) == 1 and fig.axes[0].get_title() == "t"
    assert np.array_equal(fig.axes[0].lines[0].get_xydata(), runs[0].points)
    with pytest.raises(TypeError, match="paths_figure makes its own axes"):
        paths_figure(Q, runs, ax=fig.axes[0])


def test_plot_paths_bad_input_names_the_parameter():
    with pytest.raises(ValueError, match="marks keys must be"):
        plot_paths(Q, [run(0.05)], marks={"peak": [(0, 0)]})
    with pytest.raises(ValueError, match="labels must be a list of 1 strings"):
        plot_paths(Q, [run(0.05)], ["a", "b"])
    with pytest.raises(TypeError, match="paths must be a list"):
        plot_paths(Q, run(0.05))
    with pytest.raises(ValueError, match="paths must hold 1 to 12 paths"):
        plot_paths(Q, [])
    with pytest.raises(ValueError, match="x_range must be an interval"):
        plot_paths(Q, [run(0.05)], x_range=(1, -1))


# ------------------------------------------------------- values and step sizes ----

def test_plot_value_history_is_the_gap_to_the_minimum_floored():
    r = run(Q.optimal_step, n_steps=200, tol=0.0)
    (line,) = plot_value_history([r], minimum=Q.minimum)
    expected = np.maximum(r.values - Q.minimum, ERROR_FLOOR)
    assert np.allclose(line.get_ydata(), expected, rtol=0, atol=0)
    assert line.axes.get_yscale() == "log"


def test_plot_value_history_needs_values_or_an_objective():
    with pytest.raises(ValueError, match="pass objective="):
        plot_value_history([[[1.0, 0.0]]])
    (line,) = plot_value_history([np.array([[1.0, 0.0], [0.0, 0.0]])], objective=Q, minimum=Q.minimum)
    assert np.isclose(line.get_ydata()[0], Q.value([1.0, 0.0]) - Q.minimum)


def test_plot_step_sizes_draws_the_recorded_steps():
    bold = run(BoldDriver(0.05), n_steps=30)
    (line,) = plot_step_sizes([bold], ["bold"])
    assert np.array_equal(line.get_ydata(), bold.step_sizes)
    with pytest.raises(TypeError, match=r"paths\[0\] must be a Trajectory"):
        plot_step_sizes([np.zeros((3, 2))])


def test_paths_small_multiples_one_panel_per_path_in_its_own_style():
    runs = [run(0.105, n_steps=20), run(0.005, n_steps=20)]
    fig = paths_small_multiples(Q, runs, ["large", "small"], x_range=(-4, 5), y_range=(-2, 2),
                                minimum=Q.minimum, marks={"minimiser": [Q.minimizer]})
    assert isinstance(fig, Figure) and len(fig.axes) == 3
    assert [ax.get_title() for ax in fig.axes] == ["large", "small", "f(x_k) − f*"]
    for i, ax in enumerate(fig.axes[:2]):
        path, start = ax.lines[0], ax.lines[1]
        assert path.get_color() == style.SERIES[i][0] and start.get_markeredgecolor() == style.SERIES[i][0]
    assert len(fig.axes[2].lines) == 2
    assert len(paths_small_multiples(Q, runs, ["a", "b"]).axes) == 2       # no value panel


def test_descent_comparison_figure_three_panels_with_every_run():
    runs = {"constant": run(0.05, n_steps=40), "bold driver": run(BoldDriver(0.05), n_steps=40)}
    fig = descent_comparison_figure(Q, runs, minimum=Q.minimum, x_range=(-4, 4), y_range=(-2, 2))
    assert [ax.get_title() for ax in fig.axes] == ["paths", "f(x_k) − f*", "step sizes"]
    assert len(fig.axes[1].lines) == 2 and len(fig.axes[2].lines) == 2
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == ["constant", "bold driver"]
    with pytest.raises(TypeError, match=r"runs must be a dict \{label: Trajectory\}"):
        descent_comparison_figure(Q, [runs["constant"]], minimum=0.0)


# ---------------------------------------------------------------- minima in 1-D ----

def test_plot_minimisers_marks_the_minimisers_and_the_infimum():
    drawn = plot_minimisers(lambda x: (x**2 - 1) ** 2, (-1.8, 1.8), minimisers=[-1, 1], infimum=0.0)
    assert drawn["minimisers"].get_xydata().tolist() == [[-1.0, 0.0], [1.0, 0.0]]
    assert drawn["infimum"].get_ydata()[0] == 0.0
    exp_panel = plot_minimisers(np.exp, (-5, 1), infimum=0.0)
    assert exp_panel["minimisers"] is None
    assert exp_panel["graph"].axes.get_ylim()[0] < 0.0 < exp_panel["graph"].axes.get_ylim()[1]


def test_minimisers_figure_one_axes_per_panel_and_bad_input():
    fig = minimisers_figure([dict(f=np.exp, x_range=(-4, 1), infimum=0.0, title="a"),
                             dict(f=np.cosh, x_range=(-2, 2), minimisers=[0.0], title="b")])
    assert [ax.get_title() for ax in fig.axes] == ["a", "b"]
    with pytest.raises(TypeError, match="panels must be a list of dicts"):
        minimisers_figure({"f": np.exp})


# ------------------------------------------------------------------------ saddles ----

def test_saddle_figure_surface_contours_and_the_nearby_values():
    fig = saddle_figure({"saddle": lambda a, b: a**2 - b**2, "slide": lambda a, b: a**2 * b**2},
                        epsilon=0.5)
    assert [ax.name for ax in fig.axes] == ["3d", "rectilinear", "3d", "rectilinear"]
    saddle_texts = [t.get_text() for t in fig.axes[1].texts]
    slide_texts = [t.get_text() for t in fig.axes[3].texts]
    assert saddle_texts == ["f = -0.25\n(< f(0, 0))", "f = 0.25\n(> f(0, 0))"]
    assert slide_texts == ["f = 0\n(= f(0, 0))", "f = 0\n(= f(0, 0))"]
    with pytest.raises(TypeError, match="functions must be a dict"):
        saddle_figure([lambda a, b: a])


def _escapes(deltas, gamma=0.1, radius=0.5):
    runs = [gradient_descent(SADDLE.gradient, [1.0, d], gamma, n_steps=300,
                             divergence_bound=10.0) for d in deltas]
    near = [int(np.sum(np.linalg.norm(r.points, axis=1) < radius)) for r in runs]
    return runs, near


def test_saddle_escape_figure_plots_the_counts_and_the_prediction():
    deltas = [1e-2, 1e-6, 1e-10]
    runs, near = _escapes(deltas)
    fig = saddle_escape_figure(SADDLE, runs, deltas, near, radius=0.5, growth=1.2)
    right = fig.axes[2]
    measured, fit, predicted = right.lines
    assert np.allclose(measured.get_xdata(), [2, 6, 10]) and measured.get_ydata().tolist() == near
    assert predicted.get_label() == f"1/log₁₀(1+2γ) = {1 / math.log10(1.2):.2f}"
    slope = float(fit.get_label().split()[-1])
    assert abs(slope - 1 / math.log10(1.2)) < 0.05       # the data support the prediction
    assert len(fig.axes[1].lines) == 4                   # three distances and the radius


def test_saddle_escape_figure_bad_input():
    runs, near = _escapes([1e-2, 1e-4])
    with pytest.raises(ValueError, match="growth must be > 1"):
        saddle_escape_figure(SADDLE, runs, [1e-2, 1e-4], near, radius=0.5, growth=0.9)
    with pytest.raises(ValueError, match="starts must be the positive"):
        saddle_escape_figure(SADDLE, runs, [1e-2, -1e-4], near, radius=0.5, growth=1.2)
    with pytest.raises(ValueError, match=r"steps_near must have shape \(2,\)"):
        saddle_escape_figure(SADDLE, runs, [1e-2, 1e-4], near[:1], radius=0.5, growth=1.2)


# ----------------------------------------------------------------------- momentum ----

def test_momentum_small_multiples_runs_each_momentum():
    ill = Quadratic.with_condition_number(50, angle=np.pi / 6)
    fig = momentum_small_multiples(ill, [-2.0, 1.5], ill.optimal_step, [0.0, 0.8], n_steps=150,
                                   x_range=(-2.5, 2.5), y_range=(-1.6, 1.6))
    titles = [ax.get_title() for ax in fig.axes]
    plain = gradient_descent(ill.gradient, [-2.0, 1.5], ill.optimal_step, n_steps=150)
    heavy = gradient_descent(ill.gradient, [-2.0, 1.5], ill.optimal_step, n_steps=150, momentum=0.8)
    d0, d1 = plain.distances(ill.minimizer)[-1], heavy.distances(ill.minimizer)[-1]
    assert titles[:2] == [f"α = 0, ρ = {ill.contraction_factor(ill.optimal_step):.3f}\n"
                          f"k = 150: ‖x_k − x*‖ = {d0:.0e}",
                          f"α = 0.8, ρ = {ill.contraction_factor(ill.optimal_step, 0.8):.3f}\n"
                          f"k = 150: ‖x_k − x*‖ = {d1:.0e}"]
    assert np.allclose(fig.axes[1].lines[0].get_xydata(), heavy.points)
    distances = fig.axes[2].lines
    assert len(distances) == 2
    assert distances[1].get_ydata()[-1] < distances[0].get_ydata()[-1]   # momentum gets closer


def test_momentum_small_multiples_two_rows_within_the_notebook_width():
    ill = Quadratic.with_condition_number(50, angle=np.pi / 6)
    fig = momentum_small_multiples(ill, [-2.0, 1.5], ill.optimal_step, [0.0, 0.5, 0.8, 0.95],
                                   n_steps=200, x_range=(-2.5, 2.5), y_range=(-1.6, 1.6))
    assert fig.get_size_inches()[0] * fig.dpi <= 930          # shown at its size, text unshrunk
    assert len(fig.axes) == 5 and fig.axes[4].get_title() == "‖x_k − x*‖"
    assert fig.axes[2].get_title().endswith("‖∇f‖ < 1e-08 at k = 199")    # α = 0.8 stops
    assert "ρ = 0.975" in fig.axes[3].get_title()                      # α = 0.95: slower


def test_wide_figures_fit_the_notebook_width():
    runs = {"constant": run(0.05, n_steps=40), "backtracking": run(0.05, n_steps=40)}
    figures = [descent_comparison_figure(Q, runs, minimum=Q.minimum, dots=["backtracking"]),
               paths_small_multiples(Q, list(runs.values()) * 2, list("abcd"), minimum=Q.minimum),
               saddle_figure({"s": lambda a, b: a**2 - b**2, "m": lambda a, b: a**2 * b**2})]
    for fig in figures:
        assert fig.get_size_inches()[0] * fig.dpi <= 930


def test_descent_comparison_figure_draws_dotted_step_sizes_under_the_lines():
    runs = {"constant": run(0.05, n_steps=40), "bold driver": run(BoldDriver(0.05), n_steps=40)}
    fig = descent_comparison_figure(Q, runs, minimum=Q.minimum, dots=["constant"])
    dotted, line = fig.axes[2].lines
    assert dotted.get_linestyle() == "None" and dotted.get_zorder() < line.get_zorder()
    with pytest.raises(ValueError, match="dots must be a list of labels"):
        descent_comparison_figure(Q, runs, minimum=Q.minimum, dots=["momentum"])


def test_saddle_figure_names_f_in_the_title_and_has_two_floor_ticks():
    fig = saddle_figure({"f = x₁² − x₂²": lambda a, b: a**2 - b**2})
    surface = fig.axes[0]
    assert surface.get_title() == "f = x₁² − x₂²" and surface.get_zlabel() == "f"   # R3: the vertical axis is f
    assert surface.get_xticks().tolist() == [-1.0, 1.0]


def test_saddle_figure_3d_labels_do_not_collide():
    # issue 12 (09 c14): no tick number of the surface overlaps another or an axis label
    import io

    fig = saddle_figure({"a": lambda a, b: a**2 - b**2, "b": lambda a, b: a**2 * b**2})
    fig.savefig(io.BytesIO(), format="png")      # 3-D tick labels are placed while drawing
    renderer = fig._get_renderer()
    for surface in (ax for ax in fig.axes if ax.name == "3d"):
        # the drawn tick labels (get_ticklabels() would make fresh, unplaced ones)
        texts = [text for axis in (surface.xaxis, surface.yaxis, surface.zaxis)
                 for text in [*(tick.label1 for tick in
                                axis.majorTicks[:len(axis.get_majorticklocs())]), axis.label]
                 if text.get_text()]
        boxes = [text.get_window_extent(renderer) for text in texts]
        assert len(boxes) >= 8
        overlaps = [(texts[i].get_text(), texts[j].get_text()) for i in range(len(boxes))
                    for j in range(i) if boxes[i].overlaps(boxes[j])]
        assert not overlaps, overlaps


def test_plot_minimisers_labels_the_variable():
    drawn = plot_minimisers(lambda v: (v**2 - 1) ** 2, (-1.8, 1.8), xlabel="z")
    assert drawn["graph"].axes.get_xlabel() == "z"
    with pytest.raises(TypeError, match=r"xlabel must be a text \(str\)"):
        plot_minimisers(np.exp, (-1, 1), xlabel=3)


def test_momentum_small_multiples_landscape_minimiser_and_bad_input():
    fig = momentum_small_multiples(THREE_HUMP_CAMEL, [1.0, 1.8], 0.05, [0.0, 0.5], n_steps=50)
    assert len(fig.axes) == 3
    with pytest.raises(ValueError, match=r"momenta must hold 1 to 6 values in \[0, 1\)"):
        momentum_small_multiples(Q, X0, 0.05, [0.0, 1.0])
    with pytest.raises(TypeError, match="objective must be a Quadratic or a landscape"):
        momentum_small_multiples(lambda p: p, X0, 0.05)
    with pytest.raises(ValueError, match="step must be a positive"):
        momentum_small_multiples(Q, X0, -0.05)


def test_comparison_table_reports_the_trajectory_numbers():
    runs = {"constant": run(Q.optimal_step, n_steps=500, tol=1e-6),
            "bold": run(BoldDriver(0.05), n_steps=500, tol=1e-6)}
    rows = comparison_table(runs, Q.minimizer).splitlines()
    assert len(rows) == 4
    cells = [c.strip() for c in rows[3].strip("|").split("|")]
    bold = runs["bold"]
    assert cells[:5] == ["bold", bold.status, str(bold.n_steps), str(bold.n_function_evaluations),
                         str(bold.n_gradient_evaluations)]
    assert float(cells[5]) == pytest.approx(np.linalg.norm(bold.final - Q.minimizer), rel=0.05)
    with pytest.raises(TypeError, match=r"runs\['x'\] must be a Trajectory"):
        comparison_table({"x": np.zeros(3)}, [0, 0])


# ======================================================================= checkers ====

@pytest.mark.parametrize("f, point, kind, degenerate", [
    ("x1^2 + 3*x2^2", (0, 0), "minimum", False),
    ("-x1^2 - x2^2 + x1*x2", (0, 0), "maximum", False),
    ("x1^2 - x2^2", (0, 0), "saddle", False),
    ("x1^3 - 3*x1 + x2^2", (1, 0), "minimum", False),
    ("x1^3 - 3*x1 + x2^2", (-1, 0), "saddle", False),
    ("x1^2*x2^2", (0, 0), "minimum", True),          # ERRATA 2: the slide's example
    ("x1^3 - 3*x1*x2^2", (0, 0), "saddle", True),    # monkey saddle, Hessian 0
    ("-x1^2 - x2^4", (0, 0), "maximum", True),
    ("x1^2 + x2^3", (0, 0), "saddle", True),
    # the x1⁶ term wins only for |x1| > 0.01: arbitrarily close, it is a strict minimum
    ("x1^4 - 10000*x1^6 + x2^2", (0, 0), "minimum", True),
    ("-(x1^4 - 10000*x1^6) - x2^2", (0, 0), "maximum", True),
    ("x1^4*(1 - 1000000*x1^2) + x2^4", (0, 0), "minimum", True),
])
def test_classify_stationary_point(f, point, kind, degenerate):
    found = classify_stationary_point(f, point)
    assert (found.kind, found.degenerate) == (kind, degenerate)


def test_classify_stationary_point_in_one_and_three_variables():
    assert classify_stationary_point("(z^2 - 1)^2", (0,), ["z"]).kind == "maximum"
    assert classify_stationary_point("(z^2 - 1)^2", (1,), ["z"]).kind == "minimum"
    assert classify_stationary_point("x^2 + y^2 - w^4", (0, 0, 0), ["x", "y", "w"]).kind == "saddle"


def test_classify_rejects_a_point_that_is_not_stationary():
    with pytest.raises(ValueError, match=r"gradient at \(1, 0\) is \[2, 0\]"):
        classify_stationary_point("x1^2 + x2^2", (1, 0))
    with pytest.raises(ValueError, match=r"point must have shape \(2,\)"):
        classify_stationary_point("x1^2 + x2^2", (0, 0, 0))


def _lines(capsys):
    return capsys.readouterr().out.strip().splitlines()


#: Wrong-answer words that name each kind (a verdict line must not contain the expected one).
_KIND_WORDS = {"minimum": ("minimum", "minimiser", "a min"), "maximum": ("maximum", "maximiser"),
               "saddle": ("saddle",)}


def test_a_saddle_with_a_singular_hessian_is_never_called_strict(capsys):
    ok, out = checker_run(capsys, check_stationary_point, "saddle", "x1^3 + x2^2", (0, 0))
    assert ok and out.startswith("Correct: it is a saddle point: the Hessian there is "
                                 "singular"), out
    assert "strict" not in out and "test says nothing" in out
    assert "smaller and larger values than f(point) arbitrarily close" in out


@pytest.mark.parametrize("answer", ["saddle", "Saddle point", "  saddle-point "])
def test_check_stationary_point_accepts_the_right_kind(answer, capsys):
    ok, out = checker_run(capsys, check_stationary_point, answer, "x1^2 - x2^2", (0, 0))
    assert ok and out.startswith("Correct: it is a saddle point")


@pytest.mark.parametrize("answer, f, point, strictness", [
    ("minimum", "x1^2 + x2^2", (0, 0), "strict local minimum"),
    ("strict minimum", "x1^2 + x2^2", (0, 0), "strict local minimum"),
    ("strict local minimum", "x1^4 + x2^4", (0, 0), "strict local minimum"),   # singular H
    ("min", "x1^2*x2^2", (0, 0), "non-strict local minimum"),
    ("local maximum", "-x1^2 - x2^4", (0, 0), "strict local maximum"),
    ("minimum", "x1^3 - 3*x1 + x2^2", (1, 0), "strict local minimum"),
    ("minimum", "x1^4 - 10000*x1^6 + x2^2", (0, 0), "strict local minimum"),
])
def test_check_stationary_point_accepts_extrema_and_says_whether_strict(answer, f, point,
                                                                        strictness, capsys):
    ok, out = checker_run(capsys, check_stationary_point, answer, f, point)
    assert ok and out.startswith(f"Correct: it is a {strictness}")


# (answer, f, point, true kind, words the diagnosis must contain, words it must not contain)
WRONG_KINDS = [
    # "zero gradient, so a minimum" at the saddle of exercise 1
    ("minimum", "x1^3 - 3*x1 + x2^2", (-1, 0), "saddle",
     ["not enough for a minimum", "smaller values"], ["singular"]),
    ("maximum", "x1^3 - 3*x1 + x2^2", (-1, 0), "saddle", ["not enough for a maximum",
                                                          "larger values"], []),
    ("maximum", "x1^2 + x2^2", (0, 0), "minimum", ["larger values"], []),
    ("minimum", "-x1^2 - x2^2", (0, 0), "maximum", ["smaller values"], []),
    # a saddle with a singular, semidefinite Hessian: the test says nothing
    ("minimum", "x1^2 + x2^3", (0, 0), "saddle", ["smaller values", "singular",
                                                  "test says nothing"], []),
    # the slides' answer for x1²x2² (exercise 2): equal values do not make a saddle
    ("saddle", "x1^2*x2^2", (0, 0), "minimum",
     ["below f(point) and values above", "Do you find values below", "f(0, ε) = f(0, 0)",
      "do not make a saddle"], ["never goes below"]),
    ("saddle", "x1^2 + x2^2", (0, 0), "minimum",
     ["eigenvalues of both signs", "Recompute the Hessian"], ["ε", "singular"]),
    ("saddle", "-x1^2 - x2^4", (0, 0), "maximum", ["Do you find values above"], []),
    ("saddle", "-x1^2 - x2^2", (0, 0), "maximum", ["Recompute the Hessian"], []),
    ("strict minimum", "x1^2*x2^2", (0, 0), "minimum",
     ["the kind is right, but not 'strict'", "f(point) at points arbitrarily close"], []),
]


@pytest.mark.parametrize("answer, f, point, kind, must, must_not", WRONG_KINDS)
def test_wrong_kinds_are_diagnosed_without_naming_the_answer(answer, f, point, kind, must,
                                                             must_not, capsys):
    ok, out = checker_run(capsys, check_stationary_point, answer, f, point)
    verdict, hint = out.strip().splitlines()
    assert not ok and verdict.startswith("Not yet: ")
    for words in must:
        assert words in verdict, (words, verdict)
    for words in must_not:
        assert words not in verdict, (words, verdict)
    if not answer.startswith("strict"):
        # the verdict never names the true kind (the hint is the same rule for every answer)
        assert not any(w in verdict.lower() for w in _KIND_WORDS[kind]), verdict
        assert hint.startswith("Hint: the Hessian test (f twice continuously differentiable")
        assert "all ≥ 0, or all ≤ 0, with some = 0: the test says nothing" in hint


def test_global_is_refused_where_only_the_local_kind_is_true(capsys):
    ok, out = checker_run(capsys, check_stationary_point, "global minimum", "x1^3 - 3*x1 + x2^2",
                          (1, 0))                      # a local minimum: f → −∞ as x1 → −∞
    assert not ok and "also says 'global': f(x) ≥ f(point) for every x" in out
    assert "answer with a local word: 'minimum', 'maximum' or 'saddle'" in out


@pytest.mark.parametrize("answer, f, point", [
    ("global minimum", "x1^3 - 3*x1 + x2^2", (-1, 0)),   # the exercise's saddle point
    ("global maximum", "x1^3 - 3*x1 + x2^2", (-1, 0)),
    ("global maximum", "x1^2*x2^2", (0, 0)),              # a minimum
    ("global minimum", "x1^2 - x2^2", (0, 0)),
])
def test_global_with_the_wrong_kind_gets_the_wrong_kinds_diagnosis(answer, f, point, capsys):
    """"global" must not make a wrong kind look like a right one that only says too much."""
    ok, out = checker_run(capsys, check_stationary_point, answer, f, point)
    local_ok, local_out = checker_run(capsys, check_stationary_point, answer.split()[-1], f, point)
    assert not ok and not local_ok
    assert out == local_out and "'global'" not in out


@pytest.mark.parametrize("answer, f, point, strictness", [
    ("global minimum", "x1^2*x2^2", (0, 0), "non-strict local minimum"),   # exercise 2: true
    ("Global Maximum", "-x1^2 - x2^2", (0, 0), "strict local maximum"),
])
def test_a_true_global_answer_is_accepted_and_the_local_kind_named_enough(answer, f, point,
                                                                          strictness, capsys):
    ok, out = checker_run(capsys, check_stationary_point, answer, f, point)
    assert ok and out.startswith(f"Correct: it is a {strictness}") and "It is even global" in out


@pytest.mark.parametrize("answer", ["non-strict minimum", "Non-strict local minimum",
                                    "nonstrict min"])
def test_non_strict_is_accepted_where_equal_values_lie_nearby(answer, capsys):
    ok, out = checker_run(capsys, check_stationary_point, answer, "x1^2*x2^2", (0, 0))
    assert ok and out.startswith("Correct: it is a non-strict local minimum")
    ok, out = checker_run(capsys, check_stationary_point, answer, "x1^2 + x2^2", (0, 0))
    assert not ok and "the kind is right, but 'non-strict'" in out


@pytest.mark.parametrize("answer", ["minimum", "min", "local minimum"])
def test_one_positive_second_derivative_is_diagnosed(answer, capsys):
    # exercise 1: the classmate's reason is d²f/dx2² = 2 > 0 at the saddle (−1, 0)
    ok, out = checker_run(capsys, check_stationary_point, answer, "x1^3 - 3*x1 + x2^2", (-1, 0))
    assert not ok and "along one axis says nothing about the other directions" in out
    assert "eigenvalues (all of them)" in out
    # not said where no diagonal entry has the answer's sign
    ok, out = checker_run(capsys, check_stationary_point, answer, "-x1^2 - x2^2", (0, 0))
    assert not ok and "along one axis" not in out


@pytest.mark.parametrize("answer, message", [
    (None, "your answer is None"),
    (..., "there is no answer yet"),
    (3, "your answer is a int, not a word"),
    ("peak", "'peak' is not one of the accepted words"),
    ("strict saddle", "is not one of the accepted words"),
])
def test_check_stationary_point_unreadable_answers(answer, message, capsys):
    ok, out = checker_run(capsys, check_stationary_point, answer, "x1^2 + x2^2", (0, 0))
    assert not ok and message in out


# ------------------------------------------------------------------ bold driver ----

F = "x1^2 + 10*x2^2"          # grad (2x1, 20x2)


def _bold(answer, x=(1.0, 1.0), step=0.2, capsys=None):
    result = check_bold_driver_step(answer, F, list(x), step)
    return result, (capsys.readouterr().out if capsys else "")


def test_bold_driver_rejected_step_correct(capsys):
    # trial (1 - 0.4, 1 - 4) = (0.6, -3): f = 90.36 > 11, undone; γ halves
    ok, out = _bold(([1.0, 1.0], 0.1), capsys=capsys)
    assert ok and out.startswith("Correct: the step would increase f")


def test_bold_driver_accepted_step_correct(capsys):
    # γ = 0.05: trial (0.9, 0) with f = 0.81 < 11, kept; γ grows by 1.1
    ok, out = _bold(([0.9, 0.0], 0.055), step=0.05, capsys=capsys)
    assert ok and out.startswith("Correct: the trial step does not increase f")


# From x = (1, 1): with γ = 0.2 the trial step increases f (reference ([1, 1], 0.1)); with
# γ = 0.05 it does not (reference ([0.9, 0], 0.055)). (answer, γ, words of the diagnosis)
BOLD_MISTAKES = [
    # the notebook's classmate: took the trial step and grew γ without comparing f
    (([0.6, -3.0], 0.22), 0.2, ["you kept the trial point and grew γ", "Did you check?"]),
    (([1.0, 1.0], 0.045), 0.09, ["you undid the step and shrank γ"]),
    (([0.6, -3.0], 0.1), 0.2, ["your point and your step size disagree"]),
    (([1.0, 1.0], 0.055), 0.05, ["your point and your step size disagree"]),
    (([0.9, 0.0], 0.025), 0.05, ["your point and your step size disagree"]),
    (([1.1, 2.0], 0.055), 0.05, ["moves along +∇f, uphill"]),
    (([1 - 2 * 0.055, 1 - 20 * 0.055], 0.055), 0.05, ["taken with γ times the growth factor",
                                                       "the new γ applies to the next"]),
    # shrank γ, then stepped with the new γ: both halves of the slip named
    (([0.8, -1.0], 0.1), 0.2, ["taken with γ times the shrink factor",
                               "after shrinking γ the bold driver does not move"]),
    # stepped with the shrunk γ but gave the grown one (and the other way round)
    (([0.8, -1.0], 0.22), 0.2, ["taken with γ times the shrink factor",
                                "not even the new γ you give"]),
    (([0.56, -3.4], 0.1), 0.2, ["taken with γ times the growth factor",
                                "not even the new γ you give", "disagree"]),
    (([1.0, 1.0], 0.2), 0.2, ["you kept the step size"]),
    (([0.5, 0.5], 0.3), 0.2, ["neither x nor the trial point",
                              "neither γ times the growth factor nor γ times the shrink"]),
    (([0.6, -1.0], 0.1), 0.2, ["neither x nor the trial point", "Check your gradient"]),  # ∂f/∂x2 as 10x2
    (([1.4, 5.0], 0.2), 0.2, ["uphill", "You kept the step size"]),     # two slips, both named
]


@pytest.mark.parametrize("answer, step, words", BOLD_MISTAKES)
def test_bold_driver_mistakes_are_diagnosed(answer, step, words, capsys):
    ok, out = checker_run(capsys, check_bold_driver_step, answer, F, [1.0, 1.0], step)
    verdict = out.splitlines()[0]
    assert not ok and verdict.startswith("Not yet: ")
    for w in words:
        assert w in verdict, (w, verdict)
    # never says which way f went (that comparison is the exercise)
    assert "increases f" not in verdict.replace("only if the trial step increases f", "")
    assert out.splitlines()[-1].startswith("Hint: compute f at the trial point")
    # the hint is hint 1's nudge, not the rule (that is hint("bold-driver", 2))
    assert "1.1" not in out and "multiplies γ" not in out


@pytest.mark.parametrize("answer, step", [
    (([0.6, -3.0], 0.22), 0.2), (([1.0, 1.0], 0.2), 0.2), (([0.5, 0.5], 0.3), 0.2),
    (([1.0, 1.0], 0.055), 0.05),
])
def test_bold_driver_messages_never_contain_the_reference(answer, step, capsys):
    _, out = checker_run(capsys, check_bold_driver_step, answer, F, [1.0, 1.0], step)
    # the reference: ([1, 1], 0.1) for γ = 0.2, ([0.9, 0], 0.055) for γ = 0.05 (1 and 0
    # are not searched: they occur in any text)
    for value in ((0.1,) if step == 0.2 else (0.9, 0.055)):
        assert not any(form in out for form in number_forms(value)), out


@pytest.mark.parametrize("answer", [([1.0, 1.0],), ([1.0], 0.1), ([1.0, 1.0], 0.1, 0.2)])
def test_bold_driver_partial_answers_are_refused(answer, capsys):
    ok, out = checker_run(capsys, check_bold_driver_step, answer, F, [1.0, 1.0], 0.2)
    assert not ok and out.startswith("Not yet: ")


@pytest.mark.parametrize("answer, message", [
    (None, "your answer is None"),
    ("([1, 1], 0.1)", "your answer should be a pair"),
    (([1.0, 1.0, 1.0], 0.1), "should have 2 coordinates, yours has 3"),
    (([1.0, 1.0], "0.1"), "is not a number"),
    ((["a", 1.0], 0.1), "is not a list of numbers"),
    (([np.nan, 1.0], 0.1), "NaN or inf"),
])
def test_bold_driver_unreadable_answers(answer, message, capsys):
    ok, out = _bold(answer, capsys=capsys)
    assert not ok and message in out


def test_bold_driver_teacher_errors_raise():
    with pytest.raises(ValueError, match="step must be a positive finite number"):
        check_bold_driver_step(([1, 1], 0.1), F, [1.0, 1.0], -0.2)
    with pytest.raises(ValueError, match=r"x must have shape \(2,\)"):
        check_bold_driver_step(([1, 1], 0.1), F, [1.0], 0.2)
    with pytest.raises(ValueError, match="shrink must be between 0 and 1"):
        check_bold_driver_step(([1, 1], 0.1), F, [1.0, 1.0], 0.2, shrink=2.0)


def test_bold_driver_equal_value_counts_as_success(capsys):
    # at a minimiser the trial step is the point itself: f does not increase, γ grows
    assert check_bold_driver_step(([0.0, 0.0], 0.22), F, [0.0, 0.0], 0.2)


@settings(max_examples=25, deadline=None)
@given(a=st.floats(0.5, 20), b=st.floats(0.5, 20), x1=st.floats(-3, 3), x2=st.floats(-3, 3),
       step=st.floats(0.01, 0.5))
def test_bold_driver_reference_is_the_textbook_rule(a, b, x1, x2, step):
    """The checker accepts MML's rule computed here independently, and only that."""
    x = np.array([x1, x2])
    gradient = np.array([2 * a * x1, 2 * b * x2])

    def f(p):
        return a * p[0] ** 2 + b * p[1] ** 2

    trial = x - step * gradient
    if f(trial) <= f(x):
        expected = (trial.tolist(), step * 1.1)
    else:
        expected = (x.tolist(), step * 0.5)
    formula = f"{a!r}*x1^2 + {b!r}*x2^2"
    assert check_bold_driver_step(expected, formula, x.tolist(), step)
    assert not check_bold_driver_step((expected[0], expected[1] * 1.5), formula, x.tolist(), step)
