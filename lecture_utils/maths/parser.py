"""A safe whitelist parser for functions typed by students (layer 1).

Text never reaches ``eval``, ``exec``, ``sympify`` or ``parse_expr``: a small tokenizer and a
recursive-descent parser build the SymPy tree themselves from a fixed grammar (numbers, the
given variables, ``+ - * / ^``, parentheses, a whitelist of one-argument functions and the
constants ``pi`` and ``e``). Decimals become exact rationals (``0.1`` is ``1/10``).

SymPy simplifies every node as it is built, and some of that work explodes (``9^9^9^9``
computes a number with 10^369693099 digits). Before each node is built, the guards below
estimate what SymPy would compute and refuse: numbers beyond 1e300 (or below 1e-300),
numeric exponents beyond 1000, roots ``b^(p/q)`` with q * digits(b) > 300 (SymPy factors b),
powers of sums with 100000 terms or more once expanded, nesting deeper than 50, and
non-real constants (``sqrt(-2)``). Some slowness is in SymPy's assumption system
(``log(tanh(x^200))`` takes seconds); as a last line of defence, a trace function stops the
building after ``TIME_BUDGET`` seconds of CPU time (of this thread, so that a busy machine
does not turn a simple formula away). Positions in error messages count from 0.

Examples
--------
>>> parse_function("2x^2 - 3x + 1")
2*x**2 - 3*x + 1
>>> parse_function("e^x + sin(pi/2)")
exp(x) + 1
>>> to_numpy_function(parse_function("x^2"))([1, 2, 3])
array([1., 4., 9.])
"""

from __future__ import annotations

import inspect
import math
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import mpmath
import numpy as np
import sympy

from .._validation import shown

ALLOWED_FUNCTIONS: tuple[str, ...] = (
    "sin", "cos", "tan", "exp", "log", "sqrt", "abs",
    "atan", "asin", "acos", "sinh", "cosh", "tanh",
)
FUNCTION_ALIASES = MappingProxyType(
    {"Abs": "abs", "ln": "log", "arctan": "atan", "arcsin": "asin", "arccos": "acos"})
ALLOWED_CONSTANTS: tuple[str, ...] = ("pi", "e", "E")
# SymPy writes tan(x + pi/2) as -cot(x) and abs(2^x) as 2**re(x): accepted so that str() of
# a result parses back
SYMPY_OUTPUT_FUNCTIONS: tuple[str, ...] = ("cot", "re", "im")

MAX_LENGTH = 500        # characters of text
MAX_DIGITS = 30         # significant digits of a number literal
MAX_DEPTH = 50          # nesting of parentheses (and so of calls)
MAX_EXPONENT = 1000     # |n| of a numeric exponent
MAX_LOG10 = 300         # numbers (numerators, denominators, constants) up to 1e300
TIME_BUDGET = 1.0       # CPU seconds SymPy may spend building one expression (thread time:
                        # a busy machine does not make a formula "too complicated")
_MAX_TERMS = 100_000    # terms of an expanded power of a sum

_SYMPY_FUNCTIONS: dict[str, Callable[[sympy.Expr], sympy.Expr]] = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "exp": sympy.exp,
    "log": sympy.log, "abs": sympy.Abs, "atan": sympy.atan, "asin": sympy.asin,
    "acos": sympy.acos, "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh,
    "cot": sympy.cot, "re": sympy.re, "im": sympy.im,
}  # sqrt is built as a checked power
_CONSTANTS = {"pi": sympy.pi, "e": sympy.E, "E": sympy.E}
_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)
_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_WHITESPACE = " \t\r\n"
_OPERATORS = ("**", "^", "+", "-", "*", "/")
_OPERAND_KINDS = ("number", "variable", "constant", "function", "(")
_CHAR_HINTS = {
    ",": "functions take exactly one argument", "=": "an expression, not an equation",
    "|": "abs(x) for |x|", "!": "no factorials", "_": "names have only letters and digits",
    "[": "( ) for grouping", "]": "( ) for grouping", "{": "( ) for grouping",
    "}": "( ) for grouping", "'": "no quotes", '"': "no quotes",
}
_ALLOWED_CHARS = "allowed: digits, letters, spaces and . + - * / ^ ( )"
_EXPECTED = "expected a number, a variable, a function call or '('"
_TOO_LARGE = (f"allowed: numbers up to 1e{MAX_LOG10} in size and numeric exponents up to "
              f"{MAX_EXPONENT}")


@dataclass(frozen=True)
class _Token:
    kind: str          # number, variable, constant, function, op, (, ), end
    text: str
    start: int
    end: int
    value: Any = None  # the SymPy number, symbol or constant


