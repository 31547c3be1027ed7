""""Check yourself" exercises (layer 4): say what is wrong and give a hint, never the answer.

A student writes an answer in a notebook cell and calls a checker. The checker prints a short
verdict and, when the answer is wrong, a specific diagnosis (a sign error, a missing factor,
a forgotten term of the product rule...) and a hint. It never prints the expected value or
formula. It returns ``True`` or ``False``, so a notebook can ``assert`` that the reference
solution passes. The output is plain and deterministic (fixed sample points, no timings).

Mistakes of the teacher (an ``f`` that does not parse, a bad ``x0``) raise the usual named
``TypeError``/``ValueError``; mistakes of the student are only ever printed.

Adding a checker
----------------
The comparison logic is shared: read an answer with :func:`_read_expression_answer`, compare
arrays of values with :func:`_close`, look for a simple relation (sign, constant factor,
constant offset) with :func:`_diagnose_scalar_factor`, and print with :func:`_report`. A
``check_gradient`` compares the stacked components at the sample points the same way.

Examples
--------
>>> check_derivative("2*x*cos(x**2)", "sin(x**2)")
Correct: that is the derivative. (It needed the chain rule, the power rule and the derivative of sin.)
True
>>> check_derivative("cos(x**2)", "sin(x**2)")
Not yet: you differentiated the outer function but did not multiply by the derivative of the inner function.
Hint: chain rule: (g(h(x)))' = g'(h(x)) · h'(x).
False
"""

from __future__ import annotations

import itertools
import math
import numbers
import warnings
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np
import sympy
from sympy.core.function import AppliedUndef

from ._validation import _shown, check_array, check_real_number

__all__ = ["check_derivative", "check_taylor_coefficients"]

#: Relative tolerance of every numerical comparison.
RTOL = 1e-8
#: Highest order a Taylor answer may have (as in :mod:`lecture_utils.taylor`).
MAX_TAYLOR_ORDER = 40
#: Default sample points of :func:`check_derivative`, in the order they are reported: simple
#: values first, all in [-2, 2], none at 0 (where many functions or their derivatives have a
#: special value or are undefined).
DEFAULT_POINTS: tuple[float, ...] = (0.5, -0.5, 1.0, -1.0, 1.5, -1.5, 2.0, -2.0,
                                     0.25, -0.25, 0.75, -0.75, 1.25, -1.25, 1.75, -1.75)
#: Tried, in this order, when fewer than ``_MIN_POINTS`` default points are in the domain.
FALLBACK_POINTS: tuple[float, ...] = tuple(v for k in range(5, 21) for v in (k / 2, -k / 2))
_MIN_POINTS = 6
#: A wrong derivative whose values all deviate by less than this (relative to max(1, |f'|))
#: is reported as "close": typically a finite-difference approximation.
_APPROXIMATION = 1e-3


# =============================================================== shared comparison tools ====

def _report(correct: bool, message: str, hint: str | None = None) -> bool:
    """Print the verdict (and a hint) and return ``correct``."""
    print(("Correct: " if correct else "Not yet: ") + message)
    if hint:
        print("Hint: " + hint)
    return correct


def _tolerance(reference: np.ndarray, rtol: float, atol: float | None) -> np.ndarray:
    """Per-entry tolerance ``rtol·|r| + atol``; ``atol`` defaults to rtol·max(1, max|r|)."""
    magnitude = np.abs(reference)
    if atol is None:
        atol = rtol * max(1.0, float(np.max(magnitude, initial=0.0)))
    return rtol * magnitude + atol


def _close(answer_values: Any, reference_values: Any, *, rtol: float = RTOL,
           atol: float | None = None) -> np.ndarray:
    """Entry-wise "the answer agrees with the (finite) reference"; NaN/inf answers never agree."""
    a = np.asarray(answer_values, dtype=float)
    r = np.asarray(reference_values, dtype=float)
    with np.errstate(all="ignore"):
        return np.isfinite(a) & (np.abs(a - r) <= _tolerance(r, rtol, atol))


def _all_close(answer_values: Any, reference_values: Any, **tolerances: Any) -> bool:
    return bool(np.all(_close(answer_values, reference_values, **tolerances)))


@dataclass(frozen=True)
class _Relation:
    """A simple relation ``answer = value · reference`` (sign, factor) or ``reference + value``."""

    kind: str      # "sign", "factor" or "offset"
    value: float   # -1 for "sign", the factor, or the offset


def _diagnose_scalar_factor(answer_values: Any, reference_values: Any, *, rtol: float = RTOL,
                            atol: float | None = None, offset: bool = True,
                            max_denominator: int | None = 24) -> _Relation | None:
    """Which simple mistake turns the reference values into the answer's, if any.

    Works on arrays of any shape (values at sample points, gradient components,
    coefficients). Returns ``_Relation("sign", -1)`` if the answer is the negated reference,
    ``_Relation("factor", c)`` if it is ``c`` times the reference (c ≠ 0, ±1) and c is a
    simple fraction (denominator up to ``max_denominator``; ``None`` allows any c: a factor
    such as 0.6065 is no typical slip, and naming it would give the answer away),
    ``_Relation("offset", d)`` if it is the reference plus a constant ``d ≠ 0`` (only when
    ``offset`` is true), and ``None`` otherwise (including when the answer is right).

    Examples
    --------
    >>> _diagnose_scalar_factor([-1.0, -4.0], [1.0, 4.0])
    _Relation(kind='sign', value=-1.0)
    >>> _diagnose_scalar_factor([2.0, 8.0, 0.0], [1.0, 4.0, 0.0])
    _Relation(kind='factor', value=2.0)
    >>> _diagnose_scalar_factor([3.0, 6.0], [1.0, 4.0])
    _Relation(kind='offset', value=2.0)
    >>> _diagnose_scalar_factor([1.0, 5.0], [1.0, 4.0]) is None
    True
    >>> _diagnose_scalar_factor([3.14159, 12.56636], [1.0, 4.0]) is None   # not a simple factor
    True
    """
    a = np.asarray(answer_values, dtype=float).ravel()
    r = np.asarray(reference_values, dtype=float).ravel()
    if a.shape != r.shape or a.size == 0 or not (np.all(np.isfinite(a))
                                                 and np.all(np.isfinite(r))):
        return None
    if _all_close(a, r, rtol=rtol, atol=atol):
        return None
    significant = np.abs(r) > _tolerance(r, rtol, atol)
    if np.any(significant) and _all_close(a, -r, rtol=rtol, atol=atol):
        return _Relation("sign", -1.0)
    if a.size >= 2 and np.any(significant):
        factor = float(np.dot(a, r) / np.dot(r, r))
        scaled_atol = None if atol is None else atol * max(1.0, abs(factor))
        if (abs(factor - 1.0) > rtol and abs(factor) > 1e-6
                and _all_close(a, factor * r, rtol=rtol, atol=scaled_atol)):
            if max_denominator is None or _simple_fraction(factor, max_denominator):
                return _Relation("factor", factor)
    if offset and a.size >= 2:
        shift = float(np.median(a - r))
        if (np.all(np.abs(shift) > _tolerance(r, rtol, atol))
                and _all_close(a, r + shift, rtol=rtol, atol=atol)):
            return _Relation("offset", shift)
    return None


def _simple_fraction(value: float, max_denominator: int = 24) -> str | None:
    """``value`` as a short fraction ("2", "1/3", "-3/2") if it is one, else ``None``."""
    fraction = Fraction(value).limit_denominator(max_denominator)
    if abs(float(fraction) - value) <= 1e-9 * max(1.0, abs(value)):
        return str(fraction)
    return None


def _format_factor(value: float) -> str:
    """A factor as a short fraction when it is one, else with 4 significant digits."""
    return _simple_fraction(value) or f"{value:.4g}"


def _format_point(value: float) -> str:
    return f"{value:g}"


def _check_variable(variable: Any) -> str:
    if isinstance(variable, (bool, np.bool_)) or not isinstance(variable, str):
        raise TypeError(f"variable must be a name such as 'x', got {type(variable).__name__} "
                        f"{_shown(variable)}")
    if not variable.isidentifier():
        raise ValueError(f"variable must be a name such as 'x', got {_shown(variable)}")
    return variable


def _unify_symbols(expr: sympy.Expr, symbols: Sequence[sympy.Symbol]) -> sympy.Expr:
    """Replace symbols that have the name of a variable (but other assumptions) by it."""
    by_name = {s.name: s for s in symbols}
    swap = {s: by_name[s.name] for s in expr.free_symbols
            if isinstance(s, sympy.Symbol) and s.name in by_name and s != by_name[s.name]}
    return expr.xreplace(swap) if swap else expr


