"""``check_derivative``: a derivative of one variable, with the rule that was forgotten;
``check_central_difference``: a finite-difference formula coded by the student."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable, Sequence

import numpy as np
import sympy

from .._validation import check_array
from .assist import note_attempt
from .common import (
    APPROXIMATION,
    DEFAULT_POINTS,
    FALLBACK_POINTS,
    RTOL,
    BadReturn,
    Relation,
    Samples,
    Verdict,
    all_close,
    call_answer,
    check_variable,
    choose_samples,
    close,
    diagnose_scalar_factor,
    error_text,
    evaluate_expression,
    exact_size,
    format_point,
    join,
    missing_answer,
    read_expression_answer,
    reference_expression,
    relation_message,
    report,
    symbolically_equal,
    tolerance,
    unevaluable,
)

__all__ = ['check_central_difference', 'check_derivative']


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
                     + join(sorted(functions)))
    return named


#: Sample points added to the defaults: irrational, so that an answer that differs from f' by
#: a term vanishing at the dyadic default points (such as sin(4πx)) is caught.
EXTRA_POINTS: tuple[float, ...] = (0.5 + 2 ** 0.5 / 10, -(1.0 + 3 ** 0.5 / 10),
                                   1.5 + 5 ** 0.5 / 10, -(0.25 + np.pi / 20))

#: Diagnoses of typical rule slips: key -> (message, hint). :func:`_common_mistakes` builds the
#: wrong derivative each slip produces; the first one the answer matches is reported.
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
    "product-sign": ("the two terms of the product rule have opposite signs in your answer; "
                     "the product rule adds them.",
                     "product rule: (u·v)' = u'·v + u·v': check the sign of each term."),
    "product-swapped": ("in one term of your answer both factors are differentiated and in the "
                        "other neither: in each term of the product rule exactly one factor "
                        "is differentiated.",
                        "product rule: (u·v)' = u'·v + u·v'."),
    "inner-derivative": ("you differentiated the outer function but did not multiply by "
                         "the derivative of the inner function.",
                         "chain rule: (g ∘ f)'(x) = g'(f(x)) · f'(x)."),
    "outer-not-differentiated": ("you multiplied by the derivative of the inner function, but "
                                 "the outer function is left as it was, not differentiated.",
                                 "chain rule: (g ∘ f)'(x) = g'(f(x)) · f'(x): the outer "
                                 "function is differentiated, then evaluated at the inner one."),
    "outer-at-x": ("the outer derivative in your answer is evaluated at x, not at the inner "
                   "function.",
                   "chain rule: (g ∘ f)'(x) = g'(f(x)) · f'(x): g' is evaluated at f(x)."),
    "inner-constant": ("your answer is the outer derivative times a constant, but the "
                       "derivative of the inner function depends on x.",
                       "differentiate the inner function again: its derivative is not a "
                       "number here."),
    "power-kept": ("the exponent came down as a factor, but the power was not lowered by one.",
                   "power rule: (x^n)' = n·x^(n−1)."),
}


def _common_mistakes(f: sympy.Expr, x: sympy.Symbol) -> list[tuple[str, sympy.Expr]]:
    """Wrong derivatives that typical rule slips produce: (mistake key, wrong expression).

    A key ending in ``"*"`` stands for any nonzero constant multiple of the expression other
    than 1 (e.g. an inner derivative replaced by a number)."""
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
            if len(factors) == 2:
                u, v = factors
                mistakes.append(("product-sign", coefficient * (d(u, x) * v - u * d(v, x))))
                mistakes.append(("product-sign", coefficient * (u * d(v, x) - d(u, x) * v)))
                mistakes.append(("product-swapped", coefficient * (d(u, x) * d(v, x) + u * v)))
    if isinstance(rest, sympy.Function) and len(rest.args) == 1:
        inner = rest.args[0]
        if inner != x and inner.has(x):
            u = sympy.Dummy("u")
            outer_derivative = d(rest.func(u), u)
            outer = outer_derivative.subs(u, inner)
            mistakes.append(("inner-derivative", coefficient * outer))
            mistakes.append(("outer-not-differentiated", coefficient * rest * d(inner, x)))
            mistakes.append(("outer-at-x", coefficient * outer_derivative.subs(u, x)
                             * d(inner, x)))
            if d(inner, x, 2) != 0:
                mistakes.append(("inner-constant*", coefficient * outer))
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


def _text(expr: sympy.Expr) -> str:
    return str(expr).replace("**", "^")


def _product_term_diagnosis(answer: sympy.Expr, f: sympy.Expr,
                            x: sympy.Symbol) -> tuple[str, str] | None:
    """For f = c·u·v: which term of the product rule a formula answer got right, if only one.

    The answer's terms (expanded) contain all the terms of c·u'·v but the whole is not
    c·(u'·v + u·v'), or the same with the roles of u and v exchanged.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> _product_term_diagnosis(2*x*sympy.sin(x) + x*sympy.cos(x), x**2*sympy.sin(x), x)[0]
    'one term of the product rule is right, the one in which x^2 is differentiated; the other term, in which sin(x) is differentiated and x^2 stays as it is, is not.'
    """
    coefficient, rest = f.as_independent(x, as_Add=False)
    if not rest.is_Mul:
        return None
    factors = [a for a in rest.args if a.has(x)]
    if len(factors) != 2 or rest.as_numer_denom()[1].has(x):
        return None
    terms = set(sympy.Add.make_args(sympy.expand(answer)))
    u, v = factors
    halves = [set(sympy.Add.make_args(sympy.expand(coefficient * sympy.diff(a, x) * b)))
              for a, b in ((u, v), (v, u))]
    if halves[0] <= terms and halves[1] <= terms:
        return ("your answer contains both terms of the product rule, and something more.",
                "(u·v)' = u'·v + u·v' has exactly two terms: remove what is extra.")
    for (u, v), right in zip((factors, factors[::-1]), halves):
        if right and right <= terms:
            return (f"one term of the product rule is right, the one in which {_text(u)} is "
                    f"differentiated; the other term, in which {_text(v)} is differentiated "
                    f"and {_text(u)} stays as it is, is not.",
                    f"in that term, keep {_text(u)} unchanged and multiply it by the "
                    f"derivative of {_text(v)}.")
    return None


def _exactly_different(answer: sympy.Expr, reference: sympy.Expr, x: sympy.Symbol,
                       points: np.ndarray) -> float:
    """The largest |answer − reference| at ``points``, evaluated with 30 significant digits.

    For an answer that agrees with f' to floating-point tolerance but that SymPy could not
    prove equal: a value far above 1e-20 means the two formulas differ (by a small term).
    """
    sizes = [exact_size(answer - reference, [x], [point]) for point in points]
    return max((s for s in sizes if s is not None), default=0.0)


def _sample(f: sympy.Expr, reference: sympy.Expr, variable: str, points: Any) -> Samples:
    """Sample points where f and f' are finite, with the values of f and f' there (values
    (P, 2)): the given ``points``, or the first 16 default (and fallback) points in the domain
    and the :data:`EXTRA_POINTS`."""
    return choose_samples([f, reference], variable,
                          None if points is None else check_array(points, "points", ndim=1),
                          defaults=np.array(DEFAULT_POINTS), fallback=np.array(FALLBACK_POINTS),
                          extra=np.array(EXTRA_POINTS), count=len(DEFAULT_POINTS),
                          where="[-10, 10]")


@dataclass
class _Case:
    """What the table of diagnoses of :func:`check_derivative` looks at."""

    a: np.ndarray               # the answer at the sample points
    r: np.ndarray               # f' there
    f_values: np.ndarray        # f there
    pts: np.ndarray
    expr: sympy.Expr | None     # the answer's formula (None for a Python function)
    f: sympy.Expr
    x: sympy.Symbol
    variable: str

    @property
    def finite(self) -> bool:
        return bool(np.all(np.isfinite(self.a)))

    @property
    def constant(self) -> bool:
        """The answer is constant where f' is not."""
        spread = float(np.ptp(self.r)) if self.r.size else 0.0
        width = float(np.max(tolerance(self.r, RTOL, None), initial=0.0))
        constant_answer = (self.expr is not None and self.x not in self.expr.free_symbols) or (
            self.finite and self.a.size >= 2 and float(np.ptp(self.a)) <= width)
        return spread > width and constant_answer

    @cached_property
    def relation(self) -> Relation | None:
        return diagnose_scalar_factor(self.a, self.r) if self.finite else None

    @cached_property
    def mistake(self) -> str | None:
        """The key of the first typical rule slip (:data:`_MISTAKES`) the answer matches."""
        if not self.finite:
            return None
        for key, mistake in _common_mistakes(self.f, self.x):
            try:
                values = evaluate_expression(mistake, self.variable, self.pts)
            except Exception:  # noqa: BLE001 - an unusual candidate is simply not offered
                continue
            if not np.all(np.isfinite(values)) or all_close(values, self.r):
                continue
            if key.endswith("*"):
                multiple = diagnose_scalar_factor(self.a, values, offset=False,
                                                  max_denominator=None)
                if multiple is not None and multiple.kind == "factor":
                    return key[:-1]
            elif all_close(self.a, values):
                return key
        return None

    @cached_property
    def product_term(self) -> tuple[str, str] | None:
        if not self.finite or self.expr is None:
            return None
        return _product_term_diagnosis(self.expr, self.f, self.x)

    @property
    def deviation(self) -> float:
        """max |a − f'| relative to max(1, max |f'|) (inf if the answer is not finite)."""
        if not self.finite:
            return float("inf")
        return float(np.max(np.abs(self.a - self.r))) / max(1.0, float(np.max(np.abs(self.r))))