_GENERATOR_FLAGS = inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR
# the deadline interrupts only this code: not a gc callback or a profiler that runs meanwhile
_INTERRUPTIBLE = tuple(os.path.dirname(m.__file__) + os.sep for m in (sympy, mpmath)) + (__file__,)


class _TooSlow(BaseException):
    """Raised by the deadline tracer (a BaseException, so ``except Exception`` in SymPy
    does not swallow it)."""


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`_TooSlow` at the next Python call once ``seconds`` have passed."""
    previous, end = sys.gettrace(), time.thread_time() + seconds

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        # never in a generator frame either: one being closed would swallow the exception
        code = frame.f_code
        if (time.thread_time() > end and code.co_filename.startswith(_INTERRUPTIBLE)
                and not code.co_flags & _GENERATOR_FLAGS):
            raise _TooSlow
        return previous(frame, event, arg) if previous is not None else None

    sys.settrace(tracer)
    try:
        yield
    finally:
        sys.settrace(previous)


def _where(text: str, start: int) -> str:
    """``"at position 4 in 'x + foo(2)'"``, showing a window of long text."""
    shown = text if len(text) <= 60 else "..." + text[max(start - 25, 0):start + 25] + "..."
    return f"at position {start} in {shown!r}"


def _check_variables(variables: Any) -> tuple[str, ...]:
    if isinstance(variables, str) or not isinstance(variables, Sequence):
        raise ValueError("variables must be a sequence of names such as ('x',) or "
                         f"('x1', 'x2'), got {type(variables).__name__} {shown(variables)}")
    reserved = {*ALLOWED_FUNCTIONS, *FUNCTION_ALIASES, *SYMPY_OUTPUT_FUNCTIONS, *ALLOWED_CONSTANTS}
    for name in variables:
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise ValueError("variables must contain plain names (an ASCII letter, then letters "
                             f"or digits, e.g. 'x' or 'x1'), got {shown(name)}")
        if name in reserved:
            raise ValueError(f"variables must not use the function or constant name {name!r}")
    if len(set(variables)) != len(variables):
        raise ValueError(f"variables must not repeat a name, got {shown(tuple(variables))}")
    return tuple(variables)


def _number(literal: str, text: str, start: int) -> sympy.Rational:
    """Turn a number literal into an exact SymPy Integer or Rational; refuse huge ones."""
    mantissa, _, exponent = literal.lower().partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    if not digits:
        return sympy.Integer(0)
    shift = int(exponent or "0") - len(fraction)
    if len(digits) <= MAX_DIGITS and abs(shift) <= MAX_LOG10 + MAX_DIGITS:
        value = sympy.Rational(int(digits) * 10 ** max(shift, 0), 10 ** max(-shift, 0))
        if max(abs(value.p), value.q) <= 10 ** MAX_LOG10:
            return value
    raise ValueError(f"number out of range: {shown(literal)} {_where(text, start)}; allowed: "
                     f"at most {MAX_DIGITS} digits and sizes from 1e-{MAX_LOG10} to 1e{MAX_LOG10}")


def _split_names(name: str, names: dict[str, Any]) -> list[str] | None:
    """``"xy"`` -> ``["x", "y"]`` when a glued name splits into known names, else None."""
    splits: dict[int, list[str]] = {len(name): []}  # splits of name[i:], found right to left
    for i in range(len(name) - 1, -1, -1):
        for known in names:
            if name.startswith(known, i) and i + len(known) in splits:
                splits[i] = [known, *splits[i + len(known)]]
                break
    return splits.get(0)


def _name_token(text: str, start: int, names: dict[str, tuple[str, Any]],
                previous: _Token | None) -> _Token:
    name = _NAME.match(text, start).group()
    end = start + len(name)
    if name not in names:
        variables = [n for n, (kind, _) in names.items() if kind == "variable"]
        parts = _split_names(name, names) or []
        raise ValueError(
            f"unknown name {shown(name)} {_where(text, start)}; allowed: variables "
            f"{', '.join(variables) or '(none)'}; functions {', '.join(ALLOWED_FUNCTIONS)} "
            f"(also {', '.join(FUNCTION_ALIASES)}); constants pi, e"
            + (f"; write {'*'.join(parts)} for a product" if 1 < len(parts) < 5 else ""))
    if (name in ("e", "E") and previous is not None and previous.kind == "number"
            and previous.end == start and text[end:end + 1] in ("", "+", "-")):
        raise ValueError(f"incomplete exponent in the number {text[previous.start:end]!r} "
                         f"{_where(text, previous.start)}; write 1e3 for 1000, or 2*e for "
                         "2 times Euler's number")
    kind, value = names[name]
    return _Token(kind, name, start, end, value)


def _tokenize(text: str, names: dict[str, tuple[str, Any]]) -> list[_Token]:
    """Split ``text`` into tokens; check characters, names, numbers and parentheses."""
    tokens: list[_Token] = []
    open_parens: list[int] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in _WHITESPACE:
            i += 1
            continue
        if char.isascii() and (char.isdigit() or char == "."):
            match = _NUMBER.match(text, i)
            if match is None or text[match.end():match.end() + 1] == ".":
                bad = i if match is None else match.end()
                raise ValueError(f"unexpected '.' {_where(text, bad)}; allowed: '.' once inside "
                                 "a number such as 0.5 (no attribute access)")
            value = _number(match.group(), text, i)
            token = _Token("number", match.group(), i, match.end(), value)
        elif char.isascii() and char.isalpha():
            token = _name_token(text, i, names, tokens[-1] if tokens else None)
        elif char == "(":
            open_parens.append(i)
            if len(open_parens) > MAX_DEPTH:
                raise ValueError(f"nesting too deep: more than {MAX_DEPTH} parentheses "
                                 f"{_where(text, i)}; allowed: at most {MAX_DEPTH} levels")
            token = _Token("(", "(", i, i + 1)
        elif char == ")":
            if not open_parens:
                raise ValueError(f"unexpected ')' {_where(text, i)}, with no '(' to close; "
                                 "write the missing '(' or delete the ')'")
            open_parens.pop()
            token = _Token(")", ")", i, i + 1)
        else:
            op = next((op for op in _OPERATORS if text.startswith(op, i)), None)
            if op is None:
                hint = f" ({_CHAR_HINTS[char]})" if char in _CHAR_HINTS else ""
                raise ValueError(f"character {char!r} {_where(text, i)} is not allowed{hint}; "
                                 f"{_ALLOWED_CHARS}")
            token = _Token("op", "^" if op == "**" else op, i, i + len(op))
        tokens.append(token)
        i = token.end
    if open_parens:
        raise ValueError(f"missing ')' for the '(' {_where(text, open_parens[-1])}; write "
                         "')' to close it")
    tokens.append(_Token("end", "end of text", len(text), len(text)))
    return tokens


# --- cost guards: what SymPy would compute eagerly, estimated before it does ---------------

def _approximate(value: sympy.Expr) -> mpmath.mpc | None:
    """A number to 15 digits, with any exponent (None when SymPy cannot evaluate it)."""
    try:
        return mpmath.mpc(value._to_mpmath(53))
    except (TypeError, ValueError, ArithmeticError):
        return None


def _log10_size(value: sympy.Expr) -> float:
    """log10 of the largest integer in a Rational, or |log10 |value|| for other numbers."""
    if value.is_Rational:
        return math.log10(max(abs(value.p), value.q))
    approximation = _approximate(value)
    if not approximation:  # None or 0
        return 0.0
    return abs(float(mpmath.log10(abs(approximation))))


def _folded_bases(base: sympy.Expr) -> list[tuple[sympy.Rational, sympy.Expr]]:
    """(b, k) for the rational numbers b**k that SymPy raises when it raises ``base``: the
    factors of a numeric base, or the content and numeric factors of a symbolic one."""
    if base.free_symbols:
        content, primitive = base.as_content_primitive()
        factors = [content, *(f for f in sympy.Mul.make_args(primitive) if not f.free_symbols)]
    else:
        factors = list(sympy.Mul.make_args(base))
    pairs = [f.as_base_exp() for f in factors]
    return [(b, k) for b, k in pairs if b.is_Rational and abs(b.p) * b.q > 1]


def _constant_height(expr: sympy.Expr) -> float | None:
    """log10 bound on numerator and denominator of the constant term of ``expand(expr)``
    (None when that term is 0)."""
    if expr.is_Rational:
        return math.log10(max(abs(expr.p), expr.q)) if expr else None
    heights = [_constant_height(arg) for arg in expr.args]
    if expr.is_Add:
        known = [h for h in heights if h is not None]
        return sum(known) + math.log10(len(known)) if known else None
    if expr.is_Mul:
        return None if None in heights else sum(heights)
    if expr.is_Pow and expr.exp.is_Integer and expr.exp > 0 and heights[0] is not None:
        return float(expr.exp) * heights[0]
    return None  # symbols, functions, other powers: no constant term


def _expanded_terms(expr: sympy.Expr) -> int:
    """Upper bound (capped) on the number of terms of ``expand(expr)`` once each symbol is
    split into real and imaginary parts, as SymPy's assumption system does."""
    if expr.is_Add:
        return min(sum(map(_expanded_terms, expr.args)), _MAX_TERMS)
    if expr.is_Mul:
        return min(math.prod(map(_expanded_terms, expr.args)), _MAX_TERMS)
    if expr.is_Pow and expr.exp.is_Integer and expr.exp > 1:
        return _multinomial_size(_expanded_terms(expr.base), int(expr.exp))
    return 2 if expr.free_symbols else 1


