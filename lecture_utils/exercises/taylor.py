"""``check_taylor_coefficients``: Taylor coefficients, with the first wrong term named."""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
import sympy

from .._validation import check_real_number
from ._common import (
    MAX_TAYLOR_ORDER,
    RTOL,
    Verdict,
    _all_close,
    _check_variable,
    _close,
    _diagnose_scalar_factor,
    _format_factor,
    _format_point,
    _missing_answer,
    _reference_expression,
    _report,
    _tolerance,
)

__all__ = ['check_taylor_coefficients']


# =========================================================== check_taylor_coefficients ====

#: Absolute tolerance of coefficient comparisons, relative to max(1, max |c_k|): Taylor
#: coefficients shrink fast (1/k!), so the default 1e-8 would let high-order mistakes through.
_TAYLOR_ATOL = 1e-12


def _taylor_tolerance(reference: np.ndarray) -> dict[str, float]:
    """Tolerances for comparing with the coefficients ``reference``."""
    return {"rtol": RTOL,
            "atol": _TAYLOR_ATOL * max(1.0, float(np.max(np.abs(reference), initial=0.0)))}


def _term_name(k: int, variable: str, x0: float) -> str:
    """``"the x^3 term"``, ``"the (x - 1.5)^2 term"``, ``"the constant term"``."""
    if k == 0:
        return "the constant term"
    if x0 == 0:
        base = variable
    else:
        base = f"({variable} {'-' if x0 > 0 else '+'} {_format_point(abs(x0))})"
    return f"the {base} term" if k == 1 else f"the {base}^{k} term"


def _read_coefficients(answer: Any, variable: str) -> tuple[np.ndarray | None, str, str]:
    """The answer as a float array, or ``(None, problem, hint)``."""
    hint = "give a list [c_0, c_1, ..., c_n] of numbers, starting with the constant term."
    missing = _missing_answer(answer, "your list of coefficients")
    if missing:
        return None, missing, hint
    if isinstance(answer, (str, bytes)):
        return None, "your answer is a string, not a list of numbers.", hint
    if isinstance(answer, sympy.Basic):
        return None, ("your answer is a SymPy expression; this exercise asks for the list of "
                      "its coefficients, not the polynomial."), hint
    if isinstance(answer, (dict, set, frozenset)) or isinstance(answer, numbers.Number) \
            or not hasattr(answer, "__len__") or not hasattr(answer, "__getitem__"):
        return None, f"your answer is a {type(answer).__name__}, not a list of numbers.", hint
    if isinstance(answer, np.ndarray) and answer.ndim != 1:
        return None, (f"your answer is an array of shape {answer.shape}; it should be a flat "
                      "(1-d) list."), hint
    items = list(answer)
    if not items:
        return None, "your list is empty.", hint
    if len(items) > MAX_TAYLOR_ORDER + 1:
        return None, (f"your list has {len(items)} entries; give at most "
                      f"{MAX_TAYLOR_ORDER + 1} (orders up to n = {MAX_TAYLOR_ORDER})."), hint
    values = np.empty(len(items))
    for k, item in enumerate(items):
        label = f"the entry for k = {k}"
        if isinstance(item, (list, tuple, np.ndarray)) and np.ndim(item) > 0:
            return None, "your list contains lists: it should be a flat list of numbers.", hint
        if isinstance(item, sympy.Basic) and item.free_symbols:
            return None, (f"{label} contains {', '.join(sorted(map(str, item.free_symbols)))}: "
                          "give only the numbers c_k, without the powers of the variable."), hint
        if isinstance(item, (bool, np.bool_)) or not isinstance(item, (numbers.Number,
                                                                      sympy.Basic)):
            return None, f"{label} is a {type(item).__name__}, not a number.", hint
        try:
            number = complex(item)
        except (TypeError, ValueError):
            return None, f"{label} is not a number.", hint
        if number.imag != 0:
            return None, f"{label} is complex; Taylor coefficients of a real f are real.", hint
        if not math.isfinite(number.real):
            return None, f"{label} is {number.real}, not a finite number.", hint
        values[k] = number.real
    return values, "", ""


