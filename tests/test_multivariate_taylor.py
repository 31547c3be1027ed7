"""Multivariate Taylor series: derivative tensors, δ^k, contractions, the explorer (check_hessian:
tests/test_check_hessian.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from lecture_utils.maths.jacobians import hessian as symbolic_hessian
from lecture_utils.explorers.hessian import (
    MULTIVARIATE_TAYLOR_FUNCTIONS,
    MultivariateTaylorExplorer,
    multivariate_taylor_explorer,
)
from lecture_utils.figures.hessian import (
    TaylorMapView,
    draw_outer_power,
    multivariate_taylor_small_multiples,
    plot_linearization_error,
)
from lecture_utils.maths.multivariate_taylor import (
    MAX_ORDER,
    MultivariateTaylor,
    contract,
    derivative_tensors,
    linearization_errors,
    loglog_slope,
    multivariate_taylor_expansion,
    multivariate_taylor_polynomial,
    numerical_hessian,
    outer_power,
)
from lecture_utils.maths.parser import to_numpy_function

x, y, z = sp.symbols("x y z")
SLIDES = x**2 + 2 * x * y + y**3


# ------------------------------------------------------------------ random polynomials ----

@st.composite
def polynomials(draw, variables=(x, y), max_degree=4):
    """A random polynomial with small integer coefficients (its degree is returned too)."""
    terms = draw(st.lists(st.tuples(st.integers(-4, 4),
                                    *[st.integers(0, max_degree) for _ in variables]),
                          min_size=1, max_size=5))
    expression = sp.Integer(0)
    for coefficient, *powers in terms:
        if sum(powers) <= max_degree:
            expression += coefficient * sp.Mul(*(v**p for v, p in zip(variables, powers)))
    degree = sp.Poly(expression, *variables).total_degree() if expression != 0 else 0
    return sp.expand(expression), degree


points = st.tuples(st.floats(-2, 2), st.floats(-2, 2))


@settings(max_examples=25, deadline=None)
@given(polynomials(), points)
def test_hessian_of_a_random_polynomial_is_symmetric_and_matches_differences_of_the_gradient(
        poly, point):
    expression, _ = poly
    taylor = MultivariateTaylor(expression, ("x", "y"), max_order=2)
    H = taylor.coefficients(point)[2]
    np.testing.assert_array_equal(H, H.T)
    symbolic = np.array(symbolic_hessian(expression, ["x", "y"]).subs(
        {x: point[0], y: point[1]}), dtype=float)
    np.testing.assert_allclose(H, symbolic, rtol=1e-12, atol=1e-12)
    gradient = [to_numpy_function(sp.diff(expression, v), ("x", "y")) for v in (x, y)]
    numeric = numerical_hessian(lambda v: np.array([g(*v) for g in gradient]), point)
    scale = 1 + np.abs(H).max()
    np.testing.assert_allclose(numeric, H, atol=1e-6 * scale)


def test_numerical_hessian_entry_ij_is_d_dxi_of_df_dxj():
    """H_ij = ∂²f/∂x_i∂x_j = ∂/∂x_i(∂f/∂x_j): checked where the order matters, at the origin
    for h = xy(x² − y²)/(x² + y²), whose ∂h/∂x(0, y) = −y and ∂h/∂y(x, 0) = x, so
    ∂/∂x(∂h/∂y) = 1 (entry (1, 2)) and ∂/∂y(∂h/∂x) = −1 (entry (2, 1))."""
    h = x * y * (x**2 - y**2) / (x**2 + y**2)
    parts = [to_numpy_function(sp.diff(h, v), ("x", "y")) for v in (x, y)]

    def gradient(v):
        return np.zeros(2) if not np.any(v) else np.array([p(*v) for p in parts])

    H = numerical_hessian(gradient, [0.0, 0.0], h=1e-3)
    np.testing.assert_allclose(H, [[0.0, 1.0], [-1.0, 0.0]], atol=1e-9)
    sloped = numerical_hessian(lambda v: np.array([0.0, 3 * v[0]]), [0.5, 0.5])  # g_2 = 3x_1
    np.testing.assert_allclose(sloped, [[0.0, 3.0], [0.0, 0.0]], atol=1e-8)


@settings(max_examples=25, deadline=None)
@given(polynomials(max_degree=3), points, st.lists(points, min_size=1, max_size=4))
def test_taylor_polynomial_of_order_at_least_the_degree_reproduces_the_polynomial(
        poly, x0, at):
    expression, degree = poly
    f = to_numpy_function(expression, ("x", "y"))
    order = max(degree, 1)
    T = multivariate_taylor_polynomial(expression, ("x", "y"), x0, order)
    xs, ys = np.array(at).T
    np.testing.assert_allclose(T(xs, ys), f(xs, ys), rtol=1e-9, atol=1e-9)
    integer_point = (int(round(x0[0])), int(round(x0[1])))     # exact SymPy arithmetic
    expansion = MultivariateTaylor(expression, ("x", "y"), max_order=order).expansion(
        integer_point, order)
    assert sp.expand(expansion - expression) == 0


@settings(max_examples=20, deadline=None)
@given(polynomials(max_degree=3), st.tuples(st.integers(-2, 2), st.integers(-2, 2)),
       st.floats(0.0, 2 * math.pi))
def test_linearization_error_ratio_behaves_as_the_squared_distance(poly, x0, angle):
    expression, _ = poly
    f = to_numpy_function(expression, ("x", "y"))
    D = MultivariateTaylor(expression, ("x", "y"), max_order=3).coefficients(x0)
    u = np.array([math.cos(angle), math.sin(angle)])
    radii = np.logspace(-3, -1, 5)
    study = linearization_errors(lambda v: f(*v), D[1], x0, u, radii)
    limit = abs(u @ D[2] @ u) / 2           # error/‖δ‖² → |uᵀHu|/2
    # |ratio(t) − |uᵀHu|/2| ≤ t·|D³f[u³]|/6 (f is cubic), plus rounding of f(x0 + δ) − T₁
    cubic = np.abs(D[3]).sum() / 6
    rounding = 1e-13 * (1 + abs(float(D[0])) + np.abs(D[1]).sum()) / radii**2
    assert np.all(np.abs(study.ratios - limit) <= cubic * radii + rounding)


def test_slides_example_values_and_exact_expansion():
    taylor = MultivariateTaylor(SLIDES, ("x", "y"), max_order=3)
    D0, D1, D2, D3 = taylor.coefficients((1, 2))
    assert float(D0) == 13.0
    assert D1.tolist() == [6.0, 14.0]
    assert D2.tolist() == [[2.0, 2.0], [2.0, 12.0]]
    expected3 = np.zeros((2, 2, 2))
    expected3[1, 1, 1] = 6.0
    np.testing.assert_array_equal(D3, expected3)
    corrected = (13 + 6 * (x - 1) + 14 * (y - 2) + (x - 1)**2 + 2 * (x - 1) * (y - 2)
                 + 6 * (y - 2)**2 + (y - 2)**3)
    assert sp.expand(taylor.expansion((1, 2), 3) - corrected) == 0
    assert sp.expand(corrected - SLIDES) == 0
    assert sp.expand(taylor.expansion((1, 2), 2) + (y - 2)**3 - corrected) == 0


def test_derivative_tensors_layout_last_index_is_the_last_derivative():
    f = x**2 * y**3 * z
    D = derivative_tensors(f, ("x", "y", "z"), 3)
    assert D[3].shape == (3, 3, 3)
    assert D[3][0, 1, 2] == sp.diff(f, x, y, z)
    H = sp.Matrix(D[2].tolist())
    assert H == symbolic_hessian(f, ["x", "y", "z"])
    assert sp.Matrix(D[3][:, :, 1].tolist()) == sp.diff(H, y)    # the slides' ∂H/∂y


def test_outer_power_and_contraction_are_the_slides_sums():
    delta = np.array([1.0, -2.0, 0.5, 3.0])
    d2, d3 = outer_power(delta, 2), outer_power(delta, 3)
    np.testing.assert_array_equal(d2, np.outer(delta, delta))
    assert d3[1, 2, 3] == delta[1] * delta[2] * delta[3]
    assert float(outer_power(delta, 0)) == 1.0
    T = np.random.default_rng(0).normal(size=(4, 4, 4))
    explicit = sum(T[i, j, k] * delta[i] * delta[j] * delta[k]
                   for i in range(4) for j in range(4) for k in range(4))
    assert float(contract(T, delta)) == pytest.approx(explicit, rel=1e-12)
    assert float(contract(T, delta)) == pytest.approx(float(np.sum(T * d3)), rel=1e-12)
    H = np.array([[2.0, 2.0], [2.0, 12.0]])
    grid = np.random.default_rng(1).normal(size=(3, 5, 2))
    np.testing.assert_allclose(contract(H, grid), np.einsum("...i,ij,...j", grid, H, grid))


def test_term_grids_sum_to_the_taylor_polynomial_and_are_exact_for_the_cubic():
    taylor = MultivariateTaylor(SLIDES, ("x", "y"))
    X, Y = np.meshgrid(np.linspace(-2, 2, 7), np.linspace(-1, 3, 5))
    terms = taylor.term_grids((1, 2), X, Y)
    f = to_numpy_function(SLIDES, ("x", "y"))(X, Y)
    np.testing.assert_allclose(terms.sum(axis=0), f, rtol=1e-12, atol=1e-10)
    np.testing.assert_allclose(terms[:3].sum(axis=0), taylor.polynomial((1, 2), 2)(X, Y))
    np.testing.assert_allclose(terms[3], (Y - 2) ** 3, atol=1e-12)


def test_loglog_slope_of_the_slides_linearization_is_two():
    f = to_numpy_function(SLIDES, ("x", "y"))
    study = linearization_errors(lambda v: f(*v), [6, 14], (1, 2), (3, 4),
                                 np.logspace(-4, -1, 13))
    assert study.slope == pytest.approx(2.0, abs=0.02)
    assert study.ratios[0] == pytest.approx(5.16, rel=1e-3)   # uᵀHu/2 for u = (0.6, 0.8)


# ---------------------------------------------------------------------- bad input ----

@pytest.mark.parametrize("call, error, words", [
    (lambda: MultivariateTaylor(SLIDES, ("x", "y"), 2).coefficients((1, 2), 3), ValueError,
     "order must be at most max_order = 2"),
    (lambda: MultivariateTaylor(SLIDES, ("x", "y"), MAX_ORDER + 1), ValueError,
     f"max_order must be an integer from 0 to {MAX_ORDER}, got {MAX_ORDER + 1}"),
    (lambda: MultivariateTaylor(SLIDES, ("x", "y")).coefficients((1, 2, 3)), ValueError,
     "x0 must have 2 coordinates (one per variable x, y), got 3"),
    (lambda: MultivariateTaylor(SLIDES, ("x", "y")).coefficients((1, float("nan"))),
     ValueError, "x0 must contain only finite numbers (no NaN or inf)"),
    (lambda: MultivariateTaylor("log(x) + y", ("x", "y")).coefficients((-1, 0)), ValueError,
     "is not defined at x0 = (-1.0, 0.0)"),
    (lambda: MultivariateTaylor("x + z", ("x", "y")), ValueError, "z"),
    (lambda: MultivariateTaylor(SLIDES, "xy"), TypeError, "variables must be"),
    (lambda: outer_power([1.0, 2.0], -1), ValueError, "k must be an integer from 0 to 6"),
    (lambda: outer_power([[1.0, 2.0], [3.0, 4.0]], 2), ValueError,
     "delta must be a vector (1-d array), got shape (2, 2)"),
    (lambda: contract(np.ones((2, 2)), [1.0, 2.0, 3.0]), ValueError,
     "delta must have D = 2 entries along its last axis"),
    (lambda: numerical_hessian(lambda v: v, [1.0, float("inf")]), ValueError,
     "x must contain only finite numbers"),
    (lambda: numerical_hessian(lambda v: v[:1], [1.0, 2.0]), ValueError,
     "gradient must return 2 numbers"),
    (lambda: linearization_errors(lambda v: 0.0, [1, 2], (0, 0), (0, 0), [0.1, 0.01]),
     ValueError, "direction must not be the zero vector"),
    (lambda: loglog_slope([1.0, 2.0], [1.0, -1.0]), ValueError, "y must be positive"),
    (lambda: multivariate_taylor_explorer(order=4), ValueError,
     "order must be an integer from 0 to 3, got 4"),
    (lambda: multivariate_taylor_explorer(point=(5.0, 0.0)), ValueError,
     "point must lie in x_range × y_range"),
    (lambda: multivariate_taylor_explorer(point=(float("nan"), 0.0)), ValueError,
     "point must contain only finite numbers"),
    (lambda: draw_outer_power([1.0, 2.0], 0), ValueError, "k must be an integer from 1 to 3"),
    (lambda: multivariate_taylor_small_multiples(SLIDES, (1, 2), (1, 4)), ValueError,
     "orders must be an integer from 0 to 3, got 4"),
])
def test_bad_input_raises_a_named_error(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)


# ------------------------------------------------------------------------ drawings ----

def test_outer_power_drawings_write_the_products():
    delta = [1.0, 2.0, -1.0, 0.5]
    d2 = draw_outer_power(delta, 2)
    assert d2.texts.shape == (4, 4) and d2.texts[1, 2].get_text() == "-2.00"
    d3 = draw_outer_power(delta, 3)
    assert len(d3.axes) == 4 and d3.texts[1, 1, 1].get_text() == "8.00"


def test_linearization_plot_and_small_multiples():
    f = to_numpy_function(SLIDES, ("x", "y"))
    study = linearization_errors(lambda v: f(*v), [6, 14], (1, 2), (1, 1), np.logspace(-3, -1, 5))
    artists = plot_linearization_error(study)
    np.testing.assert_allclose(artists["errors"].get_ydata(), study.errors)
    assert "fitted slope 2.0" in artists["errors"].axes.get_title()
    figure = multivariate_taylor_small_multiples(SLIDES, (1.0, 2.0), (0, 1, 2, 3))
    assert isinstance(figure, Figure)
    titles = [ax.get_title() for ax in figure.axes]
    assert titles[1:5] == ["T₀", "T₁", "T₂", "T₃"] and "|f − T₃|" in titles


# ------------------------------------------------------------------------ explorer ----

def has_error(explorer) -> bool:
    return "lu-error" in explorer.status._dom_classes


@pytest.fixture
def explorer() -> MultivariateTaylorExplorer:
    return multivariate_taylor_explorer(SLIDES, point=(1.0, 2.0), order=1)


def test_explorer_classes_and_status(explorer):
    assert {"lu-explorer", "lu-multivariate-taylor-explorer"} <= set(explorer.widget._dom_classes)
    assert "lu-status" in explorer.status._dom_classes and not has_error(explorer)
    assert "f(x₀) = 13.000,  ∇f = [6.000, 14.000],  H = [[2.000, 2.000], [2.000, 12.000]]" \
        in explorer.status_text


def test_order_change_recombines_cached_grids_without_recomputing(explorer, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("recomputed on an order change")

    monkeypatch.setattr(explorer.taylor, "coefficients", forbidden)
    monkeypatch.setattr(explorer.taylor, "term_grids", forbidden)
    figure = explorer.figure
    explorer.order.value = 3
    assert not has_error(explorer), explorer.status_text
    assert explorer.figure is figure
    np.testing.assert_allclose(explorer.view.taylor_values, explorer._f_grid, atol=1e-9)
    assert explorer.view.artists["title_taylor"].get_text() == "T₃"
    assert "max |f − Tₙ| within ‖δ‖ ≤ 0.5: " in explorer.status_text


def test_point_change_computes_tensors_once_and_not_the_symbolic_derivatives(explorer,
                                                                            monkeypatch):
    import lecture_utils.maths.multivariate_taylor as layer1

    def forbidden(*args, **kwargs):
        raise AssertionError("symbolic derivatives recomputed on a point move")

    monkeypatch.setattr(layer1, "derivative_tensors", forbidden)
    calls = []
    original = explorer.taylor.coefficients
    monkeypatch.setattr(explorer.taylor, "coefficients",
                        lambda *a, **k: calls.append(a) or original(*a, **k))
    before = np.asarray(explorer.canvas.get_renderer().buffer_rgba()).copy()
    explorer.x0.value = -0.5
    assert not has_error(explorer), explorer.status_text
    assert len(calls) == 1         # the tensors at the new point, evaluated once
    marker = explorer.view.artists["point_taylor"]
    np.testing.assert_array_equal(marker.get_xydata(), [[-0.5, 2.0]])
    T1 = explorer.taylor.polynomial((-0.5, 2.0), 1)(explorer._X, explorer._Y)
    np.testing.assert_allclose(explorer.view.taylor_values, T1, rtol=1e-12, atol=1e-12)
    after = np.asarray(explorer.canvas.get_renderer().buffer_rgba())
    assert not np.array_equal(before, after)


def test_typed_function_errors_are_shown_and_the_explorer_recovers(explorer):
    explorer.picker.text.value = "sin(x"
    assert has_error(explorer) and "Traceback" not in explorer.status_text
    explorer.picker.text.value = "x^2*y"
    assert not has_error(explorer), explorer.status_text
    assert explorer.view.axes[0].get_title() == "f(x, y) = x^2*y"
    explorer.picker.text.value = "log(x) + y"          # undefined at x0 = 1? no: at x0 < 0
    explorer.x0.value = -1.0
    assert has_error(explorer) and "not defined" in explorer.status_text
    explorer.x0.value = 1.5
    assert not has_error(explorer), explorer.status_text


@pytest.mark.parametrize("label", list(MULTIVARIATE_TAYLOR_FUNCTIONS))
def test_every_dropdown_function_draws_at_every_order(explorer, label):
    explorer.picker.dropdown.value = label
    for order in range(4):
        explorer.order.value = order
        assert not has_error(explorer), explorer.status_text


def test_display_bundle_has_a_picture(explorer):
    bundle = explorer._repr_mimebundle_()
    assert bundle["image/png"] and "interactive" in bundle["text/plain"]


def test_map_view_rejects_wrong_axes():
    with pytest.raises(ValueError, match="axes must hold 3 Axes"):
        TaylorMapView.draw(np.zeros((5, 5)), (0, 1), (0, 1), axes=[None])


def test_expansion_of_the_slides_example_is_the_corrected_one():
    """ERRATA 3: T_3 of x² + 2xy + y³ at (1, 2), written in powers of (x − 1), (y − 2)."""
    T1 = multivariate_taylor_expansion("x^2 + 2*x*y + y^3", ("x", "y"), (1, 2), 1)
    T3 = multivariate_taylor_expansion("x^2 + 2*x*y + y^3", ("x", "y"), (1, 2), 3)
    u, v = x - 1, y - 2
    corrected = 13 + 6 * u + 14 * v + u**2 + 2 * u * v + 6 * v**2 + v**3
    assert sp.expand(T3 - corrected) == 0
    assert sp.expand(T1 - (13 + 6 * u + 14 * v)) == 0
    assert sp.expand(T1 - corrected) != 0
