"""The checker of notebook 11: is f convex on this box? (layer 4)

The student answers ``"convex"`` or ``("not convex", witness)``, the witness a point of the
box where the Hessian has a negative eigenvalue (a proof: near it f lies above one of its
chords). The reference is :func:`lecture_utils.maths.convexity.is_convex_on_box`. A wrong
"convex" is diagnosed by the usual slip behind it — looking only along the axes (the diagonal
entries ∂²f/∂x_i² are ≥ 0 on the whole box, the mixed term is forgotten) or only at one point
(the Hessian is PSD at the centre of the box) — without naming a point where it fails.

Examples
--------
>>> check_convexity("convex", "x1^2 + x1*x2 + x2^2", [(-1, 1), (-1, 1)])
Correct: f is convex on the box: its Hessian is positive semidefinite at every point of it, so every chord lies on or above the graph and every local minimiser in the box is a global one there.
True
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import sympy

from .._validation import shown
from ..maths.convexity import EIGENVALUE_TOLERANCE, is_convex_on_box
from ..maths.parser import to_numpy_function
from .assist import note_attempt
from .common import Verdict, missing_answer, report

__all__ = ["check_convexity"]

_WORDS = {"convex": True, "not convex": False, "nonconvex": False, "non convex": False}
_FORMS = "'convex', or ('not convex', (x1, x2)) with a witness point"
_TEST = ("the second-order test: f is convex on the box exactly when its Hessian is positive "
         "semidefinite (all eigenvalues ≥ 0) at every point of the box; for a 2×2 Hessian: "
         "both diagonal entries ≥ 0 and det H = f₁₁f₂₂ − f₁₂² ≥ 0.")


def _read(answer: Any, n: int) -> tuple[bool | None, np.ndarray | None, str | None, str | None]:
    """(says convex, witness, problem, hint)."""
    missing = missing_answer(answer, _FORMS)
    if missing:
        return None, None, missing, f"answer {_FORMS}."
    word, witness = (answer, None) if isinstance(answer, str) else (None, None)
    if isinstance(answer, (tuple, list)) and len(answer) == 2 and isinstance(answer[0], str):
        word, witness = answer
    if word is None:
        return None, None, f"your answer {shown(answer)} is neither a word nor a (word, point) " \
            "pair.", f"answer {_FORMS}."
    text = " ".join(word.strip().lower().replace("-", " ").split())
    if text not in _WORDS:
        hint = "the question is whether f is convex; " if "concave" in text else ""
        return None, None, f"{shown(word)} is not one of the accepted words.", \
            f"{hint}answer {_FORMS}."
    if _WORDS[text] or witness is None:
        return _WORDS[text], None, None, None
    try:
        point = np.asarray(witness, dtype=float)
    except (TypeError, ValueError):
        point = np.array([])
    if point.shape != (n,) or not np.all(np.isfinite(point)):
        return False, None, f"the witness {shown(witness)} is not a point of {n} finite " \
            "numbers.", f"write it as ('not convex', ({', '.join(['x1', 'x2', 'x3'][:n])}))."
    return False, point, None, None


def check_convexity(answer: Any, f: sympy.Expr | str, box: Sequence[tuple[float, float]],
                    variables: Sequence[str] = ("x1", "x2")) -> Verdict:
    """Check "is f convex on this box?"; print feedback, never the answer.

    Parameters
    ----------
    answer : str or (str, point)
        ``"convex"``, or ``("not convex", (x1, x2))`` with a point of the box where the
        Hessian has a negative eigenvalue.
    f : sympy.Expr or str
        The function.
    box : sequence of (low, high)
        One interval per variable.
    variables : sequence of str
        The variables, in order.

    Returns
    -------
    Verdict

    Examples
    --------
    >>> check_convexity("convex", "x1^2 + 3*x1*x2 + x2^2", [(-1, 1), (-1, 1)])
    Not yet: along each axis f curves upwards (∂²f/∂x₁² ≥ 0 and ∂²f/∂x₂² ≥ 0 on the whole box), but that is not enough: the mixed derivatives count too, and the Hessian is not positive semidefinite everywhere on the box.
    Hint: the second-order test: f is convex on the box exactly when its Hessian is positive semidefinite (all eigenvalues ≥ 0) at every point of the box; for a 2×2 Hessian: both diagonal entries ≥ 0 and det H = f₁₁f₂₂ − f₁₂² ≥ 0.
    False
    >>> check_convexity("not convex", "x1^2 + 3*x1*x2 + x2^2", [(-1, 1), (-1, 1)])
    Not yet: 'not convex' needs a witness: a point of the box where the Hessian has a negative eigenvalue. If you cannot find one, check whether the Hessian is positive semidefinite on the whole box (for a 2×2 Hessian: diagonal ≥ 0 and det H ≥ 0 everywhere).
    Hint: answer ('not convex', (x1, x2)).
    False
    """
    note_attempt(check_convexity, locals())
    truth = is_convex_on_box(f, variables, box, resolution=41)
    names = tuple(variables)
    n = len(names)
    says_convex, witness, problem, hint = _read(answer, n)
    if problem:
        return report(False, problem, hint)
    bounds = np.asarray(box, dtype=float)
    H = truth.hessian
    entries = [[to_numpy_function(H[i, j], names) for j in range(n)] for i in range(n)]

    def hessian_at(point: np.ndarray) -> np.ndarray:
        return np.array([[float(e(*point)) for e in row] for row in entries])

    if says_convex:
        if truth.convex:
            return report(True, "f is convex on the box: its Hessian is positive semidefinite "
                                "at every point of it, so every chord lies on or above the graph and "
                                "every local minimiser in the box is a global one there.")
        from ..maths.convexity import hessian_eigenvalues_on_grid

        _, points, _ = hessian_eigenvalues_on_grid(f, names, box, resolution=21)
        diagonal = np.array([[entries[i][i](*p) for i in range(n)] for p in points])
        tolerance = EIGENVALUE_TOLERANCE * max(1.0, float(np.max(np.abs(diagonal))))
        centre = bounds.mean(axis=1)
        if np.all(diagonal >= -tolerance):
            axes = " and ".join(f"∂²f/∂x{'₁₂₃₄₅₆'[i]}² ≥ 0" for i in range(n))
            return report(False, f"along each axis f curves upwards ({axes} on the whole "
                                 "box), but that is not enough: the mixed derivatives count "
                                 "too, and the Hessian is not positive semidefinite everywhere "
                                 "on the box.", _TEST)
        if np.linalg.eigvalsh(hessian_at(centre))[0] >= -tolerance:
            return report(False, "the Hessian is positive semidefinite at the centre of the "
                                 "box, but convexity on the box needs it at every point of the "
                                 "box, also near its edges.", _TEST)
        return report(False, "the Hessian is not positive semidefinite everywhere on the box.",
                      _TEST)
    if witness is None:
        return report(False, "'not convex' needs a witness: a point of the box where the "
                             "Hessian has a negative eigenvalue. If you cannot find one, check "
                             "whether the Hessian is positive semidefinite on the whole box "
                             "(for a 2×2 Hessian: diagonal ≥ 0 and det H ≥ 0 everywhere).",
                      f"answer ('not convex', ({', '.join(names)})).")
    if np.any(witness < bounds[:, 0]) or np.any(witness > bounds[:, 1]):
        return report(False, f"the point {shown(witness.tolist())} lies outside the box; "
                             "convexity on the box is about the points in it.",
                      "choose a witness inside the box.")
    with np.errstate(all="ignore"):
        H_w = hessian_at(witness)
    if not np.all(np.isfinite(H_w)):
        return report(False, "the Hessian is not defined at your witness.", _TEST)
    smallest = float(np.linalg.eigvalsh((H_w + H_w.T) / 2)[0])
    if smallest < -EIGENVALUE_TOLERANCE * max(1.0, float(np.max(np.abs(H_w)))):
        return report(True, f"at {shown(witness.tolist())} the Hessian has a negative "
                            "eigenvalue, so near that point f lies above one of its chords: "
                            "f is not convex on the box.")
    return report(False, f"at {shown(witness.tolist())} the Hessian is positive semidefinite "
                         "(no negative eigenvalue), so that point proves nothing.", _TEST)