def check_taylor_coefficients(answer: Any, f: sympy.Expr | str, x0: float = 0.0, *,
                              variable: str = "x") -> Verdict:
    """Check a list of Taylor coefficients ``[c_0, ..., c_n]`` of ``f`` at ``x0``.

    ``c_k = f^(k)(x0) / k!`` is the coefficient of ``(x - x0)^k``; the student chooses n by
    the length of the list (n ≤ 40). The reference comes from
    :func:`lecture_utils.maths.taylor.taylor_coefficients`; each coefficient must agree to a relative
    1e-8 (absolute 1e-12 for coefficients that are 0). A wrong answer is diagnosed, in this
    order: not a flat list of finite numbers, or empty; the derivatives f^(k)(x0) instead of
    the coefficients (not divided by k!); sign errors (all signs, alternating signs, signs from
    some term on); a list shifted by one place (starting at k = 1, or with an extra entry in
    front); the coefficients in reverse order; all coefficients off by a common factor;
    otherwise the first wrong coefficient. No expected value is printed.

    Parameters
    ----------
    answer : sequence of numbers
        The coefficients ``c_0, c_1, ..., c_n`` (numbers, or SymPy numbers such as
        ``sympy.Rational(1, 6)``).
    f : sympy.Expr or str
        The function.
    x0 : float
        The expansion point.
    variable : str
        The name of the variable in ``f`` (default ``"x"``).

    Returns
    -------
    bool
        Whether every coefficient is right.

    Raises
    ------
    TypeError, ValueError
        If ``f``, ``x0`` or ``variable`` is invalid, or f is not analytic at ``x0``.

    Examples
    --------
    >>> check_taylor_coefficients([1, 1, 1/2, 1/6], "exp(x)")
    Correct: all 4 coefficients c_0, ..., c_3 are right.
    True
    >>> check_taylor_coefficients([1, 1, 1, 1], "exp(x)")
    Not yet: you gave the derivatives f^(k)(x0), not the coefficients.
    Hint: c_k = f^(k)(x0) / k!: divide the k-th derivative by k! (0! = 1! = 1, 2! = 2, 3! = 6, ...).
    False
    >>> check_taylor_coefficients([0, 1, 0, 1/6], "sin(x)")
    Not yet: the sizes of the coefficients are right, but not all signs: check the signs from k = 3 (the x^3 term).
    Hint: the derivatives of sin and cos cycle sin → cos → −sin → −cos → sin.
    False
    """
    from ..maths.taylor import taylor_coefficients

    x0 = float(check_real_number(x0, "x0"))
    variable = _check_variable(variable)
    f_expr, _ = _reference_expression(f, variable)
    taylor_coefficients(f_expr, x0, 0, variable=variable)   # a bad f raises, whatever the answer
    a, problem, hint = _read_coefficients(answer, variable)
    if a is None:
        return _report(False, problem, hint)
    n = a.size - 1
    extended = taylor_coefficients(f_expr, x0, min(n + 1, MAX_TAYLOR_ORDER), variable=variable)
    r = extended[: n + 1]
    tol = _taylor_tolerance(r)
    wrong = ~_close(a, r, **tol)
    if not np.any(wrong):
        return _report(True, f"all {n + 1} coefficient{'s' if n else ''} "
                             f"{'c_0, ..., c_' + str(n) if n else 'c_0'} "
                             f"{'are' if n else 'is'} right.")

    def term(k: int) -> str:
        return _term_name(k, variable, x0)

    factorials = np.array([math.factorial(k) for k in range(n + 1)], dtype=float)
    derivatives = r * factorials
    derivative_tol = _taylor_tolerance(derivatives)
    visible = np.abs(r[2:]) > _tolerance(r[2:], RTOL, tol["atol"])
    if np.any(visible) and _all_close(a, derivatives, **derivative_tol):
        return _report(False, "you gave the derivatives f^(k)(x0), not the coefficients.",
                       "c_k = f^(k)(x0) / k!: divide the k-th derivative by k! "
                       "(0! = 1! = 1, 2! = 2, 3! = 6, ...).")

    sign_hint = _sign_hint(f_expr)
    if _all_close(np.abs(a), np.abs(r), **tol):
        relation = _diagnose_scalar_factor(a, r, offset=False, **tol)
        if relation is not None and relation.kind == "sign":
            return _report(False, "every coefficient has the wrong sign.",
                           "c_k = f^(k)(x0) / k! has the sign of f^(k)(x0): " + sign_hint)
        first = int(np.argmax(wrong))
        alternating = (-1.0) ** np.arange(n + 1)
        if _all_close(a, alternating * r, **tol):
            return _report(False, f"the signs of the odd powers are flipped, from k = {first} "
                                  f"({term(first)}) on.",
                           f"the terms are c_k·(x − x0)^k, not c_k·(x0 − x)^k; and "
                           f"{sign_hint}")
        return _report(False, f"the sizes of the coefficients are right, but not all signs: "
                              f"check the signs from k = {first} ({term(first)}).", sign_hint)

    shifted_hint = "the list starts with the constant term c_0 = f(x0) (k = 0)."
    if n >= 1:
        later = extended[1: n + 2]
        m = later.size
        if np.any(np.abs(later) > _tolerance(later, RTOL, tol["atol"])) \
                and _all_close(a[:m], later, **_taylor_tolerance(later)):
            return _report(False, "your list is shifted by one place: its first entry is the "
                                  "coefficient of the next power. Did you start at k = 1?",
                           shifted_hint)
        earlier = r[:n]
        if np.any(np.abs(earlier) > _tolerance(earlier, RTOL, tol["atol"])) \
                and _all_close(a[1:], earlier, **tol):
            return _report(False, "your list is shifted by one place: each coefficient sits "
                                  "one position too far to the right.",
                           shifted_hint + " The entry at index k multiplies (x − x0)^k.")
        if _all_close(a, r[::-1], **tol):
            return _report(False, "your coefficients are in reverse order (highest power "
                                  "first).", shifted_hint)

    relation = _diagnose_scalar_factor(a, r, offset=False, **tol)
    if relation is not None and relation.kind == "factor":
        factor = _format_factor(relation.value)
        return _report(False, f"all your coefficients are {factor} times the right ones.",
                       "c_k = f^(k)(x0) / k!: check the constant factors of your derivatives.")

    first = int(np.argmax(wrong))
    count = int(np.sum(wrong))
    others = (f"{count - 1} other coefficient{'s are' if count > 2 else ' is'} wrong too"
              if count > 1 else "all the others are right")
    detail = ""
    if first >= 2 and _close(a[first], derivatives[first], **derivative_tol):
        detail = f" It looks like it was not divided by {first}!."
    elif np.abs(r[first]) > tol["atol"] and _close(a[first], -r[first], **tol):
        detail = " Its sign is wrong."
    at = f"x0 = {_format_point(x0)}"
    if first == 0:
        hint = f"c_0 = f(x0): evaluate f at {at}."
    elif first == 1:
        hint = f"c_1 = f'(x0): differentiate once and evaluate at {at}."
    else:
        hint = (f"c_k = f^(k)(x0) / k!: differentiate {first} times, evaluate at {at}, "
                f"divide by {first}!.")
    return _report(False, f"the first wrong coefficient is the one for k = {first} "
                          f"({term(first)}); {others}.{detail}", hint)


def _sign_hint(f: sympy.Expr) -> str:
    """A hint about where signs come from in the expansion of f."""
    if f.has(sympy.sin) or f.has(sympy.cos):
        return "the derivatives of sin and cos cycle sin → cos → −sin → −cos → sin."
    return "work out the sign of each derivative f^(k)(x0) separately."
