"""``check_hessian``: the n×n matrix of second partial derivatives, with asymmetry, mixed-up
entries, a gradient given instead, shapes, signs and factors diagnosed (never the answer)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import sympy

from .._validation import check_array
from ..maths.jacobians import shape_text
from .assist import note_attempt
from .common import (
    Verdict,
    all_close,
    close,
    diagnose_scalar_factor,
    evaluate_expression,
    format_factor,
    join,
    report,
    symbolically_equal,
    unevaluable,
)
from .matrix_answers import (
    ROUNDED,
    article,
    call_function_answer,
    check_variables_list,
    declared_shape,
    evaluate_answer_matrix,
    exact_gap,
    function_values,
    matrix_samples,
    point_text,
    read_matrix_answer,
    reference_components,
    wrong_values_report,
)

__all__ = ["check_hessian"]

_FORMS = ("a list of rows [[∂²f/∂x1², ∂²f/∂x1∂x2, ...], ...] of formulas, an n×n "
          "sympy.Matrix, or a function of the point returning an n×n array")
_FORMS_AT = "a list of rows of numbers, an n×n numpy array or sympy.Matrix"


def _entry_name(names: tuple[str, ...], i: int, j: int) -> str:
    """∂²f/∂x² on the diagonal, ∂²f/∂x∂y off it (entry (i, j) = ∂²f/∂x_i∂x_j)."""
    if i == j:
        return f"∂²f/∂{names[i]}²"
    return f"∂²f/∂{names[i]}∂{names[j]}"


def _position(i: int, j: int) -> str:
    return f"({i + 1}, {j + 1})"


def _shape_problem(got: tuple[int, ...], names: tuple[str, ...], forms: str) -> tuple[str, str]:
    """Message and hint for an answer of shape ``got`` (not n×n, and not the gradient)."""
    n, yours = len(names), shape_text(got, matrix=True)
    return (f"your Hessian has shape {yours}, but f has {n} variable{'s' if n > 1 else ''} "
            f"({', '.join(names)}), so its Hessian is {n}×{n}: expected {n}×{n}, got {yours}.",
            f"one row and one column per variable; give it as {forms}.")


def _answer_values(answer: Any, names: tuple[str, ...], symbols: list[sympy.Symbol],
                   pts: np.ndarray, forms: str, at_point: str | None
                   ) -> tuple[np.ndarray | None, np.ndarray, list[list[sympy.Expr]] | None,
                              str | None, str | None]:
    """The answer at the sample points, shape (P', r, c), and which of the P points it
    covers (a function may raise at some); or a problem and a hint. With ``at_point`` (the
    text of the asked point) the answer must be numbers: formulas or a function are refused."""
    everywhere = np.ones(pts.shape[0], dtype=bool)
    n = len(names)
    read = read_matrix_answer(answer, symbols, "the Hessian", forms,
                               expected=f"{article(n)} {n}×{n} matrix (one row and one column "
                                        "per variable)")
    if read.problem:
        return None, everywhere, None, read.problem, read.hint
    if at_point is not None:
        if read.function is not None:
            return None, everywhere, None, (
                f"your answer is a function, but the exercise asks for the numbers of the "
                f"Hessian at {at_point}."), f"evaluate it there and give {forms}."
        left = sorted({str(s) for row in read.entries for e in row for s in e.free_symbols})
        if left:
            return None, everywhere, None, (
                f"your Hessian still contains {join(left)}: evaluate it at {at_point} and "
                "give numbers."), f"give {forms}."
    if read.entries is not None:
        try:
            return evaluate_answer_matrix(read.entries, names, pts), everywhere, \
                read.entries, None, None
        except Exception as exc:  # noqa: BLE001 - anything the evaluator cannot handle
            return None, everywhere, None, *unevaluable("your Hessian", names, exc)
    results, problem, hint = call_function_answer(read.function, names, pts, forms,
                                                   "an n×n array of real numbers")
    if problem:
        return None, everywhere, None, problem, hint
    values, keep = function_values(results, column=False)
    return values, keep, None, None, None


@dataclass
class _Case:
    """What the diagnoses of one square answer look at."""

    a: np.ndarray                 # the answer at the sample points, (P, n, n)
    r: np.ndarray                 # the Hessian there
    names: tuple[str, ...]
    where: str                    # " at (x, y) = (…)" when a point was asked for, else ""

    @property
    def n(self) -> int:
        return len(self.names)

    @property
    def finite(self) -> bool:
        return bool(np.all(np.isfinite(self.a)))

    def entry(self, i: int, j: int) -> str:
        return f"{_position(i, j)} {_entry_name(self.names, i, j)}"

    @property
    def asymmetric(self) -> list[tuple[int, int]]:
        return [(i, j) for i in range(self.n) for j in range(i + 1, self.n)
                if not all_close(self.a[:, i, j], self.a[:, j, i])]

    @property
    def schwarz_applies(self) -> bool:
        """Whether f's mixed partials agree at the sample points (the reference is symmetric)."""
        return all_close(self.r, np.swapaxes(self.r, 1, 2))

    def swapped_variables(self) -> bool:
        for perm in itertools.permutations(range(self.n)):
            if list(perm) == list(range(self.n)):
                continue
            permuted = self.r[:, perm][:, :, perm]
            if not all_close(permuted, self.r) and all_close(self.a, permuted):
                return True
        return False

    def swapped_diagonal(self) -> bool:
        off = ~np.eye(self.n, dtype=bool)
        diagonal_a = np.diagonal(self.a, axis1=1, axis2=2)
        diagonal_r = np.diagonal(self.r, axis1=1, axis2=2)
        return (all_close(self.a[:, off], self.r[:, off])
                and not all_close(diagonal_a, diagonal_r)
                and any(all_close(diagonal_a, diagonal_r[:, list(perm)])
                        for perm in itertools.permutations(range(self.n))))

    def relation(self) -> Any:
        return diagnose_scalar_factor(self.a, self.r, offset=False) if self.finite else None


def _asymmetry_message(c: _Case) -> str:
    pairs = join([f"entry {_position(i, j)} ({_entry_name(c.names, i, j)}) and entry "
                   f"{_position(j, i)} ({_entry_name(c.names, j, i)})" for i, j in c.asymmetric])
    in_pairs = {p for i, j in c.asymmetric for p in ((i, j), (j, i))}
    others = [(int(i), int(j)) for i, j in np.argwhere(np.any(~close(c.a, c.r), axis=0))
              if (int(i), int(j)) not in in_pairs]
    rest = ""
    if others:
        rest = (f" Besides, entr{'y' if len(others) == 1 else 'ies'} "
                 f"{join([c.entry(i, j) for i, j in others])} "
                 f"{'is' if len(others) == 1 else 'are'} wrong.")
    return f"your Hessian is not symmetric: {pairs} differ{c.where}.{rest}"


def _asymmetry_hint(c: _Case) -> str:
    i, j = c.asymmetric[0]
    xi, xj = c.names[i], c.names[j]
    both = (f"compute ∂/∂{xi}(∂f/∂{xj}) and ∂/∂{xj}(∂f/∂{xi}) separately, each by "
            "differentiating twice, and compare.")
    if not c.schwarz_applies:
        return both
    return ("here f's second partial derivatives are continuous, so by Schwarz's theorem the "
            f"mixed partials {_entry_name(c.names, i, j)} and {_entry_name(c.names, j, i)} are "
            "equal: " + both)


#: The diagnoses of a square answer with wrong values, walked in order:
#: (test, message, hint); the first whose test holds is reported.
_Text = Callable[[_Case], str]
_DIAGNOSES: list[tuple[Callable[[_Case], bool], _Text, _Text]] = [
    (lambda c: bool(c.asymmetric), _asymmetry_message, _asymmetry_hint),
    (lambda c: c.finite and c.n > 1 and c.swapped_variables(),
     lambda c: ("your entries are in the wrong places: your matrix is the Hessian with the "
                "variables in another order (row and column i must belong to the i-th "
                f"variable, {', '.join(c.names)} in this order)."),
     lambda c: "entry (i, j) is ∂²f/∂x_i∂x_j: which variable does row 1 belong to?"),
    (lambda c: c.finite and c.n > 1 and c.swapped_diagonal(),
     lambda c: ("your off-diagonal (mixed) entries are right, but the diagonal entries are "
                "mixed up: each is in another variable's place."),
     lambda c: "the diagonal entry (i, i) is ∂²f/∂x_i², the second derivative with respect "
               "to the i-th variable."),
    (lambda c: getattr(c.relation(), "kind", None) == "sign",
     lambda c: "your Hessian has the wrong sign: every entry is the negative of the right one.",
     lambda c: "check each sign: a minus in front of a term stays when you differentiate "
               "twice."),
    (lambda c: getattr(c.relation(), "kind", None) == "factor",
     lambda c: (f"every entry of your Hessian is off by the same constant factor of "
                f"{format_factor(c.relation().value)}: it is "
                f"{format_factor(c.relation().value)} times the Hessian."),
     lambda c: "check the constant factors: the exponent comes down at each of the two "
               "differentiations, and a Taylor term uses H/2, not H."),
]

_ENTRY_HINT = ("entry (i, j) is ∂²f/∂x_i∂x_j = ∂/∂x_i(∂f/∂x_j): differentiate f with respect "
               "to x_j, then the result with respect to x_i, treating the other variables as "
               "constants.")


def check_hessian(answer: Any, f: sympy.Expr | str, variables: Sequence[str] = ("x1", "x2"),
                  *, point: Sequence[float] | None = None,
                  points: Sequence[Sequence[float]] | np.ndarray | None = None) -> Verdict:
    """Check a student's Hessian of a scalar ``f``; print what is wrong, never the answer.

    The Hessian is the n×n matrix H with entry (i, j) = ∂²f/∂x_i∂x_j = ∂/∂x_i(∂f/∂x_j): one
    row and one column per variable, symmetric where the second partial derivatives are
    continuous (Schwarz's theorem). Compared entry by entry at deterministic sample points (as
    :func:`check_gradient`), or at one named ``point``, where the answer must be the numbers
    H(point) (formulas that still contain a variable, and functions, are refused). A wrong
    answer is diagnosed, in this order: a placeholder, ``None``, an unreadable entry or a wrong
    type; the gradient (first derivatives) given instead; a wrong shape (expected vs got);
    then the table ``_DIAGNOSES``: a matrix that is not symmetric (which pairs of entries
    differ, and which other entries are wrong, without saying which of a pair is right); the
    entries mixed up (the variables swapped, or the diagonal entries swapped); −H (sign); c·H
    (a constant factor such as 2 or 1/2); otherwise the point where it differs, how many
    sample points differ, and which entries are wrong (with a sign or factor slip of that
    entry).

    Parameters
    ----------
    answer : list of rows, sympy.Matrix, numpy.ndarray or callable
        ``[["2", "2"], ["2", "6*x2"]]``, an n×n Matrix of formulas, or a function of the
        point (one array, or n separate arguments) returning an n×n array. With ``point``,
        the numbers H(point).
    f : sympy.Expr or str
        The scalar function.
    variables : sequence of str
        The variable names, in order (default ``("x1", "x2")``).
    point : sequence of float, optional
        The answer is the Hessian evaluated at this point: numbers, not formulas or a
        function.
    points : array_like, optional
        Sample points, shape (P, n) (ignored when ``point`` is given).

    Returns
    -------
    Verdict
        Whether the answer is right (shows nothing in a notebook: the message is printed).

    Raises
    ------
    TypeError, ValueError
        If ``f``, ``variables``, ``point`` or ``points`` is invalid (a problem of the exercise).

    Examples
    --------
    >>> check_hessian([["2", "2"], ["2", "6*y"]], "x^2 + 2*x*y + y^3", ["x", "y"])
    Correct: that is the 2×2 Hessian (symmetric, as Schwarz's theorem says).
    True
    >>> check_hessian([[2, 2], [2, 12]], "x^2 + 2*x*y + y^3", ["x", "y"], point=(1, 2))
    Correct: that is the 2×2 Hessian at (x, y) = (1, 2).
    True
    >>> check_hessian([["2", "2"], ["0", "6*y"]], "x^2 + 2*x*y + y^3", ["x", "y"])
    Not yet: your Hessian is not symmetric: entry (1, 2) (∂²f/∂x∂y) and entry (2, 1) (∂²f/∂y∂x) differ.
    Hint: here f's second partial derivatives are continuous, so by Schwarz's theorem the mixed partials ∂²f/∂x∂y and ∂²f/∂y∂x are equal: compute ∂/∂x(∂f/∂y) and ∂/∂y(∂f/∂x) separately, each by differentiating twice, and compare.
    False
    >>> check_hessian([[2, 2], [2, "6*y"]], "x^2 + 2*x*y + y^3", ["x", "y"], point=(1, 2))
    Not yet: your Hessian still contains y: evaluate it at (x, y) = (1, 2) and give numbers.
    Hint: give a list of rows of numbers, an n×n numpy array or sympy.Matrix.
    False
    """
    note_attempt(check_hessian, locals())
    names = check_variables_list(variables)
    n = len(names)
    symbols = [sympy.Symbol(v, real=True) for v in names]
    (expression,) = reference_components(f, names, symbols, vector=False)
    reference = sympy.Matrix([[sympy.diff(expression, a, b) for b in symbols] for a in symbols])
    gradient = sympy.Matrix([[sympy.diff(expression, s) for s in symbols]])
    at_point = None
    if point is not None:
        at = check_array(point, "point", shape=(n,))
        points = at.reshape(1, n)
        at_point = point_text(names, at)
    forms = _FORMS if point is None else _FORMS_AT
    declared = declared_shape(answer, False)   # read before any entry: a long list at once
    if declared is not None and declared not in {(n, n), (1, n), (n, 1)}:
        return report(False, *_shape_problem(declared, names, forms))
    samples = matrix_samples([expression], reference, names, points)
    a, keep, entries, problem, hint = _answer_values(answer, names, symbols, samples.points,
                                                     forms, at_point)
    if problem:
        return report(False, problem, hint)
    pts, r = samples.points[keep], samples.reference[keep]
    where_all = f" at {at_point}" if point is not None else ""

    # ---- the gradient instead, or another wrong shape
    got = a.shape[1:]
    if got != (n, n):
        yours = shape_text(got, matrix=True)
        g = np.array([[_evaluate_gradient(gradient, names, p)] for p in pts])   # (P, 1, n)
        if got in ((1, n), (n, 1)) and all_close(a.reshape(g.shape), g):
            return report(False, f"your answer ({yours}) is the gradient: the "
                                  f"first derivatives. The Hessian holds the second "
                                  f"derivatives, a {n}×{n} matrix.",
                           "differentiate each entry ∂f/∂x_j of the gradient once more, with "
                           "respect to each variable x_i in turn: ∂/∂x_i(∂f/∂x_j) = "
                           "∂²f/∂x_i∂x_j is entry (i, j), row i, column j.")
        return report(False, *_shape_problem(got, names, forms))

    correct = (f"that is the {n}×{n} Hessian"
               + (where_all + "." if point is not None
                  else " (symmetric, as Schwarz's theorem says)."))
    if point is None and entries is not None and all(    # the symbolic test first
            symbolically_equal(entries[i][j], reference[i, j])
            for i in range(n) for j in range(n)):
        return report(True, correct)
    wrong = ~close(a, r)
    if not np.any(wrong):
        if point is not None or entries is None or \
                exact_gap(entries, reference, symbols, pts) <= 1e-20:
            return report(True, correct)
        return report(False, "your Hessian " + ROUNDED[0].format(what="Hessian"), ROUNDED[1])

    # ---- the table of typical slips, then which entries are wrong
    case = _Case(a, r, names, where_all)
    for test, message, hint in _DIAGNOSES:
        if test(case):
            return report(False, message(case), hint(case))
    return wrong_values_report(
        a, r, wrong, pts, names, case.entry, "your Hessian", _ENTRY_HINT,
        single_point=("the point you were asked about" if point is not None
                      else "the only sample point"),
        reference=reference if point is None else None)


def _evaluate_gradient(gradient: sympy.Matrix, names: tuple[str, ...],
                       point: np.ndarray) -> list[float]:
    """The gradient at one point, a list of n floats (NaN where undefined)."""
    return [float(evaluate_expression(g, names, point.reshape(1, -1))[0]) for g in gradient]
