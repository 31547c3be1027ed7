"""Matrix calculus (layer 1: mathematics, no drawing): Jacobians of any shape and identities.

Conventions of the slides (see ``/work/shared/lecture/ERRATA.md``), kept everywhere here:

* the gradient of a scalar with respect to a vector x ∈ R^n is a **row** vector in R^{1×n}
  (numerator layout);
* the Jacobian of f: R^n → R^m is the m×n matrix with entry (i, j) = ∂f_i/∂x_j;
* the derivative of a tensor with respect to a tensor has shape
  ``(output shape) + (input shape)``: entry ``[i..., j...]`` is ∂f_i.../∂X_j....
  For a scalar of a matrix X this is the matrix G with G_ij = ∂f/∂X_ij (same shape as X).

:func:`numerical_jacobian` computes such derivatives by finite differences (or the complex
step) for any shapes; :func:`flatten_jacobian` and :func:`unflatten_jacobian` are the slides'
"Approach 2" (flatten the matrix, take an ordinary Jacobian, reshape); :func:`gradient`,
:func:`jacobian` and :func:`hessian` are the symbolic counterparts; :data:`IDENTITIES` lists
the slides' "useful identities", each checkable with :func:`verify_identity`, and
:func:`compare_layouts` shows what goes wrong with the formula of another layout.

Examples
--------
>>> import numpy as np
>>> A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
>>> numerical_jacobian(lambda x: A @ x, np.ones(3)).round(8).tolist()
[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
>>> gradient("x1^2 + 3*x2", ["x1", "x2"])
Matrix([[2*x1, 3]])
>>> verify_identity("xT B x", 3, np.random.default_rng(0)).holds
True
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import sympy

from ._validation import _shown, check_array, check_callable, check_choice, check_real_number
from .numeric import METHODS, _NotComplexCompatible, call_user_function, default_step

__all__ = [
    "IDENTITIES",
    "JACOBIAN_METHODS",
    "Identity",
    "IdentityCheck",
    "LayoutComparison",
    "compare_layouts",
    "flatten_jacobian",
    "gradient",
    "hessian",
    "jacobian",
    "numerical_jacobian",
    "unflatten_jacobian",
    "verify_identity",
]

#: The methods of :func:`numerical_jacobian`: ``"auto"`` tries the complex step, then central.
JACOBIAN_METHODS: tuple[str, ...] = ("auto", *METHODS)


# ================================================================= numerical Jacobian ====

def _shape_text(shape: tuple[int, ...]) -> str:
    return str(tuple(int(s) for s in shape))


def _check_output(values: np.ndarray, reference_shape: tuple[int, ...] | None,
                  x_shape: tuple[int, ...], where: str) -> None:
    if reference_shape is not None and values.shape != reference_shape:
        raise ValueError(f"f must return the same shape for every input: f(X) has shape "
                         f"{_shape_text(reference_shape)}, but f at {where} has shape "
                         f"{_shape_text(values.shape)} (X has shape {_shape_text(x_shape)})")
    if not np.all(np.isfinite(values)):
        index = tuple(int(i) for i in np.argwhere(~np.isfinite(values))[0])
        raise ValueError(f"f must be finite near X: the entry {index} of f at {where} is "
                         f"{values[index]} (X has shape {_shape_text(x_shape)}, f(X) has "
                         f"shape {_shape_text(values.shape)})")


def _unit(shape: tuple[int, ...], flat_index: int) -> str:
    index = np.unravel_index(flat_index, shape) if shape else ()
    return f"X + h·e{tuple(int(i) for i in index)}"


def _complex_step_jacobian(f: Callable[[np.ndarray], Any], x: np.ndarray,
                           out_shape: tuple[int, ...], step: np.ndarray) -> np.ndarray:
    """Columns Im f(X + ih·e_j) / h; raises _NotComplexCompatible when f does not allow it."""
    columns = np.empty((int(np.prod(out_shape, dtype=int)), x.size))
    flat_step = np.broadcast_to(step, x.shape).ravel()
    with np.errstate(all="ignore"):
        for j in range(x.size):
            shifted = x.astype(complex).ravel()
            shifted[j] += 1j * flat_step[j]
            values = call_user_function(f, shifted.reshape(x.shape), complex_input=True,
                             where=_unit(x.shape, j).replace("h·", "ih·"))
            if values.shape != out_shape:
                raise _NotComplexCompatible(f"it returned shape {_shape_text(values.shape)} "
                                            f"for a complex argument")
            if not np.all(np.isfinite(values)):
                raise _NotComplexCompatible("it returned a value that is not finite")
            columns[:, j] = (values.imag / flat_step[j]).ravel()
    return columns


def _difference_jacobian(f: Callable[[np.ndarray], Any], x: np.ndarray, y0: np.ndarray,
                         step: np.ndarray, method: str) -> np.ndarray:
    """Columns of central ((f(X+h e_j) − f(X−h e_j)) / 2h) or forward differences."""
    columns = np.empty((y0.size, x.size))
    flat_step = np.broadcast_to(step, x.shape).ravel()
    for j in range(x.size):
        h = flat_step[j]
        right = x.ravel().copy()
        right[j] += h
        where = _unit(x.shape, j)
        plus = call_user_function(f, right.reshape(x.shape), complex_input=False, where=where)
        _check_output(plus, y0.shape, x.shape, where)
        if method == "forward":
            with np.errstate(all="ignore"):
                columns[:, j] = ((plus - y0) / h).ravel()
            continue
        left = x.ravel().copy()
        left[j] -= h
        where = where.replace("X + h", "X - h")
        minus = call_user_function(f, left.reshape(x.shape), complex_input=False, where=where)
        _check_output(minus, y0.shape, x.shape, where)
        with np.errstate(all="ignore"):
            columns[:, j] = ((plus - minus) / (2.0 * h)).ravel()
    return columns


def numerical_jacobian(f: Callable[[np.ndarray], Any], X: Any, *, method: str = "auto",
                       h: float | None = None) -> np.ndarray:
    """The derivative of ``f`` at ``X`` for any input and output shape, numerically.

    The result has shape ``np.shape(f(X)) + np.shape(X)`` and entry ``[i..., j...]`` equal to
    ∂f_i.../∂X_j... (the slides' layout): for f: R^n → R^m it is the m×n Jacobian, for a
    scalar of a vector the gradient as a flat array of n entries (reshape it to the row
    ``(1, n)`` of the slides), for a scalar of a matrix X the matrix G with G_ij = ∂f/∂X_ij,
    for a matrix of a matrix a 4-d tensor. Each input entry X_j is perturbed in turn.

    Parameters
    ----------
    f : callable
        Called with one array of the shape of ``X``; returns a number or an array (always of
        the same shape). It must not change its argument.
    X : array_like
        The point: a finite real number, vector, matrix or tensor.
    method : {"auto", "central", "forward", "complex-step"}
        ``"central"``: (f(X + h e_j) − f(X − h e_j)) / 2h, error O(h²) + O(ε/h).
        ``"complex-step"``: Im f(X + ih e_j) / h, accurate to rounding (f must accept complex
        arrays and be built from analytic operations: ``+ - * / @ **``, ``.T``,
        ``np.sin``, ``np.exp``, ``np.linalg.inv``, ``np.linalg.det``, ...; not ``abs``,
        ``np.conj``, ``np.vdot``, comparisons). ``"auto"`` (default) computes both and
        returns the complex-step result if f accepts complex input, returns a complex array
        and agrees with central differences (to 1e-6 relative: a non-analytic f such as
        ``np.vdot(x, x)`` gives a wrong complex step), else the central differences.
        ``"forward"``: (f(X + h e_j) − f(X)) / h, error O(h).
    h : float, optional
        The step (> 0). By default :func:`lecture_utils.numeric.default_step` for each entry
        of X: ε^(1/3)·max(1, |X_j|) for central, √ε·max(1, |X_j|) for forward, 1e-20 for the
        complex step.

    Returns
    -------
    numpy.ndarray
        Float array of shape ``np.shape(f(X)) + np.shape(X)``.

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``X`` is not an array of real numbers, or f does not return
        numbers.
    ValueError
        If ``X`` is not finite, ``method`` or ``h`` is invalid, f raises, returns a
        non-finite value or changes shape near X (the message names the shapes), or
        ``method="complex-step"`` and f does not accept complex input.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([1.0, 2.0])
    >>> numerical_jacobian(lambda A: A @ x, np.zeros((2, 2))).shape   # (M,) + (M, N)
    (2, 2, 2)
    >>> numerical_jacobian(lambda v: v @ v, x)                         # 2 xᵀ, flat
    array([2., 4.])
    >>> numerical_jacobian(np.abs, 2.0)          # not complex-step compatible: central
    array(1.)
    >>> numerical_jacobian(np.sum, [1.0, float("nan")])
    Traceback (most recent call last):
    ...
    ValueError: X must contain only finite numbers (no NaN or inf)
    """
    check_callable(f, "f")
    method = check_choice(method, "method", JACOBIAN_METHODS)
    if isinstance(X, (str, bytes)):
        raise TypeError(f"X must be a real number or an array of real numbers, got "
                        f"{type(X).__name__} {_shown(X)}")
    x = check_array(X, "X")
    if h is not None:
        h = check_real_number(h, "h", positive=True)

    y0 = call_user_function(f, x.copy(), complex_input=False, where="X")
    _check_output(y0, None, x.shape, "X")
    out_shape = y0.shape

    def step(for_method: str) -> np.ndarray:
        if h is not None:
            return np.full(x.shape, float(h))
        return np.asarray(default_step(for_method, x), dtype=float)

    columns = None
    if method in ("auto", "complex-step"):
        try:
            columns = _complex_step_jacobian(f, x, out_shape, step("complex-step"))
        except _NotComplexCompatible as exc:
            if method == "complex-step":
                raise ValueError(f"f is not complex-step compatible: {exc}. "
                                 'Use method="central" instead.') from None
    if method != "complex-step":
        chosen = "central" if method == "auto" else method
        try:
            differences = _difference_jacobian(f, x, y0, step(chosen), chosen)
        except ValueError:
            if columns is None:
                raise
            differences = columns   # f fails at X ± h e_j: the complex step is all there is
        if columns is None or not _consistent(columns, differences):
            columns = differences
    return _finite(columns, x.shape, out_shape).reshape(out_shape + x.shape)


def _consistent(complex_step: np.ndarray, central: np.ndarray) -> bool:
    """Whether the complex step agrees with central differences (to 1e-6 of the scale).

    It does not for a function that takes complex numbers but is not analytic, such as
    ``np.vdot(x, x)`` or ``x.conj() @ x``, which gives a wrong complex-step derivative.
    """
    with np.errstate(all="ignore"):
        scale = max(1.0, float(np.max(np.abs(central), initial=0.0)))
        return bool(np.all(np.abs(complex_step - central) <= _AUTO_AGREEMENT * scale))


#: In ``method="auto"`` the complex-step result is kept only if it agrees with central
#: differences to this relative tolerance.
_AUTO_AGREEMENT = 1e-6


def _finite(columns: np.ndarray, x_shape: tuple[int, ...],
            out_shape: tuple[int, ...]) -> np.ndarray:
    if not np.all(np.isfinite(columns)):
        raise ValueError(f"the finite-difference derivative is not finite (X has shape "
                         f"{_shape_text(x_shape)}, f(X) has shape {_shape_text(out_shape)})")
    return columns


# ====================================================== Approach 2: flatten / reshape ====

def _check_shape(shape: Any, name: str) -> tuple[int, ...]:
    if isinstance(shape, numbers.Integral) and not isinstance(shape, (bool, np.bool_)):
        shape = (shape,)
    if isinstance(shape, (str, bytes)) or not isinstance(shape, (tuple, list)) or any(
            isinstance(s, (bool, np.bool_)) or not isinstance(s, numbers.Integral) or s < 0
            for s in shape):
        raise TypeError(f"{name} must be a tuple of non-negative integers such as (4, 2), "
                        f"got {_shown(shape)}")
    return tuple(int(s) for s in shape)


def flatten_jacobian(J: Any, output_shape: Any, input_shape: Any) -> np.ndarray:
    """The slides' Approach 2: a Jacobian tensor as a 2-d matrix (prod(out) × prod(in)).

    Both the output and the input are flattened in row-major (C) order, as ``np.ravel``
    does: entry (i, j) of a 4×2 matrix becomes entry 2·i + j of the vector in R^8. Row r of
    the result is the gradient of output entry r, column c belongs to input entry c.

    Parameters
    ----------
    J : array_like
        The tensor, of shape ``output_shape + input_shape``.
    output_shape, input_shape : tuple of int (or int)
        The shapes of f(X) and of X.

    Returns
    -------
    numpy.ndarray
        Shape ``(prod(output_shape), prod(input_shape))``.

    Raises
    ------
    ValueError
        If ``J`` does not have the shape ``output_shape + input_shape`` (names both).

    Examples
    --------
    >>> import numpy as np
    >>> J = np.arange(24.0).reshape(4, 2, 3)       # dA/dx for A ∈ R^{4×2}, x ∈ R^3
    >>> flatten_jacobian(J, (4, 2), (3,)).shape
    (8, 3)
    >>> flatten_jacobian(J, (4, 2), (3,))[3].tolist() == J[1, 1].tolist()   # row 2·1 + 1
    True
    """
    out = _check_shape(output_shape, "output_shape")
    inp = _check_shape(input_shape, "input_shape")
    tensor = check_array(J, "J")
    if tensor.shape != out + inp:
        raise ValueError(f"J must have shape output_shape + input_shape = "
                         f"{_shape_text(out + inp)} (output_shape {_shape_text(out)}, "
                         f"input_shape {_shape_text(inp)}), got shape "
                         f"{_shape_text(tensor.shape)}")
    return tensor.reshape(math.prod(out), math.prod(inp))


def unflatten_jacobian(M: Any, output_shape: Any, input_shape: Any) -> np.ndarray:
    """The inverse of :func:`flatten_jacobian`: reshape a 2-d Jacobian into the tensor.

    Parameters
    ----------
    M : array_like
        A matrix of shape ``(prod(output_shape), prod(input_shape))`` whose rows and columns
        follow the row-major (C) order of the output and input entries.
    output_shape, input_shape : tuple of int (or int)
        The shapes of f(X) and of X.

    Returns
    -------
    numpy.ndarray
        Shape ``output_shape + input_shape``.

    Raises
    ------
    ValueError
        If ``M`` does not have the shape ``(prod(output_shape), prod(input_shape))``.

    Examples
    --------
    >>> import numpy as np
    >>> M = np.arange(24.0).reshape(8, 3)
    >>> T = unflatten_jacobian(M, (4, 2), (3,))
    >>> T.shape, bool(np.array_equal(flatten_jacobian(T, (4, 2), (3,)), M))
    ((4, 2, 3), True)
    """
    out = _check_shape(output_shape, "output_shape")
    inp = _check_shape(input_shape, "input_shape")
    matrix = check_array(M, "M")
    want = (math.prod(out), math.prod(inp))
    if matrix.shape != want:
        raise ValueError(f"M must have shape (prod(output_shape), prod(input_shape)) = "
                         f"{_shape_text(want)} (output_shape {_shape_text(out)}, input_shape "
                         f"{_shape_text(inp)}), got shape {_shape_text(matrix.shape)}")
    return matrix.reshape(out + inp)


# ============================================================================ symbolic ====

def _symbols(variables: Any) -> list[str | sympy.Symbol]:
    """Variables given as names or Symbols (names unique), as given."""
    if isinstance(variables, (str, sympy.Basic)) or not isinstance(variables, Sequence):
        if isinstance(variables, sympy.MatrixBase):
            variables = list(variables)
        else:
            raise TypeError("variables must be a sequence of names or SymPy symbols such as "
                            f"['x1', 'x2'], got {type(variables).__name__} {_shown(variables)}")
    result = list(variables)
    for v in result:
        if not isinstance(v, (str, sympy.Symbol)):
            raise TypeError(f"variables must contain names or SymPy symbols, got "
                            f"{type(v).__name__} {_shown(v)}")
    if not result:
        raise ValueError("variables must name at least one variable")
    names = [_name(v) for v in result]
    if len(set(names)) != len(names):
        raise ValueError(f"variables must not repeat a name, got {_shown(tuple(names))}")
    return result


def _name(variable: str | sympy.Symbol) -> str:
    return variable if isinstance(variable, str) else variable.name


def _expressions(exprs: list[Any], variables: list[str | sympy.Symbol],
                 label: Callable[[int], str]) -> tuple[list[sympy.Expr], list[sympy.Symbol]]:
    """The expressions and the symbols to differentiate by.

    A variable given as a Symbol replaces the expressions' symbols of its name; a variable
    given as a name is the expressions' own symbol of that name (a plain Symbol if none has
    it), so that the result is in the symbols the caller used.
    """
    from .symbolic import as_expression

    names = [_name(v) for v in variables]
    parsed = []
    for k, expr in enumerate(exprs):
        if isinstance(expr, str):
            expr = as_expression(expr, names)
        elif isinstance(expr, numbers.Number) and not isinstance(expr, (bool, np.bool_)):
            expr = sympy.sympify(expr)   # a number, not text: no parsing involved
        if not isinstance(expr, sympy.Expr):
            raise TypeError(f"{label(k)} must be a SymPy expression or a formula string such "
                            f"as 'x1^2 + x2', got {type(expr).__name__} {_shown(expr)}")
        parsed.append(expr)
    present = {s.name: s for e in parsed for s in e.free_symbols if isinstance(s, sympy.Symbol)}
    symbols = [v if isinstance(v, sympy.Symbol) else present.get(v, sympy.Symbol(v))
               for v in variables]
    by_name = {s.name: s for s in symbols}
    unified = []
    for expr in parsed:
        swap = {s: by_name[s.name] for s in expr.free_symbols
                if isinstance(s, sympy.Symbol) and s.name in by_name and s != by_name[s.name]}
        unified.append(expr.xreplace(swap) if swap else expr)
    return unified, symbols


def gradient(expr: sympy.Expr | str, variables: Sequence[str | sympy.Symbol]) -> sympy.Matrix:
    """The gradient of a scalar expression as a 1×n ROW matrix (the slides' layout).

    Parameters
    ----------
    expr : sympy.Expr or str
        The function; a string is parsed with :func:`lecture_utils.symbolic.as_expression`
        (it may use only the variables). A SymPy expression may contain further symbols,
        which are treated as constants.
    variables : sequence of str or sympy.Symbol
        x_1, ..., x_n, in order. A Symbol replaces the expression's symbol of its name; a
        name means the expression's own symbol of that name (whatever its assumptions).

    Returns
    -------
    sympy.Matrix
        ``[[∂f/∂x_1, ..., ∂f/∂x_n]]``, shape (1, n).

    Examples
    --------
    >>> gradient("x^2*y", ["x", "y"])
    Matrix([[2*x*y, x**2]])
    >>> gradient("x^2*y", ["x", "y"]).shape
    (1, 2)
    """
    (f,), symbols = _expressions([expr], _symbols(variables), lambda k: "expr")
    return sympy.Matrix([[sympy.diff(f, s) for s in symbols]])


def jacobian(exprs: Any, variables: Sequence[str | sympy.Symbol]) -> sympy.Matrix:
    """The m×n Jacobian of f = (f_1, ..., f_m) with respect to (x_1, ..., x_n).

    Parameters
    ----------
    exprs : sequence of (sympy.Expr or str), sympy.Matrix, or one expression
        The components f_i (a column or row Matrix is read entry by entry); one expression
        gives the 1×n gradient.
    variables : sequence of str or sympy.Symbol
        x_1, ..., x_n, in order.

    Returns
    -------
    sympy.Matrix
        Shape (m, n), entry (i, j) = ∂f_i/∂x_j.

    Examples
    --------
    >>> jacobian(["x*y", "x + 2*y", "y^2"], ["x", "y"])
    Matrix([
    [y,   x],
    [1,   2],
    [0, 2*y]])
    """
    variables = _symbols(variables)
    if isinstance(exprs, sympy.MatrixBase):
        components = list(exprs)
    elif isinstance(exprs, (str, sympy.Expr, numbers.Number)):
        components = [exprs]
    elif isinstance(exprs, Sequence):
        components = list(exprs)
    else:
        raise TypeError(f"exprs must be a list of expressions (or formula strings) or a SymPy "
                        f"Matrix, got {type(exprs).__name__} {_shown(exprs)}")
    if not components:
        raise ValueError("exprs must contain at least one component f_i")
    rows, symbols = _expressions(components, variables, lambda k: f"exprs[{k}]")
    return sympy.Matrix([[sympy.diff(f, s) for s in symbols] for f in rows])


def hessian(expr: sympy.Expr | str, variables: Sequence[str | sympy.Symbol]) -> sympy.Matrix:
    """The n×n Hessian matrix, entry (i, j) = ∂²f/∂x_i∂x_j.

    Examples
    --------
    >>> hessian("x^2 + 2*x*y + y^3", ["x", "y"])
    Matrix([
    [2,   2],
    [2, 6*y]])
    """
    (f,), symbols = _expressions([expr], _symbols(variables), lambda k: "expr")
    return sympy.Matrix([[sympy.diff(f, a, b) for b in symbols] for a in symbols])


# ================================================================ identity catalogue ====

#: Largest condition number of a random matrix that is inverted in an identity check.
MAX_CONDITION = 30.0
#: Relative tolerance of :func:`verify_identity` per method of the left side, and the power of
#: κ (the largest condition number of the matrices that are inverted, at least 1) it is
#: multiplied by. The complex step is exact up to rounding, which grows like ε·κ (measured:
#: below 1.3e-15·κ for sizes up to 5); finite differences add a truncation error whose
#: derivatives grow faster with κ (measured: below 1e-9·κ for central differences).
BASE_TOLERANCE: dict[str, tuple[float, int]] = {
    "complex-step": (1e-12, 1), "central": (1e-7, 2), "forward": (1e-4, 2)}


def _random_invertible(rng: np.random.Generator, n: int) -> np.ndarray:
    """A random n×n matrix with condition number ≤ MAX_CONDITION and singular values ≥ 0.2."""
    for _ in range(1000):
        matrix = rng.standard_normal((n, n))
        singular = np.linalg.svd(matrix, compute_uv=False)
        if singular[-1] >= 0.2 and singular[0] / singular[-1] <= MAX_CONDITION:
            return matrix
    return matrix + 2.0 * n * np.eye(n)  # pragma: no cover - practically never reached


def _cond(matrix: np.ndarray) -> float:
    return float(np.linalg.cond(matrix)) if matrix.size else 1.0


def _row(values: np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=float).reshape(1, -1)


# f(X) = X A X, used by the identities about a matrix function f of X; its derivative tensor
# ∂f_kl/∂X_ij = δ_ki (A X)_jl + (X A)_ki δ_lj.
def _f(inputs: dict[str, np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    A = inputs["A"]
    return lambda X: X @ A @ X


def _df(inputs: dict[str, np.ndarray]) -> np.ndarray:
    X, A = inputs["X"], inputs["A"]
    n = X.shape[0]
    eye = np.eye(n)
    return (np.einsum("ki,jl->klij", eye, A @ X) + np.einsum("ki,lj->klij", X @ A, eye))


def _inputs_vectors(rng: np.random.Generator, d: Mapping[str, int]) -> dict[str, np.ndarray]:
    n = d["n"]
    return {"a": rng.standard_normal(n), "x": rng.standard_normal(n)}


def _inputs_aXb(rng: np.random.Generator, d: Mapping[str, int]) -> dict[str, np.ndarray]:
    m, n = d["m"], d["n"]
    return {"a": rng.standard_normal(m), "X": rng.standard_normal((m, n)),
            "b": rng.standard_normal(n)}


def _inputs_xBx(rng: np.random.Generator, d: Mapping[str, int]) -> dict[str, np.ndarray]:
    n = d["n"]
    return {"x": rng.standard_normal(n), "B": rng.standard_normal((n, n))}


def _inputs_wls(symmetric: bool) -> Callable[..., dict[str, np.ndarray]]:
    def make(rng: np.random.Generator, d: Mapping[str, int]) -> dict[str, np.ndarray]:
        m, k = d["m"], d["k"]
        W = rng.standard_normal((m, m))
        if symmetric:
            W = (W + W.T) / 2.0
        return {"x": rng.standard_normal(m), "A": rng.standard_normal((m, k)),
                "s": rng.standard_normal(k), "W": W}
    return make


def _inputs_aXinvb(rng: np.random.Generator, d: Mapping[str, int]) -> dict[str, np.ndarray]:
    n = d["n"]
    return {"a": rng.standard_normal(n), "X": _random_invertible(rng, n),
            "b": rng.standard_normal(n)}


def _inputs_fX(rng: np.random.Generator, d: Mapping[str, int]) -> dict[str, np.ndarray]:
    n = d["n"]
    return {"X": _random_invertible(rng, n), "A": _random_invertible(rng, n)}


def _wls_value(i: dict[str, np.ndarray]) -> Callable[[np.ndarray], Any]:
    x, A, W = i["x"], i["A"], i["W"]
    return lambda s: (x - A @ s) @ W @ (x - A @ s)


@dataclass(frozen=True)
class Identity:
    """One gradient identity of the slides, checkable on random inputs.

    Attributes
    ----------
    name : str
        The key in :data:`IDENTITIES`.
    latex : str
        The identity in LaTeX.
    layout : str
        The layout under which it holds (what the left side's entries are).
    sizes : tuple of str
        The names of the dimensions it needs (e.g. ``("m", "n")`` for a ∈ R^m, X ∈ R^{m×n}).
    shapes : str
        The shapes of the inputs, in words.
    requires : str
        Extra conditions ("W symmetric", "X invertible", ...), or "".
    make_inputs : callable
        ``make_inputs(rng, dims) -> dict`` of random inputs for a dict of dimensions.
    left : callable
        ``left(inputs, method) -> ndarray``: the derivative computed NUMERICALLY with
        :func:`numerical_jacobian` of the scalar, vector or matrix function.
    right : callable
        ``right(inputs) -> ndarray``: the closed form.
    conditioned : callable
        ``conditioned(inputs) -> list of matrices`` that are inverted; their largest condition
        number scales the tolerance.
    """

    name: str
    latex: str
    layout: str
    sizes: tuple[str, ...]
    shapes: str
    requires: str
    make_inputs: Callable[[np.random.Generator, Mapping[str, int]], dict[str, np.ndarray]]
    left: Callable[[dict[str, np.ndarray], str], np.ndarray] = field(repr=False)
    right: Callable[[dict[str, np.ndarray]], np.ndarray] = field(repr=False)
    conditioned: Callable[[dict[str, np.ndarray]], list[np.ndarray]] = field(
        default=lambda inputs: [], repr=False)


_ROW = "numerator layout: a 1×n row, entry j = ∂/∂x_j"
_G = "G_ij = ∂/∂X_ij (the gradient has the shape of X)"
_TENSOR = "tensor layout: shape (output shape) + (input shape), entry [k, l, i, j] = ∂f_kl/∂X_ij"
_F_TEXT = "f(X) = X A X with a fixed random A (any differentiable f works)"

_ENTRIES = [
    Identity(
        "aT x", r"\frac{\partial \mathbf{a}^\top \mathbf{x}}{\partial \mathbf{x}} = "
                r"\mathbf{a}^\top", _ROW, ("n",), "a, x ∈ R^n", "",
        _inputs_vectors,
        lambda i, m: _row(numerical_jacobian(lambda x: i["a"] @ x, i["x"], method=m)),
        lambda i: _row(i["a"])),
    Identity(
        "xT a", r"\frac{\partial \mathbf{x}^\top \mathbf{a}}{\partial \mathbf{x}} = "
                r"\mathbf{a}^\top", _ROW, ("n",), "a, x ∈ R^n", "",
        _inputs_vectors,
        lambda i, m: _row(numerical_jacobian(lambda x: x @ i["a"], i["x"], method=m)),
        lambda i: _row(i["a"])),
    Identity(
        "aT X b", r"\frac{\partial \mathbf{a}^\top \mathbf{X} \mathbf{b}}{\partial \mathbf{X}}"
                  r" = \mathbf{a} \mathbf{b}^\top", _G, ("m", "n"),
        "a ∈ R^m, X ∈ R^{m×n}, b ∈ R^n", "",
        _inputs_aXb,
        lambda i, m: numerical_jacobian(lambda X: i["a"] @ X @ i["b"], i["X"], method=m),
        lambda i: np.outer(i["a"], i["b"])),
    Identity(
        "xT B x", r"\frac{\partial \mathbf{x}^\top \mathbf{B} \mathbf{x}}{\partial \mathbf{x}}"
                  r" = \mathbf{x}^\top (\mathbf{B} + \mathbf{B}^\top)", _ROW, ("n",),
        "x ∈ R^n, B ∈ R^{n×n}", "any B (2xᵀB only for symmetric B)",
        _inputs_xBx,
        lambda i, m: _row(numerical_jacobian(lambda x: x @ i["B"] @ x, i["x"], method=m)),
        lambda i: _row(i["x"] @ (i["B"] + i["B"].T))),
    Identity(
        "(x-As)T W (x-As)",
        r"\frac{\partial}{\partial \mathbf{s}} (\mathbf{x} - \mathbf{A}\mathbf{s})^\top "
        r"\mathbf{W} (\mathbf{x} - \mathbf{A}\mathbf{s}) = -2 (\mathbf{x} - "
        r"\mathbf{A}\mathbf{s})^\top \mathbf{W} \mathbf{A}", _ROW, ("m", "k"),
        "x ∈ R^m, A ∈ R^{m×k}, s ∈ R^k, W ∈ R^{m×m}", "W symmetric",
        _inputs_wls(symmetric=True),
        lambda i, m: _row(numerical_jacobian(_wls_value(i), i["s"], method=m)),
        lambda i: _row(-2.0 * (i["x"] - i["A"] @ i["s"]) @ i["W"] @ i["A"])),
    Identity(
        "(x-As)T W (x-As), any W",
        r"\frac{\partial}{\partial \mathbf{s}} (\mathbf{x} - \mathbf{A}\mathbf{s})^\top "
        r"\mathbf{W} (\mathbf{x} - \mathbf{A}\mathbf{s}) = -(\mathbf{x} - "
        r"\mathbf{A}\mathbf{s})^\top (\mathbf{W} + \mathbf{W}^\top) \mathbf{A}", _ROW,
        ("m", "k"), "x ∈ R^m, A ∈ R^{m×k}, s ∈ R^k, W ∈ R^{m×m}", "",
        _inputs_wls(symmetric=False),
        lambda i, m: _row(numerical_jacobian(_wls_value(i), i["s"], method=m)),
        lambda i: _row(-(i["x"] - i["A"] @ i["s"]) @ (i["W"] + i["W"].T) @ i["A"])),
    Identity(
        "aT X^-1 b",
        r"\frac{\partial \mathbf{a}^\top \mathbf{X}^{-1} \mathbf{b}}{\partial \mathbf{X}} = "
        r"-\mathbf{X}^{-\top} \mathbf{a} \mathbf{b}^\top \mathbf{X}^{-\top}", _G, ("n",),
        "a, b ∈ R^n, X ∈ R^{n×n}", "X invertible",
        _inputs_aXinvb,
        lambda i, m: numerical_jacobian(lambda X: i["a"] @ np.linalg.inv(X) @ i["b"], i["X"],
                                        method=m),
        lambda i: -np.linalg.inv(i["X"]).T @ np.outer(i["a"], i["b"]) @ np.linalg.inv(i["X"]).T,
        lambda i: [i["X"]]),
    Identity(
        "tr f(X)",
        r"\frac{\partial}{\partial \mathbf{X}} \operatorname{tr}(\mathbf{f}(\mathbf{X})) = "
        r"\operatorname{tr}\left(\frac{\partial \mathbf{f}(\mathbf{X})}{\partial \mathbf{X}}"
        r"\right)", _G + "; tr sums the two output axes of ∂f/∂X", ("n",),
        "X ∈ R^{n×n}; " + _F_TEXT, "",
        _inputs_fX,
        lambda i, m: numerical_jacobian(lambda X: np.trace(_f(i)(X)), i["X"], method=m),
        lambda i: np.einsum("kkij->ij", _df(i))),
    Identity(
        "det f(X)",
        r"\frac{\partial}{\partial \mathbf{X}} \det(\mathbf{f}(\mathbf{X})) = "
        r"\det(\mathbf{f}(\mathbf{X})) \operatorname{tr}\left(\mathbf{f}(\mathbf{X})^{-1} "
        r"\frac{\partial \mathbf{f}(\mathbf{X})}{\partial \mathbf{X}}\right)",
        _G + "; entry ij: det(f) tr(f⁻¹ ∂f/∂X_ij)", ("n",),
        "X ∈ R^{n×n}; " + _F_TEXT, "f(X) invertible",
        _inputs_fX,
        lambda i, m: numerical_jacobian(lambda X: np.linalg.det(_f(i)(X)), i["X"], method=m),
        lambda i: (np.linalg.det(_f(i)(i["X"]))
                   * np.einsum("lk,klij->ij", np.linalg.inv(_f(i)(i["X"])), _df(i))),
        lambda i: [_f(i)(i["X"])]),
    Identity(
        "f(X)^-1",
        r"\frac{\partial}{\partial \mathbf{X}} \mathbf{f}(\mathbf{X})^{-1} = "
        r"-\mathbf{f}(\mathbf{X})^{-1} \frac{\partial \mathbf{f}(\mathbf{X})}{\partial "
        r"\mathbf{X}} \mathbf{f}(\mathbf{X})^{-1}",
        _TENSOR + "; slice ij: −f⁻¹ (∂f/∂X_ij) f⁻¹", ("n",),
        "X ∈ R^{n×n}; " + _F_TEXT, "f(X) invertible",
        _inputs_fX,
        lambda i, m: numerical_jacobian(lambda X: np.linalg.inv(_f(i)(X)), i["X"], method=m),
        lambda i: -np.einsum("ka,abij,bl->klij", np.linalg.inv(_f(i)(i["X"])), _df(i),
                             np.linalg.inv(_f(i)(i["X"]))),
        lambda i: [_f(i)(i["X"])]),
    Identity(
        "f(X)T",
        r"\frac{\partial}{\partial \mathbf{X}} \mathbf{f}(\mathbf{X})^\top = "
        r"\left(\frac{\partial \mathbf{f}(\mathbf{X})}{\partial \mathbf{X}}\right)^\top",
        _TENSOR + "; the transpose swaps the two output axes", ("n",),
        "X ∈ R^{n×n}; " + _F_TEXT, "",
        _inputs_fX,
        lambda i, m: numerical_jacobian(lambda X: _f(i)(X).T, i["X"], method=m),
        lambda i: _df(i).transpose(1, 0, 2, 3)),
]

#: The slides' "useful identities for computing gradients" (and ∂xᵀa/∂x = aᵀ), by name.
IDENTITIES: dict[str, Identity] = {entry.name: entry for entry in _ENTRIES}


@dataclass(frozen=True)
class IdentityCheck:
    """The result of :func:`verify_identity`.

    Attributes
    ----------
    name : str
        The identity.
    left : numpy.ndarray
        The left side, computed numerically.
    right : numpy.ndarray
        The right side, from the closed form.
    error : float
        max |left − right| / max(max |right|, max |left|) (0 if both are 0).
    tolerance : float
        The relative tolerance used: the method's base tolerance times κ (complex step) or
        κ² (finite differences), κ ≥ 1 the largest condition number of the matrices that
        are inverted (see :data:`BASE_TOLERANCE`).
    condition : float
        That κ.
    holds : bool
        ``error <= tolerance``.
    """

    name: str
    left: np.ndarray
    right: np.ndarray
    error: float
    tolerance: float
    condition: float
    holds: bool


def _dims(entry: Identity, size: Any) -> dict[str, int]:
    if isinstance(size, Mapping):
        dims = {}
        for name in entry.sizes:
            if name not in size:
                raise ValueError(f"size must give the dimensions {', '.join(entry.sizes)} of "
                                 f"{entry.name!r}, missing {name!r}")
            dims[name] = _check_size(size[name], f"size[{name!r}]")
        return dims
    n = _check_size(size, "size")
    return {name: n for name in entry.sizes}


def _check_size(value: Any, name: str) -> int:
    from ._validation import check_integer

    return check_integer(value, name, minimum=1, maximum=50)


def _entry(name: Any) -> Identity:
    if not isinstance(name, str) or name not in IDENTITIES:
        raise ValueError(f"name must be one of {', '.join(repr(k) for k in IDENTITIES)}, "
                         f"got {_shown(name)}")
    return IDENTITIES[name]


def _relative_error(left: np.ndarray, right: np.ndarray) -> float:
    if left.shape != right.shape:
        return math.inf
    scale = max(float(np.max(np.abs(right), initial=0.0)),
                float(np.max(np.abs(left), initial=0.0)))
    difference = float(np.max(np.abs(left - right), initial=0.0))
    return 0.0 if difference == 0.0 else difference / scale


def _prepare(entry: Identity, size: Any, rng: Any,
             inputs: Mapping[str, Any] | None) -> dict[str, np.ndarray]:
    if rng is None:
        rng = np.random.default_rng(0)
    elif isinstance(rng, numbers.Integral) and not isinstance(rng, (bool, np.bool_)):
        rng = np.random.default_rng(int(rng))
    elif not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, an integer seed or None, got "
                        f"{type(rng).__name__} {_shown(rng)}")
    generated = entry.make_inputs(rng, _dims(entry, size))
    if inputs is not None:
        if not isinstance(inputs, Mapping):
            raise TypeError(f"inputs must be a dict of arrays, got {type(inputs).__name__}")
        for key, value in inputs.items():
            if key not in generated:
                raise ValueError(f"inputs may only set {', '.join(generated)}, got {key!r}")
            array = check_array(value, f"inputs[{key!r}]")
            if array.shape != generated[key].shape:
                raise ValueError(f"inputs[{key!r}] must have shape "
                                 f"{_shape_text(generated[key].shape)} for this size, got "
                                 f"shape {_shape_text(array.shape)}")
            generated[key] = array
    return generated


def verify_identity(name: str, size: int | Mapping[str, int] = 3,
                    rng: np.random.Generator | int | None = None, *,
                    inputs: Mapping[str, Any] | None = None,
                    method: str = "auto") -> IdentityCheck:
    """Check an identity of :data:`IDENTITIES` on random inputs: numerical left vs closed form.

    Parameters
    ----------
    name : str
        A key of :data:`IDENTITIES`.
    size : int or dict of str to int
        One size for every dimension of the identity, or one per dimension name (see
        ``IDENTITIES[name].sizes``), each from 1 to 50.
    rng : numpy.random.Generator, int or None
        The random generator (or a seed; None means seed 0).
    inputs : dict, optional
        Inputs to use instead of random ones (e.g. a non-symmetric W), by name.
    method : str
        The method of :func:`numerical_jacobian` for the left side.

    Returns
    -------
    IdentityCheck

    Examples
    --------
    >>> import numpy as np
    >>> check = verify_identity("aT X^-1 b", 4, np.random.default_rng(1))
    >>> check.holds, check.left.shape
    (True, (4, 4))
    >>> W = np.array([[1.0, 2.0], [0.0, 1.0]])                 # not symmetric
    >>> verify_identity("(x-As)T W (x-As)", 2, 0, inputs={"W": W}).holds
    False
    >>> verify_identity("(x-As)T W (x-As), any W", 2, 0, inputs={"W": W}).holds
    True
    """
    entry = _entry(name)
    method = check_choice(method, "method", JACOBIAN_METHODS)
    values = _prepare(entry, size, rng, inputs)
    matrices = entry.conditioned(values)
    for matrix in matrices:
        if np.linalg.matrix_rank(matrix) < matrix.shape[0]:
            raise ValueError(f"{entry.name!r} needs invertible matrices ({entry.requires}); "
                             "the inputs give a singular one")
    condition = max([1.0, *(_cond(m) for m in matrices)])
    with np.errstate(all="ignore"):
        left = np.asarray(entry.left(values, method), dtype=float)
        right = np.asarray(entry.right(values), dtype=float)
    base, power = BASE_TOLERANCE["complex-step" if method == "auto" else method]
    tolerance = base * condition ** power
    error = _relative_error(left, right)
    return IdentityCheck(entry.name, left, right, error, tolerance, condition,
                         bool(error <= tolerance))


@dataclass(frozen=True)
class LayoutComparison:
    """The result of :func:`compare_layouts`.

    Attributes
    ----------
    name : str
        The identity.
    numerical : numpy.ndarray
        The derivative computed numerically (the slides' layout).
    formulas : dict of str to numpy.ndarray
        Each candidate formula (first the right one) evaluated on the same inputs.
    errors : dict of str to float
        The relative error of each formula against ``numerical`` (inf for a wrong shape).
    correct : str
        The formula that holds.
    """

    name: str
    numerical: np.ndarray
    formulas: dict[str, np.ndarray]
    errors: dict[str, float]
    correct: str


_LAYOUT_CANDIDATES: dict[str, tuple[str, dict[str, Callable[[dict[str, np.ndarray]],
                                                              np.ndarray]]]] = {
    "xT B x": ("xT B x", {
        "x^T (B + B^T)": lambda i: _row(i["x"] @ (i["B"] + i["B"].T)),
        "2 x^T B (only for symmetric B)": lambda i: _row(2.0 * i["x"] @ i["B"]),
        "2 B x (column formula, read as a row)": lambda i: _row(2.0 * i["B"] @ i["x"]),
    }),
    "(x-As)T W (x-As)": ("(x-As)T W (x-As), any W", {
        "-(x - As)^T (W + W^T) A": lambda i: _row(-(i["x"] - i["A"] @ i["s"])
                                                  @ (i["W"] + i["W"].T) @ i["A"]),
        "-2 (x - As)^T W A (only for symmetric W)":
            lambda i: _row(-2.0 * (i["x"] - i["A"] @ i["s"]) @ i["W"] @ i["A"]),
    }),
    "aT X b": ("aT X b", {
        "a b^T (G_ij = ∂/∂X_ij)": lambda i: np.outer(i["a"], i["b"]),
        "b a^T (G_ij = ∂/∂X_ji, the other layout)": lambda i: np.outer(i["b"], i["a"]),
    }),
    "aT X^-1 b": ("aT X^-1 b", {
        "-X^-T a b^T X^-T (G_ij = ∂/∂X_ij)":
            lambda i: -np.linalg.inv(i["X"]).T @ np.outer(i["a"], i["b"])
            @ np.linalg.inv(i["X"]).T,
        "-X^-1 b a^T X^-1 (G_ij = ∂/∂X_ji, the other layout)":
            lambda i: -np.linalg.inv(i["X"]) @ np.outer(i["b"], i["a"]) @ np.linalg.inv(i["X"]),
    }),
}


def compare_layouts(name: str, size: int | Mapping[str, int] = 3,
                    rng: np.random.Generator | int | None = None, *,
                    inputs: Mapping[str, Any] | None = None) -> LayoutComparison:
    """What goes wrong with the formula of another layout, or of the symmetric case.

    For ``"xT B x"`` the inputs have a non-symmetric B, and the candidates are xᵀ(B + Bᵀ)
    (right for any B), 2xᵀB (right only for symmetric B) and 2Bx (a column formula);
    for ``"(x-As)T W (x-As)"`` a non-symmetric W with −(x − As)ᵀ(W + Wᵀ)A against
    −2(x − As)ᵀWA; for ``"aT X b"`` and ``"aT X^-1 b"`` the formula of G_ij = ∂/∂X_ij against
    its transpose (the layout G_ij = ∂/∂X_ji). Each is compared with the numerical derivative.

    Parameters
    ----------
    name : {"xT B x", "(x-As)T W (x-As)", "aT X b", "aT X^-1 b"}
        The identity.
    size, rng, inputs
        As in :func:`verify_identity` (use a size ≥ 2: for n = 1 every matrix is symmetric).

    Returns
    -------
    LayoutComparison

    Examples
    --------
    >>> c = compare_layouts("xT B x", 3, 0)
    >>> {k: bool(v < 1e-8) for k, v in c.errors.items()}
    {'x^T (B + B^T)': True, '2 x^T B (only for symmetric B)': False, '2 B x (column formula, read as a row)': False}
    """
    if not isinstance(name, str) or name not in _LAYOUT_CANDIDATES:
        raise ValueError(f"name must be one of {', '.join(repr(k) for k in _LAYOUT_CANDIDATES)}"
                         f", got {_shown(name)}")
    key, candidates = _LAYOUT_CANDIDATES[name]
    entry = IDENTITIES[key]
    values = _prepare(entry, size, rng, inputs)
    with np.errstate(all="ignore"):
        numerical = np.asarray(entry.left(values, "auto"), dtype=float)
        formulas = {label: np.asarray(make(values), dtype=float)
                    for label, make in candidates.items()}
    errors = {label: _relative_error(numerical, value) for label, value in formulas.items()}
    return LayoutComparison(name, numerical, formulas, errors, next(iter(candidates)))
