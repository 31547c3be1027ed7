"""``check_taylor_coefficients``: Taylor coefficients, with the first wrong term named."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

import numpy as np
import sympy

from .._validation import check_integer, check_real_number
from .assist import note_attempt
from .common import (
    MAX_TAYLOR_ORDER,
    RTOL,
    Verdict,
    all_close,
    check_variable,
    close,
    diagnose_scalar_factor,
    format_factor,
    format_point,
    missing_answer,
    reference_expression,
    report,
    tolerance,
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
        base = f"({variable} {'-' if x0 > 0 else '+'} {format_point(abs(x0))})"
    return f"the {base} term" if k == 1 else f"the {base}^{k} term"


def _read_coefficients(answer: Any, variable: str) -> tuple[np.ndarray | None, str, str]:
    """The answer as a float array, or ``(None, problem, hint)``."""
    hint = "give a list [c_0, c_1, ..., c_n] of numbers, starting with the constant term."
    missing = missing_answer(answer, "your list of coefficients")
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
        if isinstance(item, (list, tuple)) or (isinstance(item, np.ndarray) and item.ndim):
            return None, "your list contains lists: it should be a flat list of numbers.", hint
        if isinstance(item, sympy.Basic) and item.free_symbols:
            return None, (f"{label} contains {', '.join(sorted(map(str, item.free_symbols)))}: "
                          "give only the numbers c_k, without the powers of the variable."), hint
        if isinstance(item, (bool, np.bool_)) or not isinstance(item, (numbers.Number,
                                                                      sympy.Basic)):
            return None, f"{label} is a {type(item).__name__}, not a number.", hint
        try:
            number = complex(item)
        except OverflowError:
            return None, f"{label} is too large for a float (beyond about 1e308).", hint
        except (TypeError, ValueError):
            return None, f"{label} is not a number.", hint
        if number.imag != 0:
            return None, f"{label} is complex; Taylor coefficients of a real f are real.", hint
        if not math.isfinite(number.real):
            return None, f"{label} is {number.real}, not a finite number.", hint
        values[k] = number.real
    return values, "", ""


@dataclass
class _Case:
    """What the diagnoses of :func:`check_taylor_coefficients` look at."""

    a: np.ndarray            # the answer c_0..c_n
    r: np.ndarray            # the right coefficients c_0..c_n
    extended: np.ndarray     # the right coefficients c_0..c_(n+1)
    f: sympy.Expr
    tol: dict[str, float]
    term: Callable[[int], str]   # k -> "the x^k term"

    @property
    def n(self) -> int:
        return self.a.size - 1

    @property
    def derivatives(self) -> np.ndarray:
        """f^(k)(x0) = k!·c_k."""
        return self.r * np.array([math.factorial(k) for k in range(self.n + 1)], dtype=float)

    def close(self, values: np.ndarray, reference: np.ndarray | None = None) -> bool:
        """The answer equals ``values`` (compared with the tolerance of ``reference``)."""
        reference = values if reference is None else reference
        return all_close(self.a, values, **_taylor_tolerance(reference))

    def visible(self, values: np.ndarray) -> bool:
        """Some entry of ``values`` is not 0 (so a relation to it says something)."""
        return bool(np.any(np.abs(values) > tolerance(values, RTOL, self.tol["atol"])))

    @property
    def first_wrong(self) -> int:
        return int(np.argmax(~close(self.a, self.r, **self.tol)))


def _not_divided(case: _Case) -> bool:
    return case.visible(case.r[2:]) and case.close(case.derivatives)


def _divided_by_k(case: _Case) -> bool:
    k = np.maximum(np.arange(case.n + 1), 1)
    return case.n >= 2 and case.visible(case.r[2:]) and case.close(case.derivatives / k)


def _inner_factor_missing(case: _Case) -> bool:
    """c_k = s^k·a_k for one constant s ≠ ±1: the inner derivative s of f(s·x) forgotten."""
    a, r = case.a, case.r
    if case.n < 2 or not close(a[:1], r[:1], **case.tol).all() or abs(a[1]) < 1e-12:
        return False
    scale = r[1] / a[1]
    if abs(abs(scale) - 1.0) < 1e-6 or abs(scale) < 1e-6:
        return False
    return case.visible(r[1:]) and all_close(a * scale ** np.arange(case.n + 1), r, **case.tol)


def _inner_factor_once(case: _Case) -> bool:
    """c_k·s^(k−1) = a_k for one constant s ≠ ±1 (k ≥ 1): the inner derivative s of f(s·x)
    applied once, not once per differentiation."""
    a, r = case.a, case.r
    if case.n < 2 or not close(a[:2], r[:2], **case.tol).all() or abs(a[2]) < 1e-12:
        return False
    scale = r[2] / a[2]
    if abs(abs(scale) - 1.0) < 1e-6 or abs(scale) < 1e-6:
        return False
    powers = scale ** np.maximum(np.arange(case.n + 1) - 1, 0)
    return case.visible(r[2:]) and all_close(a * powers, r, **case.tol)


#: A coefficient within this relative distance of the right one is reported as rounded.
_ROUNDED = 1e-3


def _rounded(case: _Case) -> bool:
    """Every wrong coefficient is within 1e-3 (relative) of the right one: rounded decimals."""
    wrong = ~close(case.a, case.r, **case.tol)
    r = case.r[wrong]
    return bool(np.all(np.abs(r) > case.tol["atol"])
                and np.all(np.abs(case.a[wrong] - r) <= _ROUNDED * np.abs(r)))


def _rounded_message(case: _Case) -> str:
    wrong = [int(k) for k in np.flatnonzero(~close(case.a, case.r, **case.tol))]
    names = ", ".join(f"c_{k}" for k in wrong)
    verb = "is" if len(wrong) == 1 else "are"
    return (f"{names} {verb} close to the right value{'s' if len(wrong) > 1 else ''} but "
            "rounded: a rounded decimal is not the coefficient.")


def _rounded_hint(case: _Case) -> str:
    known = {float(v) for v in case.extended}
    example = next(e for e in ("1/7", "2/11", "3/13", "5/17")
                   if all(abs(float(Fraction(e)) - v) > 1e-12 for v in known))
    return (f"write exact fractions such as {example} (Python turns them into floats far "
            "more precise than a rounded decimal).")


def _all_signs(case: _Case) -> bool:
    relation = diagnose_scalar_factor(case.a, case.r, offset=False, **case.tol)
    return (all_close(np.abs(case.a), np.abs(case.r), **case.tol)
            and relation is not None and relation.kind == "sign")


def _odd_signs(case: _Case) -> bool:
    return case.close((-1.0) ** np.arange(case.n + 1) * case.r, case.r)


def _some_signs(case: _Case) -> bool:
    return all_close(np.abs(case.a), np.abs(case.r), **case.tol)


def _starts_at_one(case: _Case) -> bool:
    later = case.extended[1: case.n + 2]
    return (case.n >= 1 and case.visible(later)
            and all_close(case.a[: later.size], later, **_taylor_tolerance(later)))


def _one_too_far(case: _Case) -> bool:
    earlier = case.r[: case.n]
    return (case.n >= 1 and case.visible(earlier)
            and all_close(case.a[1:], earlier, **case.tol))


def _reversed(case: _Case) -> bool:
    return case.n >= 1 and case.close(case.r[::-1], case.r)


def _common_factor(case: _Case) -> bool:
    relation = diagnose_scalar_factor(case.a, case.r, offset=False, **case.tol)
    return relation is not None and relation.kind == "factor"


_SHIFTED_HINT = "the list starts with the constant term c_0 = f(x0) (k = 0)."
_FACTORIAL_HINT = ("c_k = f^(k)(x0) / k!: divide the k-th derivative by k! "
                   "(0! = 1! = 1, 2! = 2, 3! = 6, ...).")

#: The diagnoses of a wrong list, walked in order: (test, message, hint). A message or hint
#: may be a function of the case (for the term named or the sign hint of f). None prints a
#: coefficient.
_DIAGNOSES: tuple[tuple[Callable[[_Case], bool], Any, Any], ...] = (
    (_rounded, _rounded_message, _rounded_hint),
    (_not_divided, "you gave the derivatives f^(k)(x0), not the coefficients.",
     _FACTORIAL_HINT),
    (_divided_by_k, "each c_k looks divided by k, not by k!.", _FACTORIAL_HINT),
    (_all_signs, "every coefficient has the wrong sign.",
     lambda c: "c_k = f^(k)(x0) / k! has the sign of f^(k)(x0): " + _sign_hint(c.f)),
    (_odd_signs, lambda c: f"the signs of the odd powers are flipped, from k = {c.first_wrong} "
                           f"({c.term(c.first_wrong)}) on.",
     lambda c: "the terms are c_k·(x − x0)^k, not c_k·(x0 − x)^k; and " + _sign_hint(c.f)),
    (_some_signs, lambda c: f"the sizes of the coefficients are right, but not all signs: "
                            f"check the signs from k = {c.first_wrong} "
                            f"({c.term(c.first_wrong)}).",
     lambda c: _sign_hint(c.f)),
    (_inner_factor_missing, "each of your c_k differs from the right one by the k-th power "
                            "of one constant: the inner derivative (chain rule) is missing or "
                            "wrong.",
     "chain rule: each derivative of f(g(x)) brings a factor g'(x); for g(x) = s·x that is "
     "s again at every order."),
    (_inner_factor_once, "your coefficients have the inner derivative (chain rule) only once: "
                         "each differentiation brings another factor of it, so the k-th "
                         "derivative has it k times.",
     "chain rule: each derivative of f(g(x)) brings a factor g'(x); for g(x) = s·x that is "
     "s again at every order."),
    (_starts_at_one, "your list is shifted by one place: its first entry is the coefficient "
                     "of the next power. Did you start at k = 1?", _SHIFTED_HINT),
    (_one_too_far, "your list is shifted by one place: each coefficient sits one position too "
                   "far to the right.",
     _SHIFTED_HINT + " The entry at index k multiplies (x − x0)^k."),
    (_reversed, "your coefficients are in reverse order (highest power first).",
     _SHIFTED_HINT),
    (_common_factor, lambda c: "all your coefficients are "
                               + format_factor(diagnose_scalar_factor(
                                   c.a, c.r, offset=False, **c.tol).value)
                               + " times the right ones.",
     "c_k = f^(k)(x0) / k!: check the constant factors of your derivatives."),
)


def check_taylor_coefficients(answer: Any, f: sympy.Expr | str, x0: float = 0.0, *,
                              order: int, variable: str = "x") -> Verdict:
    """Check a list of Taylor coefficients ``[c_0, ..., c_n]`` of ``f`` at ``x0``, n = ``order``.

    ``c_k = f^(k)(x0) / k!`` is the coefficient of ``(x - x0)^k``. The exercise states the
    order n (≤ 40) and the list must have exactly n + 1 entries: a shorter list is never
    called right, even if its entries are. The reference comes from
    :func:`lecture_utils.maths.taylor.taylor_coefficients`; each coefficient must agree to a
    relative 1e-8 (absolute 1e-12 for coefficients that are 0). A wrong answer is diagnosed,
    in this order: not a flat list of finite numbers, or empty; the wrong length; the entries
    of :data:`_DIAGNOSES` (the derivatives f^(k)(x0) instead of the coefficients, each
    divided by k instead of k!, sign errors (all signs, alternating signs, signs from some term
    on), the inner derivative of a chain forgotten (c_k off by s^k), a list shifted by one
    place, the coefficients in reverse order, all coefficients off by a common factor);
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
    order : int
        The order n the exercise asks for (keyword, required): n + 1 coefficients.
    variable : str
        The name of the variable in ``f`` (default ``"x"``).

    Returns
    -------
    Verdict
        Whether the list has n + 1 entries and every coefficient is right.

    Raises
    ------
    TypeError, ValueError
        If ``f``, ``x0``, ``order`` or ``variable`` is invalid, or f is not analytic at ``x0``.

    Examples
    --------
    >>> check_taylor_coefficients([1, 1, 1/2, 1/6], "exp(x)", order=3)
    Correct: all 4 coefficients c_0, ..., c_3 are right.
    True
    >>> check_taylor_coefficients([1, 1], "exp(x)", order=3)
    Not yet: you gave 2 coefficients (c_0, c_1); the exercise asks for 4 coefficients (c_0, ..., c_3).
    Hint: give a list of 4 numbers [c_0, ..., c_3], starting with the constant term.
    False
    >>> check_taylor_coefficients([1, 1, 1, 1], "exp(x)", order=3)
    Not yet: you gave the derivatives f^(k)(x0), not the coefficients.
    Hint: c_k = f^(k)(x0) / k!: divide the k-th derivative by k! (0! = 1! = 1, 2! = 2, 3! = 6, ...).
    False
    >>> check_taylor_coefficients([0, 1, 0, 1/6], "sin(x)", order=3)
    Not yet: the sizes of the coefficients are right, but not all signs: check the signs from k = 3 (the x^3 term).
    Hint: the derivatives of sin and cos cycle sin → cos → −sin → −cos → sin.
    False
    """
    note_attempt(check_taylor_coefficients, locals())
    from ..maths.taylor import taylor_coefficients

    x0 = float(check_real_number(x0, "x0"))
    n = check_integer(order, "order", minimum=0, maximum=MAX_TAYLOR_ORDER)
    variable = check_variable(variable)
    f_expr, _ = reference_expression(f, variable)
    taylor_coefficients(f_expr, x0, 0, variable=variable)   # a bad f raises, whatever the answer
    a, problem, _ = _read_coefficients(answer, variable)
    wanted = (f"give a list of {n + 1} number{'s' if n else ''} "
              f"[{', '.join(f'c_{k}' for k in range(n + 1)) if n < 3 else 'c_0, ..., c_' + str(n)}]"
              ", starting with the constant term.")
    if a is None:
        return report(False, problem, wanted)
    if a.size != n + 1:
        return report(False, f"you gave {_count(a.size - 1)}; the exercise asks for "
                              f"{_count(n)}.", wanted)
    extended = taylor_coefficients(f_expr, x0, min(n + 1, MAX_TAYLOR_ORDER), variable=variable)
    r = extended[: n + 1]
    tol = _taylor_tolerance(r)
    wrong = ~close(a, r, **tol)
    if not np.any(wrong):
        if n == 0:
            return report(True, "the coefficient c_0 is right.")
        return report(True, f"all {n + 1} coefficients c_0, ..., c_{n} are right.")

    case = _Case(a, r, extended, f_expr, tol, lambda k: _term_name(k, variable, x0))
    for test, message, hint in _DIAGNOSES:
        if test(case):
            return report(False, message(case) if callable(message) else message,
                           hint(case) if callable(hint) else hint)

    first = case.first_wrong
    derivatives = case.derivatives
    count = int(np.sum(wrong))
    others = (f"{count - 1} other coefficient{'s are' if count > 2 else ' is'} wrong too"
              if count > 1 else "all the others are right")
    detail = ""
    if first >= 2 and close(a[first], derivatives[first], **_taylor_tolerance(derivatives)):
        detail = f" It looks like it was not divided by {first}!."
    elif np.abs(r[first]) > tol["atol"] and close(a[first], -r[first], **tol):
        detail = " Its sign is wrong."
    at = f"x0 = {format_point(x0)}"
    if first == 0:
        hint = f"c_0 = f(x0): evaluate f at {at}."
    elif first == 1:
        hint = f"c_1 = f'(x0): differentiate once and evaluate at {at}."
    else:
        hint = (f"c_k = f^(k)(x0) / k!: differentiate {first} times, evaluate at {at}, "
                f"divide by {first}!.")
    return report(False, f"the first wrong coefficient is the one for k = {first} "
                          f"({case.term(first)}); {others}.{detail}", hint)


def _count(n: int) -> str:
    """``"4 coefficients (c_0, ..., c_3)"`` for the coefficients up to order n."""
    if n == 0:
        return "1 coefficient (c_0)"
    if n == 1:
        return "2 coefficients (c_0, c_1)"
    return f"{n + 1} coefficients (c_0, ..., c_{n})"


def _sign_hint(f: sympy.Expr) -> str:
    """A hint about where signs come from in the expansion of f."""
    if f.has(sympy.sin) or f.has(sympy.cos):
        return "the derivatives of sin and cos cycle sin → cos → −sin → −cos → sin."
    return "work out the sign of each derivative f^(k)(x0) separately."
