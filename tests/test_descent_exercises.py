"""The checkers of notebook 08 (check_gradient_step, check_step_size_bound): for each exercise
a table of typical wrong answers with the words of their diagnosis, the right answer accepted,
partial answers refused, and no message that contains the expected answer or its formula."""

from __future__ import annotations

import numpy as np
import pytest

from checker_output import number_forms, run
from lecture_utils.exercises import check_gradient_step, check_step_size_bound
from lecture_utils.maths.optimize import Quadratic

A = np.array([[2.0, 1.0], [1.0, 20.0]])
B = np.array([5.0, 3.0])
X0 = np.array([-3.0, -1.0])
G = X0 @ A - B                                    # ∇f(x0) = [−12, −26]

#: Formulas that give the answer away (the gradient's formula or the slides' components, the
#: iteration with its sign, the bound).
GRADIENT_FORMULAS = ("xᵀA − b", "x0ᵀA − b", "2x1 + x2 − 5", "x1 + 20x2 − 3", "x0 − γ∇f")
BOUND_FORMULAS = ("2/λmax", "2/λ_max", "< 2/")


def _x1(step):
    return X0 - step * G


def _hidden(out: str, values, formulas) -> None:
    for value in np.ravel(values):
        for form in number_forms(value):
            assert form not in out, form
    for formula in formulas:
        assert formula not in out, formula


STEP_CASES = [
    # (name, answer from step γ, words the diagnosis must contain)
    ("the gradient", lambda s: G, ["the gradient ∇f(x0) itself"]),
    ("the change", lambda s: -s * G, ["only the change", "start x0 is missing"]),
    ("the change uphill", lambda s: s * G, ["only a change", "uphill", "start x0 is missing"]),
    ("uphill", lambda s: X0 + s * G, ["along the gradient", "uphill"]),
    ("no −b", lambda s: X0 - s * (X0 @ A), ["no term from the linear part"]),
    ("+b", lambda s: X0 - s * (X0 @ A + B), ["linear part", "wrong sign"]),
    ("½ on A", lambda s: X0 - s * (0.5 * X0 @ A - B), ["half as large", "quadratic term"]),
    ("2 on A", lambda s: X0 - s * (2 * X0 @ A - B), ["twice as large", "quadratic term"]),
    ("only −b", lambda s: X0 + s * B, ["only the linear part", "quadratic term's is missing"]),
    ("no −b, uphill", lambda s: X0 + s * (X0 @ A), ["no term from the linear part", "uphill"]),
    ("two steps", lambda s: _x1(s) - s * (_x1(s) @ A - B), ["x2", "two steps"]),
    ("no cross term", lambda s: X0 - s * (X0 @ np.diag(np.diag(A)) - B),
     ["misses the derivative of the mixed term x1x2"]),
    ("cross term doubled", lambda s: X0 - s * (X0 @ (2 * A - np.diag(np.diag(A))) - B),
     ["mixed term x1x2", "twice as large"]),
    ("swapped gradient", lambda s: X0 - s * G[::-1], ["entries of the gradient you used are "
                                                      "swapped"]),
    ("2γ", lambda s: X0 - 2 * s * G, ["right direction", "2 times the length"]),
    ("γ/2", lambda s: X0 - 0.5 * s * G, ["1/2 times the length"]),
    ("one entry wrong", lambda s: [_x1(s)[0], 7.0], ["entry 2 of your x1 is wrong", "1 of 2 right"]),
    ("both entries wrong", lambda s: [7.0, 7.0], ["entry 1 and entry 2", "0 of 2 right"]),
    ("partial: one number", lambda s: [_x1(s)[0]], ["shape (1,)", "exactly 2 numbers"]),
    ("partial: a scalar", lambda s: _x1(s)[0], ["shape ()", "exactly 2 numbers"]),
    ("three numbers", lambda s: [*_x1(s), 0.0], ["shape (3,)", "exactly 2 numbers"]),
    ("None", lambda s: None, ["None", "2 numbers"]),
    ("ellipsis", lambda s: ..., ["no answer yet"]),
    ("text", lambda s: "[-2.4, 0.3]", ["a text"]),
    ("NaN", lambda s: [np.nan, 1.0], ["NaN"]),
]


@pytest.mark.parametrize("step", [0.05, 0.02])
@pytest.mark.parametrize("name, make, words", STEP_CASES, ids=[c[0] for c in STEP_CASES])
def test_check_gradient_step_diagnoses_without_giving_the_answer(name, make, words, step, capsys):
    ok, out = run(capsys, check_gradient_step, make(step), step)
    assert not ok and out.startswith("Not yet:"), out
    for word in words:
        assert word in out, (word, out)
    _hidden(out, _x1(step), GRADIENT_FORMULAS)
    assert "downhill" not in out


