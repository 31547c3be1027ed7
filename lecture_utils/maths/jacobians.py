"""TODO"""

from __future__ import annotations

import math
import numbers
from typing import Any, Callable, Sequence

import numpy as np
import sympy

from .._validation import (
    check_array,
    check_callable,
    check_choice,
    check_real_number,
    shown,
)
from .finite_differences import (
    METHODS,
    _NotComplexCompatible,
    call_user_function,
    default_step,
)

__all__ = [
    "JACOBIAN_METHODS",
    "flatten_jacobian",
    "gradient",
    "hessian",
    "jacobian",
    "numerical_jacobian",
    "unflatten_jacobian",
]


#: The methods of :func:`numerical_jacobian`: ``"auto"`` tries the complex step, then central.
JACOBIAN_METHODS: tuple[str, ...] = ("auto", *METHODS)


def shape_text(shape: tuple[int, ...], *, matrix: bool = False) -> str:
    """A shape in a message: ``(2, 3)`` as NumPy prints it, or with ``matrix=True`` as the
    slides write a matrix's, ``2×3`` (1-d: "3 entries (flat)", 0-d: "a single number").

    Examples
    --------
    >>> shape_text((2, 3)), shape_text((2, 3), matrix=True), shape_text((3,), matrix=True)
    ('(2, 3)', '2×3', '3 entries (flat)')
    """
    dims = tuple(int(s) for s in shape)
    if not matrix:
        return str(dims)
    if len(dims) > 1:
        return "×".join(str(s) for s in dims)
    return f"{dims[0]} entries (flat)" if dims else "a single number"




def _check_output(values: np.ndarray, reference_shape: tuple[int, ...] | None,
                  x_shape: tuple[int, ...], where: str) -> None:
    if reference_shape is not None and values.shape != reference_shape:
        raise ValueError(f"f must return the same shape for every input: f(X) has shape "
                         f"{shape_text(reference_shape)}, but f at {where} has shape "
                         f"{shape_text(values.shape)} (X has shape {shape_text(x_shape)})")
    if not np.all(np.isfinite(values)):
        index = tuple(int(i) for i in np.argwhere(~np.isfinite(values))[0])
        raise ValueError(f"f must be finite near X: the entry {index} of f at {where} is "
                         f"{values[index]} (X has shape {shape_text(x_shape)}, f(X) has "
                         f"shape {shape_text(values.shape)})")


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
                raise _NotComplexCompatible(f"it returned shape {shape_text(values.shape)} "
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


#: Limits of :func:`numerical_jacobian`: entries of X, and entries of the Jacobian.
MAX_JACOBIAN_INPUTS, MAX_JACOBIAN_ENTRIES = 10_000, 10_000_000


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
        The step (> 0). By default :func:`lecture_utils.maths.finite_differences.default_step` for each entry
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
                        f"{type(X).__name__} {shown(X)}")
    x = check_array(X, "X")
    if h is not None:
        h = check_real_number(h, "h", positive=True)

    if x.size > MAX_JACOBIAN_INPUTS:
        raise ValueError(f"X has {x.size} entries; allowed: at most {MAX_JACOBIAN_INPUTS} (one "
                         "evaluation of f per entry)")
    y0 = call_user_function(f, x.copy(), complex_input=False, where="X")
    _check_output(y0, None, x.shape, "X")
    out_shape = y0.shape
    if y0.size * x.size > MAX_JACOBIAN_ENTRIES:
        raise ValueError(f"X has {x.size} entries and f(X) {y0.size}: the Jacobian would have "
                         f"{y0.size * x.size} entries; allowed: at most {MAX_JACOBIAN_ENTRIES}")

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
                         f"{shape_text(x_shape)}, f(X) has shape {shape_text(out_shape)})")
    return columns


