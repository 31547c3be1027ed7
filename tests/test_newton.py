"""Newton's method: exact in one step on positive-definite quadratics, quadratic convergence,
clear errors for singular and indefinite Hessians, honest costs, preconditioning."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from lecture_utils.maths.landscapes import ROSENBROCK, SADDLE
from lecture_utils.maths.newton import newton_step, newtons_method, precondition, step_costs
from lecture_utils.maths.optimize import Quadratic, gradient_descent

finite = st.floats(-10, 10, allow_nan=False)


@st.composite
def spd_quadratics(draw):
    n = draw(st.integers(1, 4))
    M = np.array(draw(st.lists(st.lists(finite, min_size=n, max_size=n), min_size=n, max_size=n)))
    shift = draw(st.floats(0.1, 5.0))
    A = M @ M.T + shift * np.eye(n)
    b = np.array(draw(st.lists(finite, min_size=n, max_size=n)))
    x0 = np.array(draw(st.lists(finite, min_size=n, max_size=n)))
    return Quadratic(A, b), x0


@settings(max_examples=60, deadline=None)
@given(spd_quadratics())
def test_newton_is_exact_in_one_step_on_any_positive_definite_quadratic(case):
    q, x0 = case
    x1 = newton_step(q.gradient, q.hessian, x0)
    assert np.allclose(x1, q.minimizer, atol=1e-8 * (1 + np.abs(q.minimizer).max()))
    run = newtons_method(q.gradient, q.hessian, x0, f=q.value, tol=1e-6 * (1 + np.abs(q.b).max()))
    assert run.status == "converged" and run.n_steps <= 1
    assert run.n_hessian_evaluations == run.n_steps


def test_the_slides_quadratic_in_one_step():
    q = Quadratic([[2, 1], [1, 20]], [5, 3])
    run = newtons_method(q.gradient, q.hessian, [-3, -1], f=q.value)
    assert run.n_steps == 1 and np.allclose(run.final, q.minimizer)
    gd = gradient_descent(q.gradient, [-3, -1], q.optimal_step, n_steps=1000, tol=1e-10)
    assert gd.n_steps > 50


def test_rosenbrock_converges_quadratically():
    run = newtons_method(ROSENBROCK.gradient, ROSENBROCK.hessian, [-1.2, 1.0], tol=1e-12)
    errors = run.distances([1.0, 1.0])
    assert run.status == "converged" and run.n_steps < 10
    tail = errors[-4:-1]   # e_{k+1} ≈ C e_k²: the exponent log e_{k+1}/log e_k tends to 2
    assert tail[-1] < 1e-6 and tail[-1] < 10 * tail[-2] ** 2


def test_a_singular_hessian_is_refused_by_name():
    with pytest.raises(ValueError, match="hessian is singular"):
        newton_step(lambda x: np.array([x[0], 0.0]), lambda x: np.diag([1.0, 0.0]), [1.0, 1.0])


@pytest.mark.parametrize("H, words", [(np.diag([2.0, -2.0]), "indefinite.*saddle"),
                                      (np.diag([-1.0, -3.0]), "negative definite.*maximum")])
def test_an_indefinite_hessian_is_refused_and_says_where_it_would_head(H, words):
    with pytest.raises(ValueError, match=words):
        newton_step(lambda x: H @ x, lambda x: H, [1.0, 1.0])


def test_the_saddle_landscape_is_refused_in_newtons_method():
    with pytest.raises(ValueError, match="indefinite"):
        newtons_method(SADDLE.gradient, SADDLE.hessian, [1.0, 0.5])


@pytest.mark.parametrize("call, name", [
    (lambda: newton_step(None, np.eye, [1.0]), "gradient"),
    (lambda: newton_step(lambda x: x, None, [1.0]), "hessian"),
    (lambda: newton_step(lambda x: x, lambda x: np.eye(1), "x"), "x"),
    (lambda: newton_step(lambda x: x, lambda x: np.eye(3), [1.0]), "hessian"),
    (lambda: newtons_method(lambda x: x, lambda x: np.eye(1), [1.0], n_steps=-1), "n_steps"),
    (lambda: precondition("A"), "quadratic"),
    (lambda: precondition(Quadratic(np.eye(2)), "jacobi"), "kind"),
    (lambda: step_costs(0), "n"),
])
def test_bad_arguments_raise_named_errors(call, name):
    with pytest.raises((TypeError, ValueError), match=name):
        call()


def _cholesky_multiply_adds(n):
    """Multiply-adds of the textbook Cholesky loop: column j costs j for L[j, j] and j for
    each of the n − j − 1 entries below it."""
    return sum(j + j * (n - j - 1) for j in range(n))


def test_step_costs_count_the_cubic_solve():
    for n in (10, 100, 1000):
        costs = step_costs(n)
        cholesky = costs["Newton"]["flops"] - n * n - n      # minus the two solves and the update
        assert abs(cholesky / _cholesky_multiply_adds(n) - 1) < 0.02   # n³/6, not n³/3 (LU)
        assert costs["gradient descent"]["hessian"] == 0 and costs["Newton"]["hessian"] == 1


@settings(max_examples=40, deadline=None)
@given(spd_quadratics())
def test_cholesky_preconditioning_gives_the_identity_and_the_same_minimiser(case):
    q, _ = case
    g, P = precondition(q, "cholesky")
    assert np.allclose(g.A, np.eye(q.n), atol=1e-8)
    assert np.allclose(P @ g.minimizer, q.minimizer, atol=1e-6 * (1 + np.abs(q.minimizer).max()))
    d, D = precondition(q, "diagonal")
    assert np.allclose(np.diag(d.A), 1.0)