def _reference_expression(f: Any, variable: str) -> tuple[sympy.Expr, sympy.Symbol]:
    """The teacher's ``f`` as a SymPy expression in a *real* symbol named ``variable``.

    Real, so that SymPy differentiates ``Abs`` and simplifies ``sqrt(x**2)`` as on the slides;
    every expression of a student is put in terms of the same symbol (by name).
    """
    from .symbolic import as_expression

    x = sympy.Symbol(variable, real=True)
    expr = _unify_symbols(as_expression(f, variables=(variable,)), (x,))
    others = sorted(str(s) for s in expr.free_symbols if s != x)
    if others:
        raise ValueError(f"f must depend on {variable} only, but it also contains "
                         f"{', '.join(others)}; substitute numbers for them first")
    return expr, x


def _evaluate_expression(expr: sympy.Expr, variable: str, points: np.ndarray) -> np.ndarray:
    """``expr`` at ``points`` as floats, NaN where it is undefined, without warnings."""
    from .symbolic import to_numpy_function

    function = to_numpy_function(expr, variables=(variable,))
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        values = np.asarray(function(points))
    if np.iscomplexobj(values):
        values = np.where(np.abs(values.imag) <= 1e-12 * (1 + np.abs(values.real)),
                          values.real, np.nan)
    values = np.array(np.broadcast_to(values, points.shape), dtype=float)
    values[~np.isfinite(values)] = np.nan
    return values


def _call_answer(function: Callable[[float], Any], point: float) -> float:
    """A student's function at one point, as a float; raises ``_BadReturn`` for a non-number."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = function(point)
    if value is None:
        raise _BadReturn("it returned None (did you forget `return`?)")
    if isinstance(value, (bool, np.bool_, str, bytes)):
        raise _BadReturn(f"it returned {type(value).__name__} {_shown(value)}, not a number")
    if np.ndim(value) != 0 and np.size(value) != 1:
        raise _BadReturn(f"it returned an array of shape {np.shape(value)}, not one number")
    try:
        number = complex(np.asarray(value).reshape(-1)[0])
    except (TypeError, ValueError):
        raise _BadReturn(f"it returned {type(value).__name__} {_shown(value)}, "
                         "not a number") from None
    if number.imag != 0:
        raise _BadReturn(f"it returned the complex number {number}, not a real number")
    return number.real


class _BadReturn(TypeError):
    """A student's function returned something that is not one real number."""


def _missing_answer(answer: Any, what: str) -> str | None:
    """The problem with an answer that was never given (``...`` or ``None``), else ``None``."""
    if answer is Ellipsis:
        return f"there is no answer yet: replace ... with {what}."
    if answer is None:
        return "your answer is None: did you forget to assign it (or to return a value)?"
    return None


@dataclass
class _Answer:
    """A student's answer after reading: an expression, a function, or a problem to report."""

    expr: sympy.Expr | None = None
    function: Callable[[float], Any] | None = None
    problem: str | None = None
    hint: str | None = None


_SYNTAX_HINT = ("write it as a formula in {v}: * for every product, ** (or ^) for powers, "
                "and functions such as sin, cos, exp, log and sqrt with parentheses.")
_FORMS = ("a formula as a string, a SymPy expression, or a Python function of {v}")


def _read_expression_answer(answer: Any, variables: Sequence[sympy.Symbol],
                            what: str = "your derivative") -> _Answer:
    """Read a scalar answer given as a string, a SymPy expression, a number or a function.

    Diagnoses the answers that cannot be compared at all: a placeholder (``...``), ``None``,
    an unparsable string (with the parser's message), a wrong type, an expression in other
    symbols or with undefined functions.
    """
    from .symbolic import as_expression

    names = tuple(s.name for s in variables)
    v = ", ".join(names)
    forms = _FORMS.format(v=v)
    missing = _missing_answer(answer, what)
    if missing:
        return _Answer(problem=missing, hint=f"give it as {forms}.")
    if isinstance(answer, sympy.Lambda):
        if len(answer.variables) != len(variables):
            return _Answer(problem=f"your Lambda takes {len(answer.variables)} argument(s), "
                                   f"but {what} is a function of {v}.")
        answer = answer(*variables)
    if isinstance(answer, str):
        try:
            expr = as_expression(answer, variables=names)
        except (TypeError, ValueError) as exc:
            return _Answer(problem=f"your answer {_shown(answer)} could not be read: {exc}",
                           hint=_SYNTAX_HINT.format(v=names[0]))
        return _Answer(expr=_unify_symbols(expr, variables))
    if isinstance(answer, (bool, np.bool_)):
        return _Answer(problem=f"your answer is the truth value {answer}, not {what}.",
                       hint=f"give it as {forms}.")
    if isinstance(answer, numbers.Number):
        if not isinstance(answer, numbers.Real):
            return _Answer(problem=f"your answer is the complex number {answer}; {what} is real.")
        if not math.isfinite(float(answer)):
            return _Answer(problem=f"your answer is {float(answer)}, not a finite number.")
        if isinstance(answer, numbers.Integral):
            return _Answer(expr=sympy.Integer(int(answer)))
        return _Answer(expr=sympy.Float(float(answer)))
    if isinstance(answer, sympy.Basic):
        if not isinstance(answer, sympy.Expr):
            kind = type(answer).__name__
            return _Answer(problem=f"your answer is a SymPy {kind}, not a single expression.",
                           hint=f"give only the formula of {what} (for an equation "
                                "f'(x) = ..., its right-hand side).")
        expr = _unify_symbols(answer, variables)
        undefined = sorted(str(g) for g in expr.atoms(AppliedUndef))
        if undefined:
            return _Answer(problem=f"your answer contains the undefined function "
                                   f"{undefined[0]}.",
                           hint=f"write {what} out as a formula in {v}.")
        others = sorted(str(s) for s in expr.free_symbols if s not in set(variables))
        if others:
            return _Answer(problem=f"your answer contains {', '.join(others)}, but the "
                                   f"variable is {v}.",
                           hint=f"write {what} in terms of {v} only.")
        return _Answer(expr=expr)
    if callable(answer):
        return _Answer(function=answer)
    return _Answer(problem=f"your answer is a {type(answer).__name__}; {what} should be "
                           f"{forms}.")


# ==================================================================== check_derivative ====

_RULE_ORDER = ("sum rule", "product rule", "quotient rule", "chain rule", "power rule")


def _rules_used(f: sympy.Expr, x: sympy.Symbol) -> list[str]:
    """The differentiation rules (and standard derivatives) that ``f`` calls for, in order.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> _rules_used(x**2 * sympy.sin(3 * x), x)
    ['the product rule', 'the chain rule', 'the power rule', 'the derivative of sin']
    """
    rules: set[str] = set()
    functions: set[str] = set()
    denominators: set[sympy.Basic] = set()
    for node in sympy.preorder_traversal(f):
        if not node.has(x):
            continue
        if node.is_Add and sum(arg.has(x) for arg in node.args) >= 2:
            rules.add("sum rule")
        elif node.is_Mul:
            factors = [arg for arg in node.args if arg.has(x)]
            reciprocals = [a for a in factors if a.is_Pow and a.exp.is_negative]
            if len(factors) >= 2:
                rules.add("quotient rule" if reciprocals else "product rule")
                denominators.update(reciprocals)
        elif node.is_Pow:
            base, exponent = node.args
            if exponent.has(x):
                functions.add("exp" if base == sympy.E else "a^x")
                if exponent != x:
                    rules.add("chain rule")
                if base.has(x):
                    rules.add("chain rule")
            elif node not in denominators or exponent != -1:
                rules.add("power rule")
                if base != x:
                    rules.add("chain rule")
            elif base != x:
                rules.add("chain rule")
        elif isinstance(node, sympy.Function):
            name = type(node).__name__
            functions.add({"Abs": "abs"}.get(name, name))
            if any(arg != x for arg in node.args):
                rules.add("chain rule")
    named = ["the " + rule for rule in _RULE_ORDER if rule in rules]
    if functions:
        named.append("the derivative" + ("s" if len(functions) > 1 else "") + " of "
                     + _join(sorted(functions)))
    return named