@pytest.mark.parametrize("answer", [
    lambda s: _x1(s), lambda s: list(_x1(s)), lambda s: _x1(s).reshape(2, 1),
    lambda s: _x1(s).reshape(1, 2), lambda s: np.round(_x1(s), 12),
])
@pytest.mark.parametrize("step", [0.05, 0.02, 1.0])
def test_check_gradient_step_accepts_the_step_in_any_layout(answer, step, capsys):
    ok, out = run(capsys, check_gradient_step, answer(step), step)
    assert ok and out.startswith("Correct:") and "against the gradient" in out
    assert "downhill" not in out            # with γ = 1, f rises: the step is not downhill
    q = Quadratic(A, B)
    assert q.value(_x1(1.0)) > q.value(X0)  # ... as this shows


def test_check_gradient_step_other_quadratic():
    # the diagnoses use the given A, b, x0, not the slides'
    A2, b2, x2 = np.array([[4.0, 1.0], [1.0, 3.0]]), np.array([1.0, 2.0]), np.array([1.0, 1.0])
    right = x2 - 0.1 * (x2 @ A2 - b2)
    assert check_gradient_step(right, 0.1, A=A2, b=b2, x0=x2)
    assert not check_gradient_step(x2 - 0.1 * (x2 @ A2), 0.1, A=A2, b=b2, x0=x2)


A3 = np.array([[4.0, 1.0], [1.0, 3.0]])
LOW, HIGH = np.linalg.eigvalsh(A3)
BOUND_CASES = [
    ("2/λmin", 2 / LOW, ["uses λmin"]),
    ("1/λmax", 1 / HIGH, ["too small by a constant factor", "still converge",
                          "where |1 − γλ| leaves (−1, 1)"]),
    ("1/λmin", 1 / LOW, ["uses λmin", "which eigenvalue's factor |1 − γλ| leaves (−1, 1) "
                                      "first"]),
    ("best step", 2 / (LOW + HIGH), ["best constant step", "not the bound of the stable steps"]),
    ("λmax/2", HIGH / 2, ["units of an eigenvalue"]),
    ("2λmax", 2 * HIGH, ["units of an eigenvalue"]),
    ("diagonal", 2 / 4.0, ["largest diagonal entry"]),
    ("trace", 2 / np.trace(A3), ["best constant step"]),     # = 2/(λmin + λmax) in 2-D
    ("too large", 0.9, ["too large"]),
    ("too small", 0.05, ["too small"]),
    ("negative", -0.1, ["positive"]),
    ("partial: a list", [2 / HIGH, 2 / LOW], ["not one number"]),
    ("None", None, ["None", "one number"]),
    ("ellipsis", ..., ["no answer yet"]),
    ("text", "0.4", ["not one number"]),
    ("inf", np.inf, ["not a finite number"]),
]


@pytest.mark.parametrize("name, answer, words", BOUND_CASES, ids=[c[0] for c in BOUND_CASES])
def test_check_step_size_bound_diagnoses_without_giving_the_bound(name, answer, words, capsys):
    ok, out = run(capsys, check_step_size_bound, answer, A3)
    assert not ok and out.startswith("Not yet:"), out
    for word in words:
        assert word in out, (word, out)
    _hidden(out, [2 / HIGH], BOUND_FORMULAS)
    assert "largest one limits" not in out
    # naming λmax together with a missing factor 2 states the bound
    assert "λmax" not in out and "factor 2" not in out and "λmin + λmax" not in out, out


@pytest.mark.parametrize("answer", [2 / HIGH, round(2 / HIGH, 4), np.float64(2 / HIGH),
                                    np.array(2 / HIGH)])
def test_check_step_size_bound_accepts_the_bound(answer, capsys):
    ok, out = run(capsys, check_step_size_bound, answer, A3)
    assert ok and out.startswith("Correct:")
    assert "0 < γ < 2/λmax" in out and "every start" in out


def test_the_bound_is_sharp_for_the_exercise_matrix():
    # what the correct message claims: below the bound every start converges, at it not
    q = Quadratic(A3)
    assert q.contraction_factor(0.999 * 2 / HIGH) < 1
    assert q.contraction_factor(2 / HIGH) == pytest.approx(1.0)
    assert q.contraction_factor(2 / (LOW + HIGH)) < q.contraction_factor(0.99 * 2 / HIGH) < 1
