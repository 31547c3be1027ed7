"""Tests of lecture_utils.exercises: every diagnosis is printed, and the answer never is."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import sympy
from checker_output import number_forms, run
from hypothesis import given, settings
from hypothesis import strategies as st

from lecture_utils.exercises import (
    DEFAULT_POINTS,
    check_derivative,
    check_taylor_coefficients,
)
from lecture_utils.exercises.common import Relation, diagnose_scalar_factor
from lecture_utils.exercises.derivatives import EXTRA_POINTS, _sample
from lecture_utils.maths.parser import as_expression
from lecture_utils.maths.taylor import taylor_coefficients

X = sympy.Symbol("x")


# ------------------------------------------------------------------------ helpers ----

def assert_derivative_not_revealed(out: str, f: str, points=None) -> None:
    """The printed text contains neither the derivative's formula nor its sample values."""
    expr = as_expression(f)
    d = sympy.diff(expr, X)
    formulas = {str(d), str(sympy.simplify(d)), str(sympy.expand(d)), str(d).replace("**", "^")}
    formulas |= {str(term) for term in sympy.Add.make_args(sympy.expand(d)) if len(str(term)) > 3}
    for formula in formulas:
        assert formula not in out, f"the output reveals {formula!r}:\n{out}"
    samples = _sample(expr, d, "x", points)
    for value in samples.values[:, 1]:
        if abs(value) > 1e-12 and abs(value - round(value)) > 1e-9:    # skip 0 and integers
            for form in number_forms(value):
                assert form not in out, f"the output reveals the value {form!r}:\n{out}"


def assert_coefficients_not_revealed(out: str, f: str, x0: float, n: int) -> None:
    for value in taylor_coefficients(f, x0, n):
        if abs(value) > 1e-12 and abs(value - round(value)) > 1e-9:
            for form in number_forms(value):
                assert form not in out, f"the output reveals the coefficient {form!r}:\n{out}"


F = "x^3*sin(x) + exp(2*x)"   # derivative values at the sample points are irrational


# ============================================================ check_derivative: right ====

@pytest.mark.parametrize("answer", [
    "3*x^2*sin(x) + x^3*cos(x) + 2*exp(2*x)",                               # string
    "3x^2*sin(x) + x^3*cos(x) + 2e^(2x)",                                    # other spelling
    3 * X**2 * sympy.sin(X) + X**3 * sympy.cos(X) + 2 * sympy.exp(2 * X),   # SymPy
    sympy.Symbol("x", real=True)**3 * sympy.cos(sympy.Symbol("x", real=True))
    + 3 * X**2 * sympy.sin(X) + 2 * sympy.exp(2 * X),                       # other assumptions
    lambda x: 3 * x**2 * np.sin(x) + x**3 * np.cos(x) + 2 * np.exp(2 * x),  # NumPy function
    lambda x: 3 * x**2 * math.sin(x) + x**3 * math.cos(x) + 2 * math.exp(2 * x),  # math
    sympy.Lambda(X, 3 * X**2 * sympy.sin(X) + X**3 * sympy.cos(X) + 2 * sympy.exp(2 * X)),
])
def test_a_right_answer_in_every_form_is_accepted(capsys, answer):
    result, out = run(capsys, check_derivative, answer, F)
    assert bool(result) is True
    assert out.startswith("Correct: ")
    if callable(answer) and not isinstance(answer, sympy.Basic):    # a function: checked numerically
        assert "agrees with the derivative to 1e-8 (relative) at the 20 sample points" in out
    else:
        assert "the product rule" in out and "the chain rule" in out


def test_a_right_answer_that_simplify_proves_equal_is_accepted(capsys):
    result, out = run(capsys, check_derivative, "2*sin(x)*cos(x)", "sin(x)^2")
    assert result and out.startswith("Correct")
    result, out = run(capsys, check_derivative, "sin(2*x)", "sin(x)^2")
    assert result and out.startswith("Correct")


def test_simplify_decides_where_floating_point_cannot(capsys):
    # equal to 2*x, but evaluating it in floating point loses everything to cancellation
    answer = "(x + 10^8)^2 - 10^16 - 2*10^8*x + 2*x - x^2"
    assert bool(run(capsys, check_derivative, answer, "x^2")[0]) is True
    assert bool(run(capsys, check_derivative, answer.replace("+ 2*x", "+ 3*x"), "x^2")[0]) is False


