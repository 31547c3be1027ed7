"""Multivariate Taylor series (layer 1: mathematics, no drawing).

The slides' notation: for f: R^D → R smooth at x0 and δ := x − x0,

    T_n(x) = Σ_{k=0}^{n} D^k f(x0)[δ^k] / k!,

where D^k f(x0) is the k-th derivative tensor (shape (D,)*k; each derivative adds an index at
the end, so entry [i, j] is H_ij = ∂/∂x_i(∂f/∂x_j) and [i, j, k] is ∂H_ij/∂x_k, at x0),
δ^k = δ ⊗ ... ⊗ δ is the k-fold outer product (:func:`outer_power`) and D^k f(x0)[δ^k] is
their full contraction (:func:`contract`), Σ_{i1..ik} D^k f(x0)[i1, ..., ik] δ[i1] ... δ[ik].
For k = 1 the tensor is the gradient (the slides' row ∇f ∈ R^{1×D}, stored flat with D
entries), for k = 2 the Hessian H (and the term is δᵀHδ), for k = 3 the tensor whose slice
[:, :, j] is ∂H/∂x_j (the slides' layout).

* :func:`derivative_tensors` — the symbolic tensors D^0 f, ..., D^n f (SymPy arrays);
* :class:`MultivariateTaylor` — computes them once per function and evaluates them at any
  expansion point (NumPy arrays of shape (D,)*k), as a polynomial (vectorised callable),
  an exact SymPy expansion, or term by term on a grid (what the explorer caches);
* :func:`multivariate_taylor_polynomial`, :func:`multivariate_taylor_expansion` — the same
  in one call;
* :func:`numerical_hessian` — finite differences of the gradient, entry [i, j] = ∂g_j/∂x_i
  = ∂²f/∂x_i∂x_j (the transpose of the gradient's Jacobian);
* :func:`linearization_errors` and :func:`loglog_slope` — the error of the linearization
  f(x0) + ∇f(x0)δ along a ray, and its order: for f twice continuously differentiable the
  error is ½δᵀH(x0)δ + o(‖δ‖²), so O(‖δ‖²), and ≈ 2 is the slope along a direction u with
  uᵀH(x0)u ≠ 0.

Examples
--------
>>> taylor = MultivariateTaylor("x^2 + 2*x*y + y^3", ("x", "y"))
>>> [t.tolist() for t in taylor.coefficients((1, 2))[:3]]
[13.0, [6.0, 14.0], [[2.0, 2.0], [2.0, 12.0]]]
>>> x, y = sympy.symbols("x y")
>>> sympy.expand(taylor.expansion((1, 2), 3) - (x**2 + 2*x*y + y**3))     # exact: f is cubic
0
"""

from __future__ import annotations

import math
import numbers
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import sympy

from .._validation import shown, check_array, check_callable, check_integer, check_real_number

__all__ = [
    "MAX_ORDER",
    "LinearizationErrors",
    "MultivariateTaylor",
    "contract",
    "derivative_tensors",
    "linearization_errors",
    "loglog_slope",
    "multivariate_taylor_expansion",
    "multivariate_taylor_polynomial",
    "numerical_hessian",
    "outer_power",
]

#: Highest order of the derivative tensors (D^6 f of a function of 4 variables has 4096 entries).
MAX_ORDER = 6


# ================================================================ tensors and δ^k ====

def _check_order(order: Any, maximum: int = MAX_ORDER, name: str = "order") -> int:
    return check_integer(order, name, minimum=0, maximum=maximum)


#: The largest δ^k :func:`outer_power` builds (D^k entries).
MAX_OUTER_ENTRIES = 1_000_000


def _check_vector(value: Any, name: str, size: int | None = None,
                  names: Sequence[str] | None = None) -> np.ndarray:
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a vector of real numbers, got {type(value).__name__} "
                        f"{shown(value)}")
    array = check_array(value, name)
    if array.ndim == 0:
        array = array.reshape(1)
    if array.ndim == 2 and 1 in array.shape:
        array = array.ravel()   # the slides' row (1×D) or a column (D×1)
    if array.ndim != 1:
        raise ValueError(f"{name} must be a vector (1-d array), got shape {array.shape}")
    if size is not None and array.size != size:
        which = f" (one per variable {', '.join(names)})" if names else ""
        raise ValueError(f"{name} must have {size} coordinate{'s' if size != 1 else ''}"
                         f"{which}, got {array.size}: {shown(array.tolist())}")
    return array


