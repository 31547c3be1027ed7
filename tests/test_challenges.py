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
from lecture_utils.figures.challenges import (
    POINT_STYLE,
    comparison_table,
    descent_comparison_figure,
    draw_path,
    minimisers_figure,
    momentum_small_multiples,
    paths_figure,
    paths_small_multiples,
    plot_minimisers,
    plot_paths,
    plot_step_sizes,
    plot_value_history,
    saddle_escape_figure,
    saddle_figure,
)
from lecture_utils.exercises.challenges import (
    check_bold_driver_step,
    check_stationary_point,
    classify_stationary_point,
)
from lecture_utils.maths.landscapes import ROSENBROCK, SADDLE, THREE_HUMP_CAMEL
from lecture_utils.maths.optimize import BoldDriver, Quadratic, gradient_descent
from lecture_utils.figures.base import ERROR_FLOOR, new_figure

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
    _, _, end = draw_path(ax, diverged)
    finite = diverged.points[np.all(np.isfinite(diverged.points), axis=1)]
    assert np.array_equal(end.get_xydata()[0], finite[-1])


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
    with pytest.raises(ValueError, match="paths must hold at least one path"):
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
    with pytest.raises(TypeError, match="runs must be a non-empty dict"):
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
    with pytest.raises(TypeError, match="panels must be a non-empty list"):
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
    assert titles[:2] == [f"α = 0\n{plain.message}", f"α = 0.8\n{heavy.message}"]
    assert np.allclose(fig.axes[1].lines[0].get_xydata(), heavy.points)
    distances = fig.axes[2].lines
    assert len(distances) == 2
    assert distances[1].get_ydata()[-1] < distances[0].get_ydata()[-1]   # momentum gets closer


def test_momentum_small_multiples_landscape_minimiser_and_bad_input():
    fig = momentum_small_multiples(THREE_HUMP_CAMEL, [1.0, 1.8], 0.05, [0.0, 0.5], n_steps=50)
    assert len(fig.axes) == 3
    with pytest.raises(ValueError, match=r"momenta must hold 1 to 6 values in \[0, 1\)"):
        momentum_small_multiples(Q, X0, 0.05, [0.0, 1.0])
    with pytest.raises(TypeError, match="objective must have value and gradient"):
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


@pytest.mark.parametrize("answer", ["saddle", "Saddle point", "  saddle-point "])
def test_check_stationary_point_accepts_the_right_kind(answer, capsys):
    assert bool(check_stationary_point(answer, "x1^2 - x2^2", (0, 0))) is True
    assert _lines(capsys)[0].startswith("Correct: it is a saddle point")


def test_minimum_at_a_saddle_point_is_diagnosed_without_the_answer(capsys):
    assert bool(check_stationary_point("minimum", "x1^3 - 3*x1 + x2^2", (-1, 0))) is False
    verdict, hint = _lines(capsys)
    assert "not enough for a minimum" in verdict and "smaller values" in verdict
    assert "saddle" not in verdict
    assert hint.startswith("Hint: all eigenvalues of the Hessian > 0")


def test_the_slides_saddle_is_diagnosed_as_equal_values_and_a_singular_hessian(capsys):
    assert bool(check_stationary_point("saddle", "x1^2*x2^2", (0, 0))) is False
    verdict = _lines(capsys)[0]
    assert "never goes below f(point)" in verdict and "f(0, ε) = f(0, 0)" in verdict
    assert "singular" in verdict and "minimum" not in verdict


def test_saddle_at_a_strict_minimum_does_not_mention_the_slides_example(capsys):
    assert bool(check_stationary_point("saddle", "x1^2 + x2^2", (0, 0))) is False
    verdict = _lines(capsys)[0]
    assert "never goes below" in verdict and "ε" not in verdict and "singular" not in verdict


def test_maximum_at_a_minimum_and_saddle_at_a_maximum(capsys):
    assert bool(check_stationary_point("maximum", "x1^2 + x2^2", (0, 0))) is False
    assert "larger values" in _lines(capsys)[0]
    assert bool(check_stationary_point("saddle", "-x1^2 - x2^2", (0, 0))) is False
    assert "never goes above" in _lines(capsys)[0]


@pytest.mark.parametrize("answer, message", [
    (None, "your answer is None"),
    (..., "there is no answer yet"),
    (3, "your answer is a int, not a word"),
    ("peak", "'peak' is not one of the kinds"),
])
def test_check_stationary_point_unreadable_answers(answer, message, capsys):
    assert bool(check_stationary_point(answer, "x1^2 + x2^2", (0, 0))) is False
    assert message in _lines(capsys)[0]


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
    assert ok and out.startswith("Correct: the step decreases f")


@pytest.mark.parametrize("answer, step, message", [
    (([0.6, -3.0], 0.1), 0.2, "your next point is the trial step, but that step increases f"),
    (([1.0, 1.0], 0.055), 0.05, "you stayed at x, but the trial step does not increase f"),
    (([1.1, 2.0], 0.055), 0.05, "moves along +∇f, uphill"),
    (([1 - 2 * 0.055, 1 - 20 * 0.055], 0.055), 0.05, "uses the updated step size"),
    (([1.0, 1.0], 0.2), 0.2, "you kept the step size"),
    (([0.9, 0.0], 0.025), 0.05, "you shrank the step size after a step that does not increase f"),
    (([1.0, 1.0], 0.22), 0.2, "should not grow after a step that increases f"),
    (([0.5, 0.5], 0.3), 0.2, "your next point is not the result of one bold-driver step"),
])
def test_bold_driver_mistakes_are_diagnosed(answer, step, message, capsys):
    ok, out = _bold(answer, step=step, capsys=capsys)
    assert not ok and message in out
    assert out.splitlines()[-1].startswith("Hint: try x − γ∇f(x)ᵀ")


def test_bold_driver_two_mistakes_are_both_reported(capsys):
    ok, out = _bold(([0.6, -3.0], 0.22), capsys=capsys)
    assert not ok
    assert "trial step" in out and "Your step size should not grow" in out


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
