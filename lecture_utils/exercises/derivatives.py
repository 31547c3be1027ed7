"""``check_derivative``: a derivative of one variable, with the rule that was forgotten."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import sympy

from .._validation import check_array
from ._common import (
    _APPROXIMATION,
    _MIN_POINTS,
    DEFAULT_POINTS,
    FALLBACK_POINTS,
    RTOL,
    Verdict,
    _all_close,
    _BadReturn,
    _call_answer,
    _check_variable,
    _close,
    _diagnose_scalar_factor,
    _error_text,
    _evaluate_expression,
    _format_point,
    _join,
    _read_expression_answer,
    _reference_expression,
    _relation_message,
    _report,
    _symbolically_equal,
    _tolerance,
)

__all__ = ['check_derivative']


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


def check_derivative(answer: Any, f: sympy.Expr | str, *, variable: str = "x",
                     points: Sequence[float] | np.ndarray | None = None) -> Verdict:
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
                           "write it with the functions sin, cos, exp, log, sqrt, ... only.")
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
