"""Taylor coefficients by Taylor-mode (truncated power series) arithmetic.

Instead of differentiating symbolically (slow: derivative expressions grow quickly) or
numerically (inaccurate beyond the first few derivatives), the expression tree is walked once
and every node is evaluated as a truncated power series in ``t = x - x0``: an array
``[u_0, u_1, ..., u_n]`` with ``u_k = u^(k)(x0) / k!``. Sums add arrays, products convolve
them, and each elementary function has a short recurrence of cost O(n^2).

Examples
--------
>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> taylor_coefficients(sp.exp(x), 0.0, 4)
array([1.        , 1.        , 0.5       , 0.16666667, 0.04166667])
>>> p = taylor_polynomial(sp.cos(x), 0.0, 4)
>>> round(float(p(0.1)), 10)
0.9950041667
"""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
import sympy as sp
from numpy.typing import ArrayLike

from .._validation import shown, check_array, check_integer, check_real_number

__all__ = ["MAX_ORDER", "estimate_radius", "evaluate_taylor", "taylor_coefficients",
           "taylor_polynomial"]

MAX_ORDER = 40
_EPS = float(np.finfo(float).eps)
_SUPPORTED = ("numbers, pi, E, + - * / and powers, sin, cos, tan, exp, log, sqrt, Abs, "
              "atan, asin, acos, sinh, cosh, tanh")


# --- truncated power series arithmetic (arrays of equal length n = order + 1) --------------

def _constant(value: float, n: int) -> np.ndarray:
    series = np.zeros(n)
    series[0] = value
    return series


def _series_mul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    # c_k = sum_{j=0..k} a_j b_{k-j}  (truncated Cauchy product)
    return np.convolve(a, b)[: len(a)]


def _series_div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    # q_k = (a_k - sum_{j=1..k} b_j q_{k-j}) / b_0
    q = np.empty(len(a))
    q[0] = a[0] / b[0]
    for k in range(1, len(a)):
        q[k] = (a[k] - np.dot(b[1:k + 1], q[k - 1::-1])) / b[0]
    return q


def _series_ipow(u: np.ndarray, m: int) -> np.ndarray:
    # u^m for an integer m >= 0 by binary powering (exact zeros stay exact)
    result, base = _constant(1.0, len(u)), u
    while m:
        if m & 1:
            result = _series_mul(result, base)
        m >>= 1
        if m:
            base = _series_mul(base, base)
    return result


def _series_pow(u: np.ndarray, a: float) -> np.ndarray:
    # p_0 = u_0^a;  p_k = 1/(k u_0) sum_{j=1..k} ((a+1) j - k) u_j p_{k-j}   (needs u_0 > 0)
    n, u0 = len(u), u[0]
    ju, p = np.arange(n) * u, np.empty(n)
    p[0] = _scalar(math.pow, u0, a)
    for k in range(1, n):
        back = p[k - 1::-1]
        p[k] = ((a + 1) * np.dot(ju[1:k + 1], back) - k * np.dot(u[1:k + 1], back)) / (k * u0)
    return p


def _series_exp(u: np.ndarray) -> np.ndarray:
    # e_0 = exp(u_0);  e_k = (1/k) sum_{j=1..k} j u_j e_{k-j}
    n = len(u)
    ju, e = np.arange(n) * u, np.empty(n)
    e[0] = _scalar(math.exp, u[0])
    for k in range(1, n):
        e[k] = np.dot(ju[1:k + 1], e[k - 1::-1]) / k
    return e


def _series_log(u: np.ndarray) -> np.ndarray:
    # l_0 = log(u_0);  l_k = (u_k - (1/k) sum_{j=1..k-1} j l_j u_{k-j}) / u_0   (needs u_0 > 0)
    n = len(u)
    logs, jl = np.empty(n), np.zeros(n)   # jl[j] = j l_j
    logs[0] = math.log(u[0])
    for k in range(1, n):
        logs[k] = (u[k] - np.dot(jl[1:k], u[k - 1:0:-1]) / k) / u[0]
        jl[k] = k * logs[k]
    return logs


