"""Tests of lecture_utils.maths.finite_differences: finite-difference derivatives and their error bounds.

The property tests compare :func:`derivative` with SymPy's exact derivative and require the
error to stay within a bound derived for each formula (u = ε/2 is the unit round-off):

* forward  |D − f'| ≤ h/2·M2 + (E(x+h) + E(x))/h + M1·u·|x+h|/h + (rounding of − and /)
* central  |D − f'| ≤ h²/6·M3 + (E(x+h) + E(x−h))/(2h) + M1·u·(|x+h| + |x−h|)/(2h) + (...)
* complex  |D − f'| ≤ Σ_j h^(2j)·M_(2j+1)/(2j+1)! + (round-off of evaluating f'(x) itself)

where M_j bounds |f^(j)| on [x − h, x + h], E(y) bounds the floating-point error of f(y), and
the last term of forward/central is the error of evaluating the argument x ± h in floating
point (the formula divides by the nominal h). The test functions are built so that M_j and
E are known: random polynomials evaluated by Horner's rule, and sin(a·x) + b.
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from lecture_utils.maths.finite_differences import (
    METHODS,
    default_step,
    derivative,
    difference_quotient,
    finite_difference_errors,
)

EPS = float(np.finfo(float).eps)
U = EPS / 2                      # unit round-off
X = sympy.Symbol("x")


# ------------------------------------------------------------------ test functions ----

class Polynomial:
    """p(y) = sum a_k y^k evaluated by Horner's rule (works for complex y too)."""

    def __init__(self, coefficients: list[float]) -> None:
        self.a = list(coefficients)            # a[k] multiplies y^k
        self.n = len(self.a) - 1
        self.expr = sum(sympy.Rational(Fraction(c)) * X**k for k, c in enumerate(self.a))

    def __call__(self, y):
        acc = 0 * y + self.a[-1]
        for c in reversed(self.a[:-1]):
            acc = acc * y + c
        return acc

    def exact_derivative(self, x: float) -> float:
        return float(sympy.diff(self.expr, X).subs(X, sympy.Rational(Fraction(x))))

    def bound(self, j: int, radius: float) -> float:
        """max |p^(j)| on [-radius, radius]."""
        return sum(math.perm(k, j) * abs(c) * radius ** (k - j)
                   for k, c in enumerate(self.a) if k >= j)

    def evaluation_error(self, y: float) -> float:
        """Bound on |fl(p(y)) - p(y)|: gamma_2n * sum |a_k||y|^k (Higham), doubled."""
        return 2 * (2 * self.n + 1) * U * sum(abs(c) * abs(y) ** k for k, c in enumerate(self.a))

    def complex_step_error(self, x: float, h: float) -> float:
        """Round-off of Im p(x + ih)/h by complex Horner: ~ gamma_3n * sum k|a_k||x|^(k-1)."""
        radius = abs(x) + h
        return 2 * (3 * self.n + 2) * U * sum(
            k * abs(c) * radius ** (k - 1) for k, c in enumerate(self.a) if k >= 1)


class Sine:
    """s(y) = sin(a y) + b, with |s^(j)| <= |a|^j."""

    def __init__(self, a: float, b: float) -> None:
        self.a, self.b = a, b
        self.expr = sympy.sin(sympy.Rational(Fraction(a)) * X) + sympy.Rational(Fraction(b))

    def __call__(self, y):
        return np.sin(self.a * y) + self.b

    def exact_derivative(self, x: float) -> float:
        value = sympy.diff(self.expr, X).subs(X, sympy.Rational(Fraction(x)))
        return float(value.evalf(40))

    def bound(self, j: int, radius: float) -> float:
        return abs(self.a) ** j

    def evaluation_error(self, y: float) -> float:
        # a*y rounded (|a y| u), sin within 4 ulp (< 2 eps), + b rounded (u (1 + |b|)); doubled
        return 2 * (abs(self.a * y) * U + 2 * EPS + U * (1 + abs(self.b)))

    def complex_step_error(self, x: float, h: float) -> float:
        # Im sin(u + iv) = cos(u) sinh(v) with u = fl(a x), v = fl(a h): |a| (|a x| u + few eps)
        return 2 * abs(self.a) * (abs(self.a * x) * U + 4 * EPS)


