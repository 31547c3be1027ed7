"""Tests of notebook 10's eigen-picture and rate map: the drawings (figures.momentum:
ErrorComponentsView, error_components_figure, RateMapView, rate_map_figure) and the two
explorers (explorers.momentum)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lecture_utils.explorers.momentum import ErrorComponentsExplorer, MomentumRateExplorer
from lecture_utils.figures.momentum import (
    component_labels, error_component_history, error_components_figure, rate_map_figure,
)
from lecture_utils.maths.quadratic import Quadratic

SLIDES = Quadratic([[2, 1], [1, 20]], [5, 3])
ILL = Quadratic.with_condition_number(50, angle=np.pi / 6)


@settings(max_examples=40, deadline=None)
@given(kappa=st.floats(1.5, 200.0), angle=st.floats(0.0, 3.0),
       fraction=st.floats(0.05, 0.99), x=st.floats(-5, 5), y=st.floats(-5, 5))
def test_each_component_shrinks_by_exactly_its_factor(kappa, angle, fraction, x, y):
    q = Quadratic.with_condition_number(kappa, angle=angle)
    step = fraction * q.max_stable_step
    errors = error_component_history(q, [x, y], step, 15)
    factors = np.abs(1 - step * q.eigenvalues)
    assert np.allclose(errors[1:], errors[:-1] * factors, rtol=1e-8, atol=1e-12)


def test_the_labels_name_the_slowest_direction_and_a_diverging_one():
    assert component_labels(SLIDES, 0.08)[0].endswith("(slowest)")
    assert "(slowest)" in component_labels(SLIDES, 0.095)[1]      # above γ*: the steep one
    assert component_labels(SLIDES, 0.105)[1].endswith("(diverges)")
    assert "0.844" in component_labels(SLIDES, 0.08)[0]
    # signed factors: v₂ flips sign for every γ > 1/λmax = 0.05, not only beyond γ*
    assert component_labels(SLIDES, 0.08)[1].startswith("v₂: λ₂ = 20.1, 1 − γλ₂ = −0.604, flips sign")
    assert "flips sign" not in component_labels(SLIDES, 0.049)[1]
    assert "flips sign" not in component_labels(SLIDES, 0.08)[0]


def test_the_error_explorer_names_the_flip_and_the_edge():
    e = ErrorComponentsExplorer(n_steps=20)
    e.step.value = 0.08
    assert "1 − γλ₂ = −0.60" in e.status_text and "v₂ flips sign at every step" in e.status_text
    e.step.value = 0.04
    assert "flips" not in e.status_text
    e.step.value = 0.0997                              # just below 2/λmax = 0.09973: not "×1.000"
    assert "×0.99" in e.status_text and "just below 1: it converges very slowly" in e.status_text
    e.step.value = SLIDES.max_stable_step
    assert "it flips sign without shrinking" in e.status_text, e.status_text


def test_the_rate_explorer_shows_the_whole_run_down_to_the_floor():
    m = MomentumRateExplorer(n_steps=120, step=0.05, momentum=0.5)
    low, high = m.view.ax_values.get_ylim()
    data = m.view.line.get_ydata()
    assert low <= np.nanmin(data) and high >= np.nanmax(data) and high < 1e4 * np.nanmax(data)


def test_the_static_figure_plots_the_run_and_marks_the_step():
    fig = error_components_figure([dict(quadratic=SLIDES, x0=[-3, -1], step=0.08)], n_steps=10)
    errors_ax, factors_ax = fig.axes
    blue = errors_ax.lines[0].get_ydata()
    assert np.allclose(blue[1:] / blue[:-1], 1 - 0.08 * SLIDES.eigenvalues[0])
    assert errors_ax.get_yscale() == "log"
    assert any(np.allclose(line.get_xdata(), 0.08) for line in factors_ax.lines)
    assert "1 − γλ₁ = 0.844 (slowest)" in [t.get_text() for t in errors_ax.get_legend().get_texts()][0]


@pytest.mark.parametrize("panels, message", [
    ([], "panels must be a list of one or two"),
    ([dict(quadratic=SLIDES, x0=[0, 0])], r"panels\[0\] must be a dict with quadratic, x0 and step"),
    ([dict(quadratic=[[1, 0], [0, 1]], x0=[0, 0], step=0.1)], "must be a Quadratic"),
    ([dict(quadratic=Quadratic([[1, 0], [0, -1]], allow_indefinite=True), x0=[0, 0], step=0.1)], "positive definite"),
    ([dict(quadratic=SLIDES, x0=[0, 0], step=-1)], "step"),
])
def test_bad_panels_are_named(panels, message):
    with pytest.raises((TypeError, ValueError), match=message):
        error_components_figure(panels)


def test_the_rate_map_figure_counts_the_rises_of_f():
    fig = rate_map_figure(ILL, [-2, 1.5], 0.05, 0.5, n_steps=120)
    assert fig.axes[1].get_title() == "f rises in 4 of 120 steps"
    assert "ρ = 0.885" in fig.axes[0].get_title()
    with pytest.raises(ValueError, match="momentum must be in"):
        rate_map_figure(ILL, [-2, 1.5], 0.05, 1.0)


def test_the_error_explorer_moves_its_curves_in_place():
    e = ErrorComponentsExplorer(n_steps=20)
    first = e.view.lines[0]
    e.step.value = 0.095
    assert e.view.lines[0] is first                               # same artists, new data
    assert "v₂ is the slowest" in e.status_text
    assert np.allclose(first.get_ydata()[1:] / first.get_ydata()[:-1],
                       abs(1 - 0.095 * SLIDES.eigenvalues[0]))
    e.step.value = 0.105
    assert "diverges" in e.status_text
    with pytest.raises(ValueError, match="step must be at most"):
        ErrorComponentsExplorer(step=1.0)


def test_the_rate_explorer_moves_the_pair_and_reports_rho():
    m = MomentumRateExplorer(n_steps=60)
    assert m.status_text.startswith("ρ(γ, α) = 0.752 (optimal 0.752)")
    m.momentum.value = 0.0
    m.step.value = round(ILL.optimal_step, 4)
    x, y = m.view.current.get_data()
    assert np.isclose(y[0], 0.0) and np.isclose(x[0], m.step.value)
    assert "f rises in 0 of" in m.status_text
    m.step.value = m.step.max                                      # far beyond 2(1 + 0)/λmax
    assert "does not converge" in m.status_text
    with pytest.raises(ValueError, match="momentum must be in"):
        MomentumRateExplorer(momentum=1.2)