def test_other_variable_names_and_constant_derivatives(capsys):
    assert bool(run(capsys, check_derivative, "2*t", "t^2", variable="t")[0]) is True
    assert bool(run(capsys, check_derivative, 3, "3*x + 1")[0]) is True
    assert bool(run(capsys, check_derivative, 0, "5")[0]) is True
    assert bool(run(capsys, check_derivative, lambda x: 3.0, "3*x + 1")[0]) is True


def test_output_is_deterministic(capsys):
    first = run(capsys, check_derivative, "3*x^2*sin(x)", F)
    second = run(capsys, check_derivative, "3*x^2*sin(x)", F)
    assert first == second
    assert not re.search(r"0x[0-9a-f]{6,}", first[1])


# ========================================================= check_derivative: diagnoses ====

def test_unparsable_string_shows_the_parser_message(capsys):
    with pytest.raises(ValueError) as info:
        as_expression("3*x^2*sin(x) +* x", name=None)   # the checker words it itself
    result, out = run(capsys, check_derivative, "3*x^2*sin(x) +* x", F)
    assert bool(result) is False
    assert "could not be read" in out and str(info.value) in out
    assert_derivative_not_revealed(out, F)


@pytest.mark.parametrize("nonsense", ["", "x +", "sin x", "2*y", "hello", "x^2)"])
def test_nonsense_strings_get_the_parser_message(capsys, nonsense):
    with pytest.raises(ValueError) as info:
        as_expression(nonsense, name=None)
    result, out = run(capsys, check_derivative, nonsense, F)
    assert bool(result) is False and str(info.value) in out


@pytest.mark.parametrize("answer, words", [
    (..., "replace ..."),
    (None, "None"),
    ([1, 2], "list"),
    ({"x": 1}, "dict"),
    (True, "truth value"),
    (2 + 1j, "complex"),
    (sympy.Eq(X, 2), "Equality"),
    (sympy.Function("g")(X), "undefined function g(x)"),
    (X * sympy.Symbol("y"), "contains y"),
    (lambda x: None, "returned None"),
    (lambda x: "2*x", "returned str"),
    (lambda x: np.array([1.0, 2.0]), "array of shape (2,)"),
    (lambda x: 1j * x, "complex"),
    (lambda x, y: x, "raised an error"),
    (lambda x: undefined_name * x, "NameError"),                            # noqa: F821
])
def test_wrong_types_are_named(capsys, answer, words):
    result, out = run(capsys, check_derivative, answer, F)
    assert bool(result) is False
    assert out.startswith("Not yet: ") and words in out
    assert_derivative_not_revealed(out, F)


@pytest.mark.parametrize("answer", ["5", 5, 2.5, "sin(1)", lambda x: 7.0, "sin(x)^2 + cos(x)^2"])
def test_constant_answer(capsys, answer):
    result, out = run(capsys, check_derivative, answer, F)
    assert bool(result) is False and "does not depend on x" in out
    assert_derivative_not_revealed(out, F)


@pytest.mark.parametrize("answer", [F, as_expression(F),
                                    lambda x: x**3 * np.sin(x) + np.exp(2 * x)])
def test_the_function_itself(capsys, answer):
    result, out = run(capsys, check_derivative, answer, F)
    assert bool(result) is False and "the function itself, not its derivative" in out
    assert_derivative_not_revealed(out, F)


def test_sign_error(capsys):
    result, out = run(capsys, check_derivative,
                      "-(3*x^2*sin(x) + x^3*cos(x) + 2*exp(2*x))", F)
    assert bool(result) is False and "wrong sign" in out
    assert_derivative_not_revealed(out, F)


@pytest.mark.parametrize("factor, shown", [(2, "2"), (sympy.Rational(1, 2), "1/2"),
                                           (-3, "-3"), (sympy.Rational(-2, 3), "-2/3")])
def test_constant_factor(capsys, factor, shown):
    d = sympy.diff(as_expression(F), X)
    result, out = run(capsys, check_derivative, factor * d, F)
    assert bool(result) is False
    assert f"off by a constant factor of {shown}:" in out
    assert "power rule" in out and "chain rule" in out
    assert_derivative_not_revealed(out, F)


def test_a_factor_that_is_no_simple_fraction_is_not_named(capsys):
    d = sympy.diff(as_expression(F), X)
    result, out = run(capsys, check_derivative, sympy.pi * d, F)
    assert bool(result) is False and "factor" not in out and "3.14" not in out
    assert "differs from the derivative at x = 0.5" in out
    result, out = run(capsys, check_taylor_coefficients, [1, 1, 0.5], "exp(x)", 0.5, order=2)
    assert bool(result) is False and "times" not in out and "0.6065" not in out


