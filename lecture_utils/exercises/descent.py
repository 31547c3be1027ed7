"""``check_gradient_step`` and ``check_step_size_bound``: one step of gradient descent on a
quadratic, and the bound 2/λmax of the stable constant steps (gradient descent converges from
every start exactly when 0 < γ < 2/λmax), with the usual slips diagnosed (never the answer).

The quadratic is f(x) = ½ xᵀAx − b x (b a row vector), the slides' example by default:
A = [[2, 1], [1, 20]], b = [5, 3], x0 = [−3, −1]ᵀ. Its gradient is the row xᵀA − b.
"""

from __future__ import annotations

import math
import numbers
import sys
from typing import Any

import numpy as np

from .._validation import check_array, check_real_number
from .assist import note_attempt
from .common import (
    TOO_LARGE,
    Verdict,
    all_close,
    diagnose_scalar_factor,
    float_array,
    format_factor,
    missing_answer,
    report,
)

__all__ = ["check_gradient_step", "check_step_size_bound", "SLIDES_A", "SLIDES_B", "SLIDES_X0"]

#: The slides' example f(x) = ½ xᵀAx − b x, started at x0.
SLIDES_A = ((2.0, 1.0), (1.0, 20.0))
SLIDES_B = (5.0, 3.0)
SLIDES_X0 = (-3.0, -1.0)

#: Relative tolerance of the step checks (a value typed with 4 significant digits passes
#: :func:`check_step_size_bound`; :func:`check_gradient_step` wants the computed numbers).
STEP_RTOL = 1e-8
BOUND_RTOL = 5e-4


def _read_numbers(answer: Any, what: str, example: str
                  ) -> tuple[np.ndarray | None, str | None, str | None]:
    """The answer as a float array, or a problem and a hint."""
    missing = missing_answer(answer, what)
    if missing:
        return None, missing, f"write {what}, e.g. {example}."
    if isinstance(answer, str):
        return None, ("your answer is a text (a str); give numbers (a list or a NumPy "
                      "array), not a string."), "compute it in Python, e.g. with NumPy's @."
    values, why = float_array(answer)
    if values is None:
        return None, TOO_LARGE if why == "too large" else (
            f"your answer ({type(answer).__name__}) is not a number or an array of "
            "numbers."), f"give {what}, e.g. {example}."
    if not np.all(np.isfinite(values)):
        return None, "your answer contains NaN or infinity.", \
            "a step of gradient descent from a finite point with a finite step stays finite."
    return values, None, None


