"""Tests for lecture_utils.maths.taylor (Taylor-mode power-series arithmetic).

References
----------
* Low orders (k <= 6): SymPy's exact derivatives (repeated ``diff``), evaluated with
  ``evalf(30)`` at the *float* x0 (``sp.Float(x0, 40)`` is the exact binary value).
* All orders up to 40: ``mpmath.taylor`` at 40 significant digits (mpmath ships with SymPy;
  it differentiates numerically at a working precision of thousands of bits, so its error is
  far below float64's). Both references agree with each other where they overlap.

Accuracy criterion (from the specification): every coefficient agrees with the reference to
1e-12 relative *or* 1e-14 absolute, i.e. ``|got - ref| <= max(1e-12 |ref|, 1e-14)``. The
absolute part matters for coefficients that are tiny because of cancellation (e.g. the zero
coefficients of 1/(1+x^2) at 1, or exp(sin x) beyond order 20, where |c_k| < 1e-14): there a
relative 1e-12 is not achievable in float64, and is not meaningful either.
"""

from __future__ import annotations

import importlib.util
import math
import re

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from lecture_utils.maths import taylor
from lecture_utils.maths.taylor import evaluate_taylor, taylor_coefficients, taylor_polynomial

x = sp.Symbol("x")
xr = sp.Symbol("xr", real=True)   # for SymPy's diff of Abs (needs a real symbol)

needs_symbolic = pytest.mark.skipif(
    importlib.util.find_spec("lecture_utils.maths.parser") is None,
    reason="string input needs lecture_utils.maths.parser (being written in parallel)",
)


def mpmath_reference(function, x0: float, order: int, dps: int = 40) -> np.ndarray:
    """Taylor coefficients of an mpmath function at the float x0, rounded to float64."""
    with mpmath.workdps(dps):
        return np.array([float(c) for c in mpmath.taylor(function, mpmath.mpf(x0), order)])


def sympy_reference(expr: sp.Expr, x0: float, order: int) -> np.ndarray:
    """Exact SymPy derivatives f^(k)(x0) / k!, evaluated with 30 digits."""
    expr, point, values = expr.subs(x, xr), sp.Float(x0, 40), []
    for k in range(order + 1):
        values.append(float(expr.evalf(30, subs={xr: point}) / math.factorial(k)))
        expr = sp.diff(expr, xr)
    return np.array(values)


def assert_coefficients_close(got: np.ndarray, ref: np.ndarray,
                              rtol: float = 1e-12, atol: float = 1e-14) -> None:
    assert got.shape == ref.shape
    bad = np.abs(got - ref) > np.maximum(rtol * np.abs(ref), atol)
    assert not bad.any(), (
        f"coefficients {np.flatnonzero(bad).tolist()} differ: got {got[bad]}, want {ref[bad]}")


# --- accuracy table ---------------------------------------------------------------------------

ACCURACY_CASES = [
    pytest.param(sp.exp(sp.sin(x)), 0.5, id="exp(sin x) at 0.5"),
    pytest.param(sp.sin(x) + sp.cos(x), 0.0, id="sin+cos at 0"),
    pytest.param(sp.log(1 + x), 0.0, id="log(1+x) at 0"),
    pytest.param(sp.log(1 + x), 0.3, id="log(1+x) at 0.3"),
    pytest.param(1 / (1 + x**2), 0.0, id="1/(1+x^2) at 0"),
    pytest.param(1 / (1 + x**2), 1.0, id="1/(1+x^2) at 1"),
    pytest.param(sp.sqrt(1 + x), 0.0, id="sqrt(1+x) at 0"),
    pytest.param(sp.atan(x), 0.0, id="atan at 0"),
    pytest.param(sp.atan(x), 0.5, id="atan at 0.5"),
    pytest.param(sp.tan(x), 0.2, id="tan at 0.2"),
    pytest.param(x**3 - 2 * x + 1, 0.7, id="x^3-2x+1 at 0.7"),
    pytest.param(sp.exp(-x**2), 0.4, id="exp(-x^2) at 0.4"),
    pytest.param(sp.cosh(x), 0.3, id="cosh at 0.3"),
    pytest.param((1 + x) ** sp.Rational(1, 3), 0.0, id="(1+x)^(1/3) at 0"),
    pytest.param(2**x, 0.0, id="2^x at 0"),
    pytest.param(x**x, 1.0, id="x^x at 1"),
    pytest.param(sp.Abs(x), -1.0, id="Abs at -1"),
    pytest.param(sp.asin(x), 0.3, id="asin at 0.3"),
    pytest.param(sp.acos(x), -0.2, id="acos at -0.2"),
    pytest.param(sp.tanh(x) + sp.sinh(x) * sp.exp(x), -0.5, id="tanh+sinh*exp at -0.5"),
    pytest.param(x**sp.pi / (x - 3) + sp.E, 1.5, id="x^pi/(x-3)+E at 1.5"),
]