#: The diagnoses of a wrong derivative, walked in order after its form was read: (test,
#: message, hint); a message or hint may depend on the case. The first whose test holds is
#: reported; otherwise the first sample point where the answer differs.
_DIAGNOSES: list[tuple[Callable[[_Case], bool], Any, Any]] = [
    (lambda c: c.constant,
     lambda c: f"your answer does not depend on {c.variable}, but this derivative does.",
     lambda c: (f"did you evaluate the derivative at one point? Only a linear function "
                f"a·{c.variable} + b has a constant derivative.")),
    (lambda c: c.finite and all_close(c.a, c.f_values),
     "you returned the function itself, not its derivative.",
     "differentiate f: apply the rules to each part of it."),
    (lambda c: c.relation is not None,
     lambda c: relation_message(c.relation)[0], lambda c: relation_message(c.relation)[1]),
    (lambda c: c.mistake is not None,
     lambda c: _MISTAKES[c.mistake][0], lambda c: _MISTAKES[c.mistake][1]),
    (lambda c: c.product_term is not None,
     lambda c: c.product_term[0], lambda c: c.product_term[1]),
    (lambda c: c.deviation <= APPROXIMATION,
     lambda c: (f"your answer is close to the derivative but not equal to it (relative "
                f"deviation up to {c.deviation:.0e}): is it an approximation?"),
     "the check needs agreement to 1e-8 (relative). A forward difference has an error of "
     "order h, a central difference of order h²; an exact formula has none."),
]


