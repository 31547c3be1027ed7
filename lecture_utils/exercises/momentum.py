"""``check_bold_driver_step``: the exercise of notebook 10 (step sizes and momentum).

One step of the bold driver (the heuristic of MML §7.1.1; the name and the factors 1.1 and ½ are
not MML's) computed by hand: the next point and the next step
size. The reference is one iteration of :func:`lecture_utils.maths.optimize.gradient_descent`
with :class:`~lecture_utils.maths.optimize.BoldDriver`. Diagnoses (a table,
``_STEP_DIAGNOSES``) the wrong branch of the rule, a point and a step size from different
branches, a step along +∇f, the new step size used too early (which one), and an unchanged step
size — without saying whether the trial step increases f.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import sympy

from .._validation import check_array, check_real_number, shown
from .assist import note_attempt
from .common import Verdict, all_close, missing_answer, report
from .matrix_answers import check_variables_list, reference_components

__all__ = ["check_bold_driver_step"]


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

    The bold driver (the heuristic of MML §7.1.1) tries x − γ∇f(x)ᵀ. If f does not increase, it keeps the new
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
        The factors of the rule (1.1 and 0.5 here, our choice: MML gives none).
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
    Hint: compute f at the trial point x − γ∇f(x)ᵀ and compare it with f(x).
    False
    """
    note_attempt(check_bold_driver_step, locals())
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
    hint = f"{_COMPARE}."           # the nudge of hint 1; the rule itself is hint 2

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

    point: str        # "x", "trial", "uphill", "grown step", "shrunk step" or "other"
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
    for name, factor in (("grown step", rule.grow), ("shrunk step", rule.shrink)):
        if all_close(point, x - step * factor * g, **tolerance):
            return name
    return "other"


_COMPARE = "compute f at the trial point x − γ∇f(x)ᵀ and compare it with f(x)"

#: Diagnoses of a wrong bold-driver step, walked in order; every row that fits is printed.
#: No message says whether the trial step increases f (that comparison is the exercise).
_STEP_DIAGNOSES: tuple[tuple[Callable[[_StepAnswer], bool], str], ...] = (
    (lambda a: a.point == "uphill",
     "your next point moves along +∇f, uphill: a descent step subtracts γ∇f(x)ᵀ."),
    (lambda a: a.point == "grown step",
     "your next point is taken with γ times the growth factor; the step is taken with the "
     "current γ, and the new γ applies to the next iteration."),
    (lambda a: a.point == "shrunk step",
     "your next point is taken with γ times the shrink factor; the step is taken with the "
     "current γ, and the new γ applies to the next iteration."),
    (lambda a: (a.point, a.step) in (("grown step", "shrunk"), ("shrunk step", "grown")),
     "the γ of that step is not even the new γ you give."),
    (lambda a: a.point == "other",
     "your next point is neither x nor the trial point x − γ∇f(x)ᵀ: after one step the bold "
     "driver stands at one of these two. Check your gradient: ∇f(x) has one entry per "
     "variable (differentiate f by each); is your point x − γ∇f(x)ᵀ?"),
    (lambda a: a.step == "same",
     "you kept the step size, but the bold driver changes it after every step."),
    (lambda a: a.step == "other",
     "your next step size is neither γ times the growth factor nor γ times the shrink factor."),
    (lambda a: (a.point, a.step) in (("trial", "shrunk"), ("x", "grown"), ("grown step", "shrunk"),
                                     ("shrunk step", "shrunk")),
     "your point and your step size disagree: keeping the trial point goes with growing γ, "
     "staying at x with shrinking it (after shrinking γ the bold driver does not move). The "
     "same comparison of f decides both."),
    (lambda a: (a.point, a.step) == ("trial", "grown") and not a.accepted,
     "you kept the trial point and grew γ, which is right only if the trial step does not "
     "increase f. Did you check?"),
    (lambda a: (a.point, a.step) == ("x", "shrunk") and a.accepted,
     "you undid the step and shrank γ, which is right only if the trial step increases f. "
     "Did you check?"),
)
