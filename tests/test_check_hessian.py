"""check_hessian: for each exercise of notebook 07 a table of typical wrong answers with the
words of their diagnosis, the right answer accepted, partial answers refused, and no message
that prints the expected formula or value."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from checker_output import number_forms, run
from lecture_utils.exercises import check_hessian

# the three exercises of notebook 07
EX1 = ("x1^3*x2 + exp(x1*x2)", ("x1", "x2"), {})
EX2 = ("x1^2*x2 + x2^3", ("x1", "x2"), {})
EX3 = ("x^2 + 2*x*y + y^3", ("x", "y"), {"point": (-1, 1)})
RIGHT = {
    "ex1": [["6*x1*x2 + x2^2*exp(x1*x2)", "3*x1^2 + exp(x1*x2) + x1*x2*exp(x1*x2)"],
            ["3*x1^2 + exp(x1*x2) + x1*x2*exp(x1*x2)", "x1^2*exp(x1*x2)"]],
    "ex2": [["2*x2", "2*x1"], ["2*x1", "6*x2"]],
    "ex3": [[2, 2], [2, 6]],
}
EXERCISES = {"ex1": EX1, "ex2": EX2, "ex3": EX3}
# what a message must never contain: the entries of the answers (formulas and numbers)
FORBIDDEN = {
    "ex1": ["6*x1*x2", "x1**2*exp", "x1^2*exp", "3*x1**2", "3*x1^2"],
    "ex2": ["2*x2", "2*x1", "6*x2"],
    "ex3": ["[2", "[6", "= 6", "is 6"],
}


def assert_no_answer(out: str, name: str) -> None:
    for text in FORBIDDEN[name]:
        assert text not in out, (text, out)
    if name == "ex3":
        body = out.replace("(x, y) = (-1, 1)", "")
        for form in number_forms(6.0):
            assert form not in body, (form, out)


WRONG = [
    ("ex1", None, ["None"]),
    ("ex1", [["6*x1*x2", "0"], ["0", "1"]], ["Wrong entries", "(1, 1)", "(1, 2)", "(2, 1)",
                                              "(2, 2)"]),
    ("ex1", ["3*x1^2*x2 + x2*exp(x1*x2)", "x1^3 + x1*exp(x1*x2)"], ["is the gradient"]),
    ("ex1", [["6*x1*x2 + x2^2*exp(x1*x2)", "3*x1^2 + exp(x1*x2) + x1*x2*exp(x1*x2)"]],
     ["expected 2×2, got 1×2"]),                                                  # partial
    ("ex1", [["6*x1*x2 + x2^2*exp(x1*x2)"]], ["expected 2×2, got 1×1"]),          # partial
    ("ex1", [["6*x1*x2 + x2^2*exp(x1*x2)", "3*x1^2 + exp(x1*x2)"],
             ["3*x1^2 + exp(x1*x2)", "x1^2*exp(x1*x2)"]],
     ["Wrong entries: (1, 2) ∂²f/∂x1∂x2 and (2, 1) ∂²f/∂x2∂x1", "the other entries are right",
      "misses one of its terms", "differentiate every term"]),
    # the product-rule slip: ∂/∂x2 of x2·e^{x1x2} without the e^{x1x2} term, in both entries
    ("ex1", [["6*x1*x2 + x2^2*exp(x1*x2)", "3*x1^2 + x1*x2*exp(x1*x2)"],
             ["3*x1^2 + x1*x2*exp(x1*x2)", "x1^2*exp(x1*x2)"]],
     ["The entry (1, 2) ∂²f/∂x1∂x2 misses one of its terms", "differentiate every term"]),
    ("ex1", [["6*x1*x2 + x2^2*exp(x1*x2)", "3*x1^2 + exp(x1*x2) - x1*x2*exp(x1*x2)"],
             ["3*x1^2 + exp(x1*x2) - x1*x2*exp(x1*x2)", "x1^2*exp(x1*x2)"]],
     ["one term with the wrong sign"]),
    ("ex1", "x1^3*x2", ["a single formula, but the Hessian is a 2×2 matrix",
                        "one row and one column per variable"]),
    # equal at the dyadic sample points only, or only up to rounding
    ("ex2", [["2*x2 + sin(4*pi*x1)", "2*x1"], ["2*x1", "6*x2"]], ["Wrong entry: (1, 1)"]),
    ("ex2", [["2*x2", "2*x1"], ["2*x1", "6.0000000001*x2"]],
     ["to 1e-8 at the sample points but is not equal", "small extra term or a rounded number"]),
    ("ex2", [["2*x2", "2*x1 + 1e-10*x1"], ["2*x1 + 1e-10*x1", "6*x2"]],
     ["to 1e-8 at the sample points but is not equal"]),
    # exercise 2: the classmate's answer, and variants of it
    ("ex2", [["2*x2", "2*x1"], ["0", "6*x2"]], ["not symmetric", "entry (1, 2)", "entry (2, 1)",
                                               "differ", "Schwarz", "∂/∂x1(∂f/∂x2)",
                                               "∂/∂x2(∂f/∂x1)"]),
    ("ex2", [["2*x1", "2*x1"], ["0", "6*x2"]], ["not symmetric", "Besides, entry (1, 1) "
                                                "∂²f/∂x1² is wrong"]),
    ("ex2", [["6*x2", "2*x1"], ["2*x1", "2*x2"]], ["in the wrong places", "another order"]),
    ("ex2", [["-2*x2", "-2*x1"], ["-2*x1", "-6*x2"]], ["wrong sign"]),
    ("ex2", [["x2", "x1"], ["x1", "3*x2"]], ["constant factor of 1/2"]),
    ("ex2", [["2*x2", "2*x1"], ["2*x1", "3*x2^2"]], ["Wrong entry: (2, 2) ∂²f/∂x2²"]),
    # exercise 3: numbers at (-1, 1)
    ("ex3", None, ["None"]),
    ("ex3", [[2, 2], [2, "6*y"]], ["still contains y", "evaluate it at (x, y) = (-1, 1)"]),
    ("ex3", [["2", "2"], ["2", "6*y"]], ["still contains y"]),
    ("ex3", sp.Matrix([[2, 2], [2, 6 * sp.Symbol("y")]]), ["still contains y"]),
    ("ex3", lambda p: np.array([[2.0, 2.0], [2.0, 6 * p[1]]]), ["is a function",
                                                               "(x, y) = (-1, 1)"]),
    ("ex3", [[2, 2], [2, 12]], ["wrong values at (x, y) = (-1, 1)", "(2, 2) ∂²f/∂y²"]),
    ("ex3", [[2, 2], [2, -6]], ["wrong sign"]),
    ("ex3", [[2, 2]], ["expected 2×2, got 1×2"]),                                  # partial
    ("ex3", [2, 2, 2, 6], ["4"]),                                                  # partial/flat
    ("ex3", [[0, 2], [2, 6]], ["Wrong entry: (1, 1) ∂²f/∂x²"]),
    ("ex3", [[2, 0], [2, 6]], ["not symmetric"]),
]


@pytest.mark.parametrize("name, answer, words", WRONG,
                         ids=[f"{n}-{k}" for k, (n, _, _) in enumerate(WRONG)])
def test_typical_wrong_answers_get_their_diagnosis(capsys, name, answer, words):
    f, variables, kwargs = EXERCISES[name]
    ok, out = run(capsys, check_hessian, answer, f, variables, **kwargs)
    assert not ok and out.startswith("Not yet:"), out
    for word in words:
        assert word in out, (word, out)
    assert_no_answer(out, name)


@pytest.mark.parametrize("name", list(RIGHT))
def test_the_right_answers_are_accepted(capsys, name):
    f, variables, kwargs = EXERCISES[name]
    ok, out = run(capsys, check_hessian, RIGHT[name], f, variables, **kwargs)
    assert ok and out.startswith("Correct:"), out


def test_other_forms_of_the_right_answer(capsys):
    f, variables, _ = EX2
    x1, x2 = sp.symbols("x1 x2")
    assert run(capsys, check_hessian, sp.Matrix([[2 * x2, 2 * x1], [2 * x1, 6 * x2]]), f,
               variables)[0]
    assert run(capsys, check_hessian, lambda p: np.array([[2 * p[1], 2 * p[0]],
                                                          [2 * p[0], 6 * p[1]]]), f, variables)[0]
    assert run(capsys, check_hessian, np.array([[2.0, 2.0], [2.0, 6.0]]), *EX3[:2],
               point=(-1, 1))[0]


def test_the_hints_read_the_order_of_differentiation_from_right_to_left(capsys):
    """H_ij = ∂²f/∂x_i∂x_j = ∂/∂x_i(∂f/∂x_j): first x_j, then x_i (notebook 07, cell 2)."""
    _, out = run(capsys, check_hessian, [["2*x2", "2*x1"], ["2*x1", "3*x2^2"]], *EX2[:2])
    assert "differentiate f with respect to x_j, then the result with respect to x_i" in out
    _, out = run(capsys, check_hessian, ["2*x1*x2", "x1^2 + 3*x2^2"], *EX2[:2])
    assert "∂/∂x_i(∂f/∂x_j) = ∂²f/∂x_i∂x_j is entry (i, j)" in out


def test_the_asymmetry_hint_states_schwarz_with_its_hypothesis(capsys):
    _, out = run(capsys, check_hessian, [["0", "1"], ["0", "0"]], "x1^2*x2 + x2^3", ("x1", "x2"))
    assert "second partial derivatives are continuous, so by Schwarz's theorem" in out


def test_the_diagonal_mixup_for_three_variables(capsys):
    f = "x^2 + 2*y^2 + 3*z^2 + x*y*z"
    diagonal_swapped = [["4", "z", "y"], ["z", "2", "x"], ["y", "x", "6"]]
    ok, out = run(capsys, check_hessian, diagonal_swapped, f, ["x", "y", "z"])
    assert not ok and "diagonal entries are mixed up" in out


def test_bad_exercises_raise():
    with pytest.raises(ValueError, match="point must have shape"):
        check_hessian([[2, 2], [2, 12]], "x^2 + 2*x*y + y^3", ("x", "y"), point=(1, 2, 3))
