"""The "Check yourself" exercises of notebooks 01 and 02, one table each: typical wrong answers
with the words of their diagnosis, the right answer accepted, partial answers refused, and no
message that contains the expected answer (formula, values or coefficients)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from checker_output import number_forms, run
from lecture_utils.exercises import (
    check_central_difference, check_derivative, check_taylor_coefficients,
)
from lecture_utils.exercises.derivatives import EXTRA_POINTS
from lecture_utils.maths.parser import as_expression
from lecture_utils.maths.taylor import taylor_coefficients

X = sympy.Symbol("x")


def assert_formula_not_revealed(out: str, f: str) -> None:
    d = sympy.diff(as_expression(f), X)
    forms = {str(d), str(d).replace("**", "^"), str(sympy.expand(d)),
             str(sympy.expand(d)).replace("**", "^")}
    forms |= {str(t).replace("**", "^") for t in sympy.Add.make_args(sympy.expand(d))}
    for form in forms:
        assert form not in out, f"the output reveals {form!r}:\n{out}"


def assert_coefficients_not_revealed(out: str, f: str, x0: float, n: int) -> None:
    for value in taylor_coefficients(f, x0, n):
        if abs(value) > 1e-12 and abs(value - round(value)) > 1e-9:
            for form in number_forms(value):
                assert form not in out, f"the output reveals the coefficient {form!r}:\n{out}"


# ============================================ notebook 01, exercise 1: (x² sin x)' ====

EX1 = "x^2*sin(x)"


@pytest.mark.parametrize("answer, words", [
    ("2*x*sin(x) - x^2*cos(x)", "opposite signs"),                  # sign of one term
    ("x^2*cos(x) - 2*x*sin(x)", "opposite signs"),
    ("2*x*cos(x) + x^2*sin(x)", "both factors are differentiated"),  # derivatives swapped
    ("2*x*cos(x)", "(u·v)' is not u'·v'"),
    ("2*x*sin(x)", "only one of the terms of the product rule"),
    ("2*x*sin(x) + x*cos(x)", "the one in which x^2 is differentiated; the other term, in "
                              "which sin(x) is differentiated"),
    ("2*sin(x) + x^2*cos(x)", "the one in which sin(x) is differentiated; the other term, in "
                              "which x^2 is differentiated"),
    ("x^2*cos(x) + 2*x*sin(x) + sin(4*pi*x)", "both terms of the product rule, and something "
                                              "more"),
    ("x^2*cos(x) + 2*x*sin(x) + 1e-9*x", "not equal to it"),
    ("-(x^2*cos(x) + 2*x*sin(x))", "wrong sign"),
    ("x^2*sin(x)", "the function itself"),
    (None, "None"),
])
def test_exercise_01_1_diagnoses(capsys, answer, words):
    result, out = run(capsys, check_derivative, answer, EX1)
    assert bool(result) is False and out.startswith("Not yet: ") and words in out, out
    assert_formula_not_revealed(out, EX1)


def test_a_term_vanishing_at_every_dyadic_point_is_caught(capsys):
    # sin(4πx) is 0 at every default point k/4; the irrational extra points see it
    assert all(abs(math.sin(4 * math.pi * p)) > 0.1 for p in EXTRA_POINTS)
    result, out = run(capsys, check_derivative, "3*x^2 + sin(4*pi*x)", "x^3")
    assert bool(result) is False and "differs from the derivative at x = 0.641421" in out
    result, out = run(capsys, check_derivative, lambda t: 3 * t**2 + np.sin(4 * np.pi * t), "x^3")
    assert bool(result) is False


@pytest.mark.parametrize("answer", ["x^2*cos(x) + 2*x*sin(x)", "x*(x*cos(x) + 2*sin(x))",
                                    lambda t: t**2 * np.cos(t) + 2 * t * np.sin(t)])
def test_exercise_01_1_right_answers(capsys, answer):
    result, out = run(capsys, check_derivative, answer, EX1)
    assert bool(result) is True and out.startswith("Correct: ")


def test_a_function_answer_is_called_right_for_what_was_checked(capsys):
    result, out = run(capsys, check_derivative, lambda t: 2 * t, "x^2")
    assert out == ("Correct: your function agrees with the derivative to 1e-8 (relative) at "
                   "the 20 sample points.\n")


# ============================================ notebook 01, exercise 2: (sin x²)' ====

EX2 = "sin(x^2)"


@pytest.mark.parametrize("answer, words", [
    ("cos(x^2)", "did not multiply by the derivative of the inner function"),
    ("2*cos(x^2)", "times a constant, but the derivative of the inner function depends on x"),
    ("3*cos(x^2)", "times a constant"),
    ("2*x*sin(x^2)", "the outer function is left as it was"),
    ("cos(x)*2*x", "evaluated at x, not at the inner function"),
    ("-2*x*cos(x^2)", "wrong sign"),
    ("x*cos(x^2)", "constant factor of 1/2"),
])
def test_exercise_01_2_diagnoses(capsys, answer, words):
    result, out = run(capsys, check_derivative, answer, EX2)
    assert bool(result) is False and words in out, out
    assert_formula_not_revealed(out, EX2)
    assert "h(x)" not in out        # the chain rule is written as in the notebook's table


def test_exercise_01_2_right_answer(capsys):
    assert bool(run(capsys, check_derivative, "2*x*cos(x^2)", EX2)[0]) is True


# ============================== notebook 01, exercise 3: the central difference ====

@pytest.mark.parametrize("difference, words", [
    (lambda f, x, h: (f(x + h) - f(x)) / h, "still the forward difference"),
    (lambda f, x, h: (f(x) - f(x - h)) / h, "backward difference"),
    (lambda f, x, h: (f(x + h) - f(x)) / (2 * h), "still uses f(x + h) and f(x)"),
    (lambda f, x, h: (f(x + h) - f(x - h)) / h, "the 2 is missing"),
    (lambda f, x, h: (f(x + h) - f(x - h)) / 2 * h, "a / 2*h means (a / 2)·h"),
    (lambda f, x, h: f(x + h) - f(x - h), "without dividing"),
    (lambda f, x, h: (f(x - h) - f(x + h)) / (2 * h), "wrong sign"),
    (lambda f, x, h: (f(x + h) + f(x - h)) / (2 * h), "adds the two values"),
    (lambda f, x, h: (f(x + 1e-5) - f(x - 1e-5)) / 2e-5, "does not use the step h"),
    (lambda f, x, h: 3 * x**2, "returns the exact derivative of the test function"),
    (lambda f, x, h: (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h),
     "either it does not use f, or it is a higher-order formula"),
    (lambda f, x, h: 3 * x**2 + h**2, "right values for f(x) = x³ but not for f(x) = x⁴"),
    (lambda f, x, h: np.cos(x) + h, "does not use the function f"),
    (lambda f, x, h: np.cos(x), "does not use the function f"),
    (lambda f, x, h: x * h, "does not use the function f"),
    (lambda f, x, h: f(x) * h, "does not compute the central difference"),
    (lambda f, x: f(x), "raised an error"),
    (lambda f, x, h: None, "returned None"),
    (None, "None"),
    ("(f(x+h) - f(x-h)) / (2*h)", "not a function"),
])
def test_exercise_01_3_diagnoses(capsys, difference, words):
    result, out = run(capsys, check_central_difference, difference)
    assert bool(result) is False and out.startswith("Not yet: ") and words in out, out
    assert "f(x - h)) / (2" not in out and "(2h)" not in out and "/ (2 * h)" not in out


@pytest.mark.parametrize("difference", [
    lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h),
    lambda f, x, h: 0.5 * (f(x + h) - f(x - h)) / h,
    lambda f, x, h: (f(x + h) - f(x)) / (2 * h) + (f(x) - f(x - h)) / (2 * h),
])
def test_exercise_01_3_right_answers(capsys, difference):
    result, out = run(capsys, check_central_difference, difference)
    assert bool(result) is True and out.startswith("Correct: ")


def test_the_central_difference_check_uses_steps_where_the_slips_differ():
    # the forward difference of x³ differs from the central one by 3xh: visible at h = 0.25
    from lecture_utils.exercises.derivatives import DIFFERENCE_POINTS, DIFFERENCE_STEPS
    assert min(abs(3 * x * h) for x in DIFFERENCE_POINTS for h in DIFFERENCE_STEPS) > 0.1


# ===================================== notebook 02: Taylor coefficients, order given ====

@pytest.mark.parametrize("f, x0, order, answer, words", [
    # exercise 1: cos at 0, c_0..c_4
    ("cos(x)", 0.0, 4, [1], "you gave 1 coefficient (c_0); the exercise asks for 5"),
    ("cos(x)", 0.0, 4, [1, 0, -1 / 2], "you gave 3 coefficients (c_0, ..., c_2)"),
    ("cos(x)", 0.0, 4, [1, 0, -1 / 2, 0, 1 / 24, 0], "you gave 6 coefficients"),
    ("cos(x)", 0.0, 4, [1, 0, -1, 0, 1], "the derivatives f^(k)(x0), not the coefficients"),
    ("cos(x)", 0.0, 4, [1, 0, 1 / 2, 0, 1 / 24], "not all signs"),
    ("cos(x)", 0.0, 4, [0.5, 1, 1 / 3, 0, -2], "first wrong coefficient"),
    # exercise 2: exp(2x) at 0, c_0..c_4
    ("exp(2*x)", 0.0, 4, [1, 2, 4, 8, 16], "the derivatives f^(k)(x0)"),
    ("exp(2*x)", 0.0, 4, [1, 2, 2, 8 / 3, 4], "divided by k, not by k!"),
    ("exp(2*x)", 0.0, 4, [1, 1, 1 / 2, 1 / 6, 1 / 24], "inner derivative (chain rule)"),
    ("exp(2*x)", 0.0, 4, [1, 2], "the exercise asks for 5"),
    ("exp(2*x)", 0.0, 4, [1, 2, 1, 1 / 3, 1 / 12], "inner derivative (chain rule) only once"),
    ("exp(2*x)", 0.0, 4, [1, 2, 1, 1 / 3, 1 / 12], "each differentiation brings another factor"),
    # rounded decimals: not a mathematical slip
    ("cos(x)", 0.0, 4, [1, 0, -0.5, 0, 0.0417], "c_4 is close to the right value but rounded"),
    ("cos(x)", 0.0, 4, [1, 0, -0.5, 0, 0.04166667], "write exact fractions such as 1/7"),
    ("exp(2*x)", 0.0, 4, [1, 2, 2, 1.3333, 0.6667], "c_3, c_4 are close to the right values"),
    # exercise 3: log at 1, c_0..c_3
    ("log(x)", 1.0, 3, [0], "you gave 1 coefficient"),
    ("log(x)", 1.0, 3, [0, 1], "you gave 2 coefficients (c_0, c_1)"),
    ("log(x)", 1.0, 3, [0, 1, -1, 2], "the derivatives f^(k)(x0)"),
    ("log(x)", 1.0, 3, [0, 1, 1 / 2, 1 / 3], "not all signs"),
    ("log(x)", 1.0, 3, [0, 1, -1 / 2, 1 / 6], "k = 3 (the (x - 1)^3 term)"),
    ("log(x)", 1.0, 3, [1, 1 / 2, 1 / 3, 1 / 4], "first wrong coefficient"),
])
def test_taylor_exercises_diagnoses(capsys, f, x0, order, answer, words):
    result, out = run(capsys, check_taylor_coefficients, answer, f, x0, order=order)
    assert bool(result) is False and out.startswith("Not yet: ") and words in out, out
    assert_coefficients_not_revealed(out, f, x0, order)


@pytest.mark.parametrize("f, x0, order, answer", [
    ("cos(x)", 0.0, 4, [1, 0, -1 / 2, 0, 1 / 24]),
    ("exp(2*x)", 0.0, 4, [1, 2, 2, 4 / 3, 2 / 3]),
    ("log(x)", 1.0, 3, [0, 1, -1 / 2, 1 / 3]),
    ("log(x)", 1.0, 3, [0, 1, sympy.Rational(-1, 2), sympy.Rational(1, 3)]),
])
def test_taylor_exercises_right_answers(capsys, f, x0, order, answer):
    result, out = run(capsys, check_taylor_coefficients, answer, f, x0, order=order)
    assert bool(result) is True and out == f"Correct: all {order + 1} coefficients c_0, ..., " \
                                           f"c_{order} are right.\n"


@pytest.mark.parametrize("f, x0, order", [("cos(x)", 0.0, 4), ("exp(2*x)", 0.0, 4),
                                           ("log(x)", 1.0, 3)])
def test_a_right_but_partial_list_is_never_correct(capsys, f, x0, order):
    right = list(taylor_coefficients(f, x0, order))
    for m in range(1, order + 1):
        result, out = run(capsys, check_taylor_coefficients, right[:m], f, x0, order=order)
        assert bool(result) is False and "the exercise asks for" in out


def test_the_example_fraction_of_the_rounding_hint_is_never_a_coefficient(capsys):
    # 1/7 is c_7 of log(1 + x)·(−1)^… : the hint must pick another example there
    right = [float(c) for c in taylor_coefficients("log(x)", 1.0, 7)]
    answer = right[:7] + [round(right[7], 4)]
    result, out = run(capsys, check_taylor_coefficients, answer, "log(x)", 1.0, order=7)
    assert bool(result) is False and "rounded" in out and "1/7" not in out, out
    assert "such as 2/11" in out


def test_the_order_is_required():
    with pytest.raises(TypeError, match="order"):
        check_taylor_coefficients([1, 0, -0.5], "cos(x)")
