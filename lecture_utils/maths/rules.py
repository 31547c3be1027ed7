"""The four differentiation rules of the slides, checked symbolically and numerically (layer 1).

Examples
--------
>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> rows = verify_rules(sp.sin(x), x**2 + 1)
>>> [row.rule for row in rows]
['product', 'quotient', 'sum', 'chain']
>>> all(row.symbolic_ok and row.max_numeric_error < 1e-8 for row in rows)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import sympy

from .._validation import check_array

X = sympy.Symbol("x")


def _product(f: sympy.Expr, g: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    # (f g)' = f' g + f g'
    return f * g, sympy.diff(f, X) * g + f * sympy.diff(g, X)


def _quotient(f: sympy.Expr, g: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    # (f / g)' = (f' g − f g') / g²
    return f / g, (sympy.diff(f, X) * g - f * sympy.diff(g, X)) / g**2


def _sum(f: sympy.Expr, g: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    # (f + g)' = f' + g'
    return f + g, sympy.diff(f, X) + sympy.diff(g, X)


def _chain(f: sympy.Expr, g: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    # (g ∘ f)' = g'(f(x)) f'(x)
    return g.subs(X, f), sympy.diff(g, X).subs(X, f) * sympy.diff(f, X)


#: rule name -> function (f, g) -> (the composite h, the rule's formula for h').
RULES: dict[str, Callable[[sympy.Expr, sympy.Expr], tuple[sympy.Expr, sympy.Expr]]] = {
    "product": _product,
    "quotient": _quotient,
    "sum": _sum,
    "chain": _chain,
}


@dataclass(frozen=True)
class RuleCheck:
    """One rule checked on one pair (f, g)."""

    rule: str
    composite: sympy.Expr
    formula: sympy.Expr
    symbolic_ok: bool
    max_numeric_error: float


def verify_rules(f: Any, g: Any, points: Any = (-1.3, -0.4, 0.3, 0.9, 1.7)) -> list[RuleCheck]:
    """Check each rule for f and g: SymPy's derivative of the composite against the formula.

    Parameters
    ----------
    f, g : sympy.Expr or str
        Functions of x (strings go through the whitelist parser).
    points : sequence of float
        Where the central-difference derivative of the composite is compared with the formula
        (points where either side is not finite are skipped).

    Returns
    -------
    list of RuleCheck
        One row per rule: symbolic agreement, and the largest difference between the central
        difference and the formula, relative to max(1, |formula|).
    """
    from .finite_differences import derivative
    from .parser import as_expression, to_numpy_function

    f, g = as_expression(f), as_expression(g, name="g")
    points = check_array(points, "points", ndim=1)
    if not 1 <= points.size <= 100 or np.any(np.abs(points) > 1e6):
        raise ValueError("points must hold 1 to 100 numbers from -1e6 to 1e6 (where the rules "
                         f"are checked), got {points.size} of them")
    rows = []
    for name, build in RULES.items():
        composite, formula = build(f, g)
        symbolic_ok = sympy.simplify(sympy.diff(composite, X) - formula) == 0
        h, formula_numeric = to_numpy_function(composite), to_numpy_function(formula)
        errors = []
        for point in points:
            with np.errstate(all="ignore"):
                exact = float(formula_numeric(point))
            if np.isfinite(exact):
                approximation = float(derivative(h, float(point)))
                errors.append(abs(approximation - exact) / max(1.0, abs(exact)))
        rows.append(RuleCheck(name, composite, formula, bool(symbolic_ok),
                              max(errors) if errors else float("nan")))
    return rows
