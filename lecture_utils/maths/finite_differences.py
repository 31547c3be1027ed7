"""Numerical derivatives (layer 1: mathematics, no drawing).

The slides define the derivative as the limit of the difference quotient
``(f(x + δx) - f(x)) / δx``, the slope of a secant. On a computer the limit cannot be taken:
a step ``h`` must be chosen, and two errors compete.

* **Truncation error** — the formula is only an approximation of f'(x). It shrinks with h:
  forward difference O(h), central difference O(h²), complex step O(h²).
* **Round-off error** — f is evaluated in floating point with a relative error of about
  ε = 2.2e-16. The forward and central formulas subtract two nearly equal values and divide by
  h, so this error grows like ε/h. The complex step does not subtract anything, so it has no
  such cancellation: its round-off error stays at about ε·|f'(x)| however small h is.

:func:`finite_difference_errors` measures both effects for a log-log plot of the error
against h.

Examples
--------
>>> import numpy as np
>>> round(difference_quotient(lambda x: x**2, 1.0, 0.5), 12)
2.5
>>> abs(derivative(np.sin, 0.0) - 1.0) < 1e-10
True
>>> derivative(np.exp, 0.0, method="complex-step")
1.0
"""

from __future__ import annotations

import warnings
from typing import Any, Callable, Sequence

import numpy as np

from .._validation import check_array, check_callable, check_choice, check_real_number

__all__ = [
    "METHODS",
    "call_user_function",
    "default_step",
    "derivative",
    "difference_quotient",
    "finite_difference_errors",
]

#: The finite-difference formulas understood by :func:`derivative`.
METHODS: tuple[str, ...] = ("forward", "central", "complex-step")

_EPS = float(np.finfo(float).eps)
#: Relative default steps: forward √ε, central ε^(1/3) (times max(1, |x|)); see default_step.
_RELATIVE_STEP = {"forward": _EPS ** 0.5, "central": _EPS ** (1.0 / 3.0)}
#: Absolute default step of the complex step (no cancellation, so it can be tiny).
_COMPLEX_STEP = 1e-20
#: NumPy's warning for a complex number cast to real (moved to np.exceptions in NumPy 1.25).
_COMPLEX_WARNING: type[Warning] = getattr(getattr(np, "exceptions", np), "ComplexWarning")


#: The most steps :func:`finite_difference_errors` accepts (each costs a few evaluations of f).
MAX_STEPS = 1000


# ------------------------------------------------------------------------ helpers ----

def _check_points(x: Any, name: str = "x") -> tuple[np.ndarray, bool]:
    """``x`` as a finite float array and whether it was a scalar (then results are floats)."""
    if isinstance(x, (list, tuple)):  # np.ndim of a ragged list raises: check_array names x
        return check_array(x, name), False
    if isinstance(x, (str, bytes)) or np.ndim(x) == 0:
        return np.asarray(check_real_number(x, name), dtype=float), True
    return check_array(x, name), False


def _format_number(value: Any) -> str:
    return f"{float(value):.17g}" if np.isrealobj(value) else repr(complex(value))


