"""Shared tools of the checkers: reading answers, comparing values, naming simple relations
(sign, constant factor, offset) and printing the verdict. Read the package docstring first."""

from __future__ import annotations

import math
import numbers
import sys
import warnings
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from .._validation import shown

#: Relative tolerance of every numerical comparison.
RTOL = 1e-8
#: Highest order a Taylor answer may have (as in :mod:`lecture_utils.maths.taylor`).
MAX_TAYLOR_ORDER = 40
#: Default sample points of :func:`check_derivative`, in the order they are reported: simple
#: values first, all in [-2, 2], none at 0 (where many functions or their derivatives have a
#: special value or are undefined).
DEFAULT_POINTS: tuple[float, ...] = (0.5, -0.5, 1.0, -1.0, 1.5, -1.5, 2.0, -2.0,
                                     0.25, -0.25, 0.75, -0.75, 1.25, -1.25, 1.75, -1.75)
#: Tried, in this order, when fewer than ``MIN_POINTS`` default points are in the domain.
FALLBACK_POINTS: tuple[float, ...] = tuple(v for k in range(5, 21) for v in (k / 2, -k / 2))
MIN_POINTS = 6
#: A wrong derivative whose values all deviate by less than this (relative to max(1, |f'|))
#: is reported as "close": typically a finite-difference approximation.
APPROXIMATION = 1e-3


# =============================================================== shared comparison tools ====

class Verdict:
    """What a checker returns: true when the answer is right.

    The checker has already printed its message, so in a notebook a verdict shows nothing
    (no stray ``True`` under the message); elsewhere it reads as ``True`` or ``False``.

    Examples
    --------
    >>> v = Verdict(False)
    >>> bool(v), v == False, v
    (False, True, False)
    """

    __slots__ = ("correct",)

    def __init__(self, correct: bool):
        self.correct = bool(correct)

    def __bool__(self) -> bool:
        return self.correct

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (bool, np.bool_, Verdict)):
            return self.correct == bool(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.correct)

    def __repr__(self) -> str:
        return repr(self.correct)

    def _ipython_display_(self) -> None:
        """Show nothing: the message is already printed."""


def report(correct: bool, message: str, hint: str | None = None) -> Verdict:
    """Print the verdict (and a hint) and return it as a :class:`Verdict`."""
    print(("Correct: " if correct else "Not yet: ") + message)
    if hint:
        print("Hint: " + hint)
    return Verdict(correct)