@pytest.mark.parametrize(("expr", "x0"), ACCURACY_CASES)
def test_order_40_agrees_with_high_precision_reference(expr, x0):
    reference = mpmath_reference(sp.lambdify(x, expr, modules="mpmath"), x0, 40)
    got = taylor_coefficients(expr, x0, 40)
    assert got.dtype == np.float64 and got.shape == (41,)
    assert_coefficients_close(got, reference)


@pytest.mark.parametrize(("expr", "x0"), ACCURACY_CASES)
def test_low_orders_agree_with_sympy_exact_derivatives(expr, x0):
    assert_coefficients_close(taylor_coefficients(expr, x0, 6), sympy_reference(expr, x0, 6))


def test_sympy_series_agrees_for_a_small_case():
    exact = sp.series(sp.exp(sp.sin(x)), x, 0, 9).removeO()
    reference = np.array([float(exact.coeff(x, k)) for k in range(9)])
    assert_coefficients_close(taylor_coefficients(sp.exp(sp.sin(x)), 0.0, 8), reference)


def test_slides_example_sin_plus_cos_derivatives_follow_the_pattern():
    # f = sin + cos: f^(k)(0) = 1, 1, -1, -1, 1, 1, ... (each sign twice)
    coefficients = taylor_coefficients(sp.sin(x) + sp.cos(x), 0.0, 40)
    derivatives = coefficients * np.array([math.factorial(k) for k in range(41)], dtype=float)
    expected = np.array([1.0, 1.0, -1.0, -1.0] * 11)[:41]
    np.testing.assert_allclose(derivatives, expected, rtol=1e-13)


def test_polynomial_coefficients_are_exact_and_vanish_above_the_degree():
    got = taylor_coefficients(x**3 - 2 * x + 1, 2.0, 10)
    # x = 2 + t:  (2+t)^3 - 2(2+t) + 1 = 5 + 10 t + 6 t^2 + t^3
    assert got.tolist() == [5.0, 10.0, 6.0, 1.0] + [0.0] * 7


def test_order_zero_and_constants():
    assert taylor_coefficients(sp.sin(x), 1.0, 0).tolist() == [math.sin(1.0)]
    assert taylor_coefficients(sp.atan(x), 1.0, 0).tolist() == [math.atan(1.0)]
    assert taylor_coefficients(sp.Integer(3), 0.0, 2).tolist() == [3.0, 0.0, 0.0]
    assert taylor_coefficients(sp.pi + x, 0.0, 1).tolist() == [math.pi, 1.0]


def test_other_variable_name():
    t = sp.Symbol("t")
    np.testing.assert_array_equal(taylor_coefficients(sp.exp(t), 0.2, 6, variable="t"),
                                  taylor_coefficients(sp.exp(x), 0.2, 6))


def test_shared_subexpressions_are_evaluated_once(monkeypatch):
    calls = []
    original = taylor._series_sincos

    def counting(u, sign=-1.0):
        calls.append(sign)
        return original(u, sign)

    monkeypatch.setattr(taylor, "_series_sincos", counting)
    s = sp.sin(x)
    expr = s + s**2 + sp.cos(s)          # sin(x) appears three times
    got = taylor_coefficients(expr, 0.4, 12)
    assert len(calls) == 2               # once for sin(x), once for cos(sin(x))
    reference = mpmath_reference(
        lambda v: mpmath.sin(v) + mpmath.sin(v) ** 2 + mpmath.cos(mpmath.sin(v)), 0.4, 12)
    assert_coefficients_close(got, reference)