def _quadratic_inputs(A: Any, b: Any, x0: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    A = check_array(A, "A", ndim=2)
    n = A.shape[0]
    if A.shape != (n, n):
        raise ValueError(f"A must be a square matrix, got shape {A.shape}")
    if not np.allclose(A, A.T):
        raise ValueError("A must be symmetric (the checker uses the gradient of ½xᵀAx − b x "
                         "for a symmetric A)")
    b = check_array(b, "b").reshape(-1)
    x0 = check_array(x0, "x0").reshape(-1)
    if b.shape != (n,) or x0.shape != (n,):
        raise ValueError(f"b and x0 must have {n} entries to match A, got {b.size} and {x0.size}")
    return A, b, x0


#: The hint after a wrong gradient: how to find it, not what it is.
_GRADIENT_HINT = ("differentiate f term by term (the quadratic and the linear term), "
                  "evaluate the row at x0, then step against it.")


def check_gradient_step(answer: Any, step: float = 0.05, *, A: Any = SLIDES_A,
                        b: Any = SLIDES_B, x0: Any = SLIDES_X0) -> Verdict:
    """Check x1 = x0 − γ ∇f(x0)ᵀ for f(x) = ½ xᵀAx − b x; print what is wrong, never x1
    and never the gradient's formula.

    The answer must be the n numbers of x1 (a flat list, a 1-d array, a column or a row):
    fewer or more are refused. Then the diagnoses are walked in this order (a table of
    (candidate point, message, hint)): the gradient ∇f(x0) or the change ±γ∇f(x0)ᵀ instead
    of the new point; a step along the gradient (uphill); a wrong gradient (the linear term
    missing or with the wrong sign, a factor ½ or 2 on the quadratic term, only the linear
    term), stepped against or along; two steps instead of one; a step of another size
    (c·γ); otherwise which entries are wrong.

    Parameters
    ----------
    answer : array_like
        The student's x1: n numbers.
    step : float
        γ (default 0.05).
    A, b, x0 : array_like
        The quadratic and the start (default: the slides' example).

    Returns
    -------
    Verdict
        True when the answer is right (it shows nothing in a notebook).

    Examples
    --------
    >>> check_gradient_step([-2.4, 0.3], 0.05)
    Correct: that is x1, one step of size γ = 0.05 from x0 against the gradient.
    True
    >>> check_gradient_step([-3.6, -2.3], 0.05)
    Not yet: your point is x0 + γ∇f(x0)ᵀ: a step along the gradient (uphill), not against it.
    Hint: check the sign of the change you added to x0.
    False
    """
    note_attempt(check_gradient_step, locals())
    gamma = float(check_real_number(step, "step", positive=True))
    A, b, x0 = _quadratic_inputs(A, b, x0)
    with np.errstate(all="ignore"):   # every candidate x0 − γ·g below stays finite
        largest = gamma * 4 * float(np.max(np.abs(x0) @ np.abs(A) + np.abs(b)))
    if not np.isfinite(largest + float(np.max(np.abs(x0)))):
        raise ValueError(f"step must be small enough that a step from x0 stays finite, "
                         f"got {gamma:g}")
    n = x0.size
    values, problem, hint = _read_numbers(answer, f"the new point x1 ({n} numbers)",
                                          "[1.5, -0.25]" if n == 2 else "a list")
    if problem:
        return report(False, problem, hint)
    if values.size != n or values.ndim > 2:
        return report(False, f"your answer has shape {values.shape}, but x1 is a point in "
                       f"R^{n}: exactly {n} numbers.",
                       "x1 has the shape of x0 (give a flat list of its entries).")
    x = values.reshape(-1)
    gradient = x0 @ A - b
    x1 = x0 - gamma * gradient

    if all_close(x, x1, rtol=STEP_RTOL):
        return report(True, f"that is x1, one step of size γ = {gamma:g} from x0 against "
                       "the gradient.")
    table: list[tuple[np.ndarray, str, str]] = [
        (gradient, "your answer is the gradient ∇f(x0) itself, not the new point.",
         "the gradient gives the direction of the step; the new point is the start moved "
         "against it by γ times its length."),
        (-gamma * gradient, "your answer is only the change of the step: the start x0 is "
                            "missing.", "the new point is the start plus the change."),
        (gamma * gradient, "your answer is only a change (and its sign is that of a step "
                           "uphill): the start x0 is missing.",
         "the new point is the start plus the change; check the change's sign too."),
        (x0 + gamma * gradient, "your point is x0 + γ∇f(x0)ᵀ: a step along the gradient "
                                "(uphill), not against it.",
         "check the sign of the change you added to x0."),
    ]
    wrong_gradients: list[tuple[np.ndarray, str]] = [
        (x0 @ A, "the gradient you used has no term from the linear part −b x of f"),
        (x0 @ A + b, "the gradient you used has the derivative of the linear part −b x with "
                     "the wrong sign"),
        (0.5 * x0 @ A - b, "the quadratic term of the gradient you used is half as large "
                           "as it should be (a ½ too many)"),
        (2 * x0 @ A - b, "the quadratic term of the gradient you used is twice as large as "
                         "it should be (the ½ of f not used)"),
        (-b, "the gradient you used has only the linear part's derivative: the quadratic "
             "term's is missing"),
    ]
    off_diagonal = A - np.diag(np.diag(A))
    if np.any(off_diagonal != 0):
        mixed = "the mixed term x1x2" if n == 2 else "the mixed terms x_i x_j (i ≠ j)"
        wrong_gradients += [
            (x0 @ (A - off_diagonal) - b, f"the gradient you used misses the derivative of "
                                          f"{mixed} of f"),
            (x0 @ (A + off_diagonal) - b, f"the gradient you used has the derivative of "
                                          f"{mixed} of f twice as large as it should be"),
        ]
    if n >= 2 and not np.allclose(gradient[::-1], gradient):
        wrong_gradients.append((gradient[::-1], "the entries of the gradient you used are "
                                                "swapped (entry i should be ∂f/∂x_i)"))
    for g, message in wrong_gradients:
        table.append((x0 - gamma * g, message + ".", _GRADIENT_HINT))
        table.append((x0 + gamma * g, message + ", and the step goes along it (uphill), not "
                      "against it.", _GRADIENT_HINT))
    table.append((x1 - gamma * (x1 @ A - b), "your answer is x2: you took two steps.",
                  "the question asks for x1, one step from x0."))
    for candidate, message, tip in table:
        if all_close(x, candidate, rtol=STEP_RTOL):
            return report(False, message, tip)
    relation = diagnose_scalar_factor(x0 - x, gamma * gradient, rtol=STEP_RTOL, offset=False)
    if relation is not None and relation.kind == "factor":
        return report(False, f"your step has the right direction but "
                       f"{format_factor(relation.value)} times the length: you used a step "
                       f"size other than γ = {gamma:g}.",
                       "multiply the gradient by γ exactly once.")
    wrong = [i + 1 for i in range(n) if not all_close(x[i], x1[i], rtol=STEP_RTOL)]
    entries = " and ".join(f"entry {i}" for i in wrong)
    return report(False, f"{entries} of your x1 {'is' if len(wrong) == 1 else 'are'} wrong "
                   f"({n - len(wrong)} of {n} right).",
                   "recompute the wrong entry: the same entry of the gradient at x0, times "
                   "γ, taken away from the same entry of x0." if len(wrong) == 1 else
                   _GRADIENT_HINT)


#: The hint of the step-size bound: the method, not the result.
_BOUND_HINT = ("along the eigenvector v_i of A the error is multiplied by 1 − γλ_i at every "
               "step; it shrinks from every start exactly when every factor has "
               "|1 − γλ_i| < 1. Solve that for γ.")


def check_step_size_bound(answer: Any, A: Any = SLIDES_A) -> Verdict:
    """Check the bound γ̄ of the stable constant steps of gradient descent on ½xᵀAx − b x:
    it converges from every start exactly when 0 < γ < γ̄ (and not at γ = γ̄).

    The answer must be one number. Diagnosed (a table of (candidate, message, hint) walked
    in order): the eigenvalue λmin instead of λmax (2/λmin, 1/λmin); a factor 2 missing; the
    best step 2/(λmin + λmax) instead of the bound; a bound with the units of an eigenvalue
    (λmax/2, 2λmax); the largest diagonal entry instead of an eigenvalue (2/trace(A) is
    2/(λmin + λmax) in 2-D: the best step);
    otherwise whether it is too large or too small. No message prints the bound.

    Parameters
    ----------
    answer : float
        The student's bound (4 significant digits suffice).
    A : array_like
        The symmetric positive definite Hessian (default: the slides' example).

    Returns
    -------
    Verdict

    Examples
    --------
    >>> A = [[2, 1], [1, 20]]
    >>> check_step_size_bound(2 / max(np.linalg.eigvalsh(A)), A)
    Correct: γ̄ = 2/λmax: gradient descent converges from every start exactly when 0 < γ < 2/λmax; at γ = 2/λmax the steepest component of the error swings back and forth for ever.
    True
    >>> check_step_size_bound(1 / max(np.linalg.eigvalsh(A)), A)
    Not yet: your bound is too small by a constant factor: steps a little above it still converge from every start.
    Hint: check where |1 − γλ| leaves (−1, 1) as γ grows, for each eigenvalue λ of A: at your bound, is the factor closer to 0 or to −1?
    False
    """
    note_attempt(check_step_size_bound, locals())
    A = check_array(A, "A", ndim=2)
    if A.shape[0] != A.shape[1] or not np.allclose(A, A.T):
        raise ValueError(f"A must be a symmetric square matrix, got shape {A.shape}")
    eigen = np.linalg.eigvalsh((A + A.T) / 2)
    if eigen[0] <= 0:
        raise ValueError(f"A must be positive definite, its smallest eigenvalue is {eigen[0]:g}")
    missing = missing_answer(answer, "one number, e.g. computed with np.linalg.eigvalsh(A)")
    if missing:
        return report(False, missing, "write the bound as one number (a float), computed "
                       "from the eigenvalues of A (np.linalg.eigvalsh).")
    value = answer
    if isinstance(answer, np.ndarray) and answer.size == 1:
        value = answer.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        return report(False, f"your answer ({type(answer).__name__}) is not one number.",
                       "the bound is a single step size γ̄: one number, not a list.")
    value = float(value) if abs(value) <= sys.float_info.max else math.inf
    if not np.isfinite(value):
        return report(False, "your answer is not a finite number.", _BOUND_HINT)
    low, high = float(eigen[0]), float(eigen[-1])
    reference = 2 / high
    if abs(value - reference) <= BOUND_RTOL * reference:
        return report(True, "γ̄ = 2/λmax: gradient descent converges from every start "
                       "exactly when 0 < γ < 2/λmax; at γ = 2/λmax the steepest component "
                       "of the error swings back and forth for ever.")
    check_factors = ("take a step just below your bound and compute |1 − γλ| for each "
                     "eigenvalue λ of A: is every factor below 1?")
    units = ("your bound has the units of an eigenvalue, but γ enters as γλ: a step size is "
             "measured in units of 1/λ (and a steeper f needs a smaller step).")
    table: list[tuple[float, str, str]] = [
        (2 / low, "your bound uses λmin, the smallest eigenvalue of A.", check_factors),
        (1 / high, "your bound is too small by a constant factor: steps a little above it "
                   "still converge from every start.",
         "check where |1 − γλ| leaves (−1, 1) as γ grows, for each eigenvalue λ of A: at "
         "your bound, is the factor closer to 0 or to −1?"),
        (1 / low, "your bound uses λmin, the smallest eigenvalue of A.",
         "which eigenvalue's factor |1 − γλ| leaves (−1, 1) first as γ grows? And where "
         "exactly does it leave?"),
        (2 / (low + high), "that is the best constant step (the one that balances the slowest "
                           "and the fastest direction), not the bound of the stable steps: "
                           "larger steps up to the bound still converge (more slowly).",
         _BOUND_HINT),
        (high / 2, units, _BOUND_HINT),
        (2 * high, units, _BOUND_HINT),
        (2 / float(np.max(np.diag(A))), "your bound uses the largest diagonal entry of A, "
                                        "not an eigenvalue.",
         "the eigenvalues of A (np.linalg.eigvalsh) are not its diagonal entries unless A "
         "is diagonal."),
    ]
    for candidate, message, tip in table:
        if abs(value - candidate) <= BOUND_RTOL * abs(candidate):
            return report(False, message, tip)
    if value <= 0:
        return report(False, "a step size is positive, and so is the bound.", _BOUND_HINT)
    if value > reference:
        return report(False, "your bound is too large: some steps below it diverge from "
                       "most starts.", _BOUND_HINT)
    return report(False, "your bound is too small: some steps above it still converge "
                   "from every start.", _BOUND_HINT)