def _multinomial_size(terms: int, n: int) -> int:
    """C(n + terms - 1, terms - 1), the number of terms of (a_1 + ... + a_terms)**n, capped."""
    k, size = min(n, terms - 1), 1
    for i in range(1, k + 1):
        size = size * (n + terms - 1 - k + i) // i
        if size > _MAX_TERMS:
            return _MAX_TERMS
    return size


def _check_roots(roots: list[tuple[sympy.Rational, int]], where: str) -> None:
    """Refuse roots b**(p/q) that SymPy could only simplify by factoring huge integers.

    SymPy factors b and builds numbers of about q * digits(b) digits (and merges the roots
    of a product), so the cost grows like lcm(q) * sum(digits(b)).
    """
    digits = sum(math.log10(abs(b.p) * b.q) for b, _ in roots)
    denominator = 1
    for _, q in roots:
        denominator = math.lcm(denominator, q)
        if denominator * digits > MAX_LOG10:
            raise ValueError(f"number too complex: {where} takes a root with denominator "
                             f"{denominator} of numbers with {math.ceil(digits)} digits; "
                             f"allowed: q * digits <= {MAX_LOG10} for powers p/q of numbers, "
                             "e.g. 2^(1/3) or 10^0.25")


def _check_power(base: sympy.Expr, exponent: sympy.Expr, where: str) -> None:
    """Refuse a power that SymPy would evaluate into a huge number, or a huge exponent."""
    too_large = f"number too large: {where} would exceed 1e{MAX_LOG10}; {_TOO_LARGE}"
    if exponent.is_Rational:  # SymPy merges (b**e)**n into b**(e*n)
        for factor in sympy.Mul.make_args(base):
            if factor.is_Pow and not factor.exp.is_Rational:
                _check_power(factor.base, factor.exp * exponent, where)
    folded = _folded_bases(base)
    if not exponent.is_Rational:
        # SymPy may split b**(c + t) into b**c * b**t, c the constant of the expanded exponent
        digits = sum(math.log10(abs(b.p) * b.q) for b, _ in folded)
        height = _constant_height(exponent)
        if digits and height is not None and 10 ** min(height, 400.0) * digits > MAX_LOG10:
            raise ValueError(too_large)
        if not base.free_symbols and not exponent.free_symbols:
            approximation = _approximate(exponent)
            magnitude = 0.0 if approximation is None else float(min(abs(approximation), 1e300))
            if magnitude > MAX_EXPONENT or magnitude * _log10_size(base) > MAX_LOG10:
                raise ValueError(too_large)
        return
    powers = [(b, k * exponent) for b, k in folded]
    _check_roots([(b, k.q) for b, k in powers if k.is_Rational and k.q > 1], where)
    magnitude = abs(float(exponent))
    if base.free_symbols:
        size = sum(_log10_size(f) for f in sympy.Mul.make_args(base) if not f.free_symbols)
        if magnitude > MAX_EXPONENT:
            raise ValueError(f"exponent too large: {where}; {_TOO_LARGE}")
    else:
        size = _log10_size(base)
    if magnitude > MAX_EXPONENT or magnitude * size > MAX_LOG10:
        raise ValueError(too_large)