def check_derivative(answer: Any, f: sympy.Expr | str, *, variable: str = "x",
                     points: Sequence[float] | np.ndarray | None = None) -> Verdict:
    """Check a student's derivative of ``f``; print what is wrong and a hint, never the answer.

    A formula is right when ``simplify(a − f') == 0``, or when it agrees with f' at the
    sample points (relative tolerance 1e-8) and, evaluated with 30 digits there, differs from
    it by less than 1e-20 (so a small extra term such as 1e-9·x is refused). The sample
    points are the dyadic :data:`DEFAULT_POINTS` plus the irrational :data:`EXTRA_POINTS` (a
    term such as sin(4πx) vanishes at every dyadic point). A Python function is right when it
    agrees with f' to 1e-8 at the sample points, and the message says exactly that.

    A wrong answer is diagnosed, in this order: a placeholder or ``None``; a string that does
    not parse (with the parser's message); a wrong type; an answer that does not depend on
    the variable; f itself; −f' (sign error); c·f' (constant factor); f' + c (constant
    offset); a typical rule slip (part of a sum, u'·v', one term of the product rule, the
    terms of the product rule subtracted or with the derivatives swapped, u'/v', a sign or
    power in the quotient rule, a missing inner derivative, an outer function not
    differentiated or evaluated at x, an inner derivative replaced by a constant, a power not
    lowered); one right and one wrong term of the product rule; an approximation (within
    1e-3 but not 1e-8, e.g. a finite difference); otherwise the first sample point where it
    differs.

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
    >>> check_derivative("3*x^2 + cos(x)", "x^3 + sin(x)")
    Correct: that is the derivative. (It needed the sum rule, the power rule and the derivative of sin.)
    True
    >>> check_derivative(lambda x: 3 * x**2 + np.cos(x), "x^3 + sin(x)")
    Correct: your function agrees with the derivative to 1e-8 (relative) at the 20 sample points.
    True
    >>> check_derivative("2*x*sin(x) - x^2*cos(x)", "x^2*sin(x)")
    Not yet: the two terms of the product rule have opposite signs in your answer; the product rule adds them.
    Hint: product rule: (u·v)' = u'·v + u·v': check the sign of each term.
    False
    >>> check_derivative("sin(x)", "cos(x) + 1")
    Not yet: your answer has the wrong sign: it is the negative of the derivative.
    Hint: check each sign: a minus in front of a term stays, the derivative of cos carries a minus, and an inner derivative (chain rule) can be negative.
    False
    >>> check_derivative("x^2", "x^3")
    Not yet: your answer is off by a constant factor of 1/3: it is 1/3 times the derivative.
    Hint: check the power rule (the exponent comes down as a factor) and, with the chain rule, the inner derivative.
    False
    """
    note_attempt(check_derivative, locals())
    variable = check_variable(variable)
    f_expr, x = reference_expression(f, variable)
    reference = sympy.diff(f_expr, x)
    samples = _sample(f_expr, reference, variable, points)
    rules = _rules_used(f_expr, x)
    correct = "that is the derivative." + (f" (It needed {join(rules)}.)" if rules else "")

    read = read_expression_answer(answer, (x,))
    if read.problem:
        return report(False, read.problem, read.hint)
    if read.expr is not None and symbolically_equal(read.expr, reference):
        return report(True, correct)

    pts, (f_values, r) = samples.points, samples.values.T
    if read.expr is not None:
        try:
            a = evaluate_expression(read.expr, variable, pts)
        except Exception as exc:  # noqa: BLE001 - anything the evaluator cannot handle
            return report(False, *unevaluable("your answer", (variable,), exc))
    else:
        a = np.full(pts.shape, np.nan)
        raised = np.zeros(pts.shape, dtype=bool)
        first_error = ""
        for i, point in enumerate(pts):
            try:
                a[i] = call_answer(read.function, float(point))
            except BadReturn as exc:
                return report(False, f"your function cannot be checked at {variable} = "
                                      f"{format_point(point)}: {exc}",
                               f"it should return one real number for one {variable}.")
            except Exception as exc:  # noqa: BLE001 - the student's code may raise anything
                raised[i], first_error = True, first_error or error_text(exc, variable, point)
        if np.all(raised):
            return report(False, f"your function raised an error: {first_error}",
                           "fix it so that it can be called with one number, and run the "
                           "cell again.")
        pts, f_values, r, a = pts[~raised], f_values[~raised], r[~raised], a[~raised]

    wrong = ~close(a, r)
    if not np.any(wrong):
        if read.expr is None:
            count = pts.size
            return report(True, f"your function agrees with the derivative to 1e-8 (relative) "
                                 f"at the {count} sample point{'s' if count > 1 else ''}.")
        gap = _exactly_different(read.expr, reference, x, pts)
        if gap <= 1e-20 * max(1.0, float(np.max(np.abs(r)))):
            return report(True, correct)
        return report(False, f"your formula agrees with the derivative to within 1e-8 at the "
                              f"sample points but is not equal to it: evaluated exactly, the "
                              f"two differ by up to {gap:.0e}.",
                       "is there a small extra term or a rounded number in your formula? "
                       "Write exact numbers (1/3, not 0.333).")

    case = _Case(a, r, f_values, pts, read.expr, f_expr, x, variable)
    for test, message, hint in _DIAGNOSES:
        if test(case):
            return report(False, *(part(case) if callable(part) else part
                                   for part in (message, hint)))

    index = int(np.argmax(wrong))
    where = f"{variable} = {format_point(pts[index])}"
    others = int(np.sum(wrong)) - 1
    if others:
        rest = f"and at {others} other of the {pts.size} sample points"
    elif pts.size == 1:
        rest = "the only sample point"
    else:
        rest = f"the other {pts.size - 1} sample point{'s agree' if pts.size > 2 else ' agrees'}"
    verb = "is undefined" if not np.isfinite(a[index]) else "differs from the derivative"
    hint = ("check, one at a time, each rule this function needs: " + join(rules) + "."
            if rules
            else "differentiate term by term.")
    return report(False, f"your answer {verb} at {where} ({rest}).", hint)