def test_missing_inner_factor_of_a_linear_chain_is_a_constant_factor(capsys):
    result, out = run(capsys, check_derivative, "cos(3*x)", "sin(3*x)")
    assert bool(result) is False and "constant factor of 1/3" in out and "chain rule" in out
    assert_derivative_not_revealed(out, "sin(3*x)")


def test_constant_offset(capsys):
    d = sympy.diff(as_expression(F), X)
    result, out = run(capsys, check_derivative, d + 7, F)
    assert bool(result) is False and "differs from the derivative by a constant" in out
    assert_derivative_not_revealed(out, F)


@pytest.mark.parametrize("f, answer, words", [
    ("x^3*sin(x) + exp(2*x) + log(x)", "3*x^2*sin(x) + x^3*cos(x) + 2*exp(2*x)",
     "only some of the terms"),
    ("x^3 + cos(x)", "3*x^2 + cos(x)", "without being differentiated"),
    ("x^3*sin(x)", "3*x^2*cos(x)", "(u·v)' is not u'·v'"),
    ("x^3*sin(x)", "3*x^2*sin(x)", "only one of the terms of the product rule"),
    ("x^3*sin(x)", lambda x: x**3 * math.cos(x), "only one of the terms of the product rule"),
    ("sin(x)/(x^2 + 1)", "cos(x)/(2*x)", "u'/v'"),
    ("sin(x)/(x^2 + 1)", "(cos(x)*(x^2+1) + 2*x*sin(x))/(x^2+1)^2", "minus sign"),
    ("sin(x)/(x^2 + 1)", "(cos(x)*(x^2+1) - 2*x*sin(x))/(x^2+1)", "is v²"),
    ("sin(x^2)", "cos(x^2)", "derivative of the inner function"),
    ("(x^2 + 1)^5", "5*(x^2 + 1)^4", "derivative of the inner function"),
    ("exp(x^2)", "exp(x^2)", "the function itself"),
    ("x^5", "5*x^5", "not lowered by one"),
])
def test_typical_rule_slips(capsys, f, answer, words):
    result, out = run(capsys, check_derivative, answer, f)
    assert bool(result) is False and words in out, out
    assert_derivative_not_revealed(out, f)


def test_otherwise_the_first_differing_point_is_named(capsys):
    result, out = run(capsys, check_derivative, "3*x^2*sin(x) + 2*exp(2*x)", F)
    assert bool(result) is False
    assert "differs from the derivative at x = 0.5 (and at 19 other of the 20 sample points)" \
        in out
    assert "the product rule" in out and "the chain rule" in out
    assert_derivative_not_revealed(out, F)


def test_an_approximation_is_called_close(capsys):
    forward = lambda t: (np.sin(t + 1e-5) - np.sin(t)) / 1e-5            # noqa: E731
    result, out = run(capsys, check_derivative, forward, "sin(x)")
    assert bool(result) is False
    assert "close to the derivative but not equal to it (relative deviation up to 5e-06)" in out
    assert "central difference" in out
    assert_derivative_not_revealed(out, "sin(x)")
    central = lambda t: (np.sin(t + 1e-5) - np.sin(t - 1e-5)) / 2e-5     # noqa: E731
    assert bool(run(capsys, check_derivative, central, "sin(x)")[0]) is True


def test_a_single_differing_point(capsys):
    answer = lambda x: 2 * x if x != 1.5 else 0.0        # noqa: E731
    result, out = run(capsys, check_derivative, answer, "x^2")
    assert bool(result) is False and "at x = 1.5 (the other 19 sample points agree)" in out


def test_an_answer_undefined_where_the_derivative_is_defined(capsys):
    answer = lambda x: np.sqrt(x) ** 2 / np.sqrt(x**2 + 1)   # noqa: E731 - NaN for x < 0
    result, out = run(capsys, check_derivative, answer, "sqrt(x^2 + 1)")
    assert bool(result) is False and "is undefined at x = -0.5" in out


def test_points_where_a_function_answer_raises_are_skipped(capsys):
    def answer(x):
        if x == 0.5:
            raise ZeroDivisionError("division by zero")
        return 2 * x
    result, out = run(capsys, check_derivative, answer, "x^2")
    assert bool(result) is True


