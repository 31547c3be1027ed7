"""Tests of lecture_utils.maths.quadratic's eigen-picture: the error components of gradient
descent in the eigenvector basis, and the heavy-ball rate map ρ(γ, α)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lecture_utils.maths.optimize import gradient_descent
from lecture_utils.maths.quadratic import (
    MAX_RATE_CELLS,
    Quadratic,
    contraction_factor_curve,
    heavy_ball_parameters,
    momentum_rate_map,
)

SLIDES = Quadratic([[2, 1], [1, 20]], [5, 3])

kappas = st.floats(1.0, 200.0)
angles = st.floats(-3.0, 3.0)
fractions = st.floats(0.05, 0.95)


@settings(max_examples=60, deadline=None)
@given(kappa=kappas, angle=angles, fraction=fractions,
       start=st.tuples(st.floats(-5, 5), st.floats(-5, 5)))
def test_each_component_shrinks_by_its_own_factor(kappa, angle, fraction, start):
    q = Quadratic.with_condition_number(kappa, angle=angle, minimizer=[0.5, -1.0])
    step = fraction * q.max_stable_step
    run = gradient_descent(q.gradient, start, step, n_steps=15, tol=0.0)
    components = q.error_components(run.points)
    assert components.shape == (len(run.points), 2)
    factors = 1.0 - step * q.eigenvalues           # signed: the component keeps or flips sign
    scale = np.abs(components[0]).max() + 1.0
    predicted = components[:-1] * factors
    assert np.allclose(components[1:], predicted, rtol=0, atol=1e-9 * scale)


@settings(max_examples=40, deadline=None)
@given(kappa=kappas, angle=angles, point=st.tuples(st.floats(-9, 9), st.floats(-9, 9)))
def test_components_are_the_error_in_the_eigenbasis(kappa, angle, point):
    q = Quadratic.with_condition_number(kappa, angle=angle, minimizer=[1.0, 2.0])
    c = q.error_components(point)
    assert c.shape == (1, 2)
    # same length as the error, and V c gives the error back
    error = np.asarray(point) - q.minimizer
    assert np.isclose(np.linalg.norm(c), np.linalg.norm(error), atol=1e-9)
    assert np.allclose(q.eigenvectors @ c[0], error, atol=1e-9)


def test_components_on_the_slides_quadratic_single_point_and_minimiser():
    assert np.allclose(SLIDES.error_components(SLIDES.minimizer), 0.0, atol=1e-12)
    c = SLIDES.error_components([[-3.0, -1.0]])
    _, V = np.linalg.eigh(np.array([[2.0, 1.0], [1.0, 20.0]]))
    error = np.array([-3.0, -1.0]) - np.linalg.solve([[2.0, 1.0], [1.0, 20.0]], [5.0, 3.0])
    assert np.allclose(c[0], error @ V, atol=1e-12)
    assert c[0, 0] ** 2 + c[0, 1] ** 2 == pytest.approx(error @ error)


def test_components_of_a_saddle_use_the_stationary_point():
    q = Quadratic([[1.0, 0.0], [0.0, -1.0]], [1.0, 1.0], allow_indefinite=True)
    assert np.allclose(q.error_components(q.stationary_point), 0.0)


@pytest.mark.parametrize("points, error, match", [
    ("1, 2", TypeError, "points"),
    ([1.0, np.nan], ValueError, "points must contain only finite"),
    ([[1.0, 2.0, 3.0]], ValueError, r"points must have shape \(\.\.\., 2\)"),
    (np.zeros((2, 2, 2)), ValueError, r"points must be one point"),
    (None, ValueError, "points"),
])
def test_components_reject_bad_points(points, error, match):
    with pytest.raises(error, match=match):
        SLIDES.error_components(points)


@settings(max_examples=60, deadline=None)
@given(smallest=st.floats(0.01, 10.0), kappa=kappas,
       steps=st.lists(st.floats(1e-4, 3.0), min_size=1, max_size=8))
def test_rate_map_at_zero_momentum_is_the_gradient_descent_factor(smallest, kappa, steps):
    eigenvalues = [smallest, smallest * np.sqrt(kappa), smallest * kappa]
    rho = momentum_rate_map(eigenvalues, steps, [0.0, 0.5])
    assert rho.shape == (2, len(steps))
    expected = np.max(np.abs(1.0 - np.outer(steps, eigenvalues)), axis=1)
    assert np.allclose(rho[0], expected, rtol=1e-12, atol=0)
    assert np.array_equal(contraction_factor_curve(eigenvalues, steps, 0.5), rho[1])


@settings(max_examples=40, deadline=None)
@given(smallest=st.floats(0.05, 5.0), kappa=st.floats(1.5, 300.0))
def test_rate_map_is_smallest_at_the_heavy_ball_parameters(smallest, kappa):
    largest = smallest * kappa
    gamma_star, alpha_star = heavy_ball_parameters(smallest, largest)
    steps = gamma_star * np.linspace(0.5, 1.5, 41)        # the optimum is the middle entry
    momenta = np.unique(np.append(np.linspace(0.0, 0.99, 45), alpha_star))
    rho = momentum_rate_map([smallest, largest], steps, momenta)
    best = np.sqrt(alpha_star)                           # (√κ − 1)/(√κ + 1)
    j = int(np.flatnonzero(momenta == alpha_star)[0])
    assert np.isclose(rho[j, 20], best, rtol=1e-6)
    assert rho.min() >= best * (1 - 1e-6)
    assert np.isclose(best, (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1), rtol=1e-9)


def test_rate_map_matches_the_quadratics_contraction_factor():
    q = Quadratic.with_condition_number(30, angle=0.4)
    steps, momenta = [0.01, 0.05, 0.1], [0.0, 0.3, 0.8]
    rho = momentum_rate_map(q.eigenvalues, steps, momenta)
    for i, alpha in enumerate(momenta):
        for j, gamma in enumerate(steps):
            assert rho[i, j] == pytest.approx(q.contraction_factor(gamma, alpha), rel=1e-12)


def test_rate_map_huge_step_is_inf_without_warning():
    with np.errstate(all="raise"):
        rho = momentum_rate_map([1.0, 4.0], [1e300, 0.1], [0.0, 0.5])
    assert np.isinf(rho[:, 0]).all() and np.isfinite(rho[:, 1]).all()


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(eigenvalues="1, 9"), TypeError, "eigenvalues"),
    (dict(eigenvalues=[]), ValueError, "eigenvalues must be a non-empty 1-D"),
    (dict(steps=[[0.1]]), ValueError, "steps must be a non-empty 1-D"),
    (dict(momenta=[0.1, np.inf]), ValueError, "momenta must contain only finite"),
    (dict(momenta=None), ValueError, "momenta"),
    (dict(steps=np.ones(MAX_RATE_CELLS), momenta=[0.0, 0.5]), ValueError, "steps and momenta"),
])
def test_rate_map_rejects_bad_arguments(kwargs, error, match):
    arguments = dict(eigenvalues=[1.0, 9.0], steps=[0.1], momenta=[0.0]) | kwargs
    with pytest.raises(error, match=match):
        momentum_rate_map(**arguments)
