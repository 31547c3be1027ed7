"""``check_stationary_point`` and ``check_bold_driver_step``: the exercises of notebook 09.

* :func:`check_stationary_point` — is a stationary point a minimum, a maximum or a saddle
  point? Decided from the exact Hessian (SymPy) when it is definite or indefinite, and from the
  values of f around the point when the Hessian is singular without eigenvalues of both signs
  (the second-derivative test is then inconclusive, as for the slides' x1²x2² at the origin).
  Diagnoses the confusions "zero gradient, so a minimum" and "f(0, ε) = f(0, 0), so a
  saddle"; accepts "strict" only at a strict extremum and refuses "global".
* :func:`check_bold_driver_step` — one step of the bold driver (MML §7.1.1) computed by hand:
  the next point and the next step size. The reference is one iteration of
  :func:`lecture_utils.maths.optimize.gradient_descent` with
  :class:`~lecture_utils.maths.optimize.BoldDriver`. Diagnoses (a table, ``_STEP_DIAGNOSES``)
  the wrong branch of the rule, a point and a step size from different branches, a step along
  +∇f, the new step size used too early, and an unchanged step size — without saying whether
  the trial step increases f.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import sympy

from .._validation import check_array, check_real_number, shown
from .common import Verdict, all_close, missing_answer, report
from .matrix_answers import check_variables_list, reference_components

__all__ = ["check_stationary_point", "check_bold_driver_step", "classify_stationary_point"]

#: The words accepted for each kind of stationary point (compared in lower case, hyphens and
#: repeated spaces ignored). "strict " may precede a minimum or maximum word; "global" is refused
#: (the Hessian and the values of f near the point decide only local questions).
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
                  "every x ≠ point nearby)")
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
    scale = max(1.0, float(np.max(np.abs(eigenvalues))))
    positive, negative = eigenvalues > 1e-9 * scale, eigenvalues < -1e-9 * scale
    if np.all(positive):
        return StationaryPoint("minimum", eigenvalues, False, True)
    if np.all(negative):
        return StationaryPoint("maximum", eigenvalues, False, True)
    if np.any(positive) and np.any(negative):
        return StationaryPoint("saddle", eigenvalues, False)
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
    return StationaryPoint(kind, eigenvalues, True, kind in ("minimum", "maximum") and not equal)


@dataclass(frozen=True)
class _KindAnswer:
    kind: str | None = None         # "minimum", "maximum" or "saddle"
    strict: bool = False            # the answer said "strict"
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
    if "global" in text.split():
        return _KindAnswer(
            problem=(f"{shown(answer)} says more than this exercise asks: the Hessian and the "
                     "values of f near the point decide only what f does near it, not whether "
                     "f is lower anywhere else."),
            hint=f"answer with a local word: {ACCEPTED_WORDS}.")
    strict = text.startswith("strict ")
    if strict:
        text = text[len("strict "):]
    for kind, words in KINDS.items():
        if text in words and not (strict and kind == "saddle"):
            return _KindAnswer(kind=kind, strict=strict)
    return _KindAnswer(problem=f"{shown(answer)} is not one of the accepted words.",
                       hint=f"answer {ACCEPTED_WORDS}.")


_NEAR_POINTS = ("move the point a little along each axis and along a diagonal (by ε, say) and "
                "compare f there with f(point)")
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
    (``"strict maximum"``) only where f(x) > f(point) (<) for every x ≠ point nearby. The word
    "global" is refused: the Hessian and the values of f near the point decide only local
    questions. A wrong kind is diagnosed by what f does near the point (table
    ``_WRONG_KIND``): "minimum" at a saddle point (the gradient is zero, but f takes smaller
    values arbitrarily close), "saddle" at a minimum (recompute the Hessian; with a singular
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
    Not yet: the gradient is zero there, but that is not enough for a minimum: f takes smaller values than f(point) arbitrarily close to the point.
    Hint: the Hessian test (f twice continuously differentiable near the point): all eigenvalues > 0: a strict local minimum; all < 0: a strict local maximum; some > 0 and some < 0: a saddle point; all ≥ 0, or all ≤ 0, with some = 0: the test says nothing, look at f itself near the point.
    False
    """
    truth = classify_stationary_point(f, point, variables)
    read = _read_kind(answer)
    if read.problem:
        return report(False, read.problem, read.hint)
    kind = read.kind
    accepted = {truth.kind} if truth.kind != "flat" else {"minimum", "maximum"}
    if kind in accepted:
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
        if truth.degenerate:
            strictness = "strict" if truth.strict else "non-strict"
            return report(True, f"it is a {strictness} local {truth.kind}. The Hessian there is "
                                 "singular with no eigenvalues of opposite signs, so its test "
                                 "says nothing and you had to look at f itself.")
        if kind == "saddle":
            return report(True, "it is a saddle point: the gradient is zero, but the Hessian "
                                 "has eigenvalues of both signs, so f rises in some directions "
                                 "and falls in others.")
        sign = "positive" if kind == "minimum" else "negative"
        return report(True, f"it is a strict local {kind}: the Hessian there is {sign} "
                             f"definite (all its eigenvalues are {sign}).")
    for answered, true_kind, degenerate, message in _WRONG_KIND:
        if answered == kind and true_kind in (None, truth.kind) and \
                degenerate in (None, truth.degenerate):
            break
    else:  # pragma: no cover - the table covers every wrong pair
        message = "this is not the kind of this stationary point."
    if kind in ("minimum", "maximum") and truth.degenerate:
        message += _SINGULAR
    return report(False, message, _RULE)