def test_default_points_stay_in_the_domain_and_can_be_given(capsys):
    samples = _sample(as_expression("log(x)"), as_expression("1/x"), "x", None)
    assert samples.points.tolist() == [p for p in (*DEFAULT_POINTS, *EXTRA_POINTS) if p > 0]
    samples = _sample(as_expression("log(x - 5)"), as_expression("1/(x - 5)"), "x", None)
    assert samples.points.size >= 6 and np.all(samples.points > 5)
    result, out = run(capsys, check_derivative, "1/(x - 5)", "log(x - 5)")
    assert bool(result) is True
    result, out = run(capsys, check_derivative, "2*x", "x^2", points=[3.0, 4.0])
    assert bool(result) is True
    result, out = run(capsys, check_derivative, "x", "x^2", points=[3.0, 4.0])
    assert "factor of 1/2" in out
    result, out = run(capsys, check_derivative, "x", "x^2", points=[2.0])
    assert "differs from the derivative at x = 2 (the only sample point)" in out


@pytest.mark.parametrize("kwargs, error, name", [
    ({"f": "x +"}, ValueError, "position"),
    ({"f": 3}, TypeError, "f"),
    ({"f": X * sympy.Symbol("a")}, ValueError, "symbol(s) a"),
    ({"variable": 3}, TypeError, "variable"),
    ({"variable": "2x"}, ValueError, "variable"),
    ({"points": [0.5, np.nan]}, ValueError, "points"),
    ({"points": [[0.5]]}, ValueError, "points"),
    ({"f": "log(x)", "points": [-1.0, -2.0]}, ValueError, "points"),
    ({"f": "sqrt(-x^2 - 1)"}, ValueError, "points"),
])
def test_mistakes_of_the_exercise_raise_named_errors(kwargs, error, name):
    arguments = {"answer": "2*x", "f": "x^2", **kwargs}
    with pytest.raises(error, match=re.escape(name)):
        check_derivative(**arguments)


@settings(max_examples=30, deadline=None)
@given(coefficients=st.lists(st.integers(-9, 9), min_size=3, max_size=6)
       .filter(lambda c: any(c[2:])),
       factor=st.sampled_from([2, 3, -2, sympy.Rational(1, 2), sympy.Rational(3, 2)]))
def test_scaled_derivatives_of_random_polynomials_are_diagnosed(coefficients, factor):
    import contextlib
    import io

    f = sum(c * X**k for k, c in enumerate(coefficients))
    d = sympy.diff(f, X)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert bool(check_derivative(d, f)) is True
        assert bool(check_derivative(str(d), f)) is True
        assert bool(check_derivative(factor * d, f)) is False
    out = buffer.getvalue()
    assert f"constant factor of {factor}:" in out
    assert str(d) not in out and str(factor * d) not in out


# ====================================================== the shared comparison helper ====

@pytest.mark.parametrize("answer, reference, expected", [
    ([-1.0, -4.0, 0.0], [1.0, 4.0, 0.0], Relation("sign", -1.0)),
    ([2.0, 8.0], [1.0, 4.0], Relation("factor", 2.0)),
    ([-2.0, -8.0], [1.0, 4.0], Relation("factor", -2.0)),
    ([3.0, 6.0, 1.0], [1.0, 4.0, -1.0], Relation("offset", 2.0)),
    ([[2.0, 4.0], [6.0, 8.0]], [[1.0, 2.0], [3.0, 4.0]], Relation("factor", 2.0)),
    ([1.0, 4.0], [1.0, 4.0], None),
    ([1.0, 5.0], [1.0, 4.0], None),
    ([0.0, 0.0], [1.0, 4.0], None),
    ([np.nan, 8.0], [1.0, 4.0], None),
    ([2.0], [1.0], None),          # one value: a factor cannot be told from an offset
    ([np.e, 4 * np.e], [1.0, 4.0], None),        # e is no simple fraction
    ([-2.0], [2.0], Relation("sign", -1.0)),
])
def test_diagnose_scalar_factor(answer, reference, expected):
    assert diagnose_scalar_factor(answer, reference) == expected


def test_diagnose_scalar_factor_can_skip_offsets_and_respects_tolerance():
    assert diagnose_scalar_factor([3.0, 6.0], [1.0, 4.0], offset=False) is None
    assert diagnose_scalar_factor([1.0 + 1e-12, 4.0], [1.0, 4.0]) is None
    relation = diagnose_scalar_factor([2.0 * (1 + 1e-11), 8.0], [1.0, 4.0])
    assert relation.kind == "factor" and relation.value == pytest.approx(2.0)
    relation = diagnose_scalar_factor([np.e, 4 * np.e], [1.0, 4.0], max_denominator=None)
    assert relation.kind == "factor" and relation.value == pytest.approx(np.e)


