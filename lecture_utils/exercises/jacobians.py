"""``check_jacobian`` (notebook 04): an m×n Jacobian in the slides' layout, with transposed
layouts, shapes, rows or columns in the wrong order, signs and factors diagnosed; its
:func:`matrix_check` (a table of diagnoses) also serves ``check_gradient``."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import sympy

from ..maths.jacobians import shape_text
from .assist import note_attempt
from .common import (
    Verdict,
    all_close,
    close,
    diagnose_scalar_factor,
    format_factor,
    join,
    report,
    symbolically_equal,
    unevaluable,
)
from .matrix_answers import (
    ROUNDED,
    MatrixAnswer,
    article,
    call_function_answer,
    check_variables_list,
    declared_shape,
    evaluate_answer_matrix,
    exact_gap,
    function_values,
    matrix_samples,
    read_matrix_answer,
    reference_components,
    wrong_values_report,
)

__all__ = ['check_jacobian']


def _shape_problem(got: tuple[int, ...], m: int, n: int, gradient_kind: bool,
                   forms: str) -> tuple[str, str]:
    """Message and hint for an answer whose shape is neither m×n nor its transpose."""
    if gradient_kind:
        return (f"your gradient has shape {shape_text(got, matrix=True)}, but f has {n} "
                f"variable{'s' if n > 1 else ''}, so its gradient is a 1×{n} row (one entry "
                f"per variable).", f"give it as {forms}.")
    return (f"your Jacobian has shape {shape_text(got, matrix=True)}, but f has {m} "
            f"component{'s' if m > 1 else ''} and {n} variable{'s' if n > 1 else ''}, so its "
            f"Jacobian is {m}×{n}.", "one row per component f_i, one column per variable x_j.")


@dataclass
class _Case:
    """What the table of slips of :func:`matrix_check` looks at."""

    a: np.ndarray                  # the answer at the sample points, (P, m, n)
    r: np.ndarray                  # the reference there
    names: tuple[str, ...]
    gradient_kind: bool
    slips: dict[str, np.ndarray]   # values (P, m, n) of the typical slips of this exercise

    @property
    def finite(self) -> bool:
        return bool(np.all(np.isfinite(self.a)))

    @property
    def name(self) -> str:
        return "gradient" if self.gradient_kind else "Jacobian"

    def is_slip(self, key: str) -> bool:
        """The answer equals the slip ``key`` (which itself differs from the reference)."""
        value = self.slips.get(key)
        return (value is not None and self.finite and not all_close(value, self.r)
                and all_close(self.a, value))

    def permutation(self, axis: int) -> tuple[int, ...] | None:
        """A non-trivial reordering of the rows (axis 1) or columns (axis 2) of the
        reference that gives the answer, if any (at most 6 rows or columns)."""
        size = self.r.shape[axis]
        if not self.finite or size < 2 or size > 6:
            return None
        for order in itertools.permutations(range(size)):
            if order == tuple(range(size)):
                continue
            moved = np.take(self.r, order, axis=axis)
            if not all_close(moved, self.r) and all_close(self.a, moved):
                return order
        return None

    def relation(self) -> Any:
        return diagnose_scalar_factor(self.a, self.r, offset=False) if self.finite else None


def _order_message(case: _Case, axis: int) -> str:
    order = case.permutation(axis)
    assert order is not None
    if axis == 2:
        misplaced = [f"in the place of the derivative with respect to {case.names[j]} you "
                     f"wrote the one with respect to {case.names[k]}"
                     for j, k in enumerate(order) if j != k]
        return (f"your {case.name} has the right derivatives in the wrong order: "
                f"{'; '.join(misplaced)}.")
    misplaced = [f"row {i + 1} holds the derivatives of f_{k + 1}"
                 for i, k in enumerate(order) if i != k]
    return (f"your Jacobian has the right rows in the wrong order: {'; '.join(misplaced)}.")


def _line_orders(case: _Case, axis: int) -> dict[int, tuple[int, ...]] | None:
    """For a Jacobian whose wrong rows (axis 1) or columns (axis 2) each hold the right
    derivatives in another order: {index of the line: the order}; else ``None``."""
    if case.gradient_kind or not case.finite:
        return None
    size = case.r.shape[3 - axis]
    if size < 2 or size > 6:
        return None
    orders: dict[int, tuple[int, ...]] = {}
    for line in range(case.r.shape[axis]):
        a = np.take(case.a, [line], axis=axis)
        r = np.take(case.r, [line], axis=axis)
        if all_close(a, r):
            continue
        for order in itertools.permutations(range(size)):
            moved = np.take(r, order, axis=3 - axis)
            if order != tuple(range(size)) and all_close(a, moved):
                orders[line] = order
                break
        else:
            return None
    return orders or None


def _line_order_message(case: _Case, axis: int) -> str:
    orders = _line_orders(case, axis)
    assert orders is not None
    parts = []
    for line, order in orders.items():
        if axis == 1:
            swapped = [f"in the place of ∂f_{line + 1}/∂{case.names[j]} you wrote "
                       f"∂f_{line + 1}/∂{case.names[k]}" for j, k in enumerate(order) if j != k]
            parts.append(f"row {line + 1} has the right derivatives in the wrong order "
                         f"({'; '.join(swapped)})")
        else:
            swapped = [f"in row {i + 1} you wrote the derivative of f_{k + 1}"
                       for i, k in enumerate(order) if i != k]
            parts.append(f"column {line + 1} (the derivatives with respect to "
                         f"{case.names[line]}) has the right entries in the wrong rows "
                         f"({'; '.join(swapped)})")
    return f"in your Jacobian {'; '.join(parts)}; the other entries are right."


_SYMMETRY = ("B is not symmetric (B ≠ Bᵀ), so the two terms of the product rule for xᵀBx — "
             "one for each x — are different")
_QUADRATIC_HINT = ("differentiate xᵀBx with the product rule, once for each of the two x's, "
                   "write both terms as rows (a scalar equals its transpose), and add them.")
_CHAIN_HINT = ("chain rule: df/d(s, t) = ∂f/∂x · ∂x/∂(s, t), the 1×k row of ∂f/∂x_i (at "
               "x(s, t)) times the k×n matrix whose row i holds the derivatives of x_i.")

#: The typical slips of a gradient or Jacobian, tried in this order after the shape: (test,
#: message, hint). The first whose test holds is reported.
_DIAGNOSES: list[tuple[Callable[[_Case], bool], Callable[[_Case], str], str]] = [
    (lambda c: c.is_slip("xT B"),
     lambda c: (f"your row is xᵀB: one of the two terms of the product rule. {_SYMMETRY}: "
                "you dropped the term that involves Bᵀ."),
     _QUADRATIC_HINT),
    (lambda c: c.is_slip("xT BT"),
     lambda c: (f"your row is (Bx)ᵀ = xᵀBᵀ: one of the two terms of the product rule. "
                f"{_SYMMETRY}: you dropped the term that involves B itself."),
     _QUADRATIC_HINT),
    (lambda c: c.is_slip("2 xT B"),
     lambda c: (f"your row is 2xᵀB, the shortcut that holds only for a symmetric B. "
                f"{_SYMMETRY}, and cannot be merged into twice one of them."),
     _QUADRATIC_HINT),
    (lambda c: c.is_slip("2 B x"),
     lambda c: (f"your row is 2Bx read as a row: the column-layout shortcut, which also holds "
                f"only for a symmetric B. {_SYMMETRY}, and cannot be merged into twice one of "
                "them."),
     _QUADRATIC_HINT),
    (lambda c: c.is_slip("outer"),
     lambda c: ("this is ∂f/∂x only (the derivatives of f with respect to its own variables, "
                "at x(s, t)): the chain rule multiplies it by the matrix ∂x/∂(s, t)."),
     _CHAIN_HINT),
    (lambda c: c.is_slip("outer times inner transposed"),
     lambda c: ("you multiplied ∂f/∂x by the transpose of ∂x/∂(s, t): in ∂x/∂(s, t), row i "
                "holds the derivatives of x_i, column j the derivatives with respect to the "
                "j-th parameter."),
     _CHAIN_HINT),
    (lambda c: not c.gradient_kind and c.r.shape[1] == c.r.shape[2] > 1 and c.finite
     and not all_close(np.swapaxes(c.r, 1, 2), c.r)
     and all_close(c.a, np.swapaxes(c.r, 1, 2)),
     lambda c: ("your matrix is the transpose of the Jacobian: row i should hold the "
                "derivatives of f_i, but yours holds the derivatives with respect to x_i."),
     "entry (i, j) of the Jacobian is ∂f_i/∂x_j: one row per component f_i, one column per "
     "variable x_j."),
    (lambda c: c.permutation(2) is not None,
     lambda c: _order_message(c, 2),
     "entry j of a row is the derivative with respect to the j-th variable, in the order the "
     "variables are listed."),
    (lambda c: not c.gradient_kind and c.permutation(1) is not None,
     lambda c: _order_message(c, 1),
     "row i of the Jacobian is the gradient of the i-th component f_i."),
    (lambda c: _line_orders(c, 1) is not None,
     lambda c: _line_order_message(c, 1),
     "entry (i, j) is ∂f_i/∂x_j: in every row, column j holds the derivative with respect to "
     "the j-th variable, in the order the variables are listed."),
    (lambda c: _line_orders(c, 2) is not None,
     lambda c: _line_order_message(c, 2),
     "entry (i, j) is ∂f_i/∂x_j: row i holds the derivatives of the i-th component f_i."),
    (lambda c: getattr(c.relation(), "kind", None) == "sign",
     lambda c: f"your {c.name} has the wrong sign: every entry is the negative of the right one.",
     "check each sign: a minus in front of a term stays, and an inner derivative (chain rule) "
     "can be negative."),
    (lambda c: getattr(c.relation(), "kind", None) == "factor",
     lambda c: (f"every entry of your {c.name} is off by the same constant factor of "
                f"{format_factor(c.relation().value)}: it is "
                f"{format_factor(c.relation().value)} times the {c.name}."),
     "check the constant factors: the power rule brings the exponent down as a factor (a "
     "square gives a 2), and the chain rule multiplies by the inner derivative."),
]


def _answer_values(read: MatrixAnswer, names: tuple[str, ...], pts: np.ndarray,
                   outer: Sequence[str], shape: tuple[int, int], gradient_kind: bool,
                   forms: str) -> list[np.ndarray] | tuple[str, str]:
    """The answer at the sample points (P', m, n) or its transpose, and which of the P points
    it covers (a function may raise at some); or the message and hint of a problem."""
    m, n = shape
    what = "your gradient" if gradient_kind else "your Jacobian"
    column = not gradient_kind and n == 1 and m > 1
    if read.entries is None:
        results, problem, hint = call_function_answer(read.function, names, pts, forms,
                                                      "an array of real numbers")
        if problem:
            return problem, hint
        a, keep = function_values(results, column)
        if a.shape[1:] not in {(m, n), (n, m)}:
            return _shape_problem(a.shape[1:], m, n, gradient_kind, forms)
        return [a, keep]
    left = sorted({s.name for row in read.entries for e in row for s in e.free_symbols}
                  & set(outer))
    if left:
        return (f"your answer still contains {join(left)}: the {what[5:]} is a function of "
                f"{', '.join(names)} only.",
                f"substitute {'each of ' if len(left) > 1 else ''}{join(left)} by its formula "
                f"in {', '.join(names)}.")
    if read.flat and column:
        read.entries = [[e] for e in read.entries[0]]   # a flat list of m derivatives
    try:
        return [evaluate_answer_matrix(read.entries, names, pts), np.ones(len(pts), bool)]
    except Exception as exc:  # noqa: BLE001 - anything the evaluator cannot handle
        return unevaluable(what, names, exc)


def _transposed(m: int, n: int, gradient_kind: bool) -> tuple[str, str]:
    """Message and hint for an answer in the transposed layout."""
    if gradient_kind:
        return (f"your gradient is a column ({n}×1), but the slides write the gradient of a "
                f"scalar function of {n} variables as a row (1×{n}): this is the transposed "
                "(column instead of row) layout.",
                "in the slides' (numerator) layout the gradient of a scalar function has one "
                "row and one column per variable.")
    return (f"your Jacobian has shape {n}×{m}, but f maps R^{n} to R^{m}, so its Jacobian is "
            f"{m}×{n}: you gave the transposed matrix.",
            "entry (i, j) of the Jacobian is ∂f_i/∂x_j: one row per component f_i, one column "
            "per variable x_j.")


def matrix_check(answer: Any, components: list[sympy.Expr], reference: sympy.Matrix,
                  names: tuple[str, ...], symbols: list[sympy.Symbol], points: Any, *,
                  kind: str, slips: Callable[[np.ndarray], dict[str, np.ndarray]] | None = None,
                  outer: Sequence[str] = (), entry_hint: str | None = None) -> Verdict:
    """The shared logic of check_gradient (kind "gradient") and check_jacobian.

    ``slips(points)`` gives the values (P, m, n) of the typical slips of the exercise (keys
    of :data:`_DIAGNOSES`); ``outer`` names variables the answer must not contain (those of f
    in a chain-rule exercise); ``entry_hint`` replaces the generic hint for wrong entries
    (the method of the exercise, e.g. an identity)."""
    m, n = reference.shape
    gradient_kind = kind == "gradient"
    what = "your gradient" if gradient_kind else "your Jacobian"
    forms = ("a list [df/dx1, ..., df/dxn] of formulas (strings or SymPy expressions), a "
             "1×n sympy.Matrix, or a function of the point returning an array"
             if gradient_kind else
             "a list of rows [[df1/dx1, ..., df1/dxn], ...] of formulas, an m×n sympy.Matrix, "
             "or a function of the point returning an m×n array")
    # ---- the shape first, before any entry is read (a long list is refused at once)
    declared = declared_shape(answer, not gradient_kind and n == 1 and m > 1)
    if declared is not None and declared not in {(m, n), (n, m)}:
        return report(False, *_shape_problem(declared, m, n, gradient_kind, forms))
    samples = matrix_samples(components, reference, names, points)
    pts, r = samples.points, samples.reference
    extra = [sympy.Symbol(v, real=True) for v in outer]
    expected = (f"a 1×{n} row (one entry per variable {', '.join(names)})" if gradient_kind
                else f"{article(m)} {m}×{n} matrix (one row per component, one column per "
                     "variable)")
    read = read_matrix_answer(answer, symbols, "the gradient" if gradient_kind
                               else "the Jacobian", forms, extra=extra, expected=expected)
    if read.problem:
        return report(False, read.problem, read.hint)

    values = _answer_values(read, names, pts, outer, (m, n), gradient_kind, forms)
    if isinstance(values, tuple):
        return report(False, *values)
    a, keep = values
    pts, r = pts[keep], r[keep]
    if a.shape[1:] != (m, n):   # the transposed layout (any other shape was refused above)
        return report(False, *_transposed(m, n, gradient_kind))

    correct = (f"that is the gradient, a 1×{n} row." if gradient_kind
               else f"that is the {m}×{n} Jacobian.")
    if read.entries is not None and all(   # the symbolic test first
            symbolically_equal(read.entries[i][j], reference[i, j])
            for i in range(m) for j in range(n)):
        return report(True, correct)
    wrong = ~close(a, r)
    if not np.any(wrong):
        if read.entries is None or exact_gap(read.entries, reference, symbols, pts) <= 1e-20:
            return report(True, correct)
        return report(False, f"{what} " + ROUNDED[0].format(what=what[5:]), ROUNDED[1])

    # ---- the table of typical slips, then which entries are wrong
    case = _Case(a, r, names, gradient_kind, slips(pts) if slips is not None else {})
    for test, message_of, hint in _DIAGNOSES:
        if test(case):
            return report(False, message_of(case), hint)

    def entry_name(i: int, j: int) -> str:
        return f"∂f/∂{names[j]}" if gradient_kind else f"∂f_{i + 1}/∂{names[j]}"

    hint = entry_hint or (
        "differentiate with respect to one variable at a time, treating the other "
        "variables as constants." if gradient_kind else
        "row i is the gradient of f_i: differentiate f_i with respect to each variable in "
        "turn, treating the other variables as constants.")
    return wrong_values_report(a, r, wrong, pts, names, entry_name, what, hint,
                                reference=reference)



def check_jacobian(answer: Any, f: Any, variables: Sequence[str] = ("x1", "x2"), *,
                   points: Sequence[Sequence[float]] | np.ndarray | None = None) -> Verdict:
    """Check a student's Jacobian of f = (f_1, ..., f_m); print what is wrong, never the answer.

    The Jacobian of f: R^n → R^m is the m×n matrix with entry (i, j) = ∂f_i/∂x_j (row i is
    the gradient of f_i). Compared as in :func:`check_gradient`. Diagnosed, in this order: a
    placeholder, ``None``, an unreadable entry or a wrong type; the n×m transpose or another
    wrong shape; for a square Jacobian, the transposed matrix; the rows or the columns in
    the wrong order, or the entries of some rows (columns) in the wrong order; a sign error;
    a constant
    factor; otherwise the point where it differs, how many sample points differ and which
    entries ∂f_i/∂x_j are wrong.

    Parameters
    ----------
    answer : list of rows, sympy.Matrix, numpy.ndarray or callable
        ``[["x2", "x1"], ["1", "2"]]``, an m×n Matrix, or a function of the point (one array,
        or n separate arguments) returning an m×n array. For n = 1 a flat list of m
        entries is read as the column.
    f : sequence of (sympy.Expr or str) or sympy.Matrix
        The components f_1, ..., f_m.
    variables : sequence of str
        The variable names, in order.
    points : array_like, optional
        Sample points, shape (P, n).

    Returns
    -------
    bool
        Whether the answer is right.

    Examples
    --------
    >>> check_jacobian([["x2", "x1"], ["1", "2"], ["0", "2*x2"]], ["x1*x2", "x1 + 2*x2", "x2^2"])
    Correct: that is the 3×2 Jacobian.
    True
    >>> check_jacobian([["x2", "1", "0"], ["x1", "2", "2*x2"]], ["x1*x2", "x1 + 2*x2", "x2^2"])
    Not yet: your Jacobian has shape 2×3, but f maps R^2 to R^3, so its Jacobian is 3×2: you gave the transposed matrix.
    Hint: entry (i, j) of the Jacobian is ∂f_i/∂x_j: one row per component f_i, one column per variable x_j.
    False
    """
    note_attempt(check_jacobian, locals())
    names = check_variables_list(variables)
    symbols = [sympy.Symbol(v, real=True) for v in names]
    components = reference_components(f, names, symbols, vector=True)
    reference = sympy.Matrix([[sympy.diff(c, s) for s in symbols] for c in components])
    return matrix_check(answer, components, reference, names, symbols, points,
                         kind="jacobian")
