"""Tests of lecture_utils.maths.optimize and lecture_utils.maths.landscapes: gradient descent, its step-size
rules and the step-size theory of a quadratic (hypothesis properties on random SPD matrices)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lecture_utils.maths.landscapes import (
    DOUBLE_WELL,
    LANDSCAPES,
    ROSENBROCK,
    SADDLE,
    THREE_HUMP_CAMEL,
)
from lecture_utils.maths.jacobians import numerical_jacobian
from lecture_utils.maths.optimize import (
    Backtracking,
    BoldDriver,
    ConstantStep,
    Trajectory,
    gradient_descent,
)
from lecture_utils.maths.quadratic import (
    Quadratic,
    heavy_ball_parameters,
    steps_to_reduce,
)

SLIDES_A = [[2, 1], [1, 20]]
SLIDES_B = [5, 3]
SLIDES_X0 = [-3, -1]


# --------------------------------------------------------------------------- helpers ----

def random_spd(seed: int, n: int, log_kappa: float, scale: float = 1.0) -> Quadratic:
    """A random SPD quadratic with condition number 10**log_kappa (λmin and λmax attained)."""
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    kappa = 10.0 ** log_kappa
    inner = np.exp(rng.uniform(0, np.log(kappa), size=n - 2))
    eigen = scale * np.concatenate([[1.0], inner, [kappa]])
    A = Q @ np.diag(eigen) @ Q.T
    return Quadratic((A + A.T) / 2, rng.normal(size=n))


quadratics = st.builds(random_spd, st.integers(0, 10_000), st.integers(2, 5),
                       st.floats(0.0, 2.0), st.floats(0.1, 10.0))


# ------------------------------------------------------------------- the slides' example ----

def test_slides_example_gradient_minimiser_and_eigenvalues():
    q = Quadratic(SLIDES_A, SLIDES_B)
    # ∇f = [2x1 + x2 − 5, x1 + 20x2 − 3] at x0 = (−3, −1)
    assert q.gradient(SLIDES_X0).tolist() == [2 * -3 + -1 - 5, -3 + 20 * -1 - 3]
    assert np.allclose(q.minimizer, [97 / 39, 1 / 39])
    assert np.allclose(q.gradient(q.minimizer), 0)
    assert np.allclose(q.eigenvalues, [11 - np.sqrt(82), 11 + np.sqrt(82)])
    assert q.eigenvalues[0] < q.eigenvalues[1]
    assert np.isclose(q.max_stable_step, 2 / (11 + np.sqrt(82)))
    assert np.isclose(q.optimal_step, 2 / 22)
    kappa = q.condition_number
    assert np.isclose(q.contraction_factor(q.optimal_step), (kappa - 1) / (kappa + 1))
    assert np.isclose(q.minimum, q.value(q.minimizer))


def test_first_iterates_equal_exact_fractions():
    A = [[Fraction(v) for v in row] for row in SLIDES_A]
    b = [Fraction(v) for v in SLIDES_B]
    for gamma in (Fraction(1, 20), Fraction(1, 10)):
        x = [Fraction(v) for v in SLIDES_X0]
        exact = [x]
        for _ in range(3):
            g = [sum(x[i] * A[i][j] for i in range(2)) - b[j] for j in range(2)]
            x = [x[j] - gamma * g[j] for j in range(2)]
            exact.append(x)
        q = Quadratic(SLIDES_A, SLIDES_B)
        run = gradient_descent(q.gradient, SLIDES_X0, float(gamma), n_steps=3)
        assert np.allclose(run.points, np.array(exact, dtype=float), rtol=1e-14, atol=1e-14)


def test_value_and_gradient_are_vectorised():
    q = Quadratic(SLIDES_A, SLIDES_B)
    grid = np.random.default_rng(0).normal(size=(4, 5, 2))
    values = q.value(grid)
    assert values.shape == (4, 5)
    assert np.isclose(values[2, 3], q.value(grid[2, 3]))
    assert q.gradient(grid).shape == (4, 5, 2)
    assert np.allclose(q.gradient(grid[1, 1]), numerical_jacobian(q.value, grid[1, 1]))


def test_row_vector_b_is_accepted_and_c_shifts_the_value():
    q = Quadratic(SLIDES_A, [[5, 3]], c=2.0)
    assert q.value([0, 0]) == 2.0 and q.b.shape == (2,)


# --------------------------------------------------------------------- bad input ----

def test_non_symmetric_matrix_is_named():
    with pytest.raises(ValueError, match=r"symmetric.*A\[0, 1\] = 2 but A\[1, 0\] = 0"):
        Quadratic([[1, 2], [0, 1]])


def test_indefinite_matrix_names_the_eigenvalue_and_the_way_out():
    with pytest.raises(ValueError, match=r"positive definite.*-2.*allow_indefinite=True"):
        Quadratic([[2, 0], [0, -2]])
    saddle = Quadratic([[2, 0], [0, -2]], allow_indefinite=True)
    assert saddle.value([1, 1]) == 0.0
    assert np.allclose(saddle.stationary_point, 0)
    with pytest.raises(ValueError, match=r"max_stable_step needs a positive definite A.*-2"):
        saddle.max_stable_step
    with pytest.raises(ValueError, match="minimizer needs a positive definite"):
        saddle.minimizer


@pytest.mark.parametrize("A, b, message", [
    ([[1, 2, 3], [4, 5, 6]], None, r"square matrix.*\(2, 3\)"),
    ([[1, 0], [0, 1]], [1, 2, 3], r"b must be a row vector of length 2.*\(3,\)"),
    ([[1, 0], [0, np.nan]], None, "finite"),
])
def test_bad_quadratic_input(A, b, message):
    with pytest.raises(ValueError, match=message):
        Quadratic(A, b)


@pytest.mark.parametrize("step, error, message", [
    (0.0, ValueError, r"step must be a positive finite step size.*0\.0"),
    (-0.1, ValueError, r"step must be a positive"),
    (float("nan"), ValueError, r"step must be a positive finite.*nan"),
    ("0.1", TypeError, r"step must be a positive number or a step-size rule"),
])
def test_bad_step(step, error, message):
    q = Quadratic(SLIDES_A, SLIDES_B)
    with pytest.raises(error, match=message):
        gradient_descent(q.gradient, SLIDES_X0, step)


def test_start_point_of_wrong_dimension_is_named():
    q = Quadratic(SLIDES_A, SLIDES_B)
    with pytest.raises(ValueError, match=r"x0 of shape \(3,\).*right dimension.*\(\.\.\., 2\)"):
        gradient_descent(q.gradient, [1, 2, 3], 0.05)


def test_gradient_of_wrong_shape_says_expected_and_got():
    with pytest.raises(ValueError, match=r"expected \(2,\) or the row \(1, 2\).*got shape \(2, 2\)"):
        gradient_descent(lambda x: np.outer(x, x), [1.0, 2.0], 0.1)
    run = gradient_descent(lambda x: 2 * x[None, :], [1.0, 2.0], 0.25, n_steps=3)  # a row: fine
    assert run.points.shape == (4, 2)


@pytest.mark.parametrize("rule", [BoldDriver(0.1), Backtracking()])
def test_rule_needing_f_without_f(rule):
    q = Quadratic(SLIDES_A, SLIDES_B)
    with pytest.raises(ValueError, match=rf"{type(rule).__name__} needs the objective: pass f="):
        gradient_descent(q.gradient, SLIDES_X0, rule)


@pytest.mark.parametrize("momentum", [1.0, -0.1, 1.5])
def test_momentum_outside_unit_interval(momentum):
    q = Quadratic(SLIDES_A, SLIDES_B)
    with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\)"):
        gradient_descent(q.gradient, SLIDES_X0, 0.05, momentum=momentum)


@pytest.mark.parametrize("make, message", [
    (lambda: BoldDriver(0.1, grow=0.9), "grow must be ≥ 1"),
    (lambda: BoldDriver(0.1, shrink=1.0), "shrink must be between 0 and 1"),
    (lambda: Backtracking(c=2.0), "c must be between 0 and 1"),
    (lambda: ConstantStep(-1.0), "step must be a positive"),
    (lambda: Quadratic.with_condition_number(0.5), "kappa must be a condition number from 1"),
    (lambda: Quadratic.with_condition_number(1e13), "kappa must be a condition number from 1 to 1e"),
    (lambda: Quadratic.with_condition_number(1e6, smallest=1e148), "smallest must be from"),
])
def test_bad_rule_parameters(make, message):
    with pytest.raises(ValueError, match=message):
        make()


# ---------------------------------------------------------------- trajectory contract ----

def test_trajectory_fields_and_counts():
    q = Quadratic(SLIDES_A, SLIDES_B)
    run = gradient_descent(q.gradient, SLIDES_X0, 0.05, n_steps=7, f=q.value)
    assert isinstance(run, Trajectory)
    assert run.status == "max_steps" and run.n_steps == 7
    assert run.points.shape == (8, 2) and run.values.shape == (8,)
    assert run.step_sizes.tolist() == [0.05] * 7
    assert np.allclose(run.values, q.value(run.points))
    assert run.n_gradient_evaluations == 8 and run.n_function_evaluations == 8
    assert run.message.startswith("‖∇f‖ shrank over the last 3 steps (×") and \
        run.message.endswith("not yet < 1e-08 after 7 steps")
    assert run.tol == 1e-8 and run.divergence_bound == 1e8
    assert gradient_descent(q.gradient, SLIDES_X0, 0.05, n_steps=3).values is None


def test_converged_status_uses_the_gradient_norm():
    q = Quadratic(SLIDES_A, SLIDES_B)
    run = gradient_descent(q.gradient, SLIDES_X0, q.optimal_step, n_steps=1000, tol=1e-6)
    assert run.status == "converged"
    assert run.gradient_norms[-1] < 1e-6 <= run.gradient_norms[-2]
    assert run.message == f"converged (‖∇f‖ < 1e-06) after {run.n_steps} steps"
    start = gradient_descent(q.gradient, q.minimizer, 0.05)
    assert start.status == "converged" and start.n_steps == 0


def test_divergence_is_reported_without_warnings():
    q = Quadratic(SLIDES_A, SLIDES_B)
    run = gradient_descent(q.gradient, SLIDES_X0, 3.0, n_steps=10_000, f=q.value)
    assert run.status == "diverged" and run.n_steps < 100
    assert run.message == f"diverged (‖x‖ > 1e+08) after {run.n_steps} steps"
    overflow = gradient_descent(lambda x: np.exp(x) * 1e300, [1.0], 1.0, f=lambda x: 0.0)
    assert overflow.status == "diverged"
    assert overflow.message.startswith("diverged (values no longer finite) after")


def test_bold_driver_undoes_an_increase_and_grows_after_a_decrease():
    run = gradient_descent(lambda x: 2 * x, [1.0], BoldDriver(1.5), n_steps=30,
                           f=lambda x: float(x @ x))
    assert run.n_rejected >= 1
    assert np.all(np.diff(run.values) <= 0)
    assert run.step_sizes[1] == pytest.approx(0.75)           # undone, then halved
    assert run.points[1] == run.points[0]                      # the undone step stays put
    accepted = np.flatnonzero(np.diff(run.values) < 0)
    assert run.step_sizes[accepted[0] + 1] == pytest.approx(1.1 * run.step_sizes[accepted[0]])


def test_bold_driver_reaches_the_rosenbrock_minimum():
    run = gradient_descent(ROSENBROCK.gradient, [-1.0, 1.0], BoldDriver(1e-3), n_steps=20_000,
                           f=ROSENBROCK.value, tol=1e-6)
    assert run.status == "converged"
    assert np.allclose(run.final, [1, 1], atol=1e-4)


def test_momentum_iteration_matches_the_formula():
    q = Quadratic(SLIDES_A, SLIDES_B)
    run = gradient_descent(q.gradient, SLIDES_X0, 0.04, n_steps=3, momentum=0.5)
    x = run.points
    for i in range(1, 3):
        assert np.allclose(x[i + 1], x[i] - 0.04 * q.gradient(x[i]) + 0.5 * (x[i] - x[i - 1]))
    assert np.allclose(x[1], x[0] - 0.04 * q.gradient(x[0]))  # no velocity at the start


# ------------------------------------------------------------- hypothesis properties ----

@settings(max_examples=40, deadline=None)
@given(quadratics, st.integers(0, 10_000))
def test_converges_below_the_edge(q, seed):
    x0 = q.minimizer + np.random.default_rng(seed).normal(size=q.n) * 3
    run = gradient_descent(q.gradient, x0, 0.9 * q.max_stable_step, n_steps=20_000,
                           tol=1e-7 * max(1.0, q.eigenvalues[-1]))
    assert run.status == "converged"
    assert np.linalg.norm(run.final - q.minimizer) < 1e-5 * max(1, np.linalg.norm(q.minimizer))


@settings(max_examples=40, deadline=None)
@given(quadratics, st.integers(0, 10_000))
def test_diverges_above_the_edge(q, seed):
    rng = np.random.default_rng(seed)
    top = q.eigenvectors[:, -1]
    x0 = q.minimizer + top * rng.uniform(0.5, 2) * rng.choice([-1, 1]) + 0.1 * rng.normal(size=q.n)
    run = gradient_descent(q.gradient, x0, 1.1 * q.max_stable_step, n_steps=2000, f=q.value)
    assert run.status == "diverged"
    assert q.contraction_factor(1.1 * q.max_stable_step) > 1


@settings(max_examples=40, deadline=None)
@given(quadratics, st.floats(0.1, 0.95), st.integers(0, 10_000))
def test_observed_rate_matches_the_contraction_factor(q, fraction, seed):
    q0 = Quadratic(q.A)                               # minimiser at 0: errors keep full precision
    step = fraction * q0.max_stable_step
    factors = np.sort(np.abs(1 - step * q0.eigenvalues))
    rho = q0.contraction_factor(step)
    assert rho == pytest.approx(factors[-1])
    assume(rho > 0.05 and factors[-2] < 0.9 * rho)    # a clear dominant mode
    rng = np.random.default_rng(seed)
    x0 = q0.eigenvectors @ (rng.uniform(0.5, 1.0, size=q0.n) * rng.choice([-1, 1], size=q0.n))
    run = gradient_descent(q0.gradient, x0, step, n_steps=120, tol=0.0)
    errors = run.distances(np.zeros(q0.n))
    assert errors[-1] / errors[-2] == pytest.approx(rho, rel=1e-3)
    assert rho < 1


@settings(max_examples=40, deadline=None)
@given(quadratics, st.integers(0, 10_000), st.floats(0.1, 4.0))
def test_backtracking_never_increases_f(q, seed, initial):
    x0 = q.minimizer + np.random.default_rng(seed).normal(size=q.n) * 5
    run = gradient_descent(q.gradient, x0, Backtracking(initial), n_steps=200, f=q.value)
    assert np.all(np.diff(run.values) <= 1e-12 * np.maximum(1, np.abs(run.values[:-1])))
    assert run.status != "diverged"


def test_backtracking_never_increases_f_on_rosenbrock():
    run = gradient_descent(ROSENBROCK.gradient, [-1.2, 1.0], Backtracking(), n_steps=500,
                           f=ROSENBROCK.value)
    assert np.all(np.diff(run.values) <= 0)
    assert run.values[-1] < 0.01 * run.values[0]


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 5), st.floats(1.5, 2.0), st.integers(0, 10_000))
def test_heavy_ball_is_faster_on_ill_conditioned_quadratics(matrix_seed, n, log_kappa, seed):
    q = random_spd(matrix_seed, n, log_kappa)
    x0 = q.minimizer + np.random.default_rng(seed).normal(size=n)
    target = 1e-6 * np.linalg.norm(x0 - q.minimizer)

    def steps(step, momentum):
        run = gradient_descent(q.gradient, x0, step, n_steps=1500, tol=0.0, momentum=momentum)
        below = np.flatnonzero(run.distances(q.minimizer) < target)
        return below[0] if below.size else np.inf

    step, momentum = q.optimal_momentum()
    plain = steps(q.optimal_step, 0.0)
    heavy = steps(step, momentum)
    assert heavy < plain
    assert q.contraction_factor(step, momentum) == pytest.approx(
        (np.sqrt(q.condition_number) - 1) / (np.sqrt(q.condition_number) + 1), rel=1e-4)


def test_steps_to_tolerance_grow_like_kappa():
    counts = {}
    for kappa in (10, 100, 1000):
        q = Quadratic.with_condition_number(kappa, angle=0.4)
        run = gradient_descent(q.gradient, [1.0, 1.0], q.optimal_step, n_steps=100_000,
                               tol=1e-8)
        assert run.status == "converged"
        counts[kappa] = run.n_steps
        predicted = steps_to_reduce(q.optimal_contraction_factor, 1e-8)
        assert 0.5 * predicted < run.n_steps < 1.5 * predicted
    assert 7 < counts[100] / counts[10] < 13 and 8 < counts[1000] / counts[100] < 12


def test_with_condition_number_builds_what_it_says():
    q = Quadratic.with_condition_number(25, smallest=2.0, angle=0.7, minimizer=[1, 2])
    assert np.allclose(q.eigenvalues, [2, 50])
    assert np.allclose(q.minimizer, [1, 2]) and abs(q.minimum) < 1e-12
    q5 = Quadratic.with_condition_number(100, n=5)
    assert q5.n == 5 and np.isclose(q5.condition_number, 100)


def test_heavy_ball_parameters_formula():
    step, momentum = heavy_ball_parameters(1, 100)
    assert step == pytest.approx(4 / 121) and momentum == pytest.approx((9 / 11) ** 2)


# ------------------------------------------------------------------------ landscapes ----

@pytest.mark.parametrize("landscape", list(LANDSCAPES.values()), ids=list(LANDSCAPES))
def test_landscape_derivatives_match_finite_differences(landscape):
    rng = np.random.default_rng(3)
    for _ in range(3):
        x = rng.uniform(-1.5, 1.5, size=landscape.n)
        g = numerical_jacobian(landscape.value, x, method="central")
        assert np.allclose(landscape.gradient(x), g, rtol=1e-6, atol=1e-6)
        H = numerical_jacobian(landscape.gradient, x, method="central")
        assert np.allclose(landscape.hessian(x), H, rtol=1e-5, atol=1e-5)


def test_landscape_stationary_points():
    for L in LANDSCAPES.values():
        for p in (*L.minimizers, *L.local_minimizers, *L.saddles):
            assert np.allclose(L.gradient(np.array(p)), 0, atol=1e-9), (L.name, p)
        for p in L.minimizers:
            assert L.value(np.array(p)) == pytest.approx(L.minimum, abs=1e-12)
    assert len(THREE_HUMP_CAMEL.local_minimizers) == 2 and len(THREE_HUMP_CAMEL.saddles) == 2
    for p in THREE_HUMP_CAMEL.local_minimizers:
        assert np.all(np.linalg.eigvalsh(THREE_HUMP_CAMEL.hessian(np.array(p))) > 0)
        assert THREE_HUMP_CAMEL.value(np.array(p)) > THREE_HUMP_CAMEL.minimum
    assert np.allclose(np.linalg.eigvalsh(SADDLE.hessian([0.0, 0.0])), [-2, 2])
    assert DOUBLE_WELL.value(np.array([[-1.0], [1.0]])).tolist() == [0.0, 0.0]


def test_gradient_descent_stops_at_a_saddle_from_its_stable_manifold():
    """ERRATA 6: a stationary point, not always a minimum."""
    run = gradient_descent(SADDLE.gradient, [1.0, 0.0], 0.1, n_steps=1000, f=SADDLE.value)
    assert run.status == "converged" and np.allclose(run.final, 0, atol=1e-8)
    off = gradient_descent(SADDLE.gradient, [1.0, 1e-6], 0.1, n_steps=1000, f=SADDLE.value)
    assert off.status == "diverged"


def test_landscape_rejects_points_of_the_wrong_dimension():
    with pytest.raises(ValueError, match=r"shape \(\.\.\., 2\) for Rosenbrock.*\(3,\)"):
        ROSENBROCK.value([1.0, 2.0, 3.0])
    assert DOUBLE_WELL.value(2.0) == 9.0


@pytest.mark.parametrize("landscape", list(LANDSCAPES.values()), ids=list(LANDSCAPES))
@pytest.mark.parametrize("step", [0.01, "bold", "armijo"])
def test_a_landscapes_own_methods_give_the_same_run_as_checked_calls(landscape, step):
    """gradient_descent calls a Landscape's own value and gradient without their per-call
    checks: the run must be the one the checked methods give, number for number."""
    rule = {"bold": BoldDriver(0.1), "armijo": Backtracking()}.get(step, step)
    x0 = (np.array([landscape.x_range[0], landscape.y_range[1]]) * 0.6 + 0.1)[:landscape.n]
    fast = gradient_descent(landscape.gradient, x0, rule, n_steps=300, f=landscape.value)
    checked = gradient_descent(lambda x: landscape.gradient(x), x0, rule, n_steps=300,
                               f=lambda x: landscape.value(x))
    assert fast.status == checked.status
    np.testing.assert_array_equal(fast.points, checked.points)
    np.testing.assert_array_equal(fast.values, checked.values)
    np.testing.assert_array_equal(fast.gradient_norms, checked.gradient_norms)


# ---------------------------------------------------------------------- drawing (layer 2) ----

def test_plot_descent_arrows_are_minus_the_gradient_and_orthogonal_to_contours():
    from lecture_utils.figures.descent import plot_descent

    q = Quadratic(SLIDES_A, SLIDES_B)
    run = gradient_descent(q.gradient, SLIDES_X0, 0.05, n_steps=10, f=q.value)
    ax = plot_descent(q, run, arrows=4)
    quiver = [c for c in ax.collections if type(c).__name__ == "Quiver"][0]
    vectors = np.column_stack([quiver.U, quiver.V])
    assert np.allclose(quiver.get_offsets(), run.points[:4])
    for point, vector in zip(run.points[:4], vectors):
        g = q.gradient(point)
        assert np.isclose(vector @ g, -np.linalg.norm(vector) * np.linalg.norm(g))  # along −∇f
        tangent = np.array([-g[1], g[0]])                     # the contour line's direction
        assert abs(vector @ tangent) < 1e-9 * np.linalg.norm(g) * np.linalg.norm(vector)
    assert ax.get_aspect() == 1.0                             # ⊥ on screen too


def test_small_multiples_show_below_best_near_and_above_the_edge():
    from lecture_utils.figures.descent import descent_small_multiples

    q = Quadratic(SLIDES_A, SLIDES_B)
    fig = descent_small_multiples(q, SLIDES_X0, n_steps=60)
    titles = [ax.get_title() for ax in fig.axes[:4]]
    assert "0.91·(2/λmax)" in titles[1] and "1.10·(2/λmax)" in titles[3]
    assert "diverged" in titles[3] or "ρ = 1.200" in titles[3]
    assert len(fig.axes) == 8 and fig.axes[4].get_yscale() == "log"


def test_step_theory_of_a_landscape_uses_the_hessian_at_the_minimiser():
    from lecture_utils.figures.descent import step_theory

    theory = step_theory(ROSENBROCK)
    eigen = np.linalg.eigvalsh(np.array([[802.0, -400.0], [-400.0, 200.0]]))
    assert theory.edge == pytest.approx(2 / eigen[-1]) and not theory.exact
    assert step_theory(SADDLE) is None


# ---------------------------------------------------------------------- explorer (layer 3) ----

def test_explorer_moves_only_the_path():
    from lecture_utils.explorers.descent import descent_explorer

    e = descent_explorer(n_steps=200)
    contours = e.view.artists["contours"][0]
    assert "lu-explorer" in e.widget._dom_classes and "lu-descent-explorer" in e.widget._dom_classes
    e.set_step(0.5 * e.theory.best)
    assert e.gamma == pytest.approx(0.5 * e.theory.best, rel=2e-3)
    assert e.view.artists["contours"][0] is contours            # nothing redrawn
    assert np.allclose(e.view.artists["path"].get_xdata()[:3], e.trajectory.points[:3, 0])
    assert e.status_text.startswith("converging (ρ = 0.912 < 1), ‖∇f‖ not yet < 1e-08 after 200")
    e.step.value = e.step.max                                    # 125 % of the edge
    assert e.gamma == pytest.approx(1.25 * e.theory.edge)
    assert e.trajectory.status == "diverged" and e.status_text.startswith("diverged (‖x‖ > 1e+08) after")
    e.x0_1.value = 1.0
    assert e.trajectory.points[0, 0] == 1.0
    assert "2/λmax = <b>0.09972</b>" in e.theory_label.value


def test_explorer_condition_number_redraws_the_function():
    from lecture_utils.explorers.descent import descent_explorer

    e = descent_explorer(n_steps=100)
    e.step.value = 50.0
    e.condition.value = 100.0
    assert e.objective.condition_number == pytest.approx(100.0, rel=1e-9)
    assert np.allclose(e.objective.minimizer, Quadratic(SLIDES_A, SLIDES_B).minimizer)
    assert e.gamma == pytest.approx(0.5 * e.theory.edge)         # same place relative to the edge
    assert e.trajectory.step_sizes[0] == pytest.approx(e.gamma)
    assert "κ = 100" in e.status_text and "lu-error" not in e.status._dom_classes


def test_explorer_with_rosenbrock_and_momentum():
    from lecture_utils.explorers.descent import descent_explorer

    e = descent_explorer(ROSENBROCK, x0=(-1.5, 2.0), momentum=True, n_steps=200)
    assert e.condition is None and not e.theory.exact
    e.momentum.value = 0.8
    assert e.trajectory.momentum == 0.8 and "α = 0.80" in e.status_text
    edge = e.view.artists["edge"].get_xdata()[0]
    assert edge == pytest.approx(e.theory.edge * 1.8)
    e.n_steps.value = 50
    assert e.trajectory.n_steps <= 50


def test_explorer_bad_input_is_named():
    from lecture_utils.explorers.descent import descent_explorer

    with pytest.raises(ValueError, match=r"max_step must be given"):
        descent_explorer(SADDLE, x0=(1.0, 0.5))
    with pytest.raises(ValueError, match=r"x0 must have shape \(2,\)"):
        descent_explorer(x0=(1.0, 2.0, 3.0))
    with pytest.raises(ValueError, match=r"alpha .* must be in \[0, 1\)"):
        descent_explorer(momentum=True, alpha=1.0)
    e = descent_explorer(SADDLE, x0=(1.0, 0.5), max_step=0.8, n_steps=30)
    assert e.theory is None and "no step-size theory" in e.theory_label.value
    assert e.status_text.startswith(e.trajectory.message)


# ---------------------------------------------------------------------- checkers (layer 4) ----
# (the diagnosis tables are in tests/test_descent_exercises.py)

def test_checkers_reject_a_bad_exercise():
    from lecture_utils.exercises import check_gradient_step, check_step_size_bound

    with pytest.raises(ValueError, match="step must be a positive"):
        check_gradient_step([0, 0], -1.0)
    with pytest.raises(ValueError, match="A must be positive definite"):
        check_step_size_bound(0.1, [[1, 0], [0, -1]])


# ------------------------------------- messages: measured trends, verdicts only from ρ ----

def test_message_without_rate_reports_only_what_was_measured():
    q = Quadratic([[1, 0], [0, 9]])
    # ρ = 1.07 > 1: the run diverges, but without the rate it is only measured
    run = gradient_descent(q.gradient, [1.0, 1.0], 0.23, n_steps=30, f=q.value)
    assert run.message.startswith("f and ‖∇f‖ rose over the last 15 steps (‖∇f‖ ×1.07 per step)")
    assert run.describe(q.contraction_factor(0.23)).startswith("diverging (ρ = 1.070 > 1)")
    for text in (run.message, gradient_descent(q.gradient, [1.0, 1.0], 0.1, n_steps=30).message):
        assert "diverging" not in text and "converging" not in text


@pytest.mark.parametrize("fraction, verdict", [(1.01, "diverging"), (0.999, "converging"),
                                               (1.0, "not converging")])
def test_exact_rate_keeps_the_verdict_next_to_the_edge(fraction, verdict):
    q = Quadratic(SLIDES_A, SLIDES_B)
    step = fraction * q.max_stable_step
    run = gradient_descent(q.gradient, SLIDES_X0, step, n_steps=300, f=q.value)
    assert run.status == "max_steps"
    assert run.describe(q.contraction_factor(step)).startswith(verdict + " (ρ = ")


def test_a_slow_trend_gives_the_total_change_not_a_factor_of_one():
    run = gradient_descent(lambda x: 2 * x, [1.0], 1e-6, n_steps=30000)
    assert "1.00000" not in run.message
    assert run.message.startswith("‖∇f‖ shrank over the last 15000 steps (×0.97 in all)")


def test_local_rate_above_one_says_that_x_star_is_unstable():
    run = gradient_descent(ROSENBROCK.gradient, [-1.5, 2.0], 0.002017, n_steps=300,
                           f=ROSENBROCK.value)
    text = run.describe(local_rate=1.02)
    assert text.endswith("x* is unstable for this γ (ρ = 1.020 > 1 there): a run converges to "
                         "it only from exceptional starts")
    assert "unstable" not in run.describe(local_rate=0.99)
    assert run.describe(local_rate=0.99) == run.message
    with pytest.raises(ValueError, match="local_rate"):
        run.describe(local_rate=-1.0)
    converged = gradient_descent(lambda x: 2 * x, [1.0], 0.5, tol=1e-6)
    assert converged.describe(local_rate=1.5) == converged.message   # only for unfinished runs


@pytest.mark.parametrize("kwargs, match", [
    (dict(f=lambda: 0.0), r"f must take one argument, the point x"),
    (dict(grad=lambda x, y: x), r"grad must take one argument"),
    (dict(f=Quadratic([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]).value),
     r"f cannot be evaluated at x0 of shape \(2,\)"),
    (dict(x0=[1.0, 2.0, 3.0]), r"f cannot be evaluated at x0 of shape \(3,\)"),
    (dict(x0=[1.0, 2.0, 3.0], f=None), r"grad cannot be evaluated at x0 of shape \(3,\)"),
])
def test_gradient_descent_names_a_function_that_does_not_fit_x0(kwargs, match):
    q = Quadratic(SLIDES_A, SLIDES_B)
    arguments = dict(grad=q.gradient, x0=SLIDES_X0, step=0.05, f=q.value) | kwargs
    with pytest.raises((TypeError, ValueError), match=match):
        gradient_descent(**arguments)