def float_array(answer: Any) -> tuple[np.ndarray | None, str | None]:
    """``answer`` as an array of floats, or ``None`` and why not: ``"unreadable"`` (no array
    of numbers: text, objects, ragged nesting) or ``"too large"`` (an integer beyond ~1e308).

    Examples
    --------
    >>> float_array([1, 2])[0], float_array([[1.0, [2.0]]]), float_array([10**400])
    (array([1., 2.]), (None, 'unreadable'), (None, 'too large'))
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return np.asarray(answer, dtype=float), None
        except OverflowError:
            return None, "too large"
        except (TypeError, ValueError):
            return None, "unreadable"


#: What a checker says about a number too large for a float (10**400).
TOO_LARGE = "your answer contains a number too large for a float (beyond about 1e308)."


def tolerance(reference: np.ndarray, rtol: float, atol: float | None) -> np.ndarray:
    """Per-entry tolerance ``rtol·|r| + atol``; ``atol`` defaults to rtol·max(1, max|r|)."""
    magnitude = np.abs(reference)
    if atol is None:
        atol = rtol * max(1.0, float(np.max(magnitude, initial=0.0)))
    return rtol * magnitude + atol


def close(answer_values: Any, reference_values: Any, *, rtol: float = RTOL,
           atol: float | None = None) -> np.ndarray:
    """Entry-wise "the answer agrees with the (finite) reference"; NaN/inf answers never agree."""
    a = np.asarray(answer_values, dtype=float)
    r = np.asarray(reference_values, dtype=float)
    with np.errstate(all="ignore"):
        return np.isfinite(a) & (np.abs(a - r) <= tolerance(r, rtol, atol))


def all_close(answer_values: Any, reference_values: Any, **tolerances: Any) -> bool:
    return bool(np.all(close(answer_values, reference_values, **tolerances)))


@dataclass(frozen=True)
class Relation:
    """A simple relation ``answer = value · reference`` (sign, factor) or ``reference + value``."""

    kind: str      # "sign", "factor" or "offset"
    value: float   # -1 for "sign", the factor, or the offset


def diagnose_scalar_factor(answer_values: Any, reference_values: Any, *, rtol: float = RTOL,
                            atol: float | None = None, offset: bool = True,
                            max_denominator: int | None = 24) -> Relation | None:
    """Which simple mistake turns the reference values into the answer's, if any.

    Works on arrays of any shape (values at sample points, gradient components,
    coefficients). Returns ``Relation("sign", -1)`` if the answer is the negated reference,
    ``Relation("factor", c)`` if it is ``c`` times the reference (c ≠ 0, ±1) and c is a
    simple fraction (denominator up to ``max_denominator``; ``None`` allows any c: a factor
    such as 0.6065 is no typical slip, and naming it would give the answer away),
    ``Relation("offset", d)`` if it is the reference plus a constant ``d ≠ 0`` (only when
    ``offset`` is true), and ``None`` otherwise (including when the answer is right).

    Examples
    --------
    >>> diagnose_scalar_factor([-1.0, -4.0], [1.0, 4.0])
    Relation(kind='sign', value=-1.0)
    >>> diagnose_scalar_factor([2.0, 8.0, 0.0], [1.0, 4.0, 0.0])
    Relation(kind='factor', value=2.0)
    >>> diagnose_scalar_factor([3.0, 6.0], [1.0, 4.0])
    Relation(kind='offset', value=2.0)
    >>> diagnose_scalar_factor([1.0, 5.0], [1.0, 4.0]) is None
    True
    >>> diagnose_scalar_factor([3.14159, 12.56636], [1.0, 4.0]) is None   # not a simple factor
    True
    """
    a = np.asarray(answer_values, dtype=float).ravel()
    r = np.asarray(reference_values, dtype=float).ravel()
    if a.shape != r.shape or a.size == 0 or not (np.all(np.isfinite(a))
                                                 and np.all(np.isfinite(r))):
        return None
    if all_close(a, r, rtol=rtol, atol=atol):
        return None
    significant = np.abs(r) > tolerance(r, rtol, atol)
    if np.any(significant) and all_close(a, -r, rtol=rtol, atol=atol):
        return Relation("sign", -1.0)
    if a.size >= 2 and np.any(significant):
        factor = float(np.dot(a, r) / np.dot(r, r))
        scaled_atol = None if atol is None else atol * max(1.0, abs(factor))
        if (abs(factor - 1.0) > rtol and abs(factor) > 1e-6
                and all_close(a, factor * r, rtol=rtol, atol=scaled_atol)):
            if max_denominator is None or simple_fraction(factor, max_denominator):
                return Relation("factor", factor)
    if offset and a.size >= 2:
        shift = float(np.median(a - r))
        if (np.all(np.abs(shift) > tolerance(r, rtol, atol))
                and all_close(a, r + shift, rtol=rtol, atol=atol)):
            return Relation("offset", shift)
    return None


def simple_fraction(value: float, max_denominator: int = 24) -> str | None:
    """``value`` as a short fraction ("2", "1/3", "-3/2") if it is one, else ``None``."""
    fraction = Fraction(value).limit_denominator(max_denominator)
    if abs(float(fraction) - value) <= 1e-9 * max(1.0, abs(value)):
        return str(fraction)
    return None


def format_factor(value: float) -> str:
    """A factor as a short fraction when it is one, else with 4 significant digits."""
    return simple_fraction(value) or f"{value:.4g}"


def format_point(value: float) -> str:
    return f"{value:g}"


def check_variable(variable: Any, name: str = "variable") -> str:
    if isinstance(variable, (bool, np.bool_)) or not isinstance(variable, str):
        raise TypeError(f"{name} must be a name such as 'x', got {type(variable).__name__} "
                        f"{shown(variable)}")
    if not variable.isidentifier():
        raise ValueError(f"{name} must be a name such as 'x', got {shown(variable)}")
    return variable


def unify_symbols(expr: sympy.Expr, symbols: Sequence[sympy.Symbol]) -> sympy.Expr:
    """Replace symbols that have the name of a variable (but other assumptions) by it."""
    by_name = {s.name: s for s in symbols}
    swap = {s: by_name[s.name] for s in expr.free_symbols
            if isinstance(s, sympy.Symbol) and s.name in by_name and s != by_name[s.name]}
    return expr.xreplace(swap) if swap else expr


def reference_expression(f: Any, variable: str) -> tuple[sympy.Expr, sympy.Symbol]:
    """The teacher's ``f`` as a SymPy expression in a *real* symbol named ``variable``.

    Real, so that SymPy differentiates ``Abs`` and simplifies ``sqrt(x**2)`` as on the slides;
    every expression of a student is put in terms of the same symbol (by name).
    """
    from ..maths.parser import as_expression

    x = sympy.Symbol(variable, real=True)
    expr = unify_symbols(as_expression(f, variables=(variable,)), (x,))
    others = sorted(str(s) for s in expr.free_symbols if s != x)
    if others:
        raise ValueError(f"f must depend on {variable} only, but it also contains "
                         f"{', '.join(others)}; substitute numbers for them first")
    return expr, x


def evaluate_expression(expr: sympy.Expr, variables: str | Sequence[str],
                        points: np.ndarray) -> np.ndarray:
    """``expr`` at ``points`` as floats, NaN where it is undefined (or not real), without
    warnings. ``variables``: one name (``points`` of any shape) or the n names (``points`` of
    shape (P, n): one value per row).

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> evaluate_expression(sympy.log(x), "x", np.array([1.0, -1.0]))
    array([ 0., nan])
    >>> evaluate_expression(x * y, ("x", "y"), np.array([[2.0, 3.0]]))
    array([6.])
    """
    from ..maths.parser import to_numpy_function

    one = isinstance(variables, str)
    names = (variables,) if one else tuple(variables)
    function = to_numpy_function(expr, variables=names)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        values = np.asarray(function(points) if one else function(*points.T))
    if np.iscomplexobj(values):
        values = np.where(np.abs(values.imag) <= 1e-12 * (1 + np.abs(values.real)),
                          values.real, np.nan)
    values = np.array(np.broadcast_to(values, points.shape if one else points.shape[:1]),
                      dtype=float)
    values[~np.isfinite(values)] = np.nan
    return values


@dataclass
class Samples:
    """Sample points and the values there of the k expressions they were chosen for."""

    points: np.ndarray   # (P,) for one variable, (P, n) for n
    values: np.ndarray   # (P, k)

    def __len__(self) -> int:
        return self.points.shape[0]

    def __getitem__(self, index: Any) -> Samples:
        return Samples(self.points[index], self.values[index])

    def __add__(self, other: Samples) -> Samples:
        return Samples(np.concatenate([self.points, other.points]),
                       np.concatenate([self.values, other.values]))


def choose_samples(exprs: Sequence[sympy.Expr], variables: str | Sequence[str],
                   points: np.ndarray | None, *, defaults: np.ndarray, fallback: np.ndarray,
                   extra: np.ndarray, count: int, where: str) -> Samples:
    """Sample points where every expression of ``exprs`` (f and its derivatives) is finite.

    Given ``points`` (an array checked by the caller): those of them (at least one).
    Otherwise the ``defaults``, followed by the ``fallback`` points when fewer than
    ``MIN_POINTS`` remain, the first ``count`` of them (at least 3, else a ``ValueError``
    saying that none were found in ``where``), and then the ``extra`` points.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> s = choose_samples([sympy.log(x)], "x", np.array([-1.0, 2.0]), defaults=None,
    ...                    fallback=None, extra=None, count=0, where="")
    >>> s.points, s.values.shape
    (array([2.]), (1, 1))
    """
    def at(candidates: np.ndarray) -> Samples:
        values = np.stack([evaluate_expression(e, variables, candidates) for e in exprs],
                          axis=-1)
        keep = np.all(np.isfinite(values), axis=-1)
        return Samples(candidates[keep], values[keep])

    if points is not None:
        chosen = at(points)
        if not len(chosen):
            raise ValueError("points must contain at least one point where f and its "
                             "derivative are finite")
        return chosen
    chosen = at(defaults)
    if len(chosen) < MIN_POINTS:
        chosen = chosen + at(fallback)
    if len(chosen) < 3:
        raise ValueError(f"could not find enough sample points in {where} where f and its "
                         "derivative are finite; pass points=[...] inside the domain")
    return chosen[:count] + at(extra)


def exact_size(expr: sympy.Expr, symbols: Sequence[sympy.Symbol],
               point: Sequence[float]) -> float | None:
    """|expr| at ``point`` (one number per symbol, taken as an exact rational) evaluated with
    30 significant digits; ``None`` where that fails or is not finite.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> exact_size(sympy.Rational(1, 3) - 0.333 + 0 * x, [x], [1.0]) > 1e-4
    True
    """
    subs = {s: sympy.Rational(float(v)) for s, v in zip(symbols, point)}
    try:
        value = complex(expr.evalf(30, subs=subs))
    except (TypeError, ValueError):
        return None
    return abs(value) if np.isfinite(value.real) and np.isfinite(value.imag) else None


def unevaluable(what: str, names: Sequence[str], exc: BaseException) -> tuple[str, str]:
    """Message and hint for an answer's formula that the evaluator could not handle."""
    return (f"{what} could not be evaluated as a function of {', '.join(names)}: {exc}",
            "write it with the functions sin, cos, exp, log, sqrt, ... only.")