# --- hypothesis properties --------------------------------------------------------------------

coefficient_values = st.one_of(
    st.integers(-20, 20),
    st.floats(-10, 10, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=60, deadline=None)
@given(
    coefficients=st.lists(coefficient_values, min_size=1, max_size=9),
    x0=st.floats(-3, 3, allow_nan=False),
    extra=st.integers(0, 8),
    points=st.lists(st.floats(-3, 3, allow_nan=False), min_size=1, max_size=5),
)
def test_taylor_polynomial_of_a_polynomial_reproduces_it(coefficients, x0, extra, points):
    degree = len(coefficients) - 1
    expr = sp.Add(*[(sp.Integer(c) if isinstance(c, int) else sp.Float(c)) * x**i
                    for i, c in enumerate(coefficients)])
    order = degree + extra
    got = taylor_coefficients(expr, x0, order)
    assert np.all(got[degree + 1:] == 0.0)
    xs = np.array(points)
    exact = sum(c * xs**i for i, c in enumerate(coefficients))
    # scale of the rounding errors: the polynomial with |coefficients| at |x0| + |x - x0|
    scale = sum(abs(c) * (abs(x0) + np.abs(xs - x0)) ** i for i, c in enumerate(coefficients))
    values = taylor_polynomial(expr, x0, order)(xs)
    assert np.all(np.abs(values - exact) <= 1e-9 * scale + 1e-300)


@settings(max_examples=40, deadline=None)
@given(a=st.floats(-2, 2), b=st.floats(-2, 2), x0=st.floats(-2, 2), order=st.integers(0, 15))
def test_exp_of_scaled_sine_matches_mpmath(a, b, x0, order):
    got = taylor_coefficients(sp.exp(a * sp.sin(b * x)), x0, order)
    ma, mb = mpmath.mpf(a), mpmath.mpf(b)
    reference = mpmath_reference(lambda v: mpmath.exp(ma * mpmath.sin(mb * v)), x0, order, 30)
    # absolute part relative to the largest coefficient: a coefficient can be small through
    # cancellation of terms of that size
    assert_coefficients_close(got, reference, atol=1e-14 * max(1.0, np.abs(reference).max()))


@settings(max_examples=40, deadline=None)
@given(c=st.floats(0.1, 4), x0=st.floats(-2, 2), order=st.integers(0, 15))
def test_log_of_shifted_square_matches_mpmath(c, x0, order):
    got = taylor_coefficients(sp.log(c + x**2), x0, order)
    mc = mpmath.mpf(c)
    reference = mpmath_reference(lambda v: mpmath.log(mc + v**2), x0, order, 30)
    assert_coefficients_close(got, reference, atol=1e-14 * max(1.0, np.abs(reference).max()))


# --- where f is not analytic ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("expr", "x0", "name"),
    [
        (sp.log(x), 0.0, "log(x)"),
        (sp.log(x), -1.0, "log(x)"),
        (1 / x, 0.0, "1/x"),
        (x**-3, 0.0, "x**(-3)"),
        (sp.sqrt(x), 0.0, "sqrt(x)"),
        (x ** sp.Rational(1, 3), -8.0, "x**(1/3)"),
        (sp.Abs(x), 0.0, "Abs(x)"),
        (sp.tan(x), np.pi / 2, "tan(x)"),           # cos(pi/2 in float64) = 6e-17, not 0
        (sp.tan(x), 3 * np.pi / 2, "tan(x)"),
        (sp.tan(2 * x), np.pi / 4, "tan(2*x)"),
        (sp.asin(x), 1.0, "asin(x)"),
        (sp.acos(x), -1.0, "acos(x)"),
        (x**x, 0.0, "x**x"),
        (1 / (x**2 - 2), math.sqrt(2), "1/(x**2 - 2)"),
        (sp.exp(1 / x), 0.0, "1/x (in exp(1/x))"),
    ],
)
def test_not_analytic_points_raise_a_named_value_error(expr, x0, name):
    with pytest.raises(ValueError) as info:
        taylor_coefficients(expr, x0, 5)
    message = str(info.value)
    match = re.match(rf"{re.escape(name)} is not analytic at x0 = (\S+) \(.+\); "
                     r"choose another x0$", message)
    assert match, message
    assert float(match.group(1)) == x0   # the message shows x0 exactly