def _series_sincos(u: np.ndarray, sign: float = -1.0) -> tuple[np.ndarray, np.ndarray]:
    # s_k = (1/k) sum_{j=1..k} j u_j c_{k-j};  c_k = sign (1/k) sum_{j=1..k} j u_j s_{k-j}
    # sign = -1 gives (sin u, cos u), sign = +1 gives (sinh u, cosh u)
    n = len(u)
    ju, s, c = np.arange(n) * u, np.empty(n), np.empty(n)
    if sign < 0:
        s[0], c[0] = math.sin(u[0]), math.cos(u[0])
    else:
        s[0], c[0] = _scalar(math.sinh, u[0]), _scalar(math.cosh, u[0])
    for k in range(1, n):
        w = ju[1:k + 1]
        s[k] = np.dot(w, c[k - 1::-1]) / k
        c[k] = sign * np.dot(w, s[k - 1::-1]) / k
    return s, c


def _series_integral_of(u: np.ndarray, integrand: Callable[[np.ndarray], np.ndarray],
                        value: float) -> np.ndarray:
    # F(u) = F(u_0) + integral of F'(u) u' dt;  (u')_k = (k+1) u_{k+1},  F_k = (F'u')_{k-1} / k
    n = len(u)
    if n == 1:
        return np.array([value])
    head = u[: n - 1]
    derivative = _series_mul(np.arange(1, n) * u[1:], integrand(head))
    return np.concatenate(([value], derivative / np.arange(1, n)))


def _number(value: float) -> str:
    """Short text for a float that reads back as the same float: "0", "1.5707963267948966"."""
    short = f"{value:.15g}"
    return short if float(short) == value else repr(float(value))


def _scalar(function: Callable[..., float], *args: float) -> float:
    """``function(*args)`` with an overflow turned into ``inf`` (caught by a finiteness check)."""
    try:
        return function(*args)
    except OverflowError:
        return math.inf


# --- the expression walker ----------------------------------------------------------------