def call_answer(function: Callable[[float], Any], point: float) -> float:
    """A student's function at one point, as a float; raises ``BadReturn`` for a non-number."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = function(point)
    if value is None:
        raise BadReturn("it returned None (did you forget `return`?)")
    if isinstance(value, (bool, np.bool_, str, bytes)):
        raise BadReturn(f"it returned {type(value).__name__} {shown(value)}, not a number")
    if np.ndim(value) != 0 and np.size(value) != 1:
        raise BadReturn(f"it returned an array of shape {np.shape(value)}, not one number")
    try:
        number = complex(np.asarray(value).reshape(-1)[0])
    except (TypeError, ValueError):
        raise BadReturn(f"it returned {type(value).__name__} {shown(value)}, "
                         "not a number") from None
    if number.imag != 0:
        raise BadReturn(f"it returned the complex number {number}, not a real number")
    return number.real


class BadReturn(TypeError):
    """A student's function returned something that is not one real number."""


def missing_answer(answer: Any, what: str) -> str | None:
    """The problem with an answer that was never given (``...`` or ``None``), else ``None``."""
    if answer is Ellipsis:
        return f"there is no answer yet: replace ... with {what}."
    if answer is None:
        return "your answer is None: did you forget to assign it (or to return a value)?"
    return None