def _check_exp(argument: sympy.Expr, where: str) -> None:
    """exp(c*log(b)) becomes b**c, and exp(f(c*log(b))) calls logcombine, which turns the
    inner c*log(b) into log(b**c): check those powers first."""
    for node in sympy.preorder_traversal(argument):
        factors = sympy.Mul.make_args(node)
        logs = [f for f in factors if isinstance(f, sympy.log)]
        if len(logs) == 1:
            coefficient = sympy.Mul(*(f for f in factors if f is not logs[0]))
            if not coefficient.free_symbols:
                _check_power(logs[0].args[0], coefficient, where)


def _exponent_size(exponent: sympy.Expr) -> float:
    """|n| for a rational exponent; a bound on the constant part n of another one."""
    if exponent.is_Rational:
        return float(abs(exponent))
    height = _constant_height(exponent)
    return 0.0 if height is None else 10 ** min(height, 400.0)


def _check_expansion(power: sympy.Pow, where: str) -> None:
    n = _exponent_size(power.exp)
    if n > MAX_EXPONENT:
        raise ValueError(f"exponent too large: {where} builds {shown(str(power))}; "
                         f"{_TOO_LARGE}")
    if _multinomial_size(_expanded_terms(power.base), int(n)) >= _MAX_TERMS:
        raise ValueError(f"power too large to expand: {where} builds {shown(str(power))}; "
                         f"allowed: powers of sums with less than {_MAX_TERMS} terms once "
                         "expanded (each variable counting as 2)")


