"""Convexity: the definition and its first- and second-order tests (layer 1, no drawing).

f is **convex** on a convex set C if every chord lies on or above the graph:
f(t x + (1 − t) y) ≤ t f(x) + (1 − t) f(y) for all x, y in C and t in [0, 1]
(:func:`chord_gaps` measures left − right, ≤ 0 for a convex f). For a differentiable f this
is equivalent to every tangent lying on or below the graph,
f(y) ≥ f(x) + ∇f(x)(y − x) (:func:`tangent_gaps`, ≥ 0), and for a twice continuously
differentiable f on an open convex set to a positive semidefinite Hessian everywhere
(all eigenvalues ≥ 0). :func:`is_convex_on_box` tests the last one on a box: the Hessian is
computed symbolically and its eigenvalues are checked on a grid (a numerical test: a grid
point with a negative eigenvalue *proves* non-convexity and is returned as the witness; all
grid points positive semidefinite is strong evidence, exact when the Hessian is constant).

Examples
--------
>>> is_convex_on_box("x1^2 + x1*x2 + x2^2", ("x1", "x2"), [(-1, 1), (-1, 1)]).convex
True
>>> verdict = is_convex_on_box("x1^4 - x1*x2 + x2^2", ("x1", "x2"), [(-1, 1), (-1, 1)])
>>> verdict.convex, verdict.witness
(False, (0.0, 0.0))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import sympy

from .._validation import check_array, check_callable, check_integer, check_sequence, shown
from .jacobians import hessian as symbolic_hessian
from .parser import as_expression, to_numpy_function

__all__ = ["ConvexityVerdict", "is_convex_on_box", "hessian_eigenvalues_on_grid",
           "chord_gaps", "tangent_gaps", "EIGENVALUE_TOLERANCE"]

#: An eigenvalue above −EIGENVALUE_TOLERANCE·max(1, |H|) counts as ≥ 0 (rounding).
EIGENVALUE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class ConvexityVerdict:
    """What :func:`is_convex_on_box` found.

    Attributes
    ----------
    convex : bool
        The Hessian is positive semidefinite at every grid point of the box.
    witness : tuple of float or None
        Where it is not: the grid point with the most negative eigenvalue.
    smallest_eigenvalue : float
        The smallest Hessian eigenvalue over the grid, and ``where`` it occurs.
    where : tuple of float
    hessian : sympy.Matrix
        The symbolic Hessian.
    constant : bool
        The Hessian does not depend on x (then the verdict is exact).
    message : str
        The verdict in a sentence.
    """

    convex: bool
    witness: tuple[float, ...] | None
    smallest_eigenvalue: float
    where: tuple[float, ...]
    hessian: sympy.Matrix
    constant: bool
    message: str

    def __bool__(self) -> bool:
        return self.convex


def _check_box(box: Any, n: int) -> np.ndarray:
    items = check_sequence(box, "box", minimum=n, maximum=n, what="(low, high) pairs")
    bounds = check_array(items, "box", shape=(n, 2))
    if not np.all(bounds[:, 0] < bounds[:, 1]):
        raise ValueError(f"box must hold (low, high) pairs with low < high, got "
                         f"{shown(bounds.tolist())}")
    return bounds


def hessian_eigenvalues_on_grid(f: sympy.Expr | str, variables: Sequence[str], box: Any,
                                resolution: int = 21
                                ) -> tuple[sympy.Matrix, np.ndarray, np.ndarray]:
    """The symbolic Hessian of f and its eigenvalues at the points of a grid on ``box``.

    Returns ``(H, points, eigenvalues)``: points of shape (m, n) (``resolution`` per axis,
    at most 200 000 in all) and their eigenvalues, ascending, shape (m, n).

    Examples
    --------
    >>> H, points, eigenvalues = hessian_eigenvalues_on_grid("x^4", ["x"], [(-1, 1)], 3)
    >>> H, points.ravel().tolist(), eigenvalues.ravel().tolist()
    (Matrix([[12*x**2]]), [-1.0, 0.0, 1.0], [12.0, 0.0, 12.0])
    """
    names = tuple(check_sequence(variables, "variables", minimum=1, maximum=6,
                                 what="variable names"))
    if not all(isinstance(v, str) for v in names):
        raise TypeError(f"variables must be names such as ('x1', 'x2'), got {shown(names)}")
    expr = as_expression(f, names, name="f")
    n = len(names)
    bounds = _check_box(box, n)
    resolution = check_integer(resolution, "resolution", minimum=2, maximum=401)
    if resolution ** n > 200_000:
        raise ValueError(f"resolution must keep the grid at most 200000 points: "
                         f"{resolution}^{n} is too many; use fewer points per axis")
    H = symbolic_hessian(expr, list(names))
    axes = [np.linspace(low, high, resolution) for low, high in bounds]
    mesh = np.meshgrid(*axes, indexing="ij")
    points = np.stack([m.ravel() for m in mesh], axis=-1)
    columns = [points[:, k] for k in range(n)]
    values = np.empty((points.shape[0], n, n))
    for i in range(n):
        for j in range(i, n):
            entry = to_numpy_function(H[i, j], names)(*columns)
            values[:, i, j] = values[:, j, i] = entry
    if not np.all(np.isfinite(values)):
        bad = points[np.argmax(~np.all(np.isfinite(values), axis=(1, 2)))]
        raise ValueError(f"f is not twice differentiable (or not defined) everywhere on the "
                         f"box: its Hessian is not finite at {np.round(bad, 6).tolist()}; "
                         "choose a box inside the domain of f")
    return H, points, np.linalg.eigvalsh(values)


def is_convex_on_box(f: sympy.Expr | str, variables: Sequence[str], box: Any,
                     resolution: int = 41) -> ConvexityVerdict:
    """Is f convex on the box? The second-order test: Hessian positive semidefinite.

    Parameters
    ----------
    f : sympy.Expr or str
        The function (a string goes through the whitelist parser).
    variables : sequence of str
        Its variables, in order (1 to 6).
    box : sequence of (low, high)
        One interval per variable, low < high.
    resolution : int
        Grid points per axis (the grid has ``resolution**n`` points, at most 200 000).

    Returns
    -------
    ConvexityVerdict
        ``convex`` and, if not, a ``witness`` point with a negative Hessian eigenvalue.

    Examples
    --------
    >>> v = is_convex_on_box("x^3", ["x"], [(-1, 2)])
    >>> v.convex, v.witness, v.smallest_eigenvalue
    (False, (-1.0,), -6.0)
    >>> is_convex_on_box("x^3", ["x"], [(0, 2)]).convex
    True
    """
    H, points, eigenvalues = hessian_eigenvalues_on_grid(f, variables, box, resolution)
    smallest = eigenvalues[:, 0]
    scale = max(1.0, float(np.max(np.abs(eigenvalues))))
    # the witness: among the grid points with the smallest eigenvalue (ties within rounding),
    # the one nearest the centre of the box
    lowest = np.flatnonzero(smallest <= smallest.min() + 1e-12 * scale)
    centre = points.mean(axis=0)
    k = int(lowest[np.argmin(np.linalg.norm(points[lowest] - centre, axis=1))])
    convex = bool(smallest[k] >= -EIGENVALUE_TOLERANCE * scale)
    where = tuple(float(v) + 0.0 for v in np.round(points[k], 12))
    constant = not any(entry.free_symbols for entry in H)
    if convex:
        message = ("convex on the box: the Hessian is constant and positive semidefinite" if constant
                   else f"consistent with convexity on the box: the Hessian is positive "
                        f"semidefinite at all {len(points)} grid points (evidence, not a proof)")
    else:
        message = (f"not convex on the box: at {where} the Hessian has the eigenvalue "
                   f"{smallest[k]:.4g} < 0")
    return ConvexityVerdict(convex, None if convex else where, float(smallest[k]), where, H,
                            constant, message)


def _values(f: Callable[[np.ndarray], Any], points: np.ndarray, name: str) -> np.ndarray:
    out = []
    with np.errstate(all="ignore"):
        for p in points:
            try:
                raw = f(p if p.size > 1 else p.reshape(1))
            except (TypeError, ValueError, IndexError) as error:
                raise TypeError(f"{name} cannot be evaluated at a point of shape {p.shape}: "
                                f"{error}") from None
            try:
                out.append(float(np.asarray(raw, dtype=float).reshape(())))
            except (TypeError, ValueError):
                raise TypeError(f"{name} must return one number for one point, got "
                                f"{type(raw).__name__} {shown(raw)}") from None
    return np.array(out)


def _pair(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.atleast_1d(check_array(x, "x")), np.atleast_1d(check_array(y, "y"))
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"x and y must be points of the same shape (n,), got {x.shape} and "
                         f"{y.shape}")
    return x, y


def chord_gaps(f: Callable[[np.ndarray], Any], x: Any, y: Any, t: Any = None) -> np.ndarray:
    """f(t x + (1 − t) y) − [t f(x) + (1 − t) f(y)] for each t: ≤ 0 for every t in [0, 1]
    when f is convex (the graph below the chord); a positive value proves f is not convex.

    Examples
    --------
    >>> chord_gaps(lambda v: v[0] ** 2, [-1.0], [1.0], [0.0, 0.5, 1.0]).tolist()
    [0.0, -1.0, 0.0]
    >>> float(chord_gaps(np.sin, [0.0], [3.0], [0.5])[0]) > 0     # sin is not convex on [0, 3]
    True
    """
    check_callable(f, "f")
    x, y = _pair(x, y)
    ts = np.linspace(0.0, 1.0, 11) if t is None else np.atleast_1d(check_array(t, "t"))
    if ts.ndim != 1 or np.any((ts < 0) | (ts > 1)):
        raise ValueError(f"t must be numbers in [0, 1], got {shown(ts.tolist())}")
    fx, fy = _values(f, np.array([x, y]), "f")
    with np.errstate(all="ignore"):
        on_graph = _values(f, ts[:, None] * x + (1 - ts[:, None]) * y, "f")
        return on_graph - (ts * fx + (1 - ts) * fy)


def tangent_gaps(f: Callable[[np.ndarray], Any], gradient: Callable[[np.ndarray], Any], x: Any,
                 ys: Any) -> np.ndarray:
    """f(y) − [f(x) + ∇f(x)(y − x)] for each row y of ``ys``: ≥ 0 for every y when f is
    convex (the tangent plane at x below the graph).

    Examples
    --------
    >>> tangent_gaps(lambda v: v[0] ** 2, lambda v: 2 * v, [1.0], [[0.0], [3.0]]).tolist()
    [1.0, 4.0]
    """
    check_callable(f, "f")
    check_callable(gradient, "gradient")
    x = np.atleast_1d(check_array(x, "x"))
    if x.ndim != 1:
        raise ValueError(f"x must be a point of shape (n,), got shape {x.shape}")
    rows = check_array(ys, "ys")
    rows = rows.reshape(-1, 1) if rows.ndim <= 1 and x.size == 1 else rows
    if rows.ndim != 2 or rows.shape[1] != x.size:
        raise ValueError(f"ys must be points of shape (m, {x.size}) like x, got shape "
                         f"{rows.shape} for x of shape {x.shape}")
    with np.errstate(all="ignore"):
        try:
            g = np.asarray(gradient(x.copy()), dtype=float).reshape(-1)
        except (TypeError, ValueError, IndexError) as error:
            raise TypeError(f"gradient cannot be evaluated at x of shape {x.shape}: {error}") \
                from None
        if g.shape != x.shape:
            raise ValueError(f"gradient returned {g.size} numbers for a point of {x.size}")
        fx = _values(f, x[None, :], "f")[0]
        return _values(f, rows, "f") - (fx + (rows - x) @ g)