class _TaylorEvaluator:
    """Evaluate a SymPy tree node by node as truncated power series, memoising shared nodes.

    Each node's value is ``(series, error)``: ``error`` is a first-order estimate of the
    rounding error in ``series[0]``. A constant term that is 0 *within* that error (such as
    cos(x) at the float nearest to pi/2) is treated as 0 in the analyticity checks.
    """

    def __init__(self, top: sp.Expr, x0: float, n: int) -> None:
        self.top, self.x0, self.n = top, x0, n
        self.memo: dict[sp.Basic, tuple[np.ndarray, float]] = {}

    def value(self, node: sp.Basic) -> tuple[np.ndarray, float]:
        known = self.memo.get(node)
        if known is None:
            known = self._compute(node)
            if not np.isfinite(known[0]).all():
                raise ValueError(
                    f"the Taylor coefficients of {self._name(node)} at x0 = {_number(self.x0)} "
                    f"overflow the float64 range (x0 is too close to a singularity, or "
                    f"the order is too high); choose another x0 or a smaller order"
                )
            self.memo[node] = known
        return known

    def _name(self, node: sp.Basic) -> str:
        return shown(node) if node == self.top else f"{shown(node)} (in {shown(self.top)})"

    def _not_analytic(self, node: sp.Basic, reason: str, value: float, error: float) -> None:
        if value != 0 and abs(value) <= error:
            reason += f": here it is {value:.2g}, which is 0 up to rounding"
        raise ValueError(f"{self._name(node)} is not analytic at x0 = {_number(self.x0)} "
                         f"({reason}); choose another x0")

    def _compute(self, node: sp.Basic) -> tuple[np.ndarray, float]:
        n = self.n
        if node.is_Symbol:   # the variable (other symbols were rejected beforehand)
            series = _constant(self.x0, n)
            if n > 1:
                series[1] = 1.0
            return series, _EPS * abs(self.x0)
        if isinstance(node, (sp.Number, sp.NumberSymbol)):
            try:
                value = float(node)
            except (TypeError, ValueError, OverflowError):
                value = math.nan
            if not math.isfinite(value):
                raise ValueError(f"f contains {shown(node)}, which is not a finite real number")
            return _constant(value, n), 0.0 if node.is_Integer else _EPS * abs(value)
        if node.is_Add:
            terms = [self.value(arg) for arg in node.args]
            series = np.sum([s for s, _ in terms], axis=0)
            return series, sum(e for _, e in terms) + _EPS * abs(series[0])
        if node.is_Mul:
            series, error = self.value(node.args[0])
            for arg in node.args[1:]:
                factor, factor_error = self.value(arg)
                error = abs(series[0]) * factor_error + abs(factor[0]) * error
                series = _series_mul(series, factor)
                error += _EPS * abs(series[0])
            return series, error
        if node.is_Pow:
            return self._power(node)
        if isinstance(node, sp.Function) and len(node.args) == 1:
            return self._function(node)
        raise ValueError(f"taylor_coefficients cannot expand {shown(node)} "
                         f"({type(node).__name__}); it supports {_SUPPORTED}")

    def _power(self, node: sp.Pow) -> tuple[np.ndarray, float]:
        base, exponent = node.args
        u, u_error = self.value(base)
        u0 = u[0]
        if exponent.free_symbols:   # f**g = exp(g log f)
            if u0 <= u_error:
                self._not_analytic(node, "a power with a variable exponent needs a positive "
                                   "base there", u0, u_error)
            g, g_error = self.value(exponent)
            logs = _series_log(u)
            log_error = u_error / u0 + _EPS * abs(logs[0])
            product = _series_mul(g, logs)
            error = abs(g[0]) * log_error + abs(logs[0]) * g_error + _EPS * abs(product[0])
            series = _series_exp(product)
            return series, series[0] * (error + _EPS)
        a = float(self.value(exponent)[0][0])
        if a == int(a):   # integer power: repeated squaring, negative via the reciprocal
            m = int(a)
            if m < 0 and abs(u0) <= u_error:
                self._not_analytic(node, "division by an expression that is 0 there",
                                   u0, u_error)
            series = _series_ipow(u, abs(m))
            if m < 0:
                series = _series_div(_constant(1.0, self.n), series)
        else:
            if u0 <= u_error:
                self._not_analytic(node, "a non-integer power needs a positive base there",
                                   u0, u_error)
            series = _series_pow(u, a)
        slope = abs(a * series[0] / u0) if u0 != 0 else float(a == 1)   # |d(u^a)/du| at u_0
        return series, slope * u_error + abs(a) * _EPS * abs(series[0])

    def _function(self, node: sp.Function) -> tuple[np.ndarray, float]:
        u, u_error = self.value(node.args[0])
        u0 = u[0]
        kind = type(node)
        if kind is sp.exp:
            series = _series_exp(u)
            slope = series[0]
        elif kind is sp.log:
            if u0 <= u_error:
                self._not_analytic(node, "log needs a positive argument there", u0, u_error)
            series, slope = _series_log(u), 1 / u0
        elif kind in (sp.sin, sp.cos, sp.tan):
            sin, cos = _series_sincos(u)
            if kind is sp.sin:
                series, slope = sin, cos[0]
            elif kind is sp.cos:
                series, slope = cos, sin[0]
            else:
                if abs(cos[0]) <= abs(sin[0]) * u_error + _EPS:
                    self._not_analytic(node, "tan has a pole where the cosine of its argument "
                                       "is 0", cos[0], abs(sin[0]) * u_error + _EPS)
                series = _series_div(sin, cos)   # tan = sin / cos
                slope = 1 + series[0] ** 2
        elif kind in (sp.sinh, sp.cosh, sp.tanh):
            sinh, cosh = _series_sincos(u, sign=1.0)
            if kind is sp.sinh:
                series, slope = sinh, cosh[0]
            elif kind is sp.cosh:
                series, slope = cosh, sinh[0]
            else:
                series = _series_div(sinh, cosh)   # tanh = sinh / cosh
                slope = 1 - series[0] ** 2
        elif kind is sp.Abs:
            if abs(u0) <= u_error:
                self._not_analytic(node, "Abs has a corner where its argument is 0", u0, u_error)
            series, slope = math.copysign(1.0, u0) * u, 1.0
        elif kind is sp.atan:
            # atan(u) = atan(u_0) + integral of u' / (1 + u^2)
            series = _series_integral_of(u, lambda h: _series_div(
                _constant(1.0, len(h)), _series_mul(h, h) + _constant(1.0, len(h))),
                math.atan(u0))
            slope = 1 / (1 + u0 * u0)
        elif kind in (sp.asin, sp.acos):
            if abs(u0) >= 1 - u_error:
                close = f", and {float(u0)!r} is ±1 up to rounding" if abs(u0) < 1 else " there"
                self._not_analytic(node, f"{kind.__name__} needs an argument strictly between "
                                   f"-1 and 1{close}", 0.0, 0.0)
            # asin(u) = asin(u_0) + integral of u' (1 - u^2)^(-1/2);  acos = pi/2 - asin
            series = _series_integral_of(
                u, lambda h: _series_pow(_constant(1.0, len(h)) - _series_mul(h, h), -0.5),
                math.asin(u0))
            if kind is sp.acos:
                series = -series
                series[0] = math.acos(u0)
            slope = 1 / math.sqrt(1 - u0 * u0)
        else:
            raise ValueError(f"taylor_coefficients cannot expand {shown(node)} "
                             f"(function {kind.__name__}); it supports {_SUPPORTED}")
        return series, abs(slope) * u_error + _EPS * abs(series[0])


