"""A safe whitelist parser for functions typed by students (layer 1).

Text never reaches ``eval``, ``exec``, ``sympify`` or ``parse_expr``: a small tokenizer and a
recursive-descent parser build the SymPy tree themselves from a fixed grammar (numbers, the
given variables, ``+ - * / ^``, parentheses, a whitelist of one-argument functions and the
constants ``pi`` and ``e``). Decimals become exact rationals (``0.1`` is ``1/10``). Input that
would make SymPy compute something huge (``9^9^9^9``) is refused before it is built.
Positions in error messages count from 0.

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

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import sympy

from ._validation import _shown

ALLOWED_FUNCTIONS: tuple[str, ...] = (
    "sin", "cos", "tan", "exp", "log", "sqrt", "abs",
    "atan", "asin", "acos", "sinh", "cosh", "tanh",
)
FUNCTION_ALIASES = MappingProxyType(
    {"Abs": "abs", "ln": "log", "arctan": "atan", "arcsin": "asin", "arccos": "acos"})
ALLOWED_CONSTANTS: tuple[str, ...] = ("pi", "e", "E")

MAX_LENGTH = 500        # characters of text
MAX_DIGITS = 30         # significant digits of a number literal
MAX_DEPTH = 50          # nesting of parentheses and calls
MAX_EXPONENT = 1000     # |n| of a numeric exponent
MAX_LOG10 = 300         # numbers up to 1e300 (numerators and denominators)

_SYMPY_FUNCTIONS: dict[str, Callable[[sympy.Expr], sympy.Expr]] = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "exp": sympy.exp,
    "log": sympy.log, "abs": sympy.Abs, "atan": sympy.atan, "asin": sympy.asin,
    "acos": sympy.acos, "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh,
}  # sqrt is built as a guarded power
_CONSTANTS = {"pi": sympy.pi, "e": sympy.E, "E": sympy.E}
_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)
_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_WHITESPACE = " \t\r\n"
_OPERATORS = ("**", "^", "+", "-", "*", "/")
_OPERAND_KINDS = ("number", "variable", "constant", "function", "(")
_CHAR_HINTS = {
    ",": "functions take exactly one argument", "=": "type an expression, not an equation",
    "|": "write abs(x) for |x|", "!": "factorials are not supported",
    "[": "use ( ) for grouping", "]": "use ( ) for grouping",
    "{": "use ( ) for grouping", "}": "use ( ) for grouping",
    "_": "names contain only letters and digits", "'": "type the formula without quotes",
    '"': "type the formula without quotes",
}
_ALLOWED_CHARS = "allowed: digits, letters, spaces and . + - * / ^ ( )"
_EXPECTED = "expected a number, a variable, a function call or '('"


@dataclass(frozen=True)
class _Token:
    kind: str          # number, variable, constant, function, op, (, ), end
    text: str
    start: int
    end: int
    value: Any = None  # the SymPy object (number, symbol, constant) or function name


def _where(text: str, start: int) -> str:
    """``"at position 4 in 'x + foo(2)'"``, showing a window of long text."""
    shown = text if len(text) <= 60 else "..." + text[max(start - 25, 0):start + 25] + "..."
    return f"at position {start} in {shown!r}"


def _allowed_names(variables: Sequence[str]) -> str:
    aliases = ", ".join(FUNCTION_ALIASES)
    return (f"allowed: variables {', '.join(variables) or '(none)'}; functions "
            f"{', '.join(ALLOWED_FUNCTIONS)} (also {aliases}); constants pi, e")


def _check_variables(variables: Any) -> tuple[str, ...]:
    if isinstance(variables, str) or not isinstance(variables, Sequence):
        raise ValueError("variables must be a sequence of names such as ('x',) or "
                         f"('x1', 'x2'), got {type(variables).__name__} {_shown(variables)}")
    reserved = set(ALLOWED_FUNCTIONS) | set(FUNCTION_ALIASES) | set(ALLOWED_CONSTANTS)
    for name in variables:
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise ValueError(f"variables must contain plain names (ASCII letters, then letters "
                             f"or digits, e.g. 'x' or 'x1'), got {_shown(name)}")
        if name in reserved:
            raise ValueError(f"variables must not use the function or constant name {name!r}")
    if len(set(variables)) != len(variables):
        raise ValueError(f"variables must not repeat a name, got {_shown(tuple(variables))}")
    return tuple(variables)


def _number(literal: str, text: str, start: int) -> sympy.Rational:
    """Turn a number literal into an exact SymPy Integer or Rational, refusing huge ones."""
    mantissa, _, exponent = literal.lower().partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    if not digits:
        return sympy.Integer(0)
    shift = int(exponent or "0") - len(fraction)
    too_big = len(digits) > MAX_DIGITS or abs(shift) > MAX_LOG10 + MAX_DIGITS
    if not too_big:
        value = sympy.Rational(int(digits) * 10 ** max(shift, 0), 10 ** max(-shift, 0))
        too_big = max(abs(value.p), value.q) > 10 ** MAX_LOG10
    if too_big:
        raise ValueError(f"number {_shown(literal)} {_where(text, start)} is out of range; "
                         f"allowed: at most {MAX_DIGITS} digits and sizes from 1e-{MAX_LOG10} "
                         f"to 1e{MAX_LOG10}")
    return value


def _tokenize(text: str, names: dict[str, tuple[str, Any]]) -> list[_Token]:
    """Split ``text`` into tokens; check characters, names, numbers and parentheses."""
    tokens: list[_Token] = []
    open_parens: list[int] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in _WHITESPACE:
            i += 1
        elif char.isascii() and (char.isdigit() or char == "."):
            match = _NUMBER.match(text, i)
            if match is None or text[match.end():match.end() + 1] == ".":
                bad = i if match is None else match.end()
                raise ValueError(f"unexpected '.' {_where(text, bad)}; '.' may only appear once "
                                 "inside a number such as 0.5 (no attribute access)")
            tokens.append(_Token("number", match.group(), i, match.end(),
                                 _number(match.group(), text, i)))
            i = match.end()
        elif char.isascii() and char.isalpha():
            match = _NAME.match(text, i)
            name, end = match.group(), match.end()
            if name not in names:
                hint = ("; write '*' between names, e.g. x*y"
                        if any(name.startswith(known) for known in names) else "")
                raise ValueError(f"unknown name {name!r} {_where(text, i)}; "
                                 f"{_allowed_names([n for n, (k, _) in names.items() if k == 'variable'])}"
                                 f"{hint}")
            if (name in "eE" and tokens and tokens[-1].kind == "number"
                    and tokens[-1].end == i and text[end:end + 1] in ("", "+", "-")):
                raise ValueError(f"incomplete exponent in the number {text[tokens[-1].start:end]!r} "
                                 f"{_where(text, tokens[-1].start)}; write 1e3 for 1000, or "
                                 "2*e for 2 times Euler's number")
            kind, value = names[name]
            tokens.append(_Token(kind, name, i, end, value))
            i = end
        elif char in "()":
            if char == "(":
                open_parens.append(i)
                if len(open_parens) > MAX_DEPTH:
                    raise ValueError(f"parentheses nested deeper than {MAX_DEPTH} levels "
                                     f"{_where(text, i)}; allowed: at most {MAX_DEPTH}")
            elif not open_parens:
                raise ValueError(f"unexpected ')' {_where(text, i)}: there is no matching '('")
            else:
                open_parens.pop()
            tokens.append(_Token(char, char, i, i + 1))
            i += 1
        else:
            op = next((op for op in _OPERATORS if text.startswith(op, i)), None)
            if op is None:
                hint = _CHAR_HINTS.get(char, _ALLOWED_CHARS)
                raise ValueError(f"character {char!r} {_where(text, i)} is not allowed; {hint}")
            tokens.append(_Token("op", "^" if op == "**" else op, i, i + len(op)))
            i += len(op)
    if open_parens:
        raise ValueError(f"missing ')' for the '(' {_where(text, open_parens[-1])}")
    tokens.append(_Token("end", "end of text", len(text), len(text)))
    return tokens


def _log10_size(value: sympy.Expr) -> float:
    """Rough log10 of the largest integer in a number (Rational: exact; else its magnitude)."""
    if value.is_Rational:
        return math.log10(max(abs(value.p), value.q))
    magnitude = _magnitude(value)
    return abs(math.log10(magnitude)) if magnitude > 0 else 0.0


def _magnitude(value: sympy.Expr) -> float:
    """|value| of a number as a float (inf when it cannot be estimated)."""
    try:
        return abs(complex(value if value.is_Rational else value.evalf(15)))
    except (TypeError, ValueError, ArithmeticError):
        return math.inf


def _numeric_size(base: sympy.Expr) -> float:
    """log10 size of the part of ``base`` SymPy would raise to a numeric power eagerly."""
    if not base.free_symbols:
        return _log10_size(base)
    if base.is_Mul:
        return sum(_log10_size(f) for f in base.args if not f.free_symbols)
    return 0.0


def _check_power(base: sympy.Expr, exponent: sympy.Expr, where: str) -> None:
    """Refuse a power SymPy would evaluate into a huge number (or a huge exponent)."""
    if exponent.free_symbols:
        return
    magnitude = _magnitude(exponent)
    too_large = f"number too large: {where} would exceed 1e{MAX_LOG10}; allowed: numbers " \
                f"up to 1e{MAX_LOG10} and exponents up to {MAX_EXPONENT} in size"
    if not base.free_symbols and (magnitude > MAX_EXPONENT
                                  or magnitude * _numeric_size(base) > MAX_LOG10):
        raise ValueError(too_large)
    if exponent.is_Rational and magnitude > MAX_EXPONENT:
        raise ValueError(f"exponent too large: {where}; allowed: exponents up to "
                         f"{MAX_EXPONENT} in size")
    if exponent.is_Rational and magnitude * _numeric_size(base) > MAX_LOG10:
        raise ValueError(too_large)


def _checked(result: sympy.Expr, where: str) -> sympy.Expr:
    """Refuse undefined results (1/0, log(0)) and numbers beyond 1e300."""
    if any(result is u for u in _UNDEFINED):
        raise ValueError(f"undefined value: {where} gives {result} (division by zero or "
                         "similar); allowed: expressions with a finite value")
    for term in sympy.Add.make_args(result):
        coefficient = term.as_coeff_Mul()[0]
        if coefficient.is_Rational and max(abs(coefficient.p), coefficient.q) > 10 ** MAX_LOG10:
            raise ValueError(f"number too large: {where} would exceed 1e{MAX_LOG10}; "
                             f"allowed: numbers up to 1e{MAX_LOG10}")
    return result


class _Parser:
    """Recursive descent over the tokens; every node is built by a checked builder.

    Grammar: sum := product (('+'|'-') product)*;  product := factor (('*'|'/'|implicit)
    factor)*;  factor := ('+'|'-')* atom ('^' factor)?;  atom := number | name | '(' sum ')'
    | function '(' sum ')'.  Signs and powers are folded iteratively (no deep recursion).
    """

    def __init__(self, tokens: list[_Token], text: str) -> None:
        self.tokens, self.text, self.i = tokens, text, 0

    def _peek(self) -> _Token:
        return self.tokens[self.i]

    def _advance(self) -> _Token:
        self.i += 1
        return self.tokens[self.i - 1]

    def _where(self, start: int) -> str:
        """``"'2^(3^40)' at position 0 in '...'"`` for the text from ``start`` to here."""
        return f"{self.text[start:self.tokens[self.i - 1].end]!r} {_where(self.text, start)}"

    def _fail(self, token: _Token, what: str, hint: str) -> None:
        raise ValueError(f"{what} {_where(self.text, token.start)}; {hint}")

    def parse(self) -> sympy.Expr:
        result = self._sum()
        token = self._peek()
        if token.kind != "end":
            self._fail(token, f"unexpected {token.text!r}", "check the operators around it")
        return result

    def _sum(self) -> sympy.Expr:
        start = self._peek().start
        result = self._product()
        while self._peek().kind == "op" and self._peek().text in "+-":
            sign = -1 if self._advance().text == "-" else 1
            term = self._product()
            result = _checked(sympy.Add(result, sympy.Mul(sign, term)), self._where(start))
        return result

    def _product(self) -> sympy.Expr:
        start = self._peek().start
        result, powered = self._factor()
        last_op = ""
        while True:
            token = self._peek()
            if token.kind == "op" and token.text in "*/":
                last_op = self._advance().text
                factor, powered = self._factor()
                if last_op == "/":
                    factor = self._power(factor, sympy.Integer(-1), start)
            elif token.kind in _OPERAND_KINDS:
                self._check_implicit(token, powered, last_op)
                factor, powered = self._factor()
            else:
                return result
            result = _checked(sympy.Mul(result, factor), self._where(start))

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
                       f"use parentheses and '*', e.g. {example}")

    def _factor(self) -> tuple[sympy.Expr, bool]:
        """Signs, then an atom, then optionally '^' and another factor (right-associative)."""
        chain: list[tuple[int, sympy.Expr, int]] = []
        while True:
            start, sign = self._peek().start, 1
            while self._peek().kind == "op" and self._peek().text in "+-":
                sign = -sign if self._advance().text == "-" else sign
            chain.append((sign, self._atom(), start))
            if not (self._peek().kind == "op" and self._peek().text == "^"):
                break
            self._advance()
        sign, result, start = chain[-1]
        result = _checked(sympy.Mul(sign, result), self._where(start))
        for sign, base, start in reversed(chain[:-1]):
            result = sympy.Mul(sign, self._power(base, result, start))
        return result, len(chain) > 1

    def _power(self, base: sympy.Expr, exponent: sympy.Expr, start: int) -> sympy.Expr:
        where = self._where(start)
        _check_power(base, exponent, where)
        return _checked(sympy.Pow(base, exponent), where)

    def _atom(self) -> sympy.Expr:
        token = self._advance()
        if token.kind in ("number", "variable", "constant"):
            return token.value
        if token.kind == "(":
            if self._peek().kind == ")":
                self._fail(token, "empty parentheses '()'", f"{_EXPECTED} inside them")
            return self._closed(self._sum(), token)
        if token.kind == "function":
            name = FUNCTION_ALIASES.get(token.text, token.text)
            opening = self._advance()
            if opening.kind != "(":
                self._fail(token, f"function {token.text!r} without parentheses",
                           f"write {token.text}(x), or {token.text}(x)^2 for a power")
            if self._peek().kind == ")":
                self._fail(token, f"{token.text}() without an argument",
                           f"functions take exactly one argument, e.g. {token.text}(x)")
            argument = self._closed(self._sum(), opening)
            if name == "sqrt":
                return self._power(argument, sympy.Rational(1, 2), token.start)
            return _checked(_SYMPY_FUNCTIONS[name](argument), self._where(token.start))
        what = "unexpected end of text" if token.kind == "end" else f"unexpected {token.text!r}"
        self._fail(token, what, _EXPECTED)
        raise AssertionError  # unreachable: _fail raises

    def _closed(self, inner: sympy.Expr, opening: _Token) -> sympy.Expr:
        token = self._advance()
        if token.kind != ")":
            self._fail(token, f"unexpected {token.text!r}",
                       f"expected ')' to close the '(' at position {opening.start}")
        return inner


def parse_function(text: str, variables: Sequence[str] = ("x",)) -> sympy.Expr:
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
        At most 500 characters.
    variables : sequence of str
        The names the formula may use, e.g. ``("x",)`` or ``("x1", "x2")``.

    Returns
    -------
    sympy.Expr
        The expression, built node by node from the text.

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If the text is not in the grammar, or asks for a huge number (``9^9^9``, numbers
        beyond 1e300, exponents beyond 1000, nesting deeper than 50), or is undefined
        (``1/0``); also for bad ``variables``. The message says what and where (positions
        count from 0) and what is allowed.

    Examples
    --------
    >>> parse_function("-x^2 + 0.5x")
    -x**2 + x/2
    >>> parse_function("x1^2 + 2*x2", variables=("x1", "x2"))
    x1**2 + 2*x2
    >>> parse_function("x + foo(2)")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown name 'foo' at position 4 in 'x + foo(2)'; allowed: variables x; ...
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string such as 'x^2 + 1', got "
                        f"{type(text).__name__} {_shown(text)}")
    names = _check_variables(variables)
    if len(text) > MAX_LENGTH:
        raise ValueError(f"text too long: {len(text)} characters; allowed: at most {MAX_LENGTH}")
    if not text.strip(_WHITESPACE):
        raise ValueError(f"empty text {text!r}; type a formula such as 'x^2 + 1'")
    table: dict[str, tuple[str, Any]] = {n: ("variable", sympy.Symbol(n)) for n in names}
    table.update({n: ("constant", c) for n, c in _CONSTANTS.items()})
    table.update({n: ("function", n) for n in (*ALLOWED_FUNCTIONS, *FUNCTION_ALIASES)})
    result = _Parser(_tokenize(text, table), text).parse()
    if result.has(*_UNDEFINED):
        raise ValueError(f"undefined value in {_shown(text)}: it contains {result}; allowed: "
                         "expressions with a finite value")
    return result


def _check_expression(expr: Any, names: tuple[str, ...], name: str) -> sympy.Expr:
    if not isinstance(expr, sympy.Expr):
        raise TypeError(f"{name} must be a SymPy expression (e.g. parse_function('x^2')), "
                        f"got {type(expr).__name__} {_shown(expr)}")
    extra = sorted({s.name for s in expr.free_symbols} - set(names))
    if extra:
        raise ValueError(f"{name} uses the symbol(s) {', '.join(extra)}, which are not among "
                         f"the variables {names}; pass them in variables")
    return expr


def as_expression(f: sympy.Expr | str, variables: Sequence[str] = ("x",)) -> sympy.Expr:
    """Return ``f`` as a SymPy expression: parse a string, check an expression.

    Parameters
    ----------
    f : sympy.Expr or str
        An expression (returned unchanged once its symbols are checked) or a formula
        (parsed with :func:`parse_function`).
    variables : sequence of str
        The names ``f`` may use.

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
        return parse_function(f, names)
    if not isinstance(f, sympy.Expr):
        raise TypeError(f"f must be a SymPy expression or a string such as 'x^2 + 1', got "
                        f"{type(f).__name__} {_shown(f)}")
    return _check_expression(f, names, "f")