# ================================================================ check_taylor_coefficients ====

@pytest.mark.parametrize("answer", [
    [1, 1, 1 / 2, 1 / 6, 1 / 24],
    (1.0, 1.0, 0.5, 1 / 6, 1 / 24),
    np.array([1, 1, 1 / 2, 1 / 6, 1 / 24]),
    [sympy.Integer(1), 1, sympy.Rational(1, 2), sympy.Rational(1, 6), 1 / sympy.factorial(4)],
    [1 / math.factorial(k) for k in range(41)],
])
def test_right_coefficients_are_accepted(capsys, answer):
    result, out = run(capsys, check_taylor_coefficients, answer, "exp(x)", order=len(answer) - 1)
    assert bool(result) is True and out.startswith("Correct: ")
    assert f"all {len(answer)} coefficients" in out
    result, out = run(capsys, check_taylor_coefficients, [1], "exp(x)", order=0)
    assert bool(result) is True and out == "Correct: the coefficient c_0 is right.\n"


def test_right_coefficients_at_another_point_and_variable(capsys):
    assert run(capsys, check_taylor_coefficients, [0, 1, -1 / 2, 1 / 3], "log(x)", 1.0,
               order=3)[0]
    assert run(capsys, check_taylor_coefficients, [8, 12, 6, 1, 0], "t^3", 2, variable="t",
               order=4)[0]
    assert run(capsys, check_taylor_coefficients, [0, 1, 0, -1 / 6], sympy.sin(X), order=3)[0]


@pytest.mark.parametrize("answer, words", [
    (..., "replace ..."),
    (None, "None"),
    ("1, 1, 0.5", "string"),
    (3.0, "float"),
    ({0: 1.0}, "dict"),
    (sympy.exp(X).series(X, 0, 3).removeO(), "not the polynomial"),
    ([], "empty"),
    (np.ones((2, 2)), "shape (2, 2)"),
    ([[1.0, 1.0]], "flat list"),
    ([1.0, "1"], "k = 1 is a str"),
    ([1.0, None], "k = 1 is a NoneType"),
    ([1.0, True], "k = 1 is a bool"),
    ([1.0, X], "k = 1 contains x"),
    ([1.0, 1.0, np.nan], "k = 2 is nan"),
    ([1.0, np.inf], "k = 1 is inf"),
    ([1.0, 1j], "complex"),
    ([1.0] * 42, "at most 41"),
])
def test_answers_that_are_not_a_list_of_numbers(capsys, answer, words):
    result, out = run(capsys, check_taylor_coefficients, answer, "exp(x)", order=2)
    assert bool(result) is False and words in out, out


@pytest.mark.parametrize("f, x0, answer", [
    ("exp(x)", 0.0, [1, 1, 1, 1, 1]),
    ("sin(x) + cos(x)", 0.0, [1, 1, -1, -1, 1, 1]),
    ("exp(2*x)", 0.0, [1, 2, 4, 8]),
    ("log(x)", 1.0, [0, 1, -1, 2]),
])
def test_derivatives_instead_of_coefficients(capsys, f, x0, answer):
    result, out = run(capsys, check_taylor_coefficients, answer, f, x0, order=len(answer) - 1)
    assert bool(result) is False and "divide" in out and "k!" in out
    assert_coefficients_not_revealed(out, f, x0, len(answer) - 1)


@pytest.mark.parametrize("f, answer, words", [
    ("exp(x)", [-1, -1, -1 / 2, -1 / 6], "every coefficient has the wrong sign"),
    ("log(1 + x)", [0, -1, -1 / 2, -1 / 3, -1 / 4], "the signs of the odd powers are flipped, "
                                                    "from k = 1 (the x term)"),
    ("sin(x)", [0, 1, 0, 1 / 6, 0, 1 / 120], "check the signs from k = 3 (the x^3 term)"),
])
def test_sign_errors(capsys, f, answer, words):
    result, out = run(capsys, check_taylor_coefficients, answer, f, order=len(answer) - 1)
    assert bool(result) is False and words in out, out
    assert_coefficients_not_revealed(out, f, 0.0, len(answer) - 1)


