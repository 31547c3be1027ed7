"""``check_stationary_point``: the exercise of notebook 09 (``check_bold_driver_step``, for
notebook 10, is in :mod:`.momentum`).

* :func:`check_stationary_point` — is a stationary point a minimum, a maximum or a saddle
  point? Decided from the exact Hessian (SymPy) when it is definite or indefinite, and from the
  values of f around the point when the Hessian is singular without eigenvalues of both signs
  (the second-derivative test is then inconclusive, as for the slides' x1²x2² at the origin).
  Diagnoses the confusions "zero gradient, so a minimum" and "f(0, ε) = f(0, 0), so a
  saddle"; accepts "strict" only at a strict extremum, "non-strict" only at a non-strict one,
  and "global" only where f − f(point) ≥ 0 (≤ 0) everywhere is proven (SymPy).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import sympy

from .._validation import check_array, shown
from .assist import note_attempt
from .common import Verdict, missing_answer, report
from .matrix_answers import check_variables_list, reference_components

__all__ = ["check_stationary_point", "classify_stationary_point"]

#: The words accepted for each kind of stationary point (compared in lower case, hyphens and
#: repeated spaces ignored). "strict " or "non-strict " may precede a minimum or maximum word;
#: "global" is accepted only where SymPy proves it (f − f(point) ≥ 0 everywhere for a minimum),
#: otherwise refused (the Hessian and the values of f near the point decide only local questions).
KINDS: dict[str, tuple[str, ...]] = {
    "minimum": ("minimum", "local minimum", "min", "local min", "minimiser", "minimizer",
                "local minimiser", "local minimizer"),
    "maximum": ("maximum", "local maximum", "max", "local max", "maximiser", "maximizer",
                "local maximiser", "local maximizer"),
    "saddle": ("saddle", "saddle point", "saddlepoint"),
}
#: The accepted words, as the checker states them to the student.
ACCEPTED_WORDS = ("'minimum', 'maximum' or 'saddle' (also 'local minimum', 'min', 'saddle point', "
                  "...; 'strict minimum' / 'strict maximum' when f(x) > f(point), resp. <, for "
                  "every x ≠ point nearby, 'non-strict minimum' / 'non-strict maximum' otherwise)")
#: Radii and number of directions of the samples around a point with a singular Hessian: the
#: radii shrink from 0.1 to 1e-6, and the kind is read on the smallest ones (where f − f(point)
#: is evaluated with 40 digits), so that a term that wins only farther out (x1⁴ − 10000·x1⁶)
#: does not decide.
_RADII = tuple(10.0 ** (-k / 2) for k in range(2, 13))
_DECIDING_RADII = 3
_DIRECTIONS = 72
_RULE = ("the Hessian test (f twice continuously differentiable near the point): all eigenvalues "
         "> 0: a strict local minimum; all < 0: a strict local maximum; some > 0 and some < 0: a "
         "saddle point; all ≥ 0, or all ≤ 0, with some = 0: the test says nothing, look at f "
         "itself near the point.")


@dataclass(frozen=True)
class StationaryPoint:
    """What :func:`classify_stationary_point` found at a point with zero gradient."""

    kind: str                   # "minimum", "maximum", "saddle" or "flat"
    eigenvalues: np.ndarray     # of the Hessian, ascending
    degenerate: bool            # semidefinite and singular: the Hessian test says nothing
    strict: bool = False        # a strict minimum or maximum (no equal values nearby)
    diagonal: tuple[float, ...] = ()   # the Hessian's diagonal (second derivatives along the axes)
    global_: bool = False       # f − f(point) ≥ 0 (minimum) or ≤ 0 (maximum) everywhere, proven


def _directions(n: int) -> np.ndarray:
    if n == 1:
        return np.array([[1.0], [-1.0]])
    if n == 2:
        angles = np.linspace(0.0, 2 * np.pi, _DIRECTIONS, endpoint=False)
        return np.stack([np.cos(angles), np.sin(angles)], axis=1)
    rng = np.random.default_rng(9)
    raw = np.vstack([np.eye(n), -np.eye(n), rng.standard_normal((400, n))])
    return raw / np.linalg.norm(raw, axis=1, keepdims=True)


def classify_stationary_point(f: sympy.Expr | str, point: Sequence[float],
                              variables: Sequence[str] = ("x1", "x2")) -> StationaryPoint:
    """Classify a stationary point of ``f`` (the reference of :func:`check_stationary_point`).

    Raises a ``ValueError`` if the gradient at ``point`` is not zero.

    Examples
    --------
    >>> classify_stationary_point("x1^2 - x2^2", (0, 0)).kind
    'saddle'
    >>> found = classify_stationary_point("x1^2*x2^2", (0, 0))
    >>> found.kind, found.degenerate, found.strict
    ('minimum', True, False)
    >>> classify_stationary_point("x1^4 + x2^4", (0, 0)).strict
    True
    >>> classify_stationary_point("x1^2 + x2^2", (1, 0))
    Traceback (most recent call last):
    ...
    ValueError: point must be a stationary point of f (zero gradient), but the gradient at (1, 0) is [2, 0]
    """
    names = check_variables_list(variables)
    symbols = [sympy.Symbol(v, real=True) for v in names]
    (expr,) = reference_components(f, names, symbols, vector=False)
    where = check_array(point, "point", shape=(len(names),))
    exact = {s: sympy.nsimplify(float(v)) for s, v in zip(symbols, where)}
    gradient = [sympy.diff(expr, s).subs(exact) for s in symbols]
    values = np.array([complex(sympy.N(g)) for g in gradient])
    if not np.all(np.isfinite(values)) or np.any(np.abs(values) > 1e-9):
        shown = ", ".join(f"{v.real:.6g}" for v in values)
        where_text = ", ".join(f"{v:g}" for v in where)
        raise ValueError(f"point must be a stationary point of f (zero gradient), but the "
                         f"gradient at ({where_text}) is [{shown}]")
    hessian = sympy.Matrix([[sympy.diff(expr, a, b) for b in symbols] for a in symbols])
    H = np.array(hessian.subs(exact).evalf(), dtype=float)
    eigenvalues = np.linalg.eigvalsh(H)
    diagonal = tuple(float(v) for v in np.diag(H))
    rise = expr - expr.subs(exact)          # f − f(point): its sign everywhere decides "global"
    below_nowhere, above_nowhere = bool(rise.is_nonnegative), bool((-rise).is_nonnegative)
    scale = max(1.0, float(np.max(np.abs(eigenvalues))))
    positive, negative = eigenvalues > 1e-9 * scale, eigenvalues < -1e-9 * scale
    if np.all(positive):
        return StationaryPoint("minimum", eigenvalues, False, True, diagonal, below_nowhere)
    if np.all(negative):
        return StationaryPoint("maximum", eigenvalues, False, True, diagonal, above_nowhere)
    if np.any(positive) and np.any(negative):
        return StationaryPoint("saddle", eigenvalues, False, diagonal=diagonal)
    # Singular Hessian: look at f itself on small spheres around the point, with 40 digits
    # (the differences at radius 1e-6 are far below floating-point resolution of f).
    import mpmath

    function = sympy.lambdify(symbols, expr, modules="mpmath")
    directions = _directions(len(names))
    lower = higher = equal = False
    with mpmath.workdps(40):
        centre = function(*[mpmath.mpf(float(v)) for v in where])
        tolerance = mpmath.mpf(10) ** -30 * max(1, abs(centre))
        for radius in _RADII[-_DECIDING_RADII:]:
            for sample in where + radius * directions:
                try:
                    difference = function(*[mpmath.mpf(float(v)) for v in sample]) - centre
                except (ValueError, ZeroDivisionError, TypeError):
                    continue
                if not isinstance(difference, mpmath.mpf):   # complex: outside the domain
                    continue
                lower |= bool(difference < -tolerance)
                higher |= bool(difference > tolerance)
                equal |= bool(abs(difference) <= tolerance)
    kind = "saddle" if lower and higher else "maximum" if lower else \
        "minimum" if higher else "flat"
    return StationaryPoint(kind, eigenvalues, True, kind in ("minimum", "maximum") and not equal,
                           diagonal, below_nowhere if kind == "minimum" else
                           above_nowhere if kind == "maximum" else False)


@dataclass(frozen=True)
class _KindAnswer:
    kind: str | None = None         # "minimum", "maximum" or "saddle"
    strict: bool = False            # the answer said "strict"
    non_strict: bool = False        # the answer said "non-strict"
    global_: bool = False           # the answer said "global"
    problem: str | None = None      # why the answer cannot be read
    hint: str | None = None


def _read_kind(answer: Any) -> _KindAnswer:
    """What a student's answer says (or why it cannot be read)."""
    short = "'minimum', 'maximum' or 'saddle'"
    missing = missing_answer(answer, f"one of the words {short}")
    if missing:
        return _KindAnswer(problem=missing, hint=f"give your answer as a string: {short}.")
    if not isinstance(answer, str):
        return _KindAnswer(problem=f"your answer is a {type(answer).__name__}, not a word.",
                           hint=f"give your answer as a string: {short}.")
    text = " ".join(answer.strip().lower().replace("-", " ").split())
    words_in = text.split()
    global_ = "global" in words_in
    if global_:
        text = " ".join(w for w in words_in if w != "global")
    non_strict = text.startswith(("non strict ", "nonstrict "))
    if non_strict:
        text = text.split(" ", 2 if text.startswith("non strict ") else 1)[-1]
    strict = not non_strict and text.startswith("strict ")
    if strict:
        text = text[len("strict "):]
    for kind, words in KINDS.items():
        if text in words and not ((strict or non_strict or global_) and kind == "saddle"):
            return _KindAnswer(kind=kind, strict=strict, non_strict=non_strict, global_=global_)
    return _KindAnswer(problem=f"{shown(answer)} is not one of the accepted words.",
                       hint=f"answer {ACCEPTED_WORDS}.")