def to_numpy_function(expr: sympy.Expr,
                      variables: Sequence[str] = ("x",)) -> Callable[..., np.ndarray]:
    """Turn an expression into a vectorised NumPy function returning float arrays.

    The result takes one array-like per variable (in order) and returns a float array of
    their broadcast shape, also for a constant expression. Complex values become NaN, and
    NumPy's overflow and invalid-value warnings are silenced (they give inf and NaN).

    Parameters
    ----------
    expr : sympy.Expr
        An expression whose symbols are among ``variables`` (from :func:`parse_function`
        or written by the programmer; it goes through ``sympy.lambdify``).
    variables : sequence of str
        The argument names, in order.

    Examples
    --------
    >>> f = to_numpy_function(parse_function("x1*x2"), ("x1", "x2"))
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
        arrays = []
        for name, arg in zip(names, args):
            array = np.asarray(arg)
            if not (np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)
                    or array.dtype == bool):
                raise TypeError(f"{name} must be a real number or array of real numbers, "
                                f"got {type(arg).__name__} {_shown(arg)}")
            arrays.append(array.astype(float))
        try:
            with np.errstate(all="ignore"):
                out = np.asarray(raw(*arrays))
        except (OverflowError, ZeroDivisionError) as error:
            raise ValueError(f"cannot evaluate {_shown(expr)} in floating point: {error}") from None
        if np.iscomplexobj(out):
            out = np.where(out.imag == 0, out.real, np.nan)
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
        return np.array(np.broadcast_to(out.astype(float), shape))

    function.__doc__ = f"NumPy version of {expr} with arguments ({', '.join(names)})."
    return function