# ---------------------------------------------------------------------- bold driver ----

def _read_step_answer(answer: Any, n: int) -> tuple[np.ndarray | None, float | None, str | None]:
    forms = "a pair (next point, next step size), e.g. ([0.5, 1.0], 0.2)"
    missing = missing_answer(answer, forms)
    if missing:
        return None, None, missing
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (tuple, list)) or \
            len(answer) != 2:
        return None, None, f"your answer should be {forms}, got {shown(answer)}."
    raw_point, raw_step = answer
    try:
        point = np.asarray(raw_point, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return None, None, f"the next point {shown(raw_point)} is not a list of numbers."
    if point.size != n:
        return None, None, (f"the next point should have {n} coordinates, yours has "
                            f"{point.size}.")
    if isinstance(raw_step, (bool, np.bool_)) or not isinstance(raw_step, (int, float, np.number)):
        return None, None, f"the next step size {shown(raw_step)} is not a number."
    if not (np.all(np.isfinite(point)) and np.isfinite(float(raw_step))):
        return None, None, "your answer contains NaN or inf."
    return point, float(raw_step), None


def check_bold_driver_step(answer: Any, f: sympy.Expr | str, x: Sequence[float], step: float,
                           *, grow: float = 1.1, shrink: float = 0.5,
                           variables: Sequence[str] = ("x1", "x2")) -> Verdict:
    """Check one bold-driver step computed by hand: ``answer = (next point, next step size)``.

    The bold driver (MML §7.1.1) tries x − γ∇f(x)ᵀ. If f does not increase, it keeps the new
    point and grows γ by ``grow``; if f increases, it undoes the step (stays at x) and shrinks
    γ by ``shrink``. The reference is one iteration of
    :func:`~lecture_utils.maths.optimize.gradient_descent` with
    :class:`~lecture_utils.maths.optimize.BoldDriver` (values compared with relative tolerance
    1e-6, so a hand computation rounded to 7 digits passes).

    Parameters
    ----------
    answer : tuple
        ``(point, step)``: the point after the step (a list of n numbers) and the step size
        for the next iteration.
    f : sympy.Expr or str
        The objective.
    x : sequence of float
        The current point.
    step : float
        The current step size γ.
    grow, shrink : float
        The factors of the rule (1.1 and 0.5 in MML).
    variables : sequence of str
        The variable names, in order.

    Returns
    -------
    Verdict
        True when the answer is right (shows nothing in a notebook).

    Examples
    --------
    >>> check_bold_driver_step(([0.5, 0.0], 0.275), "x1^2 + x2^2", [1.0, 0.0], 0.25)
    Correct: the trial step does not increase f, so the bold driver keeps it and grows the step size.
    True
    >>> check_bold_driver_step(([-2.0, 0.0], 1.65), "x1^2 + x2^2", [1.0, 0.0], 1.5)
    Not yet: you kept the trial point and grew γ, which is right only if the trial step does not increase f. Did you check?
    Hint: compute f at the trial point x − γ∇f(x)ᵀ and compare it with f(x). The rule: if f does not increase, the bold driver keeps the trial point and multiplies γ by 1.1; if f increases, it stays at x and multiplies γ by 0.5.
    False
    """
    from ..maths.optimize import BoldDriver, gradient_descent
    from ..maths.parser import to_numpy_function

    names = check_variables_list(variables)
    symbols = [sympy.Symbol(v, real=True) for v in names]
    (expr,) = reference_components(f, names, symbols, vector=False)
    x = check_array(x, "x", shape=(len(names),))
    step = float(check_real_number(step, "step", positive=True))
    rule = BoldDriver(step, grow, shrink)
    plain = expr.xreplace({s: sympy.Symbol(s.name) for s in symbols})
    value = to_numpy_function(plain, names)
    partials = [to_numpy_function(sympy.diff(plain, sympy.Symbol(v)), names) for v in names]

    def objective(p: np.ndarray) -> float:
        return float(value(*p))

    def gradient(p: np.ndarray) -> np.ndarray:
        return np.array([float(d(*p)) for d in partials])

    run = gradient_descent(gradient, x, rule, n_steps=1, f=objective, tol=0.0)
    accepted = run.n_rejected == 0
    reference_point = run.points[-1]
    reference_step = step * (rule.grow if accepted else rule.shrink)
    hint = (f"{_COMPARE}. The rule: if f does not increase, the bold driver keeps the trial "
            f"point and multiplies γ by {rule.grow:g}; if f increases, it stays at x and "
            f"multiplies γ by {rule.shrink:g}.")

    point, new_step, problem = _read_step_answer(answer, len(names))
    if problem:
        return report(False, problem, "give ([x1, x2], γ) with the numbers of your step.")
    tolerance = {"rtol": 1e-6}
    point_ok = all_close(point, reference_point, **tolerance)
    step_ok = all_close(new_step, reference_step, **tolerance)
    if point_ok and step_ok:
        verdict = ("the trial step does not increase f, so the bold driver keeps it and grows "
                   "the step size."
                   if accepted else "the step would increase f, so the bold driver undoes it "
                   "and shrinks the step size.")
        return report(True, verdict)

    g = gradient(x)
    found = _StepAnswer(
        point=_point_kind(point, x, g, step, rule, tolerance),
        step=("grown" if all_close(new_step, step * rule.grow, **tolerance) else
              "shrunk" if all_close(new_step, step * rule.shrink, **tolerance) else
              "same" if all_close(new_step, step, **tolerance) else "other"),
        accepted=accepted)
    problems = [message for test, message in _STEP_DIAGNOSES if test(found)]
    message = problems[0] + "".join(" " + p[0].upper() + p[1:] for p in problems[1:])
    return report(False, message, hint)


@dataclass(frozen=True)
class _StepAnswer:
    """What a bold-driver answer did: where its point is, how its step size changed."""

    point: str        # "x", "trial", "uphill", "new step" or "other"
    step: str         # "grown", "shrunk", "same" or "other"
    accepted: bool    # the reference keeps the trial step (f does not increase)


def _point_kind(point: np.ndarray, x: np.ndarray, g: np.ndarray, step: float, rule: Any,
                tolerance: dict[str, float]) -> str:
    if all_close(point, x, **tolerance):
        return "x"
    if all_close(point, x - step * g, **tolerance):
        return "trial"
    if all_close(point, x + step * g, **tolerance):
        return "uphill"
    if any(all_close(point, x - s * g, **tolerance) for s in (step * rule.grow,
                                                              step * rule.shrink)):
        return "new step"
    return "other"


_COMPARE = "compute f at the trial point x − γ∇f(x)ᵀ and compare it with f(x)"

#: Diagnoses of a wrong bold-driver step, walked in order; every row that fits is printed.
#: No message says whether the trial step increases f (that comparison is the exercise).
_STEP_DIAGNOSES: tuple[tuple[Callable[[_StepAnswer], bool], str], ...] = (
    (lambda a: a.point == "uphill",
     "your next point moves along +∇f, uphill: a descent step subtracts γ∇f(x)ᵀ."),
    (lambda a: a.point == "new step",
     "your next point uses the updated step size; the step is taken with the current γ, and "
     "the new γ applies to the next iteration."),
    (lambda a: a.point == "other",
     "your next point is neither x nor the trial point x − γ∇f(x)ᵀ: after one step the bold "
     "driver stands at one of these two."),
    (lambda a: a.step == "same",
     "you kept the step size, but the bold driver changes it after every step."),
    (lambda a: a.step == "other",
     "your next step size is neither γ times the growth factor nor γ times the shrink factor."),
    (lambda a: (a.point, a.step) in (("trial", "shrunk"), ("x", "grown")),
     "your point and your step size disagree: keeping the trial point goes with growing γ, "
     "staying at x with shrinking it. The same comparison of f decides both."),
    (lambda a: (a.point, a.step) == ("trial", "grown") and not a.accepted,
     "you kept the trial point and grew γ, which is right only if the trial step does not "
     "increase f. Did you check?"),
    (lambda a: (a.point, a.step) == ("x", "shrunk") and a.accepted,
     "you undid the step and shrank γ, which is right only if the trial step increases f. "
     "Did you check?"),
)