def _checked(result: sympy.Expr, where: str) -> sympy.Expr:
    """Refuse undefined results (1/0), numbers beyond 1e300, non-real constants, and powers
    that SymPy's assumption system would expand into huge sums (it expands (a + b)**(n + t)
    into the terms of (a + b)**n, in loops that the time budget cannot interrupt)."""
    if any(result is u for u in _UNDEFINED):
        raise ValueError(f"undefined value: {where} gives {result} (a division by zero or "
                         "similar); allowed: expressions with a finite value")
    for term in sympy.Add.make_args(result):
        coefficient, rest = term.as_coeff_Mul()
        if coefficient.is_Rational and max(abs(coefficient.p), coefficient.q) > 10**MAX_LOG10:
            raise ValueError(f"number too large: {where} would exceed 1e{MAX_LOG10}; {_TOO_LARGE}")
        for factor in sympy.Mul.make_args(rest):
            if factor.is_Pow and factor.base is not sympy.E and not factor.base.is_Rational:
                _check_expansion(factor, where)
    if not result.free_symbols and not result.is_Rational:
        value = _approximate(result)
        if value and abs(mpmath.log10(abs(value))) > MAX_LOG10:
            raise ValueError(f"number out of range: {where} is about {mpmath.nstr(value.real, 3)}"
                             f"; allowed: numbers of size 1e-{MAX_LOG10} to 1e{MAX_LOG10}")
        if value and abs(value.imag) > 1e-12 * abs(value):
            raise ValueError(f"not a real number: {where} is about {mpmath.nstr(value, 4)}; "
                             "allowed: real values (e.g. sqrt and log of positive numbers, "
                             "asin(t) for -1 <= t <= 1; for the real cube root of -8 write "
                             "-(8^(1/3)))")
    return result


def _signed(sign: int, factors: list[sympy.Expr]) -> list[sympy.Expr]:
    return [sympy.S.NegativeOne, *factors] if sign < 0 else factors