def outer_power(delta: Any, k: int) -> np.ndarray:
    """The k-fold outer product δ^k = δ ⊗ ... ⊗ δ, an array of shape (D,)*k.

    ``outer_power(δ, k)[i1, ..., ik] = δ[i1] · ... · δ[ik]``; δ^0 = 1, δ^1 = δ, δ^2 = δδᵀ.

    Parameters
    ----------
    delta : array_like
        The vector δ ∈ R^D (a flat array, a 1×D row or a D×1 column).
    k : int
        The power, 0 to :data:`MAX_ORDER`.

    Returns
    -------
    numpy.ndarray
        Shape ``(D,) * k`` (a 0-d array for k = 0).

    Raises
    ------
    ValueError
        If ``delta`` is not a finite vector or ``k`` is out of range.

    Examples
    --------
    >>> outer_power([1.0, 2.0], 2).tolist()
    [[1.0, 2.0], [2.0, 4.0]]
    >>> outer_power([1.0, 2.0, 3.0, 4.0], 3).shape
    (4, 4, 4)
    >>> outer_power([1.0, 2.0], 7)
    Traceback (most recent call last):
    ...
    ValueError: k must be an integer from 0 to 6, got 7
    """
    vector = _check_vector(delta, "delta")
    k = _check_order(k, name="k")
    if vector.size ** k > MAX_OUTER_ENTRIES:
        raise ValueError(f"delta has {vector.size} entries, so δ^{k} would have "
                         f"{vector.size}^{k} entries; allowed: at most {MAX_OUTER_ENTRIES:,}")
    result = np.array(1.0)
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(k):
            result = np.multiply.outer(result, vector)
    if not np.all(np.isfinite(result)):
        raise ValueError(f"delta is too large: δ^{k} overflows (entries beyond 1e308)")
    return result


def contract(tensor: Any, delta: Any) -> np.ndarray:
    """The full contraction T[δ^k] = Σ_{i1..ik} T[i1, ..., ik] δ[i1] ... δ[ik].

    Vectorised over many δ: ``delta`` of shape (..., D) gives a result of shape (...), e.g.
    the term D^k f(x0)[δ^k] on a whole grid at once.

    Parameters
    ----------
    tensor : array_like
        Shape ``(D,) * k`` (a number for k = 0).
    delta : array_like
        Shape ``(D,)`` or ``(..., D)``.

    Returns
    -------
    numpy.ndarray
        Shape ``delta.shape[:-1]``.

    Raises
    ------
    ValueError
        If the shapes do not fit (the message names both).

    Examples
    --------
    >>> H = [[2.0, 2.0], [2.0, 12.0]]
    >>> float(contract(H, [1.0, 1.0]))                       # δᵀHδ
    18.0
    >>> contract(H, [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]).tolist()
    [2.0, 12.0, 18.0]
    >>> contract(H, [1.0, 1.0, 1.0])
    Traceback (most recent call last):
    ...
    ValueError: delta must have D = 2 entries along its last axis to contract a tensor of shape (2, 2), got shape (3,)
    """
    T = check_array(tensor, "tensor")
    d = check_array(delta, "delta")
    if d.ndim == 0:
        d = d.reshape(1)
    n = d.shape[-1]
    if T.ndim and any(s != T.shape[0] for s in T.shape):
        raise ValueError(f"tensor must have the same length along every axis, shape (D,)*k, "
                         f"got shape {T.shape}")
    if T.ndim and T.shape[0] != n:
        raise ValueError(f"delta must have D = {T.shape[0]} entries along its last axis to "
                         f"contract a tensor of shape {T.shape}, got shape {d.shape}")
    batch = d.shape[:-1]
    flat = d.reshape(-1, n)                         # (P, D)
    result = np.broadcast_to(T, (flat.shape[0],) + T.shape)   # (P, D, ..., D)
    for _ in range(T.ndim):                         # contract the last axis each time
        result = np.einsum("p...i,pi->p...", result, flat)
    return np.asarray(result, dtype=float).reshape(batch)


