"""``check_gradient_step`` and ``check_step_size_bound``: one step of gradient descent on a
quadratic, and the largest stable step 2/λmax, with the usual slips diagnosed (never the answer).

The quadratic is f(x) = ½ xᵀAx − b x (b a row vector), the slides' example by default:
A = [[2, 1], [1, 20]], b = [5, 3], x0 = [−3, −1]ᵀ. Its gradient is the row xᵀA − b.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from .._validation import check_array, check_real_number
from ._common import (
    Verdict,
    _all_close,
    _diagnose_scalar_factor,
    _format_factor,
    _missing_answer,
    _report,
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


def _read_numbers(answer: Any, what: str) -> tuple[np.ndarray | None, str | None, str | None]:
    """The answer as a float array, or a problem and a hint."""
    missing = _missing_answer(answer, what)
    if missing:
        return None, missing, None
    if isinstance(answer, str):
        return None, ("your answer is a text (a str); give numbers (a list or a NumPy "
                      "array), not a string."), "compute it in Python, e.g. with NumPy's @."
    try:
        values = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return None, (f"your answer ({type(answer).__name__}) is not a number or an array of "
                      "numbers."), "give a list such as [1.5, -0.25] or a NumPy array."
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
        raise ValueError("A must be symmetric (the checker uses ∇f = xᵀA − b)")
    b = check_array(b, "b").reshape(-1)
    x0 = check_array(x0, "x0").reshape(-1)
    if b.shape != (n,) or x0.shape != (n,):
        raise ValueError(f"b and x0 must have {n} entries to match A, got {b.size} and {x0.size}")
    return A, b, x0


def check_gradient_step(answer: Any, step: float = 0.05, *, A: Any = SLIDES_A,
                        b: Any = SLIDES_B, x0: Any = SLIDES_X0) -> Verdict:
    """Check x1 = x0 − γ ∇f(x0)ᵀ for f(x) = ½ xᵀAx − b x; print what is wrong, never x1.

    Diagnosed, in this order: no answer, not numbers, a wrong number of entries; the
    gradient ∇f(x0) or the change −γ∇f(x0)ᵀ instead of the new point; a step uphill
    (x0 + γ∇fᵀ: the minus sign); a wrong gradient (Ax without −bᵀ, Ax + bᵀ, a factor ½ or
    2 on Ax); a step of another size (c·γ); two steps instead of one; otherwise which
    entries are wrong.

    Parameters
    ----------
    answer : array_like
        The student's x1: 2 numbers (a list, a 1-d array, a column or a row).
    step : float
        γ (default 0.05).
    A, b, x0 : array_like
        The quadratic and the start (default: the slides' example).

    Returns
    -------
    bool
        Whether the answer is right.

    Examples
    --------
    >>> check_gradient_step([-2.4, 0.3], 0.05)
    Correct: that is x1 = x0 − γ∇f(x0)ᵀ, one step downhill.
    True
    >>> check_gradient_step([-3.6, -2.3], 0.05)
    Not yet: your point is x0 + γ∇f(x0)ᵀ: a step uphill, along the gradient.
    Hint: gradient descent moves against the gradient: x1 = x0 − γ∇f(x0)ᵀ (mind the minus sign).
    False
    """
    gamma = float(check_real_number(step, "step", positive=True))
    A, b, x0 = _quadratic_inputs(A, b, x0)
    values, problem, hint = _read_numbers(answer, "the new point x1, e.g. [x1_1, x1_2]")
    if problem:
        return _report(False, problem, hint)
    n = x0.size
    if values.size != n or values.ndim > 2:
        return _report(False, f"your answer has shape {values.shape}, but x1 is a point in "
                       f"R^{n}: {n} numbers.",
                       "x1 = x0 − γ∇f(x0)ᵀ has the shape of x0 (give a flat list).")
    x = values.reshape(-1)
    gradient = x0 @ A - b

    def step_with(g: np.ndarray, size: float = gamma) -> np.ndarray:
        return x0 - size * g

    if _all_close(x, step_with(gradient), rtol=STEP_RTOL):
        return _report(True, "that is x1 = x0 − γ∇f(x0)ᵀ, one step downhill.")
    if _all_close(x, gradient, rtol=STEP_RTOL):
        return _report(False, "your answer is the gradient ∇f(x0) itself, not the new point.",
                       "take the step: x1 = x0 − γ∇f(x0)ᵀ.")
    if _all_close(x, -gamma * gradient, rtol=STEP_RTOL) or \
            _all_close(x, gamma * gradient, rtol=STEP_RTOL):
        return _report(False, "your answer is the change ±γ∇f(x0)ᵀ, not the new point: the "
                       "start x0 is missing.", "x1 = x0 − γ∇f(x0)ᵀ: add the change to x0.")
    if _all_close(x, x0 + gamma * gradient, rtol=STEP_RTOL):
        return _report(False, "your point is x0 + γ∇f(x0)ᵀ: a step uphill, along the gradient.",
                       "gradient descent moves against the gradient: x1 = x0 − γ∇f(x0)ᵀ "
                       "(mind the minus sign).")
    wrong_gradients: list[tuple[np.ndarray, str]] = [
        (x0 @ A, "you used xᵀA as the gradient: the linear term −b x is missing (its "
                 "derivative is −b)"),
        (x0 @ A + b, "the gradient you used has +b where it should have −b (the derivative "
                     "of −b x is −b)"),
        (0.5 * x0 @ A - b, "the gradient you used has ½xᵀA: the derivative of ½xᵀAx is xᵀA "
                           "for a symmetric A (the 2 of the square cancels the ½)"),
        (2 * x0 @ A - b, "the gradient you used has 2xᵀA: the derivative of ½xᵀAx is xᵀA "
                         "(the ½ cancels the 2)"),
        (-b, "you used only −b as the gradient: the quadratic term's derivative xᵀA is "
             "missing"),
    ]
    for g, message in wrong_gradients:
        if _all_close(x, step_with(g), rtol=STEP_RTOL):
            return _report(False, message + ".",
                           "∇f(x) = xᵀA − b for f(x) = ½xᵀAx − b x with A = Aᵀ; evaluate "
                           "it at x0, then step.")
        if _all_close(x, x0 + gamma * g, rtol=STEP_RTOL):
            return _report(False, message + ", and the step goes uphill (+ instead of −).",
                           "∇f(x) = xᵀA − b; then x1 = x0 − γ∇f(x0)ᵀ.")
    relation = _diagnose_scalar_factor(x0 - x, gamma * gradient, rtol=STEP_RTOL, offset=False)
    if relation is not None and relation.kind == "factor":
        return _report(False, f"your step has the right direction but {_format_factor(relation.value)} "
                       f"times the length: you used a step size other than γ = {gamma:g}.",
                       "multiply the gradient by γ exactly once: x1 = x0 − γ∇f(x0)ᵀ.")
    x1 = step_with(gradient)
    if _all_close(x, x1 - gamma * (x1 @ A - b), rtol=STEP_RTOL):
        return _report(False, "your answer is x2: you took two steps.",
                       "the question asks for x1, one step from x0.")
    wrong = [i + 1 for i in range(n) if not _all_close(x[i], x1[i], rtol=STEP_RTOL)]
    entries = " and ".join(f"entry {i}" for i in wrong)
    slides = np.array_equal(A, np.array(SLIDES_A)) and np.array_equal(b, np.array(SLIDES_B))
    example = " ([2x1 + x2 − 5, x1 + 20x2 − 3] for the slides' example)" if slides else ""
    return _report(False, f"{entries} of your x1 {'is' if len(wrong) == 1 else 'are'} wrong "
                   f"({n - len(wrong)} of {n} right).",
                   f"compute ∇f(x0) = x0ᵀA − b entry by entry{example}, then "
                   "x1 = x0 − γ∇f(x0)ᵀ.")


def check_step_size_bound(answer: Any, A: Any = SLIDES_A) -> Verdict:
    """Check the largest stable constant step 2/λmax of gradient descent on ½xᵀAx − b x.

    Diagnosed: no answer or not a number; 2/λmin (the wrong eigenvalue); 1/λmax (the 2
    forgotten); 1/λmin; the best step 2/(λmin + λmax) instead of the bound; λmax/2 or
    2λmax (inverted); 2/(largest diagonal entry) (a diagonal entry is not an eigenvalue);
    2/trace(A); otherwise whether it is too large or too small.

    Parameters
    ----------
    answer : float
        The student's bound (4 significant digits suffice).
    A : array_like
        The symmetric positive definite Hessian (default: the slides' example).

    Returns
    -------
    bool

    Examples
    --------
    >>> A = [[2, 1], [1, 20]]
    >>> check_step_size_bound(2 / max(np.linalg.eigvalsh(A)), A)
    Correct: γ < 2/λmax is exactly where gradient descent converges from every start.
    True
    >>> check_step_size_bound(1 / max(np.linalg.eigvalsh(A)), A)
    Not yet: your bound is 1/λmax: the factor 2 is missing.
    Hint: the error along the top eigenvector is multiplied by 1 − γλmax per step; |1 − γλmax| < 1 means 0 < γ < 2/λmax.
    False
    """
    A = check_array(A, "A", ndim=2)
    if A.shape[0] != A.shape[1] or not np.allclose(A, A.T):
        raise ValueError(f"A must be a symmetric square matrix, got shape {A.shape}")
    eigen = np.linalg.eigvalsh((A + A.T) / 2)
    if eigen[0] <= 0:
        raise ValueError(f"A must be positive definite, its smallest eigenvalue is {eigen[0]:g}")
    missing = _missing_answer(answer, "a number, e.g. computed with np.linalg.eigvalsh(A)")
    if missing:
        return _report(False, missing)
    value = answer
    if isinstance(answer, np.ndarray) and answer.size == 1:
        value = answer.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        return _report(False, f"your answer ({type(answer).__name__}) is not one number.",
                       "the bound is a single step size γ: a number.")
    value = float(value)
    low, high = float(eigen[0]), float(eigen[-1])
    reference = 2 / high
    if abs(value - reference) <= BOUND_RTOL * reference:
        return _report(True, "γ < 2/λmax is exactly where gradient descent converges from "
                       "every start.")
    hint = ("the error along the top eigenvector is multiplied by 1 − γλmax per step; "
            "|1 − γλmax| < 1 means 0 < γ < 2/λmax.")
    candidates: list[tuple[float, str, str]] = [
        (2 / low, "your bound is 2/λmin: the smallest eigenvalue; the largest one limits "
                  "the step (the steepest direction overshoots first).", hint),
        (1 / high, "your bound is 1/λmax: the factor 2 is missing.", hint),
        (1 / low, "your bound is 1/λmin: the wrong eigenvalue and the 2 is missing.", hint),
        (2 / (low + high), "that is the best constant step 2/(λmin + λmax), not the largest "
                           "stable one: steps between it and the bound still converge.", hint),
        (high / 2, "your bound is λmax/2: it is inverted.", hint),
        (2 * high, "your bound is 2λmax: it is inverted.", hint),
        (2 / float(np.max(np.diag(A))), "your bound uses the largest diagonal entry of A, "
                                        "not its largest eigenvalue.",
         "the eigenvalues of A (np.linalg.eigvalsh) are not its diagonal entries unless A "
         "is diagonal."),
        (2 / float(np.trace(A)), "your bound uses the trace of A (the sum of the "
                                 "eigenvalues), not the largest eigenvalue.", hint),
    ]
    for candidate, message, tip in candidates:
        if abs(value - candidate) <= BOUND_RTOL * abs(candidate):
            return _report(False, message, tip)
    if value <= 0:
        return _report(False, "a step size is positive.", hint)
    if value > reference:
        return _report(False, "your bound is too large: with a step a little below it, "
                       "gradient descent diverges from most starts.", hint)
    return _report(False, "your bound is too small: steps above it still converge.", hint)