class _Parser:
    """Recursive descent over the tokens; every node goes through :meth:`_build`.

    Grammar: sum := product (('+'|'-') product)*;  product := factor (('*'|'/'|implicit)
    factor)*;  factor := ('+'|'-')* atom ('^' factor)?;  atom := number | variable |
    constant | '(' sum ')' | function '(' sum ')'. Signs and powers are folded in loops.
    """

    def __init__(self, tokens: list[_Token], text: str) -> None:
        self.tokens, self.text, self.i, self.building = tokens, text, 0, repr(text)

    def _peek(self) -> _Token:
        return self.tokens[self.i]

    def _advance(self) -> _Token:
        self.i += 1
        return self.tokens[self.i - 1]

    def _at_op(self, ops: str) -> bool:
        return self._peek().kind == "op" and self._peek().text in ops

    def _where(self, start: int) -> str:
        """``"'2^(3^40)' at position 0 in '...'"``: the text from ``start`` to here."""
        return f"{self.text[start:self.tokens[self.i - 1].end]!r} {_where(self.text, start)}"

    def _fail(self, token: _Token, what: str, hint: str) -> None:
        raise ValueError(f"{what} {_where(self.text, token.start)}; {hint}")

    def _build(self, start: int, make: Callable[..., sympy.Expr],
               *args: sympy.Expr) -> sympy.Expr:
        """Check what SymPy would compute, build the node, check the result."""
        where = self.building = self._where(start)
        if make is sympy.Pow:
            _check_power(*args, where)
        if make is sympy.exp or (make is sympy.Pow and args[0] is sympy.E):
            _check_exp(args[-1], where)
        if make is sympy.Mul:  # SymPy merges the roots of numbers in a product
            powers = [f.as_base_exp() for arg in args for f in sympy.Mul.make_args(arg)]
            _check_roots([(b, k.q) for b, k in powers if b.is_Rational and abs(b.p) * b.q > 1
                          and k.is_Rational and k.q > 1], where)
        return _checked(make(*args), where)

    def parse(self) -> sympy.Expr:
        result, _ = self._sum()
        if self._peek().kind != "end":
            self._fail(self._peek(), f"unexpected {self._peek().text!r}", _EXPECTED)
        return result

    # Sums and products are collected and built with one Add / Mul, as SymPy's printer shows
    # them; that is what makes parse_function(str(expr)) == expr hold.

    def _sum(self) -> tuple[sympy.Expr, list[sympy.Expr]]:
        """The sum, and the factors of its only product (empty if it has several terms)."""
        start = self._peek().start
        factors = self._product()
        terms = [self._multiply(start, factors)]
        while self._at_op("+-"):
            sign = -1 if self._advance().text == "-" else 1
            term_start = self._peek().start
            terms.append(sympy.Mul(sign, self._multiply(term_start, self._product())))
        if len(terms) == 1:
            return terms[0], factors
        return self._build(start, sympy.Add, *terms), []

    def _multiply(self, start: int, factors: list[sympy.Expr]) -> sympy.Expr:
        return factors[0] if len(factors) == 1 else self._build(start, sympy.Mul, *factors)

    def _product(self) -> list[sympy.Expr]:
        """The factors of a product (``*``, ``/``, implicit). A minus sign is a factor of its
        own (``-(x + y)*z`` is ``Mul(-1, x + y, z)``) and dividing by a parenthesized product
        divides by each factor (``1/(2*(x + y))`` is ``Mul(1/2, 1/(x + y))``), as in SymPy."""
        sign, factor, powered, _ = self._factor()
        factors, last_op = _signed(sign, [factor]), ""
        while True:
            token = self._peek()
            if self._at_op("*/"):
                last_op = self._advance().text
                sign, factor, powered, group = self._factor()
                if last_op == "/":
                    factors += _signed(sign, [
                        self._build(token.start, sympy.Pow, divisor, sympy.S.NegativeOne)
                        for divisor in (group or [factor])])
                else:
                    factors += _signed(sign, [factor])
            elif token.kind in _OPERAND_KINDS:
                self._check_implicit(token, powered, last_op)
                sign, factor, powered, _ = self._factor()
                factors += _signed(sign, [factor])
            else:
                return factors

    def _check_implicit(self, token: _Token, powered: bool, last_op: str) -> None:
        """Allow ``2x``, ``3(x+1)``, ``2sin(x)``, ``)(``; refuse other juxtapositions."""
        before = self.tokens[self.i - 1]
        if not ((before.kind == "number" and token.kind != "number")
                or (before.kind == ")" and token.kind == "(")):
            self._fail(token, f"missing operator between {before.text!r} and {token.text!r}",
                       "write '*' between them to multiply, e.g. x*y or x*(x+1)")
        if powered or last_op == "/":
            example = "e^(2*x) or e^2*x" if powered else "1/(2*x) or 1/2*x"
            self._fail(token, f"ambiguous implicit multiplication before {token.text!r}",
                       f"write parentheses and '*', e.g. {example}")

    def _factor(self) -> tuple[int, sympy.Expr, bool, list[sympy.Expr]]:
        """Signs, an atom, then optionally '^' and another factor (right-associative).

        Returns the outer sign, the value, whether there was a '^', and the factors of a
        lone parenthesized product (else an empty list)."""
        chain: list[tuple[int, sympy.Expr, int]] = []
        while True:
            start, sign = self._peek().start, 1
            while self._at_op("+-"):
                sign = -sign if self._advance().text == "-" else sign
            atom, group = self._atom()
            chain.append((sign, atom, start))
            if not self._at_op("^"):
                break
            self._advance()
        sign, result, _ = chain[-1]
        for outer_sign, base, start in reversed(chain[:-1]):
            exponent = self._build(start, sympy.Mul, sympy.Integer(sign), result)
            result = self._build(start, sympy.Pow, base, exponent)
            sign = outer_sign
        return sign, result, len(chain) > 1, group if len(chain) == 1 else []

    def _atom(self) -> tuple[sympy.Expr, list[sympy.Expr]]:
        token = self._advance()
        if token.kind in ("number", "variable", "constant"):
            return token.value, []
        if token.kind == "(":
            if self._peek().kind == ")":
                self._fail(token, "empty parentheses '()'", f"{_EXPECTED} inside them")
            inner, factors = self._sum()
            return self._closed(inner, token), factors
        if token.kind == "function":
            return self._call(token), []
        what = "unexpected end of text" if token.kind == "end" else f"unexpected {token.text!r}"
        self._fail(token, what, _EXPECTED)
        raise AssertionError  # unreachable: _fail raises

    def _call(self, token: _Token) -> sympy.Expr:
        opening = self._advance()
        if opening.kind != "(":
            self._fail(token, f"function {token.text!r} without parentheses",
                       f"write {token.text}(x), or {token.text}(x)^2 for a power")
        if self._peek().kind == ")":
            self._fail(token, f"{token.text}() without an argument",
                       f"write {token.text}(x): functions take exactly one argument")
        argument = self._closed(self._sum()[0], opening)
        name = FUNCTION_ALIASES.get(token.text, token.text)
        if name == "sqrt":
            return self._build(token.start, sympy.Pow, argument, sympy.Rational(1, 2))
        return self._build(token.start, _SYMPY_FUNCTIONS[name], argument)

    def _closed(self, inner: sympy.Expr, opening: _Token) -> sympy.Expr:
        token = self._advance()
        if token.kind != ")":
            self._fail(token, f"unexpected {token.text!r}",
                       f"expected ')' to close the '(' at position {opening.start}")
        return inner