# ========================================================== symbolic derivative tensors ====

def _prepare(f: Any, variables: Any) -> tuple[sympy.Expr, tuple[str, ...], list[sympy.Symbol]]:
    from .parser import as_expression

    if isinstance(variables, str) or not isinstance(variables, Sequence) or not variables:
        raise TypeError(f"variables must be a non-empty sequence of names such as ('x', 'y'), "
                        f"got {shown(variables)}")
    names = tuple(v.name if isinstance(v, sympy.Symbol) else v for v in variables)
    if isinstance(f, numbers.Real) and not isinstance(f, (bool, np.bool_)):
        number = float(check_real_number(f, "f"))  # 10**400 or NaN: a named error
        f = sympy.Float(number) if not number.is_integer() else sympy.Integer(int(number))
    expression = as_expression(f, names)
    present = {s.name: s for s in expression.free_symbols if isinstance(s, sympy.Symbol)}
    symbols = [present.get(n, sympy.Symbol(n)) for n in names]
    return expression, names, symbols


def _next_tensor(tensor: sympy.Array, symbols: list[sympy.Symbol]) -> sympy.Array:
    """D^{k+1} f from D^k f: entry [..., j] = ∂(D^k f[...])/∂x_j (the new index last)."""
    derived = sympy.derive_by_array(tensor, symbols)        # new index first
    rank = derived.rank()
    return sympy.permutedims(derived, list(range(1, rank)) + [0])


def derivative_tensors(f: sympy.Expr | str, variables: Sequence[str] = ("x", "y"),
                       order: int = 3) -> list[sympy.Array]:
    """The symbolic derivative tensors D^0 f, D^1 f, ..., D^order f.

    Parameters
    ----------
    f : sympy.Expr or str
        The function (a string goes through the whitelist parser).
    variables : sequence of str
        x_1, ..., x_D in order.
    order : int
        The highest order, 0 to :data:`MAX_ORDER`.

    Returns
    -------
    list of sympy.Array
        Entry k has shape (D,)*k. D^k f[i1, ..., ik] is f differentiated by x_i1 first,
        then by x_i2, ..., by x_ik last (``sympy.diff(f, x_i1, ..., x_ik)``): D^1 f is the
        gradient and D^{k+1} f[..., j] = ∂(D^k f[...])/∂x_j. With the Hessian
        H_ij = ∂/∂x_i(∂f/∂x_j) and continuous second partials (Schwarz's theorem:
        ∂/∂x_j(∂f/∂x_i) = ∂/∂x_i(∂f/∂x_j)), D^2 f[i, j] = H_ij, and
        D^3 f[i, j, k] = ∂H_ij/∂x_k, so ``D3[:, :, k]`` is ∂H/∂x_k as on the slides. For f
        with continuous third partials every order of differentiation gives the same
        tensor (each D^k f is symmetric in its indices), so no check on such an f can tell
        the orders apart.

    Examples
    --------
    >>> D = derivative_tensors("x^2 + 2*x*y + y^3", ("x", "y"), 3)
    >>> D[1], D[2]
    ([2*x + 2*y, 2*x + 3*y**2], [[2, 2], [2, 6*y]])
    >>> D[3][:, :, 1]
    [[0, 0], [0, 6]]
    """
    expression, _, symbols = _prepare(f, variables)
    order = _check_order(order)
    tensors = [sympy.Array(expression)]
    for _ in range(order):
        tensors.append(_next_tensor(tensors[-1], symbols))
    return tensors


def _flat_entries(tensor: sympy.Array) -> list[sympy.Expr]:
    """The entries of a SymPy array in row-major (C) order (one entry for rank 0)."""
    if tensor.rank() == 0:
        return [tensor[()]]
    return list(np.array(tensor.tolist(), dtype=object).ravel())


def _as_number(value: float) -> sympy.Expr:
    return sympy.Integer(int(value)) if float(value).is_integer() else sympy.Float(value)