def error_bound(f, x: float, h: float, method: str, exact: float) -> float:
    """A sound bound on |derivative(f, x, method, h) - exact| (see the module docstring)."""
    radius = abs(x) + h
    m1 = f.bound(1, radius)
    if method == "forward":
        truncation = h / 2 * f.bound(2, radius)
        roundoff = (f.evaluation_error(x + h) + f.evaluation_error(x)) / h \
            + m1 * U * abs(x + h) / h
    elif method == "central":
        truncation = h**2 / 6 * f.bound(3, radius)
        roundoff = (f.evaluation_error(x + h) + f.evaluation_error(x - h)) / (2 * h) \
            + m1 * U * (abs(x + h) + abs(x - h)) / (2 * h)
    else:
        # Im f(x+ih)/h - f'(x) = sum_{j>=1} (-1)^j h^(2j) f^(2j+1)(x)/(2j+1)!; for sin the
        # series is bounded by the geometric tail of |a|^(2j+1) h^(2j)/(2j+1)!
        truncation = sum(h ** (2 * j) * f.bound(2 * j + 1, radius) / math.factorial(2 * j + 1)
                         for j in range(1, 6))
        roundoff = f.complex_step_error(x, h)
    # the final subtraction/division (relative 2u), the rounding of `exact` to a float (u), and
    # gradual underflow (2^-1074 per operation, divided by h >= 1e-18: far below 1e-280)
    return (truncation + roundoff) * (1 + 4 * U) + 3 * U * (abs(exact) + truncation + roundoff) \
        + 1e-280


coefficient = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
polynomials = st.lists(coefficient, min_size=1, max_size=6).map(Polynomial)
sines = st.builds(Sine, st.floats(-5, 5, allow_nan=False), st.floats(-5, 5, allow_nan=False))
smooth_functions = st.one_of(polynomials, sines)
points = st.floats(-3, 3, allow_nan=False, allow_infinity=False)
steps = st.one_of(st.none(), st.floats(1e-12, 1e-1), st.floats(1e-6, 1.0))


# ------------------------------------------------------------------- error bounds ----

@settings(max_examples=300, deadline=None)
@given(f=smooth_functions, x=points, method=st.sampled_from(METHODS), h=steps)
def test_error_is_within_the_theoretical_bound(f, x, method, h):
    if method == "complex-step" and h is not None:
        h = h * 1e-3     # the bound's series converges fast for small h; also test h ~ 1e-15
    step = default_step(method, x) if h is None else h
    exact = f.exact_derivative(x)
    approximation = derivative(f, x, method=method, h=h)
    assert abs(approximation - exact) <= error_bound(f, x, step, method, exact)


@settings(max_examples=100, deadline=None)
@given(f=smooth_functions, x=points)
def test_default_steps_give_the_expected_accuracy(f, x):
    exact = f.exact_derivative(x)
    # sizes of f and its first derivatives near x (round-off ~ |f|, truncation ~ |f''|, |f'''|)
    scale = 1.0 + sum(f.bound(j, abs(x) + 1) for j in range(4)) + abs(getattr(f, "b", 0.0))
    assert abs(derivative(f, x, method="forward") - exact) <= 1e-6 * scale
    assert abs(derivative(f, x, method="central") - exact) <= 1e-9 * scale
    assert abs(derivative(f, x, method="complex-step") - exact) <= 1e-13 * scale


@settings(max_examples=200, deadline=None)
@given(a=st.lists(coefficient, min_size=3, max_size=3), x=points, h=st.floats(1e-3, 10.0))
def test_central_difference_is_exact_for_a_quadratic_up_to_round_off(a, x, h):
    f = Polynomial(a)
    exact = f.exact_derivative(x)
    roundoff_only = error_bound(f, x, h, "central", exact) - h**2 / 6 * f.bound(3, abs(x) + h)
    assert f.bound(3, 1.0) == 0                      # truncation error is exactly zero...
    central = derivative(f, x, method="central", h=h)
    assert abs(central - exact) <= roundoff_only     # ...so only round-off remains
    # while the forward difference is off by its O(h) truncation error a2·h
    forward = derivative(f, x, method="forward", h=h)
    assert abs((forward - exact) - a[2] * h) <= roundoff_only * 10 + 1e-12 * abs(a[2] * h)


