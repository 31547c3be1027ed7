"""``check_hessian``: the n×n matrix of second partial derivatives, with asymmetry, mixed-up
entries, a gradient given instead, shapes, signs and factors diagnosed (never the answer)."""

from __future__ import annotations

import itertools
from typing import Any, Sequence

import numpy as np
import sympy

from .._validation import check_array
from ._common import (
    Verdict,
    _all_close,
    _close,
    _diagnose_scalar_factor,
    _format_factor,
    _join,
    _report,
    _symbolically_equal,
)
from .matrix import (
    _call_function_answer,
    _check_variables_list,
    _evaluate_answer_matrix,
    _matrix_samples,
    _point_text,
    _read_matrix_answer,
    _reference_components,
    _shape_name,
    _wrong_values_report,
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


def _answer_values(answer: Any, names: tuple[str, ...], symbols: list[sympy.Symbol],
                   pts: np.ndarray, forms: str) -> tuple[np.ndarray | None, np.ndarray,
                                                         list[list[sympy.Expr]] | None,
                                                         str | None, str | None]:
    """The answer at the sample points, shape (P', r, c), and which of the P points it
    covers (a function may raise at some); or a problem and a hint."""
    everywhere = np.ones(pts.shape[0], dtype=bool)
    read = _read_matrix_answer(answer, symbols, "the Hessian", forms)
    if read.problem:
        return None, everywhere, None, read.problem, read.hint
    if read.entries is not None:
        try:
            return _evaluate_answer_matrix(read.entries, names, pts), everywhere, \
                read.entries, None, None
        except Exception as exc:  # noqa: BLE001 - anything the evaluator cannot handle
            problem = (f"your Hessian could not be evaluated as a function of "
                       f"{', '.join(names)}: {exc}")
            return None, everywhere, None, problem, \
                "write it with the functions sin, cos, exp, log, sqrt, ... only."
    results, problem, hint = _call_function_answer(read.function, names, pts, forms,
                                                   "an n×n array of real numbers")
    if problem:
        return None, everywhere, None, problem, hint
    good = [v for v in results if v is not None]
    shape = good[0].shape
    shape2 = (1, 1) if len(shape) == 0 else (1, shape[0]) if len(shape) == 1 else shape
    keep = np.array([v is not None for v in results])
    values = np.array([v.reshape(shape2) for v in good])
    return values, keep, None, None, None


def check_hessian(answer: Any, f: sympy.Expr | str, variables: Sequence[str] = ("x1", "x2"),
                  *, point: Sequence[float] | None = None,
                  points: Sequence[Sequence[float]] | np.ndarray | None = None) -> Verdict:
    """Check a student's Hessian of a scalar ``f``; print what is wrong, never the answer.

    The Hessian is the n×n matrix H with entry (i, j) = ∂²f/∂x_i∂x_j: one row and one
    column per variable, symmetric when the second partial derivatives are continuous
    (Schwarz's theorem). Compared entry by entry at deterministic sample points (as
    :func:`check_gradient`), or at one named ``point`` when the answer is a matrix of numbers
    H(point). A wrong answer is diagnosed, in this order: a placeholder, ``None``, an
    unreadable entry or a wrong type; the gradient (first derivatives) given instead; a wrong
    shape (expected vs got); a matrix that is not symmetric (which pairs of entries differ,
    and which of each pair is right); the entries mixed up (the variables swapped, or the
    diagonal entries swapped); −H (sign); c·H (a constant factor such as 2 or 1/2);
    otherwise the point where it differs, how many sample points differ, and which entries
    are wrong (with a sign or factor slip of that entry).

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
        The answer is the Hessian evaluated at this point (numbers, not formulas).
    points : array_like, optional
        Sample points, shape (P, n) (ignored when ``point`` is given).

    Returns
    -------
    bool
        Whether the answer is right.

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
    Not yet: your Hessian is not symmetric: entry (1, 2) (∂²f/∂x∂y) and entry (2, 1) (∂²f/∂y∂x) differ. Entry (1, 2) is right, entry (2, 1) is not.
    Hint: f's second partial derivatives are continuous, so by Schwarz's theorem the mixed partials are equal: ∂²f/∂x∂y = ∂²f/∂y∂x. Differentiate in both orders and compare.
    False
    """
    names = _check_variables_list(variables)
    n = len(names)
    symbols = [sympy.Symbol(v, real=True) for v in names]
    (expression,) = _reference_components(f, names, symbols, vector=False)
    reference = sympy.Matrix([[sympy.diff(expression, a, b) for b in symbols] for a in symbols])
    gradient = sympy.Matrix([[sympy.diff(expression, s) for s in symbols]])
    if point is not None:
        at = check_array(point, "point", shape=(n,))
        points = at.reshape(1, n)
    forms = _FORMS if point is None else _FORMS_AT
    samples = _matrix_samples([expression], reference, names, points)
    a, keep, entries, problem, hint = _answer_values(answer, names, symbols, samples.points,
                                                     forms)
    if problem:
        return _report(False, problem, hint)
    pts, r = samples.points[keep], samples.reference[keep]
    where_all = f" at {_point_text(names, pts[0])}" if point is not None else ""

    # ---- the gradient instead, or another wrong shape
    got = a.shape[1:]
    if got != (n, n):
        g = np.array([[_evaluate_gradient(gradient, names, p)] for p in pts])   # (P, 1, n)
        if got in ((1, n), (n, 1)) and _all_close(a.reshape(g.shape), g):
            return _report(False, f"your answer ({_shape_name(got)}) is the gradient: the "
                                  f"first derivatives. The Hessian holds the second "
                                  f"derivatives, a {n}×{n} matrix.",
                           "differentiate each entry of the gradient once more, with respect "
                           "to each variable in turn: row i, column j is ∂²f/∂x_i∂x_j.")
        return _report(False, f"your Hessian has shape {_shape_name(got)}, but f has {n} "
                              f"variable{'s' if n > 1 else ''} ({', '.join(names)}), so its "
                              f"Hessian is {n}×{n}: expected {n}×{n}, got {_shape_name(got)}.",
                       f"one row and one column per variable; give it as {forms}.")

    wrong = ~_close(a, r)
    if not np.any(wrong) or (entries is not None and all(
            _symbolically_equal(entries[i][j], reference[i, j])
            for i, j in np.argwhere(np.any(wrong, axis=0)))):
        return _report(True, f"that is the {n}×{n} Hessian"
                             + (where_all + "." if point is not None
                                else " (symmetric, as Schwarz's theorem says)."))

    # ---- not symmetric: which pairs, and which of each pair is right
    finite = np.all(np.isfinite(a))
    asymmetric = [(i, j) for i in range(n) for j in range(i + 1, n)
                  if not _all_close(a[:, i, j], a[:, j, i])]
    if asymmetric:
        pairs = _join([f"entry {_position(i, j)} ({_entry_name(names, i, j)}) and entry "
                       f"{_position(j, i)} ({_entry_name(names, j, i)})"
                       for i, j in asymmetric])
        verdicts = []
        for i, j in asymmetric:
            right = [(p, q) for p, q in ((i, j), (j, i)) if _all_close(a[:, p, q], r[:, p, q])]
            if len(right) == 1:
                (p, q), = right
                (s, t), = [(s, t) for s, t in ((i, j), (j, i)) if (s, t) != (p, q)]
                verdicts.append(f"Entry {_position(p, q)} is right, entry {_position(s, t)} "
                                f"is not.")
            elif not right:
                verdicts.append(f"Neither entry {_position(i, j)} nor {_position(j, i)} is "
                                "right.")
        i0, j0 = asymmetric[0]
        return _report(False, f"your Hessian is not symmetric: {pairs} differ"
                              f"{where_all}. " + " ".join(verdicts),
                       f"f's second partial derivatives are continuous, so by Schwarz's "
                       f"theorem the mixed partials are equal: {_entry_name(names, i0, j0)} = "
                       f"{_entry_name(names, j0, i0)}. Differentiate in both orders and "
                       "compare.")

    # ---- mixed up: the variables swapped (rows and columns permuted), or the diagonal
    if finite and n > 1:
        for perm in itertools.permutations(range(n)):
            if list(perm) == list(range(n)):
                continue
            permuted = r[:, perm][:, :, perm]
            if not _all_close(permuted, r) and _all_close(a, permuted):
                return _report(False, "your entries are in the wrong places: your matrix is "
                                      "the Hessian with the variables in another order (row "
                                      "and column i must belong to the i-th variable, "
                                      f"{', '.join(names)} in this order).",
                               "entry (i, j) is ∂²f/∂x_i∂x_j: the diagonal holds ∂²f/∂x_i², "
                               "in the order of the variables.")
        off = ~np.eye(n, dtype=bool)
        diagonal_a = np.diagonal(a, axis1=1, axis2=2)
        diagonal_r = np.diagonal(r, axis1=1, axis2=2)
        if _all_close(a[:, off], r[:, off]) and not _all_close(diagonal_a, diagonal_r):
            for perm in itertools.permutations(range(n)):
                if _all_close(diagonal_a, diagonal_r[:, list(perm)]):
                    return _report(False, "your off-diagonal (mixed) entries are right, but "
                                          "the diagonal entries are mixed up: each is in "
                                          "another variable's place.",
                                   "the diagonal entry (i, i) is ∂²f/∂x_i², the second "
                                   "derivative with respect to the i-th variable.")

    # ---- whole-matrix slips: sign, constant factor
    if finite:
        relation = _diagnose_scalar_factor(a, r, offset=False)
        if relation is not None and relation.kind == "sign":
            return _report(False, "your Hessian has the wrong sign: every entry is the "
                                  "negative of the right one.",
                           "check each sign: a minus in front of a term stays when you "
                           "differentiate twice.")
        if relation is not None:
            factor = _format_factor(relation.value)
            return _report(False, f"every entry of your Hessian is off by the same constant "
                                  f"factor of {factor}: it is {factor} times the Hessian.",
                           "check the constant factors: differentiating x² twice gives 2 "
                           "(not 1), x³ gives 6x, and a Taylor term uses H/2, not H.")

    # ---- wrong values: name one point, how many points differ and which entries
    return _wrong_values_report(
        a, r, wrong, pts, names, lambda i, j: f"{_position(i, j)} {_entry_name(names, i, j)}",
        "your Hessian", "differentiate f with respect to x_i, then the result with respect to "
        "x_j, treating the other variables as constants.",
        single_point=("the point you were asked about" if point is not None
                      else "the only sample point"))


def _evaluate_gradient(gradient: sympy.Matrix, names: tuple[str, ...],
                       point: np.ndarray) -> list[float]:
    """The gradient at one point, a list of n floats (NaN where undefined)."""
    from .matrix import _evaluate_many

    return [float(_evaluate_many(g, names, point.reshape(1, -1))[0]) for g in gradient]