def _check_shape(shape: Any, name: str) -> tuple[int, ...]:
    if isinstance(shape, numbers.Integral) and not isinstance(shape, (bool, np.bool_)):
        shape = (shape,)
    if isinstance(shape, (str, bytes)) or not isinstance(shape, (tuple, list)) or any(
            isinstance(s, (bool, np.bool_)) or not isinstance(s, numbers.Integral) or s < 0
            for s in shape):
        raise TypeError(f"{name} must be a tuple of non-negative integers such as (4, 2), "
                        f"got {shown(shape)}")
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
                         f"{shape_text(out + inp)} (output_shape {shape_text(out)}, "
                         f"input_shape {shape_text(inp)}), got shape "
                         f"{shape_text(tensor.shape)}")
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
                         f"{shape_text(want)} (output_shape {shape_text(out)}, input_shape "
                         f"{shape_text(inp)}), got shape {shape_text(matrix.shape)}")
    return matrix.reshape(out + inp)


def _symbols(variables: Any) -> list[str | sympy.Symbol]:
    """Variables given as names or Symbols (names unique), as given."""
    if isinstance(variables, (str, sympy.Basic)) or not isinstance(variables, Sequence):
        if isinstance(variables, sympy.MatrixBase):
            variables = list(variables)
        else:
            raise TypeError("variables must be a sequence of names or SymPy symbols such as "
                            f"['x1', 'x2'], got {type(variables).__name__} {shown(variables)}")
    result = list(variables)
    for v in result:
        if not isinstance(v, (str, sympy.Symbol)):
            raise TypeError(f"variables must contain names or SymPy symbols, got "
                            f"{type(v).__name__} {shown(v)}")
    if not result:
        raise ValueError("variables must name at least one variable")
    names = [_name(v) for v in result]
    if len(set(names)) != len(names):
        raise ValueError(f"variables must not repeat a name, got {shown(tuple(names))}")
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
    from .parser import as_expression

    names = [_name(v) for v in variables]
    parsed = []
    for k, expr in enumerate(exprs):
        if isinstance(expr, str):
            expr = as_expression(expr, names, name=label(k))
        elif isinstance(expr, numbers.Number) and not isinstance(expr, (bool, np.bool_)):
            expr = sympy.sympify(expr)   # a number, not text: no parsing involved
        if not isinstance(expr, sympy.Expr):
            raise TypeError(f"{label(k)} must be a SymPy expression or a formula string such "
                            f"as 'x1^2 + x2', got {type(expr).__name__} {shown(expr)}")
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
        The function; a string is parsed with :func:`lecture_utils.maths.parser.as_expression`
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



def component_list(value: Any, name: str, *, most: int | None = None) -> list[Any]:
    """The components f_i of a vector function given as a SymPy Matrix (read entry by entry),
    a list, or one expression/formula string/number (one component), unparsed.

    Raises a ``TypeError``/``ValueError`` naming ``name`` for anything else, an empty list, or
    (when ``most`` is given) more than ``most`` components, checked before any is parsed.

    Examples
    --------
    >>> component_list(sympy.Matrix(["x", "y"]), "f")
    [x, y]
    >>> component_list("x*y", "f")
    ['x*y']
    >>> component_list([], "f")
    Traceback (most recent call last):
    ...
    ValueError: f must contain at least one component f_i
    """
    if isinstance(value, sympy.MatrixBase):
        components = list(value)
    elif isinstance(value, (str, sympy.Expr, numbers.Number)):
        components = [value]
    elif isinstance(value, Sequence) and not isinstance(value, bytes):
        components = list(value)
    else:
        raise TypeError(f"{name} must be a list of expressions (or formula strings) or a SymPy "
                        f"Matrix, got {type(value).__name__} {shown(value)}")
    if not components:
        raise ValueError(f"{name} must contain at least one component f_i")
    if most is not None and len(components) > most:
        raise ValueError(f"{name} must have at most {most} components (an exercise done by "
                         f"hand), got {len(components)}")
    return components


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
    components = component_list(exprs, "exprs")
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