# --- public API -----------------------------------------------------------------------------

def _as_sympy(f: Any, variable: Any) -> sp.Expr:
    if isinstance(variable, (bool, np.bool_)) or not isinstance(variable, str):
        raise TypeError(f"variable must be a name such as 'x', got {type(variable).__name__} "
                        f"{shown(variable)}")
    if not variable.isidentifier():
        raise ValueError(f"variable must be a name such as 'x', got {shown(variable)}")
    if isinstance(f, str):
        from .parser import as_expression
        expr = as_expression(f, variables=(variable,))
    elif isinstance(f, sp.Expr):
        expr = f
    else:
        raise TypeError(f"f must be a SymPy expression or a string such as 'exp(sin(x))', "
                        f"got {type(f).__name__} {shown(f)}")
    others = sorted(s.name for s in expr.free_symbols if getattr(s, "name", None) != variable)
    if others:
        raise ValueError(f"f must depend on {variable} only, but it also contains "
                         f"{', '.join(others)}; substitute numbers for them first")
    return expr


def taylor_coefficients(f: sp.Expr | str, x0: float = 0.0, order: int = 10,
                        variable: str = "x") -> np.ndarray:
    """Return the Taylor coefficients ``f^(k)(x0) / k!`` for ``k = 0, ..., order``.

    The expression is evaluated once as a truncated power series in ``t = x - x0``
    (Taylor-mode arithmetic), so the cost is O(order^2) per node and the result is accurate to
    about float64 precision, unlike symbolic differentiation (slow) or finite differences
    (inaccurate).

    Parameters
    ----------
    f : sympy.Expr or str
        A function of ``variable`` built from numbers, ``pi``, ``E``, ``+ - * /``, powers,
        ``sin cos tan exp log sqrt Abs atan asin acos sinh cosh tanh``. A string is parsed by
        :func:`lecture_utils.maths.parser.as_expression`, e.g. ``"exp(sin(x))"``.
    x0 : float
        The expansion point (a finite real number).
    order : int
        The highest power, from 0 to 40.
    variable : str
        The name of the variable in ``f``.

    Returns
    -------
    numpy.ndarray
        ``order + 1`` float64 coefficients ``c_k`` with ``f(x) ~ sum_k c_k (x - x0)^k``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``order`` or ``x0`` is out of range, ``f`` contains another symbol or an
        unsupported function, ``f`` is not analytic at ``x0`` (e.g. ``log(x)`` at 0, ``1/x``
        at 0, ``tan(x)`` at pi/2) or the coefficients overflow float64.

    Notes
    -----
    Analyticity is checked node by node, with a value that is 0 up to its estimated rounding
    error counted as 0 (so ``tan(x)`` at ``np.pi / 2`` is rejected although cos(np.pi / 2) is
    6e-17 in float64). The check is conservative: ``Abs(x)**2`` at 0 is rejected even though
    it equals ``x**2``.

    Examples
    --------
    >>> import math
    >>> import sympy as sp
    >>> x = sp.Symbol("x")
    >>> taylor_coefficients(1 / (1 - x), 0.0, 5)
    array([1., 1., 1., 1., 1., 1.])
    >>> c = taylor_coefficients(sp.sin(x) + sp.cos(x), 0.0, 5)
    >>> [round(c[k] * math.factorial(k)) for k in range(6)]   # f^(k)(0)
    [1, 1, -1, -1, 1, 1]
    >>> taylor_coefficients(sp.log(x), 0.0, 3)
    Traceback (most recent call last):
    ...
    ValueError: log(x) is not analytic at x0 = 0 (log needs a positive argument there); choose another x0
    """
    order = check_integer(order, "order", minimum=0, maximum=MAX_ORDER)
    x0 = float(check_real_number(x0, "x0"))
    expr = _as_sympy(f, variable)
    with np.errstate(all="ignore"):
        series, _ = _TaylorEvaluator(expr, x0, order + 1).value(expr)
    return np.array(series, dtype=np.float64)