def test_near_but_not_at_a_pole_is_fine():
    got = taylor_coefficients(sp.tan(x), 1.5, 5)
    reference = mpmath_reference(mpmath.tan, 1.5, 5)
    assert_coefficients_close(got, reference)


@pytest.mark.parametrize(("expr", "x0"), [(sp.exp(x), 800.0), (1 / x, 1e-10)])
def test_overflow_raises_value_error_without_warnings(expr, x0):
    with pytest.raises(ValueError, match="overflow the float64 range"):
        taylor_coefficients(expr, x0, 40)


@pytest.mark.parametrize(
    ("expr", "fragment"),
    [
        (sp.gamma(x), "gamma(x)"),
        (sp.Function("g")(x), "g(x)"),
        (sp.Max(x, 1), "Max"),
        (sp.I * x, "I"),
        (sp.oo * x, "oo"),
    ],
)
def test_unsupported_nodes_are_named(expr, fragment):
    with pytest.raises(ValueError, match=r"cannot expand|not a finite real") as info:
        taylor_coefficients(expr, 1.0, 3)
    assert fragment in str(info.value)


def test_other_free_symbols_are_named():
    y = sp.Symbol("y")
    with pytest.raises(ValueError, match=r"depend on x only.*\by\b"):
        taylor_coefficients(sp.sin(x * y), 0.0, 3)
    with pytest.raises(ValueError, match=r"depend on t only.*\bx\b"):
        taylor_coefficients(sp.sin(x), 0.0, 3, variable="t")


# --- argument validation ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("changes", "error", "parameter"),
    [
        ({"order": -1}, ValueError, "order"),
        ({"order": 41}, ValueError, "order"),
        ({"order": 2.5}, TypeError, "order"),
        ({"order": True}, TypeError, "order"),
        ({"x0": float("nan")}, ValueError, "x0"),
        ({"x0": float("inf")}, ValueError, "x0"),
        ({"x0": "a"}, TypeError, "x0"),
        ({"f": 3}, TypeError, "f"),
        ({"f": None}, TypeError, "f"),
        ({"f": sp.Eq(x, 1)}, TypeError, "f"),
        ({"variable": 1}, TypeError, "variable"),
        ({"variable": "1x"}, ValueError, "variable"),
    ],
)
def test_bad_arguments_raise_named_errors(changes, error, parameter):
    arguments = {"f": sp.sin(x), "x0": 0.0, "order": 5} | changes
    with pytest.raises(error) as info:
        taylor_coefficients(**arguments)
    assert str(info.value).startswith(f"{parameter} must")


def test_integer_like_arguments_are_accepted():
    np.testing.assert_array_equal(taylor_coefficients(sp.exp(x), np.int64(0), np.int32(3)),
                                  taylor_coefficients(sp.exp(x), 0.0, 3))


# --- string input (needs lecture_utils.maths.parser) -----------------------------------------------

@needs_symbolic
def test_string_input_matches_sympy_input():
    np.testing.assert_allclose(taylor_coefficients("exp(sin(x))", 0.5, 20),
                               taylor_coefficients(sp.exp(sp.sin(x)), 0.5, 20), rtol=1e-14)


@needs_symbolic
def test_string_input_with_another_variable():
    t = sp.Symbol("t")
    np.testing.assert_allclose(taylor_coefficients("log(1 + t^2)", 0.3, 10, variable="t"),
                               taylor_coefficients(sp.log(1 + t**2), 0.3, 10, variable="t"),
                               rtol=1e-14)


@needs_symbolic
@pytest.mark.parametrize("text", ["x +", "x*y", "__import__('os')"])
def test_bad_strings_raise(text):
    with pytest.raises((TypeError, ValueError)):
        taylor_coefficients(text, 0.0, 3)


# --- taylor_polynomial and evaluate_taylor ----------------------------------------------------