@dataclass
class Answer:
    """A student's answer after reading: an expression, a function, or a problem to report."""

    expr: sympy.Expr | None = None
    function: Callable[[float], Any] | None = None
    problem: str | None = None
    hint: str | None = None


_SYNTAX_HINT = ("write it as a formula in {v}: * for every product, ** (or ^) for powers, "
                "and functions such as sin, cos, exp, log and sqrt with parentheses.")
_FORMS = ("a formula as a string, a SymPy expression, or a Python function of {v}")


def unwrap_answer(answer: Any, variables: Sequence[sympy.Symbol], what: str, forms: str
                  ) -> tuple[Any, str | None, str | None]:
    """The answer with a SymPy Lambda applied to the variables, or ``None``, a problem and a
    hint for a placeholder (``...``), ``None`` or a Lambda of another number of arguments."""
    missing = missing_answer(answer, what)
    if missing:
        return None, missing, f"give it as {forms}."
    if isinstance(answer, sympy.Lambda):
        if len(answer.variables) != len(variables):
            return None, (f"your Lambda takes {len(answer.variables)} argument(s), but {what} "
                          f"is a function of {', '.join(s.name for s in variables)}."), \
                f"give it as {forms}."
        return answer(*variables), None, None
    return answer, None, None


def read_expression_answer(answer: Any, variables: Sequence[sympy.Symbol],
                            what: str = "your derivative") -> Answer:
    """Read a scalar answer given as a string, a SymPy expression, a number or a function.

    Diagnoses the answers that cannot be compared at all: a placeholder (``...``), ``None``,
    an unparsable string (with the parser's message), a wrong type, an expression in other
    symbols or with undefined functions.
    """
    from ..maths.parser import as_expression

    names = tuple(s.name for s in variables)
    v = ", ".join(names)
    forms = _FORMS.format(v=v)
    answer, problem, hint = unwrap_answer(answer, variables, what, forms)
    if problem:
        return Answer(problem=problem, hint=hint)
    if isinstance(answer, str):
        try:
            expr = as_expression(answer, variables=names, name=None)
        except (TypeError, ValueError) as exc:
            return Answer(problem=f"your answer {shown(answer)} could not be read: {exc}",
                           hint=_SYNTAX_HINT.format(v=names[0]))
        return Answer(expr=unify_symbols(expr, variables))
    if isinstance(answer, (bool, np.bool_)):
        return Answer(problem=f"your answer is the truth value {answer}, not {what}.",
                       hint=f"give it as {forms}.")
    if isinstance(answer, numbers.Number):
        if not isinstance(answer, numbers.Real):
            return Answer(problem=f"your answer is the complex number {answer}; {what} is real.")
        if abs(answer) > sys.float_info.max:
            return Answer(problem=TOO_LARGE)
        if not math.isfinite(float(answer)):
            return Answer(problem=f"your answer is {float(answer)}, not a finite number.")
        if isinstance(answer, numbers.Integral):
            return Answer(expr=sympy.Integer(int(answer)))
        return Answer(expr=sympy.Float(float(answer)))
    if isinstance(answer, sympy.Basic):
        if not isinstance(answer, sympy.Expr):
            kind = type(answer).__name__
            return Answer(problem=f"your answer is a SymPy {kind}, not a single expression.",
                           hint=f"give only the formula of {what} (for an equation "
                                "f'(x) = ..., its right-hand side).")
        expr = unify_symbols(answer, variables)
        undefined = sorted(str(g) for g in expr.atoms(AppliedUndef))
        if undefined:
            return Answer(problem=f"your answer contains the undefined function "
                                   f"{undefined[0]}.",
                           hint=f"write {what} out as a formula in {v}.")
        others = sorted(str(s) for s in expr.free_symbols if s not in set(variables))
        if others:
            return Answer(problem=f"your answer contains {', '.join(others)}, but the "
                                   f"variable is {v}.",
                           hint=f"write {what} in terms of {v} only.")
        return Answer(expr=expr)
    if callable(answer):
        return Answer(function=answer)
    return Answer(problem=f"your answer is a {type(answer).__name__}; {what} should be "
                           f"{forms}.")


def join(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def symbolically_equal(a: sympy.Expr, b: sympy.Expr) -> bool:
    try:
        return sympy.simplify(a - b) == 0
    except Exception:  # noqa: BLE001 - simplify can fail on odd input: fall back to numbers
        return False


def error_text(exc: BaseException, variable: str, point: float) -> str:
    return f"at {variable} = {format_point(point)}: {type(exc).__name__}: {exc}"


def relation_message(relation: Relation) -> tuple[str, str]:
    if relation.kind == "sign":
        return ("your answer has the wrong sign: it is the negative of the derivative.",
                "check each sign: a minus in front of a term stays, the derivative of cos "
                "carries a minus, and an inner derivative (chain rule) can be negative.")
    if relation.kind == "factor":
        factor = format_factor(relation.value)
        return (f"your answer is off by a constant factor of {factor}: it is {factor} times "
                "the derivative.",
                "check the power rule (the exponent comes down as a factor) and, with the "
                "chain rule, the inner derivative.")
    return ("your answer differs from the derivative by a constant.",
            "the derivative of a constant term is 0, and every term that contains the "
            "variable must be differentiated: check the terms one by one.")