def evaluate_taylor(coefficients: ArrayLike, x0: float, x: ArrayLike) -> np.ndarray:
    """Evaluate ``sum_k coefficients[k] * (x - x0)**k`` by Horner's rule.

    An explorer computes the coefficients once and then evaluates prefixes
    ``coefficients[:n + 1]`` (the Taylor polynomial of order ``n``) as a slider moves.

    Parameters
    ----------
    coefficients : array_like
        A non-empty 1-D sequence of finite numbers, lowest power first.
    x0 : float
        The expansion point.
    x : array_like
        Finite point(s) of any shape.

    Returns
    -------
    numpy.ndarray
        Float values of the shape of ``x`` (a NumPy float for a scalar ``x``, like a ufunc).
        Values beyond the float64 range come out as ``inf`` (no warning).

    Examples
    --------
    >>> import sympy as sp
    >>> evaluate_taylor([1.0, 2.0, 3.0], 1.0, [1.0, 2.0])   # 1 + 2 (x-1) + 3 (x-1)^2
    array([1., 6.])
    >>> c = taylor_coefficients(sp.exp(sp.Symbol("x")), 0.0, 10)
    >>> [round(float(evaluate_taylor(c[:n + 1], 0.0, 1.0)), 4) for n in (1, 2, 10)]
    [2.0, 2.5, 2.7183]
    """
    c = check_array(coefficients, "coefficients", ndim=1)
    if c.size == 0:
        raise ValueError("coefficients must contain at least one number (the constant term)")
    x0 = float(check_real_number(x0, "x0"))
    t = check_array(x, "x") - x0
    with np.errstate(over="ignore", invalid="ignore"):
        result = np.full(t.shape, c[-1])
        for ck in c[-2::-1]:
            result *= t
            result += ck
    return result if result.ndim else result[()]