class MultivariateTaylor:
    """The Taylor polynomials of one function: derivatives computed once, evaluated per point.

    Construction differentiates f symbolically up to ``max_order`` and compiles all the
    entries into one NumPy function; :meth:`coefficients` then only evaluates that function
    at x0, and :meth:`term_grids` contracts the tensors with δ on a grid.

    Parameters
    ----------
    f : sympy.Expr or str
        The function of ``variables``.
    variables : sequence of str
        x_1, ..., x_D (default ``("x", "y")``).
    max_order : int
        The highest order available (0 to :data:`MAX_ORDER`, default 3).

    Examples
    --------
    >>> taylor = MultivariateTaylor("exp(x)*cos(y)", ("x", "y"), max_order=2)
    >>> T2 = taylor.polynomial((0.0, 0.0), 2)
    >>> round(float(T2(0.1, 0.2)), 12)             # 1 + x + x²/2 − y²/2
    1.085
    >>> taylor.coefficients((0, 0, 0))
    Traceback (most recent call last):
    ...
    ValueError: x0 must have 2 coordinates (one per variable x, y), got 3: [0.0, 0.0, 0.0]
    """

    def __init__(self, f: sympy.Expr | str, variables: Sequence[str] = ("x", "y"),
                 max_order: int = 3):
        self.expression, self.variables, self.symbols = _prepare(f, variables)
        self.max_order = _check_order(max_order, name="max_order")
        self.tensors = derivative_tensors(self.expression, self.symbols, self.max_order)
        entries = [e for tensor in self.tensors for e in _flat_entries(tensor)]
        self._compiled = sympy.lambdify(self.symbols, entries, modules="numpy")
        self._sizes = [len(self.symbols) ** k for k in range(self.max_order + 1)]

    @property
    def dimension(self) -> int:
        """D, the number of variables."""
        return len(self.symbols)

    def _order(self, order: Any) -> int:
        if order is None:
            return self.max_order
        if isinstance(order, numbers.Integral) and not isinstance(order, (bool, np.bool_)) \
                and order > self.max_order:
            raise ValueError(f"order must be at most max_order = {self.max_order} (the "
                             f"derivatives were computed up to order {self.max_order}), got "
                             f"{order}; use MultivariateTaylor(f, variables, max_order={order})")
        return _check_order(order, self.max_order)

    def point(self, x0: Any) -> np.ndarray:
        """``x0`` checked: a finite vector with one coordinate per variable."""
        return _check_vector(x0, "x0", self.dimension, self.variables)

    def coefficients(self, x0: Any, order: int | None = None) -> list[np.ndarray]:
        """The derivative tensors D^k f(x0), k = 0..order, as float arrays of shape (D,)*k.

        Raises
        ------
        ValueError
            If x0 has the wrong number of coordinates or is not finite, ``order`` exceeds
            ``max_order``, or f or a derivative is not defined (not finite) at x0.

        Examples
        --------
        >>> D = MultivariateTaylor("x^2 + 2*x*y + y^3").coefficients((1, 2))
        >>> D[3][:, :, 1].tolist()                     # ∂H/∂y: only ∂³f/∂y³ = 6
        [[0.0, 0.0], [0.0, 6.0]]
        """
        point = self.point(x0)
        order = self._order(order)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                raw = self._compiled(*(np.float64(v) for v in point))
                values = np.array([complex(v) for v in raw])
            except (ArithmeticError, ValueError, TypeError) as error:
                raise ValueError(f"f = {self.expression} cannot be differentiated at x0 = "
                                 f"{tuple(point.tolist())}: {error}") from None
        real = np.where(np.abs(values.imag) <= 1e-12 * (1 + np.abs(values.real)),
                        values.real, np.nan)
        tensors, start = [], 0
        for k in range(order + 1):
            size = self._sizes[k]
            block = real[start:start + size]
            start += size
            if not np.all(np.isfinite(block)):
                what = "f" if k == 0 else f"a derivative of order {k}"
                raise ValueError(f"{what} of f = {self.expression} is not defined at x0 = "
                                 f"{tuple(point.tolist())} (not a finite real number); choose "
                                 "another expansion point")
            tensors.append(block.reshape((self.dimension,) * k))
        return tensors

    def term_grids(self, x0: Any, *grids: Any, order: int | None = None,
                   tensors: Sequence[np.ndarray] | None = None) -> np.ndarray:
        """The terms D^k f(x0)[δ^k] / k!, k = 0..order, on a grid (one array per variable).

        Returns an array of shape ``(order + 1,) + grid shape``; its cumulative sum over the
        first axis gives T_0, T_1, ... on the grid. ``tensors`` (the result of
        :meth:`coefficients` at x0) avoids evaluating the derivatives a second time.

        Examples
        --------
        >>> taylor = MultivariateTaylor("x^2 + 2*x*y + y^3")
        >>> terms = taylor.term_grids((1, 2), np.array([2.0]), np.array([3.0]))
        >>> terms[:, 0].tolist(), float(terms.sum())     # T_3 = f(2, 3) = 4 + 12 + 27
        ([13.0, 20.0, 9.0, 1.0], 43.0)
        """
        point = self.point(x0)
        if tensors is None:
            tensors = self.coefficients(point, order)
        else:
            if isinstance(tensors, (str, bytes)) or not isinstance(tensors, Sequence) \
                    or not 1 <= len(tensors) <= self.max_order + 1:
                raise TypeError(f"tensors must be a list of 1 to {self.max_order + 1} arrays (the "
                                f"result of coefficients), got {shown(tensors)}")
            tensors = [check_array(t, f"tensors[{k}]", shape=(self.dimension,) * k)
                       for k, t in enumerate(tensors)]
            if order is not None:
                tensors = tensors[:self._order(order) + 1]
        delta = self._delta(point, grids, "grids")
        return np.stack([contract(t, delta) / math.factorial(k) for k, t in enumerate(tensors)])

    def _delta(self, point: np.ndarray, grids: Sequence[Any], label: str = "arrays") -> np.ndarray:
        if len(grids) != self.dimension:
            raise TypeError(f"{label}: give one array per variable ({', '.join(self.variables)}), "
                            f"got {len(grids)}")
        arrays = [check_array(g, f"{label} ({name})") for g, name in zip(grids, self.variables)]
        try:
            arrays = np.broadcast_arrays(*arrays)
        except ValueError:
            raise ValueError(f"{label} must broadcast to one shape, got shapes "
                             f"{[a.shape for a in arrays]}") from None
        return np.stack([a - p for a, p in zip(arrays, point)], axis=-1)

    def polynomial(self, x0: Any, order: int) -> Callable[..., np.ndarray]:
        """T_order as a vectorised callable of D arrays (broadcast like NumPy).

        Examples
        --------
        >>> T1 = MultivariateTaylor("x^2 + 2*x*y + y^3").polynomial((1, 2), 1)
        >>> round(float(T1(1.1, 2.0)), 12)             # 13 + 6·0.1
        13.6
        """
        point = self.point(x0)
        order = self._order(order)
        tensors = self.coefficients(point, order)

        def T(*arrays: Any) -> np.ndarray:
            delta = self._delta(point, arrays)
            return sum(contract(t, delta) / math.factorial(k) for k, t in enumerate(tensors))

        T.__doc__ = f"T_{order} of {self.expression} at x0 = {tuple(point.tolist())}."
        return T

    def expansion(self, x0: Any, order: int | None = None) -> sympy.Expr:
        """T_order as a SymPy expression in powers of (x_i − x0_i) (exact for integer x0).

        Examples
        --------
        >>> MultivariateTaylor("x*y").expansion((1, 2), 1)    # 2 + 2(x − 1) + (y − 2)
        2*x + y - 2
        """
        point = self.point(x0)
        order = self._order(order)
        shift = [s - _as_number(v) for s, v in zip(self.symbols, point)]
        at = {s: _as_number(v) for s, v in zip(self.symbols, point)}
        total = sympy.Integer(0)
        for k in range(order + 1):
            if k == 0:
                total += self.expression.subs(at)
                continue
            entries = [e.subs(at) for e in _flat_entries(self.tensors[k])]
            term = sympy.Integer(0)
            for index, coefficient in zip(np.ndindex(*(self.dimension,) * k), entries):
                if coefficient != 0:
                    term += coefficient * sympy.Mul(*(shift[i] for i in index))
            total += term / math.factorial(k)
        return total


