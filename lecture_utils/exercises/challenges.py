"""``check_stationary_point`` and ``check_bold_driver_step``: the exercises of notebook 09.

* :func:`check_stationary_point` — is a stationary point a minimum, a maximum or a saddle
  point? Decided from the exact Hessian (SymPy) when it is definite or indefinite, and from the
  values of f around the point when the Hessian is singular (the second-derivative test is
  then inconclusive, as for the slides' x1²x2² at the origin). Diagnoses the confusions
  "zero gradient, so a minimum" and "f(0, ε) = f(0, 0), so a saddle".
* :func:`check_bold_driver_step` — one step of the bold driver (MML §7.1.1) computed by hand:
  the next point and the next step size. The reference is one iteration of
  :func:`lecture_utils.maths.optimize.gradient_descent` with
  :class:`~lecture_utils.maths.optimize.BoldDriver`. Diagnoses a kept uphill step, an undone
  downhill step, a step along +∇f, the new step size used too early, and a step size changed
  the wrong way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import sympy

from .._validation import check_array, check_real_number, shown
from ._common import Verdict, _all_close, _missing_answer, _report
from .matrix import _check_variables_list, _reference_components

__all__ = ["check_stationary_point", "check_bold_driver_step", "classify_stationary_point"]

#: The words accepted for each kind of stationary point (compared in lower case).
KINDS: dict[str, tuple[str, ...]] = {
    "minimum": ("minimum", "local minimum", "min", "minimiser", "minimizer", "local min",
                "strict local minimum", "global minimum"),
    "maximum": ("maximum", "local maximum", "max", "maximiser", "maximizer", "local max",
                "strict local maximum", "global maximum"),
    "saddle": ("saddle", "saddle point", "saddlepoint"),
}
#: Radii and number of directions of the samples around a point with a singular Hessian.
_RADII = (1e-1, 3e-2, 1e-2)
_DIRECTIONS = 72
_RULE = ("all eigenvalues of the Hessian > 0: a strict local minimum; all < 0: a strict local "
         "maximum; both signs: a saddle point; an eigenvalue 0: the test says nothing, look at "
         "f itself near the point.")


@dataclass(frozen=True)
class StationaryPoint:
    """What :func:`classify_stationary_point` found at a point with zero gradient."""

    kind: str                   # "minimum", "maximum", "saddle" or "flat"
    eigenvalues: np.ndarray     # of the Hessian, ascending
    degenerate: bool            # the Hessian is singular: its test is inconclusive


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
    >>> found.kind, found.degenerate
    ('minimum', True)
    >>> classify_stationary_point("x1^2 + x2^2", (1, 0))
    Traceback (most recent call last):
    ...
    ValueError: point must be a stationary point of f (zero gradient), but the gradient at (1, 0) is [2, 0]
    """
    names = _check_variables_list(variables)
    symbols = [sympy.Symbol(v, real=True) for v in names]
    (expr,) = _reference_components(f, names, symbols, vector=False)
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
        return StationaryPoint("minimum", eigenvalues, False)
    if np.all(negative):
        return StationaryPoint("maximum", eigenvalues, False)
    if np.any(positive) and np.any(negative):
        return StationaryPoint("saddle", eigenvalues, False)
    # Singular Hessian: look at f itself on small spheres around the point.
    from ..maths.parser import to_numpy_function

    function = to_numpy_function(expr.xreplace({s: sympy.Symbol(s.name) for s in symbols}),
                                 names)
    centre = float(function(*where))
    samples = np.concatenate([where + r * _directions(len(names)) for r in _RADII])
    with np.errstate(all="ignore"):
        nearby = np.asarray(function(*samples.T), dtype=float) - centre
    tolerance = 1e-13 * max(1.0, abs(centre))
    lower, higher = bool(np.any(nearby < -tolerance)), bool(np.any(nearby > tolerance))
    kind = "saddle" if lower and higher else "maximum" if lower else \
        "minimum" if higher else "flat"
    return StationaryPoint(kind, eigenvalues, True)


