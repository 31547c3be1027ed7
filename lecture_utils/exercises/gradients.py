"""``check_gradient`` (notebooks 03 and 05): the row vector ∂f/∂x, with the slips of the
chain rule (``inner=``, notebook 03) and of ∂(xᵀBx)/∂x for a non-symmetric B
(``quadratic_form=``, notebook 05)."""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np
import sympy

from .._validation import check_array, shown
from .assist import note_attempt
from .common import (
    Verdict,
    evaluate_expression,
)
from .jacobians import matrix_check
from .matrix_answers import (
    check_variables_list,
    reference_components,
)

__all__ = ['check_gradient']

#: The hint of a wrong entry when f is a quadratic form: there the identity is the method.
_IDENTITY_HINT = ("compute each wrong entry from the identity ∂(xᵀBx)/∂x = xᵀ(B + Bᵀ): "
                  "entry j of that row is the row [x1, ..., xn] times column j of B + Bᵀ.")


def _quadratic_form_slips(matrix: Any, components: list[sympy.Expr],
                          symbols: list[sympy.Symbol]
                          ) -> Callable[[np.ndarray], dict[str, np.ndarray]]:
    """The slips of ∂(xᵀBx)/∂x for the given B (after checking that f is xᵀBx)."""
    n = len(symbols)
    B = check_array(matrix, "quadratic_form", ndim=2)
    if B.shape != (n, n):
        raise ValueError(f"quadratic_form must be an {n}×{n} matrix B (one row and column per "
                         f"variable), got shape {B.shape}")
    x = sympy.Matrix(symbols)
    form = (x.T * sympy.Matrix(B.tolist()) * x)[0, 0]
    if sympy.simplify(sympy.nsimplify(form - components[0], rational=True)) != 0:
        raise ValueError("f must be the quadratic form xᵀBx of quadratic_form = B")

    def slips(pts: np.ndarray) -> dict[str, np.ndarray]:
        if np.allclose(B, B.T, rtol=0, atol=0):
            return {}   # the messages explain what a non-symmetric B changes
        rows = {"xT B": pts @ B, "xT BT": pts @ B.T, "2 xT B": 2 * pts @ B,
                "2 B x": 2 * pts @ B.T}
        return {key: value[:, None, :] for key, value in rows.items()}

    return slips


def _chain_reference(f: Any, inner: Any, names: tuple[str, ...],
                     symbols: list[sympy.Symbol]
                     ) -> tuple[sympy.Expr, tuple[str, ...],
                                Callable[[np.ndarray], dict[str, np.ndarray]]]:
    """f(x(s, t)) for ``inner`` = {"x1": "formula in s, t", ...}, the names of f's own
    variables, and the slips of its chain rule (∂f/∂x alone, ∂f/∂x times the transpose of
    ∂x/∂(s, t))."""

    if not isinstance(inner, dict) or not inner:
        raise TypeError(f"inner must be a dict such as {{'x1': 's + t', 'x2': 's - t'}}, got "
                        f"{type(inner).__name__} {shown(inner)}")
    if not all(isinstance(k, str) and k.isidentifier() for k in inner):
        raise TypeError(f"inner must map names of f's variables (such as 'x1') to formulas, "
                        f"got the keys {shown(list(inner))}")
    outer = check_variables_list(list(inner))
    if set(outer) & set(names):
        raise ValueError(f"inner must name the variables of f, not {', '.join(names)}")
    for key, value in inner.items():
        if not isinstance(value, (str, sympy.Expr)):
            raise TypeError(f"inner[{key!r}] must be a formula in {', '.join(names)} (a string "
                            f"or SymPy expression), got {type(value).__name__} {shown(value)}")
    outer_symbols = [sympy.Symbol(v, real=True) for v in outer]
    try:
        f_expr = reference_components(f, outer, outer_symbols, vector=False)[0]
    except ValueError as exc:
        raise ValueError(f"with inner, f must be a formula in {', '.join(outer)} (the keys of "
                         f"inner): {exc}") from None
    x_of = reference_components(list(inner.values()), names, symbols, vector=True)
    substitute = dict(zip(outer_symbols, x_of))
    composite = f_expr.xreplace(substitute)
    outer_gradient = [sympy.diff(f_expr, v).xreplace(substitute) for v in outer_symbols]
    inner_jacobian = sympy.Matrix([[sympy.diff(x, s) for s in symbols] for x in x_of])

    def slips(pts: np.ndarray) -> dict[str, np.ndarray]:
        if len(outer) != len(names):
            return {}
        g = np.stack([evaluate_expression(e, names, pts) for e in outer_gradient], axis=1)
        J = np.stack([np.stack([evaluate_expression(e, names, pts) for e in row], axis=1)
                      for row in inner_jacobian.tolist()], axis=1)          # (P, k, n)
        return {"outer": g[:, None, :],
                "outer times inner transposed": np.einsum("pk,pjk->pj", g, J)[:, None, :]}

    return composite, outer, slips