def multivariate_taylor_polynomial(f: sympy.Expr | str, variables: Sequence[str], x0: Any,
                                   order: int) -> Callable[..., np.ndarray]:
    """T_order of f at x0 as a vectorised callable (see :meth:`MultivariateTaylor.polynomial`).

    Examples
    --------
    >>> T2 = multivariate_taylor_polynomial("x^2 + 2*x*y + y^3", ("x", "y"), (1, 2), 2)
    >>> float(T2(1.0, 3.0))                        # 13 + 14 + 6
    33.0
    """
    order = _check_order(order)
    return MultivariateTaylor(f, variables, max_order=order).polynomial(x0, order)


def multivariate_taylor_expansion(f: sympy.Expr | str, variables: Sequence[str], x0: Any,
                                  order: int) -> sympy.Expr:
    """T_order of f at x0 as a SymPy expression (see :meth:`MultivariateTaylor.expansion`).

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y")
    >>> T3 = multivariate_taylor_expansion("x^2 + 2*x*y + y^3", ("x", "y"), (1, 2), 3)
    >>> sp.expand(T3 - (x**2 + 2*x*y + y**3))
    0
    """
    order = _check_order(order)
    return MultivariateTaylor(f, variables, max_order=order).expansion(x0, order)


# =============================================================== numerical Hessian ====