@settings(max_examples=200, deadline=None)
@given(x=st.floats(-30, 30, allow_nan=False))
def test_complex_step_on_exp_is_accurate_to_1e_15_relative(x):
    exact = float(sympy.exp(sympy.Rational(Fraction(x))).evalf(40))
    approximation = derivative(np.exp, x, method="complex-step")
    assert abs(approximation - exact) <= 1e-15 * exact


@settings(max_examples=200, deadline=None)
@given(m=st.integers(-1000, 1000), c=st.integers(-1000, 1000), x=st.integers(-1000, 1000),
       k=st.integers(-10, 10), sign=st.sampled_from([1, -1]))
def test_difference_quotient_of_a_linear_function_is_its_slope(m, c, x, k, sign):
    # integers and powers of two: every operation is exact, so equality must be exact
    h = sign * 2.0**k
    assert difference_quotient(lambda t: m * t + c, float(x), h) == m


@settings(max_examples=200, deadline=None)
@given(m=coefficient, c=coefficient, x=points,
       h=st.floats(1e-6, 1e3) | st.floats(-1e3, -1e-6))
def test_difference_quotient_of_a_linear_function_is_its_slope_up_to_round_off(m, c, x, h):
    f = Polynomial([c, m])
    bound = (f.evaluation_error(x + h) + f.evaluation_error(x)) / abs(h) \
        + abs(m) * U * abs(x + h) / abs(h) + 4 * U * abs(m) + 1e-280   # (1e-280: underflow)
    assert abs(difference_quotient(f, x, h) - m) <= bound


def test_difference_quotient_is_the_secant_slope_and_tends_to_the_derivative():
    quotients = [difference_quotient(np.exp, 0.0, h) for h in (1.0, 0.1, 0.01, 0.001)]
    assert quotients[0] == pytest.approx(math.e - 1.0)
    errors = [abs(q - 1.0) for q in quotients]
    assert all(later < earlier / 5 for earlier, later in zip(errors, errors[1:]))
    assert difference_quotient(np.exp, 0.0, -0.5) == pytest.approx((1.0 - math.exp(-0.5)) / 0.5)


# ------------------------------------------------------------------- vectorisation ----

