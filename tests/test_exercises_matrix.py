"""Tests of check_gradient and check_jacobian: every diagnosis, and the answer is never shown."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy
from checker_output import number_forms, run

from lecture_utils.exercises import MATRIX_POINTS, check_gradient, check_jacobian
from lecture_utils.exercises.matrix_answers import MATRIX_EXTRA, matrix_samples
from lecture_utils.maths.parser import as_expression

V = ("x1", "x2")
F = "x1^3*sin(x2) + exp(x1*x2)"                  # irrational gradient values
GRAD = ["3*x1^2*sin(x2) + x2*exp(x1*x2)", "x1^3*cos(x2) + x1*exp(x1*x2)"]
FV = ["x1^2*x2", "sin(x1) + x2^3", "exp(x2)*x1"]   # R^2 -> R^3
JAC = [["2*x1*x2", "x1^2"], ["cos(x1)", "3*x2^2"], ["exp(x2)", "x1*exp(x2)"]]


# ------------------------------------------------------------------------ helpers ----

def assert_not_revealed(out: str, components: list[str], points=None) -> None:
    """Neither a formula of the reference (whole entry or a longer term) nor a value of it at
    a sample point appears in the output."""
    symbols = [sympy.Symbol(v, real=True) for v in V]
    exprs = [as_expression(c, V).subs({sympy.Symbol(v): s for v, s in zip(V, symbols)})
             for c in components]
    reference = sympy.Matrix([[sympy.diff(e, s) for s in symbols] for e in exprs])
    for entry in reference:
        forms = {str(entry), str(sympy.expand(entry)), str(sympy.simplify(entry))}
        forms |= {str(t) for t in sympy.Add.make_args(sympy.expand(entry)) if len(str(t)) > 3}
        for formula in list(forms):
            forms.add(formula.replace("**", "^"))
        for formula in forms:
            if len(formula) > 3:
                assert formula not in out, f"the output reveals {formula!r}:\n{out}"
    samples = matrix_samples(exprs, reference, V, points)
    for value in samples.reference.ravel():
        if abs(value) > 1e-12 and abs(value - round(value)) > 1e-9:
            for form in number_forms(value):
                assert form not in out, f"the output reveals the value {form!r}:\n{out}"


def wrong(out: str) -> None:
    assert out.startswith("Not yet: ") and "\nHint: " in out


# ================================================================ right answers ====

X1, X2 = sympy.symbols("x1 x2")
_np_grad = lambda x: np.array([3 * x[0]**2 * np.sin(x[1]) + x[1] * np.exp(x[0] * x[1]),  # noqa
                               x[0]**3 * np.cos(x[1]) + x[0] * np.exp(x[0] * x[1])])


@pytest.mark.parametrize("answer", [
    GRAD,                                                        # flat list of strings
    tuple(GRAD),
    [GRAD],                                                      # nested 1×2
    sympy.Matrix([GRAD]),                                        # 1×2 Matrix of strings
    sympy.Matrix([[sympy.diff(as_expression(F, V), s) for s in (X1, X2)]]),
    [sympy.diff(as_expression(F, V), s) for s in (X1, X2)],     # SymPy entries
    np.array(GRAD),
    _np_grad,                                                    # function of the point
    lambda x1, x2: _np_grad(np.array([x1, x2])).reshape(1, 2),   # separate arguments, 1×2
    sympy.Lambda((X1, X2), sympy.Matrix([[sympy.diff(as_expression(F, V), s)
                                          for s in (X1, X2)]])),
])
def test_right_gradients_in_every_form_are_accepted(capsys, answer):
    result, out = run(capsys, check_gradient, answer, F, V)
    assert bool(result) is True
    assert out == "Correct: that is the gradient, a 1×2 row.\n"


def test_right_jacobians_are_accepted(capsys):
    assert bool(run(capsys, check_jacobian, JAC, FV, V)[0]) is True
    assert bool(run(capsys, check_jacobian, sympy.Matrix(JAC), sympy.Matrix(FV), V)[0]) is True
    fn = lambda x: np.array([[2 * x[0] * x[1], x[0]**2], [np.cos(x[0]), 3 * x[1]**2],  # noqa
                             [np.exp(x[1]), x[0] * np.exp(x[1])]])
    result, out = run(capsys, check_jacobian, fn, FV, V)
    assert bool(result) is True and out == "Correct: that is the 3×2 Jacobian.\n"
    # n = 1: a flat list of m derivatives is the column
    assert bool(run(capsys, check_jacobian, ["2*t", "3"], ["t^2", "3*t"], ["t"])[0]) is True
    assert bool(run(capsys, check_gradient, "3*t^2", "t^3", ["t"])[0]) is True
    # simplify proves equality where the values agree anyway
    assert run(capsys, check_gradient, ["2*sin(x1)*cos(x1)", "1"], "sin(x1)^2 + x2", V)[0]


def test_output_is_deterministic(capsys):
    first = run(capsys, check_gradient, [GRAD[0], "x1"], F, V)
    second = run(capsys, check_gradient, [GRAD[0], "x1"], F, V)
    assert first == second and not first[0]
    assert not re.search(r"0x[0-9a-f]{6,}", first[1])


# ===================================================================== layouts ====

def test_a_column_gradient_is_the_transposed_layout(capsys):
    result, out = run(capsys, check_gradient, sympy.Matrix(GRAD), F, V)
    assert bool(result) is False
    wrong(out)
    assert "transposed (column instead of row) layout" in out
    assert "column (2×1)" in out and "row (1×2)" in out
    assert "entries are right" not in out     # that would hand over the fix
    assert_not_revealed(out, [F])
    result, out = run(capsys, check_gradient, [[GRAD[0]], ["x1"]], F, V)
    assert "transposed (column instead of row) layout" in out
    result, out = run(capsys, check_gradient, lambda x: _np_grad(x).reshape(2, 1), F, V)
    assert bool(result) is False and "transposed (column instead of row)" in out


def test_other_wrong_gradient_shapes(capsys):
    for answer, shape in ([GRAD[0]], "1×1"), ([*GRAD, "0"], "1×3"), ([GRAD, GRAD], "2×2"):
        result, out = run(capsys, check_gradient, answer, F, V)
        assert bool(result) is False
        wrong(out)
        assert f"has shape {shape}" in out and "1×2 row (one entry per variable)" in out
        assert "transposed" not in out


def test_a_transposed_jacobian(capsys):
    transposed = [list(row) for row in zip(*JAC)]
    result, out = run(capsys, check_jacobian, transposed, FV, V)
    assert bool(result) is False
    wrong(out)
    assert "shape 2×3" in out and "its Jacobian is 3×2" in out and "transposed" in out
    assert "entries are right" not in out
    assert_not_revealed(out, FV)
    result, out = run(capsys, check_jacobian, [["1", "1", "1"], ["1", "1", "1"]], FV, V)
    assert "transposed" in out
    result, out = run(capsys, check_jacobian, [["1", "1"]], FV, V)
    assert "shape 1×2" in out and "Jacobian is 3×2" in out and "transposed" not in out


def test_a_transposed_square_jacobian_is_diagnosed_by_its_values(capsys):
    f = ["x1*x2^2", "x1 + x2^3"]
    result, out = run(capsys, check_jacobian, [["x2^2", "1"], ["2*x1*x2", "3*x2^2"]], f, V)
    assert bool(result) is False
    wrong(out)
    assert "transpose of the Jacobian" in out
    assert_not_revealed(out, f)
    # a symmetric Jacobian is its own transpose: right
    assert run(capsys, check_jacobian, [["x2", "x1"], ["x1", "1"]], ["x1*x2", "x1 + x2"],
               V)[0] is False
    assert run(capsys, check_jacobian, [["x2", "x1"], ["x1", "1"]], ["x1*x2", "x1^2/2 + x2"],
               V)[0] is True


# ============================================================ sign, factor, values ====

@pytest.mark.parametrize("factor, shown", [(2, "2"), (0.5, "1/2"), (3, "3")])
def test_a_constant_factor(capsys, factor, shown):
    answer = [f"{factor}*({g})" for g in GRAD]
    result, out = run(capsys, check_gradient, answer, F, V)
    assert bool(result) is False
    wrong(out)
    assert f"off by the same constant factor of {shown}" in out
    assert_not_revealed(out, [F])


def test_a_missing_factor_2_of_a_square(capsys):
    result, out = run(capsys, check_gradient, ["x1", "x2"], "x1^2 + x2^2", V)
    assert bool(result) is False and "constant factor of 1/2" in out
    result, out = run(capsys, check_jacobian, [[f"2*({e})" for e in row] for row in JAC],
                      FV, V)
    assert bool(result) is False and "every entry of your Jacobian" in out and "factor of 2" in out


def test_a_wrong_sign(capsys):
    result, out = run(capsys, check_gradient, [f"-({g})" for g in GRAD], F, V)
    assert bool(result) is False
    wrong(out)
    assert "wrong sign" in out and "negative" in out
    assert_not_revealed(out, [F])
    result, out = run(capsys, check_jacobian, [[f"-({e})" for e in row] for row in JAC], FV, V)
    assert bool(result) is False and "your Jacobian has the wrong sign" in out


def test_otherwise_a_point_and_the_number_of_differing_points_are_named(capsys):
    result, out = run(capsys, check_gradient, [GRAD[0], "x1^3*cos(x2)"], F, V)
    assert bool(result) is False
    wrong(out)
    match = re.search(r"has wrong values at \(x1, x2\) = \((-?[\d.]+), (-?[\d.]+)\) \(and at "
                      r"(\d+) other of the (\d+) sample points\)", out)
    assert match, out
    total = MATRIX_POINTS + len(MATRIX_EXTRA)       # dyadic points, then irrational ones
    assert int(match.group(4)) == total and int(match.group(3)) == total - 1
    assert "Wrong entry: ∂f/∂x2; the other entries are right." in out
    assert_not_revealed(out, [F])


def test_one_wrong_entry_with_a_sign_or_factor_slip(capsys):
    result, out = run(capsys, check_gradient, [GRAD[0], f"-({GRAD[1]})"], F, V)
    assert "Wrong entry: ∂f/∂x2" in out and "The entry ∂f/∂x2 has the wrong sign." in out
    assert_not_revealed(out, [F])
    bad = [row[:] for row in JAC]
    bad[1][1] = "x2^2"
    result, out = run(capsys, check_jacobian, bad, FV, V)
    assert bool(result) is False
    assert "Wrong entry: ∂f_2/∂x2; the other entries are right." in out
    assert "off by a factor of 1/3" in out
    assert_not_revealed(out, FV)


def test_a_single_differing_point(capsys):
    # differs only where x1 = 0.5 among the given points
    points = [[0.5, 1.0], [1.0, 1.0], [-1.0, 2.0]]
    result, out = run(capsys, check_gradient, ["2*x1 + (x1 - 1/2)*0 + (2*x1 - 1)^2 * 0",
                                               "1 + 0*x1"], "x1^2 + x2", V, points=points)
    assert bool(result) is True
    result, out = run(capsys, check_gradient, ["2*x1 + (x1 - 1)*(x1 + 1)", "1"], "x1^2 + x2",
                      V, points=points)
    assert bool(result) is False
    assert "at (x1, x2) = (0.5, 1) (the other 2 sample points agree)" in out


def test_an_answer_undefined_at_a_point(capsys):
    answer = lambda x: np.array([2 * x[0] * x[1] / x[1], x[0]**2])  # noqa: E731
    result, out = run(capsys, check_gradient, answer, "x1^2*x2", V,
                      points=[[1.0, 0.0], [1.0, 1.0], [2.0, 1.0]])
    assert bool(result) is False
    assert "is undefined at (x1, x2) = (1, 0)" in out


# ================================================================ unreadable answers ====

@pytest.mark.parametrize("answer, words", [
    (..., "there is no answer yet: replace ... with the gradient"),
    (None, "your answer is None"),
    ([], "empty list"),
    ("2*x1", "a single formula, but the gradient is a 1×2 row (one entry per variable x1, x2)"),
    (["2x1 x2", "1"], "in entry 1: your answer '2x1 x2' could not be read: missing operator"),
    ([["1", "2"], ["3"]], "rows of your answer have different lengths"),
    (["1", ["2"]], "mixes single entries and lists"),
    ([[["1"]], [["2"]]], "is itself a list"),
    ([lambda x: x, "1"], "is a function"),
    ({"x1": 1}, "your answer is a dict, not the gradient"),
    (["y", "1"], "could not be read: unknown name 'y'"),
    ([sympy.Symbol("y"), 1], "contains y"),
    (np.zeros((2, 2, 2)), "array with 3 axes"),
    (sympy.Lambda(X1, X1), "takes 1 argument(s)"),
])
def test_unreadable_answers_are_named(capsys, answer, words):
    result, out = run(capsys, check_gradient, answer, F, V)
    assert bool(result) is False
    wrong(out)
    assert words in out
    assert_not_revealed(out, [F])


@pytest.mark.parametrize("function, words", [
    (lambda x: None, "returned None"),
    (lambda x: "abc", "not an array of numbers"),
    (lambda x: np.array([1j, 1.0]), "complex numbers"),
    (lambda x: np.zeros((1, 1, 2)), "not a matrix"),
    (lambda x: 1 / 0, "your function raised an error: at (x1, x2) = "),
    (lambda x: np.zeros(int(x[0] > 0) + 1), "arrays of different shapes"),
])
def test_bad_functions_are_named(capsys, function, words):
    result, out = run(capsys, check_gradient, function, F, V)
    assert bool(result) is False
    wrong(out)
    assert words in out


def test_points_where_a_function_raises_are_skipped(capsys):
    def answer(x):
        if x[0] < 0:
            raise ValueError("negative")
        return np.array([2 * x[0], 1.0])

    result, out = run(capsys, check_gradient, answer, "x1^2 + x2", V)
    assert bool(result) is True


# ====================================================== mistakes of the exercise raise ====

@pytest.mark.parametrize("call, error, words", [
    (lambda: check_gradient(["1"], "x1 + y", ("x1",)), ValueError, "unknown name 'y'"),
    (lambda: check_gradient(["1"], ["x1"], ("x1",)), TypeError, "use check_jacobian"),
    (lambda: check_gradient(["1"], "x1", ("x1", "x1")), ValueError, "repeat"),
    (lambda: check_gradient(["1"], "x1", (1,)), TypeError, "variable must be a name"),
    (lambda: check_gradient(["1"], "x1", ("x1",), points=[[np.nan]]), ValueError, "points"),
    (lambda: check_gradient(["1", "1"], "x1 + x2", V, points=[[1.0, 2.0, 3.0]]), ValueError,
     r"points must have shape \(number of points, 2\)"),
    (lambda: check_gradient(["1"], "log(x1)", ("x1",), points=[-1.0]), ValueError,
     "at least one point"),
    (lambda: check_jacobian([["1"]], 3, ("x1",)), TypeError, "f must be a SymPy expression"),
    (lambda: check_jacobian([["1"]], [], ("x1",)), ValueError, "at least one component"),
    (lambda: check_jacobian([["1"]], object(), ("x1",)), TypeError, "f must be a list"),
    (lambda: check_gradient(["1"], sympy.Symbol("a") * X1, ("x1",)), ValueError,
     "a, which are not among the variables"),
])
def test_mistakes_of_the_exercise_raise_named_errors(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_sample_points_stay_in_the_domain():
    f = as_expression("log(x1) + sqrt(x2)", V)
    symbols = [sympy.Symbol(v) for v in V]
    reference = sympy.Matrix([[sympy.diff(f, s) for s in symbols]])
    samples = matrix_samples([f], reference, V, None)
    assert samples.points.shape == (MATRIX_POINTS, 2)
    assert np.all(samples.points > 0)
    again = matrix_samples([f], reference, V, None)
    assert np.array_equal(samples.points, again.points)


def test_simplify_decides_where_floating_point_cannot(capsys):
    # equal to 2*x1, but evaluating it in floating point loses everything to cancellation
    answer = "(x1 + 10^8)^2 - 10^16 - 2*10^8*x1 + 2*x1 - x1^2"
    assert bool(run(capsys, check_gradient, [answer, "1"], "x1^2 + x2", V)[0]) is True
    assert run(capsys, check_gradient, [answer.replace("+ 2*x1", "+ 3*x1"), "1"],
               "x1^2 + x2", V)[0] is False


# ============================================ the exercises of notebooks 03, 04 and 05 ====

def assert_hidden(out: str, reference: list[list[str]], variables: tuple[str, ...]) -> None:
    """No entry of the expected matrix (as a formula, expanded, or a longer term of it) and no
    non-integer value of it at the sample points appears in the output."""
    symbols = [sympy.Symbol(v, real=True) for v in variables]
    matrix = sympy.Matrix([[as_expression(e, variables).xreplace(
        {sympy.Symbol(v): s for v, s in zip(variables, symbols)}) for e in row]
        for row in reference])
    for entry in matrix:
        forms = {str(entry), str(sympy.expand(entry)), str(sympy.factor(entry))}
        forms |= {str(t) for t in sympy.Add.make_args(sympy.expand(entry)) if len(str(t)) > 3}
        forms |= {f.replace("**", "^") for f in forms} | {f.replace("*", "") for f in forms}
        for formula in forms:
            if len(formula) > 3:
                assert formula not in out, f"the output reveals {formula!r}:\n{out}"
    samples = matrix_samples(list(matrix), matrix, variables, None)
    coordinates = set(samples.points.ravel().tolist())    # named points may be printed
    for value in samples.reference.ravel():
        if abs(value - round(value)) > 1e-9 and value not in coordinates:
            for form in number_forms(value):
                assert form not in out, f"the output reveals the value {form!r}:\n{out}"


# (checker, f, variables, keyword arguments, the expected matrix) of each exercise
EX03_1 = (check_gradient, "x1^2*x2 + exp(x2)", V, {}, [["2*x1*x2", "x1^2 + exp(x2)"]])
EX03_2 = (check_gradient, "x1^3 + x1*x2", V, {}, [["3*x1^2 + x2", "x1"]])
# x1 = s + 2t, x2 = s − t: ∂x/∂(s, t) is not symmetric, so its transpose is a visible slip
EX03_3 = (check_gradient, "x1*x2", ("s", "t"), {"inner": {"x1": "s + 2*t", "x2": "s - t"}},
          [["2*s + t", "s - 4*t"]])
EX04_1 = (check_jacobian, ["x1^2*x2", "5*x1 + sin(x2)", "x2^3"], V, {},
          [["2*x1*x2", "x1^2"], ["5", "cos(x2)"], ["0", "3*x2^2"]])
EX04_2 = (check_jacobian, ["x1*x2 + x3", "x1^2 - x3"], ("x1", "x2", "x3"), {},
          [["x2", "x1", "1"], ["2*x1", "0", "-1"]])
X3 = sympy.symbols("x1 x2 x3")
EX04_3 = (check_jacobian, sympy.Matrix([[2, -1, 0], [1, 3, -2]]) * sympy.Matrix(X3),
          ("x1", "x2", "x3"), {}, [["2", "-1", "0"], ["1", "3", "-2"]])
EX05_1 = (check_gradient, "x1^2 + 2*x1*x2 + 3*x2^2", V, {"quadratic_form": [[1, 2], [0, 3]]},
          [["2*x1 + 2*x2", "2*x1 + 6*x2"]])
EX05_3 = (check_gradient, "3*x1 - x2", V, {}, [["3", "-1"]])
EXERCISES = {"03.1": EX03_1, "03.2": EX03_2, "03.3": EX03_3, "04.1": EX04_1, "04.2": EX04_2,
             "04.3": EX04_3, "05.1": EX05_1, "05.3": EX05_3}


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_each_exercise_accepts_its_answer(capsys, exercise):
    checker, f, variables, options, expected = EXERCISES[exercise]
    result, out = run(capsys, checker, expected, f, variables, **options)
    assert result is True and out.startswith("Correct: "), out


@pytest.mark.parametrize("exercise, answer, words", [
    # 03.1: ∇(x1²x2 + e^x2)
    ("03.1", ["2*x1*x2", "x1^2"], ["Wrong entry: ∂f/∂x2", "misses one of its terms",
                                   "differentiate every term"]),
    ("03.1", ["2*x1*x2", "x1^2 - exp(x2)"], ["Wrong entry: ∂f/∂x2",
                                             "one term with the wrong sign"]),
    ("03.1", ["x1^2 + exp(x2)", "2*x1*x2"], ["right derivatives in the wrong order",
                                             "in the place of the derivative with respect to x1"]),
    ("03.1", ["2*x1", "x1^2 + exp(x2)"], ["Wrong entry: ∂f/∂x1", "treating the other variables"]),
    ("03.1", [["2*x1*x2"], ["x1^2 + exp(x2)"]], ["transposed (column instead of row) layout"]),
    # 03.2: the classmate's column
    ("03.2", sympy.Matrix(["3*x1^2 + x2", "x1"]), ["column (2×1)", "row (1×2)",
                                                   "one row and one column per variable"]),
    ("03.2", ["3*x1^2 - x2", "x1"], ["one term with the wrong sign"]),
    # 03.3: chain rule with x1 = s + t, x2 = s − t
    ("03.3", ["s - t", "s + 2*t"], ["this is ∂f/∂x only",
                                    "multiplies it by the matrix ∂x/∂(s, t)"]),
    ("03.3", ["3*s + 3*t", "-3*t"], ["the transpose of ∂x/∂(s, t)",
                                     "row i holds the derivatives of x_i"]),
    ("03.3", ["x2 + x1", "x2 - x1"], ["still contains x1 and x2", "substitute each of x1 and x2"]),
    ("03.3", ["s - 4*t", "2*s + t"], ["wrong order"]),
    ("03.3", ["2*s + t", "4*t - s"], ["Wrong entry: ∂f/∂t", "has the wrong sign"]),
    ("03.3", ["4*s + 2*t", "2*s - 8*t"], ["constant factor of 2"]),
    ("03.3", ["2*s + t + sin(4*pi*s)", "s - 4*t"], ["Wrong entry: ∂f/∂s"]),
    # 04.1: the 3×2 Jacobian
    ("04.1", [["2*x1*x2", "5", "0"], ["x1^2", "cos(x2)", "3*x2^2"]],
     ["shape 2×3", "its Jacobian is 3×2", "transposed"]),
    ("04.1", [["5", "cos(x2)"], ["2*x1*x2", "x1^2"], ["0", "3*x2^2"]],
     ["right rows in the wrong order", "row 1 holds the derivatives of f_2"]),
    ("04.1", [["x1^2", "2*x1*x2"], ["cos(x2)", "5"], ["3*x2^2", "0"]],
     ["right derivatives in the wrong order"]),
    ("04.1", [["2*x1*x2", "x1^2"], ["5", "-cos(x2)"], ["0", "3*x2^2"]],
     ["Wrong entry: ∂f_2/∂x2", "has the wrong sign"]),
    # 04.2: the classmate's transposed Jacobian
    ("04.2", [["x2", "2*x1"], ["x1", "0"], ["1", "-1"]], ["shape 3×2", "transposed matrix"]),
    ("04.1", [["x1^2", "2*x1*x2"], ["5", "cos(x2)"], ["0", "3*x2^2"]],
     ["row 1 has the right derivatives in the wrong order",
      "in the place of ∂f_1/∂x1 you wrote ∂f_1/∂x2", "the other entries are right"]),
    ("04.2", [["x1", "x2", "1"], ["2*x1", "0", "-1"]],
     ["row 1 has the right derivatives in the wrong order"]),
    ("04.2", [["2*x1", "x1", "1"], ["x2", "0", "-1"]],
     ["column 1 (the derivatives with respect to x1) has the right entries in the wrong rows"]),
    ("04.1", "x1^2*x2", ["a single formula, but the Jacobian is a 3×2 matrix",
                         "one row per component, one column per variable"]),
    # 04.3: d(Ax)/dx = A
    ("04.3", [["2", "1"], ["-1", "3"], ["0", "-2"]], ["transposed matrix"]),
    ("04.3", [["2", "-1", "0"], ["1", "3", "2"]], ["Wrong entry: ∂f_2/∂x3", "wrong sign"]),
    # 05.1 and 05.2: xᵀBx for the non-symmetric B = [[1, 2], [0, 3]]
    ("05.1", ["2*x1", "4*x1 + 6*x2"], ["2xᵀB", "only for a symmetric B", "B is not symmetric"]),
    ("05.1", ["x1", "2*x1 + 3*x2"], ["xᵀB", "B is not symmetric", "dropped the term that "
                                                                  "involves Bᵀ"]),
    ("05.1", ["x1 + 2*x2", "3*x2"], ["(Bx)ᵀ", "B is not symmetric", "involves B itself"]),
    ("05.1", ["2*x1 + 4*x2", "6*x2"], ["2Bx read as a row", "column-layout shortcut",
                                       "B is not symmetric"]),
    ("05.1", ["x1 + x2", "x1 + 3*x2"], ["constant factor of 1/2"]),
    ("05.1", [["2*x1 + 2*x2"], ["2*x1 + 6*x2"]], ["transposed (column instead of row)"]),
    # 05.3: the classmate's column for xᵀa
    ("05.3", [["3"], ["-1"]], ["column (2×1)"]),
    ("05.3", ["-1", "3"], ["wrong order"]),
])
def test_typical_slips_of_each_exercise_get_their_diagnosis(capsys, exercise, answer, words):
    checker, f, variables, options, expected = EXERCISES[exercise]
    result, out = run(capsys, checker, answer, f, variables, **options)
    assert result is False
    wrong(out)
    for word in words:
        assert word in out, f"{word!r} missing from:\n{out}"
    assert_hidden(out, expected, variables)


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_no_layout_message_hands_over_the_fix(capsys, exercise):
    checker, f, variables, options, expected = EXERCISES[exercise]
    transposed = [list(row) for row in zip(*expected)]
    result, out = run(capsys, checker, transposed, f, variables, **options)
    assert result is False and "transpose" in out, out
    assert "entries are right" not in out and "wrong as well" not in out, out


@pytest.mark.parametrize("checker, f, variables, answer", [
    (check_gradient, "x1^2*x2 + exp(x2)", V, ["2*x1*x2 + sin(4*pi*x1)", "x1^2 + exp(x2)"]),
    (check_gradient, "x1^3 + x1*x2", V, ["3*x1^2 + x2 + sin(4*pi*x2)", "x1"]),
    (check_gradient, "x1*x2", ("s", "t"), ["2*s + sin(4*pi*s)", "-2*t"]),
    (check_jacobian, ["x1^2*x2", "x2^3"], V, [["2*x1*x2", "x1^2 + sin(4*pi*x1)"],
                                                ["0", "3*x2^2"]]),
])
def test_a_term_vanishing_at_dyadic_points_is_caught(capsys, checker, f, variables, answer):
    options = {"inner": {"x1": "s + t", "x2": "s - t"}} if variables[0] == "s" else {}
    result, out = run(capsys, checker, answer, f, variables, **options)
    assert result is False and "Wrong entr" in out, out


@pytest.mark.parametrize("checker, f, answer", [
    (check_gradient, "x1^2*x2 + exp(x2)", ["2*x1*x2 + 1e-9*x1", "x1^2 + exp(x2)"]),
    (check_gradient, "x1^2*x2 + exp(x2)", ["2*x1*x2*1.000000001", "x1^2 + exp(x2)"]),
    (check_gradient, "x1^2*x2 + exp(x2)", ["2*x1*x2", "x1^2 + 2.718281828^x2"]),
    (check_jacobian, ["x1^2*x2", "x2^3"], [["2*x1*x2", "x1^2"], ["0", "3.0000000001*x2^2"]]),
])
def test_a_formula_equal_only_to_rounding_is_refused(capsys, checker, f, answer):
    result, out = run(capsys, checker, answer, f, V)
    assert result is False, out
    assert "agrees with the" in out and "to 1e-8 at the sample points but is not equal" in out
    assert "small extra term or a rounded number" in out


def test_an_equal_formula_in_another_form_is_accepted(capsys):
    result, out = run(capsys, check_gradient, ["x2*(x1 + x1)", "x1*x1 + exp(x2)*1.0"],
                      "x1^2*x2 + exp(x2)", V)
    assert result is True, out


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_partial_answers_are_refused(capsys, exercise):
    checker, f, variables, options, expected = EXERCISES[exercise]
    partials = [expected[0][:-1], [row[:1] for row in expected]]
    if len(expected) > 1:
        partials.append(expected[:-1])
    for partial in partials:
        if np.shape(partial) == np.shape(expected):
            continue
        result, out = run(capsys, checker, partial, f, variables, **options)
        assert result is False and "shape" in out, out
        assert_hidden(out, expected, variables)


@pytest.mark.parametrize("answer", [list(range(100_000)), np.arange(100_000.0),
                                    [[0.0] * 2] * 100_000, sympy.zeros(1, 3000)])
def test_a_huge_answer_is_refused_at_once_by_its_shape(capsys, answer):
    import time

    start = time.process_time()
    result, out = run(capsys, check_gradient, answer, "x1^2 + x2", V)
    assert time.process_time() - start < 2.0
    assert result is False and "has shape" in out and "1×2 row" in out


def test_a_wrong_entry_of_a_quadratic_form_points_to_the_identity(capsys):
    # exercise 1 of notebook 05, second entry wrong: the identity is the method, not the
    # generic "one variable at a time"
    result, out = run(capsys, check_gradient, ["2*x1 + 2*x2", "x1"], *EX05_1[1:3], **EX05_1[3])
    assert result is False and "Wrong entry: ∂f/∂x2" in out
    assert "xᵀ(B + Bᵀ)" in out and "one variable at a time" not in out
    assert out.count("Hint:") == 1 and "2*x1 + 6*x2" not in out.replace(" ", "")
    # without quadratic_form the generic hint stays
    _, out = run(capsys, check_gradient, ["2*x1 + 2*x2", "x1"], EX05_1[1], V)
    assert "one variable at a time" in out


def test_a_symmetric_b_makes_the_shortcuts_right(capsys):
    # for symmetric B, 2xᵀB is the gradient: no slip message may claim otherwise
    result, out = run(capsys, check_gradient, ["2*x1 + 4*x2", "4*x1 + 6*x2"],
                      "x1^2 + 4*x1*x2 + 3*x2^2", V, quadratic_form=[[1, 2], [2, 3]])
    assert result is True
    result, out = run(capsys, check_gradient, ["x1 + 2*x2", "2*x1 + 3*x2"],
                      "x1^2 + 4*x1*x2 + 3*x2^2", V, quadratic_form=[[1, 2], [2, 3]])
    assert result is False and "constant factor of 1/2" in out and "not symmetric" not in out


@pytest.mark.parametrize("call, error, words", [
    (lambda: check_gradient(["1", "1"], "x1^2", V, quadratic_form=[[1, 0], [0, 1]]),
     ValueError, "f must be the quadratic form"),
    (lambda: check_gradient(["1", "1"], "x1^2", V, quadratic_form=[[1, 0, 0]]),
     ValueError, "quadratic_form must be an 2×2 matrix"),
    (lambda: check_gradient(["1", "1"], "x1*x2", ("s", "t"), inner=["s", "t"]),
     TypeError, "inner must be a dict"),
    (lambda: check_gradient(["1", "1"], "x1*x2", ("s", "t"), inner={"x1": "s + y", "x2": "t"}),
     ValueError, "unknown name 'y'"),
    (lambda: check_gradient(["1", "1"], "x1*x2", ("x1", "t"), inner={"x1": "t", "x2": "t"}),
     ValueError, "inner must name the variables of f"),
    (lambda: check_gradient(["1", "1"], "x1*x2", ("s", "t"), inner={"x1": 5, "x2": "t"}),
     TypeError, r"inner\['x1'\] must be a formula in s, t"),
    (lambda: check_gradient(["1", "1"], "x1*x2", ("s", "t"), inner={1: "s", "x2": "t"}),
     TypeError, "inner must map names"),
    (lambda: check_gradient(["1", "1"], "x1*x2", ("s", "t"), inner={"x1": "s"}),
     ValueError, "with inner, f must be a formula in x1"),
    (lambda: check_gradient(["1", "1"], "x1*x2", ("s", "t"), inner={"x1": "s", "x2": "t"},
                            quadratic_form=[[1, 0], [0, 1]]), ValueError, "not both"),
])
def test_mistakes_in_the_new_options_raise(call, error, words):
    with pytest.raises(error, match=words):
        call()