def _call_quietly(f: Callable[..., Any],
                  argument: Any) -> tuple[Any, list[warnings.WarningMessage]]:
    """``f(argument)`` with floating-point warnings silenced and other warnings recorded."""
    with np.errstate(all="ignore"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = f(argument)
    return value, list(caught)


class _NotComplexCompatible(Exception):
    """Raised internally when f cannot take a complex argument; becomes a ValueError."""


def _as_values(value: Any, *, complex_input: bool, caught: list[warnings.WarningMessage],
               name: str) -> np.ndarray:
    """Check what f returned and convert it to a float (or complex) array."""
    if complex_input and any(issubclass(w.category, _COMPLEX_WARNING)
                             for w in caught):
        raise _NotComplexCompatible("it discards the imaginary part of its argument "
                                    "(NumPy warned: " + str(caught[0].message) + ")")
    try:
        values = np.asarray(value)
        if values.dtype == object:
            values = values.astype(complex)
    except (TypeError, ValueError):
        values = None
    if values is None or not (np.issubdtype(values.dtype, np.number)
                              and not np.issubdtype(values.dtype, np.bool_)):
        raise TypeError(f"{name} must return numbers, got {type(value).__name__} "
                        f"{str(value)[:40]!r}")
    if complex_input:
        if not np.iscomplexobj(values):
            raise _NotComplexCompatible("it returned a real value for a complex argument "
                                        "(functions such as abs, np.abs, np.real or float() "
                                        "drop the imaginary part)")
        return values.astype(complex)
    if np.iscomplexobj(values):
        if np.any(values.imag != 0):
            raise ValueError(f"{name} must return real numbers for real x, "
                             "but it returned a complex value")
        values = values.real
    return values.astype(float)


def call_user_function(f: Callable[..., Any], argument: Any, *, complex_input: bool,
                       where: str, name: str = "f") -> np.ndarray:
    """``f(argument)`` as a float (or complex) array, with the errors of ``f`` named.

    The one place where a student's function is called for the numerical derivatives (here
    and in :mod:`lecture_utils.maths.jacobians`): an exception of ``f`` becomes a
    ``ValueError`` saying where it was evaluated; with ``complex_input`` (the complex step)
    it becomes ``_NotComplexCompatible``, so the caller falls back to real differences.

    Examples
    --------
    >>> call_user_function(lambda x: 1 / x, 0.0, complex_input=False, where="x = 0")
    Traceback (most recent call last):
    ...
    ValueError: f could not be evaluated at x = 0: ZeroDivisionError: float division by zero
    """
    try:
        value, caught = _call_quietly(f, argument)
    except Exception as exc:  # noqa: BLE001 - any error of a user function is reported
        if complex_input:
            shown = repr(argument) if np.ndim(argument) == 0 else "a complex array"
            raise _NotComplexCompatible(f"calling it with {shown} raised "
                                        f"{type(exc).__name__}: {exc}") from None
        raise ValueError(f"{name} could not be evaluated at {where}: {type(exc).__name__}: "
                         f"{exc}") from None
    return _as_values(value, complex_input=complex_input, caught=caught, name=name)


def _evaluate(f: Callable[..., Any], points: np.ndarray, *, complex_input: bool = False,
              name: str = "f") -> np.ndarray:
    """``f`` at every entry of ``points`` (same shape), vectorised when f allows it.

    ``f`` is first called once on the whole array. If that raises, or returns something of
    another shape (e.g. a function written with ``math.sin`` or an ``if``), it is called once
    per point with a Python float (or complex). Errors become ``ValueError`` naming the point.
    """
    scalar_type = complex if complex_input else float
    try:
        value, caught = _call_quietly(f, points)
        values = _as_values(value, complex_input=complex_input, caught=caught, name=name)
        if values.shape == points.shape:
            return values
    except _NotComplexCompatible:
        raise
    except Exception:  # noqa: BLE001 - retried point by point below, where errors are reported
        pass
    out = np.empty(points.shape, dtype=scalar_type)
    for index, point in np.ndenumerate(points):
        values = call_user_function(f, scalar_type(point), complex_input=complex_input,
                                    where=f"x = {_format_number(point)}", name=name)
        if values.size != 1:
            raise TypeError(f"{name} must return one number for one x, got an array of shape "
                            f"{values.shape} at x = {_format_number(point)}")
        out[index] = values.reshape(())
    return out


def _require_finite(values: np.ndarray, x: np.ndarray, where: np.ndarray, *,
                    what: str = "f") -> None:
    """Raise a ValueError naming x when ``values`` (computed near ``x``) is not finite."""
    bad = ~np.isfinite(values)
    if np.any(bad):
        index = tuple(np.argwhere(bad)[0])
        point = np.broadcast_to(where, values.shape)[index]
        at = np.broadcast_to(x, values.shape)[index]
        value = values[index]
        place = f"x = {_format_number(at)}"
        if point != at:
            place = f"{_format_number(point)} (near {place})"
        raise ValueError(f"{what} is not finite ({value}) at {place}; x must be a point where "
                         "f is defined and finite")


def _result(values: np.ndarray, scalar: bool) -> float | np.ndarray:
    return float(values) if scalar else values


# ------------------------------------------------------------------ public functions ----

def difference_quotient(f: Callable[[Any], Any], x: Any, h: Any) -> float | np.ndarray:
    """The difference quotient ``(f(x + h) - f(x)) / h``: the slope of a secant.

    It is the slope of the straight line through ``(x, f(x))`` and ``(x + h, f(x + h))``, the
    quantity δy/δx of the slides with δx = h. As h → 0 it tends to f'(x), with a truncation
    error of order O(h) (see :func:`derivative`, method ``"forward"``).

    Parameters
    ----------
    f : callable
        The function; called with an array (or, if that fails, with one float at a time).
    x : float or array_like
        Finite point(s). An array gives an array of the same shape.
    h : float or array_like
        The step δx: finite and nonzero. A negative h is allowed (the secant through the
        point to the left). ``h = 0`` is refused: 0/0 is undefined — that limit is what the
        derivative is. An array of steps broadcasts against ``x``.

    Returns
    -------
    float or numpy.ndarray
        A float when ``x`` and ``h`` are numbers, else an array.

    Raises
    ------
    TypeError
        If ``f`` is not callable, or ``x`` or ``h`` is not a real number (array).
    ValueError
        If ``h`` is 0, NaN or infinite, ``x`` is not finite, or f is not finite at x or x + h.

    Examples
    --------
    >>> difference_quotient(lambda x: 3 * x + 1, 2.0, 0.25)
    3.0
    >>> difference_quotient(lambda x: x**2, 1.0, -0.5)
    1.5
    >>> difference_quotient(lambda x: x**2, [0.0, 1.0], 0.5).tolist()
    [0.5, 2.5]
    >>> difference_quotient(lambda x: x**2, 1.0, 0.0)
    Traceback (most recent call last):
    ...
    ValueError: h must be nonzero: at h = 0 the quotient is 0/0 (its limit as h -> 0 is the derivative)
    """
    check_callable(f, "f")
    points, x_scalar = _check_points(x, "x")
    steps, h_scalar = _check_points(h, "h")
    if np.any(steps == 0):
        raise ValueError("h must be nonzero: at h = 0 the quotient is 0/0 "
                         "(its limit as h -> 0 is the derivative)")
    try:
        points, steps = np.broadcast_arrays(points, steps)
    except ValueError:
        raise ValueError(f"x and h must have compatible shapes, got {np.shape(x)} and "
                         f"{np.shape(h)}") from None
    with np.errstate(all="ignore"):
        right = points + steps
    _require_finite(right, points, right, what="x + h")
    values = _evaluate(f, np.stack([points, right]))
    _require_finite(values, points, np.stack([points, right]))
    with np.errstate(all="ignore"):
        quotient = (values[1] - values[0]) / steps
    _require_finite(quotient, points, points, what="the difference quotient")
    return _result(quotient, x_scalar and h_scalar)


def default_step(method: str, x: Any = 0.0) -> float | np.ndarray:
    """The step h that :func:`derivative` uses for ``method`` at ``x`` when none is given.

    Each default balances the truncation error (which grows with h) against the round-off
    error (which grows as h shrinks), for a function whose value and derivatives are of
    order 1 around x:

    * ``"forward"``: error ≈ h/2·|f''| + 2ε|f|/h, smallest near h = √ε ≈ 1.5e-8, giving an
      error of about √ε ≈ 1e-8.
    * ``"central"``: error ≈ h²/6·|f'''| + ε|f|/h, smallest near h = ε^(1/3) ≈ 6.1e-6, giving
      an error of about ε^(2/3) ≈ 4e-11.
    * ``"complex-step"``: error ≈ h²/6·|f'''| + ε|f'| with no 1/h term (nothing is
      subtracted), so h can be tiny: 1e-20 makes the truncation error vanish (the usual
      choice, Squire & Trapp 1998).

    The forward and central steps are multiplied by max(1, |x|): for large |x| the step stays
    the same fraction of |x| (a step below ε·|x| would be lost when x + h is rounded).

    Examples
    --------
    >>> f"{default_step('central', 0.0):.3g}"
    '6.06e-06'
    >>> default_step("forward", [0.5, 10.0]) / 2.0 ** -26
    array([ 1., 10.])
    >>> default_step("complex-step", 1e3)
    1e-20
    """
    method = check_choice(method, "method", METHODS)
    points, scalar = _check_points(x, "x")
    if method == "complex-step":
        step = np.full(points.shape, _COMPLEX_STEP)
    else:
        step = _RELATIVE_STEP[method] * np.maximum(1.0, np.abs(points))
    return _result(step, scalar)


def derivative(f: Callable[[Any], Any], x: Any, method: str = "central",
               h: float | None = None) -> float | np.ndarray:
    """Approximate f'(x) by a finite-difference formula.

    ============== ============================== ==================================
    method         formula                        truncation error
    ============== ============================== ==================================
    forward        (f(x + h) - f(x)) / h          h/2·|f''|        — O(h)
    central        (f(x + h) - f(x - h)) / (2h)   h²/6·|f'''|      — O(h²)
    complex-step   Im f(x + ih) / h               h²/6·|f'''|      — O(h²), no cancellation
    ============== ============================== ==================================

    The forward and central formulas also carry a round-off error of order ε·|f|/h (two close
    values are subtracted); the complex step does not, which is why its step can be 1e-20.

    Parameters
    ----------
    f : callable
        The function, real-valued for real x. For ``"complex-step"`` it must accept complex
        numbers and be built from analytic operations (``np.sin``, ``np.exp``, ``**``,
        ``+``, ``*``, ...; not ``abs``, ``np.real``, comparisons or ``math`` functions).
    x : float or array_like
        Finite point(s); an array gives an array of derivatives of the same shape.
    method : {"central", "forward", "complex-step"}
        The formula (default ``"central"``).
    h : float, optional
        The step, a finite number > 0. By default :func:`default_step`: √ε·max(1, |x|) for
        forward, ε^(1/3)·max(1, |x|) for central, 1e-20 for the complex step.

    Returns
    -------
    float or numpy.ndarray
        A float for a number ``x``, else an array of the shape of ``x``.

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``x`` is not a real number (array) or f does not return
        numbers.
    ValueError
        If ``method`` is unknown; ``h`` is not a finite number > 0; ``x`` is not finite; f is
        not finite at x or at the points the formula uses; or, for ``"complex-step"``, f does
        not accept complex arguments (use ``method="central"`` for such functions).

    Examples
    --------
    >>> import numpy as np
    >>> f = lambda x: x**3
    >>> round(derivative(f, 2.0), 8)
    12.0
    >>> round(derivative(f, 2.0, method="forward", h=1e-3), 6)
    12.006001
    >>> d = derivative(np.exp, np.array([0.0, 1.0]), method="complex-step")
    >>> bool(np.all(np.abs(d - np.exp([0.0, 1.0])) <= 1e-15 * np.exp([0.0, 1.0])))
    True
    >>> derivative(np.abs, 1.0, method="complex-step")
    Traceback (most recent call last):
    ...
    ValueError: f is not complex-step compatible: it returned a real value for a complex argument (functions such as abs, np.abs, np.real or float() drop the imaginary part). Use method="central" instead.
    """
    check_callable(f, "f")
    method = check_choice(method, "method", METHODS)
    points, scalar = _check_points(x, "x")
    if h is None:
        step: Any = default_step(method, points)
    else:
        step = check_real_number(h, "h", positive=True)

    # f must be finite at x itself (a central difference straddling a pole would not notice).
    values = _evaluate(f, points)
    _require_finite(values, points, points)
    with np.errstate(all="ignore"):
        if method == "complex-step":
            try:
                shifted = _evaluate(f, points + 1j * step, complex_input=True)
            except _NotComplexCompatible as exc:
                raise ValueError(f"f is not complex-step compatible: {exc}. "
                                 'Use method="central" instead.') from None
            _require_finite(shifted, points, points + 1j * step, what="f(x + ih)")
            result = shifted.imag / step
        elif method == "forward":
            right = points + step
            shifted = _evaluate(f, right)
            _require_finite(shifted, points, right)
            result = (shifted - values) / step
        else:
            right, left = points + step, points - step
            both = _evaluate(f, np.stack([left, right]))
            _require_finite(both, points, np.stack([left, right]))
            result = (both[1] - both[0]) / (2.0 * step)
    _require_finite(result, points, points, what="the finite-difference derivative")
    return _result(result, scalar)


def finite_difference_errors(f: Callable[[Any], Any], df: Callable[[Any], Any], x: float,
                             steps: Sequence[float] | np.ndarray,
                             methods: Sequence[str] | str = METHODS) -> dict[str, np.ndarray]:
    """Absolute errors ``|derivative(f, x, method, h) - df(x)|`` for each step h and method.

    For the log-log plot of the error against h (:func:`lecture_utils.plot_step_errors`):
    from right to left the forward error falls like h (slope 1) and the central error like h²
    (slope 2) until round-off, growing like ε/h, takes over; the complex-step error falls
    like h² and then stays at the level of ε·|f'(x)|, because nothing is subtracted.

    Parameters
    ----------
    f : callable
        The function (complex-step compatible if ``"complex-step"`` is among the methods).
    df : callable
        Its exact derivative, evaluated at ``x`` as the reference.
    x : float
        The point, a finite number.
    steps : array_like
        A non-empty 1-d array of finite steps > 0.
    methods : sequence of str or str
        Any of ``"forward"``, ``"central"``, ``"complex-step"`` (all three by default).

    Returns
    -------
    dict of str to numpy.ndarray
        For each method (in the order given) the errors, one per step. An error can be exactly
        0 (e.g. a complex step that is exact to the last bit): clip before taking a logarithm.

    Raises
    ------
    TypeError, ValueError
        Named errors for a bad argument, as in :func:`derivative`; also when ``df(x)`` is not
        a finite real number.

    Examples
    --------
    >>> import numpy as np
    >>> errors = finite_difference_errors(np.exp, np.exp, 1.0, [1e-1, 1e-2, 1e-3])
    >>> (errors["forward"] / errors["forward"][0]).round(1).tolist()  # O(h): 10x smaller
    [1.0, 0.1, 0.0]
    >>> tiny = finite_difference_errors(np.exp, np.exp, 1.0, [1e-10], ("central", "complex-step"))
    >>> bool(tiny["central"][0] > 1e-8), bool(tiny["complex-step"][0] < 1e-14)  # round-off
    (True, True)
    """
    check_callable(f, "f")
    check_callable(df, "df")
    x = float(check_real_number(x, "x"))
    steps = check_array(steps, "steps", ndim=1)
    if steps.size == 0:
        raise ValueError("steps must contain at least one step")
    if steps.size > MAX_STEPS:
        raise ValueError(f"steps must have at most {MAX_STEPS} entries (a log-log plot needs "
                         f"about 60, e.g. np.logspace(-16, -1, 61)), got {steps.size}")
    if not np.all(steps > 0):
        raise ValueError("steps must contain only positive numbers (> 0)")
    if isinstance(methods, str):
        methods = (methods,)
    try:
        methods = tuple(methods)
    except TypeError:
        raise TypeError(f"methods must be a sequence of method names, got "
                        f"{type(methods).__name__}") from None
    if not methods:
        raise ValueError("methods must name at least one method")
    for method in methods:
        check_choice(method, "methods", METHODS)

    exact_values = _evaluate(df, np.asarray([x]), name="df")
    _require_finite(exact_values, np.asarray([x]), np.asarray([x]), what="df")
    exact = float(exact_values[0])
    errors: dict[str, np.ndarray] = {}
    for method in methods:
        approximations = np.array([derivative(f, x, method=method, h=float(h)) for h in steps])
        errors[method] = np.abs(approximations - exact)
    return errors