def parse_function(text: str, variables: Sequence[str] = ("x",), *,
                   name: str | None = "text") -> sympy.Expr:
    """Parse a formula typed by a student into a SymPy expression, without ``eval``.

    Parameters
    ----------
    text : str
        The formula, e.g. ``"x^2 + 2x + 1"`` or ``"sin(x)/x"``: numbers (``2``, ``0.5``,
        ``.5``, ``1e-3``; decimals become exact rationals), the ``variables``, ``+ - * /``,
        ``^`` or ``**`` (right-associative, above unary minus: ``-x^2`` is ``-(x^2)``),
        parentheses, implicit products ``2x``, ``3(x+1)``, ``2sin(x)``, ``(x+1)(x-1)``,
        the functions in ``ALLOWED_FUNCTIONS`` (aliases ``ln``, ``Abs``, ``arcsin``,
        ``arccos``, ``arctan``) with one argument, and the constants ``pi``, ``e`` (or ``E``).
        At most 500 characters. ``cot``, ``re`` and ``im`` are accepted too, because SymPy
        writes them in results.
    variables : sequence of str
        The names the formula may use, e.g. ``("x",)`` or ``("x1", "x2")``.
    name : str or None
        The parameter the text came in (``"f"``, ``"expr"``...): the error messages start with
        it (``None``: they do not, for a caller that words them itself).

    Returns
    -------
    sympy.Expr
        The expression, built node by node from the text (plain ``sympy.Symbol`` variables).

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If the text is not in the grammar; asks for a huge number (``9^9^9``, beyond 1e300,
        exponents beyond 1000, nesting deeper than 50); is undefined (``1/0``) or not real
        (``sqrt(-1)``); or takes SymPy longer than ``TIME_BUDGET`` to build. Also for bad
        ``variables``. The message says what and where (from 0) and what is allowed.

    Examples
    --------
    >>> parse_function("-x^2 + 0.5x")
    -x**2 + x/2
    >>> parse_function("x1^2 + 2*x2", variables=("x1", "x2"))
    x1**2 + 2*x2
    >>> parse_function("x + foo(2)")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: text: unknown name 'foo' at position 4 in 'x + foo(2)'; allowed: variables x; ...
    """
    if not isinstance(text, str):
        raise TypeError(f"{name or 'text'} must be a string such as 'x^2 + 1', got "
                        f"{type(text).__name__} {shown(text)}")
    names = _check_variables(variables)
    try:
        return _parse(text, names)
    except ValueError as error:
        if name is None:
            raise
        raise ValueError(f"{name}: {error}") from None


def _parse(text: str, names: tuple[str, ...]) -> sympy.Expr:
    if len(text) > MAX_LENGTH:
        raise ValueError(f"text too long: {len(text)} characters; allowed: at most {MAX_LENGTH}")
    if not text.strip(_WHITESPACE):
        raise ValueError(f"empty text {text!r}; type a formula such as 'x^2 + 1'")
    table: dict[str, tuple[str, Any]] = {n: ("variable", sympy.Symbol(n)) for n in names}
    table.update({n: ("constant", c) for n, c in _CONSTANTS.items()})
    functions = (*ALLOWED_FUNCTIONS, *FUNCTION_ALIASES, *SYMPY_OUTPUT_FUNCTIONS)
    table.update({n: ("function", None) for n in functions})
    parser = _Parser(_tokenize(text, table), text)
    try:
        with _deadline(TIME_BUDGET):
            result = parser.parse()
    except _TooSlow:
        raise ValueError(f"too complicated: building {parser.building} took SymPy more than "
                         f"{TIME_BUDGET} s; allowed: simpler formulas (smaller exponents, fewer "
                         "nested functions)") from None
    except ValueError:
        raise
    except Exception as error:  # SymPy's automatic simplification fails on some odd input
        raise ValueError(f"cannot simplify {parser.building}: SymPy raised "
                         f"{type(error).__name__}: {shown(str(error))}; allowed: simpler "
                         "formulas") from None
    if result.has(*_UNDEFINED):
        raise ValueError(f"undefined value in {shown(text)}: it contains {result}; allowed: "
                         "expressions with a finite value")
    return result