def test_sign_hint_for_sines_and_cosines(capsys):
    result, out = run(capsys, check_taylor_coefficients, [0, 1, 0, 1 / 6], "sin(x)", order=3)
    assert "sin → cos → −sin → −cos" in out


@pytest.mark.parametrize("f, answer, words", [
    ("exp(x)", [1, 1 / 2, 1 / 6, 1 / 24], "Did you start at k = 1?"),
    ("1/(1 - 2*x)", [2, 4, 8, 16], "Did you start at k = 1?"),
    ("exp(x)", [0, 1, 1, 1 / 2], "one position too far to the right"),
    ("exp(2*x)", [4 / 3, 2, 2, 1], "reverse order"),
])
def test_shifted_or_reversed_lists(capsys, f, answer, words):
    result, out = run(capsys, check_taylor_coefficients, answer, f, order=len(answer) - 1)
    assert bool(result) is False and words in out, out
    assert "constant term" in out
    assert_coefficients_not_revealed(out, f, 0.0, len(answer) - 1)


def test_all_coefficients_off_by_a_common_factor(capsys):
    result, out = run(capsys, check_taylor_coefficients, [2, 2, 1, 1 / 3], "exp(x)", order=3)
    assert bool(result) is False and "2 times the right ones" in out
    assert_coefficients_not_revealed(out, "exp(x)", 0.0, 3)


@pytest.mark.parametrize("f, x0, answer, words", [
    ("exp(x)", 0.0, [1, 1, 1 / 2, 1 / 3, 1 / 24],
     "the first wrong coefficient is the one for k = 3 (the x^3 term); all the others are right"),
    ("exp(x)", 0.0, [1, 1, 1 / 2, 1, 1 / 24], "not divided by 3!"),
    ("exp(x)", 0.0, [1, 1, 1 / 2, -1 / 6, 1 / 25], "k = 3 (the x^3 term); 1 other "
                                                    "coefficient is wrong too. Its sign is wrong"),
    ("exp(x)", 0.0, [2, 1, 1 / 2, 1 / 6], "k = 0 (the constant term)"),
    ("exp(x)", 0.0, [1, 2, 1 / 2, 1 / 6], "k = 1 (the x term)"),
    ("x^4", 1.0, [1, 4, 6, 3, 1], "k = 3 (the (x - 1)^3 term)"),
    ("x^4", -2.0, [16, -32, 24, -9, 1], "k = 3 (the (x + 2)^3 term)"),
    ("exp(x)", 0.0, [1, 1, 1 / 3, 1 / 7, 1 / 25],
     "k = 2 (the x^2 term); 2 other coefficients are wrong too"),
])
def test_first_wrong_coefficient(capsys, f, x0, answer, words):
    result, out = run(capsys, check_taylor_coefficients, answer, f, x0, order=len(answer) - 1)
    assert bool(result) is False and words in out, out
    assert_coefficients_not_revealed(out, f, x0, len(answer) - 1)


def test_small_high_order_coefficients_are_compared_closely(capsys):
    answer = [1 / math.factorial(k) for k in range(21)]
    answer[12] = 0.0       # c_12 = 1/12! ~ 2e-9: far below the default 1e-8, still caught
    result, out = run(capsys, check_taylor_coefficients, answer, "exp(x)", order=20)
    assert bool(result) is False and "k = 12" in out
    answer = [0.0, 1.0, 1e-17, -1 / 6]   # a 0 computed with round-off is fine
    assert bool(run(capsys, check_taylor_coefficients, answer, "sin(x)", order=3)[0]) is True


@pytest.mark.parametrize("kwargs, error, name", [
    ({"x0": np.nan}, ValueError, "x0"),
    ({"x0": "0"}, TypeError, "x0"),
    ({"f": "log(x)"}, ValueError, "not analytic"),
    ({"f": "x +"}, ValueError, "position"),
    ({"f": 3}, TypeError, "f"),
    ({"variable": None}, TypeError, "variable"),
    ({"order": -1}, ValueError, "order"),
    ({"order": 41}, ValueError, "order"),
    ({"order": 1.5}, TypeError, "order"),
])
def test_taylor_mistakes_of_the_exercise_raise_named_errors(kwargs, error, name):
    arguments = {"answer": [1, 1], "f": "exp(x)", "x0": 0.0, "order": 1, **kwargs}
    with pytest.raises(error, match=re.escape(name)):
        check_taylor_coefficients(**arguments)