_NEAR_POINTS = ("move the point a little along each axis and along a diagonal (by ε, say) and "
                "compare f there with f(point)")
_ONE_AXIS = (" A second derivative of the right sign along one axis says nothing about the "
             "other directions: look at the Hessian's eigenvalues (all of them).")
_SINGULAR = (" The Hessian there is singular and has no eigenvalues of opposite signs, so its "
             "test says nothing: look at f itself near the point.")

#: Diagnoses of a wrong kind, walked in order: (answered kind, true kind, degenerate Hessian
#: or None for either, message). The first row that fits is printed; the message never names
#: the true kind.
_WRONG_KIND: tuple[tuple[str, str | None, bool | None, str], ...] = (
    ("minimum", None, None,
     "the gradient is zero there, but that is not enough for a minimum: f takes smaller values "
     "than f(point) arbitrarily close to the point."),
    ("maximum", None, None,
     "the gradient is zero there, but that is not enough for a maximum: f takes larger values "
     "than f(point) arbitrarily close to the point."),
    ("saddle", "minimum", False,
     "a saddle point needs a Hessian with eigenvalues of both signs (f rising in some "
     "directions, falling in others). Recompute the Hessian at the point and the signs of its "
     "eigenvalues."),
    ("saddle", "maximum", False,
     "a saddle point needs a Hessian with eigenvalues of both signs (f rising in some "
     "directions, falling in others). Recompute the Hessian at the point and the signs of its "
     "eigenvalues."),
    ("saddle", "minimum", True,
     "a saddle point needs values of f below f(point) and values above it, arbitrarily close "
     "to the point. Do you find values below? Equal values (such as f(0, ε) = f(0, 0) for "
     "x1²x2²) are not below: they do not make a saddle."),
    ("saddle", "maximum", True,
     "a saddle point needs values of f below f(point) and values above it, arbitrarily close "
     "to the point. Do you find values above? Equal values are not above: they do not make a "
     "saddle."),
    ("saddle", "flat", None,
     "a saddle point needs values of f below and above f(point) arbitrarily close to it; "
     "look at f near the point again."),
)