def _check_expression(expr: Any, names: tuple[str, ...], name: str) -> sympy.Expr:
    if not isinstance(expr, sympy.Expr):
        raise TypeError(f"{name} must be a SymPy expression (e.g. parse_function('x^2')), "
                        f"got {type(expr).__name__} {shown(expr)}")
    extra = sorted({s.name for s in expr.free_symbols} - set(names))
    if extra:
        raise ValueError(f"{name} uses the symbol(s) {', '.join(extra)}, which are not among "
                         f"the variables {names}; pass them in variables")
    return expr


def as_expression(f: sympy.Expr | str, variables: Sequence[str] = ("x",), *,
                  name: str | None = "f") -> sympy.Expr:
    """Return ``f`` as a SymPy expression: parse a string, check an expression.

    Parameters
    ----------
    f : sympy.Expr or str
        An expression (returned unchanged once its symbols are checked) or a formula
        (parsed with :func:`parse_function`).
    variables : sequence of str
        The names ``f`` may use.
    name : str or None
        The caller's parameter name for ``f``, used in the error messages (``None``: parser
        messages without it, for a caller that words them itself).

    Examples
    --------
    >>> as_expression("exp(-x^2)")
    exp(-x**2)
    >>> x = sympy.Symbol("x")
    >>> as_expression(x**3) == x**3
    True
    """
    names = _check_variables(variables)
    if isinstance(f, str):
        return parse_function(f, names, name=name)
    if not isinstance(f, sympy.Expr):
        raise TypeError(f"{name or 'f'} must be a SymPy expression or a string such as "
                        f"'x^2 + 1', got {type(f).__name__} {shown(f)}")
    return _check_expression(f, names, name or "f")


def to_numpy_function(expr: sympy.Expr,
                      variables: Sequence[str] = ("x",)) -> Callable[..., np.ndarray]:
    """Turn an expression into a vectorised NumPy function returning float arrays.

    The result takes one real array-like per variable (in order) and returns a float array
    of their broadcast shape, also for a constant expression. Complex values become NaN;
    overflow and invalid operations give inf and NaN without warnings.

    Parameters
    ----------
    expr : sympy.Expr
        An expression whose symbols are among ``variables`` (from :func:`parse_function`
        or written by the programmer; it goes through ``sympy.lambdify``).
    variables : sequence of str
        The argument names, in order.

    Examples
    --------
    >>> f = to_numpy_function(parse_function("x1*x2", ("x1", "x2")), ("x1", "x2"))
    >>> f([1, 2], 3)
    array([3., 6.])
    >>> to_numpy_function(sympy.Integer(7))(np.zeros((2, 2)))
    array([[7., 7.],
           [7., 7.]])
    """
    names = _check_variables(variables)
    expr = _check_expression(expr, names, "expr")
    by_name = {s.name: s for s in expr.free_symbols}
    raw = sympy.lambdify([by_name.get(n, sympy.Symbol(n)) for n in names], expr,
                         modules="numpy")

    def function(*args: Any) -> np.ndarray:
        if len(args) != len(names):
            raise TypeError(f"this function takes {len(names)} argument(s) "
                            f"({', '.join(names)}), got {len(args)}")
        arrays = [np.asarray(arg) for arg in args]
        for name, arg, array in zip(names, args, arrays):
            if array.dtype.kind not in "biuf":
                raise TypeError(f"{name} must be a real number or an array of real numbers, "
                                f"got {type(arg).__name__} {shown(arg)}")
        arrays = [array.astype(float) for array in arrays]
        try:
            with np.errstate(all="ignore"):
                out = np.asarray(raw(*arrays))
        except (OverflowError, ZeroDivisionError) as error:
            raise ValueError(f"cannot evaluate {shown(expr)} in floating point: {error}") \
                from None
        if np.iscomplexobj(out):
            out = np.where(out.imag == 0, out.real, np.nan)
        shape = np.broadcast_shapes(*(array.shape for array in arrays))
        return np.array(np.broadcast_to(out.astype(float), shape))

    function.__doc__ = f"NumPy version of {expr} with arguments ({', '.join(names)})."
    return function