def _read_kind(answer: Any) -> tuple[str | None, str | None, str | None]:
    """(kind, problem, hint) from a student's answer."""
    forms = "'minimum', 'maximum' or 'saddle'"
    missing = _missing_answer(answer, f"one of the words {forms}")
    if missing:
        return None, missing, f"give your answer as a string: {forms}."
    if not isinstance(answer, str):
        return None, (f"your answer is a {type(answer).__name__}, not a word."), \
            f"give your answer as a string: {forms}."
    text = " ".join(answer.strip().lower().replace("-", " ").split())
    for kind, words in KINDS.items():
        if text in words:
            return kind, None, None
    return None, f"{shown(answer)} is not one of the kinds of stationary point.", \
        f"answer {forms}."


def check_stationary_point(answer: Any, f: sympy.Expr | str, point: Sequence[float],
                           variables: Sequence[str] = ("x1", "x2")) -> Verdict:
    """Check a student's classification of a stationary point; print feedback, never the answer.

    The reference is :func:`classify_stationary_point`. A wrong answer is diagnosed by what f
    does near the point: "minimum" at a saddle point (the gradient is zero, but f takes
    smaller values arbitrarily close), "saddle" at a minimum (f takes no smaller value nearby:
    the slides' reasoning "f(0, ε) = f(0, 0)" does not make a saddle), and so on.

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
    bool
        Whether the answer is right.

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
    Hint: all eigenvalues of the Hessian > 0: a strict local minimum; all < 0: a strict local maximum; both signs: a saddle point; an eigenvalue 0: the test says nothing, look at f itself near the point.
    False
    """
    truth = classify_stationary_point(f, point, variables)
    kind, problem, hint = _read_kind(answer)
    if problem:
        return _report(False, problem, hint)
    accepted = {truth.kind} if truth.kind != "flat" else {"minimum", "maximum"}
    if kind in accepted:
        if truth.kind == "flat":
            return _report(True, "f is constant near the point, so it is both a (non-strict) "
                                 "minimum and a (non-strict) maximum.")
        if truth.degenerate:
            name = "saddle point" if truth.kind == "saddle" else f"(non-strict) local {truth.kind}"
            return _report(True, f"it is a {name}. The Hessian there is singular (an eigenvalue "
                                 "is 0), so its test is inconclusive and you had to look at f "
                                 "itself.")
        if kind == "saddle":
            return _report(True, "it is a saddle point: the gradient is zero, but the Hessian "
                                 "has eigenvalues of both signs, so f rises in some directions "
                                 "and falls in others.")
        sign = "positive" if kind == "minimum" else "negative"
        return _report(True, f"it is a strict local {kind}: the Hessian there is {sign} "
                             f"definite (all its eigenvalues are {sign}).")
    singular = (" The Hessian there is singular (an eigenvalue is 0), so its test says "
                "nothing: look at f itself near the point." if truth.degenerate else "")
    falls = "f takes smaller values than f(point) arbitrarily close to the point"
    rises = "f takes larger values than f(point) arbitrarily close to the point"
    if kind == "minimum":
        message = f"the gradient is zero there, but that is not enough for a minimum: {falls}."
    elif kind == "maximum":
        message = f"the gradient is zero there, but that is not enough for a maximum: {rises}."
    elif truth.kind == "minimum":
        message = ("a saddle point needs values of f below f(point) arbitrarily close to it, "
                   "but near this point f never goes below f(point).")
        if truth.degenerate:
            message += (" Equal values nearby (such as f(0, ε) = f(0, 0) for x1²x2²) do not "
                        "make a saddle.")
    elif truth.kind == "maximum":
        message = ("a saddle point needs values of f above f(point) arbitrarily close to it, "
                   "but near this point f never goes above f(point).")
    else:  # "flat" answered "saddle"
        message = "f is constant near the point: it has no smaller and no larger values there."
    return _report(False, message + singular, _RULE)