def _join(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


_MISTAKES = {
    "part-of-sum": ("your answer is the derivative of only some of the terms of f.",
                    "f is a sum: by the sum rule, differentiate every term and add the "
                    "results."),
    "term-kept": ("one term of f appears in your answer without being differentiated.",
                  "by the sum rule, every term of f is differentiated."),
    "product-of-derivatives": ("your answer is the product of the derivatives of the "
                               "factors, but (u·v)' is not u'·v'.",
                               "product rule: (u·v)' = u'·v + u·v'."),
    "one-factor": ("your answer has only one of the terms of the product rule: you "
                   "differentiated one factor and left out the other term.",
                   "product rule: (u·v)' = u'·v + u·v'."),
    "quotient-of-derivatives": ("your answer is u'/v', but the derivative of a quotient is "
                                "not the quotient of the derivatives.",
                                "quotient rule: (u/v)' = (u'·v − u·v') / v²."),
    "quotient-sign": ("the numerator of the quotient rule has a minus sign where your answer "
                      "has a plus.", "quotient rule: (u/v)' = (u'·v − u·v') / v²."),
    "quotient-square": ("the denominator of the quotient rule is v², your answer has v.",
                        "quotient rule: (u/v)' = (u'·v − u·v') / v²."),
    "inner-derivative": ("you differentiated the outer function but did not multiply by "
                         "the derivative of the inner function.",
                         "chain rule: (g(h(x)))' = g'(h(x)) · h'(x)."),
    "power-kept": ("the exponent came down as a factor, but the power was not lowered by one.",
                   "power rule: (x^n)' = n·x^(n−1)."),
}


def _common_mistakes(f: sympy.Expr, x: sympy.Symbol) -> list[tuple[str, sympy.Expr]]:
    """Wrong derivatives that typical rule slips produce: (mistake key, wrong expression)."""
    d = sympy.diff
    mistakes: list[tuple[str, sympy.Expr]] = []
    if f.is_Add:
        terms = [t for t in f.args if t.has(x)]
        if 2 <= len(terms) <= 5:
            for size in range(1, len(terms)):
                for subset in itertools.combinations(terms, size):
                    mistakes.append(("part-of-sum", sympy.Add(*(d(t, x) for t in subset))))
            full = d(f, x)
            for term in terms:
                mistakes.append(("term-kept", full - d(term, x) + term))
    coefficient, rest = f.as_independent(x, as_Add=False)
    numerator, denominator = rest.as_numer_denom()
    if denominator.has(x) and numerator.has(x):
        u, v = numerator, denominator
        du, dv = d(u, x), d(v, x)
        if dv != 0:
            mistakes.append(("quotient-of-derivatives", coefficient * du / dv))
        mistakes.append(("quotient-sign", coefficient * (du * v + u * dv) / v**2))
        mistakes.append(("quotient-square", coefficient * (du * v - u * dv) / v))
    elif rest.is_Mul:
        factors = [a for a in rest.args if a.has(x)]
        if len(factors) >= 2:
            mistakes.append(("product-of-derivatives",
                             coefficient * sympy.Mul(*(d(a, x) for a in factors))))
            for i, factor in enumerate(factors):
                others = sympy.Mul(*(a for j, a in enumerate(factors) if j != i))
                mistakes.append(("one-factor", coefficient * d(factor, x) * others))
    if isinstance(rest, sympy.Function) and len(rest.args) == 1:
        inner = rest.args[0]
        if inner != x and inner.has(x):
            u = sympy.Dummy("u")
            outer = d(rest.func(u), u).subs(u, inner)
            mistakes.append(("inner-derivative", coefficient * outer))
    elif rest.is_Pow:
        base, exponent = rest.args
        if base.has(x) and not exponent.has(x):
            if base != x:
                mistakes.append(("inner-derivative",
                                  coefficient * exponent * base**(exponent - 1)))
            elif exponent not in (0, 1):
                mistakes.append(("power-kept", coefficient * exponent * base**exponent))
        elif exponent.has(x) and not base.has(x) and exponent != x:
            mistakes.append(("inner-derivative", coefficient * rest * sympy.log(base)))
    return mistakes


@dataclass
class _Samples:
    points: np.ndarray
    f_values: np.ndarray
    reference: np.ndarray


def _sample(f: sympy.Expr, reference: sympy.Expr, variable: str, points: Any) -> _Samples:
    """Sample points where f and f' are finite, with the values of f and f' there."""
    def evaluate(candidates: np.ndarray) -> _Samples:
        f_values = _evaluate_expression(f, variable, candidates)
        d_values = _evaluate_expression(reference, variable, candidates)
        keep = np.isfinite(f_values) & np.isfinite(d_values)
        return _Samples(candidates[keep], f_values[keep], d_values[keep])

    if points is not None:
        chosen = evaluate(check_array(points, "points", ndim=1))
        if chosen.points.size == 0:
            raise ValueError("points must contain at least one point where f and its "
                             "derivative are finite")
        return chosen
    chosen = evaluate(np.array(DEFAULT_POINTS))
    if chosen.points.size < _MIN_POINTS:
        more = evaluate(np.array(FALLBACK_POINTS))
        chosen = _Samples(*(np.concatenate([a, b])[: len(DEFAULT_POINTS)] for a, b in zip(
            (chosen.points, chosen.f_values, chosen.reference),
            (more.points, more.f_values, more.reference))))
    if chosen.points.size < 3:
        raise ValueError("could not find enough sample points in [-10, 10] where f and its "
                         "derivative are finite; pass points=[...] inside the domain")
    return chosen


def _symbolically_equal(a: sympy.Expr, b: sympy.Expr) -> bool:
    try:
        return sympy.simplify(a - b) == 0
    except Exception:  # noqa: BLE001 - simplify can fail on odd input: fall back to numbers
        return False


def check_derivative(answer: Any, f: sympy.Expr | str, *, variable: str = "x",
                     points: Sequence[float] | np.ndarray | None = None) -> bool:
    """Check a student's derivative of ``f``; print what is wrong and a hint, never the answer.

    The answer is compared with the exact derivative symbolically (``simplify(a − f') == 0``)
    when it is a formula, and at sample points (relative tolerance 1e-8) in every case. A
    wrong answer is diagnosed, in this order: a placeholder or ``None``; a string that does
    not parse (with the parser's message); a wrong type; an answer that does not depend on
    the variable; f itself; −f' (sign error); c·f' (constant factor); f' + c (constant
    offset); a typical rule slip (part of a sum, u'·v', one term of the product rule, u'/v',
    a sign or power in the quotient rule, a missing inner derivative, a power not lowered);
    an approximation (within 1e-3 but not 1e-8, e.g. a finite difference); otherwise the
    first sample point where it differs.

    Parameters
    ----------
    answer : str, sympy.Expr, number or callable
        The student's derivative: a formula such as ``"2*x*cos(x**2)"``, a SymPy expression,
        or a Python function of one float (e.g. ``lambda x: 2*x*np.cos(x**2)``).
    f : sympy.Expr or str
        The function that was to be differentiated.
    variable : str
        The name of the variable (default ``"x"``).
    points : array_like, optional
        Sample points. By default :data:`DEFAULT_POINTS` (in [-2, 2]), keeping those where f
        and f' are finite, and further points in [-10, 10] if fewer than six remain. Points
        where a function answer raises an error are skipped.

    Returns
    -------
    bool
        Whether the answer is right.

    Raises
    ------
    TypeError, ValueError
        If ``f``, ``variable`` or ``points`` is invalid (a problem of the exercise, not of the
        answer), or no sample point lies in the domain of f and f'.

    Examples
    --------
    >>> import numpy as np
    >>> check_derivative(lambda x: 3 * x**2 + np.cos(x), "x^3 + sin(x)")
    Correct: that is the derivative. (It needed the sum rule, the power rule and the derivative of sin.)
    True
    >>> check_derivative("sin(x)", "cos(x) + 1")
    Not yet: your answer has the wrong sign: it is the negative of the derivative.
    Hint: check each sign: a minus in front of a term stays, the derivative of cos carries a minus, and an inner derivative (chain rule) can be negative.
    False
    >>> check_derivative("x^2", "x^3")
    Not yet: your answer is off by a constant factor of 1/3: it is 1/3 times the derivative.
    Hint: check the power rule (the exponent comes down as a factor) and, with the chain rule, the inner derivative.
    False
    """
    variable = _check_variable(variable)
    f_expr, x = _reference_expression(f, variable)
    reference = sympy.diff(f_expr, x)
    samples = _sample(f_expr, reference, variable, points)
    rules = _rules_used(f_expr, x)
    correct = "that is the derivative." + (f" (It needed {_join(rules)}.)" if rules else "")

    read = _read_expression_answer(answer, (x,))
    if read.problem:
        return _report(False, read.problem, read.hint)
    if read.expr is not None and _symbolically_equal(read.expr, reference):
        return _report(True, correct)

    pts, f_values, r = samples.points, samples.f_values, samples.reference
    if read.expr is not None:
        try:
            a = _evaluate_expression(read.expr, variable, pts)
        except Exception as exc:  # noqa: BLE001 - anything the evaluator cannot handle
            return _report(False, f"your answer could not be evaluated as a function of "
                                  f"{variable}: {exc}",
                           f"write it with the functions sin, cos, exp, log, sqrt, ... only.")
    else:
        a = np.full(pts.shape, np.nan)
        raised = np.zeros(pts.shape, dtype=bool)
        first_error = ""
        for i, point in enumerate(pts):
            try:
                a[i] = _call_answer(read.function, float(point))
            except _BadReturn as exc:
                return _report(False, f"your function cannot be checked at {variable} = "
                                      f"{_format_point(point)}: {exc}",
                               f"it should return one real number for one {variable}.")
            except Exception as exc:  # noqa: BLE001 - the student's code may raise anything
                raised[i], first_error = True, first_error or _error_text(exc, variable, point)
        if np.all(raised):
            return _report(False, f"your function raised an error: {first_error}",
                           "fix it so that it can be called with one number, and run the "
                           "cell again.")
        pts, f_values, r, a = pts[~raised], f_values[~raised], r[~raised], a[~raised]

    wrong = ~_close(a, r)
    if not np.any(wrong):
        return _report(True, correct)

    spread = float(np.ptp(r)) if r.size else 0.0
    varies = spread > float(np.max(_tolerance(r, RTOL, None), initial=0.0))
    constant_answer = (read.expr is not None and x not in read.expr.free_symbols) or (
        np.all(np.isfinite(a)) and a.size >= 2
        and float(np.ptp(a)) <= float(np.max(_tolerance(r, RTOL, None))))
    if varies and constant_answer:
        return _report(False, f"your answer does not depend on {variable}, but this "
                              f"derivative does.",
                       f"did you evaluate the derivative at one point? Only a linear "
                       f"function a·{variable} + b has a constant derivative.")
    if np.all(np.isfinite(a)):
        if _all_close(a, f_values):
            return _report(False, "you returned the function itself, not its derivative.",
                           "differentiate f: apply the rules to each part of it.")
        relation = _diagnose_scalar_factor(a, r)
        if relation is not None:
            return _report(False, *_relation_message(relation))
        for key, mistake in _common_mistakes(f_expr, x):
            try:
                values = _evaluate_expression(mistake, variable, pts)
            except Exception:  # noqa: BLE001 - an unusual candidate is simply not offered
                continue
            if np.all(np.isfinite(values)) and not _all_close(values, r) \
                    and _all_close(a, values):
                return _report(False, *_MISTAKES[key])

    if np.all(np.isfinite(a)):
        deviation = float(np.max(np.abs(a - r))) / max(1.0, float(np.max(np.abs(r))))
        if deviation <= _APPROXIMATION:
            return _report(False, f"your answer is close to the derivative but not equal to "
                                  f"it (relative deviation up to {deviation:.0e}): is it an "
                                  f"approximation?",
                           "the check needs agreement to 1e-8 (relative). A forward "
                           "difference has an error of order h, a central difference of "
                           "order h²; an exact formula has none.")

    index = int(np.argmax(wrong))
    where = f"{variable} = {_format_point(pts[index])}"
    others = int(np.sum(wrong)) - 1
    if others:
        rest = f"and at {others} other of the {pts.size} sample points"
    elif pts.size == 1:
        rest = "the only sample point"
    else:
        rest = f"the other {pts.size - 1} sample point{'s agree' if pts.size > 2 else ' agrees'}"
    verb = "is undefined" if not np.isfinite(a[index]) else "differs from the derivative"
    hint = ("check, one at a time, each rule this function needs: " + _join(rules) + "."
            if rules
            else "differentiate term by term.")
    return _report(False, f"your answer {verb} at {where} ({rest}).", hint)


def _error_text(exc: BaseException, variable: str, point: float) -> str:
    return f"at {variable} = {_format_point(point)}: {type(exc).__name__}: {exc}"


def _relation_message(relation: _Relation) -> tuple[str, str]:
    if relation.kind == "sign":
        return ("your answer has the wrong sign: it is the negative of the derivative.",
                "check each sign: a minus in front of a term stays, the derivative of cos "
                "carries a minus, and an inner derivative (chain rule) can be negative.")
    if relation.kind == "factor":
        factor = _format_factor(relation.value)
        return (f"your answer is off by a constant factor of {factor}: it is {factor} times "
                "the derivative.",
                "check the power rule (the exponent comes down as a factor) and, with the "
                "chain rule, the inner derivative.")
    return ("your answer differs from the derivative by a constant.",
            "the derivative of a constant term is 0, and every term that contains the "
            "variable must be differentiated: check the terms one by one.")


# =========================================================== check_taylor_coefficients ====

#: Absolute tolerance of coefficient comparisons, relative to max(1, max |c_k|): Taylor
#: coefficients shrink fast (1/k!), so the default 1e-8 would let high-order mistakes through.
_TAYLOR_ATOL = 1e-12


def _taylor_tolerance(reference: np.ndarray) -> dict[str, float]:
    """Tolerances for comparing with the coefficients ``reference``."""
    return {"rtol": RTOL,
            "atol": _TAYLOR_ATOL * max(1.0, float(np.max(np.abs(reference), initial=0.0)))}


def _term_name(k: int, variable: str, x0: float) -> str:
    """``"the x^3 term"``, ``"the (x - 1.5)^2 term"``, ``"the constant term"``."""
    if k == 0:
        return "the constant term"
    if x0 == 0:
        base = variable
    else:
        base = f"({variable} {'-' if x0 > 0 else '+'} {_format_point(abs(x0))})"
    return f"the {base} term" if k == 1 else f"the {base}^{k} term"


def _read_coefficients(answer: Any, variable: str) -> tuple[np.ndarray | None, str, str]:
    """The answer as a float array, or ``(None, problem, hint)``."""
    hint = "give a list [c_0, c_1, ..., c_n] of numbers, starting with the constant term."
    missing = _missing_answer(answer, "your list of coefficients")
    if missing:
        return None, missing, hint
    if isinstance(answer, (str, bytes)):
        return None, "your answer is a string, not a list of numbers.", hint
    if isinstance(answer, sympy.Basic):
        return None, ("your answer is a SymPy expression; this exercise asks for the list of "
                      "its coefficients, not the polynomial."), hint
    if isinstance(answer, (dict, set, frozenset)) or isinstance(answer, numbers.Number) \
            or not hasattr(answer, "__len__") or not hasattr(answer, "__getitem__"):
        return None, f"your answer is a {type(answer).__name__}, not a list of numbers.", hint
    if isinstance(answer, np.ndarray) and answer.ndim != 1:
        return None, (f"your answer is an array of shape {answer.shape}; it should be a flat "
                      "(1-d) list."), hint
    items = list(answer)
    if not items:
        return None, "your list is empty.", hint
    if len(items) > MAX_TAYLOR_ORDER + 1:
        return None, (f"your list has {len(items)} entries; give at most "
                      f"{MAX_TAYLOR_ORDER + 1} (orders up to n = {MAX_TAYLOR_ORDER})."), hint
    values = np.empty(len(items))
    for k, item in enumerate(items):
        label = f"the entry for k = {k}"
        if isinstance(item, (list, tuple, np.ndarray)) and np.ndim(item) > 0:
            return None, "your list contains lists: it should be a flat list of numbers.", hint
        if isinstance(item, sympy.Basic) and item.free_symbols:
            return None, (f"{label} contains {', '.join(sorted(map(str, item.free_symbols)))}: "
                          "give only the numbers c_k, without the powers of the variable."), hint
        if isinstance(item, (bool, np.bool_)) or not isinstance(item, (numbers.Number,
                                                                      sympy.Basic)):
            return None, f"{label} is a {type(item).__name__}, not a number.", hint
        try:
            number = complex(item)
        except (TypeError, ValueError):
            return None, f"{label} is not a number.", hint
        if number.imag != 0:
            return None, f"{label} is complex; Taylor coefficients of a real f are real.", hint
        if not math.isfinite(number.real):
            return None, f"{label} is {number.real}, not a finite number.", hint
        values[k] = number.real
    return values, "", ""


def check_taylor_coefficients(answer: Any, f: sympy.Expr | str, x0: float = 0.0, *,
                              variable: str = "x") -> bool:
    """Check a list of Taylor coefficients ``[c_0, ..., c_n]`` of ``f`` at ``x0``.

    ``c_k = f^(k)(x0) / k!`` is the coefficient of ``(x - x0)^k``; the student chooses n by
    the length of the list (n ≤ 40). The reference comes from
    :func:`lecture_utils.taylor.taylor_coefficients`; each coefficient must agree to a relative
    1e-8 (absolute 1e-12 for coefficients that are 0). A wrong answer is diagnosed, in this
    order: not a flat list of finite numbers, or empty; the derivatives f^(k)(x0) instead of
    the coefficients (not divided by k!); sign errors (all signs, alternating signs, signs from
    some term on); a list shifted by one place (starting at k = 1, or with an extra entry in
    front); the coefficients in reverse order; all coefficients off by a common factor;
    otherwise the first wrong coefficient. No expected value is printed.

    Parameters
    ----------
    answer : sequence of numbers
        The coefficients ``c_0, c_1, ..., c_n`` (numbers, or SymPy numbers such as
        ``sympy.Rational(1, 6)``).
    f : sympy.Expr or str
        The function.
    x0 : float
        The expansion point.
    variable : str
        The name of the variable in ``f`` (default ``"x"``).

    Returns
    -------
    bool
        Whether every coefficient is right.

    Raises
    ------
    TypeError, ValueError
        If ``f``, ``x0`` or ``variable`` is invalid, or f is not analytic at ``x0``.

    Examples
    --------
    >>> check_taylor_coefficients([1, 1, 1/2, 1/6], "exp(x)")
    Correct: all 4 coefficients c_0, ..., c_3 are right.
    True
    >>> check_taylor_coefficients([1, 1, 1, 1], "exp(x)")
    Not yet: you gave the derivatives f^(k)(x0), not the coefficients.
    Hint: c_k = f^(k)(x0) / k!: divide the k-th derivative by k! (0! = 1! = 1, 2! = 2, 3! = 6, ...).
    False
    >>> check_taylor_coefficients([0, 1, 0, 1/6], "sin(x)")
    Not yet: the sizes of the coefficients are right, but not all signs: check the signs from k = 3 (the x^3 term).
    Hint: the derivatives of sin and cos cycle sin → cos → −sin → −cos → sin.
    False
    """
    from .taylor import taylor_coefficients

    x0 = float(check_real_number(x0, "x0"))
    variable = _check_variable(variable)
    f_expr, _ = _reference_expression(f, variable)
    taylor_coefficients(f_expr, x0, 0, variable=variable)   # a bad f raises, whatever the answer
    a, problem, hint = _read_coefficients(answer, variable)
    if a is None:
        return _report(False, problem, hint)
    n = a.size - 1
    extended = taylor_coefficients(f_expr, x0, min(n + 1, MAX_TAYLOR_ORDER), variable=variable)
    r = extended[: n + 1]
    tol = _taylor_tolerance(r)
    wrong = ~_close(a, r, **tol)
    if not np.any(wrong):
        return _report(True, f"all {n + 1} coefficient{'s' if n else ''} "
                             f"{'c_0, ..., c_' + str(n) if n else 'c_0'} "
                             f"{'are' if n else 'is'} right.")

    def term(k: int) -> str:
        return _term_name(k, variable, x0)

    factorials = np.array([math.factorial(k) for k in range(n + 1)], dtype=float)
    derivatives = r * factorials
    derivative_tol = _taylor_tolerance(derivatives)
    visible = np.abs(r[2:]) > _tolerance(r[2:], RTOL, tol["atol"])
    if np.any(visible) and _all_close(a, derivatives, **derivative_tol):
        return _report(False, "you gave the derivatives f^(k)(x0), not the coefficients.",
                       "c_k = f^(k)(x0) / k!: divide the k-th derivative by k! "
                       "(0! = 1! = 1, 2! = 2, 3! = 6, ...).")

    sign_hint = _sign_hint(f_expr)
    if _all_close(np.abs(a), np.abs(r), **tol):
        relation = _diagnose_scalar_factor(a, r, offset=False, **tol)
        if relation is not None and relation.kind == "sign":
            return _report(False, "every coefficient has the wrong sign.",
                           "c_k = f^(k)(x0) / k! has the sign of f^(k)(x0): " + sign_hint)
        first = int(np.argmax(wrong))
        alternating = (-1.0) ** np.arange(n + 1)
        if _all_close(a, alternating * r, **tol):
            return _report(False, f"the signs of the odd powers are flipped, from k = {first} "
                                  f"({term(first)}) on.",
                           f"the terms are c_k·(x − x0)^k, not c_k·(x0 − x)^k; and "
                           f"{sign_hint}")
        return _report(False, f"the sizes of the coefficients are right, but not all signs: "
                              f"check the signs from k = {first} ({term(first)}).", sign_hint)

    shifted_hint = "the list starts with the constant term c_0 = f(x0) (k = 0)."
    if n >= 1:
        later = extended[1: n + 2]
        m = later.size
        if np.any(np.abs(later) > _tolerance(later, RTOL, tol["atol"])) \
                and _all_close(a[:m], later, **_taylor_tolerance(later)):
            return _report(False, "your list is shifted by one place: its first entry is the "
                                  "coefficient of the next power. Did you start at k = 1?",
                           shifted_hint)
        earlier = r[:n]
        if np.any(np.abs(earlier) > _tolerance(earlier, RTOL, tol["atol"])) \
                and _all_close(a[1:], earlier, **tol):
            return _report(False, "your list is shifted by one place: each coefficient sits "
                                  "one position too far to the right.",
                           shifted_hint + " The entry at index k multiplies (x − x0)^k.")
        if _all_close(a, r[::-1], **tol):
            return _report(False, "your coefficients are in reverse order (highest power "
                                  "first).", shifted_hint)

    relation = _diagnose_scalar_factor(a, r, offset=False, **tol)
    if relation is not None and relation.kind == "factor":
        factor = _format_factor(relation.value)
        return _report(False, f"all your coefficients are {factor} times the right ones.",
                       "c_k = f^(k)(x0) / k!: check the constant factors of your derivatives.")

    first = int(np.argmax(wrong))
    count = int(np.sum(wrong))
    others = (f"{count - 1} other coefficient{'s are' if count > 2 else ' is'} wrong too"
              if count > 1 else "all the others are right")
    detail = ""
    if first >= 2 and _close(a[first], derivatives[first], **derivative_tol):
        detail = f" It looks like it was not divided by {first}!."
    elif np.abs(r[first]) > tol["atol"] and _close(a[first], -r[first], **tol):
        detail = " Its sign is wrong."
    at = f"x0 = {_format_point(x0)}"
    if first == 0:
        hint = f"c_0 = f(x0): evaluate f at {at}."
    elif first == 1:
        hint = f"c_1 = f'(x0): differentiate once and evaluate at {at}."
    else:
        hint = (f"c_k = f^(k)(x0) / k!: differentiate {first} times, evaluate at {at}, "
                f"divide by {first}!.")
    return _report(False, f"the first wrong coefficient is the one for k = {first} "
                          f"({term(first)}); {others}.{detail}", hint)


def _sign_hint(f: sympy.Expr) -> str:
    """A hint about where signs come from in the expansion of f."""
    if f.has(sympy.sin) or f.has(sympy.cos):
        return "the derivatives of sin and cos cycle sin → cos → −sin → −cos → sin."
    return "work out the sign of each derivative f^(k)(x0) separately."


# ============================================================ check_gradient, check_jacobian ====
# Multivariate checkers (issue #4). The layout is the slides': the gradient of a scalar f of
# x ∈ R^n is the ROW ∂f/∂x ∈ R^{1×n}, the Jacobian of f: R^n → R^m is m×n (entry (i, j) is
# ∂f_i/∂x_j). Answers are compared entry by entry at deterministic sample points.

__all__ += ["check_gradient", "check_jacobian"]

#: Seed of the sample points of :func:`check_gradient` and :func:`check_jacobian`: each
#: coordinate is drawn from :data:`DEFAULT_POINTS` (then from :data:`FALLBACK_POINTS`).
MATRIX_SEED = 20240
#: How many sample points :func:`check_gradient` and :func:`check_jacobian` use.
MATRIX_POINTS = 8
_MATRIX_CANDIDATES = 64


def _check_variables_list(variables: Any) -> tuple[str, ...]:
    """Names (or SymPy symbols) of the variables, as a tuple of names."""
    if isinstance(variables, (str, sympy.Symbol)):
        variables = (variables,)
    if not isinstance(variables, Sequence) or isinstance(variables, (bytes, sympy.Basic)):
        raise TypeError(f"variables must be a list of names such as ['x1', 'x2'], got "
                        f"{type(variables).__name__} {_shown(variables)}")
    names = tuple(v.name if isinstance(v, sympy.Symbol) else _check_variable(v)
                  for v in variables)
    if not names:
        raise ValueError("variables must name at least one variable")
    if len(set(names)) != len(names):
        raise ValueError(f"variables must not repeat a name, got {_shown(names)}")
    return names


def _reference_components(f: Any, names: tuple[str, ...], symbols: list[sympy.Symbol],
                          *, vector: bool) -> list[sympy.Expr]:
    """The teacher's f (one expression, or the components of a vector function) in real
    symbols named ``names``."""
    from .symbolic import as_expression

    if vector:
        if isinstance(f, sympy.MatrixBase):
            items = list(f)
        elif isinstance(f, (str, sympy.Expr)):
            items = [f]
        elif isinstance(f, Sequence) and not isinstance(f, bytes):
            items = list(f)
        else:
            raise TypeError(f"f must be a list of expressions (or formula strings) or a SymPy "
                            f"Matrix, got {type(f).__name__} {_shown(f)}")
        if not items:
            raise ValueError("f must have at least one component")
    else:
        if not isinstance(f, (str, sympy.Expr)):
            raise TypeError(f"f must be one expression or formula string (a scalar function; "
                            f"for a vector function use check_jacobian), got "
                            f"{type(f).__name__} {_shown(f)}")
        items = [f]
    components = []
    for item in items:
        expr = _unify_symbols(as_expression(item, variables=names), symbols)
        others = sorted(str(s) for s in expr.free_symbols if s not in set(symbols))
        if others:
            raise ValueError(f"f must depend on {', '.join(names)} only, but it also contains "
                             f"{', '.join(others)}; substitute numbers for them first")
        components.append(expr)
    return components


def _evaluate_many(expr: sympy.Expr, names: tuple[str, ...], points: np.ndarray) -> np.ndarray:
    """``expr`` at each row of ``points`` (shape (P, n)), NaN where undefined, no warnings."""
    from .symbolic import to_numpy_function

    function = to_numpy_function(expr, variables=names)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        values = np.asarray(function(*points.T), dtype=float)
    values = np.array(np.broadcast_to(values, points.shape[:1]), dtype=float)
    values[~np.isfinite(values)] = np.nan
    return values


@dataclass
class _MatrixSamples:
    points: np.ndarray     # (P, n)
    reference: np.ndarray  # (P, m, n)


def _matrix_samples(components: list[sympy.Expr], reference: sympy.Matrix,
                    names: tuple[str, ...], points: Any) -> _MatrixSamples:
    """Sample points where every f_i and every entry of the reference is finite."""
    n = len(names)

    def evaluate(candidates: np.ndarray) -> _MatrixSamples:
        keep = np.ones(candidates.shape[0], dtype=bool)
        for expr in components:
            keep &= np.isfinite(_evaluate_many(expr, names, candidates))
        values = np.empty((candidates.shape[0],) + reference.shape)
        for (i, j), entry in np.ndenumerate(np.array(reference.tolist(), dtype=object)):
            values[:, i, j] = _evaluate_many(entry, names, candidates)
        keep &= np.all(np.isfinite(values), axis=(1, 2))
        return _MatrixSamples(candidates[keep], values[keep])

    if points is not None:
        array = check_array(points, "points")
        if array.ndim == 1:
            array = array.reshape(-1, 1) if n == 1 else array.reshape(1, -1)
        if array.ndim != 2 or array.shape[1] != n:
            raise ValueError(f"points must have shape (number of points, {n}) (one column per "
                             f"variable {', '.join(names)}), got shape {np.shape(points)}")
        chosen = evaluate(array)
        if chosen.points.shape[0] == 0:
            raise ValueError("points must contain at least one point where f and its "
                             "derivative are finite")
        return chosen
    rng = np.random.default_rng(MATRIX_SEED)
    chosen = evaluate(rng.choice(np.array(DEFAULT_POINTS), size=(_MATRIX_CANDIDATES, n)))
    if chosen.points.shape[0] < _MIN_POINTS:
        more = evaluate(rng.choice(np.array(FALLBACK_POINTS), size=(_MATRIX_CANDIDATES, n)))
        chosen = _MatrixSamples(np.concatenate([chosen.points, more.points]),
                                np.concatenate([chosen.reference, more.reference]))
    if chosen.points.shape[0] < 3:
        raise ValueError("could not find enough sample points in [-10, 10]^n where f and its "
                         "derivative are finite; pass points=[...] inside the domain")
    return _MatrixSamples(chosen.points[:MATRIX_POINTS], chosen.reference[:MATRIX_POINTS])


@dataclass
class _MatrixAnswer:
    """A matrix answer: entries (expressions), a function, or a problem to report."""

    entries: list[list[sympy.Expr]] | None = None
    function: Callable[..., Any] | None = None
    flat: bool = False
    problem: str | None = None
    hint: str | None = None


def _is_list(item: Any) -> bool:
    return isinstance(item, (list, tuple, np.ndarray, sympy.MatrixBase))


def _read_matrix_answer(answer: Any, symbols: list[sympy.Symbol], what: str,
                        forms: str) -> _MatrixAnswer:
    """Read a gradient/Jacobian answer: a Matrix, (nested) list, array or a function."""
    names = [s.name for s in symbols]
    missing = _missing_answer(answer, what)
    if missing:
        return _MatrixAnswer(problem=missing, hint=f"give it as {forms}.")
    if isinstance(answer, sympy.Lambda):
        if len(answer.variables) != len(symbols):
            return _MatrixAnswer(problem=f"your Lambda takes {len(answer.variables)} "
                                         f"argument(s), but {what} is a function of "
                                         f"{', '.join(names)}.",
                                 hint=f"give it as {forms}.")
        answer = answer(*symbols)
    if isinstance(answer, sympy.MatrixBase):
        rows = answer.tolist()
    elif isinstance(answer, np.ndarray):
        if answer.ndim > 2:
            return _MatrixAnswer(problem=f"your answer is an array with {answer.ndim} axes "
                                         f"(shape {answer.shape}); {what} is a matrix.",
                                 hint=f"give it as {forms}.")
        rows = answer.tolist() if answer.ndim == 2 else [answer.tolist()] \
            if answer.ndim == 1 else [[answer.item()]]
        flat = answer.ndim == 1
        return _read_rows(rows, symbols, what, forms, flat)
    elif isinstance(answer, (list, tuple)):
        if not answer:
            return _MatrixAnswer(problem="your answer is an empty list.",
                                 hint=f"give it as {forms}.")
        if not any(_is_list(item) for item in answer):
            return _read_rows([list(answer)], symbols, what, forms, True)
        if all(_is_list(item) for item in answer):
            rows = [list(item) for item in answer]
        else:
            return _MatrixAnswer(problem="your list mixes single entries and lists.",
                                 hint=f"give it as {forms}.")
    elif isinstance(answer, (str, sympy.Expr, numbers.Number)) \
            and not isinstance(answer, (bool, np.bool_)):
        if len(symbols) == 1:
            return _read_rows([[answer]], symbols, what, forms, True)
        return _MatrixAnswer(problem=f"your answer is a single formula, but {what} has one "
                                     f"entry per variable ({', '.join(names)}).",
                             hint=f"give it as {forms}.")
    elif callable(answer) and not isinstance(answer, sympy.Basic):
        return _MatrixAnswer(function=answer)
    else:
        return _MatrixAnswer(problem=f"your answer is a {type(answer).__name__}, not "
                                     f"{what}.", hint=f"give it as {forms}.")
    return _read_rows(rows, symbols, what, forms, False)


def _read_rows(rows: list[list[Any]], symbols: list[sympy.Symbol], what: str, forms: str,
               flat: bool) -> _MatrixAnswer:
    if len({len(row) for row in rows}) > 1:
        return _MatrixAnswer(problem="the rows of your answer have different lengths.",
                             hint=f"give it as {forms}.")
    entries: list[list[sympy.Expr]] = []
    for i, row in enumerate(rows):
        entries.append([])
        for j, item in enumerate(row):
            label = f"entry ({i + 1}, {j + 1})" if not flat else f"entry {j + 1}"
            if _is_list(item):
                return _MatrixAnswer(problem=f"the {label} of your answer is itself a list: "
                                             f"{what} is a matrix of formulas.",
                                     hint=f"give it as {forms}.")
            if callable(item) and not isinstance(item, sympy.Basic):
                return _MatrixAnswer(problem=f"the {label} of your answer is a function; give "
                                             "formulas as entries, or one function that "
                                             "returns the whole array.",
                                     hint=f"give it as {forms}.")
            read = _read_expression_answer(item, symbols, what=f"the {label}")
            if read.problem:
                return _MatrixAnswer(problem=f"in {label}: {read.problem}", hint=read.hint)
            entries[-1].append(read.expr)
    return _MatrixAnswer(entries=entries, flat=flat)


def _takes_separate_arguments(function: Callable[..., Any], n: int) -> bool:
    """Whether ``function`` takes the n > 1 coordinates as separate arguments: it has exactly
    n positional parameters without a default (``lambda x1, x2: ...``)."""
    import inspect

    if n == 1:
        return False
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return False
    required = [p for p in parameters if p.default is p.empty
                and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(required) == n


def _call_matrix_function(function: Callable[..., Any], point: np.ndarray,
                          separate: bool) -> np.ndarray:
    """A student's function at one point, as a 2-d float array (raises _BadReturn)."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = function(*point) if separate else function(point.copy())
    if value is None:
        raise _BadReturn("it returned None (did you forget `return`?)")
    if isinstance(value, sympy.MatrixBase):
        value = value.tolist()
    try:
        array = np.asarray(value, dtype=complex)
    except (TypeError, ValueError):
        raise _BadReturn(f"it returned {type(value).__name__} {_shown(value)}, not an array "
                         "of numbers") from None
    if np.any(array.imag != 0):
        raise _BadReturn("it returned complex numbers, not real ones")
    array = array.real
    if array.ndim > 2:
        raise _BadReturn(f"it returned an array of shape {array.shape}, not a matrix")
    return array


def _shape_name(shape: tuple[int, ...]) -> str:
    return "×".join(str(s) for s in shape)


def _point_text(names: tuple[str, ...], point: np.ndarray) -> str:
    if len(names) == 1:
        return f"{names[0]} = {_format_point(point[0])}"
    return (f"({', '.join(names)}) = ("
            + ", ".join(_format_point(v) for v in point) + ")")


def _evaluate_answer_matrix(entries: list[list[sympy.Expr]], names: tuple[str, ...],
                            pts: np.ndarray) -> np.ndarray:
    """Values (P, r, c) of an answer given as formulas, NaN where undefined."""
    shape = (len(entries), len(entries[0]) if entries else 0)
    values = np.empty((pts.shape[0],) + shape)
    for i, row in enumerate(entries):
        for j, expr in enumerate(row):
            values[:, i, j] = _evaluate_many(expr, names, pts)
    return values


def _matrix_check(answer: Any, components: list[sympy.Expr], reference: sympy.Matrix,
                  names: tuple[str, ...], symbols: list[sympy.Symbol], points: Any, *,
                  kind: str) -> bool:
    """The shared logic of check_gradient (kind "gradient") and check_jacobian."""
    m, n = reference.shape
    gradient_kind = kind == "gradient"
    what = "your gradient" if gradient_kind else "your Jacobian"
    forms = ("a list [df/dx1, ..., df/dxn] of formulas (strings or SymPy expressions), a "
             "1×n sympy.Matrix, or a function of the point returning an array"
             if gradient_kind else
             "a list of rows [[df1/dx1, ..., df1/dxn], ...] of formulas, an m×n sympy.Matrix, "
             "or a function of the point returning an m×n array")
    samples = _matrix_samples(components, reference, names, points)
    pts, r = samples.points, samples.reference
    read = _read_matrix_answer(answer, symbols, "the gradient" if gradient_kind
                               else "the Jacobian", forms)
    if read.problem:
        return _report(False, read.problem, read.hint)

    if read.entries is not None:
        if read.flat and not gradient_kind and n == 1 and m > 1:
            read.entries = [[e] for e in read.entries[0]]   # a flat list of m derivatives
        try:
            a = _evaluate_answer_matrix(read.entries, names, pts)
        except Exception as exc:  # noqa: BLE001 - anything the evaluator cannot handle
            return _report(False, f"{what} could not be evaluated as a function of "
                                  f"{', '.join(names)}: {exc}",
                           "write it with the functions sin, cos, exp, log, sqrt, ... only.")
    else:
        separate = _takes_separate_arguments(read.function, n)
        results: list[np.ndarray | None] = []
        first_error = ""
        for point in pts:
            try:
                results.append(_call_matrix_function(read.function, point, separate))
            except _BadReturn as exc:
                return _report(False, f"your function cannot be checked at "
                                      f"{_point_text(names, point)}: {exc}",
                               "it should return an array of real numbers for one point.")
            except Exception as exc:  # noqa: BLE001 - the student's code may raise anything
                results.append(None)
                first_error = first_error or (f"at {_point_text(names, point)}: "
                                              f"{type(exc).__name__}: {exc}")
        good = [v for v in results if v is not None]
        if not good:
            call = ("with the coordinates as separate arguments" if separate
                    else "with the point as one array")
            return _report(False, f"your function raised an error: {first_error}",
                           f"it is called {call}; fix it and run the cell again.")
        shapes = {v.shape for v in good}
        if len(shapes) > 1:
            return _report(False, "your function returns arrays of different shapes at "
                                  "different points.", f"give it as {forms}.")
        shape = good[0].shape
        if len(shape) == 0:
            shape2 = (1, 1)
        elif len(shape) == 1:
            shape2 = (shape[0], 1) if (not gradient_kind and n == 1 and m > 1) \
                else (1, shape[0])
        else:
            shape2 = shape
        a = np.full((pts.shape[0],) + shape2, np.nan)
        raised = np.array([v is None for v in results])
        for k, v in enumerate(results):
            if v is not None:
                a[k] = v.reshape(shape2)
        keep = ~raised
        pts, r, a = pts[keep], r[keep], a[keep]

    # ---- shape
    got = a.shape[1:]
    if got != (m, n):
        if got == (n, m):
            entries_right = _all_close(np.swapaxes(a, 1, 2), r)
            if gradient_kind:
                message = (f"your gradient is a column ({_shape_name(got)}), but the slides "
                           f"write the gradient of a scalar function of {n} variables as a "
                           f"row (1×{n}): this is the transposed (column instead of row) "
                           f"layout.")
                hint = ("∂f/∂x = [∂f/∂x1, ..., ∂f/∂xn] is a 1×n row (numerator layout): give a "
                        "flat list, a sympy.Matrix with one row, or transpose your column "
                        "with .T.")
            else:
                message = (f"your Jacobian has shape {_shape_name(got)}, but f maps R^{n} to "
                           f"R^{m}, so its Jacobian is {m}×{n}: you gave the transposed "
                           f"matrix.")
                hint = ("entry (i, j) of the Jacobian is ∂f_i/∂x_j: one row per component "
                        "f_i, one column per variable x_j.")
            message += (" Its entries are right." if entries_right
                        else " Some of its entries are wrong as well.")
            return _report(False, message, hint)
        if gradient_kind:
            return _report(False, f"your gradient has shape {_shape_name(got)}, but f has {n} "
                                  f"variable{'s' if n > 1 else ''}, so its gradient is a "
                                  f"1×{n} row (one entry per variable).",
                           f"give it as {forms}.")
        return _report(False, f"your Jacobian has shape {_shape_name(got)}, but f has {m} "
                              f"component{'s' if m > 1 else ''} and {n} "
                              f"variable{'s' if n > 1 else ''}, so its Jacobian is {m}×{n}.",
                       "one row per component f_i, one column per variable x_j.")

    correct = (f"that is the gradient, a 1×{n} row." if gradient_kind
               else f"that is the {m}×{n} Jacobian.")
    wrong = ~_close(a, r)
    if not np.any(wrong):
        return _report(True, correct)
    if read.entries is not None and all(   # e.g. cancellation in floating point
            _symbolically_equal(read.entries[i][j], reference[i, j])
            for i, j in np.argwhere(np.any(wrong, axis=0))):
        return _report(True, correct)

    # ---- whole-answer slips
    if not gradient_kind and m == n and m > 1 and np.all(np.isfinite(a)):
        transposed = np.swapaxes(r, 1, 2)
        if not _all_close(transposed, r) and _all_close(a, transposed):
            return _report(False, "your matrix is the transpose of the Jacobian: row i should "
                                  "hold the derivatives of f_i, but yours holds the "
                                  "derivatives with respect to x_i.",
                           "entry (i, j) of the Jacobian is ∂f_i/∂x_j: one row per component "
                           "f_i, one column per variable x_j.")
    if np.all(np.isfinite(a)):
        relation = _diagnose_scalar_factor(a, r, offset=False)
        if relation is not None:
            name = "gradient" if gradient_kind else "Jacobian"
            if relation.kind == "sign":
                return _report(False, f"your {name} has the wrong sign: every entry is the "
                                      f"negative of the right one.",
                               "check each sign: a minus in front of a term stays, and an "
                               "inner derivative (chain rule) can be negative.")
            factor = _format_factor(relation.value)
            return _report(False, f"every entry of your {name} is off by the same constant "
                                  f"factor of {factor}: it is {factor} times the {name}.",
                           "check the constant factors: the power rule brings the exponent "
                           "down as a factor (a square gives a 2), and the chain rule "
                           "multiplies by the inner derivative.")

    # ---- wrong values: name one point, how many points differ and which entries
    bad_points = np.any(wrong, axis=(1, 2))
    index = int(np.argmax(bad_points))
    count = int(np.sum(bad_points))
    where = _point_text(names, pts[index])
    if count == 1 and pts.shape[0] == 1:
        rest = "the only sample point"
    elif count == 1:
        rest = f"the other {pts.shape[0] - 1} sample point" + \
            ("s agree" if pts.shape[0] > 2 else " agrees")
    else:
        rest = f"and at {count - 1} other of the {pts.shape[0]} sample points"
    bad_entries = np.argwhere(np.any(wrong, axis=0))

    def entry_name(i: int, j: int) -> str:
        return f"∂f/∂{names[j]}" if gradient_kind else f"∂f_{i + 1}/∂{names[j]}"

    listed = _join([entry_name(int(i), int(j)) for i, j in bad_entries])
    detail = f" Wrong entr{'y' if len(bad_entries) == 1 else 'ies'}: {listed}"
    detail += "; the other entries are right." if len(bad_entries) < m * n else "."
    i0, j0 = (int(v) for v in bad_entries[0])
    column_a, column_r = a[:, i0, j0], r[:, i0, j0]
    if np.all(np.isfinite(column_a)):
        relation = _diagnose_scalar_factor(column_a, column_r, offset=False)
        if relation is not None and relation.kind == "sign":
            detail += f" The entry {entry_name(i0, j0)} has the wrong sign."
        elif relation is not None:
            detail += (f" The entry {entry_name(i0, j0)} is off by a factor of "
                       f"{_format_factor(relation.value)}.")
    verb = "is undefined" if not np.all(np.isfinite(a[index])) else "has wrong values"
    hint = ("differentiate with respect to one variable at a time, treating the other "
            "variables as constants." if gradient_kind else
            "row i is the gradient of f_i: differentiate f_i with respect to each variable in "
            "turn, treating the other variables as constants.")
    return _report(False, f"{what} {verb} at {where} ({rest}).{detail}", hint)


def check_gradient(answer: Any, f: sympy.Expr | str,
                   variables: Sequence[str] = ("x1", "x2"), *,
                   points: Sequence[Sequence[float]] | np.ndarray | None = None) -> bool:
    """Check a student's gradient of a scalar ``f``; print what is wrong, never the answer.

    The gradient is the ROW vector ∂f/∂x = [∂f/∂x_1, ..., ∂f/∂x_n] ∈ R^{1×n} (the slides'
    numerator layout). The answer is compared entry by entry with the exact gradient at
    deterministic sample points (relative tolerance 1e-8; each coordinate drawn with the
    fixed seed :data:`MATRIX_SEED` from :data:`DEFAULT_POINTS`, keeping
    :data:`MATRIX_POINTS` points where f and its gradient are finite). A wrong answer is
    diagnosed, in this order: a placeholder, ``None``, an unreadable entry (with the
    parser's message) or a wrong type; a column n×1 (the transposed layout) or another
    wrong shape; −∇f (sign); c·∇f (a constant factor such as 2 or 1/2); otherwise the
    point where it differs, how many of the sample points differ, and which entries are
    wrong (with a sign or factor slip of that entry).

    Parameters
    ----------
    answer : list, sympy.Matrix, numpy.ndarray or callable
        A flat list ``["2*x1", "3"]`` (read as the row), a nested list or a SymPy Matrix
        (its shape counts: ``Matrix([[...]])`` is a row, ``Matrix([...])`` a column), or a
        function returning an array: called with the point as one array of n coordinates,
        or with n separate arguments if it takes n parameters. A returned 1-d array of n
        entries counts as the row.
    f : sympy.Expr or str
        The scalar function.
    variables : sequence of str
        The variable names, in order (default ``("x1", "x2")``).
    points : array_like, optional
        Sample points, shape (P, n).

    Returns
    -------
    bool
        Whether the answer is right.

    Raises
    ------
    TypeError, ValueError
        If ``f``, ``variables`` or ``points`` is invalid (a problem of the exercise).

    Examples
    --------
    >>> check_gradient(["2*x1*x2", "x1^2"], "x1^2*x2", ["x1", "x2"])
    Correct: that is the gradient, a 1×2 row.
    True
    >>> check_gradient(sympy.Matrix(["2*x1*x2", "x1^2"]), "x1^2*x2", ["x1", "x2"])
    Not yet: your gradient is a column (2×1), but the slides write the gradient of a scalar function of 2 variables as a row (1×2): this is the transposed (column instead of row) layout. Its entries are right.
    Hint: ∂f/∂x = [∂f/∂x1, ..., ∂f/∂xn] is a 1×n row (numerator layout): give a flat list, a sympy.Matrix with one row, or transpose your column with .T.
    False
    >>> check_gradient(["x1*x2", "x1^2/2"], "x1^2*x2", ["x1", "x2"])
    Not yet: every entry of your gradient is off by the same constant factor of 1/2: it is 1/2 times the gradient.
    Hint: check the constant factors: the power rule brings the exponent down as a factor (a square gives a 2), and the chain rule multiplies by the inner derivative.
    False
    """
    names = _check_variables_list(variables)
    symbols = [sympy.Symbol(v, real=True) for v in names]
    components = _reference_components(f, names, symbols, vector=False)
    reference = sympy.Matrix([[sympy.diff(components[0], s) for s in symbols]])
    return _matrix_check(answer, components, reference, names, symbols, points,
                         kind="gradient")


def check_jacobian(answer: Any, f: Any, variables: Sequence[str] = ("x1", "x2"), *,
                   points: Sequence[Sequence[float]] | np.ndarray | None = None) -> bool:
    """Check a student's Jacobian of f = (f_1, ..., f_m); print what is wrong, never the answer.

    The Jacobian of f: R^n → R^m is the m×n matrix with entry (i, j) = ∂f_i/∂x_j (row i is
    the gradient of f_i). Compared as in :func:`check_gradient`. Diagnosed, in this order: a
    placeholder, ``None``, an unreadable entry or a wrong type; the n×m transpose or another
    wrong shape; for a square Jacobian, the transposed matrix; a sign error; a constant
    factor; otherwise the point where it differs, how many sample points differ and which
    entries ∂f_i/∂x_j are wrong.

    Parameters
    ----------
    answer : list of rows, sympy.Matrix, numpy.ndarray or callable
        ``[["x2", "x1"], ["1", "2"]]``, an m×n Matrix, or a function of the point (one array,
        or n separate arguments) returning an m×n array. For n = 1 a flat list of m
        entries is read as the column.
    f : sequence of (sympy.Expr or str) or sympy.Matrix
        The components f_1, ..., f_m.
    variables : sequence of str
        The variable names, in order.
    points : array_like, optional
        Sample points, shape (P, n).

    Returns
    -------
    bool
        Whether the answer is right.

    Examples
    --------
    >>> check_jacobian([["x2", "x1"], ["1", "2"], ["0", "2*x2"]], ["x1*x2", "x1 + 2*x2", "x2^2"])
    Correct: that is the 3×2 Jacobian.
    True
    >>> check_jacobian([["x2", "1", "0"], ["x1", "2", "2*x2"]], ["x1*x2", "x1 + 2*x2", "x2^2"])
    Not yet: your Jacobian has shape 2×3, but f maps R^2 to R^3, so its Jacobian is 3×2: you gave the transposed matrix. Its entries are right.
    Hint: entry (i, j) of the Jacobian is ∂f_i/∂x_j: one row per component f_i, one column per variable x_j.
    False
    """
    names = _check_variables_list(variables)
    symbols = [sympy.Symbol(v, real=True) for v in names]
    components = _reference_components(f, names, symbols, vector=True)
    reference = sympy.Matrix([[sympy.diff(c, s) for s in symbols] for c in components])
    return _matrix_check(answer, components, reference, names, symbols, points,
                         kind="jacobian")