# ========================================================== check_central_difference ====

#: Where :func:`check_central_difference` tries the student's formula: on f(x) = x³, whose
#: central difference is exactly 3x² + h², at three points with two large steps (large, so
#: that the truncation errors of the usual slips are plain to see).
DIFFERENCE_POINTS: tuple[float, ...] = (0.7, -1.3, 2.1)
DIFFERENCE_STEPS: tuple[float, ...] = (0.5, 0.25)

_DENOMINATOR_HINT = "the denominator is the distance between the two points x − h and x + h."

#: Typical slips in coding the central difference of f(x) = x³: (name, the values the slip
#: gives at (x, h), message, hint), tried in order. None of them prints the right formula.
_DIFFERENCE_SLIPS: tuple[tuple[str, Callable[[float, float], float], str, str], ...] = (
    ("forward", lambda x, h: 3 * x**2 + 3 * x * h + h**2,
     "your function is still the forward difference: it uses f(x + h) and f(x).",
     "the central difference uses two points symmetric around x, one step h on each side."),
    ("backward", lambda x, h: 3 * x**2 - 3 * x * h + h**2,
     "your function is the backward difference: it uses f(x) and f(x − h).",
     "the central difference uses two points symmetric around x, one step h on each side."),
    ("half-forward", lambda x, h: (3 * x**2 + 3 * x * h + h**2) / 2,
     "your function divides by 2h but still uses f(x + h) and f(x).",
     "the central difference uses two points symmetric around x, one step h on each side."),
    ("no-two", lambda x, h: 2 * (3 * x**2 + h**2),
     "your function gives twice the central difference: the 2 is missing from the "
     "denominator.", _DENOMINATOR_HINT),
    ("times-h", lambda x, h: h**2 * (3 * x**2 + h**2),
     "your values shrink like h²: you multiply by h instead of dividing by it. In Python "
     "a / 2*h means (a / 2)·h.",
     "put parentheses around the whole denominator; " + _DENOMINATOR_HINT),
    ("no-division", lambda x, h: 2 * h * (3 * x**2 + h**2),
     "your function returns the difference f(x + h) − f(x − h) without dividing it.",
     _DENOMINATOR_HINT),
    ("sign", lambda x, h: -(3 * x**2 + h**2),
     "your function has the wrong sign: it subtracts the value on the right from the value "
     "on the left.",
     "a difference quotient is (value further right − value further left) / distance."),
    ("sum", lambda x, h: (2 * x**3 + 6 * x * h**2) / (2 * h),
     "your function adds the two values of f instead of subtracting them.",
     "a difference quotient divides the change of f by the change of x."),
)