@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("shape", [(5,), (2, 3)])
def test_derivative_is_vectorised_over_x(method, shape):
    x = np.linspace(-2.0, 2.0, math.prod(shape)).reshape(shape)
    result = derivative(np.sin, x, method=method)
    assert isinstance(result, np.ndarray) and result.shape == shape
    expected = np.array([derivative(np.sin, float(v), method=method) for v in x.ravel()])
    np.testing.assert_allclose(result.ravel(), expected, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(result, np.cos(x), atol=1e-9)


def test_derivative_of_a_scalar_is_a_python_float():
    assert type(derivative(np.sin, 1.0)) is float
    assert type(derivative(np.sin, np.float64(1.0))) is float
    assert type(difference_quotient(np.sin, 1, 0.5)) is float


def test_difference_quotient_is_vectorised_over_x_and_h():
    x = np.array([0.0, 1.0, 2.0])
    np.testing.assert_allclose(difference_quotient(lambda t: t**2, x, 0.5), 2 * x + 0.5)
    h = np.array([1.0, 0.5, -0.25])
    np.testing.assert_allclose(difference_quotient(lambda t: t**2, 1.0, h), 2 + h)


def test_functions_written_for_one_number_are_evaluated_point_by_point():
    x = np.array([0.0, 0.5, 1.0])
    np.testing.assert_allclose(derivative(math.sin, x), np.cos(x), atol=1e-9)
    step = lambda t: t**2 if t > 0 else -t**2           # noqa: E731 - `if` needs one number
    np.testing.assert_allclose(derivative(step, np.array([1.0, 2.0])), [2.0, 4.0], atol=1e-8)
    assert derivative(lambda t: 3.0, 1.0) == 0.0        # a constant returning one float


def test_default_step_is_used_and_scales_with_x():
    assert default_step("forward") == 2.0**-26
    assert default_step("central", 100.0) == pytest.approx(100 * EPS ** (1 / 3))
    assert default_step("complex-step", 1e6) == 1e-20
    f = lambda t: np.exp(np.sin(t))                     # noqa: E731
    for method in METHODS:
        assert derivative(f, 3.0, method=method) == derivative(
            f, 3.0, method=method, h=default_step(method, 3.0))


# ------------------------------------------------------------- finite_difference_errors ----

def test_finite_difference_errors_show_truncation_and_round_off():
    h = np.logspace(-1, -4, 4)
    errors = finite_difference_errors(np.exp, np.exp, 1.0, h)
    assert list(errors) == list(METHODS)
    assert all(e.shape == h.shape for e in errors.values())
    slopes = {m: np.diff(np.log10(errors[m])) / np.diff(np.log10(h)) for m in errors}
    np.testing.assert_allclose(slopes["forward"], 1.0, atol=0.05)     # O(h)
    np.testing.assert_allclose(slopes["central"], 2.0, atol=0.05)     # O(h²)
    np.testing.assert_allclose(slopes["complex-step"][:2], 2.0, atol=0.05)
    tiny = np.array([1e-8, 1e-12])
    small = finite_difference_errors(np.exp, np.exp, 1.0, tiny)
    assert small["forward"][1] > 10 * small["forward"][0]            # round-off grows as h → 0
    assert small["central"][1] > 10 * small["central"][0]
    assert np.all(small["complex-step"] <= 4 * EPS * math.e)          # no cancellation


def test_finite_difference_errors_keeps_the_order_of_methods():
    errors = finite_difference_errors(np.sin, np.cos, 0.5, [1e-3], ("complex-step", "forward"))
    assert list(errors) == ["complex-step", "forward"]
    assert list(finite_difference_errors(np.sin, np.cos, 0.5, [1e-3], "central")) == ["central"]


@pytest.mark.parametrize("kwargs, error, name", [
    ({"steps": [[1e-3]]}, ValueError, "steps"),
    ({"steps": []}, ValueError, "steps"),
    ({"steps": [1e-3, -1e-3]}, ValueError, "steps"),
    ({"steps": [1e-3, np.nan]}, ValueError, "steps"),
    ({"steps": "abc"}, TypeError, "steps"),
    ({"methods": ("backward",)}, ValueError, "methods"),
    ({"methods": ()}, ValueError, "methods"),
    ({"df": 1.0}, TypeError, "df"),
    ({"df": lambda t: np.nan * t}, ValueError, "df"),
    ({"x": "a"}, TypeError, "x"),
    ({"x": np.inf}, ValueError, "x"),
])
def test_finite_difference_errors_rejects_bad_arguments(kwargs, error, name):
    arguments = {"f": np.sin, "df": np.cos, "x": 0.5, "steps": [1e-3, 1e-4], **kwargs}
    with pytest.raises(error, match=name):
        finite_difference_errors(**arguments)


# ------------------------------------------------------------------------ bad input ----

@pytest.mark.parametrize("call, error, words", [
    (lambda: derivative(np.sin, 1.0, h=0), ValueError, ["h", "> 0"]),
    (lambda: derivative(np.sin, 1.0, h=-1), ValueError, ["h", "> 0"]),
    (lambda: derivative(np.sin, 1.0, h=np.nan), ValueError, ["h", "finite"]),
    (lambda: derivative(np.sin, 1.0, h=np.inf), ValueError, ["h", "finite"]),
    (lambda: derivative(np.sin, 1.0, h="0.1"), TypeError, ["h"]),
    (lambda: derivative(np.sin, 1.0, method="backward"), ValueError, ["method", "'central'"]),
    (lambda: derivative(np.sin, 1.0, method=None), ValueError, ["method"]),
    (lambda: derivative("sin", 1.0), TypeError, ["f", "callable"]),
    (lambda: derivative(np.sin, "a"), TypeError, ["x"]),
    (lambda: derivative(np.sin, np.nan), ValueError, ["x", "finite"]),
    (lambda: derivative(np.sin, [0.0, np.inf]), ValueError, ["x", "finite"]),
    (lambda: derivative(lambda t: np.nan * t, 1.0), ValueError, ["x = 1", "not finite"]),
    (lambda: derivative(lambda t: 1 / t, 0.0), ValueError, ["x = 0", "not finite"]),
    (lambda: derivative(lambda t: 1 / t, np.array([1.0, 0.0])), ValueError, ["x = 0"]),
    (lambda: derivative(np.log, -1.0), ValueError, ["x = -1", "not finite"]),
    (lambda: derivative(np.sqrt, 0.0), ValueError, ["near x = 0", "not finite"]),
    (lambda: derivative(math.log, -1.0), ValueError, ["x = -1", "math domain error"]),
    (lambda: derivative(lambda t: "y", 1.0), TypeError, ["f", "numbers"]),
    (lambda: derivative(lambda t: np.sqrt(t + 0j) * 1j, 1.0), ValueError, ["f", "real"]),
    (lambda: derivative(np.abs, 1.0, method="complex-step"), ValueError,
     ["complex-step compatible", 'method="central"']),
    (lambda: derivative(abs, 1.0, method="complex-step"), ValueError,
     ["complex-step compatible", 'method="central"']),
    (lambda: derivative(math.sin, 1.0, method="complex-step"), ValueError,
     ["complex-step compatible", 'method="central"']),
    (lambda: derivative(lambda z: np.asarray(z, dtype=float) ** 2, 1.0, method="complex-step"),
     ValueError, ["complex-step compatible", 'method="central"']),
    (lambda: difference_quotient(np.sin, 1.0, 0), ValueError, ["h", "nonzero"]),
    (lambda: difference_quotient(np.sin, 1.0, np.nan), ValueError, ["h", "finite"]),
    (lambda: difference_quotient(np.sin, 1.0, [0.1, 0.0]), ValueError, ["h", "nonzero"]),
    (lambda: difference_quotient(np.sin, "a", 0.1), TypeError, ["x"]),
    (lambda: difference_quotient(None, 1.0, 0.1), TypeError, ["f"]),
    (lambda: difference_quotient(np.sin, [1.0, 2.0], [0.1, 0.2, 0.3]), ValueError, ["shape"]),
    (lambda: difference_quotient(np.log, 0.0, 0.1), ValueError, ["x = 0", "not finite"]),
    (lambda: default_step("backward"), ValueError, ["method"]),
])
def test_bad_input_raises_a_named_error_without_warnings(call, error, words):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(error) as info:
            call()
    for word in words:
        assert word in str(info.value)


def test_nothing_warns_near_poles_and_outside_the_domain():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert derivative(lambda t: 1 / t, 1e-3) == pytest.approx(-1e6, rel=1e-4)
        assert derivative(np.log, 1e-3, method="complex-step") == pytest.approx(1e3, rel=1e-14)
        with pytest.raises(ValueError):
            derivative(lambda t: np.exp(t), 800.0)      # overflow -> inf -> a named error


@pytest.mark.parametrize("x", [[[1.0, [2.0]]], [[1.0, 2.0], [3.0]]])
def test_a_ragged_point_list_is_a_named_type_error(x):
    for call in (lambda: derivative(np.sin, x), lambda: difference_quotient(np.sin, x, 0.1)):
        with pytest.raises(TypeError, match="x must be an array of numbers"):
            call()


def test_finite_difference_errors_refuses_a_huge_list_of_steps_quickly():
    with pytest.raises(ValueError, match=r"steps must have at most 1000 entries"):
        finite_difference_errors(np.exp, np.exp, 1.0, [1e-3] * 10 ** 5)