def numerical_hessian(gradient: Callable[[np.ndarray], Any], x: Any, *,
                      method: str = "central", h: float | None = None) -> np.ndarray:
    """The Hessian H_ij = ∂²f/∂x_i∂x_j = ∂/∂x_i(∂f/∂x_j) by finite differences of the gradient.

    Row i is ∂∇f/∂x_i, the derivative of the gradient with respect to x_i: entry [i, j] is
    (∂g_j/∂x_i)(x) for g = ∇f, differentiated first with respect to x_j, then x_i (read from
    right to left, as on the slides). This is the *transpose* of the Jacobian of g (whose
    entry [i, j] is ∂g_i/∂x_j); the two agree where Schwarz's theorem applies. It is *not*
    symmetrised, so comparing it with its transpose tests Schwarz's theorem numerically.

    Parameters
    ----------
    gradient : callable
        g(x) for one array x of D coordinates; returns D numbers (a flat array, the slides'
        1×D row, or a column).
    x : array_like
        The point, D finite coordinates.
    method : {"central", "forward", "complex-step", "auto"}
        As in :func:`lecture_utils.maths.jacobians.numerical_jacobian`.
    h : float, optional
        The step.

    Returns
    -------
    numpy.ndarray
        Shape (D, D).

    Examples
    --------
    >>> import numpy as np
    >>> g = lambda v: np.array([2 * v[0] + 2 * v[1], 2 * v[0] + 3 * v[1] ** 2])
    >>> numerical_hessian(g, [1.0, 2.0]).round(6).tolist()
    [[2.0, 2.0], [2.0, 12.0]]
    >>> field = lambda v: np.array([0.0, v[0]])     # g_2 = x_1: only ∂g_2/∂x_1 = 1 ≠ 0
    >>> numerical_hessian(field, [0.0, 0.0]).round(6).tolist()      # entry [1, 2] = ∂g_2/∂x_1
    [[0.0, 1.0], [0.0, 0.0]]
    >>> numerical_hessian(g, [1.0, float("nan")])
    Traceback (most recent call last):
    ...
    ValueError: x must contain only finite numbers (no NaN or inf)
    """
    from .jacobians import numerical_jacobian

    check_callable(gradient, "gradient")
    point = _check_vector(x, "x")
    n = point.size

    def flat_gradient(v: np.ndarray) -> np.ndarray:
        value = np.asarray(gradient(v))
        if value.size != n:
            raise ValueError(f"gradient must return {n} numbers (one per coordinate of x), "
                             f"got shape {value.shape}")
        return value.reshape(n)

    try:
        jacobian = numerical_jacobian(flat_gradient, point, method=method, h=h)
    except ValueError as error:
        if str(error).startswith(("method", "h ", "gradient")):
            raise
        raise ValueError(f"{error} (numerical_hessian differentiates f = gradient at "
                         "X = x)") from None
    return jacobian.T   # [i, j] = ∂g_j/∂x_i


# ======================================================= linearization error ====