def check_stationary_point(answer: Any, f: sympy.Expr | str, point: Sequence[float],
                           variables: Sequence[str] = ("x1", "x2")) -> Verdict:
    """Check a student's classification of a stationary point; print feedback, never the answer.

    The reference is :func:`classify_stationary_point`. Accepted words: ``"minimum"``,
    ``"maximum"``, ``"saddle"`` and their variants in :data:`KINDS`; ``"strict minimum"``
    (``"strict maximum"``) only where f(x) > f(point) (<) for every x ≠ point nearby,
    ``"non-strict minimum"`` only where it is not strict. The word "global" is accepted only
    where SymPy proves f − f(point) ≥ 0 (≤ 0) everywhere (the reply adds that the local kind is
    enough), and refused elsewhere: the Hessian and the values of f near the point decide only
    local questions. A wrong kind is diagnosed by what f does near the point (table
    ``_WRONG_KIND``): "minimum" at a saddle point (the gradient is zero, but f takes smaller
    values arbitrarily close; a positive second derivative along one axis says nothing about
    the other directions), "saddle" at a minimum (recompute the Hessian; with a singular
    Hessian, equal values nearby such as the slides' "f(0, ε) = f(0, 0)" do not make a saddle),
    and so on.

    Parameters
    ----------
    answer : str
        ``"minimum"``, ``"maximum"`` or ``"saddle"`` (also "local minimum", "saddle point", ...).
    f : sympy.Expr or str
        The function.
    point : sequence of float
        A point where the gradient of f is zero.
    variables : sequence of str
        The variable names, in order (default ``("x1", "x2")``).

    Returns
    -------
    Verdict
        True when the answer is right (shows nothing in a notebook).

    Raises
    ------
    TypeError, ValueError
        If ``f``, ``point`` or ``variables`` is invalid, or the gradient at ``point`` is not
        zero (a problem of the exercise).

    Examples
    --------
    >>> check_stationary_point("saddle", "x1^2 - x2^2", (0, 0))
    Correct: it is a saddle point: the gradient is zero, but the Hessian has eigenvalues of both signs, so f rises in some directions and falls in others.
    True
    >>> check_stationary_point("minimum", "x1^2 - x2^2", (0, 0))
    Not yet: the gradient is zero there, but that is not enough for a minimum: f takes smaller values than f(point) arbitrarily close to the point. A second derivative of the right sign along one axis says nothing about the other directions: look at the Hessian's eigenvalues (all of them).
    Hint: the Hessian test (f twice continuously differentiable near the point): all eigenvalues > 0: a strict local minimum; all < 0: a strict local maximum; some > 0 and some < 0: a saddle point; all ≥ 0, or all ≤ 0, with some = 0: the test says nothing, look at f itself near the point.
    False
    """
    note_attempt(check_stationary_point, locals())
    truth = classify_stationary_point(f, point, variables)
    read = _read_kind(answer)
    if read.problem:
        return report(False, read.problem, read.hint)
    kind = read.kind
    accepted = {truth.kind} if truth.kind != "flat" else {"minimum", "maximum"}
    if read.global_ and kind in accepted and not truth.global_:
        # (a wrong kind with "global" gets the wrong kind's diagnosis below)
        sign = "≥" if kind == "minimum" else "≤"
        return report(False, f"{shown(answer)} also says 'global': f(x) {sign} f(point) for "
                             "every x, far from the point too. The Hessian and the values of f "
                             "near the point decide only what f does near it, and this "
                             "exercise asks only that; 'global' is not shown here (and fails "
                             "for many functions: look at f far from the point).",
                      f"answer with a local word: {ACCEPTED_WORDS}.")
    if kind in accepted:
        if read.non_strict and truth.strict:
            return report(False, "the kind is right, but 'non-strict' claims points x ≠ point "
                                  "arbitrarily close with f(x) = f(point).",
                           f"{_NEAR_POINTS}: do you find equal values?")
        if read.strict and not truth.strict:
            return report(False, f"the kind is right, but not 'strict': f takes the value "
                                  f"f(point) at points arbitrarily close to the point, and a "
                                  f"strict {kind} needs f(x) {'>' if kind == 'minimum' else '<'}"
                                  f" f(point) for every x ≠ point nearby.",
                           f"{_NEAR_POINTS}: do you find equal values?")
        if truth.kind == "flat":
            return report(True, "f is constant near the point, so it is both a (non-strict) "
                                 "minimum and a (non-strict) maximum.")
        if truth.degenerate and truth.kind == "saddle":
            return report(True, "it is a saddle point: the Hessian there is singular with no "
                                 "eigenvalues of opposite signs, so its test says nothing; f "
                                 "takes smaller and larger values than f(point) arbitrarily "
                                 "close to the point.")
        everywhere = ""
        if read.global_:
            sign = "≥" if kind == "minimum" else "≤"
            everywhere = (f" It is even global: f − f(point) {sign} 0 everywhere. This exercise "
                          f"asks only for the local kind, so '{kind}' is enough; the Hessian "
                          f"and the values near the point cannot show 'global'.")
        if truth.degenerate:
            strictness = "strict" if truth.strict else "non-strict"
            return report(True, f"it is a {strictness} local {truth.kind}. The Hessian there is "
                                 "singular with no eigenvalues of opposite signs, so its test "
                                 "says nothing and you had to look at f itself." + everywhere)
        if kind == "saddle":
            return report(True, "it is a saddle point: the gradient is zero, but the Hessian "
                                 "has eigenvalues of both signs, so f rises in some directions "
                                 "and falls in others.")
        sign = "positive" if kind == "minimum" else "negative"
        return report(True, f"it is a strict local {kind}: the Hessian there is {sign} "
                             f"definite (all its eigenvalues are {sign})." + everywhere)
    for answered, true_kind, degenerate, message in _WRONG_KIND:
        if answered == kind and true_kind in (None, truth.kind) and \
                degenerate in (None, truth.degenerate):
            break
    else:  # pragma: no cover - the table covers every wrong pair
        message = "this is not the kind of this stationary point."
    if kind in ("minimum", "maximum") and truth.degenerate:
        message += _SINGULAR
    elif kind in ("minimum", "maximum") and any(
            (d > 0 if kind == "minimum" else d < 0) for d in truth.diagonal):
        message += _ONE_AXIS
    return report(False, message, _RULE)