def test_taylor_polynomial_scalar_in_scalar_out():
    p = taylor_polynomial(sp.exp(x), 0.0, 3)
    value = p(0.5)
    assert np.ndim(value) == 0 and isinstance(value, float)
    assert value == pytest.approx(1 + 0.5 + 0.125 + 0.125 / 6, rel=1e-15)


@pytest.mark.parametrize("shape", [(1,), (5,), (2, 3), (0,)])
def test_taylor_polynomial_keeps_the_shape_of_arrays(shape):
    p = taylor_polynomial(sp.sin(x), 1.0, 6)
    xs = np.linspace(0.0, 2.0, math.prod(shape)).reshape(shape)
    values = p(xs)
    assert isinstance(values, np.ndarray) and values.shape == shape
    assert values.dtype == np.float64
    expected = sum(math.sin(1.0 + k * math.pi / 2) / math.factorial(k) * (xs - 1.0) ** k
                   for k in range(7))
    np.testing.assert_allclose(values, expected, rtol=1e-13, atol=1e-15)
    # Lagrange remainder bound: |x - 1|^7 / 7! <= 1/5040 on [0, 2]
    assert np.all(np.abs(values - np.sin(xs)) <= 1 / 5040)


def test_taylor_polynomial_accepts_lists_and_exposes_read_only_coefficients():
    p = taylor_polynomial(x**2, 1.0, 4)
    np.testing.assert_allclose(p([0, 1, 2]), [0.0, 1.0, 4.0], atol=1e-15)
    assert p.coefficients.tolist() == [1.0, 2.0, 1.0, 0.0, 0.0]
    assert p.x0 == 1.0
    with pytest.raises(ValueError):
        p.coefficients[0] = 5.0


def test_taylor_polynomial_validates_x():
    p = taylor_polynomial(sp.cos(x), 0.0, 4)
    with pytest.raises(ValueError, match="x must contain only finite numbers"):
        p([0.0, float("nan")])
    with pytest.raises(TypeError, match="x must be an array of numbers"):
        p("a")


def test_evaluate_taylor_prefixes_give_each_order():
    coefficients = taylor_coefficients(sp.exp(x), 0.3, 25)
    xs = np.linspace(-0.5, 1.1, 7)
    errors = []
    for n in range(26):
        prefix = evaluate_taylor(coefficients[: n + 1], 0.3, xs)
        np.testing.assert_allclose(prefix, taylor_polynomial(sp.exp(x), 0.3, n)(xs),
                                   rtol=1e-14, atol=0)
        errors.append(np.abs(prefix - np.exp(xs)).max())
    assert all(later < earlier for earlier, later in zip(errors[:12], errors[1:13]))
    assert errors[-1] < 1e-14


def test_evaluate_taylor_horner_values():
    # 1 + 2 (x - 1) + 3 (x - 1)^2
    assert evaluate_taylor([1, 2, 3], 1.0, [1.0, 2.0, 0.0]).tolist() == [1.0, 6.0, 2.0]
    assert float(evaluate_taylor([4.0], 0.0, 123.0)) == 4.0


def test_evaluate_taylor_overflow_is_inf_without_warning():
    assert evaluate_taylor([1.0, 2.0, 3.0], 0.0, 1e300) == np.inf


@pytest.mark.parametrize(
    ("arguments", "error", "parameter"),
    [
        (([], 0.0, 1.0), ValueError, "coefficients"),
        (([[1.0, 2.0]], 0.0, 1.0), ValueError, "coefficients"),
        ((["a"], 0.0, 1.0), TypeError, "coefficients"),
        (([1.0, np.inf], 0.0, 1.0), ValueError, "coefficients"),
        (([1.0], "a", 1.0), TypeError, "x0"),
        (([1.0], float("nan"), 1.0), ValueError, "x0"),
        (([1.0], 0.0, [1.0, np.nan]), ValueError, "x"),
        (([1.0], 0.0, None), (TypeError, ValueError), "x"),
    ],
)
def test_evaluate_taylor_validates_its_arguments(arguments, error, parameter):
    with pytest.raises(error) as info:
        evaluate_taylor(*arguments)
    assert str(info.value).startswith(f"{parameter} must")