def taylor_polynomial(f: sp.Expr | str, x0: float, order: int,
                      variable: str = "x") -> Callable[[ArrayLike], np.ndarray]:
    """Return the Taylor polynomial of ``f`` at ``x0`` as a vectorised NumPy function.

    Parameters
    ----------
    f, x0, order, variable
        As for :func:`taylor_coefficients`.

    Returns
    -------
    callable
        ``p(x)`` evaluating ``sum_k c_k (x - x0)^k`` by Horner's rule for a scalar or an array
        ``x`` (result of the same shape). ``p.coefficients`` (read-only) and ``p.x0`` hold the
        data.

    Examples
    --------
    >>> import sympy as sp
    >>> p = taylor_polynomial(sp.sin(sp.Symbol("x")), 0.0, 3)   # x - x^3/6
    >>> p([0.0, 1.0])
    array([0.        , 0.83333333])
    >>> p.coefficients
    array([ 0.        ,  1.        ,  0.        , -0.16666667])
    """
    coefficients = taylor_coefficients(f, x0, order, variable)
    coefficients.flags.writeable = False
    x0 = float(check_real_number(x0, "x0"))

    def polynomial(x: ArrayLike) -> np.ndarray:
        return evaluate_taylor(coefficients, x0, x)

    polynomial.coefficients = coefficients   # type: ignore[attr-defined]
    polynomial.x0 = x0   # type: ignore[attr-defined]
    polynomial.__doc__ = f"Taylor polynomial of order {order} of {f} at x0 = {_number(x0)}."
    return polynomial


def estimate_radius(coefficients: ArrayLike) -> float:
    """Estimate the radius of convergence R from finitely many Taylor coefficients.

    Cauchy–Hadamard gives R exactly, 1/R = limsup |c_k|^(1/k), but a limsup needs all the
    coefficients. This fits ``log|c_k| ≈ a − k·log R + b·log k`` to the envelope of ``|c_k|``
    (the points at least as large as the next three) in the upper three quarters of the
    coefficients. The ``b·log k`` term absorbs algebraic factors such as the 1/k of
    log(1 + x); the envelope skips the zeros and dips of oscillating coefficients, which still
    leave an error of a few per cent (1.434 instead of √2 for 1/(1 + x²) at 1, from 41
    coefficients). For an entire function (R = ∞) the estimate is large but finite, and grows
    with the number of coefficients (about 61 for e^x from 41 coefficients).

    Parameters
    ----------
    coefficients : array_like
        c_0, ..., c_n with n ≥ 8, as returned by :func:`taylor_coefficients`.

    Returns
    -------
    float
        The estimated radius (``inf`` if all coefficients beyond the first quarter vanish).

    Examples
    --------
    >>> round(estimate_radius(taylor_coefficients("log(1 + x)", 0.0, 40)), 3)
    1.0
    >>> round(estimate_radius(taylor_coefficients("1/(1 + x^2)", 1.0, 40)), 1)   # |1 − i| = √2
    1.4
    """
    c = np.abs(check_array(coefficients, "coefficients", ndim=1))
    if c.size < 9:
        raise ValueError(f"coefficients must hold at least 9 numbers (order ≥ 8) to estimate a "
                         f"radius, got {c.size}")
    k = np.arange(c.size)
    following = np.pad(c, (0, 3))  # |c_k| at least as large as the next three: the envelope
    ahead = np.max([following[i:i + c.size] for i in (1, 2, 3)], axis=0)
    keep = (k >= max(1, c.size // 4)) & (c >= ahead) & (c > 1e-300)
    if np.count_nonzero(keep) < 3:
        return float("inf")
    design = np.column_stack([np.ones(np.count_nonzero(keep)), -k[keep], np.log(k[keep])])
    (_, log_radius, _), *_ = np.linalg.lstsq(design, np.log(c[keep]), rcond=None)
    return float(np.exp(log_radius))