def check_gradient(answer: Any, f: sympy.Expr | str,
                   variables: Sequence[str] = ("x1", "x2"), *,
                   points: Sequence[Sequence[float]] | np.ndarray | None = None,
                   quadratic_form: Any = None, inner: dict[str, Any] | None = None) -> Verdict:
    """Check a student's gradient of a scalar ``f``; print what is wrong, never the answer.

    The gradient is the ROW vector ∂f/∂x = [∂f/∂x_1, ..., ∂f/∂x_n] ∈ R^{1×n} (the slides'
    numerator layout). The answer is compared entry by entry with the exact gradient at
    deterministic sample points (relative tolerance 1e-8; each coordinate drawn with the
    fixed seed :data:`MATRIX_SEED` from :data:`DEFAULT_POINTS`, keeping
    :data:`MATRIX_POINTS` points where f and its gradient are finite, plus the irrational
    :data:`MATRIX_EXTRA` points, where a term such as sin(4πx) that vanishes at the dyadic
    points does not). A formula is first compared symbolically; one that agrees to 1e-8 but
    differs when evaluated with 30 digits (a small extra term, a rounded number) is refused
    as such. A wrong answer is
    diagnosed, in this order: a wrong shape (read before any entry, so a long list is
    refused at once); a placeholder, ``None``, an unreadable entry (with the parser's
    message) or a wrong type; a column n×1 (the transposed layout); the slips of the
    exercise (``quadratic_form``, ``inner``); the right entries in the wrong order; −∇f
    (sign); c·∇f (a constant factor such as 2 or 1/2); otherwise the point where it differs,
    how many of the sample points differ, and which entries are wrong, each with its slip
    (wrong sign, a factor, one term with the wrong sign, a missing term).

    Parameters
    ----------
    answer : list, sympy.Matrix, numpy.ndarray or callable
        A flat list ``["2*x1", "3"]`` (read as the row), a nested list or a SymPy Matrix
        (its shape counts: ``Matrix([[...]])`` is a row, ``Matrix([...])`` a column), or a
        function returning an array: called with the point as one array of n coordinates,
        or with n separate arguments if it takes n parameters. A returned 1-d array of n
        entries counts as the row.
    f : sympy.Expr or str
        The scalar function (of ``variables``; with ``inner``, of the variables of f).
    variables : sequence of str
        The variable names, in order (default ``("x1", "x2")``).
    points : array_like, optional
        Sample points, shape (P, n).
    quadratic_form : array_like, optional
        The n×n matrix B when f = xᵀBx: then xᵀB, xᵀBᵀ, 2xᵀB and 2Bx read as a row are
        recognised (for a non-symmetric B each drops or merges a product-rule term).
    inner : dict, optional
        A chain-rule exercise: f is a function of the keys (``{"x1": "s + t", "x2": "s - t"}``),
        each a formula in ``variables``, and the answer is the gradient of f(x(s, t)).
        ∂f/∂x alone, ∂f/∂x times the transpose of ∂x/∂(s, t), and an answer still in x1, x2
        are recognised.

    Returns
    -------
    Verdict
        Whether the answer is right (shows nothing in a notebook).

    Raises
    ------
    TypeError, ValueError
        If ``f``, ``variables``, ``points``, ``quadratic_form`` or ``inner`` is invalid (a
        problem of the exercise).

    Examples
    --------
    >>> check_gradient(["2*x1*x2", "x1^2"], "x1^2*x2", ["x1", "x2"])
    Correct: that is the gradient, a 1×2 row.
    True
    >>> check_gradient(sympy.Matrix(["2*x1*x2", "x1^2"]), "x1^2*x2", ["x1", "x2"])
    Not yet: your gradient is a column (2×1), but the slides write the gradient of a scalar function of 2 variables as a row (1×2): this is the transposed (column instead of row) layout.
    Hint: in the slides' (numerator) layout the gradient of a scalar function has one row and one column per variable.
    False
    >>> check_gradient(["x1*x2", "x1^2/2"], "x1^2*x2", ["x1", "x2"])
    Not yet: every entry of your gradient is off by the same constant factor of 1/2: it is 1/2 times the gradient.
    Hint: check the constant factors: the power rule brings the exponent down as a factor (a square gives a 2), and the chain rule multiplies by the inner derivative.
    False
    """
    note_attempt(check_gradient, locals())
    names = check_variables_list(variables)
    symbols = [sympy.Symbol(v, real=True) for v in names]
    slips = None
    outer: tuple[str, ...] = ()
    if inner is not None:
        if quadratic_form is not None:
            raise ValueError("give quadratic_form or inner, not both")
        f, outer, slips = _chain_reference(f, inner, names, symbols)
    components = reference_components(f, names, symbols, vector=False)
    reference = sympy.Matrix([[sympy.diff(components[0], s) for s in symbols]])
    if quadratic_form is None:
        return matrix_check(answer, components, reference, names, symbols, points,
                            kind="gradient", slips=slips, outer=outer)
    slips = _quadratic_form_slips(quadratic_form, components, symbols)
    return matrix_check(answer, components, reference, names, symbols, points,
                        kind="gradient", slips=slips, outer=outer, entry_hint=_IDENTITY_HINT)


