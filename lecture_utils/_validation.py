"""Argument checks shared by every public function of :mod:`lecture_utils`.

Each check raises a ``TypeError`` (wrong kind of value) or ``ValueError`` (right kind, bad
value) whose message names the parameter, what it got and what it accepts, so that a student
never sees a traceback from deep inside NumPy.

Examples
--------
>>> check_real_number(0.5, "h", positive=True)
0.5
>>> check_real_number(-1, "h", positive=True)
Traceback (most recent call last):
...
ValueError: h must be a positive finite number (> 0), got -1
"""

from __future__ import annotations

import numbers
import warnings
from typing import Any, Callable

import numpy as np

try:
    from numpy.exceptions import ComplexWarning as _ComplexWarning
except ImportError:  # numpy < 1.25
    _ComplexWarning = np.ComplexWarning  # type: ignore[attr-defined]


def shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_real_number(
    value: Any,
    name: str,
    *,
    positive: bool = False,
    nonnegative: bool = False,
    allow_complex: bool = False,
) -> float | complex:
    """Return ``value`` as a finite float (or complex); raise a named error otherwise.

    Parameters
    ----------
    value : Any
        The argument to check.
    name : str
        The parameter's name, used in the message.
    positive, nonnegative : bool
        Require ``value > 0`` or ``value >= 0``.
    allow_complex : bool
        Accept complex numbers (used by the complex-step derivative).

    Examples
    --------
    >>> check_real_number(3, "x")
    3.0
    >>> check_real_number(float("nan"), "x")
    Traceback (most recent call last):
    ...
    ValueError: x must be a finite number, got nan
    """
    kinds = (numbers.Number,) if allow_complex else (numbers.Real,)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, kinds):
        if isinstance(value, np.ndarray) and value.ndim == 0:
            return check_real_number(
                value.item(), name, positive=positive, nonnegative=nonnegative,
                allow_complex=allow_complex,
            )
        what = "a real or complex number" if allow_complex else "a real number"
        raise TypeError(f"{name} must be {what}, got {type(value).__name__} {shown(value)}")
    try:
        result: float | complex = float(value) if isinstance(value, numbers.Real) else complex(value)
    except OverflowError:  # an int beyond 1.8e308
        raise ValueError(f"{name} must be a finite number, got {shown(value)}") from None
    if not np.isfinite(result):
        raise ValueError(f"{name} must be a finite number, got {shown(value)}")
    if positive and not result.real > 0:
        raise ValueError(f"{name} must be a positive finite number (> 0), got {shown(value)}")
    if nonnegative and not result.real >= 0:
        raise ValueError(f"{name} must be a non-negative finite number (>= 0), got {shown(value)}")
    return result