@dataclass(frozen=True)
class LinearizationErrors:
    """The error of the linearization along a ray x0 + t·u (made by :func:`linearization_errors`).

    Attributes
    ----------
    radii : numpy.ndarray
        ‖δ‖ = t for each step.
    errors : numpy.ndarray
        |f(x0 + δ) − f(x0) − ∇f(x0)δ|.
    ratios : numpy.ndarray
        errors / ‖δ‖²: tends to |uᵀH(x0)u|/2 as ‖δ‖ → 0 (f twice continuously
        differentiable).
    slope : float
        The least-squares slope of log(error) against log‖δ‖ (≈ 2 when uᵀH(x0)u ≠ 0 and the
        radii are small).
    """

    radii: np.ndarray
    errors: np.ndarray
    ratios: np.ndarray
    slope: float


def loglog_slope(x: Any, y: Any) -> float:
    """The least-squares slope of log y against log x (the order of a power law y ≈ C xᵖ).

    Examples
    --------
    >>> import numpy as np
    >>> t = np.logspace(-3, -1, 9)
    >>> round(loglog_slope(t, 5 * t**2), 12)
    2.0
    >>> loglog_slope([1.0, 2.0], [1.0, 0.0])
    Traceback (most recent call last):
    ...
    ValueError: y must be positive to take its logarithm, got 0.0 at index 1
    """
    xs = check_array(x, "x", ndim=1)
    ys = check_array(y, "y", ndim=1)
    if xs.shape != ys.shape or xs.size < 2:
        raise ValueError(f"x and y must be 1-d arrays of the same length (at least 2), got "
                         f"shapes {xs.shape} and {ys.shape}")
    for values, name in ((xs, "x"), (ys, "y")):
        if np.any(values <= 0):
            index = int(np.argmax(values <= 0))
            raise ValueError(f"{name} must be positive to take its logarithm, got "
                             f"{values[index]} at index {index}")
    return float(np.polyfit(np.log(xs), np.log(ys), 1)[0])


def linearization_errors(f: Callable[[np.ndarray], Any], gradient_at_x0: Any, x0: Any,
                         direction: Any, radii: Any) -> LinearizationErrors:
    """How fast the error of f(x) ≈ f(x0) + ∇f(x0)(x − x0) shrinks along a ray.

    Parameters
    ----------
    f : callable
        f(x) for one array x of D coordinates, returning a number.
    gradient_at_x0 : array_like
        ∇f(x0): D numbers (the slides' 1×D row, or flat).
    x0 : array_like
        The expansion point.
    direction : array_like
        The direction u (normalised here), so that δ = t·u with ‖δ‖ = t.
    radii : array_like
        The distances t > 0.

    Returns
    -------
    LinearizationErrors

    Examples
    --------
    >>> import numpy as np
    >>> f = lambda v: v[0]**2 + 2*v[0]*v[1] + v[1]**3
    >>> study = linearization_errors(f, [6, 14], (1, 2), (0.6, 0.8), np.logspace(-4, -1, 7))
    >>> round(study.slope, 2), round(float(study.ratios[0]), 3)    # uᵀHu/2 = 5.16
    (2.0, 5.16)
    """
    check_callable(f, "f")
    point = _check_vector(x0, "x0")
    g = _check_vector(gradient_at_x0, "gradient_at_x0", point.size)
    u = _check_vector(direction, "direction", point.size)
    norm = float(np.linalg.norm(u))
    if norm == 0.0:
        raise ValueError("direction must not be the zero vector")
    u = u / norm
    ts = check_array(radii, "radii", ndim=1)
    if not 2 <= np.unique(ts).size <= ts.size <= 1000 or np.any(ts <= 0):
        raise ValueError("radii must hold 2 to 1000 positive distances, not all equal, such as "
                         "np.logspace(-4, -1, 13)")
    with np.errstate(all="ignore"):
        try:
            f0 = float(f(point))
            errors = np.array([abs(float(f(point + t * u)) - f0 - t * float(g @ u)) for t in ts])
        except Exception as error:  # noqa: BLE001 - the caller's function, named in the message
            raise ValueError(f"f could not be evaluated at x0 + t·u (it must take a vector and "
                             f"return a number): {type(error).__name__}: {error}") from None
    if not np.all(np.isfinite(errors)):
        raise ValueError("f is not finite at some of the points x0 + t·u; choose smaller radii")
    ratios = errors / ts**2
    slope = loglog_slope(ts, errors) if np.all(errors > 0) else math.nan
    return LinearizationErrors(ts, errors, ratios, slope)