# ---------------------------------------------------------------------- bold driver ----

def _read_step_answer(answer: Any, n: int) -> tuple[np.ndarray | None, float | None, str | None]:
    forms = "a pair (next point, next step size), e.g. ([0.5, 1.0], 0.2)"
    missing = _missing_answer(answer, forms)
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
    bool

    Examples
    --------
    >>> check_bold_driver_step(([0.5, 0.0], 0.275), "x1^2 + x2^2", [1.0, 0.0], 0.25)
    Correct: the step decreases f, so the bold driver keeps it and grows the step size.
    True
    >>> check_bold_driver_step(([-2.0, 0.0], 1.65), "x1^2 + x2^2", [1.0, 0.0], 1.5)
    Not yet: your next point is the trial step, but that step increases f: the bold driver undoes it (the point stays where it was). Your step size should not grow after a step that increases f.
    Hint: try x − γ∇f(x)ᵀ; if f does not increase, keep it and multiply γ by 1.1; if it increases, stay at x and multiply γ by 0.5.
    False
    """
    from ..maths.optimize import BoldDriver, gradient_descent
    from ..maths.parser import to_numpy_function

    names = _check_variables_list(variables)
    symbols = [sympy.Symbol(v, real=True) for v in names]
    (expr,) = _reference_components(f, names, symbols, vector=False)
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
    hint = (f"try x − γ∇f(x)ᵀ; if f does not increase, keep it and multiply γ by "
            f"{rule.grow:g}; if it increases, stay at x and multiply γ by {rule.shrink:g}.")

    point, new_step, problem = _read_step_answer(answer, len(names))
    if problem:
        return _report(False, problem, "give ([x1, x2], γ) with the numbers of your step.")
    tolerance = {"rtol": 1e-6}
    point_ok = _all_close(point, reference_point, **tolerance)
    step_ok = _all_close(new_step, reference_step, **tolerance)
    if point_ok and step_ok:
        verdict = ("the step decreases f, so the bold driver keeps it and grows the step size."
                   if accepted else "the step would increase f, so the bold driver undoes it "
                   "and shrinks the step size.")
        return _report(True, verdict)

    g = gradient(x)
    trial, uphill = x - step * g, x + step * g
    problems = []
    if not point_ok:
        if not accepted and _all_close(point, trial, **tolerance):
            problems.append("your next point is the trial step, but that step increases f: the "
                            "bold driver undoes it (the point stays where it was).")
        elif accepted and _all_close(point, x, **tolerance):
            problems.append("you stayed at x, but the trial step does not increase f: the bold "
                            "driver keeps it.")
        elif _all_close(point, uphill, **tolerance):
            problems.append("your next point moves along +∇f, uphill: a descent step "
                            "subtracts γ∇f(x)ᵀ.")
        elif any(_all_close(point, x - s * g, **tolerance) for s in
                 (step * rule.grow, step * rule.shrink)):
            problems.append("your next point uses the updated step size; the step is taken "
                            "with the current γ, and the new γ applies to the next iteration.")
        else:
            problems.append("your next point is not the result of one bold-driver step from x.")
    if not step_ok:
        if _all_close(new_step, step, **tolerance):
            problems.append("you kept the step size, but the bold driver changes it after every "
                            "step.")
        elif accepted and _all_close(new_step, step * rule.shrink, **tolerance):
            problems.append("you shrank the step size after a step that does not increase f.")
        elif not accepted and _all_close(new_step, step * rule.grow, **tolerance):
            problems.append("your step size should not grow after a step that increases f.")
        else:
            problems.append(f"your next step size is not γ·{rule.grow:g} or γ·{rule.shrink:g}.")
    message = problems[0] + "".join(" " + p[0].upper() + p[1:] for p in problems[1:])
    return _report(False, message, hint)