def check_integer(value: Any, name: str, *, minimum: int | None = None,
                  maximum: int | None = None) -> int:
    """Return ``value`` as an int within ``[minimum, maximum]``; raise a named error otherwise.

    Examples
    --------
    >>> check_integer(3, "order", minimum=0, maximum=40)
    3
    >>> check_integer(41, "order", minimum=0, maximum=40)
    Traceback (most recent call last):
    ...
    ValueError: order must be an integer from 0 to 40, got 41
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {shown(value)}")
    result = int(value)
    low = "-inf" if minimum is None else str(minimum)
    high = "inf" if maximum is None else str(maximum)
    if (minimum is not None and result < minimum) or (maximum is not None and result > maximum):
        if maximum is None:
            raise ValueError(f"{name} must be an integer >= {low}, got {result}")
        raise ValueError(f"{name} must be an integer from {low} to {high}, got {result}")
    return result


def check_callable(value: Any, name: str) -> Callable[..., Any]:
    """Return ``value`` if it is callable; raise a named ``TypeError`` otherwise.

    Examples
    --------
    >>> check_callable(abs, "f") is abs
    True
    """
    if not callable(value):
        raise TypeError(
            f"{name} must be a function (a callable such as np.sin or lambda x: x**2), "
            f"got {type(value).__name__} {shown(value)}"
        )
    return value


def check_array(value: Any, name: str, *, ndim: int | None = None,
                shape: tuple[int | None, ...] | None = None,
                allow_complex: bool = False, finite: bool = True) -> np.ndarray:
    """Return ``value`` as a finite float array of the required shape.

    ``shape`` may contain ``None`` for "any length along this axis"; ``finite=False`` lets
    NaN and inf through (for functions evaluated where they may be undefined).

    Examples
    --------
    >>> check_array([1, 2], "x0", shape=(2,))
    array([1., 2.])
    >>> check_array([1, 2, 3], "x0", shape=(2,))
    Traceback (most recent call last):
    ...
    ValueError: x0 must have shape (2,), got shape (3,)
    """
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be an array of numbers, got the text {shown(value)}")
    try:
        with warnings.catch_warnings():  # complex → float: an error, not a warning
            warnings.simplefilter("error", _ComplexWarning)
            array = np.asarray(value, dtype=complex if allow_complex else float)
    except OverflowError:  # an int beyond 1.8e308
        raise ValueError(f"{name} must contain only finite numbers, got {shown(value)}") from None
    except (TypeError, ValueError, _ComplexWarning):
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__} "
                        f"{shown(value)}") from None
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-dimensional array, got shape {array.shape}")
    if shape is not None:
        ok = len(shape) == array.ndim and all(
            want is None or want == got for want, got in zip(shape, array.shape)
        )
        if not ok:
            wanted = "(" + ", ".join("any" if s is None else str(s) for s in shape) + \
                ("," if len(shape) == 1 else "") + ")"
            raise ValueError(f"{name} must have shape {wanted}, got shape {array.shape}")
    if finite and not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    return array


def check_flag(value: Any, name: str) -> bool:
    """Return ``value`` as a bool (``True``/``False``, or 0/1); raise a named ``TypeError`` otherwise.

    Examples
    --------
    >>> check_flag(True, "momentum")
    True
    >>> check_flag("yes", "momentum")
    Traceback (most recent call last):
    ...
    TypeError: momentum must be True or False, got str 'yes'
    """
    if isinstance(value, (bool, np.bool_)) or (
            isinstance(value, numbers.Integral) and int(value) in (0, 1)):
        return bool(value)
    raise TypeError(f"{name} must be True or False, got {type(value).__name__} {shown(value)}")


def check_sequence(value: Any, name: str, *, minimum: int = 0, maximum: int | None = None,
                   what: str = "values") -> list[Any]:
    """Return ``value`` (a list, tuple, range or 1-d array; not text) as a list of
    ``minimum`` to ``maximum`` items; raise a named error otherwise.

    Examples
    --------
    >>> check_sequence((1, 2), "depths", minimum=1, what="depths")
    [1, 2]
    >>> check_sequence(3, "depths", what="depths")
    Traceback (most recent call last):
    ...
    TypeError: depths must be a list of depths, got int 3
    """
    array_1d = isinstance(value, np.ndarray) and value.ndim == 1
    if not array_1d and (isinstance(value, (str, bytes, np.ndarray))
                         or not isinstance(value, (list, tuple, range))):
        raise TypeError(f"{name} must be a list of {what}, got {type(value).__name__} "
                        f"{shown(value)}")
    items = value.tolist() if array_1d else list(value)
    if len(items) < minimum or (maximum is not None and len(items) > maximum):
        count = f"at least {minimum}" if maximum is None else f"{minimum} to {maximum}"
        raise ValueError(f"{name} must hold {count} {what}, got {len(items)}")
    return items


def check_choice(value: Any, name: str, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``choices``; raise a named ``ValueError`` otherwise.

    Examples
    --------
    >>> check_choice("central", "method", ("central", "forward"))
    'central'
    """
    if not isinstance(value, str) or value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}, got {shown(value)}")
    return value


def gives_numbers(function: Any, argument: Any, shapes: tuple[tuple[int, ...], ...]) -> bool:
    """Whether ``function(argument)`` runs and returns real numbers of one of ``shapes``: a
    silent probe (its printed output and floating-point warnings are swallowed, any exception
    means no) that lets a caller refuse a wrong function with a ``TypeError`` naming its
    parameter instead of a traceback from inside it.

    Examples
    --------
    >>> gives_numbers(np.sin, np.array([0.0, 1.0]), ((2,),))
    True
    >>> gives_numbers(print, np.array([0.0, 1.0]), ((2,),)), gives_numbers(float, 1.0, ((),))
    (False, False)
    """
    import contextlib
    import io

    if not callable(function) or isinstance(function, type):
        return False
    try:
        with contextlib.redirect_stdout(io.StringIO()), np.errstate(all="ignore"):
            values = np.asarray(function(argument))
    except Exception:  # noqa: BLE001 - any failure is a wrong function
        return False
    return values.dtype.kind in "biuf" and values.shape in shapes
