"""Test landscapes for optimisation (layer 1): objects with ``value``, ``gradient``, ``hessian``.

Every landscape takes points of shape (..., n) (vectorised over the leading axes, so a whole
grid is evaluated in one call) and returns values of shape (...) and gradients of shape
(..., n) — the row vector ∇f of the slides. They plug directly into
:func:`lecture_utils.maths.optimize.gradient_descent` (``grad=L.gradient, f=L.value``) and into
the explorers. Each also carries its known stationary points and a plotting window.

* :data:`ROSENBROCK` — (1 − x1)² + 100 (x2 − x1²)²: a curved, narrow valley; the minimum
  (1, 1) is easy to see and slow to reach.
* :data:`SADDLE` — x1² − x2²: zero gradient at the origin, Hessian diag(2, −2), not a
  minimum (ERRATA 2: the slides' x1²x2² is not a saddle).
* :data:`THREE_HUMP_CAMEL` — 2x1² − 1.05x1⁴ + x1⁶/6 + x1x2 + x2²: non-convex, three local
  minima (the global one at the origin) and two saddles between them.
* :data:`DOUBLE_WELL` — (z² − 1)² in one variable: two global minimisers z = ±1 with the
  same value 0 (ERRATA 4), and a local maximum at 0.

Examples
--------
>>> import numpy as np
>>> ROSENBROCK.value([1.0, 1.0]), ROSENBROCK.gradient([1.0, 1.0]).tolist()
(0.0, [0.0, 0.0])
>>> SADDLE.hessian([0.0, 0.0]).tolist()
[[2.0, 0.0], [0.0, -2.0]]
>>> DOUBLE_WELL.value(np.array([[-1.0], [0.0], [1.0]])).tolist()
[0.0, 1.0, 0.0]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from .._validation import check_array

__all__ = ["Landscape", "ROSENBROCK", "SADDLE", "THREE_HUMP_CAMEL", "DOUBLE_WELL",
           "LANDSCAPES", "rosenbrock", "grid_points"]


def grid_points(a: Any, b: Any, names: tuple[str, str], *, finite: bool = True) -> np.ndarray:
    """Two coordinate arrays of one shape (a grid for contour plots) stacked into points of
    shape (..., 2); ``names`` name the two parameters in the errors.

    Examples
    --------
    >>> grid_points([0.0, 1.0], [2.0, 3.0], ("x1", "x2")).tolist()
    [[0.0, 2.0], [1.0, 3.0]]
    """
    a, b = check_array(a, names[0], finite=finite), check_array(b, names[1], finite=finite)
    try:
        a, b = np.broadcast_arrays(a, b)
    except ValueError:
        raise ValueError(f"{names[0]} and {names[1]} must have the same shape, got {a.shape} "
                         f"and {b.shape}") from None
    return np.stack([a, b], axis=-1)


@dataclass(frozen=True)
class Landscape:
    """A test function with its derivatives and what is known about it.

    Attributes
    ----------
    name : str
        Short name.
    formula : str
        The function as text (``^`` for powers, the parser's syntax).
    n : int
        Number of variables.
    minimizers : tuple of tuples
        The global minimisers.
    minimum : float
        The global minimum value f*.
    local_minimizers, saddles : tuple of tuples
        Other local minimisers and saddle points (stationary points that are not minima).
    x_range, y_range : (float, float)
        A window for drawing (2-D landscapes).
    """

    name: str
    formula: str
    n: int
    _value: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    _gradient: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    _hessian: Callable[[np.ndarray], np.ndarray] | None = field(default=None, repr=False)
    minimizers: tuple[tuple[float, ...], ...] = ()
    minimum: float = 0.0
    local_minimizers: tuple[tuple[float, ...], ...] = ()
    saddles: tuple[tuple[float, ...], ...] = ()
    x_range: tuple[float, float] = (-2.0, 2.0)
    y_range: tuple[float, float] = (-2.0, 2.0)

    def _points(self, x: Any, name: str = "x") -> np.ndarray:
        points = check_array(x, name, finite=False)  # NaN/inf allowed: f is NaN/inf there
        if self.n == 1 and points.ndim == 0:
            points = points.reshape(1)
        if points.ndim == 0 or points.shape[-1] != self.n:
            raise ValueError(f"{name} must have shape (..., {self.n}) for {self.name} (points in "
                             f"R^{self.n} along the last axis), got shape {points.shape}")
        return points

    def value(self, x: Any) -> np.ndarray | float:
        """f(x) for points of shape (..., n); a float for one point."""
        with np.errstate(all="ignore"):
            result = self._value(self._points(x))
        return float(result) if np.ndim(result) == 0 else result

    def __call__(self, x: Any) -> np.ndarray | float:
        return self.value(x)

    def gradient(self, x: Any) -> np.ndarray:
        """∇f(x) as rows: shape (..., n)."""
        with np.errstate(all="ignore"):
            return self._gradient(self._points(x))

    def hessian(self, x: Any) -> np.ndarray:
        """The Hessian at points of shape (..., n): shape (..., n, n)."""
        if self._hessian is None:  # pragma: no cover - every landscape here has one
            raise NotImplementedError(f"{self.name} has no Hessian")
        with np.errstate(all="ignore"):
            return self._hessian(self._points(x))

    def value_xy(self, x1: Any, x2: Any) -> np.ndarray:
        """f(x1, x2) on arrays of the same shape (for :func:`lecture_utils.figures.base.draw_contours`)."""
        return np.asarray(self.value(grid_points(x1, x2, ("x1", "x2"), finite=False)))


def _stack(*parts: np.ndarray) -> np.ndarray:
    return np.stack(np.broadcast_arrays(*parts), axis=-1)


def _matrix(a: Any, b: Any, c: Any, d: Any) -> np.ndarray:
    a, b, c, d = np.broadcast_arrays(a, b, c, d)
    return np.stack([np.stack([a, b], -1), np.stack([c, d], -1)], -2).astype(float)


def rosenbrock(a: float = 1.0, b: float = 100.0) -> Landscape:
    """Rosenbrock's banana (a − x1)² + b (x2 − x1²)², minimum 0 at (a, a²).

    Examples
    --------
    >>> r = rosenbrock()
    >>> r.gradient([0.0, 0.0]).tolist(), r.hessian([1.0, 1.0]).tolist()
    ([-2.0, 0.0], [[802.0, -400.0], [-400.0, 200.0]])
    """
    a, b = float(a), float(b)

    def value(p: np.ndarray) -> np.ndarray:
        x, y = p[..., 0], p[..., 1]
        return (a - x) ** 2 + b * (y - x ** 2) ** 2

    def gradient(p: np.ndarray) -> np.ndarray:
        x, y = p[..., 0], p[..., 1]
        return _stack(-2 * (a - x) - 4 * b * x * (y - x ** 2), 2 * b * (y - x ** 2)) + 0.0

    def hessian(p: np.ndarray) -> np.ndarray:
        x, y = p[..., 0], p[..., 1]
        return _matrix(2 - 4 * b * (y - x ** 2) + 8 * b * x ** 2, -4 * b * x,
                       -4 * b * x, 2 * b + 0 * x)

    return Landscape("Rosenbrock", f"({a:g} - x1)^2 + {b:g}*(x2 - x1^2)^2", 2, value, gradient,
                     hessian, minimizers=((a, a * a),), minimum=0.0,
                     x_range=(-2.0, 2.0), y_range=(-1.0, 3.0))


ROSENBROCK = rosenbrock()

SADDLE = Landscape(
    "saddle", "x1^2 - x2^2", 2,
    lambda p: p[..., 0] ** 2 - p[..., 1] ** 2,
    lambda p: _stack(2 * p[..., 0], -2 * p[..., 1]),
    lambda p: _matrix(2 + 0 * p[..., 0], 0 * p[..., 0], 0 * p[..., 0], -2 + 0 * p[..., 0]),
    minimizers=(), minimum=-np.inf, saddles=((0.0, 0.0),),
    x_range=(-2.0, 2.0), y_range=(-2.0, 2.0))


def _camel_value(p: np.ndarray) -> np.ndarray:
    x, y = p[..., 0], p[..., 1]
    return 2 * x ** 2 - 1.05 * x ** 4 + x ** 6 / 6 + x * y + y ** 2


def _camel_gradient(p: np.ndarray) -> np.ndarray:
    x, y = p[..., 0], p[..., 1]
    return _stack(4 * x - 4.2 * x ** 3 + x ** 5 + y, x + 2 * y)


def _camel_hessian(p: np.ndarray) -> np.ndarray:
    x = p[..., 0]
    return _matrix(4 - 12.6 * x ** 2 + 5 * x ** 4, 1 + 0 * x, 1 + 0 * x, 2 + 0 * x)


def _camel_stationary() -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    # On x2 = −x1/2 the gradient's first entry is x (3.5 − 4.2x² + x⁴): roots are real.
    roots = np.roots([1.0, 0.0, -4.2, 0.0, 3.5, 0.0])
    minima, saddles = [], []
    for x in sorted(float(r.real) for r in roots if abs(r.imag) < 1e-12):
        point = (x, -x / 2)
        eigen = np.linalg.eigvalsh(_camel_hessian(np.array(point)))
        (minima if eigen[0] > 0 else saddles).append(point)
    return minima, saddles


_CAMEL_MINIMA, _CAMEL_SADDLES = _camel_stationary()

THREE_HUMP_CAMEL = Landscape(
    "three-hump camel", "2*x1^2 - 1.05*x1^4 + x1^6/6 + x1*x2 + x2^2", 2,
    _camel_value, _camel_gradient, _camel_hessian,
    minimizers=((0.0, 0.0),), minimum=0.0,
    local_minimizers=tuple(p for p in _CAMEL_MINIMA if abs(p[0]) > 1e-9),
    saddles=tuple(_CAMEL_SADDLES), x_range=(-2.2, 2.2), y_range=(-2.0, 2.0))

DOUBLE_WELL = Landscape(
    "double well", "(z^2 - 1)^2", 1,
    lambda p: (p[..., 0] ** 2 - 1) ** 2,
    lambda p: (4 * p[..., 0] * (p[..., 0] ** 2 - 1))[..., None],
    lambda p: (12 * p[..., 0] ** 2 - 4)[..., None, None],
    minimizers=((-1.0,), (1.0,)), minimum=0.0, saddles=(),
    x_range=(-1.8, 1.8), y_range=(-0.5, 3.0))

#: The landscapes by name.
LANDSCAPES = {L.name: L for L in (ROSENBROCK, SADDLE, THREE_HUMP_CAMEL, DOUBLE_WELL)}
