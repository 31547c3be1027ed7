"""The gradient-descent explorer and its drawings say what they show (issue 11): status lines
call a growing error "diverging" whatever the step count, ρ = 1 "not converging", a slow run
"converging"; the edge, best-step and reference lines are labelled with what is drawn; ρ above
the clip is marked; Quadratic refuses bad points by name."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lecture_utils.explorers.descent import descent_explorer
from lecture_utils.figures.base import new_figure
from lecture_utils.figures.descent import (
    RATE_CLIP, descent_small_multiples, draw_step_axis, plot_steps_against_condition,
    reference_label, run_description, step_theory,
)
from lecture_utils.maths.landscapes import ROSENBROCK
from lecture_utils.maths.optimize import gradient_descent
from lecture_utils.maths.quadratic import Quadratic, contraction_factor_curve

SLIDES = Quadratic([[2, 1], [1, 20]], [5, 3])
ILL = Quadratic.with_condition_number(50, angle=np.pi / 6)


@pytest.mark.parametrize("steps", [20, 60, 300])
@pytest.mark.parametrize("percent, words", [
    (101.0, "diverging (ρ = 1.020 > 1)"),     # f − f* grows, still below the 1e8 bound at 60 steps
    (100.0, "not converging (ρ = 1)"),
    (99.0, "converging (ρ = 0.980 < 1)"),
])
def test_status_line_follows_rho_whatever_the_step_count(percent, words, steps):
    e = descent_explorer(SLIDES, n_steps=steps)
    e.step.value = percent
    run = e.trajectory
    if run.status == "max_steps":
        assert e.status_text.startswith(words), e.status_text
    assert "still going" not in e.status_text
    if percent > 100 and run.status == "max_steps":
        gaps = run.values - SLIDES.minimum
        assert gaps[-1] > gaps[len(gaps) // 2]          # the error does grow


def test_status_line_of_a_landscape_follows_the_trend():
    e = descent_explorer(ROSENBROCK, x0=(-1.5, 2.0), n_steps=300)
    e.set_step(0.5 * e.theory.edge)
    # along the curved valley f falls while ‖∇f‖ does not shrink yet: said so, not "diverging"
    run = e.trajectory
    assert e.status_text.startswith("f did not rise but ‖∇f‖ grew over the last 150 steps")
    assert np.all(np.diff(run.values) < 0)
    half = run.gradient_norms[150:]
    assert half[-1] > half[0]
    assert "(at x*)" in e.status_text                     # ρ from the Hessian at x* only
    assert "ρ = 0.9996" in e.status_text                  # close to 1: more digits


def test_trend_messages_without_a_rate():
    grows = gradient_descent(lambda x: 2 * x, [1.0], 1.05, n_steps=30)
    # without an exact ρ only what was measured, over a stated window: no verdict
    assert grows.status == "max_steps" and \
        grows.message.startswith("‖∇f‖ grew over the last 15 steps (×1.1 per step)")
    flat = gradient_descent(lambda x: 2 * x, [1.0], 1.0, n_steps=30)      # x → −x → x ...
    assert flat.message.startswith("‖∇f‖ changed by less than 0.1 % over the last 15 steps")
    slow = gradient_descent(lambda x: 2 * x, [1.0], 1e-4, n_steps=50)
    assert slow.message.startswith("‖∇f‖ shrank over the last 25 steps (×0.9998")
    # ‖∇f‖ → 0 need not mean the iterates converge: ln(1 + eˣ), x_k → −∞
    softplus = gradient_descent(lambda x: 1 / (1 + np.exp(-x)), [0.0], 1.0, n_steps=2000)
    assert softplus.message.startswith("‖∇f‖ shrank over the last 1000 steps") and \
        softplus.final[0] < -7
    for run in (grows, flat, slow, softplus):
        assert "converging" not in run.message and "diverging" not in run.message


def test_momentum_explorer_labels_what_it_draws():
    e = descent_explorer(ILL, x0=(-2.0, 1.5), step=ILL.optimal_step, n_steps=150,
                         momentum=True, alpha=0.5, x_range=(-2.5, 2.5), y_range=(-1.6, 1.6))
    a = e.view.artists
    assert a["edge"].get_xdata()[0] == pytest.approx(2 * 1.5 / ILL.eigenvalues[-1])
    assert a["edge"].get_label() == "edge 2(1+α)/λmax"
    assert a["best"].get_label() == "best γ for α = 0"
    assert a["best"].get_xdata()[0] == pytest.approx(ILL.optimal_step)
    assert a["predicted"].get_label() == "(f₀ − f*)·ρ²ᵏ: a bound only for α = 0"
    legend = [t.get_text() for t in e.axes["step"].get_legend().get_texts()]
    assert "edge 2(1+α)/λmax" in legend and "best γ for α = 0" in legend
    # the best step for the current α, written out, is the minimum of ρ(γ, α)
    rho, low, high = e.best_step_for_alpha()
    grid = np.linspace(1e-4, e._max_step, 20001)
    brute = contraction_factor_curve(ILL.eigenvalues, grid, 0.5)
    assert rho == pytest.approx(brute.min(), abs=2e-3)
    assert brute[np.argmin(np.abs(grid - low))] == pytest.approx(brute.min(), abs=2e-3)
    assert f"smallest ρ for α = 0.50: {rho:.3f}" in e.theory_label.value
    assert not ILL.optimal_step - 1e-3 < low < ILL.optimal_step + 1e-3   # not γ* of α = 0
    e.momentum.value = 0.8
    assert a["edge"].get_xdata()[0] == pytest.approx(2 * 1.8 / ILL.eigenvalues[-1])


def test_without_momentum_the_lines_are_the_plain_ones():
    e = descent_explorer(SLIDES, n_steps=60)
    a = e.view.artists
    assert a["edge"].get_label() == "edge 2/λmax" and a["best"].get_label() == "best γ*"
    assert a["predicted"].get_label() == "bound (f₀ − f*)·ρ²ᵏ"


def test_the_reference_line_is_a_bound_without_momentum_and_not_with_it():
    theory = step_theory(ILL)
    start = [-2.0, 1.5]
    plain = gradient_descent(ILL.gradient, start, 0.9 * ILL.max_stable_step, n_steps=200,
                             f=ILL.value, tol=0.0)
    ks = np.arange(len(plain.values))
    bound = plain.values[0] * theory.rate(0.9 * ILL.max_stable_step) ** (2 * ks)
    assert np.all(plain.values <= bound * (1 + 1e-9) + 1e-300)
    gamma, alpha = ILL.optimal_momentum()
    heavy = gradient_descent(ILL.gradient, start, gamma, momentum=alpha, n_steps=200,
                             f=ILL.value, tol=0.0)
    ks = np.arange(len(heavy.values))
    line = heavy.values[0] * theory.rate(gamma, alpha) ** (2 * ks)
    assert np.any(heavy.values > 2 * line)                # above the line: no bound
    assert reference_label(theory, momentum=alpha).endswith("no bound with momentum")
    assert reference_label(step_theory(ROSENBROCK)).endswith("no bound")


def test_rho_above_the_clip_is_marked():
    theory = step_theory(SLIDES)
    _, (ax,) = new_figure()
    artists = draw_step_axis(ax, theory, (0.0, 2.5 * theory.edge))
    steps = artists["steps"]
    rates = contraction_factor_curve(theory.eigenvalues, steps)
    cut = np.asarray(artists["cut"].get_ydata(), dtype=float)
    curve = np.asarray(artists["curve"].get_ydata(), dtype=float)
    assert np.array_equal(~np.isnan(cut), rates > RATE_CLIP) and np.any(rates > RATE_CLIP)
    assert np.all(np.isnan(curve[rates > RATE_CLIP]))     # nothing drawn as if it were ρ
    assert artists["cut"].get_label() == f"ρ > {RATE_CLIP:g}, cut off"


def test_small_multiples_titles_say_what_each_run_does():
    fig = descent_small_multiples(SLIDES, [-3.0, -1.0], n_steps=60)
    titles = [ax.get_title().replace("\n", " ") for ax in fig.axes[:4]]
    assert titles[3].startswith("γ = 0.1097 = 1.10·(2/λmax) diverging (ρ = 1.200 > 1)")
    for title in titles[:3]:
        assert "converging (ρ = 0." in title and "< 1)" in title
    assert not any("still going" in t for t in titles)
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "bound (f₀ − f*)·ρ²ᵏ" in labels


def test_run_description_at_the_edge():
    q = Quadratic([[1, 0], [0, 9]])
    run = gradient_descent(q.gradient, [1.0, 1.0], 2 / 9, n_steps=40)
    assert run_description(run, step_theory(q), 2 / 9).startswith("not converging (ρ = 1)")


def test_steps_figure_shows_measured_and_predicted_apart():
    ax = plot_steps_against_condition([1, 10, 100], [1, 109, 1202], [1, 108.2, 1201.5])
    lines = {line.get_label(): line for line in ax.lines}
    predicted = lines["predicted ⌈ln(‖∇f(x₀)‖/tol)/ln(1/ρ)⌉ (κ = 1: 1 step)"]
    measured = lines["measured steps"]
    assert predicted.get_markerfacecolor() == "none"
    assert predicted.get_markersize() > 2 * measured.get_markersize()
    assert measured.get_zorder() > predicted.get_zorder()
    with pytest.raises(TypeError, match="ax must be a Matplotlib Axes"):
        plot_steps_against_condition([1, 10], [1, 2], ax="x")


@pytest.mark.parametrize("method", ["value", "gradient"])
@pytest.mark.parametrize("point, error, words", [
    ("1, 2", TypeError, "x must be a point of 2 numbers"),
    ([1.0, "a"], TypeError, "x must"),
    ([1.0, 2.0, 3.0], ValueError, r"x must have shape \(\.\.\., 2\)"),
    (1.0, ValueError, r"x must have shape"),
    ([1.0, math.nan], ValueError, "x must contain only finite numbers"),
    ([[0.0, 0.0], [math.inf, 1.0]], ValueError, "x must contain only finite numbers"),
    (np.array([np.nan, 1.0]), ValueError, "x must contain only finite numbers"),
])
def test_quadratic_refuses_bad_points_by_name(method, point, error, words):
    with pytest.raises(error, match=words):
        getattr(SLIDES, method)(point)


def test_condition_flag_is_checked():
    with pytest.raises(TypeError, match="condition must be True, False or None"):
        descent_explorer(condition=np.ones(3))


# ------------------------------------------------ second review: verdicts only from theory ----

def test_rosenbrock_with_the_default_step_is_not_called_diverging():
    # f and ‖∇f‖ rise over steps 10-20, yet the run converges: only the rise is reported
    e = descent_explorer(ROSENBROCK, x0=(-1.5, 2.0), n_steps=20)
    status = e.status_text
    assert "diverging" not in status and "converging" not in status
    assert status.startswith("f and ‖∇f‖ rose over the last 10 steps (‖∇f‖ ×1.1")
    long = gradient_descent(ROSENBROCK.gradient, [-1.5, 2.0], e.gamma, n_steps=30000,
                            f=ROSENBROCK.value)
    assert long.status == "converged"                      # the verdict would have been wrong
    assert np.allclose(long.final, [1.0, 1.0], atol=1e-6)


def test_rosenbrock_above_the_edge_says_that_x_star_is_unstable():
    e = descent_explorer(ROSENBROCK, x0=(-1.5, 2.0), n_steps=300)
    e.step.value = 101.0
    status = e.status_text
    rho = e.theory.rate(e.gamma)
    assert rho > 1
    assert f"x* is unstable for this γ (ρ = {rho:.3f} > 1 there)" in status
    assert "converging" not in status and status.startswith("‖∇f‖ shrank over the last 150 steps")
    assert "101.0 % of 2/λmax" in status
    # indeed the long run does not reach x* = (1, 1): it ends in a 2-cycle
    run = gradient_descent(ROSENBROCK.gradient, [-1.5, 2.0], e.gamma, n_steps=30000,
                           f=ROSENBROCK.value)
    assert run.status == "max_steps" and np.linalg.norm(run.final - 1) > 1e-3
    assert np.allclose(run.points[-1], run.points[-3]) and \
        not np.allclose(run.points[-1], run.points[-2])
    assert "in all" in run.message                         # not "×1.00000 per step"
    e.step.value = 99.0                                    # stable at x*: no warning
    assert "unstable" not in e.status_text and "(at x*)" in e.status_text


@pytest.mark.parametrize("percent, verdict", [(101.0, "diverging"), (99.9, "converging"),
                                              (100.1, "diverging"), (100.0, "not converging")])
def test_quadratic_near_the_edge_keeps_its_exact_verdict(percent, verdict):
    e = descent_explorer(SLIDES, n_steps=300)
    e.step.value = percent
    run = e.trajectory
    assert run.status == "max_steps"
    assert e.status_text.startswith(verdict + " (ρ = ")
    assert f"= {percent:.1f} % of 2/λmax" in e.status_text
    assert "× 2/λmax" not in e.status_text


def test_the_percent_of_the_edge_never_reads_100_on_both_sides():
    e = descent_explorer(SLIDES, n_steps=60)
    edge = e.theory.edge
    shown = {}
    for factor in (1 - 4e-4, 1 - 2e-6, 1.0, 1 + 2e-6, 1 + 4e-4):
        e.set_step(factor * edge)
        status = e.status_text
        assert "1.00 × 2/λmax" not in status
        percent = status.split("% of 2/λmax")[0].rsplit("= ", 1)[1].strip()
        shown[factor] = percent
        if factor < 1:
            assert status.startswith("converging") and float(percent) < 100
        elif factor > 1:
            assert status.startswith("diverging") and float(percent) > 100
        else:
            assert status.startswith("not converging") and percent == "100.0"
        assert percent in e.theory_label.value
    assert len(set(shown.values())) == 5


def test_momentum_status_gives_the_percent_of_its_own_edge():
    e = descent_explorer(ILL, x0=(-2.0, 1.5), step=ILL.optimal_step, n_steps=150,
                         momentum=True, alpha=0.5, x_range=(-2.5, 2.5), y_range=(-1.6, 1.6))
    e.set_step(1.2 * ILL.max_stable_step)                  # beyond 2/λmax, within 2(1+α)/λmax
    assert "120.0 % of 2/λmax (80.0 % of 2(1+α)/λmax)" in e.status_text
    assert e.status_text.startswith("converging")


def _step_legend(ax):
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend is not None else []


def test_cut_off_is_in_the_legend_only_when_something_is_cut():
    theory = step_theory(SLIDES)
    _, (ax,) = new_figure()
    artists = draw_step_axis(ax, theory, (0.0, 1.25 * theory.edge))   # ρ ≤ 1.5 < 1.6
    assert np.all(np.isnan(np.asarray(artists["cut"].get_ydata(), dtype=float)))
    assert not any("cut off" in text for text in _step_legend(ax))
    e = descent_explorer(SLIDES, n_steps=60)                 # the notebook's explorer
    assert not any("cut off" in text for text in _step_legend(e.axes["step"]))
    _, (ax,) = new_figure()
    draw_step_axis(ax, theory, (0.0, 2.5 * theory.edge))
    assert f"ρ > {RATE_CLIP:g}, cut off" in _step_legend(ax)


def test_cut_off_legend_follows_the_momentum():
    # a slider end where ρ(γ, α) passes the clip for small α only
    theory = step_theory(ILL)
    end = 1.35 * theory.edge
    e = descent_explorer(ILL, x0=(-2.0, 1.5), step=ILL.optimal_step, n_steps=60, momentum=True,
                         alpha=0.0, max_step=end, x_range=(-2.5, 2.5), y_range=(-1.6, 1.6))
    steps = e.view.artists["steps"]
    assert np.any(contraction_factor_curve(theory.eigenvalues, steps, 0.0) > RATE_CLIP)
    assert not np.any(contraction_factor_curve(theory.eigenvalues, steps, 0.5) > RATE_CLIP)
    assert any("cut off" in text for text in _step_legend(e.axes["step"]))
    e.momentum.value = 0.5
    assert not any("cut off" in text for text in _step_legend(e.axes["step"]))
    e.momentum.value = 0.0
    assert any("cut off" in text for text in _step_legend(e.axes["step"]))