def check_central_difference(difference: Any) -> Verdict:
    """Check a student's central-difference function ``difference(f, x, h)``.

    The function is called on f(x) = x³ at :data:`DIFFERENCE_POINTS` with the large steps
    :data:`DIFFERENCE_STEPS`, where the central difference is exactly 3x² + h² and the usual
    slips give other values (forward or backward difference, a missing 2, ``/2*h`` instead of
    ``/(2*h)``, no division, a sign, a sum); it must agree to 1e-9 (relative) at all six
    (x, h), and on f(x) = x⁴ (central difference 4x³ + 4xh²), so that a function that ignores
    the f it is given is caught. A function that ignores f or the step h, and one that
    returns the exact derivative (a higher-order formula), are diagnosed as such. No formula
    or expected value is printed.

    Parameters
    ----------
    difference : callable
        ``difference(f, x, h)``: an approximation of f'(x) with step h.

    Returns
    -------
    Verdict
        Whether the function computes the central difference.

    Examples
    --------
    >>> check_central_difference(lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h))
    Correct: on f(x) = x³ and x⁴ with the large steps h = 0.5 and 0.25, where the forward and central differences differ clearly, your function gives the central difference at all 3 points.
    True
    >>> check_central_difference(lambda f, x, h: (f(x + h) - f(x - h)) / 2 * h)
    Not yet: your values shrink like h²: you multiply by h instead of dividing by it. In Python a / 2*h means (a / 2)·h.
    Hint: put parentheses around the whole denominator; the denominator is the distance between the two points x − h and x + h.
    False
    """
    note_attempt(check_central_difference, locals())
    missing = missing_answer(difference, "your function")
    if missing:
        return report(False, missing, "define a function difference(f, x, h).")
    if not callable(difference):
        return report(False, f"your answer is a {type(difference).__name__}, not a function.",
                       "pass the function itself (its name, without parentheses).")

    xs = np.array(DIFFERENCE_POINTS)
    steps = np.array(DIFFERENCE_STEPS)[:, None]
    tables = []
    for power, name in ((3, "x³"), (4, "x⁴")):
        values = np.empty((len(DIFFERENCE_STEPS), xs.size))
        for i, h in enumerate(DIFFERENCE_STEPS):
            for j, point in enumerate(xs):
                try:
                    values[i, j] = call_answer(
                        lambda p, h=h, k=power: difference(lambda t: t**k, p, h), float(point))
                except BadReturn as exc:
                    return report(False, f"your function cannot be checked on f(x) = {name} "
                                          f"at x = {format_point(point)}, h = {h:g}: {exc}",
                                   "it should return one real number.")
                except Exception as exc:  # noqa: BLE001 - the student's code may raise anything
                    return report(False, f"your function raised an error on f(x) = {name} at "
                                          f"x = {format_point(point)}, h = {h:g}: "
                                          f"{type(exc).__name__}: {exc}",
                                   "it is called as difference(f, x, h) with a function f and "
                                   "two numbers x and h.")
        tables.append(values)
    values, quartic = tables

    def matches(formula: Callable[[float, float], float], table: np.ndarray = values) -> bool:
        return all_close(table, formula(xs[None, :], steps), rtol=1e-9, atol=1e-12)

    on_cube = matches(lambda x, h: 3 * x**2 + h**2)
    on_quartic = matches(lambda x, h: 4 * x**3 + 4 * x * h**2, quartic)
    if on_cube and on_quartic:
        return report(True, "on f(x) = x³ and x⁴ with the large steps h = 0.5 and 0.25, where "
                             "the forward and central differences differ clearly, your "
                             f"function gives the central difference at all {xs.size} points.")
    if on_cube:
        return report(False, "your function gives the right values for f(x) = x³ but not for "
                              "f(x) = x⁴: it does not use the function f it is given.",
                       "compute with the parameter f (call it at two points), not with a "
                       "fixed formula.")
    if all_close(values, 3 * xs[None, :] ** 2 + 0 * steps, rtol=1e-12, atol=1e-14):
        return report(False, "your function returns the exact derivative of the test "
                              "function f(x) = x³ for every step h: either it does not use f, "
                              "or it is a higher-order formula. The exercise asks for the "
                              "two-point central difference.",
                       "use exactly two values of f, one step h to the left and one to the "
                       "right of x.")
    for _, formula, message, hint in _DIFFERENCE_SLIPS:
        if matches(formula):
            return report(False, message, hint)
    if np.all(np.isfinite(values)) and all_close(values, quartic, rtol=1e-9, atol=1e-12):
        return report(False, "your function gives the same values for f(x) = x³ and "
                              "f(x) = x⁴: it does not use the function f it is given.",
                       "compute with the parameter f (call it at two points), not with a "
                       "fixed formula.")
    if np.all(np.isfinite(values)) and all_close(values[0], values[1], rtol=1e-9, atol=1e-12):
        return report(False, "your function gives the same values for h = 0.5 and h = 0.25: "
                              "it does not use the step h it is given.",
                       "use the parameter h in the formula, not a fixed number.")
    return report(False, "your function does not compute the central difference (tried on "
                          "f(x) = x³ with h = 0.5 and 0.25).",
                   "it takes the values of f one step h to the left and to the right of x.")
